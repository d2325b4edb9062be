import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { OPTIONS_SECTION_KEY, REFERENCES_KEY } from "./proposal-content";
import { PROPOSAL_SECTION_KEYS } from "./proposal-templates";
import { line, paragraph } from "./field-schemas";

/**
 * The forms of the review: the owner's page (share, submit, withdraw, comment, resolve), the partner's
 * page (answer, comment, seen) and a leader's decision on an approval request. Read on the server
 * only (decision 7).
 */

const number = z.coerce.number({ error: "Choose a version." }).int("Choose a version.").positive("Choose a version.");
/** A record the page names in a hidden field; a person never types it. */
const recordId = (what: string) =>
  z.coerce
    .number({ error: `The form did not say which ${what}.` })
    .int(`No such ${what}.`)
    .positive(`No such ${what}.`);

/** Every section a proposal document can have, Options and References included: each can be commented on. */
export const COMMENT_SECTION_KEYS = [...PROPOSAL_SECTION_KEYS, OPTIONS_SECTION_KEY, REFERENCES_KEY] as const;

/**
 * The sections a comment may be about, as the document has them, in its order: the written sections,
 * Options when the version offers options, References when it cites any. Read from the versions
 * newest first, so that a thread on a section only an earlier version had still has its title.
 */
export function commentSections(versions: { sections: { key: string; title: string }[] }[]): { key: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const v of versions) for (const s of v.sections) if (!seen.has(s.key)) seen.set(s.key, s.title);
  return [...seen].map(([key, title]) => ({ key, title }));
}

/**
 * A day as typed or picked; whether it is a day, and not past, is the change's to say (answerByProblem).
 * Left out of a share (not emptied: an empty box sends ""), the partner is given the usual four weeks.
 */
const answerBy = z.string({ error: "Enter the answer date." }).trim().max(40, "Enter the answer date.").optional();

const comment = {
  number,
  // One of the proposal's sections: anything else would be stored as typed and anchor the comment nowhere.
  sectionKey: z.enum(COMMENT_SECTION_KEYS, { error: "Choose the section the comment is about." }),
  body: paragraph("Comment", { max: TEXT_LIMITS.comment, required: true }),
  parentId: z.preprocess((v) => (v === "" || v === undefined ? null : v), recordId("thread").nullable()),
};

/** The owner's review page: one intent per form. */
export const ReviewChangeSchema = z.discriminatedUnion(
  "intent",
  [
    // The day the partner is asked to answer by (docs/domain.md §9.16): checked against today by the change itself, beside the field.
    z.object({ intent: z.literal("share"), number, answerBy }),
    // `shown`: the day the page showed, so that a change made meanwhile by another owner is not silently replaced.
    z.object({ intent: z.literal("answer-by"), number, answerBy, shown: z.string().max(40).optional() }),
    z.object({ intent: z.literal("submit"), number }),
    z.object({ intent: z.literal("withdraw"), requestId: recordId("approval request") }),
    z.object({
      intent: z.literal("comment"),
      ...comment,
      visibility: z.enum(["partner", "internal"], { error: "Choose who can see the comment." }).default("partner"),
    }),
    z.object({ intent: z.literal("resolve"), commentId: recordId("thread") }),
  ],
  { error: "Choose what to do from the page." }
);

/** The partner's page: an answer to a version, a comment (always visible to the partner), or "seen". */
export const PartnerChangeSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("respond"),
      number,
      response: z.enum(["accepted", "changes_requested"], { error: "Choose to accept the proposal or to ask for changes." }),
      reason: paragraph("Reasons", { max: TEXT_LIMITS.partnerReason }),
      // The signer of an acceptance, as they type themselves, and their confirmation (docs/domain.md §9.9).
      signerName: line("Your name", { min: 0, max: 200 }).default(""),
      signerTitle: line("Your title", { min: 0, max: 200 }).default(""),
      confirm: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
      // The option accepted, when the version offers several (docs/domain.md §9.13): its key, checked against the version's options.
      option: z.string().max(8, "Choose one of the options shown.").default(""),
      // The comment and reply boxes on the page still holding text not sent, named as unsentCommentsRefusal reads them.
      unsent: z.string().max(20_000, "Send or clear the comments you typed, then answer again.").default(""),
    }),
    z.object({ intent: z.literal("comment"), ...comment }),
    z.object({ intent: z.literal("seen"), number }),
    // The agreement of this version, said at the head of their page, has been seen: their notice of it goes.
    z.object({ intent: z.literal("agreement_seen"), number }),
  ],
  { error: "Choose what to do from the page." }
);
export type PartnerChange = z.output<typeof PartnerChangeSchema>;

/** A leader's decision on an approval request. */
export const DecisionSchema = z.object({
  decision: z.enum(["approve", "approve_with_conditions", "decline"], { error: "Choose a decision." }),
  conditions: paragraph("Conditions", { max: TEXT_LIMITS.approvalConditions }),
  reason: paragraph("Reason", { max: TEXT_LIMITS.approvalReason }),
  acknowledgedConflict: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  conditionsMet: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  requestVersion: z.coerce.number().int().positive(),
});

type Decision = Pick<z.output<typeof DecisionSchema>, "decision" | "conditions" | "reason" | "acknowledgedConflict"> & { conditionsMet?: boolean };

/**
 * What a leader's decision must say beyond its fields, given the request it decides: the conditions of
 * an approval with conditions, and none with a plain approval (which was meant is not ours to guess);
 * the reason for declining; for an approval, that the leader accepts the capacity conflict when the
 * request has one, and, when leadership approved the version it follows with conditions
 * (`conditionalBefore`, that version's number), that this version meets them or carries them into its
 * own. The first thing missing, and the field it belongs to; null when the decision says all it must.
 */
export function decisionWants(
  input: Decision,
  request: { conflictAcknowledgementRequired: boolean; conditionalBefore: number | null }
): { message: string; field: keyof Decision } | null {
  if (input.decision === "approve_with_conditions" && input.conditions.trim().length < 5)
    return { message: "State the conditions of the approval.", field: "conditions" };
  if (input.decision === "approve" && input.conditions.trim())
    return { message: "You wrote conditions: choose “Approve with conditions”, or clear them to approve without conditions.", field: "conditions" };
  if (input.decision === "decline") return input.reason.trim().length < 5 ? { message: "Give the reason for declining.", field: "reason" } : null;
  if (request.conflictAcknowledgementRequired && !input.acknowledgedConflict)
    return { message: "This approval would leave us short of capacity: confirm that you accept the conflict.", field: "acknowledgedConflict" };
  if (request.conditionalBefore !== null && !input.conditionsMet)
    return {
      message: `Leadership approved version ${request.conditionalBefore} with conditions: confirm that this version meets them, or write what is still to be done as your conditions.`,
      field: "conditionsMet",
    };
  return null;
}
