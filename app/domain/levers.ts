import { z } from "zod";
import { LEVER_LABELS, type Lever } from "./lever-labels";
import { addDays, addMonths, daysBetween, formatDate } from "./calendar";
import { computeDemand, totalFteMonths, type DemandEntry, type DemandParameters } from "./demand";
import type { MethodVariant } from "./method-variants";
import { COLLABORATIVE_MAX_TEAMS, METHOD_NOUNS } from "./methods";
import { money } from "./money";
import { formatCount, plural } from "./plural";
import { ofName } from "./text";
import { aboutMoney, feeWithEquivalent, inBudgetCurrency, type ExchangeRate } from "./exchange-rate";
import {
  compareWithBudget,
  feeAsBudgeted,
  gapCurrency,
  gapMoney,
  priceFromCost,
  type BudgetComparison,
  type BudgetToCompare,
  type PricingRules,
} from "./pricing";
import { estimateCost, fitVerdict } from "./resource-fit";
import { type Booking, type FitVerdict, type StaffMember } from "./capacity";
import type { StaffRole } from "./roster-forms";
import { timelineEnd, timelineStart, wholeMonths, type Timeline } from "./timeline";
import { bindingDeadline, hasLimits, timeLimits, timeOverruns, type TimeLimits } from "./timeline-constraints";
import { describeMonths } from "./calendar";

/*
 * Levers that shape the fee to the partner's budget (docs/domain.md §8.8): fewer sites in the first
 * wave, events held online, a longer phasing, fewer faculty days. Each is a change to the demand
 * model's inputs (the timeline, the scale, the demand parameters); its effect on the fee and on our
 * capacity is the difference between the plan with it and without it. Pure.
 */

export { LEVERS, LEVER_LABELS, type Lever } from "./lever-labels";

/** The levers applied to a proposal's draft: what it is priced and resourced on. */
export type LeverSettings = { firstWaveSites: number | null; virtualSessions: boolean; longerPhasing: boolean; fewerFacultyDays: boolean };
export const NO_LEVERS: LeverSettings = { firstWaveSites: null, virtualSessions: false, longerPhasing: false, fewerFacultyDays: false };

/** What each lever may be: the sites of the first wave a whole number of sites, or null for every site; the others on or off. */
// Checked before the plan's method is known: the sites are said as both the methods take them.
const SITES_TAKEN = "The sites in the first wave (for a campaign, the sites supported by our staff)";
const leverFields = {
  firstWaveSites: z
    .number({ error: `${SITES_TAKEN} must be a whole number, or null for every site.` })
    .int(`${SITES_TAKEN} must be a whole number, or null for every site.`)
    .min(1, `${SITES_TAKEN} must be at least 1.`)
    .max(100_000, `${SITES_TAKEN} must be at most 100,000.`)
    .nullable(),
  virtualSessions: z.boolean({ error: "Events held online must be true or false." }),
  longerPhasing: z.boolean({ error: "Longer phasing must be true or false." }),
  fewerFacultyDays: z.boolean({ error: "Fewer faculty days must be true or false." }),
};

/** Levers as stored: what cannot be read is taken as not applied. */
export const LeverSettingsSchema = z.object({
  firstWaveSites: leverFields.firstWaveSites.catch(null),
  virtualSessions: leverFields.virtualSessions.catch(false),
  longerPhasing: leverFields.longerPhasing.catch(false),
  fewerFacultyDays: leverFields.fewerFacultyDays.catch(false),
});

/** Levers as a bundle states them: each checked and refused at its path; one left out is not applied. */
export const LeverSettingsInputSchema = z.strictObject({
  firstWaveSites: leverFields.firstWaveSites.default(null),
  virtualSessions: leverFields.virtualSessions.default(false),
  longerPhasing: leverFields.longerPhasing.default(false),
  fewerFacultyDays: leverFields.fewerFacultyDays.default(false),
});

/**
 * Why a first wave cannot be taken as stated: more sites than the plan has (docs/domain.md §8.8); null
 * when it can. A campaign has no waves: its sites are those our staff support, and it is refused so.
 */
export function firstWaveRefusal(
  levers: { firstWaveSites?: number | null } | undefined,
  planSites: number,
  method: Timeline["method"] | null | undefined
): string | null {
  const n = levers?.firstWaveSites;
  if (typeof n !== "number" || n <= planSites) return null;
  return method === "campaign"
    ? `The sites supported by our staff must be at most the campaign's ${plural(planSites, "site")}.`
    : `The sites in the first wave must be at most the plan's ${plural(planSites, "site")}.`;
}

export function anyLever(s: LeverSettings): boolean {
  return s.firstWaveSites !== null || s.virtualSessions || s.longerPhasing || s.fewerFacultyDays;
}

/**
 * The levers applied, in words: "4 sites in the first wave", "events held online"…; for a campaign,
 * which enrols openly and has no waves, the sites are those our staff support ("1,200 sites supported
 * by our staff").
 */
export function appliedWords(s: LeverSettings, extraMonths: number, method: Timeline["method"]): string[] {
  return [
    ...(s.firstWaveSites !== null ? [`${plural(s.firstWaveSites, "site")} ${method === "campaign" ? "supported by our staff" : "in the first wave"}`] : []),
    ...(s.virtualSessions ? ["events held online"] : []),
    ...(s.longerPhasing ? [`${plural(extraMonths, "month's", "months'")} longer phasing`] : []),
    ...(s.fewerFacultyDays ? ["fewer faculty days"] : []),
  ];
}

/**
 * What a version records of the levers besides the first wave (which it records as its sites, of how
 * many), for its proposal to say where it describes what each changes (docs/domain.md §8.8, §9.1):
 * undefined when none is applied.
 */
export function leversStated(
  s: LeverSettings,
  rules: Pick<PricingRules["levers"], "fewerFacultyDays" | "longerPhasing">
): { eventsOnline?: true; facultyDaysPercent?: number; longerPhasingMonths?: number } | undefined {
  const stated = {
    ...(s.virtualSessions ? { eventsOnline: true as const } : {}),
    ...(s.fewerFacultyDays ? { facultyDaysPercent: Math.round(rules.fewerFacultyDays.factor * 100) } : {}),
    ...(s.longerPhasing ? { longerPhasingMonths: rules.longerPhasing.extraMonths } : {}),
  };
  return Object.keys(stated).length ? stated : undefined;
}

/**
 * The timeline stretched by `extraMonths`: every item's start moves in proportion to its distance
 * from the first day; phases and recurring activities stretch with it, events and milestones keep
 * their length.
 */
export function stretchTimeline(timeline: Timeline, extraMonths: number): Timeline {
  const first = timelineStart(timeline);
  const span = daysBetween(first, timelineEnd(timeline));
  if (span <= 0 || extraMonths <= 0) return timeline;
  const factor = daysBetween(first, addMonths(timelineEnd(timeline), extraMonths)) / span;
  const at = (date: string) => addDays(first, Math.round(daysBetween(first, date) * factor));
  return {
    ...timeline,
    items: timeline.items.map((item) => {
      const start = at(item.start);
      const stretches = item.kind === "phase" || item.kind === "recurring";
      return { ...item, start, end: stretches ? at(item.end) : addDays(start, daysBetween(item.start, item.end)) };
    }),
    span: { ...timeline.span, months: timeline.span.months + extraMonths },
    generatedFrom: {
      ...timeline.generatedFrom,
      horizonMonths: timeline.generatedFrom.horizonMonths === null ? null : timeline.generatedFrom.horizonMonths + extraMonths,
    },
  };
}

type DemandRules = DemandParameters["methods"]["collaborative"];

/** Demand parameters with some rules' amounts scaled: each scaled rule gets a parameter of its own, so others sharing it are untouched. */
function scaleRules(params: DemandParameters, suffix: string, pick: (rule: DemandRules["rules"][number]) => boolean, factor: number): DemandParameters {
  const parameters = { ...params.parameters };
  const scaled = (config: DemandRules): DemandRules => ({
    ...config,
    rules: config.rules.map((rule) => {
      if (!pick(rule)) return rule;
      const key = `${rule.amount}.${suffix}`;
      const base = params.parameters[rule.amount]!;
      // For fte_per_teams the amount is teams per FTE: fewer days means more teams per FTE.
      const value = rule.basis === "fte_per_teams" ? base.value / factor : base.value * factor;
      parameters[key] = { ...base, value };
      return { ...rule, amount: key };
    }),
  });
  const methods = Object.fromEntries(Object.entries(params.methods).map(([method, config]) => [method, scaled(config)])) as DemandParameters["methods"];
  const variants = Object.fromEntries(
    Object.entries(params.variants).map(([variant, config]) => [variant, config && scaled(config)])
  ) as DemandParameters["variants"];
  return { ...params, parameters, methods, variants };
}

export type LeveredPlan = { timeline: Timeline; teams: number; params: DemandParameters };

/** The sites a plan takes with these levers: its first wave, or all it was made for. */
function sitesTaken(timeline: Timeline, settings: Pick<LeverSettings, "firstWaveSites">): number {
  const all = timeline.generatedFrom.teams;
  return settings.firstWaveSites !== null ? Math.max(1, Math.min(all, settings.firstWaveSites)) : all;
}

/** The timeline, scale and demand parameters with the levers applied. */
export function applyLevers(timeline: Timeline, params: DemandParameters, settings: LeverSettings, rules: PricingRules["levers"]): LeveredPlan {
  let t = timeline;
  let p = params;
  const teams = sitesTaken(timeline, settings);
  if (teams !== timeline.generatedFrom.teams) t = { ...t, generatedFrom: { ...t.generatedFrom, teams } };
  if (settings.longerPhasing) t = stretchTimeline(t, rules.longerPhasing.extraMonths);
  if (settings.virtualSessions) {
    const tags = rules.virtualSessions.eventTags;
    p = scaleRules(
      p,
      "virtual",
      (r) => (r.basis === "days_per_event" || r.basis === "days_per_event_day") && r.during !== "whole_timeline" && r.during.some((d) => tags.includes(d)),
      rules.virtualSessions.daysFactor
    );
  }
  if (settings.fewerFacultyDays) p = scaleRules(p, "fewer_faculty", (r) => r.role === "faculty", rules.fewerFacultyDays.factor);
  return { timeline: t, teams, params: p };
}

/* ------------------------------------------------------------------------------------------------
 * What a plan costs and asks of us
 * ---------------------------------------------------------------------------------------------- */

export type PricingContext = {
  method: Timeline["method"];
  /** The form of the method a small request takes, whose demand rules apply (docs/domain.md §2.5). */
  variant?: MethodVariant | null;
  params: DemandParameters;
  roles: StaffRole[];
  dayRates: Record<string, number>;
  currency: string;
  partnerKind: string;
  rules: PricingRules;
  /** The partner's budget, with the exchange rate recorded for it when it is in another currency (docs/domain.md §8.7). */
  budget: BudgetToCompare | null;
  /** Our staff and their other bookings, to judge capacity; an empty roster gives no verdict. */
  roster: StaffMember[];
  bookings: Booking[];
};

export type PlanFigures = {
  /** Without the reasons: no figure of a plan shows them. */
  demand: DemandEntry[];
  buildUp: number;
  fee: number;
  /** Our staff's FTE-months over the timeline. */
  fteMonths: number;
  facultyDays: number;
  /** The busiest month's FTE across roles. */
  peakFte: number;
  capacity: FitVerdict | null;
  months: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The plan with these levers and its demand (without the reasons, which no figure here shows). */
function leveredDemand(timeline: Timeline, settings: LeverSettings, ctx: PricingContext): { plan: LeveredPlan; demand: DemandEntry[] } {
  const plan = applyLevers(timeline, ctx.params, settings, ctx.rules.levers);
  return { plan, demand: computeDemand(plan.timeline, { method: ctx.method, teams: plan.teams, variant: ctx.variant }, plan.params, { reasons: false }) };
}

function feeOf(demand: DemandEntry[], ctx: PricingContext): { buildUp: number; fee: number } {
  const cost = estimateCost(demand, { roles: ctx.roles, currency: ctx.currency, dayRates: ctx.dayRates });
  return { buildUp: cost.total, fee: priceFromCost(cost.total, ctx.currency, ctx.partnerKind, ctx.rules).fee };
}

/** The fee of a timeline with these levers, without the rest of its figures: what the searches for a first wave price. */
function feeWith(timeline: Timeline, settings: LeverSettings, ctx: PricingContext): number {
  return feeOf(leveredDemand(timeline, settings, ctx).demand, ctx).fee;
}

/** The demand, build-up, fee and capacity of a timeline at a scale, with these levers. */
export function planFigures(timeline: Timeline, settings: LeverSettings, ctx: PricingContext): PlanFigures {
  const { plan, demand } = leveredDemand(timeline, settings, ctx);
  const { buildUp, fee } = feeOf(demand, ctx);
  const byMonth = new Map<string, number>();
  for (const d of demand) byMonth.set(d.month, (byMonth.get(d.month) ?? 0) + d.fte);
  // The verdict assessFit gives over the plan's months, judged cell by cell without describing each.
  const capacity = ctx.roster.length ? fitVerdict(demand, { roster: ctx.roster, bookings: ctx.bookings, roles: ctx.roles }) : null;
  return {
    demand,
    buildUp,
    fee,
    fteMonths: totalFteMonths(demand),
    facultyDays: Math.round(demand.filter((d) => d.role === "faculty").reduce((s, d) => s + d.days, 0)),
    peakFte: Math.round(Math.max(0, ...byMonth.values()) * 100) / 100,
    capacity,
    months: wholeMonths(plan.timeline),
  };
}

/**
 * The partner's time (the limits the plan was made for: docs/domain.md §8.6) against a lever: words
 * for how far the plan with it would run past a limit that the plan as it stands keeps, or null.
 * A longer phasing is the lever that can: it spreads the same work over more months.
 */
export function timeBreaches(timeline: Timeline, applied: LeverSettings, ctx: PricingContext): (settings: LeverSettings) => string | null {
  const limits = timeLimits(timeline.generatedFrom);
  if (!hasLimits(limits)) return () => null;
  const overrun = (settings: LeverSettings) => timeOverruns(applyLevers(timeline, ctx.params, settings, ctx.rules.levers).timeline, limits);
  const now = overrun(applied);
  return (settings) => timeBreachWords(limits, now, overrun(settings));
}

type Overrun = ReturnType<typeof timeOverruns>;

function timeBreachWords(limits: TimeLimits, now: Overrun, after: Overrun): string | null {
  const parts: string[] = [];
  const deadline = bindingDeadline(limits);
  if (deadline && after.deadlineMonths > now.deadlineMonths) {
    const which = deadline.from === "hard_deadline" ? "the partner's hard deadline" : "the date the aim names";
    parts.push(`${describeMonths(after.deadlineMonths)} past ${which} (${formatDate(deadline.date)})`);
  }
  if (limits.horizonMonths !== null && after.durationMonths > now.durationMonths)
    parts.push(`${describeMonths(after.durationMonths)} over the partner's longest duration of ${plural(limits.horizonMonths, "month")}`);
  return parts.length ? `It would run ${parts.join(", and ")}.` : null;
}

/* ------------------------------------------------------------------------------------------------
 * The levers' effects
 * ---------------------------------------------------------------------------------------------- */

export type LeverEffect = {
  lever: Lever;
  label: string;
  /** What applying it does, in words. */
  change: string;
  /** The settings applying it gives. */
  settings: LeverSettings;
  fee: number;
  /** Negative when the fee falls. */
  feeChange: number;
  fteMonthsChange: number;
  facultyDaysChange: number;
  peakFteChange: number;
  capacity: FitVerdict | null;
  /** Whether the fee with it is within the budget's maximum (null when the two cannot be compared). */
  fitsBudget: boolean | null;
  /** The effect in one sentence. */
  effect: string;
  /** How far the lever would take the plan past the partner's time, which the plan keeps without it; null when it would not. */
  timeBreach: string | null;
};

export type BudgetShaping = {
  current: PlanFigures;
  comparison: BudgetComparison;
  applied: LeverSettings;
  /** Levers not yet applied, each on top of those that are; empty unless the fee is above the budget. */
  levers: LeverEffect[];
  /** Why a lever the plan might have had is not offered, in words. */
  withheld: string[];
};

/**
 * What a lever does to the fee, in words (docs/domain.md §8.8): whether it lowers or raises it, by how
 * much, and the fee it leaves, so that the change and the fee never read as a range from one to the
 * other: "Lowers the fee by USD 65,000, to USD 1,135,000"; "Leaves the fee at USD 220,000". Against a
 * budget in the partner's currency through the rate recorded (§8.7), each figure has its equivalent in
 * theirs beside it, "about" it as the gap is: "Lowers the fee by USD 65,000 (about EUR 59,800), to USD
 * 1,135,000 (about EUR 1,040,000)". The change there is between the two fees converted, so that it is
 * what the lever takes off the gap. The one way a lever's effect on the fee is written: on the Fit and
 * Proposal pages, an option's levers and the message once one is applied.
 */
export function leverFeeWords(before: number, after: number, currency: string, rate: Pick<ExchangeRate, "from" | "to" | "rate" | "on"> | null): string {
  const feeNow = rate ? feeWithEquivalent(after, rate) : money(after, currency);
  const change = after - before;
  if (change === 0) return `Leaves the fee at ${feeNow}`;
  const theirs = rate ? ` (${aboutMoney(Math.abs(inBudgetCurrency(after, rate) - inBudgetCurrency(before, rate)), rate.to)})` : "";
  return `${change < 0 ? "Lowers" : "Raises"} the fee by ${money(Math.abs(change), currency)}${theirs}, to ${feeNow}`;
}

/** The rate a fee is set against the budget through, when the budget is in another currency and one is recorded (feeAsBudgeted). */
function rateThrough(fee: number, ctx: Pick<PricingContext, "currency" | "budget">): ExchangeRate | null {
  return feeAsBudgeted(fee, ctx.currency, ctx.budget)?.through?.rate ?? null;
}

/** A change in a figure with its unit, counted: "−1 FTE-month", "+2.5 faculty days", "faculty days unchanged". */
export function signedChange(n: number, one: string, many = `${one}s`): string {
  const r = round1(n);
  // "+0 faculty days" reads as a change: none is said as none.
  if (r === 0) return `${many} unchanged`;
  return `${r < 0 ? "−" : "+"}${plural(Math.abs(r), one, many)}`;
}

/**
 * The fewest sites a first wave may take for the plan's method, or the form of it a small request takes
 * (docs/domain.md §8.8): a collaborative's teams learn from each other, so its first wave keeps at least
 * the twelve teams a collaborative brings together at the least; a team joining an open collaborative finds the others there.
 */
export function smallestFirstWave(ctx: Pick<PricingContext, "method" | "variant" | "rules">): number {
  const table = ctx.rules.levers.fewerSites.smallestFirstWave;
  return ctx.variant ? table[ctx.variant] : table[ctx.method];
}

/**
 * The lever that takes fewer of the plan's sites, by what it means for the method (docs/domain.md §8.8):
 * a campaign enrols openly and has no waves, so its sites are those our staff support (their nodes'
 * support and their monthly data, what the demand counts by the sites); any other plan's are a first wave.
 */
function sitesLever(ctx: Pick<PricingContext, "method">): Lever {
  return ctx.method === "campaign" ? "fewer_supported_sites" : "fewer_sites";
}

/**
 * The most sites a first wave may take, of a plan taking `sitesNow`: fewer than it takes and, for a
 * collaborative, no more than one wave holds (the 160 teams of docs/domain.md §3.3), since a first wave
 * of more would itself be several waves; null when the plan's sites bound it alone.
 */
export function largestFirstWave(ctx: Pick<PricingContext, "method" | "variant">): number | null {
  return ctx.method === "collaborative" && !ctx.variant ? COLLABORATIVE_MAX_TEAMS : null;
}

/** The most sites the fewer-sites lever may propose of a plan taking `sitesNow`: fewer, and within one wave where that bounds them. */
function mostFirstWave(ctx: Pick<PricingContext, "method" | "variant">, sitesNow: number): number {
  return Math.min(sitesNow - 1, largestFirstWave(ctx) ?? Infinity);
}

/** The smallest first wave in words: "a collaborative's first wave takes at least 12 sites", "our staff support at least 10 of a campaign's sites". */
function firstWaveFloorWords(ctx: Pick<PricingContext, "method" | "variant" | "rules">): string {
  const least = smallestFirstWave(ctx);
  return sitesLever(ctx) === "fewer_supported_sites"
    ? `our staff support at least ${formatCount(least)} of ${METHOD_NOUNS[ctx.method]}'s sites`
    : `${METHOD_NOUNS[ctx.method]}'s first wave takes at least ${plural(least, "site")}`;
}

/**
 * What taking `n` of the plan's `all` sites does, in words; a collaborative's first wave of as many as
 * one wave holds says so, and the sites left for more than one wave join later waves.
 */
function fewerSitesWords(ctx: Pick<PricingContext, "method" | "variant">, n: number, all: number): string {
  const rest = all - n;
  if (sitesLever(ctx) === "fewer_supported_sites")
    return `Our staff support ${formatCount(n)} of the ${plural(all, "site")}, through their nodes and their monthly data; the other ${formatCount(
      rest
    )} may still enrol and use the campaign's how-to guides, calls and events, without our staff's support.`;
  const oneWave = largestFirstWave(ctx);
  const full = oneWave !== null && n === oneWave ? ", as many as one wave holds" : "";
  const later = oneWave !== null && rest > oneWave ? "later waves" : "a later wave";
  return `${plural(n, "site")} in the first wave instead of ${formatCount(all)}${full}; the other ${
    rest === 1 ? "site joins" : `${formatCount(rest)} join`
  } ${later}, priced apart.`;
}

/**
 * The fee as the budget's maximum is set against it: itself, or in the budget's currency through the rate
 * recorded for it (feeAsBudgeted, the one conversion). Only called once the fee can be compared.
 */
function asBudgeted(fee: number, ctx: Pick<PricingContext, "currency" | "budget">): number {
  return feeAsBudgeted(fee, ctx.currency, ctx.budget)?.fee ?? fee;
}

/**
 * The most first-wave sites, of `least` (one unless said) to `most`, whose fee is within `max`; null
 * when not even `least` sites' is. A site never lowers the fee (docs/domain.md §8.8: every demand rule grows with the teams, costs
 * are whole units and the partner's adjustment is at most 100%), so the sites that fit are 1 up to
 * some number, and halving the range finds it in a handful of pricings rather than one per site.
 * `feeAt` gives the fee in the budget's currency; converted through a rate, it still never falls as sites are added.
 */
export function mostSitesWithin(max: number | null, most: number, feeAt: (sites: number) => number, least = 1): number | null {
  if (max === null || most < least || feeAt(least) > max) return null;
  let [fits, tooMany] = [least, most + 1];
  while (tooMany - fits > 1) {
    const mid = Math.floor((fits + tooMany) / 2);
    if (feeAt(mid) <= max) fits = mid;
    else tooMany = mid;
  }
  return fits;
}

/**
 * The fee against the budget and, when it is above or cannot be compared (another currency with no
 * rate recorded), each lever not yet applied with its effect on the fee and on our capacity
 * (docs/domain.md §8.8). Fewer sites proposes the most sites whose fee fits the budget (through the
 * rate recorded, for a budget in another currency), or half the sites when none does or the budget
 * cannot be compared. A lever that would raise the fee is not offered to close the gap.
 * `always` lists every lever whatever the budget, for an option.
 */
export function shapeToBudget(timeline: Timeline, applied: LeverSettings, ctx: PricingContext, opts: { always?: boolean } = {}): BudgetShaping {
  const current = planFigures(timeline, applied, ctx);
  const breaches = timeBreaches(timeline, applied, ctx);
  const comparison = compareWithBudget(current.fee, ctx.currency, ctx.budget);
  // An option may take a lever whatever the budget says (docs/domain.md §9.13): that is what makes it an option.
  // A budget that cannot be compared still leaves the manager to judge a lower fee against it.
  if (comparison.verdict !== "above" && comparison.verdict !== "other_currency" && !opts.always)
    return { current, comparison, applied, levers: [], withheld: [] };
  // No exchange rate is guessed: a maximum in another currency sets how many sites fit it only through the rate recorded.
  const max = comparison.verdict === "other_currency" ? null : ctx.budget?.max ?? null;
  const sitesNow = sitesTaken(timeline, applied);
  const candidates: { lever: Lever; settings: LeverSettings; change: string }[] = [];

  const smallest = smallestFirstWave(ctx);
  const withheld: string[] = [];
  if (sitesNow > smallest) {
    const most = mostFirstWave(ctx, sitesNow);
    const n =
      mostSitesWithin(max, most, (sites) => asBudgeted(feeWith(timeline, { ...applied, firstWaveSites: sites }, ctx), ctx), smallest) ??
      Math.max(smallest, Math.min(most, Math.ceil(sitesNow / 2)));
    candidates.push({ lever: sitesLever(ctx), settings: { ...applied, firstWaveSites: n }, change: fewerSitesWords(ctx, n, sitesNow) });
  } else if (sitesNow > 1) {
    withheld.push(`${LEVER_LABELS[sitesLever(ctx)]} is not offered: ${firstWaveFloorWords(ctx)}, and the plan takes ${plural(sitesNow, "site")}.`);
  }
  const { virtualSessions, longerPhasing, fewerFacultyDays } = ctx.rules.levers;
  // Offered where the plan has events the lever holds online (docs/domain.md §8.8): a collaborative's learning sessions, a campaign's events.
  const online = timeline.items.filter((i) => i.roleTags.some((t) => virtualSessions.eventTags.includes(t)));
  // A site joining an open collaborative attends the sessions its host holds, as the host holds them: we cannot move them online.
  const hostsEvents = ctx.variant === "join_open_collaborative";
  if (!applied.virtualSessions && online.length && hostsEvents)
    withheld.push(
      `${LEVER_LABELS.virtual_sessions} is not offered: the learning sessions are the open collaborative's, held as its host holds them, not ours to move online.`
    );
  if (!applied.virtualSessions && online.length && !hostsEvents)
    candidates.push({
      lever: "virtual_sessions",
      settings: { ...applied, virtualSessions: true },
      // The lever's name already says "Events held online": a plan without learning sessions is told only what it counts.
      change: `${online.some((i) => i.roleTags.includes("learning_session")) ? "Learning sessions included: each" : "Each"} event day counts ${Math.round(
        virtualSessions.daysFactor * 100
      )}% of its in-person days.`,
    });
  if (!applied.longerPhasing)
    candidates.push({
      lever: "longer_phasing",
      settings: { ...applied, longerPhasing: true },
      change: `The same events and coaching spread over ${plural(
        longerPhasing.extraMonths,
        "more month",
        "more months"
      )}; staff needed throughout the plan are needed for longer.`,
    });
  if (!applied.fewerFacultyDays)
    candidates.push({
      lever: "fewer_faculty_days",
      settings: { ...applied, fewerFacultyDays: true },
      change: `Faculty time cut to ${Math.round(fewerFacultyDays.factor * 100)}% of the plan.`,
    });

  const effects = candidates.map(({ lever, settings, change }): LeverEffect => {
    const f = planFigures(timeline, settings, ctx);
    const feeChange = f.fee - current.fee;
    const after = compareWithBudget(f.fee, ctx.currency, ctx.budget);
    const fitsBudget = after.verdict === "other_currency" || after.verdict === "no_budget" ? null : after.verdict !== "above";
    const capacityText = f.capacity ? ` Our capacity: ${f.capacity.replace(/_/g, " ")}.` : "";
    return {
      lever,
      label: LEVER_LABELS[lever],
      change,
      settings,
      fee: f.fee,
      feeChange,
      fteMonthsChange: round1(f.fteMonths - current.fteMonths),
      facultyDaysChange: f.facultyDays - current.facultyDays,
      peakFteChange: Math.round((f.peakFte - current.peakFte) * 100) / 100,
      capacity: f.capacity,
      fitsBudget,
      timeBreach: breaches(settings),
      effect:
        `${leverFeeWords(current.fee, f.fee, ctx.currency, rateThrough(f.fee, ctx))}${fitsBudget ? ", within the budget" : ""}; ` +
        `${signedChange(f.fteMonths - current.fteMonths, "FTE-month")}, ${signedChange(f.facultyDays - current.facultyDays, "faculty day")}, ` +
        `busiest month ${round1(f.peakFte - current.peakFte) === 0 ? "unchanged" : signedChange(f.peakFte - current.peakFte, "FTE", "FTE")}.${capacityText}`,
    };
  });
  // A lever that raises the fee widens the gap it is offered to close (a longer phasing pays the director for longer):
  // it is offered only to an option, which may take a lever for its own sake.
  // Where the budget cannot be compared, a lever is offered only for what it takes off the fee.
  const lowers = comparison.verdict === "other_currency" ? (l: LeverEffect) => l.feeChange < 0 : (l: LeverEffect) => l.feeChange <= 0;
  const levers = opts.always ? effects : effects.filter(lowers);
  return { current, comparison, applied, levers, withheld };
}

/** The setting each lever changes: what it adds to the others when they are taken together. */
const LEVER_FIELD: Record<Lever, keyof LeverSettings> = {
  fewer_sites: "firstWaveSites",
  fewer_supported_sites: "firstWaveSites",
  virtual_sessions: "virtualSessions",
  longer_phasing: "longerPhasing",
  fewer_faculty_days: "fewerFacultyDays",
};

export type LeversTogether = { fee: number; settings: LeverSettings; fitsBudget: boolean; gap: number; words: string | null };

/**
 * Every lever on offer that lowers the fee, taken at once on top of those applied, against the
 * budget's maximum (docs/domain.md §8.8): whether they can close the gap between them, and, when they
 * cannot, what is left in words. Null when the fee is not above the budget or no lever lowers it.
 */
export function leversTogether(timeline: Timeline, shaping: BudgetShaping, ctx: PricingContext): LeversTogether | null {
  const max = ctx.budget?.max ?? null;
  // Every lever that does not raise the fee: one the rounding leaves level alone may lower it with the others.
  const lowering = shaping.levers.filter((l) => l.feeChange <= 0);
  if (shaping.comparison.verdict !== "above" || max === null || lowering.length === 0) return null;
  let settings = lowering.reduce<LeverSettings>((acc, l) => ({ ...acc, [LEVER_FIELD[l.lever]]: l.settings[LEVER_FIELD[l.lever]] }), shaping.applied);
  // Fewer sites offered alone is the most sites that fit, or half of them when none does; with the other
  // levers taken too, more or fewer sites may fit, so the first wave is looked for again with them.
  if (lowering.some((l) => l.lever === "fewer_sites" || l.lever === "fewer_supported_sites")) {
    const withOthers = settings;
    const most = mostSitesWithin(
      max,
      mostFirstWave(ctx, sitesTaken(timeline, shaping.applied)),
      (n) => asBudgeted(feeWith(timeline, { ...withOthers, firstWaveSites: n }, ctx), ctx),
      smallestFirstWave(ctx)
    );
    if (most !== null) settings = { ...withOthers, firstWaveSites: most };
  }
  const fee = planFigures(timeline, settings, ctx).fee;
  // Against the maximum as the comparison sets it, through the rate recorded for a budget in another currency: the gap is in the budget's currency.
  const after = compareWithBudget(fee, ctx.currency, { ...ctx.budget, min: null });
  const gap = after.verdict === "above" ? after.gap : 0;
  const theirs = gapCurrency(shaping.comparison, ctx.currency);
  const all = lowering.length === 1 ? "This lever" : lowering.length === 2 ? "Both levers together" : `All ${lowering.length} levers together`;
  const through = "through" in shaping.comparison ? shaping.comparison.through : undefined;
  const feeWords = through ? feeWithEquivalent(fee, through.rate) : money(fee, ctx.currency);
  const words =
    gap > 0
      ? `${all} cannot bring the fee within the budget: the fee would still be ${feeWords}, ${gapMoney(
          gap,
          shaping.comparison,
          ctx.currency
        )} above the partner's maximum of ${money(max, theirs)}.`
      : null;
  return { fee, settings, fitsBudget: gap === 0, gap, words };
}

/** What the page says of the levers together: only that they fall short, and by how much. */
export function shortfallWords(together: LeversTogether | null): string | null {
  return together?.words ?? null;
}

/**
 * When the fee is above the budget and no lever is left to lower it (each the plan takes is applied,
 * or none lowers it), that, the gap still open and what is left to close it, in words (docs/domain.md
 * §8.8): for the proposal as one scope a fee set by hand, a smaller plan or a larger budget; for an
 * option (`option`, its name), priced by the rules and never by hand, a smaller plan or a larger
 * budget. Null while a lever is left, or the fee is not above the budget.
 */
export function noLeverLeft(shaping: BudgetShaping, ctx: Pick<PricingContext, "currency" | "budget">, option: string | null = null): string | null {
  const c = shaping.comparison;
  const max = ctx.budget?.max ?? null;
  if (c.verdict !== "above" || max === null || shaping.levers.some((l) => l.feeChange <= 0)) return null;
  const still = `${gapMoney(c.gap, c, ctx.currency)} above the partner's maximum of ${money(max, gapCurrency(c, ctx.currency))}`;
  return option === null
    ? `No lever is left to lower the fee, and it is still ${still}. What is left is a fee set by hand, a smaller plan (fewer sites, or another method), or a larger budget from the partner.`
    : `No lever is left to lower ${ofName(
        option,
        "fee"
      )}, and it is still ${still}. An option is priced by the rules, never by hand: what is left is a smaller plan (fewer sites, or another method), or a larger budget from the partner.`;
}
