/*
 * The reference levers' figures: the fee, demand and capacity of a plan, and the levers' effects, as
 * they were computed before the fee search skipped the capacity verdict and the verdict was judged
 * cell by cell without describing each (docs/decisions/0013-fast-and-proven-the-same.md). The golden
 * test compares the app's answers with these, as JSON.
 */
import { COLLABORATIVE_MAX_TEAMS, METHOD_NOUNS } from "~/domain/methods";
import { computeDemand } from "./demand";
import { formatCount, plural } from "~/domain/plural";
import { compareWithBudget, priceFromCost, type BudgetComparison } from "~/domain/pricing";
import { assessFit, estimateCost } from "./resource-fit";
import { capacityByRoleMonth } from "./capacity";
import { timelineMonths, wholeMonths, type Timeline } from "~/domain/timeline";
import {
  applyLevers,
  leverFeeWords,
  timeBreaches,
  type BudgetShaping,
  type Lever,
  type LeverEffect,
  type LeverSettings,
  type PlanFigures,
  type PricingContext,
} from "~/domain/levers";

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The demand, build-up, fee and capacity of a timeline at a scale, with these levers. */
export function planFigures(timeline: Timeline, settings: LeverSettings, ctx: PricingContext): PlanFigures {
  const plan = applyLevers(timeline, ctx.params, settings, ctx.rules.levers);
  const demand = computeDemand(plan.timeline, { method: ctx.method, teams: plan.teams, variant: ctx.variant }, plan.params);
  const cost = estimateCost(demand, { roles: ctx.roles, currency: ctx.currency, dayRates: ctx.dayRates });
  const fee = priceFromCost(cost.total, ctx.currency, ctx.partnerKind, ctx.rules).fee;
  const byMonth = new Map<string, number>();
  for (const d of demand) byMonth.set(d.month, (byMonth.get(d.month) ?? 0) + d.fte);
  const months = timelineMonths(plan.timeline);
  const capacity = ctx.roster.length ? assessFit(demand, capacityByRoleMonth(ctx.roster, ctx.bookings, months), { roles: ctx.roles }).verdict : null;
  return {
    demand,
    buildUp: cost.total,
    fee,
    // As the proposal's staffing table totals them: each role's line, rounded to one decimal, then added.
    fteMonths: round1(
      [...new Set(demand.map((d) => d.role))]
        .map((role) => round1(demand.filter((d) => d.role === role && d.fte > 0).reduce((s, d) => s + d.fte, 0)))
        .reduce((s, n) => s + n, 0)
    ),
    facultyDays: Math.round(demand.filter((d) => d.role === "faculty").reduce((s, d) => s + d.days, 0)),
    peakFte: Math.round(Math.max(0, ...byMonth.values()) * 100) / 100,
    capacity,
    // How long the plan runs, first day to last, in whole months, as the proposal states it.
    months: wholeMonths(plan.timeline),
  };
}

/* ------------------------------------------------------------------------------------------------
 * The levers' effects
 * ---------------------------------------------------------------------------------------------- */

const LEVER_LABELS: Record<Lever, string> = {
  fewer_sites: "Fewer sites in the first wave",
  fewer_supported_sites: "Fewer sites supported by our staff",
  virtual_sessions: "Events held online",
  longer_phasing: "A longer phasing",
  fewer_faculty_days: "Fewer faculty days",
};

function signedNumber(n: number, one: string, many: string): string {
  const r = round1(n);
  // "+0 faculty days" reads as a change: none is said as none.
  if (r === 0) return `${many} unchanged`;
  // One of a unit in the singular ("−1 FTE-month"), any other amount in the plural.
  return `${r < 0 ? "−" : "+"}${new Intl.NumberFormat("en-GB").format(Math.abs(r))} ${Math.abs(r) === 1 ? one : many}`;
}

/** A lever's change to the fee and the fee it gives, in the app's words (leverFeeWords), through the rate the comparison went through, if any. */
function feeWords(change: number, fee: number, after: BudgetComparison, currency: string): string {
  const rate = "through" in after && after.through ? after.through.rate : null;
  return leverFeeWords(fee - change, fee, currency, rate);
}

/**
 * The fee against the budget and, when it is above or cannot be compared, each lever not yet applied
 * with its effect on the fee and on our capacity (docs/domain.md §8.8). Fewer sites proposes the most
 * sites whose fee fits the budget, or half the sites when none does or it cannot be compared.
 */
export function shapeToBudget(timeline: Timeline, applied: LeverSettings, ctx: PricingContext): BudgetShaping {
  const current = planFigures(timeline, applied, ctx);
  const comparison = compareWithBudget(current.fee, ctx.currency, ctx.budget);
  if (comparison.verdict !== "above" && comparison.verdict !== "other_currency") return { current, comparison, applied, levers: [], withheld: [] };
  const max = comparison.verdict === "other_currency" ? null : ctx.budget?.max ?? null;
  const allSites = timeline.generatedFrom.teams;
  const sitesNow = applied.firstWaveSites !== null ? Math.min(applied.firstWaveSites, allSites) : allSites;
  const candidates: { lever: Lever; settings: LeverSettings; change: string }[] = [];

  const methodNoun = METHOD_NOUNS[ctx.method];
  const smallestTable = ctx.rules.levers.fewerSites.smallestFirstWave;
  const smallest = ctx.variant ? smallestTable[ctx.variant] : smallestTable[ctx.method];
  const withheld: string[] = [];
  // A campaign enrols openly and has no waves: its sites lever is the sites our staff support.
  const campaign = ctx.method === "campaign";
  if (sitesNow <= smallest && sitesNow > 1)
    withheld.push(
      campaign
        ? `Fewer sites supported by our staff is not offered: our staff support at least ${formatCount(
            smallest
          )} of ${methodNoun}'s sites, and the plan takes ${plural(sitesNow, "site")}.`
        : `Fewer sites in the first wave is not offered: ${methodNoun}'s first wave takes at least ${plural(smallest, "site")}, and the plan takes ${plural(
            sitesNow,
            "site"
          )}.`
    );
  if (sitesNow > smallest) {
    let sites: number | null = null;
    // A collaborative's first wave is one wave: at most the 160 teams one holds.
    const oneWave = ctx.method === "collaborative" && !ctx.variant ? COLLABORATIVE_MAX_TEAMS : null;
    const most = oneWave === null ? sitesNow - 1 : Math.min(sitesNow - 1, oneWave);
    for (let n = most; n >= smallest && max !== null; n--) {
      // Within the maximum as the comparison judges it: in the budget's currency, through the rate recorded for it if any.
      if (
        compareWithBudget(planFigures(timeline, { ...applied, firstWaveSites: n }, ctx).fee, ctx.currency, { ...ctx.budget, min: null }).verdict !== "above"
      ) {
        sites = n;
        break;
      }
    }
    const n = sites ?? Math.max(smallest, Math.min(most, Math.ceil(sitesNow / 2)));
    candidates.push({
      lever: campaign ? "fewer_supported_sites" : "fewer_sites",
      settings: { ...applied, firstWaveSites: n },
      change: campaign
        ? `Our staff support ${formatCount(n)} of the ${plural(sitesNow, "site")}, through their nodes and their monthly data; the other ${formatCount(
            sitesNow - n
          )} may still enrol and use the campaign's how-to guides, calls and events, without our staff's support.`
        : `${plural(n, "site")} in the first wave instead of ${formatCount(sitesNow)}${n === oneWave ? ", as many as one wave holds" : ""}; the other ${
            sitesNow - n === 1 ? "site joins" : `${formatCount(sitesNow - n)} join`
          } ${oneWave !== null && sitesNow - n > oneWave ? "later waves" : "a later wave"}, priced apart.`,
    });
  }
  const { virtualSessions, longerPhasing, fewerFacultyDays } = ctx.rules.levers;
  // Offered where the plan has events the lever holds online (docs/domain.md §8.8): a collaborative's learning sessions, a campaign's events.
  const online = timeline.items.filter((i) => i.roleTags.some((t) => virtualSessions.eventTags.includes(t)));
  // A site joining an open collaborative attends its host's sessions, which are not ours to move online.
  if (!applied.virtualSessions && online.length && ctx.variant === "join_open_collaborative")
    withheld.push(
      "Events held online is not offered: the learning sessions are the open collaborative's, held as its host holds them, not ours to move online."
    );
  else if (!applied.virtualSessions && online.length)
    candidates.push({
      lever: "virtual_sessions",
      settings: { ...applied, virtualSessions: true },
      // The lever's name already says "Events held online": a plan without learning sessions is told only what it counts.
      change: `${online.some((i) => i.roleTags.includes("learning_session")) ? "Learning sessions included: each" : "Each"} event day counts ${Math.round(
        virtualSessions.daysFactor * 100
      )}% of its in-person days.`,
    });
  if (!applied.longerPhasing)
    candidates.push({
      lever: "longer_phasing",
      settings: { ...applied, longerPhasing: true },
      change: `The same events and coaching spread over ${plural(
        longerPhasing.extraMonths,
        "more month",
        "more months"
      )}; staff needed throughout the plan are needed for longer.`,
    });
  if (!applied.fewerFacultyDays)
    candidates.push({
      lever: "fewer_faculty_days",
      settings: { ...applied, fewerFacultyDays: true },
      change: `Faculty time cut to ${Math.round(fewerFacultyDays.factor * 100)}% of the plan.`,
    });

  const effects = candidates.map(({ lever, settings, change }): LeverEffect => {
    const f = planFigures(timeline, settings, ctx);
    const feeChange = f.fee - current.fee;
    const after = compareWithBudget(f.fee, ctx.currency, ctx.budget);
    const fitsBudget = after.verdict === "other_currency" || after.verdict === "no_budget" ? null : after.verdict !== "above";
    const capacityText = f.capacity ? ` Our capacity: ${f.capacity.replace(/_/g, " ")}.` : "";
    return {
      lever,
      label: LEVER_LABELS[lever],
      change,
      settings,
      fee: f.fee,
      feeChange,
      fteMonthsChange: round1(f.fteMonths - current.fteMonths),
      facultyDaysChange: f.facultyDays - current.facultyDays,
      peakFteChange: Math.round((f.peakFte - current.peakFte) * 100) / 100,
      capacity: f.capacity,
      fitsBudget,
      timeBreach: timeBreaches(timeline, applied, ctx)(settings),
      effect:
        `${feeWords(feeChange, f.fee, after, ctx.currency)}${fitsBudget ? ", within the budget" : ""}; ` +
        `${signedNumber(f.fteMonths - current.fteMonths, "FTE-month", "FTE-months")}, ${signedNumber(
          f.facultyDays - current.facultyDays,
          "faculty day",
          "faculty days"
        )}, ` +
        `busiest month ${round1(f.peakFte - current.peakFte) === 0 ? "unchanged" : signedNumber(f.peakFte - current.peakFte, "FTE", "FTE")}.${capacityText}`,
    };
  });
  // A lever that raises the fee is not offered to close the gap to the budget.
  const levers = effects.filter((l) => (comparison.verdict === "other_currency" ? l.feeChange < 0 : l.feeChange <= 0));
  return { current, comparison, applied, levers, withheld };
}
