/**
 * Moving Learning Session 2 before the end of Action Period 1 used to say "Timeline updated" while
 * the stored timeline (the chart, the proposal, a reload) kept the old date. Such a move is refused,
 * with the reason next to the field naming the item it comes after, and a way to remove that
 * dependency; a move later carries what depends on it. What is stored is what every view shows.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { timelines } from "../../db/schema";
import type { Timeline, TimelineItem } from "~/domain/timeline";
import { addDays, daysBetween } from "~/domain/calendar";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

const id = () => demoEngagementId();
const stored = () => {
  const row = db().select().from(timelines).where(eq(timelines.engagementId, id())).get()!;
  return { timeline: JSON.parse(row.dataJson) as Timeline, version: row.version };
};
const item = (t: Timeline, itemId: string) => t.items.find((i) => i.id === itemId)!;
const post = (form: Record<string, string>) =>
  callAction(timelineRoute.action, { path: `/engagements/${id()}/timeline`, params: { id: String(id()) }, as: "manager@demo.test", form });
const move = (i: TimelineItem, start: string, version: number) =>
  post({
    intent: "edit-item",
    version: String(version),
    itemId: i.id,
    start,
    originalStart: i.start,
    end: i.end,
    originalEnd: i.end,
    label: i.label,
    originalLabel: i.label,
  });

describe("moving a timeline item", () => {
  it("before the end of what it comes after is refused, naming it beside the start, and nothing is stored", async () => {
    const before = stored();
    const ls2 = item(before.timeline, "ls2");
    const ap1 = item(before.timeline, "ap1");
    const res = await move(ls2, addDays(ap1.end, -10), before.version);
    expect(res.status).toBe(400);
    expect(formAnswer(res).values.itemId).toBe("ls2");
    expect(formAnswer(res).errors.start).toMatch(
      /^Learning Session 2 comes after Action Period 1: it cannot start before Action Period 1 ends \(on .+\)\. Choose .+ or later, or remove that dependency\.$/
    );
    expect(res.data.dependency).toEqual({ on: "ap1", label: "Action Period 1" });
    // What was typed comes back for the field; what is stored has not changed.
    expect(formAnswer(res).values.start).toBe(addDays(ap1.end, -10));
    expect(stored()).toEqual(before);
  });

  it("is possible there once the dependency is removed, and is then stored exactly as asked", async () => {
    const before = stored();
    const ls2 = item(before.timeline, "ls2");
    const ap1 = item(before.timeline, "ap1");
    const removed = await post({ intent: "remove-dependency", version: String(before.version), itemId: "ls2", on: "ap1" });
    expect(removed.status).toBe(303);
    const freed = stored();
    expect(item(freed.timeline, "ls2").dependencies.map((d) => d.on)).not.toContain("ap1");
    const wanted = addDays(ap1.end, -10);
    expect((await move(item(freed.timeline, "ls2"), wanted, freed.version)).status).toBe(303);
    const after = stored();
    expect(item(after.timeline, "ls2").start).toBe(wanted);
    expect(item(after.timeline, "ls2").end).toBe(addDays(wanted, daysBetween(ls2.start, ls2.end)));
    // The page draws the chart from what is stored.
    const page = await callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline`, params: { id: String(id()) }, as: "manager@demo.test" });
    expect(page.data.gantt).toMatch(new RegExp(`Learning Session 2 :[^\\n]*, ${wanted},`));
  });

  it("later carries what depends on it, by the same number of days", async () => {
    const before = stored();
    const ap1 = item(before.timeline, "ap1");
    expect((await move(ap1, addDays(ap1.start, 14), before.version)).status).toBe(303);
    const after = stored();
    for (const dependant of ["ls2", "ap2", "ls3", "ap3"]) {
      expect(daysBetween(item(before.timeline, dependant).start, item(after.timeline, dependant).start), dependant).toBe(14);
    }
  });

  it("refuses removing a dependency the item does not have, without storing anything", async () => {
    const before = stored();
    const res = await post({ intent: "remove-dependency", version: String(before.version), itemId: "ls2", on: "ls1" });
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors.start).toMatch(/does not depend on that item/);
    expect(stored()).toEqual(before);
  });
});
