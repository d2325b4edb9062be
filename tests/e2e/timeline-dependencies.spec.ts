import { expect, test, signIn, watchConsole } from "./support";

const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("a move before the end of what an item comes after is refused beside its field, until that dependency is removed", async ({ page }) => {
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
  await page.getByRole("button", { name: "Remove the dependency on Action Period 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dependency removed" })).toBeVisible();
  await expect(page.locator("tr[data-item=ls2] [data-dependencies]")).not.toContainText("Action Period 1");

  await page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2").fill(early);
  await page.locator("tr[data-item=ls2]").getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await page.reload();
  await expect(page.locator("tr[data-item=ls2]").getByLabel("Start of Learning Session 2")).toHaveValue(early);
  expect(errors).toEqual([]);
});
