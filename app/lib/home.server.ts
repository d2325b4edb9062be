import { mayEver } from "~/domain/permissions";
import type { Actor, Role } from "~/domain/roles";
import { decisionsAwaiting } from "~/models/approvals.server";

/** Each role's own start page. */
export const HOME: Record<Role, string> = {
  manager: "/engagements",
  leader: "/engagements",
  partner: "/partner",
  admin: "/admin/users",
};

/**
 * Where a person starts once signed in: their role's start page, or, for someone who decides on
 * approvals with a request waiting for their decision, the approvals queue, since that is what waits
 * on them.
 */
export function homeFor(user: Pick<Actor, "id" | "role">): string {
  // Those who decide on approvals (our leaders) belong to no partner organisation.
  if (mayEver(user, "approval:decide") && decisionsAwaiting({ id: user.id, role: user.role, organisationId: null }) > 0) return "/approvals";
  return HOME[user.role];
}
