import {
  addDays,
  addMonthsToMonth,
  afterTodayWords,
  calendarMonths,
  daysBetween,
  describeMonths,
  formatDate,
  formatMonth,
  isIsoDate,
  isMonth,
  lastDayOf,
  monthOf,
  monthsBetween,
  monthsPast,
  monthsUntil,
  type IsoDate,
  type Month,
} from "./calendar";
import { collaborativeWaves, collaborativeWavesWords, COLLABORATIVE_MAX_TEAMS, METHOD_LABELS, METHOD_NOUNS, type Method } from "./methods";
import type { MethodVariant } from "./method-variants";
import { plural } from "./plural";
import { ofName, possessive, sentenceStart } from "./text";
import { shortName } from "./short-names";
import { OPEN_STAGES, type Stage } from "./workflow";
import { findItem, finishOf, timelineEnd, timelineStart, wholeMonths, type Timeline, type TimelineItem } from "./timeline";

/*
 * Time as the partner gave it (docs/domain.md §8.6): the longest duration they can commit to, a hard
 * deadline and the date their aim names. One rule for every method: the whole plan, planning phases
 * included, fits the longest duration; the method's deadline point (the end of its span: a campaign's
 * deadline event, a collaborative's congress, a tailored initiative's hand-over) falls on or before the
 * earlier of the hard deadline and the end of the aim's month. When that cannot hold, the check says by
 * how much and what the manager can do about it.
 */

export type TimeLimits = {
  /** Longest duration the partner can commit to, in months, for the whole plan. */
  horizonMonths: number | null;
  /** YYYY-MM-DD. */
  hardDeadline: IsoDate | null;
  /** YYYY-MM: the aim's "by when". */
  aimBy: Month | null;
};

export const NO_LIMITS: TimeLimits = { horizonMonths: null, hardDeadline: null, aimBy: null };

export type TimeOverrun = {
  kind: "duration" | "deadline";
  months: number;
  /** The overrun in full, with its figures in brackets: "it runs 8 months over … (28 months in all, planning included)". */
  text: string;
  /** The same in a few words, without brackets, for a sentence that already names the plan: "8 months over their longest duration of 20 months". */
  brief: string;
};

export type TimeChoice = {
  kind: "shorter_planning" | "shorter_span" | "earlier_start" | "another_collaborative" | "accept_overrun" | "another_method";
  text: string;
  /**
   * Where the manager finds what the choice needs, as a link after the text: a page of the engagement and
   * a place on it; `here` is the link's words when the check is shown on that page itself (the Fit page
   * shows it; the Method page never does).
   */
  link?: { page: "method"; anchor: string; text: string } | { page: "fit"; anchor: string; text: string; here: string };
};

export type TimeCheck = {
  /** True when every limit the partner gave holds (also when they gave none). */
  holds: boolean;
  /** The partner gave at least one limit. */
  limited: boolean;
  /** The whole plan, first day to the day after its last, in months (one decimal). */
  totalMonths: number;
  /** The binding deadline for the method's deadline point, and where it comes from. */
  deadline: { date: IsoDate; from: "hard_deadline" | "aim" } | null;
  /** The method's deadline point: the item its span ends with. */
  deadlineItem: { id: string; label: string; date: IsoDate };
  overruns: TimeOverrun[];
  /** What the manager can do, when it does not hold; empty when it does. */
  choices: TimeChoice[];
  /** One or two sentences in plain words. */
  summary: string;
  /**
   * When the plan runs past the partner's time, and the partner agreed to it running that far past
   * (agreementCovers): the day they agreed. Absent from checks frozen before agreements were kept.
   */
  agreed?: { on: IsoDate } | null;
};

/** What the Timeline and Fit pages show of a time check (`TimeCheckView`): its words, its choices, and whether the partner agreed to the overrun. */
export type TimeCheckShown = Pick<TimeCheck, "holds" | "limited" | "summary" | "choices"> & { agreed: { on: IsoDate } | null };

/** A time check as the pages show it, the same on the Timeline and Fit pages. */
export function timeCheckShown(check: TimeCheck): TimeCheckShown {
  return { holds: check.holds, limited: check.limited, summary: check.summary, choices: check.choices, agreed: check.agreed ?? null };
}

/** The partner's agreement to a plan that runs past their time, as recorded (docs/domain.md §8.6). */
export type OverrunAgreement = {
  /** The partner's time as it was when they agreed. */
  limits: TimeLimits;
  /** How far past each limit the plan ran then, in months (0 within it). */
  durationMonths: number;
  deadlineMonths: number;
  /** The day they agreed, as the manager gave it (never after the day it was recorded). */
  agreedOn: IsoDate;
};

/**
 * Why the day given for the partner's agreement to an overrun is refused, or null (docs/domain.md
 * §8.6): never a day still to come, nor one before the engagement was started, when there was no plan
 * for them to agree to. `today` and `startedOn` are YYYY-MM-DD.
 */
export function agreedOnProblem(agreedOn: IsoDate, { today, startedOn }: { today: IsoDate; startedOn: IsoDate }): string | null {
  const afterToday = afterTodayWords("The day they agreed", agreedOn, today);
  if (afterToday) return `${afterToday}.`;
  // Today is always taken: a clock pinned to a month before the engagement was started (PLANNER_TODAY) has no other day.
  return agreedOn < startedOn && agreedOn < today
    ? `The day they agreed cannot be before ${formatDate(startedOn)}, the day this engagement was started.`
    : null;
}

/**
 * Whether the partner's agreement covers a plan running `over` past `limits` (docs/domain.md §8.6):
 * their time is as it was when they agreed, and the plan runs no further past either limit than it did
 * then. A plan that runs less far past is covered; one a day further is not, nor any plan once the
 * partner's time changes.
 */
export function agreementCovers(
  agreement: OverrunAgreement | null | undefined,
  limits: TimeLimits,
  over: { durationMonths: number; deadlineMonths: number }
): boolean {
  if (!agreement) return false;
  return (
    sameLimits(agreement.limits, limits) &&
    over.durationMonths <= agreement.durationMonths + EPSILON &&
    over.deadlineMonths <= agreement.deadlineMonths + EPSILON
  );
}

/** Whether the partner's time is as it was: the same longest duration, hard deadline and aim's month. */
function sameLimits(a: TimeLimits, b: TimeLimits): boolean {
  return a.horizonMonths === b.horizonMonths && a.hardDeadline === b.hardDeadline && a.aimBy === b.aimBy;
}

/** A plan's first item, when it is dated before today (docs/domain.md §8.6). */
export type StartPassed = { date: IsoDate; label: string };

/**
 * The plan's first item when it begins before `today`: a plan still to be agreed that a partner would
 * read as already under way (docs/domain.md §8.6). Null when it begins today or later.
 */
export function startPassed(timeline: Timeline, today: IsoDate): StartPassed | null {
  if (timeline.items.length === 0) return null;
  const start = timelineStart(timeline);
  const first = timeline.items.find((i) => i.start === start)!;
  return start < today ? { date: start, label: first.label } : null;
}

/** "The plan begins on 1 December 2026, with “Prework”, before today (5 December 2026): …", for staff's pages; null when it does not. */
export function startPassedWords(timeline: Timeline | null, today: IsoDate): string | null {
  const passed = timeline ? startPassed(timeline, today) : null;
  if (!passed) return null;
  return `The plan begins on ${formatDate(passed.date)}, with ${named(passed.label)}, before today (${formatDate(
    today
  )}): the partner would read a plan already under way.`;
}

/**
 * The same words while the engagement is still to be agreed; null once it is approved or declined (a
 * plan may then be dated as it happened). Reached through the timeline model, so that the rule stays
 * out of the pages' browser code.
 */
export function startPassedNotice(stage: Stage, timeline: Timeline | null, today: IsoDate): string | null {
  return OPEN_STAGES.includes(stage) ? startPassedWords(timeline, today) : null;
}

/**
 * What the proposal's risks say to the partner of a plan that runs past their time (docs/domain.md
 * §8.6): each overrun in the page's words, the partner named where the page says "the partner". Null
 * when the plan keeps their time, or the check was not recorded.
 */
export function overrunRisk(check: Pick<TimeCheck, "holds" | "overruns" | "agreed"> | null | undefined, partnerName: string): string | null {
  // Named in full at the start of the sentence, the partner is named after it by its short name ("Kestrel's longest duration"), as a
  // careful writer would (docs/domain.md §9.1): a name of one word is its own; where there is none, the overruns say "their", as our
  // staff's warnings do.
  const again = shortName(partnerName) ?? (/\s/.test(partnerName.trim()) ? null : partnerName.trim());
  const overruns = overrunsNamed(check, (again && possessive(again)) || "their");
  if (!overruns) return null;
  return check?.agreed
    ? `The plan runs past ${ofName(partnerName, "time")}: ${overruns}. ${sentenceStart(again ?? partnerName)} agreed to this on ${formatDate(check.agreed.on)}.`
    : `The plan runs past ${ofName(partnerName, "time")}: ${overruns}. Both parties agree to this, or the plan changes, before the proposal is agreed.`;
}

/**
 * What a recorded agreement that no longer covers the plan was to, and why it lapsed, for staff
 * (docs/domain.md §8.6): "The partner agreed on 6 December 2026 to the plan running 8 months over
 * their longest duration and 1 month past the hard deadline. It now runs further past their time, so …".
 */
export function lapsedAgreementWords(agreement: OverrunAgreement, limits: TimeLimits): string {
  // The deadline as the time check names it: the hard deadline, or the date the aim names when that comes first.
  const deadline = bindingDeadline(agreement.limits)?.from === "aim" ? "the date the aim names" : "the hard deadline";
  const agreedTo = [
    agreement.durationMonths > 0 ? `${describeMonths(agreement.durationMonths)} over their longest duration` : null,
    agreement.deadlineMonths > 0 ? `${describeMonths(agreement.deadlineMonths)} past ${deadline}` : null,
  ].filter((w): w is string => w !== null);
  return `The partner agreed on ${formatDate(agreement.agreedOn)} to the plan running ${listLabels(agreedTo)}. ${
    sameLimits(agreement.limits, limits) ? "It now runs further past their time" : "Their time has changed since"
  }, so that agreement no longer covers it: ask them again, or change the plan.`;
}

/**
 * Each way the plan runs past the partner's time, in full, "the partner's" in it said as `whose`
 * ("Kestrel's", or "their" where the partner was just named): "it runs 8 months over their longest
 * duration …". Null when the plan keeps their time.
 */
export function overrunsNamed(check: Pick<TimeCheck, "holds" | "overruns"> | null | undefined, whose: string): string | null {
  if (!check || check.holds || check.overruns.length === 0) return null;
  return listLabels(check.overruns.map((o) => o.text.replaceAll("the partner's", whose)));
}

/**
 * Another method's (or a form of it: docs/domain.md §2.5) shortest whole plan, for the "another method"
 * choice, and the shortest of its own span within it (the months the Method page gives its range in),
 * from and to the items that bound it.
 */
export type MethodLength = {
  method: Method;
  minMonths: number;
  /** In its shortest plan, the months of planning before its span begins (a campaign's design before its launch). */
  leadMonths?: number;
  /** A collaborative for more teams than one holds: how many waves they take (`collaborativeWaves`), run side by side on its one plan. */
  waves?: number;
  variant?: MethodVariant;
  span?: { months: number; from: string; to: string };
  /**
   * Whether the method's plan, generated at the plan's own start within the partner's time, keeps it
   * (its span shortened as far as its range allows): the same judgement its own timeline would be given.
   * Unknown: its shortest whole plan is compared with the time from the start to the deadline.
   */
  keeps?: boolean;
  /**
   * Whether its core can keep the partner's time at that start: its span at its minimum within the months
   * the partner's time gives (`partnerTime`), its planning and follow-on aside.
   */
  fits?: boolean;
  /** The item its span ends with in that plan, as the plan names it, and the day it is held. */
  deadlinePoint?: DeadlinePoint;
};

/** The item a plan's span ends with (a campaign's deadline event), as the plan names it, and the day it is held. */
export type DeadlinePoint = { label: string; date: IsoDate };

export function deadlinePointOf(timeline: Timeline): DeadlinePoint {
  const item = findItem(timeline, timeline.span.to);
  return { label: item.label, date: item.start };
}

export type TimeCheckOptions = {
  /** The partner's agreement to an overrun, if one is recorded: the check says whether it covers this plan. */
  agreement?: OverrunAgreement | null;
  /** This month: no start before it is offered. Without it, any earlier start is. */
  today?: Month;
  /**
   * The plan is a site joining an open collaborative (docs/domain.md §2.5): its learning sessions and
   * closing session are that collaborative's own dates, which the plan can neither move nor shorten.
   */
  joining?: { title: string | null } | null;
  /** The form of its method the plan is (docs/domain.md §2.5): another form of the same method is another choice, the plan's own is not. */
  variant?: MethodVariant | null;
};

const EPSILON = 0.001;
const A_VARIANT: Record<MethodVariant, string> = { join_open_collaborative: "joining an open collaborative", short_tailored: "a short tailored engagement" };
const aMethod = (o: MethodLength) => (o.variant ? A_VARIANT[o.variant] : METHOD_NOUNS[o.method]);
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * "a collaborative needs at least 11 months in all, of which at least 6 run from “Prework” to “Summative
 * congress”": the whole plan, planning and follow-on included, and within it the span the Method page
 * gives the method's range for (6 to 15 months), so that the two figures are read together.
 */
function needsInAll(o: MethodLength): string {
  const all = Math.round(o.minMonths);
  const within =
    o.span && Math.round(o.span.months) < all ? `, of which at least ${Math.round(o.span.months)} run from ${named(o.span.from)} to ${named(o.span.to)}` : "";
  // A collaborative of more teams than one holds runs its waves side by side: its plan is theirs, said as such.
  const waves = o.waves && o.waves > 1 ? ` (${o.waves} waves of up to ${COLLABORATIVE_MAX_TEAMS} teams each, side by side)` : "";
  return `${aMethod(o)} needs at least ${plural(all, "month")} in all${waves}${within}`;
}

export type PartnerTime = {
  /** Whole months from the start to the limit that binds; null when the partner gave none. */
  months: number | null;
  /** The limit that binds: the longest duration, or the deadline (the hard deadline or the aim's date) when it comes sooner. */
  binds: "duration" | "deadline" | null;
  /** One sentence: how long, from when, and which limit sets it. */
  words: string | null;
};

/**
 * The partner's time from a start month, and which limit binds (docs/domain.md §8.6): the shorter of
 * the longest duration and the whole months to the deadline, counted as the Method page counts the
 * hard deadline (a deadline on a month's last day counts that month). The Method, Fit and Timeline
 * pages say it in these words, so they give one figure from one start; where a plan starts elsewhere
 * than the desired start (a site joining an open collaborative), `startWhy` says why.
 */
export function partnerTime(limits: TimeLimits, start: Month, startWhy?: string | null): PartnerTime {
  const deadline = bindingDeadline(limits);
  const horizon = limits.horizonMonths;
  const toDeadline = deadline ? Math.max(0, monthsUntil(start, deadline.date)) : null;
  const deadlineWords = deadline ? `${deadline.from === "hard_deadline" ? "the hard deadline" : "the date the aim names"}, ${formatDate(deadline.date)}` : "";
  // Where the plan does not start at the desired start, why: "February 2027 (when the team's prework … begins)".
  const from = `${formatMonth(start)}${startWhy ? ` (${startWhy})` : ""}`;
  if (horizon === null && toDeadline === null) return { months: null, binds: null, words: null };
  if (toDeadline === null)
    return { months: horizon, binds: "duration", words: `The partner's time: their longest duration of ${plural(horizon!, "month")}, from ${from}.` };
  // A deadline before the start leaves no time at all; one within the start's month, less than a month.
  if (deadline && deadline.date < `${start}-01`)
    return {
      months: 0,
      binds: "deadline",
      words: `The partner's time: none from ${from}: ${deadlineWords}, comes before it.`,
    };
  if (horizon === null || toDeadline < horizon)
    return {
      months: toDeadline,
      binds: "deadline",
      words: `The partner's time: ${toDeadline > 0 ? plural(toDeadline, "month") : "less than a month"} from ${from}, to ${deadlineWords}${
        horizon === null ? "" : `, which comes sooner than their longest duration of ${plural(horizon, "month")}`
      }.`,
    };
  return {
    months: horizon,
    binds: "duration",
    words: `The partner's time: their longest duration of ${plural(horizon, "month")}, from ${from}${
      toDeadline === horizon ? `; ${deadlineWords}, allows the same` : `; ${deadlineWords}, allows ${plural(toDeadline, "month")}`
    }.`,
  };
}

/** The limits read from the intake; anything malformed is no limit. */
export function timeLimits(input: { horizonMonths?: number | null; hardDeadline?: string | null; aimBy?: string | null }): TimeLimits {
  const h = input.horizonMonths;
  return {
    horizonMonths: typeof h === "number" && Number.isInteger(h) && h >= 1 ? h : null,
    hardDeadline: input.hardDeadline && isIsoDate(input.hardDeadline) ? input.hardDeadline : null,
    aimBy: input.aimBy && isMonth(input.aimBy) ? input.aimBy : null,
  };
}

export function hasLimits(limits: TimeLimits): boolean {
  return limits.horizonMonths !== null || limits.hardDeadline !== null || limits.aimBy !== null;
}

/** The earlier of the hard deadline and the last day of the aim's month. */
export function bindingDeadline(limits: TimeLimits): TimeCheck["deadline"] {
  const aim = limits.aimBy ? lastDayOf(limits.aimBy) : null;
  if (limits.hardDeadline && (!aim || limits.hardDeadline <= aim)) return { date: limits.hardDeadline, from: "hard_deadline" };
  if (aim) return { date: aim, from: "aim" };
  return null;
}

/** The last day of an item (a milestone: its own day). */
const lastDay = (item: TimelineItem) => (item.kind === "milestone" ? item.start : item.end);

/**
 * Where a plan reaches, all the partner's time is judged on: its first day, its last, and the day
 * after its deadline point (the item its span ends with). Kept beside a stored timeline by the
 * database (migration 0029), so the stepper judges it without reading the plan's items.
 */
export type PlanReach = { start: IsoDate; end: IsoDate; deadlinePointFinish: IsoDate };

export function reachOf(timeline: Timeline): PlanReach {
  return { start: timelineStart(timeline), end: timelineEnd(timeline), deadlinePointFinish: finishOf(findItem(timeline, timeline.span.to)) };
}

/** How far the plan runs past each limit, in months (0 when within). */
export function timeOverruns(timeline: Timeline, limits: TimeLimits): { durationMonths: number; deadlineMonths: number } {
  return reachOverruns(reachOf(timeline), limits);
}

/** How far a plan reaching so far runs past each limit, in months (0 when within): timeOverruns without the plan. */
export function reachOverruns(reach: PlanReach, limits: TimeLimits): { durationMonths: number; deadlineMonths: number } {
  const total = calendarMonths(reach.start, addDays(reach.end, 1));
  const durationMonths = limits.horizonMonths !== null ? Math.max(0, total - limits.horizonMonths) : 0;
  const deadline = bindingDeadline(limits);
  let deadlineMonths = 0;
  if (deadline) deadlineMonths = monthsPast(deadline.date, reach.deadlinePointFinish);
  return { durationMonths: durationMonths > EPSILON ? durationMonths : 0, deadlineMonths: deadlineMonths > EPSILON ? deadlineMonths : 0 };
}

/**
 * The Timeline step's words when the plan does not keep the partner's time (docs/domain.md §8.12): the
 * limit it runs furthest past, in months, named (the deadline when both are as far): the deadline the
 * partner gave or the aim's date, or their longest duration; null when it keeps all of them (or when
 * they gave none).
 */
export function overrunStepWords(reach: PlanReach, limits: TimeLimits): string | null {
  const over = reachOverruns(reach, limits);
  if (over.deadlineMonths > 0 && over.deadlineMonths >= over.durationMonths)
    return bindingDeadline(limits)?.from === "hard_deadline" ? "Runs past the deadline" : "Runs past the aim's date";
  if (over.durationMonths > 0) return "Longer than the partner can commit to";
  return null;
}

export function keepsTime(timeline: Timeline, limits: TimeLimits): boolean {
  const o = timeOverruns(timeline, limits);
  return o.durationMonths === 0 && o.deadlineMonths === 0;
}

/**
 * An amount the plan needs to lose, never said as less than it is: whole months, and the days beyond
 * them counted up ("1 month and 4 days" for 1.1 months), where `describeMonths` would round to the
 * nearest month and advise a cut that leaves the plan days over.
 */
export function describeNeeded(months: number): string {
  let whole = Math.floor(months + EPSILON);
  let days = Math.ceil((months - whole) * (365.25 / 12) - EPSILON);
  // Thirty days or more beyond whole months read as one more month, as they would from a date.
  if (days >= 30) [whole, days] = [whole + 1, 0];
  if (whole === 0) return plural(Math.max(1, days), "day");
  return days > 0 ? `${plural(whole, "month")} and ${plural(days, "day")}` : plural(whole, "month");
}

function listLabels(labels: string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/**
 * An item's label inside a sentence, set off in quotes: "before “Launch event”". A label is a name the
 * manager may change, so it is never lower-cased or given an article; the quotes also keep its own
 * colons and commas from reading as the sentence's.
 */
export function named(label: string): string {
  return `“${label}”`;
}

/** "“Prework” takes" for one item, "“Topic selection” and “Expert meeting” take" for several. */
function takes(labels: string[]): string {
  return `${listLabels(labels.map(named))} ${labels.length === 1 ? "takes" : "take"}`;
}

/**
 * The method's span as the Timeline page states it: "18 months from “Launch event” to “Deadline event
 * with results” (the method's range is 18–24 months)". `months` is the span as laid out (spanMonths).
 */
export function spanWords(timeline: Timeline, months: number): string {
  const from = findItem(timeline, timeline.span.from);
  const to = findItem(timeline, timeline.span.to);
  return `${plural(months, "month")} from ${named(from.label)} to ${named(to.label)} (the method's range is ${timeline.span.minMonths}–${
    timeline.span.maxMonths
  } months)`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What shortening the planning before the method's span, the follow-on after it, or both, would do.
 * Only the planning brings the span, and with it the deadline point, sooner: where the deadline is
 * missed by less than the whole is too long, the sentence says how much of the cut must come from it.
 */
function shorteningWords(o: {
  planning: string | null;
  followOn: string | null;
  months: number;
  sooner: number;
  /** How long the planning before the span is: the whole cut can come off it only if it is at least that long. */
  planningMonths: number;
  moves: string;
}): string {
  const keeps = "would keep the plan within the partner's time";
  const both = o.planning && o.followOn ? `${o.planning} and ${o.followOn}` : null;
  const by = describeNeeded(o.months);
  if (o.sooner <= 0) return `Shortening ${both ?? o.planning ?? o.followOn} by ${by}${both ? " in all" : ""} ${keeps}.`;
  if (!both) return `Shortening ${o.planning} by ${by} would bring ${o.moves} ${by} sooner. That ${keeps}.`;
  // Where the deadline needs as much as the whole, and the planning has it to give, the cut is the planning's alone.
  if (describeNeeded(o.sooner) === by && o.planningMonths + EPSILON >= o.months)
    return `Shortening ${o.planning} by ${by} would bring ${o.moves} ${by} sooner. That ${keeps}.`;
  return `Shortening ${both} by ${by} in all ${keeps}, so long as at least ${describeNeeded(o.sooner)} of it comes off the planning: only the planning brings ${
    o.moves
  } sooner.`;
}

/**
 * Judges a timeline, generated or edited, against the partner's time. Pure: the same timeline, limits
 * and options always give the same words. `others` are the other methods' shortest whole plans.
 * Only what can be done is offered: no start before `options.today`, and for a site joining an open
 * collaborative, neither an earlier start nor a shorter collaborative, since its dates are not ours.
 */
export function checkTime(timeline: Timeline, limits: TimeLimits, others: MethodLength[] = [], options: TimeCheckOptions = {}): TimeCheck {
  const start = timelineStart(timeline);
  const finish = addDays(timelineEnd(timeline), 1);
  const totalMonths = round1(calendarMonths(start, finish));
  // In words the plan's length is the whole months the proposal gives it (wholeMonths), never "14.2 months" beside "14 months".
  const totalWords = plural(wholeMonths(timeline), "month");
  // A collaborative of more teams than one holds runs its waves side by side within those months (docs/domain.md §3.3).
  const waves = timeline.method === "collaborative" ? collaborativeWaves(timeline.generatedFrom.teams) : 1;
  const sideBySide = waves > 1 ? ` for its ${collaborativeWavesWords(timeline.generatedFrom.teams)}` : "";
  const from = findItem(timeline, timeline.span.from);
  const to = findItem(timeline, timeline.span.to);
  const deadline = bindingDeadline(limits);
  const deadlineItem = { id: to.id, label: to.label, date: lastDay(to) };
  const over = timeOverruns(timeline, limits);
  const deadlineWords = deadline ? (deadline.from === "hard_deadline" ? "the hard deadline" : "the date the aim names") : "";
  const toWords = named(to.label);

  const overruns: TimeOverrun[] = [];
  if (over.durationMonths > 0) {
    overruns.push({
      kind: "duration",
      months: round1(over.durationMonths),
      text: `it runs ${describeMonths(over.durationMonths)} over the partner's longest duration of ${plural(
        limits.horizonMonths!,
        "month"
      )} (${totalWords} in all, planning included${sideBySide && `,${sideBySide}`})`,
      brief: `${describeMonths(over.durationMonths)} over their longest duration of ${plural(limits.horizonMonths!, "month")}`,
    });
  }
  if (over.deadlineMonths > 0 && deadline) {
    overruns.push({
      kind: "deadline",
      months: round1(over.deadlineMonths),
      text: `${toWords} falls on ${formatDate(deadlineItem.date)}, ${describeMonths(over.deadlineMonths)} after ${deadlineWords} (${formatDate(
        deadline.date
      )})`,
      brief: `with ${toWords} ${describeMonths(over.deadlineMonths)} after ${deadlineWords}`,
    });
  }
  const limited = hasLimits(limits);
  if (!overruns.length) {
    const parts: string[] = [];
    if (limits.horizonMonths !== null) parts.push(`${totalWords} in all${sideBySide}, within the longest duration of ${plural(limits.horizonMonths, "month")}`);
    if (deadline)
      parts.push(
        `${toWords}, the milestone the deadline is judged on, falls on ${formatDate(deadlineItem.date)}, on or before ${deadlineWords} (${formatDate(
          deadline.date
        )})`
      );
    // What follows the deadline point (a collaborative's final report, a campaign's sustain period) may
    // run past the deadline: the deadline is for the point (docs/domain.md §8.6), and the page says so.
    const last = addDays(finish, -1);
    const followOn = deadline && last > deadline.date ? timeline.items.filter((i) => !i.alongside && i.id !== to.id && lastDay(i) > deadline.date) : [];
    const after = followOn.length
      ? ` ${listLabels(followOn.map((i) => named(i.label)))} ${followOn.length === 1 ? "runs" : "run"} on after it, to ${formatDate(
          last
        )}: the deadline is for ${toWords}, and this follow-on comes after it.`
      : "";
    return {
      holds: true,
      limited,
      totalMonths,
      deadline,
      deadlineItem,
      overruns,
      choices: [],
      summary: limited ? `The plan keeps the partner's time: ${parts.join("; ")}.${after}` : "The partner gave no deadline or longest duration.",
      agreed: null,
    };
  }

  // What lies outside the method's span: planning before it, follow-on after it.
  const outside = timeline.items.filter((i) => !i.alongside);
  const before = outside.filter((i) => daysBetween(finishOf(i), from.start) >= 0 && i.id !== from.id && i.kind !== "milestone");
  const after = outside.filter((i) => daysBetween(finishOf(to), i.start) >= 0 && i.id !== to.id && i.kind !== "milestone");
  const beforeMonths = before.length ? calendarMonths(start, from.start) : 0;
  const afterMonths = after.length && daysBetween(finishOf(to), finish) > 0 ? calendarMonths(finishOf(to), finish) : 0;
  const needSooner = over.deadlineMonths;
  const needShorter = Math.max(over.durationMonths, over.deadlineMonths);
  const spanNow = calendarMonths(from.start, finishOf(to));
  const methodLabel = METHOD_LABELS[timeline.method];
  const joining = options.joining ?? null;
  const choices: TimeChoice[] = [];

  // Only the planning before the span brings its deadline point sooner; follow-on after it only shortens the whole.
  const helpsDeadline = needSooner > 0 && beforeMonths > EPSILON;
  const helpsDuration = over.durationMonths > 0 && beforeMonths + afterMonths > EPSILON;
  if (helpsDeadline || helpsDuration) {
    // One sentence for each part of the planning, then one for what shortening it would do.
    const parts = [
      beforeMonths > EPSILON ? `${takes(before.map((i) => i.label))} ${describeMonths(beforeMonths)} before ${named(from.label)}.` : null,
      over.durationMonths > 0 && afterMonths > EPSILON ? `${takes(after.map((i) => i.label))} ${describeMonths(afterMonths)} after ${toWords}.` : null,
    ].filter((p): p is string => p !== null);
    const short: string[] = [];
    if (needSooner > beforeMonths + EPSILON) short.push(`${toWords} would have to come ${describeNeeded(needSooner)} sooner`);
    if (over.durationMonths > beforeMonths + afterMonths + EPSILON) short.push(`the plan would have to be ${describeNeeded(over.durationMonths)} shorter`);
    choices.push({
      kind: "shorter_planning",
      text: short.length
        ? `Shorter planning is not enough on its own. ${parts.join(" ")} ${capitalise(listLabels(short))}: more than all of that planning.`
        : `Shorter planning: ${parts.join(" ")} ${shorteningWords({
            planning: beforeMonths > EPSILON ? `the planning before ${named(from.label)}` : null,
            followOn: over.durationMonths > 0 && afterMonths > EPSILON ? `the follow-on after ${toWords}` : null,
            months: needShorter,
            sooner: needSooner,
            planningMonths: beforeMonths,
            moves: from.id === to.id ? toWords : `${named(from.label)}, and with it ${toWords},`,
          })}`,
    });
  }
  if (!joining && spanNow > timeline.span.minMonths + 0.5) {
    choices.push({
      kind: "shorter_span",
      text: `A shorter ${methodLabel}: ${plural(round1(spanNow), "month")} from ${named(from.label)} to ${toWords}, where the method needs at least ${plural(
        timeline.span.minMonths,
        "month"
      )}.`,
    });
  }
  if (!joining && over.deadlineMonths > 0 && deadline) {
    const planned = monthOf(start);
    const earlier = addMonthsToMonth(planned, -Math.ceil(over.deadlineMonths - EPSILON));
    const stillOver = over.durationMonths > 0 ? `, though the plan would still run ${describeMonths(over.durationMonths)} over the longest duration` : "";
    if (!options.today || earlier >= options.today) {
      choices.push({
        kind: "earlier_start",
        text: `An earlier start: starting in ${formatMonth(earlier)} rather than ${formatMonth(
          planned
        )} puts ${toWords} on or before ${deadlineWords}${stillOver}.`,
      });
    } else if (planned > options.today) {
      // The start that would keep the deadline has passed; starting this month still brings it closer.
      const gained = monthsBetween(options.today, planned);
      choices.push({
        kind: "earlier_start",
        text: `An earlier start helps only in part: the earliest is this month, ${formatMonth(options.today)}, rather than ${formatMonth(
          planned
        )}, which still puts ${toWords} about ${describeMonths(over.deadlineMonths - gained)} after ${deadlineWords}.`,
      });
    }
  }
  if (joining && deadline && over.deadlineMonths > 0) {
    choices.push({
      kind: "another_collaborative",
      text: `Another open collaborative: one on the same topic whose closing session falls on or before ${formatDate(
        deadline.date
      )}; an administrator adds new ones.`,
      link: { page: "method", anchor: "open-collaboratives", text: "See the open collaboratives with places left, on the Method page." },
    });
  }
  const agreed = options.agreement && agreementCovers(options.agreement, limits, over) ? { on: options.agreement.agreedOn } : null;
  // Once the partner has agreed to this overrun, accepting it is no longer a choice still to make.
  if (!agreed)
    choices.push({
      kind: "accept_overrun",
      text: `Accept the overrun: agree with the partner that the plan runs past their time as it stands, ${listLabels(overruns.map((o) => o.brief))}.`,
    });
  // The whole of another method's plan must fit the longest duration and end by the deadline (a cautious reading).
  const room = Math.min(limits.horizonMonths ?? Infinity, deadline ? calendarMonths(start, addDays(deadline.date, 1)) : Infinity);
  const alternatives = others.filter((o) => o.method !== timeline.method || (o.variant !== undefined && o.variant !== (options.variant ?? null)));
  // A method generated at this start is judged as its own timeline would be: its deadline point, not
  // its follow-on, is what the deadline is for.
  // A collaborative in waves runs them side by side: its plan's time is theirs (docs/domain.md §3.3).
  const fitting = alternatives.filter((o) => o.keeps ?? o.minMonths <= room + EPSILON);
  if (alternatives.length) {
    choices.push({
      kind: "another_method",
      text: fitting.length
        ? // "Fits" would read as our capacity, which the Fit page shows per method with its own badge: this is the partner's time only.
          `Another method: ${fitting.map(needsInAll).join("; ")}. ${fitting.length === 1 ? "That is" : "Each is"} within the partner's time.`
        : `Another method does not help: ${alternatives.map(needsInAll).join("; ")}.`,
      ...(fitting.length
        ? {
            link: {
              page: "fit",
              anchor: "capacity-heading",
              text: `See whether our staff can take ${fitting.length > 1 ? "each" : "it"} on, on the Fit page.`,
              // On the Fit page, the time check follows each method's capacity.
              here: `See whether our staff can take ${fitting.length > 1 ? "each" : "it"} on, above.`,
            },
          }
        : {}),
    });
  } else {
    choices.push({
      kind: "another_method",
      text: "Another method:",
      link: {
        page: "fit",
        anchor: "capacity-heading",
        text: "compare each method's timeline and our capacity for it on the Fit page.",
        here: "compare each method's timeline and our capacity for it above.",
      },
    });
  }

  let summary = `The plan cannot keep the partner's time: ${listLabels(overruns.map((o) => o.text))}.`;
  if (joining) {
    const title = joining.title ?? "The open collaborative";
    const lateBy = deadline && over.deadlineMonths > 0 ? describeMonths(over.deadlineMonths) : null;
    const duration = overruns.find((o) => o.kind === "duration");
    summary = [
      lateBy && deadline
        ? `The plan cannot keep the partner's time: ${title}, which the team joins, ends after ${deadlineWords}. ${toWords} falls on ${formatDate(
            deadlineItem.date
          )}, ${lateBy} after ${formatDate(deadline.date)}.`
        : "The plan cannot keep the partner's time.",
      duration ? `${lateBy ? "Also, " : ""}${duration.text}.` : null,
      "The collaborative's dates are its own: the plan cannot move them or run a shorter collaborative.",
    ]
      .filter(Boolean)
      .map((sentence) => sentence!.charAt(0).toUpperCase() + sentence!.slice(1))
      .join(" ");
  }
  return { holds: false, limited, totalMonths, deadline, deadlineItem, overruns, choices, summary, agreed };
}
