import { eq } from "drizzle-orm";
import { rateTooOldWords } from "~/domain/plausible-dates";
import { afterTodayWords } from "~/domain/calendar";
import { currencyCodeText } from "~/domain/money";
import { exchangeView, rateOfDay, rateOfDayWithSource, rateOutOfScale, type ExchangeRate, type ExchangeView } from "~/domain/exchange-rate";
import { engagements, organisations, proposalOptions, proposalPricing } from "../../db/schema";
import { Conflict, Refusal } from "~/domain/errors";
import {
  appliedWords,
  LeverSettingsSchema,
  leversTogether,
  NO_LEVERS,
  noLeverLeft,
  planFigures,
  shapeToBudget,
  shortfallWords,
  type Lever,
  type LeverSettings,
  type PricingContext,
} from "~/domain/levers";
import { belowCostWords, compareWithBudget, discountPercent, leversUncompared } from "~/domain/pricing";
import { feesAgainstBudget, NO_FEE_BY_HAND_WITH_OPTIONS, type FeeAgainstBudget } from "~/domain/proposal-options";
import { dayRatesFromRoster } from "~/domain/resource-fit";
import type { Actor } from "~/domain/roles";
import type { Timeline } from "~/domain/timeline";
import { writeAudit } from "~/services/audit.server";
import { keptViews } from "~/services/kept-views.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getApprovalThresholds, getDemandParameters, getPricingRules, getStaffRoles } from "~/services/templates.server";
import { demandParametersFor, oneOrganisationOf } from "~/domain/demand";
import { readDraftOptions } from "./draft-options.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake } from "./intake.server";
import { readOtherBookings, readRoster } from "./roster.server";
import { generateFrom, readTimelineView, timelineVariant } from "./timeline.server";

/*
 * The proposal draft's pricing: the levers applied to its plan (docs/domain.md §8.8). Internal: staff
 * pages only; what a partner sees is the fee and schedule frozen in a version.
 */

export type PricingRow = { settings: LeverSettings; version: number; override: { fee: number; reason: string } | null };

export function readPricing(db: DB | Tx, engagementId: number): PricingRow {
  const row = db
    .select({
      leversJson: proposalPricing.leversJson,
      version: proposalPricing.version,
      feeOverride: proposalPricing.feeOverride,
      reason: proposalPricing.feeOverrideReason,
    })
    .from(proposalPricing)
    .where(eq(proposalPricing.engagementId, engagementId))
    .get();
  if (!row) return { settings: NO_LEVERS, version: 0, override: null };
  return {
    settings: LeverSettingsSchema.parse({ ...NO_LEVERS, ...JSON.parse(row.leversJson) }),
    version: row.version,
    override: row.feeOverride !== null ? { fee: row.feeOverride, reason: row.reason ?? "" } : null,
  };
}

/** What pricing a plan needs of the engagement and our staff, beside its timeline. */
export function pricingContext(db: DB | Tx, engagementId: number, timeline: Timeline): PricingContext {
  const { intake } = readIntake(db, engagementId);
  const partner = db
    .select({ kind: organisations.kind, sites: organisations.sites })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(eq(engagements.id, engagementId))
    .get();
  const kind = partner?.kind ?? "";
  const rolesFile = getStaffRoles();
  const roster = readRoster(db);
  return {
    method: timeline.method,
    variant: timelineVariant(timeline),
    // The demand rules as the partner's regional partners shape them, and its being one organisation (docs/domain.md §8.2, §5.5).
    params: demandParametersFor(getDemandParameters(), intake.capacity, oneOrganisationOf(intake, partner?.sites)),
    roles: rolesFile.roles,
    dayRates: dayRatesFromRoster(roster, rolesFile.roles),
    currency: rolesFile.currency,
    partnerKind: kind,
    rules: getPricingRules(),
    budget: {
      min: intake.budget.budgetMin ?? null,
      max: intake.budget.budgetMax ?? null,
      currency: intake.budget.currency ?? null,
      // Used only while it is for the fee's currency and the budget's (docs/domain.md §8.7).
      rate: readExchangeRate(db, engagementId),
    },
    roster,
    bookings: readOtherBookings(engagementId, db),
  };
}

/** The exchange rate recorded for the engagement (docs/domain.md §8.7), whichever currencies it is for; null when none is. */
export function readExchangeRate(db: DB | Tx, engagementId: number): ExchangeRate | null {
  const row = db
    .select({
      rate: engagements.exchangeRate,
      from: engagements.exchangeRateFrom,
      to: engagements.exchangeRateTo,
      on: engagements.exchangeRateOn,
      source: engagements.exchangeRateSource,
    })
    .from(engagements)
    .where(eq(engagements.id, engagementId))
    .get();
  if (!row || row.rate === null || !row.from || !row.to || !row.on) return null;
  return { rate: row.rate, from: row.from, to: row.to, on: row.on, source: row.source };
}

/** The plan the draft is priced on: the stored timeline, or the chosen method's (or its variant's) template before one is generated. */
export function draftTimeline(db: DB | Tx, engagementId: number, today: string): Timeline | null {
  const view = readTimelineView(db, engagementId, today);
  if (view.stored) return view.stored.timeline;
  if (!view.inputs.method) return null;
  return generateFrom(view.inputs);
}

/** Whether the draft offers options (docs/domain.md §9.13): then each option carries its own levers and fee. */
function hasOptions(db: DB | Tx, engagementId: number): boolean {
  return Boolean(db.select({ id: proposalOptions.id }).from(proposalOptions).where(eq(proposalOptions.engagementId, engagementId)).get());
}

/** The fees the draft offers: each option's by its own levers, else the one fee, set by hand or the rules'. */
function feesOffered(db: DB | Tx, engagementId: number, timeline: Timeline, ctx: PricingContext = pricingContext(db, engagementId, timeline)): number[] {
  const options = readDraftOptions(db, engagementId);
  if (options.length) return options.map((o) => planFigures(timeline, o.levers, ctx).fee);
  const { settings, override } = readPricing(db, engagementId);
  return [override?.fee ?? planFigures(timeline, settings, ctx).fee];
}

export type BudgetView = {
  /** Set when the draft offers options: their fees and levers are the options panel's, not this one's. */
  offersOptions: boolean;
  fee: number;
  /** The fee the pricing rules give; `fee` differs when it was set by hand. */
  ruleFee: number;
  /** A fee set by hand, with its reason and how far below the rules' fee. */
  override: { reason: string; discount: number } | null;
  /** What the fee loses when it is below the cost build-up, set by hand or by the rules' own discount; null when it covers it, or options are offered. */
  belowCost: string | null;
  /** A manual discount above this takes a second leader (docs-templates/approval-thresholds.json). */
  discountThreshold: number | null;
  currency: string;
  /** Internal: the build-up and the rule for the partner's kind. */
  buildUp: number;
  adjustment: string | null;
  /** The draft's plan without options: what the levers below shape. */
  comparison: ReturnType<typeof shapeToBudget>["comparison"];
  /** What the partner is offered against the budget: each option's fee, or the one fee (docs/domain.md §9.13). */
  offered: FeeAgainstBudget[];
  applied: string[];
  levers: { lever: Lever; label: string; change: string; effect: string; timeBreach: string | null; fee: number; feeChange: number }[];
  /** Why a lever is not offered, in words ("Fewer sites in the first wave is not offered: …"). */
  withheld: string[];
  /** When every lever above together cannot bring the fee within the budget, or none is left to lower it: that, the gap left and, with none left, what is; else null. */
  shortfall: string | null;
  /** The exchange rate for a budget in another currency than the fee's (docs/domain.md §8.7); null when the budget needs none. */
  exchange: ExchangeView | null;
  /** While the budget cannot be compared with the fee: what that means for the levers, in words (worded here, not in the page's script); else null. */
  uncompared: string | null;
  version: number;
  canEdit: boolean;
};

/** The fee against the budget, and the levers to close a gap, for the Fit and Proposal pages; null before a method is chosen. */
export function getBudgetView(actor: Actor, engagementId: number, today: string, canEdit: boolean): BudgetView | null {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  return keptBudgetViews.get(`${engagementId}|${today}|${canEdit}`, () => ({ view: budgetView(engagementId, today, canEdit) })).view;
}

/** Budget panels kept while the database is unchanged (docs/decisions/0019); none is kept as none. */
const keptBudgetViews = keptViews<{ view: BudgetView | null }>(100);

function budgetView(engagementId: number, today: string, canEdit: boolean): BudgetView | null {
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
  const options = readDraftOptions(db, engagementId).map((o) => ({ name: o.name, fee: planFigures(timeline, o.levers, ctx).fee }));
  const offersOptions = options.length > 0;
  // The draft's own levers, and why one is withheld, are shown while its fee is above the budget (or cannot be compared) and it offers no options.
  const leversShown = (comparison.verdict === "above" || comparison.verdict === "other_currency") && !offersOptions;
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
    offered: feesAgainstBudget({ fee, options }, ctx.currency, ctx.budget),
    applied: appliedWords(settings, ctx.rules.levers.longerPhasing.extraMonths, ctx.method),
    levers: leversShown
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
    withheld: leversShown ? shaped.withheld : [],
    shortfall:
      comparison.verdict === "above" && !offersOptions && !override ? shortfallWords(leversTogether(timeline, shaped, ctx)) ?? noLeverLeft(shaped, ctx) : null,
    exchange: exchangeView(ctx.budget, ctx.currency),
    uncompared: comparison.verdict === "other_currency" ? leversUncompared(ctx.currency, canEdit) : null,
    version,
    canEdit,
  };
}

function writePricing(
  tx: Tx,
  actor: Actor,
  engagementId: number,
  change: { settings?: LeverSettings; override?: { fee: number; reason: string } | null },
  expectedVersion: number
): number {
  const now = new Date().toISOString();
  const current = readPricing(tx, engagementId);
  if (current.version !== expectedVersion)
    throw new Conflict("Someone changed this proposal's pricing since the page was loaded. Here it is as it stands now.");
  const override = change.override !== undefined ? change.override : current.override;
  const values = {
    leversJson: JSON.stringify(change.settings ?? current.settings),
    feeOverride: override?.fee ?? null,
    feeOverrideReason: override?.reason ?? null,
    version: expectedVersion + 1,
    updatedById: actor.id,
    updatedAt: now,
  };
  tx.insert(proposalPricing)
    .values({ engagementId, ...values })
    .onConflictDoUpdate({ target: proposalPricing.engagementId, set: values })
    .run();
  return values.version;
}

/** An imported engagement's pricing: its levers and any fee set by hand, as the bundle states them (checked by its schema). */
export function writeImportedPricing(
  tx: Tx,
  actor: Actor,
  engagementId: number,
  pricing: { settings: LeverSettings; override: { fee: number; reason: string } | null }
): void {
  writePricing(tx, actor, engagementId, pricing, 0);
}

/**
 * Applies one lever to the proposal's draft, with the effect computed now (the number of sites is the
 * server's, never the form's). Refused when the fee is not above the budget or the lever is not offered.
 */
export function applyLever(actor: Actor, engagementId: number, lever: Lever, expectedVersion: number, today: string): { label: string; effect: string } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const timeline = draftTimeline(tx, engagementId, today);
    if (!timeline) throw new Refusal("Choose a method first: the fee comes from its timeline.");
    const ctx = pricingContext(tx, engagementId, timeline);
    if (hasOptions(tx, engagementId))
      throw new Refusal("This proposal offers options, each with its own levers: apply the lever to an option on the Proposal page.");
    const { settings } = readPricing(tx, engagementId);
    const offered = shapeToBudget(timeline, settings, ctx).levers.find((l) => l.lever === lever);
    if (!offered) throw new Refusal("That lever is not on offer: the fee is not above the budget, the lever is already applied, or it would raise the fee.");
    const version = writePricing(tx, actor, engagementId, { settings: offered.settings }, expectedVersion);
    writeAudit(tx, {
      userId: actor.id,
      action: "pricing.lever",
      engagementId,
      detail: { lever, version, settings: offered.settings, feeBefore: offered.fee - offered.feeChange, feeAfter: offered.fee },
    });
    return { label: offered.label, effect: offered.effect };
  });
}

/** Takes every lever off: the draft is priced on its plan as it is. */
export function clearLevers(actor: Actor, engagementId: number, expectedVersion: number): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const version = writePricing(tx, actor, engagementId, { settings: NO_LEVERS }, expectedVersion);
    writeAudit(tx, { userId: actor.id, action: "pricing.levers.clear", engagementId, detail: { version } });
  });
}

/**
 * Sets the fee by hand in place of the rules' fee, with a reason; audited with both fees. A fee more
 * than the threshold below the rules' fee takes a second leader's approval (docs/domain.md §8.9).
 */
export function setFee(actor: Actor, engagementId: number, input: { fee: number; reason: string; version: number }, today: string): { discount: number } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const timeline = draftTimeline(tx, engagementId, today);
    if (!timeline) throw new Refusal("Choose a method first: the fee comes from its timeline.");
    const ctx = pricingContext(tx, engagementId, timeline);
    const current = readPricing(tx, engagementId);
    // A fee set by hand prices the proposal as one scope; options are priced by the rules (docs/domain.md §9.13).
    if (hasOptions(tx, engagementId)) throw new Refusal(NO_FEE_BY_HAND_WITH_OPTIONS);
    const ruleFee = planFigures(timeline, current.settings, ctx).fee;
    const version = writePricing(tx, actor, engagementId, { override: { fee: input.fee, reason: input.reason } }, input.version);
    const discount = discountPercent(ruleFee, input.fee);
    writeAudit(tx, {
      userId: actor.id,
      action: "pricing.fee",
      engagementId,
      detail: { version, ruleFee, fee: input.fee, previousFee: current.override?.fee ?? ruleFee, discountPercent: discount, reason: input.reason },
    });
    return { discount };
  });
}

/** Back to the fee the pricing rules give; audited. */
export function clearFee(actor: Actor, engagementId: number, expectedVersion: number): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const current = readPricing(tx, engagementId);
    if (!current.override) throw new Refusal("The fee is already the one the pricing rules give.");
    const version = writePricing(tx, actor, engagementId, { override: null }, expectedVersion);
    writeAudit(tx, { userId: actor.id, action: "pricing.fee.clear", engagementId, detail: { version, previousFee: current.override.fee } });
  });
}

/**
 * Records the exchange rate the proposal uses from the fee's currency to `input.currency`, the budget's
 * as the page showed it (docs/domain.md §8.7), in place of any recorded before; audited with both. A
 * rate dated after `day`, or long before it (rateTooOldWords), is refused beside its field. Recorded for the currencies the manager saw: should
 * the budget have changed currency meanwhile, the panel says the rate is not used.
 */
export function setExchangeRate(
  actor: Actor,
  engagementId: number,
  input: { currency: string; rate: number; rateOn: string; rateSource: string | null; confirmRate?: number | null; version: number },
  day: string,
  today: string
): ExchangeRate {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const ours = currencyCodeText(getStaffRoles().currency);
  if (input.currency === ours) throw new Refusal(`The fee is in ${ours} already: a budget in ${ours} needs no exchange rate.`, "currency");
  const afterToday = afterTodayWords("The rate's date", input.rateOn, day);
  if (afterToday) throw new Refusal(`${afterToday}: record the rate of a day that has come.`, "rateOn");
  const tooOld = rateTooOldWords(input.rateOn, day);
  if (tooOld) throw new Refusal(tooOld, "rateOn");
  const rate: ExchangeRate = { from: ours, to: input.currency, rate: input.rate, on: input.rateOn, source: input.rateSource };
  return getDb().transaction((tx) => {
    // Like every pricing change, made on the pricing the page showed (its version), and for the budget's currency as it stands.
    writePricing(tx, actor, engagementId, {}, input.version);
    const budgetCurrency = currencyCodeText(readIntake(tx, engagementId).intake.budget.currency ?? "") || null;
    if (budgetCurrency !== input.currency)
      throw new Conflict(
        `The partner's budget is ${budgetCurrency ? `in ${budgetCurrency}` : "in no currency"} now, not ${
          input.currency
        }: someone changed it since the page was loaded.`
      );
    // A rate that puts the fee wildly out of scale with the partner's budget ("92" for 0.92) is recorded only once confirmed, beside the field.
    const timeline = draftTimeline(tx, engagementId, today);
    const fees = timeline ? feesOffered(tx, engagementId, timeline) : [];
    const budget = readIntake(tx, engagementId).intake.budget;
    const outOfScale = fees.length ? rateOutOfScale(Math.min(...fees), rate, { min: budget.budgetMin, max: budget.budgetMax }) : null;
    const confirmed = outOfScale !== null && input.confirmRate === rate.rate;
    if (outOfScale && !confirmed) throw new Refusal(outOfScale, "confirmRate");
    const before = readExchangeRate(tx, engagementId);
    tx.update(engagements)
      .set({ exchangeRate: rate.rate, exchangeRateFrom: rate.from, exchangeRateTo: rate.to, exchangeRateOn: rate.on, exchangeRateSource: rate.source })
      .where(eq(engagements.id, engagementId))
      .run();
    writeAudit(tx, {
      userId: actor.id,
      action: "pricing.rate",
      engagementId,
      detail: {
        summary: `${rateOfDayWithSource(rate)}${before ? `, in place of ${rateOfDay(before)}` : ""}`,
        rate: rate.rate,
        from: rate.from,
        to: rate.to,
        on: rate.on,
        source: rate.source,
        previous: before,
        // The manager confirmed a rate she was told puts the fee out of scale with the budget, and what she was told.
        ...(confirmed ? { confirmedOutOfScale: outOfScale } : {}),
      },
    });
    return rate;
  });
}

/** Takes the exchange rate away: a budget in another currency is no longer compared; audited. Nothing recorded is a `Conflict`. */
export function clearExchangeRate(actor: Actor, engagementId: number, expectedVersion: number): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    writePricing(tx, actor, engagementId, {}, expectedVersion);
    const before = readExchangeRate(tx, engagementId);
    if (!before) throw new Conflict("No exchange rate is recorded: someone may have cleared it meanwhile.");
    tx.update(engagements)
      .set({ exchangeRate: null, exchangeRateFrom: null, exchangeRateTo: null, exchangeRateOn: null, exchangeRateSource: null })
      .where(eq(engagements.id, engagementId))
      .run();
    writeAudit(tx, { userId: actor.id, action: "pricing.rate.clear", engagementId, detail: { summary: rateOfDay(before), previous: before } });
  });
}
