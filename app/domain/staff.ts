import { z } from "zod";
import { StaffMemberSchema } from "./resource-fit";

/** The roster form, with the role checked against the roles that exist. */
export function staffFormSchema(roleKeys: readonly string[]) {
  return StaffMemberSchema.refine((s) => roleKeys.includes(s.role), { path: ["role"], message: "Choose one of the listed roles." });
}

export const VersionSchema = z.object({ version: z.coerce.number().int().positive() });
