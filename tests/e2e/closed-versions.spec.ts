import { expect, pageAs, test, watchConsole } from "./support";

/*
 * What the step bar, the approvals queue and the partner read once a request is withdrawn or a version
 * declined (docs/domain.md §9): where review stands, one line for a version withdrawn twice, and no
 * comment form on a version closed to the partner.
 */

test("a request withdrawn, asked for again and withdrawn again: the step bar says so, and the queue says it in one line", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = watchConsole(manager);
  // The Kestrel campaign's version 1 was submitted without being shared.
  await manager.goto("/engagements/3/review");
  for (let i = 0; i < 2; i++) {
    if (i > 0) await manager.getByRole("button", { name: "Submit version 1 for approval" }).click();
    await manager.getByRole("button", { name: "Withdraw the approval request" }).click();
    await expect(manager.locator('li[data-step="review"] .step-status')).toHaveText("Request withdrawn");
  }
  const leader = await pageAs(browser, "leader@demo.test");
  await leader.goto("/approvals");
  const lines = leader.locator("ul.reasons li").filter({ hasText: "National sepsis campaign" });
  await expect(lines).toHaveCount(1);
  await expect(lines).toHaveText(/^National sepsis campaign, version 1: withdrawn twice by Maya Okafor on \d{1,2} [A-Z][a-z]+ \d{4}$/);
  expect(errors).toEqual([]);
});

test("a version declined after the partner had it: the step bar says declined, and the partner reads its threads without a comment form or a reply", async ({
  browser,
}) => {
  // The partner comments on the shared version first, so that it has a thread a reply could go to.
  const partner = await pageAs(browser, "partner@demo.test");
  await partner.goto("/partner/engagements/1");
  const workplan = partner
    .locator("section.proposal-section", { has: partner.getByRole("heading", { level: 2, name: /Workplan and timeline/ }) })
    .locator(":scope > details.section-comment");
  await workplan.getByText("Comment on this section").click();
  await workplan.getByLabel(/Your comment on/).fill("Could the second learning session avoid our winter peak?");
  await workplan.getByRole("button", { name: "Send comment" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent" })).toBeVisible();
  const thread = partner.locator("[data-thread]").filter({ hasText: "avoid our winter peak" });
  // While the version is open, the thread takes a reply.
  await expect(thread.getByRole("button", { name: "Reply" })).toBeVisible();

  const manager = await pageAs(browser, "manager@demo.test");
  await manager.goto("/engagements/1/review");
  await manager.getByRole("button", { name: "Submit version 1 as it was frozen" }).click();
  await expect(manager.locator('li[data-step="review"] .step-status')).toHaveText("In progress");
  const leader = await pageAs(browser, "leader@demo.test");
  await leader.goto("/approvals");
  await leader.getByRole("link", { name: "Northshire patient safety partnership" }).first().click();
  await leader.waitForURL(/\/approvals\/\d+$/);
  await leader.getByLabel(/Reason/).fill("No faculty free in the spring.");
  await leader.getByRole("button", { name: "Decline" }).click();
  await expect(leader.locator(".notice, [role=status]").first()).toContainText("Declined");
  await manager.goto("/engagements/1/review");
  await expect(manager.locator('li[data-step="review"] .step-status')).toHaveText("Declined");

  const errors = watchConsole(partner);
  await partner.goto("/partner/engagements/1");
  await expect(partner.locator("[data-comments-closed]")).toHaveText(
    "Northbridge's leadership did not approve version 1, so it is closed and takes no more comments. The partnership team will follow up, and may share a newer version with you."
  );
  await expect(partner.getByText("Comment on this section")).toHaveCount(0);
  // The thread is still there to read, and takes no reply.
  await expect(thread).toContainText("Could the second learning session avoid our winter peak?");
  await expect(thread.getByRole("button", { name: "Reply" })).toHaveCount(0);
  await expect(partner.getByRole("button", { name: /Send comment|Reply/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});
