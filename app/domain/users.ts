import { z } from "zod";
import { belongsToOrganisation, mayEver } from "./permissions";
import { ROLES, type Role } from "./roles";
import { line } from "./field-schemas";

const email = z
  .string({ error: "Email is required." })
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email("Enter a valid email address.").max(200, "Email must be at most 200 characters."));

const organisationId = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : Number(v)), z.number().int().positive().nullable());

function partnerNeedsOrganisation(v: { role: string; organisationId: number | null }, ctx: z.RefinementCtx) {
  if (belongsToOrganisation(v.role as Role) && v.organisationId === null) {
    ctx.addIssue({ code: "custom", path: ["organisationId"], message: "A partner executive must belong to a partner organisation." });
  }
}

export const NewUserSchema = z
  .object({
    name: line("Name", { max: 120 }),
    email,
    role: z.enum(ROLES, { error: "Choose a role." }),
    organisationId,
    password: z.string().min(12, "Use at least 12 characters for the password.").max(200, "Password must be at most 200 characters."),
  })
  .superRefine(partnerNeedsOrganisation);

export const UserRoleSchema = z
  .object({
    role: z.enum(ROLES, { error: "Choose a role." }),
    organisationId,
    version: z.coerce.number().int().positive(),
  })
  .superRefine(partnerNeedsOrganisation);

export const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(200, "That is not an email address we know."),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
  redirectTo: z.string().optional(),
});

/**
 * Only same-site paths are followed after login, never another host. The path comes back as a URL
 * writes it (percent-encoded), so a Location header can always carry it.
 */
export function safeRedirect(to: string | undefined | null, fallback = "/"): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and line breaks from an address and read "\" as "/": "/\t/evil.example" is
  // "//evil.example", another host. Such a path is never one of ours.
  if (/[\u0000-\u001F\u007F\\]/.test(to)) return fallback;
  const base = "http://planner.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

/**
 * Whether a change to one user would leave nobody active who can manage users: then no one could
 * ever add an administrator again. `active` are the active users; the change is the user's new
 * role, or their disabling.
 */
export function leavesNoUserManager(active: readonly { id: number; role: Role }[], change: { userId: number; role?: Role; disabled?: boolean }): boolean {
  const after = active
    .filter((u) => !(u.id === change.userId && change.disabled))
    .map((u) => (u.id === change.userId && change.role ? { ...u, role: change.role } : u));
  const managers = (list: readonly { role: Role }[]) => list.filter((u) => mayEver(u, "user:manage")).length;
  return managers(active) > 0 && managers(after) === 0;
}

export const LAST_ADMINISTRATOR =
  "This is the last active administrator: make someone else an administrator first, or no one could manage users and the roster.";
