import { and, between, desc, eq, inArray, or, sql } from "drizzle-orm";
import {
  approvalRequests,
  bookings,
  engagements,
  methodDecisions,
  organisations,
  overrunAgreements,
  partnerResponses,
  proposalVersionFit,
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
  inWords,
  mayWait,
  standingRiskReasons,
  titleOrderOf,
  waitingRiskReasons,
  type PendingRiskReason,
  type RiskFacts,
  WAITING_DAYS,
  type BookedMonths,
  type PortfolioCapacity,
  versionRiskFacts,
  type VersionFacts,
  type ApprovedVersion,
} from "~/domain/portfolio";
import type { Booking } from "~/domain/capacity";
import { offerAgainstBudget } from "~/domain/pricing";
import type { Actor } from "~/domain/roles";
import type { Month } from "~/domain/calendar";
import { APPROVING_STATUSES, isAmendment, OPEN_STAGES, standingBadge, type Stage, type Standing } from "~/domain/workflow";
import { getDb, inIds, qualified, type DB } from "~/services/db.server";
import { keptViews } from "~/services/kept-views.server";
import { getStaffRoles } from "~/services/templates.server";
import { forbidden } from "~/services/session.server";
import { standingSql } from "./engagements.server";
import { staleStepLabels } from "./engagement-steps.server";
import { listRequests } from "./approvals.server";
import { openShortfallStillBooked, readRoster } from "./roster.server";
import { shortfallsByRole } from "~/domain/roster-change";
import type { StaffRole } from "~/domain/roster-forms";

/** How far ahead the capacity heatmap looks. */
export const PORTFOLIO_MONTHS = 18;

function readEngagements(db: DB) {
  return db
    .select({
      id: engagements.id,
      title: engagements.title,
      stage: engagements.stage,
      partnerName: organisations.name,
      ownerName: users.name,
      // Named as the engagement list names them: "Maya Okafor (disabled)" (ownerName, docs/domain.md §9.15).
      ownerDisabled: sql<boolean>`${users.disabledAt} is not null`.mapWith(Boolean),
      method: methodDecisions.chosen,
      variant: methodDecisions.variant,
      updatedAt: engagements.updatedAt,
      // Where it stands, as the engagement list says it (the one rule, standingSql): an amendment, or agreed.
      standing: standingSql(engagements.id, engagements.stage),
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .innerJoin(users, eq(users.id, engagements.ownerId))
    .leftJoin(methodDecisions, eq(methodDecisions.engagementId, engagements.id))
    .orderBy(desc(engagements.updatedAt), desc(engagements.id))
    .all()
    .map((e) => ({ ...e, amendment: isAmendment(e.standing) }));
}
export type PortfolioEngagement = ReturnType<typeof readEngagements>[number];

/** Booked FTE per role, month and status within the window, summed by the database: one row per cell, however many bookings. */
function readBookedTotals(db: DB, first: Month, last: Month): Booking[] {
  return db
    .select({ role: bookings.role, month: bookings.month, status: bookings.status, fte: sql<number>`sum(${bookings.fte})` })
    .from(bookings)
    .where(between(bookings.month, first, last))
    .groupBy(bookings.role, bookings.month, bookings.status)
    .values()
    .map(([role, month, status, fte]) => ({ role, from: month, to: month, fte, status }));
}

/**
 * The bookings in the role-months the capacity shows as over, or over if tentative bookings go ahead:
 * whose engagements are at risk. Grouped by engagement, role and status, with the months they fall in,
 * so that a crowded portfolio's tens of thousands of bookings arrive as a row per engagement and role.
 */
function readBookingsOverCapacity(db: DB, capacity: PortfolioCapacity): BookedMonths[] {
  const cells: [string, Month][] = [];
  for (const row of capacity.rows) for (const c of row.cells) if (c.level === "over" || c.overIfTentative) cells.push([row.role, c.month]);
  if (!cells.length) return [];
  // The cells drive the join, each looked up in the covering index on (role, month, status, engagement, fte).
  return db
    .select({ engagementId: bookings.engagementId, role: bookings.role, status: bookings.status, months: sql<string>`group_concat(${bookings.month})` })
    .from(sql`json_each(${JSON.stringify(cells)}) as cell`)
    .innerJoin(bookings, sql`${bookings.role} = json_extract(cell.value, '$[0]') and ${bookings.month} = json_extract(cell.value, '$[1]')`)
    .groupBy(bookings.engagementId, bookings.role, bookings.status)
    .values()
    .map(([engagementId, role, status, months]) => ({ engagementId, role, status, months: months.split(",") }));
}

/**
 * What changes to the roster left each engagement short of and no later change mended, while it still
 * books the version named (docs/domain.md §8.1), as its approval request and review page say it: the
 * changes, and one line per role over the months the records name, short by the most any of them says.
 */
function rosterShortByEngagement(db: DB, roles: readonly StaffRole[]): Map<number, { changes: string[]; lines: string[] }> {
  const rows = db
    .select({
      engagementId: rosterShortfalls.engagementId,
      role: rosterShortfalls.role,
      monthsJson: rosterShortfalls.monthsJson,
      gap: rosterShortfalls.gap,
      change: rosterShortfalls.change,
    })
    .from(rosterShortfalls)
    .where(openShortfallStillBooked)
    .orderBy(rosterShortfalls.id)
    .all();
  const byEngagement = new Map<number, { changes: Set<string>; months: Map<string, { role: string; month: Month; gap: number }> }>();
  for (const r of rows) {
    let seen = byEngagement.get(r.engagementId);
    if (!seen) byEngagement.set(r.engagementId, (seen = { changes: new Set(), months: new Map() }));
    seen.changes.add(r.change);
    for (const month of JSON.parse(r.monthsJson) as Month[]) {
      const before = seen.months.get(`${r.role}|${month}`);
      if (!before || before.gap < r.gap) seen.months.set(`${r.role}|${month}`, { role: r.role, month, gap: r.gap });
    }
  }
  return new Map(
    [...byEngagement].map(([id, { changes, months }]) => [
      id,
      { changes: [...changes], lines: shortfallsByRole(roles, [...months.values()]).map((l) => l.line) },
    ])
  );
}

/** When the partner last answered, for engagements waiting on a revised version. */
function lastPartnerAnswer(db: DB, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = db
    .select({ engagementId: proposalVersions.engagementId, at: sql<string>`max(${partnerResponses.at})` })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .where(inIds(proposalVersions.engagementId, ids))
    .groupBy(proposalVersions.engagementId)
    .all();
  return new Map(rows.map((r) => [r.engagementId, r.at]));
}

/**
 * Each approved engagement's latest approved version (the latest approval, for an engagement approved
 * again after an amendment): when leadership approved it, whether the partner accepted it, and the
 * latest version shared with them. Whether an acceptance is owed is acceptanceAwaited's to say.
 */
function approvedVersions(db: DB, ids: number[]): Map<number, ApprovedVersion> {
  if (!ids.length) return new Map();
  const rows = db
    .select({
      engagementId: approvalRequests.engagementId,
      number: proposalVersions.number,
      approvedAt: approvalRequests.decidedAt,
      accepted: sql<number>`exists (select 1 from partner_responses pr where pr.proposal_version_id = ${qualified(
        proposalVersions.id
      )} and pr.response = 'accepted')`,
      latestShared: sql<number>`(select coalesce(max(pv.number), 0) from proposal_versions pv where pv.engagement_id = ${qualified(
        approvalRequests.engagementId
      )} and pv.shared_at is not null)`,
    })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(and(inIds(approvalRequests.engagementId, ids), inArray(approvalRequests.status, [...APPROVING_STATUSES])))
    .orderBy(approvalRequests.engagementId, approvalRequests.decidedAt)
    .all();
  // In order of approval: the last row read for an engagement is its latest approval.
  const out = new Map<number, ApprovedVersion>();
  for (const r of rows)
    if (r.approvedAt) out.set(r.engagementId, { number: r.number, approvedAt: r.approvedAt, accepted: Boolean(r.accepted), latestShared: r.latestShared });
  return out;
}

/**
 * What each engagement's latest proposal version froze that the portfolio judges, and the version the
 * partner holds when a later one is not yet shared (versionRiskFacts), as kept beside each version (no
 * snapshot is read): its fit shortfalls, its lowest fee against the partner's budget, and its time check
 * unless the partner agreed to the overrun.
 */
function latestVersionFacts(db: DB, ids: number[]): Map<number, VersionFacts> {
  if (!ids.length) return new Map();
  const rows = db
    .select({
      engagementId: proposalVersions.engagementId,
      number: proposalVersions.number,
      shared: sql<number>`${proposalVersions.sharedAt} is not null`,
      count: proposalVersionFit.shortfallCount,
      first: proposalVersionFit.firstShortfallsJson,
      lowestFee: proposalVersionFit.lowestFee,
      feeCurrency: proposalVersionFit.feeCurrency,
      optionCount: proposalVersionFit.optionCount,
      budgetMax: proposalVersionFit.budgetMax,
      budgetMin: proposalVersionFit.budgetMin,
      budgetCurrency: proposalVersionFit.budgetCurrency,
      timeHolds: proposalVersionFit.timeHolds,
      timeSummary: proposalVersionFit.timeSummary,
      timeAgreed: proposalVersionFit.timeAgreed,
      rate: proposalVersionFit.exchangeRate,
      rateFrom: proposalVersionFit.exchangeRateFrom,
      rateTo: proposalVersionFit.exchangeRateTo,
      rateOn: proposalVersionFit.exchangeRateOn,
      // The agreement the version froze counts while it is still recorded: a withdrawn one no longer does.
      agreementStands: sql<number>`exists (select 1 from ${overrunAgreements} where ${qualified(overrunAgreements.engagementId)} = ${qualified(
        proposalVersions.engagementId
      )})`,
    })
    .from(proposalVersions)
    .innerJoin(proposalVersionFit, eq(proposalVersionFit.proposalVersionId, proposalVersions.id))
    .where(
      and(
        inIds(proposalVersions.engagementId, ids),
        or(
          sql`${proposalVersions.number} = (select max(pv.number) from proposal_versions pv where pv.engagement_id = ${proposalVersions.engagementId})`,
          sql`${proposalVersions.number} = (select max(pv.number) from proposal_versions pv where pv.engagement_id = ${proposalVersions.engagementId} and pv.shared_at is not null)`
        )
      )
    )
    .orderBy(proposalVersions.engagementId, proposalVersions.number)
    .all();
  const versions = new Map<number, { latest: { number: number; facts: VersionFacts } | null; held: { number: number; facts: VersionFacts } | null }>();
  for (const r of rows) {
    const facts: VersionFacts = {};
    if (r.count > 0) facts.fitShortfalls = { number: r.number, count: r.count, first: (JSON.parse(r.first) as unknown[]).map(String) };
    if (r.lowestFee !== null && r.feeCurrency !== null)
      Object.assign(
        facts,
        offerAgainstBudget(
          { number: r.number, fee: r.lowestFee, currency: r.feeCurrency, options: r.optionCount ?? 0 },
          {
            min: r.budgetMin,
            max: r.budgetMax,
            currency: r.budgetCurrency,
            // Through the exchange rate the version froze, if any (docs/domain.md §8.7): never one recorded since.
            rate: r.rate !== null && r.rateFrom && r.rateTo && r.rateOn ? { rate: r.rate, from: r.rateFrom, to: r.rateTo, on: r.rateOn, source: null } : null,
          }
        )
      );
    // A plan the partner agreed to run past their time is no risk while that agreement stands (docs/domain.md §8.6);
    // one they agreed to only after the version was frozen still is, until a new version carries it.
    if (r.timeHolds === false && !(r.timeAgreed && r.agreementStands) && r.timeSummary)
      facts.pastTime = { number: r.number, summary: r.timeSummary, ...(!r.timeAgreed && r.agreementStands ? { agreedSince: true as const } : {}) };
    // In order of number: the last row read is the latest version; a shared row is the one the partner holds.
    const seen = versions.get(r.engagementId) ?? { latest: null, held: null };
    seen.latest = { number: r.number, facts };
    if (r.shared) seen.held = { number: r.number, facts };
    versions.set(r.engagementId, seen);
  }
  const out = new Map<number, VersionFacts>();
  for (const [id, { latest, held }] of versions) {
    const facts = versionRiskFacts(latest, held);
    if (Object.keys(facts).length) out.set(id, facts);
  }
  return out;
}

/**
 * What the portfolio reads of the database for a month's window (docs/decisions/0019): it depends on
 * every engagement and booking, so it is kept under the database's stamp, worked out again after any
 * change at all. What depends on the hour (how long something has waited) is worked out per request.
 */
function portfolioFacts(today: Month) {
  const db = getDb();
  const roles = getStaffRoles().roles;
  const all = readEngagements(db);
  const months = monthWindow(today, PORTFOLIO_MONTHS);
  const roster = readRoster(db);
  const capacity = portfolioCapacity(roster, readBookedTotals(db, months[0]!, months[months.length - 1]!), months, roles);
  const open = all.filter((e) => OPEN_STAGES.includes(e.stage));
  const openIds = open.map((e) => e.id);
  const overCapacity = capacityRisks(capacity, readBookingsOverCapacity(db, capacity));
  const pending = listRequests({ status: "pending" });
  const answers = lastPartnerAnswer(
    db,
    open.filter((e) => e.stage === "changes_requested").map((e) => e.id)
  );
  const latest = latestVersionFacts(db, openIds);
  const approved = approvedVersions(
    db,
    all.filter((e) => e.stage === "approved").map((e) => e.id)
  );
  // Steps are checked only while the engagement is still moving: a settled one's steps do not change.
  const stale = staleStepLabels(db, openIds, today);
  const rosterShort = rosterShortByEngagement(db, roles);
  const pendingByEngagement = new Map(pending.map((r) => [r.engagementId, { number: r.number, submittedAt: r.submittedAt }]));
  // Each engagement's reasons for risk that do not count days, found once; those that do are found at each request.
  const risks = all.map((e) => {
    const facts: RiskFacts = {
      id: e.id,
      stage: e.stage,
      capacity: overCapacity.get(e.id),
      rosterShort: rosterShort.get(e.id) ?? null,
      ...latest.get(e.id),
      staleSteps: stale.get(e.id),
      changesRequestedAt: answers.get(e.id) ?? null,
      approvalWaiting: pendingByEngagement.get(e.id) ?? null,
      approvedVersion: approved.get(e.id) ?? null,
    };
    const standing = standingRiskReasons(facts, { roles });
    const entry: AtRisk = { id: e.id, title: e.title, partnerName: e.partnerName, stage: e.stage, standing: e.standing, reasons: standing };
    return { entry, waits: mayWait(facts) ? facts : null };
  });
  return {
    all,
    pipeline: pipeline(all),
    capacity,
    rosterSize: roster.length,
    pending,
    openCount: open.length,
    awaitingWithoutRequest: all
      .filter((e) => e.stage === "awaiting_approval" && !pendingByEngagement.has(e.id))
      .map((e) => ({ id: e.id, title: e.title, partnerName: e.partnerName })),
    risks,
    titleOrder: titleOrderOf(all),
  };
}

/** An engagement at risk, its reasons' words written only for those shown. */
type AtRisk = { id: number; title: string; partnerName: string; stage: Stage; standing: Standing; reasons: PendingRiskReason[] };

/** The facts of the current month's window (and the previous one's, for a request that crosses a month's end). */
const keptPortfolioFacts = keptViews<ReturnType<typeof portfolioFacts>>(2);

export type PortfolioView = ReturnType<typeof getPortfolio>;

/**
 * Everything the portfolio page shows: the pipeline by stage and method, capacity across every
 * engagement, approvals waiting and engagements at risk. Internal: for leadership and managers.
 */
export function getPortfolio(actor: Actor, opts: { today: Month; now: string; allRisks?: boolean; allListed?: boolean; allApprovals?: boolean }) {
  if (!mayEver(actor, "portfolio:read")) throw forbidden("The portfolio is for leadership and partnership managers.");
  // Read only, never changed here: the same facts serve every request until the database changes.
  const {
    pipeline: stages,
    capacity,
    rosterSize,
    pending,
    openCount,
    awaitingWithoutRequest,
    risks,
    titleOrder,
  } = keptPortfolioFacts.get(opts.today, () => portfolioFacts(opts.today), { copy: false });

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

  // Every engagement's reasons are found and ranked; only those shown are put into words.
  const atRisk: AtRisk[] = [];
  for (const { entry, waits } of risks) {
    const waited = waits ? waitingRiskReasons(waits, opts.now) : [];
    if (waited.length) atRisk.push({ ...entry, reasons: [...entry.reasons, ...waited] });
    else if (entry.reasons.length) atRisk.push(entry);
  }
  const ranked = rankAtRisk(atRisk, opts.allRisks ? null : AT_RISK_SHOWN, (e) => titleOrder.get(e.id)!);

  return {
    today: opts.today,
    pipeline: listedPipeline(stages, opts.allListed ? null : PIPELINE_LISTED),
    capacity,
    rosterSize,
    approvals: waiting.shown,
    approvalsTotal: waiting.total,
    approvalsOverdue: waiting.overdue,
    awaitingWithoutRequest,
    openCount,
    // Each with its badge as the engagement list shows it: "Agreed", or an amendment, where the stage alone would not say it.
    atRisk: ranked.shown.map((e) => ({ ...e, badge: standingBadge(e.standing), reasons: inWords(e.reasons) })),
    atRiskTotal: ranked.total,
    waitingDays: WAITING_DAYS,
  };
}
