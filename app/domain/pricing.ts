import { z } from "zod";
import { addDays, addMonths, addMonthsToMonth, calendarMonths, monthOf, monthsBetween, type IsoDate, type Month } from "./calendar";
import { currencyCodeText, money } from "./money";
import { aboutMoney, feeWithEquivalent, inBudgetCurrency, rateBetween, type ExchangeRate } from "./exchange-rate";
import { ofName } from "./text";
import { PARTNER_KINDS, type PartnerKind } from "./partner-kinds";
import type { VersionFacts } from "./portfolio";

/*
 * The fee, derived from the cost build-up by the pricing rules in docs-templates/pricing.json
 * (docs/domain.md §8.7): a margin or a discount by the kind of partner, then rounding, then a payment
 * schedule by milestone. The build-up (days × day rates) is internal; partners see the fee and the
 * schedule only.
 */

const Adjustment = z.object({
  kind: z.enum(["margin", "discount"], { error: "An adjustment is a margin or a discount." }),
  percent: z.number().min(0).max(100),
});
export type PriceAdjustment = z.infer<typeof Adjustment>;

export const PAYMENT_MILESTONES = ["signature", "start", "midpoint", "end"] as const;
export type PaymentMilestone = (typeof PAYMENT_MILESTONES)[number];

const Instalment = z.object({
  milestone: z.enum(PAYMENT_MILESTONES, { error: `A milestone is one of ${PAYMENT_MILESTONES.join(", ")}.` }),
  label: z.string().min(1),
  percent: z.number().gt(0).max(100),
});

/**
 * The schedule of a plan longer than `longerThanMonths` (docs/domain.md §8.7): a payment on signature, then
 * one instalment for each period of `everyMonths` of the work, its share of the rest by the months of work
 * in it, due at the period's end and named after the last milestone of the timeline that falls in it.
 */
const LongSchedule = z.object({
  note: z.string().optional(),
  longerThanMonths: z.number().int().min(1),
  signature: z.object({ label: z.string().min(1), percent: z.number().gt(0).lt(100) }),
  everyMonths: z.number().int().min(1).max(24),
  /** A last period shorter than this many months is paid with the one before it, not as a stub of its own. */
  shortestLastMonths: z.number().int().min(1).max(24).default(1),
  /** "{n}" is the period's number and "{milestone}" the milestone's name. */
  onMilestone: z.string().includes("{n}").includes("{milestone}"),
  /** "{n}" is the period's number. */
  atPeriodEnd: z.string().includes("{n}"),
});
export type LongPaymentSchedule = z.infer<typeof LongSchedule>;

const byKindShape = Object.fromEntries(PARTNER_KINDS.map((k) => [k, Adjustment])) as Record<PartnerKind, typeof Adjustment>;

/** docs-templates/pricing.json */
export const PricingRulesSchema = z
  .object({
    version: z.literal(1),
    note: z.string().optional(),
    byPartnerKind: z.object(byKindShape),
    rounding: z.object({
      /** The fee is a multiple of this, in whole currency units. */
      to: z.number().int().positive(),
      direction: z.enum(["nearest", "up"]),
    }),
    paymentSchedule: z.array(Instalment).min(1),
    longPaymentSchedule: LongSchedule.optional(),
    levers: z.object({
      /** Event days of these timeline tags count this share of their in-person days when held virtually. */
      virtualSessions: z.object({ eventTags: z.array(z.string().min(1)).min(1), daysFactor: z.number().gt(0).max(1) }),
      /** Faculty days count this share when faculty time is cut. */
      fewerFacultyDays: z.object({ factor: z.number().gt(0).lt(1) }),
      /** A longer phasing stretches the timeline by this many months. */
      longerPhasing: z.object({ extraMonths: z.number().int().min(1).max(36) }),
      /** The fewest sites a first wave may take, by method and by the form of a method a small request takes. */
      fewerSites: z.object({
        smallestFirstWave: z.object({
          collaborative: z.number().int().min(1),
          campaign: z.number().int().min(1),
          tailored: z.number().int().min(1),
          join_open_collaborative: z.number().int().min(1),
          short_tailored: z.number().int().min(1),
        }),
      }),
    }),
  })
  .superRefine((rules, ctx) => {
    const total = rules.paymentSchedule.reduce((s, i) => s + i.percent, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: "custom", path: ["paymentSchedule"], message: `The instalments add up to ${total}%, not 100%.` });
    const seen = new Set<string>();
    rules.paymentSchedule.forEach((i, n) => {
      if (seen.has(i.milestone)) ctx.addIssue({ code: "custom", path: ["paymentSchedule", n, "milestone"], message: `"${i.milestone}" is listed twice.` });
      seen.add(i.milestone);
    });
  });
export type PricingRules = z.infer<typeof PricingRulesSchema>;

/** The fee and how it was reached. Everything but `fee`, `currency` and the schedule is internal. */
export type Price = {
  currency: string;
  /** Internal: the cost build-up's total (days × day rates). */
  buildUp: number;
  /** Internal: the rule applied for the partner's kind; null when the kind has no rule. */
  adjustment: (PriceAdjustment & { amount: number }) | null;
  /** Internal: before rounding. */
  unrounded: number;
  /** The fee the rules give. */
  fee: number;
};

/** Rounds to a multiple of `to`, to the nearest (halves up) or always up. */
export function roundFee(amount: number, rounding: PricingRules["rounding"]): number {
  const steps = amount / rounding.to;
  const whole = rounding.direction === "up" ? Math.ceil(steps - 1e-9) : Math.round(steps);
  return Math.max(0, whole * rounding.to);
}

/** The fee from the cost build-up: the partner kind's margin or discount, then rounding (docs/domain.md §8.7). */
export function priceFromCost(buildUp: number, currency: string, partnerKind: string, rules: PricingRules): Price {
  const rule = (PARTNER_KINDS as readonly string[]).includes(partnerKind) ? rules.byPartnerKind[partnerKind as PartnerKind] : null;
  const sign = rule?.kind === "discount" ? -1 : 1;
  const amount = rule ? Math.round((sign * buildUp * rule.percent) / 100) : 0;
  const unrounded = buildUp + amount;
  return { currency, buildUp, adjustment: rule ? { ...rule, amount } : null, unrounded, fee: buildUp > 0 ? roundFee(unrounded, rules.rounding) : 0 };
}

export type Instalment = {
  /** The short schedule's milestone; a long schedule's "signature" or "period". */
  milestone: PaymentMilestone | "period";
  label: string;
  percent: number;
  amount: number;
  /** YYYY-MM; null on signature or without a timeline. */ due: Month | null;
};

/** The timeline a schedule follows: its first and last day and its milestones, each on its day. */
export type ScheduleSpan = { start: string; end: string; milestones?: readonly { label: string; date: string }[] };

/**
 * The fee split by milestone (docs/domain.md §8.7). A plan of up to `longPaymentSchedule.longerThanMonths`
 * whole months (or any plan, without that rule) follows `paymentSchedule`; a longer one pays on signature
 * and then once for each period of the work. Each instalment is its percentage of the fee in whole units;
 * the last takes what rounding left, so the instalments always add up to the fee exactly.
 */
export function paymentSchedule(fee: number, rules: PricingRules, span: ScheduleSpan | null): Instalment[] {
  const long = rules.longPaymentSchedule;
  if (long && span && planMonths(span) > long.longerThanMonths) return splitFee(fee, periodInstalments(long, span));
  const startMonth = span ? monthOf(span.start) : null;
  const endMonth = span ? monthOf(span.end) : null;
  const due = (m: PaymentMilestone): Month | null => {
    if (!startMonth || !endMonth || m === "signature") return null;
    if (m === "start") return startMonth;
    if (m === "end") return endMonth;
    return addMonthsToMonth(startMonth, Math.floor(monthsBetween(startMonth, endMonth) / 2));
  };
  return splitFee(
    fee,
    rules.paymentSchedule.map((i) => ({ milestone: i.milestone, label: i.label, percent: i.percent, due: due(i.milestone) }))
  );
}

function splitFee(fee: number, parts: Omit<Instalment, "amount">[]): Instalment[] {
  let left = fee;
  return parts.map((i, n) => {
    const amount = n === parts.length - 1 ? left : Math.round((fee * i.percent) / 100);
    left -= amount;
    return { ...i, amount };
  });
}

/** The plan's length in whole months, as the proposal states it (timeline.ts `wholeMonths`). */
function planMonths(span: ScheduleSpan): number {
  return Math.round(calendarMonths(span.start as IsoDate, addDays(span.end as IsoDate, 1)));
}

/**
 * A long plan's instalments: on signature, then one a period of `everyMonths` from the start of the work
 * (the last period takes the months left), each with its share of the rest by its months of work in
 * whole per cent (the largest remainders take the odd per cent, earlier periods first), due in the
 * period's last month (the plan's last month for the last period), so that payments come a period
 * apart, and named after the last milestone in the period where one falls in it.
 */
function periodInstalments(long: LongPaymentSchedule, span: ScheduleSpan): Omit<Instalment, "amount">[] {
  const months = planMonths(span);
  const lengths = Array.from({ length: Math.ceil(months / long.everyMonths) }, (_, k) => Math.min(long.everyMonths, months - k * long.everyMonths));
  // A stub of a last period (a 25-month plan's 25th month) is paid with the year before it, at the plan's end.
  if (lengths.length > 1 && lengths[lengths.length - 1]! < long.shortestLastMonths) lengths.splice(-2, 2, lengths.at(-2)! + lengths.at(-1)!);
  const count = lengths.length;
  const rest = 100 - long.signature.percent;
  const exact = lengths.map((m) => (rest * m) / months);
  const shares = exact.map((x) => Math.floor(x + 1e-9));
  let odd = Math.round(rest - shares.reduce((a, b) => a + b, 0));
  const order = exact.map((x, k) => ({ k, r: x - shares[k]! })).sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { k } of order) {
    if (odd <= 0) break;
    shares[k]! += 1;
    odd -= 1;
  }
  const milestones = [...(span.milestones ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const periods = lengths.map((_, k) => {
    const from = addMonths(span.start as IsoDate, k * long.everyMonths);
    const last = k === count - 1;
    const until = last ? addDays(span.end as IsoDate, 1) : addMonths(span.start as IsoDate, (k + 1) * long.everyMonths);
    const within = milestones.filter((m) => m.date >= from && m.date < until);
    const n = String(k + 1);
    const on = within[within.length - 1];
    const due = monthOf(last ? (span.end as IsoDate) : addDays(until, -1));
    return { label: on ? long.onMilestone.replaceAll("{n}", n).replaceAll("{milestone}", on.label) : long.atPeriodEnd.replaceAll("{n}", n), due };
  });
  return [
    { milestone: "signature", label: long.signature.label, percent: long.signature.percent, due: null },
    ...periods.map((p, k) => ({ milestone: "period" as const, label: p.label, percent: shares[k]!, due: p.due })),
  ];
}

/**
 * What a proposal version freezes of the price. Partners see `fee`, `currency` and `schedule`;
 * `internal` (the build-up, the rule and any manual change) is for staff only.
 */
export type SnapshotPrice = {
  fee: number;
  currency: string;
  schedule: Instalment[];
  internal: {
    buildUp: number;
    adjustment: Price["adjustment"];
    ruleFee: number;
    /** A fee set by hand in place of `ruleFee`, with its reason (docs/domain.md §8.9). */
    override?: { reason: string } | null;
  };
};

/** The price a version freezes: the rules' fee, or one set by hand with its reason, and its schedule over the timeline's span. */
export function snapshotPrice(
  price: Price,
  rules: PricingRules,
  span: ScheduleSpan | null,
  override: { fee: number; reason: string } | null = null
): SnapshotPrice {
  const fee = override ? override.fee : price.fee;
  return {
    fee,
    currency: price.currency,
    schedule: paymentSchedule(fee, rules, span),
    internal: { buildUp: price.buildUp, adjustment: price.adjustment, ruleFee: price.fee, override: override ? { reason: override.reason } : null },
  };
}

/** How far below the rules' fee a fee set by hand is, in whole per cent (rounded up); 0 when at or above it. */
export function discountPercent(ruleFee: number, fee: number): number {
  if (ruleFee <= 0 || fee >= ruleFee) return 0;
  return Math.ceil(((ruleFee - fee) / ruleFee) * 100 - 1e-9);
}

/**
 * Whether a fee is below our cost (docs/domain.md §8.9): the one rule, for the fee on the Proposal and
 * Fit pages, the approval request's and each option's cost line. No cost worked out is none to be below.
 */
export function isBelowCost(fee: number, cost: number): boolean {
  return cost > 0 && fee < cost;
}

/**
 * A fee below the cost build-up, in words for staff (docs/domain.md §8.9): what the work would lose,
 * whether the fee was set by hand (`byHand`) or is the rules' own, a kind of partner's discount (a
 * nation's 5%) taking it below the cost. Null when the fee covers the cost.
 */
export function belowCostWords(
  fee: number,
  p: { buildUp: number; currency: string; byHand: boolean; adjustment?: Pick<PriceAdjustment, "kind" | "percent"> | null }
): string | null {
  if (!isBelowCost(fee, p.buildUp)) return null;
  const whose = p.byHand
    ? "The fee set by hand"
    : `The fee the pricing rules give${p.adjustment?.kind === "discount" ? `, with their ${p.adjustment.percent}% discount for this kind of partner,` : ""}`;
  return `${whose} is ${money(p.buildUp - fee, p.currency)} below our cost build-up of ${money(p.buildUp, p.currency)}: we would do the work at a loss.`;
}

/**
 * A version's fee below its cost build-up in `belowCostWords`' words, as the approval request and the
 * internal briefing say it from the price the version froze (docs/domain.md §8.9). Null when it covers the cost.
 */
export function snapshotBelowCostWords(price: SnapshotPrice): string | null {
  return belowCostWords(price.fee, {
    buildUp: price.internal.buildUp,
    currency: price.currency,
    byHand: Boolean(price.internal.override),
    adjustment: price.internal.adjustment,
  });
}

/** For the approval gate: the manual discount of a version's fee, when its fee was set by hand. */
export function manualDiscount(s: { price?: SnapshotPrice | null }): { discountPercent?: number } {
  const p = s.price;
  if (!p?.internal.override) return {};
  return { discountPercent: discountPercent(p.internal.ruleFee, p.fee) };
}

/** The fee a snapshot states: its price, or in versions made before pricing rules, the cost estimate. */
export function snapshotFee(s: {
  price?: SnapshotPrice | null;
  cost: { total: number; currency: string } | null;
}): { amount: number; currency: string } | null {
  if (s.price) return { amount: s.price.fee, currency: s.price.currency };
  return s.cost ? { amount: s.cost.total, currency: s.cost.currency } : null;
}

/**
 * The exchange rate a version froze that sets its fees against the partner's budget (docs/domain.md §8.7):
 * for the currency its fees are in (the options' when it offers them) and the budget's; null otherwise.
 */
export function snapshotRate(s: {
  price?: SnapshotPrice | null;
  cost: { total: number; currency: string } | null;
  options?: readonly { price: { currency: string } }[];
  exchangeRate?: ExchangeRate | null;
  intake: { budget: { currency?: string | null } };
}): ExchangeRate | null {
  return rateBetween(s.exchangeRate, s.options?.[0]?.price.currency ?? snapshotFee(s)?.currency ?? "", s.intake.budget.currency);
}

/* ------------------------------------------------------------------------------------------------
 * The fee against the partner's budget
 * ---------------------------------------------------------------------------------------------- */

/**
 * The partner's budget as the fee is set against it: its ends, its currency, and the exchange rate the
 * manager recorded for a budget in another currency than the fee's (docs/domain.md §8.7), if any.
 */
export type BudgetToCompare = { min?: number | null; max?: number | null; currency?: string | null; rate?: ExchangeRate | null };

/** The fee in the budget's currency, as a comparison through the rate recorded set it against the budget. */
export type Conversion = { rate: ExchangeRate; fee: number };

/**
 * The fee against the budget. A gap is in the budget's currency: the fee's own, or with a rate
 * (`through`), the partner's, between the fee converted and the budget as the partner gave it.
 */
export type BudgetComparison =
  | { verdict: "no_budget" }
  /** No exchange rate is guessed: a budget in another currency is compared only through a rate the manager recorded. */
  | { verdict: "other_currency"; budgetCurrency: string | null }
  | { verdict: "within"; through?: Conversion }
  | { verdict: "above"; gap: number; through?: Conversion }
  | { verdict: "below"; gap: number; through?: Conversion };

/**
 * The fee as it is set against the budget (docs/domain.md §8.7): itself when the budget is in the fee's
 * currency, in the budget's currency through the rate recorded for the two (`inBudgetCurrency`, the one
 * way a fee is converted) when it is in another, null when it cannot be compared (another currency and
 * no rate for it, or a budget naming no currency).
 */
export function feeAsBudgeted(fee: number, currency: string, budget: BudgetToCompare | null | undefined): { fee: number; through: Conversion | null } | null {
  const theirs = currencyCodeText(budget?.currency ?? "");
  if (!theirs) return null;
  if (theirs === currencyCodeText(currency)) return { fee, through: null };
  const rate = rateBetween(budget?.rate, currency, theirs);
  if (!rate) return null;
  const converted = inBudgetCurrency(fee, rate);
  return { fee: converted, through: { rate, fee: converted } };
}

/** The fee against the budget's maximum (and minimum): in the same currency, or through the rate recorded for the budget's. */
export function compareWithBudget(fee: number, currency: string, budget: BudgetToCompare | null | undefined): BudgetComparison {
  const min = budget?.min ?? null;
  const max = budget?.max ?? null;
  if (min === null && max === null) return { verdict: "no_budget" };
  const compared = feeAsBudgeted(fee, currency, budget);
  if (!compared) return { verdict: "other_currency", budgetCurrency: currencyCodeText(budget?.currency ?? "") || null };
  const through = compared.through ? { through: compared.through } : {};
  if (max !== null && compared.fee > max) return { verdict: "above", gap: compared.fee - max, ...through };
  if (min !== null && compared.fee < min) return { verdict: "below", gap: min - compared.fee, ...through };
  return { verdict: "within", ...through };
}

/** The currency a comparison's gap is in: the budget's, which is the fee's unless the fee went through a rate. */
export function gapCurrency(c: BudgetComparison, feeCurrency: string): string {
  return "through" in c && c.through ? c.through.rate.to : feeCurrency;
}

/**
 * A gap between the fee and the budget in words, in the budget's currency: exact in the fee's own, and
 * through a rate "about" it as the fee's equivalent is (docs/domain.md §8.7): "about EUR 207,000".
 */
export function gapMoney(amount: number, c: BudgetComparison, feeCurrency: string): string {
  return "through" in c && c.through ? aboutMoney(amount, c.through.rate.to) : money(amount, feeCurrency);
}

/**
 * What a version's offer says against the partner's budget, as the budget panel compares it (docs/domain.md
 * §8.8): above it when even its lowest fee is above the maximum, not checked when the budget is in
 * another currency with no rate recorded for it, or in none; nothing otherwise. Never through a guessed
 * exchange rate: through the one the version froze. The portfolio judges each version by it (docs/domain.md
 * §8.13); it stands here, beside the comparison, so that the portfolio's pages load no schema.
 */
export function offerAgainstBudget(
  offer: { number: number; fee: number; currency: string; options: number },
  budget: { min: number | null; max: number | null; currency: string | null; rate?: ExchangeRate | null }
): Pick<VersionFacts, "aboveBudget" | "budgetUnchecked"> {
  const against = compareWithBudget(offer.fee, offer.currency, budget);
  if (against.verdict === "above" && budget.max !== null)
    return { aboveBudget: { ...offer, max: budget.max, ...(against.through ? { through: against.through } : {}) } };
  if (against.verdict === "other_currency") return { budgetUnchecked: { ...offer, budgetCurrency: against.budgetCurrency } };
  return {};
}

/**
 * How staff pages colour a comparison: a fee above the budget in red; a budget that cannot be compared
 * (another currency) as a notice; within, below or no budget as plain text.
 */
export type ComparisonTone = "danger" | "notice" | "plain";

export function comparisonTone(c: BudgetComparison): ComparisonTone {
  if (c.verdict === "above") return "danger";
  if (c.verdict === "other_currency") return "notice";
  return "plain";
}

/**
 * The comparison in words for staff pages; through a rate, with the fee converted and the rate it
 * rests on: "The fee is USD 1,590,000 (about EUR 1,460,000 at 1 USD = 0.92 EUR, the rate of 1 December
 * 2026), about EUR 163,000 above the partner's budget."
 */
export function describeComparison(c: BudgetComparison, fee: number, currency: string): string {
  const through = "through" in c ? c.through : undefined;
  const f = through ? feeWithEquivalent(fee, through.rate, { atRate: true }) : money(fee, currency);
  const gap = (amount: number) => gapMoney(amount, c, currency);
  switch (c.verdict) {
    case "no_budget":
      return `The fee is ${f}; the partner has not given a budget.`;
    case "other_currency":
      return c.budgetCurrency
        ? `The fee is ${f} and the partner's budget is in ${c.budgetCurrency}: the two cannot be compared, and no exchange rate is guessed. Record the exchange rate the proposal uses from ${currency} to ${c.budgetCurrency}, or ask the partner for the budget in ${currency}.`
        : `The fee is ${f} and the partner's budget names no currency: the two cannot be compared, and no exchange rate is guessed. Ask the partner for the budget in ${currency}.`;
    case "within":
      return `The fee is ${f}, within the partner's budget.`;
    case "above":
      return `The fee is ${f}, ${gap(c.gap)} above the partner's budget.`;
    case "below":
      return `The fee is ${f}, ${gap(c.gap)} below the partner's budget.`;
  }
}

/** The partner's budget as the intake states it, to compare a fee with: through `rate` when one was recorded for its currency. */
export function budgetToCompare(
  budget: { budgetMin?: number | null; budgetMax?: number | null; currency?: string | null },
  rate: ExchangeRate | null | undefined
): BudgetToCompare {
  return { min: budget.budgetMin ?? null, max: budget.budgetMax ?? null, currency: budget.currency ?? null, rate: rate ?? null };
}

/** What a budget that cannot be compared with the fee means for the levers, in words for the budget panel (docs/domain.md §8.8). */
export function leversUncompared(currency: string, canRecordRate: boolean): string {
  return `The partner's budget cannot be compared with a fee in ${currency}, so no lever is said to bring the fee within it: judge each lower fee against the budget yourself${
    canRecordRate ? ", or record the exchange rate above for the levers to fit the plan to the budget" : ""
  }.`;
}

/** The fee (not the build-up) against the partner's budget, in words (docs/domain.md §8.7), through the rate a version froze, if any. */
export function feeAgainstBudget(
  price: { fee: number; currency: string },
  budget: { budgetMin?: number | null; budgetMax?: number | null; currency?: string | null },
  rate: ExchangeRate | null = null
): string {
  return describeComparison(compareWithBudget(price.fee, price.currency, budgetToCompare(budget, rate)), price.fee, price.currency);
}

/**
 * For the partner's own document: when the fee offered is above their budget, one plain sentence that
 * says so and by how much, and with options which of them are within it (docs/domain.md §8.7, §9.13).
 * Only the fees and the budget are named, never how a fee is built. Null when nothing is above the
 * budget, or when the two cannot be compared (no budget, or another currency with no rate: said
 * elsewhere). Through the rate the version froze, the gap is in the budget's currency and the fee is
 * named with its equivalent. `offers` is the one fee (title null) or each option's, titled "Option A (Core)".
 */
export function feeAboveBudgetForPartner(
  offers: readonly { title: string | null; fee: number; currency: string }[],
  budget: { budgetMin?: number | null; budgetMax?: number | null; currency?: string | null },
  partner: string,
  rate: ExchangeRate | null = null
): string | null {
  const compared = offers.map((o) => ({ ...o, c: compareWithBudget(o.fee, o.currency, budgetToCompare(budget, rate)) }));
  const above = compared.filter((o) => o.c.verdict === "above");
  const max = budget.budgetMax;
  if (!above.length || max == null) return null;
  const gap = (o: (typeof compared)[number]) => gapMoney(o.c.verdict === "above" ? o.c.gap : 0, o.c, o.currency);
  const top = money(max, gapCurrency(above[0]!.c, above[0]!.currency));
  const only = compared.length === 1 ? compared[0]! : null;
  if (only) {
    const through = "through" in only.c ? only.c.through : undefined;
    const fee = through ? feeWithEquivalent(only.fee, through.rate, { commas: true }) : money(only.fee, only.currency);
    return `The fee of ${fee} is ${gap(only)} above the top of ${ofName(partner, "budget")} (${top}).`;
  }
  const fits = compared.filter((o) => o.c.verdict !== "above");
  const list = (xs: typeof compared) => joinWords(xs.map((o) => o.title ?? ""));
  if (!fits.length) {
    const lowest = above.reduce((a, b) => (b.fee < a.fee ? b : a));
    return `Every option's fee is above the top of ${ofName(partner, "budget")} (${top}): the lowest, ${lowest.title}, by ${gap(lowest)}.`;
  }
  const aboveWords = above.map((o) => `${o.title} is ${gap(o)} above it`).join("; ");
  return `${list(fits)} ${fits.length === 1 ? "is" : "are"} within ${ofName(partner, "budget")} of up to ${top}; ${aboveWords}.`;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
