/*
 * The reference budget view: the fee against the partner's budget and the levers' effects, over the
 * reference levers (./levers). The golden test compares the app's answers with these, as JSON.
 */
import { belowCostWords, compareWithBudget, describeComparison, discountPercent, leversUncompared } from "~/domain/pricing";
import { plural } from "~/domain/plural";
import { LeverSettingsSchema, leversTogether, NO_LEVERS, noLeverLeft, shortfallWords, type LeverSettings } from "~/domain/levers";
import type { Actor } from "~/domain/roles";
import type { Timeline } from "~/domain/timeline";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getApprovalThresholds } from "~/services/templates.server";
import { requireEngagementAccess } from "~/models/engagements.server";
import { pricingContext, readPricing, type BudgetView } from "~/models/pricing.server";
import { exchangeView } from "~/domain/exchange-rate";
import { generateFrom, readTimelineView } from "~/models/timeline.server";
import { asc, eq } from "drizzle-orm";
import { proposalOptions } from "../../db/schema";
import { planFigures, shapeToBudget } from "./levers";

/** The plan the draft is priced on: the stored timeline, or the chosen method's (or its variant's) template before one is generated. */
function draftTimeline(db: DB | Tx, engagementId: number, today: string): Timeline | null {
  const view = readTimelineView(db, engagementId, today);
  if (view.stored) return view.stored.timeline;
  if (!view.inputs.method) return null;
  return generateFrom(view.inputs);
}

function appliedWords(s: LeverSettings, extraMonths: number, method: Timeline["method"]): string[] {
  return [
    // A campaign has no waves: its sites are those our staff support.
    ...(s.firstWaveSites !== null ? [`${plural(s.firstWaveSites, "site")} ${method === "campaign" ? "supported by our staff" : "in the first wave"}`] : []),
    ...(s.virtualSessions ? ["events held online"] : []),
    ...(s.longerPhasing ? [`${plural(extraMonths, "month's", "months'")} longer phasing`] : []),
    ...(s.fewerFacultyDays ? ["fewer faculty days"] : []),
  ];
}

/** The fee against the budget, and the levers to close a gap, for the Fit and Proposal pages; null before a method is chosen. */
export function getBudgetView(actor: Actor, engagementId: number, today: string, canEdit: boolean): BudgetView | null {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const timeline = draftTimeline(db, engagementId, today);
  if (!timeline) return null;
  const ctx = pricingContext(db, engagementId, timeline);
  const { settings, version, override } = readPricing(db, engagementId);
  const shaped = shapeToBudget(timeline, settings, ctx);
  const ruleFee = shaped.current.fee;
  const fee = override?.fee ?? ruleFee;
  // A fee set by hand is what the partner is offered: it is the one compared with the budget.
  const comparison = override ? compareWithBudget(fee, ctx.currency, ctx.budget) : shaped.comparison;
  const rule = ctx.rules.byPartnerKind[ctx.partnerKind as keyof typeof ctx.rules.byPartnerKind];
  const optionRows = db
    .select({ name: proposalOptions.name, leversJson: proposalOptions.leversJson })
    .from(proposalOptions)
    .where(eq(proposalOptions.engagementId, engagementId))
    .orderBy(asc(proposalOptions.position), asc(proposalOptions.id))
    .all();
  const offersOptions = optionRows.length > 0;
  // With options, each option's fee is what the budget is compared with; without, the one fee offered.
  const against = (option: string | null, f: number) => {
    const c = compareWithBudget(f, ctx.currency, ctx.budget);
    const words = describeComparison(c, f, ctx.currency);
    return {
      option,
      fee: f,
      comparison: c,
      description: option ? `${option}. ${words}` : words,
      tone: c.verdict === "above" ? ("danger" as const) : c.verdict === "other_currency" ? ("notice" as const) : ("plain" as const),
    };
  };
  const offered = offersOptions
    ? optionRows.map((r, i) =>
        against(`Option ${"ABC"[i]}: ${r.name}`, planFigures(timeline, LeverSettingsSchema.parse({ ...NO_LEVERS, ...JSON.parse(r.leversJson) }), ctx).fee)
      )
    : [against(null, fee)];
  return {
    offersOptions,
    fee,
    ruleFee,
    override: override ? { reason: override.reason, discount: discountPercent(ruleFee, fee) } : null,
    belowCost: offersOptions
      ? null
      : belowCostWords(fee, { buildUp: shaped.current.buildUp, currency: ctx.currency, byHand: Boolean(override), adjustment: rule ?? null }),
    discountThreshold: getApprovalThresholds().discountPercent ?? null,
    currency: ctx.currency,
    buildUp: shaped.current.buildUp,
    adjustment: rule ? `${rule.percent}% ${rule.kind} for this kind of partner` : null,
    comparison,
    offered,
    applied: appliedWords(settings, ctx.rules.levers.longerPhasing.extraMonths, ctx.method),
    levers:
      (comparison.verdict === "above" || comparison.verdict === "other_currency") && !offersOptions
        ? shaped.levers.map((l) => ({
            lever: l.lever,
            label: l.label,
            change: l.change,
            effect: l.effect,
            timeBreach: l.timeBreach,
            fee: l.fee,
            feeChange: l.feeChange,
          }))
        : [],
    withheld: (comparison.verdict === "above" || comparison.verdict === "other_currency") && !offersOptions ? shaped.withheld : [],
    // Nothing faster stands for the levers taken together: the app's own words are the reference.
    shortfall:
      comparison.verdict === "above" && !offersOptions && !override ? shortfallWords(leversTogether(timeline, shaped, ctx)) ?? noLeverLeft(shaped, ctx) : null,
    // Nor for the exchange rate, which the panel only shows as recorded.
    exchange: exchangeView(ctx.budget, ctx.currency),
    uncompared: comparison.verdict === "other_currency" ? leversUncompared(ctx.currency, canEdit) : null,
    version,
    canEdit,
  };
}
