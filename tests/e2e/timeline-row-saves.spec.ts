import { expect, pressAndWatch, test, signIn, watchConsole } from "./support";

/**
 * A row's Save and the "comes after" list's Add post the whole timeline page: each says what is
 * happening while it is answered and cannot be sent twice, like the workflow's buttons. A row saved
 * as it was says that nothing changed. On a laptop's 1280-pixel screen the table fits its card or
 * scrolls inside it, and every row's Save and Delete show whole, none cut off at the card's edge.
 */

const TIMELINE = "/engagements/1/timeline";

test("Save and Add say what is happening and cannot be sent twice; a row saved as it was says nothing changed", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const ls2 = page.locator("tr[data-item=ls2]");
  // Every other button of the page waits too.
  const alsoWaiting = [page.locator("tr[data-item=ls1]").getByRole("button", { name: "Save Learning Session 1" })];

  await pressAndWatch(page, { within: ls2, name: "Save Learning Session 2", pending: "Saving…", path: TIMELINE, alsoWaiting });
  await expect(page.getByRole("status").filter({ hasText: "Nothing changed: the row was saved as it already was." })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toHaveCount(0);

  const report = page.locator("tr[data-item=final_report]");
  await report.getByRole("link", { name: /^Add what Final report.* comes after$/ }).click();
  await report.getByLabel(/^Final report.* comes after$/).selectOption({ label: "Learning Session 1" });
  await pressAndWatch(page, { within: report, name: /^Add to what Final report.* comes after$/, pending: "Adding…", path: TIMELINE, alsoWaiting });
  await expect(page.getByRole("status").filter({ hasText: "The item now comes after the one chosen" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("on a 1280-pixel screen every row's Delete shows whole within the items card, whatever widens the table", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "manager@demo.test");
  const card = page.locator("section.card", { has: page.locator("#items-heading") });
  const wrap = card.locator(".table-wrap");

  async function everyDeleteReachable(state: string) {
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/timeline-items-1280-${state}.png`, fullPage: true });
    const cardBox = (await card.boundingBox())!;
    const wrapBox = (await wrap.boundingBox())!;
    // The table's box stays inside its card.
    expect(wrapBox.x + wrapBox.width, state).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
    const deletes = card.getByRole("button", { name: /^Delete / });
    expect(await deletes.count()).toBeGreaterThan(5);
    for (const button of await deletes.all()) {
      // Whole and inside the table's box as the page opens, without scrolling the table sideways.
      const box = (await button.boundingBox())!;
      expect(box.x, state).toBeGreaterThanOrEqual(wrapBox.x - 0.5);
      expect(box.x + box.width, state).toBeLessThanOrEqual(wrapBox.x + wrapBox.width + 0.5);
    }
    // Scrolled sideways to its far end, the table still shows every Delete whole.
    await wrap.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    for (const button of await deletes.all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, state).toBeLessThanOrEqual(wrapBox.x + wrapBox.width + 0.5);
    }
    await wrap.evaluate((el) => (el.scrollLeft = 0));
  }

  await page.goto("/engagements/1/timeline");
  await everyDeleteReachable("plain");
  // A row's list of what it could come after open: the widest the After column gets.
  await page.goto("/engagements/1/timeline?after=final_report");
  await expect(page.locator('select[name="on"]')).toHaveCount(1);
  await everyDeleteReachable("list-open");
});
