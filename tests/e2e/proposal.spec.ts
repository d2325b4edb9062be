import fs from "node:fs";
import { analyse, report } from "./axe";
import { createVersion, expect, moveLearningSession2, test, signIn, watchConsole } from "./support";

test("a manager creates a proposal version and downloads it as Word and PDF; a second version shows what changed", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/proposal");
  await expect(page.getByText("Every section has content from the engagement.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Executive summary/ })).toBeVisible();
  // The page's heading is its one h1; the draft's title heads the document below it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 2, name: "Northshire patient safety partnership" })).toBeVisible();

  // The demo engagement already has version 1; freeze the next one.
  await page.getByRole("button", { name: "Create version 2" }).click();
  // Creating a version draws its pictures on the server: allow for a slow machine.
  await expect(page).toHaveURL(/\/engagements\/1\/versions\/2$/, { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "Version 2 created and frozen." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What changed since version 1" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  // The frozen version shows its pictures, drawn on the server.
  await expect(page.locator('img[alt^="Driver diagram"]')).toBeVisible();
  await page.screenshot({ path: "test-results/proposal-version.png" });

  const [docx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Word (.docx)" }).click()]);
  expect(docx.suggestedFilename()).toBe("northshire-patient-safety-partnership-v2-draft.docx");
  const docxBytes = fs.readFileSync((await docx.path())!);
  expect(docxBytes.subarray(0, 2).toString()).toBe("PK");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(pdf.suggestedFilename()).toBe("northshire-patient-safety-partnership-v2-draft.pdf");
  expect(
    fs
      .readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString()
  ).toBe("%PDF-");

  // Change the plan, then freeze a second version. Four weeks keeps what the move carries on working days
  // (three would carry Learning Session 3 onto Easter Monday 2028, and on past it).
  await moveLearningSession2(page, 28);
  expect(await createVersion(page, 1)).toBe(3);
  await expect(page.getByRole("heading", { name: "What changed since version 2" })).toBeVisible();
  await expect(page.locator("[data-changes]")).toContainText("items move 4 weeks later: Learning Session 2;");

  // Version 1 compared with a later one reads what changes in that one, forward in time.
  await page.goto("/engagements/1/versions/1");
  await expect(page.getByText("This is the first version: choose a later one to see what changes in it.")).toBeVisible();
  await expect(page.getByText(/nothing to compare/)).toHaveCount(0);
  await page.getByLabel("Compare with").selectOption({ label: "Version 3" });
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.getByRole("heading", { name: "What changes in version 3, compared with this version 1" })).toBeVisible();
  await expect(page.locator("[data-changes]")).toContainText("items move 4 weeks later: Learning Session 2;");
  expect(errors).toEqual([]);
});

test("a fee above the budget shows the gap and the levers; a lever is applied, and a fee set by hand needs a reason", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/intake?section=budget");
  await page.getByLabel("Minimum budget").fill("600,000");
  await page.getByLabel("Maximum budget").fill("600,000");
  await page.getByLabel("Currency").fill("USD");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();

  await page.goto("/engagements/1/proposal");
  const panel = page.getByTestId("budget-panel");
  await expect(panel.locator(".notice")).toContainText("above the partner's budget");
  // A longer phasing would raise the fee, widening the gap: only the three levers that lower it are offered.
  await expect(panel.locator("[data-lever]")).toHaveCount(3);
  await expect(panel.locator('[data-lever="longer_phasing"]')).toHaveCount(0);
  await expect(page.locator(".proposal-preview")).toContainText(/Northshire Health System's budget is USD\s600,000 \(/);
  await panel.locator('[data-lever="virtual_sessions"]').getByRole("button", { name: "Apply to the proposal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Events held online applied to the proposal." })).toBeVisible();
  await expect(panel).toContainText("Applied to this proposal: events held online.");
  await expect(panel.locator("[data-lever]")).toHaveCount(2);

  // A fee set by hand without a reason is refused next to the field, keeping the fee typed.
  await panel.getByText("Set the fee by hand").click();
  await panel.getByLabel("Fee (USD)").fill("900,000");
  await panel.getByRole("button", { name: "Set the fee" }).click();
  await expect(page.locator("#f-budget-reason-error")).toHaveText("The reason for the change is required.");
  await expect(page.getByTestId("budget-panel").getByLabel("Fee (USD)")).toHaveValue("900,000");
  await page.getByTestId("budget-panel").getByLabel("Reason for the change").fill("Agreed with the partner's board as a first-year fee.");
  await page.getByTestId("budget-panel").getByRole("button", { name: "Set the fee" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Fee set by hand/ })).toBeVisible();
  await expect(page.getByTestId("budget-panel")).toContainText("Reason: Agreed with the partner's board as a first-year fee.");
  // The levers still offered change the plan and the rules' fee, not the fee set by hand: the panel says so.
  await expect(page.getByTestId("budget-panel").locator("[data-levers-hand-fee]")).toContainText(/not the USD 900,000 the partner is offered/);
  await expect(page.locator(".proposal-preview")).toContainText(/USD\s900,000/);
  await expect(page.locator(".proposal-preview")).toContainText("Payment schedule");
  expect(errors).toEqual([]);
});

test("a budget in the partner's own currency: the manager records the exchange rate, a decimal comma refused beside it, and sees the fee compared and its equivalent stated", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // The demo's one-site request from Ashford Valley Hospital states its budget in pounds, up to GBP 60,000.
  await page.goto("/engagements");
  await page.getByRole("link", { name: "Ashford Valley sepsis on the wards" }).click();
  await page.waitForURL(/\/engagements\/\d+$/);
  const proposal = `${new URL(page.url()).pathname}/proposal`;
  await page.goto(proposal);
  const panel = page.getByTestId("budget-panel");
  // Not compared, and the advice says a rate can be recorded.
  await expect(
    panel.getByText(/cannot be compared, and no exchange rate is guessed\. Record the exchange rate the proposal uses from USD to GBP/)
  ).toBeVisible();
  await expect(panel.getByTestId("exchange-rate-form")).toContainText("1 USD =");
  await panel.getByLabel("Exchange rate").fill("0,79");
  await panel.getByLabel("Where the rate is from (optional)").fill("Bank of England spot rate");
  await panel.getByRole("button", { name: "Record the rate" }).click();
  await expect(page.locator("#f-budget-rate-error")).toHaveText("The exchange rate: write 0,79 with a dot for the decimal point, as 0.79.");
  await expect(page.getByTestId("budget-panel").getByLabel("Exchange rate")).toHaveValue("0,79");
  await expect(page.getByTestId("budget-panel").getByLabel("Where the rate is from (optional)")).toHaveValue("Bank of England spot rate");
  expect(report(`${proposal} (a rate refused)`, await analyse(page))).toBe("");

  await page.getByTestId("budget-panel").getByLabel("Exchange rate").fill("0.79");
  await page.getByTestId("budget-panel").getByRole("button", { name: "Record the rate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Exchange rate recorded: 1 USD = 0.79 GBP" })).toBeVisible();
  await expect(panel.locator("[data-rate-used]")).toContainText("1 USD = 0.79 GBP (so 1 GBP = 1.266 USD)");
  // The fee, its equivalent at 0.79 (worked out here from the fee shown), and how it stands against GBP 60,000.
  const against = panel.getByText(/^The fee is USD\s[\d,]+ \(about GBP/);
  const words = (await against.innerText()).replace(/\u00a0/g, " ");
  const fee = Number(/^The fee is USD ([\d,]+)/.exec(words)![1]!.replace(/,/g, ""));
  // "About" an amount worked out at a rate: three significant figures (GBP 43,450 reads "about GBP 43,500").
  const whole = Math.round(fee * 0.79);
  const step = 10 ** Math.max(0, String(whole).length - 3);
  const gbp = new Intl.NumberFormat("en-GB").format(Math.round(whole / step) * step);
  expect(words).toMatch(
    new RegExp(
      `^The fee is USD [\\d,]+ \\(about GBP ${gbp} at 1 USD = 0\\.79 GBP, the rate of \\d+ \\w+ \\d{4}\\), (within|GBP [\\d,]+ (above|below)) the partner's budget\\.$`
    )
  );
  // The partner's document states the equivalent, the rate and its source, and that the contract fixes the final rate.
  await expect(page.locator(".proposal-preview")).toContainText(
    new RegExp(`\\(Bank of England spot rate\\), 1 USD = 0\\.79 GBP, the fee is about GBP\\s${gbp}\\. The contract will fix the final exchange rate\\.`)
  );
  expect(report(`${proposal} (a rate recorded)`, await analyse(page))).toBe("");
  expect(errors).toEqual([]);
});

test("after the new generated text is taken, the section's box holds that text, not the edit left behind", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/proposal");
  const tools = page.locator("#section-tools-executive-summary");
  const box = tools.getByLabel("Text of “Executive summary”");
  await tools.getByText("Edit the words of “Executive summary”").click();
  await box.fill("Northbridge proposes a collaborative for USD 1,590,000.");
  await tools.getByRole("button", { name: "Save the words" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The section's words are saved in the draft" })).toBeVisible();
  // The engagement changes under the edit: a lever lowers the fee.
  const panel = page.getByTestId("budget-panel");
  await panel.locator("[data-lever]").first().getByRole("button", { name: "Apply to the proposal" }).click();
  await expect(page.getByRole("status").filter({ hasText: /applied to the proposal/ })).toBeVisible();
  await tools.getByRole("button", { name: "Take the new text" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The section says what the engagement generates again." })).toBeVisible();
  // Without a reload, the box starts from the generated text, not the edit given up.
  if (!(await tools.locator("details").evaluate((d) => (d as HTMLDetailsElement).open))) await tools.locator("summary").click();
  await expect(box).not.toHaveValue(/USD 1,590,000/);
  await expect(box).toHaveValue(/Northbridge/);
  expect(errors).toEqual([]);
});
