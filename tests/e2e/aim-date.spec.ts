import { expect, test, signIn, watchConsole } from "./support";

/*
 * The aim's date, changed in the intake, reaches what the partner reads only through the driver
 * diagram's aim (docs/domain.md §6.6), and the timeline made for the old date can be kept as it is
 * (§8.12): both by keyboard, with the words that say what each step does. A plan kept past the new
 * date says so in the stepper (§8.12).
 */
test("a manager moves the aim's date: the diagram's aim takes it in one step, and the timeline is kept for it", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");

  await page.goto("/engagements/1/intake?section=evidence");
  await page.getByLabel("Aim: by when").fill("2028-03");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "The driver diagram's aim still says August 2028, the date the proposal would state: its page offers to put in March 2028" })
  ).toBeVisible();
  await expect(page.locator('li[data-step="driver-diagram"]')).toHaveAttribute("data-status", "stale");

  await page.goto("/engagements/1/driver-diagram");
  // The checks say what the stepper says.
  await expect(page.locator(".dd-findings")).toContainText("Needs review");
  const finding = page.locator('[data-code="aim-date-differs"]');
  await expect(finding).toContainText("The aim says August 2028, but the intake says it is to be met by March 2028");
  const mend = finding.getByRole("button", { name: "Use the intake's date: March 2028" });
  await mend.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Aim saved. It is now to be met by March 2028." })).toBeVisible();
  // It lands on the aim, shown on its own tab, with the new date.
  await expect(page).toHaveURL(/[?&]tab=aim#aim$/);
  await expect(page.locator("#aim")).toContainText("March 2028");
  await expect(page.locator('[data-code="aim-date-differs"]')).toHaveCount(0);
  await expect(page.locator('li[data-step="driver-diagram"]')).toHaveAttribute("data-status", "complete");

  await page.goto("/engagements/1/proposal");
  const aims = page.locator("#section-4");
  await expect(aims.getByRole("heading").first()).toContainText("Aims");
  await expect(aims).toContainText("by March 2028");
  await expect(aims).not.toContainText("August 2028");

  // The timeline was made for the old date; only the partner's time changed, so it may be kept as it is.
  await page.goto("/engagements/1/timeline");
  await expect(page.getByText("The aim's date changed from August 2028 to March 2028.")).toBeVisible();
  await page.getByRole("link", { name: "See what regenerating would change" }).click();
  await expect(page.getByText("Only the partner's time has changed: keeping the timeline clears the review")).toBeVisible();
  const keep = page.getByRole("button", { name: "Keep the current timeline" });
  await keep.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Timeline kept as it is, for the partner's time as it is now" })).toBeVisible();
  await expect(page.getByText("This timeline needs review.")).toHaveCount(0);
  // Kept as it was, the plan ends after the new, earlier date: the stepper says so rather than "Complete".
  const step = page.locator('li[data-step="timeline"]');
  await expect(step).toHaveAttribute("data-status", "stale");
  await expect(step.locator(".step-status")).toHaveText("Runs past the aim's date");
  await expect(page.getByText("The plan cannot keep the partner's time")).toBeVisible();
  expect(errors).toEqual([]);
});
