import { z } from "zod";
import { line, moneyAmount, wholeNumber } from "./field-schemas";
import { LEVERS } from "./levers";

/*
 * The pricing forms of the Fit and Proposal pages (docs/domain.md §8.8–8.9): apply a lever to the
 * proposal's draft, or take them all off; set the fee by hand with a reason, or go back to the rules' fee. Each carries the pricing version the page was drawn from.
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

export const PRICING_INTENTS = ["apply-lever", "clear-levers", "set-fee", "clear-fee"] as const;

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
    ],
    { error: "That is not something this page can do. Reload the page and try again." }
  );
}
export type PricingIntent = z.infer<ReturnType<typeof pricingIntentSchema>>;

/** Whether a posted intent is one of the pricing forms'. */
export function isPricingIntent(intent: unknown): boolean {
  return typeof intent === "string" && (PRICING_INTENTS as readonly string[]).includes(intent);
}
