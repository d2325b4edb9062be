import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { PROPOSAL_SECTION_KEYS } from "./proposal-templates";
import { paragraph } from "./field-schemas";

const number = z.coerce.number({ error: "Choose a version." }).int().positive("Choose a version.");

export const CommentSchema = z.object({
  number,
  // One of the proposal's sections: anything else would be stored as typed and anchor the comment nowhere.
  sectionKey: z.enum(PROPOSAL_SECTION_KEYS, { error: "Choose the section the comment is about." }),
  body: paragraph("Comment", { max: TEXT_LIMITS.comment, required: true }),
  parentId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
  visibility: z.enum(["partner", "internal"], { error: "Choose who can see the comment." }).default("partner"),
});

export const ResponseSchema = z.object({
  number,
  response: z.enum(["accepted", "changes_requested"], { error: "Choose to accept the proposal or to ask for changes." }),
  reason: paragraph("Reasons", { max: TEXT_LIMITS.partnerReason }),
});

export const DecisionSchema = z.object({
  decision: z.enum(["approve", "approve_with_conditions", "decline"], { error: "Choose a decision." }),
  conditions: paragraph("Conditions", { max: TEXT_LIMITS.approvalConditions }),
  reason: paragraph("Reason", { max: TEXT_LIMITS.approvalReason }),
  acknowledgedConflict: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  requestVersion: z.coerce.number().int().positive(),
});
