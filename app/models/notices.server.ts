import { and, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { oncePerRequest } from "~/services/request-scope.server";
import {
  approvalDecisions,
  approvalRequests,
  auditLog,
  comments,
  engagementCoOwners,
  engagements,
  partnerResponses,
  proposalVersions,
  rosterShortfalls,
  users,
} from "../../db/schema";
import { COMMITMENT_WORDS, rosterShortfallNotice } from "~/domain/roster-change";
import { getStaffRoles } from "~/services/templates.server";
import { mayEver, readsSharedOnly } from "~/domain/permissions";
import { ROLES, type Actor } from "~/domain/roles";
import { builtQuery, qualified, type DB } from "~/services/db.server";
import { keptViews } from "~/services/kept-views.server";
import { withdrawnByNameSql } from "./approvals.server";
import { sectionLabel } from "~/domain/partner-intake";
import { listOpenedToPartner } from "./partner-intake.server";
import { openShortfallStillBooked } from "./roster.server";
import { agreedOn, agreementsSeen, answersOverdueFor, partnerProposals } from "./sharing.server";
import { answerOverdueNotice } from "~/domain/answer-by";
import { agreementNotice } from "~/domain/workflow";
import { currentDay } from "~/services/clock.server";
import { versionInForceSql } from "./workflow.server";
import { ownedOrCoOwnedIds } from "./engagements.server";

export type Notice = { text: string; href: string };

/** The user's notices for this request, computed once however many loaders ask (the root's count in the header and the notices page's list). */
export function noticesForRequest(request: Request, actor: Actor): Notice[] {
  return oncePerRequest(request, `notices ${actor.id}`, () => noticesFor(actor));
}

const owner = sql.placeholder("ownerId");

/** Requests that ended without a decision for this leader to make, with who ended them (`by`). */
const endedRequests = (db: DB, by: SQL<string | null> | typeof users.name) =>
  db
    .select({ id: approvalRequests.id, title: engagements.title, by })
    .from(approvalRequests)
    .innerJoin(engagements, eq(engagements.id, approvalRequests.engagementId))
    .$dynamic();

/** The engagement's latest request ended so, and not one this leader submitted. */
const latestEnded = (status: "declined" | "withdrawn") =>
  and(
    eq(approvalRequests.status, status),
    ne(approvalRequests.submittedById, sql.placeholder("leaderId")),
    sql`not exists (select 1 from ${approvalRequests} later where later.engagement_id = ${approvalRequests.engagementId} and later.id > ${approvalRequests.id})`
  );

/** The version answered is the latest one shared with the partner: an answer to an earlier one leaves the latest still to answer. */
const latestShared = sql`${proposalVersions.number} = (select max(p2.number) from ${proposalVersions} p2 where p2.engagement_id = ${engagements.id} and p2.shared_at is not null)`;

/** The engagements the user owns or co-owns, each found by index. */
const ownedOrCoOwned = ownedOrCoOwnedIds(owner);

/**
 * The engagement is the user's, as its owner or a co-owner: what every notice for an engagement's owner
 * asks, as co-owners take it forward alike (docs/domain.md §9.15). Found by index through ownedOrCoOwned.
 */
const ownersEngagement = sql`${engagements.id} in ${ownedOrCoOwned}`;

/** Who made the user the owner or a co-owner of an engagement: the actions that name them `toUserId`. */
const MADE_OWNER = ["engagement.hand_over", "engagement.co_owner.add"];

/** The queries behind an owner's and a leader's notices, built once (every page counts the notices). */
const ownerQueries = (db: DB) => ({
  // Engagements handed over to the user, or shared with them as co-owner, that they have not changed
  // since: the latest such entry of each, while they still own or co-own it (docs/domain.md §9.15).
  handed: db
    .select({ id: engagements.id, title: engagements.title, action: auditLog.action, by: users.name })
    .from(auditLog)
    .innerJoin(engagements, eq(engagements.id, auditLog.engagementId))
    .innerJoin(users, eq(users.id, auditLog.userId))
    .where(
      and(
        sql`${auditLog.engagementId} in ${ownedOrCoOwned}`,
        inArray(auditLog.action, MADE_OWNER),
        sql`json_extract(${auditLog.detailJson}, '$.toUserId') = ${owner}`,
        sql`${auditLog.id} = (select max(a2.id) from ${auditLog} a2 where a2.engagement_id = ${auditLog.engagementId} and a2.action in ${sql.raw(
          `(${MADE_OWNER.map((a) => `'${a}'`).join(", ")})`
        )} and json_extract(a2.detail_json, '$.toUserId') = ${owner})`,
        sql`not exists (select 1 from ${auditLog} a3 where a3.engagement_id = ${auditLog.engagementId} and a3.id > ${auditLog.id} and a3.user_id = ${owner})`
      )
    )
    .orderBy(desc(auditLog.id))
    .prepare(),
  changes: db
    .select({ id: engagements.id, title: engagements.title })
    .from(engagements)
    .where(and(ownersEngagement, eq(engagements.stage, "changes_requested")))
    .prepare(),
  accepted: db
    .select({ id: engagements.id, title: engagements.title })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .where(and(ownersEngagement, eq(engagements.stage, "shared"), eq(partnerResponses.response, "accepted"), latestShared))
    .prepare(),
  open: db
    .select({ id: engagements.id, title: engagements.title, n: sql<number>`count(*)` })
    .from(comments)
    .innerJoin(engagements, eq(engagements.id, comments.engagementId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        ownersEngagement,
        inArray(
          users.role,
          ROLES.filter((role) => readsSharedOnly({ role }))
        ),
        isNull(comments.parentId),
        isNull(comments.resolvedAt)
      )
    )
    .groupBy(engagements.id)
    .prepare(),
  decided: db
    .select({ id: engagements.id, title: engagements.title, status: approvalRequests.status })
    .from(approvalRequests)
    .innerJoin(engagements, eq(engagements.id, approvalRequests.engagementId))
    .where(
      and(
        ownersEngagement,
        isNotNull(approvalRequests.decidedAt),
        // A withdrawn request has a time it ended too, but leadership decided nothing. The `+` keeps the
        // status's index out: without the database's statistics SQLite would read every decided request of
        // the portfolio, where the user's engagements, found by index, lead to theirs.
        inArray(sql`+${approvalRequests.status}`, ["approved", "approved_with_conditions", "declined"]),
        inArray(engagements.stage, ["approved", "declined"])
      )
    )
    .orderBy(desc(approvalRequests.decidedAt))
    .limit(3)
    .prepare(),
  pending: db
    .select({
      id: approvalRequests.id,
      title: engagements.title,
      number: proposalVersions.number,
      // The latest approved version, which stays in force while this one, an amendment, waits; null for a first approval.
      amends: versionInForceSql(approvalRequests.engagementId),
    })
    .from(approvalRequests)
    .innerJoin(engagements, eq(engagements.id, approvalRequests.engagementId))
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(
      and(
        eq(approvalRequests.status, "pending"),
        sql`not exists (select 1 from ${approvalDecisions} d where d.request_id = ${approvalRequests.id} and d.leader_id = ${sql.placeholder("leaderId")})`
      )
    )
    .prepare(),
  // A request another leader's decline closed, while nothing newer was asked of the engagement: said so, so that nobody looks for it.
  closed: endedRequests(db, users.name)
    .innerJoin(approvalDecisions, and(eq(approvalDecisions.requestId, approvalRequests.id), eq(approvalDecisions.decision, "decline")))
    .innerJoin(users, eq(users.id, approvalDecisions.leaderId))
    .where(and(latestEnded("declined"), ne(approvalDecisions.leaderId, sql.placeholder("leaderId"))))
    .orderBy(desc(approvalRequests.decidedAt))
    .limit(3)
    .prepare(),
  // What a change to the roster left short and no later change mended, while the engagement still books the version named.
  shortfalls: db
    .select({
      engagementId: rosterShortfalls.engagementId,
      title: engagements.title,
      ownerId: engagements.ownerId,
      coOwned: sql<number>`exists (select 1 from ${engagementCoOwners} where ${qualified(engagementCoOwners.engagementId)} = ${qualified(
        rosterShortfalls.engagementId
      )} and ${qualified(engagementCoOwners.userId)} = ${sql.placeholder("userId")})`,
      number: proposalVersions.number,
      commitment: rosterShortfalls.commitment,
      role: rosterShortfalls.role,
      monthsJson: rosterShortfalls.monthsJson,
      gap: rosterShortfalls.gap,
      change: rosterShortfalls.change,
      at: rosterShortfalls.at,
      requestId: sql<number | null>`(select max(${qualified(approvalRequests.id)}) from ${approvalRequests} where ${qualified(
        approvalRequests.engagementId
      )} = ${qualified(rosterShortfalls.engagementId)})`,
    })
    .from(rosterShortfalls)
    .innerJoin(engagements, eq(engagements.id, rosterShortfalls.engagementId))
    .innerJoin(proposalVersions, eq(proposalVersions.id, rosterShortfalls.proposalVersionId))
    .where(openShortfallStillBooked)
    .orderBy(desc(rosterShortfalls.at), rosterShortfalls.engagementId, rosterShortfalls.id)
    .prepare(),
  // A request its owners withdrew, the engagement's latest: the leaders told of it are told it needs nothing more.
  withdrawn: endedRequests(db, withdrawnByNameSql).where(latestEnded("withdrawn")).orderBy(desc(approvalRequests.decidedAt)).limit(3).prepare(),
});

/** How an owner's notice says what leadership decided: with conditions, when there were any. */
const DECIDED_WORDS: Record<string, string> = { approved: "approved", approved_with_conditions: "approved with conditions", declined: "declined" };

/** What waits for this user: computed from the state of things, so it is never out of date. */
export function noticesFor(actor: Actor): Notice[] {
  // Kept for the day: an answer falls overdue when the day changes, with nothing written.
  return keptNotices.get(`${actor.id}|${actor.role}|${actor.organisationId ?? ""}|${currentDay()}`, () => workOutNotices(actor), { copy: false });
}

const keptNotices = keptViews<Notice[]>(200);

function workOutNotices(actor: Actor): Notice[] {
  const q = builtQuery("notices", ownerQueries);
  const out: Notice[] = [];
  if (readsSharedOnly(actor)) {
    // What waits for them is what their list of proposals says waits, by the one rule of its statuses;
    // named as shared with them: a title edited since is not theirs to see yet.
    const seenAgreements = agreementsSeen(actor);
    for (const e of partnerProposals(actor)) {
      // A version agreed by both sides, once, until they have seen its agreement on their page.
      const on = e.agreed !== undefined && (seenAgreements.get(e.id) ?? 0) < e.agreed ? agreedOn(e.id, e.agreed) : null;
      if (on && e.agreed !== undefined) out.push({ text: agreementNotice(e.agreed, on, e.title), href: `/partner/engagements/${e.id}` });
      // An amendment to the proposal they agreed is said as one: what they agreed stays so while they review it.
      if (e.waits === "review")
        out.push({
          text: e.amends
            ? `An amendment to your agreed proposal was shared with you for review; version ${e.amends} stays agreed and in force meanwhile: ${e.title}`
            : `A proposal was shared with you for review: ${e.title}`,
          href: `/partner/engagements/${e.id}`,
        });
      if (e.waits === "acceptance") out.push({ text: `A proposal awaits your acceptance: ${e.title}`, href: `/partner/engagements/${e.id}` });
    }
    // The intake sections the partnership team asks them to fill in, or sent back to them, as their list shows them.
    for (const e of listOpenedToPartner(actor)) {
      const asked = e.sections.filter((s) => s.status === "open" || s.status === "returned");
      if (!asked.length) continue;
      const labels = asked.map((s) => sectionLabel(s.section));
      out.push({
        text: `The partnership team asks you to fill in ${labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`}: ${
          e.title
        }`,
        href: `/partner/intake/${e.engagementId}?section=${asked[0]!.section}`,
      });
    }
  }
  // Owners hear about their own engagements; leadership about the decisions waiting for them.
  if (mayEver(actor, "proposal:submit")) {
    const mine = { ownerId: actor.id };
    for (const e of q.handed.all(mine))
      out.push({
        text:
          e.action === "engagement.hand_over"
            ? `${e.by} handed this engagement over to you; it is yours to take forward: ${e.title}`
            : `${e.by} made you a co-owner: ${e.title}`,
        href: `/engagements/${e.id}`,
      });
    for (const e of q.changes.all(mine)) out.push({ text: `The partner asked for changes: ${e.title}`, href: `/engagements/${e.id}/review` });
    for (const e of q.accepted.all(mine))
      out.push({ text: `The partner accepted the proposal; submit it for approval: ${e.title}`, href: `/engagements/${e.id}/review` });
    for (const e of q.open.all(mine))
      out.push({ text: `${e.n} open comment${e.n === 1 ? "" : "s"} from the partner: ${e.title}`, href: `/engagements/${e.id}/review` });
    for (const e of q.decided.all(mine)) out.push({ text: `Leadership ${DECIDED_WORDS[e.status]}: ${e.title}`, href: `/engagements/${e.id}/review` });
    // The partner's answer past the day asked for it: told to the owner and co-owners alike (docs/domain.md §9.16).
    for (const e of answersOverdueFor(actor, currentDay())) out.push({ text: answerOverdueNotice(e, currentDay()), href: `/engagements/${e.id}/review` });
  }
  // What a change to the roster left short: told to the engagement's owners and to leadership (docs/domain.md §8.1).
  const owns = mayEver(actor, "proposal:submit");
  const leads = mayEver(actor, "approval:decide");
  if (owns || leads) {
    const roles = getStaffRoles().roles;
    const rows = q.shortfalls.all({ userId: actor.id }).filter((r) => leads || r.ownerId === actor.id || r.coOwned);
    const grouped = new Map<string, typeof rows>();
    for (const r of rows) grouped.set(`${r.engagementId}|${r.at}|${r.change}`, [...(grouped.get(`${r.engagementId}|${r.at}|${r.change}`) ?? []), r]);
    for (const list of grouped.values()) {
      const r = list[0]!;
      const owner = r.ownerId === actor.id || Boolean(r.coOwned);
      out.push({
        text: rosterShortfallNotice(roles, {
          change: r.change,
          title: r.title,
          number: r.number,
          commitment: COMMITMENT_WORDS[r.commitment],
          short: list.map((s) => ({ role: s.role, gap: s.gap, months: JSON.parse(s.monthsJson) as string[] })),
          reader: owner ? "owner" : "leader",
        }),
        href: owner || r.requestId === null ? `/engagements/${r.engagementId}/review` : `/approvals/${r.requestId}`,
      });
    }
  }
  if (mayEver(actor, "approval:decide")) {
    for (const r of q.pending.all({ leaderId: actor.id })) {
      const amendment = r.amends === null ? "" : ` (version ${r.number}, an amendment to approved version ${r.amends})`;
      out.push({ text: `An approval is waiting for you: ${r.title}${amendment}`, href: `/approvals/${r.id}` });
    }
    for (const r of q.closed.all({ leaderId: actor.id }))
      out.push({ text: `Declined by ${r.by}; no decision is needed from you: ${r.title}`, href: `/approvals/${r.id}` });
    for (const r of q.withdrawn.all({ leaderId: actor.id }))
      out.push({ text: `Withdrawn by ${r.by ?? "its owners"}; no decision is needed from you: ${r.title}`, href: `/approvals/${r.id}` });
  }
  return out;
}
