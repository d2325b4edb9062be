/*
 * The reference portfolio loader: every booking row in the window read into JavaScript, as the app did
 * before its totals came from SQL (docs/decisions/0013-fast-and-proven-the-same.md). The golden test
 * compares the app's portfolio view with this one, as JSON.
 */
import { between, desc, eq, inArray, sql } from "drizzle-orm";
import {
  approvalRequests,
  bookings,
  engagements,
  methodDecisions,
  organisations,
  overrunAgreements,
  partnerResponses,
  proposalVersions,
  rosterShortfalls,
  users,
} from "../../db/schema";
import { mayEver } from "~/domain/permissions";
import {
  APPROVALS_SHOWN,
  AT_RISK_SHOWN,
  capacityRisks,
  daysSince,
  listedPipeline,
  monthWindow,
  pipeline,
  PIPELINE_LISTED,
  portfolioCapacity,
  rankApprovals,
  rankAtRisk,
  riskReasons,
  WAITING_DAYS,
  type RiskReason,
  versionRiskFacts,
  type VersionFacts,
  type ApprovedVersion,
} from "~/domain/portfolio";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import type { Booking } from "~/domain/capacity";
import { offerAgainstBudget } from "~/domain/pricing";
import type { Actor } from "~/domain/roles";
import type { Month } from "~/domain/calendar";
import {
  approves,
  isAmendment,
  isSharedAmendment,
  leadershipStance,
  OPEN_STAGES,
  standingBadge,
  standingOf,
  type Stage,
  type Standing,
} from "~/domain/workflow";
import { getDb, type DB } from "~/services/db.server";
import { getStaffRoles } from "~/services/templates.server";
import { forbidden } from "~/services/session.server";
import { staleStepLabels } from "~/models/engagement-steps.server";
import { listRequests } from "~/models/approvals.server";
import { readRoster } from "~/models/roster.server";
import { shortfallsByRole } from "~/domain/roster-change";

/** How far ahead the capacity heatmap looks. */
export const PORTFOLIO_MONTHS = 18;

/** Stages whose work is still moving; approved and declined ones are settled. */

function readEngagements(db: DB) {
  const rows = db
    .select({
      id: engagements.id,
      title: engagements.title,
      stage: engagements.stage,
      partnerName: organisations.name,
      ownerName: users.name,
      disabledAt: users.disabledAt,
      method: methodDecisions.chosen,
      variant: methodDecisions.variant,
      updatedAt: engagements.updatedAt,
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .innerJoin(users, eq(users.id, engagements.ownerId))
    .leftJoin(methodDecisions, eq(methodDecisions.engagementId, engagements.id))
    .orderBy(desc(engagements.updatedAt), desc(engagements.id))
    .all();
  const standings = standingsOf(db);
  return rows.map(({ disabledAt, ...e }) => {
    const standing = standings.get(e.id)!;
    const { ownerName, method, variant, updatedAt, ...first } = e;
    return { ...first, ownerName, ownerDisabled: disabledAt !== null, method, variant, updatedAt, standing, amendment: isAmendment(standing) };
  });
}

/** Where each engagement stands, by the TypeScript rule (workflow.ts), from every version, request and answer read whole. */
function standingsOf(db: DB): Map<number, Standing> {
  const versions = db
    .select({ id: proposalVersions.id, engagementId: proposalVersions.engagementId, number: proposalVersions.number, sharedAt: proposalVersions.sharedAt })
    .from(proposalVersions)
    .all();
  const requests = db
    .select({ engagementId: proposalVersions.engagementId, number: proposalVersions.number, status: approvalRequests.status })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .all();
  const accepted = new Set(
    db
      .select({ versionId: partnerResponses.proposalVersionId })
      .from(partnerResponses)
      .where(eq(partnerResponses.response, "accepted"))
      .all()
      .map((r) => r.versionId)
  );
  const stages = new Map(
    db
      .select({ id: engagements.id, stage: engagements.stage })
      .from(engagements)
      .all()
      .map((e) => [e.id, e.stage])
  );
  const out = new Map<number, Standing>();
  for (const [id, stage] of stages) {
    const own = versions.filter((v) => v.engagementId === id).sort((a, b) => b.number - a.number);
    const latest = own[0] ? { number: own[0].number, shared: own[0].sharedAt !== null } : null;
    const theirs = requests.filter((r) => r.engagementId === id);
    const shared = isSharedAmendment(latest, theirs);
    const statuses = theirs.filter((r) => r.number === latest?.number).map((r) => r.status);
    const leadership = statuses.includes("declined") ? "declined" : leadershipStance(statuses);
    const inForce = own.find((v) => theirs.some((r) => r.number === v.number && approves(r.status)));
    out.set(id, standingOf(stage, own[0] ? accepted.has(own[0].id) : false, leadership, shared, inForce ? accepted.has(inForce.id) : undefined));
  }
  return out;
}
export type PortfolioEngagement = ReturnType<typeof readEngagements>[number];

/** Every engagement's bookings within the window, at role level. */
function readBookingsBetween(db: DB, first: Month, last: Month): Booking[] {
  return (
    db
      .select({ role: bookings.role, month: bookings.month, fte: bookings.fte, status: bookings.status, engagementId: bookings.engagementId })
      .from(bookings)
      .where(between(bookings.month, first, last))
      // Rows as arrays: there are tens of thousands in a large portfolio, and drizzle's row objects cost more than the query.
      .values()
      .map(([role, month, fte, status, engagementId]) => ({ role, from: month, to: month, fte, status, engagementId }))
  );
}

/** When the partner last answered, for engagements waiting on a revised version. */
function lastPartnerAnswer(db: DB, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = db
    .select({ engagementId: proposalVersions.engagementId, at: sql<string>`max(${partnerResponses.at})` })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .where(inArray(proposalVersions.engagementId, ids))
    .groupBy(proposalVersions.engagementId)
    .all();
  return new Map(rows.map((r) => [r.engagementId, r.at]));
}

/**
 * What each engagement's latest proposal version froze that the portfolio judges, read from its whole
 * snapshot, and the same of the latest version shared with the partner, combined by versionRiskFacts.
 */
function latestVersionFacts(db: DB, ids: number[]): Map<number, VersionFacts> {
  if (!ids.length) return new Map();
  const rows = db
    .select({
      engagementId: proposalVersions.engagementId,
      number: proposalVersions.number,
      sharedAt: proposalVersions.sharedAt,
      snapshotJson: proposalVersions.snapshotJson,
    })
    .from(proposalVersions)
    .where(inArray(proposalVersions.engagementId, ids))
    .all();
  const agreements = new Set(
    db
      .select({ engagementId: overrunAgreements.engagementId })
      .from(overrunAgreements)
      .all()
      .map((a) => a.engagementId)
  );
  const factsOf = (engagementId: number, number: number, snapshotJson: string): VersionFacts => {
    const s = JSON.parse(snapshotJson) as EngagementSnapshot;
    const facts: VersionFacts = {};
    const shortfalls = s.fit?.shortfalls ?? [];
    if (shortfalls.length) facts.fitShortfalls = { number, count: shortfalls.length, first: shortfalls.map(String) };
    const fees = s.options?.length ? s.options.map((o) => o.price?.fee ?? Infinity) : s.price ? [s.price.fee] : [];
    const max = s.intake.budget?.budgetMax ?? null;
    const min = s.intake.budget?.budgetMin ?? null;
    if (fees.length && s.price) {
      const lowest = Math.min(...fees);
      Object.assign(
        facts,
        offerAgainstBudget(
          { number, fee: lowest, currency: s.price.currency, options: s.options?.length ?? 0 },
          // Through the rate the version froze; the portfolio keeps no source beside the version.
          { min, max, currency: s.intake.budget?.currency ?? null, rate: s.exchangeRate ? { ...s.exchangeRate, source: null } : null }
        )
      );
    }
    if (s.timeCheck && !s.timeCheck.holds && !(s.timeCheck.agreed && agreements.has(engagementId)))
      facts.pastTime = { number, summary: s.timeCheck.summary, ...(!s.timeCheck.agreed && agreements.has(engagementId) ? { agreedSince: true as const } : {}) };
    return facts;
  };
  const out = new Map<number, VersionFacts>();
  for (const id of ids) {
    const own = rows.filter((r) => r.engagementId === id).sort((a, b) => b.number - a.number);
    const latest = own[0];
    if (!latest) continue;
    const held = own.find((r) => r.sharedAt !== null);
    const facts = versionRiskFacts(
      { number: latest.number, facts: factsOf(id, latest.number, latest.snapshotJson) },
      held ? { number: held.number, facts: factsOf(id, held.number, held.snapshotJson) } : null
    );
    if (Object.keys(facts).length) out.set(id, facts);
  }
  return out;
}

/** Each approved engagement's latest approved version: when it was approved, whether the partner accepted it, and the latest version shared. */
function approvedVersions(db: DB, ids: number[]): Map<number, ApprovedVersion> {
  const out = new Map<number, ApprovedVersion>();
  for (const id of ids) {
    const approved = db
      .select({ versionId: approvalRequests.proposalVersionId, status: approvalRequests.status, decidedAt: approvalRequests.decidedAt })
      .from(approvalRequests)
      .where(eq(approvalRequests.engagementId, id))
      .all()
      .filter((r) => (r.status === "approved" || r.status === "approved_with_conditions") && r.decidedAt !== null)
      .sort((a, b) => a.decidedAt!.localeCompare(b.decidedAt!))
      .at(-1);
    if (!approved) continue;
    const accepted = db
      .select({ response: partnerResponses.response })
      .from(partnerResponses)
      .where(eq(partnerResponses.proposalVersionId, approved.versionId))
      .all()
      .some((r) => r.response === "accepted");
    const versions = db
      .select({ id: proposalVersions.id, number: proposalVersions.number, sharedAt: proposalVersions.sharedAt })
      .from(proposalVersions)
      .where(eq(proposalVersions.engagementId, id))
      .all();
    const number = versions.find((v) => v.id === approved.versionId)!.number;
    const latestShared = Math.max(0, ...versions.filter((v) => v.sharedAt !== null).map((v) => v.number));
    out.set(id, { number, approvedAt: approved.decidedAt!, accepted, latestShared });
  }
  return out;
}

/**
 * Each engagement's open roster shortfall records, read whole, those whose version it no longer books
 * left out in JavaScript: the changes in the order recorded, and per role and month the largest gap.
 */
function rosterShortOf(db: DB, roles: ReturnType<typeof getStaffRoles>["roles"]) {
  const booked = new Set(
    db
      .select({ engagementId: bookings.engagementId, versionId: bookings.proposalVersionId })
      .from(bookings)
      .all()
      .map((b) => `${b.engagementId}|${b.versionId}`)
  );
  const out = new Map<number, { changes: string[]; lines: string[] }>();
  const records = db
    .select()
    .from(rosterShortfalls)
    .all()
    .sort((a, b) => a.id - b.id);
  for (const id of [...new Set(records.map((r) => r.engagementId))]) {
    const open = records.filter((r) => r.engagementId === id && r.resolvedAt === null && booked.has(`${r.engagementId}|${r.proposalVersionId}`));
    if (!open.length) continue;
    const worst = new Map<string, { role: string; month: Month; gap: number }>();
    for (const r of open)
      for (const month of JSON.parse(r.monthsJson) as Month[])
        worst.set(`${r.role}|${month}`, { role: r.role, month, gap: Math.max(r.gap, worst.get(`${r.role}|${month}`)?.gap ?? 0) });
    out.set(id, { changes: [...new Set(open.map((r) => r.change))], lines: shortfallsByRole(roles, [...worst.values()]).map((l) => l.line) });
  }
  return out;
}

export type PortfolioView = ReturnType<typeof getPortfolio>;

/**
 * Everything the portfolio page shows: the pipeline by stage and method, capacity across every
 * engagement, approvals waiting and engagements at risk. Internal: for leadership and managers.
 */
export function getPortfolio(actor: Actor, opts: { today: Month; now: string; allRisks?: boolean; allListed?: boolean; allApprovals?: boolean }) {
  if (!mayEver(actor, "portfolio:read")) throw forbidden("The portfolio is for leadership and partnership managers.");
  const db = getDb();
  const roles = getStaffRoles().roles;
  const all = readEngagements(db);

  const months = monthWindow(opts.today, PORTFOLIO_MONTHS);
  const roster = readRoster(db);
  const booked = readBookingsBetween(db, months[0]!, months[months.length - 1]!);
  const capacity = portfolioCapacity(roster, booked, months, roles);
  const overCapacity = capacityRisks(capacity, booked);

  const pending = listRequests({ status: "pending" });
  const approvals = pending.map((r) => ({
    id: r.id,
    engagementId: r.engagementId,
    engagementTitle: r.engagementTitle,
    partnerName: r.partnerName,
    number: r.number,
    submittedAt: r.submittedAt,
    submittedByName: r.submittedByName,
    daysWaiting: Math.max(0, daysSince(r.submittedAt, opts.now)),
    requiredApprovals: r.requiredApprovals,
    approvalsSoFar: r.decisions.filter((d) => d.decision !== "decline").length,
    conflictAcknowledgementRequired: r.conflictAcknowledgementRequired,
    gateReasons: r.gateReasons,
  }));
  // The longest waiting first; the summary counts them all.
  const waiting = rankApprovals(approvals, opts.allApprovals ? null : APPROVALS_SHOWN);
  const pendingByEngagement = new Map(pending.map((r) => [r.engagementId, { number: r.number, submittedAt: r.submittedAt }]));
  const awaitingWithoutRequest = all
    .filter((e) => e.stage === "awaiting_approval" && !pendingByEngagement.has(e.id))
    .map((e) => ({ id: e.id, title: e.title, partnerName: e.partnerName }));

  const open = all.filter((e) => OPEN_STAGES.includes(e.stage));
  const openIds = open.map((e) => e.id);
  const answers = lastPartnerAnswer(
    db,
    open.filter((e) => e.stage === "changes_requested").map((e) => e.id)
  );
  const latest = latestVersionFacts(db, openIds);
  // Steps are checked only while the engagement is still moving: a settled one's steps do not change.
  const stale = staleStepLabels(db, openIds, opts.today);
  const approved = approvedVersions(
    db,
    all.filter((e) => e.stage === "approved").map((e) => e.id)
  );
  const rosterShort = rosterShortOf(db, roles);

  const atRisk: { id: number; title: string; partnerName: string; stage: Stage; standing: Standing; reasons: RiskReason[] }[] = [];
  for (const e of all) {
    const reasons = riskReasons(
      {
        id: e.id,
        stage: e.stage,
        capacity: overCapacity.get(e.id),
        rosterShort: rosterShort.get(e.id) ?? null,
        ...latest.get(e.id),
        staleSteps: stale.get(e.id),
        changesRequestedAt: answers.get(e.id) ?? null,
        approvalWaiting: pendingByEngagement.get(e.id) ?? null,
        approvedVersion: approved.get(e.id) ?? null,
      },
      opts.now,
      { roles }
    );
    if (reasons.length) atRisk.push({ id: e.id, title: e.title, partnerName: e.partnerName, stage: e.stage, standing: e.standing, reasons });
  }
  const ranked = rankAtRisk(atRisk, opts.allRisks ? null : AT_RISK_SHOWN);

  return {
    today: opts.today,
    pipeline: listedPipeline(pipeline(all), opts.allListed ? null : PIPELINE_LISTED),
    capacity,
    rosterSize: roster.length,
    approvals: waiting.shown,
    approvalsTotal: waiting.total,
    approvalsOverdue: waiting.overdue,
    awaitingWithoutRequest,
    openCount: open.length,
    atRisk: ranked.shown.map((e) => ({ ...e, badge: standingBadge(e.standing) })),
    atRiskTotal: ranked.total,
    waitingDays: WAITING_DAYS,
  };
}
