import { formatDate } from "./calendar";
import { planName } from "./method-variants";
import { money } from "./money";
import { plural } from "./plural";
import { aimStatement } from "./proposal";
import type { EngagementSnapshot } from "./proposal-snapshot";
import { READINESS_VERDICT_LABELS } from "./readiness-labels";
import { timelineMonths } from "./timeline";
import { timelineEnd, timelineStart } from "./timeline-view";

/*
 * What a frozen proposal version proposes, in brief, read from its snapshot alone: what the approval
 * request puts first for the leaders who decide on it (docs/domain.md §8.5), beside what it commits
 * (commitments.ts).
 */

/** What a version proposes, in brief, for a leader deciding on it: the plan, its dates and aim, the partner's time and readiness, our cost. */
export type PlanInBrief = {
  /** "Campaign, 60 sites". */
  plan: string;
  /** "1 May 2027 to 31 August 2029 (28 months)"; null without a timeline. */
  dates: string | null;
  aim: string | null;
  /** Whether the plan keeps the partner's time, in the timeline check's own words; null when the partner gave no limit or it was not recorded. */
  time: { holds: boolean; words: string } | null;
  readiness: string;
  /** Our estimated cost, and what the fee leaves over it; null when not estimated. */
  cost: { words: string; belowFee: boolean } | null;
};

export function planInBrief(s: EngagementSnapshot, scaleNoun: (method: EngagementSnapshot["method"]) => string): PlanInBrief {
  const method = s.method.chosen ?? s.method.recommended;
  const teams = s.timeline?.generatedFrom.teams ?? s.intake.scale.expectedSites ?? null;
  const plan = `${planName(method, s.method.variant)}${teams ? `, ${plural(teams, scaleNoun(s.method).replace(/s$/, ""), scaleNoun(s.method))}` : ""}`;
  const dates = s.timeline
    ? `${formatDate(timelineStart(s.timeline))} to ${formatDate(timelineEnd(s.timeline))} (${plural(timelineMonths(s.timeline).length, "month")})`
    : null;
  const check = s.timeCheck;
  const time = check?.limited ? { holds: check.holds, words: check.holds ? "The plan keeps the partner's time." : check.summary } : null;
  // The fee the version offers (with options, the largest option's, as its cost is); none in versions made before pricing rules.
  const fee = s.price && s.cost && s.price.fee > 0 && s.price.currency === s.cost.currency ? s.price.fee : null;
  const cost = s.cost
    ? {
        words:
          fee === null
            ? `${money(s.cost.total, s.cost.currency)}.`
            : fee >= s.cost.total
            ? `${money(s.cost.total, s.cost.currency)}: the fee leaves ${money(fee - s.cost.total, s.cost.currency)} over it.`
            : `${money(s.cost.total, s.cost.currency)}: the fee falls ${money(s.cost.total - fee, s.cost.currency)} short of it.`,
        belowFee: fee === null || fee >= s.cost.total,
      }
    : null;
  return { plan, dates, aim: aimStatement(s), time, readiness: READINESS_VERDICT_LABELS[s.readiness.verdict], cost };
}
