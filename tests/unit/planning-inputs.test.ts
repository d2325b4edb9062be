import { describe, expect, it } from "vitest";
import { basisOf, generateOptions, keepRefusedWords, planChanges, planningInputs, timelineStaleReasons } from "~/domain/planning-inputs";
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

describe("what keeping a timeline as it is cannot answer", () => {
  const timeline = generateTimeline(getTimelineTemplate("collaborative"), generateOptions(inputs));
  const changes = (now: typeof inputs) => planChanges(timeline, now, getTimelineVariantTemplates());

  it("is nothing when only the partner's time changed", () => {
    const shorter = planningInputs({ ...intake, scale: { ...intake.scale, longestDurationMonths: 12 } }, "collaborative", organisation, "2026-12");
    expect(reasons(shorter).join(" ")).toMatch(/longest duration/);
    expect(changes(shorter)).toEqual([]);
  });

  it("is each change to what the plan is generated from, the partner's time left out", () => {
    const both = planningInputs(
      { ...intake, scale: { ...intake.scale, longestDurationMonths: 12, expectedSites: 20, desiredStart: "2027-05" } },
      "collaborative",
      organisation,
      "2026-12"
    );
    const said = changes(both);
    expect(said.join(" ")).toMatch(/The scale changed from 14 to 20 sites or teams\./);
    expect(said.join(" ")).toMatch(/The start changed/);
    expect(said.join(" ")).not.toMatch(/longest duration/);
    expect(reasons(both).length).toBe(said.length + 1);
  });
});

describe("why a timeline cannot be kept as it is, in the page's words", () => {
  const time = "The partner's longest duration changed from 18 to 12 months.";
  const sites = "The scale changed from 14 to 20 sites or teams.";
  const start = "The start changed from March 2027 to May 2027.";

  it("names the changes to what the plan is generated from where the partner's time changed beside them", () => {
    expect(keepRefusedWords([sites, start], [time, sites, start])).toBe(
      `It stays marked for review until it is regenerated: keeping it as it is answers only a change to the partner's time, not these changes to what the plan is generated from. ${sites} ${start}`
    );
    expect(keepRefusedWords([sites], [time, sites])).toMatch(/not this change to what the plan is generated from\. The scale changed/);
  });

  it("does not repeat them where nothing else changed: the notice above lists them", () => {
    expect(keepRefusedWords([sites], [sites])).toBe(
      "It stays marked for review until it is regenerated: keeping it as it is answers only a change to the partner's time, and what changed here is what the plan is generated from."
    );
  });
});
