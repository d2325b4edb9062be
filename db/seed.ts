import { asc, eq, isNotNull, sql } from "drizzle-orm";
import { auditLog, engagements, organisations, users } from "./schema";
import type { DB, Tx } from "../app/services/db.server";
import { hashPassword } from "../app/services/password.server";
import { writeAudit } from "../app/services/audit.server";
import { demoIntake } from "../app/domain/intake";
import type { Actor } from "../app/domain/roles";
import { writeIntake } from "../app/models/intake.server";
import { writeDecision } from "../app/models/method.server";
import { recommendMethod } from "../app/domain/method-recommendation";
import { generateTimeline } from "../app/domain/timeline-generate";
import { renameTimelineItem, writeNewTimeline } from "../app/models/timeline.server";
import { writeDemoDriverDiagram } from "../app/models/driver-diagram.server";
import { getMethodWeights, getTimelineTemplate } from "../app/services/templates.server";
import { currentMonth } from "../app/services/clock.server";
import { seedOpenCollaboratives, seedOrganisationProfile, seedRoster } from "./seed-planning";
import {
  insertOrganisation,
  portfolioIntakes,
  seedChangesRequested,
  seedOneSiteEngagement,
  seedOptions,
  seedShared,
  seedSubmitted,
  seedWorkedEngagement,
} from "./seed-stages";

export const DEMO_PASSWORD = "planner-demo-2026";

export const DEMO_LOGINS = [
  { email: "manager@demo.test", name: "Maya Okafor", role: "manager", org: null, what: "partnership manager" },
  { email: "leader@demo.test", name: "Daniel Reyes", role: "leader", org: null, what: "leadership" },
  { email: "leader2@demo.test", name: "Priya Raman", role: "leader", org: null, what: "leadership (second approver)" },
  { email: "admin@demo.test", name: "Sam Lindqvist", role: "admin", org: null, what: "administrator" },
  { email: "partner@demo.test", name: "Helen Marsh", role: "partner", org: "Northshire Health System", what: "executive, Northshire Health System" },
  {
    email: "partner2@demo.test",
    name: "Tomas Varga",
    role: "partner",
    org: "Eastmere Regional Health Authority",
    what: "executive, Eastmere Regional Health Authority",
  },
] as const;

const DEMO_ORGANISATIONS = [
  { name: "Northshire Health System", kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
  { name: "Eastmere Regional Health Authority", kind: "region", country: "IE", sites: 9, population: 850_000 },
] as const;

/** True when the database has never been seeded or used. */
export function isEmpty(db: DB): boolean {
  return (db.get<{ n: number }>(sql`select count(*) as n from users`)?.n ?? 0) === 0;
}

/** Fills a new database with the demo organisations, logins and worked engagement. Never runs twice. */
export async function seedDemo(db: DB): Promise<boolean> {
  if (!isEmpty(db)) return false;
  const hashes = await Promise.all(DEMO_LOGINS.map(() => hashPassword(DEMO_PASSWORD)));
  const seededAt = new Date().toISOString();
  db.transaction((tx) => {
    if ((tx.get<{ n: number }>(sql`select count(*) as n from users`)?.n ?? 0) > 0) return;
    const orgIds = new Map<string, number>();
    for (const org of DEMO_ORGANISATIONS) {
      orgIds.set(org.name, tx.insert(organisations).values(org).returning({ id: organisations.id }).get().id);
    }
    const userIds = new Map<string, number>();
    DEMO_LOGINS.forEach((login, i) => {
      const id = tx
        .insert(users)
        .values({
          email: login.email,
          name: login.name,
          role: login.role,
          organisationId: login.org ? orgIds.get(login.org)! : null,
          passwordHash: hashes[i]!,
        })
        .returning({ id: users.id })
        .get().id;
      userIds.set(login.email, id);
    });
    const managerId = userIds.get("manager@demo.test")!;
    const engagementId = tx
      .insert(engagements)
      .values({
        title: "Northshire patient safety partnership",
        organisationId: orgIds.get("Northshire Health System")!,
        ownerId: managerId,
        internalNotes: "Board keen to start in spring 2027; procurement wants a fixed-price proposal.",
      })
      .returning({ id: engagements.id })
      .get().id;
    writeAudit(tx, { userId: managerId, action: "engagement.create", engagementId, detail: { seeded: true } });
    const manager: Actor = { id: managerId, role: "manager", organisationId: null };
    const intake = demoIntake();
    writeIntake(tx, manager, engagementId, intake, 0);
    const today = currentMonth();
    const method = recommendMethod(intake, getMethodWeights(), { today }).recommended;
    writeDecision(tx, manager, engagementId, { chosen: method, overrideReason: null, intakeVersion: 1, decisionVersion: 0 }, today);
    writeNewTimeline(
      tx,
      manager,
      engagementId,
      generateTimeline(getTimelineTemplate(method), {
        start: intake.scale.desiredStart!,
        horizonMonths: intake.scale.longestDurationMonths ?? null,
        hardDeadline: intake.scale.hardDeadline ?? null,
        aimBy: intake.evidence.aimByWhen ?? null,
        teams: intake.scale.expectedSites ?? intake.context.sites ?? 1,
        country: DEMO_ORGANISATIONS.find((o) => o.name === "Northshire Health System")!.country,
      })
    );
    writeDemoDriverDiagram(tx, manager, engagementId, intake);
    seedRoster(tx);
    seedOpenCollaboratives(tx, today);
    seedOrganisationProfile(tx);

    // A portfolio with an engagement at each stage. Versions' pictures are drawn once the server is up.
    const intakes = portfolioIntakes();
    const [leaderId, leader2Id] = [userIds.get("leader@demo.test")!, userIds.get("leader2@demo.test")!];
    const westvale = seedWorkedEngagement(tx, manager, {
      title: "Westvale pressure ulcer collaborative",
      organisationId: insertOrganisation(tx, {
        name: "Westvale Health Partnership",
        kind: "health_system",
        country: "AU",
        sites: 18,
        population: 1_400_000,
      }),
      intake: intakes.westvale,
    });
    seedSubmitted(tx, managerId, westvale, "2026-08-20T09:00:00.000Z", {
      leaderIds: [leaderId, leader2Id],
      conditions: "Faculty for Learning Session 3 confirmed before the collaborative starts.",
    });
    const kestrel = seedWorkedEngagement(tx, manager, {
      title: "National sepsis campaign",
      organisationId: insertOrganisation(tx, {
        name: "Kestrel Hospital Association",
        // A national association of hospitals: its intake's reach is the nation, its kind an association.
        kind: "association",
        country: "NZ",
        sites: 60,
        population: 5_100_000,
      }),
      intake: intakes.kestrel,
      method: "campaign",
      overrideReason: "The association's members want a public, voluntary campaign with a national deadline, as their board has announced.",
    });
    seedSubmitted(tx, managerId, kestrel, "2026-11-18T14:00:00.000Z");
    const eastmere = seedWorkedEngagement(tx, manager, {
      title: "Eastmere safer transitions programme",
      organisationId: orgIds.get("Eastmere Regional Health Authority")!,
      intake: intakes.eastmere,
    });
    seedChangesRequested(
      tx,
      managerId,
      userIds.get("partner2@demo.test")!,
      eastmere,
      "2026-10-28T11:00:00.000Z",
      "Please start after our winter pressures and include the two community hospitals."
    );
    // Eastmere's next version offers a choice: the programme as planned, or a leaner one with its learning sessions online.
    seedOptions(tx, managerId, eastmere, [
      {
        name: "Core",
        scope: "The programme as planned: every site from the start, learning sessions in person.",
        leavesOut: "Training the authority's own improvement advisors.",
        levers: {},
      },
      {
        name: "Virtual",
        scope: "The same programme with its learning sessions held online and faculty time trimmed.",
        leavesOut: "In-person learning sessions, and some faculty coaching.",
        levers: { virtualSessions: true, fewerFacultyDays: true },
      },
    ]);
    const riverside = tx
      .insert(engagements)
      .values({
        title: "Riverside medication safety",
        organisationId: insertOrganisation(tx, { name: "Riverside Children's Hospital", kind: "hospital", country: "CA", sites: 1, population: 300_000 }),
        ownerId: managerId,
      })
      .returning({ id: engagements.id })
      .get().id;
    writeAudit(tx, { userId: managerId, action: "engagement.create", engagementId: riverside, detail: { seeded: true } });
    writeIntake(tx, manager, riverside, intakes.riverside, 0);

    // Northshire's first version, shared with its executives for review; an edit since, so that a
    // version 2 has something to say that version 1 does not.
    seedShared(tx, managerId, engagementId, "2026-11-20T10:30:00.000Z");
    renameTimelineItem(tx, manager, engagementId, "final_report", "Final report, spread plan and board presentation");

    // Last, so that the engagements above keep their ids: one hospital asking for help now, joining an open collaborative.
    seedOneSiteEngagement(tx, manager, today);
    backdateFirstSteps(tx, seededAt);
  });
  return true;
}

/**
 * The demo's stories happened before today: an engagement shared on 20 November was started before
 * then. Seeding writes each engagement's first steps (its creation, intake, method, timeline and the
 * version it freezes) now, and its dated events (a sharing, a submission) as they happened, so the
 * steps written before an engagement's first dated event are moved, in their order, to the days
 * before it, one a day, and the engagement's start with the first of them. An engagement with no dated event keeps today.
 */
function backdateFirstSteps(tx: Tx, seededAt: string) {
  const rows = tx
    .select({ id: auditLog.id, at: auditLog.at, engagementId: auditLog.engagementId })
    .from(auditLog)
    .where(isNotNull(auditLog.engagementId))
    .orderBy(asc(auditLog.id))
    .all();
  for (const engagementId of new Set(rows.map((r) => r.engagementId!))) {
    const own = rows.filter((r) => r.engagementId === engagementId);
    const dated = own.find((r) => r.at < seededAt);
    if (!dated) continue;
    const before = own.filter((r) => r.id < dated.id);
    // A working day's worth of steps a day, the first of them the day the engagement was started.
    const daysBefore = (n: number) => new Date(Date.parse(dated.at) - n * 86_400_000).toISOString();
    before.forEach((r, i) =>
      tx
        .update(auditLog)
        .set({ at: daysBefore(before.length - i) })
        .where(eq(auditLog.id, r.id))
        .run()
    );
    // Last changed when its latest step was taken, as the list sorts by it, not the day the database was seeded.
    const last = [...own.filter((r) => r.id >= dated.id).map((r) => r.at)].sort().at(-1)!;
    tx.update(engagements)
      .set({ createdAt: daysBefore(before.length), updatedAt: last })
      .where(eq(engagements.id, engagementId))
      .run();
  }
}
