import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { METHODS } from "./methods";
import { paragraph } from "./field-schemas";

/** A small request's offer as the form sends it: "short_tailored", or "join:" and the open collaborative's id. */
const SmallRequestChoice = z
  .string({ error: "Choose one of the offers." })
  .regex(/^(short_tailored|join:[1-9]\d{0,8})$/, "Choose one of the offers.")
  .transform((v) =>
    v === "short_tailored"
      ? { variant: "short_tailored" as const, openCollaborativeId: null }
      : { variant: "join_open_collaborative" as const, openCollaborativeId: Number(v.slice("join:".length)) }
  );

/**
 * The Method step's form: accept the recommendation, choose another method and say why, or for a
 * small request take one of the offers (docs/domain.md §2.5). `recommended` is the recommendation the
 * page showed: choosing it needs no justification, and the decision is refused if it is no longer
 * the recommendation by the time it is recorded.
 */
export const MethodDecisionSchema = z
  .object({
    intent: z.enum(["accept", "override", "small"]),
    choice: SmallRequestChoice.optional(),
    method: z.enum(METHODS, { error: "Choose a method." }).optional(),
    recommended: z.enum(METHODS, { error: "Reload the page: the recommendation it showed is not one of the methods." }).optional(),
    overrideReason: paragraph("Justification", { max: TEXT_LIMITS.methodJustification }),
    intakeVersion: z.coerce.number().int().min(0),
    decisionVersion: z.coerce.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "small" && !v.choice) ctx.addIssue({ code: "custom", path: ["choice"], message: "Choose one of the offers." });
    if (v.intent === "override" && !v.method) ctx.addIssue({ code: "custom", path: ["method"], message: "Choose the method you prefer." });
    if (v.intent === "override" && (!v.method || v.method !== v.recommended) && v.overrideReason.length < 20) {
      ctx.addIssue({
        code: "custom",
        path: ["overrideReason"],
        message: "Explain in a sentence or two (at least 20 characters) why this method suits the partner better than the recommendation.",
      });
    }
  });
