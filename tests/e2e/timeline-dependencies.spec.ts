import { expect, test, signIn, watchConsole } from "./support";

const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("the plan's first items offer no empty list of what they could come after, and say why", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // The demo's plan as seeded: the tests after this one change what comes after what.
  await page.goto("/engagements/1/timeline");
  const first = page.locator("tr[data-item=topic_charter]");
  const charter = page.locator("tr[data-item=charter_agreed]");
  await expect(first.getByRole("link", { name: /^Add what .* comes after$/ })).toHaveCount(0);
  await expect(first.locator("[data-after]")).toContainText("Nothing can come before this item: every other item comes after it.");
  await expect(charter.getByRole("link", { name: "Add what Charter agreed comes after" })).toHaveCount(0);
  await expect(charter.locator("[data-after]")).toContainText("Topic selection and charter");
  await expect(charter.locator("[data-after]")).toContainText("Nothing else can come before this item: the items not listed here all come after it.");
  // Asked for by its address, the list is not offered either.
  await page.goto("/engagements/1/timeline?after=charter_agreed");
  await expect(page.locator('select[name="on"]')).toHaveCount(0);
  await expect(page.locator("tr[data-item=charter_agreed] [data-nothing-before]")).toBeVisible();
  // An item with something to come after still offers it.
  await expect(page.locator("tr[data-item=ls1]").getByRole("link", { name: "Add what Learning Session 1 comes after" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a move before the end of what an item comes after is refused beside its field, until it no longer comes after that item", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/timeline");
  const ls2 = page.locator("tr[data-item=ls2]");
  const start = ls2.getByLabel("Start of Learning Session 2");
  const stored = await start.inputValue();
  const ap1End = await page.getByLabel("End of Action Period 1").inputValue();
  const early = day(ap1End, -7);

  await start.fill(early);
  await ls2.getByRole("button", { name: "Save Learning Session 2" }).click();
  // Next to the date, naming what it must follow.
  await expect(start).toHaveAccessibleDescription(/Action Period 1/);
  await expect(start).toHaveAttribute("aria-invalid", "true");
  await expect(start).toHaveValue(early);
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toHaveCount(0);
  // Nothing was stored: a reload shows the date as it was.
  await page.reload();
  await expect(page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2")).toHaveValue(stored);

  await page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2").fill(early);
  await page.locator("tr[data-item=ls2]").getByRole("button", { name: "Save Learning Session 2" }).click();
  // The refusal is back before the next button is pressed: pressed while the save is still under way, it
  // would cut that save's request short, as a second click does in any browser.
  await expect(page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "No longer comes after Action Period 1", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The item no longer comes after that one" })).toBeVisible();
  await expect(page.locator("tr[data-item=ls2] [data-dependencies]")).not.toContainText("Action Period 1");

  await page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2").fill(early);
  await page.locator("tr[data-item=ls2]").getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await page.reload();
  await expect(page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2")).toHaveValue(early);
  expect(errors).toEqual([]);
});

test("what an item comes after is added from its own row, whose list opens on request and takes the focus", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/timeline");
  const rows = page.locator("tr[data-item]");
  // No row carries the list of every other item until it is asked for.
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(page.locator('select[name="on"]')).toHaveCount(0);

  const report = page.locator("tr[data-item=final_report]");
  await report.getByRole("link", { name: /^Add what Final report.* comes after$/ }).click();
  const list = report.getByLabel(/^Final report.* comes after$/);
  await expect(list).toBeFocused();
  await expect(page.locator('select[name="on"]')).toHaveCount(1);
  await expect(list.locator("option", { hasText: "Learning Session 1" })).toHaveCount(1);
  // Nothing that already comes after an item is offered as what it comes after.
  await report.getByRole("link", { name: /^Cancel adding/ }).click();
  await expect(page.locator('select[name="on"]')).toHaveCount(0);
  await expect(report.getByRole("link", { name: /^Add what Final report.* comes after$/ })).toBeFocused();
  const ls1 = page.locator("tr[data-item=ls1]");
  await ls1.getByRole("link", { name: "Add what Learning Session 1 comes after" }).click();
  const ls1List = ls1.getByLabel("Learning Session 1 comes after", { exact: true });
  await expect(ls1List).toBeFocused();
  // (The test above took Learning Session 2 off Action Period 1; Action Period 1 still follows Learning Session 1.)
  await expect(ls1List.locator("option", { hasText: /^Action Period 1$/ })).toHaveCount(0);
  await expect(ls1List.locator("option", { hasText: /^Learning Session 2$/ })).toHaveCount(1);
  // Escape closes it.
  await ls1List.press("Escape");
  await expect(page.locator('select[name="on"]')).toHaveCount(0);
  await report.getByRole("link", { name: /^Add what Final report.* comes after$/ }).click();
  // Cancel closes it again.
  await report.getByRole("link", { name: /^Cancel adding/ }).click();
  await expect(page.locator('select[name="on"]')).toHaveCount(0);

  await report.getByRole("link", { name: /^Add what Final report.* comes after$/ }).click();
  await list.selectOption({ label: "Learning Session 1" });
  await report.getByRole("button", { name: /^Add to what Final report.* comes after$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "The item now comes after the one chosen" })).toBeVisible();
  await expect(page.locator("tr[data-item=final_report] [data-dependencies]")).toContainText("Learning Session 1");
  await expect(page.locator('select[name="on"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
