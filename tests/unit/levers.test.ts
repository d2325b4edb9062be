import demandJson from "../../docs-templates/demand-parameters.json";
import pricingJson from "../../docs-templates/pricing.json";
import staffRolesJson from "../../docs-templates/staff-roles.json";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { describe, expect, it } from "vitest";
import { DemandParametersSchema } from "~/domain/demand";
import {
  applyLevers,
  appliedWords,
  leversTogether,
  mostSitesWithin,
  NO_LEVERS,
  noLeverLeft,
  planFigures,
  shapeToBudget,
  shortfallWords,
  signedChange,
  smallestFirstWave,
  stretchTimeline,
  type PricingContext,
} from "~/domain/levers";
import { splitByFee } from "~/domain/lever-labels";
import { PricingRulesSchema } from "~/domain/pricing";
import { StaffRolesSchema, type StaffRole } from "~/domain/roster-forms";
import { TimelineTemplateSchema, type Timeline } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";
import { bookedDemand, chosenOptionLabel, largestOption, resolveChoice } from "~/domain/proposal-options";
import { testPricingRules } from "../helpers/pricing-rules";

const NBSP = "\u00a0";

/*
 * A small plan whose numbers can be worked by hand: 20 sites over six months (January to June 2027),
 * a director at 0.5 FTE throughout, one improvement advisor FTE per 10 sites during the action
 * period, and two faculty for one day per learning-session day at two two-day sessions; 20 working
 * days a month. Build-up: director 60 days × 1,000 + advisors 240 days × 500 + faculty 8 days × 2,000
 * = 196,000; a hospital's 15% margin gives 225,400, rounded up to 230,000.
 */
const param = (value: number, unit: string) => ({ value, unit, basis: "For the test.", assumption: true });
const rules = (extra: object[] = []) => ({ scaleNoun: "sites", rules: extra });
const params = DemandParametersSchema.parse({
  version: 1,
  workingDaysPerMonth: "wd",
  parameters: {
    wd: param(20, "days a month"),
    director: param(0.5, "FTE"),
    per_ia: param(10, "sites per FTE"),
    ls_days: param(1, "days"),
    faculty: param(2, "faculty"),
  },
  methods: {
    collaborative: rules([
      { role: "programme_director", basis: "fte_while_active", amount: "director", during: "whole_timeline" },
      { role: "improvement_advisor", basis: "fte_per_teams", amount: "per_ia", during: ["action_period"] },
      { role: "faculty", basis: "days_per_event_day", amount: "ls_days", during: ["learning_session"], times: ["faculty"] },
    ]),
    campaign: rules([{ role: "faculty", basis: "days_per_event_day", amount: "ls_days", during: ["campaign_event"], times: ["faculty"] }]),
    tailored: rules(),
  },
});

const item = (id: string, kind: "phase" | "event", start: string, end: string, tag: string) => ({
  id,
  label: id,
  kind,
  stream: "main",
  start,
  end,
  dependencies: [],
  roleTags: [tag],
});
const timeline: Timeline = {
  method: "collaborative",
  streams: [{ key: "main", label: "Main" }],
  items: [
    item("ap", "phase", "2027-01-01", "2027-06-30", "action_period"),
    item("ls1", "event", "2027-01-04", "2027-01-05", "learning_session"),
    item("ls2", "event", "2027-06-01", "2027-06-02", "learning_session"),
  ],
  span: { from: "ap", to: "ap", months: 6, minMonths: 6, maxMonths: 24 },
  generatedFrom: { start: "2027-01-01", horizonMonths: 6, teams: 20, templateVersion: 1 },
  warnings: [],
};

const roles: StaffRole[] = [
  { key: "programme_director", label: "Programme director", pluralLabel: "Programme directors", defaultDayRate: 1000 },
  { key: "improvement_advisor", label: "Improvement advisor", pluralLabel: "Improvement advisors", defaultDayRate: 500 },
  { key: "faculty", label: "Faculty", pluralLabel: "Faculty", defaultDayRate: 2000 },
];

const pricing = testPricingRules([{ milestone: "signature", label: "On signature", percent: 100 }]);

const ctx = (budget: PricingContext["budget"]): PricingContext => ({
  method: "collaborative",
  params,
  roles,
  dayRates: { programme_director: 1000, improvement_advisor: 500, faculty: 2000 },
  currency: "USD",
  partnerKind: "hospital",
  rules: pricing,
  budget,
  roster: [],
  bookings: [],
});

describe("a lever's change in a figure", () => {
  it("counts its unit: one FTE-month or faculty day in the singular, any other amount in the plural, and none as unchanged", () => {
    expect(signedChange(-1, "FTE-month")).toBe("−1 FTE-month");
    expect(signedChange(1.04, "faculty day")).toBe("+1 faculty day");
    expect(signedChange(-6.6, "FTE-month")).toBe("−6.6 FTE-months");
    expect(signedChange(2, "faculty day")).toBe("+2 faculty days");
    expect(signedChange(0.01, "faculty day")).toBe("faculty days unchanged");
  });
});

describe("the levers applied, in words", () => {
  it("count one site or one month in the singular", () => {
    const all = { firstWaveSites: 1, virtualSessions: true, longerPhasing: true, fewerFacultyDays: true };
    expect(appliedWords(all, 1, "collaborative")).toEqual(["1 site in the first wave", "events held online", "1 month's longer phasing", "fewer faculty days"]);
    expect(appliedWords({ ...all, firstWaveSites: 4 }, 6, "collaborative").filter((w) => /\d/.test(w))).toEqual([
      "4 sites in the first wave",
      "6 months' longer phasing",
    ]);
  });
});

describe("the plan's figures", () => {
  it("cost 196,000 to build up and 230,000 as a fee, with 15.4 FTE-months and 8 faculty days", () => {
    const f = planFigures(timeline, NO_LEVERS, ctx(null));
    expect(f).toMatchObject({ buildUp: 196_000, fee: 230_000, fteMonths: 15.4, facultyDays: 8, peakFte: 2.7, capacity: null, months: 6 });
  });
});

describe("events held online", () => {
  // The events the pricing rules hold online, as docs-templates/pricing.json lists them.
  const online = { ...ctx(null), rules: { ...pricing, levers: { ...pricing.levers, virtualSessions: pricingJson.levers.virtualSessions } } };
  const offered = (t: Timeline) => shapeToBudget(t, NO_LEVERS, online, { always: true }).levers;
  const campaign: Timeline = {
    ...timeline,
    method: "campaign",
    items: [item("ap", "phase", "2027-01-01", "2027-06-30", "action_period"), item("ev", "event", "2027-03-01", "2027-03-02", "campaign_event")],
  };

  it("are offered for a plan with learning sessions, named for them", () => {
    const lever = offered(timeline).find((l) => l.label === "Events held online");
    expect(lever?.change).toBe("Learning sessions included: each event day counts 60% of its in-person days.");
  });

  it("are offered for a campaign's events, without naming learning sessions it does not have, or repeating the lever's name", () => {
    const lever = offered(campaign).find((l) => l.label === "Events held online");
    expect(lever?.change).toBe("Each event day counts 60% of its in-person days.");
  });

  it("are not offered for a plan without events to hold online", () => {
    const plain: Timeline = { ...campaign, method: "tailored", items: [item("ap", "phase", "2027-01-01", "2027-06-30", "action_period")] };
    expect(offered(plain).map((l) => l.label)).toEqual(["Fewer sites in the first wave", "A longer phasing", "Fewer faculty days"]);
  });
});

describe("the levers against a USD 150,000 budget", () => {
  const shaped = shapeToBudget(timeline, NO_LEVERS, ctx({ min: 150_000, max: 150_000, currency: "USD" }));
  const lever = (key: string) => shaped.levers.find((l) => l.lever === key)!;

  it("show the gap of 80,000 and the three levers that lower the fee", () => {
    expect(shaped.comparison).toEqual({ verdict: "above", gap: 80_000 });
    expect(shaped.levers.map((l) => l.lever)).toEqual(["fewer_sites", "virtual_sessions", "fewer_faculty_days"]);
  });

  it("fewer sites at a national scale: the sites are counted as every count is written", () => {
    const national = { ...timeline, generatedFrom: { ...timeline.generatedFrom, teams: 2000 } };
    const sites = shapeToBudget(national, NO_LEVERS, ctx({ min: 150_000, max: 150_000, currency: "USD" })).levers.find((l) => l.lever === "fewer_sites")!;
    expect(sites.change).toMatch(/^[\d,]+ sites in the first wave instead of 2,000; the other [\d,]+ join later waves, priced apart\.$/);
  });

  it("fewer sites for a collaborative of thousands proposes no more than one wave holds, 160, and says so, where the budget would take more", () => {
    const national = { ...timeline, generatedFrom: { ...timeline.generatedFrom, teams: 3000 } };
    // About a thousand sites fit USD 7,000,000 (76,000 + 6,000 a site, × 1.15): a first wave of them would itself be seven waves.
    const roomy = ctx({ max: 7_000_000, currency: "USD" });
    expect(mostSitesWithin(7_000_000, 2999, (n) => planFigures(national, { ...NO_LEVERS, firstWaveSites: n }, roomy).fee)).toBeGreaterThan(900);
    const sites = shapeToBudget(national, NO_LEVERS, roomy).levers.find((l) => l.lever === "fewer_sites")!;
    expect(sites.settings.firstWaveSites).toBe(160);
    expect(sites.change).toBe("160 sites in the first wave instead of 3,000, as many as one wave holds; the other 2,840 join later waves, priced apart.");
    expect(sites.fitsBudget).toBe(true);
    // Where no first wave fits, half the sites would be 1,500: one wave's 160 are proposed.
    expect(shapeToBudget(national, NO_LEVERS, ctx({ max: 1, currency: "USD" })).levers.find((l) => l.lever === "fewer_sites")!.settings.firstWaveSites).toBe(
      160
    );
    // Taken with the other levers, the first wave is looked for again within one wave too.
    const together = leversTogether(national, shapeToBudget(national, NO_LEVERS, roomy), roomy)!;
    expect(together.settings.firstWaveSites).toBe(160);
    expect(together.fitsBudget).toBe(true);
    // A tailored initiative's first wave is bounded by its sites alone: its waves are its own (docs/domain.md §5.5).
    const tailoredPlan = { ...national, method: "tailored" as const };
    const tailoredCtx = {
      ...roomy,
      method: "tailored" as const,
      params: { ...params, methods: { ...params.methods, tailored: params.methods.collaborative } },
    };
    expect(shapeToBudget(tailoredPlan, NO_LEVERS, tailoredCtx).levers.find((l) => l.lever === "fewer_sites")!.settings.firstWaveSites).toBeGreaterThan(900);
  });

  it("fewer sites: the most that fit are 9, which brings the fee to 150,000", () => {
    // 9 sites: advisors 0.9 FTE × 6 months = 108 days × 500; build-up 130,000 × 1.15 = 149,500 → 150,000.
    expect(lever("fewer_sites")).toMatchObject({ settings: { ...NO_LEVERS, firstWaveSites: 9 }, fee: 150_000, feeChange: -80_000, fitsBudget: true });
    expect(lever("fewer_sites")).toMatchObject({ fteMonthsChange: -6.6, facultyDaysChange: 0, peakFteChange: -1.1 });
    expect(lever("fewer_sites").change).toBe("9 sites in the first wave instead of 20; the other 11 join a later wave, priced apart.");
    expect(lever("fewer_sites").effect).toBe(
      `Lowers the fee by USD${NBSP}80,000, to USD${NBSP}150,000, within the budget; −6.6 FTE-months, faculty days unchanged, busiest month −1.1 FTE.`
    );
  });

  it("virtual sessions: faculty days at 60% (8 → 4.8) take the fee down 10,000", () => {
    // Faculty 4.8 days × 2,000 = 9,600; build-up 189,600 × 1.15 = 218,040 → 220,000.
    expect(lever("virtual_sessions")).toMatchObject({ fee: 220_000, feeChange: -10_000, facultyDaysChange: -3, fteMonthsChange: -0.2, fitsBudget: false });
  });

  it("fewer faculty days: 80% (8 → 6.4) take the fee down 5,000", () => {
    // Faculty 6.4 days × 2,000 = 12,800; build-up 192,800 × 1.15 = 221,720 → 225,000.
    expect(lever("fewer_faculty_days")).toMatchObject({ fee: 225_000, feeChange: -5_000, facultyDaysChange: -2 });
  });

  it("a longer phasing is not offered: spreading the work over six more months raises the fee, since the director is paid for longer", () => {
    // Director 0.5 FTE Jan–Dec 30: 119.68 days × 1,000; advisors 2 FTE over the same span: 478.7 days × 500; faculty 16,000.
    // Build-up 375,030 × 1.15 = 431,285 (margin 56,254.5 rounded) → 435,000: the gap would grow from 80,000 to 285,000.
    expect(shaped.levers.find((l) => l.lever === "longer_phasing")).toBeUndefined();
    expect(planFigures(timeline, { ...NO_LEVERS, longerPhasing: true }, ctx(null)).fee).toBe(435_000);
    // An option may still take it for its own sake, with its effect on the fee stated.
    const forOption = shapeToBudget(timeline, NO_LEVERS, ctx({ max: 150_000, currency: "USD" }), { always: true }).levers;
    expect(forOption.find((l) => l.lever === "longer_phasing")).toMatchObject({ fee: 435_000, feeChange: 205_000, fitsBudget: false, peakFteChange: 0 });
    // It says that it raises the fee, by how much and to what: never "+USD 205,000 to USD 435,000", which reads as a range.
    expect(forOption.find((l) => l.lever === "longer_phasing")!.effect).toMatch(new RegExp(`^Raises the fee by USD${NBSP}205,000, to USD${NBSP}435,000;`));
  });

  it("after one is applied, offers the rest on top of it that do not raise the fee", () => {
    const again = shapeToBudget(timeline, { ...NO_LEVERS, virtualSessions: true }, ctx({ max: 150_000, currency: "USD" }));
    expect(again.current.fee).toBe(220_000);
    expect(again.levers.map((l) => l.lever)).toEqual(["fewer_sites", "fewer_faculty_days"]);
    // Faculty 4.8 days × 0.8 = 3.84 days × 2,000 = 7,680; build-up 187,680 × 1.15 = 215,832 → 220,000: no change after rounding.
    expect(again.levers.find((l) => l.lever === "fewer_faculty_days")).toMatchObject({ fee: 220_000, feeChange: 0 });
    // A fee the rounding leaves where it was reads as left where it was, not as raised by USD 0.
    expect(again.levers.find((l) => l.lever === "fewer_faculty_days")!.effect).toMatch(new RegExp(`^Leaves the fee at USD${NBSP}220,000;`));
    // Where the budget cannot be compared, a lever is offered only for what it takes off the fee.
    const uncompared = shapeToBudget(timeline, { ...NO_LEVERS, virtualSessions: true }, ctx({ max: 150_000, currency: "EUR" }));
    expect(uncompared.levers.map((l) => l.lever)).toEqual(["fewer_sites"]);
  });

  it("says one site left for a later wave in the singular", () => {
    const two = { ...timeline, generatedFrom: { ...timeline.generatedFrom, teams: 2 } };
    const fewer = shapeToBudget(two, NO_LEVERS, ctx({ max: 1, currency: "USD" })).levers.find((l) => l.lever === "fewer_sites");
    expect(fewer?.change).toBe("1 site in the first wave instead of 2; the other site joins a later wave, priced apart.");
  });
});

describe("the levers taken together (docs/domain.md §8.8)", () => {
  it("against a budget they cannot reach, say so and leave the gap: 10 sites, virtual sessions and fewer faculty days still cost 150,000 against 50,000", () => {
    const c = ctx({ max: 50_000, currency: "USD" });
    const shaped = shapeToBudget(timeline, NO_LEVERS, c);
    // No first wave fits, so fewer sites offers half (10). Together: director 60,000 + advisors 1 FTE × 120 days × 500
    // + faculty 8 × 0.6 × 0.8 = 3.84 days × 2,000 = 127,680; × 1.15 = 146,832 → 150,000.
    const together = leversTogether(timeline, shaped, c)!;
    expect(together).toMatchObject({ fee: 150_000, gap: 100_000, fitsBudget: false });
    expect(together.settings).toEqual({ firstWaveSites: 10, virtualSessions: true, longerPhasing: false, fewerFacultyDays: true });
    expect(shortfallWords(together)).toBe(
      `All 3 levers together cannot bring the fee within the budget: the fee would still be USD${NBSP}150,000, USD${NBSP}100,000 above the partner's maximum of USD${NBSP}50,000.`
    );
  });

  it("says 'both' of two levers, not 'all 2'", () => {
    const c = ctx({ max: 50_000, currency: "USD" });
    // With sessions already online, two levers are left to lower the fee.
    const shaped = shapeToBudget(timeline, { ...NO_LEVERS, virtualSessions: true }, c);
    const together = leversTogether(timeline, shaped, c)!;
    expect(shaped.levers.filter((l) => l.feeChange <= 0)).toHaveLength(2);
    expect(shortfallWords(together)).toMatch(/^Both levers together cannot bring the fee within the budget/);
  });

  it("look for the first wave again with the other levers taken: a budget no first wave fits alone may fit one with them", () => {
    // Alone, one site still costs 82,000 × 1.15 → 95,000, above 90,000: fewer sites offers half (10).
    // With events online and fewer faculty days, one site costs 73,680 × 1.15 → 85,000, within it.
    const c = ctx({ max: 90_000, currency: "USD" });
    const shaped = shapeToBudget(timeline, NO_LEVERS, c);
    expect(shaped.levers.find((l) => l.lever === "fewer_sites")?.settings.firstWaveSites).toBe(10);
    const together = leversTogether(timeline, shaped, c)!;
    expect(together).toMatchObject({ fee: 85_000, gap: 0, fitsBudget: true });
    expect(together.settings).toEqual({ firstWaveSites: 1, virtualSessions: true, longerPhasing: false, fewerFacultyDays: true });
    expect(shortfallWords(together)).toBeNull();
  });

  it("say nothing of a shortfall when they can close the gap, or when the fee is within the budget", () => {
    const c = ctx({ max: 150_000, currency: "USD" });
    expect(leversTogether(timeline, shapeToBudget(timeline, NO_LEVERS, c), c)).toMatchObject({ fitsBudget: true, gap: 0 });
    expect(shortfallWords(leversTogether(timeline, shapeToBudget(timeline, NO_LEVERS, c), c))).toBeNull();
    const within = ctx({ max: 300_000, currency: "USD" });
    expect(leversTogether(timeline, shapeToBudget(timeline, NO_LEVERS, within, { always: true }), within)).toBeNull();
  });

  it("for an option, only levers that lower the fee count; a longer phasing stands apart as one that raises it", () => {
    const c = ctx({ max: 150_000, currency: "USD" });
    const { lowering, level, raising } = splitByFee(shapeToBudget(timeline, NO_LEVERS, c, { always: true }).levers);
    expect(lowering.map((l) => l.lever)).toEqual(["fewer_sites", "virtual_sessions", "fewer_faculty_days"]);
    expect(level).toEqual([]);
    expect(raising.map((l) => l.lever)).toEqual(["longer_phasing"]);
  });

  it("sets apart a lever the rounding leaves at the same fee: it is not one that lowers it", () => {
    // With events online already taken, fewer faculty days leaves the fee at 220,000 (above).
    const again = shapeToBudget(timeline, { ...NO_LEVERS, virtualSessions: true }, ctx({ max: 150_000, currency: "USD" }));
    const { lowering, level, raising } = splitByFee(again.levers);
    expect(lowering.map((l) => l.lever)).toEqual(["fewer_sites"]);
    expect(level.map((l) => [l.lever, l.feeChange])).toEqual([["fewer_faculty_days", 0]]);
    expect(raising).toEqual([]);
  });
});

describe("no lever left to pull (docs/domain.md §8.8)", () => {
  // One site, events online and fewer faculty days: USD 85,000, EUR 68,000 at 0.8; a longer phasing would only raise it.
  const all = { firstWaveSites: 1, virtualSessions: true, longerPhasing: false, fewerFacultyDays: true };
  const rate = { from: "USD", to: "EUR", rate: 0.8, on: "2026-12-01", source: null };
  const c = ctx({ max: 40_000, currency: "EUR", rate });

  it("for the proposal as one scope, says so, the gap still open in the budget's currency, and what is left: a fee by hand, a smaller plan or a larger budget", () => {
    const shaped = shapeToBudget(timeline, all, c);
    expect(shaped.levers).toEqual([]);
    expect(leversTogether(timeline, shaped, c)).toBeNull();
    expect(noLeverLeft(shaped, c)).toBe(
      `No lever is left to lower the fee, and it is still about EUR${NBSP}28,000 above the partner's maximum of EUR${NBSP}40,000. What is left is a fee set by hand, a smaller plan (fewer sites, or another method), or a larger budget from the partner.`
    );
  });

  it("for an option, names it, and leaves out the fee by hand options never take; a lever that raises the fee is no lever left", () => {
    const shaped = shapeToBudget(timeline, all, c, { always: true });
    expect(shaped.levers.map((l) => l.lever)).toEqual(["longer_phasing"]);
    expect(noLeverLeft(shaped, c, "Virtual")).toBe(
      `No lever is left to lower Virtual's fee, and it is still about EUR${NBSP}28,000 above the partner's maximum of EUR${NBSP}40,000. An option is priced by the rules, never by hand: what is left is a smaller plan (fewer sites, or another method), or a larger budget from the partner.`
    );
  });

  it("says nothing while a lever is left, or once the fee is within the budget or cannot be compared with it", () => {
    expect(noLeverLeft(shapeToBudget(timeline, { ...all, fewerFacultyDays: false }, c), c)).toBeNull();
    const within = ctx({ max: 100_000, currency: "USD" });
    expect(noLeverLeft(shapeToBudget(timeline, all, within, { always: true }), within)).toBeNull();
    const unrated = ctx({ max: 40_000, currency: "EUR" });
    expect(noLeverLeft(shapeToBudget(timeline, all, unrated), unrated)).toBeNull();
  });
});

describe("the smallest first wave a method takes (docs/domain.md §8.8)", () => {
  // A collaborative's first wave keeps at least 10 sites; a team joining an open collaborative needs no others.
  const floored = (budget: PricingContext["budget"], variant: PricingContext["variant"] = null): PricingContext => ({
    ...ctx(budget),
    variant,
    rules: {
      ...pricing,
      levers: { ...pricing.levers, fewerSites: { smallestFirstWave: { ...pricing.levers.fewerSites.smallestFirstWave, collaborative: 10 } } },
    },
  });

  it("is what fewer sites proposes when fewer would fit: 10 sites at 160,000, not the 9 that fit 150,000, and not said to be within the budget", () => {
    // 10 sites: advisors 1 FTE × 120 days × 500 = 60,000; build-up 136,000 × 1.15 = 156,400 → 160,000.
    const fewer = shapeToBudget(timeline, NO_LEVERS, floored({ max: 150_000, currency: "USD" })).levers.find((l) => l.lever === "fewer_sites")!;
    expect(fewer).toMatchObject({ settings: { firstWaveSites: 10 }, fee: 160_000, fitsBudget: false });
    expect(fewer.effect).not.toMatch(/within the budget/);
    // With room for more, the most that fit above the smallest are still found: 11 sites cost 142,000 × 1.15 → 165,000, 12 cost 175,000.
    expect(
      shapeToBudget(timeline, NO_LEVERS, floored({ max: 170_000, currency: "USD" })).levers.find((l) => l.lever === "fewer_sites")?.settings.firstWaveSites
    ).toBe(11);
  });

  it("is not gone below when the levers are taken together: they stop at 10 sites and say what is left", () => {
    const c = floored({ max: 90_000, currency: "USD" });
    const together = leversTogether(timeline, shapeToBudget(timeline, NO_LEVERS, c), c)!;
    expect(together.settings.firstWaveSites).toBe(10);
    expect(together.fitsBudget).toBe(false);
  });

  it("withholds fewer sites from a plan already at it, and says why", () => {
    const ten = { ...timeline, generatedFrom: { ...timeline.generatedFrom, teams: 10 } };
    const shaped = shapeToBudget(ten, NO_LEVERS, floored({ max: 50_000, currency: "USD" }));
    expect(shaped.levers.map((l) => l.lever)).not.toContain("fewer_sites");
    expect(shaped.withheld).toEqual([
      "Fewer sites in the first wave is not offered: a collaborative's first wave takes at least 10 sites, and the plan takes 10 sites.",
    ]);
    // Within the budget nothing is offered, and nothing is said to be withheld.
    expect(shapeToBudget(ten, NO_LEVERS, floored({ max: 1_000_000, currency: "USD" })).withheld).toEqual([]);
  });

  it("is one site for a team joining an open collaborative, whose other teams are already there", () => {
    const withVariant = floored({ max: 1, currency: "USD" }, "join_open_collaborative");
    expect(smallestFirstWave(withVariant)).toBe(1);
    expect(smallestFirstWave(floored(null))).toBe(10);
  });

  it("is set for every method and form of one in the pricing rules: 12 for a collaborative, 10 for a campaign, 1 for a tailored initiative", () => {
    const real = PricingRulesSchema.parse(pricingJson).levers.fewerSites.smallestFirstWave;
    expect(real).toEqual({ collaborative: 12, campaign: 10, tailored: 1, join_open_collaborative: 1, short_tailored: 1 });
  });
});

describe("the levers are not offered", () => {
  it("when the fee is within the budget", () => {
    expect(shapeToBudget(timeline, NO_LEVERS, ctx({ max: 300_000, currency: "USD" }))).toMatchObject({ comparison: { verdict: "within" }, levers: [] });
  });
});

describe("a budget in another currency", () => {
  it("leaves the levers that lower the fee on offer, none said to bring the fee within the budget, and no rate guessed for how many sites fit", () => {
    const shaped = shapeToBudget(timeline, NO_LEVERS, ctx({ max: 150_000, currency: "EUR" }));
    expect(shaped.comparison).toEqual({ verdict: "other_currency", budgetCurrency: "EUR" });
    expect(shaped.levers.map((l) => l.lever)).toEqual(["fewer_sites", "virtual_sessions", "fewer_faculty_days"]);
    for (const l of shaped.levers) {
      expect(l.feeChange).toBeLessThan(0);
      expect(l.fitsBudget).toBeNull();
      expect(l.effect).not.toContain("within the budget");
    }
    // In dollars, 9 sites would fit a maximum of 150,000: the euro maximum does not decide it, so half the sites are proposed.
    expect(shaped.levers[0]!.change).toBe("10 sites in the first wave instead of 20; the other 10 join a later wave, priced apart.");
    expect(leversTogether(timeline, shaped, ctx({ max: 150_000, currency: "EUR" }))).toBeNull();
  });
});

describe("a budget in another currency, with the exchange rate the manager recorded (docs/domain.md §8.7)", () => {
  // 1 USD = 0.8 EUR: EUR 120,000 is the USD 150,000 of the budget above, converted exactly.
  const rate = { from: "USD", to: "EUR", rate: 0.8, on: "2026-12-01", source: null };
  const inEuros = ctx({ max: 120_000, currency: "EUR", rate });

  it("is compared through the rate: the fee's gap is in euros, and fewer sites fits the euro maximum as it fits the same maximum in dollars", () => {
    const shaped = shapeToBudget(timeline, NO_LEVERS, inEuros);
    // USD 230,000 is EUR 184,000: EUR 64,000 above EUR 120,000.
    expect(shaped.comparison).toEqual({ verdict: "above", gap: 64_000, through: { rate, fee: 184_000 } });
    expect(shaped.levers.map((l) => l.lever)).toEqual(["fewer_sites", "virtual_sessions", "fewer_faculty_days"]);
    const sites = shaped.levers.find((l) => l.lever === "fewer_sites")!;
    // 9 sites: USD 150,000, EUR 120,000 at 0.8: within it, as 9 sites are within USD 150,000.
    expect(sites).toMatchObject({ settings: { ...NO_LEVERS, firstWaveSites: 9 }, fee: 150_000, fitsBudget: true });
    expect(sites.change).toBe("9 sites in the first wave instead of 20; the other 11 join a later wave, priced apart.");
    expect(sites.effect).toMatch(
      new RegExp(`^Lowers the fee by USD${NBSP}80,000 \\(about EUR${NBSP}64,000\\), to USD${NBSP}150,000 \\(about EUR${NBSP}120,000\\), within the budget;`)
    );
    // The same levers, with the same settings, as against USD 150,000.
    const inDollars = shapeToBudget(timeline, NO_LEVERS, ctx({ max: 150_000, currency: "USD" }));
    expect(shaped.levers.map((l) => [l.lever, l.settings, l.fitsBudget])).toEqual(inDollars.levers.map((l) => [l.lever, l.settings, l.fitsBudget]));
  });

  it("states each lever's effect in euros beside the dollars, as the gap is: what it takes off the gap and the fee it leaves", () => {
    const shaped = shapeToBudget(timeline, NO_LEVERS, inEuros);
    // Events online: USD 230,000 → 220,000 is EUR 184,000 → 176,000; fewer faculty days: → USD 225,000, EUR 180,000.
    expect(shaped.levers.map((l) => [l.lever, l.effect.split(";")[0]])).toEqual([
      ["fewer_sites", `Lowers the fee by USD${NBSP}80,000 (about EUR${NBSP}64,000), to USD${NBSP}150,000 (about EUR${NBSP}120,000), within the budget`],
      ["virtual_sessions", `Lowers the fee by USD${NBSP}10,000 (about EUR${NBSP}8,000), to USD${NBSP}220,000 (about EUR${NBSP}176,000)`],
      ["fewer_faculty_days", `Lowers the fee by USD${NBSP}5,000 (about EUR${NBSP}4,000), to USD${NBSP}225,000 (about EUR${NBSP}180,000)`],
    ]);
    // A change worked out at a rate is "about" it, to three figures, as the gap is: at 0.9215, USD 10,000 is EUR 9,215, about EUR 9,220.
    const odd = shapeToBudget(timeline, NO_LEVERS, ctx({ max: 120_000, currency: "EUR", rate: { ...rate, rate: 0.9215 } }));
    expect(odd.levers.find((l) => l.lever === "virtual_sessions")!.effect).toMatch(
      new RegExp(`^Lowers the fee by USD${NBSP}10,000 \\(about EUR${NBSP}9,220\\), to USD${NBSP}220,000 \\(about EUR${NBSP}203,000\\);`)
    );
    // Without a rate, or with the budget in dollars, the effect is in dollars alone.
    const inDollars = shapeToBudget(timeline, NO_LEVERS, ctx({ max: 150_000, currency: "USD" }));
    expect(inDollars.levers.find((l) => l.lever === "virtual_sessions")!.effect).toMatch(
      new RegExp(`^Lowers the fee by USD${NBSP}10,000, to USD${NBSP}220,000;`)
    );
  });

  it("says what the levers together leave, in euros, with the fee's equivalent", () => {
    // EUR 40,000 is USD 50,000 at 0.8: together the levers still leave USD 150,000, EUR 120,000, EUR 80,000 above it.
    const c = ctx({ max: 40_000, currency: "EUR", rate });
    const together = leversTogether(timeline, shapeToBudget(timeline, NO_LEVERS, c), c)!;
    expect(together).toMatchObject({ fee: 150_000, gap: 80_000, fitsBudget: false });
    expect(shortfallWords(together)).toBe(
      `All 3 levers together cannot bring the fee within the budget: the fee would still be USD${NBSP}150,000 (about EUR${NBSP}120,000), about EUR${NBSP}80,000 above the partner's maximum of EUR${NBSP}40,000.`
    );
  });

  it("is not compared through a rate for another currency than the budget's: no rate is guessed", () => {
    const pounds = ctx({ max: 120_000, currency: "GBP", rate });
    expect(shapeToBudget(timeline, NO_LEVERS, pounds).comparison).toEqual({ verdict: "other_currency", budgetCurrency: "GBP" });
  });
});

describe("applying levers", () => {
  it("stretches phases, keeps events' length and moves them in proportion", () => {
    const t = stretchTimeline(timeline, 6);
    expect(t.items.map((i) => [i.id, i.start, i.end])).toEqual([
      ["ap", "2027-01-01", "2027-12-30"],
      ["ls1", "2027-01-07", "2027-01-08"],
      ["ls2", "2027-11-02", "2027-11-03"],
    ]);
    expect(t.generatedFrom.horizonMonths).toBe(12);
  });

  it("scales only the rules they touch, leaving the shared parameter alone", () => {
    const p = applyLevers(timeline, params, { ...NO_LEVERS, virtualSessions: true, fewerFacultyDays: true, firstWaveSites: 50 }, pricing.levers);
    expect(p.teams).toBe(20);
    const rule = p.params.methods.collaborative.rules[2]!;
    expect(rule.amount).toBe("ls_days.virtual.fewer_faculty");
    expect(p.params.parameters[rule.amount]!.value).toBeCloseTo(0.48, 10);
    expect(p.params.parameters.ls_days!.value).toBe(1);
  });
});

describe("options, each priced on its own levers (docs/domain.md §9.13)", () => {
  const within = ctx({ max: 300_000, currency: "USD" });
  const core = { key: "A", levers: NO_LEVERS };
  const virtual = { key: "B", levers: { ...NO_LEVERS, virtualSessions: true } };
  const phased = { key: "C", levers: { ...NO_LEVERS, firstWaveSites: 9, longerPhasing: true } };
  const figures = [core, virtual, phased].map((o) => ({ key: o.key, ...planFigures(timeline, o.levers, within) }));

  it("an option with virtual sessions costs 10,000 less than the core option, with three faculty days fewer", () => {
    expect(figures[0]).toMatchObject({ fee: 230_000, facultyDays: 8, months: 6 });
    expect(figures[1]).toMatchObject({ fee: 220_000, facultyDays: 5, months: 6 });
  });

  it("a phased option with 9 sites first runs twelve months: its own timeline from the same model", () => {
    // Director 119.68 days × 1,000; advisors 0.9 FTE over Jan–Dec 30: 215.4 days × 500; faculty 16,000.
    // Build-up 243,391 × 1.15 = 279,900 → 280,000.
    expect(figures[2]).toMatchObject({ fee: 280_000, months: 12 });
  });

  it("the largest option is the one asking most of our staff: the phased one, over twelve months", () => {
    expect(figures.map((f) => f.fteMonths)).toEqual([15.4, 15.2, 17.2]);
    expect(largestOption(figures)?.key).toBe("C");
    expect(
      largestOption([
        { key: "X", fteMonths: 4 },
        { key: "Y", fteMonths: 4 },
      ])?.key
    ).toBe("X");
    expect(largestOption([])).toBeNull();
  });

  it("an option is offered every lever it has not taken, within the budget too", () => {
    expect(shapeToBudget(timeline, NO_LEVERS, within).levers).toEqual([]);
    const offered = shapeToBudget(timeline, virtual.levers, within, { always: true }).levers;
    expect(offered.map((l) => l.lever)).toEqual(["fewer_sites", "longer_phasing", "fewer_faculty_days"]);
  });
});

describe("a lever against the partner's time (docs/domain.md §8.6)", () => {
  const limited = (limits: Partial<Timeline["generatedFrom"]>): Timeline => ({
    ...timeline,
    generatedFrom: { ...timeline.generatedFrom, horizonMonths: null, ...limits },
  });
  const offered = (t: Timeline) => shapeToBudget(t, NO_LEVERS, ctx({ max: 150_000, currency: "USD" }), { always: true }).levers;
  const breach = (t: Timeline, lever: string) => offered(t).find((l) => l.lever === lever)?.timeBreach;

  it("a longer phasing that runs past the hard deadline the plan keeps says by how much, and which date", () => {
    expect(breach(limited({ hardDeadline: "2027-07-31" }), "longer_phasing")).toBe("It would run 5 months past the partner's hard deadline (31 July 2027).");
  });

  it("past the partner's longest duration, and past the aim's date, each said", () => {
    expect(breach(limited({ horizonMonths: 8 }), "longer_phasing")).toBe("It would run 4 months over the partner's longest duration of 8 months.");
    expect(breach(limited({ aimBy: "2027-07" }), "longer_phasing")).toBe("It would run 5 months past the date the aim names (31 July 2027).");
  });

  it("says nothing when the partner gave no limit, when the lever keeps the plan's dates, or when there is room for it", () => {
    expect(breach(limited({}), "longer_phasing")).toBeNull();
    for (const lever of ["fewer_sites", "virtual_sessions", "fewer_faculty_days"]) expect(breach(limited({ hardDeadline: "2027-07-31" }), lever)).toBeNull();
    expect(breach(limited({ hardDeadline: "2028-06-30", horizonMonths: 24 }), "longer_phasing")).toBeNull();
  });
});

describe("the partner's choice of option", () => {
  const option = (key: string, name: string, fee: number) => ({
    key,
    name,
    scope: "s",
    leavesOut: "",
    levers: [],
    start: "2027-01-01",
    end: "2027-06-30",
    months: 6,
    teams: 20,
    price: { fee, currency: "USD", schedule: [], internal: { buildUp: 0, adjustment: null, ruleFee: fee } },
    staffing: [],
    demand: [{ role: "faculty", month: "2027-01", fte: key === "A" ? 1 : 0.5 }],
    fteMonths: 1,
    facultyDays: 1,
    fit: null,
  });
  const two = [option("A", "Core", 230_000), option("B", "Virtual", 220_000)];

  it("is required when there are two options, and names them when missing", () => {
    expect(resolveChoice(two, "")).toEqual({ ok: false, message: "Choose one of the 2 options you accept: Option A: Core, Option B: Virtual." });
    expect(resolveChoice(two, "C")).toMatchObject({ ok: false });
    expect(resolveChoice(two, "B")).toMatchObject({ ok: true, option: { name: "Virtual" } });
  });

  it("is the only option when there is one, and none without options", () => {
    expect(resolveChoice([two[0]!], "")).toMatchObject({ ok: true, option: { key: "A" } });
    expect(resolveChoice(undefined, "B")).toEqual({ ok: true, option: null });
  });

  it("is recorded by its name and fee, and its demand is what is booked", () => {
    expect(chosenOptionLabel(two[1]!)).toBe(`Option B: Virtual, for a fee of USD${NBSP}220,000`);
    const snapshot = { demand: two[0]!.demand, options: two };
    expect(bookedDemand(snapshot, "B")).toEqual([{ role: "faculty", month: "2027-01", fte: 0.5 }]);
    expect(bookedDemand(snapshot, null)).toEqual(two[0]!.demand);
  });
});

describe("a plan in a small request's form of the method", () => {
  // Joining an open collaborative: its own rules, a twentieth of the sessions' two faculty for each joining site; no director.
  const withJoin = DemandParametersSchema.parse({
    ...params,
    parameters: { ...params.parameters, teams_in_it: param(20, "teams in the collaborative") },
    variants: {
      join_open_collaborative: rules([
        {
          role: "faculty",
          basis: "days_per_event_day",
          amount: "ls_days",
          during: ["learning_session"],
          times: ["faculty", { shareOf: "teams_in_it", noun: "the joining teams' share" }],
        },
      ]),
    },
  });
  const one = { ...timeline, generatedFrom: { ...timeline.generatedFrom, teams: 1 } };
  const joining = { ...ctx(null), params: withJoin, variant: "join_open_collaborative" as const };

  it("is priced on the variant's rules: 0.4 faculty days (8 ÷ 20), 800 to build up, no director", () => {
    const f = planFigures(one, NO_LEVERS, joining);
    expect(f).toMatchObject({ buildUp: 800, facultyDays: 0, fteMonths: 0 });
    expect(f.demand.map((d) => d.role)).toEqual(["faculty", "faculty"]);
    expect(planFigures(one, NO_LEVERS, { ...joining, variant: null }).buildUp).toBeGreaterThan(60_000);
  });

  it("is never offered events held online, since the sessions are the host's, and the panel says why", () => {
    const above = { ...joining, budget: { max: 1, currency: "USD" } };
    for (const shaped of [shapeToBudget(one, NO_LEVERS, above), shapeToBudget(one, NO_LEVERS, above, { always: true })]) {
      expect(shaped.levers.map((l) => l.lever)).not.toContain("virtual_sessions");
      expect(shaped.withheld).toContain(
        "Events held online is not offered: the learning sessions are the open collaborative's, held as its host holds them, not ours to move online."
      );
    }
    // A collaborative of our own holds its sessions where we choose.
    expect(shapeToBudget(one, NO_LEVERS, { ...above, variant: null }).levers.map((l) => l.lever)).toContain("virtual_sessions");
  });

  it("virtual sessions scale the variant's session days too", () => {
    expect(planFigures(one, { ...NO_LEVERS, virtualSessions: true }, joining).buildUp).toBeCloseTo(480, 6);
  });
});

describe("fewer sites in the first wave, found by halving", () => {
  // The real templates, demand rules, day rates and pricing rules, for every kind of partner.
  const realParams = DemandParametersSchema.parse(demandJson);
  const realRoles = StaffRolesSchema.parse(staffRolesJson);
  const realPricing = PricingRulesSchema.parse(pricingJson);
  const dayRates = Object.fromEntries(realRoles.roles.map((r) => [r.key, r.defaultDayRate]));
  const templates = [collaborativeJson, campaignJson, tailoredJson].map((t) => TimelineTemplateSchema.parse(t));

  it("finds the most sites whose fee fits each budget, as trying one site fewer at a time does: each method, kind of partner and budget", () => {
    let compared = 0;
    for (const template of templates) {
      const plan = generateTimeline(template, { start: "2027-09", teams: 40 });
      for (const partnerKind of Object.keys(realPricing.byPartnerKind)) {
        const real: PricingContext = {
          ...ctx(null),
          method: template.method,
          params: realParams,
          roles: realRoles.roles,
          dayRates,
          partnerKind,
          rules: realPricing,
        };
        const fees = Array.from({ length: 40 }, (_, i) => planFigures(plan, { ...NO_LEVERS, firstWaveSites: i + 1 }, real).fee);
        // What the halving rests on: a site never lowers the fee.
        for (let i = 1; i < fees.length; i++) expect(fees[i], `${template.method} ${partnerKind} ${i + 1} sites`).toBeGreaterThanOrEqual(fees[i - 1]!);
        let asked = 0;
        const feeAt = (n: number) => (asked++, fees[n - 1]!);
        for (const max of [0, ...new Set(fees.flatMap((f) => [f - 1, f, f + 1]))]) {
          let oneAtATime: number | null = null;
          for (let n = 39; n >= 1; n--)
            if (fees[n - 1]! <= max) {
              oneAtATime = n;
              break;
            }
          asked = 0;
          expect(mostSitesWithin(max, 39, feeAt), `${template.method} ${partnerKind} budget ${max}`).toBe(oneAtATime);
          expect(asked).toBeLessThanOrEqual(7);
          compared++;
        }
        // The lever as the panel offers it, against a budget only some sites fit.
        const max = fees[11]!;
        const shaped = shapeToBudget(plan, NO_LEVERS, { ...real, budget: { max, currency: "USD" } });
        const expected = fees.lastIndexOf(max) + 1;
        const sitesLever = template.method === "campaign" ? "fewer_supported_sites" : "fewer_sites";
        expect(shaped.levers.find((l) => l.lever === sitesLever)?.settings.firstWaveSites).toBe(Math.min(expected, 39));
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it("has nothing to find without a budget maximum or with one site", () => {
    expect(mostSitesWithin(null, 10, () => 0)).toBeNull();
    // From a smallest wave: none when the range is empty or the smallest is above the budget.
    expect(mostSitesWithin(100, 9, () => 0, 10)).toBeNull();
    expect(mostSitesWithin(100, 20, (n) => (n < 10 ? 50 : 101), 10)).toBeNull();
    expect(mostSitesWithin(100, 20, (n) => (n <= 14 ? 100 : 101), 10)).toBe(14);
    expect(mostSitesWithin(100, 0, () => 0)).toBeNull();
    expect(mostSitesWithin(100, 10, () => 101)).toBeNull();
    expect(mostSitesWithin(100, 10, () => 100)).toBe(10);
  });
});

describe("a campaign's levers (docs/domain.md §8.8)", () => {
  // A national campaign on the real rules: 3,000 hospitals, open enrolment, no waves.
  const realParams = DemandParametersSchema.parse(demandJson);
  const realRoles = StaffRolesSchema.parse(staffRolesJson);
  const realPricing = PricingRulesSchema.parse(pricingJson);
  const real: PricingContext = {
    ...ctx(null),
    method: "campaign",
    params: realParams,
    roles: realRoles.roles,
    dayRates: Object.fromEntries(realRoles.roles.map((r) => [r.key, r.defaultDayRate])),
    partnerKind: "nation",
    rules: realPricing,
  };
  const plan = generateTimeline(TimelineTemplateSchema.parse(campaignJson), { start: "2027-03", teams: 3000 });
  const fee = planFigures(plan, NO_LEVERS, real).fee;
  const shaped = shapeToBudget(plan, NO_LEVERS, { ...real, budget: { max: Math.round(fee * 0.9), currency: "USD" } });

  it("never offers a first wave to a campaign, which enrols openly: it offers fewer sites supported by our staff, in words a manager reads as such", () => {
    const words = JSON.stringify(shaped.levers.map((l) => [l.label, l.change, l.effect]).concat(shaped.withheld));
    expect(words).not.toMatch(/wave/i);
    const sites = shaped.levers.find((l) => l.lever === "fewer_supported_sites")!;
    expect(sites.label).toBe("Fewer sites supported by our staff");
    expect(sites.change).toMatch(
      /^Our staff support [\d,]+ of the 3,000 sites, through their nodes and their monthly data; the other [\d,]+ may still enrol and use the campaign's how-to guides, calls and events, without our staff's support\.$/
    );
    expect(shaped.levers.find((l) => l.lever === "fewer_sites")).toBeUndefined();
    // What it changes is what the demand counts by the sites: the nodes' support and the data, never the central team, the calls or the events.
    const fewer = planFigures(plan, sites.settings, real).demand;
    const all = planFigures(plan, NO_LEVERS, real).demand;
    const byRole = (d: typeof all, role: string) => d.filter((e) => e.role === role).reduce((s, e) => s + e.fte, 0);
    for (const role of ["programme_director", "campaign_lead", "project_manager", "faculty"]) expect(byRole(fewer, role)).toBeCloseTo(byRole(all, role), 6);
    expect(byRole(fewer, "improvement_advisor")).toBeLessThan(byRole(all, "improvement_advisor"));
    // Applied, it is said as it is.
    expect(appliedWords(sites.settings, 6, "campaign")).toEqual([`${sites.settings.firstWaveSites!.toLocaleString("en-GB")} sites supported by our staff`]);
    expect(appliedWords({ ...NO_LEVERS, firstWaveSites: 1 }, 6, "campaign")).toEqual(["1 site supported by our staff"]);
    // Taken with the others, it is looked for again as a first wave is.
    const together = leversTogether(plan, shaped, { ...real, budget: { max: Math.round(fee * 0.9), currency: "USD" } });
    expect(together?.settings.firstWaveSites).not.toBeNull();
  });

  it("says why it is not offered at a campaign's smallest, in the same words", () => {
    const small = generateTimeline(TimelineTemplateSchema.parse(campaignJson), { start: "2027-03", teams: 10 });
    const at = shapeToBudget(small, NO_LEVERS, { ...real, budget: { max: 1, currency: "USD" } });
    expect(at.levers.map((l) => l.lever)).not.toContain("fewer_supported_sites");
    expect(at.withheld).toEqual([
      "Fewer sites supported by our staff is not offered: our staff support at least 10 of a campaign's sites, and the plan takes 10 sites.",
    ]);
  });
});
