import { compareWithBudget, describeComparison } from "~/domain/pricing";
import { and, eq, inArray, ne } from "drizzle-orm";
import { approvalRequests, bookings, engagements, proposalVersions } from "../../db/schema";
import { mayEver } from "~/domain/permissions";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessFit, capacityByRoleMonth } from "~/domain/resource-fit";
import type { Actor } from "~/domain/roles";
import { getDb } from "~/services/db.server";
import { getStaffRoles } from "~/services/templates.server";
import { forbidden, notFound } from "~/services/session.server";
import { listRequests, resourcingOf } from "./review.server";
import { readOtherBookings, readRoster } from "./roster.server";

/** Everything a leader needs to decide on one request: the resourcing it commits and what it would crowd out. */
export function getApprovalRequest(actor: Actor, requestId: number) {
  if (!mayEver(actor, "approval:read")) throw forbidden("Approval requests are for leadership.");
  const db = getDb();
  const row = db
    .select({ engagementId: approvalRequests.engagementId, snapshotJson: proposalVersions.snapshotJson })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(eq(approvalRequests.id, requestId))
    .get();
  if (!row) throw notFound("No such approval request.");
  const request = listRequests({ engagementId: row.engagementId }).find((r) => r.id === requestId)!;
  const snapshot = JSON.parse(row.snapshotJson) as EngagementSnapshot;
  const roles = getStaffRoles().roles;
  const months = [...new Set(snapshot.demand.map((d) => d.month))].sort();
  const capacity = capacityByRoleMonth(readRoster(db), readOtherBookings(row.engagementId, db), months);
  const demand = snapshot.demand.map((d) => ({ ...d, days: 0, reasons: [] }));
  const assessment = assessFit(demand, capacity, { roles });
  // Who else holds the roles in the months that would run short.
  const shortKeys = new Set(assessment.shortfalls.map((s) => `${s.role}|${s.month}`));
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
  return {
    request,
    engagementTitle: request.engagementTitle,
    resourcing: resourcingOf(snapshot),
    staffing: snapshot.staffing,
    months,
    byRole,
    conflicts: assessment.shortfalls.map((s) => s.description),
    tight: assessment.tightSpots.map((s) => s.description),
    competing: [...competingByEngagement.values()].map((c) => ({ title: c.title, status: c.status, months: [...c.months].sort() })),
    cost: snapshot.cost,
    price: snapshot.price ?? null,
    // The fee (not the build-up) against the budget, when the version has one (docs/domain.md §8.6).
    againstBudget: snapshot.price
      ? describeComparison(
          compareWithBudget(snapshot.price.fee, snapshot.price.currency, {
            min: snapshot.intake.budget.budgetMin ?? null,
            max: snapshot.intake.budget.budgetMax ?? null,
            currency: snapshot.intake.budget.currency ?? null,
          }),
          snapshot.price.fee,
          snapshot.price.currency
        )
      : snapshot.cost?.description ?? null,
    budget: snapshot.intake.budget,
    readiness: { verdict: snapshot.readiness.verdict, conditions: snapshot.readiness.conditions, blockers: snapshot.readiness.blockers },
  };
}
