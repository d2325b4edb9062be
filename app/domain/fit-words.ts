/**
 * The Fit page's words for a fit already worked out: shortfalls one line per role, the plan's badge,
 * and the months a search for a start tried (docs/domain.md §8.3, §8.6). Apart from ./resource-fit,
 * which works the fit out, so that a page showing these words loads none of the search.
 */
import { DEFAULT_TIGHT_HEADROOM, FIT_VERDICT_LABELS, fteFigure, roleLabel, type FitVerdict } from "./capacity";
import { addMonthsToMonth, formatMonth, type Month } from "./calendar";
import type { StaffRole } from "./roster-forms";
import type { Shortfall, TightSpot } from "./resource-fit";
import type { TimeCheck } from "./timeline-constraints";
import { plural } from "./plural";

const round = (n: number) => Math.round(n * 1000) / 1000;

export type RoleShortfall = { role: string; months: Month[]; maxGap: number; description: string };

/** Consecutive months as ranges: "September 2027 to February 2028, May 2028". */
function monthRuns(months: Month[]): string {
  const runs: [Month, Month][] = [];
  for (const m of [...months].sort()) {
    const last = runs[runs.length - 1];
    if (last && addMonthsToMonth(last[1], 1) === m) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => (a === b ? formatMonth(a) : `${formatMonth(a)} to ${formatMonth(b)}`)).join(", ");
}

/** Months' findings grouped by role, each role's in month order, roles in the order of their first month. */
function byRoleInMonthOrder<T extends { role: string; month: Month }>(items: readonly T[]): [string, T[]][] {
  const byRole = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))) {
    const list = byRole.get(item.role);
    if (list) list.push(item);
    else byRole.set(item.role, [item]);
  }
  return [...byRole];
}

/** Shortfalls one line per role, in the order of the first month each role runs short. */
export function shortfallsByRole(shortfalls: Shortfall[], roles?: StaffRole[]): RoleShortfall[] {
  return byRoleInMonthOrder(shortfalls).map(([role, list]) => {
    const months = [...new Set(list.map((s) => s.month))];
    const maxGap = round(Math.max(...list.map((s) => s.gap)));
    const who = roleLabel(roles, role, true);
    const description =
      months.length === 1
        ? `${who} short by ${fteFigure(maxGap)} FTE in ${formatMonth(months[0]!)}`
        : `${who} short by up to ${fteFigure(maxGap)} FTE in ${months.length} months: ${monthRuns(months)}`;
    return { role, months, maxGap, description };
  });
}

/**
 * Tight months one line per role, in the order of the first month each role is tight, each with why
 * (docs/domain.md §8.3): other engagements' tentative bookings would take what the plan needs ("2 FTE
 * needed, 1.86 free if they go ahead"), or it would leave less than a tenth of the role's capacity.
 */
export function tightByRole(spots: TightSpot[], roles?: StaffRole[], headroom = DEFAULT_TIGHT_HEADROOM): { role: string; description: string }[] {
  return byRoleInMonthOrder(spots).map(([role, list]) => {
    if (list.length === 1) return { role, description: list[0]!.description };
    const tentative = list.filter((s) => s.reason === "tentative");
    const thin = list.length - tentative.length;
    const least = tentative.length ? Math.min(...tentative.map((s) => s.freeAfterAll)) : 0;
    const why = [
      tentative.length
        ? `only if other engagements' tentative bookings do not go ahead${thin ? ` (${plural(tentative.length, "month")})` : ""}: as little as ${fteFigure(
            round(Math.max(0, least))
          )} FTE free if they do, against up to ${fteFigure(round(Math.max(...tentative.map((s) => s.needed))))} needed`
        : null,
      thin ? `with less than ${Math.round(headroom * 100)}% of their capacity to spare${tentative.length ? ` (${plural(thin, "month")})` : ""}` : null,
    ].filter(Boolean);
    return {
      role,
      description: `${roleLabel(roles, role, true)} in ${list.length} months, ${monthRuns(list.map((s) => s.month))}, fit ${why.join("; or ")}`,
    };
  });
}

/**
 * The plan's verdict in one badge (docs/domain.md §8.3, §8.6). Whether our staff can take it on and
 * whether it keeps the partner's time are two questions; the badge answers both whenever the time is
 * not kept, so that it never reads as all-clear above a plan that misses the partner's deadline or
 * longest duration. `apart` says both in a sentence, for beside the badge.
 */
export function planVerdict(staff: FitVerdict, keepsTime: boolean): { label: string; tone: "success" | "warning" | "danger"; apart: string | null } {
  if (keepsTime) return { label: FIT_VERDICT_LABELS[staff], tone: staff === "fits" ? "success" : staff === "tight" ? "warning" : "danger", apart: null };
  const ours = {
    fits: "our staff can take it on as planned",
    tight: "our staff can take it on with little to spare",
    does_not_fit: "our staff cannot take it on as planned",
  }[staff];
  return {
    label: {
      fits: "Fits our staff; over the partner's time",
      tight: "Tight for our staff; over the partner's time",
      does_not_fit: "Does not fit our staff; over the partner's time",
    }[staff],
    tone: staff === "does_not_fit" ? "danger" : "warning",
    apart: `${ours.charAt(0).toUpperCase()}${ours.slice(1)}, ${staff === "does_not_fit" ? "and" : "but"} the plan cannot keep the partner's time.`,
  };
}

/**
 * The names of the two searches for a start with room to spare (docs/domain.md §8.3), as the Fit page's
 * text and the marks on its charts both say them: each method's, on its template timeline from the
 * desired start, and the plan's, on its own timeline as it stands.
 */
export const START_SEARCH_NAMES = { method: "Nearest start with room to spare", plan: "Earliest fully staffed start" } as const;

/** How far ahead of this month the searches for a start look, this month included. */
export const SEARCH_MONTHS = 24;

/**
 * The months a search for a start tries: from `notBefore` (the partner's desired start, or the plan's
 * own), or this month if that is past, to the last of the `withinMonths` counted from this month.
 * Empty (`from` after `to`) when the start asked for lies beyond them.
 */
export type SearchWindow = { from: Month; to: Month };

export function searchWindow(today: Month, notBefore?: Month | null, withinMonths: number = SEARCH_MONTHS): SearchWindow {
  return { from: notBefore && notBefore > today ? notBefore : today, to: addMonthsToMonth(today, withinMonths - 1) };
}

/**
 * Where a search for a start began, after the search's name: "at or after the desired start", or,
 * when that start has passed, "from this month, the desired start (September 2026) having passed", so
 * that a month found is never read as the start asked for moved by our staff (docs/domain.md §8.3).
 * `which` names the start: the partner's desired one, or the plan's own.
 */
export function searchFromWords(asked: Month, window: SearchWindow, which: "the desired start" | "its start"): string {
  return window.from === asked ? `at or after ${which}` : `from this month, ${which} (${formatMonth(asked)}) having passed`;
}

/**
 * In place of a search for a start, for an approved engagement (docs/domain.md §8.3): its start is
 * settled, so the Fit page judges the plan where it stands and looks for no other month.
 */
export function approvedStartWords(start: Month): string {
  return `${formatMonth(start)}, as approved: the start is settled, so no other is looked for`;
}

/** What the Fit page says when no start in the months searched has room to spare: those months, from where the search began. */
export function noStartWithin(window: SearchWindow): string {
  if (window.from > window.to)
    return `none looked for: the search looks ${SEARCH_MONTHS} months ahead, to ${formatMonth(window.to)}, and this start is after that`;
  if (window.from === window.to) return `none in ${formatMonth(window.from)}, the only month searched`;
  return `none from ${formatMonth(window.from)} to ${formatMonth(window.to)}`;
}

/** In place of a fit's verdict for a start beyond the months searched (farAheadWords says why). */
export const FAR_AHEAD_BADGE = "Too far ahead to judge";

/**
 * Said beside a fit for a start beyond the months searched: that far ahead nothing is booked yet and
 * the roster is today's, so "fits" there says little. Null for a start within them.
 */
export function farAheadWords(start: Month, window: SearchWindow): string | null {
  if (start <= window.to) return null;
  return `The start, ${formatMonth(start)}, is after ${formatMonth(
    window.to
  )}, the last of the ${SEARCH_MONTHS} months ahead that capacity is judged for. That far ahead nothing is booked yet and the roster is today's, so a fit there says little: judge capacity again nearer the time.`;
}

/**
 * The deadline a start is judged too late for (docs/domain.md §8.6): the hard deadline, or the last day
 * of the month the aim names when there is no hard deadline or the aim's date comes sooner.
 */
export type BindingDeadline = TimeCheck["deadline"];

/**
 * Said of a start that would put the plan's deadline point after the deadline that binds: the
 * partner's deadline when they set one, else the aim's date, never a deadline they did not set.
 */
export function tooLateFor(deadline: BindingDeadline | undefined): string {
  return `too late to ${deadlineGoal(deadline)}`;
}

/** What the deadline that binds asks of a plan: "meet the aim by August 2028", or "keep the partner's deadline". */
function deadlineGoal(deadline: BindingDeadline | undefined): string {
  return deadline?.from === "aim" ? `meet the aim by ${formatMonth(deadline.date.slice(0, 7))}` : "keep the partner's deadline";
}

/**
 * Said after a start found for a plan that would end past the deadline that binds. When the plan would
 * end past it even from the first month the search tried (`tooLongFromFirst`), our staff are not what
 * makes it late: the plan itself is longer than the time to the deadline, and the words say so rather
 * than read as a wait for staff.
 */
export function lateStartWords(deadline: BindingDeadline | undefined, start: Month, searched: SearchWindow, tooLongFromFirst: boolean): string {
  if (!tooLongFromFirst) return tooLateFor(deadline);
  const goal = deadlineGoal(deadline);
  return start === searched.from
    ? `but even from then the plan takes too long to ${goal}`
    : `but the plan takes too long to ${goal} even from ${formatMonth(searched.from)}`;
}

/**
 * Beside the plan's earliest fully staffed start, when its method's template timeline has another
 * nearest start with room to spare (docs/domain.md §8.3): the two are different searches, and a leader
 * reading both is told which is which. Null when they agree.
 */
export function startsApartWords(template: Month | null, plan: Month | null, searched: SearchWindow): string | null {
  if (template === plan) return null;
  return `The method's template timeline, above, has its nearest start with room to spare ${
    template ? `in ${formatMonth(template)}` : `nowhere in the months searched (${noStartWithin(searched)})`
  }: this plan is judged on its own timeline as it stands, with its edits, levers and start, so its earliest fully staffed start differs.`;
}

/** A start before the desired one, said apart from the nearest later one, with why it is offered. */
export function earlierStartWords(earlier: Month, nearest: Month | null, window: SearchWindow, deadline?: BindingDeadline): string {
  const why = nearest ? `the nearest later start would be ${tooLateFor(deadline)}` : `no later start up to ${formatMonth(window.to)} has room to spare`;
  return `Starting earlier, in ${formatMonth(earlier)}, would fit with room to spare: ${why}.`;
}
