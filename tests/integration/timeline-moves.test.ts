/**
 * Moving Learning Session 2 before the end of Action Period 1 used to say "Timeline updated" while
 * the stored timeline (the chart, the proposal, a reload) kept the old date. Such a move is refused,
 * with the reason next to the field naming the item it comes after, and a way to remove that
 * dependency; a move later carries what depends on it. What is stored is what every view shows.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, timelines } from "../../db/schema";
import type { Timeline, TimelineItem } from "~/domain/timeline";
import { addDays, daysBetween } from "~/domain/calendar";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, callLoader, formAnswer, sessionCookie } from "../helpers/requests";
import { getSession, takeFlash } from "~/services/session.server";

useTestDatabase();

const id = () => demoEngagementId();
const stored = () => {
  const row = db().select().from(timelines).where(eq(timelines.engagementId, id())).get()!;
  return { timeline: JSON.parse(row.dataJson) as Timeline, version: row.version };
};
const item = (t: Timeline, itemId: string) => t.items.find((i) => i.id === itemId)!;
const page = () => callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline`, params: { id: String(id()) }, as: "manager@demo.test" });
const post = (form: Record<string, string>) =>
  callAction(timelineRoute.action, { path: `/engagements/${id()}/timeline`, params: { id: String(id()) }, as: "manager@demo.test", form });
/** What a row's Save sends: the item as the row showed it, with what was changed on top. */
const row = (i: TimelineItem, version: number, over: Record<string, string> = {}) => ({
  intent: "edit-item",
  version: String(version),
  itemId: i.id,
  start: i.start,
  originalStart: i.start,
  end: i.end,
  originalEnd: i.end,
  label: i.label,
  originalLabel: i.label,
  ...over,
});
const move = (i: TimelineItem, start: string, version: number) => post(row(i, version, { start }));

describe("moving a timeline item", () => {
  it("before the end of what it comes after is refused, naming it beside the start, and nothing is stored", async () => {
    const before = stored();
    const ls2 = item(before.timeline, "ls2");
    const ap1 = item(before.timeline, "ap1");
    const res = await move(ls2, addDays(ap1.end, -10), before.version);
    expect(res.status).toBe(400);
    expect(formAnswer(res).values.itemId).toBe("ls2");
    expect(formAnswer(res).errors.start).toMatch(
      /^Learning Session 2 comes after Action Period 1: it cannot start before Action Period 1 ends \(on .+\)\. Choose .+ or later, or let it no longer come after Action Period 1\.$/
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
    expect((await page()).data.gantt).toMatch(new RegExp(`Learning Session 2 :[^\\n]*, ${wanted},`));
  });

  it("later carries what depends on it by the same number of days, where that keeps its events on working days", async () => {
    const before = stored();
    const ap1 = item(before.timeline, "ap1");
    expect((await move(ap1, addDays(ap1.start, 7), before.version)).status).toBe(303);
    const after = stored();
    for (const dependant of ["ls2", "ap2", "ls3", "ap3", "congress"]) {
      expect(daysBetween(item(before.timeline, dependant).start, item(after.timeline, dependant).start), dependant).toBe(7);
      expect(daysBetween(item(before.timeline, dependant).end, item(after.timeline, dependant).end), dependant).toBe(7);
    }
  });

  it("later carries an event past the partner's public holidays and the year-end break, keeping its days; what follows it counts from there", async () => {
    const before = stored();
    expect(before.timeline.generatedFrom.country).toBe("GB");
    const ap1 = item(before.timeline, "ap1");
    // Two weeks later, Learning Session 2 would fall on 27 and 28 December 2027, England's bank holidays for
    // Christmas Day and Boxing Day; 3 January 2028 is New Year's Day's.
    expect(addDays(item(before.timeline, "ls2").start, 14)).toBe("2027-12-27");
    expect((await move(ap1, addDays(ap1.start, 14), before.version)).status).toBe(303);
    const after = stored();
    // The item moved is where it was put.
    expect(item(after.timeline, "ap1")).toMatchObject({ start: addDays(ap1.start, 14), end: addDays(ap1.end, 14) });
    expect(item(after.timeline, "ls2")).toMatchObject({ start: "2028-01-04", end: "2028-01-05" });
    expect(item(after.timeline, "ap2").start).toBe("2028-01-06");
    const { durations } = (await page()).data;
    expect(durations.ls2).toEqual({ amount: 2, unit: "days" });
  });

  it("moved back where it was, brings back every item it carried past the holidays, and the plan ends where it did", async () => {
    const before = stored();
    const ap1 = item(before.timeline, "ap1");
    expect((await move(ap1, addDays(ap1.start, 14), before.version)).status).toBe(303);
    const there = stored();
    expect(item(there.timeline, "ls2").start).toBe("2028-01-04");
    expect((await move(item(there.timeline, "ap1"), ap1.start, there.version)).status).toBe(303);
    const back = stored();
    expect(back.timeline.items).toEqual(before.timeline.items);
    expect(back.version).toBe(before.version + 2);
  });

  it("refuses removing a dependency the item does not have, without storing anything", async () => {
    const before = stored();
    const res = await post({ intent: "remove-dependency", version: String(before.version), itemId: "ls2", on: "ls1" });
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors.start).toBe("Learning Session 2 no longer comes after that item.");
    expect(stored()).toEqual(before);
  });
});

describe("changing an item's duration on its row", () => {
  /** The row's duration fields, changed from the length it showed. */
  const duration = (shown: { amount: number; unit: string }, amount: string, unit: string) => ({
    duration: amount,
    unit,
    originalDuration: String(shown.amount),
    originalUnit: shown.unit,
  });
  const withDuration = (i: TimelineItem, version: number, shown: { amount: number; unit: string }, amount: string, unit: string) =>
    post(row(i, version, duration(shown, amount, unit)));

  it("shows each item's length in the unit that fits it: months, weeks or days; none for a milestone", async () => {
    const { timeline, durations } = (await page()).data;
    for (const i of timeline.items as TimelineItem[]) {
      const d = durations[i.id];
      if (i.kind === "milestone") expect(d).toBeNull();
      else if (d.unit === "months") expect(addDays(i.end, 1).slice(8)).toBe(i.start.slice(8));
      else if (d.unit === "weeks") expect((daysBetween(i.start, i.end) + 1) / 7).toBe(d.amount);
    }
    expect(Object.values(durations).some((d) => (d as { unit: string } | null)?.unit === "days")).toBe(true);
  });

  it("sets the end from the start in weeks or months, carrying what depends on it, and the row then shows the new length", async () => {
    const before = stored();
    const ap1 = item(before.timeline, "ap1");
    const shown = (await page()).data.durations.ap1;
    expect((await withDuration(ap1, before.version, shown, "10", "weeks")).status).toBe(303);
    const weeks = stored();
    expect(item(weeks.timeline, "ap1")).toMatchObject({ start: ap1.start, end: addDays(ap1.start, 69) });
    // What comes after it follows it.
    expect(item(weeks.timeline, "ls2").start > addDays(ap1.start, 69)).toBe(true);
    expect((await page()).data.durations.ap1).toEqual({ amount: 10, unit: "weeks" });

    const ap1Now = item(weeks.timeline, "ap1");
    expect((await withDuration(ap1Now, weeks.version, { amount: 10, unit: "weeks" }, "4", "months")).status).toBe(303);
    const months = stored();
    const fourMonthsOn = new Date(`${ap1.start}T00:00:00Z`);
    fourMonthsOn.setUTCMonth(fourMonthsOn.getUTCMonth() + 4);
    expect(item(months.timeline, "ap1").end).toBe(addDays(fourMonthsOn.toISOString().slice(0, 10), -1));
    expect((await page()).data.durations.ap1).toEqual({ amount: 4, unit: "months" });
  });

  it("refuses a duration that is not a whole number, or a change to both the end and the duration, next to the duration, keeping what was typed", async () => {
    const before = stored();
    const ap2 = item(before.timeline, "ap2");
    const shown = (await page()).data.durations.ap2;
    const bad = await withDuration(ap2, before.version, shown, "two", "months");
    expect(bad.status).toBe(400);
    expect(formAnswer(bad).errors.duration).toBe("Duration must be a number.");
    expect(formAnswer(bad).values).toMatchObject({ itemId: "ap2", duration: "two", unit: "months" });
    const both = await post(row(ap2, before.version, { end: addDays(ap2.end, 7), ...duration(shown, String(shown.amount + 1), shown.unit) }));
    expect(both.status).toBe(400);
    expect(formAnswer(both).errors.duration).toMatch(/^Change the end date or the duration, not both/);
    expect(stored()).toEqual(before);
  });
});

describe("saving a row", () => {
  const audited = () => db().select().from(auditLog).where(eq(auditLog.engagementId, id())).all().length;
  const saveAs = async (cookie: string, form: Record<string, string>) => {
    const res = await callAction(timelineRoute.action, { path: `/engagements/${id()}/timeline`, params: { id: String(id()) }, cookie, form });
    // The message as the page the answer leads to reads it.
    const page = new Request(new URL(res.headers.get("Location") ?? "/", BASE), { headers: { Cookie: cookie } });
    return { res, flash: takeFlash(page, getSession(page))?.message ?? null };
  };

  it("with nothing changed says so, and stores nothing: no new version, no audit entry", async () => {
    const cookie = sessionCookie("manager@demo.test");
    const before = stored();
    const entries = audited();
    const ls2 = item(before.timeline, "ls2");
    const same = await saveAs(cookie, row(ls2, before.version));
    expect(same.res.status).toBe(303);
    expect(same.flash).toBe("Nothing changed: the row was saved as it already was.");
    // Spaces round the label come to the same label: nothing changed either.
    const spaced = await saveAs(cookie, row(ls2, before.version, { label: `  ${ls2.label} ` }));
    expect(spaced.flash).toBe("Nothing changed: the row was saved as it already was.");
    expect(stored()).toEqual(before);
    expect(audited()).toBe(entries);

    const renamed = await saveAs(cookie, row(ls2, before.version, { label: "Learning Session 2 (online)" }));
    // A rename carries nothing along, and says no more than that the timeline was updated.
    expect(renamed.flash).toBe("Timeline updated.");
    expect(stored().version).toBe(before.version + 1);
    expect(audited()).toBe(entries + 1);
  });

  it("says how many items a move carried along", async () => {
    const cookie = sessionCookie("manager@demo.test");
    const before = stored();
    const ls2 = item(before.timeline, "ls2");
    const moved = await saveAs(cookie, row(ls2, before.version, { start: addDays(ls2.start, 7) }));
    const after = stored().timeline;
    const carried = after.items.filter((i) => i.id !== "ls2" && (item(before.timeline, i.id).start !== i.start || item(before.timeline, i.id).end !== i.end));
    expect(carried.length).toBeGreaterThan(1);
    expect(moved.flash).toBe(`Timeline updated; ${carried.length} items after it moved with it.`);
  });

  it("confirms taking an item off what another comes after in the page's words", async () => {
    const cookie = sessionCookie("manager@demo.test");
    const before = stored();
    const removed = await saveAs(cookie, { intent: "remove-dependency", version: String(before.version), itemId: "ls2", on: "ap1" });
    expect(removed.flash).toBe("The item no longer comes after that one: it may now start before that one ends.");
    const added = await saveAs(cookie, { intent: "add-dependency", version: String(before.version + 1), itemId: "ls2", on: "ap1" });
    expect(added.flash).toBe("The item now comes after the one chosen; it moved later if it started before that one ends.");
    for (const f of [removed.flash, added.flash]) expect(f).not.toMatch(/depend/i);
  });
});
