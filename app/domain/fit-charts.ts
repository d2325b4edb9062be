import { chartNumber, type ChartFlag, type ChartSpec } from "./charts";
import { shortMonth } from "./portfolio";

/*
 * The Fit page's pictures (docs/domain.md §8.11): each role's demand against what is free after
 * confirmed bookings, month by month, with the earliest feasible start on the time axis. Built from
 * the same heatmap cells as the table beneath them.
 */

export type FitChartRow = { role: string; label: string; cells: { month: string; needed: number; freeAfterConfirmed: number }[] };

const EPSILON = 1e-6;

export function fitChart(row: FitChartRow, earliestStart: string | null, id: string): ChartSpec {
  const flags: ChartFlag[] = row.cells.flatMap((c, i) =>
    c.needed - c.freeAfterConfirmed > EPSILON ? [{ index: i, text: `short by ${chartNumber(c.needed - c.freeAfterConfirmed)} FTE` }] : []
  );
  const at = earliestStart ? row.cells.findIndex((c) => c.month === earliestStart) : -1;
  const start = !earliestStart
    ? "No start within the next 24 months fits."
    : at >= 0
    ? `The earliest start that fits, ${shortMonth(earliestStart)}, is marked with a dashed line.`
    : `The earliest start that fits is ${shortMonth(earliestStart)}.`;
  return {
    id: `${id}-${row.role}`,
    title: `${row.label}: demand against free capacity`,
    description:
      `Bars: FTE of ${row.label} this engagement needs each month. Line: FTE free after other engagements' confirmed bookings. ` +
      (flags.length ? `Short in ${flags.length} month${flags.length === 1 ? "" : "s"}, marked with a triangle. ` : "Enough is free every month. ") +
      start,
    categoryName: "Month",
    categories: row.cells.map((c) => ({ key: c.month, label: shortMonth(c.month) })),
    layers: [{ key: "needed", label: "Needed", fill: "dots", values: row.cells.map((c) => c.needed) }],
    line: { label: "Free after confirmed", values: row.cells.map((c) => c.freeAfterConfirmed) },
    flags,
    flagLabel: "Short",
    marker: at >= 0 ? { index: at, label: "Earliest start" } : undefined,
    unit: "FTE",
    size: "small",
  };
}
