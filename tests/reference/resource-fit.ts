/*
 * The reference for the Fit searches: the straightforward implementation the app used before its
 * searches read free capacity from dense arrays (docs/decisions/0013-fast-and-proven-the-same.md).
 * It follows what the app computes (a small request's form of a method has its own demand) but
 * none of how it computes it faster, so that the golden test (tests/system/golden-fit.test.ts) can
 * prove the app's faster searches give the same answers. Never imported by the app.
 */
import { money } from "~/domain/money";
import { formatNumber, type DemandEntry, type DemandParameters } from "~/domain/demand";
import { computeDemand } from "./demand";
import type { MethodVariant } from "~/domain/method-variants";
import { METHODS, METHOD_LABELS, type Method } from "~/domain/methods";
import { addMonthsToMonth, formatMonth, monthsBetween, type Month } from "~/domain/calendar";
import { type Timeline, type TimelineTemplate } from "~/domain/timeline";
import { shiftTimeline } from "~/domain/timeline-edit";
import { generateTimeline, type GenerateOptions } from "~/domain/timeline-generate";
import { timeLimits, timeOverruns } from "~/domain/timeline-constraints";
import { formatCount, plural } from "~/domain/plural";
import { capacityByRoleMonth, roleCapacityIn } from "./capacity";
import {
  DEFAULT_TIGHT_HEADROOM,
  FIT_VERDICT_LABELS,
  roleLabel,
  type Booking,
  type CapacityCell,
  type FitLevel,
  type FitVerdict,
  type StaffMember,
} from "~/domain/capacity";
import type { StaffRole } from "~/domain/roster-forms";

/**
 * Resource fit: an engagement's demand against our free capacity (`capacity.ts`), the earliest start
 * that fits, what-ifs on start and scale, each method's fit, and the internal cost estimate
 * (docs/domain.md §8.3). One module, because the search, the what-ifs and the cost all judge demand
 * with the same fit rules, which are this module's.
 */

const EPSILON = 1e-6;
const round = (n: number) => Math.round(n * 1000) / 1000;

/* ------------------------------------------------------------------------------------------------
 * Fit
 * ---------------------------------------------------------------------------------------------- */

export type FitOptions = {
  /** Role labels for the wording; without them role keys are used. */
  roles?: StaffRole[];
  tightHeadroom?: number;
};

export type Shortfall = { role: string; month: Month; needed: number; free: number; gap: number; description: string };
export type TightSpot = {
  role: string;
  month: Month;
  needed: number;
  freeAfterConfirmed: number;
  freeAfterAll: number;
  reason: "tentative" | "headroom";
  description: string;
};

export type FitCell = CapacityCell & {
  needed: number;
  /** Share of the role's capacity left after this engagement and all bookings; null when no one is available. */
  headroom: number | null;
  level: FitLevel;
};

export type FitAssessment = {
  verdict: FitVerdict;
  shortfalls: Shortfall[];
  tightSpots: TightSpot[];
  /** Every role × month this engagement needs someone in. */
  cells: FitCell[];
  summary: string;
};

function fte(n: number): string {
  return n > 0 && n < 0.005 ? "less than 0.01" : formatNumber(n);
}

function emptyCapacity(role: string, month: Month): CapacityCell {
  return { role, month, total: 0, confirmed: 0, tentative: 0, freeAfterConfirmed: 0, freeAfterAll: 0 };
}

function levelOf(capacity: CapacityCell, needed: number, tightHeadroom: number): FitLevel {
  if (!(needed > EPSILON)) return "ok";
  if (needed > capacity.freeAfterConfirmed + EPSILON) return "over";
  const headroom = capacity.total > 0 ? (capacity.freeAfterAll - needed) / capacity.total : null;
  if (needed > capacity.freeAfterAll + EPSILON || (headroom !== null && headroom < tightHeadroom - EPSILON)) return "tight";
  return "ok";
}

function judgeCell(capacity: CapacityCell, needed: number, tightHeadroom: number): FitCell {
  const headroom = capacity.total > 0 ? (capacity.freeAfterAll - needed) / capacity.total : null;
  return { ...capacity, needed, headroom: headroom === null ? null : round(headroom), level: levelOf(capacity, needed, tightHeadroom) };
}

/** Demand against free capacity, role by role and month by month. */
export function assessFit(demand: DemandEntry[], capacity: CapacityCell[], options: FitOptions = {}): FitAssessment {
  const tightHeadroom = options.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  const byKey = new Map(capacity.map((c) => [`${c.role}|${c.month}`, c]));
  const cells = demand
    .filter((d) => d.fte > EPSILON)
    .map((d) => judgeCell(byKey.get(`${d.role}|${d.month}`) ?? emptyCapacity(d.role, d.month), d.fte, tightHeadroom))
    .sort((a, b) => (a.month === b.month ? (a.role < b.role ? -1 : 1) : a.month < b.month ? -1 : 1));

  const shortfalls: Shortfall[] = cells
    .filter((c) => c.level === "over")
    .map((c) => {
      const gap = round(c.needed - c.freeAfterConfirmed);
      return {
        role: c.role,
        month: c.month,
        needed: c.needed,
        free: c.freeAfterConfirmed,
        gap,
        description: `${roleLabel(options.roles, c.role, true)} short by ${fte(gap)} FTE in ${formatMonth(c.month)}`,
      };
    });
  const tightSpots: TightSpot[] = cells
    .filter((c) => c.level === "tight")
    .map((c) => {
      const who = roleLabel(options.roles, c.role, true);
      const reason = c.needed > c.freeAfterAll + EPSILON ? "tentative" : "headroom";
      const spare = Math.round((c.headroom ?? 0) * 100);
      // Each line a sentence with the role as its subject: "Faculty in May 2027 fit only if …".
      const description =
        reason === "tentative"
          ? `${who} in ${formatMonth(c.month)} fit only if tentative bookings do not go ahead (${fte(c.needed)} FTE needed, ${fte(
              c.freeAfterAll
            )} free if they go ahead)`
          : `${who} in ${formatMonth(c.month)} fit with ${spare > 0 ? `only ${spare}% of their capacity` : "nothing"} to spare (${fte(
              c.needed
            )} FTE needed of ${fte(c.freeAfterAll)} free)`;
      return { role: c.role, month: c.month, needed: c.needed, freeAfterConfirmed: c.freeAfterConfirmed, freeAfterAll: c.freeAfterAll, reason, description };
    });

  const verdict: FitVerdict = shortfalls.length ? "does_not_fit" : tightSpots.length ? "tight" : "fits";
  const summary =
    verdict === "fits"
      ? "Fits: every role has the free capacity this engagement needs, with room to spare."
      : verdict === "tight"
      ? `Tight: ${tightSpots.length} role-month${tightSpots.length === 1 ? "" : "s"} fit only without tentative bookings or with less than ${Math.round(
          tightHeadroom * 100
        )}% to spare.`
      : `Does not fit: ${shortfalls.length} shortfall${shortfalls.length === 1 ? "" : "s"}, the first: ${shortfalls[0].description}.`;
  return { verdict, shortfalls, tightSpots, cells, summary };
}

export type RoleShortfall = { role: string; months: Month[]; maxGap: number; description: string };

/** Consecutive months as ranges: "September 2027 to February 2028, May 2028". */
function monthRuns(months: Month[]): string {
  const runs: [Month, Month][] = [];
  for (const m of [...months].sort()) {
    const last = runs[runs.length - 1];
    if (last && addMonthsToMonth(last[1], 1) === m) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => (a === b ? formatMonth(a) : `${formatMonth(a)} to ${formatMonth(b)}`)).join(", ");
}

/** Shortfalls one line per role, in the order of the first month each role runs short. */
export function shortfallsByRole(shortfalls: Shortfall[], roles?: StaffRole[]): RoleShortfall[] {
  const byRole = new Map<string, Shortfall[]>();
  for (const s of [...shortfalls].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))) {
    const list = byRole.get(s.role);
    if (list) list.push(s);
    else byRole.set(s.role, [s]);
  }
  return [...byRole].map(([role, list]) => {
    const months = [...new Set(list.map((s) => s.month))];
    const maxGap = round(Math.max(...list.map((s) => s.gap)));
    const who = roleLabel(roles, role, true);
    const description =
      months.length === 1
        ? `${who} short by ${fte(maxGap)} FTE in ${formatMonth(months[0]!)}`
        : `${who} short by up to ${fte(maxGap)} FTE in ${months.length} months: ${monthRuns(months)}`;
    return { role, months, maxGap, description };
  });
}

/* ------------------------------------------------------------------------------------------------
 * Earliest start and what-ifs
 * ---------------------------------------------------------------------------------------------- */

export type Scenario = { start: Month; teams: number };
/** Demand for the engagement if it started in another month or had another number of teams. */
export type DemandSource = (scenario: Scenario) => DemandEntry[];

/** The engagement's own (perhaps edited) timeline, shifted whole to another start. */
export function demandFromTimeline(timeline: Timeline, method: Method, params: DemandParameters, variant: MethodVariant | null = null): DemandSource {
  return (s) => computeDemand(shiftTimeline(timeline, s.start), { method, teams: s.teams, variant }, params);
}

/** A method's template timeline, generated afresh for each start and scale. */
/** The partner's time a template timeline is generated within (docs/domain.md §8.6). */
export type PartnerTime = Pick<GenerateOptions, "horizonMonths" | "hardDeadline" | "aimBy" | "country">;

export function demandFromTemplate(template: TimelineTemplate, params: DemandParameters, time: PartnerTime = {}): DemandSource {
  return (s) => computeDemand(generateTimeline(template, { start: s.start, ...time, teams: s.teams }), { method: template.method, teams: s.teams }, params);
}

/**
 * The same source, remembering each scenario's demand: the Fit page's searches ask for the same start
 * and scale more than once (each method's earliest start, then the what-ifs). Callers never change
 * the demand they are given.
 */
export function memoised(source: DemandSource): DemandSource {
  const seen = new Map<string, DemandEntry[]>();
  return (s) => {
    const key = `${s.start}|${s.teams}`;
    let demand = seen.get(key);
    if (!demand) seen.set(key, (demand = source(s)));
    return demand;
  };
}

/**
 * The roster and other engagements' bookings a search judges against. Capacity is worked out once per
 * month for each pair of these arrays and kept while they live: never change an array, or a person or
 * booking in it, after passing it here (read them afresh instead).
 */
export type Resources = { roster: StaffMember[]; bookings: Booking[] } & FitOptions;

function fitFor(demand: DemandEntry[], resources: Resources): FitAssessment {
  const months = [...new Set(demand.map((d) => d.month))].sort();
  return assessFit(demand, capacityByRoleMonth(resources.roster, resources.bookings, months), resources);
}

/** Whether the demand fits, the same verdict as `assessFit` gives, without describing every cell. */
function fits(demand: DemandEntry[], resources: Resources): boolean {
  const tightHeadroom = resources.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  for (const d of demand) {
    if (!(d.fte > EPSILON)) continue;
    const capacity = roleCapacityIn(resources.roster, resources.bookings, d.month, d.role) ?? emptyCapacity(d.role, d.month);
    if (levelOf(capacity, d.fte, tightHeadroom) !== "ok") return false;
  }
  return true;
}

/** The full assessment when the demand fits; null, cheaply, when it does not. */
function fitsWith(demand: DemandEntry[], resources: Resources): FitAssessment | null {
  return fits(demand, resources) ? fitFor(demand, resources) : null;
}

export type EarliestStart = { month: Month; assessment: FitAssessment };

/**
 * The first month, from `today` (or `notBefore`, if later) and within `withinMonths` of today, at
 * which the whole timeline, shifted to start then, fits. Null when none does.
 */
export function earliestFeasibleStart(
  input: Resources & { demandFor: DemandSource; teams: number; today: Month; withinMonths?: number; notBefore?: Month }
): EarliestStart | null {
  const within = input.withinMonths ?? 24;
  const first = input.notBefore && input.notBefore > input.today ? input.notBefore : input.today;
  for (let offset = monthsBetween(input.today, first); offset < within; offset++) {
    const month = addMonthsToMonth(input.today, offset);
    const assessment = fitsWith(input.demandFor({ start: month, teams: input.teams }), input);
    if (assessment) return { month, assessment };
  }
  return null;
}

/** A start before the desired one, offered when the desired start has no room and waiting would not do: each month tried, latest first. */
export function earlierStartOffer(
  input: Resources & {
    demandFor: DemandSource;
    teams: number;
    today: Month;
    desiredStart: Month;
    verdict: FitVerdict;
    nearest: Month | null;
    missesDeadline: (start: Month) => boolean;
    withinMonths?: number;
  }
): Month | null {
  if (input.verdict === "fits") return null;
  if (input.nearest !== null && !input.missesDeadline(input.nearest)) return null;
  const within = input.withinMonths ?? 24;
  let found: Month | null = null;
  for (let offset = 0; offset < within; offset++) {
    const month = addMonthsToMonth(input.today, offset);
    if (month >= input.desiredStart) break;
    if (fitsWith(input.demandFor({ start: month, teams: input.teams }), input)) found = month;
  }
  return found;
}

export type MethodWhatIf = {
  method: Method;
  verdict: FitVerdict;
  shortfalls: Shortfall[];
  /** Null when it does not fit within the search window, or when only a fixed demand was given. */
  earliestStart: Month | null;
  keepsTime?: boolean;
  description: string;
};

export type WhatIfs = {
  current: FitAssessment;
  laterStart: { month: Month; monthsLater: number; assessment: FitAssessment; description: string } | null;
  fewerTeams: { teams: number; assessment: FitAssessment; description: string } | null;
  otherMethods: MethodWhatIf[];
  /** One sentence per what-if that helps. */
  summary: string[];
};

/**
 * What would make the engagement fit when it does not as planned: a later start, fewer teams, or
 * another method (given each as a demand source, or as fixed demand at the planned start).
 */
export function whatIfs(
  input: Resources & {
    method: Method;
    demandFor: DemandSource;
    start: Month;
    teams: number;
    today: Month;
    withinMonths?: number;
    /** "teams" or "sites", for the wording. */
    scaleNoun?: string;
    otherMethods?: Partial<Record<Method, DemandSource | DemandEntry[]>>;
    joining?: { title: string | null } | null;
    missesDeadline?: (start: Month) => boolean;
    tooLate?: string;
    keepsTime?: Partial<Record<Method, (start: Month) => boolean>>;
  }
): WhatIfs {
  const within = input.withinMonths ?? 24;
  const noun = input.scaleNoun ?? "teams";
  const current = fitFor(input.demandFor({ start: input.start, teams: input.teams }), input);
  const summary: string[] = [];

  let laterStart: WhatIfs["laterStart"] = null;
  let fewerTeams: WhatIfs["fewerTeams"] = null;
  if (current.verdict !== "fits") {
    for (let k = 1; k <= within && !input.joining; k++) {
      const month = addMonthsToMonth(input.start, k);
      if (month < input.today) continue;
      const assessment = fitsWith(input.demandFor({ start: month, teams: input.teams }), input);
      if (assessment) {
        const past = input.start < input.today;
        const when = past ? `${month === input.today ? " (this month)" : ""},` : `, ${k} month${k === 1 ? "" : "s"} later,`;
        const description =
          input.missesDeadline && input.missesDeadline(month)
            ? `Starting in ${formatMonth(month)}${when} our staff could take it on, but that is ${input.tooLate ?? "too late to keep the partner's deadline"}.`
            : `Starting in ${formatMonth(month)}${when} it fits.`;
        laterStart = { month, monthsLater: k, assessment, description };
        summary.push(description);
        break;
      }
    }
    // Demand never falls as teams are added, so the largest number that fits can be found by halving.
    let low = 1;
    let high = input.teams - 1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      const assessment = fitsWith(input.demandFor({ start: input.start, teams: mid }), input);
      if (assessment) {
        const description = input.joining
          ? `With ${plural(mid, "team")} of its own joining ${
              input.joining.title ? `the ${input.joining.title}` : "the open collaborative"
            } instead of ${formatCount(input.teams)}, it fits.`
          : `With ${plural(mid, noun.replace(/s$/, ""), noun)} instead of ${formatCount(input.teams)} it fits from ${formatMonth(input.start)}.`;
        fewerTeams = { teams: mid, assessment, description };
        low = mid + 1;
      } else high = mid - 1;
    }
    if (fewerTeams) summary.push(fewerTeams.description);
  }

  const otherMethods: MethodWhatIf[] = [];
  for (const method of METHODS) {
    const source = input.otherMethods?.[method];
    if (method === input.method || !source) continue;
    const label = METHOD_LABELS[method];
    if (Array.isArray(source)) {
      const a = fitFor(source, input);
      otherMethods.push({
        method,
        verdict: a.verdict,
        shortfalls: a.shortfalls,
        earliestStart: a.verdict === "fits" ? input.start : null,
        description: `${label}: ${FIT_VERDICT_LABELS[a.verdict].toLowerCase()} from ${formatMonth(input.start)}.`,
      });
      continue;
    }
    const a = fitFor(source({ start: input.start, teams: input.teams }), input);
    const earliest =
      a.verdict === "fits" ? { month: input.start } : earliestFeasibleStart({ ...input, demandFor: source, notBefore: input.start, withinMonths: within });
    const keeps = earliest && input.keepsTime?.[method] ? input.keepsTime[method]!(earliest.month) : true;
    let description = `${label}: does not fit within ${within} months.`;
    if (earliest && keeps) description = `${label}: fits from ${formatMonth(earliest.month)}.`;
    if (earliest && !keeps)
      description = `${label}: our staff could take it on from ${formatMonth(earliest.month)}, but its plan cannot keep the partner's time.`;
    otherMethods.push({
      method,
      verdict: a.verdict,
      shortfalls: a.shortfalls,
      earliestStart: earliest?.month ?? null,
      keepsTime: keeps,
      description,
    });
  }
  // What would make it fit: only said when it does not fit as planned.
  if (current.verdict !== "fits") for (const m of otherMethods) if (m.earliestStart) summary.push(m.description);
  return { current, laterStart, fewerTeams, otherMethods, summary };
}

export type MethodFit = {
  method: Method;
  verdict: FitVerdict;
  earliestStart: Month | null;
  earlierStart: Month | null;
  earliestTooLate: boolean;
  tooLongFromFirst: boolean;
  shortfalls: Shortfall[];
  tightSpots: TightSpot[];
  summary: string;
};

/**
 * The Fit step, before a method is chosen: each method's template timeline at the desired start,
 * against free capacity, with the earliest month (from today, within 24 months) at which it fits.
 */
export function fitForEachMethod(
  input: Resources & {
    templates: Record<Method, TimelineTemplate>;
    params: DemandParameters;
    desiredStart: Month;
    today: Month;
    scale: number;
    time?: PartnerTime;
    withinMonths?: number;
    /** Each method's template demand, when the caller shares it with other searches. */
    sources?: Partial<Record<Method, DemandSource>>;
  }
): Record<Method, MethodFit> {
  const out = {} as Record<Method, MethodFit>;
  for (const method of METHODS) {
    const demandFor = input.sources?.[method] ?? demandFromTemplate(input.templates[method], input.params, input.time);
    const assessment = fitFor(demandFor({ start: input.desiredStart, teams: input.scale }), input);
    const earliest = earliestFeasibleStart({ ...input, demandFor, teams: input.scale, notBefore: input.desiredStart });
    const limits = timeLimits(input.time ?? {});
    const missesDeadline = (start: Month) =>
      timeOverruns(generateTimeline(input.templates[method], { start, ...input.time, teams: input.scale }), limits).deadlineMonths > 0;
    const earlier = earlierStartOffer({
      ...input,
      demandFor,
      teams: input.scale,
      verdict: assessment.verdict,
      nearest: earliest?.month ?? null,
      missesDeadline,
    });
    out[method] = {
      method,
      verdict: assessment.verdict,
      earliestStart: earliest?.month ?? null,
      earlierStart: earlier,
      earliestTooLate: earliest ? missesDeadline(earliest.month) : false,
      tooLongFromFirst: earliest
        ? missesDeadline(earliest.month) && missesDeadline(input.desiredStart > input.today ? input.desiredStart : input.today)
        : false,
      shortfalls: assessment.shortfalls,
      tightSpots: assessment.tightSpots,
      summary: assessment.summary,
    };
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------
 * Cost (internal)
 * ---------------------------------------------------------------------------------------------- */

/** The partner's budget range; with a currency, it is compared only when it matches the day rates'. */
export type Budget = { min?: number | null; max?: number | null; currency?: string | null };
export type BudgetVerdict = "within" | "above" | "below" | "no_budget" | "other_currency";

export type CostEstimate = {
  lines: { role: string; label: string; days: number; dayRate: number; cost: number }[];
  total: number;
  currency: string;
  verdict: BudgetVerdict;
  /** How far above the maximum or below the minimum; 0 when within. */
  difference: number;
  description: string;
};

/** Each role's day rate: the FTE-weighted mean of its people's rates, or the role's default. */
export function dayRatesFromRoster(roster: StaffMember[], roles: StaffRole[]): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const role of roles) {
    const people = roster.filter((m) => m.role === role.key && typeof m.dayRate === "number");
    const weight = people.reduce((s, m) => s + m.fte, 0);
    rates[role.key] = weight > 0 ? Math.round(people.reduce((s, m) => s + m.fte * (m.dayRate as number), 0) / weight) : role.defaultDayRate;
  }
  return rates;
}

/**
 * Demand × day rates: what the work costs us. Internal: not for the partner's eyes. Its verdict
 * against the partner's budget is kept as data (a budget in another currency decides how the proposal
 * speaks of the fee); the cost itself is never said against the budget.
 */
export function estimateCost(
  demand: DemandEntry[],
  options: { roles: StaffRole[]; currency: string; dayRates?: Record<string, number>; budget?: Budget | null }
): CostEstimate {
  const daysByRole = new Map<string, number>();
  for (const d of demand) daysByRole.set(d.role, (daysByRole.get(d.role) ?? 0) + d.days);
  const order = (key: string) => {
    const i = options.roles.findIndex((r) => r.key === key);
    return i === -1 ? options.roles.length : i;
  };
  const lines = [...daysByRole.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([role, days]) => {
      const dayRate = options.dayRates?.[role] ?? options.roles.find((r) => r.key === role)?.defaultDayRate ?? 0;
      return { role, label: roleLabel(options.roles, role), days: Math.round(days * 10) / 10, dayRate, cost: Math.round(days * dayRate) };
    });
  const total = lines.reduce((s, l) => s + l.cost, 0);
  const min = options.budget?.min ?? null;
  const max = options.budget?.max ?? null;
  const c = options.currency;
  let verdict: BudgetVerdict = "within";
  let difference = 0;
  const otherCurrency = options.budget?.currency && options.budget.currency.toUpperCase() !== c ? options.budget.currency.toUpperCase() : null;
  if (min === null && max === null) verdict = "no_budget";
  else if (otherCurrency) verdict = "other_currency";
  else if (max !== null && total > max) [verdict, difference] = ["above", total - max];
  else if (min !== null && total < min) [verdict, difference] = ["below", min - total];
  // What the work costs us, not what the partner pays: only the fee is set against their budget (docs/domain.md §8.4).
  const description = `Estimated cost ${money(total, c)}: our staff's days at cost, before the pricing rules turn it into the fee.`;
  return { lines, total, currency: c, verdict, difference, description };
}

/* ------------------------------------------------------------------------------------------------
 * Heatmap
 * ---------------------------------------------------------------------------------------------- */

export type HeatmapCell = FitCell & {
  /** Per cent of capacity used by confirmed and tentative bookings plus this engagement; null when no one is available. */
  utilisation: number | null;
  /** The same, counting confirmed bookings only. */
  utilisationConfirmed: number | null;
  /** Readable without colour, e.g. "Over: needs 1.2 FTE, 0.6 free". */
  label: string;
};

export type Heatmap = { months: Month[]; rows: { role: string; label: string; cells: HeatmapCell[] }[] };

/** Role × month cells for the Fit page: demand, free capacity (confirmed and tentative apart), utilisation and a level. */
export function heatmap(demand: DemandEntry[], capacity: CapacityCell[], options: FitOptions & { months?: Month[] } = {}): Heatmap {
  const tightHeadroom = options.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  const months = options.months ?? [...new Set([...demand.map((d) => d.month), ...capacity.map((c) => c.month)])].sort();
  const needed = new Map(demand.map((d) => [`${d.role}|${d.month}`, d.fte]));
  const cap = new Map(capacity.map((c) => [`${c.role}|${c.month}`, c]));
  const present = new Set([...demand.filter((d) => d.fte > EPSILON).map((d) => d.role), ...capacity.map((c) => c.role)]);
  const known = (options.roles ?? []).map((r) => r.key);
  const roles = [...known.filter((k) => present.has(k)), ...[...present].filter((k) => !known.includes(k)).sort()];
  const percent = (used: number, total: number) => (total > 0 ? Math.round((used / total) * 100) : null);

  return {
    months,
    rows: roles.map((role) => ({
      role,
      label: roleLabel(options.roles, role),
      cells: months.map((month) => {
        const c = judgeCell(cap.get(`${role}|${month}`) ?? emptyCapacity(role, month), needed.get(`${role}|${month}`) ?? 0, tightHeadroom);
        let label: string;
        // Free after confirmed bookings, as the grid shows it, and after tentative ones where they differ.
        const ifTentative = Math.abs(c.freeAfterAll - c.freeAfterConfirmed) > EPSILON ? `, ${fte(c.freeAfterAll)} if tentative bookings go ahead` : "";
        if (c.needed <= EPSILON) label = `No demand; ${fte(c.freeAfterConfirmed)} FTE free${ifTentative}`;
        else if (c.level === "over") label = `Over: needs ${fte(c.needed)} FTE, ${fte(c.freeAfterConfirmed)} free`;
        else if (c.needed > c.freeAfterAll + EPSILON)
          label = `Tight: needs ${fte(c.needed)} FTE, ${fte(c.freeAfterConfirmed)} free, ${fte(c.freeAfterAll)} if tentative bookings go ahead`;
        else
          label = `${c.level === "tight" ? "Tight" : "OK"}: needs ${fte(c.needed)} of ${fte(c.freeAfterConfirmed)} FTE free${ifTentative}${
            c.level === "tight" ? `, leaving under ${Math.round(tightHeadroom * 100)}% of the role's capacity to spare` : ""
          }`;
        return {
          ...c,
          utilisation: percent(c.confirmed + c.tentative + c.needed, c.total),
          utilisationConfirmed: percent(c.confirmed + c.needed, c.total),
          label,
        };
      }),
    })),
  };
}
