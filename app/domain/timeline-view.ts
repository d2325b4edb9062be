import { addDays, daysBetween, isIsoDate, type IsoDate, type Month } from "./calendar";
import type { Method } from "./methods";
import { plural } from "./plural";

/*
 * The shape of a timeline, its item kinds' labels and its dates: what the Timeline page's own script
 * may import (no schemas, decision 7). The schemas that read a timeline back are in timeline.ts.
 */

export const ITEM_KINDS = ["phase", "event", "milestone", "recurring"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  phase: "Phase",
  event: "Event",
  milestone: "Milestone",
  recurring: "Recurring activity",
};

/** What a manager may add: a recurring activity takes its dates from others and comes only from a template. */
export const ADDABLE_KINDS = ["phase", "event", "milestone"] as const satisfies readonly ItemKind[];

/**
 * Kinds of work a manager can add to a plan of any method, by the role tag the demand rules count it
 * by, with what it asks of our staff: a learning session added to a tailored initiative's or a
 * campaign's plan asks its faculty, chair and project manager as a collaborative's does (docs/domain.md
 * §8.2, §8.10), though that plan has no learning session of its own to name.
 */
export const STAFF_WORK = {
  learning_session: "A learning session: faculty, the chair and the project manager for each session day, as in a collaborative",
} as const satisfies Record<string, string>;
export const WORK_PREFIX = "work:";
export type AddableKind = (typeof ADDABLE_KINDS)[number];

export const DURATION_UNITS = ["days", "weeks", "months"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const DURATION_UNIT_LABELS: Record<DurationUnit, string> = { days: "Days", weeks: "Weeks", months: "Months" };

const DURATION_UNIT_NAMES: Record<DurationUnit, [one: string, many: string]> = { days: ["day", "days"], weeks: ["week", "weeks"], months: ["month", "months"] };

/** A unit's name to stand after `amount`: "day" after 1, "days" after any other number, or none yet. */
export function durationUnitName(unit: DurationUnit, amount: number): string {
  return DURATION_UNIT_NAMES[unit][amount === 1 ? 0 : 1];
}

/** An item's length in words: "1 day", "3 weeks", "1 month". */
export function durationWords(duration: { amount: number; unit: DurationUnit }): string {
  return plural(duration.amount, ...DURATION_UNIT_NAMES[duration.unit]);
}

export const RECURRENCES = ["weekly", "monthly", "quarterly"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export type Dependency = { on: string; lagDays: number };

export type TimelineItem = {
  id: string;
  label: string;
  kind: ItemKind;
  stream: string;
  /** First day. */
  start: IsoDate;
  /** Last day, included; a milestone's end is its start. */
  end: IsoDate;
  /** Finish to start: this item starts no earlier than `lagDays` after each of these finishes. */
  dependencies: Dependency[];
  /** What demand rules key on, e.g. "learning_session". */
  roleTags: string[];
  /** A recurring activity that takes its dates from other items: `from`'s start to `to`'s end. */
  alongside?: { from: string; to: string };
  recurrence?: Recurrence;
  /** For a wave: its share of the sites or teams (0–1]; demand per team uses it. */
  teamShare?: number;
  note?: string;
  /**
   * Days this item starts after the day its gap gave, when a move carried it past days it is not held
   * on (a weekend, a holiday, the year-end break: docs/domain.md §8.6). The next move that carries it
   * keeps its gap from that day, so a move undone brings it back. Absent when it starts on that day, or
   * when it was placed by generation or by the manager.
   */
  carriedPast?: number;
};

export type Timeline = {
  method: Method;
  streams: { key: string; label: string }[];
  items: TimelineItem[];
  /** The span the method's duration range is counted over, e.g. prework to congress. */
  span: { from: string; to: string; months: number; minMonths: number; maxMonths: number };
  generatedFrom: {
    start: IsoDate;
    horizonMonths: number | null;
    /** The partner's hard deadline and aim date it was made for (absent on timelines made before they were kept). */
    hardDeadline?: IsoDate | null;
    aimBy?: Month | null;
    /** The country whose public holidays its events avoid (null or absent: weekends only). */
    country?: string | null;
    teams: number;
    templateVersion: number;
    /** The partner's time the plan was kept for after it changed (docs/domain.md §8.12), judged in place of the limits above. */
    keptFor?: { horizonMonths: number | null; hardDeadline: IsoDate | null; aimBy: Month | null };
    /**
     * The day the plan was laid out from, when later than `start`: a start asked for the month under way
     * begins on the next working day after the day it was generated (docs/domain.md §8.6).
     */
    laidOutFrom?: IsoDate;
  };
  warnings: string[];
};

/** Day after the last day (a milestone: its own day), the earliest a successor can start. */

export function finishOf(item: Pick<TimelineItem, "kind" | "start" | "end">): IsoDate {
  return item.kind === "milestone" ? item.start : addDays(item.end, 1);
}

export function durationDays(item: Pick<TimelineItem, "kind" | "start" | "end">): number {
  return item.kind === "milestone" ? 0 : daysBetween(item.start, item.end) + 1;
}

export function timelineStart(timeline: Timeline): IsoDate {
  return timeline.items.reduce((min, i) => (i.start < min ? i.start : min), timeline.items[0].start);
}

export function timelineEnd(timeline: Timeline): IsoDate {
  return timeline.items.reduce((max, i) => (i.end > max ? i.end : max), timeline.items[0].end);
}

/**
 * The end a row shows for a start typed in it, not yet saved: the item's stored length from there, as
 * saving the new start keeps it (docs/domain.md §8.10). Null while what is typed is not a date.
 */
export function endKeepingLength(stored: Pick<TimelineItem, "start" | "end">, start: string): IsoDate | null {
  return isIsoDate(start) ? addDays(start, daysBetween(stored.start, stored.end)) : null;
}

/** Every item that comes after `id`, directly or through other items: none of them can also come before it. */
export function itemsAfter(items: { id: string; dependencies: { on: string }[] }[], id: string): Set<string> {
  const found = new Set<string>();
  const next = [id];
  while (next.length) {
    const current = next.pop()!;
    for (const i of items) {
      if (found.has(i.id) || !i.dependencies.some((d) => d.on === current)) continue;
      found.add(i.id);
      next.push(i.id);
    }
  }
  return found;
}

type Linked = { id: string; label: string; alongside?: { from: string } | null; dependencies: { on: string }[] };

/**
 * What an item may be made to come after (docs/domain.md §8.10): every other item but one running
 * alongside others, one it comes after already, and one that comes after it, directly or through
 * others, which would go round in a circle. When none is left, `none` says why, so that no empty
 * "Comes after…" list is offered.
 */
export function comesAfterChoices(items: Linked[], id: string): { choices: { id: string; label: string }[]; none: string | null } {
  const item = items.find((i) => i.id === id);
  const others = items.filter((o) => o.id !== id && !o.alongside);
  const already = new Set(item?.dependencies.map((d) => d.on) ?? []);
  const after = itemsAfter(items, id);
  const choices = others.filter((o) => !already.has(o.id) && !after.has(o.id)).map((o) => ({ id: o.id, label: o.label }));
  if (choices.length) return { choices, none: null };
  // An item running alongside others takes its dates from them: it comes after this one when what it starts with does.
  const alongsideOnly = items.some((o) => o.id !== id && o.alongside && !after.has(o.alongside.from));
  const before = others.filter((o) => already.has(o.id));
  const none =
    others.length === 0
      ? "There is no other item in the plan for it to come after."
      : before.length === others.length
      ? "It already comes after every other item in the plan."
      : before.length === 0
      ? `Nothing can come before this item: every other item comes after it${alongsideOnly ? " or runs alongside others" : ""}.`
      : `Nothing else can come before this item: the items not listed here all come after it${alongsideOnly ? " or run alongside others" : ""}.`;
  return { choices, none };
}
