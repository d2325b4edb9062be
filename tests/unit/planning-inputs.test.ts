import { describe, expect, it } from "vitest";
import { basisOf, generateOptions, planningInputs, timelineStaleReasons } from "~/domain/planning-inputs";
import { generateTimeline } from "~/domain/timeline-generate";
import { getTimelineTemplate, getTimelineVariantTemplates } from "~/services/templates.server";

const intake = {
  scale: { desiredStart: "2027-03", longestDurationMonths: 18, expectedSites: 14 },
  evidence: { aimByWhen: "2028-08" },
  context: { sites: 14 },
};
const organisation = { sites: 14, country: "GB" };
const inputs = planningInputs(intake, "collaborative", organisation, "2026-12");
const stored = basisOf(generateTimeline(getTimelineTemplate("collaborative"), generateOptions(inputs)));
const reasons = (now: typeof inputs) => timelineStaleReasons(stored, now, getTimelineVariantTemplates());

describe("when a timeline needs review", () => {
  it("never, while what it was made from stands, however the months pass", () => {
    expect(reasons(inputs)).toEqual([]);
    expect(reasons(planningInputs(intake, "collaborative", organisation, "2027-02"))).toEqual([]);
  });

  it("names each fact that changed, in the intake's words", () => {
    const changed = planningInputs(
      { ...intake, scale: { ...intake.scale, longestDurationMonths: 12, expectedSites: 20 } },
      "collaborative",
      { ...organisation, country: "NZ" },
      "2026-12"
    );
    expect(reasons(changed)).toEqual([
      "The partner's longest duration changed from 18 to 12 months.",
      "The scale changed from 14 to 20 sites or teams.",
      "The partner's country changed from United Kingdom to New Zealand: its working days and public holidays differ.",
    ]);
  });

  it("says a longest duration of one month in the singular", () => {
    const one = planningInputs({ ...intake, scale: { ...intake.scale, longestDurationMonths: 1 } }, "collaborative", organisation, "2026-12");
    expect(reasons(one)).toEqual(["The partner's longest duration changed from 18 to 1 month."]);
  });

  it("when the method is no longer chosen, or the plan's form of it changed", () => {
    expect(reasons({ ...inputs, method: null })).toEqual(["No method is chosen; the timeline was made for Breakthrough Series collaborative."]);
    expect(reasons({ ...inputs, variant: "join_open_collaborative" })).toEqual([expect.stringMatching(/^The plan changed from the full method to .+\.$/)]);
  });
});
