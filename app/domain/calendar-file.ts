import { createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays } from "./calendar";
import { stripControlChars } from "./text";
import type { Timeline, TimelineItem } from "./timeline";

/**
 * An engagement's key dates as a calendar file (docs/domain.md §8.6): the launch, learning
 * sessions, congress, deadline event and review points — every event and milestone of the
 * timeline — as whole-day entries. Each entry's UID is made of the engagement and the timeline
 * item, so a calendar that imports the file again updates its entries instead of adding copies.
 */

/** The timeline items that are dates to keep: events and milestones, in date order. */
export function keyDates(timeline: Timeline): TimelineItem[] {
  return timeline.items.filter((i) => i.kind === "event" || i.kind === "milestone").sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

/** The same engagement and item give the same UID in every file, staff's and partner's alike. */
export function eventUid(engagementId: number, itemId: string): string {
  return `engagement-${engagementId}-${itemId}@partnership-planner`;
}

/** One line of plain text: no control characters, no line breaks, runs of spaces as one. */
export function calendarText(text: string): string {
  return stripControlChars(text).replace(/\s+/g, " ").trim();
}

/** RFC 5545 TEXT escaping, for the calendar's name (the `ics` package escapes the entries' own text). */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`);
}

function dateArray(date: string): DateArray {
  const [y, m, d] = date.split("-").map(Number);
  return [y!, m!, d!];
}

export type CalendarSource = {
  engagementId: number;
  title: string;
  timeline: Timeline;
  /** When what the file is read from was last changed (ISO instant): the entries' stamp, never the clock. */
  changedAt: string;
  /** Grows each time what the file is read from changes, so calendars take the newer entry. */
  sequence: number;
  /**
   * The dates are agreed: a version our leadership approved and the partner accepted. Until then, and
   * for the live timeline, every entry is tentative, so no calendar shows dates not yet agreed as
   * settled (docs/domain.md §8.6).
   */
  confirmed: boolean;
};

/** An entry; `timestamp` (DTSTAMP) is read by `ics` though its types leave it out. */
export type CalendarEvent = EventAttributes & { timestamp: number };

/** The calendar entries, without any I/O: what `calendarFile` writes. */
export function calendarEvents(source: CalendarSource): CalendarEvent[] {
  const streams = new Map(source.timeline.streams.map((s) => [s.key, s.label]));
  const title = calendarText(source.title);
  const stamp = Date.parse(source.changedAt);
  return keyDates(source.timeline).map((item) => ({
    uid: eventUid(source.engagementId, item.id),
    title: calendarText(item.label),
    description: [title, streams.get(item.stream)]
      .filter(Boolean)
      .map((t) => calendarText(t!))
      .join(" · "),
    start: dateArray(item.start),
    // Whole days: the end is the day after the last one (RFC 5545 §3.6.1); a milestone is its one day.
    end: dateArray(addDays(item.kind === "milestone" ? item.start : item.end, 1)),
    startInputType: "utc" as const,
    startOutputType: "utc" as const,
    timestamp: stamp,
    // Becoming agreed changes the entries' status: a higher sequence, so a calendar that has the tentative entry takes it.
    sequence: source.sequence * 2 + (source.confirmed ? 1 : 0),
    status: source.confirmed ? ("CONFIRMED" as const) : ("TENTATIVE" as const),
    transp: "TRANSPARENT" as const,
  }));
}

/** The .ics text of an engagement's key dates. */
export function calendarFile(source: CalendarSource): string {
  const { error, value } = createEvents(calendarEvents(source), {
    productId: "partnership-planner",
    method: "PUBLISH",
    calName: escapeText(calendarText(source.title)),
  });
  if (error || !value) throw error ?? new Error("The calendar could not be written.");
  return value;
}
