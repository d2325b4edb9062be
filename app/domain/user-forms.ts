import { z } from "zod";
import { FormVersion, line } from "./field-schemas";
import { belongsToOrganisation } from "./permissions";
import { ROLES, type Role } from "./roles";

/**
 * The forms of signing in and of managing users. Read on the server only; the rules they serve (who
 * may manage users, where a sign-in may lead) are in `users.ts`.
 */

const email = z
  .string({ error: "Email is required." })
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email("Enter a valid email address.").max(200, "Email must be at most 200 characters."));

const CHOOSE_ORGANISATION = "Choose a partner organisation from the list.";

/** A partner organisation picked from the list; left blank, none. */
const organisationId = z
  .string({ error: CHOOSE_ORGANISATION })
  .optional()
  .refine((v) => v === undefined || v.trim() === "" || /^[1-9]\d{0,8}$/.test(v.trim()), CHOOSE_ORGANISATION)
  .transform((v) => (v === undefined || v.trim() === "" ? null : Number(v.trim())));

const role = z.enum(ROLES, { error: "Choose a role." });

function partnerNeedsOrganisation(v: { role: Role; organisationId: number | null }, ctx: z.RefinementCtx) {
  if (belongsToOrganisation(v.role) && v.organisationId === null) {
    ctx.addIssue({ code: "custom", path: ["organisationId"], message: "A partner executive must belong to a partner organisation." });
  }
}

const CHOOSE_SUCCESSOR = "Choose the manager who takes their engagements over.";

/** The manager chosen to take a user's engagements over; left blank, none (refused if they own any live one). */
const successorId = z
  .string({ error: CHOOSE_SUCCESSOR })
  .optional()
  .refine((v) => v === undefined || v.trim() === "" || /^[1-9]\d{0,8}$/.test(v.trim()), CHOOSE_SUCCESSOR)
  .transform((v) => (v === undefined || v.trim() === "" ? null : Number(v.trim())));

/**
 * A user's page: change their role (as edited from `version`), disable them (handing the live
 * engagements they own to `successorId` in the same step) or enable them, or hand their live
 * engagements over on their own.
 */
export const UserPageIntents = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("update-role"), role, organisationId, version: FormVersion }).superRefine(partnerNeedsOrganisation),
    z.object({ intent: z.literal("disable"), successorId }),
    z.object({ intent: z.literal("hand-over-all"), successorId }),
    z.object({ intent: z.literal("enable") }),
  ],
  { error: "That is not something this page can do. Reload the page and try again." }
);

export const LoginSchema = z.object({
  email: z.string({ error: "Enter your email address." }).trim().min(1, "Enter your email address.").max(200, "That is not an email address we know."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "That password is too long."),
  redirectTo: z.string().optional(),
});

/** Inviting someone: who they are and their role; they choose their own password from the mail. */
export const InviteUserSchema = z
  .object({
    name: line("Name", { max: 120 }),
    email,
    role,
    organisationId,
  })
  .superRefine(partnerNeedsOrganisation);

/** An executive of an engagement's partner, invited from the engagement: their organisation is the partner's. */
export const InviteExecutiveSchema = z.object({
  intent: z.literal("invite-executive"),
  name: line("Name", { max: 120 }),
  email,
});

/** A new password, from an invitation or a reset link, typed twice. */
export const ChoosePasswordSchema = z
  .object({
    password: z
      .string({ error: "Choose a password." })
      .min(12, "Use at least 12 characters for the password.")
      .max(200, "Password must be at most 200 characters."),
    confirm: z.string({ error: "Type the password again." }).max(200, "Password must be at most 200 characters."),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords differ. Type the same password twice." });
  });

export const ForgotPasswordSchema = z.object({ email });
