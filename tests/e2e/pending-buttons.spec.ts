import { type Browser, type Page } from "@playwright/test";
import { expect, test, signIn, watchConsole } from "./support";

/**
 * Sharing, submitting and accepting make the version's documents, which takes seconds. The spec holds
 * each of those posts in the browser until it has looked at the button: it must say what is
 * happening and be disabled, so that a second click sends nothing; released, the page answers as usual.
 */

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/**
 * Holds the page's POSTs to `path` until the returned `release` is called, and counts them. The
 * browser posts a form to the page's address, or to its data address (`path.data`) with JavaScript.
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

/** Clicks the button, checks it turns into its pending label, disabled, and that clicking again sends nothing. */
async function pressAndWatch(page: Page, name: string, pendingLabel: string, path: string) {
  const hold = await holdPost(page, path);
  await page.getByRole("button", { name, exact: true }).click();
  const pending = page.getByRole("button", { name: pendingLabel, exact: true });
  await expect(pending).toBeVisible();
  await expect(pending).toBeDisabled();
  await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  // A disabled button ignores clicks: dispatch one anyway, as an impatient user would click.
  await pending.dispatchEvent("click");
  await page.waitForTimeout(300);
  expect(hold.sent.count).toBe(1);
  hold.release();
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
  expect(hold.sent.count).toBe(1);
  await hold.done();
}

test("share, accept and submit say what is happening and cannot be sent twice", async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await as(browser, "manager@demo.test");
  const partner = await as(browser, "partner@demo.test");
  const errors = [...watchConsole(manager), ...watchConsole(partner)];

  // A new version to share: something the partner would see changes first.
  await manager.goto("/engagements/1/timeline");
  const ls2 = manager.locator("tr", { has: manager.locator('input[value="Learning Session 2"]') });
  const start = await ls2.getByLabel("Start of Learning Session 2").inputValue();
  const moved = new Date(Date.parse(`${start}T00:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10);
  await ls2.getByLabel("Start of Learning Session 2").fill(moved);
  await ls2.getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await manager.goto("/engagements/1/proposal");
  const create = manager.getByRole("button", { name: /^Create version \d+$/ });
  const next = Number((await create.innerText()).replace(/\D/g, ""));
  await create.click();
  await expect(manager).toHaveURL(new RegExp(`versions/${next}$`), { timeout: 60_000 });

  await manager.goto("/engagements/1/review");
  await pressAndWatch(manager, `Share version ${next} with the partner`, `Sharing version ${next}…`, "/engagements/1/review");
  await expect(manager.getByRole("status").filter({ hasText: `Version ${next} shared` })).toBeVisible();

  await partner.goto("/partner/engagements/1");
  await partner.getByLabel("Your name").fill("Helen Marsh");
  await partner.getByLabel("Your title").fill("Chief Executive");
  await partner.getByLabel(`I accept version ${next} of this proposal on behalf of my organisation.`).check();
  await pressAndWatch(partner, "Accept the proposal", "Accepting…", "/partner/engagements/1");
  await expect(partner.getByRole("status").filter({ hasText: "you accepted the proposal" })).toBeVisible();

  await manager.goto("/engagements/1/review");
  await pressAndWatch(manager, `Submit version ${next} for approval`, `Submitting version ${next}…`, "/engagements/1/review");
  await expect(manager.getByRole("status").filter({ hasText: `Version ${next} submitted to leadership for approval` })).toBeVisible();

  expect(errors).toEqual([]);
});
