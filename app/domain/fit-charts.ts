import { chartNumber, type ChartFlag, type ChartSpec } from "./charts";
import { shortMonth } from "./portfolio";
import { noStartWithin, type SearchWindow } from "./fit-words";

/*
 * The Fit page's pictures (docs/domain.md §8.11): each role's demand against what is free after
 * confirmed bookings, month by month, with the earliest feasible start on the time axis. Built from
 * the same heatmap cells as the table beneath them.
 */

export type FitChartRow = { role: string; label: string; cells: { month: string; needed: number; freeAfterConfirmed: number }[] };

const EPSILON = 1e-6;

/**
 * One role's chart of the plan. `searched`: the months the search for the earliest start tried, named
 * when none of them fits. For a site joining an open collaborative (`joining`, docs/domain.md §2.5) no
 * other start is tried: the collaborative's dates set the plan's, so the line marks where its prework
 * starts (the chart's first month) instead of an earliest start.
 */
export function fitChart(
  row: FitChartRow,
  earliestStart: string | null,
  searched: SearchWindow,
  id: string,
  joining: { title: string | null } | null = null
): ChartSpec {
  const flags: ChartFlag[] = row.cells.flatMap((c, i) =>
    c.needed - c.freeAfterConfirmed > EPSILON ? [{ index: i, text: `short by ${chartNumber(c.needed - c.freeAfterConfirmed)} FTE` }] : []
  );
  const first = row.cells[0]?.month;
  const at = joining ? (first ? 0 : -1) : earliestStart ? row.cells.findIndex((c) => c.month === earliestStart) : -1;
  const start = joining
    ? first
      ? `Its dates are those of ${joining.title ? `the ${joining.title}` : "the open collaborative it joins"}: prework starts in ${shortMonth(
          first
        )}, marked with a dashed line, ahead of the learning session at which the site joins. No other start is tried.`
      : `Its dates are those of ${joining.title ? `the ${joining.title}` : "the open collaborative it joins"}: no other start is tried.`
    : !earliestStart
    ? `No start fits (${noStartWithin(searched)}).`
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
    marker: at >= 0 ? { index: at, label: joining ? "Prework starts" : "Earliest start" } : undefined,
    unit: "FTE",
    size: "small",
  };
}

/*
 * One small picture per candidate method (docs/domain.md §8.11): the method's template demand at
 * the desired start, in the role it turns on, against that role's free capacity, with the method's
 * own earliest start on the time axis.
 */

/** The months a method's chart spans: its demand, widened to take in its earliest start. */
export function methodChartMonths(demandMonths: string[], earliestStart: string | null): { from: string; to: string } | null {
  const months = [...demandMonths, ...(earliestStart ? [earliestStart] : [])].sort();
  return months.length ? { from: months[0]!, to: months[months.length - 1]! } : null;
}

/** The role with the least to spare in its worst month (the largest shortfall, else the thinnest margin); the first such in role order. */
export function tightestRole<R extends FitChartRow>(rows: R[]): R | null {
  let best: R | null = null;
  let worst = -Infinity;
  for (const r of rows) {
    const needing = r.cells.filter((c) => c.needed > EPSILON);
    if (!needing.length) continue;
    const gap = Math.max(...needing.map((c) => c.needed - c.freeAfterConfirmed));
    if (gap > worst + EPSILON) {
      best = r;
      worst = gap;
    }
  }
  return best;
}

/** The figures under a method's chart, month by month: the same numbers the chart draws. */
export function fitFigures(row: FitChartRow): { month: string; label: string; needed: number; free: number; short: number }[] {
  return row.cells.map((c) => ({
    month: c.month,
    label: shortMonth(c.month),
    needed: c.needed,
    free: c.freeAfterConfirmed,
    short: c.needed - c.freeAfterConfirmed > EPSILON ? c.needed - c.freeAfterConfirmed : 0,
  }));
}

export function methodFitChart(
  method: { key: string; label: string },
  row: FitChartRow,
  earliestStart: string | null,
  desiredStart: string,
  searched: SearchWindow
): ChartSpec {
  const spec = fitChart(row, earliestStart, searched, `fit-method-${method.key}`);
  return {
    ...spec,
    id: `fit-method-${method.key}`,
    // The card around the chart names the method; the title stays short enough to be drawn whole.
    title: spec.title,
    description: `${method.label} if started in ${shortMonth(desiredStart)}, in the role with least to spare. ${spec.description}`,
  };
}
