/// <reference types="vite/client" />
/**
 * The authorisation matrix: every route × every kind of user × own / other record. A new route
 * module fails this suite until it has rows here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, useTestDatabase } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId, openIntakeSections, shareAVersion } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";
import { users } from "../../db/schema";
import { eq } from "drizzle-orm";
import { WHO, type Ctx, type Row, type Who } from "../helpers/authz";

useTestDatabase();

/** Rows come from every file in authz-rows/, so each area adds its own without touching this one. */
const rowModules = import.meta.glob<{ ROWS: Row[] }>("./authz-rows/*.ts", { eager: true });
export const MATRIX: Row[] = Object.values(rowModules).flatMap((m) => m.ROWS);

const routesDir = path.resolve("app/routes");
const routeModules = import.meta.glob("../../app/routes/*.{ts,tsx}");

function moduleFor(route: string) {
  const key = Object.keys(routeModules).find((k) => path.basename(k).replace(/\.tsx?$/, "") === route);
  if (!key) throw new Error(`No route module ${route}`);
  return routeModules[key]!() as Promise<{ loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown }>;
}

describe("every route module is in the matrix", () => {
  const files = fs
    .readdirSync(routesDir)
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => f.replace(/\.tsx?$/, ""));
  it.each(files)("%s", async (route) => {
    const mod = await moduleFor(route);
    const rows = MATRIX.filter((r) => r.route === route);
    if (mod.loader)
      expect(
        rows.some((r) => r.kind === "loader"),
        `${route} loader has no matrix row`
      ).toBe(true);
    if (mod.action)
      expect(
        rows.some((r) => r.kind === "action"),
        `${route} action has no matrix row`
      ).toBe(true);
  });
});

describe.each(MATRIX)("$name ($kind of $route)", (row) => {
  it.each(Object.keys(WHO) as Who[])("as %s", async (who) => {
    const { engagementId: other } = createOtherManagerEngagement();
    const own = demoEngagementId();
    shareAVersion(own);
    openIntakeSections(own);
    const userId = db().select({ id: users.id }).from(users).where(eq(users.email, "partner2@demo.test")).get()!.id;
    const ctx: Ctx = { own, other, userId };
    const mod = await moduleFor(row.route);
    const handler = row.kind === "loader" ? mod.loader : mod.action;
    const opts = { path: row.path(ctx), params: row.params?.(ctx), as: WHO[who], form: row.form?.(ctx), json: row.json?.(ctx) };
    const res = row.kind === "loader" ? await callLoader(handler as never, opts) : await callAction(handler as never, opts);
    expect(res.status).toBe(row.expect[who]);
  });
});
