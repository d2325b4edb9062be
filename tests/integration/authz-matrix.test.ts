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
  json?: (c: Ctx) => unknown;
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
const staffWrite = (own: boolean) => ({ anonymous: LOGIN, manager: own ? 303 : 403, managerOther: own ? 403 : 303, leader: 403, admin: 403, partnerA: 404, partnerB: 404 });
const managersOnly = (ok: number) => ({ anonymous: LOGIN, manager: ok, managerOther: ok, leader: 403, admin: 403, partnerA: 403, partnerB: 403 });
const MINIMAL_BUNDLE = JSON.stringify({
  format: "partnership-planner/engagement",
  formatVersion: 1,
  title: "Imported engagement",
  partner: { name: "Imported Health", kind: "hospital", country: "Chile", sites: 1, population: 100000 },
  intake: {},
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
  { route: "engagements.$id", name: "engagement frame", kind: "loader", path: (c) => `/engagements/${c.own}`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id._index", name: "other engagement overview", kind: "loader", path: (c) => `/engagements/${c.other}`, params: (c) => ({ id: String(c.other) }), expect: staffRead },
  { route: "engagements.$id._index", name: "missing engagement overview", kind: "loader", path: () => "/engagements/99999", params: () => ({ id: "99999" }), expect: { ...staffRead, manager: 404, managerOther: 404, leader: 404 } },
  {
    route: "engagements.$id._index",
    name: "edit own engagement",
    kind: "action",
    path: (c) => `/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "update-details", title: "Changed", internalNotes: "", version: "1" }),
    expect: { anonymous: LOGIN, manager: 303, managerOther: 403, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id._index",
    name: "edit other engagement",
    kind: "action",
    path: (c) => `/engagements/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "update-details", title: "Changed", internalNotes: "", version: "1" }),
    expect: { anonymous: LOGIN, manager: 403, managerOther: 303, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  { route: "engagements.$id.intake", name: "own intake", kind: "loader", path: (c) => `/engagements/${c.own}/intake`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id.intake", name: "other intake", kind: "loader", path: (c) => `/engagements/${c.other}/intake?section=budget`, params: (c) => ({ id: String(c.other) }), expect: staffRead },
  {
    route: "engagements.$id.intake",
    name: "save own intake section",
    kind: "action",
    path: (c) => `/engagements/${c.own}/intake?section=budget`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ version: "1", budgetMin: "1000", budgetMax: "2000", currency: "GBP" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.intake",
    name: "save other intake section",
    kind: "action",
    path: (c) => `/engagements/${c.other}/intake?section=budget`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ version: "0", currency: "EUR" }),
    expect: staffWrite(false),
  },
  { route: "engagements.$id.fit", name: "own fit", kind: "loader", path: (c) => `/engagements/${c.own}/fit`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id.fit", name: "other fit", kind: "loader", path: (c) => `/engagements/${c.other}/fit`, params: (c) => ({ id: String(c.other) }), expect: staffRead },
  { route: "engagements.$id.method", name: "own method", kind: "loader", path: (c) => `/engagements/${c.own}/method`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  {
    route: "engagements.$id.method",
    name: "decide own method",
    kind: "action",
    path: (c) => `/engagements/${c.own}/method`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "override", method: "tailored", overrideReason: "The board wants a five-year national programme.", intakeVersion: "1", decisionVersion: "1" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.method",
    name: "decide other method",
    kind: "action",
    path: (c) => `/engagements/${c.other}/method`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "override", method: "tailored", overrideReason: "The board wants a five-year national programme.", intakeVersion: "0", decisionVersion: "0" }),
    expect: staffWrite(false),
  },
  { route: "engagements.$id.export", name: "download own bundle", kind: "loader", path: (c) => `/engagements/${c.own}/export`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id.export", name: "download other bundle", kind: "loader", path: (c) => `/engagements/${c.other}/export`, params: (c) => ({ id: String(c.other) }), expect: staffRead },
  { route: "engagements.import", name: "import page", kind: "loader", path: () => "/engagements/import", expect: managersOnly(200) },
  { route: "engagements.import", name: "import a bundle", kind: "action", path: () => "/engagements/import", form: () => ({ json: MINIMAL_BUNDLE }), expect: managersOnly(303) },
  { route: "api.engagements", name: "API import", kind: "action", path: () => "/api/engagements", json: () => JSON.parse(MINIMAL_BUNDLE), expect: { anonymous: 401, manager: 201, managerOther: 201, leader: 403, admin: 403, partnerA: 403, partnerB: 403 } },
  { route: "api.engagements.$id", name: "API own bundle", kind: "loader", path: (c) => `/api/engagements/${c.own}`, params: (c) => ({ id: String(c.own) }), expect: { anonymous: 401, manager: 200, managerOther: 200, leader: 200, admin: 404, partnerA: 404, partnerB: 404 } },
  { route: "api.engagements.$id", name: "API missing bundle", kind: "loader", path: () => "/api/engagements/424242", params: () => ({ id: "424242" }), expect: { anonymous: 401, manager: 404, managerOther: 404, leader: 404, admin: 404, partnerA: 404, partnerB: 404 } },
  { route: "api.schema", name: "bundle schema", kind: "loader", path: () => "/api/schema", expect: all(200) },
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
    const opts = { path: row.path(ctx), params: row.params?.(ctx), as: WHO[who], form: row.form?.(ctx), json: row.json?.(ctx) };
    const res = row.kind === "loader" ? await callLoader(handler as never, opts) : await callAction(handler as never, opts);
    expect(res.status).toBe(row.expect[who]);
  });
});
