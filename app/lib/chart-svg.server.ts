import { max } from "d3-array";
import { scaleBand, scaleLinear, type ScaleBand } from "d3-scale";
import { line, stack, curveStepAfter } from "d3-shape";
import { isMoneyUnit, segmentTitle, type ChartFill, type ChartSpec } from "~/domain/charts";

/*
 * Charts drawn on the server as SVG text (docs/domain.md §8.11): scales, ticks and shapes from d3,
 * no script, every figure in a <title> so hovering shows it without JavaScript. The page receives
 * the finished text; nothing of this module reaches the browser.
 */

/** Okabe–Ito colours, distinct under the common colour blindnesses; each fill also has its own pattern for greyscale. */
const INK = "#1f2933";
const GRID = "#d9dee3";
const OVER = "#a33a00";
const LAYER_COLOURS: Record<ChartFill, string> = { solid: "#0b5f8f", hatch: "#2f8fcf", dots: "#c97f00", cross: "#5f6b73" };
const MAX_BAND = 140;
const FONT = `"Liberation Sans", Arial, Helvetica, sans-serif`;

const SIZES = {
  normal: { width: 760, height: 300, font: 12 },
  small: { width: 380, height: 220, font: 11 },
  // Within a document's text width (about 640 px on A4 with 2 cm margins): 12 px is 9 pt on paper.
  print: { width: 620, height: 210, font: 12 },
} as const;

/** A chart's drawn size in pixels, for placing its picture in a document. */
export function chartSize(spec: Pick<ChartSpec, "size">): { width: number; height: number } {
  const { width, height } = SIZES[spec.size ?? "normal"];
  return { width, height };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!));
}

const n = (v: number) => String(Math.round(v * 10) / 10);

function patternDefs(prefix: string): string {
  const c = LAYER_COLOURS;
  return [
    `<pattern id="${prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`,
    `<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="${c.hatch}"/></pattern>`,
    `<pattern id="${prefix}-dots" width="6" height="6" patternUnits="userSpaceOnUse">`,
    `<rect width="6" height="6" fill="#fbe3b3"/><circle cx="3" cy="3" r="1.6" fill="${c.dots}"/></pattern>`,
    `<pattern id="${prefix}-cross" width="6" height="6" patternUnits="userSpaceOnUse">`,
    `<rect width="6" height="6" fill="#eceff1"/><path d="M0 0L6 6M6 0L0 6" stroke="${c.cross}" stroke-width="1"/></pattern>`,
  ].join("");
}

function fillOf(prefix: string, fill: ChartFill): string {
  return fill === "solid" ? LAYER_COLOURS.solid : `url(#${prefix}-${fill})`;
}

/** The width of a character of bold labels, as a share of the font's size: a little wider than Liberation Sans Bold's in such words. */
const CHAR_WIDTH = 0.56;
/** A label's width in pixels, by CHAR_WIDTH. */
const textWidth = (text: string, font: number) => text.length * font * CHAR_WIDTH;

/** A category label in at most two lines of about `width` pixels. */
function wrap(label: string, width: number, font: number): string[] {
  const perLine = Math.max(3, Math.floor(width / (font * CHAR_WIDTH)));
  if (label.length <= perLine) return [label];
  const words = label.split(/\s+/);
  const lines: string[] = [];
  let current = "";
  for (const w of words) {
    if (current && `${current} ${w}`.length > perLine) {
      lines.push(current);
      current = w;
    } else current = current ? `${current} ${w}` : w;
  }
  if (current) lines.push(current);
  if (lines.length > 2)
    return [
      lines[0]!,
      `${lines
        .slice(1)
        .join(" ")
        .slice(0, perLine - 1)}…`,
    ];
  return lines.map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l));
}

/** A title in as many lines of about `width` pixels as it takes, broken between words: it is never cut short. */
function titleLines(title: string, width: number, font: number): string[] {
  const perLine = Math.max(3, Math.floor(width / (font * CHAR_WIDTH)));
  const lines: string[] = [];
  let current = "";
  for (const w of title.split(/\s+/).filter(Boolean)) {
    if (current && `${current} ${w}`.length > perLine) {
      lines.push(current);
      current = w;
    } else current = current ? `${current} ${w}` : w;
  }
  if (current) lines.push(current);
  return lines.length ? lines : [""];
}

/** Words in two lines of lengths as even as the words allow ("Nearest start / with room to spare"), or wrap()'s lines where those are too wide. */
function inTwo(label: string, width: number, font: number): string[] {
  const words = label.split(/\s+/);
  const splits = words.slice(1).map((_, i) => [words.slice(0, i + 1).join(" "), words.slice(i + 1).join(" ")]);
  const longer = (lines: string[]) => Math.max(...lines.map((l) => l.length));
  const even = splits.reduce<string[] | undefined>((best, lines) => (!best || longer(lines) < longer(best) ? lines : best), undefined);
  return even && longer(even) * font * CHAR_WIDTH <= width ? even : wrap(label, width, font);
}

/**
 * Where the marker's words go beside its dashed rule: on one line after the rule, or before it where
 * only that side has the room, else in two lines on the roomier side, so that they stay within the plot
 * at every size. `from`–`to` and `height`: the room they take at the top of the plot.
 */
function markerWords(
  spec: ChartSpec,
  x: ScaleBand<number>,
  plot: { left: number; right: number },
  font: number
): { at: number; x: number; anchor: "start" | "end"; lines: string[]; from: number; to: number; height: number } | null {
  const band = spec.marker ? x(spec.marker.index) : undefined;
  if (!spec.marker || band === undefined) return null;
  const at = band - (x.step() - x.bandwidth()) / 2;
  const wide = (text: string) => textWidth(text, font);
  const after = plot.right - at - 4;
  const before = at - 4 - plot.left;
  const label = spec.marker.label;
  const one = wide(label);
  const anchor = one <= after ? "start" : one <= before ? "end" : after >= before ? "start" : "end";
  const lines = one <= Math.max(after, before) ? [label] : inTwo(label, Math.max(after, before), font);
  const width = Math.max(...lines.map(wide));
  const from = anchor === "start" ? at + 4 : at - 4 - width;
  return { at, x: anchor === "start" ? at + 4 : at - 4, anchor, lines, from, to: from + width, height: font * (1.3 + 1.15 * (lines.length - 1)) };
}

/** Amounts on the axis as 500k, 1.5M, with a plain 0. */
const moneyTick = (format: (t: number) => string) => (t: number) => t === 0 ? "0" : format(t);

/**
 * The chart as a standalone SVG document fragment: title, description, legend, axes, stacked bars, the
 * line and the marks. With `heading: false` its title is not written across its top (it stays its
 * accessible name): for a document that captions the picture with it, where it would be said twice.
 */
export function drawChart(spec: ChartSpec, { heading = true }: { heading?: boolean } = {}): string {
  const size = SIZES[spec.size ?? "normal"];
  const { width, height, font } = size;
  const prefix = spec.id.replace(/[^A-Za-z0-9_-]/g, "-");
  // A long title (a partner's full name in "The fee against …'s budget") takes more lines, never the chart's edge.
  const title = heading ? titleLines(spec.title, width - 8, font + 1) : [];
  const titleLine = (font + 1) * 1.25;
  const headingHeight = heading ? font * 1.8 + titleLine * (title.length - 1) : 0;
  const legendHeight = font * 2 + 6;
  const margin = { top: headingHeight + legendHeight + 14, right: 12, bottom: font * 3 + 8, left: font * 3.6 + 12 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;

  const keys = spec.layers.map((l) => l.key);
  const rows = spec.categories.map((_, i) => Object.fromEntries(spec.layers.map((l) => [l.key, l.values[i] ?? 0])));
  const series = stack<Record<string, number>>().keys(keys)(rows);
  const top = max([...rows.map((r) => keys.reduce((s, k) => s + (r[k] ?? 0), 0)), ...(spec.line?.values ?? [])]) ?? 0;

  const x = scaleBand<number>()
    .domain(spec.categories.map((_, i) => i))
    .range([margin.left, margin.left + plotWidth])
    .paddingInner(0.25)
    // With few categories (a fee or two) a bar keeps a readable width instead of filling the chart.
    .paddingOuter(Math.max(0.12, ((plotWidth * 0.75) / MAX_BAND - spec.categories.length + 0.25) / 2));
  const bottom = Math.min(0, ...(spec.line?.values ?? []));
  const words = markerWords(spec, x, { left: margin.left, right: margin.left + plotWidth }, font);
  // The marker's words sit at the top of the plot: the bars and the line beneath them stay below them.
  let clearOfWords = 0;
  if (words) {
    const share = (words.height + font / 3 + 3) / plotHeight;
    const beneath = spec.categories.flatMap((_, i) => {
      const from = x(i)! - (x.step() - x.bandwidth()) / 2;
      if (from > words.to || from + x.step() < words.from) return [];
      return [keys.reduce((sum, k) => sum + (rows[i]![k] ?? 0), 0), spec.line?.values[i] ?? 0];
    });
    if (share < 1) clearOfWords = (Math.max(0, ...beneath) - share * bottom) / (1 - share);
  }
  const y = scaleLinear()
    .domain([bottom, Math.max(top > 0 ? top * 1.08 : 1, clearOfWords)])
    .nice()
    .range([margin.top + plotHeight, margin.top]);
  const ticks = spec.unit === "engagements" ? y.ticks(5).filter(Number.isInteger) : y.ticks(5);
  const tickText = spec.unit === "engagements" ? (t: number) => String(t) : isMoneyUnit(spec.unit) ? moneyTick(y.tickFormat(5, "~s")) : y.tickFormat(5);

  const out: string[] = [];
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" class="chart" data-chart="${escapeXml(
      spec.id
    )}" font-family='${FONT}' font-size="${font}">`,
    `<title id="${titleId}">${escapeXml(spec.title)}</title>`,
    `<desc id="${descId}">${escapeXml(spec.description)}</desc>`,
    `<defs>${patternDefs(prefix)}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`
  );

  // The title written out too, so a saved picture says what it shows.
  title.forEach((line, i) =>
    out.push(
      `<text x="4" y="${n(font + 2 + titleLine * i)}" font-weight="bold" font-size="${font + 1}" fill="${INK}" aria-hidden="true">${escapeXml(line)}</text>`
    )
  );

  // Legend across the top: what each fill, the line and the marks mean.
  const legend: string[] = [];
  let lx = margin.left;
  const ly = headingHeight + 4;
  const item = (swatch: string, label: string) => {
    legend.push(`<g transform="translate(${n(lx)},${ly})">${swatch}<text x="${font + 6}" y="${font}" fill="${INK}">${escapeXml(label)}</text></g>`);
    lx += font + 16 + label.length * font * 0.52;
  };
  for (const l of spec.layers) item(`<rect width="${font}" height="${font}" fill="${fillOf(prefix, l.fill)}" stroke="${INK}" stroke-width="0.6"/>`, l.label);
  // The line's swatch carries the hollow dot drawn at each category's level on it, so the legend explains the dots too.
  if (spec.line)
    item(
      `<path d="M0 ${font / 2}H${font}" stroke="${INK}" stroke-width="2.5"/><circle cx="${font / 2}" cy="${font / 2}" r="${
        font / 3
      }" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/>`,
      spec.line.label
    );
  if (spec.flags?.some((f) => !f.hollow)) item(`<path d="M${font / 2} 0L${font} ${font}H0Z" fill="${OVER}"/>`, spec.flagLabel ?? "Marked");
  if (spec.flags?.some((f) => f.hollow))
    item(`<path d="M${font / 2} 1L${font - 1} ${font - 0.5}H1Z" fill="#ffffff" stroke="${OVER}" stroke-width="1.6"/>`, spec.hollowFlagLabel ?? "Marked");
  out.push(`<g class="chart-legend">${legend.join("")}</g>`);

  // Axes and grid.
  out.push(`<g class="chart-grid">`);
  for (const t of ticks) {
    const ty = y(t);
    out.push(`<path d="M${margin.left} ${n(ty)}H${margin.left + plotWidth}" stroke="${t === 0 ? INK : GRID}" stroke-width="${t === 0 ? 1 : 0.8}"/>`);
    out.push(`<text x="${margin.left - 6}" y="${n(ty)}" dy="0.32em" text-anchor="end" fill="${INK}">${escapeXml(tickText(t))}</text>`);
  }
  out.push(
    `<text transform="translate(${font},${n(margin.top + plotHeight / 2)}) rotate(-90)" text-anchor="middle" fill="${INK}">${escapeXml(spec.unit)}</text>`,
    `</g>`
  );

  const band = x.bandwidth();
  out.push(`<g class="chart-categories">`);
  // Where the labels would collide, every second (third, …) one is written.
  const widest = Math.max(1, ...spec.categories.map((c) => Math.max(...c.label.split(/\s+/).map((w) => w.length))));
  const every = Math.max(1, Math.ceil((widest * font * 0.55 + 4) / x.step()));
  spec.categories.forEach((c, i) => {
    if (i % every !== 0) return;
    const cx = x(i)! + band / 2;
    const lines = wrap(c.label, x.step() * every, font);
    const tspans = lines.map((l, k) => `<tspan x="${n(cx)}" dy="${k === 0 ? 0 : 1.15}em">${escapeXml(l)}</tspan>`).join("");
    out.push(`<text x="${n(cx)}" y="${margin.top + plotHeight + font + 4}" text-anchor="middle" fill="${INK}">${tspans}</text>`);
  });
  out.push(`</g>`);

  // Stacked bars: one rectangle per layer and category, each with its exact figure.
  out.push(`<g class="chart-bars">`);
  series.forEach((s, li) => {
    const layer = spec.layers[li]!;
    s.forEach(([y0, y1], i) => {
      const value = layer.values[i] ?? 0;
      if (!(value > 0)) return;
      const h = Math.max(0.5, y(y0) - y(y1));
      out.push(
        `<rect x="${n(x(i)!)}" y="${n(y(y1))}" width="${n(band)}" height="${n(h)}" fill="${fillOf(
          prefix,
          layer.fill
        )}" stroke="${INK}" stroke-width="0.6" data-layer="${escapeXml(layer.key)}" data-category="${escapeXml(spec.categories[i]!.key)}"><title>${escapeXml(
          segmentTitle(spec, spec.categories[i]!.label, layer.label, value)
        )}</title></rect>`
      );
    });
  });
  out.push(`</g>`);

  // The line: a step per category, so a month's level spans its own bar.
  if (spec.line) {
    const values = spec.line.values;
    const points: [number, number][] = values.map((v, i) => [x(i)! - (x.step() - band) / 2, y(v)]);
    if (values.length) points.push([x(values.length - 1)! + band + (x.step() - band) / 2, y(values[values.length - 1]!)]);
    const path = line().curve(curveStepAfter)(points) ?? "";
    out.push(`<path class="chart-line" d="${path}" fill="none" stroke="${INK}" stroke-width="2.5"/>`);
    out.push(`<g class="chart-line-points">`);
    values.forEach((v, i) => {
      out.push(
        `<circle cx="${n(x(i)! + band / 2)}" cy="${n(y(v))}" r="${
          font / 3
        }" fill="#ffffff" stroke="${INK}" stroke-width="1.5" data-line="" data-category="${escapeXml(spec.categories[i]!.key)}"><title>${escapeXml(
          segmentTitle(spec, spec.categories[i]!.label, spec.line!.label, v)
        )}</title></circle>`
      );
    });
    out.push(`</g>`);
  }

  // Marks above the categories that need attention: a triangle, so it reads without colour.
  if (spec.flags?.length) {
    out.push(`<g class="chart-flags">`);
    for (const f of spec.flags) {
      const cx = x(f.index);
      if (cx === undefined) continue;
      const mid = cx + band / 2;
      const s = Math.min(font, band * 0.9);
      const ty = margin.top - 3;
      out.push(
        `<path d="M${n(mid)} ${n(ty - s)}L${n(mid + s / 2)} ${n(ty)}H${n(mid - s / 2)}Z" ${
          f.hollow ? `fill="#ffffff" stroke="${OVER}" stroke-width="1.6" data-hollow=""` : `fill="${OVER}"`
        } data-flag="" data-category="${escapeXml(spec.categories[f.index]!.key)}"><title>${escapeXml(
          `${spec.categories[f.index]!.label}: ${f.text}`
        )}</title></path>`
      );
    }
    out.push(`</g>`);
  }

  // A point on the category axis, such as the start a search found: a dashed rule and its words.
  if (spec.marker && words) {
    const tspans = words.lines.map((l, k) => `<tspan x="${n(words.x)}" dy="${k === 0 ? 0 : 1.15}em">${escapeXml(l)}</tspan>`).join("");
    out.push(
      `<g class="chart-marker" data-marker=""><path d="M${n(words.at)} ${margin.top - 2}V${
        margin.top + plotHeight
      }" stroke="${INK}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      `<text x="${n(words.x)}" y="${margin.top + font}" text-anchor="${
        words.anchor
      }" fill="${INK}" font-weight="bold" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${tspans}</text>`,
      `<title>${escapeXml(`${spec.marker.label}: ${spec.categories[spec.marker.index]!.label}`)}</title></g>`
    );
  }

  out.push(`</svg>`);
  return out.join("");
}

/** The chart as a file of its own, with the XML declaration. */
export function chartSvgFile(spec: ChartSpec): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${drawChart(spec)}\n`;
}
