import { asc, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, proposalVersions } from "../../db/schema";
import { db, useTestDatabase } from "../helpers/db";

useTestDatabase();

describe("the demo's history", () => {
  it("reads in the order it happened: each engagement started before its first step, every step after the one before, a version made before it was shared", () => {
    const all = db().select({ id: engagements.id, title: engagements.title, createdAt: engagements.createdAt }).from(engagements).all();
    for (const e of all) {
      const trail = db()
        .select({ at: auditLog.at, action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.engagementId, e.id))
        .orderBy(asc(auditLog.id))
        .all();
      expect(trail.length, e.title).toBeGreaterThan(0);
      expect(e.createdAt <= trail[0]!.at, `${e.title} started ${e.createdAt}, first step ${trail[0]!.at}`).toBe(true);
      for (let i = 1; i < trail.length; i++)
        expect(
          trail[i - 1]!.at <= trail[i]!.at,
          `${e.title}: ${trail[i - 1]!.action} at ${trail[i - 1]!.at}, then ${trail[i]!.action} at ${trail[i]!.at}`
        ).toBe(true);
    }
    // What the list's "Last changed" says: the day of each engagement's latest step, not the day the database was seeded.
    for (const e of db().select({ id: engagements.id, title: engagements.title, updatedAt: engagements.updatedAt }).from(engagements).all()) {
      const last = db().select({ at: auditLog.at }).from(auditLog).where(eq(auditLog.engagementId, e.id)).orderBy(asc(auditLog.at)).all().at(-1)!.at;
      expect(e.updatedAt.slice(0, 10), e.title).toBe(last.slice(0, 10));
    }
    const westvale = db()
      .select({ updatedAt: engagements.updatedAt })
      .from(engagements)
      .where(eq(engagements.title, "Westvale pressure ulcer collaborative"))
      .get()!;
    expect(westvale.updatedAt < "2026-09-01").toBe(true);
    // What the Overview says: Northshire started before the version it shared on 20 November.
    const shared = db()
      .select({ title: engagements.title, createdAt: engagements.createdAt, versionMade: proposalVersions.createdAt, sharedAt: proposalVersions.sharedAt })
      .from(proposalVersions)
      .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
      .where(isNotNull(proposalVersions.sharedAt))
      .all();
    expect(shared.map((v) => v.title)).toContain("Northshire patient safety partnership");
    for (const v of shared) {
      expect(v.createdAt < v.versionMade, `${v.title} started ${v.createdAt}, its version made ${v.versionMade}`).toBe(true);
      expect(v.versionMade <= v.sharedAt!).toBe(true);
    }
  });
});
