import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { startPassedWords } from "~/domain/timeline-constraints";
import { approvalDecisions, approvalRequests, bookings, engagements, partnerResponses, proposalVersions, rosterShortfalls, users } from "../../db/schema";
import { Conflict, Refusal } from "~/domain/errors";
import { reviewStage, signerText, versionState, type AcceptanceRecord, type ApprovalState } from "~/domain/proposal-content";
import { commitmentsOf, type CommitmentParts } from "~/domain/commitments";
import { asCommitted, chosenOption, largestOption, optionTitle, type SnapshotOption } from "~/domain/proposal-options";
import { rateOfDayWithSource } from "~/domain/exchange-rate";
import { planInBrief } from "~/domain/plan-in-brief";
import { rulesFor } from "~/domain/demand";
import { manualDiscount, snapshotBelowCostWords } from "~/domain/pricing";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { diffSnapshots } from "~/domain/proposal-diff";
import { decisionWants } from "~/domain/review-forms";
import { mayEver } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import {
  afterWithdrawal,
  approvalGate,
  APPROVING_STATUSES,
  agreedInForce,
  approves,
  awaitsPartnerAcceptance,
  decide,
  involvementOf,
  laterVersionsWords,
  relationOf,
  requestOutcome,
} from "~/domain/workflow";
import { assessFit } from "~/domain/resource-fit";
import { approvalNoLongerFits, shortfallsByRole } from "~/domain/roster-change";
import { capacityByRoleMonth } from "~/domain/capacity";
import { daysSince, rankApprovals } from "~/domain/portfolio";
import { writeAudit } from "~/services/audit.server";
import { builtQuery, getDb, qualified, type DB, type Tx } from "~/services/db.server";
import { forbidden, notFound } from "~/services/session.server";
import {
  tellApprovalClosed,
  tellApprovalDecided,
  tellApprovalRequested,
  tellApprovalWithdrawn,
  tellVersionApproved,
  tellVersionDeclined,
  sendVersionAgreed,
} from "./mail-notices.server";
import { getApprovalThresholds, getDemandParameters, getStaffRoles } from "~/services/templates.server";
import { readOtherBookings, readRoster } from "./roster.server";
import { timelineVariant } from "./timeline.server";
import { frozenContent } from "./frozen-content.server";
import {
  access,
  acceptedOptionKey,
  findVersion,
  hasConfirmedBookings,
  involvementIn,
  moveTo,
  replaceBookings,
  requireTransition,
  versionColumns,
  workflowFacts,
} from "./workflow.server";

/**
 * Who withdrew an approval request, by name: the audit trail records it (its detail names the request);
 * the request row only when. Null for a request never withdrawn.
 */
export const withdrawnByNameSql = sql<
  string | null
>`(select u.name from audit_log a join users u on u.id = a.user_id where a.engagement_id = ${approvalRequests.engagementId} and a.action = 'approval.withdraw' and json_extract(a.detail_json, '$.requestId') = ${approvalRequests.id} order by a.id desc limit 1)`;

/** Leadership approval: submitting a version, each leader's decision, withdrawing, and what a request commits. */

/** What the approval gate judges of a version: what it commits, and how far below the rules its fee was set by hand. */
export function resourcingOf(snapshot: EngagementSnapshot) {
  const { fteMonths, facultyDays, shortfalls } = commitmentsOf(snapshot);
  return { fteMonths, facultyDays, shortfalls, ...manualDiscount(snapshot) };
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
    tellApprovalRequested(tx, actor, engagementId, number, id, involvementIn(facts, v, actor.id));
    return id;
  });
}

export type DecisionInput = {
  decision: "approve" | "approve_with_conditions" | "decline";
  conditions: string;
  reason: string;
  acknowledgedConflict: boolean;
  /** The approval of an amendment says the conditions on the version it follows are met, or carried into its own. */
  conditionsMet?: boolean;
  requestVersion: number;
};

type RequestRow = typeof approvalRequests.$inferSelect;

// Deciding never reads what the version says: the queue asks this of every request waiting.
const { snapshotJson: _snapshot, ...factColumns } = versionColumns;

/** Everything the table needs to say whether this actor may decide this request now. */
function decisionFacts(tx: DB | Tx, actor: Actor, request: RequestRow) {
  const facts = access(tx, request.engagementId);
  const v = tx.select(factColumns).from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get()!;
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
  return { relation: relationOf(actor, facts, involvement), wf, v, involvement };
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

/** How many pending requests this leader may decide on and has not: what waits on them. */
export function decisionsAwaiting(actor: Actor): number {
  return listRequests({ status: "pending" }).filter((r) => whyCannotDecide(actor, r.id) === null).length;
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
    const { relation, wf, involvement } = decisionFacts(tx, actor, request);
    const action = input.decision === "decline" ? "decline" : "approve";
    // Whoever lost a race to decide is told so, rather than that the stage has moved on.
    const refusal = decide(action, relation, wf);
    if (!refusal.ok && refusal.status === 409 && request.status !== "pending") throw new Conflict("This request has already been decided.");
    const to = requireTransition(action, relation, wf);
    if (request.status !== "pending") throw new Conflict("This request has already been decided.");
    if (request.version !== input.requestVersion) throw new Conflict("Another leader decided on this request while you were reading it. Review it again.");
    const earlier = input.decision === "decline" ? null : conditionallyApprovedBefore(tx, request);
    const wanting = decisionWants(input, { conflictAcknowledgementRequired: request.conflictAcknowledgementRequired, conditionalBefore: earlier });
    if (wanting) throw new Refusal(wanting.message, wanting.field);
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
    if (updated.changes !== 1) throw new Conflict("Another leader decided on this request at the same moment. Review it again.");
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
      detail: {
        requestId,
        conditions: input.conditions,
        reason: input.reason,
        acknowledgedConflict: input.acknowledgedConflict,
        ...(earlier !== null ? { earlierConditionsMet: { version: earlier } } : {}),
        outcome: outcome.status,
      },
    });
    if (outcome.status !== "pending") {
      const decided = tx.select({ number: proposalVersions.number }).from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get()!;
      const decliner = outcome.status === "declined" ? tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get() : undefined;
      // Approved after the partner accepted it: the proposal is now agreed by both sides (docs/domain.md §9.9).
      const agreed = outcome.status !== "declined" && wf.version?.answer?.response === "accepted";
      tellApprovalDecided(
        tx,
        request.engagementId,
        decided.number,
        outcome.status,
        decliner ? { by: decliner.name, reason: input.reason.trim() } : null,
        agreed
      );
      if (agreed) sendVersionAgreed(tx, request.engagementId, decided.number);
      // Approved before the partner accepted it: the partner learns that it waits for their acceptance.
      if (outcome.status !== "declined" && wf.version && awaitsPartnerAcceptance(wf.version))
        tellVersionApproved(tx, request.engagementId, decided.number, outcome.status === "approved_with_conditions");
      if (outcome.status === "declined") {
        // The partner who had the version learns it will not go ahead; the other leaders, that nothing is left to decide.
        if (wf.version?.shared)
          tellVersionDeclined(
            tx,
            request.engagementId,
            decided.number,
            agreedInForce(decided.number, wf.inForce === null ? null : { number: wf.inForce, accepted: wf.inForceAccepted === true })
          );
        tellApprovalClosed(tx, actor, request.engagementId, decided.number, requestId, involvement);
      }
    }
    return outcome;
  });
}

/** The version a request is about. */
export function requestVersionId(requestId: number): number | null {
  return getDb().select({ id: approvalRequests.proposalVersionId }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()?.id ?? null;
}

/** Withdraws a pending request; answers the version it was for (its documents follow its state). */
export function withdrawRequest(actor: Actor, engagementId: number, requestId: number): { versionId: number } {
  return getDb().transaction((tx) => {
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
    if (updated.changes !== 1) throw new Conflict("This request is no longer waiting for a decision.");
    moveTo(tx, engagementId, wf.stage, to);
    if (!hasConfirmedBookings(tx, engagementId)) tx.delete(bookings).where(eq(bookings.engagementId, engagementId)).run();
    writeAudit(tx, { userId: actor.id, action: "approval.withdraw", engagementId, detail: { requestId } });
    // The leaders told of the request, as when it was submitted (whoever submitted it stays out of deciding).
    tellApprovalWithdrawn(tx, actor, engagementId, v!.number, requestId, involvementIn(facts, v, request!.submittedById));
    return { versionId: request!.proposalVersionId };
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
  /** When it was decided or withdrawn; null while it waits. */
  decidedAt: string | null;
  /** Who withdrew it, from the audit trail; null unless it was withdrawn. */
  withdrawnByName: string | null;
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
      partnerName: sql<string>`(select name from organisations o where o.id = ${qualified(engagements.organisationId)})`,
      number: proposalVersions.number,
      submittedAt: approvalRequests.submittedAt,
      submittedByName: users.name,
      status: approvalRequests.status,
      decidedAt: approvalRequests.decidedAt,
      withdrawnByName: sql<string | null>`case when ${approvalRequests.status} = 'withdrawn' then ${withdrawnByNameSql} end`,
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

/**
 * The approvals queue: the requests waiting, longest waiting first as the portfolio ranks them, each
 * with why this leader cannot decide it (null when they can); then the twenty most recently decided
 * (or withdrawn), the latest decision first, whenever each was submitted.
 */
export function approvalsQueue(actor: Actor, now: string) {
  const all = listRequests({});
  const pending = all.filter((r) => r.status === "pending");
  const parts = commitmentPartsOf(pending.map((r) => r.id));
  const approved = all.filter((r) => approves(r.status));
  const waiting = pending.map((r) => ({
    ...r,
    // The approved version that stays in force while this one, an amendment, waits; null for a first approval.
    amends: Math.max(0, ...approved.filter((a) => a.engagementId === r.engagementId).map((a) => a.number)) || null,
    daysWaiting: Math.max(0, daysSince(r.submittedAt, now)),
    whyNot: whyCannotDecide(actor, r.id),
    commits: commitmentsOf(parts.get(r.id)!),
  }));
  const decidedOn = (r: RequestView) => r.decidedAt ?? r.submittedAt;
  const decided = all
    .filter((r) => r.status !== "pending")
    .sort((a, b) => decidedOn(b).localeCompare(decidedOn(a)) || b.id - a.id)
    .slice(0, 20);
  return { pending: rankApprovals(waiting, null).shown, decided };
}

/**
 * What the versions of these requests commit, in one query however many there are: only the parts of
 * each snapshot that `commitmentsOf` reads, picked out by SQLite rather than parsed whole here, with
 * the staffing of the option the partner chose once they have.
 */
function commitmentPartsOf(requestIds: number[]): Map<number, CommitmentParts> {
  if (!requestIds.length) return new Map();
  const part = (path: string) => sql`${proposalVersions.snapshotJson} -> ${path}`;
  const rows = getDb()
    .select({
      id: approvalRequests.id,
      // A version that somehow lacks its staffing or budget reads as committing none, rather than failing the queue.
      parts: sql<string>`json_object('staffing', coalesce(${part("$.staffing")}, json('[]')), 'fit', ${part("$.fit")}, 'cost', ${part(
        "$.cost"
      )}, 'price', ${part("$.price")}, 'options', ${part("$.options")}, 'exchangeRate', ${part(
        "$.exchangeRate"
      )}, 'intake', json_object('budget', coalesce(${part("$.intake.budget")}, json('{}'))))`,
      // The option the partner chose, as acceptedOptionKey reads it.
      chosenKey: sql<string | null>`(select ${qualified(partnerResponses.optionKey)} from ${partnerResponses} where ${qualified(
        partnerResponses.proposalVersionId
      )} = ${qualified(approvalRequests.proposalVersionId)} and ${qualified(partnerResponses.response)} = 'accepted' order by ${qualified(
        partnerResponses.id
      )} limit 1)`,
    })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(inArray(approvalRequests.id, requestIds))
    .all();
  // Once the partner has chosen an option, what the version commits is that option's (docs/domain.md §9.13).
  return new Map(rows.map((r) => [r.id, asCommitted(JSON.parse(r.parts) as CommitmentParts, r.chosenKey)]));
}

/** The approval state a version's documents show: DRAFT until approved, then each leader's own decision; the partner's acceptance either way. */
export function approvalStateFor(versionId: number): ApprovalState {
  const queries = builtQuery("approval state", approvalStateQueries);
  const acceptance = acceptanceOf(queries.acceptance.get({ versionId }));
  const request = queries.approved.get({ versionId });
  if (!request) {
    const review = reviewStage({
      sharedAt: queries.shared.get({ versionId })?.sharedAt ?? null,
      latestRequest: queries.latestRequest.get({ versionId })?.status ?? null,
      latestResponse: queries.latestResponse.get({ versionId })?.response ?? null,
    });
    // Who declined it, when and why: for our staff and the internal briefing (partnerApproval leaves it out).
    const decline = review === "declined" ? queries.decline.get({ versionId }) : undefined;
    const declined = decline ? { name: decline.name, at: decline.at.slice(0, 10), reason: decline.reason } : null;
    return { status: "draft", ...(review ? { review } : {}), ...(declined ? { declined } : {}), ...(acceptance ? { acceptance } : {}) };
  }
  const decisions = queries.decisions.all({ requestId: request.id });
  const conditions = decisions
    .map((d) => d.conditions)
    .filter(Boolean)
    .join(" ");
  return {
    status: "approved",
    decision: request.status === "approved_with_conditions" ? "approved_with_conditions" : "approved",
    approvers: decisions.map((d) => ({
      name: d.name,
      at: d.at.slice(0, 10),
      decision: d.decision === "approve_with_conditions" ? "approved_with_conditions" : "approved",
      ...(d.conditions ? { conditions: d.conditions } : {}),
    })),
    ...(conditions ? { conditions } : {}),
    ...(acceptance ? { acceptance } : {}),
  };
}

/** approvalStateFor's queries, built once per connection: every download of a stored document asks them. */
const approvalStateQueries = (db: DB) => ({
  // The partner's acceptance of the version, as recorded when they accepted it (docs/domain.md §9.9).
  acceptance: db
    .select({
      signerName: partnerResponses.signerName,
      signerTitle: partnerResponses.signerTitle,
      account: users.name,
      at: partnerResponses.at,
      option: partnerResponses.optionLabel,
      fingerprint: partnerResponses.fingerprint,
      optionKey: partnerResponses.optionKey,
    })
    .from(partnerResponses)
    .innerJoin(users, eq(users.id, partnerResponses.userId))
    .where(and(eq(partnerResponses.proposalVersionId, sql.placeholder("versionId")), eq(partnerResponses.response, "accepted")))
    .orderBy(asc(partnerResponses.id))
    .limit(1)
    .prepare(),
  approved: db
    .select({ id: approvalRequests.id, status: approvalRequests.status })
    .from(approvalRequests)
    .where(
      and(eq(approvalRequests.proposalVersionId, sql.placeholder("versionId")), inArray(approvalRequests.status, ["approved", "approved_with_conditions"]))
    )
    .limit(1)
    .prepare(),
  // Where a version not yet approved stands: shared, changes asked for, with our leadership, declined.
  shared: db
    .select({ sharedAt: proposalVersions.sharedAt })
    .from(proposalVersions)
    .where(eq(proposalVersions.id, sql.placeholder("versionId")))
    .prepare(),
  latestRequest: db
    .select({ status: approvalRequests.status })
    .from(approvalRequests)
    .where(eq(approvalRequests.proposalVersionId, sql.placeholder("versionId")))
    .orderBy(desc(approvalRequests.id))
    .limit(1)
    .prepare(),
  latestResponse: db
    .select({ response: partnerResponses.response })
    .from(partnerResponses)
    .where(eq(partnerResponses.proposalVersionId, sql.placeholder("versionId")))
    .orderBy(desc(partnerResponses.id))
    .limit(1)
    .prepare(),
  // The leader's decline that ended the version's latest request, when it was declined.
  decline: db
    .select({ name: users.name, at: approvalDecisions.at, reason: approvalDecisions.reason })
    .from(approvalDecisions)
    .innerJoin(approvalRequests, eq(approvalRequests.id, approvalDecisions.requestId))
    .innerJoin(users, eq(users.id, approvalDecisions.leaderId))
    .where(and(eq(approvalRequests.proposalVersionId, sql.placeholder("versionId")), eq(approvalDecisions.decision, "decline")))
    .orderBy(desc(approvalDecisions.at), desc(approvalDecisions.id))
    .limit(1)
    .prepare(),
  decisions: db
    .select({ name: users.name, at: approvalDecisions.at, decision: approvalDecisions.decision, conditions: approvalDecisions.conditions })
    .from(approvalDecisions)
    .innerJoin(users, eq(users.id, approvalDecisions.leaderId))
    .where(and(eq(approvalDecisions.requestId, sql.placeholder("requestId")), inArray(approvalDecisions.decision, ["approve", "approve_with_conditions"])))
    .orderBy(asc(approvalDecisions.at))
    .prepare(),
});

type AcceptanceRow = ReturnType<ReturnType<typeof approvalStateQueries>["acceptance"]["get"]>;

/** The acceptance as the documents and pages record it; the option's key only when one was chosen: an acceptance without options reads as it always has. */
function acceptanceOf(row: AcceptanceRow | undefined): AcceptanceRecord | null {
  if (!row) return null;
  const { optionKey, ...record } = row;
  return optionKey ? { ...record, optionKey } : record;
}

/** What the engagement's owners may do now that a request about this version was withdrawn: the table's answer to submitting it again. */
function whatNextAfterWithdrawal(db: DB, engagementId: number, versionId: number): string {
  const v = db.select(versionColumns).from(proposalVersions).where(eq(proposalVersions.id, versionId)).get()!;
  const wf = workflowFacts(db, engagementId, v);
  return afterWithdrawal({ number: v.number, resubmit: decide("submit", "owner", wf), inForce: wf.inForce });
}

/**
 * The number of the version in force this request's version amends when leadership approved that one
 * with conditions, else null: approving the amendment then says what became of those conditions. The
 * version in force, not the one before: an amendment declined or withdrawn in between leaves them standing.
 */
function conditionallyApprovedBefore(tx: Tx, request: RequestRow): number | null {
  const own = tx.select({ number: proposalVersions.number }).from(proposalVersions).where(eq(proposalVersions.id, request.proposalVersionId)).get();
  if (!own) return null;
  const inForce = tx
    .select({ number: proposalVersions.number, status: approvalRequests.status })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(
      and(
        eq(approvalRequests.engagementId, request.engagementId),
        lt(proposalVersions.number, own.number),
        inArray(approvalRequests.status, [...APPROVING_STATUSES])
      )
    )
    .orderBy(desc(proposalVersions.number), desc(approvalRequests.id))
    .get();
  return inForce?.status === "approved_with_conditions" ? inForce.number : null;
}

/**
 * The request this one follows for an earlier version of the same engagement, if any: what leadership
 * made of it, and what changed in the proposal since (docs/domain.md §9.5), so that a leader reading
 * an amended version sees whether what was asked last time has been done.
 */
function amendsOf(db: DB, engagementId: number, request: RequestView, requests: RequestView[], snapshot: EngagementSnapshot) {
  const before = requests.filter((r) => r.number < request.number).sort((a, b) => b.number - a.number || b.id - a.id);
  const last = before[0];
  if (!last) return null;
  // An amendment is compared with the version in force, whose conditions it meets or carries; a version
  // declined or withdrawn in between is named, not compared with (docs/domain.md §9.14).
  const inForce = before.find((r) => approves(r.status));
  const previous = inForce ?? last;
  const between =
    inForce && last.number !== inForce.number
      ? { number: last.number, status: last.status, decidedAt: last.decidedAt, withdrawnByName: last.withdrawnByName }
      : null;
  const versionContent = (number: number) => {
    const row = db
      .select({ id: proposalVersions.id, snapshotJson: proposalVersions.snapshotJson, contentJson: proposalVersions.contentJson })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
      .get();
    if (!row) return undefined;
    const snapshot = JSON.parse(row.snapshotJson) as EngagementSnapshot;
    // Quoted in the words of its own state, as its pages and documents show it (docs/domain.md §9.9).
    return { snapshot, content: frozenContent(snapshot, row.contentJson).content, state: versionState(approvalStateFor(row.id)) };
  };
  const earlier = versionContent(previous.number);
  const own = versionContent(request.number);
  return {
    number: previous.number,
    requestId: previous.id,
    status: previous.status,
    decidedAt: previous.decidedAt,
    withdrawnByName: previous.withdrawnByName,
    decisions: previous.decisions,
    between,
    changes: earlier
      ? diffSnapshots(earlier.snapshot, snapshot, "staff", own && { from: earlier.content, to: own.content, fromState: earlier.state, toState: own.state })
      : null,
  };
}

/** Who accepted a version for the partner, as the acceptance record names them, when and what; null before they have. */
function acceptedBy(acceptance: AcceptanceRecord | undefined): { who: string; at: string; what: string | null } | null {
  if (!acceptance) return null;
  return { who: signerText(acceptance.signerName, acceptance.signerTitle) || acceptance.account, at: acceptance.at, what: acceptance.option || null };
}

/** Whose figures the approval gate's reasons give once the partner chose an option other than the largest. */
function gateJudgedWords(largest: SnapshotOption, chosen: SnapshotOption): string {
  return `These reasons judge ${optionTitle(
    largest
  )}, the largest option, as the approval gate does for a version with options; the partner chose ${optionTitle(
    chosen
  )}, whose staff and fee are stated beside.`;
}

/** The versions of the engagement made after the one a request is for, said for the request's page; null when there is none. */
function laterVersionsOf(db: DB, engagementId: number, number: number): { latest: number; words: string } | null {
  const later = db
    .select({ number: proposalVersions.number })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, engagementId), gt(proposalVersions.number, number)))
    .all()
    .map((v) => v.number);
  return laterVersionsWords(later);
}

/** The plan a version states: its timeline's method and form, else the method chosen; with what its scale counts. */
function statedPlan(s: EngagementSnapshot) {
  const method = s.timeline?.method ?? s.method.chosen ?? s.method.recommended;
  const variant = s.timeline ? timelineVariant(s.timeline) : s.method.variant ?? null;
  return { method, variant, scaleNoun: rulesFor(getDemandParameters(), method, variant).scaleNoun };
}

/**
 * Everything a leader needs to decide on one request: the resourcing it commits and what it would crowd
 * out, and, given `today`, whether a plan still to be decided on begins before it (docs/domain.md §8.6).
 */
export function getApprovalRequest(actor: Actor, requestId: number, today: string | null = null) {
  if (!mayEver(actor, "approval:read")) throw forbidden("Approval requests are for leadership.");
  const db = getDb();
  const row = db
    .select({ engagementId: approvalRequests.engagementId, versionId: approvalRequests.proposalVersionId, snapshotJson: proposalVersions.snapshotJson })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(eq(approvalRequests.id, requestId))
    .get();
  if (!row) throw notFound("No such approval request.");
  const requests = listRequests({ engagementId: row.engagementId });
  const request = requests.find((r) => r.id === requestId)!;
  const frozen = JSON.parse(row.snapshotJson) as EngagementSnapshot;
  // What the version commits: once the partner has chosen an option, that option's staff and demand, as its bookings (docs/domain.md §9.13).
  const chosenKey = acceptedOptionKey(db, row.versionId);
  const snapshot = asCommitted(frozen, chosenKey);
  const chosen = frozen.options && frozen.options.length > 1 ? chosenOption(frozen.options, chosenKey) : null;
  const largest = frozen.options ? largestOption(frozen.options) : null;
  const roles = getStaffRoles().roles;
  const { months, capacity, assessment, short } = capacityShortNow(db, row.engagementId, snapshot);
  // Who else holds the roles in the months that would run short because of them.
  const shortKeys = new Set(short.othersMonths.map((s) => `${s.role}|${s.month}`));
  const competing = shortKeys.size
    ? db
        .select({ title: engagements.title, role: bookings.role, month: bookings.month, fte: bookings.fte, status: bookings.status })
        .from(bookings)
        .innerJoin(engagements, eq(engagements.id, bookings.engagementId))
        .where(and(ne(bookings.engagementId, row.engagementId), inArray(bookings.month, months)))
        .all()
        .filter((b) => shortKeys.has(`${b.role}|${b.month}`))
    : [];
  const competingByEngagement = new Map<string, { title: string; status: string; months: Set<string> }>();
  for (const c of competing) {
    const key = `${c.title}|${c.status}`;
    const entry = competingByEngagement.get(key) ?? { title: c.title, status: c.status, months: new Set() };
    entry.months.add(c.month);
    competingByEngagement.set(key, entry);
  }
  const byRole = roles
    .map((r) => ({
      role: r.key,
      label: r.label,
      cells: months.map((m) => snapshot.demand.find((d) => d.role === r.key && d.month === m)?.fte ?? 0),
    }))
    .filter((r) => r.cells.some((c) => c > 0));
  // What each of those roles already holds in the same months, for the chart of demand on top of bookings.
  const held = new Map(capacity.map((c) => [`${c.role}|${c.month}`, c]));
  const stacked = byRole.map((r) => ({
    role: r.role,
    label: r.label,
    cells: months.map((month, i) => {
      const c = held.get(`${r.role}|${month}`);
      return {
        month,
        request: r.cells[i] ?? 0,
        available: c?.total ?? 0,
        confirmed: c?.confirmed ?? 0,
        tentative: c?.tentative ?? 0,
        freeAfterConfirmed: c?.freeAfterConfirmed ?? 0,
        freeAfterAll: c?.freeAfterAll ?? 0,
      };
    }),
  }));
  return {
    request,
    // The partner may accept a version while our leadership decides on it: the request says so when they have.
    acceptance: acceptedBy(approvalStateFor(row.versionId).acceptance),
    later: laterVersionsOf(db, row.engagementId, request.number),
    amends: amendsOf(db, row.engagementId, request, requests, snapshot),
    afterWithdrawal: request.status === "withdrawn" ? whatNextAfterWithdrawal(db, row.engagementId, row.versionId) : null,
    engagementTitle: request.engagementTitle,
    plan: planInBrief(frozen, statedPlan(frozen), chosenKey),
    commits: commitmentsOf(snapshot),
    /** The option the partner chose, whose resourcing the page states; null before a choice or without options. */
    chosenOption: chosen ? optionTitle(chosen) : null,
    // The gate judged the largest option when the version was submitted (docs/domain.md §9.13): said so once the partner chose another.
    gateJudged: chosen && largest && largest !== chosen ? gateJudgedWords(largest, chosen) : null,
    staffing: snapshot.staffing,
    months,
    byRole,
    stacked,
    short: {
      ...short,
      // Leadership approved it on a fit that no longer holds: said, with when, so that its reasons are not read as standing.
      approval: short.count && approves(request.status) && request.decidedAt ? approvalNoLongerFits(request.decidedAt, snapshot, short) : null,
    },
    tight: assessment.tightSpots.map((s) => s.description),
    competing: [...competingByEngagement.values()].map((c) => ({ title: c.title, status: c.status, months: [...c.months].sort() })),
    price: snapshot.price ?? null,
    // A fee below the cost build-up, set by hand or by the rules' own discount (docs/domain.md §8.9); with options, each option's cost line says it.
    belowCost: snapshot.price && !snapshot.options?.length ? snapshotBelowCostWords(snapshot.price) : null,
    budget: snapshot.intake.budget,
    // The exchange rate the version froze for a budget in the partner's own currency (docs/domain.md §8.7), in words with its day and source.
    exchangeRate: snapshot.exchangeRate ? rateOfDayWithSource(snapshot.exchangeRate) : null,
    readiness: { verdict: snapshot.readiness.verdict, conditions: snapshot.readiness.conditions, blockers: snapshot.readiness.blockers },
    startPassed: today && request.status === "pending" ? startPassedWords(snapshot.timeline, today) : null,
  };
}

/**
 * What a version's demand is short of now, against the roster as it is and the other engagements'
 * confirmed bookings, as the approval request judges it: one line per role, those a change to the
 * roster left short (docs/domain.md §8.1, its record still open) apart from those other engagements hold.
 */
export function capacityShortNow(db: DB, engagementId: number, snapshot: EngagementSnapshot) {
  const roles = getStaffRoles().roles;
  const months = [...new Set(snapshot.demand.map((d) => d.month))].sort();
  const capacity = capacityByRoleMonth(readRoster(db), readOtherBookings(engagementId, db), months);
  const demand = snapshot.demand.map((d) => ({ ...d, days: 0, reasons: [] }));
  const assessment = assessFit(demand, capacity, { roles });
  const records = assessment.shortfalls.length
    ? db
        .select({ role: rosterShortfalls.role, monthsJson: rosterShortfalls.monthsJson, change: rosterShortfalls.change })
        .from(rosterShortfalls)
        .where(and(eq(rosterShortfalls.engagementId, engagementId), isNull(rosterShortfalls.resolvedAt)))
        .orderBy(asc(rosterShortfalls.id))
        .all()
    : [];
  const byRoster = new Set(records.flatMap((r) => (JSON.parse(r.monthsJson) as string[]).map((m) => `${r.role}|${m}`)));
  const rosterMonths = assessment.shortfalls.filter((s) => byRoster.has(`${s.role}|${s.month}`));
  const othersMonths = assessment.shortfalls.filter((s) => !byRoster.has(`${s.role}|${s.month}`));
  return {
    months,
    capacity,
    assessment,
    short: {
      /** Role-months short, however they are grouped. */
      count: assessment.shortfalls.length,
      roster: shortfallsByRole(roles, rosterMonths).map((l) => l.line),
      /** The changes to the roster that left it short, in the words they were recorded with. */
      changes: [...new Set(records.filter((r) => rosterMonths.some((s) => s.role === r.role)).map((r) => r.change))],
      others: shortfallsByRole(roles, othersMonths).map((l) => l.line),
      othersMonths: othersMonths.map((s) => ({ role: s.role, month: s.month })),
    },
  };
}

/**
 * What a version of the engagement is short of now, for its owners' review page, with the note that
 * leadership approved it when it fitted, when it did (docs/domain.md §8.1). Internal: staff only.
 */
export function versionShortNow(actor: Actor, engagementId: number, number: number, requests: readonly RequestView[]) {
  if (!mayEver(actor, "roster:read")) return null;
  const db = getDb();
  const row = db
    .select({ id: proposalVersions.id, snapshotJson: proposalVersions.snapshotJson })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
    .get();
  if (!row) return null;
  // The demand the version commits: the partner's chosen option's once they chose one (docs/domain.md §9.13).
  const snapshot = asCommitted(JSON.parse(row.snapshotJson) as EngagementSnapshot, acceptedOptionKey(db, row.id));
  const { short } = capacityShortNow(db, engagementId, snapshot);
  const approved = requests.find((r) => r.number === number && approves(r.status) && r.decidedAt);
  const { othersMonths: _months, ...said } = short;
  return { ...said, approval: short.count && approved ? approvalNoLongerFits(approved.decidedAt!, snapshot, short) : null };
}
