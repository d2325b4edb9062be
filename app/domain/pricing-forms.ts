import { z } from "zod";
import { isIsoDate, notADateWords } from "./calendar";
import { rateFromText } from "./exchange-rate";
import { line, moneyAmount, wholeNumber } from "./field-schemas";
import { LEVERS } from "./levers";
import { currencyCodeText, isCurrencyCode } from "./money";
import { stripControlChars } from "./text";

/*
 * The pricing forms of the Fit and Proposal pages (docs/domain.md §8.7–8.9): apply a lever to the
 * proposal's draft, or take them all off; set the fee by hand with a reason, or go back to the rules'
 * fee; record the exchange rate for a budget in another currency, or clear it. Each carries the pricing
 * version the page was drawn from.
 */

const VERSION_MISSING = "The form is missing the pricing's version: reload the page and try again.";
const version = z
  .string({ error: VERSION_MISSING })
  .regex(/^\d{1,9}$/, VERSION_MISSING)
  .transform(Number);

/** A fee set by hand: whole currency units, and why (docs/domain.md §8.9), as an engagement bundle holds it; the form types the fee with its currency. */
export const feeByHandFields = {
  fee: wholeNumber("The fee", { min: 1, max: 1_000_000_000 }),
  reason: line("The reason for the change", { min: 10, max: 500 }),
};

export const PRICING_INTENTS = ["apply-lever", "clear-levers", "set-fee", "clear-fee", "set-rate", "clear-rate"] as const;

/**
 * The exchange rate's fields (docs/domain.md §8.7): the budget's currency as the page showed it, the
 * rate in units of it for one of ours, read as an amount is (`rateFromText`), the day it is from, and
 * where it is from, if the manager says.
 */
export const exchangeRateFields = {
  currency: z
    .string({ error: "The form is missing the budget's currency: reload the page and try again." })
    .transform(currencyCodeText)
    .pipe(z.string().refine(isCurrencyCode, "The budget's currency must be a three-letter code such as EUR: reload the page and try again.")),
  rate: z.string({ error: "The exchange rate is required." }).transform((typed, ctx) => {
    const read = rateFromText(stripControlChars(typed));
    if ("rate" in read) return read.rate;
    ctx.addIssue({ code: "custom", message: read.problem });
    return z.NEVER;
  }),
  rateOn: z.string({ error: notADateWords("The rate's date") }).refine(isIsoDate, { error: (issue) => notADateWords("The rate's date", issue.input) }),
  // A single line like any other, left out or blank for none.
  rateSource: line("The rate's source", { min: 0, max: 200 })
    .default("")
    .transform((v) => v || null),
  /**
   * The rate the manager confirms after being told it puts the fee out of scale with the budget
   * (`rateOutOfScale`): the rate as it was typed then, read as the rate is; null when not confirmed or
   * unreadable. A confirmation holds only for the rate it was given for.
   */
  confirmRate: z
    .string()
    .optional()
    .transform((typed) => {
      if (!typed) return null;
      const read = rateFromText(stripControlChars(typed));
      return "rate" in read ? read.rate : null;
    }),
};

/**
 * The pricing forms, for fees in `currency` (the day rates'): the fee by hand is typed as the partner's
 * budget is, with or without that currency's sign or code (docs/domain.md §8.9).
 */
export function pricingIntentSchema(currency: string) {
  return z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("apply-lever"),
        form: z.string().optional(),
        version,
        lever: z.enum(LEVERS, { error: "Choose one of the levers shown." }),
      }),
      z.object({ intent: z.literal("clear-levers"), form: z.string().optional(), version }),
      z.object({
        intent: z.literal("set-fee"),
        form: z.string().optional(),
        version,
        ...feeByHandFields,
        fee: moneyAmount("The fee", { currency, min: 1, max: 1_000_000_000, whole: true }),
      }),
      z.object({ intent: z.literal("clear-fee"), form: z.string().optional(), version }),
      z.object({ intent: z.literal("set-rate"), form: z.string().optional(), version, ...exchangeRateFields }),
      z.object({ intent: z.literal("clear-rate"), form: z.string().optional(), version }),
    ],
    { error: "That is not something this page can do. Reload the page and try again." }
  );
}
export type PricingIntent = z.infer<ReturnType<typeof pricingIntentSchema>>;

/** Whether a posted intent is one of the pricing forms'. */
export function isPricingIntent(intent: unknown): boolean {
  return typeof intent === "string" && (PRICING_INTENTS as readonly string[]).includes(intent);
}
