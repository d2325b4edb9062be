import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { bookings, engagements, partnerResponses, proposalVersions, rosterShortfalls, staff, staffLeave } from "../../db/schema";
import { Conflict, Forbidden, NotFound, Refusals } from "~/domain/errors";
import { leaveOf, leaveRefusals, type LeaveInput, type LeaveRecord } from "~/domain/leave";
import { may } from "~/domain/permissions";
import type { Booking, StaffMember } from "~/domain/capacity";
import type { Month } from "~/domain/calendar";
import type { Actor } from "~/domain/roles";
import { rosterChangeShortfalls, rosterChangeWhat, shortNow, type BookedTotal, type CommittedBooking, type RosterShortfall } from "~/domain/roster-change";
import { getStaffRoles } from "~/services/templates.server";
import { tellRosterShortfalls } from "./mail-notices.server";
import { writeAudit } from "~/services/audit.server";
import { builtQuery, getDb, qualified, type DB, type Tx } from "~/services/db.server";
import { keptViews } from "~/services/kept-views.server";

export type StaffInput = {
  name: string;
  role: string;
  fte: number;
  availableFrom?: string | null;
  availableTo?: string | null;
  /** Null: priced at the role's rate, its other people's or its standard one (resource-fit.ts `dayRatesFromRoster`). */
  dayRate: number | null;
};

function requireRosterManager(actor: Actor) {
  if (!may(actor, "roster:manage")) throw new Forbidden("Only administrators manage the staff roster.");
}

/** The whole roster with day rates, for administrators. */
export function listStaff(actor: Actor) {
  requireRosterManager(actor);
  return getDb().select().from(staff).orderBy(asc(staff.role), asc(staff.name)).all();
}

export function getStaffMember(actor: Actor, id: number) {
  requireRosterManager(actor);
  const row = getDb().select().from(staff).where(eq(staff.id, id)).get();
  if (!row) throw new NotFound("No such staff member.");
  return row;
}

/** Each role's people and FTE this month, for the roster page (capacity.ts `rosterTotals`). */
export { rosterTotals } from "~/domain/capacity";

/**
 * A record of what a change to the roster left short that no later change mended, while the engagement
 * still books the version it names (docs/domain.md §8.1): what the notices and the portfolio tell of.
 */
export const openShortfallStillBooked = and(
  isNull(rosterShortfalls.resolvedAt),
  sql`exists (select 1 from ${bookings} where ${qualified(bookings.engagementId)} = ${qualified(rosterShortfalls.engagementId)} and ${qualified(
    bookings.proposalVersionId
  )} = ${qualified(rosterShortfalls.proposalVersionId)})`
)!;

/** The roster as the capacity calculation needs it, each person with their leave. Internal: never for partner users. */
export function readRoster(db: DB | Tx = getDb()): StaffMember[] {
  const leave = new Map<number, StaffMember["leave"] & unknown[]>();
  for (const l of allLeave(db)) {
    const list = leave.get(l.staffId);
    if (list) list.push(leaveOf(l));
    else leave.set(l.staffId, [leaveOf(l)]);
  }
  const people: StaffMember[] = db
    .select({
      id: staff.id,
      name: staff.name,
      role: staff.role,
      fte: staff.fte,
      availableFrom: staff.availableFrom,
      availableTo: staff.availableTo,
      dayRate: staff.dayRate,
    })
    .from(staff)
    .all();
  // Only those with leave carry it: the roster of everyone else reads as it did before leave was kept.
  return leave.size ? people.map((p) => (leave.has(p.id as number) ? { ...p, leave: leave.get(p.id as number) } : p)) : people;
}

/**
 * Every other engagement's bookings, at role level, confirmed and tentative, summed per role, month
 * and status. Capacity only ever needs these totals (role-level bookings draw on the role's pool
 * additively), and summing in SQLite turns tens of thousands of rows in a large portfolio into a few
 * hundred before the fit searches go over them again for every start month they try.
 */
export function readOtherBookings(engagementId: number | null, db: DB | Tx = getDb()): Booking[] {
  // Kept like the totals, so that the snapshot, the budget panel and the options a request draws read them once; callers only read them.
  return keptOthers.get(String(engagementId), () => ({ bookings: othersFrom(engagementId, db) }), { copy: false, from: db }).bookings;
}

/*
 * Only a few: what a request's readers share. The capacity searches keep their month-by-month capacity
 * and assessments beside the bookings array they judged (resource-fit.ts), so each one kept holds some
 * hundreds of KiB; a hundred of them were a sixth of the server's live memory after a run of first visits,
 * and reading them again costs one small query (docs/decisions/0019, update of 2026-12-06).
 */
const keptOthers = keptViews<{ bookings: Booking[] }>(4);

function othersFrom(engagementId: number | null, db: DB | Tx): Booking[] {
  const totals = bookingTotals(db);
  if (engagementId === null) return totals.map((t) => ({ role: t.role, from: t.month, to: t.month, fte: t.fte, status: t.status }));
  // Everyone's totals less the engagement's own: the portfolio's totals are read once while the
  // database is unchanged, the engagement's own bookings are few (docs/decisions/0019).
  const own = new Map<string, number>();
  for (const o of builtQuery("own booking totals", ownTotalsQuery, db).all({ engagementId })) own.set(`${o.role}|${o.month}|${o.status}`, o.fte);
  const out: Booking[] = [];
  for (const t of totals) {
    const mine = own.get(`${t.role}|${t.month}|${t.status}`);
    if (mine === undefined) {
      out.push({ role: t.role, from: t.month, to: t.month, fte: t.fte, status: t.status });
      continue;
    }
    // What the others book, to a billionth of an FTE: sums taken in another order differ in the last bits.
    const others = Math.round((t.fte - mine) * 1e9) / 1e9;
    if (others > 0) out.push({ role: t.role, from: t.month, to: t.month, fte: others, status: t.status });
  }
  return out;
}

type BookingTotal = { role: string; month: string; status: "tentative" | "confirmed"; fte: number };

const totalsQuery = (db: DB | Tx) =>
  db
    .select({ role: bookings.role, month: bookings.month, status: bookings.status, fte: sql<number>`sum(${bookings.fte})` })
    .from(bookings)
    .groupBy(bookings.role, bookings.month, bookings.status)
    .prepare();

const ownTotalsQuery = (db: DB | Tx) =>
  db
    .select({ role: bookings.role, month: bookings.month, status: bookings.status, fte: sql<number>`sum(${bookings.fte})` })
    .from(bookings)
    .where(eq(bookings.engagementId, sql.placeholder("engagementId")))
    .groupBy(bookings.role, bookings.month, bookings.status)
    .prepare();

/** Every engagement's bookings summed per role, month and status, kept while the database is unchanged. */
const keptTotals = keptViews<{ totals: BookingTotal[] }>(2);

function bookingTotals(db: DB | Tx): BookingTotal[] {
  return keptTotals.get("all", () => ({ totals: builtQuery("booking totals", totalsQuery, db).all() }), { copy: false, from: db }).totals;
}

/** Adds a person to the roster; what an earlier change left short in their role and they cover is recorded as mended. */
export function addStaffMember(actor: Actor, input: StaffInput, today: Month) {
  requireRosterManager(actor);
  return getDb().transaction((tx) => {
    const before = readRoster(tx);
    const id = tx.insert(staff).values(input).returning({ id: staff.id }).get().id;
    shortfallsAfter(tx, actor, before, [input.role], today, id);
    writeAudit(tx, { userId: actor.id, action: "staff.create", detail: { staffId: id, name: input.name, role: input.role } });
    return id;
  });
}

/**
 * Saves a roster entry edited from `version`; a Conflict if someone else saved it since. Returns the
 * engagements submitted for approval, approved or agreed that the change leaves short (docs/domain.md §8.1).
 */
export function updateStaffMember(actor: Actor, id: number, input: StaffInput, version: number, today: Month): RosterShortfall[] {
  requireRosterManager(actor);
  return getDb().transaction((tx) => {
    const before = readRoster(tx);
    const result = tx
      .update(staff)
      .set({ ...input, version: version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(staff.id, id), eq(staff.version, version)))
      .run();
    if (result.changes !== 1) {
      if (!tx.select({ id: staff.id }).from(staff).where(eq(staff.id, id)).get()) throw new NotFound("No such staff member.");
      throw new Conflict("Someone else changed this person while you were editing. Your changes are below, not saved; reload to see theirs.");
    }
    const was = before.find((m) => m.id === id)!;
    const shortfalls = shortfallsAfter(tx, actor, before, [was.role, input.role], today, id);
    writeAudit(tx, { userId: actor.id, action: "staff.update", detail: { staffId: id, name: input.name, role: input.role, ...shortfallDetail(shortfalls) } });
    return shortfalls;
  });
}

/** Removes a roster entry; returns the name it had and the engagements its removal leaves short. */
export function removeStaffMember(actor: Actor, id: number, today: Month): { name: string; shortfalls: RosterShortfall[] } {
  requireRosterManager(actor);
  return getDb().transaction((tx) => {
    const before = readRoster(tx);
    const row = before.find((m) => m.id === id);
    if (!row) throw new NotFound("No such staff member.");
    tx.delete(staff).where(eq(staff.id, id)).run();
    const shortfalls = shortfallsAfter(tx, actor, before, [row.role], today, id);
    writeAudit(tx, { userId: actor.id, action: "staff.remove", detail: { staffId: id, name: row.name, ...shortfallDetail(shortfalls) } });
    return { name: row.name, shortfalls };
  });
}

/** The shortfalls as the audit trail keeps them: which engagement, role and months. */
function shortfallDetail(shortfalls: RosterShortfall[]) {
  return shortfalls.length ? { leavesShort: shortfalls.map((s) => ({ engagementId: s.engagementId, role: s.role, months: s.months, gap: s.gap })) } : {};
}

/**
 * What the roster as it now stands leaves short that the roster `before` did not, in the roles the
 * change touched, from this month on: only those roles' bookings are read, summed by the database.
 * Each shortfall is recorded, and its engagement's owners and leadership told of it by mail, once; what
 * an earlier change left short in these roles and no longer is, is recorded as mended.
 */
function shortfallsAfter(tx: Tx, actor: Actor, before: StaffMember[], roles: string[], today: Month, changedId: number): RosterShortfall[] {
  const touched = [...new Set(roles)];
  const totals: BookedTotal[] = tx
    .select({ role: bookings.role, month: bookings.month, status: bookings.status, fte: sql<number>`sum(${bookings.fte})` })
    .from(bookings)
    .where(and(inArray(bookings.role, touched), gte(bookings.month, today)))
    .groupBy(bookings.role, bookings.month, bookings.status)
    .all();
  const committed: CommittedBooking[] = tx
    .select({
      engagementId: bookings.engagementId,
      title: engagements.title,
      versionId: bookings.proposalVersionId,
      number: proposalVersions.number,
      role: bookings.role,
      month: bookings.month,
      fte: bookings.fte,
      status: bookings.status,
      accepted: sql<number>`exists (select 1 from ${partnerResponses} where ${qualified(partnerResponses.proposalVersionId)} = ${qualified(
        bookings.proposalVersionId
      )} and ${qualified(partnerResponses.response)} = 'accepted')`,
    })
    .from(bookings)
    .innerJoin(engagements, eq(engagements.id, bookings.engagementId))
    .innerJoin(proposalVersions, eq(proposalVersions.id, bookings.proposalVersionId))
    // What leadership approved (confirmed bookings), or is deciding on (a request's tentative ones).
    .where(and(inArray(bookings.role, touched), gte(bookings.month, today), or(eq(bookings.status, "confirmed"), eq(engagements.stage, "awaiting_approval"))))
    .all()
    .map(({ accepted, versionId, ...b }) => ({
      ...b,
      versionId: versionId!,
      commitment: b.status === "confirmed" ? (accepted ? "agreed" : "approved") : "submitted",
    }));
  const after = readRoster(tx);
  const shortfalls = rosterChangeShortfalls({ before, after, totals, committed });
  const now = new Date().toISOString();
  const stillShort = shortNow(after, totals, committed);
  for (const open of tx
    .select({ id: rosterShortfalls.id, engagementId: rosterShortfalls.engagementId, role: rosterShortfalls.role })
    .from(rosterShortfalls)
    .where(and(isNull(rosterShortfalls.resolvedAt), inArray(rosterShortfalls.role, touched)))
    .all())
    if (!stillShort.has(`${open.engagementId}|${open.role}`))
      tx.update(rosterShortfalls).set({ resolvedAt: now }).where(eq(rosterShortfalls.id, open.id)).run();
  if (!shortfalls.length) return shortfalls;
  const roleList = getStaffRoles().roles;
  const change = rosterChangeWhat(roleList, before.find((m) => m.id === changedId)!, after.find((m) => m.id === changedId) ?? null);
  for (const s of shortfalls)
    tx.insert(rosterShortfalls)
      .values({
        engagementId: s.engagementId,
        proposalVersionId: s.versionId,
        commitment: s.commitment,
        role: s.role,
        monthsJson: JSON.stringify(s.months),
        gap: s.gap,
        change,
        changedById: actor.id,
        at: now,
      })
      .run();
  tellRosterShortfalls(tx, change, shortfalls);
  return shortfalls;
}

/* ------------------------------------------------------------------------------------------------
 * Leave: months a person is away, taken off their capacity (docs/domain.md §8.1, docs/decisions/0035)
 * ---------------------------------------------------------------------------------------------- */

function requireLeaveManager(actor: Actor) {
  if (!may(actor, "leave:manage")) throw new Forbidden("Only administrators record leave on the roster.");
}

/** A leave as its administrator reads and edits it, reason included. */
const LEAVE_COLUMNS = {
  id: staffLeave.id,
  fromMonth: staffLeave.fromMonth,
  toMonth: staffLeave.toMonth,
  share: staffLeave.share,
  reason: staffLeave.reason,
  version: staffLeave.version,
};

/** Every person's leave, earliest first, as capacity and the roster's list count it: no reasons. */
function allLeave(db: DB | Tx) {
  return db
    .select({ staffId: staffLeave.staffId, fromMonth: staffLeave.fromMonth, toMonth: staffLeave.toMonth, share: staffLeave.share })
    .from(staffLeave)
    .orderBy(asc(staffLeave.fromMonth))
    .all();
}

/** A person's leave, earliest first, reasons included: for administrators. */
export function listLeave(actor: Actor, staffId: number): (LeaveRecord & { version: number })[] {
  requireLeaveManager(actor);
  return getDb().select(LEAVE_COLUMNS).from(staffLeave).where(eq(staffLeave.staffId, staffId)).orderBy(asc(staffLeave.fromMonth)).all();
}

/** Every person's leave, earliest first, for the roster's list. */
export function listAllLeave(actor: Actor) {
  requireLeaveManager(actor);
  return allLeave(getDb());
}

/** One leave of one person, with the person's name; NotFound when the leave is not theirs. */
export function getLeave(actor: Actor, staffId: number, leaveId: number) {
  requireLeaveManager(actor);
  const row = getDb()
    .select({
      ...LEAVE_COLUMNS,
      name: staff.name,
      availableFrom: staff.availableFrom,
      availableTo: staff.availableTo,
    })
    .from(staffLeave)
    .innerJoin(staff, eq(staff.id, staffLeave.staffId))
    .where(and(eq(staffLeave.id, leaveId), eq(staffLeave.staffId, staffId)))
    .get();
  if (!row) throw new NotFound("No such leave.");
  return row;
}

/** Refuses, field by field, a leave outside the person's months or over another of their leaves. */
function checkLeave(tx: Tx, staffId: number, input: LeaveInput, except: number | null) {
  const person = tx
    .select({ name: staff.name, availableFrom: staff.availableFrom, availableTo: staff.availableTo })
    .from(staff)
    .where(eq(staff.id, staffId))
    .get();
  if (!person) throw new NotFound("No such staff member.");
  const others = tx
    .select({ fromMonth: staffLeave.fromMonth, toMonth: staffLeave.toMonth })
    .from(staffLeave)
    .where(except === null ? eq(staffLeave.staffId, staffId) : and(eq(staffLeave.staffId, staffId), ne(staffLeave.id, except)))
    .all();
  const refused = leaveRefusals(input, person, others);
  if (Object.keys(refused).length) throw new Refusals(refused);
  return person;
}

const leaveValues = (input: LeaveInput) => ({ fromMonth: input.fromMonth, toMonth: input.toMonth, share: input.percent / 100, reason: input.reason });

/**
 * Records a person's leave. Returns the engagements submitted for approval, approved or agreed that
 * it leaves short, whose owners and leadership are told, as after any change to the roster.
 */
export function addLeave(actor: Actor, staffId: number, input: LeaveInput, today: Month): RosterShortfall[] {
  requireLeaveManager(actor);
  return getDb().transaction((tx) => {
    const person = checkLeave(tx, staffId, input, null);
    const before = readRoster(tx);
    const id = tx
      .insert(staffLeave)
      .values({ staffId, ...leaveValues(input) })
      .returning({ id: staffLeave.id })
      .get().id;
    const role = before.find((m) => m.id === staffId)!.role;
    const shortfalls = shortfallsAfter(tx, actor, before, [role], today, staffId);
    writeAudit(tx, {
      userId: actor.id,
      action: "staff.leave.create",
      detail: { staffId, leaveId: id, name: person.name, ...leaveDetail(input), ...shortfallDetail(shortfalls) },
    });
    return shortfalls;
  });
}

/** Saves a leave edited from `version`; a Conflict if someone else saved it since. Returns what it leaves short. */
export function updateLeave(actor: Actor, staffId: number, leaveId: number, input: LeaveInput, version: number, today: Month): RosterShortfall[] {
  requireLeaveManager(actor);
  return getDb().transaction((tx) => {
    const person = checkLeave(tx, staffId, input, leaveId);
    const before = readRoster(tx);
    const result = tx
      .update(staffLeave)
      .set({ ...leaveValues(input), version: version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(staffLeave.id, leaveId), eq(staffLeave.staffId, staffId), eq(staffLeave.version, version)))
      .run();
    if (result.changes !== 1) {
      if (
        !tx
          .select({ id: staffLeave.id })
          .from(staffLeave)
          .where(and(eq(staffLeave.id, leaveId), eq(staffLeave.staffId, staffId)))
          .get()
      )
        throw new NotFound("No such leave.");
      throw new Conflict("Someone else changed this leave while you were editing. Your changes are below, not saved; reload to see theirs.");
    }
    const role = before.find((m) => m.id === staffId)!.role;
    const shortfalls = shortfallsAfter(tx, actor, before, [role], today, staffId);
    writeAudit(tx, {
      userId: actor.id,
      action: "staff.leave.update",
      detail: { staffId, leaveId, name: person.name, ...leaveDetail(input), ...shortfallDetail(shortfalls) },
    });
    return shortfalls;
  });
}

/** Removes a leave: the person's time counts again. What an earlier change left short and this mends is recorded as mended. */
export function removeLeave(actor: Actor, staffId: number, leaveId: number, today: Month): { name: string } {
  requireLeaveManager(actor);
  return getDb().transaction((tx) => {
    const row = tx
      .select({ name: staff.name, role: staff.role, fromMonth: staffLeave.fromMonth, toMonth: staffLeave.toMonth })
      .from(staffLeave)
      .innerJoin(staff, eq(staff.id, staffLeave.staffId))
      .where(and(eq(staffLeave.id, leaveId), eq(staffLeave.staffId, staffId)))
      .get();
    if (!row) throw new NotFound("No such leave.");
    const before = readRoster(tx);
    tx.delete(staffLeave).where(eq(staffLeave.id, leaveId)).run();
    shortfallsAfter(tx, actor, before, [row.role], today, staffId);
    writeAudit(tx, {
      userId: actor.id,
      action: "staff.leave.remove",
      detail: { staffId, leaveId, name: row.name, fromMonth: row.fromMonth, toMonth: row.toMonth },
    });
    return { name: row.name };
  });
}

/** The leave as the audit trail keeps it; never the reason, which stays on the roster. */
function leaveDetail(input: LeaveInput) {
  return { fromMonth: input.fromMonth, toMonth: input.toMonth, share: input.percent / 100 };
}
