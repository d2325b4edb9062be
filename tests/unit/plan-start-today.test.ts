/**
 * A desired start in the month under way means as soon as possible (docs/domain.md §8.6): the plan
 * begins on the next working day of the partner's country after today, never on the month's first day
 * already past; the intake refuses a month already past when it is typed.
 */
import { describe, expect, it } from "vitest";
import { datesPassed } from "~/domain/intake";
import { basisOf, firstPlanDay, generateOptions, planningInputs, timelineStaleReasons } from "~/domain/planning-inputs";
import { timelineStart } from "~/domain/timeline";
import { startPassed } from "~/domain/timeline-constraints";
import { generateTimeline } from "~/domain/timeline-generate";
import { getTimelineTemplate, getTimelineVariantTemplates } from "~/services/templates.server";

const intake = (desiredStart: string) => ({
  scale: { desiredStart, longestDurationMonths: 24, expectedSites: 40 },
  evidence: { aimByWhen: "2029-06" },
  context: { sites: 40 },
});
const GB = { sites: 40, country: "GB" };

describe("the first day a plan may begin", () => {
  it("is the next working day after today when the desired start is this month", () => {
    // Monday 7 December 2026: Tuesday.
    expect(firstPlanDay({ start: "2026-12", country: "GB" }, "2026-12-07")).toBe("2026-12-08");
    // Friday 11 December: the Monday after.
    expect(firstPlanDay({ start: "2026-12", country: "GB" }, "2026-12-11")).toBe("2026-12-14");
    // Thursday 24 December, in Britain: Christmas Day, then Boxing Day given on Monday 28.
    expect(firstPlanDay({ start: "2026-12", country: "GB" }, "2026-12-24")).toBe("2026-12-29");
    // With no holiday calendar, weekends only.
    expect(firstPlanDay({ start: "2026-12", country: null }, "2026-12-24")).toBe("2026-12-25");
  });

  it("is not set for a later month, nor for one already past, which are laid out as given", () => {
    expect(firstPlanDay({ start: "2027-01", country: "GB" }, "2026-12-07")).toBeNull();
    expect(firstPlanDay({ start: "2026-10", country: "GB" }, "2026-12-07")).toBeNull();
  });
});

describe("a plan generated in the month it is to start", () => {
  const inputs = planningInputs(intake("2026-12"), "tailored", GB, "2026-12");
  const timeline = generateTimeline(getTimelineTemplate("tailored"), { ...generateOptions(inputs), notBefore: firstPlanDay(inputs, "2026-12-07") });

  it("begins on the next working day, so it never reads as already under way", () => {
    expect(timelineStart(timeline)).toBe("2026-12-08");
    expect(startPassed(timeline, "2026-12-07")).toBeNull();
    // Laid out from the first of the month, it would have begun before today.
    const fromTheFirst = generateTimeline(getTimelineTemplate("tailored"), generateOptions(inputs));
    expect(startPassed(fromTheFirst, "2026-12-07")).toMatchObject({ date: "2026-12-01" });
  });

  it("remembers the start it was asked for and the day it was laid out from, so it needs no review as the days pass", () => {
    expect(timeline.generatedFrom).toMatchObject({ start: "2026-12-01", laidOutFrom: "2026-12-08" });
    const basis = basisOf(timeline);
    expect(timelineStaleReasons(basis, inputs, getTimelineVariantTemplates())).toEqual([]);
    expect(timelineStaleReasons(basis, planningInputs(intake("2026-12"), "tailored", GB, "2027-01"), getTimelineVariantTemplates())).toEqual([]);
    expect(timelineStaleReasons(basis, planningInputs(intake("2027-02"), "tailored", GB, "2026-12"), getTimelineVariantTemplates())).toEqual([
      "The start changed from 1 December 2026 to 1 February 2027.",
    ]);
  });
});

describe("the intake's desired start", () => {
  it("accepts this month, and refuses a month already past when it is typed, saying how to start as soon as possible", () => {
    expect(datesPassed("scale", { desiredStart: "2026-12" }, {}, "2026-12-07")).toEqual({});
    expect(datesPassed("scale", { desiredStart: "2026-11" }, {}, "2026-12-07")).toEqual({
      desiredStart:
        "The desired start cannot be before this month, December 2026: to start as soon as possible, choose this month; the plan then begins on the next working day.",
    });
    // One that passed while the engagement ran stands, saved again as it was.
    expect(datesPassed("scale", { desiredStart: "2026-11" }, { desiredStart: "2026-11" }, "2026-12-07")).toEqual({});
  });
});
