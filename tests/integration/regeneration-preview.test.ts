import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements, timelines, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { previewRegeneration } from "~/models/timeline.server";
import { db, useTestDatabase } from "../helpers/db";

useTestDatabase();

// A leader reads every engagement's timeline.
const manager = (): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, "leader@demo.test")).get()!;

describe("what the timeline page says before regenerating, on the demo's engagements", () => {
  it("lists the one edit the demo's manager made (a renamed item) and blames none on a timeline as it was generated", () => {
    const rows = db().select({ id: engagements.id }).from(engagements).innerJoin(timelines, eq(timelines.engagementId, engagements.id)).all();
    expect(rows.length).toBeGreaterThan(1);
    const edits: string[] = [];
    let timed = 0;
    for (const { id } of rows) {
      const { preview, next } = previewRegeneration(manager(), id, "2026-11");
      // The demo's inputs are those its timelines were generated from: nothing but the manager's edits would change.
      expect(preview).toMatchObject({ methodChanged: null, changes: [] });
      // Worth regenerating only to undo an edit: nothing here needs review.
      expect(previewRegeneration(manager(), id, "2026-11").worthDoing).toBe(!preview!.isEmpty);
      edits.push(...preview!.edits);
      // Make the stored timeline the generator's own output again, with no edit, and ask once more.
      db()
        .update(timelines)
        .set({ dataJson: JSON.stringify(next) })
        .where(eq(timelines.engagementId, id))
        .run();
      const again = previewRegeneration(manager(), id, "2026-11");
      expect(again.preview).toEqual({ methodChanged: null, changes: [], edits: [], isEmpty: true });
      // Regenerating would do nothing: the page offers only the way back.
      expect(again.worthDoing).toBe(false);
      // Nothing would change: the time is said of the plan as it is.
      if (again.time) {
        timed++;
        expect(again.time.words).toMatch(/^As it is now, the plan (keeps|cannot keep) the partner's time/);
      }
    }
    expect(timed).toBeGreaterThan(0);
    // Said as what regenerating does: the manager's name goes, the generated one comes back.
    expect(edits).toEqual(["Final report, spread plan and board presentation is now called Final report and spread plan"]);
  });
});
