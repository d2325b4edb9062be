import { formatDate } from "./calendar";
import { planName } from "./method-variants";
import { money } from "./money";
import { isBelowCost } from "./pricing";
import { formatCount, nounAfter, plural } from "./plural";
import type { Method } from "./methods";
import type { MethodVariant } from "./method-variants";
import { aimStatement } from "./proposal";
import { wholeMonths } from "./timeline";
import { chosenOption, largestOption, optionTitle } from "./proposal-options";
import type { EngagementSnapshot } from "./proposal-snapshot";
import { READINESS_VERDICT_LABELS } from "./readiness-labels";
import { timelineEnd, timelineStart } from "./timeline-view";

/*
 * What a frozen proposal version proposes, in brief, read from its snapshot alone: what the approval
 * request puts first for the leaders who decide on it (docs/domain.md §8.5), beside what it commits
 * (commitments.ts).
 */

/** What a version proposes, in brief, for a leader deciding on it: the plan, its dates and aim, the partner's time and readiness, our cost. */
export type PlanInBrief = {
  /** "Campaign, 60 sites"; with options, which one the sites and dates are: the partner's chosen option once they chose, else the largest. */
  plan: string;
  /** "1 May 2027 to 31 August 2029 (28 months)"; null without a timeline. */
  dates: string | null;
  aim: string | null;
  /**
   * Whether the plan keeps the partner's time, in the timeline check's own words, with the day the
   * partner agreed to an overrun as the Timeline page says it (decision 31); null when the partner gave
   * no limit; said when not recorded.
   */
  time: { holds: boolean; words: string } | null;
  readiness: string;
  /** Our estimated cost against each fee offered (one line per option); empty when not estimated. */
  cost: { words: string; belowFee: boolean }[];
};

/**
 * `planned` is the plan the version states: its timeline's method and form (a timeline left from an
 * earlier choice is staffed as that method's, docs/domain.md §8.3), with what its scale counts;
 * `chosenKey` the option the partner's acceptance names, if any.
 */
export function planInBrief(
  s: EngagementSnapshot,
  planned: { method: Method; variant: MethodVariant | null; scaleNoun: string },
  chosenKey: string | null = null
): PlanInBrief {
  const { method, variant, scaleNoun: noun } = planned;
  const options = s.options?.length ? s.options : null;
  const largest = options ? largestOption(options) : null;
  // Once the partner has chosen an option, the plan committed is that option's: its sites and its dates (docs/domain.md §9.13).
  const chosen = options && options.length > 1 ? chosenOption(options, chosenKey) : null;
  const teams = chosen?.teams ?? s.timeline?.generatedFrom.teams ?? s.intake.scale.expectedSites ?? null;
  const which = chosen
    ? ` (${optionTitle(chosen)}, the one of ${options!.length} options the partner chose)`
    : largest && options!.length > 1
    ? ` (${optionTitle(largest)}, the largest of ${options!.length} options)`
    : "";
  const plan = `${planName(method, variant)}${teams ? `, ${formatCount(teams)} ${nounAfter(teams, noun)}` : ""}${which}`;
  const dates = chosen
    ? `${formatDate(chosen.start)} to ${formatDate(chosen.end)} (${plural(chosen.months, "month")})`
    : s.timeline
    ? `${formatDate(timelineStart(s.timeline))} to ${formatDate(timelineEnd(s.timeline))} (${plural(wholeMonths(s.timeline), "month")})`
    : null;
  const check = s.timeCheck;
  // The time check was made of the largest option's plan: a chosen option with other dates is told it is not its own.
  const checkedOn =
    chosen && largest && s.timeline && (chosen.start !== timelineStart(s.timeline) || chosen.end !== timelineEnd(s.timeline))
      ? ` (Judged on ${optionTitle(largest)}'s plan, the largest option's; ${optionTitle(chosen)} runs to ${formatDate(chosen.end)}.)`
      : "";
  // A version made before the check was recorded says so, rather than reading as one whose partner gave no limit.
  const time =
    check === undefined && s.timeline
      ? { holds: true, words: "Not recorded when this version was made: the Timeline page judges the plan as it stands." }
      : check?.limited
      ? { holds: check.holds, words: `${check.holds ? "The plan keeps the partner's time." : overrunWords(check)}${checkedOn}` }
      : null;
  const against = (costTotal: number, fee: number | null, currency: string, title: string | null) => {
    const lead = `${title ? `${title}: ` : ""}${money(costTotal, currency)}`;
    if (fee === null) return { words: `${lead}.`, belowFee: true };
    return !isBelowCost(fee, costTotal)
      ? { words: `${lead}: the fee gives a margin of ${money(fee - costTotal, currency)} over it.`, belowFee: true }
      : { words: `${lead}: the fee falls ${money(costTotal - fee, currency)} short of it.`, belowFee: false };
  };
  // Each option against its own cost; one scope's fee against the cost estimate (none in versions made before pricing rules).
  const cost = options
    ? options.map((o) => against(o.price.internal.buildUp, o.price.fee, o.price.currency, optionTitle(o)))
    : s.cost
    ? [against(s.cost.total, s.price && s.price.fee > 0 && s.price.currency === s.cost.currency ? s.price.fee : null, s.cost.currency, null)]
    : [];
  return { plan, dates, aim: aimStatement(s), time, readiness: READINESS_VERDICT_LABELS[s.readiness.verdict], cost };
}

/** An overrun as the time check says it, and, once the partner agreed to it, that they did and when: a leader weighs the two together. */
function overrunWords(check: NonNullable<EngagementSnapshot["timeCheck"]>): string {
  return check.agreed ? `${check.summary} The partner agreed to this on ${formatDate(check.agreed.on)}.` : check.summary;
}
