import { shortMonth } from "./calendar";
import { chartNumber, type ChartFlag, type ChartSpec } from "./charts";
import { PIPELINE_METHODS, PIPELINE_METHOD_LABELS, type Pipeline, type PortfolioCapacity } from "./portfolio";
import { formatCount } from "./plural";

/*
 * The portfolio's pictures (docs/domain.md §8.11), built from the same view as its tables: the
 * capacity heatmap's cells and the pipeline's counts.
 */

const EPSILON = 1e-6;

/** The role the capacity chart shows: the one asked for if the portfolio has it, else the first with a month over capacity, else the first. */
export function chartRole(capacity: PortfolioCapacity, asked: string | null): string | null {
  if (asked && capacity.rows.some((r) => r.role === asked)) return asked;
  const troubled = capacity.rows.find((r) => r.cells.some((c) => c.level === "over" || c.overIfTentative));
  return (troubled ?? capacity.rows[0])?.role ?? null;
}

/** One role's FTE available as a line, confirmed and tentative bookings stacked beneath, months over capacity marked. */
export function capacityChart(capacity: PortfolioCapacity, role: string): ChartSpec | null {
  const row = capacity.rows.find((r) => r.role === role);
  if (!row) return null;
  const flags: ChartFlag[] = [];
  row.cells.forEach((c, i) => {
    const over = c.confirmed + c.tentative - c.capacity;
    if (c.level === "over") flags.push({ index: i, text: `over capacity by ${chartNumber(c.confirmed - c.capacity)} FTE on confirmed bookings alone` });
    else if (over > EPSILON) flags.push({ index: i, text: `over capacity by ${chartNumber(over)} FTE if the tentative bookings go ahead` });
  });
  const first = capacity.months[0];
  const last = capacity.months[capacity.months.length - 1];
  const span = first && last ? ` from ${shortMonth(first)} to ${shortMonth(last)}` : "";
  return {
    id: `capacity-${role}`,
    title: `${row.label}: FTE available and booked by month`,
    description:
      `Bars: FTE of ${row.label} booked each month${span}, confirmed (solid) with tentative (striped) stacked on top. ` +
      `Line: FTE available on the roster. ` +
      (flags.length ? `${flags.length} month${flags.length === 1 ? " goes" : "s go"} over capacity, marked with a triangle.` : "No month goes over capacity."),
    categoryName: "Month",
    categories: row.cells.map((c) => ({ key: c.month, label: shortMonth(c.month) })),
    layers: [
      { key: "confirmed", label: "Confirmed", fill: "solid", values: row.cells.map((c) => c.confirmed) },
      { key: "tentative", label: "Tentative", fill: "hatch", values: row.cells.map((c) => c.tentative) },
    ],
    line: { label: "Available", values: row.cells.map((c) => c.capacity) },
    flags,
    flagLabel: "Over capacity",
    unit: "FTE",
  };
}

/** Engagements in each stage, stacked by the method chosen for them. */
export function pipelineChart(p: Pipeline<unknown>): ChartSpec {
  const fills = { collaborative: "solid", campaign: "dots", tailored: "hatch", not_chosen: "cross" } as const;
  return {
    id: "pipeline",
    title: "Engagements by stage and method",
    description: `Bars: the number of engagements in each stage, ${formatCount(
      p.total
    )} in all, stacked by the method chosen for them (each method with its own pattern).`,
    categoryName: "Stage",
    categories: p.rows.map((r) => ({ key: r.stage, label: r.label })),
    layers: PIPELINE_METHODS.map((m) => ({ key: m, label: PIPELINE_METHOD_LABELS[m], fill: fills[m], values: p.rows.map((r) => r.counts[m]) })),
    unit: "engagements",
  };
}
