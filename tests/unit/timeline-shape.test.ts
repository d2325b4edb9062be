import { describe, expect, test } from "vitest";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import demandJson from "../../docs-templates/demand-parameters.json";
import { addDays, calendarMonths, daysBetween } from "~/domain/calendar";
import { computeDemand, DemandParametersSchema } from "~/domain/demand";
import { isWorkingDay } from "~/domain/holidays";
import { TimelineError, TimelineSchema, TimelineTemplateSchema, timelineEnd, timelineStart, type Timeline } from "~/domain/timeline";
import { criticalPath } from "~/domain/timeline-critical-path";
import { checkTime, timeLimits } from "~/domain/timeline-constraints";
import {
  addDependency,
  addItem,
  addStream,
  applyItemForm,
  deleteItem,
  deleteStream,
  durationOf,
  endFor,
  moveItem,
  removeDependency,
  renameStream,
  type NewItem,
} from "~/domain/timeline-edit";
import { workingDays } from "~/domain/timeline";
import { durationUnitName, durationWords } from "~/domain/timeline-view";
import { generateTimeline } from "~/domain/timeline-generate";

const collaborative = TimelineTemplateSchema.parse(collaborativeJson);
const params = DemandParametersSchema.parse(demandJson);
const base = (): Timeline => generateTimeline(collaborative, { start: "2027-01", teams: 30, country: "GB" });
const item = (t: Timeline, id: string) => t.items.find((i) => i.id === id)!;
const briefing = (over: Partial<NewItem> = {}): NewItem => ({
  label: "Board briefing",
  kind: "event",
  stream: "results",
  start: "",
  duration: 1,
  unit: "days",
  after: "congress",
  staffLike: null,
  ...over,
});
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof TimelineError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("not refused");
};
const facultyDays = (t: Timeline) =>
  computeDemand(t, { method: "collaborative", teams: 30 }, params)
    .filter((d) => d.role === "faculty")
    .reduce((s, d) => s + d.days, 0);

describe("adding an item", () => {
  test("an event after another starts when that one ends, on a working day, and the stored form reads it back", () => {
    const t = base();
    const { timeline, itemId } = addItem(t, briefing());
    const added = item(timeline, itemId);
    expect(added).toMatchObject({ label: "Board briefing", kind: "event", stream: "results", dependencies: [{ on: "congress", lagDays: 0 }] });
    expect(daysBetween(item(t, "congress").end, added.start)).toBeGreaterThanOrEqual(1);
    expect(isWorkingDay(added.start, "GB")).toBe(true);
    expect(TimelineSchema.safeParse(timeline).success).toBe(true);
  });

  test("an event asked for on a Saturday lands on the Monday; one of three days takes three working days", () => {
    const { timeline, itemId } = addItem(base(), briefing({ after: null, start: "2027-06-05", duration: 3 }));
    expect(item(timeline, itemId)).toMatchObject({ start: "2027-06-07", end: "2027-06-09" });
    const friday = addItem(base(), briefing({ after: null, start: "2027-06-11", duration: 2 }));
    expect(item(friday.timeline, friday.itemId)).toMatchObject({ start: "2027-06-11", end: "2027-06-14" });
  });

  test("durations in weeks and months", () => {
    const weeks = addItem(base(), briefing({ kind: "phase", label: "Coach training", after: null, start: "2027-03-01", duration: 6, unit: "weeks" }));
    expect(item(weeks.timeline, weeks.itemId)).toMatchObject({ start: "2027-03-01", end: "2027-04-11" });
    const months = addItem(base(), briefing({ kind: "phase", label: "Coach training", after: null, start: "2027-03-01", duration: 3, unit: "months" }));
    expect(item(months.timeline, months.itemId)).toMatchObject({ start: "2027-03-01", end: "2027-05-31" });
  });

  test("an item that shares another's staff time adds to the demand; one that asks nothing of our staff does not", () => {
    const t = base();
    const none = addItem(t, briefing());
    expect(facultyDays(none.timeline)).toBeCloseTo(facultyDays(t), 5);
    const like = addItem(t, briefing({ staffLike: "expert_meeting" }));
    expect(facultyDays(like.timeline)).toBeGreaterThan(facultyDays(t));
  });

  test("a phase after the last item lengthens the plan: the critical path and the time check follow", () => {
    const t = base();
    const { timeline, itemId } = addItem(t, briefing({ kind: "phase", label: "Spread", after: "final_report", duration: 4, unit: "months" }));
    expect(criticalPath(timeline).itemIds).toContain(itemId);
    expect(criticalPath(t).itemIds).not.toContain(itemId);
    expect(timelineEnd(timeline) > timelineEnd(t)).toBe(true);
    // The partner's longest duration is the plan as generated, to the month: the added phase overruns it.
    const limits = timeLimits({ horizonMonths: Math.ceil(calendarMonths(timelineStart(t), addDays(timelineEnd(t), 1))) });
    expect(checkTime(t, limits).holds).toBe(true);
    const check = checkTime(timeline, limits);
    expect(check.holds).toBe(false);
    expect(check.summary).toMatch(/month/);
  });

  test("two items of the same name get different keys", () => {
    const once = addItem(base(), briefing());
    const twice = addItem(once.timeline, briefing());
    expect(twice.itemId).not.toBe(once.itemId);
    expect(TimelineSchema.safeParse(twice.timeline).success).toBe(true);
  });

  test("a start before what it comes after ends, no start at all, or an unknown stream is refused next to its field", () => {
    expect(refusal(() => addItem(base(), briefing({ start: "2027-01-04" })))).toMatchObject({ field: "start", message: expect.stringContaining("congress") });
    expect(refusal(() => addItem(base(), briefing({ after: null })))).toMatchObject({ field: null, message: expect.stringContaining("start date") });
    expect(refusal(() => addItem(base(), briefing({ stream: "nowhere" })))).toMatchObject({ field: "stream" });
    expect(refusal(() => addItem(base(), briefing({ label: " \u0007 " })))).toMatchObject({ field: "label" });
    expect(refusal(() => addItem(base(), briefing({ after: "team_calls" })))).toMatchObject({ field: "after" });
  });
});

describe("deleting an item", () => {
  test("one nothing follows goes", () => {
    const { timeline, itemId } = addItem(base(), briefing());
    expect(deleteItem(timeline, itemId).items.map((i) => i.id)).not.toContain(itemId);
  });

  test("one that others come after is refused, naming them; the method's span stays", () => {
    expect(refusal(() => deleteItem(base(), "ls2"))).toEqual({ field: "itemId", message: expect.stringContaining("Action Period 2") });
    expect(refusal(() => deleteItem(base(), "ap1"))).toMatchObject({ message: expect.stringMatching(/Learning Session 2.*Team reports/) });
    expect(refusal(() => deleteItem(base(), "congress"))).toMatchObject({ field: "itemId" });
    const t = base();
    expect(deleteItem(t, "final_report").items).toHaveLength(t.items.length - 1);
  });
});

describe("the refusals speak the page's words", () => {
  test("what an item comes after, as the After column and its Remove say; never a dependency", () => {
    const ls2 = refusal(() => deleteItem(base(), "ls2"));
    expect(ls2.message).toBe(
      "Action Period 2 comes after Learning Session 2: remove Learning Session 2 from the After column of Action Period 2 first, then delete Learning Session 2."
    );
    const messages = [
      ls2.message,
      refusal(() => deleteItem(base(), "ap1")).message,
      refusal(() => removeDependency(base(), "ls2", "ls1")).message,
      refusal(() => moveItem(base(), "ls2", item(base(), "ap1").start)).message,
      refusal(() => addDependency(base(), "ls1", "congress")).message,
      refusal(() => addDependency(base(), "ls2", "ap1")).message,
    ];
    for (const m of messages) expect(m).not.toMatch(/depend/i);
    expect(messages[3]).toMatch(/, or let it no longer come after Action Period 1\.$/);
  });

  test("a gap of one day is one day, not “1 days”", () => {
    const t = base();
    const gapOf = (lagDays: number) => ({
      ...t,
      items: t.items.map((i) => (i.id === "ls2" ? { ...i, dependencies: [{ on: "ap1", lagDays }] } : i)),
    });
    const ap1 = item(t, "ap1");
    expect(refusal(() => moveItem(gapOf(1), "ls2", ap1.start)).message).toMatch(/cannot start before 1 day after Action Period 1 ends \(on /);
    expect(refusal(() => moveItem(gapOf(3), "ls2", ap1.start)).message).toMatch(/cannot start before 3 days after Action Period 1 ends \(on /);
  });
});

describe("an item's length in words", () => {
  test("is singular for one: 1 day, 1 week, 1 month; plural otherwise", () => {
    expect(durationWords({ amount: 1, unit: "days" })).toBe("1 day");
    expect(durationWords({ amount: 1, unit: "weeks" })).toBe("1 week");
    expect(durationWords({ amount: 1, unit: "months" })).toBe("1 month");
    expect(durationWords({ amount: 2, unit: "days" })).toBe("2 days");
    expect(durationWords({ amount: 12, unit: "months" })).toBe("12 months");
    expect(["days", "weeks", "months"].map((u) => durationUnitName(u as "days", 1))).toEqual(["day", "week", "month"]);
    // Beside a number not yet typed, or not a number, a unit reads as many.
    expect(durationUnitName("days", Number.NaN)).toBe("days");
    expect(durationUnitName("weeks", 0)).toBe("weeks");
  });

  test("the expert meeting and the topic charter, as the row shows them: 1 day and 1 month", () => {
    const t = base();
    expect(durationWords(durationOf(item(t, "expert_meeting"), workingDays("GB"))!)).toBe("1 day");
    expect(durationWords(durationOf(item(t, "topic_charter"), workingDays("GB"))!)).toBe("1 month");
  });
});

describe("dependencies", () => {
  test("coming after a later item moves the item and what follows it", () => {
    const { timeline, itemId } = addItem(base(), briefing({ after: null, start: "2027-02-01" }));
    const moved = addDependency(timeline, itemId, "ls1");
    expect(item(moved, itemId).start >= item(moved, "ls1").end).toBe(true);
    expect(TimelineSchema.safeParse(moved).success).toBe(true);
  });

  test("a circle is refused next to the choice", () => {
    expect(refusal(() => addDependency(base(), "ls1", "congress"))).toMatchObject({ field: "on", message: expect.stringContaining("Summative congress") });
    expect(refusal(() => addDependency(base(), "ls2", "ap1"))).toMatchObject({ field: "on" });
  });
});

describe("streams", () => {
  test("added, renamed, and deleted once empty", () => {
    const { timeline, key } = addStream(base(), "Capability building");
    expect(timeline.streams.at(-1)).toEqual({ key: "capability_building", label: "Capability building" });
    expect(renameStream(timeline, key, "Capability  building and coaching").streams.at(-1)!.label).toBe("Capability building and coaching");
    const withItem = addItem(
      timeline,
      briefing({ stream: key, kind: "phase", label: "Coach training", after: null, start: "2027-03-01", duration: 8, unit: "weeks" })
    );
    expect(refusal(() => deleteStream(withItem.timeline, key))).toMatchObject({ field: "streamKey", message: expect.stringContaining("Coach training") });
    expect(deleteStream(timeline, key).streams.map((s) => s.key)).not.toContain(key);
    expect(refusal(() => addStream(timeline, "capability building"))).toMatchObject({ field: "label" });
  });
});

describe("an item's duration on its row", () => {
  const gb = workingDays("GB");
  const phase = (start: string, end: string) => ({ kind: "phase" as const, start, end });

  test("is shown in whole months, else whole weeks, else days; an event's days are working days; a milestone has none", () => {
    expect(durationOf(phase("2027-01-15", "2027-04-14"), gb)).toEqual({ amount: 3, unit: "months" });
    expect(durationOf(phase("2027-03-01", "2027-03-14"), gb)).toEqual({ amount: 2, unit: "weeks" });
    expect(durationOf(phase("2027-03-01", "2027-03-10"), gb)).toEqual({ amount: 10, unit: "days" });
    // Friday 5 March to Monday 8 March 2027: two working days.
    expect(durationOf({ kind: "event", start: "2027-03-05", end: "2027-03-08" }, gb)).toEqual({ amount: 2, unit: "days" });
    expect(durationOf({ kind: "milestone", start: "2027-03-05", end: "2027-03-05" }, gb)).toBeNull();
  });

  test("an event a manager holds from a weekend reads in calendar days, and a duration typed for it keeps it there", () => {
    // Saturday 6 and Sunday 7 March 2027: a two-day event held over the weekend, not "1 day".
    const weekend = { kind: "event" as const, start: "2027-03-06", end: "2027-03-07" };
    expect(durationOf(weekend, gb)).toEqual({ amount: 2, unit: "days" });
    expect(endFor(weekend.start, "event", 2, "days", gb)).toBe("2027-03-07");
    // Saturday to Monday: three days as held, and three days typed end on the Monday again.
    expect(durationOf({ ...weekend, end: "2027-03-08" }, gb)).toEqual({ amount: 3, unit: "days" });
    expect(endFor(weekend.start, "event", 3, "days", gb)).toBe("2027-03-08");
    // From a working day, days are still working days: Friday and the Monday after.
    expect(endFor("2027-03-05", "event", 2, "days", gb)).toBe("2027-03-08");
  });

  test("a new duration sets the end from the start; what follows moves after it", () => {
    const t = base();
    const ap1 = item(t, "ap1");
    const shown = durationOf(ap1, gb)!;
    const form = { itemId: "ap1", label: ap1.label, start: ap1.start, end: ap1.end, originalLabel: ap1.label, originalStart: ap1.start, originalEnd: ap1.end };
    const { timeline, changes } = applyItemForm(t, { ...form, duration: 6, unit: "weeks", originalDuration: String(shown.amount), originalUnit: shown.unit });
    expect(changes).toEqual(["move"]);
    expect(item(timeline, "ap1")).toMatchObject({ start: ap1.start, end: addDays(ap1.start, 41) });
    expect(daysBetween(item(timeline, "ap1").end, item(timeline, "ls2").start)).toBeGreaterThan(0);
    // The same duration as shown changes nothing.
    expect(
      applyItemForm(t, { ...form, duration: shown.amount, unit: shown.unit, originalDuration: String(shown.amount), originalUnit: shown.unit }).changes
    ).toEqual([]);
  });

  test("a new start with the end that keeps the item's length, as the row shows it while only the start is typed, is a move", () => {
    const t = base();
    const ap2 = item(t, "ap2");
    const shown = durationOf(ap2, gb)!;
    const start = addDays(ap2.start, 30);
    const form = { itemId: "ap2", label: ap2.label, originalLabel: ap2.label, originalStart: ap2.start, originalEnd: ap2.end, start };
    const kept = {
      ...form,
      end: addDays(ap2.end, 30),
      duration: shown.amount,
      unit: shown.unit,
      originalDuration: String(shown.amount),
      originalUnit: shown.unit,
    };
    expect(applyItemForm(t, kept)).toEqual(applyItemForm(t, { ...form, end: ap2.end }));
    expect(item(applyItemForm(t, kept).timeline, "ap2")).toMatchObject({ start, end: addDays(ap2.end, 30) });
    // With a new duration as well, the duration sets the end from the new start: nothing was asked of the end.
    const longer = applyItemForm(t, { ...kept, duration: 20, unit: "weeks" });
    expect(item(longer.timeline, "ap2")).toMatchObject({ start, end: addDays(start, 139) });
    // An end that changes the length is an end typed: with a new duration too, refused.
    expect(refusal(() => applyItemForm(t, { ...kept, end: addDays(ap2.end, 31), duration: 20, unit: "weeks" }))).toMatchObject({ field: "duration" });
  });

  test("a milestone's duration, or a new end and a new duration at once, are refused at the duration", () => {
    const t = base();
    const milestone = t.items.find((i) => i.kind === "milestone")!;
    expect(milestone).toBeDefined();
    const m = { itemId: milestone.id, label: milestone.label, start: milestone.start, originalStart: milestone.start, duration: 2, unit: "days" as const };
    expect(refusal(() => applyItemForm(t, m))).toEqual({ message: "A milestone has no duration.", field: "duration" });
    const ap1 = item(t, "ap1");
    const both = {
      itemId: "ap1",
      label: ap1.label,
      start: ap1.start,
      end: addDays(ap1.end, 3),
      originalStart: ap1.start,
      originalEnd: ap1.end,
      duration: 9,
      unit: "weeks" as const,
      originalDuration: "3",
      originalUnit: "months",
    };
    expect(refusal(() => applyItemForm(t, both))).toMatchObject({ field: "duration" });
  });
});
