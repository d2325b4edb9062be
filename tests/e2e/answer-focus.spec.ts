import { type Locator, type Page } from "@playwright/test";
import { createVersion, expect, moveLearningSession2, pageAs, test, watchConsole } from "./support";

/**
 * A form that goes once it is sent (the partner's acceptance, a version shared with the partner or
 * submitted for approval: none is offered again) leaves keyboard and screen-reader users on the message
 * of what happened, read out, not at the top of the page with focus lost. The demo's Northshire
 * engagement (1) has version 1 with its partner for review.
 */

/** Presses the button from the keyboard, as a keyboard user sends the form. */
async function press(page: Page, button: Locator) {
  await button.focus();
  await page.keyboard.press("Enter");
}

test("the partner's acceptance, then sharing and submitting the next version, leave focus on what happened", async ({ browser }) => {
  test.setTimeout(150_000);
  const partner = await pageAs(browser, "partner@demo.test");
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = [...watchConsole(partner), ...watchConsole(manager)];

  await partner.goto("/partner/engagements/1");
  // Arriving, the partner reads what is asked of them, and a link takes them past the proposal to their answer.
  const nextStep = partner.locator("[data-next-step]");
  await expect(nextStep).toHaveText(
    /^Your answer is awaited\. Read version 1 below, comment on any section, then accept it or ask for changes at the end of the page\./
  );
  await expect(nextStep).toBeInViewport();
  await nextStep.getByRole("link", { name: "Go to your answer" }).click();
  await expect(partner.getByRole("heading", { name: "Your answer" })).toBeInViewport();
  await partner.getByLabel("Your name").fill("Helen Marsh");
  await partner.getByLabel("Your title").fill("Chief Executive");
  await partner.getByLabel(/I accept version \d+ of this proposal/).check();
  await press(partner, partner.getByRole("button", { name: "Accept the proposal" }));
  const accepted = partner.getByRole("status").filter({ hasText: "Thank you: you accepted the proposal. The partnership team will take it forward." });
  await expect(accepted).toBeFocused();
  await expect(accepted).toBeInViewport();
  await expect(partner.getByRole("button", { name: "Accept the proposal" })).toHaveCount(0);
  await expect(nextStep).toHaveCount(0);

  // The next version, shared and then submitted from the Review page, each from the keyboard.
  await moveLearningSession2(manager, 42);
  const next = await createVersion(manager, 1);
  await manager.goto("/engagements/1/review");
  await press(manager, manager.getByRole("button", { name: `Share version ${next} with the partner`, exact: true }));
  const shared = manager.getByRole("status").filter({ hasText: `Version ${next} shared with the partner's executives, who are asked to answer by` });
  await expect(shared).toBeFocused();
  await expect(shared).toBeInViewport();
  await expect(manager.getByRole("button", { name: `Share version ${next} with the partner`, exact: true })).toHaveCount(0);

  await press(manager, manager.getByRole("button", { name: `Submit version ${next} for approval` }));
  const submitted = manager.getByRole("status").filter({ hasText: `Version ${next} submitted to leadership for approval.` });
  await expect(submitted).toBeFocused();
  await expect(submitted).toBeInViewport();

  // Opened again, the page starts at its top with no message to land on, as any page does.
  await manager.reload();
  await expect(submitted).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a form still on the page after it is sent keeps focus where it was, not on the message", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test");
  await manager.goto("/engagements/1/review");
  const comment = manager.getByLabel("Comment", { exact: true });
  await manager.getByLabel("Section").selectOption({ label: "Workplan and timeline" });
  await comment.fill("Faculty can do late January.");
  await comment.focus();
  await press(manager, manager.getByRole("button", { name: "Add comment" }));
  const added = manager.getByRole("status").filter({ hasText: "Comment added" });
  await expect(added).toBeVisible();
  await expect(added).not.toBeFocused();
});
