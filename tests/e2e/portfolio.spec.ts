import { expect, test, signIn, watchConsole } from "./support";

test("a leader opens the portfolio: pipeline by stage and method, capacity with tentative and confirmed apart, approvals waiting", async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "leader@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();

  // Pipeline: a row per stage with a count per method, and the engagements listed under their stage.
  const pipeline = page.locator("table.portfolio-pipeline");
  await expect(pipeline.getByRole("columnheader")).toHaveText([
    "Stage",
    "Breakthrough Series collaborative",
    "Campaign",
    "Tailored large-scale initiative",
    "Not chosen",
    "Total",
  ]);
  await expect(pipeline.locator("tbody tr")).toHaveCount(6);
  await expect(pipeline.locator('tr[data-stage="approved"] th')).toHaveText("Approved");
  const stages = page.locator("table.portfolio-stages");
  await expect(stages.getByRole("link", { name: "Northshire patient safety partnership" })).toBeVisible();
  await expect(stages.locator("tbody").filter({ hasText: "Northshire patient safety partnership" }).locator("tr.portfolio-group")).toContainText(
    "Shared with partner"
  );

  // Capacity: every role × 18 months, each cell saying its level in words and its confirmed and tentative FTE apart.
  const heatmap = page.locator("table.portfolio-heatmap");
  await expect(heatmap.locator("thead th.portfolio-month")).toHaveCount(18);
  await expect(heatmap.locator("thead th.portfolio-month").first()).toHaveText("Nov 2026");
  const faculty = heatmap.getByRole("row", { name: /^Faculty/ });
  await expect(faculty.locator("td")).toHaveCount(18);
  await expect(faculty.locator("td").first()).toHaveText(/^(OK|Tight|Over|None)/);
  const both = heatmap.locator("td.portfolio-cell").filter({ hasText: "conf." }).filter({ hasText: "tent." }).first();
  await expect(both).toHaveAttribute("title", /FTE confirmed \+ [\d.]+ tentative of [\d.]+ available/);
  await expect(page.getByRole("group", { name: "How to read the heatmap" })).toContainText("Over");

  // Approvals waiting, each linking to its request and saying what the approval needs.
  const approvals = page.locator("table.portfolio-approvals");
  await expect(approvals.getByRole("link", { name: "National sepsis campaign" })).toHaveAttribute("href", /^\/approvals\/\d+$/);
  await expect(approvals).toContainText(/One leader|Two leaders/);

  // At risk, with its reason in words.
  await expect(page.locator("table.portfolio-risks")).toContainText("The partner asked for changes");

  await page.screenshot({ path: "test-results/portfolio.png", fullPage: true });
  await page.locator("#capacity").screenshot({ path: "test-results/portfolio-capacity.png" });

  await approvals.getByRole("link", { name: "National sepsis campaign" }).click();
  await expect(page).toHaveURL(/\/approvals\/\d+$/);
  expect(errors).toEqual([]);
});

test("on a tablet the heatmap scrolls on its own while the page stays put", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, "leader@demo.test");
  await page.goto("/portfolio");
  const wrap = page.locator(".portfolio-heatmap-wrap");
  const [scrollWidth, clientWidth] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: "test-results/portfolio-tablet.png" });
});

test("administrators and partners are refused the portfolio", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await expect(page.getByRole("link", { name: "Portfolio" })).toHaveCount(0);
  expect((await page.goto("/portfolio"))?.status()).toBe(403);
});
