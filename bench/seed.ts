/*
 * Seeds a LARGE database for the benchmarks: 500 engagements spread over every stage and method,
 * each with an intake, a method decision, a generated timeline and a driver diagram; frozen proposal
 * versions for every engagement past draft; 60 staff; 36 months of bookings (confirmed and
 * tentative) that follow the workflow, as the app books them.
 *
 * Rows go in directly with prepared statements in one transaction; the JSON comes from the app's own
 * pure builders (intake, method recommendation, timeline generation, driver diagram start, demand),
 * and versions are frozen with the app's own freezeVersion, so snapshots and content are real.
 *
 *   npx tsx --tsconfig tsconfig.json bench/seed.ts <database file> [<json summary out>]
 *
 * Run with the project root as the working directory (migrations and templates are read from it).
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { addMonthsToMonth } from "~/domain/calendar";
import { demoIntake, type Intake, type Priority } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { METHODS, type Method } from "~/domain/methods";
import { generateTimeline } from "~/domain/timeline-generate";
import { computeDemand, demandParametersFor, oneOrganisationOf } from "~/domain/demand";
import { DriverDiagramSchema } from "~/domain/driver-diagram";
import { startingDiagram, topPriorityTopic } from "~/domain/driver-diagram-start";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import type { ProposalContent } from "~/domain/proposal-content";
import { approvalGate } from "~/domain/workflow";
import { freezeVersion } from "~/models/proposal.server";
import { resourcingOf } from "~/models/approvals.server";
import { openDb, setDb } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";
import { getApprovalThresholds, getDemandParameters, getMethodWeights, getTimelineTemplate, templateForTopic } from "~/services/templates.server";

export const BENCH_TODAY = "2027-01";
export const BENCH_EMAIL = "bench@bench.test";
export const BENCH_PASSWORD = "bench-password-2027";
/** A second partnership manager, who owns and co-owns nothing, so has no notices: the notices page is measured as theirs. */
export const QUIET_EMAIL = "quiet@bench.test";

const ENGAGEMENTS = Number(process.env.BENCH_ENGAGEMENTS ?? 500);
const STAFF = 60;
const FIRST_MONTH = "2026-01";
const LAST_MONTH = "2028-12"; // 36 months of bookings

const file = process.argv[2];
if (!file) throw new Error("usage: seed.ts <database file> [<summary.json>]");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

// A small deterministic generator: the same database every run.
let state = 0x9e3779b9;
function rand(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const started = performance.now();
let lap = started;
const phases: Record<string, number> = {};
function phase(name: string) {
  const now = performance.now();
  phases[name] = Math.round(now - lap);
  lap = now;
}
const db = openDb(file);
setDb(db);
const sqlite = db.$client;

const TOPICS = ["vap", "clabsi", "sepsis", "readmissions", "falls", "pressure_ulcers", "medication_reconciliation", "c_difficile", "access_flow"] as const;
const KINDS = [
  { org: "hospital", partner: "hospital", scope: "organisation", sites: [1, 3] },
  { org: "health_system", partner: "health_system", scope: "system", sites: [4, 25] },
  { org: "region", partner: "region", scope: "region", sites: [6, 30] },
  { org: "nation", partner: "association", scope: "nation", sites: [20, 90] },
] as const;
const PLACES = ["North", "South", "East", "West", "Upper", "Lower", "Greater", "Central", "Coastal", "Valley", "Lake", "River", "Hill", "Forest", "Bay"];
const NAMES = ["mere", "shire", "vale", "ford", "haven", "field", "bridge", "wick", "moor", "dale", "stead", "gate", "holm", "ton", "by"];
const COUNTRIES = ["GB", "IE", "CA", "AU", "NZ", "NO", "DK", "NL", "ZA", "GH", "KE", "SG"];
const ORG_SUFFIX: Record<string, string> = {
  hospital: "Hospital",
  health_system: "Health System",
  region: "Regional Health Authority",
  nation: "Hospital Association",
};

// Stages as a busy portfolio has them: most work in draft, a long tail through review and approval.
const STAGE_PLAN: { stage: "draft" | "shared" | "changes_requested" | "awaiting_approval" | "approved" | "declined"; share: number }[] = [
  { stage: "draft", share: 0.4 },
  { stage: "shared", share: 0.15 },
  { stage: "changes_requested", share: 0.1 },
  { stage: "awaiting_approval", share: 0.1 },
  { stage: "approved", share: 0.2 },
  { stage: "declined", share: 0.05 },
];

function variedIntake(i: number, kind: (typeof KINDS)[number], sites: number, start: string): Intake {
  const base = demoIntake();
  const count = int(1, 3);
  const topics = [...TOPICS].sort(() => rand() - 0.5).slice(0, count);
  const priorities: Priority[] = topics.map((topic, r) => ({
    topic,
    baselineMeasure: `${topic.replace(/_/g, " ")} per 1,000 patient days`,
    baselineValue: Math.round(rand() * 200) / 10,
    baselineDate: `${addMonthsToMonth(start, -int(3, 9))}-28`,
    baselineSource: r === 0 ? "Incident reporting" : "Hospital episode statistics",
  }));
  const duration = int(9, 24);
  return {
    ...base,
    context: {
      ...base.context,
      partnerKind: kind.partner,
      sites,
      population: sites * int(60_000, 180_000),
      geographyScope: kind.scope,
      improvementExperience: pick(["none", "some", "extensive"] as const),
      hasLearningSystem: rand() < 0.3,
      hasImprovementTeam: rand() < 0.7,
      existingWork: `Engagement ${i}: ${pick(["a regional network", "two earlier projects", "a central QI team", "a national register"])} with ${int(
        1,
        12
      )} trained improvers.`,
    },
    needs: { problems: `Harm from ${topics.join(", ").replace(/_/g, " ")} is above the benchmark in ${sites} sites.`, priorities },
    evidence: {
      ...base.evidence,
      priorityEvidence: topics.map((t) => ({
        priority: t,
        changePackage: pick(["yes", "partly", "no"] as const),
        degreeOfBelief: pick(["low", "moderate", "high"] as const),
        brightSpots: pick(["yes", "no", "unsure"] as const),
      })),
      aimHowMuch: `Reduce ${topics[0]!.replace(/_/g, " ")} by ${int(15, 50)}%`,
      aimByWhen: addMonthsToMonth(start, duration),
      aimForWhom: `patients in ${sites} sites`,
      aimStyle: pick(["team", "bold", "system"] as const),
      breadth: count > 1 ? "several" : "focused",
      wantsCapabilityBuilding: pick(["yes", "no"] as const),
      wantsPublicMobilisation: kind.org === "nation" ? pick(["yes", "no"] as const) : "no",
    },
    scale: { expectedSites: sites, desiredStart: start, longestDurationMonths: duration },
    // Regional partners in turn, without drawing from the random sequence: the rest of the portfolio is seeded as before.
    capacity: { ...base.capacity, nodePartners: (["no", "yes", "partly"] as const)[i % 3] },
    budget: { budgetMin: sites * 40_000, budgetMax: sites * 90_000, currency: "USD", budgetSecured: pick(["yes", "partly", "no"] as const) },
  };
}

const ROLES_FTE: [string, number, number][] = [
  ["chair", 0.3, 4],
  ["faculty", 0.6, 16],
  ["improvement_advisor", 0.9, 16],
  ["programme_director", 0.9, 6],
  ["project_manager", 0.9, 8],
  ["data_analyst", 0.9, 6],
  ["campaign_lead", 0.9, 4],
];
const FIRST = [
  "Amara",
  "James",
  "Lena",
  "Rafael",
  "Grace",
  "Hiroshi",
  "Siobhan",
  "Marcus",
  "Fatima",
  "Elena",
  "Tom",
  "Aisha",
  "Daniel",
  "Sarah",
  "Mateo",
  "Priya",
  "Owen",
  "Nadia",
];
const LAST = ["Nwosu", "Whitfield", "Sørensen", "Ortega", "Mbeki", "Tanaka", "Kelly", "Bell", "Al-Sayed", "Petrova", "Richardson", "Khan", "Okoye", "Lindgren"];

phase("open and migrate");
const password = await hashPassword(BENCH_PASSWORD);
phase("hash the bench password");
const NO_LOGIN = "!bench-no-login"; // not a valid hash: these users never sign in

const counts: Record<string, number> = {};
const stageCounts: Record<string, number> = {};
const methodCounts: Record<string, number> = {};
const ids: { id: number; stage: string; method: Method; versions: number }[] = [];
const pictureSources = new Map<Method, { versionId: number; content: ProposalContent }>();
const versionIds: { id: number; method: Method }[] = [];

const insert = {
  org: sqlite.prepare("insert into organisations (name, kind, country, sites, population) values (?, ?, ?, ?, ?)"),
  user: sqlite.prepare("insert into users (email, name, role, organisation_id, password_hash) values (?, ?, ?, ?, ?)"),
  staff: sqlite.prepare("insert into staff (name, role, fte, available_from, available_to, day_rate) values (?, ?, ?, ?, ?, ?)"),
  engagement: sqlite.prepare(
    "insert into engagements (title, organisation_id, owner_id, stage, internal_notes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)"
  ),
  coOwner: sqlite.prepare("insert into engagement_co_owners (engagement_id, user_id) values (?, ?)"),
  intake: sqlite.prepare("insert into intakes (engagement_id, data_json, version, updated_by_id, updated_at) values (?, ?, 1, ?, ?)"),
  decision: sqlite.prepare(
    "insert into method_decisions (engagement_id, recommended, chosen, override_reason, scores_json, intake_version, decided_by_id, decided_at) values (?, ?, ?, ?, ?, 1, ?, ?)"
  ),
  timeline: sqlite.prepare("insert into timelines (engagement_id, method, data_json, version, updated_by_id, updated_at) values (?, ?, ?, 1, ?, ?)"),
  diagram: sqlite.prepare("insert into driver_diagrams (engagement_id, template_key, data_json, version, updated_by_id, updated_at) values (?, ?, ?, 1, ?, ?)"),
  audit: sqlite.prepare("insert into audit_log (at, user_id, action, engagement_id, proposal_version_id, detail_json) values (?, ?, ?, ?, ?, ?)"),
  booking: sqlite.prepare("insert into bookings (engagement_id, proposal_version_id, role, month, fte, status) values (?, ?, ?, ?, ?, ?)"),
  share: sqlite.prepare("update proposal_versions set shared_at = ? where id = ?"),
  stage: sqlite.prepare("update engagements set stage = ? where id = ?"),
  response: sqlite.prepare("insert into partner_responses (proposal_version_id, user_id, response, reason, at) values (?, ?, ?, ?, ?)"),
  comment: sqlite.prepare(
    "insert into comments (engagement_id, proposal_version_id, section_key, author_id, visibility, body, created_at) values (?, ?, ?, ?, ?, ?, ?)"
  ),
  request: sqlite.prepare(
    "insert into approval_requests (engagement_id, proposal_version_id, submitted_by_id, submitted_at, status, required_approvals, conflict_ack_required, gate_reasons_json, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
  ),
  decisionByLeader: sqlite.prepare(
    "insert into approval_decisions (request_id, leader_id, decision, conditions, reason, acknowledged_conflict, at) values (?, ?, ?, ?, ?, ?, ?)"
  ),
};

const params = getDemandParameters();
const thresholds = getApprovalThresholds();

db.transaction((tx) => {
  // People: the bench's own manager (co-owns every engagement, owns none: told what waits for its
  // owners, as a co-owner is), a manager with nothing of their own (no notices), eight managers who
  // own the engagements, three leaders, an administrator.
  const benchId = Number(insert.user.run(BENCH_EMAIL, "Bench Manager", "manager", null, password).lastInsertRowid);
  insert.user.run(QUIET_EMAIL, "Quiet Manager", "manager", null, password);
  const managers = Array.from({ length: 8 }, (_, i) =>
    Number(insert.user.run(`manager${i}@bench.test`, `Manager ${i}`, "manager", null, NO_LOGIN).lastInsertRowid)
  );
  const leaders = Array.from({ length: 3 }, (_, i) =>
    Number(insert.user.run(`leader${i}@bench.test`, `Leader ${i}`, "leader", null, NO_LOGIN).lastInsertRowid)
  );
  insert.user.run("admin@bench.test", "Admin", "admin", null, NO_LOGIN);

  // 60 staff across the roles, some joining or leaving within the 36 months.
  let s = 0;
  while (s < STAFF) {
    for (const [role, fte, weight] of ROLES_FTE) {
      for (let k = 0; k < Math.max(1, Math.round((weight * STAFF) / 60)) && s < STAFF; k++, s++) {
        const from = rand() < 0.15 ? addMonthsToMonth(FIRST_MONTH, int(3, 20)) : null;
        const to = rand() < 0.1 ? addMonthsToMonth(FIRST_MONTH, int(22, 35)) : null;
        insert.staff.run(`${pick(FIRST)} ${pick(LAST)} ${s}`, role, Math.round((fte + (rand() - 0.5) * 0.4) * 10) / 10 || 0.5, from, to, int(800, 2600));
      }
    }
  }

  // Partner organisations, some with several engagements, each with a partner executive.
  const orgs: { id: number; kind: (typeof KINDS)[number]; sites: number; partnerId: number; country: string }[] = [];
  for (let o = 0; o < 260; o++) {
    const kind = KINDS[o % KINDS.length]!;
    const sites = int(kind.sites[0], kind.sites[1]);
    const name = `${pick(PLACES)}${pick(NAMES)} ${ORG_SUFFIX[kind.org]} ${o}`;
    const country = pick(COUNTRIES);
    const id = Number(insert.org.run(name, kind.org, country, sites, sites * int(60_000, 180_000)).lastInsertRowid);
    const partnerId = Number(insert.user.run(`partner${o}@bench.test`, `Partner ${o}`, "partner", id, NO_LOGIN).lastInsertRowid);
    orgs.push({ id, kind, sites, partnerId, country });
  }

  const stages: string[] = [];
  for (const { stage, share } of STAGE_PLAN) for (let k = 0; k < Math.round(share * ENGAGEMENTS); k++) stages.push(stage);
  while (stages.length < ENGAGEMENTS) stages.push("draft");
  stages.length = ENGAGEMENTS;

  for (let i = 0; i < ENGAGEMENTS; i++) {
    const org = orgs[i % orgs.length]!;
    const owner = managers[i % managers.length]!;
    const stage = stages[(i * 7) % ENGAGEMENTS]!; // interleaved, not in blocks
    // Starts from 2025-10 to 2028-03, so demand covers the 36 booked months.
    const start = addMonthsToMonth("2025-10", int(0, 29));
    const intake = variedIntake(i, org.kind, Math.max(1, Math.min(org.sites, int(1, 40))), start);
    const ranking = recommendMethod(intake, getMethodWeights());
    const recommended = ranking.recommended;
    // A spread of methods: the recommendation one time in four, otherwise each method in turn (an override when it differs).
    const method: Method = rand() < 0.25 ? recommended : METHODS[i % METHODS.length]!;
    const created = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000 * 17).toISOString();
    const id = Number(
      insert.engagement.run(
        `${pick(PLACES)} ${topPriorityTopic(intake)?.replace(/_/g, " ") ?? "quality"} partnership ${i}`,
        org.id,
        owner,
        "draft",
        `Internal note ${i}: board keen, procurement wants a fixed price.`,
        created,
        created
      ).lastInsertRowid
    );
    insert.coOwner.run(id, benchId);
    insert.audit.run(created, owner, "engagement.create", id, null, JSON.stringify({ seeded: true }));
    insert.intake.run(id, JSON.stringify(intake), owner, created);
    insert.decision.run(
      id,
      recommended,
      method,
      method === recommended ? null : "Agreed with the partner's board.",
      JSON.stringify(ranking.ranked.map((r) => ({ method: r.method, score: r.score }))),
      owner,
      created
    );
    insert.audit.run(created, owner, method === recommended ? "method.accept" : "method.override", id, null, JSON.stringify({ recommended, chosen: method }));
    const timeline = generateTimeline(getTimelineTemplate(method), {
      start: intake.scale.desiredStart!,
      horizonMonths: intake.scale.longestDurationMonths ?? null,
      hardDeadline: intake.scale.hardDeadline ?? null,
      aimBy: intake.evidence.aimByWhen ?? null,
      teams: intake.scale.expectedSites ?? 1,
      // Made for the partner's country, as the app makes it: its events avoid that country's public holidays.
      country: org.country,
    });
    insert.timeline.run(id, method, JSON.stringify(timeline), owner, created);
    insert.audit.run(created, owner, "timeline.generate", id, null, JSON.stringify({ method, start: timeline.generatedFrom.start }));
    const template = templateForTopic(topPriorityTopic(intake));
    insert.diagram.run(id, template.key, JSON.stringify(DriverDiagramSchema.parse(startingDiagram(template, intake))), owner, created);
    insert.audit.run(created, owner, "driver_diagram.start", id, null, JSON.stringify({ templateKey: template.key }));

    stageCounts[stage] = (stageCounts[stage] ?? 0) + 1;
    methodCounts[method] = (methodCounts[method] ?? 0) + 1;
    let versions = 0;
    if (stage !== "draft") {
      // Frozen with the app's own code, as of a date in the engagement's life.
      const at = new Date(Date.parse(created) + 20 * 86_400_000).toISOString();
      const book = (versionId: number, status: "tentative" | "confirmed") => {
        sqlite.prepare("delete from bookings where engagement_id = ?").run(id);
        for (const d of computeDemand(
          timeline,
          { method, teams: timeline.generatedFrom.teams },
          demandParametersFor(params, intake.capacity, oneOrganisationOf(intake, org.sites))
        )) {
          if (d.fte <= 0 || d.month < FIRST_MONTH || d.month > LAST_MONTH) continue;
          insert.booking.run(id, versionId, d.role, d.month, Math.round(d.fte * 1000) / 1000, status);
        }
      };
      let v = freezeVersion(tx, owner, id, at.slice(0, 10), BENCH_TODAY, at);
      versions = 1;
      if (stage === "changes_requested" || (stage !== "shared" && rand() < 0.25)) {
        // The partner asked for changes to version 1; some went on to a version 2.
        insert.share.run(at, v.id);
        const later = new Date(Date.parse(at) + 3 * 86_400_000).toISOString();
        insert.response.run(v.id, org.partnerId, "changes_requested", "Please start after our winter pressures.", later);
        insert.comment.run(id, v.id, "workplan", org.partnerId, "partner", "Could the first learning session move to late January?", later);
        if (stage !== "changes_requested") {
          v = freezeVersion(tx, owner, id, later.slice(0, 10), BENCH_TODAY, later);
          versions = 2;
        }
      }
      if (!pictureSources.has(method) && Object.keys(v.content.pictureSources ?? {}).length)
        pictureSources.set(method, { versionId: v.id, content: v.content });
      if (stage === "shared" || stage === "changes_requested") {
        insert.share.run(at, v.id);
        insert.audit.run(at, owner, "proposal.share", id, v.id, JSON.stringify({ number: v.number }));
        book(v.id, "tentative");
      } else {
        const snapshot = JSON.parse(
          (sqlite.prepare("select snapshot_json as s from proposal_versions where id = ?").get(v.id) as { s: string }).s
        ) as EngagementSnapshot;
        const gate = approvalGate(resourcingOf(snapshot), thresholds);
        const decided = stage === "awaiting_approval" ? null : new Date(Date.parse(at) + 4 * 86_400_000).toISOString();
        const status = stage === "awaiting_approval" ? "pending" : stage === "approved" ? "approved" : "declined";
        const requestId = Number(
          insert.request.run(
            id,
            v.id,
            owner,
            at,
            status,
            gate.requiredApprovals,
            gate.conflictAcknowledgementRequired ? 1 : 0,
            JSON.stringify(gate.reasons),
            decided
          ).lastInsertRowid
        );
        insert.audit.run(at, owner, "approval.submit", id, v.id, JSON.stringify({ number: v.number, requestId }));
        if (decided) {
          for (const leader of leaders.slice(0, stage === "approved" ? gate.requiredApprovals : 1)) {
            insert.decisionByLeader.run(
              requestId,
              leader,
              stage === "approved" ? "approve" : "decline",
              "",
              stage === "approved" ? "" : "Not this year.",
              gate.conflictAcknowledgementRequired ? 1 : 0,
              decided
            );
          }
        }
        if (stage === "awaiting_approval") book(v.id, "tentative");
        if (stage === "approved") book(v.id, "confirmed");
      }
      insert.stage.run(stage, id);
      versionIds.push({ id: v.id, method });
    }
    ids.push({ id, stage, method, versions });
  }
});

phase("rows, versions and bookings (one transaction)");

// Pictures stored with the versions. One version per method is drawn with mermaid in Chromium (the
// app's own renderer); its pictures are stored with every version of that method, so the table has
// the rows and bytes a real portfolio would.
const pictures: { drawn: Method[]; error?: string; seconds: number } = { drawn: [], seconds: 0 };
if (process.env.BENCH_NO_PICTURES !== "1") {
  const t0 = performance.now();
  try {
    const { renderMermaid } = await import("~/services/mermaid-render.server");
    const { closeBrowser } = await import("~/services/browser.server");
    const store = sqlite.prepare("insert or ignore into proposal_pictures (proposal_version_id, picture, svg, png, width, height) values (?, ?, ?, ?, ?, ?)");
    for (const [method, { content }] of pictureSources) {
      const drawn: { key: string; svg: string; png: Uint8Array; width: number; height: number }[] = [];
      for (const [key, source] of Object.entries(content.pictureSources)) {
        const p = await renderMermaid(source, { kind: key === "timeline" ? "gantt" : "flowchart" });
        drawn.push({ key, ...p });
      }
      sqlite.transaction(() => {
        for (const v of versionIds.filter((x) => x.method === method)) {
          for (const p of drawn) store.run(v.id, p.key, p.svg, Buffer.from(p.png), p.width, p.height);
        }
      })();
      pictures.drawn.push(method);
    }
    await closeBrowser();
  } catch (e) {
    pictures.error = (e as Error).message.split("\n")[0];
  }
  pictures.seconds = (performance.now() - t0) / 1000;
}

phase("pictures");
sqlite.pragma("wal_checkpoint(TRUNCATE)");
sqlite.exec("analyze");
for (const table of [
  "engagements",
  "organisations",
  "users",
  "staff",
  "intakes",
  "timelines",
  "driver_diagrams",
  "proposal_versions",
  "proposal_pictures",
  "bookings",
  "audit_log",
  "approval_requests",
  "partner_responses",
  "comments",
]) {
  counts[table] = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}
const bookingSpan = sqlite
  .prepare(
    "select min(month) as first, max(month) as last, count(distinct month) as months, sum(status = 'confirmed') as confirmed, sum(status = 'tentative') as tentative from bookings"
  )
  .get();
sqlite.close();
phase("checkpoint, analyze, count");

const summary = {
  file,
  today: BENCH_TODAY,
  email: BENCH_EMAIL,
  password: BENCH_PASSWORD,
  quietEmail: QUIET_EMAIL,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  phasesMs: phases,
  sizeMB: Math.round((fs.statSync(file).size / 1048576) * 10) / 10,
  counts,
  stages: stageCounts,
  methods: methodCounts,
  bookings: bookingSpan,
  pictures,
  engagements: ids,
};
if (process.argv[3]) fs.writeFileSync(process.argv[3], JSON.stringify(summary));
console.log(JSON.stringify({ ...summary, engagements: ids.length }));
process.exit(0);
