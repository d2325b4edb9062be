import { budgetRange, money } from "./money";
import { z } from "zod";
import { computeDemand, formatNumber, type DemandEntry, type DemandParameters } from "./demand";
import { METHODS, METHOD_LABELS, type Method } from "./methods";
import { line } from "./field-schemas";
import { decimalFromText } from "./text";
import { addMonthsToMonth, isMonth, monthsBetween, type Month } from "./calendar";
import { type Timeline, type TimelineTemplate } from "./timeline";
import { shiftTimeline } from "./timeline-edit";
import { generateTimeline, type GenerateOptions } from "./timeline-generate";

/* ------------------------------------------------------------------------------------------------
 * Staff roles (docs-templates/staff-roles.json), roster and bookings
 * ---------------------------------------------------------------------------------------------- */

export const StaffRolesSchema = z
  .object({
    version: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, "Currency is a three-letter code such as USD."),
    note: z.string().optional(),
    roles: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]*$/, "Role keys are lower-case words joined by _."),
          label: z.string().min(1),
          pluralLabel: z.string().min(1),
          defaultDayRate: z.number().nonnegative(),
          description: z.string().optional(),
        })
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.roles.forEach((r, i) => {
      if (seen.has(r.key)) ctx.addIssue({ code: "custom", path: ["roles", i, "key"], message: `Role "${r.key}" is listed twice.` });
      seen.add(r.key);
    });
  });
export type StaffRoles = z.infer<typeof StaffRolesSchema>;
export type StaffRole = StaffRoles["roles"][number];

export type StaffMember = {
  id: string | number;
  name: string;
  /** A role key from staff-roles.json. */
  role: string;
  /** 0.1–1.0 */
  fte: number;
  /** First and last month the person can work on engagements, both included; open when absent. */
  availableFrom?: Month | null;
  availableTo?: Month | null;
  /** Internal. */
  dayRate?: number | null;
};

export type BookingStatus = "confirmed" | "tentative";

/**
 * Time another engagement has booked, from one month to another (both included): of one person
 * (`staffId`), or of a role's pool (`role`) when the engagement's demand is not yet assigned to people.
 */
export type Booking = {
  staffId?: string | number;
  role?: string;
  from: Month;
  to: Month;
  fte: number;
  status: BookingStatus;
  engagementId?: string | number;
};

const optionalMonth = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z.string().refine(isMonth, `${label} must be a month (YYYY-MM).`).nullable().optional()
  );

const fteField = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .min(0.1, `${label} must be at least 0.1.`)
    .max(1, `${label} must be at most 1.0.`);

/** The roster form. The role is checked against the staff roles by the caller. */
export const StaffMemberSchema = z
  .object({
    name: line("Name", { max: 120 }),
    role: z.string({ error: "Choose a role." }).min(1, "Choose a role."),
    fte: fteField("FTE"),
    availableFrom: optionalMonth("Available from"),
    availableTo: optionalMonth("Available to"),
    dayRate: z.preprocess(
      // Blank is "no rate"; "0x10" or "1e3" is not a rate anyone typed (decimalFromText makes it NaN).
      (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : typeof v === "string" ? decimalFromText(v) : v),
      z
        .number({ error: "Day rate must be a number." })
        .nonnegative("Day rate cannot be negative.")
        .max(1_000_000, "Day rate must be at most 1,000,000.")
        .nullable()
    ),
  })
  .refine((s) => !s.availableFrom || !s.availableTo || s.availableFrom <= s.availableTo, {
    path: ["availableTo"],
    message: "Available to must not be before available from.",
  });

export const BookingSchema = z
  .object({
    staffId: z.union([z.string().min(1), z.number().int()]).optional(),
    role: z.string().min(1).optional(),
    from: z.string().refine(isMonth, "From must be a month (YYYY-MM)."),
    to: z.string().refine(isMonth, "To must be a month (YYYY-MM)."),
    fte: z.coerce.number().gt(0, "FTE must be more than 0.").max(1, "FTE must be at most 1.0."),
    status: z.enum(["confirmed", "tentative"], { error: "Status is confirmed or tentative." }),
  })
  .refine((b) => b.from <= b.to, { path: ["to"], message: "To must not be before from." });

/* ------------------------------------------------------------------------------------------------
 * Capacity
 * ---------------------------------------------------------------------------------------------- */

export type CapacityCell = {
  role: string;
  month: Month;
  /** FTE of everyone in the role who is available that month. */
  total: number;
  confirmed: number;
  tentative: number;
  /** What is left once confirmed bookings are taken out. */
  freeAfterConfirmed: number;
  /** What is left if tentative bookings go ahead too. */
  freeAfterAll: number;
};

const EPSILON = 1e-6;
const round = (n: number) => Math.round(n * 1000) / 1000;

function availableIn(member: StaffMember, month: Month): boolean {
  return (!member.availableFrom || member.availableFrom <= month) && (!member.availableTo || month <= member.availableTo);
}

/**
 * The roster minus other engagements' bookings, per role and month. Pass only other engagements'
 * bookings. One person's overbooking does not take time from their colleagues, so free time is
 * counted person by person. Cells come role by role (in the roster's order), month by month.
 */
export function capacityByRoleMonth(roster: StaffMember[], bookings: Booking[], months: Month[]): CapacityCell[] {
  const distinct = [...new Set(months)];
  const perMonth = distinct.map((month) => monthCapacity(roster, bookings, month));
  const out: CapacityCell[] = [];
  // Every month lists the roles in the roster's order, so index r is the same role in each.
  for (let r = 0; r < (perMonth[0]?.cells.length ?? 0); r++) for (const m of perMonth) out.push({ ...m.cells[r] });
  return out;
}

type MonthCapacity = { cells: CapacityCell[]; byRole: Map<string, CapacityCell> };

// Earliest-start searches and what-ifs judge dozens of shifted timelines against the same roster and
// bookings: each month's cells are worked out once per (roster, bookings) pair and kept while both
// arrays live (a request's worth), never across requests.
const monthCapacities = new WeakMap<Booking[], WeakMap<StaffMember[], Map<Month, MonthCapacity>>>();

function monthCapacity(roster: StaffMember[], bookings: Booking[], month: Month): MonthCapacity {
  let byRoster = monthCapacities.get(bookings);
  if (!byRoster) monthCapacities.set(bookings, (byRoster = new WeakMap()));
  let byMonth = byRoster.get(roster);
  if (!byMonth) byRoster.set(roster, (byMonth = new Map()));
  const cached = byMonth.get(month);
  if (cached) return cached;

  const index = bookingIndex(bookings);
  const byRole = new Map<string, CapacityCell>();
  for (const member of roster) {
    let cell = byRole.get(member.role);
    if (!cell) byRole.set(member.role, (cell = { role: member.role, month, total: 0, confirmed: 0, tentative: 0, freeAfterConfirmed: 0, freeAfterAll: 0 }));
    const available = availableIn(member, month) ? member.fte : 0;
    let confirmed = 0;
    let tentative = 0;
    for (const b of index.byStaff.get(String(member.id)) ?? []) {
      if (b.from <= month && month <= b.to) {
        if (b.status === "confirmed") confirmed += b.fte;
        else tentative += b.fte;
      }
    }
    cell.total += available;
    cell.confirmed += confirmed;
    cell.tentative += tentative;
    cell.freeAfterConfirmed += Math.max(0, available - confirmed);
    cell.freeAfterAll += Math.max(0, available - confirmed - tentative);
  }
  // Role-level bookings draw on the role's pool as a whole.
  for (const cell of byRole.values()) {
    const pooled = index.pooled(cell.role, month);
    if (!pooled) continue;
    cell.confirmed += pooled.confirmed;
    cell.tentative += pooled.tentative;
    cell.freeAfterConfirmed = Math.max(0, cell.freeAfterConfirmed - pooled.confirmed);
    cell.freeAfterAll = Math.max(0, cell.freeAfterAll - pooled.confirmed - pooled.tentative);
  }
  for (const c of byRole.values()) {
    c.total = round(c.total);
    c.confirmed = round(c.confirmed);
    c.tentative = round(c.tentative);
    c.freeAfterConfirmed = round(c.freeAfterConfirmed);
    c.freeAfterAll = round(c.freeAfterAll);
    Object.freeze(c);
  }
  const result = { cells: [...byRole.values()], byRole };
  byMonth.set(month, result);
  return result;
}

type BookingIndex = {
  byStaff: Map<string, Booking[]>;
  pooled: (role: string, month: Month) => { confirmed: number; tentative: number } | undefined;
};

// Index the bookings once per bookings array rather than scanning every booking for every cell.
const indexes = new WeakMap<Booking[], BookingIndex>();

function bookingIndex(bookings: Booking[]): BookingIndex {
  const cached = indexes.get(bookings);
  if (cached) return cached;
  const byStaff = new Map<string, Booking[]>();
  const singleMonth = new Map<string, { confirmed: number; tentative: number }>();
  const spans: Booking[] = [];
  for (const b of bookings) {
    if (b.staffId !== undefined) {
      const key = String(b.staffId);
      const list = byStaff.get(key);
      if (list) list.push(b);
      else byStaff.set(key, [b]);
    } else if (b.role) {
      if (b.from === b.to) {
        const key = `${b.role}|${b.from}`;
        const sum = singleMonth.get(key) ?? { confirmed: 0, tentative: 0 };
        if (b.status === "confirmed") sum.confirmed += b.fte;
        else sum.tentative += b.fte;
        singleMonth.set(key, sum);
      } else spans.push(b);
    }
  }
  const index: BookingIndex = {
    byStaff,
    pooled(role, month) {
      const base = singleMonth.get(`${role}|${month}`);
      if (spans.length === 0) return base;
      const sum = { confirmed: base?.confirmed ?? 0, tentative: base?.tentative ?? 0 };
      for (const b of spans) {
        if (b.role !== role || month < b.from || b.to < month) continue;
        if (b.status === "confirmed") sum.confirmed += b.fte;
        else sum.tentative += b.fte;
      }
      return sum;
    },
  };
  indexes.set(bookings, index);
  return index;
}

/* ------------------------------------------------------------------------------------------------
 * Fit
 * ---------------------------------------------------------------------------------------------- */

export type FitVerdict = "fits" | "tight" | "does_not_fit";
export type FitLevel = "ok" | "tight" | "over";

export const FIT_VERDICT_LABELS: Record<FitVerdict, string> = {
  fits: "Fits",
  tight: "Tight",
  does_not_fit: "Does not fit",
};

/**
 * "Tight" means it fits only if tentative bookings do not go ahead, or it leaves less than this share
 * of the role's capacity that month free once this engagement and all bookings are counted. Our own
 * threshold, not a published one (docs/domain.md §8.3).
 */
export const DEFAULT_TIGHT_HEADROOM = 0.1;

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

function humanise(key: string): string {
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function roleLabel(roles: StaffRole[] | undefined, key: string, plural = false): string {
  const role = roles?.find((r) => r.key === key);
  if (!role) return humanise(key);
  return plural ? role.pluralLabel : role.label;
}

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
        description: `${roleLabel(options.roles, c.role, true)} short by ${fte(gap)} FTE in ${c.month}`,
      };
    });
  const tightSpots: TightSpot[] = cells
    .filter((c) => c.level === "tight")
    .map((c) => {
      const who = roleLabel(options.roles, c.role, true);
      const reason = c.needed > c.freeAfterAll + EPSILON ? "tentative" : "headroom";
      const description =
        reason === "tentative"
          ? `${who} in ${c.month}: fits only if tentative bookings do not go ahead (needs ${fte(c.needed)} FTE, ${fte(c.freeAfterAll)} free if they do)`
          : `${who} in ${c.month}: leaves ${Math.round((c.headroom ?? 0) * 100)}% of capacity free (needs ${fte(c.needed)} of ${fte(c.freeAfterAll)} FTE free)`;
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

/** Consecutive months as ranges: "2027-09 to 2028-02, 2028-05". */
function monthRuns(months: Month[]): string {
  const runs: [Month, Month][] = [];
  for (const m of [...months].sort()) {
    const last = runs[runs.length - 1];
    if (last && addMonthsToMonth(last[1], 1) === m) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => (a === b ? a : `${a} to ${b}`)).join(", ");
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
        ? `${who} short by ${fte(maxGap)} FTE in ${months[0]}`
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
export function demandFromTimeline(timeline: Timeline, method: Method, params: DemandParameters): DemandSource {
  return (s) => computeDemand(shiftTimeline(timeline, s.start), { method, teams: s.teams }, params);
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
    const capacity = monthCapacity(resources.roster, resources.bookings, d.month).byRole.get(d.role) ?? emptyCapacity(d.role, d.month);
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

export type MethodWhatIf = {
  method: Method;
  verdict: FitVerdict;
  shortfalls: Shortfall[];
  /** Null when it does not fit within the search window, or when only a fixed demand was given. */
  earliestStart: Month | null;
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
  }
): WhatIfs {
  const within = input.withinMonths ?? 24;
  const noun = input.scaleNoun ?? "teams";
  const current = fitFor(input.demandFor({ start: input.start, teams: input.teams }), input);
  const summary: string[] = [];

  let laterStart: WhatIfs["laterStart"] = null;
  let fewerTeams: WhatIfs["fewerTeams"] = null;
  if (current.verdict !== "fits") {
    for (let k = 1; k <= within; k++) {
      const month = addMonthsToMonth(input.start, k);
      const assessment = fitsWith(input.demandFor({ start: month, teams: input.teams }), input);
      if (assessment) {
        const description = `Starting in ${month}, ${k} month${k === 1 ? "" : "s"} later, it fits.`;
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
        fewerTeams = { teams: mid, assessment, description: `With ${mid} ${noun} instead of ${input.teams} it fits from ${input.start}.` };
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
        description: `${label}: ${FIT_VERDICT_LABELS[a.verdict].toLowerCase()} from ${input.start}.`,
      });
      continue;
    }
    const a = fitFor(source({ start: input.start, teams: input.teams }), input);
    const earliest =
      a.verdict === "fits" ? { month: input.start } : earliestFeasibleStart({ ...input, demandFor: source, notBefore: input.start, withinMonths: within });
    otherMethods.push({
      method,
      verdict: a.verdict,
      shortfalls: a.shortfalls,
      earliestStart: earliest?.month ?? null,
      description: earliest ? `${label}: fits from ${earliest.month}.` : `${label}: does not fit within ${within} months.`,
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
    const earliest = earliestFeasibleStart({ ...input, demandFor, teams: input.scale });
    out[method] = {
      method,
      verdict: assessment.verdict,
      earliestStart: earliest?.month ?? null,
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

/** Demand × day rates against the partner's budget range. Internal: not for the partner's eyes. */
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
  const range = budgetRange(min, max, c) ?? "";
  let verdict: BudgetVerdict = "within";
  let difference = 0;
  const otherCurrency = options.budget?.currency && options.budget.currency.toUpperCase() !== c ? options.budget.currency.toUpperCase() : null;
  if (min === null && max === null) verdict = "no_budget";
  else if (otherCurrency) verdict = "other_currency";
  else if (max !== null && total > max) [verdict, difference] = ["above", total - max];
  else if (min !== null && total < min) [verdict, difference] = ["below", min - total];
  const estimate = `Estimated cost ${money(total, c)}`;
  const descriptions: Record<BudgetVerdict, string> = {
    no_budget: `${estimate}; the partner has not given a budget.`,
    other_currency: `${estimate}; the partner's budget is in ${otherCurrency}, so the two are not compared.`,
    within: `${estimate} is within the partner's budget (${range}).`,
    above: `${estimate} is above the partner's budget (${range}) by ${money(difference, c)}.`,
    below: `${estimate} is below the partner's budget (${range}) by ${money(difference, c)}.`,
  };
  const description = descriptions[verdict];
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
        if (c.needed <= EPSILON) label = `No demand; ${fte(c.freeAfterAll)} FTE free`;
        else if (c.level === "over") label = `Over: needs ${fte(c.needed)} FTE, ${fte(c.freeAfterConfirmed)} free`;
        else if (c.needed > c.freeAfterAll + EPSILON)
          label = `Tight: needs ${fte(c.needed)} FTE, ${fte(c.freeAfterConfirmed)} free, ${fte(c.freeAfterAll)} if tentative bookings go ahead`;
        else label = `${c.level === "tight" ? "Tight" : "OK"}: needs ${fte(c.needed)} of ${fte(c.freeAfterAll)} FTE free`;
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
