import fs from "node:fs";
import mammoth from "mammoth";
import { type Page } from "@playwright/test";
import { createVersion, expect, moveLearningSession2, pageAs, shareVersion, test, watchConsole } from "./support";

test("manager shares, partner asks for changes, a new version, partner accepts, two leaders approve, bookings confirmed", async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await pageAs(browser, "manager@demo.test");
  const partner = await pageAs(browser, "partner@demo.test");
  const errors = [...watchConsole(manager), ...watchConsole(partner)];

  // The partner finds the shared proposal waiting for them.
  await partner.getByRole("link", { name: /Notices \(1\)/ }).click();
  await partner.getByRole("link", { name: /A proposal was shared with you for review/ }).click();
  await expect(partner.getByRole("heading", { level: 1, name: "Northshire patient safety partnership" }).first()).toBeVisible();
  await expect(partner.getByText("For your review")).toBeVisible();
  // Never an internal field: no internal notes, no day rates.
  await expect(partner.getByText("procurement wants a fixed-price")).toHaveCount(0);

  // A comment on a section, from beside that section, then a request for changes with reasons.
  const workplan = partner
    .locator("section.proposal-section", { has: partner.getByRole("heading", { level: 2, name: /Workplan and timeline/ }) })
    .locator(":scope > details.section-comment");
  await workplan.getByText("Comment on this section").click();
  // An empty comment is refused with a summary above the form and the message beside the field, by the section.
  await workplan.getByRole("button", { name: "Send comment" }).click();
  const refused = partner
    .locator("section.proposal-section", { has: partner.getByRole("heading", { level: 2, name: /Workplan and timeline/ }) })
    .locator(":scope > details.section-comment");
  await expect(refused).toHaveAttribute("open", "");
  await expect(refused.locator(".error-summary")).toContainText("Comment");
  await expect(refused.locator(".field-error")).toBeVisible();
  await refused.getByLabel(/Your comment on/).fill("Learning Session 2 falls in our winter peak. Could it move later?");
  await refused.getByRole("button", { name: "Send comment" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent" })).toBeVisible();
  await expect(partner.locator("[data-thread]").first()).toContainText("Workplan and timeline");
  // A partner reads only threads they may see: no badge tells them one is "visible to the partner".
  await expect(partner.locator("[data-thread]").first()).not.toContainText("Visible to the partner");
  await partner.getByRole("button", { name: "Ask for changes" }).click();
  await expect(partner.locator("#reason-error")).toBeVisible();
  await partner.getByLabel(/Reasons/).fill("Please move Learning Session 2 out of the winter peak.");
  await partner.getByRole("button", { name: "Ask for changes" }).click();
  await expect(partner.getByText("Being revised")).toBeVisible();
  await expect(partner.locator("[data-answers]")).toContainText("Please move Learning Session 2 out of the winter peak.");

  // The manager sees the request, replies internally, and resolves the thread after acting on it.
  await manager.goto("/notices");
  await manager.getByRole("link", { name: "The partner asked for changes: Northshire patient safety partnership" }).click();
  await expect(manager.locator("[data-answers]")).toContainText("Please move Learning Session 2 out of the winter peak.");
  await expect(manager.locator("[data-thread]").filter({ hasText: "winter peak" })).toContainText("Visible to the partner");
  await manager.getByLabel("Section").selectOption({ label: "Workplan and timeline" });
  await manager.getByLabel("Comment", { exact: true }).fill("Faculty can do late January; check with Dr Sørensen.");
  await manager.getByLabel("Internal: our staff only, never shown to the partner").check();
  await manager.getByRole("button", { name: "Add comment" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Internal comment added" })).toBeVisible();

  await moveLearningSession2(manager, 42);
  // Other tests may have frozen versions already: take whatever number comes next.
  const next = await createVersion(manager, 1);
  await manager.goto("/engagements/1/review");
  await manager.locator("[data-thread]").filter({ hasText: "winter peak" }).getByRole("button", { name: "Mark resolved" }).click();
  await shareVersion(manager, next);
  // While the partner has it, the steps that feed the next version say so.
  await manager.goto("/engagements/1/intake");
  await expect(manager.locator('[data-out-for-decision="with_partner"]')).toContainText("The latest proposal version is with the partner for review.");

  // The partner sees what changed since the version they last saw, never the internal comment, and accepts.
  await partner.goto("/partner/engagements/1");
  const changes = partner.getByRole("heading", { name: "What changed since version 1, the one you last saw" });
  await expect(changes).toBeVisible();
  await expect(partner.locator("[data-changes]")).toContainText(/items move (\d+ weeks|about \d+ months?) later: Learning Session 2; /);
  // It stays while the partner reads, until they answer.
  await partner.waitForTimeout(3_000);
  await expect(changes).toBeVisible();
  await expect(partner.getByText("check with Dr Sørensen")).toHaveCount(0);
  await partner.getByLabel("Your name").fill("Helen Marsh");
  await partner.getByLabel("Your title").fill("Chief Executive");
  await partner.getByLabel(/I accept version \d+ of this proposal/).check();
  await partner.getByRole("button", { name: "Accept the proposal" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "you accepted the proposal" })).toBeVisible();
  await expect(partner.getByText("Accepted by your organisation")).toBeVisible();
  await expect(changes).toHaveCount(0);

  // The manager submits it; it is large enough to need two leaders.
  await manager.goto("/engagements/1/review");
  await manager.getByRole("button", { name: `Submit version ${next} for approval` }).click();
  await expect(manager.getByRole("status").filter({ hasText: "submitted to leadership" })).toBeVisible();

  const leader = await pageAs(browser, "leader@demo.test");
  await leader.getByRole("link", { name: "Approvals", exact: true }).click();
  // The engagement list the leader lands on links the same title: wait for the approvals page first.
  await expect(leader).toHaveURL(/\/approvals$/);
  // The queue says its order, the portfolio's: longest waiting first.
  await expect(leader.getByText("Proposal versions waiting for leadership to approve the resourcing they commit, longest waiting first.")).toBeVisible();
  await leader.getByRole("link", { name: "Northshire patient safety partnership" }).click();
  await expect(leader).toHaveURL(/\/approvals\/\d+$/);
  await expect(leader.getByText("Two leaders must approve.")).toBeVisible();
  await expect(leader.locator("[data-fte-months]")).toContainText("FTE-months");
  await expect(leader.locator('tr[data-row="over"] th').first()).toHaveText("If approved");
  await leader.screenshot({ path: "test-results/approval.png", fullPage: true });
  await leader.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(leader.getByRole("status").filter({ hasText: "Your approval is recorded. It needs 1 more leader." })).toBeVisible();
  await expect(leader.locator("[data-my-decision]")).toContainText("You approved this request on");
  await expect(leader.locator("[data-decisions]")).toContainText("Daniel Reyes: approved on");

  const leader2 = await pageAs(browser, "leader2@demo.test");
  await leader2.goto("/notices");
  await leader2.getByRole("link", { name: /An approval is waiting for you: Northshire/ }).click();
  await leader2.getByLabel(/Conditions/).fill("Confirm faculty for Learning Session 3 by May.");
  await leader2.getByRole("button", { name: "Approve with conditions" }).click();
  // Said as what came of the request, the first leader's plain approval and this one's conditions together.
  await expect(leader2.getByRole("status").filter({ hasText: "Approved with conditions: a leader's conditions stand with the approval" })).toContainText(
    "bookings are now confirmed"
  );
  // The second approver's decision is confirmed on the page as the first one's is, and stays there.
  await expect(leader2.locator("[data-my-decision]")).toContainText("You approved this request with conditions on");
  await expect(leader2.locator("[data-my-decision]")).toContainText("The request is approved with conditions");
  await expect(leader2.locator("[data-decisions]")).toContainText("Priya Raman: approved with conditions on");
  await expect(leader2.locator("[data-decisions]")).not.toContainText("approve on");
  await leader2.reload();
  await expect(leader2.locator("[data-my-decision]")).toContainText("You approved this request with conditions on");
  // Decided, the request's row on each role's table no longer says what approving it would do.
  await expect(leader2.locator('tr[data-row="over"] th').first()).toHaveText("With this request");

  // The engagement is approved and the partner had accepted it: it is agreed, and what remains is leadership's
  // conditions, named with who set them, not "nothing"; its document carries the approval and no DRAFT marking.
  await manager.goto("/engagements/1/review");
  await expect(manager.getByRole("heading", { name: /Where it stands/ })).toContainText("Agreed");
  await expect(manager.locator("[data-partner-accepted]")).toContainText(
    /accepted version \d+ for the partner on .+ Our leadership approved it too, with conditions: the proposal is agreed, and leadership's conditions remain for you to meet:$/
  );
  await expect(manager.locator("[data-conditions-to-meet] li")).toHaveText([/^Priya Raman, .+: Confirm faculty for Learning Session 3 by May\.$/]);
  await expect(manager.getByRole("main")).not.toContainText("nothing remains");
  await manager.goto(`/engagements/1/versions/${next}`);
  // On the version's page leadership's conditions are marked internal, as the page's other internal content is,
  // and the partner's page leaves them out.
  const conditions = manager.locator('[data-audience="internal"]').filter({ has: manager.locator("[data-approval-conditions]") });
  await expect(conditions).toHaveText(/^Internal — not in the partner version\s*Leadership's conditions.*Confirm faculty for Learning Session 3 by May\.$/);
  await expect(manager.locator("table.proposal-approvers").first()).not.toContainText("Confirm faculty");
  await partner.goto("/partner/engagements/1");
  await expect(partner.locator("main")).toContainText("Priya Raman");
  await expect(partner.locator("main")).not.toContainText("Confirm faculty for Learning Session 3 by May.");
  const [download] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: "Download Word (.docx)" }).click()]);
  expect(download.suggestedFilename()).toBe(`northshire-patient-safety-partnership-v${next}.docx`);
  const { value: text } = await mammoth.extractRawText({ buffer: fs.readFileSync((await download.path())!) });
  expect(text).not.toContain("DRAFT");
  expect(text).toContain("Priya Raman");
  // Leadership's conditions are ours: the partner version leaves them out, the internal briefing carries them.
  expect(text).toContain("Partner version");
  expect(text).not.toContain("Confirm faculty for Learning Session 3 by May.");
  // The partner reads the decision as it was given, with conditions, never the conditions' text.
  expect(text).toContain("Agreed, with conditions");
  expect(text).toContain("Approved with conditions");
  expect(text).toMatch(/Approved by \S+'s leadership/);
  const [briefing] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: "Internal briefing (Word)" }).click()]);
  expect(briefing.suggestedFilename()).toBe(`northshire-patient-safety-partnership-v${next}-internal-briefing.docx`);
  const { value: internal } = await mammoth.extractRawText({ buffer: fs.readFileSync((await briefing.path())!) });
  expect(internal).toContain("Confirm faculty for Learning Session 3 by May.");
  expect(internal).toContain("Internal annex — not for the partner");

  // The portfolio lists it among the agreed engagements, approved and accepted, as the engagement list
  // says it (its bookings are checked as confirmed in tests/integration/review.test.ts).
  await leader.goto("/portfolio");
  await expect(leader.locator('table.portfolio-stages tbody[data-stage="agreed"]')).toContainText("Northshire patient safety partnership");

  // The audit trail has the whole path.
  await manager.goto("/engagements/1/audit");
  const audit = manager.locator("[data-audit]");
  for (const step of [
    "Shared a version with the partner",
    "The partner asked for changes",
    "Commented",
    "Created a proposal version",
    "The partner accepted a version",
    "Submitted a version for approval",
    "Approved with conditions",
    "Downloaded a version",
  ]) {
    await expect(audit).toContainText(step);
  }
  expect(errors).toEqual([]);
});

test("two leaders approving at once: exactly one decision takes the request past the gate", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test");
  // The Kestrel campaign is awaiting approval in the demo data.
  const a = await pageAs(browser, "leader@demo.test");
  const b = await pageAs(browser, "leader2@demo.test");
  await a.goto("/approvals");
  await a.getByRole("link", { name: "National sepsis campaign" }).click();
  await a.waitForURL(/\/approvals\/\d+$/);
  await b.goto(a.url());
  const decide = (p: Page) => p.getByRole("button", { name: "Decline" }).click();
  await a.getByLabel(/Reason/).fill("Too little central team time in spring.");
  await b.getByLabel(/Reason/).fill("Not this year.");
  await Promise.all([decide(a), decide(b)]);
  const outcome = async () => (await Promise.all([a, b].map((p) => p.locator(".notice, [role=status]").allInnerTexts()))).flat().join("\n");
  await expect.poll(outcome, { timeout: 20_000 }).toMatch(/Declined\. The engagement's tentative bookings are released\./);
  await expect.poll(outcome, { timeout: 20_000 }).toMatch(/already been decided|Another leader decided/);
  await manager.goto("/engagements/3/review");
  await expect(manager.locator("[data-requests]")).toContainText("Declined");
});
