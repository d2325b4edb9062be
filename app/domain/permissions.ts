import type { Actor, Role } from "./roles";

/**
 * Who may do what, and over which records. Read by the server guards (which refuse) and by the UI
 * (which only hides controls). This table is the documentation of the access model, and the only
 * place that tells roles apart: everywhere else asks it.
 *
 * Scopes:
 * - any:          every record of that kind
 * - own:          engagements the actor owns or co-owns
 * - organisation: records of the actor's own partner organisation that were shared with it
 * - invited:      records of the actor's own partner organisation opened to it for its answers (intake
 *                 sections: docs/domain.md §9.10), whether or not a version was shared; the query
 *                 names the organisation and the opened section
 *
 * When an action may happen (the engagement's stage, separation of duties) is the workflow's
 * transition table, app/domain/workflow.ts, which reads this one for who the actor is.
 */
export type Scope = "any" | "own" | "organisation" | "invited";

export const ACTIONS = [
  "engagement:create",
  "engagement:read",
  "engagement:update",
  "engagement:export",
  "proposal:generate",
  "proposal:share",
  "proposal:submit",
  "proposal:read",
  /** The internal briefing: the partner version plus what only we read (docs/domain.md §9.4). */
  "proposal:brief",
  "proposal:comment",
  "proposal:respond",
  "approval:read",
  "approval:decide",
  "notices:read",
  "portfolio:read",
  "audit:read",
  "roster:read",
  "roster:manage",
  /** Recording a person's leave on the roster, which capacity takes off their time (docs/domain.md §8.1). */
  "leave:manage",
  "user:manage",
  "open_collaborative:manage",
  /** The mail the app sent or is sending, as administrators read it at /admin/outbox. */
  "outbox:read",
  /** Inviting someone by mail to set their own password: staff of any role, or a partner's executive. */
  "user:invite",
  /**
   * Inviting an executive of an engagement's partner organisation by mail to set their own password,
   * from the engagement's page: the engagement's owners, for its partner (docs/domain.md §9.11). Only
   * roles that read engagements have it, as the form is on a page only they open; administrators, who
   * do not, invite an executive as any other user ("user:invite").
   */
  "executive:invite",
  /**
   * The profile of an engagement's partner organisation, which the proposal's context states: its kind,
   * sites, population and country, from the engagement's page, by the engagement's owners
   * (docs/domain.md §9.1). Every engagement with that partner reads the same record.
   */
  "partner:update",
  /** Our own organisation's profile: the name, logo and signatory the proposals carry (docs/domain.md §9.8). */
  "organisation:manage",
  /**
   * Who owns an engagement: adding or removing its co-owners and handing it over to another manager
   * (making them its owner), from the engagement's page, by its owners (docs/domain.md §9.15).
   */
  "engagement:owners",
  /**
   * Handing every live engagement a user owns over to another manager, from the user's page: when they
   * leave, or are disabled, so that no engagement is left with nobody able to move it (docs/domain.md §9.15).
   */
  "engagement:reassign",
  /** Open intake sections to the partner, take their answers into the intake or send them back. */
  "intake:invite",
  /** Fill in the intake sections opened to the partner. */
  "intake:answer",
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
    "proposal:brief": "any",
    "proposal:comment": "any",
    "approval:read": "any",
    "notices:read": "own",
    "portfolio:read": "any",
    "audit:read": "any",
    "roster:read": "any",
    "intake:invite": "own",
    "executive:invite": "own",
    "partner:update": "own",
    "engagement:owners": "own",
  },
  leader: {
    "engagement:read": "any",
    "engagement:export": "any",
    "proposal:read": "any",
    "proposal:brief": "any",
    "proposal:comment": "any",
    "approval:read": "any",
    "approval:decide": "any",
    "notices:read": "any",
    "portfolio:read": "any",
    "audit:read": "any",
    "roster:read": "any",
  },
  partner: {
    "proposal:read": "organisation",
    "proposal:comment": "organisation",
    "proposal:respond": "organisation",
    "notices:read": "organisation",
    "intake:answer": "invited",
  },
  admin: {
    "roster:read": "any",
    "roster:manage": "any",
    "leave:manage": "any",
    "user:manage": "any",
    "open_collaborative:manage": "any",
    "outbox:read": "any",
    "user:invite": "any",
    "organisation:manage": "any",
    "engagement:reassign": "any",
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

export function isOwner(actor: Pick<Actor, "id">, facts: Pick<EngagementAccessFacts, "ownerId" | "coOwnerIds">) {
  return facts.ownerId === actor.id || facts.coOwnerIds.includes(actor.id);
}

/**
 * Whether users of this role may own or co-own an engagement: those who change the engagements they
 * own. Only they are offered as owners, and an engagement is handed over only to one of them.
 */
export function mayOwnEngagements(role: Role): boolean {
  return scopeOf(role, "engagement:update") === "own";
}

/** Whether the actor may perform the action at all (some record of some scope). */
export function mayEver(actor: Pick<Actor, "role">, action: Action): boolean {
  return scopeOf(actor.role, action) !== undefined;
}

/** Whether the actor may perform the action on this engagement. */
export function may(actor: Actor, action: Action, facts?: EngagementAccessFacts): boolean {
  const scope = scopeOf(actor.role, action);
  if (!scope) return false;
  if (scope === "any") return true;
  if (!facts) return false;
  if (scope === "own") return isOwner(actor, facts);
  if (scope === "invited") return actor.organisationId !== null && actor.organisationId === facts.organisationId;
  return actor.organisationId !== null && actor.organisationId === facts.organisationId && facts.sharedWithPartner;
}

/**
 * Whether the actor reads proposals only as shared with their organisation (a partner executive):
 * their queries carry the organisation and the shared flag in the WHERE, and internal records of an
 * engagement answer 404, never 403, so that nothing says they exist.
 */
export function readsSharedOnly(actor: Pick<Actor, "role">): boolean {
  return scopeOf(actor.role, "proposal:read") === "organisation";
}

/** Whether users of this role belong to a partner organisation (and so must have one). */
export function belongsToOrganisation(role: Role): boolean {
  return Object.values(PERMISSIONS[role]).includes("organisation");
}

/** The role of a partner organisation's executives: the one that belongs to an organisation. */
export const EXECUTIVE_ROLE: Role = (Object.keys(PERMISSIONS) as Role[]).find(belongsToOrganisation)!;
