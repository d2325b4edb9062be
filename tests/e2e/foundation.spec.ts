import { expect, test, signIn, watchConsole } from "./support";

test("a manager signs in, creates an engagement for a new partner and finds it listed", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await expect(page.getByRole("heading", { name: "Engagements" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Northshire patient safety partnership" })).toBeVisible();

  await page.getByRole("link", { name: "New engagement" }).first().click();
  await page.getByLabel("Title").fill("Coastal maternity safety programme");
  await page.getByLabel("A new partner organisation").check();
  await expect(page.getByLabel("Existing organisation")).toBeHidden();
  await page.getByLabel("Organisation name").fill("Coastal Maternity Network");
  await page.getByLabel("Kind").selectOption("health_system");
  await page.getByLabel("Country").selectOption({ label: "New Zealand" });
  await page.getByLabel("Number of sites").fill("twelve");
  await page.getByLabel("Population served").fill("640,000");
  await page.getByRole("button", { name: "Create engagement" }).click();

  // The error sits next to the field and nothing typed is lost.
  await expect(page.locator("#orgSites-error")).toHaveText("Number of sites must be a number.");
  await expect(page.getByLabel("Title")).toHaveValue("Coastal maternity safety programme");
  await expect(page.getByLabel("Country")).toHaveValue("NZ");
  await page.getByLabel("Number of sites").fill("12");
  await page.getByRole("button", { name: "Create engagement" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Coastal maternity safety programme" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "created" })).toBeVisible();
  const steps = page.getByRole("navigation", { name: "Engagement steps" }).getByRole("listitem");
  await expect(steps).toHaveText([/Intake:?\s*Not started/, /Fit/, /Method/, /Driver diagram/, /Timeline/, /Proposal/, /Review/]);
  // Each step's link is named with its status apart: "Intake: Not started".
  await expect(steps.first().getByRole("link")).toHaveAccessibleName("Intake: Not started");
  await page.screenshot({ path: "test-results/manager-engagement.png", fullPage: true });

  await page.getByRole("link", { name: "Engagements", exact: true }).first().click();
  await expect(page.getByRole("row", { name: /Coastal maternity safety programme.*Coastal Maternity Network.*Draft/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a leader starts at the request waiting for their decision, reads engagements but cannot start one", async ({ page }) => {
  await signIn(page, "leader@demo.test");
  // The demo's Kestrel request waits for them: that is where they start.
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("link", { name: /National sepsis campaign/ }).first()).toBeVisible();
  await page.getByRole("link", { name: "Engagements", exact: true }).first().click();
  await expect(page.getByRole("link", { name: "Northshire patient safety partnership" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New engagement" })).toHaveCount(0);
  await page.getByRole("link", { name: "Northshire patient safety partnership" }).click();
  await expect(page.getByRole("heading", { name: "Edit details" })).toHaveCount(0);
  const response = await page.goto("/engagements/new");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this" })).toBeVisible();
});

test("an admin manages users and is kept out of engagements", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Helen Marsh.*Northshire Health System/ })).toBeVisible();
  const response = await page.goto("/engagements/1");
  expect(response?.status()).toBe(403);
});

test("a partner sees only their organisation's shared proposals, and 404 for any internal page", async ({ page }) => {
  await signIn(page, "partner2@demo.test");
  await expect(page.getByRole("link", { name: "Eastmere safer transitions programme" })).toBeVisible();
  await expect(page.getByText("Northshire patient safety partnership")).toHaveCount(0);
  await page.screenshot({ path: "test-results/partner-space.png", fullPage: true });
  // Their own organisation's engagement page is internal: 404, not even a hint that it exists.
  const response = await page.goto("/engagements/4");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const northshire = await page.goto("/partner/engagements/1");
  expect(northshire?.status()).toBe(404);
  const api = await page.request.get("/api/engagements");
  expect((await api.json()).map((e: { title: string }) => e.title)).toEqual(["Eastmere safer transitions programme"]);
});

test("a new engagement stays invisible to the partner's executives until a version is shared", async ({ page, browser }) => {
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/new");
  await page.getByLabel("Title").fill("Northshire falls programme");
  await page.getByLabel("Existing organisation").selectOption({ label: "Northshire Health System (United Kingdom)" });
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Northshire falls programme" })).toBeVisible();
  const id = page.url().split("/").pop();
  const partner = await browser.newPage();
  await signIn(partner, "partner@demo.test");
  await expect(partner.getByText("Northshire falls programme")).toHaveCount(0);
  expect((await partner.goto(`/partner/engagements/${id}`))?.status()).toBe(404);
  expect((await partner.goto(`/engagements/${id}`))?.status()).toBe(404);
});

test("keyboard alone reaches sign-in and the engagement list", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("Email").focus();
  await page.keyboard.type("manager@demo.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("planner-demo-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Engagements" })).toBeVisible();
});
