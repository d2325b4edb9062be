import { z } from "zod";
import { isIsoDate, notADateWords } from "./calendar";
import { line, wholeNumber } from "./field-schemas";
import { ADDABLE_KINDS, DURATION_UNITS, type DurationUnit } from "./timeline-view";

/**
 * The Timeline page's forms: generate or regenerate it, change one row (its dates and label), add and
 * delete items and streams, rename a stream, add or remove a dependency, record or withdraw the partner's
 * agreement to an overrun. Each posts `intent`, and each that changes the plan or rests on it the timeline
 * `version` it was drawn from.
 * Server-side only (decision 7).
 */

/** A date field: the browser's date box sends YYYY-MM-DD whatever the user's own format (notADateWords). */
const isoDate = (label: string) => z.string({ error: notADateWords(label) }).refine(isIsoDate, { error: (issue) => notADateWords(label, issue.input) });
const itemId = z.string().min(1).max(64);
/** A pick among the timeline's items; empty (or only spaces) for none. */
const optionalItem = z
  .string()
  .max(64, "Choose an item of this timeline.")
  .optional()
  .transform((v) => v?.trim() || null);
const version = z.coerce.number().int().positive();

/** The longest an item may last, in each unit: about ten years. */
export const DURATION_MOST = { days: 3650, weeks: 520, months: 120 } as const;
/** A duration beyond the most for its unit (days when none is chosen), said in that unit beside the field. */
const durationInUnit = (v: { duration?: number; unit?: DurationUnit }, ctx: z.RefinementCtx) => {
  const unit = DURATION_UNITS.includes(v.unit!) ? v.unit! : "days";
  if (typeof v.duration === "number" && v.duration > DURATION_MOST[unit])
    ctx.addIssue({
      code: "custom",
      path: ["duration"],
      message: `Duration must be at most ${DURATION_MOST[unit].toLocaleString("en-GB")} ${unit} (about ten years).`,
    });
};

export const TimelineActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("regenerate"), version: z.coerce.number().int().min(0) }),
    // "limits": the partner's time as the page showed it (limitsSeen), checked again on keeping.
    z.object({ intent: z.literal("keep"), version, limits: z.string().max(100).default("") }),
    z
      .object({
        intent: z.literal("edit-item"),
        version: z.coerce.number().int().positive(),
        itemId,
        start: isoDate("Start"),
        end: isoDate("End").optional(),
        duration: wholeNumber("Duration", { min: 1, max: 1_000_000 }).optional(),
        unit: z.enum(DURATION_UNITS, { error: "Choose days, weeks or months." }).optional(),
        originalStart: z.string().optional(),
        originalEnd: z.string().optional(),
        originalDuration: z.string().optional(),
        originalUnit: z.string().optional(),
        label: line("Label", { max: 300 }),
        originalLabel: z.string().optional(),
      })
      .superRefine(durationInUnit, { when: () => true }),
    z
      .object({
        intent: z.literal("add-item"),
        version,
        label: line("Label", { max: 300 }),
        kind: z.enum(ADDABLE_KINDS, { error: "Choose a phase, an event or a milestone." }),
        stream: z.string({ error: "Choose a stream." }).max(64, "Choose one of the timeline's streams."),
        start: z
          .string()
          .refine((v) => v === "" || isIsoDate(v), { error: (issue) => `${notADateWords("Start", issue.input).replace(/\.$/, "")}, or leave it empty.` })
          .optional()
          .transform((v) => v ?? ""),
        duration: wholeNumber("Duration", { min: 1, max: 1_000_000 }),
        unit: z.enum(DURATION_UNITS, { error: "Choose days, weeks or months." }),
        after: optionalItem,
        staffLike: optionalItem,
      })
      .superRefine(durationInUnit, { when: () => true }),
    z.object({ intent: z.literal("delete-item"), version, itemId }),
    z.object({
      intent: z.literal("add-dependency"),
      version,
      itemId,
      on: z.string({ error: "Choose the item it comes after." }).max(64, "Choose an item of this timeline."),
    }),
    z.object({ intent: z.literal("add-stream"), version, label: line("Stream name", { max: 80 }) }),
    z.object({ intent: z.literal("rename-stream"), version, streamId: itemId, label: line("Stream name", { max: 80 }) }),
    z.object({ intent: z.literal("delete-stream"), version, streamId: itemId }),
    // The partner agrees to the plan running past their time as the page showed it (docs/domain.md §8.6).
    z.object({
      intent: z.literal("agree-overrun"),
      version,
      how: line("How the partner agreed", { max: 300 }),
      agreedOn: isoDate("The day they agreed"),
    }),
    z.object({ intent: z.literal("withdraw-agreement") }),
    z.object({
      intent: z.literal("remove-dependency"),
      version: z.coerce.number().int().positive(),
      itemId,
      on: z.string().min(1).max(64),
    }),
  ],
  { error: "Unknown action." }
);
