import { METHOD_LABELS } from "./methods";
import { stripControlChars } from "./text";
import { daysBetween, formatDate, isIsoDate } from "./calendar";
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

/**
 * The timeline as mermaid gantt source: one section per stream, tasks with generated ids and explicit
 * dates, milestones as `milestone`, the critical path as `crit`. Nothing from user data reaches the
 * chart except escaped labels, so it carries no click handlers, directives or styles.
 */
export function timelineToMermaidGantt(timeline: Timeline): string {
  const critical = new Set(criticalPath(timeline).itemIds);
  const ids = new Map(timeline.items.map((item, i) => [item.id, `t${i + 1}`]));
  const lines = [
    "gantt",
    `    accTitle: ${ganttText(`Timeline of the ${METHOD_LABELS[timeline.method]}`)}`,
    `    accDescr: ${ganttText(`${timeline.items.length} items from ${formatDate(timelineStart(timeline))} to ${formatDate(timelineEnd(timeline))}`)}`,
    "    dateFormat YYYY-MM-DD",
    "    axisFormat %b %Y",
    "    todayMarker off",
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
