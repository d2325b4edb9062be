import { plural } from "./plural";
import { rateWords } from "./exchange-rate";
import { budgetToCompare, gapMoney, snapshotFee } from "./pricing";
import { feesAgainstBudget, type FeeAgainstBudget } from "./proposal-options";
import { staffTotals, type EngagementSnapshot } from "./proposal-snapshot";

/*
 * What a frozen proposal version commits (docs/domain.md §8.5, §8.7): the fee it offers against the
 * partner's budget, and the time of our staff it asks for. Read from the snapshot alone, so that the
 * approvals queue, the approval request page and the warnings before sharing say the same of it.
 */

/** The parts of a snapshot this reads: all a list of many versions needs to fetch of each. */
export type CommitmentParts = Pick<EngagementSnapshot, "staffing" | "fit" | "cost" | "price" | "options" | "exchangeRate"> & {
  intake: { budget: Pick<EngagementSnapshot["intake"]["budget"], "budgetMin" | "budgetMax" | "currency"> };
};

export type Commitments = {
  /**
   * Each fee offered against the budget: one per option when the version offers options, else the one
   * fee; empty when it states none. Against a budget in another currency, through the rate the version froze.
   */
  fees: FeeAgainstBudget[];
  /** The currency of the fees; null when there is no fee. */
  currency: string | null;
  /** Our staff's time, over every role: with options, the staffing it is given (`asCommitted`: the chosen option's once chosen, else the largest's). */
  fteMonths: number;
  facultyDays: number;
  /** Role-months that fit only without tentative bookings or with little room left, as assessed when the version was made; null when it has no assessment. */
  tightRoleMonths: number | null;
  /** The role-months short of capacity when the version was made, in words; empty when none or not assessed. */
  shortfalls: string[];
};

export function commitmentsOf(s: CommitmentParts): Commitments {
  const fee = snapshotFee(s);
  const options = (s.options ?? []).map((o) => ({ name: o.name, fee: o.price.fee }));
  const currency = fee?.currency ?? s.options?.[0]?.price.currency ?? null;
  const budget = s.intake.budget;
  const fees =
    currency !== null && (fee || options.length)
      ? feesAgainstBudget({ fee: fee?.amount ?? 0, options }, currency, budgetToCompare(budget, s.exchangeRate))
      : [];
  return {
    fees,
    currency,
    ...staffTotals(s.staffing),
    tightRoleMonths: s.fit ? s.fit.tightSpots.length : null,
    shortfalls: s.fit?.shortfalls ?? [],
  };
}

/**
 * A fee against the budget in a few words, for a column: "USD 310,000 above the budget"; through a
 * rate, in the budget's currency and with the rate: "EUR 162,800 above the budget at 1 USD = 0.92 EUR".
 */
export function budgetInBrief(f: FeeAgainstBudget, currency: string): string {
  const c = f.comparison;
  const at = "through" in c && c.through ? ` at ${rateWords(c.through.rate)}` : "";
  switch (c.verdict) {
    case "above":
      return `${gapMoney(c.gap, c, currency)} above the budget${at}`;
    case "below":
      return `${gapMoney(c.gap, c, currency)} below the budget${at}`;
    case "within":
      return `within the budget${at}`;
    case "no_budget":
      return "no budget given";
    case "other_currency":
      return c.budgetCurrency ? `budget in ${c.budgetCurrency}, not compared` : "budget names no currency, not compared";
  }
}

/** What a version commits of our staff's capacity, in a few words: "2 tight role-months", "none tight", "1 role-month short". */
export function capacityInBrief(c: Pick<Commitments, "tightRoleMonths" | "shortfalls">): string {
  if (c.tightRoleMonths === null) return "capacity not assessed";
  const parts = [];
  if (c.shortfalls.length) parts.push(`${plural(c.shortfalls.length, "role-month")} short`);
  parts.push(c.tightRoleMonths ? plural(c.tightRoleMonths, "tight role-month") : c.shortfalls.length ? "none tight" : "none short or tight");
  return parts.join(", ");
}
