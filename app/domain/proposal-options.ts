import { z } from "zod";
import { line, paragraph } from "./field-schemas";
import { LEVERS, type LeverSettings } from "./levers";
import { money } from "./money";
import { feeWithEquivalent, type ExchangeRate } from "./exchange-rate";
import { compareWithBudget, comparisonTone, describeComparison, type BudgetComparison, type ComparisonTone, type SnapshotPrice } from "./pricing";
import type { StaffingLine } from "./proposal-snapshot";
import type { FitVerdict } from "./capacity";

/*
 * The options a proposal offers (docs/domain.md §9.13): up to three, each with its scope, what it
 * leaves out and its own levers, so its own timeline, demand and fee from the same timeline model and
 * pricing rules. A proposal without options offers one scope, as it always has. Pure.
 */

export const MAX_OPTIONS = 3;

/** An option of the live draft, as stored. */
export type DraftOption = { id: number; position: number; name: string; scope: string; leavesOut: string; levers: LeverSettings; version: number };

/** An option as a version freezes it. `key` ("A", "B", "C") names it within the version. */
export type SnapshotOption = {
  key: string;
  name: string;
  scope: string;
  leavesOut: string;
  /** The levers applied, in words. */
  levers: string[];
  /** YYYY-MM-DD: the option's timeline, first day to last. */
  start: string;
  end: string;
  months: number;
  teams: number;
  /** The fee and its schedule; `internal` is for staff only, as for the proposal's price. */
  price: SnapshotPrice;
  /** Internal: what the option asks of our staff. */
  staffing: StaffingLine[];
  /** Role × month FTE: the bookings the option stands for. */
  demand: { role: string; month: string; fte: number }[];
  fteMonths: number;
  facultyDays: number;
  /** Internal: our capacity for the option. */
  fit: { verdict: FitVerdict; summary: string } | null;
};

/** The key of the option at this place in the list: A, B, C. */
export function optionKey(index: number): string {
  return String.fromCharCode(65 + index);
}

/** The option asking most of our staff (FTE-months; the first on a tie): the one leadership's gate judges and tentative bookings hold. */
export function largestOption<T extends { fteMonths: number }>(options: readonly T[]): T | null {
  let best: T | null = null;
  for (const o of options) if (!best || o.fteMonths > best.fteMonths) best = o;
  return best;
}

/** "Option B: Phased": how documents and records name an option. */
export function optionTitle(o: Pick<SnapshotOption, "key" | "name">): string {
  return `Option ${o.key}: ${o.name}`;
}

/** One fee the partner is offered, against the partner's budget, as the staff's fee-and-budget panel states it. */
export type FeeAgainstBudget = {
  /** "Option A: Core"; null for a proposal offering one scope. */
  option: string | null;
  fee: number;
  comparison: BudgetComparison;
  description: string;
  tone: ComparisonTone;
};

/**
 * What the partner's budget is compared with (docs/domain.md §8.7, §9.13): each option's fee when the
 * proposal offers options, in their order; else the one fee offered. The draft's plan without options
 * is offered to no one, so with options it is not compared.
 */
export function feesAgainstBudget(
  offered: { fee: number; options: readonly { name: string; fee: number }[] },
  currency: string,
  budget: { min?: number | null; max?: number | null; currency?: string | null } | null | undefined
): FeeAgainstBudget[] {
  const one = (option: string | null, fee: number): FeeAgainstBudget => {
    const comparison = compareWithBudget(fee, currency, budget);
    const words = describeComparison(comparison, fee, currency);
    return { option, fee, comparison, description: option ? `${option}. ${words}` : words, tone: comparisonTone(comparison) };
  };
  if (!offered.options.length) return [one(null, offered.fee)];
  return offered.options.map((o, i) => one(optionTitle({ key: optionKey(i), name: o.name }), o.fee));
}

/** The option as the acceptance records it: its name and fee. */
export function chosenOptionLabel(o: Pick<SnapshotOption, "key" | "name" | "price">, rate: ExchangeRate | null = null): string {
  return o.price.fee > 0 ? `${optionTitle(o)}, for a fee of ${acceptedFeeWords(o.price.fee, o.price.currency, rate)}` : optionTitle(o);
}

/**
 * A fee as the acceptance records it: with its equivalent in the partner's currency where the version
 * compared it through a rate (`snapshotRate`, docs/domain.md §8.7), "USD 5,030,000 (about GBP 3,970,000)",
 * as the document the partner accepted states it.
 */
export function acceptedFeeWords(fee: number, currency: string, rate: ExchangeRate | null): string {
  return rate ? feeWithEquivalent(fee, rate) : money(fee, currency);
}

/**
 * The option a partner's choice names, or why not: a choice is required when the version offers more
 * than one option; with one, that one is chosen.
 */
export function resolveChoice(
  options: readonly SnapshotOption[] | undefined,
  key: string
): { ok: true; option: SnapshotOption | null } | { ok: false; message: string } {
  if (!options?.length) return { ok: true, option: null };
  if (options.length === 1) return { ok: true, option: options[0]! };
  const chosen = options.find((o) => o.key === key.trim());
  if (chosen) return { ok: true, option: chosen };
  return { ok: false, message: `Choose one of the ${options.length} options you accept: ${options.map(optionTitle).join(", ")}.` };
}

/** The option the partner's acceptance names (by its key), if the version offers it; null before a choice or without options. */
export function chosenOption(options: readonly SnapshotOption[] | undefined, chosenKey: string | null | undefined): SnapshotOption | null {
  return (chosenKey && options?.find((o) => o.key === chosenKey)) || null;
}

/**
 * A version as it commits our staff (docs/domain.md §9.13): once the partner has chosen an option, with
 * that option's staffing and demand in place of the largest option's, which the version states until
 * then; else as it is. Its bookings, its approval pages and its documents all read it, so none can state
 * another option's figures than the others.
 */
export function asCommitted<T extends { staffing?: StaffingLine[]; demand?: SnapshotOption["demand"]; options?: SnapshotOption[] }>(
  snapshot: T,
  chosenKey: string | null | undefined
): T {
  const chosen = chosenOption(snapshot.options, chosenKey);
  if (!chosen) return snapshot;
  return { ...snapshot, ...(snapshot.staffing ? { staffing: chosen.staffing } : {}), ...(snapshot.demand ? { demand: chosen.demand } : {}) };
}

/** The demand a version's bookings stand for: the chosen option's, else the proposal's (with options, the largest option's). */
export function bookedDemand(snapshot: { demand: SnapshotOption["demand"]; options?: SnapshotOption[] }, chosenKey: string | null): SnapshotOption["demand"] {
  return asCommitted(snapshot, chosenKey).demand;
}

/* ------------------------------------------------------------------------------------------------
 * The Proposal page's option forms
 * ---------------------------------------------------------------------------------------------- */

const VERSION_MISSING = "The form is missing the option's version: reload the page and try again.";
const version = z
  .string({ error: VERSION_MISSING })
  .regex(/^\d{1,9}$/, VERSION_MISSING)
  .transform(Number);
const OPTION_MISSING = "That option is not in the proposal any more. Reload the page and try again.";
const option = z
  .string({ error: OPTION_MISSING })
  .regex(/^\d{1,9}$/, OPTION_MISSING)
  .transform(Number);

/** An option's own words, as the Proposal page's forms and an engagement bundle both take them. */
export const optionFields = {
  name: line("The option's name", { max: 80 }),
  scope: paragraph("The scope", { max: 1000, required: true }),
  leavesOut: paragraph("What it leaves out", { max: 1000 }),
};

export const TOO_MANY_OPTIONS = `A proposal offers at most ${MAX_OPTIONS} options. Remove one before adding another.`;
export const OPTION_NAME_TAKEN = "Another option already has that name: give each option a name of its own.";
export const NO_FEE_BY_HAND_WITH_OPTIONS = "This proposal offers options, each priced by the rules. Shape an option's fee with its levers instead.";
export const NO_OPTIONS_WITH_FEE_BY_HAND = "The fee is set by hand for the proposal as one scope. Go back to the rules' fee before offering options.";

/** Whether `name` is already another option's: names are compared without regard to case. */
export function optionNameTaken(others: readonly { name: string }[], name: string): boolean {
  const wanted = name.toLowerCase();
  return others.some((o) => o.name.toLowerCase() === wanted);
}

export const OPTION_INTENTS = ["add-option", "edit-option", "remove-option", "apply-option-lever", "clear-option-levers"] as const;

export const OptionIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add-option"), form: z.string().optional(), ...optionFields }),
    z.object({ intent: z.literal("edit-option"), form: z.string().optional(), option, version, ...optionFields }),
    z.object({
      intent: z.literal("remove-option"),
      form: z.string().optional(),
      option,
      version,
      // One stray click removes nothing: the option's name, scope and levers would be lost.
      confirm: z.literal("on", { error: "Tick the box to confirm: removing an option cannot be undone." }),
    }),
    z.object({
      intent: z.literal("apply-option-lever"),
      form: z.string().optional(),
      option,
      version,
      lever: z.enum(LEVERS, { error: "Choose one of the levers shown." }),
    }),
    z.object({ intent: z.literal("clear-option-levers"), form: z.string().optional(), option, version }),
  ],
  { error: "That is not something this page can do. Reload the page and try again." }
);
export type OptionIntent = z.infer<typeof OptionIntentSchema>;
export type OptionFields = { name: string; scope: string; leavesOut: string };

/** Whether a posted intent is one of the option forms'. */
export function isOptionIntent(intent: unknown): boolean {
  return typeof intent === "string" && (OPTION_INTENTS as readonly string[]).includes(intent);
}
