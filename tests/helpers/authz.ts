/** Shared vocabulary of the authorisation matrix (tests/integration/authz-matrix.test.ts). */
export const WHO = {
  anonymous: null,
  manager: "manager@demo.test",
  managerOther: "manager-other@demo.test",
  leader: "leader@demo.test",
  admin: "admin@demo.test",
  partnerA: "partner@demo.test",
  partnerB: "partner2@demo.test",
} as const;
export type Who = keyof typeof WHO;

export type Ctx = {
  /** The demo engagement: owned by `manager`, for partner A's organisation, shared with it. */
  own: number;
  /** An engagement owned by `managerOther`, for partner B's organisation, not shared. */
  other: number;
  userId: number;
  /** The users of `manager` and `managerOther`: the owners of `own` and `other`. */
  managerId: number;
  managerOtherId: number;
};

export type Row = {
  route: string;
  name: string;
  kind: "loader" | "action";
  path: (c: Ctx) => string;
  params?: (c: Ctx) => Record<string, string>;
  form?: (c: Ctx) => Record<string, string>;
  json?: (c: Ctx) => unknown;
  expect: Record<Who, number>;
};

export const LOGIN = 302;
export const all = (status: number, overrides: Partial<Record<Who, number>> = {}): Record<Who, number> => ({
  anonymous: status,
  manager: status,
  managerOther: status,
  leader: status,
  admin: status,
  partnerA: status,
  partnerB: status,
  ...overrides,
});
export const staffWrite = (own: boolean) => ({
  anonymous: LOGIN,
  manager: own ? 303 : 403,
  managerOther: own ? 403 : 303,
  leader: 403,
  admin: 403,
  partnerA: 404,
  partnerB: 404,
});
export const managersOnly = (ok: number) => ({ anonymous: LOGIN, manager: ok, managerOther: ok, leader: 403, admin: 403, partnerA: 403, partnerB: 403 });
export const MINIMAL_BUNDLE = JSON.stringify({
  format: "partnership-planner/engagement",
  formatVersion: 1,
  title: "Imported engagement",
  partner: { name: "Imported Health", kind: "hospital", country: "CL", sites: 1, population: 100000 },
  intake: {},
});
export const staffRead = { anonymous: LOGIN, manager: 200, managerOther: 200, leader: 200, admin: 403, partnerA: 404, partnerB: 404 };
