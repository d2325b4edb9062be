import { z } from "zod";
import { RemoveIntent } from "./field-schemas";
import { staffMemberSchema } from "./roster-forms";

/** The roster form, with the role checked against the roles that exist. */
export function staffFormSchema(roleKeys: readonly string[], currency: string) {
  return staffMemberSchema(currency).refine((s) => roleKeys.includes(s.role), { path: ["role"], message: "Choose one of the listed roles." });
}

const Version = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "The form is out of date; reload the page.")
  .transform(Number);

/** A roster entry's page: save the entry as edited from `version`, or remove it from the roster. */
export function staffMemberIntents(roleKeys: readonly string[], currency: string) {
  return z.discriminatedUnion("intent", [staffFormSchema(roleKeys, currency).safeExtend({ intent: z.literal("save"), version: Version }), RemoveIntent], {
    error: "That is not something this page can do. Reload the page and try again.",
  });
}
