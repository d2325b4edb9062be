import { describe, expect, it } from "vitest";
import { calendarEvents, calendarFile, calendarText, eventUid, keyDates, type CalendarSource } from "~/domain/calendar-file";
import type { Timeline, TimelineItem } from "~/domain/timeline";

const item = (id: string, kind: TimelineItem["kind"], start: string, end: string, label = id): TimelineItem => ({
  id,
  label,
  kind,
  stream: kind === "phase" ? "planning" : "learning",
  start,
  end,
  dependencies: [],
  roleTags: [],
});

const timeline: Timeline = {
  method: "collaborative",
  streams: [
    { key: "planning", label: "Planning" },
    { key: "learning", label: "Learning sessions" },
  ],
  items: [
    item("prework", "phase", "2027-01-04", "2027-03-26", "Prework"),
    item("ls2", "event", "2027-06-14", "2027-06-15", "Learning Session 2"),
    item("ls1", "event", "2027-03-29", "2027-03-30", "Learning Session 1"),
    item("charter_agreed", "milestone", "2027-01-29", "2027-01-29", "Charter agreed"),
    { ...item("calls", "recurring", "2027-03-29", "2027-12-17", "Calls with teams"), recurrence: "monthly" },
  ],
  span: { from: "prework", to: "ls2", months: 6, minMonths: 6, maxMonths: 18 },
  generatedFrom: { template: "collaborative", templateVersion: 1, start: "2027-01", teams: 20 } as unknown as Timeline["generatedFrom"],
  warnings: [],
};

const source = (over: Partial<CalendarSource> = {}): CalendarSource => ({
  engagementId: 7,
  title: "Northshire patient safety partnership",
  timeline,
  changedAt: "2026-11-20T09:30:00.000Z",
  sequence: 3,
  confirmed: false,
  ...over,
});

describe("an engagement's key dates as calendar entries", () => {
  it("are its events and milestones in date order; phases and recurring activities are left out", () => {
    expect(keyDates(timeline).map((i) => i.id)).toEqual(["charter_agreed", "ls1", "ls2"]);
    expect(calendarEvents(source()).map((e) => e.title)).toEqual(["Charter agreed", "Learning Session 1", "Learning Session 2"]);
  });

  it("are whole days: an event ends the day after its last day, a milestone lasts its one day", () => {
    const [charter, ls1] = calendarEvents(source());
    expect(charter).toMatchObject({ start: [2027, 1, 29], end: [2027, 1, 30] });
    expect(ls1).toMatchObject({ start: [2027, 3, 29], end: [2027, 3, 31] });
  });

  it("carry a UID made of the engagement and the item, the same whatever the dates or the label", () => {
    const moved: Timeline = {
      ...timeline,
      items: timeline.items.map((i) => (i.id === "ls1" ? { ...i, label: "LS 1 (moved)", start: "2027-04-05", end: "2027-04-06" } : i)),
    };
    const before = calendarEvents(source()).map((e) => e.uid);
    const after = calendarEvents(source({ timeline: moved, sequence: 4 })).map((e) => e.uid);
    expect(new Set(after)).toEqual(new Set(before));
    expect(before).toContain(eventUid(7, "ls1"));
    expect(eventUid(7, "ls1")).not.toBe(eventUid(8, "ls1"));
    expect(calendarEvents(source({ timeline: moved, sequence: 4 })).find((e) => e.uid === eventUid(7, "ls1"))).toMatchObject({
      title: "LS 1 (moved)",
      start: [2027, 4, 5],
      sequence: 8,
    });
  });

  it("are tentative until the dates are agreed, then confirmed with a higher sequence, so a calendar that has them takes the change", () => {
    const draft = calendarEvents(source({ sequence: 2 }))[0]!;
    const agreed = calendarEvents(source({ sequence: 2, confirmed: true }))[0]!;
    const next = calendarEvents(source({ sequence: 3 }))[0]!;
    expect(draft).toMatchObject({ status: "TENTATIVE", sequence: 4 });
    expect(agreed).toMatchObject({ status: "CONFIRMED", sequence: 5 });
    expect(next.sequence).toBeGreaterThan(agreed.sequence!);
    expect(calendarFile(source())).toContain("STATUS:TENTATIVE");
    expect(calendarFile(source())).not.toContain("STATUS:CONFIRMED");
  });

  it("are stamped with when the timeline last changed, never the clock, so the same timeline gives the same file", () => {
    expect(calendarEvents(source())[0]!.timestamp).toBe(Date.parse("2026-11-20T09:30:00.000Z"));
    expect(calendarFile(source())).toBe(calendarFile(source()));
    expect(calendarFile(source())).toContain("DTSTAMP:20261120T093000Z");
  });

  it("turn hostile text into one inert line: no control characters, no line breaks that could start a property", () => {
    expect(calendarText("a\r\nEND:VEVENT\rBEGIN:VEVENT\u0000\u202Eb")).toBe("a END:VEVENT BEGIN:VEVENTb");
    const hostile: Timeline = { ...timeline, items: [item("ls1", "event", "2027-03-29", "2027-03-30", "x\r\nUID:stolen\rSUMMARY:y; z, \\w")] };
    const file = calendarFile(source({ timeline: hostile, title: "Evil\r\nX-INJECTED:1, a;b" }));
    expect(file).not.toMatch(/^(UID:stolen|SUMMARY:y|X-INJECTED)/m);
    expect(file).toContain("SUMMARY:x UID:stolen SUMMARY:y\\; z\\, \\\\w");
    expect(file).toContain("X-WR-CALNAME:Evil X-INJECTED:1\\, a\\;b");
  });
});
