import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoIntake, emptyIntake, type Intake } from "~/domain/intake";
import { feasibilityWords, recommendMethod, type Feasibility } from "~/domain/method-recommendation";
import { fitForEachMethod } from "~/domain/resource-fit";
import { searchWindow } from "~/domain/fit-words";
import type { Booking, StaffMember } from "~/domain/capacity";
import { MethodWeightsSchema } from "~/domain/method-weights";
import { METHODS, type Method } from "~/domain/methods";
import type { FitVerdict } from "~/domain/capacity";
import { loadTemplates, parseTemplate, TemplateError } from "~/services/templates.server";

/*
 * Fitness for purpose and our capacity are two dimensions: the ranking rests on the partner's
 * situation (weights in docs-templates/method-recommendation.json), our capacity is reported beside it.
 */

const weights = loadTemplates().methodWeights;
const casesDir = path.join(process.cwd(), "tests", "cases");
const caseIntakes: [string, Intake][] = fs
  .readdirSync(casesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(fs.readFileSync(path.join(casesDir, f), "utf8")).bundle.intake as Intake]);

function withScale(i: Intake, scale: Intake["scale"]): Intake {
  return { ...i, scale: { ...i.scale, ...scale } };
}

const VERDICTS: FitVerdict[] = ["fits", "tight", "does_not_fit"];
const everyFeasibility: Record<Method, FitVerdict>[] = VERDICTS.flatMap((a) =>
  VERDICTS.flatMap((b) => VERDICTS.map((c) => ({ collaborative: a, campaign: b, tailored: c })))
);
const feasible = (verdicts: Record<Method, FitVerdict>): Record<Method, Feasibility> =>
  Object.fromEntries(
    METHODS.map((m) => [m, { verdict: verdicts[m], earliestStart: verdicts[m] === "fits" ? null : "2028-01", summary: `${m}: ${verdicts[m]}` }])
  ) as Record<Method, Feasibility>;

describe("our capacity beside the recommendation", () => {
  it.each([["the demo", demoIntake()] as [string, Intake], ...caseIntakes])(
    "%s: no combination of fits, tight and does not fit changes the ranking, the scores or what would change it",
    (_name, intake) => {
      const plain = recommendMethod(intake, weights, { today: "2026-06" });
      for (const verdicts of everyFeasibility) {
        const withCapacity = recommendMethod(intake, weights, { today: "2026-06", feasibility: feasible(verdicts) });
        expect(withCapacity.ranked.map((r) => [r.method, r.score])).toEqual(plain.ranked.map((r) => [r.method, r.score]));
        expect(withCapacity.whatWouldChange).toEqual(plain.whatWouldChange);
        expect(withCapacity.ranked.map((r) => r.caveats)).toEqual(plain.ranked.map((r) => r.caveats));
        for (const r of withCapacity.ranked) expect(r.feasibility?.verdict).toBe(verdicts[r.method]);
      }
    }
  );

  it("says what it means when the recommended method does not fit, with the earliest start, and nothing when it fits", () => {
    const all = (v: FitVerdict) => feasible({ collaborative: v, campaign: v, tailored: v });
    const doesNot = recommendMethod(demoIntake(), weights, { feasibility: all("does_not_fit") });
    expect(doesNot.recommended).toBe("collaborative");
    expect(doesNot.ranked[0].feasibility).toMatchObject({ verdict: "does_not_fit", label: "Does not fit", earliestStart: "2028-01" });
    expect(doesNot.feasibilityNote).toBe(
      "Our staff cannot take on a collaborative at the desired start. On its template timeline, the nearest later start with room to spare is January 2028. The ranking stays on the partner's situation: plan a later start, fewer sites, or more staff."
    );
    const earlier = feasible({ collaborative: "does_not_fit", campaign: "fits", tailored: "fits" });
    earlier.collaborative = { ...earlier.collaborative, earlierStart: "2026-12" };
    expect(recommendMethod(demoIntake(), weights, { feasibility: earlier }).feasibilityNote).toBe(
      "Our staff cannot take on a collaborative at the desired start. On its template timeline, the nearest later start with room to spare is January 2028. Starting earlier, in December 2026, would fit with room to spare. The ranking stays on the partner's situation: plan an earlier or later start, fewer sites, or more staff."
    );
    expect(recommendMethod(demoIntake(), weights, { feasibility: all("tight") }).feasibilityNote).toMatch(/^Our staff capacity for a collaborative is tight/);
    expect(recommendMethod(demoIntake(), weights, { feasibility: all("fits") }).feasibilityNote).toBeNull();
    expect(recommendMethod(demoIntake(), weights).ranked[0].feasibility).toBeNull();
  });
});

describe("the words beside each method's capacity badge", () => {
  const { timelines: timelineTemplates, demandParameters: params, staffRoles } = loadTemplates();
  const roles = staffRoles.roles;
  const people: StaffMember[] = roles.flatMap((r) =>
    Array.from({ length: 10 }, (_, n) => ({ id: `${r.key}${n}`, name: `${r.label} ${n}`, role: r.key, fte: 1 }))
  );

  it("a method tight at every start is badged Tight and said to fit only tightly, not to fit nowhere", () => {
    // Every faculty member is held by tentative bookings for years: a campaign fits at any start only if they do not go ahead.
    const tentative: Booking[] = people
      .filter((p) => p.role === "faculty")
      .map((p) => ({ staffId: p.id, from: "2026-12", to: "2031-12", fte: 0.99, status: "tentative" }));
    const fits = fitForEachMethod({
      templates: timelineTemplates,
      params,
      roster: people,
      bookings: tentative,
      roles,
      desiredStart: "2027-02",
      today: "2026-12",
      scale: 400,
    });
    expect(fits.campaign).toMatchObject({ verdict: "tight", earliestStart: null, shortfalls: [] });
    const feasibility = Object.fromEntries(
      METHODS.map((m) => [m, { verdict: fits[m].verdict, earliestStart: fits[m].earliestStart, summary: fits[m].summary }])
    );
    const campaign = recommendMethod(demoIntake(), weights, { feasibility }).ranked.find((r) => r.method === "campaign")!;
    expect(campaign.feasibility!.label).toBe("Tight");
    const words = feasibilityWords(campaign.feasibility!);
    expect(words).toBe(
      "at the desired start: it fits only if tentative bookings do not go ahead, or with less than 10% to spare; no later start within 24 months leaves room to spare."
    );
    // Read after its badge, as the Method page shows it.
    expect(`${campaign.feasibility!.label} ${words}`).toMatch(/^Tight at the desired start: it fits only if/);
    expect(words).not.toMatch(/none within|does not fit/i);
  });

  it("each verdict reads as itself, with the nearest later start with room to spare in words", () => {
    expect(feasibilityWords({ verdict: "fits", earliestStart: "2027-02" })).toBe("at the desired start, with room to spare.");
    expect(feasibilityWords({ verdict: "tight", earliestStart: "2027-08" })).toBe(
      "at the desired start: it fits only if tentative bookings do not go ahead, or with less than 10% to spare; the nearest later start with room to spare is August 2027."
    );
    expect(feasibilityWords({ verdict: "does_not_fit", earliestStart: null })).toBe(
      "at the desired start: a role is short even counting confirmed bookings only; no later start within 24 months leaves room to spare."
    );
  });

  it("names the months searched when no later start has room to spare, in the Fit page's words, as the page and the recommendation's note pass them", () => {
    const searched = searchWindow("2026-12", "2027-02");
    expect(feasibilityWords({ verdict: "tight", earliestStart: null }, searched)).toBe(
      "at the desired start: it fits only if tentative bookings do not go ahead, or with less than 10% to spare; no later start leaves room to spare (none from February 2027 to November 2028)."
    );
    const feasibility = Object.fromEntries(METHODS.map((m) => [m, { verdict: "does_not_fit" as const, earliestStart: null, summary: "" }]));
    const note = recommendMethod(demoIntake(), weights, { feasibility, searched }).feasibilityNote;
    expect(note).toContain("No later start leaves room to spare (none from February 2027 to November 2028).");
    expect(note).not.toMatch(/within 24 months/);
  });

  it("a start before the desired one is a separate sentence, never the start the badge's verdict leads to", () => {
    // Desired March 2027, tight there: the words never offer December 2026 as if it came after it.
    const words = feasibilityWords({ verdict: "tight", earliestStart: "2027-06", earlierStart: "2026-12" });
    expect(words).toBe(
      "at the desired start: it fits only if tentative bookings do not go ahead, or with less than 10% to spare; the nearest later start with room to spare is June 2027. Starting earlier, in December 2026, would fit with room to spare."
    );
    expect(words).not.toMatch(/from December 2026/);
  });

  it("a nearest start that would end the plan after the partner's deadline is said to be too late", () => {
    expect(feasibilityWords({ verdict: "does_not_fit", earliestStart: "2027-08", earlierStart: null, earliestTooLate: true })).toBe(
      "at the desired start: a role is short even counting confirmed bookings only; the nearest later start with room to spare is August 2027, too late to keep the partner's deadline."
    );
  });

  it("without a hard deadline, a start too late for the aim's date says so against the aim, never against a deadline the partner did not set", () => {
    const late = { verdict: "does_not_fit" as const, earliestStart: "2027-08", earlierStart: null, earliestTooLate: true };
    const words = feasibilityWords(late, undefined, { date: "2028-08-31", from: "aim" });
    expect(words).toBe(
      "at the desired start: a role is short even counting confirmed bookings only; the nearest later start with room to spare is August 2027, too late to meet the aim by August 2028."
    );
    expect(words).not.toMatch(/deadline/);
    // The recommendation's note on our capacity says the same, from the partner's time it was given.
    const intake = demoIntake();
    const time = { methods: {}, words: null, deadline: { date: "2028-08-31", from: "aim" as const } };
    const feasibility = Object.fromEntries(METHODS.map((m) => [m, { ...late, summary: "" }]));
    const note = recommendMethod(intake, weights, { feasibility, time }).feasibilityNote;
    expect(note).toContain("On its template timeline, the nearest later start with room to spare is August 2027, too late to meet the aim by August 2028.");
    // A hard deadline the partner set is still theirs.
    expect(feasibilityWords(late, undefined, { date: "2028-02-04", from: "hard_deadline" })).toMatch(/, too late to keep the partner's deadline\.$/);
  });

  it("a site joining an open collaborative is not told to plan fewer sites, and its collaborative is named", () => {
    const all = feasible({ collaborative: "tight", campaign: "tight", tailored: "tight" });
    const note = recommendMethod(demoIntake(), weights, { feasibility: all, joining: { title: "Sepsis Early Recognition Collaborative" } }).feasibilityNote;
    expect(note).toBe(
      "Our staff capacity for a collaborative of its own is tight at the desired start. This site joins the Sepsis Early Recognition Collaborative instead, whose size and dates are that collaborative's own: what it asks of our staff is only its own teams' share, and our capacity is judged on that share."
    );
    expect(note).not.toMatch(/fewer sites|later start/);
    // The note is read in the internal briefing too: it points at no page of the app.
    expect(note).not.toMatch(/\bFit\b|Method page/);
  });
});

describe("urgency and deadlines count", () => {
  const national = withScale(caseIntakes.find(([f]) => f.startsWith("5-million"))![1], {});

  it("a hard deadline within two years and a start soon favour a campaign and count against a long tailored build-up", () => {
    const relaxed = withScale(national, { hardDeadline: undefined, desiredStart: "2029-01" });
    const urgent = withScale(national, { hardDeadline: "2028-12-31", desiredStart: "2027-02" });
    const score = (i: Intake, m: Method) => recommendMethod(i, weights, { today: "2027-01" }).ranked.find((r) => r.method === m)!;
    expect(score(urgent, "campaign").score).toBeGreaterThan(score(relaxed, "campaign").score);
    expect(score(urgent, "tailored").score).toBeLessThan(score(relaxed, "tailored").score);
    const reason = score(urgent, "tailored").contributions.find((c) => c.criterion === "urgency")!;
    expect(reason).toMatchObject({ direction: "against", label: "Urgency and deadline" });
    expect(reason.reason).toMatch(
      /^The hard deadline, 31 December 2028, comes 23 months after the desired start\. The partner wants to start in February 2027, 1 month from now\./
    );
    expect(reason.reason).toMatch(/diagnostic, governance and a scalable unit/);
  });

  it("a deadline years away is no pressure, and a start already past counts as now", () => {
    const far = withScale(national, { desiredStart: "2027-06", hardDeadline: "2031-12-31" });
    const urgency = recommendMethod(far, weights, { today: "2027-01" }).ranked[0].contributions.find((c) => c.criterion === "urgency")!;
    expect(urgency.points).toBe(0);
    expect(urgency.reason).toMatch(/after the desired start, which leaves time\. The partner wants to start in June 2027, 5 months from now\./);
    const late = withScale(national, { desiredStart: "2026-01", hardDeadline: undefined });
    expect(recommendMethod(late, weights, { today: "2027-01" }).ranked[0].contributions.find((c) => c.criterion === "urgency")!.reason).toMatch(
      /wants to start now \(January 2026\)/
    );
  });

  it("is unanswered while neither a deadline nor (without today) the start can be judged", () => {
    const i = withScale(emptyIntake(), { desiredStart: "2027-03" });
    expect(recommendMethod(i, weights).unanswered).toContain("Urgency and deadline");
    expect(recommendMethod(i, weights, { today: "2027-01" }).unanswered).not.toContain("Urgency and deadline");
  });
});

describe("evidence maturity per priority", () => {
  it("judges each priority on its own and states the rule", () => {
    const i: Intake = {
      ...emptyIntake(),
      needs: { priorities: [{ topic: "vap" }, { topic: "sepsis" }, { topic: "falls" }, { topic: "other", custom: "Joy in work at night" }] },
      evidence: {
        priorityEvidence: [
          { priority: "vap", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
          { priority: "sepsis", changePackage: "partly", degreeOfBelief: "moderate" },
          { priority: "falls", changePackage: "no", degreeOfBelief: "low" },
        ],
      },
    };
    const { evidence, ranked } = recommendMethod(i, weights);
    expect(evidence.priorities).toEqual([
      {
        rank: 1,
        label: "Ventilator-associated pneumonia (VAP)",
        maturity: "proven",
        reason: "High degree of belief, a proven change package, some sites already much better",
      },
      { rank: 2, label: "Sepsis", maturity: "promising", reason: "Moderate degree of belief, a change package still being developed" },
      { rank: 3, label: "Falls", maturity: "immature", reason: "Low degree of belief, no change package yet" },
      { rank: 4, label: "Joy in work at night", maturity: null, reason: "No evidence answers yet." },
    ]);
    expect(evidence.rule).toBe(weights.evidenceRule);
    expect(evidence.rule).toMatch(/Each priority is judged on its own/);
    // Some immature, some not: "mixed".
    expect(ranked.find((r) => r.method === "tailored")!.contributions.find((c) => c.criterion === "evidence")!.points).toBe(
      weights.criteria.evidence.rows.mixed!.points.tailored
    );
  });
});

describe("the weights are data", () => {
  const file = "docs-templates/method-recommendation.json";
  const text = fs.readFileSync(path.join(process.cwd(), file), "utf8");

  it("drive the scores: a weight edited in the file moves the score by as much", () => {
    const edited = JSON.parse(text);
    edited.criteria.sites.rows["12–60"].points.collaborative += 7;
    const changed = parseTemplate(file, JSON.stringify(edited), MethodWeightsSchema);
    const before = recommendMethod(demoIntake(), weights).ranked.find((r) => r.method === "collaborative")!.score;
    const after = recommendMethod(demoIntake(), changed).ranked.find((r) => r.method === "collaborative")!.score;
    expect(after - before).toBe(Math.min(7, 100 - before));
  });

  it("each row names its sources or is marked an assumption, and the loader refuses one that does neither", () => {
    for (const criterion of Object.values(weights.criteria))
      for (const row of Object.values(criterion.rows)) expect(row!.assumption || row!.sources.length > 0).toBe(true);
    const bad = JSON.parse(text);
    bad.criteria.breadth.rows.focused = { ...bad.criteria.breadth.rows.focused, sources: [], assumption: false };
    expect(() => parseTemplate(file, JSON.stringify(bad), MethodWeightsSchema)).toThrow(TemplateError);
    expect(() => parseTemplate(file, JSON.stringify(bad), MethodWeightsSchema)).toThrow(
      /criteria\.breadth\.rows\.focused\.sources: A row that is not an assumption names its sources\./
    );
  });

  it("refuses a file that leaves out a row the recommendation needs", () => {
    const bad = JSON.parse(text);
    delete bad.criteria.urgency.rows.soon;
    expect(() => parseTemplate(file, JSON.stringify(bad), MethodWeightsSchema)).toThrow(/criteria\.urgency\.rows\.soon/);
  });

  it("refuses a short tailored engagement's reason for an answer its criterion never gives, or a second reason on one criterion", () => {
    const bad = JSON.parse(text);
    bad.variants.short_tailored.reasons[0].answers = ["1–5", "one or two"];
    expect(() => parseTemplate(file, JSON.stringify(bad), MethodWeightsSchema)).toThrow(
      /variants\.short_tailored\.reasons\[0\]\.answers\[1\]: "one or two" is not an answer of sites \(it has 1–5, 6–11, 12–60, 61–160, 161–299, 300–999, 1,000\+\)\./
    );
    const twice = JSON.parse(text);
    twice.variants.short_tailored.reasons[1].criterion = "sites";
    twice.variants.short_tailored.reasons[1].answers = ["12–60"];
    expect(() => parseTemplate(file, JSON.stringify(twice), MethodWeightsSchema)).toThrow(
      /variants\.short_tailored\.reasons\[1\]\.criterion: sites already has a reason\./
    );
  });

  it("are no longer written in the code", () => {
    const code = fs.readFileSync(path.join(process.cwd(), "app/domain/method-recommendation.ts"), "utf8");
    expect(code).not.toMatch(/POINTS|STAFF_CAPACITY|staff_capacity|-45/);
  });
});
