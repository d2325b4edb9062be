import { type Page } from "@playwright/test";
import { expect, test, signIn, watchConsole } from "./support";

async function costTotal(page: Page): Promise<number> {
  await page.goto("/engagements/1/fit");
  const text = await page
    .getByRole("row", { name: /^Total/ })
    .locator("strong")
    .innerText();
  return Number(text.replace(/[^\d.]/g, ""));
}

test("a manager adds a capability-building stream and a board briefing; the Fit page's demand and the live proposal follow", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  const before = await costTotal(page);

  await page.goto("/engagements/1/timeline");
  const addItem = page.locator("form", { has: page.getByRole("button", { name: "Add item" }) });

  await page.getByLabel("New stream").fill("Capability building");
  await page.getByRole("button", { name: "Add stream" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stream added." })).toBeVisible();

  // A missing label is refused next to it; what else was typed stays.
  await addItem.getByLabel("Kind", { exact: true }).selectOption({ label: "Phase" });
  await addItem.getByLabel("Stream", { exact: true }).selectOption({ label: "Capability building" });
  await addItem.getByLabel("Comes after").selectOption({ label: "Expert meeting" });
  await addItem.getByLabel("Duration", { exact: true }).fill("3");
  await addItem.getByLabel("Duration in").selectOption({ label: "Months" });
  await addItem.getByLabel("Asks of our staff what this item asks").selectOption({ label: "Planning group (framework, change package and measures)" });
  await page.getByRole("button", { name: "Add item" }).click();
  const label = addItem.getByLabel("Label", { exact: true });
  await expect(label).toHaveAttribute("aria-invalid", "true");
  await expect(label).toHaveAccessibleDescription(/required/);
  await expect(addItem.getByLabel("Duration", { exact: true })).toHaveValue("3");
  await expect(addItem.getByLabel("Duration in")).toHaveValue("months");
  await expect(addItem.getByLabel("Stream", { exact: true })).toHaveValue("capability_building");

  await label.fill("Improvement coach training");
  await page.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Item added" })).toBeVisible();
  await expect(page.locator("tr[data-item=improvement_coach_training] [data-dependencies]")).toContainText("Expert meeting");

  await addItem.getByLabel("Label", { exact: true }).fill("Board briefing");
  await addItem.getByLabel("Kind", { exact: true }).selectOption({ label: "Event" });
  await addItem.getByLabel("Stream", { exact: true }).selectOption({ label: "Congress and results" });
  await addItem.getByLabel("Comes after").selectOption({ label: "Summative congress" });
  await addItem.getByLabel("Asks of our staff what this item asks").selectOption({ label: "Expert meeting" });
  await page.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Item added" })).toBeVisible();
  const briefing = page.locator("tr[data-item=board_briefing]");
  const day = await briefing.getByLabel("Start of Board briefing").inputValue();
  const congressEnd = await page
    .locator("tr", { has: page.locator('input[value="Summative congress"]') })
    .getByLabel(/^End of/)
    .inputValue();
  expect(day > congressEnd).toBe(true);
  expect([0, 6]).not.toContain(new Date(`${day}T00:00:00Z`).getUTCDay());

  // What the briefing now follows cannot be deleted from under it: refused beside the button, naming it.
  const congress = page.locator("tr", { has: page.locator('input[value="Summative congress"]') });
  await congress.getByRole("link", { name: "Delete Summative congress…" }).click();
  await congress.getByRole("button", { name: "Delete Summative congress" }).click();
  await expect(congress.getByRole("button", { name: "Delete Summative congress" })).toHaveAccessibleDescription(/Board briefing/);

  await page.screenshot({ path: "test-results/timeline-shape.png", fullPage: true });
  // Its staff time is in the plan's demand, and so its cost.
  expect(await costTotal(page)).toBeGreaterThan(before);

  await page.goto("/engagements/1/proposal");
  const draft = page.getByRole("region", { name: "Live draft of the proposal" });
  await expect(draft).toContainText("Board briefing");
  await expect(draft).toContainText("Improvement coach training");
  expect(errors).toEqual([]);
});

test("an item is deleted only once its deletion is confirmed, by name, from the keyboard as well; Cancel keeps it and the keyboard's place", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/timeline");
  const row = page.locator("tr[data-item=final_report]");
  const ask = row.getByRole("link", { name: /^Delete Final report.*…$/ });
  // Pressed from the keyboard, "Delete…" asks first, and its Delete takes the focus.
  await ask.focus();
  await page.keyboard.press("Enter");
  const confirm = row.getByRole("button", { name: /^Delete Final report/ });
  await expect(confirm).toBeFocused();
  await expect(row.getByRole("form", { name: /^Delete Final report.*\?$/ })).toContainText("Delete it?");
  // Cancel keeps the item, and the focus goes back to its "Delete…".
  await row.getByRole("link", { name: /^Keep Final report/ }).press("Enter");
  await expect(ask).toBeFocused();
  await expect(page.locator("tr[data-item=final_report]")).toHaveCount(1);
  // Confirmed, it goes, and the message names it.
  await ask.press("Enter");
  await confirm.press("Enter");
  await expect(
    page.getByRole("status").filter({ hasText: /^“Final report.*” deleted; the critical path, the time check and the demand no longer count it\.$/ })
  ).toBeVisible();
  await expect(page.locator("tr[data-item=final_report]")).toHaveCount(0);
  expect(errors).toEqual([]);
});
