import { z } from "zod";
import { paragraph } from "./field-schemas";
import { TEXT_LIMITS } from "./limits";
import { PROPOSAL_SECTION_KEYS } from "./proposal-templates";

const UNKNOWN = "That is not something this page can do. Reload the page and try again.";
const VERSION_MISSING = "The form is missing the section's version: reload the page and try again.";
const version = z
  .string({ error: VERSION_MISSING })
  .regex(/^\d{1,9}$/, VERSION_MISSING)
  .transform(Number);
const section = z.enum(PROPOSAL_SECTION_KEYS, { error: "That section is not in the proposal. Reload the page and try again." });

/**
 * The proposal page's changes: freeze the live draft as the next numbered version; put a section's
 * prose in the manager's own words, or, when the generated text has moved on since, take the new text
 * or keep the edit (docs/domain.md §9.6). Each section form carries the edit's version (0: none yet).
 */
export const ProposalIntentSchema = z.discriminatedUnion(
  "intent",
  [
    // From the Review page, the new version is frozen and the page to share or submit it comes back.
    z.object({ intent: z.literal("create-version"), then: z.literal("review").optional() }),
    z.object({
      intent: z.literal("edit-section"),
      form: z.string().optional(),
      section,
      version,
      markdown: paragraph("The section's text", { max: TEXT_LIMITS.sectionWords, required: true }),
    }),
    z.object({ intent: z.literal("take-generated"), form: z.string().optional(), section, version }),
    z.object({ intent: z.literal("keep-edit"), form: z.string().optional(), section, version }),
  ],
  { error: UNKNOWN }
);
export type ProposalIntent = z.infer<typeof ProposalIntentSchema>;
