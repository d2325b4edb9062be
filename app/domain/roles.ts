export const ROLES = ["manager", "partner", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  manager: "Partnership manager",
  partner: "Partner executive",
  leader: "Leadership",
  admin: "Administrator",
};

/** The acting user as every guard and model function sees it. */
export type Actor = {
  id: number;
  role: Role;
  organisationId: number | null;
};
