import { eq } from "drizzle-orm";
import { engagements, organisations, proposalPricing } from "../../db/schema";
import { Conflict, Refusal } from "~/domain/errors";
import { LeverSettingsSchema, NO_LEVERS, shapeToBudget, type Lever, type LeverSettings, type PricingContext } from "~/domain/levers";
import { describeComparison } from "~/domain/pricing";
import { dayRatesFromRoster } from "~/domain/resource-fit";
import type { Actor } from "~/domain/roles";
import { generateTimeline, type Timeline } from "~/domain/timeline";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getDemandParameters, getPricingRules, getStaffRoles, getTimelineTemplates } from "~/services/templates.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake } from "./intake.server";
import { readOtherBookings, readRoster } from "./roster.server";
import { readTimelineView } from "./timeline.server";

/*
 * The proposal draft's pricing: the levers applied to its plan (docs/domain.md §8.7). Internal: staff
 * pages only; what a partner sees is the fee and schedule frozen in a version.
 */

export type PricingRow = { settings: LeverSettings; version: number };

export function readPricing(db: DB | Tx, engagementId: number): PricingRow {
  const row = db
    .select({ leversJson: proposalPricing.leversJson, version: proposalPricing.version })
    .from(proposalPricing)
    .where(eq(proposalPricing.engagementId, engagementId))
    .get();
  if (!row) return { settings: NO_LEVERS, version: 0 };
  return { settings: LeverSettingsSchema.parse({ ...NO_LEVERS, ...JSON.parse(row.leversJson) }), version: row.version };
}

/** What pricing a plan needs of the engagement and our staff, beside its timeline. */
export function pricingContext(db: DB | Tx, engagementId: number, method: Timeline["method"]): PricingContext {
  const { intake } = readIntake(db, engagementId);
  const kind =
    db
      .select({ kind: organisations.kind })
      .from(engagements)
      .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
      .where(eq(engagements.id, engagementId))
      .get()?.kind ?? "";
  const rolesFile = getStaffRoles();
  const roster = readRoster(db);
  return {
    method,
    params: getDemandParameters(),
    roles: rolesFile.roles,
    dayRates: dayRatesFromRoster(roster, rolesFile.roles),
    currency: rolesFile.currency,
    partnerKind: kind,
    rules: getPricingRules(),
    budget: { min: intake.budget.budgetMin ?? null, max: intake.budget.budgetMax ?? null, currency: intake.budget.currency ?? null },
    roster,
    bookings: readOtherBookings(engagementId, db),
  };
}

/** The plan the draft is priced on: the stored timeline, or the chosen method's template before one is generated. */
function draftTimeline(db: DB | Tx, engagementId: number, today: string): Timeline | null {
  const view = readTimelineView(db, engagementId, today);
  if (view.stored) return view.stored.timeline;
  const method = view.inputs.method;
  if (!method) return null;
  return generateTimeline(getTimelineTemplates()[method], { start: view.inputs.start, horizonMonths: view.inputs.horizonMonths, teams: view.inputs.teams });
}

export type BudgetView = {
  fee: number;
  currency: string;
  /** Internal: the build-up and the rule for the partner's kind. */
  buildUp: number;
  adjustment: string | null;
  comparison: ReturnType<typeof shapeToBudget>["comparison"];
  description: string;
  applied: string[];
  levers: { lever: Lever; label: string; change: string; effect: string; fee: number; feeChange: number }[];
  version: number;
  canEdit: boolean;
};

function appliedWords(s: LeverSettings, extraMonths: number): string[] {
  return [
    ...(s.firstWaveSites !== null ? [`${s.firstWaveSites} sites in the first wave`] : []),
    ...(s.virtualSessions ? ["virtual learning sessions"] : []),
    ...(s.longerPhasing ? [`${extraMonths} months' longer phasing`] : []),
    ...(s.fewerFacultyDays ? ["fewer faculty days"] : []),
  ];
}

/** The fee against the budget, and the levers to close a gap, for the Fit and Proposal pages; null before a method is chosen. */
export function getBudgetView(actor: Actor, engagementId: number, today: string, canEdit: boolean): BudgetView | null {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const timeline = draftTimeline(db, engagementId, today);
  if (!timeline) return null;
  const ctx = pricingContext(db, engagementId, timeline.method);
  const { settings, version } = readPricing(db, engagementId);
  const shaped = shapeToBudget(timeline, settings, ctx);
  const price = { fee: shaped.current.fee, buildUp: shaped.current.buildUp };
  const rule = ctx.rules.byPartnerKind[ctx.partnerKind as keyof typeof ctx.rules.byPartnerKind];
  return {
    fee: price.fee,
    currency: ctx.currency,
    buildUp: price.buildUp,
    adjustment: rule ? `${rule.percent}% ${rule.kind} for this kind of partner` : null,
    comparison: shaped.comparison,
    description: describeComparison(shaped.comparison, price.fee, ctx.currency),
    applied: appliedWords(settings, ctx.rules.levers.longerPhasing.extraMonths),
    levers: shaped.levers.map((l) => ({ lever: l.lever, label: l.label, change: l.change, effect: l.effect, fee: l.fee, feeChange: l.feeChange })),
    version,
    canEdit,
  };
}

function writePricing(tx: Tx, actor: Actor, engagementId: number, settings: LeverSettings, expectedVersion: number): number {
  const now = new Date().toISOString();
  const current = readPricing(tx, engagementId);
  if (current.version !== expectedVersion)
    throw new Conflict("Someone changed this proposal's pricing since the page was loaded. Here it is as it stands now.");
  const leversJson = JSON.stringify(settings);
  const version = expectedVersion + 1;
  tx.insert(proposalPricing)
    .values({ engagementId, leversJson, version, updatedById: actor.id, updatedAt: now })
    .onConflictDoUpdate({ target: proposalPricing.engagementId, set: { leversJson, version, updatedById: actor.id, updatedAt: now } })
    .run();
  return version;
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
    const ctx = pricingContext(tx, engagementId, timeline.method);
    const { settings } = readPricing(tx, engagementId);
    const offered = shapeToBudget(timeline, settings, ctx).levers.find((l) => l.lever === lever);
    if (!offered) throw new Refusal("That lever is not on offer: the fee is not above the budget, or it is already applied.");
    const version = writePricing(tx, actor, engagementId, offered.settings, expectedVersion);
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
    const version = writePricing(tx, actor, engagementId, NO_LEVERS, expectedVersion);
    writeAudit(tx, { userId: actor.id, action: "pricing.levers.clear", engagementId, detail: { version } });
  });
}
