import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { METHODS } from "~/domain/methods";
import { checkTime, timeLimits } from "~/domain/timeline-constraints";
import { generateTimeline, methodLengths, partnerTimeFit } from "~/domain/timeline-generate";
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
      "A campaign needs a bold aim with a fixed, public deadline; the aim is set for September 2028, but the plan's “Deadline event with results” is held on 2 January 2029, 3 months after the aim's month: announce 2 January 2029 as the campaign's deadline at the launch, as the plan keeps it, or shorten the plan to meet September 2028 and announce that."
    );
    // Counted as the time check counts it, from the last day of the aim's month: the risks say "3 months" of the same day.
    const generated = campaign().caveats.find((c) => c.includes("announce"))!;
    const check = checkTime(
      generateTimeline(templates.timelines.campaign, { start: "2027-03", teams: 3000, country: "GB", aimBy: "2028-09" }),
      timeLimits({ aimBy: "2028-09", horizonMonths: 18, hardDeadline: null })
    );
    const after = /held on [^,]+, (\d+ months?) after the aim's month/.exec(generated)![1]!;
    expect(JSON.stringify(check)).toContain(`${after} after the date the aim names`);
    // A plan whose deadline event falls in the aim's month: that day is the one to announce.
    const kept = campaign({ plan: { method: "campaign", deadlinePoint: { label: "Deadline event", date: "2028-09-14" } } });
    expect(kept.caveats).toContain(
      "A campaign needs a bold aim with a fixed, public deadline; the aim is set for September 2028, and the plan's “Deadline event” is held on 14 September 2028: agree that day as the campaign's deadline and announce it at the launch."
    );
  });

  it("weighs a campaign's duration by its whole plan, as the longest duration counts it, and says so", () => {
    const duration = campaign().contributions.find((c) => c.criterion === "duration")!;
    // 18 months from the desired start to the end of all the work leave a campaign's 28-month plan 8 for its launch to its deadline.
    expect(duration.direction).toBe("against");
    expect(duration.reason).toContain(
      "The 18 months count from the desired start to the end of all the work: a campaign's design and sustain period takes 10 of them, leaving 8 for the campaign from its launch to its deadline (its whole plan needs at least 28 months)."
    );
    // A collaborative's plan leaves its core more of the same 18 months.
    const collaborative = ranked()
      .find((r) => r.method === "collaborative")!
      .contributions.find((c) => c.criterion === "duration")!;
    expect(collaborative.direction).toBe("for");
    // With two to three years in all, the campaign's whole plan has room for its 18 to 24 months again.
    const longer = recommendMethod({ ...national, scale: { ...national.scale, longestDurationMonths: 30 } }, weights, {
      today: "2026-12",
      time: partnerTimeFit(all, 3000, { start: "2027-03", country: "GB", aimBy: "2028-09", horizonMonths: 30, hardDeadline: null }),
    }).ranked.find((r) => r.method === "campaign")!;
    expect(longer.contributions.find((c) => c.criterion === "duration")!.direction).toBe("for");
  });

  it("runs a collaborative's 19 waves for 3,000 sites side by side, and says so wherever its time is judged: one collaborative's months, each wave's sessions", () => {
    const collaborative = ranked().find((r) => r.method === "collaborative")!;
    // Read as nineteen waves side by side, in one collaborative's time, with our staff for each wave's sessions.
    expect(collaborative.caveats).toContain(
      "3,000 teams is more than the 160 an IHI collaborative has held: run it in 19 waves of up to 160 teams each, side by side, each wave with its own learning sessions and calls, as the plan does: it takes one collaborative's time (at least 11 months in all), and our faculty and project manager for 19 sets of sessions, our chair leading the first wave's and one of each other wave's faculty its own; or reach the sites through a campaign's regional nodes."
    );
    expect(collaborative.contributions.find((c) => c.criterion === "sites")!.reason).toContain(
      "these sites would take 19 waves of up to 160 teams each, side by side, each wave with its own learning sessions and faculty."
    );
    expect(JSON.stringify(collaborative)).not.toMatch(/seven waves|of 160 teams,|each wave of 6 to 15 months/);
    // The campaign's time check offers the collaborative on its plan, waves and all: their months are one plan's.
    const at = { start: "2027-03", country: "GB", aimBy: "2028-09", horizonMonths: 18, hardDeadline: null };
    const plan = generateTimeline(templates.timelines.campaign, { ...at, teams: 3000 });
    const check = checkTime(plan, timeLimits(at), methodLengths(all, 3000, { ...at, start: "2027-03-01" }), { today: "2026-12" });
    const another = check.choices.find((c) => c.kind === "another_method")!.text;
    expect(another).toContain("a collaborative needs at least 11 months in all (19 waves of up to 160 teams each, side by side), of which at least 6 run from");
    expect(another).toMatch(/Each is within the partner's time\.$|That is within the partner's time\.$/);
    // The collaborative's own plan says its time is its waves', side by side.
    const own = checkTime(generateTimeline(templates.timelines.collaborative, { ...at, teams: 3000 }), timeLimits(at));
    expect(own.holds).toBe(true);
    expect(own.summary).toMatch(
      /^The plan keeps the partner's time: \d+ months in all for its 19 waves of up to 160 teams each, side by side, within the longest duration of 18 months;/
    );
    // A plan that runs over says the same of its months.
    const short = timeLimits({ ...at, horizonMonths: 9 });
    const over = checkTime(generateTimeline(templates.timelines.collaborative, { ...at, horizonMonths: 9, teams: 3000 }), short);
    expect(over.summary).toMatch(
      /over the partner's longest duration of 9 months \(\d+ months in all, planning included, for its 19 waves of up to 160 teams each, side by side\)/
    );
  });
});
