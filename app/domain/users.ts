import { mayEver } from "./permissions";
import type { Role } from "./roles";

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
