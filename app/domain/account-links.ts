import type { ThrottlePolicy } from "./login-throttle";
import { belongsToOrganisation } from "./permissions";
import type { Role } from "./roles";

/**
 * Links sent by mail that let someone set their own password: an invitation (7 days) or a reset (2
 * hours). Each works once; only its SHA-256 is stored, so the database alone opens no account.
 */
export const LINK_LIFETIME_MS = { invitation: 7 * 24 * 3600_000, reset: 2 * 3600_000 } as const;
export type LinkPurpose = keyof typeof LINK_LIFETIME_MS;

/** What an invited user has until they choose a password: no scrypt hash, so no password matches it. */
export const NO_PASSWORD_YET = "invited";

/** Reset requests are throttled like sign-ins: a few per account, more per address, then a wait. */
export const RESET_ACCOUNT_POLICY: ThrottlePolicy = { threshold: 3, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000 };
export const RESET_ADDRESS_POLICY: ThrottlePolicy = { threshold: 10, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000 };

/** The one answer to a reset request, whether or not the address belongs to an account. */
export const RESET_SENT = "If that address belongs to an account, a link to choose a new password is on its way. It works once, for two hours.";

export type LinkState = { purpose: LinkPurpose; expiresAt: string; usedAt: string | null } | undefined;

/** Why a link no longer opens anything, in words for its holder; null when it works. */
export function whyLinkFails(link: LinkState, now: number): string | null {
  if (!link) return "This link is not valid. Ask for a new one.";
  if (link.usedAt) return "This link has been used already. Sign in, or ask for a new one.";
  if (Date.parse(link.expiresAt) <= now)
    return link.purpose === "invitation" ? "This invitation has expired. Ask for a new one." : "This link has expired. Ask for a new one.";
  return null;
}

/** Where a partner executive stands: signs in, invited and not signed in yet, or disabled. */
export type ExecutiveStatus = "active" | "invited" | "disabled";

export function executiveStatus(u: { passwordHash: string; disabledAt: string | null }): ExecutiveStatus {
  if (u.disabledAt) return "disabled";
  return u.passwordHash === NO_PASSWORD_YET ? "invited" : "active";
}

/**
 * Why an address that already has an account cannot be invited as an executive of this organisation,
 * in words for the person inviting; null when it can (an executive of this organisation invited and
 * not signed in yet, who is sent a new link).
 */
export function whyNotInvitable(
  existing: { role: Role; organisationId: number | null; passwordHash: string; disabledAt: string | null },
  organisationId: number
): string | null {
  if (!belongsToOrganisation(existing.role)) return "This address belongs to one of our staff. Invite the executive with their own address.";
  if (existing.organisationId !== organisationId) return "This address belongs to an executive of another partner organisation.";
  if (existing.disabledAt) return "This executive's account is disabled; an administrator can enable it.";
  if (existing.passwordHash !== NO_PASSWORD_YET) return "This executive already signs in with this address; nothing was sent.";
  return null;
}
