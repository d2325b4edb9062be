import { addMonths, daysBetween, formatDate, monthOf, monthsBetween, type IsoDate } from "./calendar";
import { plural } from "./plural";
import type { Timeline, TimelineItem } from "./timeline";

/* ------------------------------------------------------------------------------------------------
 * What changes when a timeline is regenerated
 * ---------------------------------------------------------------------------------------------- */

export type TimelineChange =
  | { type: "added"; id: string; label: string; start: IsoDate; end: IsoDate; description: string }
  | { type: "removed"; id: string; label: string; start: IsoDate; end: IsoDate; description: string }
  | {
      type: "moved";
      id: string;
      label: string;
      from: { start: IsoDate; end: IsoDate };
      to: { start: IsoDate; end: IsoDate };
      startShiftDays: number;
      endShiftDays: number;
      description: string;
    }
  | { type: "renamed"; id: string; label: string; previousLabel: string; description: string };

export type TimelineDiff = {
  changes: TimelineChange[];
  added: number;
  removed: number;
  moved: number;
  unchanged: number;
  isEmpty: boolean;
  /** One sentence per change, e.g. "Learning Session 2 moves 3 weeks later". */
  summary: string[];
};

/** How far a date moves, in words: "3 days later", "3 weeks later", "about 2 months earlier". */
export function describeShift(from: IsoDate, to: IsoDate): string {
  const days = daysBetween(from, to);
  const n = Math.abs(days);
  const direction = days > 0 ? "later" : "earlier";
  if (n === 0) return "the same day";
  const months = monthsBetween(monthOf(from), monthOf(to));
  if (n >= 28 && months !== 0 && addMonths(from, months) === to) return `${plural(Math.abs(months), "month")} ${direction}`;
  if (n < 14) return `${plural(n, "day")} ${direction}`;
  // A plan moved by whole months lands each item on a working day, a few days or a week either side of
  // its date: from six weeks on, said in months, as the items that land exactly are, not in weeks.
  const wholeMonths = Math.round(days / (365.25 / 12));
  if (n >= 42 && Math.abs(daysBetween(addMonths(from, wholeMonths), to)) <= 7) return `about ${plural(Math.abs(wholeMonths), "month")} ${direction}`;
  if (n < 63) return `${n % 7 === 0 ? "" : "about "}${plural(Math.round(n / 7), "week")} ${direction}`;
  return `about ${plural(Math.round(n / (365.25 / 12)), "month")} ${direction}`;
}

export function diffTimelines(previous: Timeline, next: Timeline): TimelineDiff {
  const old = new Map(previous.items.map((i) => [i.id, i]));
  const now = new Map(next.items.map((i) => [i.id, i]));
  const changes: TimelineChange[] = [];
  let unchanged = 0;
  const when = (i: TimelineItem) =>
    i.kind === "milestone" || i.start === i.end ? `on ${formatDate(i.start)}` : `from ${formatDate(i.start)} to ${formatDate(i.end)}`;

  for (const item of previous.items) {
    if (!now.has(item.id)) {
      changes.push({
        type: "removed",
        id: item.id,
        label: item.label,
        start: item.start,
        end: item.end,
        description: `${item.label} is removed (it was ${when(item)})`,
      });
    }
  }
  for (const item of next.items) {
    const was = old.get(item.id);
    if (!was) {
      changes.push({ type: "added", id: item.id, label: item.label, start: item.start, end: item.end, description: `${item.label} is added, ${when(item)}` });
      continue;
    }
    let same = true;
    if (was.label !== item.label) {
      same = false;
      changes.push({ type: "renamed", id: item.id, label: item.label, previousLabel: was.label, description: `${was.label} is now called ${item.label}` });
    }
    if (was.start !== item.start || was.end !== item.end) {
      same = false;
      const startShiftDays = daysBetween(was.start, item.start);
      const endShiftDays = daysBetween(was.end, item.end);
      let description: string;
      const startShift = describeShift(was.start, item.start);
      const endShift = describeShift(was.end, item.end);
      if (startShiftDays === 0) description = `${item.label} now ends ${endShift}`;
      // Start and end moving by the same words (a day or two apart over weeks) read as one move.
      else if (endShiftDays === startShiftDays || endShift === startShift) description = `${item.label} moves ${startShift}`;
      // "2 months" and "about 2 months" are one move too, said as the less exact.
      else if (endShift.replace(/^about /, "") === startShift.replace(/^about /, ""))
        description = `${item.label} moves ${startShift.startsWith("about ") ? startShift : endShift}`;
      else description = `${item.label} moves ${startShift} and now ends ${endShift}`;
      changes.push({
        type: "moved",
        id: item.id,
        label: item.label,
        from: { start: was.start, end: was.end },
        to: { start: item.start, end: item.end },
        startShiftDays,
        endShiftDays,
        description,
      });
    }
    if (same) unchanged++;
  }
  const count = (type: TimelineChange["type"]) => changes.filter((c) => c.type === type).length;
  return {
    changes,
    added: count("added"),
    removed: count("removed"),
    moved: count("moved"),
    unchanged,
    isEmpty: changes.length === 0,
    summary: changes.map((c) => c.description),
  };
}

/** A group of at least this many items moving alike is said in one sentence. */
const GROUP_FROM = 3;

/**
 * The diff's sentences for a reader of the proposal's changes: items that move alike (the same
 * shift in words, start and end together) are said in one sentence naming each, earliest first,
 * rather than one line each: "6 items move 3 weeks later: Learning Session 2; Action Period 2; …".
 * Moving alike says nothing of why: one may follow another or not. Every other change keeps its own
 * sentence, in the diff's order.
 */
export function groupedSummary(diff: TimelineDiff): string[] {
  const alike = new Map<string, Extract<TimelineChange, { type: "moved" }>[]>();
  for (const c of diff.changes) {
    // Grouped by the words the item's own line would say, "moves 3 weeks later", and no other.
    if (c.type !== "moved" || c.description !== `${c.label} moves ${describeShift(c.from.start, c.to.start)}`) continue;
    const shift = describeShift(c.from.start, c.to.start);
    alike.set(shift, [...(alike.get(shift) ?? []), c]);
  }
  const said = new Map<TimelineChange, string | null>();
  for (const [shift, moves] of alike) {
    if (moves.length < GROUP_FROM) continue;
    const earliestFirst = [...moves].sort((a, b) => a.from.start.localeCompare(b.from.start));
    // Semicolons between the names: a name may hold commas and "and" of its own.
    said.set(earliestFirst[0]!, `${moves.length} items move ${shift}: ${earliestFirst.map((m) => m.label).join("; ")}`);
    for (const m of earliestFirst.slice(1)) said.set(m, null);
  }
  return diff.changes.flatMap((c) => {
    const line = said.has(c) ? said.get(c) : c.description;
    return line ? [line] : [];
  });
}

/* ------------------------------------------------------------------------------------------------
 * What the manager is told before regenerating
 * ---------------------------------------------------------------------------------------------- */

export type RegenerationPreview = {
  /** When the method changed since the timeline was made: its template replaces the whole timeline. */
  methodChanged: { from: string; to: string } | null;
  /** What would change, item by item; empty when the method changed (everything is replaced). */
  changes: string[];
  /**
   * The items the manager edited in the timeline as generated. With the method unchanged, each as what
   * regenerating does to it from the timeline as it is (their edit undone: "… is now called …" back to
   * the generated name); with the method changed, each edit as it was made, lost with the whole timeline.
   */
  edits: string[];
  isEmpty: boolean;
};

/**
 * What regenerating would do, in the manager's terms. `asGenerated` is the timeline as the generator
 * made it from the stored timeline's own inputs (null when that cannot be known): only where the
 * stored timeline differs from it did the manager edit anything. A change of method replaces the
 * timeline by the new method's template, which is said once, not listed as edits never made.
 */
export function regenerationPreview(
  stored: Timeline,
  next: Timeline,
  asGenerated: Timeline | null,
  /** How each timeline's plan is named: a small request's form of a method by its own name (docs/domain.md §2.5). */
  methodName: (method: Timeline["method"], which: "stored" | "next") => string
): RegenerationPreview {
  const edited = asGenerated && asGenerated.method === stored.method ? diffTimelines(asGenerated, stored).changes : [];
  const edits = edited.map((c) => c.description);
  if (stored.method !== next.method)
    return { methodChanged: { from: methodName(stored.method, "stored"), to: methodName(next.method, "next") }, changes: [], edits, isEmpty: false };
  const diff = diffTimelines(stored, next);
  // The items the manager edited are listed apart, each with what regenerating does to it (their edit
  // undone, and whatever the inputs changed since); the rest are what changed in the inputs since.
  const editedIds = new Set(edited.map((c) => c.id));
  return {
    methodChanged: null,
    changes: diff.changes.filter((c) => !editedIds.has(c.id)).map((c) => c.description),
    edits: diff.changes.filter((c) => editedIds.has(c.id)).map((c) => c.description),
    isEmpty: diff.isEmpty,
  };
}
