import { expect, test, signIn, watchConsole } from "./support";

/*
 * Nothing typed is lost: what is typed in a long form comes back after a reload, with a note that it is
 * not saved and a way to discard it; once saved, it is not brought back, and a form that adds something
 * is empty again.
 */

test.describe.configure({ mode: "serial" });

const RESTORED = "Restored what you had typed — not yet saved.";

/**
 * Reloads the page and waits for its scripts to have run: what is kept comes back only then, so a page
 * that shows nothing restored before then proves nothing.
 */
async function reload(page: import("@playwright/test").Page) {
  await page.reload();
  await page.waitForLoadState("networkidle");
}

/**
 * Waits until the page has taken in a refused save: what was typed is then kept as not yet saved. The
 * error shows a moment before that is written, and a person reloads after reading it, not in that moment.
 */
async function refusalSettled(page: import("@playwright/test").Page) {
  await page.waitForFunction(() =>
    Object.keys(sessionStorage).some(
      (k) => k.startsWith("planner:typed:") && (JSON.parse(sessionStorage.getItem(k) ?? "{}") as { sent?: boolean }).sent === false
    )
  );
}

async function openEngagement(page: import("@playwright/test").Page, title: string) {
  await page.goto("/engagements");
  await page.getByRole("link", { name: title, exact: true }).first().click();
  await expect(page).toHaveURL(/\/engagements\/\d+/);
  return page.url().match(/\/engagements\/(\d+)/)![1]!;
}

test("the intake keeps what was typed through a reload until it is saved, or discarded", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  const id = await openEngagement(page, "Riverside medication safety");
  await page.goto(`/engagements/${id}/intake`);
  await expect(page.getByRole("heading", { name: "Partner context" })).toBeVisible();
  const work = page.getByLabel("Existing improvement work");
  const saved = await work.inputValue();

  await page.getByLabel("A region").check();
  await work.fill("Two wards ran a medicines reconciliation project in 2025.");
  await reload(page);
  const note = page.getByRole("status").filter({ hasText: RESTORED });
  await expect(note).toBeVisible();
  await expect(page.getByLabel("A region")).toBeChecked();
  await expect(work).toHaveValue("Two wards ran a medicines reconciliation project in 2025.");
  // The note names the fields brought back, and each is marked on the form; the others are not.
  await expect(note).toContainText(/Marked below: .*A region.*; Existing improvement work\./);
  await expect(work).toHaveAttribute("data-restored", "");
  await expect(page.getByLabel("A region")).toHaveAttribute("data-restored", "");
  await expect(page.locator("[data-restored]")).toHaveCount(2);

  // Discarded, the form shows what is saved, and a reload brings nothing back: not even what was saved
  // when it was discarded, over what another tab saved since.
  await page.getByRole("button", { name: "Discard it" }).click();
  await expect(work).toHaveValue(saved);
  await expect(page.getByText(RESTORED)).toHaveCount(0);
  await expect(page.locator("[data-restored]")).toHaveCount(0);
  const other = await page.context().newPage();
  await other.goto(`/engagements/${id}/intake`);
  await other.getByLabel("Existing improvement work").fill("A falls audit, saved in another tab.");
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByRole("status").filter({ hasText: /saved/ }).first()).toBeVisible();
  await other.close();
  await reload(page);
  await expect(work).toHaveValue("A falls audit, saved in another tab.");
  await expect(page.getByText(RESTORED)).toHaveCount(0);

  // Typed again and saved: the saved answer shows, and nothing is "restored" over it.
  await work.fill("Two wards ran a medicines reconciliation project in 2025.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/ }).first()).toBeVisible();
  await reload(page);
  await expect(work).toHaveValue("Two wards ran a medicines reconciliation project in 2025.");
  await expect(page.getByText(RESTORED)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a refused intake section keeps what was typed, in the page and through a reload", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  const id = await openEngagement(page, "Riverside medication safety");
  await page.goto(`/engagements/${id}/intake`);
  const sites = page.getByLabel("Number of sites");
  await sites.fill("a few");
  await page.getByLabel("Existing improvement work").fill("A pharmacy-led audit.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator("#sites-error")).toBeVisible();
  await refusalSettled(page);
  await reload(page);
  await expect(page.getByRole("status").filter({ hasText: RESTORED })).toBeVisible();
  await expect(sites).toHaveValue("a few");
  await expect(page.getByLabel("Existing improvement work")).toHaveValue("A pharmacy-led audit.");
  await page.getByRole("button", { name: "Discard it" }).click();
});

test("an option, once added, leaves the form empty; a refused one keeps everything", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  const id = await openEngagement(page, "Northshire patient safety partnership");
  await page.goto(`/engagements/${id}/proposal`);
  const panel = page.getByTestId("options-panel");
  await panel.getByText("Add an option", { exact: true }).click();
  const name = panel.getByLabel("Name").last();
  const scope = panel.getByLabel("Scope").last();

  await name.fill("Full programme");
  await panel.getByRole("button", { name: "Add the option" }).click();
  await expect(page.locator("#f-option-new-scope-error")).toHaveText("The scope is required.");
  await expect(name).toHaveValue("Full programme");

  // Typed, reloaded: brought back, in the open form.
  await scope.fill("Every site, all three waves, with the full faculty.");
  await reload(page);
  await expect(panel.getByRole("status").filter({ hasText: RESTORED })).toBeVisible();
  await expect(name).toHaveValue("Full programme");
  await expect(scope).toHaveValue("Every site, all three waves, with the full faculty.");

  await panel.getByRole("button", { name: "Add the option" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Full programme, added." })).toBeVisible();
  await expect(panel.locator('[data-option="Full programme"]')).toHaveCount(1);
  // The form closes behind the option added.
  await expect(panel.locator("details").filter({ has: page.getByText("Add an option", { exact: true }) })).not.toHaveAttribute("open", /.*/);
  await expect(name).toHaveValue("");
  await expect(scope).toHaveValue("");
  await expect(panel.getByText("0 of up to 1,000 characters").first()).toBeAttached();
  await reload(page);
  await expect(page.getByText(RESTORED)).toHaveCount(0);
});
