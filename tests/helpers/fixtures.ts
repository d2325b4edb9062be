import { desc, eq } from "drizzle-orm";
import { engagements, intakes, organisations, partnerIntakeSections, proposalOptions, proposalVersions, staffLeave, users } from "../../db/schema";
import { createVersion } from "~/models/proposal.server";
import { openedDb } from "~/services/db.server";
import { db } from "./db";

export function demoEngagementId(): number {
  return db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Northshire patient safety partnership")).get()!.id;
}

export function orgIdByName(name: string): number {
  return db().select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get()!.id;
}

/** A second manager with an engagement of their own, for the "other" column of the matrix. */
export function createOtherManagerEngagement(): { managerEmail: string; engagementId: number } {
  const managerEmail = "manager-other@demo.test";
  let managerId = db().select({ id: users.id }).from(users).where(eq(users.email, managerEmail)).get()?.id;
  if (!managerId) {
    managerId = db()
      .insert(users)
      .values({ email: managerEmail, name: "Other Manager", role: "manager", passwordHash: "scrypt$x" })
      .returning({ id: users.id })
      .get().id;
  }
  const engagementId = db()
    .insert(engagements)
    .values({ title: "Eastmere flow programme", organisationId: orgIdByName("Eastmere Regional Health Authority"), ownerId: managerId })
    .returning({ id: engagements.id })
    .get().id;
  return { managerEmail, engagementId };
}

/** Freezes a real version and marks it shared directly: the sharing flow itself is tested with its own routes. */
export function shareAVersion(engagementId: number): number {
  const latest = db()
    .select({ id: proposalVersions.id, number: proposalVersions.number })
    .from(proposalVersions)
    .where(eq(proposalVersions.engagementId, engagementId))
    .orderBy(desc(proposalVersions.number))
    .get();
  if (latest) {
    db().update(proposalVersions).set({ sharedAt: new Date().toISOString() }).where(eq(proposalVersions.id, latest.id)).run();
    return latest.number;
  }
  const owner = db().select({ ownerId: engagements.ownerId }).from(engagements).where(eq(engagements.id, engagementId)).get()!.ownerId;
  const version = createVersion({ id: owner, role: "manager", organisationId: null }, engagementId, "2026-11-25", "2026-11");
  db().update(proposalVersions).set({ sharedAt: new Date().toISOString() }).where(eq(proposalVersions.id, version.id)).run();
  return version.number;
}

/**
 * Opens "Scale and horizon" and "Budget" of the engagement's intake to its partner, as though the
 * partner had already answered both: the flow itself is tested with its own routes.
 */
export function openIntakeSections(engagementId: number): void {
  const owner = db().select({ ownerId: engagements.ownerId }).from(engagements).where(eq(engagements.id, engagementId)).get()!.ownerId;
  const partner = db().select({ id: users.id }).from(users).where(eq(users.email, "partner@demo.test")).get()!.id;
  const at = "2026-11-20T10:00:00.000Z";
  const answered = { status: "answered" as const, version: 2, openedById: owner, openedAt: at, answeredById: partner, answeredAt: at };
  db()
    .insert(partnerIntakeSections)
    .values([
      { engagementId, section: "scale", dataJson: JSON.stringify({ expectedSites: 12, desiredStart: "2027-09", longestDurationMonths: 24 }), ...answered },
      {
        engagementId,
        section: "budget",
        dataJson: JSON.stringify({ budgetMin: 100000, budgetMax: 250000, currency: "GBP", budgetSecured: "partly" }),
        ...answered,
      },
    ])
    .onConflictDoNothing()
    .run();
}

/**
 * The id of an option of the engagement's proposal draft (docs/domain.md §9.13), adding "Core" when it
 * has none: forms that change an option need one. Calling it again gives the same option. Outside a
 * test (a form read to list its fields) no database is open and none is opened: it gives 0.
 */
export function optionOf(engagementId: number): number {
  if (!openedDb()) return 0;
  const existing = db().select({ id: proposalOptions.id }).from(proposalOptions).where(eq(proposalOptions.engagementId, engagementId)).get();
  if (existing) return existing.id;
  return db()
    .insert(proposalOptions)
    .values({ engagementId, position: 1, name: "Core", scope: "The collaborative as planned.", updatedAt: "2026-11-20T10:00:00.000Z" })
    .returning({ id: proposalOptions.id })
    .get().id;
}

/** Gives the engagement's intake another budget, as the intake form would save it. */
export function setBudget(engagementId: number, budget: Record<string, unknown>): void {
  const row = db().select({ dataJson: intakes.dataJson }).from(intakes).where(eq(intakes.engagementId, engagementId)).get()!;
  const intake = JSON.parse(row.dataJson);
  intake.budget = budget;
  db()
    .update(intakes)
    .set({ dataJson: JSON.stringify(intake) })
    .where(eq(intakes.engagementId, engagementId))
    .run();
}

/**
 * A leave of the first person on the roster, years after every demo booking so that it changes no
 * capacity a test reads: made the first time it is asked for, the same one after that.
 */
export function aLeave(): number {
  const found = db().select({ id: staffLeave.id }).from(staffLeave).where(eq(staffLeave.staffId, 1)).get();
  if (found) return found.id;
  return db()
    .insert(staffLeave)
    .values({ staffId: 1, fromMonth: "2035-01", toMonth: "2035-02", share: 1, reason: "Sabbatical" })
    .returning({ id: staffLeave.id })
    .get().id;
}
