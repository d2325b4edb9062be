import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import {
  approvalDecisions,
  approvalRequests,
  bookings,
  comments,
  engagements,
  organisations,
  partnerResponses,
  partnerViews,
  proposalVersions,
  users,
} from "../../db/schema";
import { DomainError } from "~/domain/errors";
import type { ApprovalState } from "~/domain/proposal-content";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { mayEver, readsSharedOnly, type EngagementAccessFacts } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import {
  approvalGate,
  decide,
  involvementOf,
  outForDecision,
  relationOf,
  requestOutcome,
  type OutForDecision,
  type Relation,
  type Stage,
  type WorkflowAction,
  type WorkflowFacts,
} from "~/domain/workflow";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { forbidden, notFound } from "~/services/session.server";
import { getApprovalThresholds } from "~/services/templates.server";
import { manualDiscount } from "~/domain/pricing";
import { accessFacts, requireEngagementAccess } from "./engagements.server";

/** A refusal (400) or a conflict (409) of the review workflow, on a field of the form or ("") the form as a whole. */
export class ReviewError extends DomainError {
  readonly status: 400 | 409;
  override readonly field: string;
  constructor(message: string, status: 400 | 409 = 400, field = "") {
    super(message, field || null);
    this.status = status;
    this.field = field;
  }
}

type VersionRow = {
  id: number;
  number: number;
  sharedAt: string | null;
  sharedById: number | null;
  createdById: number;
  snapshotJson: string;
  contentJson: string;
};

const versionColumns = {
  id: proposalVersions.id,
  number: proposalVersions.number,
  sharedAt: proposalVersions.sharedAt,
  sharedById: proposalVersions.sharedById,
  createdById: proposalVersions.createdById,
  snapshotJson: proposalVersions.snapshotJson,
  contentJson: proposalVersions.contentJson,
};

function findVersion(tx: DB | Tx, engagementId: number, number: number): VersionRow | undefined {
  return tx
    .select(versionColumns)
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
    .get();
}

function versionOf(tx: Tx, engagementId: number, number: number): VersionRow {
  const v = findVersion(tx, engagementId, number);
  if (!v) throw notFound("No such proposal version.");
  return v;
}

function stageOf(tx: DB | Tx, engagementId: number): { stage: Stage; version: number } {
  const e = tx.select({ stage: engagements.stage, version: engagements.version }).from(engagements).where(eq(engagements.id, engagementId)).get();
  if (!e) throw notFound("No such engagement.");
  return e;
}

/* ------------------------------------------------------------------------------------------------
 * The workflow, applied: facts read in the transaction, the table decides, the stage moves
 * ---------------------------------------------------------------------------------------------- */

function access(tx: DB | Tx, engagementId: number) {
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

/** The approved version in force: the newest one leadership approved. */
export function versionInForce(tx: DB | Tx, engagementId: number): number | null {
  return (
    tx
      .select({ n: sql<number | null>`max(${proposalVersions.number})` })
      .from(approvalRequests)
      .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
      .where(and(eq(approvalRequests.engagementId, engagementId), inArray(approvalRequests.status, ["approved", "approved_with_conditions"])))
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
function workflowFacts(
  tx: DB | Tx,
  engagementId: number,
  v: VersionRow | undefined,
  opts: { latestShared?: boolean; request?: WorkflowFacts["request"]; involvement?: string | null; identicalTo?: number | null } = {}
): WorkflowFacts {
  const { stage } = stageOf(tx, engagementId);
  let version: WorkflowFacts["version"] = null;
  if (v) {
    const statuses = requestStatuses(tx, v.id);
    const answer = answerTo(tx, v.id);
    const missing = (JSON.parse(v.contentJson) as { missing?: { section: string; item: string }[] }).missing ?? [];
    version = {
      number: v.number,
      latest: latestNumber(tx, engagementId, { shared: opts.latestShared }) ?? v.number,
      shared: v.sharedAt !== null,
      missing: missing.map((m) => `${m.section}: ${m.item}`),
      approved: statuses.has("approved") || statuses.has("approved_with_conditions"),
      declined: statuses.has("declined"),
      changesRequested: answer?.response === "changes_requested",
      answer,
    };
  }
  return {
    stage,
    version,
    inForce: versionInForce(tx, engagementId),
    identicalTo: opts.identicalTo ?? null,
    request: opts.request ?? null,
    involvement: opts.involvement ?? null,
  };
}

function involvementIn(
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

/** Asks the transition table; a refusal becomes the answer it names (403, 404, or a ReviewError). */
export function requireTransition(action: WorkflowAction, relation: Relation, facts: WorkflowFacts): Stage {
  const decision = decide(action, relation, facts);
  if (decision.ok) return decision.to;
  if (decision.status === 403) throw forbidden(decision.message);
  if (decision.status === 404) throw notFound(decision.message);
  throw new ReviewError(decision.message, decision.status);
}

/** Moves the engagement's stage, only if nobody moved it meanwhile. */
function moveTo(tx: Tx, engagementId: number, from: Stage, to: Stage) {
  const current = stageOf(tx, engagementId);
  if (current.stage !== from) throw new ReviewError("Someone else changed this engagement at the same moment. Reload and try again.", 409);
  if (to === from) return;
  const updated = tx
    .update(engagements)
    .set({ stage: to, version: current.version + 1, updatedAt: new Date().toISOString() })
    .where(and(eq(engagements.id, engagementId), eq(engagements.stage, current.stage), eq(engagements.version, current.version)))
    .run();
  if (updated.changes !== 1) throw new ReviewError("Someone else changed this engagement at the same moment. Reload and try again.", 409);
}

/** The engagement's bookings: what the version stands for, tentative until approved. */
function replaceBookings(tx: Tx, engagementId: number, versionId: number, snapshot: EngagementSnapshot, status: "tentative" | "confirmed") {
  tx.delete(bookings).where(eq(bookings.engagementId, engagementId)).run();
  for (const d of snapshot.demand) {
    tx.insert(bookings).values({ engagementId, proposalVersionId: versionId, role: d.role, month: d.month, fte: d.fte, status }).run();
  }
}

function hasConfirmedBookings(tx: Tx, engagementId: number) {
  return Boolean(
    tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.engagementId, engagementId), eq(bookings.status, "confirmed")))
      .get()
  );
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
  };
}

/* ------------------------------------------------------------------------------------------------
 * Sharing and the partner's answer
 * ---------------------------------------------------------------------------------------------- */

/** The number of the engagement's latest version (or latest shared one); null when there is none. */
function latestNumber(db: DB | Tx, engagementId: number, opts: { shared?: boolean } = {}): number | null {
  return (
    db
      .select({ n: sql<number | null>`max(${proposalVersions.number})` })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, engagementId), opts.shared ? isNotNull(proposalVersions.sharedAt) : undefined))
      .get()?.n ?? null
  );
}

/** Shares a version with the partner's executives; says how many of them can sign in to read it. */
export function shareVersion(actor: Actor, engagementId: number, number: number): { readers: number; organisationName: string } {
  return getDb().transaction((tx) => {
    const facts = access(tx, engagementId);
    const v = findVersion(tx, engagementId, number);
    const wf = workflowFacts(tx, engagementId, v);
    const to = requireTransition("share", relationOf(actor, facts, involvementIn(facts, v)), wf);
    if (!v) throw notFound("No such proposal version.");
    moveTo(tx, engagementId, wf.stage, to);
    tx.update(proposalVersions).set({ sharedAt: new Date().toISOString(), sharedById: actor.id }).where(eq(proposalVersions.id, v.id)).run();
    if (!hasConfirmedBookings(tx, engagementId)) replaceBookings(tx, engagementId, v.id, JSON.parse(v.snapshotJson), "tentative");
    writeAudit(tx, { userId: actor.id, action: "proposal.share", engagementId, proposalVersionId: v.id, detail: { number } });
    const org = tx
      .select({ name: organisations.name, id: organisations.id })
      .from(engagements)
      .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
      .where(eq(engagements.id, engagementId))
      .get()!;
    const readers = tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.organisationId, org.id), isNull(users.disabledAt)))
      .all()
      .filter((u) => mayEver(u, "proposal:respond")).length;
    return { readers, organisationName: org.name };
  });
}

/** A shared version of the partner's own organisation, or 404: the organisation is in the query. */
function sharedVersionForPartner(tx: Tx, actor: Actor, engagementId: number, number: number) {
  if (!readsSharedOnly(actor) || actor.organisationId === null) throw notFound("No such proposal version.");
  const v = tx
    .select({ id: proposalVersions.id, number: proposalVersions.number })
    .from(proposalVersions)
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .where(
      and(
        eq(proposalVersions.engagementId, engagementId),
        eq(proposalVersions.number, number),
        isNotNull(proposalVersions.sharedAt),
        eq(engagements.organisationId, actor.organisationId)
      )
    )
    .get();
  if (!v) throw notFound("No such proposal version.");
  return v;
}

export function respondToVersion(actor: Actor, engagementId: number, number: number, response: "accepted" | "changes_requested", reason: string) {
  getDb().transaction((tx) => {
    const facts = accessFacts(engagementId, tx);
    if (!facts) throw notFound("No such proposal version.");
    const v = findVersion(tx, engagementId, number);
    const wf = workflowFacts(tx, engagementId, v, { latestShared: true });
    const to = requireTransition(response === "accepted" ? "accept" : "request_changes", relationOf(actor, facts, involvementIn(facts, v)), wf);
    if (!v) throw notFound("No such proposal version.");
    if (response === "changes_requested" && reason.trim().length < 10) {
      throw new ReviewError("Say what should change, in a sentence or two.", 400, "reason");
    }
    moveTo(tx, engagementId, wf.stage, to);
    tx.insert(partnerResponses).values({ proposalVersionId: v.id, userId: actor.id, response, reason: reason.trim(), at: new Date().toISOString() }).run();
    writeAudit(tx, {
      userId: actor.id,
      action: response === "accepted" ? "proposal.accept" : "proposal.request_changes",
      engagementId,
      proposalVersionId: v.id,
      detail: { number, reason },
    });
  });
}

export function markSeen(actor: Actor, engagementId: number, number: number) {
  getDb().transaction((tx) => {
    sharedVersionForPartner(tx, actor, engagementId, number);
    const now = new Date().toISOString();
    tx.insert(partnerViews)
      .values({ userId: actor.id, engagementId, lastSeenNumber: number, at: now })
      .onConflictDoUpdate({
        target: [partnerViews.userId, partnerViews.engagementId],
        set: { lastSeenNumber: sql`max(${partnerViews.lastSeenNumber}, ${number})`, at: now },
      })
      .run();
  });
}

export function lastSeenNumber(actor: Actor, engagementId: number): number | null {
  return (
    getDb()
      .select({ n: partnerViews.lastSeenNumber })
      .from(partnerViews)
      .where(and(eq(partnerViews.userId, actor.id), eq(partnerViews.engagementId, engagementId)))
      .get()?.n ?? null
  );
}

/** The partner's answers to the engagement's versions, newest first; a partner sees only their own organisation's. */
export function responsesTo(actor: Actor, engagementId: number) {
  const partnerOnly = readsSharedOnly(actor) ? [eq(engagements.organisationId, actor.organisationId ?? -1), isNotNull(proposalVersions.sharedAt)] : [];
  if (!partnerOnly.length) requireEngagementAccess(actor, engagementId, "engagement:read");
  return getDb()
    .select({ number: proposalVersions.number, response: partnerResponses.response, reason: partnerResponses.reason, at: partnerResponses.at, by: users.name })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .innerJoin(users, eq(users.id, partnerResponses.userId))
    .where(and(eq(proposalVersions.engagementId, engagementId), ...partnerOnly))
    .orderBy(desc(partnerResponses.at))
    .all();
}

/* ------------------------------------------------------------------------------------------------
 * Comments
 * ---------------------------------------------------------------------------------------------- */

export type CommentView = {
  id: number;
  number: number;
  sectionKey: string;
  parentId: number | null;
  authorName: string;
  authorIsPartner: boolean;
  visibility: "partner" | "internal";
  body: string;
  createdAt: string;
  resolvedAt: string | null;
};

/** Comments on an engagement's versions. Partners get only partner-visible comments on shared versions of their own organisation. */
export function listComments(actor: Actor, engagementId: number): CommentView[] {
  const db = getDb();
  const base = db
    .select({
      id: comments.id,
      number: proposalVersions.number,
      sectionKey: comments.sectionKey,
      parentId: comments.parentId,
      authorName: users.name,
      authorRole: users.role,
      visibility: comments.visibility,
      body: comments.body,
      createdAt: comments.createdAt,
      resolvedAt: comments.resolvedAt,
    })
    .from(comments)
    .innerJoin(proposalVersions, eq(proposalVersions.id, comments.proposalVersionId))
    .innerJoin(engagements, eq(engagements.id, comments.engagementId))
    .innerJoin(users, eq(users.id, comments.authorId));
  let rows;
  if (readsSharedOnly(actor)) {
    rows = base
      .where(
        and(
          eq(comments.engagementId, engagementId),
          eq(comments.visibility, "partner"),
          isNotNull(proposalVersions.sharedAt),
          eq(engagements.organisationId, actor.organisationId ?? -1)
        )
      )
      .orderBy(asc(comments.id))
      .all();
  } else {
    requireEngagementAccess(actor, engagementId, "proposal:read");
    rows = base.where(eq(comments.engagementId, engagementId)).orderBy(asc(comments.id)).all();
  }
  return rows.map(({ authorRole, ...r }) => ({ ...r, authorIsPartner: readsSharedOnly({ role: authorRole }) }));
}

export function addComment(
  actor: Actor,
  engagementId: number,
  input: { number: number; sectionKey: string; body: string; parentId: number | null; visibility: "partner" | "internal" }
) {
  return getDb().transaction((tx) => {
    const partner = readsSharedOnly(actor);
    if (!partner) requireEngagementAccess(actor, engagementId, "proposal:comment");
    let versionId: number;
    let visibility = input.visibility;
    if (input.parentId !== null) {
      // A partner reaches only threads they can read: partner-visible, on a version shared with their
      // organisation. Any other parent, unknown or not, is the same 404, so ids cannot be probed.
      const parent = tx
        .select({ visibility: comments.visibility, versionId: comments.proposalVersionId, section: comments.sectionKey, resolvedAt: comments.resolvedAt })
        .from(comments)
        .innerJoin(proposalVersions, eq(proposalVersions.id, comments.proposalVersionId))
        .innerJoin(engagements, eq(engagements.id, comments.engagementId))
        .where(
          and(
            eq(comments.id, input.parentId),
            eq(comments.engagementId, engagementId),
            ...(partner
              ? [eq(comments.visibility, "partner"), isNotNull(proposalVersions.sharedAt), eq(engagements.organisationId, actor.organisationId ?? -1)]
              : [])
          )
        )
        .get();
      if (!parent) throw notFound("No such comment.");
      if (parent.resolvedAt) throw new ReviewError("This thread was marked resolved; start a new comment instead.", 409);
      visibility = parent.visibility;
      versionId = parent.versionId;
      input = { ...input, sectionKey: parent.section };
    } else if (partner) {
      versionId = sharedVersionForPartner(tx, actor, engagementId, input.number).id;
      visibility = "partner";
    } else {
      versionId = versionOf(tx, engagementId, input.number).id;
    }
    const id = tx
      .insert(comments)
      .values({
        engagementId,
        proposalVersionId: versionId,
        sectionKey: input.sectionKey,
        parentId: input.parentId,
        authorId: actor.id,
        visibility,
        body: input.body,
        createdAt: new Date().toISOString(),
      })
      .returning({ id: comments.id })
      .get().id;
    writeAudit(tx, {
      userId: actor.id,
      action: "comment.add",
      engagementId,
      proposalVersionId: versionId,
      detail: { commentId: id, section: input.sectionKey, visibility, reply: input.parentId !== null },
    });
    return id;
  });
}

export function resolveThread(actor: Actor, engagementId: number, commentId: number) {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const updated = tx
      .update(comments)
      .set({ resolvedAt: new Date().toISOString(), resolvedById: actor.id })
      .where(and(eq(comments.id, commentId), eq(comments.engagementId, engagementId), isNull(comments.parentId), isNull(comments.resolvedAt)))
      .run();
    if (updated.changes !== 1) throw new ReviewError("That thread is already resolved, or does not exist.", 409);
    writeAudit(tx, { userId: actor.id, action: "comment.resolve", engagementId, detail: { commentId } });
  });
}

/* ------------------------------------------------------------------------------------------------
 * Leadership approval
 * ---------------------------------------------------------------------------------------------- */

export function resourcingOf(snapshot: EngagementSnapshot) {
  const fteMonths = Math.round(snapshot.staffing.reduce((s, l) => s + l.fteMonths, 0) * 10) / 10;
  const facultyDays = Math.round(snapshot.staffing.find((l) => l.role === "faculty")?.days ?? 0);
  return { fteMonths, facultyDays, shortfalls: snapshot.fit?.shortfalls ?? [], ...manualDiscount(snapshot) };
}

export function submitForApproval(actor: Actor, engagementId: number, number: number) {
  return getDb().transaction((tx) => {
    const facts = access(tx, engagementId);
    const v = findVersion(tx, engagementId, number);
    const wf = workflowFacts(tx, engagementId, v);
    const to = requireTransition("submit", relationOf(actor, facts, involvementIn(facts, v)), wf);
    if (!v) throw notFound("No such proposal version.");
    const snapshot = JSON.parse(v.snapshotJson) as EngagementSnapshot;
    const gate = approvalGate(resourcingOf(snapshot), getApprovalThresholds());
    moveTo(tx, engagementId, wf.stage, to);
    const id = tx
      .insert(approvalRequests)
      .values({
        engagementId,
        proposalVersionId: v.id,
        submittedById: actor.id,
        submittedAt: new Date().toISOString(),
        requiredApprovals: gate.requiredApprovals,
        conflictAcknowledgementRequired: gate.conflictAcknowledgementRequired,
        gateReasonsJson: JSON.stringify(gate.reasons),
      })
      .returning({ id: approvalRequests.id })
      .get().id;
    // An approved version in force keeps its confirmed bookings until the amendment is approved.
    if (!hasConfirmedBookings(tx, engagementId)) replaceBookings(tx, engagementId, v.id, snapshot, "tentative");
    writeAudit(tx, { userId: actor.id, action: "approval.submit", engagementId, proposalVersionId: v.id, detail: { number, requestId: id, gate } });
    return id;
  });
}

export type DecisionInput = {
  decision: "approve" | "approve_with_conditions" | "decline";
  conditions: string;
  reason: string;
  acknowledgedConflict: boolean;
  requestVersion: number;
};

type RequestRow = typeof approvalRequests.$inferSelect;

/** Everything the table needs to say whether this actor may decide this request now. */
function decisionFacts(tx: DB | Tx, actor: Actor, request: RequestRow) {
  const facts = access(tx, request.engagementId);
  const v = tx.select(versionColumns).from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get()!;
  const involvement = involvementIn(facts, v, request.submittedById);
  const decisions = tx
    .select({ leaderId: approvalDecisions.leaderId, decision: approvalDecisions.decision })
    .from(approvalDecisions)
    .where(eq(approvalDecisions.requestId, request.id))
    .all();
  const wf = workflowFacts(tx, request.engagementId, v, {
    involvement: involvementOf(actor.id, involvement),
    request: {
      approvals: decisions.filter((d) => d.decision !== "decline").length,
      required: request.requiredApprovals,
      decidedByActor: decisions.some((d) => d.leaderId === actor.id),
    },
  });
  return { relation: relationOf(actor, facts, involvement), wf, v };
}

/**
 * Why this actor cannot decide on a pending request, in a sentence for the approvals queue; null when
 * they can. Asks the same table as the decision itself.
 */
export function whyCannotDecide(actor: Actor, requestId: number): string | null {
  const db = getDb();
  const request = db.select().from(approvalRequests).where(eq(approvalRequests.id, requestId)).get();
  if (!request || request.status !== "pending") return null;
  const { relation, wf } = decisionFacts(db, actor, request);
  const decision = decide("approve", relation, wf);
  return decision.ok ? null : decision.message;
}

/**
 * Records a leader's decision. The request moves only from the version the leader saw, so two
 * leaders deciding at once, or a double click, cannot both take effect.
 */
export function decideApproval(actor: Actor, requestId: number, input: DecisionInput) {
  if (!mayEver(actor, "approval:decide")) throw forbidden("Only leadership decides on approvals.");
  return getDb().transaction((tx) => {
    const request = tx.select().from(approvalRequests).where(eq(approvalRequests.id, requestId)).get();
    if (!request) throw notFound("No such approval request.");
    const { relation, wf } = decisionFacts(tx, actor, request);
    const action = input.decision === "decline" ? "decline" : "approve";
    // Whoever lost a race to decide is told so, rather than that the stage has moved on.
    const refusal = decide(action, relation, wf);
    if (!refusal.ok && refusal.status === 409 && request.status !== "pending") throw new ReviewError("This request has already been decided.", 409);
    const to = requireTransition(action, relation, wf);
    if (request.status !== "pending") throw new ReviewError("This request has already been decided.", 409);
    if (request.version !== input.requestVersion)
      throw new ReviewError("Another leader decided on this request while you were reading it. Review it again.", 409);
    if (input.decision === "approve_with_conditions" && input.conditions.trim().length < 5)
      throw new ReviewError("State the conditions of the approval.", 400, "conditions");
    // Conditions written but a plain approval chosen: which was meant is not ours to guess.
    if (input.decision === "approve" && input.conditions.trim()) {
      throw new ReviewError("You wrote conditions: choose “Approve with conditions”, or clear them to approve without conditions.", 400, "conditions");
    }
    if (input.decision === "decline" && input.reason.trim().length < 5) throw new ReviewError("Give the reason for declining.", 400, "reason");
    if (input.decision !== "decline" && request.conflictAcknowledgementRequired && !input.acknowledgedConflict) {
      throw new ReviewError("This approval would leave us short of capacity: confirm that you accept the conflict.", 400, "acknowledgedConflict");
    }
    tx.insert(approvalDecisions)
      .values({
        requestId,
        leaderId: actor.id,
        decision: input.decision,
        conditions: input.conditions.trim(),
        reason: input.reason.trim(),
        acknowledgedConflict: input.acknowledgedConflict,
        at: new Date().toISOString(),
      })
      .run();
    const decisions = tx.select().from(approvalDecisions).where(eq(approvalDecisions.requestId, requestId)).all();
    const outcome = requestOutcome({ requiredApprovals: request.requiredApprovals as 1 | 2 }, decisions);
    const now = new Date().toISOString();
    const updated = tx
      .update(approvalRequests)
      .set({ status: outcome.status, version: request.version + 1, decidedAt: outcome.status === "pending" ? null : now })
      .where(and(eq(approvalRequests.id, requestId), eq(approvalRequests.status, "pending"), eq(approvalRequests.version, request.version)))
      .run();
    if (updated.changes !== 1) throw new ReviewError("Another leader decided on this request at the same moment. Review it again.", 409);
    moveTo(tx, request.engagementId, wf.stage, to);
    if (outcome.status === "declined") {
      // A declined amendment leaves the approved version in force, with its confirmed bookings.
      if (wf.inForce === null) tx.delete(bookings).where(eq(bookings.engagementId, request.engagementId)).run();
    } else if (outcome.status !== "pending") {
      const v = tx
        .select({ snapshotJson: proposalVersions.snapshotJson })
        .from(proposalVersions)
        .where(eq(proposalVersions.id, request.proposalVersionId))
        .get()!;
      replaceBookings(tx, request.engagementId, request.proposalVersionId, JSON.parse(v.snapshotJson), "confirmed");
    }
    writeAudit(tx, {
      userId: actor.id,
      action: `approval.${input.decision}`,
      engagementId: request.engagementId,
      proposalVersionId: request.proposalVersionId,
      detail: { requestId, conditions: input.conditions, reason: input.reason, acknowledgedConflict: input.acknowledgedConflict, outcome: outcome.status },
    });
    return outcome;
  });
}

export function withdrawRequest(actor: Actor, engagementId: number, requestId: number) {
  getDb().transaction((tx) => {
    const facts = access(tx, engagementId);
    const request = tx
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.id, requestId), eq(approvalRequests.engagementId, engagementId)))
      .get();
    const v = request ? tx.select(versionColumns).from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get() : undefined;
    const wf = workflowFacts(tx, engagementId, v);
    const to = requireTransition("withdraw", relationOf(actor, facts, involvementIn(facts, v, request?.submittedById ?? null)), wf);
    const updated = tx
      .update(approvalRequests)
      .set({ status: "withdrawn", version: sql`${approvalRequests.version} + 1`, decidedAt: new Date().toISOString() })
      .where(and(eq(approvalRequests.id, requestId), eq(approvalRequests.engagementId, engagementId), eq(approvalRequests.status, "pending")))
      .run();
    if (updated.changes !== 1) throw new ReviewError("This request is no longer waiting for a decision.", 409);
    moveTo(tx, engagementId, wf.stage, to);
    if (!hasConfirmedBookings(tx, engagementId)) tx.delete(bookings).where(eq(bookings.engagementId, engagementId)).run();
    writeAudit(tx, { userId: actor.id, action: "approval.withdraw", engagementId, detail: { requestId } });
  });
}

export type RequestView = {
  id: number;
  engagementId: number;
  engagementTitle: string;
  partnerName: string;
  number: number;
  submittedAt: string;
  submittedByName: string;
  status: string;
  requiredApprovals: number;
  conflictAcknowledgementRequired: boolean;
  gateReasons: string[];
  version: number;
  decisions: { leaderId: number; leaderName: string; decision: string; conditions: string; reason: string; at: string; acknowledgedConflict: boolean }[];
};

export function listRequests(opts: { engagementId?: number; status?: "pending" }): RequestView[] {
  const db = getDb();
  const conditions = [];
  if (opts.engagementId) conditions.push(eq(approvalRequests.engagementId, opts.engagementId));
  if (opts.status) conditions.push(eq(approvalRequests.status, opts.status));
  const rows = db
    .select({
      id: approvalRequests.id,
      engagementId: approvalRequests.engagementId,
      engagementTitle: engagements.title,
      partnerName: sql<string>`(select name from organisations o where o.id = ${engagements.organisationId})`,
      number: proposalVersions.number,
      submittedAt: approvalRequests.submittedAt,
      submittedByName: users.name,
      status: approvalRequests.status,
      requiredApprovals: approvalRequests.requiredApprovals,
      conflictAcknowledgementRequired: approvalRequests.conflictAcknowledgementRequired,
      gateReasonsJson: approvalRequests.gateReasonsJson,
      version: approvalRequests.version,
    })
    .from(approvalRequests)
    .innerJoin(engagements, eq(engagements.id, approvalRequests.engagementId))
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .innerJoin(users, eq(users.id, approvalRequests.submittedById))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(approvalRequests.submittedAt))
    .all();
  const ids = rows.map((r) => r.id);
  const decisions = ids.length
    ? db
        .select({
          requestId: approvalDecisions.requestId,
          leaderId: approvalDecisions.leaderId,
          leaderName: users.name,
          decision: approvalDecisions.decision,
          conditions: approvalDecisions.conditions,
          reason: approvalDecisions.reason,
          at: approvalDecisions.at,
          acknowledgedConflict: approvalDecisions.acknowledgedConflict,
        })
        .from(approvalDecisions)
        .innerJoin(users, eq(users.id, approvalDecisions.leaderId))
        .where(inArray(approvalDecisions.requestId, ids))
        .all()
    : [];
  return rows.map(({ gateReasonsJson, ...r }) => ({
    ...r,
    gateReasons: JSON.parse(gateReasonsJson) as string[],
    decisions: decisions.filter((d) => d.requestId === r.id).map(({ requestId: _r, ...d }) => d),
  }));
}

/** The approval state a version's documents show: DRAFT until approved, then the filled approval block. */
export function approvalStateFor(versionId: number): ApprovalState {
  const db = getDb();
  const request = db
    .select({ id: approvalRequests.id, status: approvalRequests.status })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.proposalVersionId, versionId), inArray(approvalRequests.status, ["approved", "approved_with_conditions"])))
    .get();
  if (!request) return { status: "draft" };
  const decisions = db
    .select({ name: users.name, at: approvalDecisions.at, conditions: approvalDecisions.conditions })
    .from(approvalDecisions)
    .innerJoin(users, eq(users.id, approvalDecisions.leaderId))
    .where(eq(approvalDecisions.requestId, request.id))
    .orderBy(asc(approvalDecisions.at))
    .all();
  const conditions = decisions
    .map((d) => d.conditions)
    .filter(Boolean)
    .join(" ");
  return {
    status: "approved",
    decision: request.status === "approved_with_conditions" ? "approved_with_conditions" : "approved",
    approvers: decisions.map((d) => ({ name: d.name, at: d.at.slice(0, 10) })),
    ...(conditions ? { conditions } : {}),
  };
}

/** Whether a version already has the partner's answer. */
export function versionAnswered(engagementId: number, number: number): boolean {
  return Boolean(
    getDb()
      .select({ id: partnerResponses.id })
      .from(partnerResponses)
      .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
      .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
      .get()
  );
}

/**
 * Of these engagements, those still shared with the partner whose latest shared version the partner
 * has accepted. Pass only engagements the caller may see.
 */
export function acceptedLatestShared(engagementIds: number[]): Set<number> {
  if (engagementIds.length === 0) return new Set();
  const latestShared = sql`(select max(pv.number) from proposal_versions pv where pv.engagement_id = ${proposalVersions.engagementId} and pv.shared_at is not null)`;
  const rows = getDb()
    .selectDistinct({ engagementId: proposalVersions.engagementId })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .where(
      and(
        inArray(proposalVersions.engagementId, engagementIds),
        eq(engagements.stage, "shared"),
        eq(partnerResponses.response, "accepted"),
        eq(proposalVersions.number, latestShared)
      )
    )
    .all();
  return new Set(rows.map((r) => r.engagementId));
}

/** Where the engagement's latest version is, for the notice on the steps that feed the next one. */
export function latestVersionOut(engagementId: number, stage: Stage): OutForDecision {
  const db = getDb();
  const latest = latestNumber(db, engagementId);
  const latestShared = latestNumber(db, engagementId, { shared: true });
  const pending = db
    .select({ n: proposalVersions.number })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(and(eq(approvalRequests.engagementId, engagementId), eq(approvalRequests.status, "pending")))
    .get();
  return outForDecision({
    stage,
    latest,
    latestShared,
    latestAnswered: latestShared !== null && versionAnswered(engagementId, latestShared),
    pendingRequestFor: pending?.n ?? null,
  });
}
