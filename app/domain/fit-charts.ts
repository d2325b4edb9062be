import { shortMonth } from "./calendar";
import { chartNumber, type ChartFlag, type ChartSpec } from "./charts";
import { noStartWithin, START_SEARCH_NAMES, type SearchWindow } from "./fit-words";
import { DEFAULT_TIGHT_HEADROOM, type FitLevel } from "./capacity";
import { plural } from "./plural";

/*
 * The Fit page's pictures (docs/domain.md §8.11): each role's demand against what is free after
 * confirmed bookings, month by month, with the start its search found on the time axis. Built from
 * the same heatmap cells as the table beneath them.
 */

/**
 * A role's months; `level` as the heatmap judges each (docs/domain.md §8.3), where it is known: a tight
 * month is marked too, and with what is free once tentative bookings go ahead (`freeAfterAll`) and the
 * role's capacity (`total`), it says why.
 */
export type FitChartRow = {
  role: string;
  label: string;
  cells: { month: string; needed: number; freeAfterConfirmed: number; level?: FitLevel; freeAfterAll?: number; total?: number }[];
};

const EPSILON = 1e-6;

/** Why a month is marked tight, in the words of the heatmap's level (docs/domain.md §8.3), where the cell does not say which. */
const TIGHT_WORDS = "tight: fits only without other engagements' tentative bookings, or with little to spare";

/**
 * Why this month is tight (docs/domain.md §8.3), as the chart's flag and its CSV say it (`long`) and the
 * figures beneath a method's chart, under "Tight" (`short`): other engagements' tentative bookings would
 * take what it needs ("1.86 FTE free if other engagements' tentative bookings go ahead"), or it would
 * leave less than a tenth of the role's capacity to spare.
 */
export function tightWords(c: FitChartRow["cells"][number]): { long: string; short: string } {
  if (c.freeAfterAll === undefined) return { long: TIGHT_WORDS, short: "Tight" };
  if (c.needed > c.freeAfterAll + EPSILON) {
    const free = chartNumber(c.freeAfterAll);
    return { long: `tight: ${free} FTE free if other engagements' tentative bookings go ahead`, short: `${free} free if tentative bookings go ahead` };
  }
  const spare = c.total ? Math.max(0, Math.round(((c.freeAfterAll - c.needed) / c.total) * 100)) : 0;
  const left = spare > 0 ? `only ${spare}%` : "none";
  return {
    long: `tight: ${left} of the role's capacity left to spare once tentative bookings go ahead, under ${Math.round(DEFAULT_TIGHT_HEADROOM * 100)}%`,
    short: `${left} to spare`,
  };
}

/** Each search's start in the chart's words, as the text beside the chart names it (docs/domain.md §8.3). */
const SEARCH_WORDS = {
  method: { marker: START_SEARCH_NAMES.method, named: "The nearest start with room to spare for its template timeline" },
  plan: { marker: START_SEARCH_NAMES.plan, named: "The earliest fully staffed start for this plan" },
} as const;

/**
 * One role's chart of the plan. `searched`: the months the search for the earliest fully staffed start
 * tried, named when none of them fits. For a site joining an open collaborative (`joining`, docs/domain.md
 * §2.5) no other start is tried: the collaborative's dates set the plan's, so the line marks where its
 * prework starts (the chart's first month) instead of an earliest start.
 */
export function fitChart(
  row: FitChartRow,
  earliestStart: string | null,
  searched: SearchWindow,
  id: string,
  joining: { title: string | null } | null = null,
  approved = false
): ChartSpec {
  return roleChart(row, earliestStart, searched, id, "plan", joining, approved);
}

/**
 * A start no search moved, as a chart marks and says it (docs/domain.md §8.3): an approved engagement's
 * (its plan's first month; a method's chart marks none), or the dates of the open collaborative a site
 * joins (§2.5, where its prework starts). Null when the chart marks the start its search found.
 */
function fixedStart(
  first: string | undefined,
  search: keyof typeof SEARCH_WORDS,
  joining: { title: string | null } | null,
  approved: boolean
): { marked: boolean; label: string; words: string } | null {
  if (approved) {
    const marked = search === "plan" && first !== undefined;
    return {
      marked,
      label: "Approved start",
      words: marked
        ? `The engagement is approved to start in ${shortMonth(first!)}, marked with a dashed line: no other start is tried.`
        : "The engagement is approved: no other start is tried.",
    };
  }
  if (!joining) return null;
  const theirs = joining.title ? `the ${joining.title}` : "the open collaborative it joins";
  return {
    marked: first !== undefined,
    label: "Prework starts",
    words: first
      ? `Its dates are those of ${theirs}: prework starts in ${shortMonth(
          first
        )}, marked with a dashed line, ahead of the learning session at which the site joins. No other start is tried.`
      : `Its dates are those of ${theirs}: no other start is tried.`,
  };
}

function roleChart(
  row: FitChartRow,
  earliestStart: string | null,
  searched: SearchWindow,
  id: string,
  search: keyof typeof SEARCH_WORDS,
  joining: { title: string | null } | null,
  approved = false
): ChartSpec {
  const words = SEARCH_WORDS[search];
  const marks = row.cells.map(markOf);
  const flags: ChartFlag[] = marks.flatMap((m, i) =>
    m.short ? [{ index: i, text: `short by ${chartNumber(m.short)} FTE` }] : m.tight ? [{ index: i, text: tightWords(row.cells[i]!).long, hollow: true }] : []
  );
  const short = marks.filter((m) => m.short).length;
  const tight = marks.filter((m) => m.tight).length;
  const fixed = fixedStart(row.cells[0]?.month, search, joining, approved);
  // A fixed start is the chart's first month; a start found is wherever it falls in the chart, if it does.
  const at = fixed ? (fixed.marked ? 0 : -1) : earliestStart ? row.cells.findIndex((c) => c.month === earliestStart) : -1;
  const start = fixed
    ? fixed.words
    : !earliestStart
    ? `${words.named}: ${noStartWithin(searched)}.`
    : at >= 0
    ? `${words.named}, ${shortMonth(earliestStart)}, is marked with a dashed line.`
    : `${words.named} is ${shortMonth(earliestStart)}.`;
  return {
    id: `${id}-${row.role}`,
    title: `${row.label}: demand against free capacity`,
    description:
      `Bars: FTE of ${row.label} this engagement needs each month. Line: FTE free after other engagements' confirmed bookings. ` +
      (short ? `Short in ${plural(short, "month")}, marked with a triangle. ` : tight ? "" : "Enough is free every month. ") +
      (tight
        ? `Tight in ${plural(tight, "month")}, marked with an outlined triangle: ${
            short ? "there" : "enough is free after confirmed bookings, but"
          } it fits only without other engagements' tentative bookings, or with little to spare. `
        : "") +
      start,
    categoryName: "Month",
    categories: row.cells.map((c) => ({ key: c.month, label: shortMonth(c.month) })),
    layers: [{ key: "needed", label: "Needed", fill: "dots", values: row.cells.map((c) => c.needed) }],
    line: { label: "Free after confirmed", values: row.cells.map((c) => c.freeAfterConfirmed) },
    flags,
    flagLabel: "Short",
    hollowFlagLabel: "Tight",
    marker: at >= 0 ? { index: at, label: fixed?.label ?? words.marker } : undefined,
    unit: "FTE",
    size: "small",
  };
}

/*
 * One small picture per candidate method (docs/domain.md §8.11): the method's template demand at
 * the desired start, in the role it turns on, against that role's free capacity, with the method's
 * own nearest start with room to spare on the time axis.
 */

/** The months a method's chart spans: its demand, widened to take in its nearest start with room to spare. */
export function methodChartMonths(demandMonths: string[], earliestStart: string | null): { from: string; to: string } | null {
  const months = [...demandMonths, ...(earliestStart ? [earliestStart] : [])].sort();
  return months.length ? { from: months[0]!, to: months[months.length - 1]! } : null;
}

/**
 * The role with the least to spare: the largest shortfall in its worst month; where no role is short,
 * a role with a tight month before one without (the verdict beside the chart is then Tight, and its
 * picture shows why), the thinnest margin first; the first such in role order.
 */
export function tightestRole<R extends FitChartRow>(rows: R[]): R | null {
  let best: R | null = null;
  let worst = { short: false, tight: false, gap: -Infinity };
  for (const r of rows) {
    const needing = r.cells.filter((c) => c.needed > EPSILON);
    if (!needing.length) continue;
    const gap = Math.max(...needing.map((c) => c.needed - c.freeAfterConfirmed));
    const short = gap > EPSILON;
    const tight = needing.some((c) => c.level === "tight");
    const worse = short !== worst.short ? short : !short && tight !== worst.tight ? tight : gap > worst.gap + EPSILON;
    if (worse) {
      best = r;
      worst = { short, tight, gap };
    }
  }
  return best;
}

/**
 * How a month is marked (docs/domain.md §8.3): short, by how much, where the line is below the bar;
 * else tight where the heatmap says so although the bar fits under the line (the room is there only
 * while other engagements' tentative bookings do not go ahead, or is thin).
 */
function markOf(c: FitChartRow["cells"][number]): { short: number; tight: boolean } {
  const short = c.needed - c.freeAfterConfirmed > EPSILON ? c.needed - c.freeAfterConfirmed : 0;
  return { short, tight: !short && c.level === "tight" };
}

/**
 * The figures under a method's chart, month by month: the same numbers and marks the chart draws, a
 * tight month with why, under "Tight" ("1.86 free if tentative bookings go ahead", "only 9% to spare");
 * null in the others.
 */
export function fitFigures(row: FitChartRow): { month: string; label: string; needed: number; free: number; short: number; tight: string | null }[] {
  return row.cells.map((c) => {
    const { short, tight } = markOf(c);
    return { month: c.month, label: shortMonth(c.month), needed: c.needed, free: c.freeAfterConfirmed, short, tight: tight ? tightWords(c).short : null };
  });
}

/**
 * A candidate method's small chart. `verdict`: the role-months short and tight that the card's verdict
 * counts, in every role; those the chart's one role does not show are said to be in other roles, so
 * the picture never reads as the whole of the verdict when it is not.
 */
export function methodFitChart(
  method: { key: string; label: string },
  row: FitChartRow,
  earliestStart: string | null,
  desiredStart: string,
  searched: SearchWindow,
  approved = false,
  verdict?: { short: number; tight: number }
): ChartSpec {
  const spec = roleChart(row, earliestStart, searched, `fit-method-${method.key}`, "method", null, approved);
  const shown = { short: spec.flags?.filter((f) => !f.hollow).length ?? 0, tight: spec.flags?.filter((f) => f.hollow).length ?? 0 };
  const more = verdict ? { short: Math.max(0, verdict.short - shown.short), tight: Math.max(0, verdict.tight - shown.tight) } : { short: 0, tight: 0 };
  const elsewhere = [
    ...(more.short ? [`short in ${plural(more.short, "more role-month")}`] : []),
    ...(more.tight ? [`tight in ${plural(more.tight, "more role-month")}`] : []),
  ];
  return {
    ...spec,
    id: `fit-method-${method.key}`,
    // The card around the chart names the method; the title stays short enough to be drawn whole.
    title: spec.title,
    description:
      `${method.label} if started in ${shortMonth(desiredStart)}, in the role with least to spare. ${spec.description}` +
      (elsewhere.length ? ` Other roles are ${elsewhere.join(" and ")}.` : ""),
  };
}
