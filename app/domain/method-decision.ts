import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { METHODS } from "./methods";
import { paragraph } from "./field-schemas";

/** The Method step's form: accept the recommendation, or choose another method and say why. */
export const MethodDecisionSchema = z
  .object({
    intent: z.enum(["accept", "override"]),
    method: z.enum(METHODS, { error: "Choose a method." }).optional(),
    overrideReason: paragraph("Justification", { max: TEXT_LIMITS.methodJustification }),
    intakeVersion: z.coerce.number().int().min(0),
    decisionVersion: z.coerce.number().int().min(0),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "override" && !v.method) ctx.addIssue({ code: "custom", path: ["method"], message: "Choose the method you prefer." });
    if (v.intent === "override" && v.overrideReason.length < 20) {
      ctx.addIssue({
        code: "custom",
        path: ["overrideReason"],
        message: "Explain in a sentence or two (at least 20 characters) why this method suits the partner better than the recommendation.",
      });
    }
  });
