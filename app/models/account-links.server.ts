import crypto from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { engagements, organisations, partnerResponses, proposalVersions, userTokens, users } from "../../db/schema";
import {
  executiveStatus,
  LINK_LIFETIME_MS,
  NO_PASSWORD_YET,
  RESET_ACCOUNT_POLICY,
  RESET_ADDRESS_POLICY,
  whyLinkFails,
  whyNotInvitable,
  type LinkPurpose,
} from "~/domain/account-links";
import { Forbidden, NotFound, Refusal } from "~/domain/errors";
import * as mail from "~/domain/mail";
import { belongsToOrganisation, EXECUTIVE_ROLE, may, mayEver } from "~/domain/permissions";
import type { Actor, Role } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { builtQuery, getDb, type DB, type Tx } from "~/services/db.server";
import { linkBase } from "~/services/env.server";
import { countRequest } from "~/services/login.server";
import { enqueueMail } from "~/services/mailer.server";
import { hashPassword } from "~/services/password.server";
import { revokeUserSessions } from "~/services/session.server";
import { accessFacts, requireEngagementAccess } from "./engagements.server";
import { readProposer } from "./organisation-profile.server";

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Makes a single-use link for the user and answers its address; only the token's hash is stored. */
function issueLink(tx: DB | Tx, userId: number, purpose: LinkPurpose): string {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = Date.now();
  tx.insert(userTokens)
    .values({
      tokenHash: hash(token),
      userId,
      purpose,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + LINK_LIFETIME_MS[purpose]).toISOString(),
    })
    .run();
  return mail.linkTo(linkBase(), `/password/${token}`);
}

/** How many of an organisation's engagements have a version shared with it that nobody there has answered yet (declined ones aside). */
function proposalsWaiting(tx: DB | Tx, organisationId: number): number {
  const shared = tx
    .select({ engagementId: engagements.id, versionId: proposalVersions.id, number: proposalVersions.number })
    .from(engagements)
    .innerJoin(proposalVersions, eq(proposalVersions.engagementId, engagements.id))
    .where(and(eq(engagements.organisationId, organisationId), ne(engagements.stage, "declined"), isNotNull(proposalVersions.sharedAt)))
    .all();
  const latest = new Map<number, { versionId: number; number: number }>();
  for (const v of shared) if ((latest.get(v.engagementId)?.number ?? 0) < v.number) latest.set(v.engagementId, v);
  if (latest.size === 0) return 0;
  const answered = new Set(
    tx
      .select({ versionId: partnerResponses.proposalVersionId })
      .from(partnerResponses)
      .where(
        inArray(
          partnerResponses.proposalVersionId,
          [...latest.values()].map((v) => v.versionId)
        )
      )
      .all()
      .map((r) => r.versionId)
  );
  return [...latest.values()].filter((v) => !answered.has(v.versionId)).length;
}

/**
 * Mails a fresh invitation to a user who has not chosen a password yet; an earlier link still works until
 * one is used. Someone who answers proposals is told how many shared with their organisation wait for them.
 */
function sendInvitation(tx: DB | Tx, invitedBy: string, invitee: { id: number; name: string; email: string; role: Role; organisationId: number | null }) {
  const link = issueLink(tx, invitee.id, "invitation");
  const waiting = invitee.organisationId !== null && mayEver({ role: invitee.role }, "proposal:respond") ? proposalsWaiting(tx, invitee.organisationId) : 0;
  enqueueMail(
    tx,
    "invitation",
    { email: invitee.email, name: invitee.name },
    mail.invitation({
      name: invitee.name,
      invitedBy,
      link,
      days: LINK_LIFETIME_MS.invitation / 86_400_000,
      proposalsWaiting: waiting,
      from: readProposer(tx),
      partner: partnerOf(tx, invitee),
    })
  );
}

/** The partner organisation of an invitee who answers proposals for it; null for our own staff. */
function partnerOf(tx: DB | Tx, invitee: { role: Role; organisationId: number | null }): string | null {
  if (invitee.organisationId === null || !mayEver({ role: invitee.role }, "proposal:respond")) return null;
  return tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, invitee.organisationId)).get()?.name ?? null;
}

function nameOf(actor: Actor): string {
  return getDb().select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get()?.name ?? "An administrator";
}

/**
 * Adds a user who cannot sign in until they choose a password from the invitation mailed to them.
 * Administrators invite anyone; nobody else invites here.
 */
export function inviteUser(actor: Actor, input: { name: string; email: string; role: Role; organisationId: number | null }) {
  if (!may(actor, "user:invite")) throw new Forbidden("Only administrators invite users.");
  const inviter = nameOf(actor);
  return getDb().transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw new Refusal("A user with this email already exists.", "email");
    }
    const organisationId = belongsToOrganisation(input.role) ? input.organisationId : null;
    if (organisationId !== null && !tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).get()) {
      throw new Refusal("Choose a partner organisation from the list.", "organisationId");
    }
    const id = tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: input.role, organisationId, passwordHash: NO_PASSWORD_YET })
      .returning({ id: users.id })
      .get().id;
    sendInvitation(tx, inviter, { id, name: input.name, email: input.email, role: input.role, organisationId });
    writeAudit(tx, { userId: actor.id, action: "user.invite", detail: { targetUserId: id, role: input.role } });
    return id;
  });
}

/** The executives of an engagement's partner organisation, and whether each signs in yet (docs/domain.md §9.11). */
// Built once per connection (the engagement overview lists them).
const executivesQuery = (db: DB) =>
  db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.organisationId, sql.placeholder("organisationId")), eq(users.role, EXECUTIVE_ROLE)))
    .orderBy(asc(users.name))
    .prepare();

export function listExecutives(actor: Actor, engagementId: number) {
  const facts = accessFacts(engagementId);
  if (!facts) throw new NotFound("No such engagement.");
  const people = builtQuery("executives of an organisation", executivesQuery)
    .all({ organisationId: facts.organisationId })
    .map(({ passwordHash, disabledAt, ...u }) => ({ ...u, status: executiveStatus({ passwordHash, disabledAt }) }));
  return { people, canInvite: may(actor, "executive:invite", facts) };
}

/**
 * The engagement's owner invites an executive of its partner organisation: a
 * partner user of that organisation, without a password, and an invitation by mail. Inviting someone
 * who was invited and has not chosen a password yet sends a new link. An address that belongs to
 * anyone else (staff, another organisation, someone who already signs in) is refused beside the field.
 */
export function inviteExecutive(actor: Actor, engagementId: number, input: { name: string; email: string }): { resent: boolean } {
  const { organisationId } = requireEngagementAccess(actor, engagementId, "executive:invite");
  const inviter = nameOf(actor);
  return getDb().transaction((tx) => {
    const existing = tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        organisationId: users.organisationId,
        passwordHash: users.passwordHash,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(eq(users.email, input.email))
      .get();
    const why = existing ? whyNotInvitable(existing, organisationId) : null;
    if (why) throw new Refusal(why, "email");
    if (existing) {
      sendInvitation(tx, inviter, existing);
      writeAudit(tx, { userId: actor.id, engagementId, action: "partner.invite_again", detail: { targetUserId: existing.id, role: EXECUTIVE_ROLE } });
      return { resent: true };
    }
    const id = tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: EXECUTIVE_ROLE, organisationId, passwordHash: NO_PASSWORD_YET })
      .returning({ id: users.id })
      .get().id;
    sendInvitation(tx, inviter, { id, name: input.name, email: input.email, role: EXECUTIVE_ROLE, organisationId });
    writeAudit(tx, { userId: actor.id, engagementId, action: "partner.invite", detail: { targetUserId: id, role: EXECUTIVE_ROLE } });
    return { resent: false };
  });
}

/**
 * Mails a reset link to the account with this address, if there is an active one. The caller answers
 * the same either way; a request over the throttle answers the seconds to wait, and sends nothing.
 */
export function requestPasswordReset(email: string, address: string, now = Date.now()): { wait: number } {
  const account = email.trim().toLowerCase();
  const wait = Math.max(countRequest(`reset-address:${address}`, RESET_ADDRESS_POLICY, now), countRequest(`reset:${account}`, RESET_ACCOUNT_POLICY, now));
  if (wait > 0) return { wait };
  getDb().transaction((tx) => {
    const user = tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.email, account), isNull(users.disabledAt)))
      .get();
    if (!user) return;
    const link = issueLink(tx, user.id, "reset");
    enqueueMail(
      tx,
      "password_reset",
      { email: user.email, name: user.name },
      mail.passwordReset({ name: user.name, link, hours: LINK_LIFETIME_MS.reset / 3600_000 })
    );
    writeAudit(tx, { userId: user.id, action: "user.reset_requested" });
  });
  return { wait: 0 };
}

function findLink(tx: DB | Tx, token: string) {
  return tx
    .select({
      userId: userTokens.userId,
      purpose: userTokens.purpose,
      expiresAt: userTokens.expiresAt,
      usedAt: userTokens.usedAt,
      name: users.name,
      role: users.role,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hash(token)), isNull(users.disabledAt)))
    .get();
}

/** What the link's page shows: whose it is and what for, or a 404 saying why it opens nothing. */
export function openLink(token: string) {
  const link = findLink(getDb(), token);
  const why = whyLinkFails(link, Date.now());
  if (why || !link) throw new NotFound(why ?? "This link is not valid.");
  return { purpose: link.purpose, name: link.name };
}

/**
 * Sets the password the link's holder chose, uses the link up, and ends every session of the user;
 * answers the user to sign in. A link used or expired meanwhile is refused and nothing changes.
 */
export async function usePasswordLink(token: string, password: string): Promise<{ userId: number; role: Role }> {
  const passwordHash = await hashPassword(password);
  return getDb().transaction((tx) => {
    const link = findLink(tx, token);
    const why = whyLinkFails(link, Date.now());
    if (why || !link) throw new Refusal(why ?? "This link is not valid.");
    const used = tx
      .update(userTokens)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(userTokens.tokenHash, hash(token)), isNull(userTokens.usedAt)))
      .run();
    if (used.changes !== 1) throw new Refusal("This link has been used already. Sign in, or ask for a new one.");
    // Any other link still out for this user stops working too: the password is chosen now.
    tx.update(userTokens)
      .set({ usedAt: new Date().toISOString() })
      .where(and(eq(userTokens.userId, link.userId), isNull(userTokens.usedAt)))
      .run();
    tx.update(users).set({ passwordHash, updatedAt: new Date().toISOString() }).where(eq(users.id, link.userId)).run();
    revokeUserSessions(tx, link.userId);
    writeAudit(tx, { userId: link.userId, action: link.purpose === "invitation" ? "user.accept_invitation" : "user.reset_password" });
    return { userId: link.userId, role: link.role };
  });
}
