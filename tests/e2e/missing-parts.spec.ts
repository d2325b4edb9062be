import { createVersion, expect, signIn, test, watchConsole } from "./support";

/*
 * A part a version still needs links to where it is completed (docs/domain.md §9.1): baseline data
 * left out of a priority is completed in Intake › Needs and priorities, and the Review page and the
 * Proposal page both lead there.
 */
test("a version missing a priority's baseline data links the manager to the intake's Needs and priorities", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");

  await page.goto("/engagements/1/intake?section=needs");
  await page.getByLabel("Baseline value").first().fill("");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  await createVersion(page, 1);

  await page.goto("/engagements/1/review");
  const missing = page.locator("[data-missing-parts] li");
  await expect(missing).toHaveCount(1);
  await expect(missing).toContainText("Priorities: Baseline data for every priority — complete it in Intake › Needs and priorities");
  await expect(page.getByText("Complete it on the Proposal page")).toHaveCount(0);

  await page.goto("/engagements/1/proposal");
  await expect(page.locator("[data-missing-parts] li")).toContainText(
    "Priorities: Baseline data for every priority — complete it in Intake › Needs and priorities"
  );

  await page.goto("/engagements/1/review");
  await missing.getByRole("link", { name: "Intake › Needs and priorities" }).click();
  await expect(page).toHaveURL(/\/engagements\/1\/intake\?section=needs$/);
  await expect(page.getByRole("heading", { level: 2, name: "Needs and priorities" })).toBeVisible();
  await expect(page.getByLabel("Baseline value").first()).toHaveValue("");
  expect(errors).toEqual([]);
});
