import { eq, sql } from "drizzle-orm";
import { approvalRequests, driverDiagrams, engagements, intakes, methodDecisions, proposalVersions, timelines } from "../../db/schema";
import { lintDriverDiagram } from "~/domain/driver-diagram-lint";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { stepStatuses, type StepFacts, type StepKey } from "~/domain/steps";
import { reviewStep } from "~/domain/workflow";
import { LRUCache } from "lru-cache";
import { builtQuery, getDb, inIds, type DB, type Tx } from "~/services/db.server";
import { parsedDriverDiagram } from "./driver-diagram.server";
import { readIntake } from "./intake.server";
import { readDecision } from "./method.server";

const engagementId = sql.placeholder("engagementId");

/** What the stepper reads besides the intake and the method, one query built once (every engagement page shows it). */
const stepsQuery = (db: DB) =>
  db
    .select({
      stage: engagements.stage,
      timelineMethod: timelines.method,
      timelineStart: timelines.startMonth,
      diagramJson: driverDiagrams.dataJson,
      // Whether the latest version still misses something, without parsing the whole version.
      latestMissing: sql<
        number | null
      >`(select coalesce(json_array_length(${proposalVersions.contentJson}, '$.missing'), 0) from ${proposalVersions} where ${proposalVersions.engagementId} = ${engagements.id} order by ${proposalVersions.number} desc limit 1)`,
      // What the most recent approval request came to, for where the review stands.
      lastRequest: sql<
        string | null
      >`(select ${approvalRequests.status} from ${approvalRequests} where ${approvalRequests.engagementId} = ${engagements.id} order by ${approvalRequests.id} desc limit 1)`,
    })
    .from(engagements)
    .leftJoin(timelines, eq(timelines.engagementId, engagements.id))
    .leftJoin(driverDiagrams, eq(driverDiagrams.engagementId, engagements.id))
    .where(eq(engagements.id, engagementId))
    .prepare();

/** Whether a stored driver diagram has an error, kept by its text: a pure function of it. */
const diagramErrors = new LRUCache<string, boolean>({ max: 500 });

function diagramHasErrors(dataJson: string): boolean {
  let errors = diagramErrors.get(dataJson);
  if (errors === undefined) diagramErrors.set(dataJson, (errors = lintDriverDiagram(parsedDriverDiagram(dataJson)).some((f) => f.severity === "error")));
  return errors;
}

/** Where each step of the flow stands, for the stepper. */
export function engagementSteps(id: number) {
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
  if (row?.diagramJson) facts["driver-diagram"] = diagramHasErrors(row.diagramJson) ? "in_progress" : "complete";
  const timeline = row?.timelineMethod && row.timelineStart ? { method: row.timelineMethod, startMonth: row.timelineStart } : undefined;
  Object.assign(facts, staleness({ intakeVersion: intake.version, desiredStart: intake.intake.scale.desiredStart, decision, timeline }));
  const words: Partial<Record<StepKey, string>> = {};
  if (row) {
    const review = reviewStep(row.stage, row.lastRequest);
    facts.review = review.status;
    if (review.words) words.review = review.words;
  }
  if (row && row.latestMissing !== null) facts.proposal = row.latestMissing === 0 ? "complete" : "in_progress";
  return { steps: stepStatuses(facts, words), intakePercent: completeness.percent };
}

type StalenessInputs = {
  intakeVersion: number;
  desiredStart: string | null | undefined;
  decision: { chosen: string; intakeVersion: number; variant?: string | null } | null | undefined;
  timeline: { method: string; startMonth: string } | null | undefined;
};

/** The steps an earlier change made stale: the method after the intake, the timeline and fit after the method or start. */
function staleness({ intakeVersion, desiredStart, decision, timeline }: StalenessInputs): StepFacts {
  const facts: StepFacts = {};
  if (decision) facts.method = decision.intakeVersion === intakeVersion ? "complete" : "stale";
  if (timeline) {
    // Joining an open collaborative starts prework before its next session, not at the desired start (docs/domain.md §2.5).
    const startMoved = decision?.variant !== "join_open_collaborative" && (desiredStart ?? timeline.startMonth) !== timeline.startMonth;
    const stale = !decision || decision.chosen !== timeline.method || startMoved;
    facts.timeline = stale ? "stale" : "complete";
    facts.fit = stale ? "stale" : "complete";
  }
  return facts;
}

/**
 * The labels of the stale steps of many engagements at once (the portfolio's), from one query: the
 * same rule as engagementSteps, without reading and validating each engagement's documents.
 */
export function staleStepLabels(db: DB | Tx, engagementIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const rows = db
    .select({
      id: engagements.id,
      intakeVersion: intakes.version,
      desiredStart: sql<string | null>`json_extract(${intakes.dataJson}, '$.scale.desiredStart')`,
      chosen: methodDecisions.chosen,
      variant: methodDecisions.variant,
      decisionIntakeVersion: methodDecisions.intakeVersion,
      timelineMethod: timelines.method,
      timelineStart: timelines.startMonth,
    })
    .from(engagements)
    .leftJoin(intakes, eq(intakes.engagementId, engagements.id))
    .leftJoin(methodDecisions, eq(methodDecisions.engagementId, engagements.id))
    .leftJoin(timelines, eq(timelines.engagementId, engagements.id))
    .where(inIds(engagements.id, engagementIds))
    .all();
  for (const r of rows) {
    const facts = staleness({
      intakeVersion: r.intakeVersion ?? 0,
      desiredStart: r.intakeVersion === null ? undefined : r.desiredStart,
      decision: r.chosen !== null && r.decisionIntakeVersion !== null ? { chosen: r.chosen, intakeVersion: r.decisionIntakeVersion, variant: r.variant } : null,
      timeline: r.timelineMethod !== null && r.timelineStart !== null ? { method: r.timelineMethod, startMonth: r.timelineStart } : null,
    });
    out.set(
      r.id,
      stepStatuses(facts)
        .filter((s) => s.status === "stale")
        .map((s) => s.label)
    );
  }
  return out;
}
