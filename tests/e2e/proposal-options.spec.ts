import { createVersion, expect, shareVersion, test, signIn, watchConsole } from "./support";

/*
 * Options on a proposal (docs/domain.md §9.13), as the browser shows them: the options panel's forms
 * answer beside the option they belong to, the Fee and budget panel weighs each option against the
 * partner's budget, and the partner must choose an option to accept. What the forms store and refuse
 * is proven in tests/integration/proposal-options.test.ts; here, that the page wires them up.
 */

test.describe.configure({ mode: "serial" });

let eastmere = "";

test("a manager adds an option, renames it, shapes it with a lever and removes it; the budget panel weighs each option", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements");
  await page.getByRole("link", { name: "Eastmere safer transitions programme", exact: true }).first().click();
  await expect(page).toHaveURL(/\/engagements\/\d+/);
  eastmere = page.url().match(/\/engagements\/(\d+)/)![1]!;
  await page.goto(`/engagements/${eastmere}/proposal`);

  // Eastmere's budget is USD 800,000: each option is weighed in red, and the plan nobody is offered is not.
  const budget = page.getByTestId("budget-panel");
  const weighed = budget.getByTestId("budget-options").locator("li");
  await expect(weighed).toHaveCount(2);
  await expect(weighed.nth(0).locator(".notice--danger")).toHaveText(/^Option A: Core\. The fee is USD\s1,200,000, USD\s400,000 above the partner's budget\.$/);
  await expect(weighed.nth(1).locator(".notice--danger")).toHaveText(
    /^Option B: Virtual\. The fee is USD\s1,095,000, USD\s295,000 above the partner's budget\.$/
  );
  await expect(budget.locator(".notice")).toHaveCount(2);
  // The options' levers are just below on this page, and the panel says so; from the Fit page it leads here.
  await budget.getByRole("link", { name: "under Options below" }).click();
  await expect(page).toHaveURL(/\/proposal#options-heading$/);
  await page.goto(`/engagements/${eastmere}/fit`);
  await page.getByTestId("budget-panel").getByRole("link", { name: "under Options on the Proposal page" }).click();
  await expect(page).toHaveURL(new RegExp(`/engagements/${eastmere}/proposal#options-heading$`));
  await expect(page.getByRole("heading", { name: /^Options/, level: 2 })).toBeVisible();

  // An option without a scope is refused beside the field, the form stays open and keeps the name typed.
  const panel = page.getByTestId("options-panel");
  await panel.getByText("Add an option", { exact: true }).click();
  await panel.getByLabel("Name").last().fill("Phased");
  await panel.getByRole("button", { name: "Add the option" }).click();
  await expect(page.locator("#f-option-new-scope-error")).toHaveText("The scope is required.");
  await expect(panel.getByLabel("Name").last()).toHaveValue("Phased");
  await panel.getByLabel("Scope").last().fill("The programme over a longer time, its sites joining in waves.");
  await panel.getByRole("button", { name: "Add the option" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Option C, Phased, added." })).toBeVisible();

  const phased = panel.locator('[data-option="Phased"]');
  await expect(phased.getByRole("heading", { level: 3 })).toHaveText("Option C: Phased");
  // It starts on the draft's own levers, so at Core's fee; the budget panel weighs it as a third line.
  await expect(phased).toContainText(/Fee USD\s1,200,000 over \d+ months/);
  await expect(weighed).toHaveCount(3);
  await expect(weighed.nth(2)).toContainText("Option C: Phased.");
  const monthsBefore = Number((await phased.textContent())!.match(/over (\d+) months/)![1]);

  await phased.locator('[data-lever="longer_phasing"]').getByRole("button", { name: "Apply to Phased" }).click();
  await expect(phased).toContainText(/Levers applied: \d+ months' longer phasing\./);
  await expect.poll(async () => Number((await phased.textContent())!.match(/over (\d+) months/)![1])).toBeGreaterThan(monthsBefore);

  await phased.getByText("Change Phased").click();
  await phased.getByLabel("Name").fill("Phased over two years");
  await phased.getByRole("button", { name: "Save Phased" }).click();
  const renamed = panel.locator('[data-option="Phased over two years"]');
  await expect(renamed.getByRole("heading", { level: 3 })).toHaveText(/^Option C: Phased over two years/);
  await expect(renamed).toContainText(/Levers applied: \d+ months' longer phasing\./);
  await expect(weighed.nth(2)).toContainText("Option C: Phased over two years.");

  // A removal takes its tick: without it the option stays, its fields as saved, and the box says why.
  await renamed.getByRole("button", { name: "Remove Phased over two years" }).click();
  await expect(renamed.locator(".field-error")).toHaveText("Tick the box to confirm: removing an option cannot be undone.");
  await expect(renamed).toHaveCount(1);
  await renamed.getByText("Change Phased over two years").click();
  await expect(renamed.getByLabel("Name")).toHaveValue("Phased over two years");
  await renamed.getByLabel("Yes, remove Phased over two years: this cannot be undone.").check();
  await renamed.getByRole("button", { name: "Remove Phased over two years" }).click();
  await expect(renamed).toHaveCount(0);
  await expect(panel.locator("[data-option]")).toHaveCount(2);
  await expect(weighed).toHaveCount(2);
  expect(errors).toEqual([]);
});

test("the partner must choose an option to accept, and the acceptance record names it", async ({ browser }) => {
  test.setTimeout(120_000);
  const manager = await browser.newPage();
  const errors = watchConsole(manager);
  await signIn(manager, "manager@demo.test");
  expect(await createVersion(manager, eastmere)).toBe(2);
  await manager.goto(`/engagements/${eastmere}/review`);
  await shareVersion(manager, 2);

  const partner = await browser.newPage();
  errors.push(...watchConsole(partner));
  await signIn(partner, "partner2@demo.test");
  await partner.goto(`/partner/engagements/${eastmere}`);
  const choice = partner.getByRole("group", { name: "To accept: the option you accept" });
  await expect(choice.getByRole("radio")).toHaveCount(2);
  await partner.getByLabel("Your name").fill("Aoife Brennan");
  await partner.getByLabel("Your title").fill("Director of Quality");
  await partner.getByLabel("I accept version 2 of this proposal on behalf of my organisation.").check();
  await partner.getByRole("button", { name: "Accept the proposal" }).click();
  // Refused beside the choice; the signature typed is kept.
  await expect(partner.locator("#option-error")).toHaveText("Choose one of the 2 options you accept: Option A: Core, Option B: Virtual.");
  await expect(partner.getByLabel("Your name")).toHaveValue("Aoife Brennan");

  await choice.getByRole("radio", { name: /^Option B: Virtual, for a fee of USD\s1,095,000$/ }).check();
  await partner.getByLabel("I accept version 2 of this proposal on behalf of my organisation.").check();
  await partner.getByRole("button", { name: "Accept the proposal" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "you accepted the proposal" })).toBeVisible();
  const record = partner.locator(".proposal-acceptance");
  await expect(record).toContainText(/Signed by\s*Aoife Brennan, Director of Quality/);
  await expect(record).toContainText(/Option accepted\s*Option B: Virtual, for a fee of USD\s1,095,000/);
  // The proposal now leads its options with the one chosen, and keeps the other in brief, marked not chosen.
  const optionHeadings = partner.locator("h3").filter({ hasText: /Option [AB]: / });
  await expect(optionHeadings).toHaveText([/Option B: Virtual — chosen$/, /Option A: Core — not chosen$/]);
  await expect(partner.getByText(/^Eastmere Regional Health Authority chose Option B: Virtual when accepting this version on /)).toBeVisible();
  await expect(partner.getByRole("table", { name: "Payment schedule: Option B: Virtual" })).toBeVisible();
  await expect(partner.getByRole("table", { name: "Payment schedule: Option A: Core" })).toHaveCount(0);
  expect(errors).toEqual([]);
});
