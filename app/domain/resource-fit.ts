/**
 * Resource fit: our demand for a plan set against the roster's capacity month by month — the
 * verdict, the earliest fully staffed start, the what-ifs, the fit of each method and the cost.
 * Kept as one module because these share one notion of demand and capacity over the same months
 * (docs/domain.md §8.2–8.3); capacity itself is in ./capacity, demand in ./demand.
 */
import { LRUCache } from "lru-cache";
import { money } from "./money";
import { formatCount, plural } from "./plural";
import type { MethodVariant } from "./method-variants";
import { computeDemand, firstMonthFloor, type DemandEntry, type DemandParameters, type RoleNeed } from "./demand";
import { METHODS, METHOD_LABELS, type Method } from "./methods";
import { addMonthsToMonth, formatMonth, monthIndex, monthsBetween, type Month } from "./calendar";
import { type Timeline, type TimelineTemplate } from "./timeline";
import { shiftTimeline } from "./timeline-edit";
import { beginsOnItsStart, generateTimelineToRead, type GenerateOptions } from "./timeline-generate";
import { timeLimits, timeOverruns } from "./timeline-constraints";
import {
  capacityByRoleMonth,
  DEFAULT_TIGHT_HEADROOM,
  FIT_VERDICT_LABELS,
  fteFigure,
  roleCapacityIn,
  roleLabel,
  type Booking,
  type CapacityCell,
  type FitLevel,
  type FitVerdict,
  type StaffMember,
} from "./capacity";
import type { StaffRole } from "./roster-forms";
import { SEARCH_MONTHS, searchWindow, tooLateFor } from "./fit-words";
import { tightestRole } from "./fit-charts";

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

function emptyCapacity(role: string, month: Month): CapacityCell {
  return { role, month, total: 0, confirmed: 0, tentative: 0, freeAfterConfirmed: 0, freeAfterAll: 0 };
}

function levelOf(capacity: CapacityCell, needed: number, tightHeadroom: number): FitLevel {
  return levelOfFree(capacity.total, capacity.freeAfterConfirmed, capacity.freeAfterAll, needed, tightHeadroom);
}

function levelOfFree(total: number, freeAfterConfirmed: number, freeAfterAll: number, needed: number, tightHeadroom: number): FitLevel {
  if (!(needed > EPSILON)) return "ok";
  if (needed > freeAfterConfirmed + EPSILON) return "over";
  const headroom = total > 0 ? (freeAfterAll - needed) / total : null;
  if (needed > freeAfterAll + EPSILON || (headroom !== null && headroom < tightHeadroom - EPSILON)) return "tight";
  return "ok";
}

function judgeCell(capacity: CapacityCell, needed: number, tightHeadroom: number): FitCell {
  const headroom = capacity.total > 0 ? (capacity.freeAfterAll - needed) / capacity.total : null;
  // Written out field by field: a spread followed by new fields gives every cell a hidden class of its
  // own in V8, some 300 bytes more a cell and thousands of cells a request (docs/decisions/0019, update of 2026-12-06).
  return {
    role: capacity.role,
    month: capacity.month,
    total: capacity.total,
    confirmed: capacity.confirmed,
    tentative: capacity.tentative,
    freeAfterConfirmed: capacity.freeAfterConfirmed,
    freeAfterAll: capacity.freeAfterAll,
    needed,
    headroom: headroom === null ? null : round(headroom),
    level: levelOf(capacity, needed, tightHeadroom),
  };
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
        description: `${roleLabel(options.roles, c.role, true)} short by ${fteFigure(gap)} FTE in ${formatMonth(c.month)}`,
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
          ? `${who} in ${formatMonth(c.month)} fit only if tentative bookings do not go ahead (${fteFigure(c.needed)} FTE needed, ${fteFigure(
              c.freeAfterAll
            )} free if they go ahead)`
          : `${who} in ${formatMonth(c.month)} fit with ${spare > 0 ? `only ${spare}% of their capacity` : "nothing"} to spare (${fteFigure(
              c.needed
            )} FTE needed of ${fteFigure(c.freeAfterAll)} free)`;
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

/* ------------------------------------------------------------------------------------------------
 * Earliest start and what-ifs
 * ---------------------------------------------------------------------------------------------- */

export type Scenario = { start: Month; teams: number };
/** Demand for the engagement if it started in another month or had another number of teams; for the searches, so without reasons. */
export type DemandSource = ((scenario: Scenario) => DemandEntry[]) & {
  /**
   * The least each role needs in the plan's first month at a number of teams, known without laying the
   * plan out (demand.ts `firstMonthFloor`): a start whose first month cannot take it is passed over.
   * Given only where the plan's whole span always begins in its start month.
   */
  firstMonthNeeds?: (teams: number) => RoleNeed[];
};

/** The engagement's own (perhaps edited) timeline, shifted whole to another start. */
export function demandFromTimeline(timeline: Timeline, method: Method, params: DemandParameters, variant: MethodVariant | null = null): DemandSource {
  return (s) => computeDemand(shiftTimeline(timeline, s.start), { method, teams: s.teams, variant }, params, { reasons: false });
}

/** The partner's time a template timeline is generated within (docs/domain.md §8.6). */
export type PartnerTime = Pick<GenerateOptions, "horizonMonths" | "hardDeadline" | "aimBy" | "country">;

/** A method's template timeline, generated afresh for each start and scale. */
export function demandFromTemplate(template: TimelineTemplate, params: DemandParameters, time: PartnerTime = {}): DemandSource {
  const kept = templateDemands(template, params);
  const partner = `${time.horizonMonths ?? ""}|${time.hardDeadline ?? ""}|${time.aimBy ?? ""}|${time.country ?? ""}`;
  const source: DemandSource = (s) => {
    const key = `${s.start}|${s.teams}|${partner}`;
    let demand = kept.get(key);
    if (!demand) {
      const timeline = generateTimelineToRead(template, { start: s.start, ...time, teams: s.teams });
      kept.set(key, (demand = computeDemand(timeline, { method: template.method, teams: s.teams }, params, { reasons: false })));
    }
    return demand;
  };
  if (beginsOnItsStart(template)) source.firstMonthNeeds = (teams) => firstMonthFloor({ method: template.method, teams }, params);
  return source;
}

/*
 * A template's demand at a start, scale and partner's time is a pure function of those and of the
 * template and demand parameters (which are read once and never changed: a changed file is read into
 * new objects). So it is kept between requests, per template and parameters object, the least recently
 * used forgotten first: every Fit page, live proposal and method recommendation searches the same
 * template starts again, and nothing a user or another engagement changes can make a kept answer wrong
 * (docs/domain.md §8.3). About 100 bytes a demand cell; at most TEMPLATE_DEMAND_CELLS cells in all.
 */
const TEMPLATE_DEMAND_CELLS = 100_000;
const templateDemandCache = new LRUCache<string, DemandEntry[]>({ maxSize: TEMPLATE_DEMAND_CELLS, sizeCalculation: (d) => Math.max(1, d.length) });
const templateIds = new WeakMap<TimelineTemplate | DemandParameters, number>();
let nextTemplateId = 1;

function idOf(o: TimelineTemplate | DemandParameters): number {
  let id = templateIds.get(o);
  if (id === undefined) templateIds.set(o, (id = nextTemplateId++));
  return id;
}

function templateDemands(
  template: TimelineTemplate,
  params: DemandParameters
): { get(key: string): DemandEntry[] | undefined; set(key: string, d: DemandEntry[]): void } {
  const prefix = `${idOf(template)}|${idOf(params)}|`;
  return { get: (key) => templateDemandCache.get(prefix + key), set: (key, d) => void templateDemandCache.set(prefix + key, d) };
}

/**
 * The same source, remembering each scenario's demand: the Fit page's searches ask for the same start
 * and scale more than once (each method's earliest start, then the what-ifs). Callers never change
 * the demand they are given.
 */
export function memoised(source: DemandSource): DemandSource {
  const seen = new Map<string, DemandEntry[]>();
  const remembering: DemandSource = (s) => {
    const key = `${s.start}|${s.teams}`;
    let demand = seen.get(key);
    if (!demand) seen.set(key, (demand = source(s)));
    return demand;
  };
  if (source.firstMonthNeeds) remembering.firstMonthNeeds = source.firstMonthNeeds;
  return remembering;
}

/**
 * The roster and other engagements' bookings a search judges against. Capacity is worked out once per
 * month for each pair of these arrays and kept while they live: never change an array, or a person or
 * booking in it, after passing it here (read them afresh instead).
 */
export type Resources = { roster: StaffMember[]; bookings: Booking[] } & FitOptions;

/*
 * A request judges the same demand against the same resources more than once (the plan's what-ifs ask
 * again what each method's fit has said at the same start): the assessment is kept with the bookings
 * array it was judged against, which lives as long as the request's reading of them, for the demand,
 * roster, roles and headroom it was made for. Callers never change an assessment they are given.
 */
const assessments = new WeakMap<Booking[], WeakMap<DemandEntry[], { resources: Resources; assessment: FitAssessment }>>();

function fitFor(demand: DemandEntry[], resources: Resources): FitAssessment {
  let byDemand = assessments.get(resources.bookings);
  if (!byDemand) assessments.set(resources.bookings, (byDemand = new WeakMap()));
  const kept = byDemand.get(demand);
  if (
    kept &&
    kept.resources.roster === resources.roster &&
    kept.resources.roles === resources.roles &&
    (kept.resources.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM) === (resources.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM)
  )
    return kept.assessment;
  const months = [...new Set(demand.map((d) => d.month))].sort();
  const assessment = assessFit(demand, capacityByRoleMonth(resources.roster, resources.bookings, months), resources);
  byDemand.set(demand, {
    resources: { roster: resources.roster, bookings: resources.bookings, roles: resources.roles, tightHeadroom: resources.tightHeadroom },
    assessment,
  });
  return assessment;
}

/*
 * Free capacity as one dense role × month array per roster and bookings (a request's worth: both are
 * read afresh by every request), so that the searches judge each shifted timeline's cells by index
 * rather than by building capacity cells. A month's column is filled from `capacityByRoleMonth` the
 * first time a search looks at it, so its figures are exactly the ones `assessFit` shows.
 */
const GRID_MONTHS = 240;
const EPOCH: Month = "2000-01";
const EPOCH_INDEX = monthIndex(EPOCH);

type FreeGrid = {
  /** Months since EPOCH of column 0. */
  base: number;
  rows: Map<string, number>;
  filled: Uint8Array;
  /** [row * GRID_MONTHS + column] */
  total: Float64Array;
  afterConfirmed: Float64Array;
  afterAll: Float64Array;
};

const grids = new WeakMap<Booking[], WeakMap<StaffMember[], FreeGrid>>();

function freeGrid(resources: Resources, firstMonth: Month): FreeGrid {
  let byRoster = grids.get(resources.bookings);
  if (!byRoster) grids.set(resources.bookings, (byRoster = new WeakMap()));
  let grid = byRoster.get(resources.roster);
  if (!grid) {
    const rows = new Map<string, number>();
    for (const m of resources.roster) if (!rows.has(m.role)) rows.set(m.role, rows.size);
    const cells = rows.size * GRID_MONTHS;
    grid = {
      base: monthsBetween(EPOCH, firstMonth) - GRID_MONTHS / 4,
      rows,
      filled: new Uint8Array(GRID_MONTHS),
      total: new Float64Array(cells),
      afterConfirmed: new Float64Array(cells),
      afterAll: new Float64Array(cells),
    };
    byRoster.set(resources.roster, grid);
  }
  return grid;
}

function fillColumn(grid: FreeGrid, resources: Resources, column: number): void {
  const month = addMonthsToMonth(EPOCH, grid.base + column);
  for (const c of capacityByRoleMonth(resources.roster, resources.bookings, [month])) {
    const at = grid.rows.get(c.role)! * GRID_MONTHS + column;
    grid.total[at] = c.total;
    grid.afterConfirmed[at] = c.freeAfterConfirmed;
    grid.afterAll[at] = c.freeAfterAll;
  }
  grid.filled[column] = 1;
}

/** Each demand array's months as numbers, worked out once: the searches judge the same demand more than once. */
const demandMonths = new WeakMap<DemandEntry[], Int32Array>();

function monthNumbers(demand: DemandEntry[]): Int32Array {
  let out = demandMonths.get(demand);
  if (!out) {
    out = new Int32Array(demand.length);
    for (let i = 0; i < demand.length; i++) out[i] = monthIndex(demand[i]!.month) - EPOCH_INDEX;
    demandMonths.set(demand, out);
  }
  return out;
}

/**
 * The worst level of the demand's cells, as `assessFit` judges them, without describing every cell:
 * "over" as soon as one cell is over; with `stopAtTight`, "tight" as soon as one is tight.
 */
function worstLevel(demand: DemandEntry[], resources: Resources, stopAtTight: boolean): FitLevel {
  const tightHeadroom = resources.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  let worst: FitLevel = "ok";
  if (demand.length === 0) return worst;
  const months = monthNumbers(demand);
  const grid = freeGrid(resources, demand[0]!.month);
  for (let i = 0; i < demand.length; i++) {
    const d = demand[i]!;
    if (!(d.fte > EPSILON)) continue;
    const column = months[i]! - grid.base;
    let level: FitLevel;
    if (column < 0 || column >= GRID_MONTHS) {
      const capacity = roleCapacityIn(resources.roster, resources.bookings, d.month, d.role) ?? emptyCapacity(d.role, d.month);
      level = levelOf(capacity, d.fte, tightHeadroom);
    } else level = gridLevel(grid, resources, column, d.role, d.fte, tightHeadroom);
    if (level === "over") return level;
    if (level === "tight") {
      if (stopAtTight) return level;
      worst = level;
    }
  }
  return worst;
}

/** A role's level in one of the grid's months, as `assessFit` judges it. */
function gridLevel(grid: FreeGrid, resources: Resources, column: number, role: string, needed: number, tightHeadroom: number): FitLevel {
  if (!grid.filled[column]) fillColumn(grid, resources, column);
  const row = grid.rows.get(role);
  // A role no one on the roster has: nothing available, nothing free.
  if (row === undefined) return levelOfFree(0, 0, 0, needed, tightHeadroom);
  const at = row * GRID_MONTHS + column;
  return levelOfFree(grid.total[at]!, grid.afterConfirmed[at]!, grid.afterAll[at]!, needed, tightHeadroom);
}

/**
 * Whether the plan surely does not fit at the scenario's start, known from the least its first month
 * needs (`firstMonthNeeds`) without laying it out: a role's month whose free capacity cannot take that
 * least cannot take the more the plan puts there, since a level only worsens as the need grows. False
 * whenever it is not known.
 */
function cannotStart(source: DemandSource, scenario: Scenario, resources: Resources): boolean {
  const needs = source.firstMonthNeeds?.(scenario.teams);
  if (!needs?.length) return false;
  const grid = freeGrid(resources, scenario.start);
  const column = monthIndex(scenario.start) - EPOCH_INDEX - grid.base;
  if (column < 0 || column >= GRID_MONTHS) return false;
  const tightHeadroom = resources.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  return needs.some((n) => gridLevel(grid, resources, column, n.role, n.fte, tightHeadroom) !== "ok");
}

/** The full assessment when the plan fits at the scenario, with room to spare; null, cheaply, when it does not. */
function fitsAt(source: DemandSource, scenario: Scenario, resources: Resources): FitAssessment | null {
  return cannotStart(source, scenario, resources) ? null : fitsWith(source(scenario), resources);
}

/** Whether the plan fits at the scenario, with room to spare. */
function startsAt(source: DemandSource, scenario: Scenario, resources: Resources): boolean {
  return !cannotStart(source, scenario, resources) && fits(source(scenario), resources);
}

/** Whether the demand fits, the same verdict as `assessFit` gives, without describing every cell. */
function fits(demand: DemandEntry[], resources: Resources): boolean {
  return worstLevel(demand, resources, true) === "ok";
}

/** The verdict `assessFit` gives the demand against the resources, without describing every cell. */
export function fitVerdict(demand: DemandEntry[], resources: Resources): FitVerdict {
  const level = worstLevel(demand, resources, false);
  return level === "over" ? "does_not_fit" : level === "tight" ? "tight" : "fits";
}

/** The full assessment when the demand fits; null, cheaply, when it does not. */
function fitsWith(demand: DemandEntry[], resources: Resources): FitAssessment | null {
  return fits(demand, resources) ? fitFor(demand, resources) : null;
}

export type EarliestStart = { month: Month; assessment: FitAssessment };

/**
 * The first month of the search window (`searchWindow`: from `notBefore`, or `today` if later, to the
 * last of `withinMonths` counted from today) at which the whole timeline, shifted to start then,
 * fits. Null when none does.
 */
export function earliestFeasibleStart(
  input: Resources & { demandFor: DemandSource; teams: number; today: Month; withinMonths?: number; notBefore?: Month }
): EarliestStart | null {
  const within = input.withinMonths ?? SEARCH_MONTHS;
  const { from } = searchWindow(input.today, input.notBefore, within);
  for (let offset = monthsBetween(input.today, from); offset < within; offset++) {
    const month = addMonthsToMonth(input.today, offset);
    const assessment = fitsAt(input.demandFor, { start: month, teams: input.teams }, input);
    if (assessment) return { month, assessment };
  }
  return null;
}

/**
 * A start before the desired one to offer beside the nearest start at or after it (docs/domain.md
 * §8.3): the latest month from `today` before `desiredStart`, within `withinMonths` of today, at which
 * the whole timeline fits with room to spare. Offered only when the desired start has no room to spare
 * and the nearest later start is none, or would break the partner's deadline (`missesDeadline`): a
 * manager asked for the desired start, and is shown an earlier one only when waiting would not do.
 */
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
  if (input.verdict === "fits" || (input.nearest && !input.missesDeadline(input.nearest))) return null;
  const within = input.withinMonths ?? SEARCH_MONTHS;
  for (let offset = Math.min(monthsBetween(input.today, input.desiredStart), within) - 1; offset >= 0; offset--) {
    const month = addMonthsToMonth(input.today, offset);
    if (startsAt(input.demandFor, { start: month, teams: input.teams }, input)) return month;
  }
  return null;
}

export type MethodWhatIf = {
  method: Method;
  verdict: FitVerdict;
  shortfalls: Shortfall[];
  /** Null when it does not fit within the search window, or when only a fixed demand was given. */
  earliestStart: Month | null;
  /** Whether its plan starting then keeps the partner's time (true when not judged). */
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
    /**
     * A site joining an open collaborative (docs/domain.md §2.5): its dates are the collaborative's,
     * so no later start is tried, and fewer teams means fewer of its own teams joining it.
     */
    joining?: { title: string | null } | null;
    /** Starting the plan in that month would put its deadline point after the partner's deadline (docs/domain.md §8.6). */
    missesDeadline?: (start: Month) => boolean;
    /** What such a start is said to be, against the deadline that binds (`tooLateFor`): the partner's, or the aim's date. */
    tooLate?: string;
    /** Whether another method's plan, generated to start in that month, keeps the partner's time. */
    keepsTime?: Partial<Record<Method, (start: Month) => boolean>>;
  }
): WhatIfs {
  const within = input.withinMonths ?? SEARCH_MONTHS;
  const laterMonths = input.joining ? 0 : within;
  const noun = input.scaleNoun ?? "teams";
  const current = fitFor(input.demandFor({ start: input.start, teams: input.teams }), input);
  const summary: string[] = [];

  let laterStart: WhatIfs["laterStart"] = null;
  let fewerTeams: WhatIfs["fewerTeams"] = null;
  if (current.verdict !== "fits") {
    // Never a month already past: a plan whose start has passed is tried from this month on.
    const firstLater = Math.max(1, monthsBetween(input.start, input.today));
    for (let k = firstLater; k <= laterMonths; k++) {
      const month = addMonthsToMonth(input.start, k);
      const assessment = fitsAt(input.demandFor, { start: month, teams: input.teams }, input);
      if (assessment) {
        const when = input.start < input.today ? (month === input.today ? " (this month)," : ",") : `, ${plural(k, "month")} later,`;
        // Checked once, for the month found: a later start that breaks the partner's deadline is no fix.
        const description = input.missesDeadline?.(month)
          ? `Starting in ${formatMonth(month)}${when} our staff could take it on, but that is ${input.tooLate ?? tooLateFor(null)}.`
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
      const assessment = fitsAt(input.demandFor, { start: input.start, teams: mid }, input);
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
    // Checked once, for the month found: a method whose plan cannot keep the partner's time is named as such.
    const keeps = earliest ? input.keepsTime?.[method]?.(earliest.month) ?? true : true;
    otherMethods.push({
      method,
      verdict: a.verdict,
      shortfalls: a.shortfalls,
      earliestStart: earliest?.month ?? null,
      keepsTime: keeps,
      description: !earliest
        ? `${label}: does not fit within ${within} months.`
        : keeps
        ? `${label}: fits from ${formatMonth(earliest.month)}.`
        : `${label}: our staff could take it on from ${formatMonth(earliest.month)}, but its plan cannot keep the partner's time.`,
    });
  }
  // What would make it fit: only said when it does not fit as planned.
  if (current.verdict !== "fits") for (const m of otherMethods) if (m.earliestStart) summary.push(m.description);
  return { current, laterStart, fewerTeams, otherMethods, summary };
}

export type MethodFit = {
  method: Method;
  verdict: FitVerdict;
  /** The nearest start at or after the desired one with room to spare (docs/domain.md §8.3). */
  earliestStart: Month | null;
  /** A start before the desired one that fits with room to spare, when waiting would not do (`earlierStartOffer`). */
  earlierStart: Month | null;
  /** Starting at the nearest start with room to spare would end the method's span after the partner's deadline. */
  earliestTooLate: boolean;
  /** So would starting at the first month the search tries: the plan itself is longer than the time to the deadline. */
  tooLongFromFirst: boolean;
  shortfalls: Shortfall[];
  tightSpots: TightSpot[];
  summary: string;
};

/**
 * The Fit step, before a method is chosen: each method's template timeline at the desired start,
 * against free capacity, with the nearest month at or after the desired start (and within 24 months
 * of today) at which it fits, and an earlier start when waiting would break the partner's deadline.
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
    // The desired start is usually one of the months the search tries: its demand is worked out once.
    const demandFor = input.sources?.[method] ?? memoised(demandFromTemplate(input.templates[method], input.params, input.time));
    const assessment = fitFor(demandFor({ start: input.desiredStart, teams: input.scale }), input);
    const earliest = earliestFeasibleStart({ ...input, demandFor, teams: input.scale, notBefore: input.desiredStart });
    const limits = timeLimits(input.time ?? {});
    const missesDeadline = (start: Month) =>
      timeOverruns(generateTimelineToRead(input.templates[method], { start, ...input.time, teams: input.scale }), limits).deadlineMonths > 0;
    const earlier = earlierStartOffer({
      ...input,
      demandFor,
      teams: input.scale,
      verdict: assessment.verdict,
      nearest: earliest?.month ?? null,
      missesDeadline,
    });
    const tooLate = earliest ? missesDeadline(earliest.month) : false;
    out[method] = {
      method,
      verdict: assessment.verdict,
      earliestStart: earliest?.month ?? null,
      earlierStart: earlier,
      earliestTooLate: tooLate,
      // Late even at the first month the search tries: the plan's length, not a wait for our staff, makes it late.
      tooLongFromFirst: tooLate && missesDeadline(searchWindow(input.today, input.desiredStart).from),
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

export type HeatmapRow = { role: string; label: string; cells: HeatmapCell[] };
export type Heatmap = { months: Month[]; rows: HeatmapRow[] };

/** Role × month cells for the Fit page: demand, free capacity (confirmed and tentative apart), utilisation and a level. */
export function heatmap(demand: DemandEntry[], capacity: CapacityCell[], options: FitOptions & { months?: Month[] } = {}): Heatmap {
  const grid = heatmapGrid(demand, capacity, options);
  return { months: grid.months, rows: grid.roles.map(grid.row) };
}

/**
 * The heatmap's row for the role with the least to spare (`tightestRole`), or null when no role is
 * needed: the same row `heatmap` would give, without describing the other roles' cells (a method's
 * small chart on the Fit page shows only this one).
 */
export function tightestHeatmapRow(demand: DemandEntry[], capacity: CapacityCell[], options: FitOptions & { months?: Month[] } = {}): HeatmapRow | null {
  const grid = heatmapGrid(demand, capacity, options);
  const figures = grid.roles.map((role) => ({
    role,
    label: role,
    cells: grid.months.map((month) => {
      const capacity = grid.capacity(role, month);
      const needed = grid.needed(role, month);
      return { month, needed, freeAfterConfirmed: capacity.freeAfterConfirmed, level: levelOf(capacity, needed, grid.tightHeadroom) };
    }),
  }));
  const tightest = tightestRole(figures);
  return tightest ? grid.row(tightest.role) : null;
}

function heatmapGrid(demand: DemandEntry[], capacity: CapacityCell[], options: FitOptions & { months?: Month[] }) {
  const tightHeadroom = options.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  const months = options.months ?? [...new Set([...demand.map((d) => d.month), ...capacity.map((c) => c.month)])].sort();
  const neededBy = new Map(demand.map((d) => [`${d.role}|${d.month}`, d.fte]));
  const cap = new Map(capacity.map((c) => [`${c.role}|${c.month}`, c]));
  const present = new Set([...demand.filter((d) => d.fte > EPSILON).map((d) => d.role), ...capacity.map((c) => c.role)]);
  const known = (options.roles ?? []).map((r) => r.key);
  const roles = [...known.filter((k) => present.has(k)), ...[...present].filter((k) => !known.includes(k)).sort()];
  const percent = (used: number, total: number) => (total > 0 ? Math.round((used / total) * 100) : null);
  const needed = (role: string, month: Month) => neededBy.get(`${role}|${month}`) ?? 0;
  const capacityOf = (role: string, month: Month) => cap.get(`${role}|${month}`) ?? emptyCapacity(role, month);

  const row = (role: string): HeatmapRow => ({
    role,
    label: roleLabel(options.roles, role),
    cells: months.map((month) => {
      const c = judgeCell(capacityOf(role, month), needed(role, month), tightHeadroom);
      let label: string;
      // Free after confirmed bookings, as the grid shows it, and after tentative ones where they differ.
      const ifTentative = Math.abs(c.freeAfterAll - c.freeAfterConfirmed) > EPSILON ? `, ${fteFigure(c.freeAfterAll)} if tentative bookings go ahead` : "";
      if (c.needed <= EPSILON) label = `No demand; ${fteFigure(c.freeAfterConfirmed)} FTE free${ifTentative}`;
      else if (c.level === "over") label = `Over: needs ${fteFigure(c.needed)} FTE, ${fteFigure(c.freeAfterConfirmed)} free`;
      else if (c.needed > c.freeAfterAll + EPSILON)
        label = `Tight: needs ${fteFigure(c.needed)} FTE, ${fteFigure(c.freeAfterConfirmed)} free, ${fteFigure(c.freeAfterAll)} if tentative bookings go ahead`;
      else
        label = `${c.level === "tight" ? "Tight" : "OK"}: needs ${fteFigure(c.needed)} of ${fteFigure(c.freeAfterConfirmed)} FTE free${ifTentative}${
          c.level === "tight" ? `, leaving under ${Math.round(tightHeadroom * 100)}% of the role's capacity to spare` : ""
        }`;
      // The fresh cell given its fields, not spread into a copy: a spread with new fields gives each cell a hidden class of its own (docs/decisions/0019).
      return Object.assign(c, {
        utilisation: percent(c.confirmed + c.tentative + c.needed, c.total),
        utilisationConfirmed: percent(c.confirmed + c.needed, c.total),
        label,
      });
    }),
  });
  return { months, roles, needed, capacity: capacityOf, row, tightHeadroom };
}

/** What the heatmap draws of each cell. */
export type HeatmapView = {
  months: Heatmap["months"];
  rows: { role: string; label: string; cells: Pick<HeatmapCell, "month" | "needed" | "level" | "label" | "freeAfterConfirmed">[] }[];
};

/** The heatmap with only what it draws, for a loader to send. */
export function heatmapView(h: Heatmap): HeatmapView {
  return {
    months: h.months,
    rows: h.rows.map((r) => ({
      role: r.role,
      label: r.label,
      cells: r.cells.map((c) => ({ month: c.month, needed: c.needed, level: c.level, label: c.label, freeAfterConfirmed: c.freeAfterConfirmed })),
    })),
  };
}
