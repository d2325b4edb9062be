/// <reference types="vite/client" />
/**
 * The authorisation matrix: every route × every kind of user × own / other record. A new route
 * module fails this suite until it has rows here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db, useTestDatabase } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId, openIntakeSections, shareAVersion } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";
import { users } from "../../db/schema";
import { eq } from "drizzle-orm";
import { WHO, type Ctx, type Row, type Who } from "../helpers/authz";

useTestDatabase();

// The matrix asks who may reach what. A version's pictures, drawn in a browser when it is created,
// say nothing about that (tests/integration/proposal-versions.test.ts draws them).
vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

// Every download row asks for the same version, so the same edition of one document is asked for by
// everyone allowed it, each on a fresh database where it was never made: each is made once by the
// real renderer and its bytes given again after that (tests/helpers/render-once.ts).
vi.mock("~/services/docx.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/services/docx.server")>();
  const { renderOnce } = await import("../helpers/render-once");
  return { ...original, renderProposalDocx: renderOnce(original.renderProposalDocx) };
});
vi.mock("~/services/pdf.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/services/pdf.server")>();
  const { renderOnce } = await import("../helpers/render-once");
  return { ...original, renderProposalPdf: renderOnce(original.renderProposalPdf) };
});

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
    const { engagementId: other, managerEmail } = createOtherManagerEngagement();
    const own = demoEngagementId();
    shareAVersion(own);
    openIntakeSections(own);
    const userId = db().select({ id: users.id }).from(users).where(eq(users.email, "partner2@demo.test")).get()!.id;
    const idOf = (email: string) => db().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
    const ctx: Ctx = { own, other, userId, managerId: idOf("manager@demo.test"), managerOtherId: idOf(managerEmail) };
    const mod = await moduleFor(row.route);
    const handler = row.kind === "loader" ? mod.loader : mod.action;
    const opts = { path: row.path(ctx), params: row.params?.(ctx), as: WHO[who], form: row.form?.(ctx), json: row.json?.(ctx) };
    const res = row.kind === "loader" ? await callLoader(handler as never, opts) : await callAction(handler as never, opts);
    expect(res.status).toBe(row.expect[who]);
  });
});
