import { expect, test, signIn, watchConsole } from "./support";

test("a manager fills the intake for a new partner and accepts the method recommendation", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/new");
  await page.getByLabel("Title").fill("Lakeside sepsis collaborative");
  await page.getByLabel("A new partner organisation").check();
  await page.getByLabel("Organisation name").fill("Lakeside Health Partnership");
  await page.getByLabel("Kind").selectOption("health_system");
  await page.getByLabel("Country").selectOption({ label: "Canada" });
  await page.getByLabel("Number of sites").fill("24");
  await page.getByLabel("Population served").fill("1,200,000");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await page
    .getByRole("link", { name: /Intake/ })
    .first()
    .click();

  // Partner context: prefilled from the organisation.
  await expect(page.getByLabel("Number of sites")).toHaveValue("24");
  await page.getByLabel("A system").check();
  await page.getByLabel("Some improvement projects and a few trained people").check();
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Needs: a bad value is explained next to its field and nothing typed is lost.
  await expect(page.getByRole("heading", { name: "Needs and priorities" })).toBeVisible();
  await page.getByLabel("Problems in the partner's words").fill("Sepsis deaths vary five-fold between our hospitals.");
  await page.locator('select[name="priorities[0].topic"]').selectOption("sepsis");
  await page.locator('input[name="priorities[0].baselineValue"]').fill("lots");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.locator('[id="priorities[0].baselineValue-error"]')).toBeVisible();
  await expect(page.getByLabel("Problems in the partner's words")).toHaveValue("Sepsis deaths vary five-fold between our hospitals.");
  await page.locator('input[name="priorities[0].baselineValue"]').fill("18.5");
  await page.locator('input[name="priorities[0].baselineMeasure"]').fill("Sepsis mortality, % of admissions with sepsis");
  await page.locator('input[name="priorities[0].baselineDate"]').fill("2026-09-30");
  await page.locator('input[name="priorities[0].baselineSource"]').fill("Hospital episode statistics");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Evidence and ambition
  await expect(page.getByRole("heading", { name: "Evidence and ambition" })).toBeVisible();
  // The last save is the intake's, whichever section it was in, and says so plainly.
  await expect(page.getByText(/^The intake was last saved by Maya Okafor on .+\.$/)).toBeVisible();
  await page.locator('select[name="priorityEvidence[0].changePackage"]').selectOption("yes");
  await page.locator('select[name="priorityEvidence[0].degreeOfBelief"]').selectOption("high");
  await page.locator('select[name="priorityEvidence[0].brightSpots"]').selectOption("yes");
  await page.getByLabel("Aim: how much").fill("Reduce sepsis mortality by 20%");
  await page.getByLabel("Aim: by when").fill("2028-06");
  await page.getByLabel("Aim: for whom").fill("Adults in 24 hospitals");
  await page.getByLabel("Each team sets its own aims under a shared aim").check();
  await page.getByLabel("One focused topic").check();
  await page
    .getByRole("group", { name: /improvement capability/ })
    .getByLabel("No")
    .check();
  await page
    .getByRole("group", { name: /mobilisation/ })
    .getByLabel("No")
    .check();
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Scale and horizon
  await page.getByLabel("Sites or teams expected to take part").fill("24");
  await page.getByLabel("Desired start").fill("2027-04");
  await page.getByLabel(/Longest duration/).fill("15");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Partner capacity
  for (const group of [/Senior sponsor/, /Project lead/, /Data lead/, /release a team/, /share data/]) {
    await page.getByRole("group", { name: group }).getByRole("radio").first().check();
  }
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Budget
  await page.getByLabel("Minimum budget").fill("400000");
  await page.getByLabel("Maximum budget").fill("650000");
  await page.getByLabel("Currency").fill("CAD");
  await page.getByLabel("Secured", { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Intake 100% complete")).toBeVisible();

  // Fit shows readiness
  await page.getByRole("link", { name: /Fit/ }).first().click();
  await expect(page.getByRole("heading", { name: /Partner readiness/ })).toContainText("Ready");

  // Method: a collaborative for 24 teams, a proven package and 15 months; accept it.
  await page
    .getByRole("link", { name: /Method/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Recommendation: Breakthrough Series collaborative" })).toBeVisible();
  await expect(page.locator("[data-method]").first()).toHaveAttribute("data-method", "collaborative");
  await page.screenshot({ path: "test-results/method.png", fullPage: true });
  await page.getByRole("button", { name: "Accept recommendation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Method recorded: Breakthrough Series collaborative" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Decision/ })).toContainText("Current");
  await expect(page.locator('li[data-step="method"]')).toHaveAttribute("data-status", "complete");
  expect(errors).toEqual([]);
});

test("overriding the method needs a written justification", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  // Riverside (an intake in progress) so that the worked Northshire engagement keeps its method.
  await page.goto("/engagements/5/method");
  const recommended = await page.locator("[data-method]").first().getAttribute("data-method");
  await page.getByLabel("Method", { exact: true }).selectOption(recommended === "tailored" ? "collaborative" : "tailored");
  await page.getByRole("button", { name: "Record this method" }).click();
  await expect(page.locator("#overrideReason-error")).toContainText("Explain");
  await page.getByLabel("Justification").fill("The hospital wants a five-year programme that builds its own improvement advisors.");
  await page.getByRole("button", { name: "Record this method" }).click();
  await expect(page.getByRole("heading", { name: /Decision/ })).toBeVisible();
  // The decision says what it overrode (the capacity note below speaks of the method chosen instead, too).
  const decision = page.locator("section", { has: page.getByRole("heading", { name: /Decision/ }) });
  await expect(decision).toContainText("instead of the recommended");
  await expect(decision).toContainText("builds its own improvement advisors");
});

test("a decision the intake put up for review is kept in one click while still recommended, and a departure keeps its justification", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  const needsReview = async (sites: string) => {
    await page.goto("/engagements/1/intake?section=scale");
    await page.getByLabel("Sites or teams expected to take part").fill(sites);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Scale and horizon saved." })).toBeVisible();
    await page.goto("/engagements/1/method");
    await expect(page.getByRole("heading", { name: /Decision/ })).toContainText("Needs review");
    await expect(page.locator('li[data-step="method"]')).toHaveAttribute("data-status", "stale");
  };

  // Still the collaborative recommended: one click, no justification.
  await needsReview("20");
  await page.getByRole("button", { name: "Keep Breakthrough Series collaborative" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Method recorded: Breakthrough Series collaborative" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Decision/ })).toContainText("Current");
  await expect(page.locator('li[data-step="method"]')).toHaveAttribute("data-status", "complete");

  // A campaign chosen instead: after the next change its justification is there to record again.
  const reason = "The regional association wants public mobilisation of every hospital.";
  await page.getByText("Change the method").click();
  await page.getByLabel("Method", { exact: true }).selectOption("campaign");
  await page.getByLabel("Justification").fill(reason);
  await page.getByRole("button", { name: "Record this method" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Method recorded: Campaign" })).toBeVisible();
  await needsReview("22");
  await expect(page.getByRole("button", { name: /^Keep / })).toHaveCount(0);
  // The form already holds the campaign: its heading says so rather than "choose another".
  await expect(page.getByRole("heading", { level: 3, name: "Keep Campaign with its justification, or choose another method", exact: true })).toBeVisible();
  await expect(page.getByLabel("Method", { exact: true })).toHaveValue("campaign");
  await expect(page.getByLabel("Justification")).toHaveValue(reason);
  await page.getByRole("button", { name: "Record this method" }).click();
  await expect(page.getByRole("heading", { name: /Decision/ })).toContainText("Current");
  await expect(page.locator('li[data-step="method"]')).toHaveAttribute("data-status", "complete");
  expect(errors).toEqual([]);
});
