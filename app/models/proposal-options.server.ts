import { and, eq } from "drizzle-orm";
import { proposalOptions } from "../../db/schema";
import { Conflict, NotFound, Refusal } from "~/domain/errors";
import {
  appliedWords,
  leversTogether,
  NO_LEVERS,
  noLeverLeft,
  planFigures,
  shapeToBudget,
  shortfallWords,
  type BudgetShaping,
  type Lever,
  type LeverEffect,
  type LeverSettings,
  type PricingContext,
} from "~/domain/levers";
import { splitByFee } from "~/domain/lever-labels";
import type { Timeline } from "~/domain/timeline";
import { compareWithBudget, describeComparison } from "~/domain/pricing";
import {
  largestOption,
  MAX_OPTIONS,
  NO_OPTIONS_WITH_FEE_BY_HAND,
  OPTION_NAME_TAKEN,
  optionNameTaken,
  TOO_MANY_OPTIONS,
  type DraftOption,
  type OptionFields,
} from "~/domain/proposal-options";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { readDraftOptions } from "./draft-options.server";
import { requireEngagementAccess } from "./engagements.server";
import { draftTimeline, pricingContext, readPricing } from "./pricing.server";

/*
 * The options of a proposal's live draft (docs/domain.md §9.13): up to three, each with its own levers.
 * Staff only; a version freezes them with their fees.
 */

/** One option of this engagement's draft, or 404: the engagement is in the query. */
function findOption(tx: Tx, engagementId: number, optionId: number, expectedVersion: number): DraftOption {
  const option = readDraftOptions(tx, engagementId).find((o) => o.id === optionId);
  if (!option) throw new NotFound("That option is not in the proposal any more. Reload the page and try again.");
  if (option.version !== expectedVersion) throw new Conflict("Someone changed this option since the page was loaded. Here it is as it stands now.");
  return option;
}

function writeOption(tx: Tx, actor: Actor, option: DraftOption, change: Partial<OptionFields> & { levers?: LeverSettings }) {
  const updated = tx
    .update(proposalOptions)
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.scope !== undefined ? { scope: change.scope } : {}),
      ...(change.leavesOut !== undefined ? { leavesOut: change.leavesOut } : {}),
      ...(change.levers ? { leversJson: JSON.stringify(change.levers) } : {}),
      version: option.version + 1,
      updatedById: actor.id,
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(proposalOptions.id, option.id), eq(proposalOptions.version, option.version)))
    .run();
  if (updated.changes !== 1) throw new Conflict("Someone changed this option since the page was loaded. Here it is as it stands now.");
}

/**
 * Adds an option, priced at first on the draft's own levers. Refused at three, and while the fee is
 * set by hand: a fee set by hand prices one scope (docs/domain.md §8.9).
 */
export function addOption(actor: Actor, engagementId: number, fields: OptionFields): { position: number } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const existing = readDraftOptions(tx, engagementId);
    if (existing.length >= MAX_OPTIONS) throw new Refusal(TOO_MANY_OPTIONS);
    if (optionNameTaken(existing, fields.name)) throw new Refusal(OPTION_NAME_TAKEN, "name");
    const pricing = readPricing(tx, engagementId);
    if (pricing.override) throw new Refusal(NO_OPTIONS_WITH_FEE_BY_HAND);
    const position = (existing.at(-1)?.position ?? 0) + 1;
    tx.insert(proposalOptions)
      .values({ engagementId, position, ...fields, leversJson: JSON.stringify(pricing.settings), updatedById: actor.id, updatedAt: new Date().toISOString() })
      .run();
    writeAudit(tx, { userId: actor.id, action: "option.add", engagementId, detail: { name: fields.name, position } });
    return { position };
  });
}

/** An imported engagement's options, in their order, as the bundle states them (checked by its schema, as the forms' rules are). */
export function writeImportedOptions(tx: Tx, actor: Actor, engagementId: number, options: readonly (OptionFields & { levers: LeverSettings })[]): void {
  const now = new Date().toISOString();
  options.forEach(({ levers, ...fields }, i) =>
    tx
      .insert(proposalOptions)
      .values({ engagementId, position: i + 1, ...fields, leversJson: JSON.stringify(levers), updatedById: actor.id, updatedAt: now })
      .run()
  );
}

export function editOption(actor: Actor, engagementId: number, input: OptionFields & { option: number; version: number }): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const option = findOption(tx, engagementId, input.option, input.version);
    const others = readDraftOptions(tx, engagementId).filter((o) => o.id !== option.id);
    if (optionNameTaken(others, input.name)) throw new Refusal(OPTION_NAME_TAKEN, "name");
    writeOption(tx, actor, option, { name: input.name, scope: input.scope, leavesOut: input.leavesOut });
    writeAudit(tx, { userId: actor.id, action: "option.edit", engagementId, detail: { option: option.id, from: option.name, name: input.name } });
  });
}

/** Removes an option; those after it move up. With none left the proposal offers one scope again. */
export function removeOption(actor: Actor, engagementId: number, input: { option: number; version: number }): { name: string } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const option = findOption(tx, engagementId, input.option, input.version);
    tx.delete(proposalOptions)
      .where(and(eq(proposalOptions.id, option.id), eq(proposalOptions.engagementId, engagementId)))
      .run();
    readDraftOptions(tx, engagementId).forEach((o, i) => {
      if (o.position !== i + 1)
        tx.update(proposalOptions)
          .set({ position: i + 1 })
          .where(eq(proposalOptions.id, o.id))
          .run();
    });
    writeAudit(tx, { userId: actor.id, action: "option.remove", engagementId, detail: { option: option.id, name: option.name } });
    return { name: option.name };
  });
}

/** Applies one lever to one option, with its effect computed now (the number of sites is the server's). */
export function applyOptionLever(
  actor: Actor,
  engagementId: number,
  input: { option: number; version: number; lever: Lever },
  today: string
): { name: string; label: string; effect: string } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const option = findOption(tx, engagementId, input.option, input.version);
    const timeline = draftTimeline(tx, engagementId, today);
    if (!timeline) throw new Refusal("Choose a method first: the fee comes from its timeline.");
    const ctx = pricingContext(tx, engagementId, timeline);
    const offered = shapeToBudget(timeline, option.levers, ctx, { always: true }).levers.find((l) => l.lever === input.lever);
    if (!offered) throw new Refusal("That lever is already applied to this option, or cannot go further.");
    writeOption(tx, actor, option, { levers: offered.settings });
    writeAudit(tx, {
      userId: actor.id,
      action: "option.lever",
      engagementId,
      detail: {
        option: option.id,
        name: option.name,
        lever: input.lever,
        settings: offered.settings,
        feeBefore: offered.fee - offered.feeChange,
        feeAfter: offered.fee,
      },
    });
    return { name: option.name, label: offered.label, effect: offered.effect };
  });
}

export function clearOptionLevers(actor: Actor, engagementId: number, input: { option: number; version: number }): { name: string } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const option = findOption(tx, engagementId, input.option, input.version);
    writeOption(tx, actor, option, { levers: NO_LEVERS });
    writeAudit(tx, { userId: actor.id, action: "option.levers.clear", engagementId, detail: { option: option.id, name: option.name } });
    return { name: option.name };
  });
}

export type OptionView = {
  id: number;
  version: number;
  position: number;
  name: string;
  scope: string;
  leavesOut: string;
  applied: string[];
  fee: number;
  months: number;
  fteMonths: number;
  facultyDays: number;
  capacity: string | null;
  description: string;
  largest: boolean;
  /** Levers on offer that lower the fee: those that close a gap to the budget. */
  levers: OptionLever[];
  /** Levers on offer that the rounding leaves at the same fee: they close no gap alone, but may with the others. */
  level: OptionLever[];
  /** Levers on offer that raise the fee: an option may take one for its own sake, never to close a gap. */
  raising: OptionLever[];
  /** Whether the option's fee is above the budget: its lowering levers are offered to close the gap. */
  aboveBudget: boolean;
  /** When the lowering levers together cannot bring the fee within the budget, or none is left to lower it: that, the gap left and, with none left, what is; else null. */
  shortfall: string | null;
  /** Why a lever is not offered, in words. */
  withheld: string[];
};

type OptionLever = { lever: Lever; label: string; change: string; effect: string; timeBreach: string | null };

/** An option's levers on offer, split by what they do to its fee, and what the lowering ones cannot close between them. */
function optionLevers(
  timeline: Timeline,
  shaped: BudgetShaping,
  ctx: PricingContext,
  name: string
): Pick<OptionView, "levers" | "level" | "raising" | "aboveBudget" | "shortfall" | "withheld"> {
  const view = (l: LeverEffect): OptionLever => ({ lever: l.lever, label: l.label, change: l.change, effect: l.effect, timeBreach: l.timeBreach });
  const { lowering, level, raising } = splitByFee(shaped.levers);
  return {
    levers: lowering.map(view),
    level: level.map(view),
    raising: raising.map(view),
    aboveBudget: shaped.comparison.verdict === "above",
    shortfall: shortfallWords(leversTogether(timeline, shaped, ctx)) ?? noLeverLeft(shaped, ctx, name),
    withheld: shaped.withheld,
  };
}

export type OptionsView = { options: OptionView[]; currency: string | null; canEdit: boolean; max: number; feeSetByHand: boolean };

/** The draft's options with each one's fee, duration, demand and levers, for the Proposal page. Staff only. */
export function getOptionsView(actor: Actor, engagementId: number, today: string, canEdit: boolean): OptionsView {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const options = readDraftOptions(db, engagementId);
  const feeSetByHand = readPricing(db, engagementId).override !== null;
  const timeline = options.length ? draftTimeline(db, engagementId, today) : null;
  if (!timeline) {
    const views = options.map(
      (o): OptionView => ({
        ...o,
        applied: [],
        fee: 0,
        months: 0,
        fteMonths: 0,
        facultyDays: 0,
        capacity: null,
        description: "Choose a method first: the fee comes from its timeline.",
        largest: false,
        levers: [],
        level: [],
        raising: [],
        aboveBudget: false,
        shortfall: null,
        withheld: [],
      })
    );
    return { options: views, currency: null, canEdit, max: MAX_OPTIONS, feeSetByHand };
  }
  const ctx = pricingContext(db, engagementId, timeline);
  const shaped = options.map((o) => ({ o, shaped: shapeToBudget(timeline, o.levers, ctx, { always: true }) }));
  const largest = largestOption(shaped.map(({ o, shaped: s }) => ({ id: o.id, fteMonths: s.current.fteMonths })));
  return {
    options: shaped.map(({ o, shaped: s }) => ({
      id: o.id,
      version: o.version,
      position: o.position,
      name: o.name,
      scope: o.scope,
      leavesOut: o.leavesOut,
      applied: appliedWords(o.levers, ctx.rules.levers.longerPhasing.extraMonths, ctx.method),
      fee: s.current.fee,
      months: s.current.months,
      fteMonths: s.current.fteMonths,
      facultyDays: s.current.facultyDays,
      capacity: s.current.capacity ? s.current.capacity.replace(/_/g, " ") : null,
      description: describeComparison(compareWithBudget(s.current.fee, ctx.currency, ctx.budget), s.current.fee, ctx.currency),
      largest: options.length > 1 && largest?.id === o.id,
      ...optionLevers(timeline, s, ctx, o.name),
    })),
    currency: ctx.currency,
    canEdit,
    max: MAX_OPTIONS,
    feeSetByHand,
  };
}

/** The fee of each option by the pricing rules, for checks outside the page. */
export function optionFees(db: DB | Tx, engagementId: number, today: string): { name: string; fee: number }[] {
  const timeline = draftTimeline(db, engagementId, today);
  if (!timeline) return [];
  const ctx = pricingContext(db, engagementId, timeline);
  return readDraftOptions(db, engagementId).map((o) => ({ name: o.name, fee: planFigures(timeline, o.levers, ctx).fee }));
}
