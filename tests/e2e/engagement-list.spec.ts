import Database from "better-sqlite3";
import { analyse, report } from "./axe";
import { expect, test, signIn, watchConsole } from "./support";

/*
 * The engagement list as a manager with a portfolio larger than a page uses it: the count, the pager
 * keeping the search, the back button, a search that finds nothing and the way back, without scripts
 * too. What the list's queries find and refuse is proven in tests/integration/engagement-list.test.ts.
 */

test("a manager pages through the list, searches it, goes back, and clears a search that finds nothing", async ({ page, appServer, browser, baseURL }) => {
  // Sixty more engagements for Westvale, changed long ago: the demo's own six stay on the first page.
  const sqlite = new Database(appServer.db);
  sqlite.pragma("busy_timeout = 5000");
  const org = sqlite.prepare("select id from organisations where name = 'Westvale Health Partnership'").pluck().get() as number;
  const owner = sqlite.prepare("select id from users where email = 'manager@demo.test'").pluck().get() as number;
  const insert = sqlite.prepare("insert into engagements (title, organisation_id, owner_id, created_at, updated_at) values (?, ?, ?, ?, ?)");
  sqlite.transaction(() => {
    for (let i = 0; i < 60; i++) {
      const at = new Date(Date.UTC(2024, 0, 1) - i * 60_000).toISOString();
      insert.run(`Harbour falls programme ${String(i).padStart(2, "0")}`, org, owner, at, at);
    }
  })();
  sqlite.close();

  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements");
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 1–50 of 66 engagements.");
  const pager = page.getByRole("navigation", { name: "Pages of engagements" });
  await expect(pager).toContainText("Page 1 of 2");
  await expect(pager.locator('[aria-current="page"]')).toHaveText("1");
  await expect(page.getByRole("row")).toHaveCount(51);
  expect(report("/engagements (a page of two)", await analyse(page))).toBe("");

  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/engagements\?page=2$/);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 51–66 of 66 engagements.");
  await expect(page.getByRole("link", { name: "Harbour falls programme 59" })).toBeVisible();

  // A search by the partner's name and a stage, from the second page: back to the first, then on to the second with the search kept.
  const search = page.getByRole("search", { name: "Find engagements" });
  await search.getByLabel("Search").fill("westvale");
  await search.getByLabel("Stage").selectOption({ label: "Draft" });
  await search.getByRole("button", { name: "Show engagements" }).click();
  // The form sends every field; the pager writes only what differs from the plain list.
  await expect(page).toHaveURL(/\/engagements\?q=westvale&stage=draft&owner=anyone&sort=changed$/);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 1–50 of 60 engagements that match.");
  await pager.getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(/\/engagements\?q=westvale&stage=draft&page=2$/);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 51–60 of 60 engagements that match.");
  // Westvale's approved engagement is not a draft: not on any page of this search.
  await expect(page.getByRole("link", { name: "Westvale pressure ulcer collaborative" })).toHaveCount(0);

  // The back button returns to the first page of the search, its form as that address set it, and its
  // rows (waited for before going back again: a second Back while the first's rows are still on their
  // way cancels their request, and Remix logs the cancelled read to the console).
  await page.goBack();
  await expect(page).toHaveURL(/\/engagements\?q=westvale&stage=draft&owner=anyone&sort=changed$/);
  await expect(search.getByLabel("Search")).toHaveValue("westvale");
  await expect(search.getByLabel("Stage")).toHaveValue("draft");
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 1–50 of 60 engagements that match.");
  await page.goBack();
  await expect(page).toHaveURL(/\/engagements\?page=2$/);
  await expect(search.getByLabel("Search")).toHaveValue("");
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 51–66 of 66 engagements.");

  // A search that finds nothing says so, in other words than an empty portfolio, with a way back.
  await search.getByLabel("Search").fill("100%_<b>none</b>");
  await search.getByRole("button", { name: "Show engagements" }).click();
  await expect(page.getByRole("heading", { name: "No engagements match “100%_<b>none</b>”" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText("No engagements match.");
  // Said once on screen (the count is for screen readers then), with one way back and a hint for the search only.
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveClass(/visually-hidden/);
  await expect(page.getByRole("main").getByRole("link", { name: "Clear filters" })).toHaveCount(1);
  await expect(page.getByText("Try fewer or other words (a search looks in engagement titles and partner names).")).toBeVisible();
  expect(report("/engagements (no match)", await analyse(page))).toBe("");
  await page.getByRole("main").getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/engagements$/);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 1–50 of 66 engagements.");

  // A long unbroken search (a pasted address) wraps instead of widening the page on a phone.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/engagements?q=${"a".repeat(150)}`);
  await expect(page.getByRole("heading", { name: /^No engagements match/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(errors).toEqual([]);

  // Without scripts: the form and the pager are plain GET requests.
  const cookies = await page.context().cookies();
  const plain = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await plain.addCookies(cookies);
  const bare = await plain.newPage();
  await bare.goto("/engagements?page=abc&stage=archived");
  await expect(bare.getByText("There is no stage called “archived”: engagements at every stage are shown.")).toBeVisible();
  await bare.getByLabel("Search").fill("harbour");
  await bare.getByRole("button", { name: "Show engagements" }).click();
  await expect(bare).toHaveURL(/\/engagements\?q=harbour&stage=&owner=anyone&sort=changed$/);
  await bare.getByRole("navigation", { name: "Pages of engagements" }).getByRole("link", { name: "Next" }).click();
  await expect(bare).toHaveURL(/\/engagements\?q=harbour&page=2$/);
  await expect(bare.getByRole("status").filter({ hasText: "Showing" })).toHaveText("Showing 51–60 of 60 engagements that match.");
  // A row's link is a plain address too.
  await bare.getByRole("link", { name: "Harbour falls programme 59" }).click();
  await expect(bare).toHaveURL(/\/engagements\/\d+$/);
  await expect(bare.getByRole("heading", { name: "Harbour falls programme 59", level: 1 })).toBeVisible();
  await plain.close();
});

test("a row of the list opens its engagement within the app, by mouse or keyboard; a click with Ctrl opens it apart", async ({ page, context }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements");
  // A mark the page keeps only while the browser does not load a new document.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Northshire patient safety partnership" }).click();
  await expect(page).toHaveURL(/\/engagements\/1$/);
  await expect(page.getByRole("heading", { name: "Northshire patient safety partnership", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  await page.goBack();
  await expect(page).toHaveURL(/\/engagements$/);
  const row = page.getByRole("link", { name: "Ashford Valley sepsis on the wards" });
  await row.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Ashford Valley sepsis on the wards", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  await page.goBack();
  const opened = context.waitForEvent("page");
  await page.getByRole("link", { name: "Eastmere safer transitions programme" }).click({ modifiers: ["Control"] });
  const other = await opened;
  await expect(other).toHaveURL(/\/engagements\/\d+$/);
  await expect(page).toHaveURL(/\/engagements$/);
  expect(errors).toEqual([]);
});
