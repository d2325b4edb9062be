import type { Month } from "./calendar";
import type { StaffRole } from "./roster-forms";

/**
 * Our capacity: who is on the roster, what other engagements have booked, and what is left free role by
 * role and month by month; the words for how a need fits that capacity (docs/domain.md §8.3). No
 * schemas, so a page may show these.
 */

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
  /** Months they are away, each a share of the month (docs/domain.md §8.1); none when absent. */
  leave?: readonly Leave[] | null;
};

/**
 * Months a person is away, both included: `share` of each of them (1 the whole month, 0.5 half of it),
 * taken off the FTE they give in those months. A person's leave never overlaps itself.
 */
export type Leave = { from: Month; to: Month; share: number };

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

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Whether the person is on the roster in the month: from their first month of availability to their last. */
export function availableIn(member: Pick<StaffMember, "availableFrom" | "availableTo">, month: Month): boolean {
  return (!member.availableFrom || member.availableFrom <= month) && (!member.availableTo || month <= member.availableTo);
}

/** The share of the month the person is away on leave, 0 to 1. */
export function leaveShareIn(member: Pick<StaffMember, "leave">, month: Month): number {
  let share = 0;
  for (const l of member.leave ?? []) if (l.from <= month && month <= l.to) share += l.share;
  return Math.min(1, share);
}

/**
 * The FTE a person gives to engagements in a month: nothing before their first month or after their
 * last, their FTE less the share of the month they are on leave in between (docs/domain.md §8.1).
 */
export function availableFte(member: Pick<StaffMember, "fte" | "availableFrom" | "availableTo" | "leave">, month: Month): number {
  if (!availableIn(member, month)) return 0;
  const away = leaveShareIn(member, month);
  return away > 0 ? member.fte * (1 - away) : member.fte;
}

/**
 * Each role's people and FTE in a month: who is on the roster then, not who joins later or has left
 * (`notNow` counts those), the FTE to two decimals, less what leave takes that month (`onLeave` counts
 * who is away some or all of it).
 */
export function rosterTotals(
  people: Pick<StaffMember, "role" | "fte" | "availableFrom" | "availableTo" | "leave">[],
  roles: Pick<StaffRole, "key" | "pluralLabel">[],
  month: string
) {
  const now = people.filter((s) => availableIn(s, month));
  const totals = roles.map((r) => ({
    key: r.key,
    label: r.pluralLabel,
    people: now.filter((s) => s.role === r.key).length,
    fte: Math.round(now.filter((s) => s.role === r.key).reduce((sum, s) => sum + availableFte(s, month), 0) * 100) / 100,
  }));
  return { totals, notNow: people.length - now.length, onLeave: now.filter((s) => leaveShareIn(s, month) > 0).length };
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

/** One role's capacity in one month (the same cell `capacityByRoleMonth` gives); undefined when no one on the roster has the role. */
export function roleCapacityIn(roster: StaffMember[], bookings: Booking[], month: Month, role: string): CapacityCell | undefined {
  return monthCapacity(roster, bookings, month).byRole.get(role);
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
    const available = availableFte(member, month);
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
 * How a need fits
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

/** Numbers as people read them: at most two decimals, "0" rather than "0.00". */
export function fteText(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * An FTE figure as the Fit page writes it: in sentences to two decimals ("1.26", "2"), in the
 * heatmap's grid to one ("1.3", "2.0"). A figure above nothing that would round to nothing reads
 * "less than 0.01", or "<0.1" in the grid: never 0 beside a need, which would say no one is needed.
 */
export function fteFigure(n: number, where: "sentence" | "grid" = "sentence"): string {
  const smallest = where === "grid" ? 0.1 : 0.01;
  if (n > 0 && n < smallest / 2) return where === "grid" ? `<${smallest}` : `less than ${smallest}`;
  return where === "grid" ? n.toFixed(1) : fteText(n);
}

function humanise(key: string): string {
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function roleLabel(roles: StaffRole[] | undefined, key: string, plural = false): string {
  const role = roles?.find((r) => r.key === key);
  if (!role) return humanise(key);
  return plural ? role.pluralLabel : role.label;
}
