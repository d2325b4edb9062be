import { expect, test, signIn, watchConsole } from "./support";
import type { Locator, Page } from "@playwright/test";

/** The page itself never scrolls sideways: wide grids scroll inside their own box. */
async function expectNoPageScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, "the page scrolls sideways").toBeLessThanOrEqual(widths.client);
}

test("a leader reads capacity, pipeline and an approval request as charts beside their tables, and downloads them", async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "leader@demo.test");
  await page.goto("/portfolio");

  const capacity = page.getByRole("img", { name: /: FTE available and booked by month/ });
  await expect(capacity).toBeVisible();
  const pipeline = page.getByRole("img", { name: "Engagements by stage and method" });
  await expect(pipeline).toBeVisible();
  // Each bar carries its figure for hovering, and the heatmap's table is still there.
  await expect(capacity.locator("rect[data-layer] title").first()).toHaveText(/^\w{3} \d{4}: (Confirmed|Tentative) [\d.]+ FTE$/);
  await expect(page.locator("table.portfolio-heatmap")).toBeVisible();
  await expectNoPageScroll(page);
  await page.screenshot({ path: "test-results/charts-portfolio.png", fullPage: true });

  // Another role, by a plain link.
  const chooser = page.getByRole("navigation", { name: "Role shown in the chart" });
  const next = chooser.getByRole("link").first();
  const label = (await next.textContent())!;
  await next.click();
  await expect(page).toHaveURL(/[?&]role=/);
  await expect(chooser.locator('[aria-current="true"]')).toHaveText(label);
  await expect(page.getByRole("img", { name: `${label}: FTE available and booked by month` })).toBeVisible();

  // The picture as PNG (drawn by the server's headless browser), the figures as CSV.
  const png = await page.request.get("/portfolio/charts/pipeline/png");
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect([...(await png.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  const csv = await page.request.get("/portfolio/charts/pipeline/csv");
  expect(await csv.text()).toContain("Stage,Breakthrough Series collaborative (engagements)");

  // An approval request: its demand on top of what is already booked, per role.
  await page.goto("/approvals");
  await page.locator("main a[href^='/approvals/']").first().click();
  const stacked = page.getByRole("img", { name: /: this request on top of what is already booked/ }).first();
  await expect(stacked).toBeVisible();
  await expect(stacked.locator('rect[data-layer="request"]').first()).toBeAttached();
  await expectNoPageScroll(page);
  await page.screenshot({ path: "test-results/charts-approval.png", fullPage: true });
  expect(errors).toEqual([]);
});

/**
 * The words on a chart's dashed line, as drawn: their lines, whether they stay within the plot, and
 * which of the chart's bars, line points, flags and legend they overlap.
 */
async function markerWords(chart: Locator) {
  return chart.evaluate((svg: SVGSVGElement) => {
    const text = svg.querySelector<SVGTextElement>("[data-marker] text")!;
    const box = text.getBBox();
    const [, left, right] = /M(-?[\d.]+) -?[\d.]+H(-?[\d.]+)/.exec(svg.querySelector("g.chart-grid > path")!.getAttribute("d")!)!.map(Number);
    const placed = (e: SVGGraphicsElement) => {
      const b = e.getBBox();
      const shift = (e.parentElement as unknown as SVGGraphicsElement).transform?.baseVal.consolidate()?.matrix;
      return { x: b.x + (shift?.e ?? 0), y: b.y + (shift?.f ?? 0), width: b.width, height: b.height };
    };
    const overlaps = [...svg.querySelectorAll<SVGGraphicsElement>("rect[data-layer], circle[data-line], [data-flag], .chart-legend text")]
      .map(placed)
      .filter((b) => b.x < box.x + box.width && b.x + b.width > box.x && b.y < box.y + box.height && b.y + b.height > box.y).length;
    return {
      words: [...text.querySelectorAll("tspan")].map((t) => t.textContent).join(" ") || text.textContent,
      inside: box.x >= left! && box.x + box.width <= right!,
      overlaps,
    };
  });
}

test("a manager reads the Fit page's charts, each start marked in the words of the text beside it, and no sideways page scroll", async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/fit");
  const charts = page.locator("[data-fit-charts] svg[role=img]");
  await expect(charts.first()).toBeVisible();
  await expect(charts.first()).toHaveAccessibleName(/: demand against free capacity/);
  // One small chart per candidate method, in its card, with the figures beneath it.
  for (const method of ["collaborative", "campaign", "tailored"]) {
    const card = page.locator(`[data-method-fit="${method}"]`);
    const chart = card.locator("svg[role=img]");
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleName(/^.+: demand against free capacity .+ started in /);
    await expect(chart.locator("rect[data-layer=needed] title").first()).toHaveText(/^\w{3} \d{4}: Needed [\d.]+ FTE$/);
    // The method's nearest start with room to spare is marked on its time axis, in the card's words, unless none within 24 months has room to spare.
    const noStart = await card.getByText(/Nearest start with room to spare.*none (from|in|looked for)/).count();
    await expect(chart.locator("[data-marker]")).toHaveCount(noStart ? 0 : 1);
    if (!noStart) expect(await markerWords(chart)).toEqual({ words: "Nearest start with room to spare", inside: true, overlaps: 0 });
    await card.getByText(/^Figures: /).click();
    await expect(card.locator(`table[data-method-figures="${method}"]`)).toBeVisible();
  }
  // The plan's charts mark its earliest fully staffed start, in the words of the sentence above them.
  await expect(page.getByText("Earliest fully staffed start for this plan, at or after its start:")).toBeVisible();
  const marked = page.locator("[data-fit-charts] svg[role=img]:has([data-marker])");
  expect(await marked.count()).toBeGreaterThan(0);
  for (const chart of await marked.all()) expect(await markerWords(chart)).toEqual({ words: "Earliest fully staffed start", inside: true, overlaps: 0 });
  const csv = await page.request.get("/engagements/1/fit/methods/tailored/csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Month,Needed (FTE),Free after confirmed (FTE),Short");
  await expectNoPageScroll(page);
  await page.locator("[data-method-fit]").first().screenshot({ path: "test-results/charts-fit-method.png" });
  await page.screenshot({ path: "test-results/charts-fit.png", fullPage: true });
  // Kestrel's collaborative has its start mid-chart, where the words take two lines.
  await page.goto("/engagements/3/fit");
  const cards = page.locator("[data-method-fit] svg[role=img]:has([data-marker])");
  expect(await cards.count()).toBeGreaterThan(0);
  for (const chart of await cards.all()) expect(await markerWords(chart)).toEqual({ words: "Nearest start with room to spare", inside: true, overlaps: 0 });
  expect(errors).toEqual([]);
});

test("on a phone's width, the plan's charts on the Fit page fit the screen, none cut off at its right", async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/fit");
  const charts = page.locator("[data-fit-charts] svg[role=img]");
  expect(await charts.count()).toBeGreaterThan(0);
  for (const chart of await charts.all()) {
    const overflow = await chart.evaluate((svg) => {
      const grid = svg.closest(".chart-grid")!.getBoundingClientRect();
      const box = svg.getBoundingClientRect();
      return { right: Math.round(box.right - grid.right), left: Math.round(grid.left - box.left) };
    });
    expect(overflow.right, "the chart runs past the right of its grid").toBeLessThanOrEqual(0);
    expect(overflow.left, "the chart runs past the left of its grid").toBeLessThanOrEqual(0);
  }
  await expectNoPageScroll(page);
  expect(errors).toEqual([]);
});

test("without JavaScript, the role chooser still changes the chart", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, "leader@demo.test");
  await page.goto("/portfolio");
  const link = page.getByRole("navigation", { name: "Role shown in the chart" }).getByRole("link").last();
  const label = (await link.textContent())!;
  await link.click();
  await expect(page.getByRole("img", { name: `${label}: FTE available and booked by month` })).toBeVisible();
  await context.close();
});
