import { type Page } from "@playwright/test";
import { expect, pageAs, saveTimelineRow, test, watchConsole } from "./support";

/**
 * A form that stays on a long page keeps the reader where they were: a comment sent under a section
 * of the partner's proposal (some 21,000 pixels long on a phone), a row saved halfway down the
 * timeline's table. The page does not go back to its top, the focus stays on the button pressed, in
 * view, and what happened is said beside it (the page's message at the top, out of sight, is read out).
 */

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

test("a comment sent while the page is still recording that the partner opened it: what happened is said, at the top and beside the form", async ({
  browser,
}) => {
  // Opening the version records it as read by a small form of the page's own, and the page then asks for
  // its data again. On a slow connection that answer comes after the comment's: both asked for the page's
  // data, and the message must reach the one the browser keeps.
  const partner = await pageAs(browser, "partner@demo.test");
  const errors = watchConsole(partner);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let seenHeld = 0;
  await partner.route(
    (url) => url.pathname.startsWith("/partner/engagements/1"),
    async (route) => {
      const body = route.request().postData() ?? "";
      if (route.request().method() === "POST" && body.includes("intent=seen")) {
        seenHeld += 1;
        await held;
      }
      if (route.request().method() === "POST" && body.includes("intent=comment")) setTimeout(release, 50);
      await route.continue();
    }
  );
  await partner.goto("/partner/engagements/1");
  await expect.poll(() => seenHeld).toBe(1);

  const workplan = partner.locator("section.proposal-section", { has: partner.getByRole("heading", { level: 2, name: /Workplan and timeline/ }) });
  const box = workplan.locator(":scope > details.section-comment");
  await box.getByText("Comment on this section").click();
  await box.getByLabel(/Your comment on/).fill("Could the second learning session avoid our winter peak?");
  await box.getByRole("button", { name: "Send comment" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent to the partnership team." })).toHaveCount(1);
  await expect(box.locator("[data-sent-beside]")).toHaveText("Comment sent to the partnership team. Read it under Comments");
  // Still there once every answer is in.
  await partner.waitForLoadState("networkidle");
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent to the partnership team." })).toHaveCount(1);
  await expect(box.locator("[data-sent-beside]")).toBeVisible();
  // A link followed to another page leaves the message behind, and it does not come back on returning.
  await partner.getByRole("link", { name: "Your proposals" }).first().click();
  await expect(partner).toHaveURL(/\/partner$/);
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent" })).toHaveCount(0);
  await partner.goBack();
  await expect(partner.getByRole("heading", { level: 1, name: "Northshire patient safety partnership" })).toBeVisible();
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent" })).toHaveCount(0);
  await expect(partner.locator("[data-sent-beside]")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a comment sent under a section on a phone leaves the partner at the section, told there, with a link to the comment", async ({ browser }) => {
  const partner = await pageAs(browser, "partner@demo.test", { viewport: PHONE });
  const errors = watchConsole(partner);
  await partner.goto("/partner/engagements/1");
  await partner.waitForLoadState("networkidle");

  const aims = partner.locator("section.proposal-section", { has: partner.getByRole("heading", { level: 2, name: /Aims/ }) });
  const box = aims.locator(":scope > details.section-comment");
  await box.getByText("Comment on this section").click();
  await box.getByLabel(/Your comment on/).fill("Could the aim say what it expects by the end of the first year?");
  const send = box.getByRole("button", { name: "Send comment" });
  await send.click();
  // Read out as it arrives, from the page's message region.
  await expect(partner.getByRole("status").filter({ hasText: "Comment sent to the partnership team." })).toHaveCount(1);

  // The partner is still at the section, on the button they pressed, and told there.
  expect(await scrollY(partner)).toBeGreaterThan(2000);
  await expect(send).toBeInViewport();
  await expect(send).toBeFocused();
  const sent = box.locator("[data-sent-beside]");
  await expect(sent).toHaveText("Comment sent to the partnership team. Read it under Comments");
  await expect(sent).toBeInViewport();
  // The box is empty for the next comment, and says the section now has a thread.
  await expect(box.getByLabel(/Your comment on/)).toHaveValue("");
  await expect(box.locator("summary")).toHaveText("Comment on this section (1 thread below)");

  await sent.getByRole("link", { name: "Read it under Comments" }).click();
  const thread = partner.locator("[data-thread]").filter({ hasText: "Could the aim say what it expects by the end of the first year?" });
  await expect(thread).toBeInViewport();
  await expect(thread).toContainText("Aims");
  expect(errors).toEqual([]);
});

test("a timeline row saved on a tablet leaves the manager at the row, told there what moved", async ({ browser }) => {
  const manager = await pageAs(browser, "manager@demo.test", { viewport: TABLET });
  const errors = watchConsole(manager);
  await manager.goto("/engagements/1/timeline");
  await manager.waitForLoadState("networkidle");

  const row = manager.locator("tr[data-item=expert_meeting]");
  const start = row.getByLabel("Start of Expert meeting");
  const was = await start.inputValue();
  await start.fill(new Date(Date.parse(`${was}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
  const save = row.getByRole("button", { name: "Save Expert meeting" });
  await save.scrollIntoViewIfNeeded();
  const before = await scrollY(manager);
  expect(before).toBeGreaterThan(500);
  await saveTimelineRow(manager, row, "Save Expert meeting");
  await expect(manager.getByRole("status").filter({ hasText: "Timeline updated" })).toHaveCount(1);

  // The manager is still at the row, on its Save, and told there.
  expect(Math.abs((await scrollY(manager)) - before)).toBeLessThan(300);
  await expect(save).toBeInViewport();
  await expect(save).toBeFocused();
  const said = row.locator("[data-sent-beside]");
  await expect(said).toHaveText(/^Timeline updated; \d+ items after it moved with it\.$/);
  await expect(said).toBeInViewport();
  // Said once, in the row that was saved: no other row says it.
  await expect(manager.locator("[data-sent-beside]")).toHaveCount(1);

  // Another row saved: the word moves to that row.
  const ls1 = manager.locator("tr[data-item=ls1]");
  await saveTimelineRow(manager, ls1, "Save Learning Session 1");
  await expect(ls1.locator("[data-sent-beside]")).toHaveText("Nothing changed: the row was saved as it already was.");
  await expect(said).toHaveCount(0);
  expect(errors).toEqual([]);
});
