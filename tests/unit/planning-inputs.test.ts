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
  const sites = "The scale changed from 14 to 20 sites or teams.";
  const start = "The start changed from March 2027 to May 2027.";
  const lead =
    "It stays marked for review until it is regenerated: keeping it as it is answers only a change to the partner's time, not to the method, the start, the scale or the partner's country";

  it("names the other changes where the partner's time changed beside them", () => {
    expect(keepRefusedWords([sites, start], true)).toBe(`${lead}. ${sites} ${start}`);
  });

  it("does not repeat them where nothing else changed: the notice above lists them", () => {
    expect(keepRefusedWords([sites], false)).toBe(`${lead}, which the notice above names.`);
  });

  it("says nothing where keeping can answer what changed", () => {
    expect(keepRefusedWords([], true)).toBeNull();
    expect(keepRefusedWords([], false)).toBeNull();
  });
});
