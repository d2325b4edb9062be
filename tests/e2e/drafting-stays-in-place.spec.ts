import { type Page } from "@playwright/test";
import { expect, pageAs, test, watchConsole } from "./support";

/**
 * The Proposal and Fit pages are long, and their forms are far down them: a section's words under the
 * section, an option's forms under Options, the fee-and-budget panel's levers. Sent, each leaves the
 * manager where they were, told there what it did; the page's message at the top, out of sight, is
 * still read out. Before, the answer took them to the top of the page, 3,000–4,000 pixels above.
 */

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test("a section's words saved on the live draft leave the manager at the section, told there", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = watchConsole(manager);
  await manager.goto("/engagements/4/proposal");
  await manager.waitForLoadState("networkidle");

  const editor = manager.locator("[data-section-editor=aims]");
  await editor.getByText("Edit the words of “Aims”").click();
  const box = editor.getByLabel("Text of “Aims”");
  await box.fill(`${await box.inputValue()}\n\nThe first wave reports monthly.`);
  const save = editor.getByRole("button", { name: "Save the words" });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  await expect(manager.getByRole("status").filter({ hasText: "The section's words are saved in the draft" })).toHaveCount(1);
  await manager.waitForLoadState("networkidle");

  const said = manager.locator("#section-tools-aims [data-sent-beside]");
  await expect(said).toHaveText("The section's words are saved in the draft; the next version freezes them.");
  await expect(said).toBeInViewport();
  expect(await scrollY(manager)).toBeGreaterThan(1000);
  // Said once, beside the section saved.
  await expect(manager.locator("[data-sent-beside]")).toHaveCount(1);

  // Going back to the generated words: that form goes with the answer, and the word stays at the section.
  await editor.getByText("Change the words of “Aims”").click();
  await editor.getByRole("button", { name: "Go back to the generated text" }).click();
  await expect(said).toHaveText("The section says what the engagement generates again.");
  await expect(said).toBeInViewport();
  expect(await scrollY(manager)).toBeGreaterThan(1000);
  expect(errors).toEqual([]);
});

test("an option's forms leave the manager at the option, told there; an option removed is said under Options", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = watchConsole(manager);
  await manager.goto("/engagements/4/proposal");
  await manager.waitForLoadState("networkidle");

  const panel = manager.getByTestId("options-panel");
  const virtual = panel.locator("article[data-option='Virtual']");
  await virtual.getByText("Change Virtual").click();
  await virtual.getByLabel("Name").fill("Virtual first");
  await virtual.getByRole("button", { name: "Save Virtual" }).click();
  const renamed = panel.locator("article[data-option='Virtual first']");
  await expect(renamed.locator("[data-sent-beside]")).toHaveText("Virtual first saved.");
  await expect(renamed.locator("[data-sent-beside]")).toBeInViewport();
  expect(await scrollY(manager)).toBeGreaterThan(500);

  await renamed.getByLabel("Yes, remove Virtual first: this cannot be undone.").check();
  await renamed.getByRole("button", { name: "Remove Virtual first" }).click();
  await expect(renamed).toHaveCount(0);
  const said = panel.locator(":scope > [data-sent-beside]");
  await expect(said).toHaveText("Virtual first removed from the proposal.");
  await expect(said).toBeInViewport();
  expect(await scrollY(manager)).toBeGreaterThan(500);
  expect(errors).toEqual([]);
});

test("a lever applied on the Fit page leaves the manager at the fee-and-budget panel, told there", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = watchConsole(manager);
  await manager.goto("/engagements/1/fit");
  await manager.waitForLoadState("networkidle");

  const panel = manager.getByTestId("budget-panel");
  const apply = panel.getByRole("button", { name: "Apply to the proposal" }).first();
  await apply.scrollIntoViewIfNeeded();
  expect(await scrollY(manager)).toBeGreaterThan(1000);
  await apply.click();
  const said = panel.locator("[data-sent-beside]");
  await expect(said).toHaveText(/applied to the proposal\./);
  await expect(said).toBeInViewport();
  await expect(said).toBeFocused();
  expect(await scrollY(manager)).toBeGreaterThan(1000);

  await panel
    .getByRole("button", { name: /Take the levers off|Remove the levers|levers off/ })
    .first()
    .click();
  await expect(said).toHaveText("The levers are off: the proposal is priced on its plan as it is.");
  await expect(said).toBeInViewport();
  expect(errors).toEqual([]);
});
