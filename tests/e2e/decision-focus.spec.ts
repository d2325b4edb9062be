import { expect, pageAs, test, watchConsole } from "./support";

/**
 * Once a leader decides on an approval request, its form is gone: keyboard and screen-reader users land
 * on what became of their decision, in the form's place and read out, not at the top of the page with
 * no word of it; a leader beaten to it by another lands on that message instead. The demo's National
 * sepsis campaign (request 2) awaits two leaders' approval.
 */
test("after deciding, focus is on the confirmation of the decision, where the form was", async ({ browser }) => {
  const leader = await pageAs(browser, "leader@demo.test");
  const errors = watchConsole(leader);
  const other = await pageAs(browser, "leader2@demo.test");
  await leader.goto("/approvals/2");
  await other.goto("/approvals/2");

  await leader.getByRole("button", { name: "Approve", exact: true }).focus();
  await leader.keyboard.press("Enter");
  const confirmation = leader.getByRole("status").filter({ has: leader.locator("[data-my-decision]") });
  await expect(confirmation).toHaveText(/^You approved this request on \d{1,2} \w+ \d{4}\. It needs 1 more leader to approve it\.$/);
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toBeInViewport();

  // Opened again, the confirmation is there, but the page starts at its top, as any page does.
  await leader.reload();
  await expect(leader.locator("[data-my-decision]")).toBeVisible();
  await expect(confirmation).not.toBeFocused();

  // The second leader opened the page before the first approved: their decision is refused as made on a
  // page out of date, and focus is on why.
  await other.getByLabel(/Reason/).fill("Not this year.");
  await other.getByRole("button", { name: "Decline" }).click();
  const refused = other.getByRole("status").filter({ hasText: "Another leader decided on this request while you were reading it. Review it again." });
  await expect(refused).toBeVisible();
  await expect(refused).toBeFocused();
  await expect(refused).toBeInViewport();
  expect(errors).toEqual([]);
});
