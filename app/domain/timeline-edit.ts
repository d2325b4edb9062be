import { addDays, addMonths, daysBetween, formatDate, isIsoDate, isMonth, LAST_YEAR, monthOf, monthsBetween, type IsoDate, type Month } from "./calendar";
import { stripControlChars } from "./text";
import {
  DependencyError,
  findItem,
  finishOf,
  placeAlongside,
  requireDate,
  timelineEnd,
  timelineStart,
  TimelineError,
  topologicalOrder,
  type Timeline,
  type TimelineItem,
} from "./timeline";

/* ------------------------------------------------------------------------------------------------
 * Editing: moving an item moves what depends on it
 * ---------------------------------------------------------------------------------------------- */

export function earliestStartFor(timeline: Timeline, itemId: string): IsoDate | null {
  const item = findItem(timeline, itemId);
  let earliest: IsoDate | null = null;
  for (const d of item.dependencies) {
    const candidate = addDays(finishOf(findItem(timeline, d.on)), d.lagDays);
    if (earliest === null || daysBetween(earliest, candidate) > 0) earliest = candidate;
  }
  return earliest;
}

/**
 * Moves an item, keeping its length. It never starts before what it depends on ends (that is refused,
 * see DependencyError). What depends on it moves with it, keeping its gap after the latest of its own
 * dependencies.
 */
export function moveItem(timeline: Timeline, itemId: string, newStart: IsoDate): Timeline {
  const item = findItem(timeline, itemId);
  requireDate(newStart, "The new start");
  const length = daysBetween(item.start, item.end);
  return reschedule(timeline, item, newStart, (start) => addDays(start, length));
}

/** Sets an item's start and end (its length may change); what depends on it keeps its gap to its finish. */
export function setItemDates(timeline: Timeline, itemId: string, dates: { start: IsoDate; end: IsoDate }): Timeline {
  const item = findItem(timeline, itemId);
  requireDate(dates.start, "The start");
  requireDate(dates.end, "The end");
  if (daysBetween(dates.start, dates.end) < 0) throw new TimelineError(`${item.label} cannot end before it starts.`);
  const length = daysBetween(dates.start, dates.end);
  return reschedule(timeline, item, dates.start, (start) => addDays(start, length));
}

export function setItemLabel(timeline: Timeline, itemId: string, label: string): Timeline {
  findItem(timeline, itemId);
  const clean = Array.from(stripControlChars(label).replace(/\s+/g, " ").trim()).slice(0, 300).join("").trim();
  if (!clean) throw new TimelineError("A label is required.", "label");
  return { ...timeline, items: timeline.items.map((i) => (i.id === itemId ? { ...i, label: clean } : i)) };
}

/** Removes one of an item's dependencies: it may then start before that item ends. */
export function removeDependency(timeline: Timeline, itemId: string, on: string): Timeline {
  const item = findItem(timeline, itemId);
  if (!item.dependencies.some((d) => d.on === on)) throw new TimelineError(`${item.label} does not depend on that item any more.`);
  return { ...timeline, items: timeline.items.map((i) => (i.id === itemId ? { ...i, dependencies: i.dependencies.filter((d) => d.on !== on) } : i)) };
}

/** Refuses a start before the end (and the gap after it) of what the item depends on, naming the latest such item. */
function requireAfterDependencies(timeline: Timeline, item: TimelineItem, start: IsoDate) {
  let blocking: { dep: TimelineItem; earliest: IsoDate; lagDays: number } | null = null;
  for (const d of item.dependencies) {
    const dep = findItem(timeline, d.on);
    const earliest = addDays(finishOf(dep), d.lagDays);
    if (daysBetween(start, earliest) > 0 && (!blocking || daysBetween(blocking.earliest, earliest) > 0)) blocking = { dep, earliest, lagDays: d.lagDays };
  }
  if (!blocking) return;
  const { dep, earliest, lagDays } = blocking;
  const after = lagDays
    ? `${lagDays} days after ${dep.label} ends (on ${formatDate(dep.kind === "milestone" ? dep.start : dep.end)})`
    : `${dep.label} ends (on ${formatDate(dep.kind === "milestone" ? dep.start : dep.end)})`;
  throw new DependencyError(
    item.id,
    { id: dep.id, label: dep.label },
    `${item.label} comes after ${dep.label}: it cannot start before ${after}. Choose ${formatDate(earliest)} or later, or remove that dependency.`
  );
}

function reschedule(timeline: Timeline, item: TimelineItem, requestedStart: IsoDate, endFor: (start: IsoDate) => IsoDate): Timeline {
  if (item.alongside) {
    const byId = new Map(timeline.items.map((i) => [i.id, i]));
    throw new TimelineError(
      `${item.label} runs alongside ${byId.get(item.alongside.from)?.label} to ${byId.get(item.alongside.to)?.label}; move those instead.`
    );
  }
  requireAfterDependencies(timeline, item, requestedStart);
  const start = requestedStart;
  const moved: TimelineItem = { ...item, start, end: item.kind === "milestone" ? start : endFor(start) };

  const before = new Map(timeline.items.map((i) => [i.id, i]));
  const after = new Map(before);
  after.set(item.id, moved);
  for (const next of topologicalOrder(timeline.items)) {
    if (next.alongside || next.id === item.id) continue;
    if (!next.dependencies.some((d) => after.get(d.on) !== before.get(d.on))) continue;
    // The item keeps its own gap after whichever dependency drives it, and follows the driving one.
    const latestFinish = (dates: Map<string, TimelineItem>) =>
      next.dependencies.reduce<IsoDate | null>((max, d) => {
        const candidate = addDays(finishOf(dates.get(d.on)!), d.lagDays);
        return max === null || candidate > max ? candidate : max;
      }, null)!;
    const gap = Math.max(0, daysBetween(latestFinish(before), next.start));
    const newStart = addDays(latestFinish(after), gap);
    if (newStart === next.start) continue;
    const shift = daysBetween(next.start, newStart);
    after.set(next.id, { ...next, start: newStart, end: addDays(next.end, shift) });
  }
  const result = { ...timeline, items: placeAlongside(timeline.items.map((i) => after.get(i.id)!)) };
  const end = timelineEnd(result);
  if (!isIsoDate(end)) throw new TimelineError(`${item.label} cannot move there: the timeline would end on ${end}, after ${LAST_YEAR}.`);
  return result;
}

/** The whole timeline moved so that it starts at `newStart` (a month keeps the day of the month). */
export function shiftTimeline(timeline: Timeline, newStart: Month | IsoDate): Timeline {
  const first = timelineStart(timeline);
  const target = isMonth(newStart) ? addMonths(first, monthsBetween(monthOf(first), newStart)) : requireDate(newStart, "The new start");
  const shift = daysBetween(first, target);
  if (shift === 0) return timeline;
  return {
    ...timeline,
    items: timeline.items.map((i) => ({ ...i, start: addDays(i.start, shift), end: addDays(i.end, shift) })),
    generatedFrom: { ...timeline.generatedFrom, start: addDays(timeline.generatedFrom.start, shift) },
  };
}

/** One row of the timeline table as posted: the item's new label and dates, and the values the user started from. */
export type ItemForm = {
  itemId: string;
  label: string;
  start: IsoDate;
  end?: IsoDate;
  originalLabel?: string;
  originalStart?: IsoDate;
  originalEnd?: IsoDate;
};

/**
 * Applies a table row's changes as one edit: a new label renames; a new end sets both dates (the item's
 * length may change); a new start alone moves the item, keeping its length. What depends on a moved
 * item moves with it. Returns what kind of change it was, for the audit trail.
 */
export function applyItemForm(timeline: Timeline, form: ItemForm): { timeline: Timeline; changes: ("rename" | "move")[] } {
  let next = timeline;
  const changes: ("rename" | "move")[] = [];
  if (form.label !== (form.originalLabel ?? form.label)) {
    next = setItemLabel(next, form.itemId, form.label);
    changes.push("rename");
  }
  if (form.end !== undefined && form.end !== form.originalEnd) {
    next = setItemDates(next, form.itemId, { start: form.start, end: form.end });
    changes.push("move");
  } else if (form.start !== form.originalStart) {
    next = moveItem(next, form.itemId, form.start);
    changes.push("move");
  }
  return { timeline: next, changes };
}
