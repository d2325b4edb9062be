import { placeMarkNames } from "~/domain/gantt-marks";

/*
 * Mermaid lays out a gantt's words by rules of its own. A stream's name is written from the chart's
 * left edge, over whatever is beside it, however long it is; an item's name too long for its bar goes
 * on the bar's left whenever the right looks short of room, even when the left has less, so that a
 * long name runs off the chart's left edge ("n which each ward team tests…"). Once it has drawn, these
 * give the streams' names a column of their own, and put each item's name on the side of its bar where
 * it has room: whole where it fits, else shortened to the room there with "…", its full text the
 * word's title, so that nothing is cut off at the chart's edge or drawn over another word.
 */

/** The type a mark of the partner's time is named in, in the chart's pixels. */
export const MARK_FONT_PX = 12;
/** Between a bar and its name, as mermaid leaves it. */
export const LABEL_GAP = 5;
/** The least room mermaid gives the streams' names (its `leftPadding`), in the chart's pixels. */
export const LEAST_SECTION_COLUMN = 75;
/** The most of the chart's width the streams' names take: the plan's bars keep the rest. */
export const MOST_SECTION_SHARE = 0.3;
/** Mermaid writes a stream's name this far from the chart's left edge. */
const SECTION_TEXT_X = 10;
/** The type mermaid writes the streams' names in (its `sectionFontSize`, in the neutral theme's fonts). */
export const SECTION_FONT = `11px "trebuchet ms", verdana, arial, sans-serif`;

/** The room the streams' names take at the chart's left: the widest of them with a margin either side, never less than mermaid's own, at most MOST_SECTION_SHARE of the chart. */
export function sectionColumn(widestName: number, chartWidth: number): number {
  return Math.round(Math.max(LEAST_SECTION_COLUMN, Math.min(SECTION_TEXT_X + widestName + 2 * LABEL_GAP, chartWidth * MOST_SECTION_SHARE)));
}

export type LabelSide = {
  side: "left" | "right";
  /** The room on that side, in the chart's pixels. */
  room: number;
  /** Whether the name fits there whole. */
  whole: boolean;
};

/**
 * The side of its bar an item's name goes on, when it is too long for the bar: the side mermaid chose
 * (`now`) where it fits there, else the other where it fits there, else the roomier, to be shortened
 * to it. `plot` is the room across the chart the names may take: from the streams' column to the
 * chart's right edge.
 */
export function labelSide(bar: { from: number; to: number }, width: number, plot: { from: number; to: number }, now: "left" | "right"): LabelSide {
  const room = { left: Math.max(0, bar.from - LABEL_GAP - plot.from), right: Math.max(0, plot.to - (bar.to + LABEL_GAP)) };
  const other = now === "left" ? "right" : "left";
  if (width <= room[now]) return { side: now, room: room[now], whole: true };
  if (width <= room[other]) return { side: other, room: room[other], whole: true };
  const side = room.right >= room.left ? "right" : "left";
  return { side, room: room[side], whole: false };
}

/** The widest of the gantt source's stream names in SECTION_FONT, measured in this browser; 0 with none, or where nothing can measure. */
export function widestSectionName(source: string, document: Document): number {
  const names = [...source.matchAll(/^\s*section (.+)$/gm)].map((m) => m[1]!.trim());
  const context = names.length ? document.createElement("canvas").getContext("2d") : null;
  if (!context) return 0;
  context.font = SECTION_FONT;
  return Math.max(0, ...names.map((n) => context.measureText(n).width));
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Shortens a word's text with "…" until it takes no more than `room`, and gives `titled` its full text as a title. */
function shorten(words: SVGTextContentElement, room: number, titled: SVGElement) {
  const full = (words.textContent ?? "").trim();
  const cut = (n: number) => `${full.slice(0, n).trimEnd()}…`;
  let [fits, tooMany] = [0, full.length];
  while (tooMany - fits > 1) {
    const mid = Math.floor((fits + tooMany) / 2);
    words.textContent = cut(mid);
    if (words.getComputedTextLength() <= room) fits = mid;
    else tooMany = mid;
  }
  words.textContent = cut(fits);
  const title = titled.ownerDocument.createElementNS(SVG_NS, "title");
  title.textContent = full;
  titled.appendChild(title);
}

/**
 * Puts the words of a gantt mermaid drew where they show whole: each stream's name within the column
 * `column` wide at the chart's left (shortened where it is wider), each item's name beside its bar on
 * the side with room, between that column and the chart's right edge (labelSide).
 */
export function fitGanttLabels(svg: SVGSVGElement, column: number) {
  const chartWidth = svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width;
  for (const title of svg.querySelectorAll<SVGTextElement>("text.sectionTitle")) {
    const lines = [...title.querySelectorAll<SVGTSpanElement>("tspan")];
    for (const line of lines.length ? lines : [title])
      if (line.getComputedTextLength() > column - SECTION_TEXT_X - LABEL_GAP) shorten(line, column - SECTION_TEXT_X - LABEL_GAP, title);
  }
  const plot = { from: column, to: chartWidth - LABEL_GAP };
  for (const words of svg.querySelectorAll<SVGTextElement>("text.taskTextOutsideLeft:not(.vertText), text.taskTextOutsideRight:not(.vertText)")) {
    const bar = svg.querySelector<SVGRectElement>(`rect[id="${words.id.replace(/-text$/, "")}"]`);
    if (!bar) continue;
    const from = bar.x.baseVal.value;
    const to = from + bar.width.baseVal.value;
    const now = words.classList.contains("taskTextOutsideLeft") ? "left" : "right";
    const { side, room, whole } = labelSide({ from, to }, words.getComputedTextLength(), plot, now);
    if (side !== now) {
      words.classList.replace(
        now === "left" ? "taskTextOutsideLeft" : "taskTextOutsideRight",
        side === "left" ? "taskTextOutsideLeft" : "taskTextOutsideRight"
      );
      words.setAttribute("x", String(side === "left" ? from - LABEL_GAP : to + LABEL_GAP));
    }
    if (!whole) shorten(words, room, words);
  }
}

/**
 * The lines mermaid drew for the partner's time (the `vert` tasks timelineToMermaidGantt writes):
 * each dashed, so that it is told from the chart's gridlines without its colour, running from the
 * chart's rows up to its name above them, beside it, each name on a line of its own (placeMarkNames),
 * so that none is cut off at the chart's edge, drawn over another or crossed by another's line. The
 * line that only starts the axis on a tick is taken away.
 */
export function fitGanttMarks(svg: SVGSVGElement, column: number) {
  for (const hidden of svg.querySelectorAll(`[id$="-axisstart"], [id$="-axisstart-text"]`)) hidden.remove();
  const width = svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width;
  const marks = [...svg.querySelectorAll<SVGRectElement>("rect.vert")].map((line) => ({
    line,
    words: svg.querySelector<SVGTextElement>(`text[id="${line.id}-text"]`),
    x: line.x.baseVal.value + line.width.baseVal.value / 2,
  }));
  if (!marks.length) return;
  // The rows start below mermaid's top padding: the names go in the room above them, the nearest just over the rows.
  const rows = [...svg.querySelectorAll<SVGRectElement>("rect.section")].map((r) => ({
    top: r.y.baseVal.value,
    bottom: r.y.baseVal.value + r.height.baseVal.value,
  }));
  const rowsTop = Math.min(...rows.map((r) => r.top));
  const rowsBottom = Math.max(...rows.map((r) => r.bottom));
  for (const { words } of marks) {
    words?.style.setProperty("font-size", `${MARK_FONT_PX}px`, "important");
    words?.style.setProperty("font-weight", "bold");
  }
  const places = placeMarkNames(
    marks.map(({ words, x }) => ({ x, width: words?.getComputedTextLength() ?? 0 })),
    { from: column, to: width - LABEL_GAP }
  );
  marks.forEach(({ line, words, x }, i) => {
    const place = places[i]!;
    const baseline = rowsTop - 6 - place.row * (MARK_FONT_PX + 5);
    const dashed = svg.ownerDocument.createElementNS(SVG_NS, "line");
    dashed.setAttribute("class", "gantt-mark");
    for (const [name, value] of Object.entries({ x1: x, x2: x, y1: baseline - MARK_FONT_PX, y2: rowsBottom })) dashed.setAttribute(name, String(value));
    dashed.setAttribute("stroke", "#1a1a1a");
    dashed.setAttribute("stroke-width", "1.6");
    dashed.setAttribute("stroke-dasharray", "6 3");
    line.replaceWith(dashed);
    if (!words) return;
    words.setAttribute("y", String(baseline));
    words.setAttribute("x", String(place.x));
    words.style.setProperty("text-anchor", place.anchor, "important");
  });
}
