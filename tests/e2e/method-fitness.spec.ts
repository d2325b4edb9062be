import fs from "node:fs";
import path from "node:path";
import { expect, test, signIn, watchConsole } from "./support";

test("the Method page ranks on the partner's situation with our capacity beside it; readiness reads differently per method", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // The 100,000 Lives Campaign as a partner would have described it, imported as a manager would.
  const source = JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests/cases/100000-lives-campaign.json"), "utf8")).bundle;
  source.title = "National campaign (browser test)";
  source.partner.name = "Browser Test Hospital Association";
  const res = await page.request.post("/api/engagements", { data: source });
  expect(res.status(), await res.text()).toBe(201);
  const base = `/engagements/${(await res.json()).id}`;

  await page.goto(`${base}/method`);
  await expect(page.getByRole("heading", { name: "Recommendation: Campaign" })).toBeVisible();
  await expect(page.getByText(/capacity .* never changes the ranking/)).toBeVisible();
  for (const method of ["campaign", "collaborative", "tailored"]) {
    const item = page.locator(`li[data-method="${method}"]`);
    await expect(item.locator("[data-feasibility]")).toContainText(/Our capacity: (Fits|Tight|Does not fit)/);
    await expect(item.locator("[data-readiness-verdict]")).toContainText(/Partner readiness for it: (Ready|Ready with conditions|Not ready)/);
  }
  // Evidence maturity, one priority per row, and the rule that judges it.
  await expect(page.locator("[data-evidence-maturity] tbody tr")).toHaveCount(6);
  await expect(page.locator("[data-evidence-maturity]")).toContainText("Proven");
  await expect(page.locator("[data-evidence-rule]")).toContainText("Each priority is judged on its own");
  await expect(page.getByText(/enough of our staff/)).toHaveCount(0);

  // Fit: readiness for the recommended method (a campaign) on its own criteria, the others below.
  await page.goto(`${base}/fit`);
  await expect(page.getByRole("heading", { name: /Partner readiness for a campaign/ })).toBeVisible();
  const campaign = page.locator('[data-readiness="campaign"]');
  for (const criterion of ["A channel to enrol institutions", "Node partners", "A data platform", "Mentor sites"])
    await expect(campaign.getByRole("rowheader", { name: criterion })).toBeVisible();
  await expect(campaign).not.toContainText("20–40%");
  await page.locator('details[data-readiness-method="collaborative"] summary').click();
  await expect(page.locator('[data-readiness="collaborative"]').getByRole("rowheader", { name: "A project lead at every site" })).toBeVisible();
  await expect(page.locator('[data-method-fit="campaign"] [data-fitness]')).toContainText("Fitness for purpose: ranked 1 of 3");

  // The campaign's own questions are in the intake; without an enrolment channel it is not ready.
  await page.goto(`${base}/intake?section=capacity`);
  await expect(page.getByRole("heading", { name: "For a campaign" })).toBeVisible();
  await page
    .getByRole("group", { name: /channel to enrol many institutions/ })
    .getByLabel("No")
    .check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Partner capacity saved." })).toBeVisible();
  await page.goto(`${base}/fit`);
  await expect(page.getByRole("heading", { name: /Partner readiness for a campaign/ })).toContainText("Not ready");
  await expect(page.getByText(/^No channel to enrol institutions/)).toBeVisible();
  expect(errors).toEqual([]);
});
