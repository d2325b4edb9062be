/**
 * What a timeline is generated from, and when a stored one no longer matches it: the intake's planning
 * answers, the method chosen and its form, the partner's organisation (docs/domain.md §8.12).
 */
import { addDays, addMonthsToMonth, isMonth, monthOf, type IsoDate } from "./calendar";
import type { Intake } from "./intake";
import { METHOD_LABELS, type Method } from "./methods";
import { VARIANT_LABELS, variantOfTimeline, type MethodVariant } from "./small-requests";
import { workingDays, type Timeline, type TimelineTemplate } from "./timeline";
import { timeLimits, type PlanReach } from "./timeline-constraints";
import { staleReasons } from "./timeline-generate";

export type PlanningInputs = {
  method: Method | null;
  start: string;
  horizonMonths: number | null;
  hardDeadline: string | null;
  aimBy: string | null;
  teams: number;
  /** The organisation's country, whose public holidays events avoid (null: weekends only). */
  country: string | null;
  startFromIntake: boolean;
  /** For a small request, the form of the method (docs/domain.md §2.5), and for joining, the sessions to align to. */
  variant?: MethodVariant | null;
  join?: { title: string | null; listedSessions: string[]; warning: string | null } | null;
};

/** What of the intake a plan is generated from. */
export type PlanningIntake = {
  scale: Pick<Intake["scale"], "desiredStart" | "longestDurationMonths" | "hardDeadline" | "expectedSites">;
  evidence: Pick<Intake["evidence"], "aimByWhen">;
  context: Pick<Intake["context"], "sites">;
};

/** The organisation's facts a plan reads: its sites (when the intake names none) and its country. */
export type OrganisationFacts = { sites: number; country: string | null };

export function planningInputs(intake: PlanningIntake, method: Method | null, organisation: OrganisationFacts, today: string): PlanningInputs {
  return {
    country: organisation.country,
    method,
    start: intake.scale.desiredStart ?? addMonthsToMonth(monthOf(today), 1),
    startFromIntake: Boolean(intake.scale.desiredStart),
    horizonMonths: intake.scale.longestDurationMonths ?? null,
    hardDeadline: intake.scale.hardDeadline ?? null,
    aimBy: intake.evidence.aimByWhen ?? null,
    teams: intake.scale.expectedSites ?? intake.context.sites ?? organisation.sites,
  };
}

/**
 * A timeline kept as it is for the partner's time as it is now (docs/domain.md §8.12): where the only
 * changes since it was generated are to that time — their longest duration, hard deadline or aim's
 * date — the manager may keep the plan, edits and all, rather than regenerate it; it is then recorded
 * as kept for the new limits (`generatedFrom.keptFor`), which its time check judges it against in any
 * case, beside the limits it was laid out for. Null where nothing
 * changed, or where anything else did (the method or its form, the start, the scale, the country),
 * since the plan itself would then be another: only regenerating takes that.
 */
export function keptForNewLimits(
  timeline: Timeline,
  inputs: PlanningInputs,
  variantTemplates: Record<MethodVariant, Pick<TimelineTemplate, "method" | "durationRange">>
): Timeline | null {
  if (timelineStaleReasons(basisOf(timeline), inputs, variantTemplates).length === 0) return null;
  if (planChanges(timeline, inputs, variantTemplates).length > 0) return null;
  const { keptFor: _kept, ...g } = timeline.generatedFrom;
  const limits = timeLimits(inputs);
  // What it was laid out for stays as it was; the time it is kept for is recorded beside it.
  return { ...timeline, generatedFrom: { ...g, keptFor: { horizonMonths: limits.horizonMonths, hardDeadline: limits.hardDeadline, aimBy: limits.aimBy } } };
}

/**
 * What has changed since the timeline was generated besides the partner's time (the method or its
 * form, the start, the scale, the country), as `timelineStaleReasons` words it: the changes keeping the
 * plan as it is cannot answer (`keptForNewLimits`). Empty where only that time changed, or nothing did.
 */
export function planChanges(
  timeline: Timeline,
  inputs: PlanningInputs,
  variantTemplates: Record<MethodVariant, Pick<TimelineTemplate, "method" | "durationRange">>
): string[] {
  const judged = { ...timeline.generatedFrom, ...timeline.generatedFrom.keptFor };
  const asBefore: PlanningInputs = { ...inputs, horizonMonths: judged.horizonMonths, hardDeadline: judged.hardDeadline ?? null, aimBy: judged.aimBy ?? null };
  return timelineStaleReasons(basisOf(timeline), asBefore, variantTemplates);
}

/**
 * Why a timeline that needs review cannot be kept as it is, in words for the page; null when it can
 * (nothing but the partner's time changed). Keeping answers a change to the partner's time only; the
 * other changes (`planChanges`) are named where the partner's time changed beside them, since the
 * notice above then lists both.
 */
export function keepRefusedWords(changes: string[], timeChanged: boolean): string | null {
  if (changes.length === 0) return null;
  const lead =
    "It stays marked for review until it is regenerated: keeping it as it is answers only a change to the partner's time, not to the method, the start, the scale or the partner's country";
  return timeChanged ? `${lead}. ${changes.join(" ")}` : `${lead}, which the notice above names.`;
}

/** The partner's time as a page showed it, to tell on keeping a timeline whether it changed again meanwhile. */
export function limitsSeen(inputs: Pick<PlanningInputs, "horizonMonths" | "hardDeadline" | "aimBy">): string {
  return [inputs.horizonMonths ?? "", inputs.hardDeadline ?? "", inputs.aimBy ?? ""].join("|");
}

/**
 * Why a plan starts where it does, where that is not the partner's desired start: a site joining an
 * open collaborative starts its prework in time for the session it joins at (docs/domain.md §8.6), so
 * the partner's time is counted from there, and the words say so beside the Method page's, which
 * count from the desired start.
 */
export function planStartWhy(inputs: Pick<PlanningInputs, "join">): string | null {
  // Without a session to join at (none listed, or none leaving time for prework) the plan starts at the desired start.
  if (!inputs.join || inputs.join.warning) return null;
  const title = inputs.join.title?.trim();
  const named = title ? (/^the\s/i.test(title) ? title : `the ${title}`) : "the collaborative";
  return `when the team's prework for ${named} begins`;
}

/**
 * The first day a plan generated on `today` may begin (docs/domain.md §8.6): a desired start in the
 * month under way means as soon as possible, so the plan begins on the next working day of the
 * partner's country after today, not on the month's first day, already past. Null for a later month,
 * or one already past (kept from before, or imported), which is laid out as it was given.
 */
export function firstPlanDay(inputs: Pick<PlanningInputs, "start" | "country">, today: IsoDate): IsoDate | null {
  if (!isMonth(inputs.start) || inputs.start !== monthOf(today)) return null;
  const working = workingDays(inputs.country);
  let day = addDays(today, 1);
  while (!working(day)) day = addDays(day, 1);
  return day;
}

/** The options a timeline is generated with, from the planning inputs. */
export function generateOptions(inputs: PlanningInputs) {
  return {
    start: inputs.start,
    horizonMonths: inputs.horizonMonths,
    hardDeadline: inputs.hardDeadline,
    aimBy: inputs.aimBy,
    teams: inputs.teams,
    country: inputs.country,
  };
}

/** What a plan is judged at: its start, the partner's time and the country's working days (docs/domain.md §8.6). */
export function planAt(inputs: PlanningInputs, start = inputs.start) {
  return { ...generateOptions(inputs), start };
}

/** What a stored timeline was generated from (timelines.basis_json), with its method: all its staleness reads. */
export type TimelineBasis = Pick<Timeline, "method" | "generatedFrom"> & { spanFrom: string };

export function basisOf(timeline: Timeline): TimelineBasis {
  return { method: timeline.method, generatedFrom: timeline.generatedFrom, spanFrom: timeline.span.from };
}

/**
 * A basis as stored beside its timeline, which the database keeps from the timeline's own (validated)
 * document (migrations 0025 and 0029), with where the plan reaches.
 */
export function storedBasis(method: Method, basisJson: string): TimelineBasis & { reach: PlanReach } {
  const { spanFrom, reach, ...generatedFrom } = JSON.parse(basisJson) as Timeline["generatedFrom"] & { spanFrom: string; reach: PlanReach };
  return { method, generatedFrom, spanFrom, reach };
}

/**
 * Why a stored timeline no longer matches what it would be generated from now; empty when it still
 * does. The one rule the Timeline and Fit pages, the stepper and the portfolio all follow.
 */
export function timelineStaleReasons(
  basis: TimelineBasis,
  inputs: PlanningInputs,
  variantTemplates: Record<MethodVariant, Pick<TimelineTemplate, "method" | "durationRange">>
): string[] {
  if (!inputs.method) return [`No method is chosen; the timeline was made for ${METHOD_LABELS[basis.method]}.`];
  // With no start asked for, a plan starts from next month; that next month moving on is no change to the engagement.
  const start = inputs.startFromIntake ? inputs.start : basis.generatedFrom.start;
  const was = variantOfTimeline({ method: basis.method, span: { from: basis.spanFrom } }, variantTemplates);
  const now = inputs.variant ?? null;
  // A change of method names each side's plan as it is known, so it is said once, not again as a change of plan.
  const names = { was: was ? VARIANT_LABELS[was] : null, now: now ? VARIANT_LABELS[now] : null };
  const reasons = staleReasons(basis, { ...generateOptions(inputs), start, method: inputs.method }, names);
  if (was !== now && basis.method === inputs.method)
    reasons.push(`The plan changed from ${was ? VARIANT_LABELS[was] : "the full method"} to ${now ? VARIANT_LABELS[now] : "the full method"}.`);
  return reasons;
}
