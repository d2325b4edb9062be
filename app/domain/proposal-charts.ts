import { shortMonth } from "./calendar";
import { chartNumber, type ChartSpec } from "./charts";
import { budgetRange, money } from "./money";
import { atTheRate, equivalentOf, type ExchangeRate } from "./exchange-rate";
import { ofName } from "./text";
import { feeAsBudgeted, type Instalment } from "./pricing";

/*
 * The proposal's two charts for the partner (docs/domain.md §8.11, §9): the fee against their budget
 * and the payment schedule over time. Only what the partner already reads in the budget section —
 * the fee, its currency and the schedule; never the build-up. Drawn with the version, like the
 * driver diagram and the gantt, and placed in the documents as pictures.
 */

export type ProposalChartKey = "fee-chart" | "payment-chart";

/** A fee to draw: today the proposal's one, later one per option. */
export type LabelledFee = { label: string; amount: number };

export type PartnerBudget = { min?: number | null; max?: number | null; currency?: string | null };

/**
 * Each fee as a bar against the partner's budget as a level across them: the upper end of the range,
 * or the lower end when only that is given. Null without a budget or with one in another currency and
 * no exchange rate recorded for it: amounts in two currencies are never set side by side. With a rate
 * (docs/domain.md §8.7), the bars are the fees in the budget's currency at that rate, which the
 * description names with its day.
 */
export function feeChart(
  feesInOurs: LabelledFee[],
  ours: string,
  budget: PartnerBudget,
  partner: string,
  exchange: ExchangeRate | null = null
): ChartSpec | null {
  const min = budget.min ?? null;
  const max = budget.max ?? null;
  if (!feesInOurs.length || (min === null && max === null)) return null;
  // Each fee as the budget is set against it (feeAsBudgeted, the one conversion): none when the two cannot be compared.
  const fees = feesInOurs.flatMap((f) => {
    const as = feeAsBudgeted(f.amount, ours, { ...budget, rate: exchange });
    return as ? [{ label: f.label, amount: as.fee, rate: as.through?.rate ?? null }] : [];
  });
  if (fees.length < feesInOurs.length) return null;
  const rate = fees[0]!.rate;
  const currency = rate ? rate.to : ours;
  const inCurrency = rate ? `in ${currency} at ${atTheRate(rate, false)}` : `in ${currency}`;
  const level = (max ?? min)!;
  const range = budgetRange(min, max, currency)!;
  const over = fees.flatMap((f, i) => (max !== null && f.amount > max ? [{ index: i, text: `above the budget by ${money(f.amount - max, currency)}` }] : []));
  const under = fees.filter((f) => !(max !== null && f.amount > max)).length;
  return {
    id: "proposal-fee",
    title: `The fee against ${ofName(partner, "budget")}`,
    description:
      `Bars: the fee${fees.length === 1 ? "" : " of each option"} ${inCurrency}. Line: ${ofName(partner, "budget")}, ${range}` +
      (max !== null && min !== null && min !== max ? `, drawn at its upper end. ` : ". ") +
      (max === null
        ? "The budget gives no upper end."
        : over.length
        ? `${
            over.length === fees.length && fees.length === 1 ? "The fee is" : `${over.length} of ${fees.length} fees are`
          } above the budget, marked with a triangle.`
        : `${under === 1 ? "The fee is" : "Every fee is"} within the budget.`),
    categoryName: "Fee",
    categories: fees.map((f, i) => ({ key: `fee-${i + 1}`, label: f.label })),
    layers: [{ key: "fee", label: "Fee", fill: "solid", values: fees.map((f) => f.amount) }],
    line: { label: max !== null ? "Budget (upper end)" : "Budget (lower end)", values: fees.map(() => level) },
    flags: over,
    flagLabel: "Above the budget",
    unit: currency.toUpperCase(),
    size: "print",
  };
}

/** When an instalment falls due, in the chart's words: its month, or on signature. */
export function instalmentWhen(i: Pick<Instalment, "due">): string {
  return i.due ? shortMonth(i.due) : "On signature";
}

/**
 * One bar per instalment in the order they fall due, labelled with its date; the same amounts as the
 * schedule's table, in the fee's currency, the total with its equivalent where the version froze a rate.
 */
export function paymentChart(schedule: Instalment[], currency: string, exchange: ExchangeRate | null = null): ChartSpec | null {
  if (!schedule.length) return null;
  const total = schedule.reduce((sum, i) => sum + i.amount, 0);
  const inAll = `${money(total, currency)}${exchange ? ` (${equivalentOf(total, exchange)})` : ""} in all`;
  return {
    id: "proposal-payments",
    title: "The payment schedule over time",
    description:
      `Bars: the amount in ${currency} due at each of ${schedule.length} milestones, in the order they fall due, ${inAll}. ` +
      schedule.map((i) => `${instalmentWhen(i)}: ${i.label.toLowerCase()}, ${chartNumber(i.percent)}%.`).join(" "),
    categoryName: "Due",
    categories: schedule.map((i, k) => ({ key: `instalment-${k + 1}`, label: instalmentWhen(i) })),
    layers: [{ key: "payment", label: "Payment due", fill: "solid", values: schedule.map((i) => i.amount) }],
    unit: currency.toUpperCase(),
    size: "print",
  };
}
