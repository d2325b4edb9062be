import { createVersion, expect, pageAs, test, watchConsole } from "./support";

/*
 * Only the latest version is shared or submitted, and only one request is out at a time
 * (docs/domain.md §9.9): a version made while an earlier one awaits leadership says what stands in its way.
 */

test("a new version made while an earlier one awaits approval: the review page says to withdraw the request, and sharing opens once it is", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = watchConsole(manager);
  await manager.goto("/engagements/1/review");
  // The demo's draft has moved on since version 1 (a timeline item renamed): it is submitted as it was frozen.
  await manager.getByRole("button", { name: "Submit version 1 as it was frozen" }).click();
  await expect(manager.getByRole("button", { name: "Withdraw the approval request" })).toBeVisible();
  const next = await createVersion(manager, 1);

  await manager.goto("/engagements/1/review");
  await expect(manager.locator("[data-behind-request]")).toHaveText(
    `Version 1 is with leadership for approval. To share version ${next} with the partner or submit it for approval instead, withdraw that request first.`
  );
  await expect(manager.getByRole("button", { name: `Share version ${next} with the partner` })).toHaveCount(0);
  await manager.getByRole("button", { name: "Withdraw the approval request" }).click();
  await expect(manager.getByRole("button", { name: `Share version ${next} with the partner` })).toBeVisible();
  await expect(manager.locator("[data-behind-request]")).toHaveCount(0);
  expect(errors).toEqual([]);
});
