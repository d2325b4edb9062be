import { formatDate } from "./calendar";
import { formatCount } from "./plural";
import { amountFromText, budgetRange, currencyCodeText, money } from "./money";

/*
 * The exchange rate a manager records to set the fee against a budget the partner states in its own
 * currency (docs/domain.md §8.7): never guessed and never fetched, and frozen with each version that
 * uses it (docs/decisions/0033). The fee is converted into the budget's currency, never the budget
 * into ours: the partner's figure stays as they gave it, and every comparison goes through
 * `inBudgetCurrency`. Pure.
 */

export type ExchangeRate = {
  /** Our currency, the fee's (the day rates'): one unit of it… */
  from: string;
  /** …buys `rate` units of this one, the partner's budget's. */
  to: string;
  /** 1 USD = 0.92 EUR is 0.92. */
  rate: number;
  /** YYYY-MM-DD: the day the rate is taken from. */
  on: string;
  /** Where it is taken from, in the manager's words ("European Central Bank reference rate"); null when not said. */
  source: string | null;
};

/** The most significant figures a rate is recorded with: rates are quoted to five or six. */
export const RATE_FIGURES = 6;
export const RATE_LEAST = 0.000001;
export const RATE_MOST = 1_000_000;

/** The rate, when it is the one for setting fees in `feeCurrency` against a budget in `budgetCurrency`; else null. */
export function rateBetween(rate: ExchangeRate | null | undefined, feeCurrency: string, budgetCurrency: string | null | undefined): ExchangeRate | null {
  if (!rate || !budgetCurrency) return null;
  return rate.from === currencyCodeText(feeCurrency) && rate.to === currencyCodeText(budgetCurrency) ? rate : null;
}

/**
 * The one conversion (docs/domain.md §8.7): an amount in our currency in the partner's, in whole units,
 * halves rounded up. Worked out exactly on the rate's decimal digits, so that USD 1,250,000 at 0.92 is
 * EUR 1,150,000 and never a unit off by the way binary fractions round.
 */
export function inBudgetCurrency(amount: number, rate: Pick<ExchangeRate, "rate">): number {
  const whole = Math.round(amount);
  const digits = decimalDigits(rate.rate);
  if (!digits || whole < 0) return Math.round(whole * rate.rate);
  const scale = 10n ** BigInt(digits.decimals);
  return Number((2n * BigInt(whole) * digits.units + scale) / (2n * scale));
}

/** 0.92 as 92 units of 1/100; null for a number JavaScript writes with an exponent. */
function decimalDigits(n: number): { units: bigint; decimals: number } | null {
  const text = String(n);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = m[2] ?? "";
  return { units: BigInt(m[1]! + fraction), decimals: fraction.length };
}

const RATE_FORMAT = new Intl.NumberFormat("en-GB", { maximumSignificantDigits: RATE_FIGURES });
const INVERSE_FORMAT = new Intl.NumberFormat("en-GB", { maximumSignificantDigits: 4 });

/** The rate as a figure: "0.92", "1,385.5". */
export function rateFigure(rate: number): string {
  return RATE_FORMAT.format(rate);
}

/** The rate as it is read, our currency first: "1 USD = 0.92 EUR". */
export function rateWords(rate: Pick<ExchangeRate, "from" | "to" | "rate">): string {
  return `1 ${rate.from} = ${rateFigure(rate.rate)} ${rate.to}`;
}

/** The same rate read the other way, to four figures, for a manager to check it against the one they know: "1 EUR = 1.087 USD". */
export function inverseRateWords(rate: Pick<ExchangeRate, "from" | "to" | "rate">): string {
  return `1 ${rate.to} = ${INVERSE_FORMAT.format(1 / rate.rate)} ${rate.from}`;
}

/** The rate and the day it is from, for staff and leaders: "1 USD = 0.92 EUR, the rate of 1 December 2026". */
export function rateOfDay(rate: Pick<ExchangeRate, "from" | "to" | "rate" | "on">): string {
  return `${rateWords(rate)}, the rate of ${formatDate(rate.on)}`;
}

/** The rate, its day and, where recorded, its source: "1 USD = 0.92 EUR, the rate of 1 December 2026 (European Central Bank reference rate)". */
export function rateOfDayWithSource(rate: Pick<ExchangeRate, "from" | "to" | "rate" | "on" | "source">): string {
  return `${rateOfDay(rate)}${rate.source ? ` (${rate.source})` : ""}`;
}

/** The rate as a document states it: "the exchange rate of 1 December 2026 (its source), 1 USD = 0.92 EUR", the source where asked for. */
export function atTheRate(rate: ExchangeRate, withSource: boolean): string {
  return `the exchange rate of ${formatDate(rate.on)}${withSource && rate.source ? ` (${rate.source})` : ""}, ${rateWords(rate)}`;
}

/**
 * The significant figures an amount worked out at a rate is stated to (docs/domain.md §8.7): "about"
 * fits EUR 1,010,000, not EUR 1,007,400, a figure exact to the euro on a rate that will not be the final one.
 */
export const EQUIVALENT_FIGURES = 3;

/**
 * An amount worked out at a rate, as "about" states it: to three significant figures, in whole units,
 * halves up (1,007,400 is 1,010,000; 4,630 stays 4,630). The comparison itself keeps the exact conversion.
 */
export function aboutFigure(amount: number): number {
  const whole = Math.round(Math.abs(amount));
  const step = 10 ** Math.max(0, String(whole).length - EQUIVALENT_FIGURES);
  return Math.sign(amount) * Math.round(whole / step) * step;
}

/** An amount in the partner's currency worked out at a rate, in words: "about EUR 1,010,000". */
export function aboutMoney(amount: number, currency: string): string {
  return `about ${money(aboutFigure(amount), currency)}`;
}

/** An amount of ours as its equivalent in the partner's currency, in words: "about EUR 1,010,000". */
export function equivalentOf(amount: number, rate: Pick<ExchangeRate, "to" | "rate">): string {
  return aboutMoney(inBudgetCurrency(amount, rate), rate.to);
}

/**
 * An amount of ours as its equivalent in a column that names the partner's currency in its heading,
 * "Equivalent (KES)": "about 42,500,000", rounded as `aboutFigure` rounds every equivalent.
 */
export function equivalentFigure(amount: number, rate: Pick<ExchangeRate, "rate">): string {
  return `about ${money(aboutFigure(inBudgetCurrency(amount, rate)), null)}`;
}

/**
 * The one way a fee is written with its equivalent in the partner's currency (docs/domain.md §8.7):
 * "USD 1,095,000 (about EUR 1,010,000)"; with `atRate`, the rate and its day inside the brackets,
 * "(about EUR 1,010,000 at 1 USD = 0.92 EUR, the rate of 1 December 2026)"; with `commas`, set off
 * for a sentence that goes on, "USD 1,095,000, about EUR 1,010,000,".
 */
export function feeWithEquivalent(
  amount: number,
  rate: Pick<ExchangeRate, "from" | "to" | "rate" | "on">,
  opts: { atRate?: boolean; commas?: boolean } = {}
): string {
  const equivalent = `${equivalentOf(amount, rate)}${opts.atRate ? ` at ${rateOfDay(rate)}` : ""}`;
  return opts.commas ? `${money(amount, rate.from)}, ${equivalent},` : `${money(amount, rate.from)} (${equivalent})`;
}

/**
 * The fees a version offers with their equivalent, as a sentence states them: the one fee as
 * `feeWithEquivalent` writes it, or the options' range, "between USD 1,095,000 and USD 1,200,000
 * (about EUR 1,010,000 to 1,100,000), depending on the option chosen".
 */
export function feesWithEquivalent(fees: readonly number[], rate: Pick<ExchangeRate, "from" | "to" | "rate" | "on">, dependsOnOption: string): string {
  const low = Math.min(...fees);
  const high = Math.max(...fees);
  if (low === high) return feeWithEquivalent(low, rate);
  const [lowThere, highThere] = [low, high].map((f) => aboutFigure(inBudgetCurrency(f, rate)));
  return `between ${money(low, rate.from)} and ${money(high, rate.from)} (about ${money(lowThere!, rate.to)} to ${money(
    highThere!,
    null
  )}), ${dependsOnOption}`;
}

/**
 * For the partner's own document (docs/domain.md §8.7): the fee, or the options' fees, in their budget's
 * currency at the rate recorded, its day and source, and that the contract fixes the final rate. Only
 * the fees offered are converted, never how they are built; each is "about" the figure `aboutFigure` gives.
 */
export function feeInTheirCurrency(fees: readonly number[], rate: ExchangeRate, dependsOnOption: string): string {
  const converted = fees.map((f) => aboutFigure(inBudgetCurrency(f, rate)));
  const low = Math.min(...converted);
  const high = Math.max(...converted);
  const at = `At ${atTheRate(rate, true)}`;
  const amount =
    fees.length === 1 || low === high
      ? `the fee is about ${money(low, rate.to)}`
      : `the fee is between about ${money(low, rate.to)} and ${money(high, rate.to)}, ${dependsOnOption}`;
  return `${at}, ${amount}. The contract will fix the final exchange rate.`;
}

/**
 * A rate as it is typed, in units of the partner's currency for one of ours (docs/domain.md §8.7), read
 * as an amount of money is read (§8.9): "0.92", "1,385.5", "16250"; a dot before exactly three digits
 * ("1.085") is refused with both readings, as in an amount. A comma is never a decimal point: "0,92" is
 * refused with how to write it. Its words name `label` and the currencies.
 */
export function rateFromText(text: string, label = "The exchange rate"): { rate: number } | { problem: string } {
  const typed = text.trim();
  if (typed === "") return { problem: `${label} is required.` };
  // "0,92", "1,0850", "0,920": a comma that cannot be between thousands, or follows a lone 0, is a decimal comma.
  const decimalComma = /^\d+,\d+$/.test(typed) && (!/^\d{1,3}(,\d{3})+$/.test(typed) || /^0,/.test(typed));
  if (decimalComma) return { problem: `${label}: write ${typed} with a dot for the decimal point, as ${typed.replace(",", ".")}.` };
  // A rate is a plain figure: no scale word ("16k", "1,2 Mio") reads as one, as it would as an amount.
  const read = /\p{L}/u.test(typed) ? null : amountFromText(typed);
  if (read === null || ("amount" in read && !Number.isFinite(read.amount))) return { problem: `${label} must be a number like 0.92.` };
  if ("twoReadings" in read) {
    const { asDecimal, asThousands } = read.twoReadings;
    // A zero after the three digits leaves the dot a decimal point only; without it, the figures are thousands.
    return {
      problem: `${label}: ${typed} could be ${rateFigure(asDecimal)} or ${rateFigure(asThousands)}. Write ${typed}0 for the first, or ${String(
        asThousands
      )} for the second.`,
    };
  }
  const rate = read.amount;
  if (rate <= 0) return { problem: `${label} must be more than 0.` };
  if (rate < RATE_LEAST || rate > RATE_MOST) return { problem: `${label} must be between ${rateFigure(RATE_LEAST)} and ${rateFigure(RATE_MOST)}.` };
  const figures = significantFigures(rate);
  if (figures > RATE_FIGURES)
    return {
      problem: `${label} has at most ${RATE_FIGURES} significant figures, as rates are quoted (such as 0.9215 or 1,385.5): ${typed} has ${figures}.`,
    };
  return { rate };
}

/** How many significant figures a number is written with, trailing zeros left out: 0.9200 and 16,250 have 2 and 4. */
export function significantFigures(n: number): number {
  const digits = String(Math.abs(n)).replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return digits.length;
}

/**
 * How far out of scale with the partner's budget a fee converted at a new rate may be before the
 * manager is asked to confirm the rate (docs/domain.md §8.7): more than twenty times the budget, or less
 * than a twentieth of it. We hold no reference rates (150 is right for yen), so a rate is judged only by
 * what it makes of the fee against the partner's own figure: "92" typed for 0.92 puts a fee of
 * USD 1,200,000 at EUR 110,400,000.
 */
export const OUT_OF_SCALE = 20;

/**
 * Words asking the manager to check a rate that puts `fee` (ours) wildly out of scale with the budget,
 * set against its top (or its floor when it gives none): "At this rate the fee is about EUR 110,000,000,
 * 138 times the partner's budget (EUR 500,000–800,000). Check the rate, or confirm it." Null when the
 * fee at this rate is within a factor of OUT_OF_SCALE of the budget, or there is no budget or fee to judge by.
 */
export function rateOutOfScale(fee: number, rate: Pick<ExchangeRate, "to" | "rate">, budget: { min?: number | null; max?: number | null }): string | null {
  const against = budget.max ?? budget.min ?? null;
  if (against === null || against <= 0 || fee <= 0) return null;
  const converted = inBudgetCurrency(fee, rate);
  const times = converted / against;
  if (times <= OUT_OF_SCALE && times >= 1 / OUT_OF_SCALE) return null;
  const theirs = `the partner's budget (${budgetRange(budget.min, budget.max, rate.to)})`;
  const scale = times > OUT_OF_SCALE ? `${formatCount(Math.round(times))} times ${theirs}` : `less than a twentieth of ${theirs}`;
  return `At this rate the fee is ${aboutMoney(converted, rate.to)}, ${scale}. Check the rate, or confirm it.`;
}

/* ------------------------------------------------------------------------------------------------
 * The rate as the budget panel shows it
 * ---------------------------------------------------------------------------------------------- */

/** A rate as the budget panel shows it, in words worked out on the server. */
export type RateView = {
  from: string;
  to: string;
  /** As the field shows it: "0.92". */
  figure: string;
  /** "1 USD = 0.92 EUR" and the other way round, "1 EUR = 1.087 USD", for the manager to check. */
  words: string;
  inverse: string;
  /** YYYY-MM-DD, and in words. */
  on: string;
  onWords: string;
  source: string | null;
};

export type ExchangeView = {
  /** Our currency, the fee's, and the budget's, for which a rate is recorded. */
  ours: string;
  theirs: string;
  /** The rate in use: recorded for these two currencies. */
  used: RateView | null;
  /** A rate recorded for other currencies (the budget has changed currency since): why it is not used. */
  unused: { rate: RateView; why: string } | null;
};

/**
 * The rate field's hint: what to type, in the two currencies' codes and with no example figure, as one
 * plausible for a currency (0.92 euros to the dollar) misleads for another (about ten kroner).
 */
export function rateHint(exchange: Pick<ExchangeView, "ours" | "theirs">): string {
  return `How many ${exchange.theirs} one ${exchange.ours} buys, as your bank or a reference rate quotes it. A decimal point is a dot.`;
}

/** A rate in the budget panel's words. */
export function rateView(r: ExchangeRate): RateView {
  return {
    from: r.from,
    to: r.to,
    figure: rateFigure(r.rate),
    words: rateWords(r),
    inverse: inverseRateWords(r),
    on: r.on,
    onWords: formatDate(r.on),
    source: r.source,
  };
}

/**
 * What the budget panel shows of the exchange rate (docs/domain.md §8.7), for fees in `ours` against
 * `budget` with the rate recorded for it: only for a budget with an amount in another currency than the
 * fee's; the rate used, or the one recorded for other currencies and why it is not used.
 */
export function exchangeView(
  budget: { min?: number | null; max?: number | null; currency?: string | null; rate?: ExchangeRate | null } | null,
  ours: string
): ExchangeView | null {
  const theirs = currencyCodeText(budget?.currency ?? "");
  if (!budget || !theirs || theirs === currencyCodeText(ours) || (budget.min == null && budget.max == null)) return null;
  const recorded = budget.rate ?? null;
  const used = rateBetween(recorded, ours, theirs);
  return {
    ours,
    theirs,
    used: used ? rateView(used) : null,
    unused:
      recorded && !used
        ? {
            rate: rateView(recorded),
            why: `The rate recorded, ${rateOfDay(recorded)}, is for a budget in ${recorded.to}${
              recorded.from !== ours ? ` and fees in ${recorded.from}` : ""
            }; the partner's budget is now in ${theirs}, so it is not used.`,
          }
        : null,
  };
}
