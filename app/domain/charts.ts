import { quoteCell } from "./csv";
import { money } from "./money";

/*
 * Charts as plain data: what a chart shows, built from the views the pages already have, so the
 * picture and the table beside it are the same numbers (docs/domain.md §9). Drawing them is
 * app/lib/chart-svg.server.ts's job; nothing here knows about SVG.
 */

/** How a stacked layer is filled: colours that hold for colour blindness, and a pattern that holds in greyscale. */
/** A chart as a page shows it: drawn on the server (decision 12), with where its files are downloaded ("{format}" in `href`). */
export type ChartView = { id: string; svg: string; href: string };

export type ChartFill = "solid" | "hatch" | "dots" | "cross";

export type ChartLayer = {
  key: string;
  label: string;
  fill: ChartFill;
  /** One value per category. */
  values: number[];
};

/** A category marked, with why; `hollow`, an outlined mark, for a lesser concern than a filled one (tight rather than short). */
export type ChartFlag = { index: number; text: string; hollow?: boolean };

export type ChartSpec = {
  /** Unique on the page: the SVG's ids and patterns are prefixed with it. */
  id: string;
  title: string;
  description: string;
  /** What the x axis shows, for the CSV's first column. */
  categoryName: string;
  categories: { key: string; label: string }[];
  /** Stacked from the axis up, in this order. */
  layers: ChartLayer[];
  /** A level drawn across the bars, such as the FTE available. */
  line?: { label: string; values: number[] };
  /** Categories to mark, with why. */
  flags?: ChartFlag[];
  flagLabel?: string;
  /** The legend's words for the hollow flags, when there are any. */
  hollowFlagLabel?: string;
  /** A point on the category axis to mark, such as the earliest start. */
  marker?: { index: number; label: string };
  /** FTE, engagements, or the currency code of amounts of money. */
  unit: ChartUnit;
  /** "print" fits a document's text width unshrunk, so its smallest text stays above 8 pt on paper. */
  size?: "normal" | "small" | "print";
};

export type ChartUnit = "FTE" | "engagements" | (string & {});

/** Whether the chart's figures are amounts of money (its unit a currency code). */
export function isMoneyUnit(unit: ChartUnit): boolean {
  return unit !== "FTE" && unit !== "engagements";
}

/** Numbers as people read them: at most two decimals, "0" rather than "0.00". */
export function chartNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The words on one bar segment; tests read the figures back from these. */
export function segmentTitle(spec: Pick<ChartSpec, "unit">, category: string, layer: string, value: number): string {
  if (isMoneyUnit(spec.unit)) return `${category}: ${layer} ${money(value, null)} ${spec.unit}`;
  return `${category}: ${layer} ${chartNumber(value)} ${spec.unit === "engagements" && value === 1 ? "engagement" : spec.unit}`;
}

/** The chart's figures as CSV: one row per category, one column per layer (and the line, and the flags). */
export function chartCsv(spec: ChartSpec): string {
  const header = [spec.categoryName, ...spec.layers.map((l) => `${l.label} (${spec.unit})`)];
  if (spec.line) header.push(`${spec.line.label} (${spec.unit})`);
  // Hollow flags share the column, its heading naming both: "Short or tight".
  const hollow = spec.flags?.some((f) => f.hollow) && spec.hollowFlagLabel;
  if (spec.flags) header.push(`${spec.flagLabel ?? "Note"}${hollow ? ` or ${spec.hollowFlagLabel!.toLowerCase()}` : ""}`);
  const flagText = new Map((spec.flags ?? []).map((f) => [f.index, f.text]));
  const rows = spec.categories.map((c, i) => {
    const cells = [c.label, ...spec.layers.map((l) => chartNumber(l.values[i] ?? 0))];
    if (spec.line) cells.push(chartNumber(spec.line.values[i] ?? 0));
    if (spec.flags) cells.push(flagText.get(i) ?? "");
    return cells;
  });
  return [header, ...rows].map((r) => r.map(quoteCell).join(",")).join("\r\n") + "\r\n";
}

export const CHART_FORMATS = ["csv", "svg", "png"] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];
export const CHART_FORMAT_LABELS: Record<ChartFormat, string> = { csv: "Data (CSV)", svg: "Picture (SVG)", png: "Picture (PNG)" };
