import { expect, test, signIn, watchConsole } from "./support";

/*
 * Pages that read as what was decided: a site joining an open collaborative reads as its part in that
 * collaborative, with the decision shown and changed only on purpose; a decided approval request says
 * what was decided, its months in words; and the Fit page's heatmap starts a part of its own.
 */

test("a site joining an open collaborative: its timeline is its part in that collaborative, and the Method page shows the decision without inviting its undoing", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/6/timeline");
  await expect(page.locator("#timeline-heading")).toHaveText(/^Ashford Valley Hospital's part in the Sepsis Early Recognition Collaborative\s/);
  await expect(page.locator("main")).not.toContainText("Breakthrough Series collaborative timeline");

  await page.goto("/engagements/6/method");
  const decide = page.locator("[data-decide]");
  await expect(decide.getByRole("heading", { level: 2 })).toHaveText("Change the decision");
  await expect(decide.locator("[data-decided-now]")).toHaveText(
    "Decided: joining the Sepsis Early Recognition Collaborative. It stands until you record another choice here or in the offer above."
  );
  // No one-click "Accept recommendation": a method of its own, which a request this small is not recommended, is chosen behind a disclosure, with a justification.
  await expect(page.getByRole("button", { name: "Accept recommendation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Replace with/ })).toHaveCount(0);
  const record = page.getByRole("button", { name: "Record this method" });
  await expect(record).toBeHidden();
  await decide.getByText("Change the method").click();
  await expect(record).toBeVisible();
  await expect(decide).toContainText(
    "Required for a method of its own, which a request this small is not recommended: why it suits the partner better than the offers."
  );
  await expect(page.locator("#recommendation-heading")).toHaveText("Recommendation: Joining an open collaborative, or a short tailored engagement");
  // The recommendation is the small request's offer, taken: our capacity is judged on the site's own part in the
  // collaborative, as the Fit page judges it, which fits; a collaborative of its own, not recommended, asks for no note.
  await expect(page.locator("[data-feasibility-note]")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a decided approval request says what was decided, not what approval needs, and writes its months as words", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "leader@demo.test");
  await page.goto("/approvals/1");
  await expect(page.getByRole("heading", { name: "What approval needs" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "What was decided" })).toBeVisible();
  await expect(page.locator("[data-outcome-text]")).toHaveText(
    "Approved with conditions on 22 August 2026. The engagement's bookings are confirmed, and its documents carry the approval."
  );
  await expect(page.locator("[data-outcome] [data-decisions]")).toContainText(
    "Conditions: Faculty for Learning Session 3 confirmed before the collaborative starts."
  );
  const months = page.locator('section[aria-labelledby="fte-heading"] thead th');
  await expect(months.nth(1)).toHaveText("Sep 2026");
  expect((await months.allTextContents()).filter((m) => /^\d{4}-\d{2}$/.test(m))).toEqual([]);

  // The open request still says what approval needs.
  await page.goto("/approvals/2");
  await expect(page.getByRole("heading", { name: "What approval needs" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What was decided" })).toHaveCount(0);
  await expect(page.locator('section[aria-labelledby="fte-heading"] thead th').nth(1)).toHaveText("May 2027");
  expect(errors).toEqual([]);
});

test("an approval request's FTE reads the same in its role-by-role tables and in its FTE by role and month", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "leader@demo.test");
  await page.goto("/approvals/2");
  const rows = page.locator('section[aria-labelledby="fte-heading"] tbody tr');
  const months = await page.locator('section[aria-labelledby="fte-heading"] thead th').allTextContents();
  let compared = 0;
  for (const row of await rows.all()) {
    const role = (await row.getAttribute("data-role"))!;
    const needed = await row.locator("td").allTextContents();
    const stacked = page.locator(`[data-stacked-table="${role}"]`);
    const stackedMonths = await stacked.locator("thead th").allTextContents();
    const request = await stacked.locator('tr[data-row="request"] td').allTextContents();
    needed.forEach((figure, i) => {
      if (!figure) return;
      expect(request[stackedMonths.indexOf(months[i + 1]!) - 1], `${role} in ${months[i + 1]}`).toBe(figure);
      compared += 1;
    });
  }
  expect(compared).toBeGreaterThan(0);
  // Figures as the rest of the app writes FTE: no trailing zero ("0.6", not "0.60").
  expect(await rows.locator("td").allTextContents()).not.toContainEqual(expect.stringMatching(/\.\d0$/));
  expect(errors).toEqual([]);
});

test("a manager following an approval request is led back by its breadcrumb to the engagement, not to the leaders' queue", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/approvals/2");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Approvals", exact: true })).toHaveCount(0);
  await crumbs.getByRole("link", { name: "National sepsis campaign", exact: true }).click();
  await expect(page).toHaveURL(/\/engagements\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "National sepsis campaign" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("the Fit page's heatmap has a heading of its own, spaced from the charts' download links above it", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/6/fit");
  const heading = page.getByRole("heading", { level: 3, name: "Demand against free capacity, by role and month" });
  await expect(heading).toBeVisible();
  await heading.scrollIntoViewIfNeeded();
  const grid = (await page.locator("[data-fit-charts]").boundingBox())!;
  const top = (await heading.boundingBox())!;
  // At least a line's space between the last chart's "Download" line and the heading.
  expect(top.y - (grid.y + grid.height)).toBeGreaterThanOrEqual(20);
  await page.screenshot({ path: "test-results/fit-heatmap-heading.png", clip: { x: 0, y: Math.max(0, top.y - 200), width: 1280, height: 320 } });
  expect(errors).toEqual([]);
});

test("once leadership has approved, every step whose changes go into the next version says they would need approving again, the Fit page's levers included", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // Westvale's version 1 is approved.
  for (const step of ["intake", "fit", "method", "driver-diagram", "timeline"]) {
    await page.goto(`/engagements/2/${step}`);
    await expect(page.locator('[data-out-for-decision="approved"]'), step).toHaveText(
      "Leadership has approved the proposal. Changes made here do not alter the approved version; they go into a new one, made on the Proposal step, which leadership would need to approve again before it replaced the approved one."
    );
  }
  // The Fit page's levers are among those changes.
  await page.goto("/engagements/2/fit");
  await expect(page.getByRole("heading", { name: /Fee and budget/ })).toBeVisible();
  expect(errors).toEqual([]);
});
