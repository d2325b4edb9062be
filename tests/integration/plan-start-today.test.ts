/**
 * A partner who wants to start this month, as the manager generates the timeline on 7 December 2026
 * (docs/domain.md §8.6): the plan begins on the next working day, the Timeline page says nothing of a
 * plan already under way, and two days later the plan neither needs review nor reads as edited by the
 * manager. The intake refuses a month already past when typed.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { intakes } from "../../db/schema";
import type { Intake } from "~/domain/intake";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();
afterEach(() => {
  vi.useRealTimers();
});

const MANAGER = "manager@demo.test";
const on = (day: string) => vi.useFakeTimers({ now: new Date(`${day}T09:00:00Z`), toFake: ["Date"] });
const id = () => demoEngagementId();
const stored = () => db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!;
const timelinePage = async (search = "") =>
  (await callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline${search}`, params: { id: String(id()) }, as: MANAGER })).data;

/** Northshire's partner now wants to start this month: the intake says December 2026. */
function startThisMonth() {
  const row = stored();
  const intake = JSON.parse(row.dataJson) as Intake;
  db()
    .update(intakes)
    .set({ dataJson: JSON.stringify({ ...intake, scale: { ...intake.scale, desiredStart: "2026-12" } }), version: row.version + 1 })
    .where(eq(intakes.engagementId, id()))
    .run();
}

describe("a desired start in the month under way", () => {
  it("gives a plan that begins on the next working day, still as generated days later", async () => {
    on("2026-12-07");
    startThisMonth();
    const before = await timelinePage();
    const res = await callAction(timelineRoute.action, {
      path: `/engagements/${id()}/timeline`,
      params: { id: String(id()) },
      as: MANAGER,
      form: { intent: "regenerate", version: String(before.version) },
    });
    expect(res.status).toBe(303);
    const page = await timelinePage();
    const first = page.timeline!.items.map((i: { start: string }) => i.start).sort()[0];
    expect(first).toBe("2026-12-08");
    expect(page.startPassed).toBeNull();
    expect(page.staleReasons).toEqual([]);

    // Wednesday 9 December: nothing to review, and nothing the manager did is taken for an edit.
    on("2026-12-09");
    const later = await timelinePage("?preview=regenerate");
    expect(later.staleReasons).toEqual([]);
    expect(later.preview).not.toBeNull();
    expect(later.preview!.edits).toEqual([]);
  });

  it("is accepted on the intake, where a month already past is refused beside the field, with what was typed kept", async () => {
    on("2026-12-07");
    const post = (desiredStart: string) =>
      callAction(intakeRoute.action, {
        path: `/engagements/${id()}/intake?section=scale`,
        params: { id: String(id()) },
        as: MANAGER,
        form: intakeForm("scale", { version: String(stored().version), expectedSites: "14", desiredStart, longestDurationMonths: "18", hardDeadline: "" }),
      });
    const refused = await post("2026-11");
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors.desiredStart).toBe(
      "The desired start cannot be before this month, December 2026: to start as soon as possible, choose this month; the plan then begins on the next working day."
    );
    expect(formAnswer(refused).values).toMatchObject({ desiredStart: "2026-11", expectedSites: "14" });
    expect((await post("2026-12")).status).toBe(303);
    expect((JSON.parse(stored().dataJson) as Intake).scale.desiredStart).toBe("2026-12");
  });
});
