import { PricingRulesSchema, type PricingRules } from "~/domain/pricing";

/**
 * Pricing rules for unit tests, with figures fixed here rather than read from docs-templates/pricing.json,
 * so the worked numbers in the tests do not move when the data does. The payment schedule may be replaced.
 */
export function testPricingRules(paymentSchedule?: PricingRules["paymentSchedule"]): PricingRules {
  return PricingRulesSchema.parse({
    version: 1,
    byPartnerKind: {
      hospital: { kind: "margin", percent: 15 },
      health_system: { kind: "margin", percent: 15 },
      association: { kind: "margin", percent: 10 },
      region: { kind: "margin", percent: 10 },
      nation: { kind: "discount", percent: 5 },
    },
    rounding: { to: 5000, direction: "up" },
    paymentSchedule: paymentSchedule ?? [
      { milestone: "signature", label: "On signature", percent: 30 },
      { milestone: "start", label: "At the start", percent: 20 },
      { milestone: "midpoint", label: "At the midpoint", percent: 30 },
      { milestone: "end", label: "On completion", percent: 20 },
    ],
    levers: {
      virtualSessions: { eventTags: ["learning_session"], daysFactor: 0.6 },
      fewerFacultyDays: { factor: 0.8 },
      longerPhasing: { extraMonths: 6 },
      // No smallest first wave, so worked examples may go down to one site; the tests of the smallest set their own.
      fewerSites: { smallestFirstWave: { collaborative: 1, campaign: 1, tailored: 1, join_open_collaborative: 1, short_tailored: 1 } },
    },
  });
}
