import { and, desc, eq, isNull, ne } from "drizzle-orm";
import {
  approvalDecisions,
  approvalRequests,
  engagementCoOwners,
  engagements,
  noticeOptOuts,
  organisations,
  partnerResponses,
  proposalVersions,
  users,
} from "../../db/schema";
import * as mail from "~/domain/mail";
import { mayEver } from "~/domain/permissions";
import type { Actor, Role } from "~/domain/roles";
import { agreedInForce, involvementOf, type Involvement, type LeadershipStance } from "~/domain/workflow";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { inIds, type DB, type Tx } from "~/services/db.server";
import { COMMITMENT_WORDS, shortfallLine, type RosterShortfall } from "~/domain/roster-change";
import { getStaffRoles } from "~/services/templates.server";
import { linkBase } from "~/services/env.server";
import { enqueueMail } from "~/services/mailer.server";
import { publicIdentity } from "./organisation-profile.server";
import { agreementOf, partnerView, versionInForce } from "./workflow.server";
import { formatDate } from "~/domain/calendar";

/**
 * Who is told of what by mail (docs/domain.md §9.11). Each function is called inside the transaction
 * that makes the change, so the notice is written if, and only if, the change is. The engagement's
 * title is the one frozen in the version concerned: a title edited since is not the partner's to see.
 */

type Person = { id: number; email: string; name: string; role: Role };

type NoticeMailKind = mail.NoticeKind | mail.FollowUpKind;

const link = (path: string) => mail.linkTo(linkBase(), path);

/** Active users, less those who turned this kind of notice off (or the notice it follows). */
function reachable(tx: DB | Tx, people: Person[], kind: NoticeMailKind): Person[] {
  const off = new Set(
    tx
      .select({ userId: noticeOptOuts.userId })
      .from(noticeOptOuts)
      .where(eq(noticeOptOuts.kind, mail.choiceOf(kind)))
      .all()
      .map((r) => r.userId)
  );
  return people.filter((p) => !off.has(p.id));
}

const PERSON = { id: users.id, email: users.email, name: users.name, role: users.role };

function person(tx: DB | Tx, userId: number): Person | undefined {
  return tx
    .select(PERSON)
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .get();
}

function versionFacts(tx: DB | Tx, engagementId: number, number: number) {
  const row = tx
    .select({
      snapshotJson: proposalVersions.snapshotJson,
      ownerId: engagements.ownerId,
      organisationId: engagements.organisationId,
      organisation: organisations.name,
    })
    .from(proposalVersions)
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
    .get();
  if (!row) return undefined;
  const snapshot = JSON.parse(row.snapshotJson) as Pick<EngagementSnapshot, "engagement">;
  return { title: snapshot.engagement.title, ownerId: row.ownerId, organisationId: row.organisationId, organisation: row.organisation };
}

function send(tx: DB | Tx, kind: NoticeMailKind, people: Person[], letter: mail.Letter) {
  for (const p of reachable(tx, people, kind)) enqueueMail(tx, kind, { email: p.email, name: p.name }, letter);
}

/** The partner organisation's executives: those who read and answer what is shared with it. */
function partnerReaders(tx: DB | Tx, organisationId: number): Person[] {
  return tx
    .select(PERSON)
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNull(users.disabledAt)))
    .all()
    .filter((u) => mayEver(u, "proposal:respond"));
}

/** A version was shared: its partner's executives are told. */
export function tellVersionShared(tx: DB | Tx, actor: Actor, engagementId: number, number: number) {
  const v = versionFacts(tx, engagementId, number);
  const by = person(tx, actor.id);
  if (!v || !by) return;
  send(
    tx,
    "version_shared",
    partnerReaders(tx, v.organisationId),
    mail.versionShared({
      title: v.title,
      number,
      sharedBy: by.name,
      proposer: publicIdentity(tx).name,
      link: link(`/partner/engagements/${engagementId}`),
      agreed: agreedInForce(number, partnerView(tx, engagementId, number).inForce),
      answerBy: answerByOf(tx, engagementId, number),
    })
  );
}

/** The day the partner is asked to answer a version by was changed: its executives are told the new day. */
export function tellAnswerByChanged(tx: DB | Tx, actor: Actor, engagementId: number, number: number, answerBy: string) {
  const v = versionFacts(tx, engagementId, number);
  const by = person(tx, actor.id);
  if (!v || !by) return;
  send(
    tx,
    "answer_by_changed",
    partnerReaders(tx, v.organisationId),
    mail.answerByChanged({
      title: v.title,
      number,
      changedBy: by.name,
      proposer: publicIdentity(tx).name,
      answerBy,
      link: link(`/partner/engagements/${engagementId}`),
    })
  );
}

function answerByOf(tx: DB | Tx, engagementId: number, number: number): string | null {
  return (
    tx
      .select({ answerBy: proposalVersions.answerBy })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
      .get()?.answerBy ?? null
  );
}

/** Leadership approved a version shared with the partner, who has not accepted it yet: its executives are told it waits for them, and whether with conditions. */
export function tellVersionApproved(tx: DB | Tx, engagementId: number, number: number, withConditions = false) {
  const v = versionFacts(tx, engagementId, number);
  if (!v) return;
  send(
    tx,
    "version_approved",
    partnerReaders(tx, v.organisationId),
    mail.versionApproved({ title: v.title, number, proposer: publicIdentity(tx).name, withConditions, link: link(`/partner/engagements/${engagementId}`) })
  );
}

/** The engagement's owner and co-owners are told of what the partner or leadership did, in words built from the version and the partner's name. */
function tellOwner(
  tx: DB | Tx,
  actor: Actor,
  engagementId: number,
  number: number,
  kind: mail.NoticeKind,
  letter: (v: NonNullable<ReturnType<typeof versionFacts>>, author: string, link: string) => mail.Letter
) {
  const v = versionFacts(tx, engagementId, number);
  const author = person(tx, actor.id);
  if (!v || !author) return;
  // The owner and the co-owners alike take the engagement forward (docs/domain.md §9.15); nobody is told what they did.
  const told = owners(tx, engagementId).filter((o) => o.id !== actor.id);
  send(tx, kind, told, letter(v, author.name, link(`/engagements/${engagementId}/review`)));
}

/** A partner executive commented: the engagement's owner is told. */
export function tellPartnerCommented(tx: DB | Tx, actor: Actor, engagementId: number, number: number) {
  tellOwner(tx, actor, engagementId, number, "partner_commented", (v, author, link) =>
    mail.partnerCommented({ title: v.title, number, author, organisation: v.organisation, link })
  );
}

/** The partner accepted a version or asked for changes: the engagement's owner is told. */
export function tellPartnerAnswered(
  tx: DB | Tx,
  f: {
    actor: Actor;
    engagementId: number;
    number: number;
    accepted: boolean;
    /** For an acceptance: what was accepted and who signed, as the record says. */
    acceptance?: { what: string; signer: string } | null;
    /** Where our leadership's approval stood when they answered. */
    leadership?: LeadershipStance;
  }
) {
  const { accepted, number } = f;
  tellOwner(tx, f.actor, f.engagementId, number, "partner_answered", (v, author, link) =>
    mail.partnerAnswered({
      title: v.title,
      number,
      author,
      organisation: v.organisation,
      accepted,
      link,
      acceptance: f.acceptance ?? null,
      leadership: f.leadership ?? "not_asked",
    })
  );
}

/**
 * The partner executive who accepted a version gets their receipt (docs/domain.md §9.11), always: it is
 * the record of what they signed, not a notice they may turn off.
 */
export function sendAcceptanceReceipt(
  tx: DB | Tx,
  f: { actor: Actor; engagementId: number; number: number; acceptance: { what: string; signer: string } | null; fingerprint: string; acceptedOn: string }
) {
  const v = versionFacts(tx, f.engagementId, f.number);
  const signer = person(tx, f.actor.id);
  if (!v || !signer) return;
  enqueueMail(
    tx,
    "acceptance_receipt",
    { email: signer.email, name: signer.name },
    mail.acceptanceReceipt({
      title: v.title,
      number: f.number,
      organisation: v.organisation,
      proposer: publicIdentity(tx).name,
      acceptedOn: f.acceptedOn,
      acceptance: f.acceptance,
      fingerprint: f.fingerprint,
      link: link(`/partner/engagements/${f.engagementId}?version=${f.number}`),
    })
  );
}

/**
 * A version became agreed by both sides, by whichever of the partner's acceptance and our leadership's
 * approval came last: every executive of the partner who may read it gets the record of it, always
 * (docs/domain.md §9.11: what is in force, and from when, is not a notice to turn off). Called in the
 * transaction that gives the second, once: the first of the two never finds the version agreed.
 * Our owners hear of it in the mail of the second (partnerAnswered, approvalDecided).
 */
export function sendVersionAgreed(tx: DB | Tx, engagementId: number, number: number) {
  const v = versionFacts(tx, engagementId, number);
  const agreement = agreementOf(tx, engagementId, number);
  if (!v || !agreement) return;
  const letter = mail.versionAgreed({
    title: v.title,
    number,
    organisation: v.organisation,
    proposer: publicIdentity(tx).name,
    agreedOn: formatDate(agreement.at),
    acceptance: agreement.acceptance.what || agreement.acceptance.signer ? agreement.acceptance : null,
    fingerprint: agreement.acceptance.fingerprint,
    conditions: agreement.conditionsSetOutBy && { manager: agreement.conditionsSetOutBy.name, email: agreement.conditionsSetOutBy.email },
    replaces: agreement.replaces,
    link: link(`/partner/engagements/${engagementId}?version=${number}`),
  });
  for (const p of partnerReaders(tx, v.organisationId)) enqueueMail(tx, "version_agreed", { email: p.email, name: p.name }, letter);
}

/** Every leader who may decide on a request: leadership, less those who made, shared or submitted the version or own the engagement. */
function deciders(tx: DB | Tx, involvement: Involvement): Person[] {
  return tx
    .select(PERSON)
    .from(users)
    .where(isNull(users.disabledAt))
    .all()
    .filter((u) => mayEver(u, "approval:decide") && involvementOf(u.id, involvement) === null);
}

/** A version was submitted for approval: every leader who may decide on it is told. */
export function tellApprovalRequested(tx: DB | Tx, actor: Actor, engagementId: number, number: number, requestId: number, involvement: Involvement) {
  // An amendment says so, with the approved version that stays in force meanwhile.
  const amends = versionInForce(tx, engagementId);
  tellDeciders(tx, "approval_requested", actor, engagementId, number, involvement, (title, byName) =>
    mail.approvalRequested({ title, number, submittedBy: byName, link: link(`/approvals/${requestId}`), amends })
  );
}

/**
 * The partner accepted a version our leadership approved, or one it is deciding on: the leaders who
 * approved it are told, or, while the request is open, every leader who may decide on it.
 */
export function tellPartnerAccepted(
  tx: DB | Tx,
  actor: Actor,
  engagementId: number,
  number: number,
  acceptance: { what: string; signer: string } | null,
  request: { id: number; leadership: "approved" | "deciding"; involvement: Involvement }
) {
  const v = versionFacts(tx, engagementId, number);
  const author = person(tx, actor.id);
  if (!v || !author) return;
  const leaders =
    request.leadership === "approved"
      ? tx
          .select(PERSON)
          .from(approvalDecisions)
          .innerJoin(users, eq(users.id, approvalDecisions.leaderId))
          .where(and(eq(approvalDecisions.requestId, request.id), ne(approvalDecisions.decision, "decline"), isNull(users.disabledAt)))
          .all()
          .filter((u) => mayEver(u, "approval:decide"))
      : deciders(tx, request.involvement);
  send(
    tx,
    "partner_accepted",
    leaders,
    mail.partnerAccepted({
      title: v.title,
      number,
      author: author.name,
      organisation: v.organisation,
      acceptance,
      leadership: request.leadership,
      link: link(`/approvals/${request.id}`),
    })
  );
}

/** Leadership reached a decision: the engagement's owner is told, and for a decline, who declined and why. */
export function tellApprovalDecided(
  tx: DB | Tx,
  engagementId: number,
  number: number,
  outcome: "approved" | "approved_with_conditions" | "declined",
  decline: { by: string; reason: string } | null = null,
  /** The partner had accepted the version approved: it is now agreed by both sides, which the owners read here. */
  agreed = false
) {
  const v = versionFacts(tx, engagementId, number);
  if (!v) return;
  send(
    tx,
    "approval_decided",
    owners(tx, engagementId),
    mail.approvalDecided({ title: v.title, number, outcome, decline, agreed, link: link(`/engagements/${engagementId}/review`) })
  );
}

/**
 * Leadership declined a version shared with the partner: its executives are told it will not become
 * the agreed proposal, as their page says; not who declined it, nor why. An amendment to a version they
 * accepted (`agreed`) is said as one: that version stays agreed and in force.
 */
export function tellVersionDeclined(tx: DB | Tx, engagementId: number, number: number, agreed: number | null = null) {
  const v = versionFacts(tx, engagementId, number);
  if (!v) return;
  const accepted = tx
    .select({ id: partnerResponses.id })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number), eq(partnerResponses.response, "accepted")))
    .get();
  send(
    tx,
    "version_declined",
    partnerReaders(tx, v.organisationId),
    mail.versionDeclined({
      title: v.title,
      number,
      proposer: publicIdentity(tx).name,
      accepted: !!accepted,
      agreed,
      link: link(`/partner/engagements/${engagementId}`),
    })
  );
}

/**
 * One leader's decline closed a request others were told of: every other leader who may decide on it
 * (those who approved already too) is told who declined it, so that nobody looks for it.
 */
export function tellApprovalClosed(tx: DB | Tx, actor: Actor, engagementId: number, number: number, requestId: number, involvement: Involvement) {
  tellDeciders(tx, "approval_closed", actor, engagementId, number, involvement, (title, byName) =>
    mail.approvalClosed({ title, number, declinedBy: byName, link: link(`/approvals/${requestId}`) })
  );
}

/**
 * An approval request was withdrawn: the leaders who were told of it (every leader who may decide on
 * it, by the same notice) are told that no decision is needed.
 */
export function tellApprovalWithdrawn(tx: DB | Tx, actor: Actor, engagementId: number, number: number, requestId: number, involvement: Involvement) {
  tellDeciders(tx, "approval_withdrawn", actor, engagementId, number, involvement, (title, byName) =>
    mail.approvalWithdrawn({ title, number, withdrawnBy: byName, link: link(`/approvals/${requestId}`) })
  );
}

/** A letter about a version's approval request, from the actor to every other leader who may decide on it. */
function tellDeciders(
  tx: DB | Tx,
  kind: "approval_requested" | mail.FollowUpKind,
  actor: Actor,
  engagementId: number,
  number: number,
  involvement: Involvement,
  letter: (title: string, byName: string) => mail.Letter
) {
  const v = versionFacts(tx, engagementId, number);
  const by = person(tx, actor.id);
  if (!v || !by) return;
  send(
    tx,
    kind,
    deciders(tx, involvement).filter((p) => p.id !== actor.id),
    letter(v.title, by.name)
  );
}

/**
 * A manager now owns engagements, or co-owns one (docs/domain.md §9.15): they are told who handed which
 * over to them, in one message however many. Nobody is told of what they did themselves.
 */
export function tellEngagementsOwned(tx: DB | Tx, actor: Actor, toUserId: number, as: "owner" | "co-owner", engagementIds: readonly number[]) {
  if (!engagementIds.length || toUserId === actor.id) return;
  const by = person(tx, actor.id);
  const to = person(tx, toUserId);
  if (!by || !to) return;
  const titles = tx
    .select({ id: engagements.id, title: engagements.title })
    .from(engagements)
    .where(inIds(engagements.id, engagementIds))
    .orderBy(engagements.title)
    .all();
  send(
    tx,
    "engagement_owned",
    [to],
    mail.engagementsOwned({ by: by.name, as, engagements: titles.map((e) => ({ title: e.title, link: link(`/engagements/${e.id}`) })) })
  );
}
/** The engagement's owner and co-owners, active. */
function owners(tx: DB | Tx, engagementId: number): Person[] {
  const owner = tx.select({ ownerId: engagements.ownerId }).from(engagements).where(eq(engagements.id, engagementId)).get();
  const co = tx.select({ userId: engagementCoOwners.userId }).from(engagementCoOwners).where(eq(engagementCoOwners.engagementId, engagementId)).all();
  return [owner?.ownerId, ...co.map((c) => c.userId)].flatMap((id) => (id === undefined ? [] : person(tx, id) ?? []));
}

/** The engagement's latest approval request: where leadership reads what it approved, or is deciding on. */
export function latestRequestId(tx: DB | Tx, engagementId: number): number | null {
  return (
    tx
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .where(eq(approvalRequests.engagementId, engagementId))
      .orderBy(desc(approvalRequests.id))
      .limit(1)
      .get()?.id ?? null
  );
}

/**
 * A change to the roster left engagements short of the staff they book (docs/domain.md §8.1): each
 * one's owners and every leader are told, once, in the transaction that saved the change.
 */
export function tellRosterShortfalls(tx: DB | Tx, change: string, shortfalls: readonly RosterShortfall[]) {
  const roles = getStaffRoles().roles;
  const leaders = tx
    .select(PERSON)
    .from(users)
    .where(isNull(users.disabledAt))
    .all()
    .filter((u) => mayEver(u, "approval:decide"));
  const byEngagement = new Map<number, RosterShortfall[]>();
  for (const s of shortfalls) byEngagement.set(s.engagementId, [...(byEngagement.get(s.engagementId) ?? []), s]);
  for (const [engagementId, list] of byEngagement) {
    const { title, number, commitment } = list[0]!;
    const lines = list.map((s) => shortfallLine(roles, s.role, s.gap, s.months));
    const words = { title, number, commitment: COMMITMENT_WORDS[commitment], change, lines };
    const own = owners(tx, engagementId);
    send(tx, "roster_shortfall", own, mail.rosterShortfall({ ...words, reader: "owner", link: link(`/engagements/${engagementId}/review`) }));
    const requestId = latestRequestId(tx, engagementId);
    send(
      tx,
      "roster_shortfall",
      leaders.filter((l) => !own.some((o) => o.id === l.id)),
      mail.rosterShortfall({ ...words, reader: "leader", link: link(requestId === null ? `/engagements/${engagementId}/review` : `/approvals/${requestId}`) })
    );
  }
}
