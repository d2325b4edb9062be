import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, proposalVersions } from "../../db/schema";
import { db, useTestDatabase } from "../helpers/db";

useTestDatabase();

describe("the demo's history", () => {
  it("reads in the order it happened: each engagement started before its first step, every step after the one before, a version made before it was shared", () => {
    const all = db().select({ id: engagements.id, title: engagements.title, createdAt: engagements.createdAt }).from(engagements).all();
    let dated = 0;
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
      if (trail.some((t) => t.at < trail.at(-1)!.at.slice(0, 10))) dated++;
    }
    // Northshire, Westvale, Kestrel and Eastmere carry dated stories: they are not all today.
    expect(dated).toBeGreaterThanOrEqual(4);
    for (const v of db().select({ createdAt: proposalVersions.createdAt, sharedAt: proposalVersions.sharedAt }).from(proposalVersions).all())
      if (v.sharedAt) expect(v.createdAt <= v.sharedAt).toBe(true);
  });
});
