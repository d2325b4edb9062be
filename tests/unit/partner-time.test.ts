import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod, type PartnerTimeFit } from "~/domain/method-recommendation";
import { methodSummary } from "~/domain/proposal-snapshot";
import { METHODS, type Method } from "~/domain/methods";
import { checkTime, overrunRisk, partnerTime, timeLimits } from "~/domain/timeline-constraints";
import { generateTimeline, methodLengths, partnerTimeFit } from "~/domain/timeline-generate";
import { loadTemplates } from "~/services/templates.server";
import { tailoredRegion } from "../helpers/intake";

const templates = loadTemplates();
const weights = templates.methodWeights;
const all = METHODS.map((m) => templates.timelines[m]);

/** Each method at a start within the partner's time, judged as its own generated timeline would be. */
function timeFit(at: { start: string; horizonMonths?: number | null; hardDeadline?: string | null }, teams = 14): PartnerTimeFit {
  return partnerTimeFit(all, teams, { country: "GB", aimBy: null, horizonMonths: null, hardDeadline: null, ...at });
}

/** A partner whose situation alone favours each method in turn (docs/domain.md §2.1). */
const favouring: Record<Method, Intake> = (() => {
  const demo = demoIntake();
  const region = tailoredRegion(demo);
  const nation: Intake = {
    ...demo,
    context: { ...demo.context, partnerKind: "association", geographyScope: "nation", sites: 420 },
    evidence: { ...demo.evidence, aimStyle: "bold", wantsPublicMobilisation: "yes" },
    scale: { expectedSites: 400, desiredStart: "2027-03" },
    capacity: { ...demo.capacity, projectLeads: "no", canReleaseTeams: "no" },
  };
  return { collaborative: { ...demo, scale: { expectedSites: 14, desiredStart: "2027-03" } }, campaign: nation, tailored: region };
})();

const withTime = (i: Intake, scale: Partial<Intake["scale"]>): Intake => ({ ...i, scale: { ...i.scale, ...scale } });

describe("the partner's time in the recommendation (docs/domain.md §2.2)", () => {
  it("each method leads on the partner's situation alone, when the partner gives no time", () => {
    for (const m of METHODS) expect(recommendMethod(favouring[m], weights, { time: timeFit({ start: "2027-03" }) }).recommended, m).toBe(m);
  });

  it("never puts first a method whose plan cannot keep the partner's time when another's can: 11 months rules out a campaign and a tailored initiative", () => {
    const limits = { horizonMonths: 14, hardDeadline: "2028-02-04" };
    const time = timeFit({ start: "2027-03", ...limits });
    expect(Object.fromEntries(METHODS.map((m) => [m, time.methods[m]!.keeps]))).toEqual({ collaborative: true, campaign: false, tailored: false });
    for (const m of METHODS) {
      const r = recommendMethod(withTime(favouring[m], { longestDurationMonths: 14, hardDeadline: "2028-02-04" }), weights, { time });
      expect(r.recommended, `a partner whose situation favours ${m}`).toBe("collaborative");
      expect(r.ranked.map((x) => x.keepsTime)).toEqual([true, false, false]);
      expect(r.partnerTime).toBe(
        "The partner's time: 11 months from March 2027, to the hard deadline, 4 February 2028, which comes sooner than their longest duration of 14 months."
      );
      if (m === "collaborative") expect(r.timeNote).toBeNull();
      else
        expect(r.timeNote).toMatch(
          new RegExp(
            `^A ${
              m === "campaign" ? "campaign" : "tailored initiative"
            } \\(\\d+/100\\) scores higher on the partner's situation but cannot keep the partner's time: its plan needs at least \\d+ months in all\\. A collaborative is recommended because its plan can keep that time: it needs at least 11 months in all\\.$`
          )
        );
    }
  });

  it("says beside the score of a method ranked after one that scores lower that its core does not fit the partner's time, and theirs does", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 14, hardDeadline: "2028-02-04" });
    const beside = (m: Method) =>
      recommendMethod(withTime(favouring[m], { longestDurationMonths: 14, hardDeadline: "2028-02-04" }), weights, { time }).ranked.map((x) => [
        x.method,
        x.score,
        x.rankedByTime,
      ]);
    expect(beside("tailored")).toEqual([
      ["collaborative", 45, null],
      [
        "tailored",
        74,
        "Ranked after a collaborative (45/100), which scores lower, because a tailored initiative's core needs at least 36 months, more than the partner's time, and a collaborative's fits.",
      ],
      // Ranked last on its score alone: nothing to explain.
      ["campaign", 4, null],
    ]);
    expect(beside("campaign")[1]).toEqual([
      "campaign",
      88,
      "Ranked after a collaborative (56/100), which scores lower, because a campaign's core needs at least 18 months, more than the partner's time, and a collaborative's fits; a campaign's plan needs at least 28 months in all.",
    ]);
    // Where the scores already put the methods that cannot keep the time last, no method says so.
    expect(beside("collaborative").map(([, , words]) => words)).toEqual([null, null, null]);
  });

  it("names the method ranked after two that score lower, and both of theirs, never 'it' or 'its'", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 24 });
    const ranked = recommendMethod(withTime(favouring.tailored, { longestDurationMonths: 24 }), weights, { time }).ranked;
    expect(ranked.map((r) => r.method)).toEqual(["collaborative", "campaign", "tailored"]);
    const [collaborative, campaign, tailored] = ranked;
    expect(tailored!.rankedByTime).toBe(
      `Ranked after a collaborative (${collaborative!.score}/100) and a campaign (${
        campaign!.score
      }/100), which score lower, because a tailored initiative's core needs at least 36 months, more than the partner's time, and the cores of a collaborative and a campaign fit, though a campaign's whole plan, planning and follow-on included, needs at least 28 months.`
    );
    for (const r of ranked) expect(r.rankedByTime ?? "").not.toMatch(/\bits?\b/);
  });

  it("with 30 months, a campaign keeps the time (its shortest plan is 28) and leads where the situation favours it; a tailored initiative still cannot", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 30 });
    expect(time.methods.campaign!.minMonths).toBe(28);
    expect(time.methods.campaign!.keeps).toBe(true);
    expect(time.methods.tailored!.keeps).toBe(false);
    expect(recommendMethod(withTime(favouring.campaign, { longestDurationMonths: 30 }), weights, { time }).recommended).toBe("campaign");
    expect(recommendMethod(withTime(favouring.tailored, { longestDurationMonths: 30 }), weights, { time }).recommended).not.toBe("tailored");
  });

  it("with 24 months, a campaign's core fits though its whole plan does not: it leads where the situation favours it, and the page says so up front", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 24 });
    expect(time.methods.campaign).toMatchObject({ keeps: false, fits: true, minMonths: 28, spanMonths: 18 });
    const r = recommendMethod(withTime(favouring.campaign, { longestDurationMonths: 24 }), weights, { time });
    expect(r.recommended).toBe("campaign");
    expect(r.timeNote).toBe(
      "A campaign's plan, with its planning and follow-on, needs at least 28 months in all: more than the partner's time, though its core of at least 18 months fits within it. A collaborative (52/100) scores lower, but a collaborative's plan would keep the partner's time: at least 11 months in all. Agree the whole plan with the partner, or shorten its planning; the Timeline page sets out the choices."
    );
  });

  it("never says a campaign's plan keeps a ministry's 18 months when only its core does, though a tailored initiative scores higher", () => {
    // A national ministry of 400 facilities: 18 months from April 2027, a hard deadline of 30 September 2028.
    const kenya = withTime(favouring.campaign, { expectedSites: 400, desiredStart: "2027-04", longestDurationMonths: 18, hardDeadline: "2028-09-30" });
    kenya.evidence = { ...kenya.evidence, breadth: "several", wantsCapabilityBuilding: "yes" };
    kenya.evidence.priorityEvidence = kenya.evidence.priorityEvidence!.map((e) => ({ ...e, degreeOfBelief: "low" }));
    const time = partnerTimeFit(all, 400, { start: "2027-04", country: "KE", aimBy: null, horizonMonths: 18, hardDeadline: "2028-09-30" });
    const r = recommendMethod(kenya, weights, { time });
    expect(r.ranked.map((x) => [x.method, x.keepsTime])).toEqual([
      ["campaign", false],
      ["collaborative", true],
      ["tailored", false],
    ]);
    const [campaign, collaborative, tailored] = r.ranked;
    expect(tailored!.score).toBeGreaterThan(campaign!.score);
    expect(r.timeNote).toBe(
      `A tailored initiative (${
        tailored!.score
      }/100) scores higher on the partner's situation but cannot keep the partner's time: its plan needs at least 36 months in all. A campaign is recommended because its core, at least 18 months, fits within the partner's time; its whole plan does not: with its planning and follow-on it needs at least 28 months in all. A collaborative (${
        collaborative!.score
      }/100) scores lower, but a collaborative's plan would keep the partner's time: at least 11 months in all. Agree the whole plan with the partner, or shorten its planning; the Timeline page sets out the choices.`
    );
    expect(r.timeNote).not.toMatch(/because its plan can\b/);
  });

  it("says plainly that no method's whole plan keeps the time when the recommended method's core alone fits", () => {
    const time: PartnerTimeFit = {
      methods: {
        collaborative: { keeps: false, fits: true, minMonths: 25, spanMonths: 15 },
        campaign: { keeps: false, fits: true, minMonths: 28, spanMonths: 18 },
        tailored: { keeps: false, fits: false, minMonths: 40, spanMonths: 36 },
      },
      words: null,
    };
    const r = recommendMethod(withTime(favouring.campaign, { longestDurationMonths: 20 }), weights, { time });
    expect(r.recommended).toBe("campaign");
    expect(r.timeNote).toBe(
      "No method's whole plan keeps the partner's time: a campaign needs at least 28 months in all, a collaborative needs at least 25 months in all and a tailored initiative needs at least 40 months in all. A campaign's plan, with its planning and follow-on, needs at least 28 months in all: more than the partner's time, though its core of at least 18 months fits within it. Agree the whole plan with the partner, or shorten its planning; the Timeline page sets out the choices."
    );
  });

  it("with years to spare, the tailored initiative leads where the situation favours it, and no note is needed", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 60 });
    const r = recommendMethod(withTime(favouring.tailored, { longestDurationMonths: 60 }), weights, { time });
    expect(r.recommended).toBe("tailored");
    expect(r.timeNote).toBeNull();
    expect(r.partnerTime).toBe("The partner's time: their longest duration of 60 months, from March 2027.");
  });

  it("when no method can keep the time, ranks on the situation alone and says so beside the recommendation", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 4 });
    expect(METHODS.some((m) => time.methods[m]!.keeps)).toBe(false);
    const r = recommendMethod(withTime(favouring.tailored, { longestDurationMonths: 4 }), weights, { time });
    expect(r.recommended).toBe("tailored");
    expect(r.timeNote).toMatch(
      /^No method's plan can keep the partner's time: a tailored initiative needs at least \d+ months in all, .*\. A tailored initiative is recommended on the partner's situation alone; agree more time with the partner, or scope a first phase that fits\.$/
    );
  });

  it("says what would put the method ruled out by time first: more time, not more points", () => {
    const time = timeFit({ start: "2027-03", horizonMonths: 14, hardDeadline: "2028-02-04" });
    const r = recommendMethod(withTime(favouring.tailored, { longestDurationMonths: 14, hardDeadline: "2028-02-04" }), weights, { time });
    expect(r.whatWouldChange).toContain("With several years in all, a tailored initiative would lead.");
  });
});

describe("the partner's time in one sentence: which limit binds", () => {
  it("names the deadline when it comes sooner, the longest duration otherwise, and both when they agree", () => {
    expect(partnerTime(timeLimits({ horizonMonths: 14, hardDeadline: "2028-02-04" }), "2027-03").words).toBe(
      "The partner's time: 11 months from March 2027, to the hard deadline, 4 February 2028, which comes sooner than their longest duration of 14 months."
    );
    expect(partnerTime(timeLimits({ horizonMonths: 10, hardDeadline: "2028-02-04" }), "2027-03")).toMatchObject({
      months: 10,
      binds: "duration",
      words: "The partner's time: their longest duration of 10 months, from March 2027; the hard deadline, 4 February 2028, allows 11 months.",
    });
    // Both the same: said once, the deadline allowing the same.
    expect(partnerTime(timeLimits({ horizonMonths: 18, aimBy: "2028-08" }), "2027-03").words).toBe(
      "The partner's time: their longest duration of 18 months, from March 2027; the date the aim names, 31 August 2028, allows the same."
    );
    expect(partnerTime(timeLimits({ aimBy: "2028-01" }), "2027-03").words).toBe(
      "The partner's time: 11 months from March 2027, to the date the aim names, 31 January 2028."
    );
    expect(partnerTime(timeLimits({}), "2027-03")).toEqual({ months: null, binds: null, words: null });
  });

  it("says there is none when the deadline comes before the start, and less than a month when it falls within the start's month", () => {
    expect(partnerTime(timeLimits({ horizonMonths: 30, aimBy: "2028-08" }), "2052-06")).toEqual({
      months: 0,
      binds: "deadline",
      words: "The partner's time: none from June 2052: the date the aim names, 31 August 2028, comes before it.",
    });
    expect(partnerTime(timeLimits({ hardDeadline: "2027-03-20" }), "2027-03").words).toBe(
      "The partner's time: less than a month from March 2027, to the hard deadline, 20 March 2027."
    );
  });
});

describe("another method, in a time check (docs/domain.md §8.6)", () => {
  it("is offered when its own timeline would keep the time, though its whole plan runs past the deadline", () => {
    // 11 months from March 2027 to the end of January 2028, the month the aim names: a collaborative's
    // shortest plan, final report included, is 11.06 months, but its congress falls before the deadline.
    const given = { horizonMonths: 14, hardDeadline: "2028-02-04", aimBy: "2028-01" };
    const limits = timeLimits(given);
    const tailored = generateTimeline(templates.timelines.tailored, { start: "2027-03", ...given, teams: 14, country: "GB" });
    const collaborative = generateTimeline(templates.timelines.collaborative, { start: "2027-03", ...given, teams: 14, country: "GB" });
    // In whole months, as the proposal gives the plan's length: never "11.1 months" beside "11 months".
    expect(checkTime(collaborative, limits).summary).toMatch(/^The plan keeps the partner's time: 11 months in all,/);
    const check = checkTime(tailored, limits, methodLengths(all, 14, { start: "2027-03-01", ...given, country: "GB" }), { today: "2026-12" });
    const another = check.choices.find((c) => c.kind === "another_method")!;
    expect(another.text).toBe(
      "Another method: a collaborative needs at least 11 months in all, of which at least 6 run from “Prework (aims, baseline data, team)” to “Summative congress”. That is within the partner's time."
    );
    // Its whole plan against the months to the deadline, without its own timeline's judgement, would have said it does not help.
    const unjudged = checkTime(tailored, limits, methodLengths(all, 14), { today: "2026-12" }).choices.find((c) => c.kind === "another_method")!;
    expect(unjudged.text).toMatch(/^Another method does not help: a collaborative needs at least 11 months in all/);
  });
});

describe("the partner's document on a method its time rules out", () => {
  it("gives as the first reason against it that its plan cannot fit the partner's time", () => {
    // Northshire's demo intake with a longest duration of 18 months: a tailored initiative's core alone needs 36.
    const intake = withTime(favouring.collaborative, { longestDurationMonths: 18 });
    const time = timeFit({ start: "2027-03-01", horizonMonths: 18 });
    const recommendation = recommendMethod(intake, weights, {
      today: "2026-11",
      time,
      document: { partnerName: "Northshire Health System", date: "2026-11-20" },
    });
    const tailored = methodSummary(recommendation, "collaborative", null).ranked.find((r) => r.method === "tailored")!;
    expect(time.methods.tailored!.fits).toBe(false);
    expect(tailored.against[0]).toMatch(/^Northshire Health System can commit to at most 18 months\. /);
    // Without the time judged, the same reasons keep their order by weight, the time's further down.
    const untimed = methodSummary(
      recommendMethod(intake, weights, { today: "2026-11", document: { partnerName: "Northshire Health System", date: "2026-11-20" } }),
      "collaborative",
      null
    ).ranked.find((r) => r.method === "tailored")!;
    expect([...untimed.against].sort()).toEqual([...tailored.against].sort());
    expect(untimed.against[0]).not.toBe(tailored.against[0]);
  });
});

describe("a plan past the partner's time, in the proposal's risks (docs/domain.md §8.6)", () => {
  it("names the partner and each overrun, and asks that both parties agree to it or the plan changes", () => {
    const given = { horizonMonths: 14, hardDeadline: "2028-02-04", aimBy: "2028-01" };
    const tailored = generateTimeline(templates.timelines.tailored, { start: "2027-03", ...given, teams: 14, country: "GB" });
    const check = checkTime(tailored, timeLimits(given));
    expect(check.holds).toBe(false);
    const risk = overrunRisk(check, "Harbour Health")!;
    // Named in full once in the sentence, then by its short name.
    expect(risk).toMatch(/^The plan runs past Harbour Health's time: it runs .+ over Harbour's longest duration of 14 months/);
    expect(risk).not.toContain("the partner's");
    expect(risk).toMatch(/Both parties agree to this, or the plan changes, before the proposal is agreed\.$/);
  });
  it("says nothing when the plan keeps the partner's time, or the check was not recorded", () => {
    const collaborative = generateTimeline(templates.timelines.collaborative, { start: "2027-03", teams: 14, country: "GB" });
    expect(overrunRisk(checkTime(collaborative, timeLimits({ horizonMonths: 24 })), "Harbour Health")).toBeNull();
    expect(overrunRisk(undefined, "Harbour Health")).toBeNull();
  });
});
