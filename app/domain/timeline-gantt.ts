import { METHOD_LABELS } from "./methods";
import { stripControlChars } from "./text";
import { addDays, daysBetween, formatDate, formatMonth, isIsoDate, isMonth, lastDayOf, type IsoDate, type Month } from "./calendar";
import { timelineEnd, timelineStart, type Timeline, type TimelineItem } from "./timeline";
import { criticalPath } from "./timeline-critical-path";

const MAX_LABEL = 120;

/*
 * Mermaid's gantt lexer reads a task line's first word before it knows the line is a task, so a label
 * that starts with one of these words (or with a date) would be read as a statement: "click x call
 * alert(1)" as a click handler, "Title …" as the chart's title. Such labels are put in quotes.
 */
const STATEMENT_START =
  /^(?:click|call|href|gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|acctitle|accdescr|accdescription|section)(?![a-z0-9])|^\d{4}-\d{2}-\d{2}/i;

/**
 * Text that came from a user, made safe for one line of a mermaid gantt: no control characters or line
 * breaks; none of the `:` `;` `#` that end a task's text or start a comment or entity (a colon becomes a
 * dash, a semicolon a comma); "%" written out, so no `%%` comment or `%%{…}%%` directive can form; angle
 * brackets replaced; long text cut.
 */
export function ganttText(value: string, fallback = "Untitled"): string {
  let text = stripControlChars(value)
    .replace(/[\r\n\t\u2028\u2029]+/g, " ")
    .replace(/\s*:+\s*/g, " – ")
    .replace(/;+/g, ",")
    .replace(/#+/g, " ")
    .replace(/\s*%+/g, " per cent")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/\s+/g, " ")
    .trim();
  const chars = Array.from(text);
  if (chars.length > MAX_LABEL)
    text = `${chars
      .slice(0, MAX_LABEL - 1)
      .join("")
      .trimEnd()}…`;
  if (!text) text = fallback;
  return STATEMENT_START.test(text) ? `“${text}”` : text;
}

function taskLength(item: TimelineItem): string {
  return item.kind === "milestone" ? "0d" : `${daysBetween(item.start, item.end) + 1}d`;
}

/** The partner's time a chart marks (docs/domain.md §8.6): their hard deadline and the month their aim names, as the time check judges the plan by. */
export type GanttMarks = { hardDeadline: IsoDate | null; aimBy: Month | null };

/** A line across the chart at the start of `at`, named by its label. */
export type GanttMarker = { key: "deadline" | "aim"; label: string; at: IsoDate };

/**
 * The lines a chart draws for the partner's time: the hard deadline at the end of its day, the aim's
 * month at the end of that month, each named with its date, so a reader without colour knows them.
 */
export function ganttMarkers(marks: GanttMarks): GanttMarker[] {
  const markers: GanttMarker[] = [];
  if (marks.hardDeadline && isIsoDate(marks.hardDeadline))
    markers.push({ key: "deadline", label: `Hard deadline, ${formatDate(marks.hardDeadline)}`, at: addDays(marks.hardDeadline, 1) });
  if (marks.aimBy && isMonth(marks.aimBy)) markers.push({ key: "aim", label: `Aim by ${formatMonth(marks.aimBy)}`, at: addDays(lastDayOf(marks.aimBy), 1) });
  return markers;
}

/**
 * The marks in words, for a reader who cannot see the chart (its label on the page, the picture's
 * description in the documents): "Dashed lines mark the hard deadline (30 June 2027) and the month
 * the aim is due (March 2028)." Null when nothing is marked.
 */
export function ganttMarksSentence(marks: GanttMarks): string | null {
  const words = [
    ...(marks.hardDeadline && isIsoDate(marks.hardDeadline) ? [`the hard deadline (${formatDate(marks.hardDeadline)})`] : []),
    ...(marks.aimBy && isMonth(marks.aimBy) ? [`the month the aim is due (${formatMonth(marks.aimBy)})`] : []),
  ];
  if (!words.length) return null;
  return `${words.length === 1 ? "A dashed line marks" : "Dashed lines mark"} ${words.join(" and ")}.`;
}

/** Months between the ticks of the chart's axis: each month for a short plan, quarters, half-years or years for longer ones, so that their names never crowd. */
export const AXIS_STEPS = [1, 3, 6, 12] as const;
/** The most ticks the axis is given: a gantt drawn 900 pixels wide keeps about 600 for its bars, room for ten "Sep 2027"s. */
const MOST_TICKS = 10;

/**
 * The axis of a chart from `from` to `to`: the months between its ticks, and its first day, the first
 * day of the month, quarter, half-year or year `from` falls in, where a tick stands, so that no bar
 * begins before the axis's first tick.
 */
export function ganttAxis(from: IsoDate, to: IsoDate): { stepMonths: (typeof AXIS_STEPS)[number]; start: IsoDate } {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  for (const step of AXIS_STEPS) {
    const firstMonth = Math.floor((fm - 1) / step) * step + 1;
    const months = (ty - fy) * 12 + tm - firstMonth + 1;
    if (Math.ceil(months / step) <= MOST_TICKS || step === 12) return { stepMonths: step, start: `${fy}-${String(firstMonth).padStart(2, "0")}-01` };
  }
  throw new Error("unreachable");
}

/**
 * The timeline as mermaid gantt source: one section per stream, tasks with generated ids and explicit
 * dates, milestones as `milestone`, the critical path as `crit`. Nothing from user data reaches the
 * chart except escaped labels, so it carries no click handlers, directives or styles.
 */
export function timelineToMermaidGantt(timeline: Timeline, marks: GanttMarks = { hardDeadline: null, aimBy: null }): string {
  const markers = ganttMarkers(marks);
  const first = [timelineStart(timeline), ...markers.map((m) => m.at)].reduce((a, b) => (b < a ? b : a));
  const last = [timelineEnd(timeline), ...markers.map((m) => m.at)].reduce((a, b) => (b > a ? b : a));
  const axis = ganttAxis(first, last);
  const critical = new Set(criticalPath(timeline).itemIds);
  const ids = new Map(timeline.items.map((item, i) => [item.id, `t${i + 1}`]));
  const lines = [
    "gantt",
    `    accTitle: ${ganttText(`Timeline of the ${METHOD_LABELS[timeline.method]}`)}`,
    `    accDescr: ${ganttText(`${timeline.items.length} items from ${formatDate(timelineStart(timeline))} to ${formatDate(timelineEnd(timeline))}`)}`,
    "    dateFormat YYYY-MM-DD",
    "    axisFormat %b %Y",
    "    todayMarker off",
    `    tickInterval ${axis.stepMonths}month`,
    // Mermaid's axis begins at the chart's first date: a line no one sees there starts it on a tick.
    ...(axis.start < first ? [`    Axis start :vert, axisstart, ${axis.start}, 0d`] : []),
    ...markers.map((m) => `    ${ganttText(m.label)} :vert, ${m.key}, ${m.at}, 0d`),
  ];
  const streams = [...timeline.streams];
  for (const item of timeline.items) {
    if (!streams.some((s) => s.key === item.stream)) streams.push({ key: item.stream, label: item.stream });
  }
  for (const stream of streams) {
    const items = timeline.items.filter((i) => i.stream === stream.key).sort((a, b) => (a.start === b.start ? 0 : a.start < b.start ? -1 : 1));
    if (!items.length) continue;
    lines.push(`    section ${ganttText(stream.label, "Other")}`);
    for (const item of items) {
      if (!isIsoDate(item.start) || !isIsoDate(item.end)) throw new Error(`Item ${ids.get(item.id)} has an invalid date.`);
      const tags = [critical.has(item.id) ? "crit" : "", item.kind === "milestone" ? "milestone" : ""].filter(Boolean);
      const label = ganttText(item.recurrence ? `${item.label} (${item.recurrence})` : item.label);
      lines.push(`    ${label} :${[...tags, ids.get(item.id), item.start, taskLength(item)].join(", ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
