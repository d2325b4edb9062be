import { z } from "zod";
import { isMonth } from "./calendar";
import { FormVersion, line, monthField, RemoveIntent } from "./field-schemas";

/**
 * The leave form on a roster entry's page (docs/domain.md §8.1): first and last month, the share of each
 * month away in percent (100 when left empty), and an internal reason. Read on the server only.
 */

/** A whole percentage from 1 to 100; empty is the whole month. */
const percentField = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const typed = v.trim();
  if (typed === "") return 100;
  // Digits, as people write a percentage ("50", "50 %", "12.5"): never hex, exponents or signs.
  const read = /^(\d{1,3}(?:\.\d+)?)\s*%?$/.exec(typed);
  return read ? Number(read[1]) : Number.NaN;
}, z.number({ error: "Share of each month must be a number of percent, such as 50." }).int("Share of each month must be a whole number of percent, such as 50.").min(1, "Share of each month must be at least 1%.").max(100, "Share of each month must be at most 100%."));

export const leaveSchema = z
  .object({
    fromMonth: monthField("First month"),
    toMonth: monthField("Last month"),
    percent: percentField,
    reason: line("Reason", { min: 0, max: 200 }).optional().default(""),
  })
  // Judged only between two months read: a month that could not be read has its own error.
  .refine((l) => !isMonth(l.fromMonth) || !isMonth(l.toMonth) || l.fromMonth <= l.toMonth, {
    path: ["toMonth"],
    message: "Last month must not be before the first month.",
  });

/** A leave's own page: save it as edited from `version`, or remove it. */
export const leaveIntents = z.discriminatedUnion("intent", [leaveSchema.safeExtend({ intent: z.literal("save"), version: FormVersion }), RemoveIntent], {
  error: "That is not something this page can do. Reload the page and try again.",
});
