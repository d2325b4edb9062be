import { asc, and, count, eq } from "drizzle-orm";
import { methodDecisions, openCollaboratives } from "../../db/schema";
import { isIsoDate, type IsoDate } from "~/domain/calendar";
import { Conflict, Forbidden, NotFound } from "~/domain/errors";
import { may } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import type { OpenCollaborative } from "~/domain/small-requests";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { listDriverDiagramTemplates } from "~/services/templates.server";

export type OpenCollaborativeInput = { topic: string; title: string; host: string; sessionDates: string[]; placesLeft: number };

function requireManager(actor: Actor) {
  if (!may(actor, "open_collaborative:manage")) throw new Forbidden("Only administrators keep the list of open collaboratives.");
}

type Row = typeof openCollaboratives.$inferSelect;

function fromRow(row: Row): OpenCollaborative {
  let dates: unknown;
  try {
    dates = JSON.parse(row.sessionDatesJson);
  } catch {
    dates = [];
  }
  const sessionDates = Array.isArray(dates) ? dates.filter((d): d is IsoDate => isIsoDate(d)).sort() : [];
  return { id: row.id, topic: row.topic, title: row.title, host: row.host, sessionDates, placesLeft: row.placesLeft, version: row.version };
}

/** Every open collaborative, for the Method page's offer to a small request and the admin list. */
export function readOpenCollaboratives(db: DB | Tx = getDb()): OpenCollaborative[] {
  return db.select().from(openCollaboratives).orderBy(asc(openCollaboratives.topic), asc(openCollaboratives.title)).all().map(fromRow);
}

export function readOpenCollaborative(db: DB | Tx, id: number): OpenCollaborative | null {
  const row = db.select().from(openCollaboratives).where(eq(openCollaboratives.id, id)).get();
  return row ? fromRow(row) : null;
}

export function listOpenCollaboratives(actor: Actor): OpenCollaborative[] {
  requireManager(actor);
  return readOpenCollaboratives();
}

/**
 * One open collaborative, with how many engagements have chosen to join it: counted, not named, since
 * administrators keep the list but do not read engagements.
 */
export function getOpenCollaborative(actor: Actor, id: number): OpenCollaborative & { joinedBy: number } {
  requireManager(actor);
  const db = getDb();
  const found = readOpenCollaborative(db, id);
  if (!found) throw new NotFound("No such open collaborative.");
  const joinedBy = db.select({ n: count() }).from(methodDecisions).where(eq(methodDecisions.openCollaborativeId, id)).get()?.n ?? 0;
  return { ...found, joinedBy };
}

const values = (input: OpenCollaborativeInput) => ({
  topic: input.topic,
  title: input.title,
  host: input.host,
  sessionDatesJson: JSON.stringify(input.sessionDates),
  placesLeft: input.placesLeft,
});

/** Adds an open collaborative inside the caller's transaction (the demo seed). */
export function insertOpenCollaborative(tx: Tx, input: OpenCollaborativeInput): number {
  return tx.insert(openCollaboratives).values(values(input)).returning({ id: openCollaboratives.id }).get().id;
}

export function addOpenCollaborative(actor: Actor, input: OpenCollaborativeInput): number {
  requireManager(actor);
  return getDb().transaction((tx) => {
    const id = insertOpenCollaborative(tx, input);
    writeAudit(tx, { userId: actor.id, action: "open_collaborative.create", detail: { openCollaborativeId: id, title: input.title, topic: input.topic } });
    return id;
  });
}

/** Saves an open collaborative edited from `version`; a Conflict if someone else saved it since. */
export function updateOpenCollaborative(actor: Actor, id: number, input: OpenCollaborativeInput, version: number) {
  requireManager(actor);
  getDb().transaction((tx) => {
    const result = tx
      .update(openCollaboratives)
      .set({ ...values(input), version: version + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(openCollaboratives.id, id), eq(openCollaboratives.version, version)))
      .run();
    if (result.changes !== 1) {
      if (!readOpenCollaborative(tx, id)) throw new NotFound("No such open collaborative.");
      throw new Conflict("Someone else changed this collaborative while you were editing. Your changes are below, not saved; reload to see theirs.");
    }
    writeAudit(tx, { userId: actor.id, action: "open_collaborative.update", detail: { openCollaborativeId: id, title: input.title, topic: input.topic } });
  });
}

/**
 * Removes an open collaborative and returns its title. A method decision that chose to join it keeps
 * its variant; its timeline then says that the collaborative is no longer listed.
 */
export function removeOpenCollaborative(actor: Actor, id: number): string {
  requireManager(actor);
  return getDb().transaction((tx) => {
    const found = readOpenCollaborative(tx, id);
    if (!found) throw new NotFound("No such open collaborative.");
    tx.update(methodDecisions).set({ openCollaborativeId: null }).where(eq(methodDecisions.openCollaborativeId, id)).run();
    tx.delete(openCollaboratives).where(eq(openCollaboratives.id, id)).run();
    writeAudit(tx, { userId: actor.id, action: "open_collaborative.remove", detail: { openCollaborativeId: id, title: found.title } });
    return found.title;
  });
}

/** The topics of the driver-diagram templates, as the admin form offers them. */
export function topicOptions(): { value: string; label: string }[] {
  return listDriverDiagramTemplates().flatMap((t) => (t.topic === null ? [] : [{ value: t.topic, label: t.title }]));
}
