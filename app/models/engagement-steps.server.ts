import { desc, eq } from "drizzle-orm";
import { proposalVersions, timelines } from "../../db/schema";
import { lintDriverDiagram } from "~/domain/driver-diagram";
import { intakeCompleteness } from "~/domain/intake";
import { stepStatuses, type StepFacts } from "~/domain/steps";
import { getDb } from "~/services/db.server";
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
  if (decision) facts.method = decision.intakeVersion === intake.version ? "complete" : "stale";
  const diagram = readDriverDiagram(db, engagementId);
  if (diagram) facts["driver-diagram"] = lintDriverDiagram(diagram.diagram).some((f) => f.severity === "error") ? "in_progress" : "complete";
  const timeline = db
    .select({ method: timelines.method, startMonth: timelines.startMonth })
    .from(timelines)
    .where(eq(timelines.engagementId, engagementId))
    .get();
  if (timeline) {
    const stale = !decision || decision.chosen !== timeline.method || (intake.intake.scale.desiredStart ?? timeline.startMonth) !== timeline.startMonth;
    facts.timeline = stale ? "stale" : "complete";
    facts.fit = stale ? "stale" : "complete";
  }
  const latest = db
    .select({ contentJson: proposalVersions.contentJson })
    .from(proposalVersions)
    .where(eq(proposalVersions.engagementId, engagementId))
    .orderBy(desc(proposalVersions.number))
    .get();
  if (latest) facts.proposal = ((JSON.parse(latest.contentJson) as { missing?: unknown[] }).missing?.length ?? 0) === 0 ? "complete" : "in_progress";
  return { steps: stepStatuses(facts), intakePercent: completeness.percent };
}
