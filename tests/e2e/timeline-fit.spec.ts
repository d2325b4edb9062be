import { type Page } from "@playwright/test";
import { expect, test, signIn, watchConsole } from "./support";

/** "2027-06" as the heatmap heads its column: "Jun 2027". */
const heading = (month: string) =>
  `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

async function facultyCell(page: Page, month: string) {
  await page.goto("/engagements/1/fit");
  const row = page.getByRole("row", { name: /^Faculty/ });
  const header = page.locator("table.heatmap thead th");
  const months = await header.allInnerTexts();
  const index = months.findIndex((m) => m.trim() === heading(month));
  if (index < 0) return "";
  return (
    await row
      .locator("td")
      .nth(index - 1)
      .innerText()
  ).trim();
}

test("a manager moves a learning session, sees the fit change, then regenerates the timeline after the start changes", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");

  await page.goto("/engagements/1/timeline");
  await expect(page.locator('figure[data-diagram-status="drawn"] svg')).toBeVisible({ timeout: 20_000 });
  const ls2 = page.locator("tr", { has: page.locator('input[value="Learning Session 2"]') });
  const oldStart = await ls2.getByLabel("Start of Learning Session 2").inputValue();
  const oldMonth = oldStart.slice(0, 7);
  const facultyOldBefore = await facultyCell(page, oldMonth);
  expect(facultyOldBefore).toMatch(/OK|Tight|Over/);

  // Seven weeks later: always another month, and never before what Learning Session 2 depends on.
  const newStart = new Date(Date.parse(`${oldStart}T00:00:00Z`) + 49 * 86_400_000).toISOString().slice(0, 10);
  const newMonth = newStart.slice(0, 7);
  const facultyNewBefore = await facultyCell(page, newMonth);
  await page.goto("/engagements/1/timeline");
  await ls2.getByLabel("Start of Learning Session 2").fill(newStart);
  await ls2.getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await expect(ls2.getByLabel("Start of Learning Session 2")).toHaveValue(newStart);
  // Action Period 2 follows Learning Session 2.
  const ap2Start = await page.getByLabel("Start of Action Period 2").inputValue();
  expect(ap2Start > newStart).toBe(true);

  // The learning session's faculty days left its old month and arrived in the new one.
  expect(await facultyCell(page, oldMonth)).not.toBe(facultyOldBefore);
  expect(await facultyCell(page, newMonth)).not.toBe(facultyNewBefore);
  await page.screenshot({ path: "test-results/fit.png", fullPage: true });

  // A new desired start makes the timeline stale; regenerating shows what changes first.
  await page.goto("/engagements/1/intake?section=scale");
  await page.getByLabel("Desired start").fill("2027-09");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Scale and horizon saved." })).toBeVisible();
  // The Fit page says so first, above what it judges on that timeline, and leads to it.
  await page.goto("/engagements/1/fit");
  await expect(page.getByText("The timeline needs review.")).toBeVisible();
  await page.getByRole("link", { name: "Open the timeline" }).click();
  await expect(page).toHaveURL(/\/engagements\/1\/timeline$/);
  await expect(page.getByText("This timeline needs review.")).toBeVisible();
  await expect(page.locator('li[data-step="timeline"]')).toHaveAttribute("data-status", "stale");
  await page.getByRole("link", { name: "See what regenerating would change" }).click();
  // The manager's move of Learning Session 2 is listed as their own edit, apart from what the new start moves.
  await expect(page.locator("[data-preview-edits]")).toContainText("Learning Session 2");
  await expect(page.locator("[data-preview]")).toContainText("moves 6 months later");
  await page.getByRole("button", { name: "Regenerate timeline" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline regenerated" })).toBeVisible();
  await expect(page.getByText("This timeline needs review.")).toHaveCount(0);
  await expect(page.getByLabel("Start of Topic selection and charter")).toHaveValue("2027-09-01");
  await expect(page.locator('li[data-step="timeline"]')).toHaveAttribute("data-status", "complete");
  // Regenerated just now, it would not change again: the preview says so and offers only the way back.
  await page.getByRole("link", { name: "Regenerate from the template…" }).click();
  await expect(page.getByRole("region", { name: "If the timeline is regenerated" })).toContainText("Nothing would change.");
  await expect(page.getByRole("button", { name: "Regenerate timeline" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the timeline" }).click();
  await expect(page).toHaveURL(/\/engagements\/1\/timeline$/);
  expect(errors).toEqual([]);
});

test("an admin adds a person to the roster; partners never reach it", async ({ page, browser }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Staff roster" }).click();
  await expect(page.getByRole("row", { name: /Grace Mbeki.*Faculty/ })).toBeVisible();
  // Availability in months as the rest of the app writes them.
  await expect(page.getByRole("row", { name: /Dr Elena Petrova/ })).toContainText("Until December 2027");
  await expect(page.getByRole("row", { name: /Dr Marcus Bell/ })).toContainText("From January 2027");
  await page.getByLabel("Name").fill("Dr Ana Ruiz");
  await page.getByLabel("Role").selectOption("faculty");
  await page.getByLabel("FTE for engagements").fill("1.5");
  await page.getByLabel(/Day rate/).fill("1700");
  await page.getByRole("button", { name: "Add to roster" }).click();
  await expect(page.locator("#fte-error")).toHaveText("FTE must be at most 1.0.");
  await expect(page.getByLabel("Name")).toHaveValue("Dr Ana Ruiz");
  await page.getByLabel("FTE for engagements").fill("0.5");
  await page.getByRole("button", { name: "Add to roster" }).click();
  await expect(page.getByRole("row", { name: /Dr Ana Ruiz.*Faculty.*0\.5/ })).toBeVisible();
  // Added: the card is empty again, so a second click cannot add her twice.
  await expect(page.getByLabel("Name")).toHaveValue("");
  await expect(page.getByLabel("FTE for engagements")).toHaveValue("");

  const partner = await browser.newPage();
  await signIn(partner, "partner@demo.test");
  expect((await partner.goto("/admin/staff"))?.status()).toBe(403);
  expect((await partner.goto("/engagements/1/fit"))?.status()).toBe(404);
  await expect(partner.getByText("1,700")).toHaveCount(0);
});
