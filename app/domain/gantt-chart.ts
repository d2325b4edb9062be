import { addDays, daysBetween, isIsoDate } from "./calendar";
import { placeMarkNames } from "./gantt-marks";

/**
 * The timeline as the printed documents draw it (docs/domain.md §9.7): a picture made to be read on
 * an A4 page. Item labels stand in a column of their own on the left, so no label sits under a bar
 * and no gridline crosses one; each stream has its colour, named in a legend; a plan longer than a
 * year is marked in quarters ("Q1", the year under its quarters), one whose quarters would be too
 * narrow to name in years, a shorter one in months, and no label of the axis runs into the next; no text
 * is smaller than 8 pt when the picture is printed at the width of the page. The partner's hard deadline and
 * the end of their aim's month are dashed lines down the chart, each named with its date beside it. Pure: the same rows always give the same SVG.
 */

export type GanttChartItem = { label: string; start: string; end: string; milestone: boolean; critical: boolean };
export type GanttChartStream = { label: string; items: GanttChartItem[] };
/** A line across the chart at the start of `at` (the partner's hard deadline, the end of their aim's month), named by its label. */
export type GanttChartMarker = { label: string; at: string };

/** A line of the source that marks a date across the chart (timelineToMermaidGantt): its label, what it marks, its date. */
const MARKER_LINE = /^(.+?) :vert, (axisstart|deadline|aim), (\d{4}-\d{2}-\d{2}), 0d$/;

/** The width the picture is drawn at: the text width of an A4 page with 2 cm margins, in CSS pixels, so it prints at its own size. */
export const GANTT_WIDTH = 640;
/** The smallest type in the picture, in CSS pixels: 11 px is 8.25 pt at print size. */
export const GANTT_MIN_FONT_PX = 11;
/** A plan longer than this many months is marked in quarters, or years. */
export const QUARTER_AXIS_AFTER_MONTHS = 12;

/** One colour per stream, distinct in print and in greyscale order, each with 4.5:1 contrast on white. */
export const STREAM_COLOURS = ["#1f5fa8", "#b3501a", "#2b7a4b", "#7b3f99", "#8a6a00", "#a8325e", "#2f6f7a", "#5a5a5a"] as const;

/**
 * Reads the gantt source the proposal freezes (timelineToMermaidGantt): its sections are the streams,
 * its tasks the items. Returns null for any line it does not know, so a picture is never drawn from
 * a half-understood plan.
 */
export function parseGanttSource(source: string): GanttChartStream[] | null {
  const streams: GanttChartStream[] = [];
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    if (!line || line === "gantt" || /^(accTitle|accDescr):/.test(line) || /^(dateFormat|axisFormat|todayMarker|tickInterval)\b/.test(line)) continue;
    // The marks of the partner's time are read by parseGanttMarkers; where mermaid's axis starts, this picture's own axis decides.
    if (MARKER_LINE.test(line)) continue;
    const section = /^section (.+)$/.exec(line);
    if (section) {
      streams.push({ label: section[1]!, items: [] });
      continue;
    }
    const task = /^(.+?) :((?:(?:crit|milestone), )*)t\d+, (\d{4}-\d{2}-\d{2}), (\d+)d$/.exec(line);
    if (!task || !streams.length || !isIsoDate(task[3]!)) return null;
    const tags = task[2]!;
    const days = Number(task[4]);
    const milestone = tags.includes("milestone");
    streams.at(-1)!.items.push({
      label: task[1]!.replace(/^“(.*)”$/, "$1"),
      start: task[3]!,
      end: milestone || days < 1 ? task[3]! : addDays(task[3]!, days - 1),
      milestone,
      critical: tags.includes("crit"),
    });
  }
  const filled = streams.filter((s) => s.items.length);
  return filled.length ? filled : null;
}

/** The dates the source marks across the chart (the partner's hard deadline, the end of their aim's month), each with its label. */
export function parseGanttMarkers(source: string): GanttChartMarker[] {
  return source.split("\n").flatMap((raw) => {
    const m = MARKER_LINE.exec(raw.trim());
    return m && m[2] !== "axisstart" && isIsoDate(m[3]!) ? [{ label: m[1]!.replace(/^“(.*)”$/, "$1"), at: m[3]! }] : [];
  });
}

const FONT = `"Liberation Sans", Arial, Helvetica, sans-serif`;
const LABEL_PX = 11.5;
const AXIS_PX = GANTT_MIN_FONT_PX;
const STREAM_PX = 12;
const LABEL_COLUMN = 220;
const PAD = 6;
const LINE = 14;
const ROW_PAD = 5;
/** An average glyph of Liberation Sans in running text is about half an em wide; a little more is allowed so a line never overruns its column. */
const charsIn = (px: number, fontPx: number) => Math.floor(px / (fontPx * 0.55));
/** Items this short (a learning session, a congress) are drawn as events: a bar of a day or two would be a sliver. */
const EVENT_MAX_DAYS = 3;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Words into at most two lines of the label column; a longer label ends with "…". */
export function wrapLabel(text: string, maxChars: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (next.length <= maxChars) {
      current = next;
      continue;
    }
    if (current) lines.push(current);
    current = word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = last.length >= maxChars ? `${last.slice(0, maxChars - 1)}…` : `${last}…`;
  return kept;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The width the axis shares out: the picture's, less the label column and the margins. */
export const GANTT_PLOT_WIDTH = GANTT_WIDTH - LABEL_COLUMN - 2 * PAD;
/** The least room between two labels of the axis, in CSS pixels. */
export const AXIS_LABEL_GAP = 6;
/** A generous estimate of a label's width in the axis type: digits and capitals are wider than running text's average glyph. */
export const axisLabelWidth = (text: string) => text.length * AXIS_PX * 0.6;

type Tick = { start: string; end: string; label: string; sub?: string };
export type AxisUnit = "month" | "quarter" | "year";
/** A label of the axis as drawn: its text, the middle of it across the chart (0 at the chart's left edge) and its line, 0 above, 1 under. */
export type AxisLabel = { text: string; x: number; line: 0 | 1 };

function unitTicks(unit: AxisUnit, from: string, to: string): Tick[] {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  const step = unit === "year" ? 12 : unit === "quarter" ? 3 : 1;
  let y = fy;
  let m = Math.floor((fm - 1) / step) * step + 1;
  const ticks: Tick[] = [];
  while (y < ty || (y === ty && m <= tm)) {
    const start = `${y}-${String(m).padStart(2, "0")}-01`;
    let ny = y;
    let nm = m + step;
    if (nm > 12) {
      nm -= 12;
      ny += 1;
    }
    const end = addDays(`${ny}-${String(nm).padStart(2, "0")}-01`, -1);
    const first = ticks.length === 0;
    ticks.push(
      unit === "year"
        ? { start, end, label: String(y) }
        : unit === "quarter"
        ? { start, end, label: `Q${Math.ceil(m / 3)}`, ...(m === 1 || first ? { sub: String(y) } : {}) }
        : { start, end, label: MONTHS[m - 1]!, ...(m === 1 || first ? { sub: String(y) } : {}) }
    );
    y = ny;
    m = nm;
  }
  return ticks;
}

/**
 * Where each label of the axis stands: a month's or quarter's name, or a year, over the middle of its
 * band (only every `every`th when years are too narrow for each to be named); a year under a month
 * under its band, a year under quarters in the middle of its quarters.
 */
function placeLabels(unit: AxisUnit, ticks: Tick[], width: number, every: number): AxisLabel[] {
  const from = ticks[0]!.start;
  const total = daysBetween(from, ticks.at(-1)!.end) + 1;
  const xOf = (date: string) => (width * daysBetween(from, date)) / total;
  const after = (tick: Tick) => xOf(addDays(tick.end, 1));
  const labels: AxisLabel[] = [];
  ticks.forEach((tick, i) => {
    if (i % every === 0) labels.push({ text: tick.label, x: (xOf(tick.start) + after(tick)) / 2, line: 0 });
    if (!tick.sub) return;
    const next = unit === "quarter" ? ticks.findIndex((t, j) => j > i && t.sub) : -1;
    const until = unit === "quarter" ? (next < 0 ? width : xOf(ticks[next]!.start)) : after(tick);
    // A year under the plan's last quarter or two stands within the plot, its end at the chart's edge, never past it ("203").
    const half = axisLabelWidth(tick.sub) / 2;
    labels.push({ text: tick.sub, x: Math.min(Math.max((xOf(tick.start) + until) / 2, half), width - half), line: 1 });
  });
  return labels;
}

/** Whether no two labels on one line come closer than the gap, and each stays within the chart and its margin. */
export function axisLabelsFit(labels: AxisLabel[], width = GANTT_PLOT_WIDTH): boolean {
  for (const line of [0, 1]) {
    const row = labels.filter((l) => l.line === line).sort((a, b) => a.x - b.x);
    for (const [i, label] of row.entries()) {
      const half = axisLabelWidth(label.text) / 2;
      if (label.x - half < -PAD || label.x + half > width + PAD) return false;
      const next = row[i + 1];
      if (next && next.x - axisLabelWidth(next.text) / 2 - (label.x + half) < AXIS_LABEL_GAP) return false;
    }
  }
  return true;
}

/**
 * The axis for a plan from `from` to `to` drawn `width` pixels wide: months for a plan of a year or
 * less ("Apr", its year under January and the first month); quarters for a longer one ("Q1", its year
 * under its quarters); years when quarters would be too narrow to name, every second or third year
 * named if even years are. Labels never run into each other.
 */
export function axisTicks(from: string, to: string, width = GANTT_PLOT_WIDTH): { unit: AxisUnit; ticks: Tick[]; labels: AxisLabel[] } {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  for (const unit of months > QUARTER_AXIS_AFTER_MONTHS ? (["quarter"] as const) : (["month", "quarter"] as const)) {
    const ticks = unitTicks(unit, from, to);
    const labels = placeLabels(unit, ticks, width, 1);
    if (axisLabelsFit(labels, width)) return { unit, ticks, labels };
  }
  const ticks = unitTicks("year", from, to);
  let every = 1;
  let labels = placeLabels("year", ticks, width, every);
  while (!axisLabelsFit(labels, width) && every < ticks.length) labels = placeLabels("year", ticks, width, ++every);
  return { unit: "year", ticks, labels };
}

/** The chart as standalone SVG, with its size in CSS pixels. */
export function ganttChartSvg(
  streams: GanttChartStream[],
  options: { title: string; markers?: GanttChartMarker[] }
): { svg: string; width: number; height: number } {
  const items = streams.flatMap((s) => s.items);
  const markers = options.markers ?? [];
  const first = [...items.map((i) => i.start), ...markers.map((m) => m.at)].reduce((min, d) => (d < min ? d : min));
  const last = [...items.map((i) => i.end), ...markers.map((m) => m.at)].reduce((max, d) => (d > max ? d : max));
  const { ticks, labels } = axisTicks(first, last, GANTT_PLOT_WIDTH);
  const x0 = LABEL_COLUMN + PAD;
  const x1 = GANTT_WIDTH - PAD;
  const axisFrom = ticks[0]!.start;
  const totalDays = daysBetween(axisFrom, ticks.at(-1)!.end) + 1;
  const xOf = (date: string) => x0 + ((x1 - x0) * daysBetween(axisFrom, date)) / totalDays;
  const labelChars = charsIn(LABEL_COLUMN - 2 * PAD - 4, LABEL_PX);

  const out: string[] = [];
  const text = (x: number, y: number, value: string, attrs: string) => `<text x="${r(x)}" y="${r(y)}" ${attrs}>${escapeXml(value)}</text>`;
  const axisHeight = labels.some((l) => l.line === 1) ? 2 * LINE + 8 : LINE + 12;
  let y = axisHeight;

  // Rows first, to know the height; the quarter bands and gridlines are drawn under them afterwards.
  const rows: string[] = [];
  streams.forEach((stream, s) => {
    const colour = STREAM_COLOURS[s % STREAM_COLOURS.length]!;
    const headerHeight = LINE + 10;
    rows.push(`<rect x="0" y="${r(y)}" width="${GANTT_WIDTH}" height="${headerHeight}" fill="#f1f3f6"/>`);
    rows.push(`<rect x="${PAD}" y="${r(y + 6)}" width="10" height="10" fill="${colour}"/>`);
    rows.push(
      text(
        PAD + 16,
        y + headerHeight - 8,
        wrapLabel(stream.label, charsIn(GANTT_WIDTH - 40, STREAM_PX), 1)[0]!,
        `font-size="${STREAM_PX}" font-weight="bold" fill="#1a1a1a"`
      )
    );
    y += headerHeight;
    for (const item of stream.items) {
      const lines = wrapLabel(item.label, labelChars);
      const h = lines.length * LINE + 2 * ROW_PAD;
      lines.forEach((line, l) => rows.push(text(PAD + 4, y + ROW_PAD + (l + 1) * LINE - 3, line, `font-size="${LABEL_PX}" fill="#1a1a1a"`)));
      const mid = y + h / 2;
      const outline = item.critical ? ` stroke="#1a1a1a" stroke-width="1.6"` : "";
      if (item.milestone || daysBetween(item.start, item.end) + 1 <= EVENT_MAX_DAYS) {
        const cx = xOf(item.start) + (x1 - x0) / totalDays / 2;
        const d = 7;
        rows.push(`<path d="M${r(cx)} ${r(mid - d)} L${r(cx + d)} ${r(mid)} L${r(cx)} ${r(mid + d)} L${r(cx - d)} ${r(mid)} Z" fill="${colour}"${outline}/>`);
      } else {
        const bx = xOf(item.start);
        const bw = Math.max(3, xOf(addDays(item.end, 1)) - bx);
        rows.push(`<rect x="${r(bx)}" y="${r(mid - 7)}" width="${r(bw)}" height="14" rx="2" fill="${colour}"${outline}/>`);
      }
      rows.push(`<line x1="0" x2="${GANTT_WIDTH}" y1="${r(y + h)}" y2="${r(y + h)}" stroke="#e3e6ea" stroke-width="1"/>`);
      y += h;
    }
  });
  const chartBottom = y;

  // The partner's time: a dashed line down the chart at each mark, running on under it to its name and date, beside it (placeMarkNames).
  const markLabels = markers.map((m) => wrapLabel(m.label, charsIn(GANTT_WIDTH - 2 * PAD, AXIS_PX), 1)[0]!);
  const places = placeMarkNames(
    markers.map((m, i) => ({ x: xOf(m.at), width: axisLabelWidth(markLabels[i]!) })),
    { from: PAD, to: GANTT_WIDTH - PAD }
  );
  const markRows: string[] = [];
  markers.forEach((m, i) => {
    const x = xOf(m.at);
    const place = places[i]!;
    const baseline = chartBottom + (place.row + 1) * (LINE + 4);
    markRows.push(`<line x1="${r(x)}" x2="${r(x)}" y1="${r(axisHeight)}" y2="${r(baseline + 3)}" stroke="#1a1a1a" stroke-width="1.6" stroke-dasharray="5 3"/>`);
    markRows.push(
      text(place.x, baseline, markLabels[i]!, `font-size="${AXIS_PX}" font-weight="bold" fill="#1a1a1a"${place.anchor === "end" ? ` text-anchor="end"` : ""}`)
    );
  });
  const marksBottom = chartBottom + markers.length * (LINE + 4) + (markers.length ? 4 : 0);

  // The axis: alternate bands per quarter or month, a line at each start, labels above the chart.
  ticks.forEach((tick, i) => {
    const tx = xOf(tick.start);
    const tw = xOf(addDays(tick.end, 1)) - tx;
    if (i % 2 === 1) out.push(`<rect x="${r(tx)}" y="0" width="${r(tw)}" height="${r(chartBottom)}" fill="#f7f8fa"/>`);
    out.push(`<line x1="${r(tx)}" x2="${r(tx)}" y1="0" y2="${r(chartBottom)}" stroke="#d5d9df" stroke-width="1"/>`);
  });
  for (const label of labels)
    out.push(text(x0 + label.x, label.line === 0 ? LINE : 2 * LINE + 2, label.text, `font-size="${AXIS_PX}" text-anchor="middle" fill="#333333"`));
  out.push(`<line x1="${r(x1)}" x2="${r(x1)}" y1="0" y2="${r(chartBottom)}" stroke="#d5d9df" stroke-width="1"/>`);
  out.push(`<line x1="0" x2="${GANTT_WIDTH}" y1="${r(axisHeight)}" y2="${r(axisHeight)}" stroke="#9aa1aa" stroke-width="1"/>`);
  out.push(...rows, ...markRows);

  // The legend: each stream's colour, then what a diamond and an outline mean.
  const legend: { swatch: string; label: string }[] = [
    ...streams.map((s, i) => ({ swatch: `<rect width="12" height="12" fill="${STREAM_COLOURS[i % STREAM_COLOURS.length]}"/>`, label: s.label })),
    { swatch: `<path d="M6 0 L12 6 L6 12 L0 6 Z" fill="#5a5a5a"/>`, label: "Event or milestone (a few days at most)" },
    ...(items.some((i) => i.critical)
      ? [{ swatch: `<rect x="1" y="1" width="10" height="10" fill="#ffffff" stroke="#1a1a1a" stroke-width="1.6"/>`, label: "Outlined: on the critical path" }]
      : []),
  ];
  let lx = PAD;
  let ly = marksBottom + 12;
  for (const entry of legend) {
    const label = wrapLabel(entry.label, charsIn(GANTT_WIDTH - 2 * PAD - 18, AXIS_PX), 1)[0]!;
    const w = 18 + label.length * AXIS_PX * 0.55 + 16;
    if (lx + w > GANTT_WIDTH - PAD && lx > PAD) {
      lx = PAD;
      ly += LINE + 6;
    }
    out.push(`<g transform="translate(${r(lx)} ${r(ly)})">${entry.swatch}</g>`);
    out.push(text(lx + 18, ly + 10, label, `font-size="${AXIS_PX}" fill="#1a1a1a"`));
    lx += w;
  }
  const height = Math.ceil(ly + LINE + 6);

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${GANTT_WIDTH}" height="${height}" viewBox="0 0 ${GANTT_WIDTH} ${height}" role="img" font-family='${FONT}'>` +
    `<title>${escapeXml(options.title)}</title>` +
    `<rect width="${GANTT_WIDTH}" height="${height}" fill="#ffffff"/>` +
    out.join("") +
    `</svg>`;
  return { svg, width: GANTT_WIDTH, height };
}

const r = (n: number) => Math.round(n * 10) / 10;
