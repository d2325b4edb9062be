import { describe, expect, test } from "vitest";
import demandJson from "../../docs-templates/demand-parameters.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import joinJson from "../../docs-templates/timelines/join_open_collaborative.json";
import shortJson from "../../docs-templates/timelines/short_tailored.json";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import { addMonthsToMonth } from "~/domain/calendar";
import {
  totalFteMonths,
  DemandParametersSchema,
  computeDemand,
  demandAssumptions,
  demandParametersFor,
  rulesFor,
  demandDaysByRole,
  firstMonthFloor,
  planAssumptions,
  type DemandEntry,
} from "~/domain/demand";
import { describeIssues, timelineStart, TimelineTemplateSchema, type Timeline, type TimelineItem } from "~/domain/timeline";
import { addItem, moveItem } from "~/domain/timeline-edit";
import { collaborativeWaves, COLLABORATIVE_MAX_TEAMS } from "~/domain/methods";
import { beginsOnItsStart, generateTimeline, generateTimelineToRead } from "~/domain/timeline-generate";

const params = DemandParametersSchema.parse(demandJson);

/** A small set of rules with round numbers, so the arithmetic can be checked by hand. */
const testParams = DemandParametersSchema.parse({
  version: 1,
  workingDaysPerMonth: "wd",
  parameters: {
    wd: { value: 21, unit: "working days per month", basis: "test", assumption: true },
    faculty: { value: 5, unit: "faculty", basis: "test", assumption: false },
    ls_days: { value: 1.2, unit: "days per faculty member per session day", basis: "test", assumption: true },
    per_ia: { value: 10, unit: "teams per improvement advisor FTE", basis: "test", assumption: true },
    director: { value: 0.5, unit: "FTE", basis: "test", assumption: true },
    call_days: { value: 2, unit: "days a month each", basis: "test", assumption: true },
    per_node: { value: 25, unit: "teams per node", basis: "test", assumption: true },
    node_fte: { value: 0.1, unit: "FTE per node", basis: "test", assumption: true },
  },
  methods: {
    collaborative: {
      scaleNoun: "teams",
      rules: [
        { role: "programme_director", basis: "fte_while_active", amount: "director", during: "whole_timeline" },
        { role: "faculty", basis: "days_per_event_day", amount: "ls_days", times: ["faculty"], during: ["learning_session"] },
        { role: "faculty", basis: "days_per_month_while_active", amount: "call_days", times: ["faculty"], during: ["monthly_calls"] },
        { role: "improvement_advisor", basis: "fte_per_teams", amount: "per_ia", during: ["action_period"] },
      ],
    },
    campaign: {
      scaleNoun: "sites",
      rules: [
        {
          role: "improvement_advisor",
          basis: "fte_while_active",
          amount: "node_fte",
          times: [{ teamsPer: "per_node", noun: "nodes" }],
          during: ["implementation"],
        },
      ],
    },
    tailored: { scaleNoun: "sites", rules: [] },
  },
});

function phase(id: string, label: string, start: string, end: string, roleTags: string[], extra: Partial<TimelineItem> = {}): TimelineItem {
  return { id, label, kind: "phase", stream: "main", start, end, dependencies: [], roleTags, ...extra };
}

function timelineOf(items: TimelineItem[]): Timeline {
  return {
    method: "collaborative",
    streams: [{ key: "main", label: "Main" }],
    items,
    span: { from: items[0].id, to: items.at(-1)!.id, months: 3, minMonths: 1, maxMonths: 15 },
    generatedFrom: { start: items[0].start, horizonMonths: null, teams: 30, templateVersion: 1 },
    warnings: [],
  };
}

const cell = (demand: DemandEntry[], role: string, month: string) => demand.find((d) => d.role === role && d.month === month);

describe("demand for a constructed timeline", () => {
  const timeline = timelineOf([
    phase("ls1", "Learning Session 1", "2027-03-01", "2027-03-02", ["learning_session"], { kind: "event" }),
    phase("ap1", "Action Period 1", "2027-03-03", "2027-05-31", ["action_period"]),
    phase("calls", "Calls with teams", "2027-04-01", "2027-05-31", ["monthly_calls"], { kind: "recurring" }),
  ]);
  const demand = computeDemand(timeline, { method: "collaborative", teams: 30 }, testParams);

  test("puts the faculty days of a learning session in its month", () => {
    const march = cell(demand, "faculty", "2027-03")!;
    expect(march.days).toBeCloseTo(2 * 1.2 * 5);
    expect(march.fte).toBeCloseTo(12 / 21, 3);
    expect(march.reasons).toEqual(["Learning Session 1 (2 days) × 1.2 days per faculty member per session day × 5 faculty = 12 days"]);
    expect(cell(demand, "faculty", "2027-04")!.days).toBeCloseTo(10);
    expect(cell(demand, "faculty", "2027-04")!.reasons).toEqual(["Calls with teams: 2 days a month each × 5 faculty"]);
  });

  test("needs improvement advisors by the number of teams through the action period, pro rata in part months", () => {
    expect(cell(demand, "improvement_advisor", "2027-04")!.fte).toBe(3);
    expect(cell(demand, "improvement_advisor", "2027-05")!.fte).toBe(3);
    const march = cell(demand, "improvement_advisor", "2027-03")!;
    expect(march.fte).toBeCloseTo((3 * 29) / 31, 3);
    expect(march.reasons).toEqual(["Action Period 1: 30 teams ÷ 10 teams per improvement advisor FTE (29 of 31 days)"]);
  });

  test("needs a director for the whole timeline, and adds up by role", () => {
    expect(["2027-03", "2027-04", "2027-05"].map((m) => cell(demand, "programme_director", m)!.fte)).toEqual([0.5, 0.5, 0.5]);
    expect(cell(demand, "programme_director", "2027-06")).toBeUndefined();
    const totals = demandDaysByRole(demand);
    expect(totals.programme_director).toBeCloseTo(1.5 * 21);
    expect(totals.faculty).toBeCloseTo(12 + 10 + 10);
    expect(totals.improvement_advisor).toBeCloseTo(3 * 21 * (2 + 29 / 31), 1);
  });

  test("counts a share of the teams for a wave, and support per node for a campaign", () => {
    const waves = timelineOf([phase("w1", "Wave 1", "2027-01-01", "2027-01-31", ["action_period"], { teamShare: 0.25 })]);
    expect(cell(computeDemand(waves, { method: "collaborative", teams: 40 }, testParams), "improvement_advisor", "2027-01")!.fte).toBe(1);
    const campaign = timelineOf([phase("impl", "Implementation", "2027-01-01", "2027-01-31", ["implementation"])]);
    const entry = cell(computeDemand(campaign, { method: "campaign", teams: 110 }, testParams), "improvement_advisor", "2027-01")!;
    expect(entry.fte).toBeCloseTo(0.5);
    expect(entry.reasons).toEqual(["Implementation: 0.1 FTE per node × 5 nodes (110 sites ÷ 25 teams per node)"]);
  });
});

describe("demand for the templates", () => {
  const collaborative = TimelineTemplateSchema.parse(collaborativeJson);
  const timeline = generateTimeline(collaborative, { start: "2027-01", teams: 30 });
  const ls2 = timeline.items.find((i) => i.id === "ls2")!;

  test("moving Learning Session 2 moves its faculty days to the new month", () => {
    const before = computeDemand(timeline, { method: "collaborative", teams: 30 }, params);
    const moved = moveItem(timeline, "ls2", "2027-11-22");
    const after = computeDemand(moved, { method: "collaborative", teams: 30 }, params);
    expect(ls2.start.slice(0, 7)).toBe("2027-10");
    const lsReason = (d: DemandEntry | undefined) => d?.reasons.find((r) => r.startsWith("Learning Session 2 (2 days)"));
    expect(lsReason(cell(before, "faculty", "2027-10"))).toBe(
      "Learning Session 2 (2 days) × 1.25 days per faculty member per session day × 5 faculty = 12.5 days"
    );
    expect(lsReason(cell(after, "faculty", "2027-10"))).toBeUndefined();
    expect(lsReason(cell(after, "faculty", "2027-11"))).toBeDefined();
    expect(cell(before, "faculty", "2027-10")!.days - cell(after, "faculty", "2027-10")!.days).toBeCloseTo(12.5, 0);
  });

  test("improvement advisors scale with the number of teams; the director does not", () => {
    const small = computeDemand(timeline, { method: "collaborative", teams: 12 }, params);
    const large = computeDemand(timeline, { method: "collaborative", teams: 60 }, params);
    expect(cell(small, "improvement_advisor", "2027-09")!.fte).toBe(1);
    expect(cell(large, "improvement_advisor", "2027-09")!.fte).toBe(5);
    expect(cell(small, "programme_director", "2027-09")!.fte).toBe(cell(large, "programme_director", "2027-09")!.fte);
  });

  test("the planning phases create demand before prework starts", () => {
    const demand = computeDemand(timeline, { method: "collaborative", teams: 30 }, params);
    const prework = timeline.items.find((i) => i.id === "prework")!.start.slice(0, 7);
    const early = demand.filter((d) => d.month < prework);
    expect(new Set(early.map((d) => d.role))).toEqual(
      new Set(["programme_director", "project_manager", "chair", "faculty", "improvement_advisor", "campaign_lead"])
    );
    expect(cell(demand, "faculty", "2027-02")!.reasons[0]).toMatch(/^Expert meeting: 2 days each × 5 faculty = 10 days$/);
  });

  test("a tailored initiative needs workstream leads and capability-building faculty over the years", () => {
    const tailored = TimelineTemplateSchema.parse(tailoredJson);
    const t = generateTimeline(tailored, { start: "2027-01", teams: 120 });
    const demand = computeDemand(t, { method: "tailored", teams: 120 }, params);
    const reasons = demand.filter((d) => d.role === "faculty" && d.month === "2028-01").flatMap((d) => d.reasons);
    expect(reasons).toContain("Develop the scalable unit in pilot sites: 0.3 FTE per workstream × 5 workstreams");
    expect(reasons).toContain("Capability building (improvement advisors, fellows and leaders): 0.5 FTE");
    expect(new Set(demand.map((d) => d.month.slice(0, 4)))).toEqual(new Set(["2027", "2028", "2029", "2030"]));
  });

  test("the figures with no public source are marked as assumptions", () => {
    const keys = demandAssumptions(params).map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(["working_days_per_month", "collaborative.teams_per_ia", "collaborative.faculty_days_per_ls_day"]));
    expect(keys).not.toContain("collaborative.faculty_count");
    expect(params.parameters["collaborative.faculty_count"].source).toBe("S1");
  });

  test("a rule that names an unknown parameter is refused, naming the field", () => {
    const broken = structuredClone(demandJson) as unknown as { methods: { campaign: { rules: { amount: string }[] } } };
    broken.methods.campaign.rules[2].amount = "campaign.nope";
    const result = DemandParametersSchema.safeParse(broken);
    expect(describeIssues(result.error!)).toEqual(['methods.campaign.rules[2].amount: Unknown parameter "campaign.nope".']);
  });
});

describe("demand for one team joining an open collaborative", () => {
  // Prework from 4 January 2027, the learning sessions on 15–16 February and 24–25 May, the closing
  // session on 3 September and a month to close: nine calendar months, January to October.
  const join = generateTimeline(TimelineTemplateSchema.parse(joinJson), { start: "2027-01-04", teams: 1 });
  const joining = (teams: number) => computeDemand(join, { method: "collaborative", teams, variant: "join_open_collaborative" }, params);

  test("asks for coaching, a share of the sessions' faculty and chair, liaison and data: about 33 days in all", () => {
    const days = demandDaysByRole(joining(1));
    // Faculty: two 2-day sessions × 1.25 days × 5 faculty ÷ 20 teams = 1.25; calls 0.25 a month for 6.5 months; the closing day 0.25.
    expect(days.faculty).toBeCloseTo(1.25 + 1.624 + 0.25, 2);
    // Chair: 1.5 days per session day over 5 session days, a twentieth of it.
    expect(days.chair).toBeCloseTo(0.375, 3);
    // A day a month of liaison over the nine months.
    expect(days.project_manager).toBe(9);
    // Coaching: one team ÷ 12 teams per advisor FTE from prework to the closing session.
    expect(days.improvement_advisor).toBeCloseTo(13.95, 1);
    expect(days.data_analyst).toBeCloseTo(6.15, 1);
    expect(days.programme_director).toBeUndefined();
    expect(days.campaign_lead).toBeUndefined();
    expect(Object.values(days).reduce((a, b) => a + b, 0)).toBeCloseTo(32.6, 1);
  });

  test("is a small fraction of what the same plan would cost as a whole collaborative", () => {
    const whole = demandDaysByRole(computeDemand(join, { method: "collaborative", teams: 1 }, params));
    const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);
    expect(whole.programme_director).toBeCloseTo(94.5);
    expect(total(demandDaysByRole(joining(1)))).toBeLessThan(total(whole) / 8);
  });

  test("says why: the joining team's share of a learning session's faculty", () => {
    const feb = cell(joining(1), "faculty", "2027-02")!;
    expect(feb.reasons[0]).toBe(
      "The team's first learning session (2 days) × 1.25 days per faculty member per session day × 5 faculty × 1/20 (the joining teams' share) = 0.63 days"
    );
  });

  test("three teams joining take three shares of the faculty and three times the coaching", () => {
    const one = demandDaysByRole(joining(1));
    const three = demandDaysByRole(joining(3));
    expect(three.faculty).toBeCloseTo(3 * one.faculty, 2);
    expect(three.improvement_advisor).toBeCloseTo(3 * one.improvement_advisor, 1);
    expect(three.project_manager).toBe(one.project_manager);
  });

  test("a variant's rule that names an unknown parameter is refused, naming the field", () => {
    const broken = structuredClone(demandJson) as unknown as { variants: { join_open_collaborative: { rules: { amount: string }[] } } };
    broken.variants.join_open_collaborative.rules[0].amount = "join.nope";
    expect(describeIssues(DemandParametersSchema.safeParse(broken).error!)).toEqual([
      'variants.join_open_collaborative.rules[0].amount: Unknown parameter "join.nope".',
    ]);
  });
});

describe("demand for a short tailored engagement", () => {
  // The diagnostic in January 2027, the plan agreed by 22 February, testing with coaching to 29 July,
  // the review on 30 July and the hand-over in August: eight calendar months, January to August.
  const short = generateTimeline(TimelineTemplateSchema.parse(shortJson), { start: "2027-01", teams: 1 });
  const engagement = (teams: number) => computeDemand(short, { method: "tailored", teams, variant: "short_tailored" }, params);
  const total = (d: Record<string, number>) => Object.values(d).reduce((a, b) => a + b, 0);

  test("asks for one site a small team's time: a diagnostic team, monthly coaching, a share of a director and a project manager, data and the hand-over, about 83 days", () => {
    const days = demandDaysByRole(engagement(1));
    // Faculty: two for the diagnostic at 4 days each, 2 days for the plan, a coach at 2 days a month from
    // 22 February to 31 August (6.25 months), 2 days for the hand-over: tens of days, not hundreds.
    expect(days.faculty).toBeCloseTo(8 + 2 + 12.5 + 2, 2);
    // The improvement advisor: 4 days in the diagnostic, 2 for the measures, the site ÷ 12 sites per FTE over the coaching, 2 for the hand-over.
    expect(days.improvement_advisor).toBeCloseTo(4 + 2 + (21 / 12) * 6.25 + 2, 2);
    // Two days a month each over the eight months, not half of a programme director and of a project manager.
    expect(days.programme_director).toBe(16);
    expect(days.project_manager).toBe(16);
    // A day a month or so for the site's measures while changes are tested (5.19 months), and the results.
    expect(days.data_analyst).toBeCloseTo((21 / 20) * (7 / 28 + 4 + 29 / 31) + 2, 2);
    expect(days.campaign_lead).toBeUndefined();
    expect(total(days)).toBeCloseTo(82.9, 1);
    expect(engagement(1).reduce((s, d) => s + d.fte, 0)).toBeLessThan(4);
  });

  test("has no workstream leads, capability-building faculty or system-wide direction, and is a small fraction of the full initiative's rules on the same plan", () => {
    const reasons = engagement(1).flatMap((d) => d.reasons);
    expect(reasons.filter((r) => /workstream|: [\d.]+ FTE\b/.test(r))).toEqual([]);
    expect(reasons).toContain("Diagnostic visit and assessment: 4 days each × 2 faculty = 8 days");
    // One site is counted as one site, not "1 sites"; three as sites.
    expect(reasons.filter((r) => /\b1 sites\b/.test(r))).toEqual([]);
    expect(reasons.some((r) => /\b1 site ÷/.test(r))).toBe(true);
    expect(
      engagement(3)
        .flatMap((d) => d.reasons)
        .some((r) => /\b3 sites ÷/.test(r))
    ).toBe(true);
    const whole = demandDaysByRole(computeDemand(short, { method: "tailored", teams: 1 }, params));
    // The full initiative's rules put 0.3 FTE × 5 workstreams of faculty on the testing alone.
    expect(whole.faculty).toBeGreaterThan(250);
    expect(total(demandDaysByRole(engagement(1)))).toBeLessThan(total(whole) / 6);
  });

  test("coaching grows with the sites, a faculty coach for every three; the diagnostic, direction and project management do not", () => {
    const one = demandDaysByRole(engagement(1));
    const three = demandDaysByRole(engagement(3));
    const four = demandDaysByRole(engagement(4));
    expect(three.improvement_advisor - one.improvement_advisor).toBeCloseTo(2 * (21 / 12) * 6.25, 2);
    expect(three.faculty).toBeCloseTo(one.faculty, 2);
    expect(four.faculty - one.faculty).toBeCloseTo(12.5, 2);
    expect(four.programme_director).toBe(one.programme_director);
    expect(four.project_manager).toBe(one.project_manager);
  });

  test("rests on its own planning assumptions, not on a tailored initiative's workstreams, waves and capability programme", () => {
    const keys = planAssumptions(params, "tailored", "short_tailored").map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(["working_days_per_month", "short.diagnostic_days", "short.coaching_days", "tailored.teams_per_ia"]));
    expect(keys.filter((k) => k.startsWith("tailored."))).toEqual(["tailored.teams_per_ia"]);
  });

  test("a rule of its own that names an unknown parameter is refused, naming the field", () => {
    const broken = structuredClone(demandJson) as unknown as { variants: { short_tailored: { rules: { times: unknown[] }[] } } };
    broken.variants.short_tailored.rules[7].times = [{ teamsPer: "short.nope", noun: "faculty" }];
    expect(describeIssues(DemandParametersSchema.safeParse(broken).error!)).toEqual([
      'variants.short_tailored.rules[7].times[0]: Unknown parameter "short.nope".',
    ]);
  });
});

describe("demand for the fit searches, without reasons", () => {
  test("gives every role and month the same FTE and days as the demand shown on the Fit page, with no reasons built", () => {
    const templates = { collaborative: collaborativeJson, tailored: tailoredJson };
    for (const [method, json] of Object.entries(templates) as ["collaborative" | "tailored", unknown][]) {
      const template = TimelineTemplateSchema.parse(json);
      for (const start of ["2027-01", "2027-02", "2027-07"]) {
        const timeline = generateTimeline(template, { start, teams: 37, country: "GB" });
        const shown = computeDemand(timeline, { method, teams: 37 }, params);
        const searched = computeDemand(timeline, { method, teams: 37 }, params, { reasons: false });
        expect(shown.length).toBeGreaterThan(10);
        expect(shown.every((d) => d.reasons.length > 0)).toBe(true);
        expect(searched).toEqual(shown.map((d) => ({ ...d, reasons: [] })));
      }
    }
  });
});

describe("the least a plan's first month needs", () => {
  const campaign = TimelineTemplateSchema.parse(campaignJson);
  const plans = [
    { template: TimelineTemplateSchema.parse(collaborativeJson), variant: null },
    { template: campaign, variant: null },
    { template: TimelineTemplateSchema.parse(tailoredJson), variant: null },
    { template: TimelineTemplateSchema.parse(joinJson), variant: "join_open_collaborative" as const },
    { template: TimelineTemplateSchema.parse(shortJson), variant: "short_tailored" as const },
  ];

  test("is the director's and project manager's share of one day in 31, the roles every collaborative needs from its first day", () => {
    expect(firstMonthFloor({ method: "collaborative", teams: 12 }, params)).toEqual([
      { role: "programme_director", fte: 0.016 },
      { role: "project_manager", fte: 0.016 },
      { role: "chair", fte: 0.003 },
    ]);
    // Joining an open collaborative: its project manager's days a month, and nothing else from the first day.
    expect(firstMonthFloor({ method: "collaborative", teams: 12, variant: "join_open_collaborative" }, params).map((n) => n.role)).toEqual(["project_manager"]);
  });

  test("is never more than the month gets: each method and variant, starts over eighteen months, team counts, holiday calendars and the partner's time", () => {
    let compared = 0;
    for (const { template, variant } of plans) {
      expect(beginsOnItsStart(template), template.method).toBe(true);
      for (let m = 0; m < 18; m++) {
        const start = addMonthsToMonth("2026-10", m);
        for (const teams of [1, 12, 45, 130]) {
          for (const country of [null, "GB", "US"]) {
            for (const time of [{}, { horizonMonths: 9 }, { hardDeadline: `${addMonthsToMonth(start, 14)}-28` }]) {
              const timeline = generateTimelineToRead(template, { start, teams, country, ...time });
              expect(timelineStart(timeline)).toBe(`${start}-01`);
              for (const scale of [
                { method: template.method, teams },
                { method: template.method, teams, variant },
              ]) {
                const demand = computeDemand(timeline, scale, params, { reasons: false });
                const floor = firstMonthFloor(scale, params);
                expect(floor.length).toBeGreaterThan(0);
                for (const need of floor) {
                  const got = demand.find((d) => d.role === need.role && d.month === start)?.fte ?? 0;
                  expect(got, `${template.method} ${variant} ${start} ${teams} ${country} ${JSON.stringify(time)} ${need.role}`).toBeGreaterThanOrEqual(
                    need.fte
                  );
                  expect(need.fte).toBeGreaterThan(0);
                  compared++;
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5 * 18 * 4 * 3 * 3 * 2);
  });

  test("is known only for a template that begins with a phase waiting for nothing", () => {
    const startsWithEvent = {
      ...campaign,
      items: campaign.items.map((i) => (i.kind === "phase" && i.dependsOn.length === 0 ? { ...i, kind: "event" as const, duration: { days: 2 } } : i)),
    };
    expect(beginsOnItsStart(startsWithEvent)).toBe(false);
  });
});

describe("a plan's FTE-months", () => {
  test("are each role's to one decimal, added: the staff table's rows add up to the total every figure states", () => {
    // Faculty 10.08 → 10.1, advisor 4.34 → 4.3, director 0.12 → 0.1, data 0.14 → 0.1: 14.6 as the table's rows add up,
    // where rounding the unrounded sum, 14.68, would state 14.7 beside them.
    const demand = [
      { role: "faculty", fte: 10.04 },
      { role: "faculty", fte: 0.04 },
      { role: "improvement_advisor", fte: 4.34 },
      { role: "director", fte: 0.06 },
      { role: "director", fte: 0.06 },
      { role: "data", fte: 0.14 },
      { role: "data", fte: 0 },
    ];
    expect(totalFteMonths(demand)).toBe(14.6);
    expect(totalFteMonths([])).toBe(0);
  });
});

describe("a learning session a manager adds to a plan that has none of its own (docs/domain.md §8.2, §8.10)", () => {
  const tailored = TimelineTemplateSchema.parse(tailoredJson);
  const campaign = TimelineTemplateSchema.parse(campaignJson);
  const withSession = (t: Timeline) =>
    addItem(t, {
      label: "Learning session 1",
      kind: "event",
      stream: t.streams[0]!.key,
      start: "2027-09-07",
      duration: 2,
      unit: "days",
      after: null,
      staffLike: "work:learning_session",
    });
  const daysIn = (demand: DemandEntry[], role: string, month: string) => demand.find((d) => d.role === role && d.month === month)?.days ?? 0;

  test.each([
    ["tailored", tailored, "tailored", 120],
    ["campaign", campaign, "campaign", 1000],
  ] as const)(
    "asks of a %s plan's faculty, chair and project manager what a collaborative's asks, in the month it is held",
    (_name, template, method, teams) => {
      const before = generateTimeline(template, { start: "2027-01", teams });
      const { timeline, itemId } = withSession(before);
      expect(timeline.items.find((i) => i.id === itemId)!.roleTags).toEqual(["learning_session"]);
      const was = computeDemand(before, { method, teams }, params);
      const now = computeDemand(timeline, { method, teams }, params);
      // Two session days × 1.25 days × 5 faculty; the chair 1.5 and the project manager 2 days for each session day.
      expect(daysIn(now, "faculty", "2027-09") - daysIn(was, "faculty", "2027-09")).toBeCloseTo(12.5, 6);
      expect(daysIn(now, "chair", "2027-09") - daysIn(was, "chair", "2027-09")).toBeCloseTo(3, 6);
      expect(daysIn(now, "project_manager", "2027-09") - daysIn(was, "project_manager", "2027-09")).toBeCloseTo(4, 6);
      // No other month moves.
      const others = (d: DemandEntry[]) => d.filter((e) => e.month !== "2027-09").map((e) => [e.role, e.month, e.days.toFixed(6)].join(" "));
      expect(others(now)).toEqual(others(was));
      // Its reason says what it counts.
      expect(now.find((d) => d.role === "faculty" && d.month === "2027-09")!.reasons.join(" ")).toMatch(/Learning session 1 \(2 days\)/);
    }
  );

  test("adds the sessions' planning assumptions to the plan only once it holds one", () => {
    const keys = (t: Timeline, method: "tailored" | "campaign", variant: "short_tailored" | null = null) =>
      planAssumptions(params, method, variant, new Set(t.items.flatMap((i) => i.roleTags))).map((a) => a.key);
    const t = generateTimeline(tailored, { start: "2027-01", teams: 120 });
    expect(keys(t, "tailored")).not.toContain("collaborative.faculty_days_per_ls_day");
    expect(keys(withSession(t).timeline, "tailored")).toEqual(
      expect.arrayContaining(["collaborative.faculty_days_per_ls_day", "collaborative.chair_days_per_event_day"])
    );
    const short = generateTimeline(TimelineTemplateSchema.parse(shortJson), { start: "2027-01", teams: 1 });
    expect(keys(short, "tailored", "short_tailored")).not.toContain("collaborative.faculty_days_per_ls_day");
    expect(keys(withSession(short).timeline, "tailored", "short_tailored")).toContain("collaborative.faculty_days_per_ls_day");
  });

  test("refuses a kind of work the demand rules do not know", () => {
    const t = generateTimeline(tailored, { start: "2027-01", teams: 120 });
    expect(() =>
      addItem(t, {
        label: "Keynote",
        kind: "event",
        stream: t.streams[0]!.key,
        start: "2027-09-07",
        duration: 1,
        unit: "days",
        after: null,
        staffLike: "work:keynote",
      })
    ).toThrow(/a kind of work listed/);
  });
});

describe("regional partners carry the sites' local support (docs/domain.md §8.2)", () => {
  const campaign = TimelineTemplateSchema.parse(campaignJson);
  const collaborative = TimelineTemplateSchema.parse(collaborativeJson);
  const fteMonths = (d: DemandEntry[], role?: string) => d.filter((e) => !role || e.role === role).reduce((sum, e) => sum + e.fte, 0);

  test("a campaign across 3,000 hospitals asks our staff for their nodes' support, not every site's, where the partner has nodes", () => {
    const plan = generateTimeline(campaign, { start: "2027-03", teams: 3000 });
    const scale = { method: "campaign", teams: 3000 } as const;
    const ours = computeDemand(plan, scale, demandParametersFor(params, { nodePartners: "no" }));
    const nodes = computeDemand(plan, scale, demandParametersFor(params, { nodePartners: "yes" }));
    const some = computeDemand(plan, scale, demandParametersFor(params, { nodePartners: "partly" }));
    // Without partners (or without an answer), 60 nodes' support is ours, 0.2 FTE each, and every site's data.
    expect(ours).toEqual(computeDemand(plan, scale, params));
    // (Node activation runs beside the implementation's first months: those months' support is counted once.)
    expect(Math.round(fteMonths(ours, "improvement_advisor"))).toBe(218);
    expect(Math.round(fteMonths(ours))).toBe(423);
    // With them, our advisor supports each node's leads at about a day a month, and our analysts work on what the nodes send.
    expect(Math.round(fteMonths(nodes, "improvement_advisor"))).toBe(56);
    expect(Math.round(fteMonths(nodes, "data_analyst"))).toBe(45);
    expect(Math.round(fteMonths(nodes))).toBe(189);
    // In some parts of the area, half the sites each way.
    for (const role of ["improvement_advisor", "data_analyst"])
      expect(fteMonths(some, role)).toBeCloseTo((fteMonths(ours, role) + fteMonths(nodes, role)) / 2, 2);
    // The reasons say what is counted.
    const reasons = nodes.filter((d) => d.month === "2027-12").flatMap((d) => d.reasons);
    expect(reasons).toContain("Implementation to the mid-point: 0.05 FTE per node × 60 nodes (3000 sites ÷ 50 sites per node)");
    expect(reasons).toContain("Data from enrolled sites: 3000 sites ÷ 1500 sites per data analyst FTE");
    // The central team, the faculty and the events stay ours.
    const others = (d: DemandEntry[]) => d.filter((e) => e.role !== "improvement_advisor" && e.role !== "data_analyst");
    expect(others(nodes)).toEqual(others(ours));
  });

  test("a campaign's node support is counted once in the months node activation runs beside implementation", () => {
    const plan = generateTimeline(campaign, { start: "2027-03", teams: 3000 });
    const scale = { method: "campaign", teams: 3000 } as const;
    const activation = plan.items.find((i) => i.roleTags.includes("node_network"))!;
    const implementation = plan.items.find((i) => i.roleTags.includes("implementation"))!;
    // The two begin together at the launch: activation's three months lie inside implementation's first nine.
    expect(activation.start).toBe(implementation.start);
    const nodeSupport = (d: DemandEntry[], month: string) => d.find((e) => e.role === "improvement_advisor" && e.month === month)?.fte ?? 0;
    // A month wholly inside activation: 60 nodes' support, once, not once for activation and again for implementation.
    const month = addMonthsToMonth(activation.start.slice(0, 7), 1);
    for (const [answer, perNode] of [
      ["no", 0.2],
      ["yes", 0.05],
    ] as const) {
      const demand = computeDemand(plan, scale, demandParametersFor(params, { nodePartners: answer }));
      expect(nodeSupport(demand, month)).toBeCloseTo(60 * perNode, 6);
      // The month's reasons name the work once, and never the same nodes twice.
      const reasons = demand.find((e) => e.role === "improvement_advisor" && e.month === month)!.reasons;
      expect(reasons).toEqual([`Node network and mentor sites: ${perNode} FTE per node × 60 nodes (3000 sites ÷ 50 sites per node)`]);
    }
    // The launch month, where both begin part-way through, counts activation's days and no more.
    const launch = activation.start.slice(0, 7);
    const launchReasons = computeDemand(plan, scale, params).find((e) => e.role === "improvement_advisor" && e.month === launch)!.reasons;
    expect(launchReasons.filter((r) => r.startsWith("Implementation"))).toEqual([]);
    // Over the plan, three months of 60 nodes' support fewer than before: 36 FTE-months without nodes, 9 with them.
    expect(Math.round(fteMonths(computeDemand(plan, scale, params), "improvement_advisor"))).toBe(218);
    expect(Math.round(fteMonths(computeDemand(plan, scale, demandParametersFor(params, { nodePartners: "yes" })), "improvement_advisor"))).toBe(56);
  });

  test("a collaborative of more teams than one holds runs its waves side by side: each wave's sessions and calls ask our staff, the planning and the congress once", () => {
    // The waves the demand counts are those the Method page and the time checks name.
    expect(params.parameters["collaborative.teams_per_wave"]!.value).toBe(COLLABORATIVE_MAX_TEAMS);
    expect(collaborativeWaves(3000)).toBe(19);
    const plan = generateTimeline(collaborative, { start: "2027-03", teams: 3000 });
    const one = computeDemand(plan, { method: "collaborative", teams: 160 }, params);
    const nineteen = computeDemand(plan, { method: "collaborative", teams: 3000 }, params);
    const daysIn = (d: DemandEntry[], role: string, month: string) => d.find((e) => e.role === role && e.month === month)?.days ?? 0;
    const month = (tag: string) => plan.items.find((i) => i.roleTags.includes(tag))!.start.slice(0, 7);
    // Learning Session 1's month: 19 waves each hold it, with their own faculty (5 × 1.25 days × 2 days), chair and project manager.
    const ls1 = month("learning_session");
    // (The month's calls are each wave's too: the session's own days are read from its reason.)
    const sessionDays = (d: DemandEntry[]) =>
      Number(
        /^Learning Session 1 .* = ([\d.]+) days$/.exec(
          d.find((e) => e.role === "faculty" && e.month === ls1)!.reasons.find((r) => r.startsWith("Learning Session 1"))!
        )![1]
      );
    expect(sessionDays(nineteen)).toBeCloseTo(19 * sessionDays(one), 6);
    expect(sessionDays(one)).toBe(12.5);
    // One chair leads the collaborative and the first wave's sessions (docs/domain.md §3.4): the chair is asked
    // what a collaborative one wave holds asks, and one of each other wave's faculty leads its sessions in the
    // chair's place, at the chair's 1.5 days per session day.
    expect(daysIn(nineteen, "chair", ls1)).toBe(daysIn(one, "chair", ls1));
    expect(nineteen.filter((e) => e.role === "chair")).toEqual(one.filter((e) => e.role === "chair").map((e) => ({ ...e, reasons: expect.any(Array) })));
    expect(nineteen.find((e) => e.role === "faculty" && e.month === ls1)!.reasons).toContain(
      "Learning Session 1 (2 days) × 1.5 days per session day for a faculty lead in the chair's place × 18 of the 19 waves of up to 160 teams (3000 teams), all but the first = 54 days"
    );
    expect(one.find((e) => e.role === "faculty" && e.month === ls1)!.reasons.join(" ")).not.toContain("faculty lead");
    // The internal briefing's planning assumptions name the faculty lead only where there is one.
    const tags = new Set(plan.items.flatMap((i) => i.roleTags));
    const assumed = (teams: number) => planAssumptions(params, "collaborative", null, tags, teams).map((a) => a.key);
    expect(assumed(3000)).toContain("collaborative.wave_lead_days_per_event_day");
    expect(assumed(160)).not.toContain("collaborative.wave_lead_days_per_event_day");
    expect(assumed(160)).toEqual(assumed(3000).filter((k) => k !== "collaborative.wave_lead_days_per_event_day"));
    expect(daysIn(nineteen, "project_manager", ls1) - daysIn(one, "project_manager", ls1)).toBeCloseTo(18 * 4, 6);
    expect(nineteen.find((e) => e.role === "faculty" && e.month === ls1)!.reasons).toContain(
      "Learning Session 1 (2 days) × 1.25 days per faculty member per session day × 5 faculty × 19 waves of up to 160 teams (3000 teams) = 237.5 days"
    );
    // Each wave's teams have their calls with the faculty, a day a month each.
    const calls = plan.items.find((i) => i.roleTags.includes("monthly_calls"))!;
    const callMonth = addMonthsToMonth(calls.start.slice(0, 7), 1);
    expect(nineteen.find((e) => e.role === "faculty" && e.month === callMonth)!.reasons).toContain(
      "Calls with teams: 1 day a month each × 5 faculty × 19 waves of up to 160 teams (3000 teams)"
    );
    // One change package and one summative congress: the expert meeting and the congress ask the same of our staff.
    const eventReasons = (d: DemandEntry[], tag: string) =>
      d.filter((e) => e.month === month(tag)).flatMap((e) => e.reasons.filter((r) => r.startsWith(plan.items.find((i) => i.roleTags.includes(tag))!.label)));
    for (const tag of ["expert_meeting", "congress"]) {
      expect(eventReasons(nineteen, tag).length).toBeGreaterThan(0);
      expect(eventReasons(nineteen, tag)).toEqual(eventReasons(one, tag));
    }
    // A collaborative one wave holds asks what it did, and its reasons say nothing of waves.
    expect(
      computeDemand(plan, { method: "collaborative", teams: 160 }, params)
        .find((e) => e.role === "faculty" && e.month === ls1)!
        .reasons.join(" ")
    ).toContain("× 5 faculty = 12.5 days");
    for (const teams of [1, 30, 160]) expect(JSON.stringify(computeDemand(plan, { method: "collaborative", teams }, params))).not.toMatch(/wave/);
    // Several waves are said once, plainly, in every reason that counts them.
    const three = computeDemand(plan, { method: "collaborative", teams: 420 }, params);
    expect(three.find((e) => e.role === "project_manager" && e.month === ls1)!.reasons).toContain(
      "Learning Session 1 (2 days) × 2 days per event day × 3 waves of up to 160 teams (420 teams) = 12 days"
    );
    const saysWaves = three.flatMap((e) => e.reasons).filter((r) => r.includes("wave"));
    expect(saysWaves.length).toBeGreaterThan(0);
    for (const reason of saysWaves) {
      expect(reason).toMatch(/ × (2 of the )?3 waves of up to 160 teams \(420 teams\)/);
      expect(reason.match(/wave/g)).toHaveLength(1);
    }
  });

  test("a national collaborative's coaching goes through the partner's regional leads", () => {
    const plan = generateTimeline(collaborative, { start: "2027-03", teams: 120 });
    const scale = { method: "collaborative", teams: 120 } as const;
    const ours = computeDemand(plan, scale, params);
    const leads = computeDemand(plan, scale, demandParametersFor(params, { nodePartners: "yes" }));
    const coaching = (d: DemandEntry[]) =>
      d.filter((e) => e.role === "improvement_advisor" && e.reasons.some((r) => r.includes("teams per improvement advisor")));
    // Half the advisors' coaching: 120 teams at 24 a head rather than 12 (each month rounded as the demand is).
    expect(fteMonths(coaching(leads)) / fteMonths(coaching(ours))).toBeCloseTo(0.5, 2);
    // A site joining an open collaborative, or a short engagement, keeps its own rules.
    expect(rulesFor(demandParametersFor(params, { nodePartners: "yes" }), "collaborative", "join_open_collaborative")).toEqual(
      rulesFor(params, "collaborative", "join_open_collaborative")
    );
  });
});

describe("a full tailored initiative for one organisation (docs/domain.md §5.5)", () => {
  // The template's 36 months from January 2027, as for a 900-bed hospital's plan: one site.
  const tailored = TimelineTemplateSchema.parse(tailoredJson);
  const plan = generateTimeline(tailored, { start: "2027-01", teams: 1, horizonMonths: 36 });
  const scale = { method: "tailored", teams: 1 } as const;
  const fteMonths = (d: DemandEntry[], role?: string) => d.filter((e) => !role || e.role === role).reduce((sum, e) => sum + e.fte, 0);
  const hospital = (priorityAreas: number) => computeDemand(plan, scale, demandParametersFor(params, {}, { priorityAreas }));

  test("with 2 priority areas asks about 55 FTE-months, where a system's rules asked 127: 2 workstream leads, a quarter of the director, half the project manager and analyst, one organisation's cohort", () => {
    expect(wholeMonthsOf(plan)).toBe(36);
    const system = computeDemand(plan, scale, params);
    const two = hospital(2);
    expect(totalFteMonths(system)).toBe(126.9);
    expect(totalFteMonths(two)).toBe(54.8);
    // A quarter of a system's half a director, and half its project manager, for every month of the plan.
    expect(fteMonths(two, "programme_director")).toBeCloseTo(0.125 * 36, 6);
    expect(fteMonths(two, "project_manager")).toBeCloseTo(0.25 * 36, 6);
    expect(fteMonths(system, "programme_director")).toBeCloseTo(0.5 * 36, 6);
    // Faculty: 2 workstream leads where a system has 5, and a quarter of the capability faculty.
    expect(Math.round(fteMonths(two, "faculty"))).toBe(24);
    expect(Math.round(fteMonths(system, "faculty"))).toBe(60);
    // The reasons say why, in the months they count.
    const reasons = two.flatMap((d) => d.reasons);
    expect(reasons).toContain(
      "Develop the scalable unit on pilot wards or units: 0.3 FTE per workstream × 2 workstreams (5 → 2: one for each of the partner's 2 priority areas)"
    );
    expect(reasons).toContain("Whole timeline: 0.5 FTE × 0.25 of a system's share, for one organisation");
    expect(reasons).toContain("Whole timeline: 0.5 FTE × 0.5 of a system's share, for one organisation");
    expect(reasons).toContain("Capability building (improvement advisors, fellows and leaders): 0.5 FTE × 0.25 of a system's share, for one organisation");
    expect(reasons.filter((r) => /× 5 workstreams/.test(r))).toEqual([]);
  });

  test("counts a workstream for each priority area, at least one and at most the template's five", () => {
    // Each lead beyond the first: 0.3 FTE over the 28 months from the pilot wards to full scale.
    const leads = (n: number) => fteMonths(hospital(n), "faculty") - fteMonths(hospital(1), "faculty");
    expect(leads(2)).toBeCloseTo(0.3 * 28, 0);
    expect(leads(5)).toBeCloseTo(4 * leads(2), 2);
    expect(fteMonths(hospital(7))).toBeCloseTo(fteMonths(hospital(5)), 6);
    expect(fteMonths(hospital(0))).toBeCloseTo(fteMonths(hospital(1)), 6);
    const says = (n: number) =>
      hospital(n)
        .flatMap((d) => d.reasons)
        .find((r) => r.startsWith("Test of scale-up on more wards and units: 0.3 FTE per workstream") && !r.endsWith("days)"));
    expect(says(1)).toBe("Test of scale-up on more wards and units: 0.3 FTE per workstream × 1 workstream (5 → 1: one for the partner's priority area)");
    expect(says(0)).toBe(
      "Test of scale-up on more wards and units: 0.3 FTE per workstream × 1 workstream (5 → 1: at least 1, where the intake names no priority area)"
    );
    expect(says(7)).toBe("Test of scale-up on more wards and units: 0.3 FTE per workstream × 5 workstreams (at most 5, for the partner's 7 priority areas)");
  });

  test("a partner of several sites keeps a system's rules, figure for figure", () => {
    expect(demandParametersFor(params, {}, null)).toBe(params);
    expect(demandParametersFor(params, { nodePartners: "no" })).toBe(params);
    const region = generateTimeline(tailored, { start: "2027-01", teams: 40, horizonMonths: 36 });
    const forty = computeDemand(region, { method: "tailored", teams: 40 }, demandParametersFor(params, { nodePartners: "no" }, null));
    expect(totalFteMonths(forty)).toBe(totalFteMonths(computeDemand(region, { method: "tailored", teams: 40 }, params)));
    expect(forty.flatMap((d) => d.reasons)).toContain("Develop the scalable unit in pilot sites: 0.3 FTE per workstream × 5 workstreams");
    // Nor does a short tailored engagement for one site change: its rules are its own.
    const short = generateTimeline(TimelineTemplateSchema.parse(shortJson), { start: "2027-01", teams: 1 });
    const shortScale = { method: "tailored", teams: 1, variant: "short_tailored" } as const;
    expect(computeDemand(short, shortScale, demandParametersFor(params, {}, { priorityAreas: 2 }))).toEqual(computeDemand(short, shortScale, params));
  });

  test("rests on one organisation's planning assumptions, which a partner of several sites never reads", () => {
    const tags = new Set(plan.items.flatMap((i) => i.roleTags));
    const one = planAssumptions(demandParametersFor(params, {}, { priorityAreas: 2 }), "tailored", null, tags);
    const several = planAssumptions(params, "tailored", null, tags);
    const oneKeys = one.map((a) => a.key);
    expect(oneKeys).toEqual(expect.arrayContaining(["tailored.workstreams", "tailored.one_site_director_share", "tailored.one_site_capability_share"]));
    expect(one.find((a) => a.key === "tailored.workstreams")!.parameter).toMatchObject({
      value: 2,
      unit: "workstreams (5 → 2: one for each of the partner's 2 priority areas)",
    });
    expect(several.map((a) => a.key).filter((k) => k.includes("one_site") || k === "tailored.workstreams")).toEqual([]);
  });

  test("a rule for one organisation that names an unknown parameter is refused, naming the field", () => {
    const broken = structuredClone(demandJson) as unknown as { oneSite: { byPriorityAreas: string; shares: Record<string, string> } };
    broken.oneSite.byPriorityAreas = "tailored.nope";
    broken.oneSite.shares["tailored.director_fte"] = "tailored.none";
    expect(describeIssues(DemandParametersSchema.safeParse(broken).error!)).toEqual([
      'oneSite.byPriorityAreas: Unknown parameter "tailored.nope".',
      'oneSite.shares.tailored.director_fte: Unknown parameter "tailored.none".',
    ]);
  });
});

function wholeMonthsOf(t: Timeline): number {
  const from = timelineStart(t).slice(0, 7);
  let months = 1;
  while (addMonthsToMonth(from, months) <= t.items.reduce((last, i) => (i.end > last ? i.end : last), "").slice(0, 7)) months++;
  return months;
}
