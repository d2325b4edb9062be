import Database from "better-sqlite3";
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
  await expect(pipeline.locator("tbody tr")).toHaveCount(8);
  await expect(pipeline.locator('tr[data-stage="accepted"] th')).toHaveText("Accepted by the partner");
  await expect(pipeline.locator('tr[data-stage="approved"] th')).toHaveText("Approved");
  await expect(pipeline.locator('tr[data-stage="agreed"] th')).toHaveText("Agreed");
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

test("with more approvals waiting than the page lists, a leader sees the 25 waiting longest and opens every one and back, by keyboard", async ({
  page,
  appServer,
}) => {
  // Thirty more requests waiting, 20 to 49 days: with the demo's own, more than the page lists.
  const sqlite = new Database(appServer.db);
  sqlite.pragma("busy_timeout = 5000");
  const org = sqlite.prepare("select id from organisations where name = 'Westvale Health Partnership'").pluck().get() as number;
  const owner = sqlite.prepare("select id from users where email = 'manager@demo.test'").pluck().get() as number;
  const pendingBefore = sqlite.prepare("select count(*) from approval_requests where status = 'pending'").pluck().get() as number;
  const now = Date.now();
  sqlite.transaction(() => {
    for (let i = 0; i < 30; i++) {
      const at = new Date(now).toISOString();
      const engagement = sqlite
        .prepare(
          "insert into engagements (title, organisation_id, owner_id, stage, created_at, updated_at) values (?, ?, ?, 'awaiting_approval', ?, ?) returning id"
        )
        .pluck()
        .get(`Waiting programme ${String(i).padStart(2, "0")}`, org, owner, at, at) as number;
      const version = sqlite
        .prepare(
          "insert into proposal_versions (engagement_id, number, snapshot_json, content_hash, created_by_id, created_at) values (?, 1, '{}', ?, ?, ?) returning id"
        )
        .pluck()
        .get(engagement, `waiting-${i}`, owner, at) as number;
      sqlite
        .prepare(
          "insert into approval_requests (engagement_id, proposal_version_id, submitted_by_id, submitted_at, required_approvals, conflict_ack_required) values (?, ?, ?, ?, 1, 0)"
        )
        .run(engagement, version, owner, new Date(now - (20 + i) * 86_400_000 - 60_000).toISOString());
    }
  })();
  sqlite.close();
  const total = pendingBefore + 30;

  const errors = watchConsole(page);
  await signIn(page, "leader@demo.test");
  await page.goto("/portfolio#approvals");
  await expect(page.getByRole("navigation", { name: "Portfolio summary" })).toContainText(`${total} waiting for approval`);
  const section = page.locator("#approvals");
  const rows = section.locator("table.portfolio-approvals tbody tr");
  await expect(section.locator("[data-approvals-count]")).toHaveText(`The 25 waiting longest of ${total}. Show all ${total}`);
  await expect(rows).toHaveCount(25);
  await expect(rows.first().getByRole("link")).toHaveText("Waiting programme 29");

  // From the section the address points at, the first Tab reaches "Show all", with its focus ring showing.
  await page.keyboard.press("Tab");
  const showAll = section.getByRole("link", { name: `Show all ${total}` });
  await expect(showAll).toBeFocused();
  expect(await showAll.evaluate((a) => a.matches(":focus-visible") && getComputedStyle(a).outlineStyle !== "none")).toBe(true);
  await page.locator("#approvals").screenshot({ path: "test-results/portfolio-approvals-short.png" });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/portfolio\?(.*&)?approvals=all#approvals$/);
  await expect(section.locator("[data-approvals-count]")).toHaveText(`All ${total}, longest waiting first. Show only the 25 waiting longest`);
  await expect(rows).toHaveCount(total);

  const back = section.getByRole("link", { name: "Show only the 25 waiting longest" });
  await back.focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/approvals=all/);
  await expect(rows).toHaveCount(25);
  expect(errors).toEqual([]);
});

test("a request's faculty days are written as the app writes every count, with thousands separated", async ({ page, appServer }) => {
  // A request like the Kestrel campaign's, asking for 1,322 faculty days.
  const sqlite = new Database(appServer.db);
  sqlite.pragma("busy_timeout = 5000");
  const kestrel = sqlite
    .prepare(
      "select e.organisation_id as org, e.owner_id as owner, v.snapshot_json as json from proposal_versions v join engagements e on e.id = v.engagement_id where e.title = 'National sepsis campaign' and v.number = 1"
    )
    .get() as { org: number; owner: number; json: string };
  const snapshot = JSON.parse(kestrel.json);
  snapshot.staffing.find((l: { role: string }) => l.role === "faculty").days = 1322;
  const at = new Date().toISOString();
  const request = sqlite.transaction(() => {
    const engagement = sqlite
      .prepare(
        "insert into engagements (title, organisation_id, owner_id, stage, created_at, updated_at) values ('Kestrel sepsis campaign, second wave', ?, ?, 'awaiting_approval', ?, ?) returning id"
      )
      .pluck()
      .get(kestrel.org, kestrel.owner, at, at) as number;
    const version = sqlite
      .prepare(
        "insert into proposal_versions (engagement_id, number, snapshot_json, content_hash, created_by_id, created_at) values (?, 1, ?, 'second-wave', ?, ?) returning id"
      )
      .pluck()
      .get(engagement, JSON.stringify(snapshot), kestrel.owner, at) as number;
    return sqlite
      .prepare(
        "insert into approval_requests (engagement_id, proposal_version_id, submitted_by_id, submitted_at, required_approvals, conflict_ack_required) values (?, ?, ?, ?, 2, 0) returning id"
      )
      .pluck()
      .get(engagement, version, kestrel.owner, at) as number;
  })();
  sqlite.close();

  const errors = watchConsole(page);
  await signIn(page, "leader@demo.test");
  await page.goto(`/approvals/${request}`);
  await expect(page.locator("[data-faculty-days]")).toHaveText("1,322");
  await expect(page.locator("[data-fte-months]")).toHaveText(/^[\d,.]+ FTE-months$/);
  await page.goto("/portfolio");
  await expect(page.locator("#capacity")).toContainText(/Over the period: [\d,.]+ FTE-months? confirmed and [\d,.]+ tentative\./);
  expect(errors).toEqual([]);
});
