import { expect, signIn, test, watchConsole } from "./support";

/*
 * The Review page's buttons act on the latest version as it was frozen. When the live draft has changed
 * since (docs/domain.md §9.9), the page says so before them and offers what the manager would want:
 * freeze the draft as a new version first, coming back here to share or submit it, or send the version
 * as it was frozen.
 */
test("a manager about to submit a version the draft has moved on from is told so, freezes the draft from the Review page and is brought back to share it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // Northshire's version 1 is shared; a timeline item was renamed since it was frozen.
  await page.goto("/engagements/1/review");
  await expect(page.locator("[data-draft-changed]")).toHaveText(
    "The draft has changed since version 1 was frozen on 20 November 2026. Submitting version 1 sends it as it was frozen; to submit what the draft says now, create version 2 first."
  );
  await page.getByText("What the draft says that version 1 does not").click();
  await expect(page.locator("[data-changes]")).toContainText("Workplan and timeline");
  await expect(page.getByRole("button", { name: "Submit version 1 as it was frozen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit version 1 for approval" })).toHaveCount(0);

  await page.getByRole("button", { name: "Create version 2 from the draft" }).click();
  // Creating a version draws its pictures in Chromium: seconds, more on a busy machine.
  await expect(page.getByRole("status").filter({ hasText: "Version 2 created and frozen." })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/engagements\/1\/review$/);
  await expect(page.locator("[data-draft-changed]")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Share version 2 with the partner" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit version 2 for approval" })).toBeVisible();
  expect(errors).toEqual([]);
});
