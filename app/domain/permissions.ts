import type { Actor, Role } from "./roles";

/**
 * Who may do what, and over which records. Read by the server guards (which refuse) and by the UI
 * (which only hides controls). This table is the documentation of the access model.
 *
 * Scopes:
 * - any:          every record of that kind
 * - own:          engagements the actor owns or co-owns
 * - organisation: records of the actor's own partner organisation that were shared with it
 */
export type Scope = "any" | "own" | "organisation";

export const ACTIONS = [
  "engagement:create",
  "engagement:read",
  "engagement:update",
  "engagement:export",
  "proposal:generate",
  "proposal:share",
  "proposal:submit",
  "proposal:read",
  "proposal:comment",
  "proposal:respond",
  "approval:decide",
  "portfolio:read",
  "audit:read",
  "roster:read",
  "roster:manage",
  "user:manage",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, Partial<Record<Action, Scope>>> = {
  manager: {
    "engagement:create": "any",
    "engagement:read": "any",
    "engagement:update": "own",
    "engagement:export": "any",
    "proposal:generate": "own",
    "proposal:share": "own",
    "proposal:submit": "own",
    "proposal:read": "any",
    "proposal:comment": "any",
    "portfolio:read": "any",
    "audit:read": "any",
    "roster:read": "any",
  },
  leader: {
    "engagement:read": "any",
    "engagement:export": "any",
    "proposal:read": "any",
    "proposal:comment": "any",
    "approval:decide": "any",
    "portfolio:read": "any",
    "audit:read": "any",
    "roster:read": "any",
  },
  partner: {
    "proposal:read": "organisation",
    "proposal:comment": "organisation",
    "proposal:respond": "organisation",
  },
  admin: {
    "roster:read": "any",
    "roster:manage": "any",
    "user:manage": "any",
  },
};

export function scopeOf(role: Role, action: Action): Scope | undefined {
  return PERMISSIONS[role][action];
}

/** What a guard needs to know of an engagement to decide. */
export type EngagementAccessFacts = {
  ownerId: number;
  coOwnerIds: readonly number[];
  organisationId: number;
  /** True when at least one proposal version was shared with the partner organisation. */
  sharedWithPartner: boolean;
};

export function isOwner(actor: Actor, facts: Pick<EngagementAccessFacts, "ownerId" | "coOwnerIds">) {
  return facts.ownerId === actor.id || facts.coOwnerIds.includes(actor.id);
}

/** Whether the actor may perform the action at all (some record of some scope). */
export function mayEver(actor: Actor, action: Action): boolean {
  return scopeOf(actor.role, action) !== undefined;
}

/** Whether the actor may perform the action on this engagement. */
export function may(actor: Actor, action: Action, facts?: EngagementAccessFacts): boolean {
  const scope = scopeOf(actor.role, action);
  if (!scope) return false;
  if (scope === "any") return true;
  if (!facts) return false;
  if (scope === "own") return isOwner(actor, facts);
  return actor.organisationId !== null && actor.organisationId === facts.organisationId && facts.sharedWithPartner;
}
