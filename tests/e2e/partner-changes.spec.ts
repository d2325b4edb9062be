import { createVersion, expect, pageAs, shareVersion, test, watchConsole } from "./support";

// Eastmere's programme (engagement 4) is partner2@'s: version 1 shared, changes requested.
test("what changed since the version the partner last saw stays until they dismiss it", async ({ browser }) => {
  test.setTimeout(120_000);
  const partner = await pageAs(browser, "partner2@demo.test");
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = [...watchConsole(partner), ...watchConsole(manager)];

  // The partner's first look at version 1 is where "what changed" counts from.
  await partner.goto("/partner/engagements/4");
  await expect(partner.getByRole("heading", { level: 1, name: "Eastmere safer transitions programme" })).toBeVisible();
  await partner.waitForLoadState("networkidle");

  // The title field says that a new title reaches the partner only with a shared version.
  await manager.goto("/engagements/4");
  await expect(manager.getByRole("textbox", { name: "Title", exact: true })).toHaveAccessibleDescription(/only once a version with it is shared/);

  // The manager renames an item of the timeline, freezes version 2 and shares it.
  await manager.goto("/engagements/4/timeline");
  const label = manager.locator("input[name=label]").first();
  const before = await label.inputValue();
  await label.fill(`${before} (agreed with the winter team)`);
  await manager
    .locator("tbody tr")
    .first()
    .getByRole("button", { name: /^Save / })
    .click();
  await expect(manager.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  expect(await createVersion(manager, 4)).toBe(2);
  await manager.goto("/engagements/4/review");
  await shareVersion(manager, 2);

  // The summary is there, and still there a while later and after a reload.
  await partner.goto("/partner/engagements/4");
  const heading = partner.getByRole("heading", { name: "What changed since version 1, the one you last saw" });
  await expect(heading).toBeVisible();
  await expect(partner.locator("[data-changes]")).toContainText("(agreed with the winter team)");
  await partner.waitForTimeout(3_000);
  await expect(heading).toBeVisible();
  await partner.reload();
  await expect(heading).toBeVisible();

  // Dismissed, it goes, and does not come back.
  await partner.getByRole("button", { name: "Dismiss: I have read what changed" }).click();
  await expect(heading).toHaveCount(0);
  await partner.reload();
  await expect(partner.getByRole("heading", { level: 1, name: "Eastmere safer transitions programme" })).toBeVisible();
  await expect(heading).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Northshire's partnership (engagement 1) is partner@'s: version 1 shared with them on 20 November 2026, never opened here.
test("a partner who never opened the earlier version reads what changed since the one shared with them, never as the one they last saw", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const partner = await pageAs(browser, "partner@demo.test");
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = [...watchConsole(partner), ...watchConsole(manager)];

  expect(await createVersion(manager, 1)).toBe(2);
  await manager.goto("/engagements/1/review");
  await shareVersion(manager, 2);

  // Their first look at version 2, and a reload after it, count from version 1 by the day it was shared.
  await partner.goto("/partner/engagements/1");
  const heading = partner.getByRole("heading", { name: "What changed since version 1, shared with you on 20 November 2026" });
  await expect(heading).toBeVisible();
  // A while later, once the page has done what it does on a first look, and after a reload.
  await partner.waitForTimeout(3_000);
  await expect(heading).toBeVisible();
  await partner.reload();
  await expect(heading).toBeVisible();
  await expect(partner.getByRole("heading", { name: /the one you last saw/ })).toHaveCount(0);

  await partner.getByRole("button", { name: "Dismiss: I have read what changed" }).click();
  await expect(heading).toHaveCount(0);
  expect(errors).toEqual([]);
});
