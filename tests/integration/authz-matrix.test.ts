/// <reference types="vite/client" />
/**
 * The authorisation matrix: every route × every kind of user × own / other record. A new route
 * module fails this suite until it has rows here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId, orgIdByName, shareAVersion } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";
import { users } from "../../db/schema";
import { eq } from "drizzle-orm";

useTestDatabase();

const WHO = {
  anonymous: null,
  manager: "manager@demo.test",
  managerOther: "manager-other@demo.test",
  leader: "leader@demo.test",
  admin: "admin@demo.test",
  partnerA: "partner@demo.test",
  partnerB: "partner2@demo.test",
} as const;
type Who = keyof typeof WHO;

type Ctx = {
  /** The demo engagement: owned by `manager`, for partner A's organisation, shared with it. */
  own: number;
  /** An engagement owned by `managerOther`, for partner B's organisation, not shared. */
  other: number;
  userId: number;
};

type Row = {
  route: string;
  name: string;
  kind: "loader" | "action";
  path: (c: Ctx) => string;
  params?: (c: Ctx) => Record<string, string>;
  form?: (c: Ctx) => Record<string, string>;
  expect: Record<Who, number>;
};

const LOGIN = 302;
const all = (status: number, overrides: Partial<Record<Who, number>> = {}): Record<Who, number> => ({
  anonymous: status,
  manager: status,
  managerOther: status,
  leader: status,
  admin: status,
  partnerA: status,
  partnerB: status,
  ...overrides,
});
const staffRead = { anonymous: LOGIN, manager: 200, managerOther: 200, leader: 200, admin: 403, partnerA: 404, partnerB: 404 };

export const MATRIX: Row[] = [
  { route: "_index", name: "home redirects by role", kind: "loader", path: () => "/", expect: all(302) },
  { route: "login", name: "login page", kind: "loader", path: () => "/login", expect: all(302, { anonymous: 200 }) },
  {
    route: "login",
    name: "sign in",
    kind: "action",
    path: () => "/login",
    form: () => ({ email: "manager@demo.test", password: "planner-demo-2026" }),
    expect: all(303),
  },
  { route: "logout", name: "sign out", kind: "action", path: () => "/logout", expect: all(303) },
  { route: "logout", name: "sign out by GET changes nothing", kind: "loader", path: () => "/logout", expect: all(302) },
  { route: "$", name: "unknown address", kind: "loader", path: () => "/nowhere", expect: all(404) },
  { route: "engagements._index", name: "engagement list", kind: "loader", path: () => "/engagements", expect: { ...staffRead, partnerA: 403, partnerB: 403 } },
  { route: "engagements.new", name: "new engagement form", kind: "loader", path: () => "/engagements/new", expect: { anonymous: LOGIN, manager: 200, managerOther: 200, leader: 403, admin: 403, partnerA: 403, partnerB: 403 } },
  {
    route: "engagements.new",
    name: "create engagement",
    kind: "action",
    path: () => "/engagements/new",
    form: () => ({ title: "Matrix engagement", partner: "existing", organisationId: String(orgIdByName("Northshire Health System")) }),
    expect: { anonymous: LOGIN, manager: 303, managerOther: 303, leader: 403, admin: 403, partnerA: 403, partnerB: 403 },
  },
  { route: "engagements.$id", name: "own engagement page", kind: "loader", path: (c) => `/engagements/${c.own}`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id", name: "other engagement page", kind: "loader", path: (c) => `/engagements/${c.other}`, params: (c) => ({ id: String(c.other) }), expect: staffRead },
  { route: "engagements.$id", name: "missing engagement page", kind: "loader", path: () => "/engagements/99999", params: () => ({ id: "99999" }), expect: { ...staffRead, manager: 404, managerOther: 404, leader: 404 } },
  {
    route: "engagements.$id",
    name: "edit own engagement",
    kind: "action",
    path: (c) => `/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "update-details", title: "Changed", internalNotes: "", version: "1" }),
    expect: { anonymous: LOGIN, manager: 303, managerOther: 403, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id",
    name: "edit other engagement",
    kind: "action",
    path: (c) => `/engagements/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "update-details", title: "Changed", internalNotes: "", version: "1" }),
    expect: { anonymous: LOGIN, manager: 403, managerOther: 303, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  { route: "partner._index", name: "partner space", kind: "loader", path: () => "/partner", expect: { anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: 403, partnerA: 200, partnerB: 200 } },
  { route: "api.engagements", name: "API engagement list", kind: "loader", path: () => "/api/engagements", expect: { anonymous: 401, manager: 200, managerOther: 200, leader: 200, admin: 403, partnerA: 200, partnerB: 200 } },
  { route: "admin.users._index", name: "user list", kind: "loader", path: () => "/admin/users", expect: { anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: 200, partnerA: 403, partnerB: 403 } },
  {
    route: "admin.users._index",
    name: "add user",
    kind: "action",
    path: () => "/admin/users",
    form: () => ({ name: "New Person", email: "new.person@demo.test", role: "leader", organisationId: "", password: "a-long-enough-password" }),
    expect: { anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: 303, partnerA: 403, partnerB: 403 },
  },
  { route: "admin.users.$id", name: "user page", kind: "loader", path: (c) => `/admin/users/${c.userId}`, params: (c) => ({ id: String(c.userId) }), expect: { anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: 200, partnerA: 403, partnerB: 403 } },
  {
    route: "admin.users.$id",
    name: "disable user",
    kind: "action",
    path: (c) => `/admin/users/${c.userId}`,
    params: (c) => ({ id: String(c.userId) }),
    form: () => ({ intent: "disable" }),
    expect: { anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: 303, partnerA: 403, partnerB: 403 },
  },
];

const routesDir = path.resolve("app/routes");
const routeModules = import.meta.glob("../../app/routes/*.{ts,tsx}");

function moduleFor(route: string) {
  const key = Object.keys(routeModules).find((k) => path.basename(k).replace(/\.tsx?$/, "") === route);
  if (!key) throw new Error(`No route module ${route}`);
  return routeModules[key]!() as Promise<{ loader?: Function; action?: Function }>;
}

describe("every route module is in the matrix", () => {
  const files = fs.readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f)).map((f) => f.replace(/\.tsx?$/, ""));
  it.each(files)("%s", async (route) => {
    const mod = await moduleFor(route);
    const rows = MATRIX.filter((r) => r.route === route);
    if (mod.loader) expect(rows.some((r) => r.kind === "loader"), `${route} loader has no matrix row`).toBe(true);
    if (mod.action) expect(rows.some((r) => r.kind === "action"), `${route} action has no matrix row`).toBe(true);
  });
});

describe.each(MATRIX)("$name ($kind of $route)", (row) => {
  it.each(Object.keys(WHO) as Who[])("as %s", async (who) => {
    const { engagementId: other } = createOtherManagerEngagement();
    const own = demoEngagementId();
    shareAVersion(own);
    const userId = db().select({ id: users.id }).from(users).where(eq(users.email, "partner2@demo.test")).get()!.id;
    const ctx: Ctx = { own, other, userId };
    expect(userIdByEmail("manager-other@demo.test")).toBeGreaterThan(0);
    const mod = await moduleFor(row.route);
    const handler = row.kind === "loader" ? mod.loader : mod.action;
    const opts = { path: row.path(ctx), params: row.params?.(ctx), as: WHO[who], form: row.form?.(ctx) };
    const res = row.kind === "loader" ? await callLoader(handler as never, opts) : await callAction(handler as never, opts);
    expect(res.status).toBe(row.expect[who]);
  });
});
