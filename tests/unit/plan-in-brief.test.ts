/**
 * What an approval request puts first for the leaders deciding on it (docs/domain.md §8.5): the plan,
 * its dates and aim, whether it keeps the partner's time, the partner's readiness and our cost against
 * the fee, read from the version's snapshot alone.
 */
import { describe, expect, it } from "vitest";
import { emptyIntake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { planInBrief } from "~/domain/plan-in-brief";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import type { TimeCheck } from "~/domain/timeline-constraints";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getReadinessTemplate, getTimelineTemplate } from "~/services/templates.server";

const NBSP = "\u00a0";
const nouns = { collaborative: "teams", campaign: "sites", tailored: "sites" };
const noun = (m: EngagementSnapshot["method"]) => (m.variant === "join_open_collaborative" ? "teams" : nouns[m.chosen ?? m.recommended]);

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
    const brief = planInBrief(snapshot(), noun);
    expect(brief.plan).toBe("Breakthrough Series collaborative, 12 teams");
    expect(brief.dates).toMatch(/^1 March 2027 to \d{1,2} \w+ 2028 \(\d+ months\)$/);
    expect(brief.aim).toBe("Halve falls with harm for adult inpatients by June 2028.");
    // An intake that says nothing of the partner's capacity: the readiness verdict's own words.
    expect(brief.readiness).toBe("Not ready");
  });

  it("says the partner's time only where the partner gave one: kept, or the check's own words when it is not", () => {
    expect(planInBrief(snapshot(), noun).time).toBeNull();
    expect(planInBrief(snapshot({ timeCheck: check(true, false) }), noun).time).toBeNull();
    expect(planInBrief(snapshot({ timeCheck: check(true) }), noun).time).toEqual({ holds: true, words: "The plan keeps the partner's time." });
    expect(planInBrief(snapshot({ timeCheck: check(false) }), noun).time).toEqual({ holds: false, words: check(false).summary });
  });

  it("sets our cost against the fee: what it leaves over it, or how far short it falls; the cost alone without a fee of its own", () => {
    expect(planInBrief(snapshot(), noun).cost).toEqual({ words: `USD${NBSP}800,000: the fee leaves USD${NBSP}150,000 over it.`, belowFee: true });
    const below = snapshot({ price: { ...snapshot().price!, fee: 700_000 } });
    expect(planInBrief(below, noun).cost).toEqual({ words: `USD${NBSP}800,000: the fee falls USD${NBSP}100,000 short of it.`, belowFee: false });
    expect(planInBrief(snapshot({ price: null }), noun).cost).toEqual({ words: `USD${NBSP}800,000.`, belowFee: true });
    expect(planInBrief(snapshot({ cost: null, price: null }), noun).cost).toBeNull();
  });

  it("without a timeline yet, says so by leaving the dates out, and counts the sites the intake expects", () => {
    const brief = planInBrief(snapshot({ timeline: null, method: { ...snapshot().method, chosen: "campaign" } }), noun);
    expect(brief.plan).toBe("Campaign, 12 sites");
    expect(brief.dates).toBeNull();
  });
});
