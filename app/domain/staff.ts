import { z } from "zod";
import { FormVersion, RemoveIntent } from "./field-schemas";
import { leaveSchema } from "./leave-forms";
import { staffMemberSchema } from "./roster-forms";

/**
 * What a change to the roster reaches, said to the administrator who made it: every engagement's fit and
 * every live draft's fee are worked out from the roster as it is, while a version keeps the figures it was
 * frozen with (docs/domain.md §8.1).
 */
export const ROSTER_REACH = "Every engagement's Fit page and live draft now use the roster as it is; proposal versions already made keep their figures.";

/** The roster form, with the role checked against the roles that exist. */
export function staffFormSchema(roleKeys: readonly string[], currency: string) {
  return staffMemberSchema(currency).refine((s) => roleKeys.includes(s.role), { path: ["role"], message: "Choose one of the listed roles." });
}

/** A roster entry's page: save the entry as edited from `version`, remove it from the roster, or record a leave of theirs. */
export function staffMemberIntents(roleKeys: readonly string[], currency: string) {
  return z.discriminatedUnion(
    "intent",
    [
      staffFormSchema(roleKeys, currency).safeExtend({ intent: z.literal("save"), version: FormVersion }),
      RemoveIntent,
      leaveSchema.safeExtend({ intent: z.literal("add-leave") }),
    ],
    {
      error: "That is not something this page can do. Reload the page and try again.",
    }
  );
}
