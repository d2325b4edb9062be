import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { AppServer, E2E_DIR, removeDatabase } from "../helpers/app-server";
import { routeAddress } from "../helpers/route-address";

export { expect };

/**
 * Every spec file runs against its own server on a fresh copy of the demo database (seeded once per
 * run by tests/e2e/global-setup.ts), so the order of files never matters and workers never share
 * state. Tests within one file share it, in order. Import `test` and `expect` from here.
 *
 * Starting the app takes seconds, so each worker keeps the next file's server starting while a file
 * runs: a spare on a fresh copy of its own, which no test has touched until its file takes it.
 */
type Running = { server: AppServer; db: string };

class WorkerServers {
  server: AppServer | undefined;
  db = "";
  file: string | undefined;
  private started = 0;
  private spare: Promise<Running> | undefined;

  constructor(private readonly workerIndex: number) {}

  private startOne(): Promise<Running> {
    const template = process.env.E2E_TEMPLATE_DB;
    if (!template) return Promise.reject(new Error("E2E_TEMPLATE_DB is not set: run the browser tests through playwright.config.ts."));
    const db = path.join(E2E_DIR, `worker-${process.pid}-${this.workerIndex}-${++this.started}.sqlite`);
    removeDatabase(db);
    fs.copyFileSync(template, db);
    const server = new AppServer();
    const running = server.start(db).then(() => ({ server, db }));
    // Reported when a file takes it; a spare never taken fails nobody.
    running.catch(() => {});
    return running;
  }

  /** Stops the last file's server and hands over a fresh one (the spare), then starts the next spare. */
  async fresh(file: string): Promise<void> {
    await this.stopCurrent();
    const next = this.spare ?? this.startOne();
    this.spare = undefined;
    const { server, db } = await next;
    this.server = server;
    this.db = db;
    this.file = file;
    this.spare = this.startOne();
  }

  private async stopCurrent() {
    if (this.server) await this.server.stop();
    if (this.db) removeDatabase(this.db);
    this.server = undefined;
    this.db = "";
  }

  async close() {
    await this.stopCurrent();
    const spare = await this.spare?.catch(() => undefined);
    if (spare) {
      await spare.server.stop();
      removeDatabase(spare.db);
    }
  }
}

export const test = base.extend<object, { appServer: WorkerServers }>({
  appServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; a worker fixture with none still needs it
    async ({}, use, workerInfo) => {
      const servers = new WorkerServers(workerInfo.workerIndex);
      await use(servers);
      await servers.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ appServer }, use, testInfo) => {
    if (appServer.file !== testInfo.file) await appServer.fresh(testInfo.file);
    await use(appServer.server!.url);
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

/** A page in a browser context of its own (cookies of its own), signed in as `email` unless none is given. */
export async function pageAs(browser: Browser, email?: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  if (email) await signIn(page, email);
  return page;
}

/**
 * Holds the page's POSTs to `path` until `release` is called, and counts them. The browser posts a
 * form to the page's address, or with JavaScript to its data address (`path.data`).
 */
async function holdPost(page: Page, path: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const sent = { count: 0 };
  const ours = (url: URL) => url.pathname === path || url.pathname === `${path}.data`;
  await page.route(ours, async (route) => {
    if (route.request().method() === "POST") {
      sent.count += 1;
      await held;
    }
    await route.continue();
  });
  return { release, sent, done: () => page.unroute(ours) };
}

/**
 * Clicks the button named `name` (in `within`, the whole page unless given) while its POST to `path`
 * is held: it must turn into the button named `pending`, disabled, and every button of `alsoWaiting`
 * must be disabled too; a click then, as an impatient user would click, sends nothing. Released, the
 * pending button goes as the page answers, and one POST was sent in all.
 */
export async function pressAndWatch(
  page: Page,
  {
    within = page,
    name,
    pending,
    path,
    alsoWaiting = [],
  }: { within?: Page | Locator; name: string | RegExp; pending: string; path: string; alsoWaiting?: Locator[] }
) {
  const hold = await holdPost(page, path);
  const button = within.getByRole("button", { name, exact: true });
  await button.click();
  const working = within.getByRole("button", { name: pending, exact: true });
  await expect(working).toBeVisible();
  await expect(working).toBeDisabled();
  await expect(button).toHaveCount(0);
  for (const other of alsoWaiting) await expect(other).toBeDisabled();
  // A disabled button ignores clicks: dispatch one anyway.
  await working.dispatchEvent("click");
  await page.waitForTimeout(300);
  expect(hold.sent.count).toBe(1);
  hold.release();
  await expect(working).toHaveCount(0, { timeout: 30_000 });
  expect(hold.sent.count).toBe(1);
  await hold.done();
}

/**
 * Presses a Timeline row's Save and waits for its own answer. A "Timeline updated" status from an earlier
 * save stays on the page, so its words alone cannot say that this save has been answered.
 */
export async function saveTimelineRow(page: Page, row: Locator, name: string | RegExp) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && /\/timeline(\.data)?$/.test(new URL(r.url()).pathname));
  await row.getByRole("button", { name }).click();
  expect((await answered).status()).toBeLessThan(500);
  await expect(row.getByRole("button", { name: "Saving…" })).toHaveCount(0);
}

/** Moves Learning Session 2 of the demo engagement `days` later from its timeline row: a change the partner sees in the next version. */
export async function moveLearningSession2(page: Page, days: number) {
  await page.goto("/engagements/1/timeline");
  const ls2 = page.locator("tr", { has: page.locator('input[value="Learning Session 2"]') });
  const start = await ls2.getByLabel("Start of Learning Session 2").inputValue();
  const moved = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  await ls2.getByLabel("Start of Learning Session 2").fill(moved);
  await ls2.getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
}

/** Freezes the engagement's next proposal version from its proposal page, whatever number comes next; returns that number. */
export async function createVersion(page: Page, engagementId: number | string): Promise<number> {
  await page.goto(`/engagements/${engagementId}/proposal`);
  const create = page.getByRole("button", { name: /^Create version \d+$/ });
  const next = Number((await create.innerText()).replace(/\D/g, ""));
  await create.click();
  // Creating a version draws its pictures in Chromium: seconds, more on a busy machine.
  await expect(page).toHaveURL(new RegExp(`/engagements/${engagementId}/versions/${next}$`), { timeout: 60_000 });
  return next;
}

/** Shares a version with the partner from the engagement's review page, which the page is on. */
export async function shareVersion(page: Page, number: number) {
  await page.getByRole("button", { name: `Share version ${number} with the partner`, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version ${number} shared` })).toBeVisible();
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

/** Every route module, by what it exports, with an address on the demo data (routeAddress). A new route is covered without editing this file. */
export function routes(kind: "loader" | "action"): { file: string; url: string }[] {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && new RegExp(`export (?:async function|const) ${kind}\\b`).test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => {
      const name = f.replace(/\.tsx?$/, "");
      return { file: f, url: name === "$" ? "/no-such-page" : routeAddress(name).path };
    });
}

/**
 * A leave recorded on the first person's roster page, as an administrator records one, so that the
 * leave's own page (/admin/staff/1/leave/1 in a fresh copy of the demo) can be opened: the demo records
 * none. Far ahead of the demo's bookings, so nothing it shows changes.
 */
export async function recordALeave(page: Page): Promise<string> {
  await page.goto("/admin/staff/1");
  const card = page.getByRole("region", { name: "Record leave" });
  await card.getByLabel("First month").fill("2035-01");
  await card.getByLabel("Last month").fill("2035-02");
  await card.getByLabel("Reason").fill("Sabbatical");
  await card.getByRole("button", { name: "Record leave" }).click();
  await expect(page.getByRole("link", { name: /January – February 2035|Jan(uary)? 2035/ }).first()).toBeVisible();
  return "/admin/staff/1/leave/1";
}
