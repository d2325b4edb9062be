import { rateOfDay } from "~/domain/exchange-rate";
import { pricingIntentSchema, type PricingIntent } from "~/domain/pricing-forms";
import type { Actor } from "~/domain/roles";
import { redirectWithFlash } from "~/lib/route.server";
import { applyLever, clearExchangeRate, clearFee, clearLevers, setExchangeRate, setFee } from "~/models/pricing.server";
import { currentDay, currentMonth } from "~/services/clock.server";
import { getStaffRoles } from "~/services/templates.server";

/** The pricing forms' schema: a fee is read in our currency. */
export const pricingSchema = () => pricingIntentSchema(getStaffRoles().currency);

/**
 * The pricing forms' change, shared by the Fit and Proposal pages: run it, then back to the page with
 * what it did. The plan is priced in this month; a rate cannot be dated after today.
 */
export function pricingChange(request: Request, actor: Actor, engagementId: number, input: PricingIntent, back: string) {
  const today = currentMonth();
  const day = currentDay();
  if (input.intent === "apply-lever") {
    const applied = applyLever(actor, engagementId, input.lever, input.version, today);
    return redirectWithFlash(request, back, `${applied.label} applied to the proposal. ${applied.effect}`);
  }
  if (input.intent === "set-fee") {
    const { discount } = setFee(actor, engagementId, input, today);
    return redirectWithFlash(request, back, discount > 0 ? `Fee set by hand, ${discount}% below what the pricing rules give.` : "Fee set by hand.");
  }
  if (input.intent === "clear-fee") {
    clearFee(actor, engagementId, input.version);
    return redirectWithFlash(request, back, "The fee is the one the pricing rules give again.");
  }
  if (input.intent === "set-rate") {
    const rate = setExchangeRate(actor, engagementId, input, day, today);
    return redirectWithFlash(
      request,
      back,
      `Exchange rate recorded: ${rateOfDay(rate)}. The fee is set against the partner's budget through it, and the next version states it.`
    );
  }
  if (input.intent === "clear-rate") {
    clearExchangeRate(actor, engagementId, input.version);
    return redirectWithFlash(request, back, "The exchange rate is cleared: the fee is no longer compared with a budget in another currency.");
  }
  clearLevers(actor, engagementId, input.version);
  return redirectWithFlash(request, back, "The levers are off: the proposal is priced on its plan as it is.");
}
