import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements, timelines, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { previewRegeneration, readTimeline } from "~/models/timeline.server";
import { db, useTestDatabase } from "../helpers/db";

useTestDatabase();

// A leader reads every engagement's timeline.
const manager = (): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, "leader@demo.test")).get()!;

describe("what the timeline page says before regenerating, on the demo's engagements", () => {
  it("blames no edit on a timeline as it was generated, and after a change of method says the template replaces it", () => {
    const rows = db().select({ id: engagements.id }).from(engagements).innerJoin(timelines, eq(timelines.engagementId, engagements.id)).all();
    expect(rows.length).toBeGreaterThan(0);
    let untouched = 0;
    for (const { id } of rows) {
      const stored = readTimeline(db(), id)!.timeline;
      const { preview } = previewRegeneration(manager(), id, "2026-11");
      if (!preview) continue;
      // Make the stored timeline the generator's own output again, with no edit, and ask once more.
      const fresh = previewRegeneration(manager(), id, "2026-11").next;
      if (fresh.method !== stored.method) {
        expect(preview.methodChanged).not.toBeNull();
        expect(preview.changes).toEqual([]);
      }
      db()
        .update(timelines)
        .set({ dataJson: JSON.stringify(fresh) })
        .where(eq(timelines.engagementId, id))
        .run();
      const again = previewRegeneration(manager(), id, "2026-11").preview!;
      expect(again).toMatchObject({ methodChanged: null, changes: [], edits: [], isEmpty: true });
      untouched += 1;
    }
    expect(untouched).toBeGreaterThan(0);
  });
});
