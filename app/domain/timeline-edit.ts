import {
  addDays,
  addMonths,
  daysBetween,
  formatDate,
  isIsoDate,
  isMonth,
  LAST_YEAR,
  monthOf,
  monthsBetween,
  notADateWords,
  type IsoDate,
  type Month,
} from "./calendar";
import { plural } from "./plural";
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
  findCycle,
  inYearEndBreak,
  workingDays,
  type Timeline,
  type TimelineItem,
} from "./timeline";
import { STAFF_WORK, WORK_PREFIX, type AddableKind, type DurationUnit } from "./timeline-view";

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
 * dependencies; an event or milestone it carries lands on working days (`carriedDates`).
 */
export function moveItem(timeline: Timeline, itemId: string, newStart: IsoDate): Timeline {
  const item = findItem(timeline, itemId);
  requireDate(newStart, "The new start");
  const length = daysBetween(item.start, item.end);
  return reschedule(timeline, item, newStart, (start) => addDays(start, length));
}

/** Sets an item's start and end (its length may change); what depends on it keeps its gap to its finish, as in moveItem. */
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
  if (!item.dependencies.some((d) => d.on === on)) throw new TimelineError(`${item.label} no longer comes after that item.`);
  // Its gap was counted after what it came after; it now stays where it is.
  return {
    ...timeline,
    items: timeline.items.map((i) => (i.id === itemId ? { ...withoutCarry(i), dependencies: i.dependencies.filter((d) => d.on !== on) } : i)),
  };
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
    ? `${plural(lagDays, "day")} after ${dep.label} ends (on ${formatDate(dep.kind === "milestone" ? dep.start : dep.end)})`
    : `${dep.label} ends (on ${formatDate(dep.kind === "milestone" ? dep.start : dep.end)})`;
  throw new DependencyError(
    item.id,
    { id: dep.id, label: dep.label },
    `${item.label} comes after ${dep.label}: it cannot start before ${after}. Choose ${formatDate(earliest)} or later, or let it no longer come after ${
      dep.label
    }.`
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
  // The manager's own move is kept as given, on whatever day (docs/domain.md §8.6).
  const start = requestedStart;
  const moved: TimelineItem = { ...withoutCarry(item), start, end: item.kind === "milestone" ? start : endFor(start) };
  const isWorking = workingDays(timeline.generatedFrom.country);

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
    // Its gap is counted to the day it would start on before a carry took it past days it is not held
    // on, so that a move undone brings it back to where it was.
    const gap = Math.max(0, daysBetween(latestFinish(before), next.start) - (next.carriedPast ?? 0));
    const wanted = addDays(latestFinish(after), gap);
    if (wanted === next.start && next.carriedPast === undefined) continue;
    const dates = carriedDates(next, wanted, isWorking);
    const carriedPast = daysBetween(wanted, dates.start);
    if (dates.start === next.start && dates.end === next.end && carriedPast === (next.carriedPast ?? 0)) continue;
    after.set(next.id, { ...withoutCarry(next), ...dates, ...(carriedPast > 0 ? { carriedPast } : {}) });
  }
  const result = { ...timeline, items: placeAlongside(timeline.items.map((i) => after.get(i.id)!)) };
  const end = timelineEnd(result);
  if (!isIsoDate(end)) throw new TimelineError(`${item.label} cannot move there: the timeline would end on ${end}, after ${LAST_YEAR}.`);
  return result;
}

/** The item without the days a carry took it past: it is where the manager, or generation, put it. */
function withoutCarry(item: TimelineItem): TimelineItem {
  if (item.carriedPast === undefined) return item;
  const { carriedPast: _past, ...rest } = item;
  return rest;
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
    generatedFrom: {
      ...timeline.generatedFrom,
      start: addDays(timeline.generatedFrom.start, shift),
      ...(timeline.generatedFrom.laidOutFrom ? { laidOutFrom: addDays(timeline.generatedFrom.laidOutFrom, shift) } : {}),
    },
  };
}

/** One row of the timeline table as posted: the item's new label and dates, and the values the user started from. */
export type ItemForm = {
  itemId: string;
  label: string;
  start: IsoDate;
  end?: IsoDate;
  /** The item's length in `unit`, as the row shows it: a change sets the end from the start (docs/domain.md §8.10). */
  duration?: number;
  unit?: DurationUnit;
  originalLabel?: string;
  originalStart?: IsoDate;
  originalEnd?: IsoDate;
  originalDuration?: string;
  originalUnit?: string;
};

/**
 * An item's length in the unit that fits it (docs/domain.md §8.10): whole months when it runs from a
 * day to the day before the same date some months on, else whole weeks, else days (working days for
 * an event, as on adding one). Null for a milestone, which has no length.
 */
export function durationOf(
  item: Pick<TimelineItem, "kind" | "start" | "end">,
  isWorking: (d: IsoDate) => boolean
): { amount: number; unit: DurationUnit } | null {
  if (item.kind === "milestone") return null;
  for (let n = 1; n <= 12 * 20; n++) {
    const end = addDays(addMonths(item.start, n), -1);
    if (end === item.end) return { amount: n, unit: "months" };
    if (end > item.end) break;
  }
  const days = daysBetween(item.start, item.end) + 1;
  if (days % 7 === 0) return { amount: days / 7, unit: "weeks" };
  // An event a manager holds from a weekend or holiday is counted in calendar days, as endFor sets it.
  if (item.kind !== "event" || !isWorking(item.start)) return { amount: days, unit: "days" };
  let amount = 1;
  for (let d = addDays(item.start, 1); d <= item.end; d = addDays(d, 1)) if (isWorking(d)) amount++;
  return { amount, unit: "days" };
}

/**
 * Applies a table row's changes as one edit: a new label renames; a new end sets both dates (the item's
 * length may change); a new start alone, or with the end that keeps the item's length, moves the item.
 * What depends on a moved item moves with it. Returns what kind of change it was, for the audit trail.
 */
export function applyItemForm(timeline: Timeline, form: ItemForm): { timeline: Timeline; changes: ("rename" | "move")[] } {
  let next = timeline;
  const changes: ("rename" | "move")[] = [];
  if (form.label !== (form.originalLabel ?? form.label)) {
    next = setItemLabel(next, form.itemId, form.label);
    changes.push("rename");
  }
  // A new start whose end keeps the item's length, as the row shows it while only the start is typed, is a move.
  const keepsLength =
    form.start !== form.originalStart &&
    [form.start, form.end, form.originalStart, form.originalEnd].every(isIsoDate) &&
    daysBetween(form.start, form.end!) === daysBetween(form.originalStart!, form.originalEnd!);
  const endChanged = form.end !== undefined && form.end !== form.originalEnd && !keepsLength;
  const durationChanged =
    form.duration !== undefined && form.unit !== undefined && (String(form.duration) !== form.originalDuration || form.unit !== form.originalUnit);
  if (endChanged && durationChanged)
    throw new TimelineError("Change the end date or the duration, not both: the duration sets the end from the start.", "duration");
  if (endChanged) {
    next = setItemDates(next, form.itemId, { start: form.start, end: form.end! });
    changes.push("move");
  } else if (durationChanged) {
    const item = findItem(next, form.itemId);
    if (item.kind === "milestone" || item.alongside)
      throw new TimelineError(
        item.kind === "milestone" ? "A milestone has no duration." : "This item runs alongside others: its dates follow them.",
        "duration"
      );
    requireDate(form.start, "The start");
    const kind = item.kind === "event" ? "event" : "phase";
    const end = endFor(form.start, kind, form.duration!, form.unit!, workingDays(next.generatedFrom.country));
    if (!isIsoDate(end)) throw new TimelineError(`It would end after ${LAST_YEAR}: choose an earlier start or a shorter duration.`, "duration");
    next = setItemDates(next, form.itemId, { start: form.start, end });
    changes.push("move");
  } else if (form.start !== form.originalStart) {
    next = moveItem(next, form.itemId, form.start);
    changes.push("move");
  }
  return { timeline: next, changes };
}

/* ------------------------------------------------------------------------------------------------
 * Shaping: items and streams a manager adds, renames and deletes (docs/domain.md §8.10)
 * ---------------------------------------------------------------------------------------------- */

const MAX_ITEMS = 500;
const MAX_STREAMS = 20;

function cleanLabel(label: string, max: number): string {
  return Array.from(stripControlChars(label).replace(/\s+/g, " ").trim()).slice(0, max).join("").trim();
}

/** A key for a new item or stream: its label in lower-case letters and digits, unique among `taken`. */
export function keyFor(label: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set(taken);
  const base =
    label
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+|_+$/g, "")
      .slice(0, 40)
      .replace(/_+$/, "") || fallback;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * The last day of something that starts on `start` and lasts `amount` units. An event counted in days
 * takes working days, unless it starts on a day that is not one (a manager holding it over a weekend):
 * then calendar days.
 */
export function endFor(start: IsoDate, kind: AddableKind, amount: number, unit: DurationUnit, isWorking: (d: IsoDate) => boolean): IsoDate {
  if (kind === "milestone") return start;
  if (unit === "months") return addDays(addMonths(start, amount), -1);
  if (unit === "weeks") return addDays(start, amount * 7 - 1);
  if (kind !== "event" || !isWorking(start)) return addDays(start, amount - 1);
  let end = start;
  for (let left = amount - 1; left > 0; ) {
    end = addDays(end, 1);
    if (isWorking(end)) left--;
  }
  return end;
}

/** The first working day on or after `date`. */
export function onWorkingDay(date: IsoDate, isWorking: (d: IsoDate) => boolean): IsoDate {
  let d = date;
  for (let i = 0; i < 30 && !isWorking(d); i++) d = addDays(d, 1);
  return d;
}

/**
 * Where an item carried along by another's move lands when it would start on `wanted` (docs/domain.md
 * §8.6). A phase keeps its calendar length, a period of work. A milestone falls on the first working
 * day from then. An event keeps its number of working days and starts on the first working day from
 * then outside the year-end break, as a generated event does; one held on consecutive working days (a
 * two-day learning session) takes the first run of as many, so a move never splits it over a weekend.
 */
export function carriedDates(
  item: Pick<TimelineItem, "kind" | "start" | "end">,
  wanted: IsoDate,
  isWorking: (d: IsoDate) => boolean
): { start: IsoDate; end: IsoDate } {
  if (item.kind === "milestone") {
    const day = onWorkingDay(wanted, isWorking);
    return { start: day, end: day };
  }
  const days = daysBetween(item.start, item.end) + 1;
  if (item.kind !== "event") return { start: wanted, end: addDays(wanted, days - 1) };
  const eventDay = (d: IsoDate) => isWorking(d) && !inYearEndBreak(d);
  let working = 0;
  for (let d = item.start; d <= item.end; d = addDays(d, 1)) if (isWorking(d)) working++;
  if (working === days) {
    // A year holds a run of a working week's days; past that, the run is given up for the days below.
    for (let start = wanted, tries = 0; tries < 366; start = addDays(start, 1), tries++) {
      let run = 0;
      while (run < days && eventDay(addDays(start, run))) run++;
      if (run === days) return { start, end: addDays(start, days - 1) };
    }
  }
  const start = onWorkingDay(wanted, eventDay);
  return { start, end: endFor(start, "event", Math.max(1, working), "days", isWorking) };
}

export type NewItem = {
  label: string;
  kind: AddableKind;
  stream: string;
  /** Empty: as soon as `after` allows. */
  start: IsoDate | "";
  duration: number;
  unit: DurationUnit;
  /** The item it comes after (finish to start), if any. */
  after: string | null;
  /**
   * An item whose demand on our staff it shares (its role tags), if any, or a kind of work named by
   * `work:` and its role tag (STAFF_WORK), which a plan of any method may hold: docs/domain.md §8.2, §8.10.
   */
  staffLike: string | null;
};

/**
 * Adds an item. It starts on the day given (or as soon as what it comes after ends); an event or
 * milestone lands on a working day of the partner's country (docs/domain.md §8.6), an event counted in
 * days lasts that many working days. Returns the timeline and the new item's id.
 */
export function addItem(timeline: Timeline, input: NewItem): { timeline: Timeline; itemId: string } {
  if (timeline.items.length >= MAX_ITEMS) throw new TimelineError(`A timeline holds at most ${MAX_ITEMS} items.`, null);
  const label = cleanLabel(input.label, 300);
  if (!label) throw new TimelineError("A label is required.", "label");
  if (!timeline.streams.some((s) => s.key === input.stream)) throw new TimelineError("Choose one of the timeline's streams.", "stream");
  const byId = new Map(timeline.items.map((i) => [i.id, i]));
  const after = input.after ? byId.get(input.after) : undefined;
  if (input.after && (!after || after.alongside)) throw new TimelineError("Choose an item of this timeline for it to come after.", "after");
  const work = input.staffLike?.startsWith(WORK_PREFIX) ? input.staffLike.slice(WORK_PREFIX.length) : null;
  const like = input.staffLike && !work ? byId.get(input.staffLike) : undefined;
  if (input.staffLike && !like && !(work && Object.hasOwn(STAFF_WORK, work)))
    throw new TimelineError("Choose an item of this timeline, a kind of work listed, or none.", "staffLike");
  const earliest = after ? finishOf(after) : null;
  // About two fields at once: the message is for the form.
  if (!input.start && !earliest) throw new TimelineError("Give a start date, or an item it comes after.", null);
  if (input.start && !isIsoDate(input.start)) throw new TimelineError(notADateWords("The start", input.start), "start");
  if (input.start && earliest && daysBetween(input.start, earliest) > 0)
    throw new TimelineError(
      `It comes after ${after!.label}, which ends on ${formatDate(after!.kind === "milestone" ? after!.start : after!.end)}: start it on ${formatDate(
        earliest
      )} or later.`,
      "start"
    );
  const isWorking = workingDays(timeline.generatedFrom.country);
  const requested = (input.start || earliest)!;
  const start = input.kind === "phase" ? requested : onWorkingDay(requested, isWorking);
  if (input.kind !== "milestone" && !(Number.isInteger(input.duration) && input.duration >= 1))
    throw new TimelineError("The duration must be a whole number, 1 or more.", "duration");
  const end = endFor(start, input.kind, input.duration, input.unit, isWorking);
  if (!isIsoDate(end) || !isIsoDate(start))
    throw new TimelineError(`It would end after ${LAST_YEAR}: choose an earlier start or a shorter duration.`, "duration");
  const id = keyFor(label, byId.keys(), "item");
  const item: TimelineItem = {
    id,
    label,
    kind: input.kind,
    stream: input.stream,
    start,
    end,
    dependencies: after ? [{ on: after.id, lagDays: 0 }] : [],
    roleTags: like ? [...like.roleTags] : work ? [work] : [],
  };
  return { timeline: { ...timeline, items: [...timeline.items, item] }, itemId: id };
}

/**
 * Deletes an item. What other items come after, or run alongside, keeps it: deleting it is refused,
 * naming them, rather than quietly letting them float free (docs/domain.md §8.10). The items the
 * method's length is counted between stay too.
 */
export function deleteItem(timeline: Timeline, itemId: string): Timeline {
  const item = findItem(timeline, itemId);
  const after = timeline.items.filter((i) => i.dependencies.some((d) => d.on === itemId)).map((i) => i.label);
  const alongside = timeline.items.filter((i) => i.alongside?.from === itemId || i.alongside?.to === itemId).map((i) => i.label);
  if (after.length || alongside.length) {
    const verb = (names: string[], one: string, many: string) => `${names.join(", ")} ${names.length === 1 ? one : many}`;
    const why: string[] = [];
    const fixes: string[] = [];
    if (after.length) {
      why.push(`${verb(after, "comes", "come")} after ${item.label}`);
      fixes.push(`remove ${item.label} from the After column of ${after.join(", ")}`);
    }
    if (alongside.length) {
      why.push(`${verb(alongside, "runs", "run")} alongside ${item.label}`);
      fixes.push(`delete ${alongside.join(", ")}`);
    }
    throw new TimelineError(`${why.join("; ")}: ${fixes.join(" and ")} first, then delete ${item.label}.`, "itemId");
  }
  if (timeline.span.from === itemId || timeline.span.to === itemId)
    throw new TimelineError(
      `The method's length is counted ${timeline.span.from === itemId ? "from" : "to"} ${item.label}; it stays. Move it instead.`,
      "itemId"
    );
  if (timeline.items.length === 1) throw new TimelineError("A timeline needs at least one item.", "itemId");
  return { ...timeline, items: timeline.items.filter((i) => i.id !== itemId) };
}

/**
 * Makes an item come after another. If it starts too early it moves to the day that one finishes, and
 * what comes after it moves too. A dependency that would go round in a circle is refused.
 */
export function addDependency(timeline: Timeline, itemId: string, on: string): Timeline {
  const item = findItem(timeline, itemId);
  const target = timeline.items.find((i) => i.id === on);
  if (!target || target.id === itemId || target.alongside) throw new TimelineError("Choose another item of this timeline for it to come after.", "on");
  if (item.alongside) throw new TimelineError(`${item.label} runs alongside other items and takes its dates from them.`, "on");
  if (item.dependencies.some((d) => d.on === on)) throw new TimelineError(`${item.label} already comes after ${target.label}.`, "on");
  const items = timeline.items.map((i) => (i.id === itemId ? { ...withoutCarry(i), dependencies: [...i.dependencies, { on, lagDays: 0 }] } : i));
  const cycle = findCycle(items.map((i) => ({ id: i.id, deps: i.dependencies.map((d) => d.on) })));
  if (cycle) {
    const labels = new Map(items.map((i) => [i.id, i.label]));
    throw new TimelineError(
      `${target.label} already comes after ${item.label} (${cycle.map((c) => labels.get(c)).join(" → ")}): it cannot also come before it.`,
      "on"
    );
  }
  const next = { ...timeline, items };
  const earliest = earliestStartFor(next, itemId)!;
  if (daysBetween(item.start, earliest) <= 0) return next;
  try {
    return moveItem(next, itemId, earliest);
  } catch (e) {
    if (e instanceof TimelineError) throw new TimelineError(e.message, "on");
    throw e;
  }
}

export function addStream(timeline: Timeline, label: string): { timeline: Timeline; key: string } {
  const clean = cleanLabel(label, 80);
  if (!clean) throw new TimelineError("A stream's name is required.", "label");
  if (timeline.streams.length >= MAX_STREAMS) throw new TimelineError(`A timeline holds at most ${MAX_STREAMS} streams.`, "label");
  if (timeline.streams.some((s) => s.label.toLowerCase() === clean.toLowerCase()))
    throw new TimelineError(`There is already a stream called ${clean}.`, "label");
  const key = keyFor(
    clean,
    timeline.streams.map((s) => s.key),
    "stream"
  );
  return { timeline: { ...timeline, streams: [...timeline.streams, { key, label: clean }] }, key };
}

function findStream(timeline: Timeline, key: string) {
  const stream = timeline.streams.find((s) => s.key === key);
  if (!stream) throw new TimelineError("That stream is no longer on this timeline.", null);
  return stream;
}

export function renameStream(timeline: Timeline, key: string, label: string): Timeline {
  findStream(timeline, key);
  const clean = cleanLabel(label, 80);
  if (!clean) throw new TimelineError("A stream's name is required.", "label");
  if (timeline.streams.some((s) => s.key !== key && s.label.toLowerCase() === clean.toLowerCase()))
    throw new TimelineError(`There is already a stream called ${clean}.`, "label");
  return { ...timeline, streams: timeline.streams.map((s) => (s.key === key ? { ...s, label: clean } : s)) };
}

/** Deletes an empty stream; one that still holds items is refused, naming them. */
export function deleteStream(timeline: Timeline, key: string): Timeline {
  const stream = findStream(timeline, key);
  const inIt = timeline.items.filter((i) => i.stream === key);
  if (inIt.length)
    throw new TimelineError(
      `${stream.label} still holds ${inIt.map((i) => i.label).join(", ")}: delete ${inIt.length === 1 ? "that item" : "those items"} first.`,
      "streamKey"
    );
  if (timeline.streams.length === 1) throw new TimelineError("A timeline needs at least one stream.", "streamKey");
  return { ...timeline, streams: timeline.streams.filter((s) => s.key !== key) };
}
