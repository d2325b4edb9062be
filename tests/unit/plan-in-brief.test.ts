/**
 * What an approval request puts first for the leaders deciding on it (docs/domain.md §8.5): the plan,
 * its dates and aim, whether it keeps the partner's time, the partner's readiness and our cost against
 * the fee, read from the version's snapshot alone.
 */
import { describe, expect, it } from "vitest";
import { emptyIntake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { planInBrief } from "~/domain/plan-in-brief";
import type { SnapshotOption } from "~/domain/proposal-options";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import type { TimeCheck } from "~/domain/timeline-constraints";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getReadinessTemplate, getTimelineTemplate } from "~/services/templates.server";

const NBSP = "\u00a0";
const collaborative = { method: "collaborative" as const, variant: null, scaleNoun: "teams" };

function snapshot(parts: Partial<EngagementSnapshot> = {}): EngagementSnapshot {
  const i = emptyIntake();
  i.scale.expectedSites = 12;
  i.evidence.aimHowMuch = "Halve falls with harm";
  i.evidence.aimForWhom = "adult inpatients";
  i.evidence.aimByWhen = "2028-06";
  return {
    schema: 1,
    date: "2026-12-05",
    engagement: { title: "Falls collaborative" },
    partner: { name: "Westvale Health", kind: "health_system", country: "GB", sites: 12, population: null },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate("collaborative")),
    method: methodSummary(recommendMethod(i, getMethodWeights(), {}), "collaborative", null),
    driverDiagram: null,
    timeline: generateTimeline(getTimelineTemplate("collaborative"), { start: "2027-03", teams: 12, country: "GB" }),
    staffing: [],
    demand: [],
    fit: null,
    cost: { total: 800_000, currency: "USD", verdict: "no_budget", description: "" },
    price: { fee: 950_000, currency: "USD", schedule: [], internal: { buildUp: 800_000, adjustment: null, ruleFee: 950_000 } },
    assumptions: [],
    ...parts,
  };
}

const check = (holds: boolean, limited = true): TimeCheck => ({
  holds,
  limited,
  totalMonths: 18,
  deadline: null,
  deadlineItem: { id: "congress", label: "Summative congress", date: "2028-08-01" },
  overruns: [],
  choices: [],
  summary: "The plan cannot keep the partner's time: it runs 2 months over the partner's longest duration of 16 months.",
});

describe("a version's plan in brief", () => {
  it("names the method and its scale, the plan's first and last days, and the aim from the intake when there is no driver diagram", () => {
    const brief = planInBrief(snapshot(), collaborative);
    expect(brief.plan).toBe("Breakthrough Series collaborative, 12 teams");
    expect(brief.dates).toMatch(/^1 March 2027 to \d{1,2} \w+ 2028 \(\d+ months\)$/);
    expect(brief.aim).toBe("Halve falls with harm for adult inpatients by June 2028.");
    // An intake that says nothing of the partner's capacity: the readiness verdict's own words.
    expect(brief.readiness).toBe("Not ready");
  });

  it("says the partner's time only where the partner gave one: kept, or the check's own words when it is not", () => {
    // Made before the check was recorded: said, not left out as if the partner gave no limit.
    expect(planInBrief(snapshot(), collaborative).time).toEqual({
      holds: true,
      words: "Not recorded when this version was made: the Timeline page judges the plan as it stands.",
    });
    expect(planInBrief(snapshot({ timeCheck: null, timeline: null }), collaborative).time).toBeNull();
    expect(planInBrief(snapshot({ timeCheck: check(true, false) }), collaborative).time).toBeNull();
    expect(planInBrief(snapshot({ timeCheck: check(true) }), collaborative).time).toEqual({ holds: true, words: "The plan keeps the partner's time." });
    expect(planInBrief(snapshot({ timeCheck: check(false) }), collaborative).time).toEqual({ holds: false, words: check(false).summary });
  });

  it("says, beside an overrun, that the partner agreed to it and when, as the Timeline page does", () => {
    expect(planInBrief(snapshot({ timeCheck: { ...check(false), agreed: { on: "2026-12-04" } } }), collaborative).time).toEqual({
      holds: false,
      words:
        "The plan cannot keep the partner's time: it runs 2 months over the partner's longest duration of 16 months. The partner agreed to this on 4 December 2026.",
    });
  });

  it("sets our cost against the fee: what it leaves over it, or how far short it falls; the cost alone without a fee of its own", () => {
    expect(planInBrief(snapshot(), collaborative).cost).toEqual([
      { words: `USD${NBSP}800,000: the fee gives a margin of USD${NBSP}150,000 over it.`, belowFee: true },
    ]);
    const below = snapshot({ price: { ...snapshot().price!, fee: 700_000 } });
    expect(planInBrief(below, collaborative).cost).toEqual([{ words: `USD${NBSP}800,000: the fee falls USD${NBSP}100,000 short of it.`, belowFee: false }]);
    expect(planInBrief(snapshot({ price: null }), collaborative).cost).toEqual([{ words: `USD${NBSP}800,000.`, belowFee: true }]);
    expect(planInBrief(snapshot({ cost: null, price: null }), collaborative).cost).toEqual([]);
  });

  it("with options, names the one its dates are (the largest) and sets each option's own cost against its fee", () => {
    const base = snapshot();
    const option = (key: string, name: string, fteMonths: number, fee: number, buildUp: number): SnapshotOption => ({
      key,
      name,
      scope: "",
      leavesOut: "",
      levers: [],
      start: "2027-03-01",
      end: "2028-08-31",
      months: 18,
      teams: 12,
      price: { ...base.price!, fee, internal: { ...base.price!.internal, buildUp } },
      staffing: [],
      demand: [],
      fteMonths,
      facultyDays: 0,
      fit: null,
    });
    const brief = planInBrief(snapshot({ options: [option("A", "Core", 40, 600_000, 650_000), option("B", "Full", 70, 950_000, 800_000)] }), collaborative);
    expect(brief.plan).toBe("Breakthrough Series collaborative, 12 teams (Option B: Full, the largest of 2 options)");
    expect(brief.cost).toEqual([
      { words: `Option A: Core: USD${NBSP}650,000: the fee falls USD${NBSP}50,000 short of it.`, belowFee: false },
      { words: `Option B: Full: USD${NBSP}800,000: the fee gives a margin of USD${NBSP}150,000 over it.`, belowFee: true },
    ]);
  });

  it("without a timeline yet, leaves the dates out and counts the sites the intake expects", () => {
    const brief = planInBrief(snapshot({ timeline: null }), { method: "campaign", variant: null, scaleNoun: "sites" });
    expect(brief.plan).toBe("Campaign, 12 sites");
    expect(brief.dates).toBeNull();
  });
});
