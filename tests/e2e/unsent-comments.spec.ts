import { type Page } from "@playwright/test";
import { expect, pageAs, test, watchConsole } from "./support";

/**
 * A comment the partner typed under a section and did not send is never dropped by their answer: the
 * answer is refused, the box says to send or clear it first, and what they typed stays where it was.
 */

const workplanComment = (page: Page) =>
  page
    .locator("section.proposal-section", { has: page.getByRole("heading", { level: 2, name: /Workplan and timeline/ }) })
    .locator(":scope > details.section-comment");

const TYPED = "Learning Session 2 clashes with our winter pressures; could it move to March?";
const REFUSED = "Your comment on “Workplan and timeline” is not sent yet: send it, or clear it, before you ask for changes.";

test("asking for changes while a comment is typed and not sent is refused beside the comment, and nothing is lost", async ({ browser }) => {
  test.setTimeout(120_000);
  const partner = await pageAs(browser, "partner@demo.test");
  const errors = watchConsole(partner);
  await partner.goto("/partner/engagements/1");
  await partner.waitForLoadState("networkidle");

  const box = workplanComment(partner);
  await box.getByText("Comment on this section").click();
  await box.getByLabel(/Your comment on/).fill(TYPED);
  await partner.getByLabel(/Reasons/).fill("Please move Learning Session 2 out of the winter peak.");
  await partner.getByRole("button", { name: "Ask for changes" }).click();

  // Not sent: the partner is told so beside the comment, and above the answer with a link to it.
  await expect(box.locator(".field-error")).toHaveText(REFUSED);
  await expect(box.getByLabel(/Your comment on/)).toHaveAccessibleDescription(new RegExp(REFUSED.replace(/[.?*+()[\]]/g, "\\$&")));
  await expect(partner.locator(".error-summary")).toContainText(REFUSED);
  await expect(partner.getByText("Your request for changes was sent")).toHaveCount(0);
  await expect(partner.getByText("Being revised")).toHaveCount(0);
  // What was typed is all still there: the comment and the reasons.
  await expect(box.getByLabel(/Your comment on/)).toHaveValue(TYPED);
  await expect(partner.getByLabel(/Reasons/)).toHaveValue("Please move Learning Session 2 out of the winter peak.");
  // Focus is on the summary, whose link takes the partner to the comment.
  await expect(partner.locator(".error-summary")).toBeFocused();
  await partner.keyboard.press("Tab");
  await expect(partner.locator(".error-summary").getByRole("link", { name: REFUSED })).toBeFocused();
  await partner.keyboard.press("Enter");
  await expect(box.getByLabel(/Your comment on/)).toBeFocused();

  // Accepting is refused the same way, also when the answer is sent from the keyboard.
  await partner.getByLabel("Your name").fill("Helen Marsh");
  await partner.getByLabel("Your title").fill("Chief Executive");
  await partner.getByLabel(/I accept version \d+ of this proposal/).check();
  await partner.getByLabel("Your title").press("Enter");
  await expect(box.locator(".field-error")).toHaveText(REFUSED.replace("ask for changes", "accept the proposal"));
  await expect(partner.getByText("Accepted by your organisation")).toHaveCount(0);

  // Sent, the comment reaches the team, and the request for changes goes through.
  await box.getByRole("button", { name: "Send comment" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent" })).toBeVisible();
  await expect(partner.locator("[data-thread]").filter({ hasText: TYPED })).toContainText("Workplan and timeline");
  await partner.getByLabel(/Reasons/).fill("Please move Learning Session 2 out of the winter peak.");
  await partner.getByRole("button", { name: "Ask for changes" }).click();
  await expect(partner.getByText("Being revised")).toBeVisible();

  const manager = await pageAs(browser, "manager@demo.test");
  await manager.goto("/engagements/1/review");
  await expect(manager.locator("[data-thread]").filter({ hasText: TYPED })).toContainText("Workplan and timeline");
  expect(errors).toEqual([]);
});
