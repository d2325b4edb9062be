import { METHODS, METHOD_LABELS, type Method } from "./methods";
import { availableFte, DEFAULT_TIGHT_HEADROOM, fteText, roleLabel, type Booking, type FitLevel, type StaffMember } from "./capacity";
import type { StaffRole } from "./roster-forms";
import { addMonthsToMonth, formatDate, formatMonth, type Month } from "./calendar";
import { andMore, formatCount, plural } from "./plural";
import { listOf } from "./intake";
import { money } from "./money";
import { aboutMoney, feeWithEquivalent, type ExchangeRate } from "./exchange-rate";
import { lowerFirst } from "./text";
import { STANDING_BADGES, type Stage, type Standing } from "./workflow";

/*
 * The portfolio: every engagement at once, for leadership. Pure functions of data already loaded;
 * the capacity computation is built to stay fast with hundreds of engagements' bookings.
 */

/* ------------------------------------------------------------------------------------------------
 * Pipeline: engagements by workflow stage × chosen method
 * ---------------------------------------------------------------------------------------------- */

export type PipelineMethod = Method | "not_chosen";
export const PIPELINE_METHODS: readonly PipelineMethod[] = [...METHODS, "not_chosen"];
export const PIPELINE_METHOD_LABELS: Record<PipelineMethod, string> = { ...METHOD_LABELS, not_chosen: "Not chosen" };

/**
 * An engagement as the pipeline counts it: at its stage. An amendment (an earlier version approved and
 * in force, a newer one in review or awaiting approval) is counted at the amendment's stage, where the
 * work is, and said to be one. One approved and accepted by the partner (`standing` "agreed") is counted
 * as agreed, apart from one approved that still awaits the partner's acceptance, and one the partner has
 * accepted before it was submitted as accepted, apart from one shared and still in the partner's review,
 * as the engagement list and its overview say it.
 */
export type PipelineEntry = { stage: Stage; method: Method | null; amendment?: boolean; standing?: Standing };

/** The pipeline's rows: the workflow's stages, with "Agreed" after "Approved". */
export const PIPELINE_STAGES = [
  "draft",
  "shared",
  "accepted",
  "changes_requested",
  "awaiting_approval",
  "approved",
  "agreed",
  "declined",
] as const satisfies readonly Standing[];
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** The pipeline row an engagement is counted in. */
export function pipelineStage(e: Pick<PipelineEntry, "stage" | "standing">): PipelineStage {
  if (e.stage === "approved" && e.standing === "agreed") return "agreed";
  // Accepted by the partner and not yet submitted: the list and the tables beside it say so, and so does its row.
  if (e.stage === "shared" && e.standing === "accepted") return "accepted";
  return e.stage;
}

export type PipelineRow<E> = {
  stage: PipelineStage;
  label: string;
  tone: (typeof STANDING_BADGES)[Standing]["tone"];
  counts: Record<PipelineMethod, number>;
  total: number;
  /** How many of the stage's engagements are amendments to an approved version. */
  amendments: number;
  engagements: E[];
};

export type Pipeline<E> = {
  rows: PipelineRow<E>[];
  totals: Record<PipelineMethod, number>;
  total: number;
  amendments: number;
};

const zeroCounts = (): Record<PipelineMethod, number> => ({ collaborative: 0, campaign: 0, tailored: 0, not_chosen: 0 });

/** Counts per stage and method, every stage present (zero or not), engagements kept in the given order. */
export function pipeline<E extends PipelineEntry>(engagements: readonly E[]): Pipeline<E> {
  const rows = new Map<PipelineStage, PipelineRow<E>>(
    PIPELINE_STAGES.map((stage) => [stage, { stage, ...STANDING_BADGES[stage], counts: zeroCounts(), total: 0, amendments: 0, engagements: [] }])
  );
  const totals = zeroCounts();
  let amendments = 0;
  for (const e of engagements) {
    const row = rows.get(pipelineStage(e));
    if (!row) continue;
    const method: PipelineMethod = e.method ?? "not_chosen";
    row.counts[method] += 1;
    row.total += 1;
    row.engagements.push(e);
    totals[method] += 1;
    if (e.amendment) {
      row.amendments += 1;
      amendments += 1;
    }
  }
  return { rows: [...rows.values()], totals, total: engagements.length, amendments };
}

/**
 * What the pipeline's counts mean for amendments, when there are any: each is counted at its
 * amendment's stage, while its approved version stays in force and its bookings confirmed.
 */
export function amendmentsNote(p: Pick<Pipeline<unknown>, "amendments" | "rows">): string | null {
  if (p.amendments === 0) return null;
  const where = p.rows.filter((r) => r.amendments > 0).map((r) => `${r.amendments} under “${r.label}”`);
  const which = p.amendments === 1 ? "1 engagement is an amendment" : `${p.amendments} engagements are amendments`;
  return `${which} to an approved version (${listOf(
    where
  )}): counted at the amendment's stage, while the approved version stays in force and its bookings stay confirmed in the capacity below.`;
}

/** How many engagements each stage lists before "show all". */
export const PIPELINE_LISTED = 10;

/** The pipeline with at most `limit` engagements listed per stage (the first ones, in the given order); counts unchanged. */
export function listedPipeline<E>(p: Pipeline<E>, limit: number | null): Pipeline<E> {
  if (limit === null) return p;
  return { ...p, rows: p.rows.map((r) => (r.engagements.length > limit ? { ...r, engagements: r.engagements.slice(0, limit) } : r)) };
}

/* ------------------------------------------------------------------------------------------------
 * Capacity across all engagements: role × month, confirmed and tentative apart
 * ---------------------------------------------------------------------------------------------- */

export type CapacityLevel = FitLevel;

export const CAPACITY_LEVEL_LABELS: Record<CapacityLevel, string> = { ok: "OK", tight: "Tight", over: "Over" };

export type PortfolioCell = {
  role: string;
  month: Month;
  /** FTE of everyone in the role on the roster and available that month. */
  capacity: number;
  confirmed: number;
  tentative: number;
  /** Capacity less every booking; negative when over. */
  free: number;
  /** Per cent of capacity that confirmed and tentative bookings take; null when no one is available. */
  utilisation: number | null;
  level: CapacityLevel;
  /** Over only if the tentative bookings go ahead. */
  overIfTentative: boolean;
  /** The cell in words, readable without colour. */
  label: string;
};

export type PortfolioCapacity = {
  months: Month[];
  rows: { role: string; label: string; cells: PortfolioCell[] }[];
  /** How many role-months are at each level. */
  counts: Record<CapacityLevel, number>;
  /** FTE-months booked within the window. */
  bookedConfirmed: number;
  bookedTentative: number;
};

export { fteText };

/** The FTE-months booked over the window, as the portfolio says them: "1 FTE-month confirmed and 12.5 tentative", "1,204.3 FTE-months …". */
export function bookedWords(capacity: Pick<PortfolioCapacity, "bookedConfirmed" | "bookedTentative">): { confirmed: string; tentative: string } {
  // To one decimal, as FTE-months read everywhere else (a proposal's staffing, the levers), with the count's separators and noun.
  const figure = (n: number) => Math.round(n * 10) / 10;
  return {
    confirmed: `${plural(figure(capacity.bookedConfirmed), "FTE-month")} confirmed`,
    tentative: `${formatCount(figure(capacity.bookedTentative))} tentative`,
  };
}

const EPSILON = 1e-6;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The next `count` months from `first`, both included. */
export function monthWindow(first: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) => addMonthsToMonth(first, i));
}

/** Months since year 0 for "YYYY-MM", or -1; read from the character codes, so nothing is hashed or allocated. */
function monthNumber(m: string): number {
  if (m.length !== 7 || m.charCodeAt(4) !== 45) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = m.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  const tens = m.charCodeAt(5) - 48;
  const units = m.charCodeAt(6) - 48;
  const month = tens * 10 + units;
  return tens >= 0 && tens <= 1 && units >= 0 && units <= 9 && month >= 1 && month <= 12 ? year * 12 + month - 1 : -1;
}

/**
 * A month's position in the window, or -1. Found by arithmetic rather than by looking the text up:
 * bookings read from the database arrive as fresh strings, each of which a lookup would first hash.
 */
function monthIndexer(months: readonly Month[]): (month: string) => number {
  const numbers = months.map(monthNumber);
  const ordered = numbers.every((k, i) => k >= 0 && (i === 0 || k > numbers[i - 1]!));
  if (!ordered) {
    const byText = new Map(months.map((m, i) => [m, i]));
    return (m) => byText.get(m) ?? -1;
  }
  if (!numbers.length) return () => -1;
  const base = numbers[0]!;
  const positions = new Int32Array(numbers[numbers.length - 1]! - base + 1).fill(-1);
  numbers.forEach((k, i) => (positions[k - base] = i));
  return (m) => {
    const k = monthNumber(m);
    return k >= base && k - base < positions.length ? positions[k - base]! : -1;
  };
}

function judge(capacity: number, confirmed: number, tentative: number, tightHeadroom: number): { level: CapacityLevel; overIfTentative: boolean } {
  if (confirmed > capacity + EPSILON) return { level: "over", overIfTentative: false };
  const booked = confirmed + tentative;
  if (booked > capacity + EPSILON) return { level: "tight", overIfTentative: true };
  if (booked > EPSILON && (capacity - booked) / capacity < tightHeadroom - EPSILON) return { level: "tight", overIfTentative: false };
  return { level: "ok", overIfTentative: false };
}

function cellLabel(c: Omit<PortfolioCell, "label">, tightHeadroom: number): string {
  if (c.capacity <= EPSILON && c.confirmed + c.tentative <= EPSILON) return "No one available, nothing booked";
  const amounts = `${fteText(c.confirmed)} FTE confirmed + ${fteText(c.tentative)} tentative`;
  const of = c.capacity <= EPSILON ? "with no one available" : `of ${fteText(c.capacity)} available`;
  let why = "";
  if (c.level === "over") why = `; confirmed bookings alone exceed it by ${fteText(c.confirmed - c.capacity)}`;
  else if (c.overIfTentative) why = `; over by ${fteText(c.confirmed + c.tentative - c.capacity)} if the tentative bookings go ahead`;
  else if (c.level === "tight") why = `; under ${Math.round(tightHeadroom * 100)}% spare`;
  return `${CAPACITY_LEVEL_LABELS[c.level]}: ${amounts} ${of}${why}`;
}

/**
 * Roster capacity against every booking, per role and month. Bookings are pooled by role: a
 * booking of a named person counts against that person's role. One pass over the bookings fills
 * flat per-role arrays indexed by month, so the cost grows with the number of bookings, not with
 * bookings × cells.
 */
export function portfolioCapacity(
  roster: readonly StaffMember[],
  bookings: readonly Booking[],
  months: readonly Month[],
  roles: readonly StaffRole[] = [],
  options: { tightHeadroom?: number } = {}
): PortfolioCapacity {
  const tightHeadroom = options.tightHeadroom ?? DEFAULT_TIGHT_HEADROOM;
  const n = months.length;
  const indexOf = monthIndexer(months);

  type Slot = { capacity: Float64Array; confirmed: Float64Array; tentative: Float64Array };
  const slots = new Map<string, Slot>();
  const slotFor = (role: string): Slot => {
    let slot = slots.get(role);
    if (!slot) {
      slot = { capacity: new Float64Array(n), confirmed: new Float64Array(n), tentative: new Float64Array(n) };
      slots.set(role, slot);
    }
    return slot;
  };

  const roleOfStaff = new Map<string, string>();
  for (const member of roster) {
    roleOfStaff.set(String(member.id), member.role);
    const capacity = slotFor(member.role).capacity;
    for (let i = 0; i < n; i++) {
      const m = months[i]!;
      capacity[i] += availableFte(member, m);
    }
  }

  for (const b of bookings) {
    const role = b.role ?? (b.staffId !== undefined ? roleOfStaff.get(String(b.staffId)) : undefined);
    if (!role) continue;
    const confirmed = b.status === "confirmed";
    if (b.from === b.to) {
      const i = indexOf(b.from);
      if (i < 0) continue;
      const slot = slotFor(role);
      if (confirmed) slot.confirmed[i] += b.fte;
      else slot.tentative[i] += b.fte;
    } else {
      // A booking over several months counts in each of them that the window shows.
      let slot: Slot | undefined;
      for (let i = 0; i < n; i++) {
        if (b.from <= months[i]! && months[i]! <= b.to) {
          slot ??= slotFor(role);
          (confirmed ? slot.confirmed : slot.tentative)[i] += b.fte;
        }
      }
    }
  }

  let bookedConfirmed = 0;
  let bookedTentative = 0;
  const known = roles.map((r) => r.key).filter((k) => slots.has(k));
  const knownSet = new Set(known);
  const order = [...known, ...[...slots.keys()].filter((k) => !knownSet.has(k)).sort()];
  const counts: Record<CapacityLevel, number> = { ok: 0, tight: 0, over: 0 };
  const rows = order.map((role) => {
    const slot = slots.get(role)!;
    const cells: PortfolioCell[] = [];
    for (let i = 0; i < n; i++) {
      const capacity = slot.capacity[i]!;
      const confirmed = slot.confirmed[i]!;
      const tentative = slot.tentative[i]!;
      bookedConfirmed += confirmed;
      bookedTentative += tentative;
      const { level, overIfTentative } = judge(capacity, confirmed, tentative, tightHeadroom);
      counts[level] += 1;
      const cell = {
        role,
        month: months[i]!,
        capacity: round(capacity),
        confirmed: round(confirmed),
        tentative: round(tentative),
        free: round(capacity - confirmed - tentative),
        // From the figures as shown, so that sums added up in another order (the database's, a reference's) give the same per cent.
        utilisation: round(capacity) > 0 ? Math.round(((round(confirmed) + round(tentative)) / round(capacity)) * 100) : null,
        level,
        overIfTentative,
      };
      cells.push({ ...cell, label: cellLabel(cell, tightHeadroom) });
    }
    return { role, label: roleLabel(roles as StaffRole[], role), cells };
  });
  return { months: [...months], rows, counts, bookedConfirmed: round(bookedConfirmed), bookedTentative: round(bookedTentative) };
}

/* ------------------------------------------------------------------------------------------------
 * Engagements at risk
 * ---------------------------------------------------------------------------------------------- */

export type CapacityRisk = {
  role: string;
  /** "over": the month is over capacity on confirmed bookings alone; "over_if_tentative": only if tentative ones go ahead. */
  kind: "over" | "over_if_tentative";
  months: Month[];
};

/** An engagement's bookings of one role and status, given as the months they fall in (as the database groups them). */
export type BookedMonths = { engagementId: string | number; role: string; status: Booking["status"]; months: readonly Month[] };

/**
 * For each engagement with a booking in a role-month that is over capacity (or would be if its
 * tentative booking went ahead), which roles and months. One pass over the bookings, given one by
 * one or grouped by engagement, role and status.
 */
export function capacityRisks(capacity: PortfolioCapacity, bookings: readonly (Booking | BookedMonths)[]): Map<string | number, CapacityRisk[]> {
  const { months } = capacity;
  const n = months.length;
  const OVER = 1;
  const OVER_IF_TENTATIVE = 2;
  // Per role, each month's problem (0 when it fits); only roles with a problem are kept.
  const problems = new Map<string, { r: number; kinds: Uint8Array }>();
  const roleKeys: string[] = [];
  for (const row of capacity.rows) {
    const kinds = new Uint8Array(n);
    let any = false;
    row.cells.forEach((c, i) => {
      kinds[i] = c.level === "over" ? OVER : c.overIfTentative ? OVER_IF_TENTATIVE : 0;
      any ||= kinds[i] !== 0;
    });
    if (any) problems.set(row.role, { r: roleKeys.push(row.role) - 1, kinds });
  }
  if (problems.size === 0) return new Map();

  const indexOf = monthIndexer(months);
  const flags = new Map<string | number, Uint8Array>();
  // Bookings usually arrive engagement by engagement, so the last engagement's flags are kept at hand.
  let lastId: string | number | undefined;
  let last: Uint8Array | undefined;
  const note = (engagementId: string | number, at: number, kind: number) => {
    if (engagementId !== lastId || !last) {
      lastId = engagementId;
      last = flags.get(engagementId);
      if (!last) flags.set(engagementId, (last = new Uint8Array(roleKeys.length * n)));
    }
    last[at]! |= kind;
  };
  for (const b of bookings) {
    if (b.engagementId === undefined || !b.role) continue;
    const problem = problems.get(b.role);
    if (!problem) continue;
    // A confirmed booking in a month that only tentative bookings push over is not this engagement's risk.
    const ignore = b.status === "confirmed" ? OVER_IF_TENTATIVE : 0;
    if ("months" in b || b.from === b.to) {
      for (const month of "months" in b ? b.months : [b.from]) {
        const i = indexOf(month);
        const kind = i >= 0 ? problem.kinds[i]! : 0;
        if (kind !== 0 && kind !== ignore) note(b.engagementId, problem.r * n + i, kind);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const kind = problem.kinds[i]!;
        if (kind !== 0 && kind !== ignore && b.from <= months[i]! && months[i]! <= b.to) note(b.engagementId, problem.r * n + i, kind);
      }
    }
  }

  const out = new Map<string | number, CapacityRisk[]>();
  for (const [engagementId, f] of flags) {
    const over: CapacityRisk[] = [];
    const ifTentative: CapacityRisk[] = [];
    for (let r = 0; r < roleKeys.length; r++) {
      const overMonths: Month[] = [];
      const ifTentativeMonths: Month[] = [];
      for (let i = 0; i < n; i++) {
        const k = f[r * n + i]!;
        if (k & OVER) overMonths.push(months[i]!);
        if (k & OVER_IF_TENTATIVE) ifTentativeMonths.push(months[i]!);
      }
      if (overMonths.length) over.push({ role: roleKeys[r]!, kind: "over", months: overMonths });
      if (ifTentativeMonths.length) ifTentative.push({ role: roleKeys[r]!, kind: "over_if_tentative", months: ifTentativeMonths });
    }
    const byFirstMonth = (a: CapacityRisk, b: CapacityRisk) => a.months[0]!.localeCompare(b.months[0]!);
    out.set(engagementId, [...over.sort(byFirstMonth), ...ifTentative.sort(byFirstMonth)]);
  }
  return out;
}

function monthList(months: Month[]): string {
  const shown = months.slice(0, 3).map(formatMonth).join(", ");
  return months.length > 3 ? `${shown} ${andMore(months.length - 3, "month")}` : shown;
}

/**
 * A shortfall as a version froze it. Versions made before shortfalls named their months in words
 * said "in 2027-01": those read as "in January 2027" too, so the portfolio's reasons read alike.
 */
function readableMonths(text: string): string {
  return text.replace(/\b(\d{4})-(0[1-9]|1[0-2])\b(?!-\d)/g, (month) => formatMonth(month));
}

export type RiskKind =
  | "capacity"
  | "capacity_if_tentative"
  | "roster_short"
  | "fit"
  | "above_budget"
  | "budget_unchecked"
  | "partner_time"
  | "stale_steps"
  | "changes_unanswered"
  | "approval_waiting"
  | "acceptance_waiting";

export const RISK_KIND_LABELS: Record<RiskKind, string> = {
  capacity: "Over capacity",
  capacity_if_tentative: "Capacity conflict",
  // As the approval request and the review page head it (CapacityShortNow).
  roster_short: "Our roster no longer carries it",
  fit: "Fit shortfall",
  above_budget: "Above budget",
  budget_unchecked: "Budget not checked",
  partner_time: "Past the partner's time",
  stale_steps: "Steps need review",
  changes_unanswered: "Partner waiting",
  approval_waiting: "Approval waiting",
  acceptance_waiting: "Acceptance waiting",
};

export type RiskReason = { kind: RiskKind; text: string };

export type RiskFacts = {
  id: number;
  stage: Stage;
  capacity?: CapacityRisk[];
  /**
   * What changes to the roster left short of the version it books and no later change mended
   * (docs/domain.md §8.1): the changes, in the words they were recorded with, and one line per role
   * (shortfallsByRole's).
   */
  rosterShort?: { changes: readonly string[]; lines: readonly string[] } | null;
  /** The latest proposal version's fit shortfalls, as frozen with it: how many, and the first of them (FIT_SHORTFALLS_NAMED at least). */
  fitShortfalls?: { number: number; count: number; first: readonly string[] } | null;
  /**
   * The latest proposal version's offer, as frozen with it, when even the lowest fee it offers is above
   * the partner's budget in the same currency, or in the budget's through the exchange rate the version
   * froze (docs/domain.md §8.7, §8.8): that fee, the maximum, how many options it offers (0 for one
   * scope), and with a rate, the fee converted and the rate (`through`).
   */
  aboveBudget?: ({ number: number; fee: number; currency: string; max: number; options: number; through?: ConvertedOffer } & HeldOffer) | null;
  /**
   * The latest proposal version's offer when the partner's budget is in another currency than its fees
   * and the version froze no exchange rate for it, or names none, so that it cannot be compared without
   * a guessed rate (docs/domain.md §8.8): its lowest fee, how many options it offers, and the budget's currency.
   */
  budgetUnchecked?: ({ number: number; fee: number; currency: string; budgetCurrency: string | null; options: number } & HeldOffer) | null;
  /** The latest proposal version's time check, as frozen with it, when its plan does not keep the partner's time (§8.6). */
  /**
   * A plan past the partner's time, as a version froze it; `agreedSince` when the partner's agreement to
   * it was recorded after that version was frozen, which only a new version carries.
   */
  pastTime?: ({ number: number; summary: string; agreedSince?: true } & HeldOffer) | null;
  /** Labels of the steps marked "needs review". */
  staleSteps?: string[];
  /** When the partner last asked for changes (ISO), if that is the latest answer. */
  changesRequestedAt?: string | null;
  /** The pending approval request: the version it is for and when it was submitted (ISO). */
  approvalWaiting?: { number: number; submittedAt: string } | null;
  /**
   * An approved engagement's latest approved version: its number, when leadership approved it (ISO),
   * whether the partner accepted it, and the latest version shared with the partner.
   */
  approvedVersion?: ApprovedVersion | null;
};

/** A fee in the budget's currency, through the rate a version froze: the amount, and the rate and its day. */
export type ConvertedOffer = { fee: number; rate: Pick<ExchangeRate, "from" | "to" | "rate" | "on"> };

/**
 * Which version the partner holds, when it is not the latest: `unshared`, set on a risk in the version
 * they hold, is the later version's number; `partnerHolds`, set on a risk in a latest version not yet
 * shared, is the number of the version they hold.
 */
type HeldOffer = { unshared?: number; partnerHolds?: number };

export type VersionFacts = Pick<RiskFacts, "fitShortfalls" | "aboveBudget" | "budgetUnchecked" | "pastTime">;

/**
 * What the portfolio judges of an engagement's proposal versions (docs/domain.md §8.13): the latest
 * version's facts, and, while a later version is not yet shared, the offer the partner holds. A fee
 * above the budget or a plan past the partner's time in the version they hold is a risk until a later
 * version reaches them, even when that later one mends it; the fit to our capacity is the latest's alone.
 */
export function versionRiskFacts(latest: { number: number; facts: VersionFacts } | null, held: { number: number; facts: VersionFacts } | null): VersionFacts {
  if (!latest || !held || held.number === latest.number) return { ...latest?.facts };
  // Each risk from the latest version, saying which version the partner holds; else from the one they hold, saying a later one waits.
  const either = <T extends object>(mine: T | null | undefined, theirs: T | null | undefined): T | undefined =>
    mine ? { ...mine, partnerHolds: held.number } : theirs ? { ...theirs, unshared: latest.number } : undefined;
  const aboveBudget = either(latest.facts.aboveBudget, held.facts.aboveBudget);
  const budgetUnchecked = either(latest.facts.budgetUnchecked, held.facts.budgetUnchecked);
  const pastTime = either(latest.facts.pastTime, held.facts.pastTime);
  return {
    ...(latest.facts.fitShortfalls ? { fitShortfalls: latest.facts.fitShortfalls } : {}),
    ...(aboveBudget ? { aboveBudget } : {}),
    ...(budgetUnchecked ? { budgetUnchecked } : {}),
    ...(pastTime ? { pastTime } : {}),
  };
}

/** An approved engagement's latest approved version, as the portfolio reads it (RiskFacts.approvedVersion). */
export type ApprovedVersion = { number: number; approvedAt: string; accepted: boolean; latestShared: number };

/**
 * The approved version whose acceptance the partner still owes (docs/domain.md §8.13): none once they
 * accepted it, nor once a newer version shared with them (an amendment) replaced it, which they answer
 * instead.
 */
export function acceptanceAwaited(v: ApprovedVersion | null | undefined): ApprovedVersion | null {
  return v && !v.accepted && v.latestShared <= v.number ? v : null;
}

export const WAITING_DAYS = 14;
/** How many of a version's fit shortfalls its risk names; the rest are counted. */
export const FIT_SHORTFALLS_NAMED = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `now`, both ISO timestamps or dates. */
export function daysSince(from: string, now: string): number {
  return Math.floor((Date.parse(now) - Date.parse(from)) / DAY_MS);
}

/** A reason for risk whose words are written only when asked: the portfolio ranks thousands and words the few it shows. */
export type PendingRiskReason = { kind: RiskKind; words: () => string };

/**
 * Why an engagement is at risk, in words; empty when it is not. Declined engagements have released
 * their bookings and are never at risk.
 */
export function riskReasons(facts: RiskFacts, now: string, options: { roles?: readonly StaffRole[]; waitingDays?: number } = {}): RiskReason[] {
  return inWords(pendingRiskReasons(facts, now, options));
}

/** The reasons with their words written. */
export function inWords(reasons: readonly PendingRiskReason[]): RiskReason[] {
  return reasons.map((r) => ({ kind: r.kind, text: r.words() }));
}

/**
 * Which version the partner holds, after a risk: " Version 3 is not yet shared with them." after one in
 * the version they hold, " It is not yet shared: the partner holds version 2." after one in a later
 * version; else nothing.
 */
function notYetShared(offer: HeldOffer): string {
  if (offer.unshared !== undefined) return ` Version ${offer.unshared} is not yet shared with them.`;
  if (offer.partnerHolds !== undefined) return ` It is not yet shared: the partner holds version ${offer.partnerHolds}.`;
  return "";
}

/** riskReasons, each reason's words left to be written (inWords) once it is known to be shown. */
export function pendingRiskReasons(facts: RiskFacts, now: string, options: { roles?: readonly StaffRole[]; waitingDays?: number } = {}): PendingRiskReason[] {
  return [...standingRiskReasons(facts, options), ...waitingRiskReasons(facts, now, options)];
}

/**
 * The reasons for risk that do not depend on the hour, in the order riskReasons gives them: capacity, what
 * the roster no longer carries, fit, budget, the partner's time and steps to review. The portfolio keeps them with its facts until the
 * database changes; waitingRiskReasons adds, at each request, those that count days.
 */
export function standingRiskReasons(facts: RiskFacts, options: { roles?: readonly StaffRole[] } = {}): PendingRiskReason[] {
  if (facts.stage === "declined") return [];
  const roles = options.roles as StaffRole[] | undefined;
  const reasons: PendingRiskReason[] = [];
  for (const r of facts.capacity ?? []) {
    const who = () => roleLabel(roles, r.role, true);
    reasons.push(
      r.kind === "over"
        ? { kind: "capacity", words: () => `${who()} over capacity in ${monthList(r.months)}: confirmed bookings already exceed the staff available.` }
        : { kind: "capacity_if_tentative", words: () => `${who()} would be over capacity in ${monthList(r.months)} if the tentative bookings go ahead.` }
    );
  }
  // The cause, where it is the roster's: in the words of the approval request and the review page ("Since …:").
  const roster = facts.rosterShort;
  if (roster?.lines.length)
    reasons.push({
      kind: "roster_short",
      words: () => `${roster.changes.length ? `Since ${listOf(roster.changes)}: ` : ""}${roster.lines.join("; ")}.`,
    });
  const fit = facts.fitShortfalls;
  if (fit && fit.count > 0) {
    reasons.push({
      kind: "fit",
      words: () => {
        const named = fit.first.slice(0, FIT_SHORTFALLS_NAMED).map(readableMonths);
        const more = fit.count > named.length ? `; ${andMore(fit.count - named.length, "shortfall")}` : "";
        return `Proposal version ${fit.number} did not fit our capacity: ${named.join("; ")}${more}.`;
      },
    });
  }
  const offer = facts.aboveBudget;
  if (offer) {
    reasons.push({
      kind: "above_budget",
      words: () => {
        // Through the rate the version froze, the fee is named with its equivalent and the rate it rests on, and the gap is in the budget's currency.
        const theirs = offer.through?.rate.to ?? offer.currency;
        const compared = offer.through?.fee ?? offer.fee;
        const fee = offer.through ? feeWithEquivalent(offer.fee, offer.through.rate, { atRate: true }) : money(offer.fee, offer.currency);
        const gap = offer.through ? aboutMoney(compared - offer.max, theirs) : money(compared - offer.max, theirs);
        const over = `${gap} above the partner's maximum of ${money(offer.max, theirs)}`;
        return (
          (offer.unshared !== undefined
            ? `The partner holds proposal version ${offer.number}, whose ${offer.options > 1 ? "lowest fee" : "fee"}, ${fee}, is ${over}.`
            : offer.options > 1
            ? `Every fee proposal version ${offer.number} offers is above the partner's budget: the lowest, ${fee}, is ${over}.`
            : `Proposal version ${offer.number}'s fee, ${fee}, is ${over}.`) + notYetShared(offer)
        );
      },
    });
  }
  const unchecked = facts.budgetUnchecked;
  if (unchecked) {
    const fee = () => `${unchecked.options > 1 ? "lowest fee" : "fee"}, ${money(unchecked.fee, unchecked.currency)}`;
    const theirs = unchecked.budgetCurrency ? `is in ${unchecked.budgetCurrency}` : "names no currency";
    reasons.push({
      kind: "budget_unchecked",
      words: () =>
        `${
          unchecked.unshared !== undefined
            ? `The partner holds proposal version ${unchecked.number}, whose ${fee()},`
            : `Proposal version ${unchecked.number}'s ${fee()},`
        } cannot be checked against the partner's budget, which ${theirs}: no exchange rate is guessed. ${
          unchecked.budgetCurrency
            ? `Record the rate from ${unchecked.currency} to ${unchecked.budgetCurrency} on its Proposal page for a new version to carry, or ask for the budget in ${unchecked.currency}.`
            : `Ask for the budget in ${unchecked.currency}.`
        }` + notYetShared(unchecked),
    });
  }
  const time = facts.pastTime;
  if (time)
    reasons.push({
      kind: "partner_time",
      words: () =>
        `In proposal version ${time.number}${time.unshared !== undefined ? ", which the partner holds" : ""}, ${lowerFirst(time.summary)}${notYetShared(time)}${
          time.agreedSince ? ` The partner's agreement to it was recorded after version ${time.number} was frozen: a new version will carry it.` : ""
        }`,
    });
  const stale = facts.staleSteps;
  if (stale?.length)
    reasons.push({
      kind: "stale_steps",
      words: () => `${listOf(stale)} ${stale.length === 1 ? "needs review: what it rests on has" : "need review: what they rest on has"} changed.`,
    });
  return reasons;
}

/** Whether an engagement has anything that may have waited too long by `now`: what waitingRiskReasons looks at. */
export function mayWait(facts: Pick<RiskFacts, "stage" | "changesRequestedAt" | "approvalWaiting" | "approvedVersion">): boolean {
  if (facts.stage === "declined") return false;
  return (
    (facts.stage === "changes_requested" && !!facts.changesRequestedAt) ||
    !!facts.approvalWaiting ||
    (facts.stage === "approved" && acceptanceAwaited(facts.approvedVersion) !== null)
  );
}

/**
 * The reasons for risk that count days to `now`, after standingRiskReasons' in riskReasons' order: the
 * partner's changes unanswered, an approval waiting, an approved version not yet accepted.
 */
export function waitingRiskReasons(facts: RiskFacts, now: string, options: { waitingDays?: number } = {}): PendingRiskReason[] {
  if (!mayWait(facts)) return [];
  const waiting = options.waitingDays ?? WAITING_DAYS;
  const reasons: PendingRiskReason[] = [];
  if (facts.stage === "changes_requested" && facts.changesRequestedAt) {
    const days = daysSince(facts.changesRequestedAt, now);
    if (days > waiting)
      reasons.push({ kind: "changes_unanswered", words: () => `The partner asked for changes ${days} days ago and has not had a revised version.` });
  }
  const request = facts.approvalWaiting;
  if (request) {
    const days = daysSince(request.submittedAt, now);
    if (days > waiting)
      reasons.push({ kind: "approval_waiting", words: () => `Proposal version ${request.number} has waited ${days} days for leadership approval.` });
  }
  // Approved by our leadership, its staff confirmed, but not agreed: the partner has yet to accept it (docs/domain.md §9.9).
  const awaited = facts.stage === "approved" ? acceptanceAwaited(facts.approvedVersion) : null;
  if (awaited) {
    const days = daysSince(awaited.approvedAt, now);
    if (days > waiting)
      reasons.push({
        kind: "acceptance_waiting",
        words: () =>
          `Leadership approved proposal version ${awaited.number} on ${formatDate(
            awaited.approvedAt.slice(0, 10)
          )}, ${days} days ago, and its staff are confirmed, but the partner has not accepted it.`,
      });
  }
  return reasons;
}

/** How many engagements at risk the portfolio lists before "show all". */
export const AT_RISK_SHOWN = 25;

const SERIOUS: ReadonlySet<RiskKind> = new Set(["capacity", "fit"]);
/** Titles in the order String.localeCompare gives them, with one collator made once. */
const BY_TITLE = new Intl.Collator();

/**
 * The engagements at risk, most at risk first: those with more serious reasons (over capacity on
 * confirmed bookings, a version that did not fit), then more reasons, then by title. With a limit,
 * only that many are kept; `total` still counts them all.
 */
export function rankAtRisk<E extends { title: string; reasons: readonly { kind: RiskKind }[] }>(
  entries: readonly E[],
  limit: number | null,
  titleOrder?: (entry: E) => number
): { shown: E[]; total: number } {
  // Each entry's keys worked out once, not at each of the sort's comparisons (thousands of entries). A caller
  // that ranks the same titles again and again may give each entry's place in titleOrderOf's order, which ranks the same.
  const keyed = entries.map((entry) => ({
    entry,
    serious: entry.reasons.filter((r) => SERIOUS.has(r.kind)).length,
    count: entry.reasons.length,
    place: titleOrder ? titleOrder(entry) : 0,
  }));
  keyed.sort((a, b) => b.serious - a.serious || b.count - a.count || (titleOrder ? a.place - b.place : BY_TITLE.compare(a.entry.title, b.entry.title)));
  const ranked = keyed.map((k) => k.entry);
  return { shown: limit === null ? ranked : ranked.slice(0, limit), total: entries.length };
}

/**
 * Each entry's place when the entries are put in rankAtRisk's title order, entries whose titles compare
 * equal kept in the order given: rankAtRisk's ranking by these places is the same as by their titles.
 */
export function titleOrderOf<E extends { id: number; title: string }>(entries: readonly E[]): Map<number, number> {
  const sorted = [...entries].sort((a, b) => BY_TITLE.compare(a.title, b.title));
  return new Map(sorted.map((e, i) => [e.id, i]));
}

/* ------------------------------------------------------------------------------------------------
 * Approvals waiting
 * ---------------------------------------------------------------------------------------------- */

/** How many approvals waiting the portfolio lists before "show all". */
export const APPROVALS_SHOWN = 25;

/**
 * The approval requests waiting, longest waiting first: the earliest submitted, then the earlier
 * request. With a limit, only that many are kept; `total` still counts them all, and `overdue` all
 * those waiting more than `waitingDays`.
 */
export function rankApprovals<A extends { id: number; submittedAt: string; daysWaiting: number }>(
  entries: readonly A[],
  limit: number | null,
  waitingDays: number = WAITING_DAYS
): { shown: A[]; total: number; overdue: number } {
  const at = (a: A) => Date.parse(a.submittedAt);
  const ranked = [...entries].sort((a, b) => at(a) - at(b) || a.id - b.id);
  return {
    shown: limit === null ? ranked : ranked.slice(0, limit),
    total: entries.length,
    overdue: entries.filter((a) => a.daysWaiting > waitingDays).length,
  };
}
