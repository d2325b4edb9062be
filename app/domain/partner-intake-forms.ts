import { z } from "zod";
import { paragraph } from "./field-schemas";
import { TEXT_LIMITS } from "./limits";
import { INTAKE_SECTIONS } from "./intake";

/**
 * The manager's forms for the sections opened to the partner (docs/domain.md §9.10): open one, take
 * the partner's answers into the intake, or send them back with a note. The partner's own form is the
 * intake section's (`intake-forms.ts`). Server-side only (decision 7).
 */

const section = z.enum(INTAKE_SECTIONS.map((s) => s.key) as [string, ...string[]], { error: "Choose an intake section." }) as z.ZodType<
  (typeof INTAKE_SECTIONS)[number]["key"],
  string
>;

const VERSION = "The form is missing the version of the partner's answers: reload the page and try again.";
const draftVersion = z
  .string({ error: VERSION })
  .regex(/^\d{1,9}$/, VERSION)
  .transform(Number);
const INTAKE_VERSION = "The form is missing the version of the intake it was read against: reload the page and try again.";

export const PartnerIntakeReviewSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("open"), section }),
    z.object({
      intent: z.literal("take"),
      section,
      draftVersion,
      intakeVersion: z
        .string({ error: INTAKE_VERSION })
        .regex(/^\d{1,9}$/, INTAKE_VERSION)
        .transform(Number),
      // The answers chosen to take in, by their keys; none chosen takes none in.
      take: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(200)).max(200)),
      // Read by the partner beside the section, with the answers left out; none unless the manager writes one.
      note: paragraph("Note to the partner", { max: TEXT_LIMITS.intakeReturnNote }),
    }),
    z.object({
      intent: z.literal("return"),
      section,
      draftVersion,
      note: paragraph("Note to the partner", { max: TEXT_LIMITS.intakeReturnNote, required: true }),
    }),
  ],
  { error: "Choose what to do from the page." }
);
