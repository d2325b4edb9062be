import { eq, sql } from "drizzle-orm";
import { approvalRequests, driverDiagrams, engagements, intakes, methodDecisions, organisations, proposalVersions, timelines } from "../../db/schema";
import { diagramStatusOf, lintDriverDiagram, type DiagramStatus, type LintContext } from "~/domain/driver-diagram-lint";
import type { Intake } from "~/domain/intake";
import type { Method } from "~/domain/methods";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { stepStatuses, timelineStep, type StepFacts, type StepKey } from "~/domain/steps";
import { reviewStep } from "~/domain/workflow";
import { LRUCache } from "lru-cache";
import { builtQuery, getDb, inIds, qualified, type DB, type Tx } from "~/services/db.server";
import { keptViews } from "~/services/kept-views.server";
import { parsedDriverDiagram } from "./driver-diagram.server";
import { readIntake } from "./intake.server";
import { readDecision, type StoredDecision } from "./method.server";
import { storedBasis, timelineStaleReasons, type OrganisationFacts, type PlanningIntake } from "~/domain/planning-inputs";
import { agreementCovers, overrunStepWords, reachOverruns, timeLimits, type OverrunAgreement } from "~/domain/timeline-constraints";
import { getTimelineVariantTemplates } from "~/services/templates.server";
import { planningInputsNow, readOverrunAgreement } from "./timeline.server";

const engagementId = sql.placeholder("engagementId");

/** What the stepper reads besides the intake and the method, one query built once (every engagement page shows it). */
const stepsQuery = (db: DB) =>
  db
    .select({
      stage: engagements.stage,
      timelineMethod: timelines.method,
      timelineBasis: timelines.basisJson,
      organisationSites: organisations.sites,
      country: organisations.country,
      diagramJson: driverDiagrams.dataJson,
      // Whether the latest version still misses something, without parsing the whole version.
      latestMissing: sql<number | null>`(select coalesce(json_array_length(${qualified(
        proposalVersions.contentJson
      )}, '$.missing'), 0) from ${proposalVersions} where ${qualified(proposalVersions.engagementId)} = ${qualified(engagements.id)} order by ${qualified(
        proposalVersions.number
      )} desc limit 1)`,
      // What the most recent approval request came to, for where the review stands.
      lastRequest: sql<string | null>`(select ${qualified(approvalRequests.status)} from ${approvalRequests} where ${qualified(
        approvalRequests.engagementId
      )} = ${qualified(engagements.id)} order by ${qualified(approvalRequests.id)} desc limit 1)`,
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .leftJoin(timelines, eq(timelines.engagementId, engagements.id))
    .leftJoin(driverDiagrams, eq(driverDiagrams.engagementId, engagements.id))
    .where(eq(engagements.id, engagementId))
    .prepare();

/**
 * Where a stored driver diagram stands, as its own page says (diagramStatusOf over the checker's findings, with the
 * intake's date and priorities), kept by the diagram's text and what it is checked against: a pure function of them.
 */
const diagramStatuses = new LRUCache<string, DiagramStatus>({ max: 500 });

function storedDiagramStatus(dataJson: string, intake: Intake): DiagramStatus {
  const context: LintContext = { intakeAimBy: intake.evidence.aimByWhen, priorities: intake.needs.priorities };
  const key = `${dataJson}\u0000${JSON.stringify(context)}`;
  let status = diagramStatuses.get(key);
  if (status === undefined) diagramStatuses.set(key, (status = diagramStatusOf(lintDriverDiagram(parsedDriverDiagram(dataJson), context))));
  return status;
}

type EngagementSteps = { steps: ReturnType<typeof stepStatuses>; intakePercent: number };

/** The stepper of each engagement, kept while the database is unchanged (docs/decisions/0019): every engagement page shows it. */
const keptSteps = keptViews<EngagementSteps>(100);

/** Where each step of the flow stands, for the stepper, as of the month `today`; shared with other readers: callers only read it. */
export function engagementSteps(id: number, today: string): EngagementSteps {
  return keptSteps.get(`${id}|${today}`, () => stepsNow(id, today), { copy: false });
}

function stepsNow(id: number, today: string): EngagementSteps {
  const db = getDb();
  const intake = readIntake(db, id);
  const decision = readDecision(db, id);
  const completeness = intakeCompleteness(intake.intake);
  const facts: StepFacts = {};
  if (intake.version > 0) {
    facts.intake = completeness.complete ? "complete" : "in_progress";
    facts.fit = "in_progress";
  }
  const row = builtQuery("engagement steps", stepsQuery).get({ engagementId: id });
  // An aim whose date or baseline no longer agrees with the intake needs review (docs/domain.md §6.4, §6.6).
  if (row?.diagramJson) facts["driver-diagram"] = storedDiagramStatus(row.diagramJson, intake.intake);
  const timeline =
    row?.timelineMethod && row.timelineBasis
      ? timelineJudged(
          db,
          {
            method: row.timelineMethod,
            basisJson: row.timelineBasis,
            intake: intake.intake,
            decision,
            organisation: { sites: row.organisationSites ?? 1, country: row.country },
            today,
            agreement: readOverrunAgreement(db, id),
          },
          true
        )
      : null;
  Object.assign(facts, staleness(intake.version, decision, timeline));
  const words: Partial<Record<StepKey, string>> = {};
  if (timeline) {
    const step = timelineStep(timeline.stale, timeline.overrun, timeline.agreed);
    facts.timeline = step.status;
    if (step.words) words.timeline = step.words;
  }
  if (row) {
    const review = reviewStep(row.stage, row.lastRequest);
    facts.review = review.status;
    if (review.words) words.review = review.words;
  }
  if (row && row.latestMissing !== null) facts.proposal = row.latestMissing === 0 ? "complete" : "in_progress";
  return { steps: stepStatuses(facts, words), intakePercent: completeness.percent };
}

/** What the stepper and the portfolio know of one engagement to judge its timeline. */
type TimelineFacts = {
  method: Method;
  basisJson: string;
  intake: PlanningIntake;
  decision: Pick<StoredDecision, "chosen" | "variant" | "openCollaborativeId"> | null;
  organisation: OrganisationFacts;
  today: string;
  /** The partner's agreement to an overrun, for the stepper (read only with `overrun`). */
  agreement?: OverrunAgreement | null;
};

/**
 * Whether a stored timeline is stale, by the Timeline page's own rule (timelineStaleReasons), from the
 * basis kept beside it; with `overrun`, also the stepper's words when the plan runs past the partner's
 * time as it stands (overrunStepWords), which only the stepper says, and whether the partner agreed to
 * it running that far past (agreementCovers).
 */
function timelineJudged(db: DB | Tx, f: TimelineFacts, overrun = false): { stale: boolean; overrun: string | null; agreed: boolean } {
  const basis = storedBasis(f.method, f.basisJson);
  const inputs = planningInputsNow(db, f.intake, f.decision, f.organisation, f.today);
  const limits = timeLimits(inputs);
  const reach = overrun ? basis.reach ?? null : null;
  const words = reach ? overrunStepWords(reach, limits) : null;
  return {
    stale: timelineStaleReasons(basis, inputs, getTimelineVariantTemplates()).length > 0,
    overrun: words,
    agreed: reach !== null && words !== null && agreementCovers(f.agreement, limits, reachOverruns(reach, limits)),
  };
}

/** The steps an earlier change made stale: the method after the intake, the timeline and fit after what the plan is generated from. */
function staleness(intakeVersion: number, decision: { intakeVersion: number } | null | undefined, timeline: { stale: boolean } | null): StepFacts {
  const facts: StepFacts = {};
  if (decision) facts.method = decision.intakeVersion === intakeVersion ? "complete" : "stale";
  if (timeline) {
    // Here only what the plan rests on counts; the stepper adds the partner's time (stepsNow).
    facts.timeline = timelineStep(timeline.stale, null).status;
    facts.fit = timeline.stale ? "stale" : "complete";
  }
  return facts;
}

/**
 * The labels of the stale steps of many engagements at once (the portfolio's), as of the month
 * `today`, from one query: the same rule as engagementSteps, reading only what the plan is generated
 * from (the intake's dates and scale, the organisation, the decision and the timeline's basis), not
 * each engagement's documents.
 */
export function staleStepLabels(db: DB | Tx, engagementIds: number[], today: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const rows = db
    .select({
      id: engagements.id,
      intakeVersion: intakes.version,
      // The three in one parse of the intake, as a JSON array (the stored intake was validated as it was saved).
      planning: sql<string | null>`json_extract(${intakes.dataJson}, '$.scale', '$.evidence.aimByWhen', '$.context.sites')`,
      organisationSites: organisations.sites,
      country: organisations.country,
      chosen: methodDecisions.chosen,
      variant: methodDecisions.variant,
      openCollaborativeId: methodDecisions.openCollaborativeId,
      decisionIntakeVersion: methodDecisions.intakeVersion,
      timelineMethod: timelines.method,
      timelineBasis: timelines.basisJson,
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .leftJoin(intakes, eq(intakes.engagementId, engagements.id))
    .leftJoin(methodDecisions, eq(methodDecisions.engagementId, engagements.id))
    .leftJoin(timelines, eq(timelines.engagementId, engagements.id))
    .where(inIds(engagements.id, engagementIds))
    .all();
  for (const r of rows) {
    const decision =
      r.chosen !== null && r.decisionIntakeVersion !== null
        ? { chosen: r.chosen, variant: r.variant, openCollaborativeId: r.openCollaborativeId, intakeVersion: r.decisionIntakeVersion }
        : null;
    const timeline =
      r.timelineMethod !== null && r.timelineBasis !== null
        ? timelineJudged(db, {
            method: r.timelineMethod,
            basisJson: r.timelineBasis,
            intake: planningIntake(r.intakeVersion === null ? null : r.planning),
            decision,
            organisation: { sites: r.organisationSites ?? 1, country: r.country },
            today,
          })
        : null;
    out.set(
      r.id,
      stepStatuses(staleness(r.intakeVersion ?? 0, decision, timeline))
        .filter((s) => s.status === "stale")
        .map((s) => s.label)
    );
  }
  return out;
}

/** The intake's planning facts from the query's array of them; an engagement with no intake yet has none. */
function planningIntake(planning: string | null): PlanningIntake {
  const [scale, aimByWhen, sites] = planning ? (JSON.parse(planning) as [PlanningIntake["scale"] | null, string | null, number | null]) : [null, null, null];
  return { scale: scale ?? {}, evidence: { aimByWhen: aimByWhen ?? undefined }, context: { sites: sites ?? undefined } };
}
