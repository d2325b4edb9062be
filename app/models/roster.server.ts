import { and, asc, eq, ne, sql } from "drizzle-orm";
import { bookings, staff } from "../../db/schema";
import { Conflict, Forbidden, NotFound } from "~/domain/errors";
import { may } from "~/domain/permissions";
import type { Booking, StaffMember } from "~/domain/capacity";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";

export type StaffInput = {
  name: string;
  role: string;
  fte: number;
  availableFrom?: string | null;
  availableTo?: string | null;
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

/** The roster as the capacity calculation needs it. Internal: never for partner users. */
export function readRoster(db: DB | Tx = getDb()): StaffMember[] {
  return db
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
}

/**
 * Every other engagement's bookings, at role level, confirmed and tentative, summed per role, month
 * and status. Capacity only ever needs these totals (role-level bookings draw on the role's pool
 * additively), and summing in SQLite turns tens of thousands of rows in a large portfolio into a few
 * hundred before the fit searches go over them again for every start month they try.
 */
export function readOtherBookings(engagementId: number | null, db: DB | Tx = getDb()): Booking[] {
  const rows = db
    .select({ role: bookings.role, month: bookings.month, status: bookings.status, fte: sql<number>`sum(${bookings.fte})` })
    .from(bookings)
    .where(engagementId === null ? undefined : ne(bookings.engagementId, engagementId))
    .groupBy(bookings.role, bookings.month, bookings.status)
    .all();
  return rows.map((r) => ({ role: r.role, from: r.month, to: r.month, fte: r.fte, status: r.status }));
}

export function addStaffMember(actor: Actor, input: StaffInput) {
  requireRosterManager(actor);
  return getDb().transaction((tx) => {
    const id = tx
      .insert(staff)
      .values({ ...input, dayRate: input.dayRate ?? 0 })
      .returning({ id: staff.id })
      .get().id;
    writeAudit(tx, { userId: actor.id, action: "staff.create", detail: { staffId: id, name: input.name, role: input.role } });
    return id;
  });
}

/** Saves a roster entry edited from `version`; a Conflict if someone else saved it since. */
export function updateStaffMember(actor: Actor, id: number, input: StaffInput, version: number) {
  requireRosterManager(actor);
  return getDb().transaction((tx) => {
    const result = tx
      .update(staff)
      .set({ ...input, dayRate: input.dayRate ?? 0, version: version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(staff.id, id), eq(staff.version, version)))
      .run();
    if (result.changes !== 1) {
      if (!tx.select({ id: staff.id }).from(staff).where(eq(staff.id, id)).get()) throw new NotFound("No such staff member.");
      throw new Conflict("Someone else changed this person while you were editing. Your changes are below, not saved; reload to see theirs.");
    }
    writeAudit(tx, { userId: actor.id, action: "staff.update", detail: { staffId: id, name: input.name, role: input.role } });
  });
}

/** Removes a roster entry and returns the name it had. */
export function removeStaffMember(actor: Actor, id: number): string {
  requireRosterManager(actor);
  return getDb().transaction((tx) => {
    const row = tx.select({ name: staff.name }).from(staff).where(eq(staff.id, id)).get();
    if (!row) throw new NotFound("No such staff member.");
    tx.delete(staff).where(eq(staff.id, id)).run();
    writeAudit(tx, { userId: actor.id, action: "staff.remove", detail: { staffId: id, name: row.name } });
    return row.name;
  });
}
