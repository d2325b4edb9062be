import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { AppServer, E2E_DIR, removeDatabase } from "../helpers/app-server";

export { expect };

/**
 * Every spec file runs against its own server on a fresh copy of the demo database (seeded once per
 * run by tests/e2e/global-setup.ts), so the order of files never matters and workers never share
 * state. Tests within one file share it, in order. Import `test` and `expect` from here.
 */
export const test = base.extend<object, { appServer: { server: AppServer; file: string | undefined; db: string } }>({
  appServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; a worker fixture with none still needs it
    async ({}, use, workerInfo) => {
      const state = {
        server: new AppServer(),
        file: undefined as string | undefined,
        db: path.join(E2E_DIR, `worker-${process.pid}-${workerInfo.workerIndex}.sqlite`),
      };
      await use(state);
      await state.server.stop();
      removeDatabase(state.db);
    },
    { scope: "worker" },
  ],
  baseURL: async ({ appServer }, use, testInfo) => {
    if (appServer.file !== testInfo.file) {
      const template = process.env.E2E_TEMPLATE_DB;
      if (!template) throw new Error("E2E_TEMPLATE_DB is not set: run the browser tests through playwright.config.ts.");
      await appServer.server.stop();
      removeDatabase(appServer.db);
      fs.copyFileSync(template, appServer.db);
      await appServer.server.start(appServer.db);
      appServer.file = testInfo.file;
    }
    await use(appServer.server.url);
  },
});

export const PASSWORD = "planner-demo-2026";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Fails the test on any error the page logs, so broken scripts do not pass unnoticed. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // A form answered with 400 (validation) or 409 (conflict) is expected; the browser logs it anyway.
    if (m.type() === "error" && !/Failed to load resource: .* status of (400|409)/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

const SAMPLE_PARAMS: Record<string, string> = { $chart: "pipeline", $role: "faculty", $method: "collaborative", $format: "csv" };

/**
 * Every route module, by what it exports, with an address on the demo data: `$id`, `$number` and
 * `$requestId` become 1 (the demo engagement, its first version, the first approval request), a
 * chart's `$chart`, `$role`, `$method` and `$format` the pipeline chart, faculty, the collaborative and CSV, `_index` nothing, `[.]` a dot, other dots slashes. A new route is covered without editing this file.
 */
export function routes(kind: "loader" | "action"): { file: string; url: string }[] {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && new RegExp(`export async function ${kind}\\b`).test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => {
      const name = f.replace(/\.tsx?$/, "");
      if (name === "$") return { file: f, url: "/no-such-page" };
      const segments = name
        .replace(/\[\.\]/g, "\u0001")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => (s.startsWith("$") ? SAMPLE_PARAMS[s] ?? "1" : s.replace(/\u0001/g, ".")));
      return { file: f, url: `/${segments.join("/")}` };
    });
}
