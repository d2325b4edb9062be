import { describe, expect, test } from "vitest";
import demandJson from "../../docs-templates/demand-parameters.json";
import staffRolesJson from "../../docs-templates/staff-roles.json";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { DemandParametersSchema, computeDemand, type DemandEntry } from "~/domain/demand";
import { staffMemberSchema, StaffRolesSchema } from "~/domain/roster-forms";
import {
  assessFit,
  dayRatesFromRoster,
  demandFromTemplate,
  demandFromTimeline,
  earlierStartOffer,
  earliestFeasibleStart,
  estimateCost,
  fitForEachMethod,
  heatmap,
  memoised,
  whatIfs,
  type DemandSource,
} from "~/domain/resource-fit";
import {
  earlierStartWords,
  farAheadWords,
  lateStartWords,
  noStartWithin,
  planVerdict,
  searchFromWords,
  searchWindow,
  shortfallsByRole,
} from "~/domain/fit-words";
import { capacityByRoleMonth, fteFigure, type Booking, type StaffMember } from "~/domain/capacity";
import { addMonthsToMonth } from "~/domain/calendar";
import { TimelineTemplateSchema } from "~/domain/timeline";
import { timeLimits, timeOverruns } from "~/domain/timeline-constraints";
import { generateTimeline, generateTimelineToRead } from "~/domain/timeline-generate";

const { roles, currency } = StaffRolesSchema.parse(staffRolesJson);
const params = DemandParametersSchema.parse(demandJson);
const templates = {
  collaborative: TimelineTemplateSchema.parse(collaborativeJson),
  campaign: TimelineTemplateSchema.parse(campaignJson),
  tailored: TimelineTemplateSchema.parse(tailoredJson),
};

const need = (role: string, month: string, fte: number): DemandEntry => ({ role, month, fte, days: fte * 21, reasons: [] });

const roster: StaffMember[] = [
  { id: "ia1", name: "Ada", role: "improvement_advisor", fte: 1, dayRate: 1000 },
  { id: "ia2", name: "Ben", role: "improvement_advisor", fte: 0.5, availableFrom: "2027-03", dayRate: 1600 },
  { id: "fac1", name: "Cleo", role: "faculty", fte: 0.6, availableTo: "2027-04" },
  { id: "dir1", name: "Dev", role: "programme_director", fte: 1 },
];
const bookings: Booking[] = [
  { staffId: "ia1", from: "2027-01", to: "2027-12", fte: 0.5, status: "confirmed" },
  { staffId: "ia1", from: "2027-02", to: "2027-03", fte: 0.3, status: "tentative" },
  { staffId: "ia2", from: "2027-05", to: "2027-05", fte: 0.5, status: "tentative" },
  { staffId: "fac1", from: "2027-01", to: "2027-01", fte: 0.8, status: "confirmed" },
  { staffId: "someone-else", from: "2027-01", to: "2027-12", fte: 1, status: "confirmed" },
];
const months = ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"];
const capacity = capacityByRoleMonth(roster, bookings, months);
const cap = (role: string, month: string) => capacity.find((c) => c.role === role && c.month === month)!;

describe("capacity", () => {
  test("is the roster's FTE in each person's availability window, minus confirmed and tentative bookings kept apart", () => {
    expect(cap("improvement_advisor", "2027-01")).toEqual({
      role: "improvement_advisor",
      month: "2027-01",
      total: 1,
      confirmed: 0.5,
      tentative: 0,
      freeAfterConfirmed: 0.5,
      freeAfterAll: 0.5,
    });
    expect(cap("improvement_advisor", "2027-02")).toMatchObject({ total: 1, confirmed: 0.5, tentative: 0.3, freeAfterConfirmed: 0.5, freeAfterAll: 0.2 });
    expect(cap("improvement_advisor", "2027-03")).toMatchObject({ total: 1.5, freeAfterConfirmed: 1, freeAfterAll: 0.7 });
    expect(cap("improvement_advisor", "2027-05")).toMatchObject({ total: 1.5, tentative: 0.5, freeAfterConfirmed: 1, freeAfterAll: 0.5 });
    expect(cap("faculty", "2027-04")).toMatchObject({ total: 0.6, freeAfterAll: 0.6 });
    expect(cap("faculty", "2027-05")).toMatchObject({ total: 0, freeAfterAll: 0 });
  });

  test("one person's overbooking does not use a colleague's free time", () => {
    expect(cap("faculty", "2027-01")).toMatchObject({ total: 0.6, confirmed: 0.8, freeAfterConfirmed: 0, freeAfterAll: 0 });
    expect(capacity.filter((c) => c.role === "programme_director").every((c) => c.freeAfterAll === 1)).toBe(true);
  });
});

describe("fit", () => {
  test("fits when every role has free capacity with room to spare", () => {
    const fit = assessFit([need("improvement_advisor", "2027-01", 0.3), need("programme_director", "2027-03", 0.5)], capacity, { roles });
    expect(fit.verdict).toBe("fits");
    expect(fit.shortfalls).toEqual([]);
    expect(fit.summary).toMatch(/^Fits/);
  });

  test("is tight when it fits only if tentative bookings do not go ahead", () => {
    const fit = assessFit([need("improvement_advisor", "2027-02", 0.4)], capacity, { roles });
    expect(fit.verdict).toBe("tight");
    expect(fit.tightSpots).toEqual([
      expect.objectContaining({
        reason: "tentative",
        description: "Improvement advisors in February 2027 fit only if tentative bookings do not go ahead (0.4 FTE needed, 0.2 free if they go ahead)",
      }),
    ]);
  });

  test("is tight when it leaves less than 10% of the role's capacity free", () => {
    const fit = assessFit([need("improvement_advisor", "2027-03", 0.65)], capacity, { roles });
    expect(fit.verdict).toBe("tight");
    expect(fit.tightSpots[0].reason).toBe("headroom");
    expect(fit.tightSpots[0].description).toBe("Improvement advisors in March 2027 fit with only 3% of their capacity to spare (0.65 FTE needed of 0.7 free)");
    expect(assessFit([need("improvement_advisor", "2027-03", 0.7)], capacity, { roles }).tightSpots[0].description).toBe(
      "Improvement advisors in March 2027 fit with nothing to spare (0.7 FTE needed of 0.7 free)"
    );
    expect(assessFit([need("improvement_advisor", "2027-03", 0.65)], capacity, { roles, tightHeadroom: 0.02 }).verdict).toBe("fits");
  });

  test("does not fit when confirmed bookings leave too little, with each shortfall in words", () => {
    const fit = assessFit(
      [need("improvement_advisor", "2027-05", 1.6), need("faculty", "2027-05", 0.2), need("improvement_advisor", "2027-01", 0.1)],
      capacity,
      { roles }
    );
    expect(fit.verdict).toBe("does_not_fit");
    expect(fit.shortfalls).toEqual([
      { role: "faculty", month: "2027-05", needed: 0.2, free: 0, gap: 0.2, description: "Faculty short by 0.2 FTE in May 2027" },
      { role: "improvement_advisor", month: "2027-05", needed: 1.6, free: 1, gap: 0.6, description: "Improvement advisors short by 0.6 FTE in May 2027" },
    ]);
    // The summary: the verdict, how many shortfalls, and the first of them.
    expect(fit.summary).toMatch(/^Does not fit\b/);
    expect(fit.summary).toMatch(/\b2 shortfalls\b/);
    expect(fit.summary).toContain(fit.shortfalls[0]!.description);
  });

  test("a role nobody on the roster has is a shortfall", () => {
    const fit = assessFit([need("data_analyst", "2027-02", 0.5)], capacity, { roles });
    expect(fit.shortfalls.map((s) => s.description)).toEqual(["Data analysts short by 0.5 FTE in February 2027"]);
  });
});

/** 0.8 FTE of improvement advisor for three months from the start. */
const threeMonths: DemandSource = ({ start }) => [0, 1, 2].map((k) => need("improvement_advisor", addMonthsToMonth(start, k), 0.8));
const oneAdvisor: StaffMember[] = [{ id: "a", name: "Ada", role: "improvement_advisor", fte: 1 }];

describe("earliest start", () => {
  const busyToJune: Booking[] = [{ staffId: "a", from: "2027-01", to: "2027-06", fte: 0.5, status: "confirmed" }];

  test("is the first month from today at which the whole timeline fits", () => {
    const earliest = earliestFeasibleStart({ demandFor: threeMonths, teams: 1, roster: oneAdvisor, bookings: busyToJune, today: "2027-01" });
    expect(earliest?.month).toBe("2027-07");
    expect(earliest?.assessment.verdict).toBe("fits");
  });

  test("waits for tentative bookings too", () => {
    const tentative: Booking[] = [...busyToJune, { staffId: "a", from: "2027-07", to: "2027-08", fte: 0.3, status: "tentative" }];
    expect(earliestFeasibleStart({ demandFor: threeMonths, teams: 1, roster: oneAdvisor, bookings: tentative, today: "2027-01" })?.month).toBe("2027-09");
  });

  test("is none when nothing fits within the next 24 months", () => {
    const busy: Booking[] = [{ staffId: "a", from: "2027-01", to: "2029-12", fte: 0.5, status: "confirmed" }];
    expect(earliestFeasibleStart({ demandFor: threeMonths, teams: 1, roster: oneAdvisor, bookings: busy, today: "2027-01" })).toBeNull();
    expect(earliestFeasibleStart({ demandFor: threeMonths, teams: 1, roster: oneAdvisor, bookings: busy, today: "2027-01", withinMonths: 40 })?.month).toBe(
      "2030-01"
    );
  });

  test("shifts the engagement's own timeline, learning sessions and all", () => {
    const timeline = generateTimeline(templates.collaborative, { start: "2027-01", teams: 12 });
    const people: StaffMember[] = roles.flatMap((r) => [1, 2, 3].map((n) => ({ id: `${r.key}${n}`, name: `${r.label} ${n}`, role: r.key, fte: 1 })));
    // All three faculty are fully booked until the end of September 2027.
    const faculty: Booking[] = [1, 2, 3].map((n) => ({ staffId: `faculty${n}`, from: "2027-01", to: "2027-09", fte: 1, status: "confirmed" }));
    const demandFor = demandFromTimeline(timeline, "collaborative", params);
    const earliest = earliestFeasibleStart({ demandFor, teams: 12, roster: people, bookings: faculty, today: "2027-01", roles });
    // The first faculty days fall at the expert meeting, in the second month.
    expect(earliest?.month).toBe("2027-09");
    expect(computeDemand(timeline, { method: "collaborative", teams: 12 }, params).find((d) => d.role === "faculty")?.month).toBe("2027-02");
  });
});

describe("a start before the desired one", () => {
  // Half booked from March to August 2027: three months of 0.8 FTE fit when they end by February, or start in September.
  const busy: Booking[] = [{ staffId: "a", from: "2027-03", to: "2027-08", fte: 0.5, status: "confirmed" }];
  const offer = (o: { verdict?: "fits" | "tight" | "does_not_fit"; nearest?: string | null; misses?: boolean; withinMonths?: number }) =>
    earlierStartOffer({
      demandFor: threeMonths,
      teams: 1,
      roster: oneAdvisor,
      bookings: busy,
      today: "2026-11",
      desiredStart: "2027-03",
      verdict: o.verdict ?? "does_not_fit",
      nearest: o.nearest === undefined ? "2027-09" : o.nearest,
      missesDeadline: () => o.misses ?? false,
      withinMonths: o.withinMonths,
    });

  test("is the latest that fits before it, offered when the nearest later start would miss the deadline", () => {
    expect(offer({ misses: true })).toBe("2026-12");
  });

  test("is offered when no later start fits, and never when the desired start fits or waiting keeps the deadline", () => {
    expect(offer({ nearest: null })).toBe("2026-12");
    expect(offer({ misses: false })).toBeNull();
    expect(offer({ verdict: "fits", misses: true })).toBeNull();
  });

  test("is never before today", () => {
    expect(
      earlierStartOffer({
        demandFor: threeMonths,
        teams: 1,
        roster: oneAdvisor,
        bookings: busy,
        today: "2027-01",
        desiredStart: "2027-03",
        verdict: "does_not_fit",
        nearest: null,
        missesDeadline: () => true,
      })
    ).toBeNull();
  });
});

describe("what-ifs", () => {
  const twoAdvisors: StaffMember[] = [
    { id: "a", name: "Ada", role: "improvement_advisor", fte: 1 },
    { id: "b", name: "Ben", role: "improvement_advisor", fte: 1 },
  ];
  /** One improvement advisor FTE per 10 teams for three months. */
  const perTeams: DemandSource = ({ start, teams }) => [0, 1, 2].map((k) => need("improvement_advisor", addMonthsToMonth(start, k), teams / 10));

  test("a later start that fits", () => {
    const busy: Booking[] = [{ staffId: "a", from: "2027-01", to: "2027-06", fte: 0.5, status: "confirmed" }];
    const w = whatIfs({
      method: "collaborative",
      demandFor: threeMonths,
      start: "2027-03",
      teams: 1,
      today: "2027-01",
      roster: oneAdvisor,
      bookings: busy,
      roles,
    });
    expect(w.current.verdict).toBe("does_not_fit");
    expect(w.laterStart).toMatchObject({ month: "2027-07", monthsLater: 4, description: "Starting in July 2027, 4 months later, it fits." });
  });

  test("a later start is never a month already past: a plan whose start has passed is tried from this month on", () => {
    // Booked out until November 2026; the plan was to start in September 2026; it is December 2026 now.
    const busy: Booking[] = [{ staffId: "a", from: "2026-01", to: "2026-11", fte: 1, status: "confirmed" }];
    const w = whatIfs({
      method: "collaborative",
      demandFor: threeMonths,
      start: "2026-09",
      teams: 1,
      today: "2026-12",
      roster: oneAdvisor,
      bookings: busy,
      roles,
    });
    expect(w.laterStart).toMatchObject({ month: "2026-12", description: "Starting in December 2026 (this month), it fits." });
    expect(w.summary.join(" ")).not.toMatch(/October 2026|November 2026/);
  });

  test("a later start, or another method, that breaks the partner's time is said to, not offered as a fix", () => {
    const busy: Booking[] = [{ staffId: "a", from: "2027-01", to: "2027-06", fte: 0.5, status: "confirmed" }];
    const w = whatIfs({
      method: "collaborative",
      demandFor: threeMonths,
      start: "2027-03",
      teams: 1,
      today: "2027-01",
      roster: oneAdvisor,
      bookings: busy,
      roles,
      otherMethods: { tailored: ({ start }) => [need("improvement_advisor", start, start >= "2027-08" ? 0.5 : 2)] },
      missesDeadline: (month) => month > "2027-05",
      keepsTime: { tailored: () => false },
    });
    expect(w.summary).toEqual([
      "Starting in July 2027, 4 months later, our staff could take it on, but that is too late to keep the partner's deadline.",
      "Tailored large-scale initiative: our staff could take it on from August 2027, but its plan cannot keep the partner's time.",
    ]);
    expect(w.otherMethods[0]).toMatchObject({ keepsTime: false, earliestStart: "2027-08" });
  });

  test("the number of teams at which it fits", () => {
    const w = whatIfs({
      method: "collaborative",
      demandFor: perTeams,
      start: "2027-03",
      teams: 30,
      today: "2027-01",
      roster: twoAdvisors,
      bookings: [],
      roles,
    });
    expect(w.current.shortfalls[0].description).toBe("Improvement advisors short by 1 FTE in March 2027");
    expect(w.laterStart).toBeNull();
    expect(w.fewerTeams?.teams).toBe(18);
    expect(w.fewerTeams?.description).toBe("With 18 teams instead of 30 it fits from March 2027.");
  });

  test("one team that fits is one team, not one teams", () => {
    const w = whatIfs({
      method: "collaborative",
      demandFor: perTeams,
      start: "2027-03",
      teams: 5,
      today: "2027-01",
      roster: oneAdvisor,
      bookings: [{ staffId: "a", from: "2027-01", to: "2027-12", fte: 0.75, status: "confirmed" }],
      roles,
    });
    expect(w.fewerTeams?.teams).toBe(1);
    expect(w.fewerTeams?.description).toBe("With 1 team instead of 5 it fits from March 2027.");
  });

  test("other methods, given as demand sources or as fixed demand", () => {
    const w = whatIfs({
      method: "collaborative",
      demandFor: perTeams,
      start: "2027-03",
      teams: 30,
      today: "2027-01",
      roster: twoAdvisors,
      bookings: [{ staffId: "b", from: "2027-01", to: "2027-04", fte: 1, status: "confirmed" }],
      roles,
      otherMethods: {
        campaign: [need("improvement_advisor", "2027-03", 0.5)],
        tailored: ({ start }) => [need("improvement_advisor", start, 1.5)],
      },
    });
    expect(w.otherMethods).toEqual([
      expect.objectContaining({ method: "campaign", verdict: "fits", earliestStart: "2027-03", description: "Campaign: fits from March 2027." }),
      expect.objectContaining({
        method: "tailored",
        verdict: "does_not_fit",
        earliestStart: "2027-05",
        description: "Tailored large-scale initiative: fits from May 2027.",
      }),
    ]);
    expect(w.summary).toContain("Tailored large-scale initiative: fits from May 2027.");
  });

  test("a site joining an open collaborative is offered fewer of its own teams, never a later start or fewer sites", () => {
    // Its dates are the collaborative's: starting later is not the site's to choose (docs/domain.md §2.5).
    const busy: Booking[] = [{ staffId: "a", from: "2027-01", to: "2027-06", fte: 0.5, status: "confirmed" }];
    const joining = { title: "Sepsis Early Recognition Collaborative" };
    const later = whatIfs({
      method: "collaborative",
      demandFor: threeMonths,
      start: "2027-03",
      teams: 1,
      today: "2027-01",
      roster: oneAdvisor,
      bookings: busy,
      roles,
    });
    expect(later.laterStart).not.toBeNull();
    const joined = whatIfs({
      method: "collaborative",
      demandFor: threeMonths,
      start: "2027-03",
      teams: 1,
      today: "2027-01",
      roster: oneAdvisor,
      bookings: busy,
      roles,
      scaleNoun: "sites",
      joining,
    });
    expect(joined.current.verdict).toBe("does_not_fit");
    expect(joined.laterStart).toBeNull();
    const teams = whatIfs({
      method: "collaborative",
      demandFor: perTeams,
      start: "2027-03",
      teams: 30,
      today: "2027-01",
      roster: twoAdvisors,
      bookings: [],
      roles,
      scaleNoun: "sites",
      joining,
    });
    expect(teams.fewerTeams?.description).toBe("With 18 teams of its own joining the Sepsis Early Recognition Collaborative instead of 30, it fits.");
    expect(teams.summary.join(" ")).not.toMatch(/sites|Starting in/);
  });

  test("none are offered when it already fits", () => {
    const w = whatIfs({
      method: "collaborative",
      demandFor: perTeams,
      start: "2027-03",
      teams: 10,
      today: "2027-01",
      roster: twoAdvisors,
      bookings: [],
      roles,
      otherMethods: { campaign: [need("improvement_advisor", "2027-03", 0.5)] },
    });
    expect(w.current.verdict).toBe("fits");
    expect(w.laterStart).toBeNull();
    expect(w.fewerTeams).toBeNull();
    // Another method that would also fit is still reported, but not as something that "would make it fit".
    expect(w.otherMethods).toEqual([expect.objectContaining({ method: "campaign", verdict: "fits" })]);
    expect(w.summary).toEqual([]);
  });
});

describe("fit for each method before one is chosen", () => {
  const people: StaffMember[] = roles.flatMap((r) =>
    Array.from({ length: 10 }, (_, n) => ({ id: `${r.key}${n}`, name: `${r.label} ${n}`, role: r.key, fte: 1 }))
  );

  test("every method fits a large roster at the desired start, which is then the nearest start that fits, not this month", () => {
    const fits = fitForEachMethod({ templates, params, roster: people, bookings: [], roles, desiredStart: "2027-01", today: "2026-11", scale: 100 });
    expect(Object.keys(fits)).toEqual(["collaborative", "campaign", "tailored"]);
    for (const fit of Object.values(fits)) {
      expect(fit.verdict).toBe("fits");
      expect(fit.earliestStart).toBe("2027-01");
      expect(fit.earlierStart).toBeNull();
    }
  });

  test("when the desired start has no room, the nearest start at or after it is given; an earlier one only when waiting misses the deadline", () => {
    // The advisor is half booked from March to August 2027: three months of 0.8 FTE fit from December 2026 to February 2027, or from September.
    const advisorOnly: StaffMember[] = [{ id: "a", name: "Ada", role: "improvement_advisor", fte: 1 }];
    const busy: Booking[] = [{ staffId: "a", from: "2027-03", to: "2027-08", fte: 0.5, status: "confirmed" }];
    const sources = { collaborative: threeMonths, campaign: threeMonths, tailored: threeMonths };
    const common = { templates, params, roster: advisorOnly, bookings: busy, roles, desiredStart: "2027-03", today: "2026-11", scale: 30, sources };
    const relaxed = fitForEachMethod(common);
    expect(relaxed.collaborative).toMatchObject({
      verdict: "does_not_fit",
      earliestStart: "2027-09",
      earlierStart: null,
      earliestTooLate: false,
      tooLongFromFirst: false,
    });
    // A collaborative started in September 2027 holds its congress well after a hard deadline at the end of 2027: that start is said to be too late.
    const pressed = fitForEachMethod({ ...common, time: { hardDeadline: "2027-12-31" } });
    expect(pressed.collaborative).toMatchObject({ verdict: "does_not_fit", earliestStart: "2027-09", earlierStart: "2026-12", earliestTooLate: true });
    // Started in March 2027, the desired start, it would be late too: its length makes it so, not the wait for the advisor.
    expect(pressed.collaborative.tooLongFromFirst).toBe(true);
    // A deadline a plan started in March keeps and one started in September does not: the wait makes it late.
    const late = (start: string, hardDeadline: string) =>
      timeOverruns(generateTimelineToRead(templates.collaborative, { start, hardDeadline, teams: 30 }), timeLimits({ hardDeadline })).deadlineMonths > 0;
    const deadline = Array.from({ length: 48 }, (_, i) => `${addMonthsToMonth("2027-06", i)}-28`).find((d) => !late("2027-03", d) && late("2027-09", d))!;
    expect(deadline).toBeDefined();
    const waitLate = fitForEachMethod({ ...common, time: { hardDeadline: deadline } });
    expect(waitLate.collaborative).toMatchObject({ earliestStart: "2027-09", earliestTooLate: true, tooLongFromFirst: false });
    // A deadline the September start keeps is not.
    expect(fitForEachMethod({ ...common, time: { hardDeadline: "2031-12-31" } }).collaborative).toMatchObject({
      earliestStart: "2027-09",
      earliestTooLate: false,
    });
  });

  test("with every faculty member booked until the end of 2027, each method can start when its first faculty days fall after that", () => {
    const faculty: Booking[] = people
      .filter((p) => p.role === "faculty")
      .map((p) => ({ staffId: p.id, from: "2026-11", to: "2027-12", fte: 1, status: "confirmed" }));
    const fits = fitForEachMethod({ templates, params, roster: people, bookings: faculty, roles, desiredStart: "2027-01", today: "2026-11", scale: 100 });
    expect(fits.collaborative.verdict).toBe("does_not_fit");
    expect(fits.collaborative.shortfalls[0].description).toMatch(/^Faculty short by [\d.]+ FTE in February 2027$/);
    // A collaborative's first faculty days are at the expert meeting in its second month; the others need faculty at once.
    expect(fits.collaborative.earliestStart).toBe("2027-12");
    expect(fits.campaign.earliestStart).toBe("2028-01");
    expect(fits.tailored.earliestStart).toBe("2028-01");
  });
});

describe("cost", () => {
  const demand = [need("improvement_advisor", "2027-01", 1), need("improvement_advisor", "2027-02", 1), need("faculty", "2027-01", 0.5)];

  test("is demand × day rates per role, said as what the work costs us and never set against the partner's budget", () => {
    const cost = estimateCost(demand, { roles, currency, budget: { min: 50_000, max: 70_000 } });
    expect(cost.lines).toEqual([
      { role: "faculty", label: "Faculty", days: 10.5, dayRate: 1800, cost: 18_900 },
      { role: "improvement_advisor", label: "Improvement advisor", days: 42, dayRate: 1400, cost: 58_800 },
    ]);
    expect(cost.total).toBe(77_700);
    expect(cost.verdict).toBe("above");
    expect(cost.difference).toBe(7_700);
    expect(cost.description).toBe("Estimated cost USD\u00a077,700: our staff's days at cost, before the pricing rules turn it into the fee.");
    // Within the budget or not, the words are the same: only the fee is said against the budget.
    expect(estimateCost(demand, { roles, currency, budget: { min: 50_000, max: 100_000 } }).description).toBe(cost.description);
    expect(estimateCost(demand, { roles, currency, budget: { min: 80_000, max: 100_000 } })).toMatchObject({ verdict: "below", difference: 2_300 });
    expect(estimateCost(demand, { roles, currency, budget: { min: 50_000, max: 100_000 } }).verdict).toBe("within");
    expect(estimateCost(demand, { roles, currency, budget: { max: 100_000 } }).verdict).toBe("within");
    expect(estimateCost(demand, { roles, currency }).verdict).toBe("no_budget");
    expect(estimateCost(demand, { roles, currency, budget: { min: 1, max: 2, currency: "EUR" } })).toMatchObject({ verdict: "other_currency" });
    expect(estimateCost(demand, { roles, currency, budget: { min: 1, max: 2, currency: "usd" } }).verdict).toBe("above");
  });

  test("uses the people's own day rates where the roster has them", () => {
    const rates = dayRatesFromRoster(roster, roles);
    expect(rates.improvement_advisor).toBe(1200);
    expect(rates.faculty).toBe(1800);
    expect(estimateCost(demand, { roles, currency, dayRates: rates }).total).toBe(18_900 + 42 * 1200);
  });
});

describe("the heatmap", () => {
  const map = heatmap(
    [need("improvement_advisor", "2027-02", 0.4), need("improvement_advisor", "2027-05", 1.6), need("improvement_advisor", "2027-01", 0.3)],
    capacity,
    { roles, months }
  );
  const row = (role: string) => map.rows.find((r) => r.role === role)!;

  test("has a row per role in the roles' order and a cell per month", () => {
    expect(map.rows.map((r) => r.label)).toEqual(["Faculty", "Improvement advisor", "Programme director"]);
    expect(row("improvement_advisor").cells.map((c) => c.month)).toEqual(months);
  });

  test("gives each cell a level and a label that reads without colour, with tentative and confirmed apart", () => {
    const [jan, feb, , apr, may] = row("improvement_advisor").cells;
    expect(jan).toMatchObject({ level: "ok", utilisation: 80, label: "OK: needs 0.3 of 0.5 FTE free" });
    expect(feb).toMatchObject({
      level: "tight",
      utilisation: 120,
      utilisationConfirmed: 90,
      label: "Tight: needs 0.4 FTE, 0.5 free, 0.2 if tentative bookings go ahead",
    });
    expect(apr).toMatchObject({ level: "ok", needed: 0, label: "No demand; 1 FTE free" });
    expect(may).toMatchObject({ level: "over", label: "Over: needs 1.6 FTE, 1 free" });
    expect(row("faculty").cells[4]).toMatchObject({ utilisation: null, label: "No demand; 0 FTE free" });
  });

  test("says first the free figure the grid shows (after confirmed bookings), and after tentative ones where they differ", () => {
    const march = heatmap([need("improvement_advisor", "2027-03", 0.2)], capacity, { roles, months }).rows.find((r) => r.role === "improvement_advisor")!
      .cells[2]!;
    expect(march).toMatchObject({ level: "ok", freeAfterConfirmed: 1, label: "OK: needs 0.2 of 1 FTE free, 0.7 if tentative bookings go ahead" });
    expect(row("improvement_advisor").cells[2]).toMatchObject({ label: "No demand; 1 FTE free, 0.7 if tentative bookings go ahead" });
  });

  test("a need too small to show reads 'less than' in the label and in the grid, never 0", () => {
    const tiny = heatmap([need("improvement_advisor", "2027-01", 0.004)], capacity, { roles, months }).rows.find((r) => r.role === "improvement_advisor")!
      .cells[0]!;
    expect(tiny.label).toBe("OK: needs less than 0.01 of 0.5 FTE free");
    expect(fteFigure(tiny.needed, "grid")).toBe("<0.1");
  });

  test("writes FTE figures to two decimals in sentences and one in the grid", () => {
    expect([0.004, 0.005, 0.02, 0.049, 1.26, 2, 0].map((n) => fteFigure(n))).toEqual(["less than 0.01", "0.01", "0.02", "0.05", "1.26", "2", "0"]);
    expect([0.004, 0.049, 0.05, 1.26, 2, 0].map((n) => fteFigure(n, "grid"))).toEqual(["<0.1", "<0.1", "0.1", "1.3", "2.0", "0.0"]);
    expect(fteFigure(-0.3)).toBe("-0.3");
  });
});

describe("the roster form", () => {
  test("takes FTE from 0.1 to 1.0 and an optional availability window in order", () => {
    expect(staffMemberSchema("USD").parse({ name: " Ada ", role: "faculty", fte: "0.5", availableFrom: "", availableTo: "2027-06", dayRate: "" })).toEqual({
      name: "Ada",
      role: "faculty",
      fte: 0.5,
      availableFrom: null,
      availableTo: "2027-06",
      dayRate: null,
    });
    const bad = staffMemberSchema("USD").safeParse({ name: "Ada", role: "faculty", fte: "1.5", availableFrom: "2027-06", availableTo: "2027-01" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["fte", "FTE must be at most 1.0."],
      ["availableTo", "Available until must not be before available from."],
    ]);
    // Left blank, FTE is asked for, not read as 0; words are not a number.
    const fteError = (fte: string) =>
      staffMemberSchema("USD")
        .safeParse({ name: "Ada", role: "faculty", fte })
        .error?.issues.find((i) => i.path[0] === "fte")?.message;
    expect(fteError("  ")).toBe("FTE is required.");
    expect(fteError("half")).toBe("FTE must be a number.");
    expect(fteError("0")).toBe("FTE must be at least 0.1.");
    expect(fteError(" 0.4 ")).toBeUndefined();
  });

  test("reads an availability month typed as a person writes it, and says how to write one it cannot read", () => {
    const typed = staffMemberSchema("USD").safeParse({ name: "Ada", role: "faculty", fte: "0.5", availableFrom: "March 2027", availableTo: "Spring 2028" });
    expect(typed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["availableTo", "Available until must be a month and year, like March 2027."],
    ]);
    expect(staffMemberSchema("USD").parse({ name: "Ada", role: "faculty", fte: "0.5", availableFrom: "March 2027", availableTo: "" }).availableFrom).toBe(
      "2027-03"
    );
    // A month that cannot be read has its own error, and no second one about an order it does not have.
    const misspelt = staffMemberSchema("USD").safeParse({ name: "Ada", role: "faculty", fte: "0.5", availableFrom: "Marhc 2027", availableTo: "2028/1" });
    expect(misspelt.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["availableFrom", "Available from must be a month and year, like March 2027."],
    ]);
    const mistyped = staffMemberSchema("USD").safeParse({ name: "Ada", role: "faculty", fte: "0.5", availableFrom: "March 2207", availableTo: "" });
    expect(mistyped.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["availableFrom", "Available from must be in a year from 1900 to 2199: March 2207 is not."],
    ]);
  });
});

describe("role-level bookings", () => {
  test("draw on the role's pool: confirmed from both free figures, tentative only from the second", async () => {
    const { capacityByRoleMonth } = await import("~/domain/capacity");
    const roster = [
      { id: 1, name: "A", role: "faculty", fte: 1 },
      { id: 2, name: "B", role: "faculty", fte: 0.5 },
    ];
    const cells = capacityByRoleMonth(
      roster,
      [
        { role: "faculty", from: "2027-01", to: "2027-02", fte: 0.6, status: "confirmed" },
        { role: "faculty", from: "2027-02", to: "2027-02", fte: 0.5, status: "tentative" },
      ],
      ["2027-01", "2027-02", "2027-03"]
    );
    const at = (m: string) => cells.find((c) => c.month === m)!;
    expect(at("2027-01")).toMatchObject({ total: 1.5, confirmed: 0.6, tentative: 0, freeAfterConfirmed: 0.9, freeAfterAll: 0.9 });
    expect(at("2027-02")).toMatchObject({ confirmed: 0.6, tentative: 0.5, freeAfterConfirmed: 0.9, freeAfterAll: 0.4 });
    expect(at("2027-03")).toMatchObject({ freeAfterConfirmed: 1.5, freeAfterAll: 1.5 });
  });
});

describe("shortfalls by role", () => {
  const sf = (role: string, month: string, gap: number) => ({ role, month, needed: 1, free: 0, gap, description: "" });
  test("one line per role, in the order each first runs short, with consecutive months as ranges and the largest gap", () => {
    const lines = shortfallsByRole(
      [
        sf("faculty", "2027-10", 0.4),
        sf("improvement_advisor", "2027-09", 0.5),
        sf("faculty", "2027-11", 1.2),
        sf("faculty", "2028-02", 0.1),
        sf("faculty", "2027-12", 0.3),
      ],
      roles
    );
    expect(lines.map((l) => l.description)).toEqual([
      "Improvement advisors short by 0.5 FTE in September 2027",
      "Faculty short by up to 1.2 FTE in 4 months: October 2027 to December 2027, February 2028",
    ]);
    expect(shortfallsByRole([], roles)).toEqual([]);
  });
});

describe("the words for a start outside the plan's", () => {
  test("an earlier start says why it is offered; no start names the months searched, from the desired start", () => {
    const searched = searchWindow("2027-01", "2027-09");
    expect(searched).toEqual({ from: "2027-09", to: "2028-12" });
    expect(earlierStartWords("2026-12", "2027-09", searched)).toBe(
      "Starting earlier, in December 2026, would fit with room to spare: the nearest later start would be too late to keep the partner's deadline."
    );
    // Without a hard deadline, the aim's date is what the nearest later start would miss.
    expect(earlierStartWords("2026-12", "2027-09", searched, { date: "2028-08-31", from: "aim" })).toBe(
      "Starting earlier, in December 2026, would fit with room to spare: the nearest later start would be too late to meet the aim by August 2028."
    );
    expect(earlierStartWords("2026-12", null, searched)).toBe(
      "Starting earlier, in December 2026, would fit with room to spare: no later start up to December 2028 has room to spare."
    );
    // The search starts at the desired start, not this month: the words say so.
    expect(noStartWithin(searched)).toBe("none from September 2027 to December 2028");
    // A desired start already past: the search starts this month.
    expect(noStartWithin(searchWindow("2027-01", "2026-06"))).toBe("none from January 2027 to December 2028");
    expect(noStartWithin(searchWindow("2027-01", "2028-12"))).toBe("none in December 2028, the only month searched");
    expect(noStartWithin(searchWindow("2027-01", "2029-03"))).toBe(
      "none looked for: the search looks 24 months ahead, to December 2028, and this start is after that"
    );
    // A fit for a start beyond those months is said to say little; within them, nothing is added.
    expect(farAheadWords("2050-03", searchWindow("2027-01", "2050-03"))).toBe(
      "The start, March 2050, is after December 2028, the last of the 24 months ahead that capacity is judged for. That far ahead nothing is booked yet and the roster is today's, so a fit there says little: judge capacity again nearer the time."
    );
    expect(farAheadWords("2028-12", searchWindow("2027-01", "2028-12"))).toBeNull();
  });

  test("a search's name says where it began: at the start asked for, or this month when that start has passed", () => {
    expect(searchFromWords("2027-09", searchWindow("2027-01", "2027-09"), "the desired start")).toBe("at or after the desired start");
    // Asked for September 2026 in December 2026: a month found from December is not that start moved by our staff.
    expect(searchFromWords("2026-09", searchWindow("2026-12", "2026-09"), "the desired start")).toBe(
      "from this month, the desired start (September 2026) having passed"
    );
    expect(searchFromWords("2026-09", searchWindow("2026-12", "2026-09"), "its start")).toBe("from this month, its start (September 2026) having passed");
  });

  test("a start found too late for the partner's time says whether waiting for our staff made it late, or the plan's own length", () => {
    const searched = searchWindow("2027-01", "2027-05");
    const aim = { date: "2029-01-31", from: "aim" as const };
    // Found later than the search began: the wait for our staff is what makes it late.
    expect(lateStartWords(aim, "2027-11", searched, false)).toBe("too late to meet the aim by January 2029");
    expect(lateStartWords({ date: "2028-06-30", from: "hard_deadline" }, "2027-11", searched, false)).toBe("too late to keep the partner's deadline");
    // Found at the first month tried: no wait, the plan is longer than the time to the deadline.
    expect(lateStartWords(aim, "2027-05", searched, true)).toBe("but even from then the plan takes too long to meet the aim by January 2029");
    expect(lateStartWords({ date: "2028-06-30", from: "hard_deadline" }, "2027-05", searched, true)).toBe(
      "but even from then the plan takes too long to keep the partner's deadline"
    );
    // Found later, for a plan that would be late even from the first month tried: its length, said against that month.
    expect(lateStartWords(aim, "2027-11", searched, true)).toBe("but the plan takes too long to meet the aim by January 2029 even from May 2027");
  });

  test("the months the words name are the months the search tries", () => {
    // Room only in the window's first and last months: each is found when the search starts there, and nothing outside it.
    const free = (m: string) => m === "2027-09" || m === "2028-12";
    const demandFor = ({ start }: { start: string }) => [{ role: "advisor", month: start, fte: free(start) ? 0.5 : 2, days: 10, reasons: [] }];
    const roster = [{ id: 1, name: "A", role: "advisor", fte: 1 }];
    const window = searchWindow("2027-01", "2027-09");
    expect(earliestFeasibleStart({ demandFor, teams: 1, roster, bookings: [], today: "2027-01", notBefore: "2027-09" })?.month).toBe(window.from);
    expect(earliestFeasibleStart({ demandFor, teams: 1, roster, bookings: [], today: "2027-01", notBefore: "2027-10" })?.month).toBe(window.to);
    expect(earliestFeasibleStart({ demandFor, teams: 1, roster, bookings: [], today: "2027-01", notBefore: "2029-01" })).toBeNull();
  });
});

describe("the plan's verdict, staff and time together", () => {
  test("reads as all-clear only when our staff fit and the partner's time is kept", () => {
    expect(planVerdict("fits", true)).toEqual({ label: "Fits", tone: "success", apart: null });
    expect(planVerdict("tight", true)).toMatchObject({ label: "Tight", tone: "warning", apart: null });
    expect(planVerdict("does_not_fit", true)).toMatchObject({ label: "Does not fit", tone: "danger" });
    // Each of the two questions answered in words of its own: whose capacity, and whose time.
    expect(planVerdict("fits", false)).toEqual({
      label: "Fits our staff; over the partner's time",
      tone: "warning",
      apart: "Our staff can take it on as planned, but the plan cannot keep the partner's time.",
    });
    expect(planVerdict("tight", false)).toEqual({
      label: "Tight for our staff; over the partner's time",
      tone: "warning",
      apart: "Our staff can take it on with little to spare, but the plan cannot keep the partner's time.",
    });
    expect(planVerdict("does_not_fit", false)).toEqual({
      label: "Does not fit our staff; over the partner's time",
      tone: "danger",
      apart: "Our staff cannot take it on as planned, and the plan cannot keep the partner's time.",
    });
  });
});

describe("a start whose first month cannot take the plan", () => {
  const people: StaffMember[] = roles.flatMap((r) =>
    Array.from({ length: 3 }, (_, n) => ({ id: `${r.key}${n}`, name: `${r.label} ${n}`, role: r.key, fte: 1 }))
  );
  // The programme directors, whom every method needs from its first day, are fully booked to June 2027 and all but 5% booked, tentatively, in July.
  const directors = people.filter((p) => p.role === "programme_director");
  const bookings: Booking[] = directors.flatMap((p) => [
    { staffId: p.id, from: "2027-01", to: "2027-06", fte: 1, status: "confirmed" as const },
    { staffId: p.id, from: "2027-07", to: "2027-07", fte: 0.95, status: "tentative" as const },
  ]);

  /** Each method's template demand, with the months it was laid out for. */
  const counted = (withFloor: boolean) => {
    const asked: Record<string, string[]> = {};
    const sources = Object.fromEntries(
      (["collaborative", "campaign", "tailored"] as const).map((m) => {
        const inner = demandFromTemplate(templates[m], params);
        const source: DemandSource = (s) => {
          (asked[m] ??= []).push(s.start);
          return inner(s);
        };
        if (withFloor) source.firstMonthNeeds = inner.firstMonthNeeds;
        return [m, memoised(source)];
      })
    ) as Record<"collaborative" | "campaign" | "tailored", DemandSource>;
    const fits = fitForEachMethod({ templates, params, roster: people, bookings, roles, desiredStart: "2027-02", today: "2027-01", scale: 12, sources });
    return { fits, asked };
  };

  test("is passed over without laying the plan out, with the same answers as when each start is laid out and judged", () => {
    const fast = counted(true);
    const slow = counted(false);
    expect(fast.fits).toEqual(slow.fits);
    for (const method of ["collaborative", "campaign", "tailored"]) {
      // Not tight in July: the first month with room to spare is August.
      expect(fast.fits[method as "campaign"].earliestStart).toBe("2027-08");
      // Laid out at the desired start, for its verdict, then only where the directors have room.
      expect(fast.asked[method]).toEqual(["2027-02", "2027-08"]);
      expect(slow.asked[method]).toEqual(["2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08"]);
    }
  });

  test("is passed over by the what-ifs' later start and fewer teams too, with the same answers", () => {
    const source = demandFromTemplate(templates.tailored, params);
    const plain: DemandSource = (s) => source(s);
    const ask = (demandFor: DemandSource) =>
      whatIfs({ method: "tailored", demandFor, start: "2027-03", teams: 12, today: "2027-01", roster: people, bookings, roles });
    const fast = ask(source);
    expect(fast).toEqual(ask(plain));
    expect(fast.laterStart?.month).toBe("2027-08");
    expect(fast.fewerTeams).toBeNull();
  });
});
