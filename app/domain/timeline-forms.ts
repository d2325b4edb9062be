import { z } from "zod";
import { line } from "./field-schemas";

/**
 * The Timeline page's forms: generate or regenerate it, change one row (its dates and label), remove
 * a dependency that no longer holds. Each posts `intent` and the timeline `version` it was drawn from.
 * Server-side only (decision 7).
 */

const isoDate = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`);
const itemId = z.string().min(1).max(64);

export const TimelineActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("regenerate"), version: z.coerce.number().int().min(0) }),
    z.object({
      intent: z.literal("edit-item"),
      version: z.coerce.number().int().positive(),
      itemId,
      start: isoDate("Start"),
      end: isoDate("End").optional(),
      originalStart: z.string().optional(),
      originalEnd: z.string().optional(),
      label: line("Label", { max: 300 }),
      originalLabel: z.string().optional(),
    }),
    z.object({
      intent: z.literal("remove-dependency"),
      version: z.coerce.number().int().positive(),
      itemId,
      on: z.string().min(1).max(64),
    }),
  ],
  { error: "Unknown action." }
);
