import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { METHODS } from "~/domain/methods";
import { partnerTimeFit } from "~/domain/timeline-generate";
import { loadTemplates } from "~/services/templates.server";

/*
 * A national campaign scoped by a new user: 3,000 hospitals, a longest duration of 18 months, the
 * desired start March 2027 and the aim by September 2028, no hard deadline. What the Method page and
 * the proposal say of time must agree with the plan the Timeline page makes of it (docs/domain.md §2.2,
 * §2.3, §8.6).
 */

const templates = loadTemplates();
const weights = templates.methodWeights;
const all = METHODS.map((m) => templates.timelines[m]);

const demo = demoIntake();
const national: Intake = {
  ...demo,
  context: { ...demo.context, partnerKind: "nation", geographyScope: "nation", sites: 3000 },
  evidence: { ...demo.evidence, aimStyle: "bold", wantsPublicMobilisation: "yes", aimByWhen: "2028-09" },
  scale: { expectedSites: 3000, desiredStart: "2027-03", longestDurationMonths: 18 },
  capacity: { ...demo.capacity, projectLeads: "no", canReleaseTeams: "no" },
};
const time = partnerTimeFit(all, 3000, { start: "2027-03", country: "GB", aimBy: "2028-09", horizonMonths: 18, hardDeadline: null });
const ranked = (options = {}) => recommendMethod(national, weights, { today: "2026-12", time, ...options }).ranked;
const campaign = (options = {}) => ranked(options).find((r) => r.method === "campaign")!;

describe("a national campaign's time", () => {
  it("names the day the plan's deadline event is held beside the aim's month, when the deadline to announce is agreed", () => {
    const point = time.methods.campaign!.deadlinePoint!;
    expect(point.date > "2028-09-30").toBe(true);
    const caveat = campaign().caveats.find((c) => c.includes("announce"))!;
    expect(caveat).toContain(`the aim is set for September 2028, but the plan's “${point.label}” is held on`);
    expect(caveat).toMatch(/months? after the aim's month: announce \d+ \w+ \d{4} as the campaign's deadline at the launch, as the plan keeps it/);
    expect(caveat).not.toContain("agree that date as the campaign's deadline");
    // The engagement's own timeline, as the proposal freezes it, names its own day.
    const own = campaign({ plan: { method: "campaign", deadlinePoint: { label: "Deadline event with results", date: "2029-01-02" } } });
    expect(own.caveats).toContain(
      "A campaign needs a bold aim with a fixed, public deadline; the aim is set for September 2028, but the plan's “Deadline event with results” is held on 2 January 2029, 4 months after the aim's month: announce 2 January 2029 as the campaign's deadline at the launch, as the plan keeps it, or shorten the plan to meet September 2028 and announce that."
    );
    // A plan whose deadline event falls in the aim's month: that day is the one to announce.
    const kept = campaign({ plan: { method: "campaign", deadlinePoint: { label: "Deadline event", date: "2028-09-14" } } });
    expect(kept.caveats).toContain(
      "A campaign needs a bold aim with a fixed, public deadline; the aim is set for September 2028, and the plan's “Deadline event” is held on 14 September 2028: agree that day as the campaign's deadline and announce it at the launch."
    );
  });
});
