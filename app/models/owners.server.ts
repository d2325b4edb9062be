import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { engagementCoOwners, engagements, users } from "../../db/schema";
import { Conflict, Forbidden, NotFound, Refusal } from "~/domain/errors";
import { may, mayOwnEngagements } from "~/domain/permissions";
import { ROLES, type Actor } from "~/domain/roles";
import { LIVE_STAGES, type Stage } from "~/domain/workflow";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { requireEngagementAccess } from "./engagements.server";
import { tellEngagementsOwned } from "./mail-notices.server";

/**
 * Who owns an engagement (docs/domain.md §9.15): its owner and co-owners, who may change it; adding and
 * removing co-owners and handing it over to another manager, by its owners from its page; and handing
 * every live engagement of a user over at once, by an administrator from the user's page. Each change
 * is audited with who made it, from whom and to whom, and the manager who now owns or co-owns is told.
 */

export type OwnerPerson = { id: number; name: string; disabled: boolean };

/** The roles that may own engagements, for the queries that look for managers. */
const OWNING_ROLES = ROLES.filter(mayOwnEngagements);

const PERSON = { id: users.id, name: users.name, disabledAt: users.disabledAt };
const asPerson = (r: { id: number; name: string; disabledAt: string | null }): OwnerPerson => ({ id: r.id, name: r.name, disabled: r.disabledAt !== null });

/** Active users who may own engagements, by name: those an engagement may be handed over to or shared with. */
export function ownerCandidates(db: DB | Tx = getDb()): { id: number; name: string }[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.role, OWNING_ROLES)))
    .orderBy(sql`${users.name} collate nocase`, asc(users.id))
    .all();
}

/** The engagement's owner and co-owners, for its page, with whether the actor may change them and whom they may choose. */
export function engagementOwners(actor: Actor, engagementId: number) {
  const facts = requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const owner = asPerson(db.select(PERSON).from(users).where(eq(users.id, facts.ownerId)).get()!);
  const coOwners = facts.coOwnerIds.length
    ? db
        .select(PERSON)
        .from(users)
        .where(inArray(users.id, [...facts.coOwnerIds]))
        .orderBy(sql`${users.name} collate nocase`)
        .all()
        .map(asPerson)
    : [];
  const canManage = may(actor, "engagement:owners", facts);
  return { owner, coOwners, canManage, candidates: canManage ? ownerCandidates(db) : [] };
}

/**
 * The user chosen to own or co-own: an active user whose role may own engagements. Refused next to
 * `field` otherwise, with what is wrong in words.
 */
function requireCandidate(tx: Tx, userId: number, field: string): { id: number; name: string } {
  const u = tx.select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).get();
  if (!u) throw new Refusal("Choose a manager from the list.", field);
  if (u.disabledAt !== null) throw new Refusal(`${u.name} is disabled and cannot sign in: choose another manager.`, field);
  if (!mayOwnEngagements(u.role)) throw new Refusal(`${u.name} is not a partnership manager, so cannot own an engagement: choose a manager.`, field);
  return { id: u.id, name: u.name };
}

function nameOf(tx: Tx, userId: number): string {
  return tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? "someone";
}

function touch(tx: Tx, engagementId: number) {
  tx.update(engagements).set({ updatedAt: new Date().toISOString() }).where(eq(engagements.id, engagementId)).run();
}

/** Adds a co-owner to the engagement, for one of its owners; the new co-owner is told. */
export function addCoOwner(actor: Actor, engagementId: number, coOwnerId: number): string {
  return getDb().transaction((tx) => {
    const facts = requireEngagementAccess(actor, engagementId, "engagement:owners", tx);
    const person = requireCandidate(tx, coOwnerId, "coOwnerId");
    if (facts.ownerId === person.id) throw new Refusal(`${person.name} owns this engagement already.`, "coOwnerId");
    if (facts.coOwnerIds.includes(person.id)) throw new Refusal(`${person.name} is a co-owner already.`, "coOwnerId");
    tx.insert(engagementCoOwners).values({ engagementId, userId: person.id }).run();
    touch(tx, engagementId);
    writeAudit(tx, { userId: actor.id, action: "engagement.co_owner.add", engagementId, detail: { toUserId: person.id, coOwner: person.name } });
    tellEngagementsOwned(tx, actor, person.id, "co-owner", [engagementId]);
    return person.name;
  });
}

/** Removes one of the engagement's co-owners (oneself included), for one of its owners. The owner is never removed, only handed over. */
export function removeCoOwner(actor: Actor, engagementId: number, coOwnerId: number): string {
  return getDb().transaction((tx) => {
    const facts = requireEngagementAccess(actor, engagementId, "engagement:owners", tx);
    if (facts.ownerId === coOwnerId) throw new Refusal("The owner cannot be removed: hand the engagement over to another manager instead.", "coOwnerId");
    if (!facts.coOwnerIds.includes(coOwnerId)) throw new Conflict("That person is no longer a co-owner: the list below is as it stands now.", [], "coOwnerId");
    const name = nameOf(tx, coOwnerId);
    tx.delete(engagementCoOwners)
      .where(and(eq(engagementCoOwners.engagementId, engagementId), eq(engagementCoOwners.userId, coOwnerId)))
      .run();
    touch(tx, engagementId);
    writeAudit(tx, { userId: actor.id, action: "engagement.co_owner.remove", engagementId, detail: { fromUserId: coOwnerId, coOwner: name } });
    return name;
  });
}

/**
 * Makes another manager the engagement's owner, inside the caller's transaction: the new owner leaves
 * the co-owners (they own it now), and the previous one joins them when `keepPrevious` and they still
 * sign in. Refused when the engagement's owner is no longer `expectedOwnerId` (someone handed it over
 * meanwhile). Answers whether the previous owner was kept. Nobody is told here: the callers tell.
 */
function handOverIn(
  tx: Tx,
  actor: Actor,
  engagementId: number,
  to: { id: number; name: string },
  expectedOwnerId: number,
  keepPrevious: boolean,
  field: string
): { previous: string; kept: boolean } {
  const current = tx
    .select({ ownerId: engagements.ownerId, name: users.name, disabledAt: users.disabledAt })
    .from(engagements)
    .innerJoin(users, eq(users.id, engagements.ownerId))
    .where(eq(engagements.id, engagementId))
    .get();
  if (!current) throw new NotFound("No such engagement.");
  if (current.ownerId !== expectedOwnerId)
    throw new Conflict(`Meanwhile the engagement was handed over: ${current.name} owns it now. Check the owners below and choose again.`, [], field);
  if (current.ownerId === to.id) throw new Refusal(`${to.name} owns this engagement already.`, field);
  const updated = tx
    .update(engagements)
    .set({ ownerId: to.id, updatedAt: new Date().toISOString() })
    .where(and(eq(engagements.id, engagementId), eq(engagements.ownerId, expectedOwnerId)))
    .run();
  if (updated.changes !== 1) throw new Conflict("Someone else changed the engagement's owners meanwhile: check them below and choose again.", [], field);
  tx.delete(engagementCoOwners)
    .where(and(eq(engagementCoOwners.engagementId, engagementId), eq(engagementCoOwners.userId, to.id)))
    .run();
  const kept = keepPrevious && current.disabledAt === null;
  if (kept) tx.insert(engagementCoOwners).values({ engagementId, userId: current.ownerId }).onConflictDoNothing().run();
  writeAudit(tx, {
    userId: actor.id,
    action: "engagement.hand_over",
    engagementId,
    detail: { fromUserId: current.ownerId, previousOwner: current.name, toUserId: to.id, newOwner: to.name, keptAsCoOwner: kept },
  });
  return { previous: current.name, kept };
}

/**
 * Hands the engagement over to another manager, for one of its owners, as the page showed its owner
 * (`ownerId`); the previous owner stays on as a co-owner when `keepPrevious`. The new owner is told.
 */
export function handOver(actor: Actor, engagementId: number, input: { newOwnerId: number; ownerId: number; keepPrevious: boolean }) {
  return getDb().transaction((tx) => {
    requireEngagementAccess(actor, engagementId, "engagement:owners", tx);
    const to = requireCandidate(tx, input.newOwnerId, "newOwnerId");
    const { previous, kept } = handOverIn(tx, actor, engagementId, to, input.ownerId, input.keepPrevious, "newOwnerId");
    tellEngagementsOwned(tx, actor, to.id, "owner", [engagementId]);
    return { newOwner: to.name, previous, kept };
  });
}

export type OwnedEngagement = { id: number; title: string; stage: Stage };

/** The live engagements (not declined: docs/domain.md §9.15) a user owns, by title. */
export function liveEngagementsOwnedBy(db: DB | Tx, userId: number): OwnedEngagement[] {
  return db
    .select({ id: engagements.id, title: engagements.title, stage: engagements.stage })
    .from(engagements)
    .where(and(eq(engagements.ownerId, userId), inArray(engagements.stage, [...LIVE_STAGES])))
    .orderBy(sql`${engagements.title} collate nocase`, asc(engagements.id))
    .all();
}

/** What a user's page shows of the engagements they own, for an administrator: the live ones, and whom they may go to. */
export function ownedEngagementsForAdmin(actor: Actor, userId: number) {
  if (!may(actor, "engagement:reassign")) throw new Forbidden("Only administrators hand a user's engagements over.");
  const db = getDb();
  return {
    live: liveEngagementsOwnedBy(db, userId),
    candidates: ownerCandidates(db).filter((c) => c.id !== userId),
  };
}

/**
 * Hands every live engagement `fromUserId` owns over to `toUserId`, inside the caller's transaction
 * (disabling the user, or on its own), for an administrator. Refused next to `field` when none is
 * chosen or the choice cannot own them. The new owner is told once, of them all. Answers how many.
 */
export function handOverAllIn(tx: Tx, actor: Actor, fromUserId: number, toUserId: number | null, field: string): { count: number; to: string | null } {
  if (!may(actor, "engagement:reassign")) throw new Forbidden("Only administrators hand a user's engagements over.");
  const live = liveEngagementsOwnedBy(tx, fromUserId);
  if (!live.length) return { count: 0, to: null };
  if (toUserId === null)
    throw new Refusal(
      live.length === 1
        ? "Hand this engagement over first: choose the manager who takes it over."
        : `Hand these ${live.length} engagements over first: choose the manager who takes them over.`,
      field
    );
  if (toUserId === fromUserId) throw new Refusal("Choose another manager: these engagements are theirs already.", field);
  const to = requireCandidate(tx, toUserId, field);
  for (const e of live) handOverIn(tx, actor, e.id, to, fromUserId, false, field);
  tellEngagementsOwned(
    tx,
    actor,
    to.id,
    "owner",
    live.map((e) => e.id)
  );
  return { count: live.length, to: to.name };
}

/** Hands every live engagement a user owns over to another manager, on its own: for a user already disabled, or leaving. */
export function handOverAll(actor: Actor, fromUserId: number, toUserId: number | null) {
  return getDb().transaction((tx) => {
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, fromUserId)).get()) throw new NotFound("No such user.");
    return handOverAllIn(tx, actor, fromUserId, toUserId, "successorId");
  });
}
