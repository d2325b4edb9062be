import { z } from "zod";
import { line, monthField, moneyAmount } from "./field-schemas";
import { isMonth } from "./calendar";

/**
 * The staff-roles file's schema (docs-templates/staff-roles.json) and the roster's forms: a person and
 * a booking. Read on the server only; what the page shows of a roster is in `capacity.ts`.
 */

export const StaffRolesSchema = z
  .object({
    version: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/, "Currency is a three-letter code such as USD."),
    note: z.string().optional(),
    roles: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]*$/, "Role keys are lower-case words joined by _."),
          label: z.string().min(1),
          pluralLabel: z.string().min(1),
          defaultDayRate: z.number().nonnegative(),
          description: z.string().optional(),
        })
      )
      .min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.roles.forEach((r, i) => {
      if (seen.has(r.key)) ctx.addIssue({ code: "custom", path: ["roles", i, "key"], message: `Role "${r.key}" is listed twice.` });
      seen.add(r.key);
    });
  });
export type StaffRoles = z.infer<typeof StaffRolesSchema>;
export type StaffRole = StaffRoles["roles"][number];

const optionalMonth = (label: string) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), monthField(label).nullable().optional());

/** A share of full time typed in a form, 0.1 to 1.0: blank is required, not read as 0. */
const fteField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a number.`) })
      .min(0.1, `${label} must be at least 0.1.`)
      .max(1, `${label} must be at most 1.0.`)
  );

/** The roster form, with day rates in `currency` (the staff roles'). The role is checked against the staff roles by the caller. */
export function staffMemberSchema(currency: string) {
  return (
    z
      .object({
        name: line("Name", { max: 120 }),
        role: z.string({ error: "Choose a role." }).min(1, "Choose a role."),
        fte: fteField("FTE"),
        availableFrom: optionalMonth("Available from"),
        availableTo: optionalMonth("Available until"),
        // Blank is "no rate"; typed as the partner's budget is, with or without the currency's sign or code.
        dayRate: moneyAmount("Day rate", { currency, max: 1_000_000, optional: true, example: "1,200" }).transform((v) => v ?? null),
      })
      // Judged only between two months read: a month that could not be read has its own error, and no order.
      .refine((s) => !isMonth(s.availableFrom) || !isMonth(s.availableTo) || s.availableFrom <= s.availableTo, {
        path: ["availableTo"],
        message: "Available until must not be before available from.",
      })
  );
}
