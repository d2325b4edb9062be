/**
 * The timeline's picture in the partner's documents is described in words for a reader who cannot
 * see it: its span, and the dashed lines it draws for the partner's hard deadline and the month their
 * aim is due (docs/domain.md §8.6), with their dates.
 */
import { describe, expect, it } from "vitest";
import { demoIntake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import type { Block } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate } from "~/services/templates.server";

function timelinePicture(hardDeadline: string | undefined, aimByWhen: string | undefined): string {
  const base = demoIntake();
  const intake = { ...base, scale: { ...base.scale, hardDeadline }, evidence: { ...base.evidence, aimByWhen } };
  const snapshot: EngagementSnapshot = {
    schema: 1,
    date: "2026-11-20",
    engagement: { title: "Northshire patient safety partnership" },
    partner: { name: "Northshire Health System", kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
    intake,
    readiness: assessReadiness(intake, getReadinessTemplate("tailored")),
    method: methodSummary(recommendMethod(intake, getMethodWeights(), { today: "2026-11" }), "tailored", null),
    driverDiagram: null,
    timeline: generateTimeline(getTimelineTemplate("tailored"), {
      start: "2027-03-01",
      horizonMonths: 36,
      hardDeadline,
      aimBy: aimByWhen,
      teams: 14,
      country: "GB",
    }),
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  } as EngagementSnapshot;
  const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Version 1" });
  const blocks = content.sections.flatMap((s) => s.blocks);
  const picture = blocks.find((b): b is Extract<Block, { type: "picture" }> => b.type === "picture" && b.picture === "timeline");
  expect(picture, "the workplan draws the timeline").toBeDefined();
  return picture!.alt;
}

describe("the timeline picture's description", () => {
  it("names the partner's hard deadline and the month their aim is due, as the picture marks them", () => {
    expect(timelinePicture("2028-06-15", "2029-08")).toMatch(
      /^Gantt chart of the timeline from 1 March 2027 to .+\. Dashed lines mark the hard deadline \(15 June 2028\) and the month the aim is due \(August 2029\)\.$/
    );
  });

  it("says only its span when nothing is marked", () => {
    expect(timelinePicture(undefined, undefined)).toMatch(/^Gantt chart of the timeline from 1 March 2027 to \d+ \w+ \d{4}$/);
  });
});
