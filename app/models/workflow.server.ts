import { and, asc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { approvalRequests, bookings, engagements, partnerResponses, proposalVersions, users } from "../../db/schema";
import { Conflict, Refusal } from "~/domain/errors";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { bookedDemand } from "~/domain/proposal-options";
import { ourName, type Proposer } from "~/domain/organisation-profile";
import { type EngagementAccessFacts } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { missingPartWords, signerText } from "~/domain/proposal-content";
import {
  APPROVING_STATUSES,
  acceptanceStanding,
  calendarWithheld,
  decide,
  leadershipStance,
  partnerAcceptanceForTeam,
  partnerAnswers,
  closedToComments,
  outForDecision,
  relationOf,
  type LeadershipStance,
  type OutForDecision,
  type Relation,
  type Stage,
  type WorkflowAction,
  type WorkflowFacts,
} from "~/domain/workflow";
import { builtQuery, getDb, qualified, type DB, type Tx } from "~/services/db.server";
import { forbidden, notFound } from "~/services/session.server";
import { accessFacts } from "./engagements.server";

/**
 * The review workflow, applied: the facts the transition table (`app/domain/workflow.ts`) needs, read
 * inside the transaction that acts on them; the table decides; the stage moves only from where it was.
 * Sharing, comments and approvals build on this module.
 */

export type VersionRow = {
  id: number;
  number: number;
  sharedAt: string | null;
  sharedById: number | null;
  createdById: number;
  snapshotJson: string;
  contentJson: string;
  contentHash: string;
};

export const versionColumns = {
  id: proposalVersions.id,
  number: proposalVersions.number,
  sharedAt: proposalVersions.sharedAt,
  sharedById: proposalVersions.sharedById,
  createdById: proposalVersions.createdById,
  snapshotJson: proposalVersions.snapshotJson,
  contentJson: proposalVersions.contentJson,
  contentHash: proposalVersions.contentHash,
};

export function findVersion(tx: DB | Tx, engagementId: number, number: number): VersionRow | undefined {
  return tx
    .select(versionColumns)
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
    .get();
}

export function versionOf(tx: Tx, engagementId: number, number: number): VersionRow {
  const v = findVersion(tx, engagementId, number);
  if (!v) throw notFound("No such proposal version.");
  return v;
}

export function stageOf(tx: DB | Tx, engagementId: number): { stage: Stage; version: number } {
  const e = tx.select({ stage: engagements.stage, version: engagements.version }).from(engagements).where(eq(engagements.id, engagementId)).get();
  if (!e) throw notFound("No such engagement.");
  return e;
}

/* ------------------------------------------------------------------------------------------------
 * The workflow, applied: facts read in the transaction, the table decides, the stage moves
 * ---------------------------------------------------------------------------------------------- */

export function access(tx: DB | Tx, engagementId: number) {
  const facts = accessFacts(engagementId, tx);
  if (!facts) throw notFound("No such engagement.");
  return facts;
}

/** Requests about one version, by outcome. */
function requestStatuses(tx: DB | Tx, versionId: number): Set<string> {
  return new Set(
    tx
      .select({ status: approvalRequests.status })
      .from(approvalRequests)
      .where(eq(approvalRequests.proposalVersionId, versionId))
      .all()
      .map((r) => r.status)
  );
}

/** Where our leadership stands on one version (approved, deciding, or neither), from the requests about it. */
export function leadershipOn(tx: DB | Tx, versionId: number): LeadershipStance {
  return leadershipStance(requestStatuses(tx, versionId));
}

/**
 * The number of the approved version in force, as SQL: the newest one leadership approved; null when
 * none is. For queries that ask it of many engagements at once.
 */
export function versionInForceSql(engagementId: SQL | SQLiteColumn | number): SQL<number | null> {
  return sql<number | null>`(select max(pv.number) from ${approvalRequests} ar join ${proposalVersions} pv on pv.id = ar.proposal_version_id
    where ar.engagement_id = ${engagementId} and ${inArray(sql`ar.status`, [...APPROVING_STATUSES])})`;
}

/** The approved version in force: the newest one leadership approved. */
export function versionInForce(tx: DB | Tx, engagementId: number): number | null {
  return (
    tx
      .select({ n: versionInForceSql(engagementId) })
      .from(engagements)
      .where(eq(engagements.id, engagementId))
      .get()?.n ?? null
  );
}

function answerTo(tx: DB | Tx, versionId: number) {
  return (
    tx
      .select({ response: partnerResponses.response, by: users.name })
      .from(partnerResponses)
      .innerJoin(users, eq(users.id, partnerResponses.userId))
      .where(eq(partnerResponses.proposalVersionId, versionId))
      .orderBy(asc(partnerResponses.id))
      .get() ?? null
  );
}

/** What the transition table needs to know, read inside the transaction that acts on it. */
export function workflowFacts(
  tx: DB | Tx,
  engagementId: number,
  v: Omit<VersionRow, "snapshotJson"> | undefined,
  opts: { latestShared?: boolean; request?: WorkflowFacts["request"]; involvement?: string | null; identicalTo?: number | null } = {}
): WorkflowFacts {
  const { stage } = stageOf(tx, engagementId);
  let version: WorkflowFacts["version"] = null;
  if (v) {
    const statuses = requestStatuses(tx, v.id);
    const answer = answerTo(tx, v.id);
    const content = JSON.parse(v.contentJson) as { missing?: { section: string; item: string }[]; proposer?: Pick<Proposer, "name" | "shortName"> };
    const missing = content.missing ?? [];
    const newest = latestNumber(tx, engagementId) ?? v.number;
    version = {
      number: v.number,
      latest: opts.latestShared ? latestNumber(tx, engagementId, { shared: true }) ?? v.number : newest,
      newest,
      shared: v.sharedAt !== null,
      missing: missing.map(missingPartWords),
      approved: statuses.has("approved") || statuses.has("approved_with_conditions"),
      declined: statuses.has("declined"),
      pending: statuses.has("pending"),
      withdrawn: statuses.has("withdrawn"),
      changesRequested: answer?.response === "changes_requested",
      answer,
      us: ourName(content.proposer, "shortName"),
    };
  }
  const inForce = versionInForce(tx, engagementId);
  return {
    stage,
    version,
    inForce,
    inForceAccepted: inForce !== null && answerTo(tx, findVersion(tx, engagementId, inForce)!.id)?.response === "accepted",
    identicalTo: opts.identicalTo ?? null,
    request: opts.request ?? null,
    involvement: opts.involvement ?? null,
  };
}

/**
 * What the partner may do with one version shared with them, and where it stands for their
 * acceptance, from the facts the answer itself is decided on. The caller has found the version among
 * those shared with the partner's own organisation.
 */
export function partnerView(tx: DB | Tx, engagementId: number, number: number) {
  const wf = workflowFacts(tx, engagementId, findVersion(tx, engagementId, number), { latestShared: true });
  if (!wf.version) throw notFound("No such proposal version.");
  const standing = acceptanceStanding({ ...wf.version, stage: wf.stage, inForce: wf.inForce });
  // The version in force, agreed once the partner accepted it: an amendment declined or in review leaves it standing.
  const inForce = wf.inForce === null ? null : { number: wf.inForce, accepted: wf.inForceAccepted === true };
  return {
    answer: partnerAnswers(wf),
    standing,
    inForce,
    /** Why it takes no more comments from them, as the table refuses one; null while it does. */
    commentsClosed: closedToComments(number, standing, wf.stage, wf.version.us, inForce),
    answered: wf.version.answer !== null,
    /** How the version names our organisation, whose leadership the partner reads of. */
    us: wf.version.us,
  };
}

/** Why a version's key dates are not offered as a calendar file (calendarWithheld); null while they may. The caller has found the version. */
export function versionSetAside(engagementId: number, number: number, db: DB | Tx = getDb()): string | null {
  return calendarWithheld(number, partnerView(db, engagementId, number).standing);
}

export function involvementIn(
  facts: EngagementAccessFacts,
  v: Pick<VersionRow, "createdById" | "sharedById" | "sharedAt"> | undefined,
  submittedById: number | null = null
) {
  return {
    ownerIds: [facts.ownerId, ...facts.coOwnerIds],
    createdById: v?.createdById ?? null,
    sharedById: v?.sharedById ?? null,
    submittedById,
    shared: Boolean(v?.sharedAt),
  };
}

/** Asks the transition table; a refusal becomes the answer it names (403, 404, a refusal or a conflict). */
export function requireTransition(action: WorkflowAction, relation: Relation, facts: WorkflowFacts): Stage {
  const decision = decide(action, relation, facts);
  if (decision.ok) return decision.to;
  if (decision.status === 403) throw forbidden(decision.message);
  if (decision.status === 404) throw notFound(decision.message);
  throw decision.status === 409 ? new Conflict(decision.message) : new Refusal(decision.message);
}

/** Moves the engagement's stage, only if nobody moved it meanwhile. */
export function moveTo(tx: Tx, engagementId: number, from: Stage, to: Stage) {
  const current = stageOf(tx, engagementId);
  if (current.stage !== from) throw new Conflict("Someone else changed this engagement at the same moment. Reload and try again.");
  if (to === from) return;
  const updated = tx
    .update(engagements)
    .set({ stage: to, version: current.version + 1, updatedAt: new Date().toISOString() })
    .where(and(eq(engagements.id, engagementId), eq(engagements.stage, current.stage), eq(engagements.version, current.version)))
    .run();
  if (updated.changes !== 1) throw new Conflict("Someone else changed this engagement at the same moment. Reload and try again.");
}

/** The engagement's bookings: what the version stands for, tentative until approved. */
export function replaceBookings(tx: Tx, engagementId: number, versionId: number, snapshot: EngagementSnapshot, status: "tentative" | "confirmed") {
  // With options, the partner's chosen option once accepted, else the largest (docs/domain.md §9.13).
  const chosen = snapshot.options?.length ? acceptedOptionKey(tx, versionId) : null;
  tx.delete(bookings).where(eq(bookings.engagementId, engagementId)).run();
  for (const d of bookedDemand(snapshot, chosen)) {
    tx.insert(bookings).values({ engagementId, proposalVersionId: versionId, role: d.role, month: d.month, fte: d.fte, status }).run();
  }
}

/**
 * The key of the option the partner chose when accepting the version ("B"), or null: not accepted, or
 * accepted without a choice. What the version books, and what its approval pages and documents state as
 * committed, follow this one record.
 */
export function acceptedOptionKey(db: DB | Tx, versionId: number): string | null {
  return (
    db
      .select({ key: partnerResponses.optionKey })
      .from(partnerResponses)
      .where(and(eq(partnerResponses.proposalVersionId, versionId), eq(partnerResponses.response, "accepted")))
      .orderBy(asc(partnerResponses.id))
      .get()?.key || null
  );
}

/** The version whose demand the engagement holds as confirmed bookings (the one approved and in force), or null. */
export function confirmedBookingsVersion(tx: Tx, engagementId: number): number | null {
  return (
    tx
      .select({ versionId: bookings.proposalVersionId })
      .from(bookings)
      .where(and(eq(bookings.engagementId, engagementId), eq(bookings.status, "confirmed")))
      .get()?.versionId ?? null
  );
}

export function hasConfirmedBookings(tx: Tx, engagementId: number) {
  return confirmedBookingsVersion(tx, engagementId) !== null;
}

/** Refuses a new version the workflow does not allow now, or one that would say what `identicalTo` says. */
export function requireNewVersion(tx: Tx, actor: Actor, engagementId: number, identicalTo: number | null) {
  const facts = access(tx, engagementId);
  requireTransition("new_version", relationOf(actor, facts, involvementIn(facts, undefined)), workflowFacts(tx, engagementId, undefined, { identicalTo }));
}

/**
 * What the owner may do now with the latest version, and why not, for the review page's buttons.
 * The same table the actions ask; nothing is decided here.
 */
export function ownerChoices(actor: Actor, engagementId: number) {
  const db = getDb();
  const facts = access(db, engagementId);
  const latest = latestNumber(db, engagementId);
  const v = latest === null ? undefined : findVersion(db, engagementId, latest);
  const relation = relationOf(actor, facts, involvementIn(facts, v));
  const wf = workflowFacts(db, engagementId, v);
  return {
    share: decide("share", relation, wf),
    submit: decide("submit", relation, wf),
    withdraw: decide("withdraw", relation, wf),
    inForce: wf.inForce,
    partner: latest === null ? null : partnerAcceptanceOf(db, engagementId, latest, wf.inForce),
  };
}

/**
 * The approved version in force, if any, and whether the partner accepted it (until then it is
 * approved, not agreed): for the review page, whoever reads it.
 */
export function versionInForceFacts(engagementId: number): { inForce: number | null; accepted: boolean } {
  const db = getDb();
  const inForce = versionInForce(db, engagementId);
  return { inForce, accepted: inForce !== null && answerTo(db, findVersion(db, engagementId, inForce)!.id)?.response === "accepted" };
}

/** Why the partner cannot accept the latest version shared with them, for its owners; null while they may, or once they answered. */
function partnerAcceptanceOf(db: DB, engagementId: number, newest: number, inForce: number | null): string | null {
  const shared = latestNumber(db, engagementId, { shared: true });
  if (shared === null) return null;
  const wf = workflowFacts(db, engagementId, findVersion(db, engagementId, shared), { latestShared: true });
  if (!wf.version) return null;
  const inForceAnswer = inForce === null ? null : answerTo(db, findVersion(db, engagementId, inForce)!.id);
  return partnerAcceptanceForTeam({
    shared: {
      number: shared,
      standing: acceptanceStanding({ ...wf.version, stage: wf.stage, inForce: wf.inForce }),
      declined: wf.version.declined,
      answered: wf.version.answer !== null,
    },
    newest,
    inForce: inForce === null ? null : { number: inForce, accepted: inForceAnswer?.response === "accepted" },
  });
}

/** The number of the engagement's latest version (or latest shared one); null when there is none. */
export function latestNumber(db: DB | Tx, engagementId: number, opts: { shared?: boolean } = {}): number | null {
  return (
    db
      .select({ n: sql<number | null>`max(${proposalVersions.number})` })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, engagementId), opts.shared ? isNotNull(proposalVersions.sharedAt) : undefined))
      .get()?.n ?? null
  );
}

/**
 * Where the engagement's versions stand, in one query built once per connection (every engagement
 * page asks): its latest and latest shared version, whether the partner answered that one, and the
 * version a pending approval request is about (the join). A subquery's own proposal_versions is the
 * one its columns name (SQL's scoping).
 */
const versionsOutQuery = (db: DB) => {
  const latestShared = sql<number | null>`(select max(${qualified(proposalVersions.number)}) from ${proposalVersions} where ${qualified(
    proposalVersions.engagementId
  )} = ${qualified(engagements.id)} and ${qualified(proposalVersions.sharedAt)} is not null)`;
  return db
    .select({
      latest: sql<number | null>`(select max(${qualified(proposalVersions.number)}) from ${proposalVersions} where ${qualified(
        proposalVersions.engagementId
      )} = ${qualified(engagements.id)})`,
      latestShared,
      latestAnswered: sql<number>`exists (select 1 from ${partnerResponses} join ${proposalVersions} on ${qualified(proposalVersions.id)} = ${qualified(
        partnerResponses.proposalVersionId
      )} where ${qualified(proposalVersions.engagementId)} = ${qualified(engagements.id)} and ${qualified(proposalVersions.number)} = ${latestShared})`,
      pending: proposalVersions.number,
    })
    .from(engagements)
    .leftJoin(approvalRequests, and(eq(approvalRequests.engagementId, engagements.id), eq(approvalRequests.status, "pending")))
    .leftJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(eq(engagements.id, sql.placeholder("id")))
    .prepare();
};

/** Where the engagement's latest version is, for the notice on the steps that feed the next one. */
export function latestVersionOut(engagementId: number, stage: Stage): OutForDecision {
  const row = builtQuery("versions out", versionsOutQuery).get({ id: engagementId });
  return outForDecision({
    stage,
    latest: row?.latest ?? null,
    latestShared: row?.latestShared ?? null,
    latestAnswered: row?.latestAnswered === 1,
    pendingRequestFor: row?.pending ?? null,
  });
}

/** A version agreed by both sides: when, on what the partner signed, and what it replaced (docs/domain.md §9.9). */
export type Agreement = {
  number: number;
  /** When the second of the two was given: the partner's acceptance or our leadership's approval. */
  at: string;
  /**
   * Approved with conditions: our manager who sets them out with the partner (the engagement's owner),
   * named with their address, as the partner's page and mail both say; never the conditions' text.
   */
  conditionsSetOutBy: { name: string; email: string } | null;
  acceptance: { what: string; signer: string; fingerprint: string };
  /** The version approved before it, which it replaces as the one in force, and whether the partner had accepted (agreed) that one. */
  replaces: { number: number; accepted: boolean } | null;
};

/**
 * The agreement of one version: the partner accepted it and our leadership approved it, in either
 * order; null while either is still to come (or was set aside). Read inside the transaction that gives
 * the second, it says what has just become agreed.
 */
export function agreementOf(tx: DB | Tx, engagementId: number, number: number): Agreement | null {
  const v = findVersion(tx, engagementId, number);
  if (!v) return null;
  const accepted = tx
    .select({
      at: partnerResponses.at,
      what: partnerResponses.optionLabel,
      signerName: partnerResponses.signerName,
      signerTitle: partnerResponses.signerTitle,
      fingerprint: partnerResponses.fingerprint,
    })
    .from(partnerResponses)
    .where(and(eq(partnerResponses.proposalVersionId, v.id), eq(partnerResponses.response, "accepted")))
    .orderBy(asc(partnerResponses.id))
    .get();
  const approved = tx
    .select({ status: approvalRequests.status, decidedAt: approvalRequests.decidedAt })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.proposalVersionId, v.id), inArray(approvalRequests.status, [...APPROVING_STATUSES])))
    .orderBy(asc(approvalRequests.id))
    .get();
  if (!accepted || !approved?.decidedAt) return null;
  const before = tx
    .select({ number: sql<number | null>`max(${proposalVersions.number})` })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(
      and(
        eq(approvalRequests.engagementId, engagementId),
        inArray(approvalRequests.status, [...APPROVING_STATUSES]),
        sql`${proposalVersions.number} < ${number}`
      )
    )
    .get()?.number;
  const replaced = before == null ? undefined : findVersion(tx, engagementId, before);
  return {
    number,
    at: accepted.at > approved.decidedAt ? accepted.at : approved.decidedAt,
    conditionsSetOutBy:
      approved.status === "approved_with_conditions"
        ? tx
            .select({ name: users.name, email: users.email })
            .from(engagements)
            .innerJoin(users, eq(users.id, engagements.ownerId))
            .where(eq(engagements.id, engagementId))
            .get() ?? null
        : null,
    acceptance: { what: accepted.what, signer: signerText(accepted.signerName, accepted.signerTitle), fingerprint: accepted.fingerprint },
    replaces: replaced ? { number: replaced.number, accepted: answerTo(tx, replaced.id)?.response === "accepted" } : null,
  };
}
