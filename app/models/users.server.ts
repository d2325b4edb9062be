import { and, asc, eq, isNull } from "drizzle-orm";
import { organisations, users } from "../../db/schema";
import { Conflict, Forbidden, NotFound, Refusal } from "~/domain/errors";
import { belongsToOrganisation, may, mayOwnEngagements } from "~/domain/permissions";
import type { Actor, Role } from "~/domain/roles";
import { LAST_ADMINISTRATOR, leavesNoUserManager } from "~/domain/users";
import { writeAudit } from "~/services/audit.server";
import { getDb } from "~/services/db.server";
import { revokeUserSessions } from "~/services/session.server";
import { handOverAllIn, liveEngagementsOwnedBy } from "./owners.server";

function requireUserManager(actor: Actor) {
  if (!may(actor, "user:manage")) throw new Forbidden("Only administrators manage users.");
}

const USER_COLUMNS = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  disabledAt: users.disabledAt,
  version: users.version,
};

export function listUsers(actor: Actor) {
  requireUserManager(actor);
  return getDb()
    .select(USER_COLUMNS)
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(users.role), asc(users.name))
    .all();
}

/** One user, for their page. */
export function getUser(actor: Actor, userId: number) {
  requireUserManager(actor);
  const user = getDb().select(USER_COLUMNS).from(users).leftJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.id, userId)).get();
  if (!user) throw new NotFound("No such user.");
  return user;
}

/**
 * The change would leave no active administrator: a Conflict with the other users as they stand, said
 * next to `field` (the role) or for the form as a whole, and nothing written.
 */
function requireAnAdministratorLeft(
  tx: Pick<ReturnType<typeof getDb>, "select">,
  change: { userId: number; role?: Role; disabled?: boolean },
  field: string | null
) {
  const active = tx.select({ id: users.id, role: users.role }).from(users).where(isNull(users.disabledAt)).all();
  if (leavesNoUserManager(active, change)) throw new Conflict(LAST_ADMINISTRATOR, [], field);
}

/** A partner executive's organisation must exist: a made-up id would otherwise fail the foreign key (a 500). */
function requireOrganisation(tx: Pick<ReturnType<typeof getDb>, "select">, role: Role, organisationId: number | null) {
  if (!belongsToOrganisation(role) || organisationId === null) return;
  if (!tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).get())
    throw new Refusal("Choose a partner organisation from the list.", "organisationId");
}

/**
 * Changes a user's role or organisation, as edited from `version`; their sessions end so the new rights
 * apply at once. A Conflict if someone else changed the user since, or if no administrator would be left;
 * refused while they own live engagements the new role cannot own.
 */
export function updateUserRole(actor: Actor, userId: number, input: { role: Role; organisationId: number | null; version: number }) {
  requireUserManager(actor);
  const db = getDb();
  db.transaction((tx) => {
    const target = tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
    if (!target) throw new NotFound("No such user.");
    requireOrganisation(tx, input.role, input.organisationId);
    requireAnAdministratorLeft(tx, { userId, role: input.role }, "role");
    // A role that cannot own engagements would leave theirs with nobody able to move them (docs/domain.md §9.15).
    const live = mayOwnEngagements(input.role) ? [] : liveEngagementsOwnedBy(tx, userId);
    if (live.length)
      throw new Refusal(
        `They own ${live.length === 1 ? "a live engagement" : `${live.length} live engagements`}, which this role cannot own: hand ${
          live.length === 1 ? "it" : "them"
        } over first, below.`,
        "role"
      );
    const result = tx
      .update(users)
      .set({
        role: input.role,
        organisationId: belongsToOrganisation(input.role) ? input.organisationId : null,
        version: input.version + 1,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(users.id, userId), eq(users.version, input.version)))
      .run();
    if (result.changes !== 1) {
      throw new Conflict("Someone else changed this user while you were editing. Your choice is below, not saved: save it again to replace theirs.");
    }
    revokeUserSessions(tx, userId);
    writeAudit(tx, { userId: actor.id, action: "user.update", detail: { targetUserId: userId, role: input.role, organisationId: input.organisationId } });
  });
}

/**
 * Disables a user, ending their sessions at once, or enables them again. Nobody disables themselves,
 * nor the last administrator. A user who owns live engagements is disabled only as they are handed
 * over to `successorId` in the same step, and refused with them listed otherwise (docs/domain.md
 * §9.15): nobody is left owning what they can no longer move. Answers how many were handed over, to whom.
 */
export function setUserDisabled(actor: Actor, userId: number, disabled: boolean, successorId: number | null = null) {
  requireUserManager(actor);
  if (userId === actor.id && disabled) throw new Forbidden("You cannot disable your own account.");
  const db = getDb();
  return db.transaction((tx) => {
    if (disabled) requireAnAdministratorLeft(tx, { userId, disabled: true }, null);
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new NotFound("No such user.");
    const handed = disabled ? handOverAllIn(tx, actor, userId, successorId, "successorId") : { count: 0, to: null };
    const result = tx
      .update(users)
      .set({ disabledAt: disabled ? new Date().toISOString() : null, updatedAt: new Date().toISOString() })
      .where(eq(users.id, userId))
      .run();
    if (result.changes !== 1) throw new NotFound("No such user.");
    if (disabled) revokeUserSessions(tx, userId);
    writeAudit(tx, { userId: actor.id, action: disabled ? "user.disable" : "user.enable", detail: { targetUserId: userId } });
    return handed;
  });
}

export function listPartnerOrganisations() {
  return getDb().select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name)).all();
}
