import { desc, eq, inArray, sql } from "drizzle-orm";
import { engagements, intakes, methodDecisions, proposalVersions, timelines } from "../../db/schema";
import { lintDriverDiagram } from "~/domain/driver-diagram-lint";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { stepStatuses, type StepFacts } from "~/domain/steps";
import { reviewStepStatus } from "~/domain/workflow";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { readDriverDiagram } from "./driver-diagram.server";
import { readIntake } from "./intake.server";
import { readDecision } from "./method.server";

/** Where each step of the flow stands, for the stepper. */
export function engagementSteps(engagementId: number) {
  const db = getDb();
  const intake = readIntake(db, engagementId);
  const decision = readDecision(db, engagementId);
  const completeness = intakeCompleteness(intake.intake);
  const facts: StepFacts = {};
  if (intake.version > 0) {
    facts.intake = completeness.complete ? "complete" : "in_progress";
    facts.fit = "in_progress";
  }
  const diagram = readDriverDiagram(db, engagementId);
  if (diagram) facts["driver-diagram"] = lintDriverDiagram(diagram.diagram).some((f) => f.severity === "error") ? "in_progress" : "complete";
  const timeline = db
    .select({ method: timelines.method, startMonth: timelines.startMonth })
    .from(timelines)
    .where(eq(timelines.engagementId, engagementId))
    .get();
  Object.assign(facts, staleness({ intakeVersion: intake.version, desiredStart: intake.intake.scale.desiredStart, decision, timeline }));
  const latest = db
    .select({ contentJson: proposalVersions.contentJson })
    .from(proposalVersions)
    .where(eq(proposalVersions.engagementId, engagementId))
    .orderBy(desc(proposalVersions.number))
    .get();
  const stage = db.select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, engagementId)).get()?.stage;
  if (stage) facts.review = reviewStepStatus(stage);
  if (latest) facts.proposal = ((JSON.parse(latest.contentJson) as { missing?: unknown[] }).missing?.length ?? 0) === 0 ? "complete" : "in_progress";
  return { steps: stepStatuses(facts), intakePercent: completeness.percent };
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
  for (let i = 0; i < engagementIds.length; i += 500) {
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
      .where(inArray(engagements.id, engagementIds.slice(i, i + 500)))
      .all();
    for (const r of rows) {
      const facts = staleness({
        intakeVersion: r.intakeVersion ?? 0,
        desiredStart: r.intakeVersion === null ? undefined : r.desiredStart,
        decision:
          r.chosen !== null && r.decisionIntakeVersion !== null ? { chosen: r.chosen, intakeVersion: r.decisionIntakeVersion, variant: r.variant } : null,
        timeline: r.timelineMethod !== null && r.timelineStart !== null ? { method: r.timelineMethod, startMonth: r.timelineStart } : null,
      });
      out.set(
        r.id,
        stepStatuses(facts)
          .filter((s) => s.status === "stale")
          .map((s) => s.label)
      );
    }
  }
  return out;
}
