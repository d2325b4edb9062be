import { formatDate, formatMonth, monthRange, type Month, shortMonth } from "./calendar";
import { availableFte, fteFigure, roleLabel, type BookingStatus, type CapacityCell, type StaffMember } from "./capacity";
import { leaveLine } from "./leave";
import { listOf, plural } from "./plural";
import { assessFit } from "./resource-fit";
import type { StaffRole } from "./roster-forms";

/**
 * What a change to the roster breaks (docs/domain.md §8.1): the engagements whose staff leadership has
 * approved, or is deciding on, that the roster as changed leaves short of what they book. Judged by the
 * approval's own check (`assessFit`), on the engagement's bookings, in the months whose capacity the
 * change lowered: a shortfall the change did not make or deepen is not its doing.
 */

/** Where an engagement's commitment stands: submitted for approval, approved, or approved and accepted by the partner. */
export type Commitment = "submitted" | "approved" | "agreed";

export const COMMITMENT_WORDS: Record<Commitment, string> = {
  submitted: "awaiting approval",
  approved: "approved",
  agreed: "agreed with the partner",
};

/** One month of an engagement's bookings of a role, with whose they are. */
export type CommittedBooking = {
  engagementId: number;
  title: string;
  commitment: Commitment;
  /** The proposal version the bookings stand for. */
  versionId: number;
  number: number;
  role: string;
  month: Month;
  fte: number;
  status: BookingStatus;
};

/** Every engagement's bookings of a role in a month, summed by status. */
export type BookedTotal = { role: string; month: Month; status: BookingStatus; fte: number };

/** An engagement the roster leaves short of one role, in these months, by as much as `gap` FTE in the worst of them. */
export type RosterShortfall = {
  engagementId: number;
  title: string;
  commitment: Commitment;
  versionId: number;
  number: number;
  role: string;
  months: Month[];
  gap: number;
};

const EPSILON = 1e-6;
const round = (n: number) => Math.round(n * 1000) / 1000;

function capacityOf(roster: readonly StaffMember[], role: string, month: Month): number {
  let total = 0;
  for (const m of roster) if (m.role === role) total += availableFte(m, month);
  return round(total);
}

/**
 * The roles and months whose capacity the change lowered, each engagement's bookings there judged
 * against the roster before and after it, as the approval request judges them: against what the other
 * engagements' confirmed bookings leave free. An engagement is named in a role for the months it is
 * short after the change and was less short, or not short, before it.
 */
export function rosterChangeShortfalls(f: {
  before: readonly StaffMember[];
  after: readonly StaffMember[];
  totals: readonly BookedTotal[];
  committed: readonly CommittedBooking[];
}): RosterShortfall[] {
  const confirmed = new Map<string, number>();
  for (const t of f.totals) if (t.status === "confirmed") confirmed.set(`${t.role}|${t.month}`, (confirmed.get(`${t.role}|${t.month}`) ?? 0) + t.fte);
  const lowered = new Map<string, { before: number; after: number } | null>();
  const loweredIn = (role: string, month: Month) => {
    const key = `${role}|${month}`;
    if (!lowered.has(key)) {
      const before = capacityOf(f.before, role, month);
      const after = capacityOf(f.after, role, month);
      lowered.set(key, after < before - EPSILON ? { before, after } : null);
    }
    return lowered.get(key)!;
  };
  const cell = (role: string, month: Month, total: number, othersConfirmed: number): CapacityCell => ({
    role,
    month,
    total,
    confirmed: othersConfirmed,
    tentative: 0,
    freeAfterConfirmed: round(Math.max(0, total - othersConfirmed)),
    freeAfterAll: round(Math.max(0, total - othersConfirmed)),
  });
  const byEngagement = new Map<number, CommittedBooking[]>();
  for (const b of f.committed) {
    if (b.fte <= EPSILON || !loweredIn(b.role, b.month)) continue;
    byEngagement.set(b.engagementId, [...(byEngagement.get(b.engagementId) ?? []), b]);
  }
  const out: RosterShortfall[] = [];
  for (const booked of byEngagement.values()) {
    const demand = booked.map((b) => ({ role: b.role, month: b.month, fte: b.fte, days: 0, reasons: [] }));
    const others = (b: CommittedBooking) => round(Math.max(0, (confirmed.get(`${b.role}|${b.month}`) ?? 0) - (b.status === "confirmed" ? b.fte : 0)));
    const judged = (side: "before" | "after") =>
      new Map(
        assessFit(
          demand,
          booked.map((b) => cell(b.role, b.month, loweredIn(b.role, b.month)![side], others(b)))
        ).shortfalls.map((s) => [`${s.role}|${s.month}`, s.gap])
      );
    const before = judged("before");
    const after = judged("after");
    const byRole = new Map<string, { months: Month[]; gap: number }>();
    for (const [key, gap] of after) {
      if (gap <= (before.get(key) ?? 0) + EPSILON) continue;
      const [role, month] = key.split("|") as [string, Month];
      const entry = byRole.get(role) ?? { months: [], gap: 0 };
      entry.months.push(month);
      entry.gap = Math.max(entry.gap, gap);
      byRole.set(role, entry);
    }
    const { engagementId, title, commitment, versionId, number } = booked[0]!;
    for (const [role, { months, gap }] of byRole)
      out.push({ engagementId, title, commitment, versionId, number, role, months: months.sort(), gap: round(gap) });
  }
  return out.sort((a, b) => a.title.localeCompare(b.title) || a.engagementId - b.engagementId || a.role.localeCompare(b.role));
}

/**
 * Which of these engagements' roles the roster as it stands leaves short in any month booked, judged as
 * above: "engagementId|role" for each. What an earlier change left short is mended once it is not.
 */
export function shortNow(roster: readonly StaffMember[], totals: readonly BookedTotal[], committed: readonly CommittedBooking[]): Set<string> {
  const confirmed = new Map<string, number>();
  for (const t of totals) if (t.status === "confirmed") confirmed.set(`${t.role}|${t.month}`, (confirmed.get(`${t.role}|${t.month}`) ?? 0) + t.fte);
  const out = new Set<string>();
  for (const b of committed) {
    const others = Math.max(0, (confirmed.get(`${b.role}|${b.month}`) ?? 0) - (b.status === "confirmed" ? b.fte : 0));
    const free = Math.max(0, capacityOf(roster, b.role, b.month) - others);
    if (b.fte > free + EPSILON) out.add(`${b.engagementId}|${b.role}`);
  }
  return out;
}

/** "May 2027 – Aug 2029", "in May 2027", or, with months between them not short, "in 5 months from May 2027 to Aug 2029". */
export function monthsWords(months: readonly Month[]): string {
  const sorted = [...months].sort();
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (first === last) return `in ${formatMonth(first)}`;
  if (monthRange(first, last).length === sorted.length) return `${shortMonth(first)} – ${shortMonth(last)}`;
  return `in ${plural(sorted.length, "month")} from ${shortMonth(first)} to ${shortMonth(last)}`;
}

/** One role's shortfall in one line, however many months it runs: "Communications / campaign leads: short by up to 0.2 FTE, May 2027 – Aug 2029". */
export function shortfallLine(roles: readonly StaffRole[], role: string, gap: number, months: readonly Month[]): string {
  const by = months.length > 1 ? `up to ${fteFigure(gap)}` : fteFigure(gap);
  return `${roleLabel(roles as StaffRole[], role, true)}: short by ${by} FTE, ${monthsWords(months)}`;
}

/**
 * A set of shortfalls by month ({role, month, gap}) gathered into one line per role, in the roles'
 * order: what the approval request and the review page list, where a line a month said the same
 * thing twenty-eight times.
 */
export function shortfallsByRole(
  roles: readonly StaffRole[],
  shortfalls: readonly { role: string; month: Month; gap: number }[]
): { role: string; months: Month[]; gap: number; line: string }[] {
  const byRole = new Map<string, { months: Month[]; gap: number }>();
  for (const s of shortfalls) {
    const entry = byRole.get(s.role) ?? { months: [], gap: 0 };
    entry.months.push(s.month);
    entry.gap = Math.max(entry.gap, s.gap);
    byRole.set(s.role, entry);
  }
  const order = (key: string) => {
    const i = roles.findIndex((r) => r.key === key);
    return i < 0 ? roles.length : i;
  };
  return [...byRole.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([role, { months, gap }]) => ({ role, months: months.sort(), gap, line: shortfallLine(roles, role, gap, months) }));
}

/**
 * What changed of a person on the roster, in a phrase: "Hannah Schultz (communications / campaign lead)
 * is available until February 2027", or "… is on leave March – May 2027, half of each month".
 */
export function rosterChangeWhat(roles: readonly StaffRole[], before: StaffMember, after: StaffMember | null): string {
  const who = `${before.name} (${roleLabel(roles as StaffRole[], before.role).toLowerCase()})`;
  if (!after) return `${who} was removed from the roster`;
  const changes: string[] = [];
  if (after.role !== before.role) changes.push(`moved to ${roleLabel(roles as StaffRole[], after.role).toLowerCase()}`);
  if (Math.abs(after.fte - before.fte) > EPSILON) changes.push(`works ${fteFigure(after.fte)} FTE, where it was ${fteFigure(before.fte)}`);
  if ((after.availableTo ?? null) !== (before.availableTo ?? null))
    changes.push(after.availableTo ? `is available until ${formatMonth(after.availableTo)}` : "is available with no end");
  if ((after.availableFrom ?? null) !== (before.availableFrom ?? null))
    changes.push(after.availableFrom ? `is available from ${formatMonth(after.availableFrom)}` : "is available from now");
  // Leave recorded or lengthened: the months away now, as the roster lists them.
  const had = new Set((before.leave ?? []).map((l) => `${l.from}|${l.to}|${l.share}`));
  for (const l of after.leave ?? [])
    if (!had.has(`${l.from}|${l.to}|${l.share}`)) changes.push(`is on leave ${leaveLine({ fromMonth: l.from, toMonth: l.to, share: l.share })}`);
  return `${who} ${changes.length ? listOf(changes) : "was edited"}`;
}

/** An engagement and what it is short of, in a sentence: "National sepsis campaign (awaiting approval): Communications / campaign leads: short by …". */
export function engagementShortfallWords(roles: readonly StaffRole[], shortfalls: readonly RosterShortfall[]): string[] {
  const byEngagement = new Map<number, RosterShortfall[]>();
  for (const s of shortfalls) byEngagement.set(s.engagementId, [...(byEngagement.get(s.engagementId) ?? []), s]);
  return [...byEngagement.values()].map((list) => {
    const { title, commitment, number } = list[0]!;
    return `${title} (version ${number}, ${COMMITMENT_WORDS[commitment]}): ${list.map((s) => shortfallLine(roles, s.role, s.gap, s.months)).join("; ")}`;
  });
}

/**
 * What the administrator who changed the roster is told it breaks (docs/domain.md §8.1): each
 * engagement submitted for approval, approved or agreed that it leaves short, or that none is.
 */
export function rosterChangeBreaks(roles: readonly StaffRole[], shortfalls: readonly RosterShortfall[]): string {
  if (!shortfalls.length) return "It leaves no engagement submitted for approval, approved or agreed short of the staff it books.";
  const lines = engagementShortfallWords(roles, shortfalls);
  return `It leaves short ${plural(lines.length, "engagement")} submitted for approval, approved or agreed, whose owners and leadership are told: ${lines.join(
    ". "
  )}.`;
}

/**
 * The notice of a shortfall a change to the roster made, for the engagement's owners or for leadership:
 * who changed, what the engagement is short of and when, and what to do.
 */
export function rosterShortfallNotice(
  roles: readonly StaffRole[],
  f: {
    change: string;
    title: string;
    number: number;
    commitment: string;
    short: readonly { role: string; gap: number; months: readonly Month[] }[];
    reader: "owner" | "leader";
  }
): string {
  const lines = f.short.map((s) => shortfallLine(roles, s.role, s.gap, s.months)).join("; ");
  const todo =
    f.reader === "owner"
      ? "Ask the administrator to cover these months, or amend the plan and submit it again"
      : "Leadership counted on staff the roster no longer has: read the approval request again";
  return `${f.change}, which leaves ${f.title} (version ${f.number}, ${f.commitment}) short of staff it books: ${lines}. ${todo}.`;
}

/**
 * Said on an approved version that is short now: leadership approved it when our capacity fitted it,
 * on that day, as the version judged it when it was frozen; that fit no longer holds, and why.
 */
export function approvalNoLongerFits(
  decidedAt: string,
  snapshot: { date: string; fit: { verdict: string } | null },
  short: { roster: readonly string[]; others: readonly string[] }
): string {
  const approved = `Leadership approved this version on ${formatDate(decidedAt)}`;
  const cause = short.roster.length ? "the roster no longer has staff the approval counted on" : "other engagements now hold staff the approval counted on";
  if (snapshot.fit?.verdict === "does_not_fit")
    return `${approved}, knowing it was short of staff when it was frozen on ${formatDate(snapshot.date)}. What it is short of now is below: ${cause}.`;
  return `${approved}, when our capacity fitted it (as judged on ${formatDate(
    snapshot.date
  )}, when the version was frozen). It no longer does: ${cause}, so the reasons given for approving it may no longer hold.`;
}
