import { type Browser, type Page } from "@playwright/test";
import { expect, pageAs, test, watchConsole } from "./support";

/**
 * The partner's pages on a phone 390 px wide: nothing scrolls sideways (wide tables scroll inside their
 * own box), and the comment form opens beside the section it concerns.
 */
const PHONE = { width: 390, height: 844 };

const phone = (browser: Browser, email?: string) => pageAs(browser, email, { viewport: PHONE, isMobile: true, hasTouch: true });

/** The page's width, and what sticks out past the screen's right edge (for the message when it fails). */
async function widthOf(page: Page) {
  return page.evaluate((limit) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && !el.closest(".table-wrap, .table-scroll, [data-scrolls]"))
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  }, PHONE.width);
}

async function expectNoSidewaysScroll(page: Page, url: string, shots: string[], name: string) {
  await page.goto(url);
  await expect(page.locator("main").first()).toBeVisible();
  const { scrollWidth, wide } = await widthOf(page);
  expect(scrollWidth, `${url} is ${scrollWidth} px wide: ${wide.join("; ")}`).toBeLessThanOrEqual(PHONE.width);
  const file = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  shots.push(file);
}

/** The links from the partner's home to their proposals and opened intake sections. */
async function partnerLinks(page: Page): Promise<string[]> {
  await page.goto("/partner");
  const hrefs = await page.locator("main a[href^='/partner/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  return [...new Set(hrefs)];
}

test("every partner page fits a 390 px phone, and a section's comment form opens beside it", async ({ browser }) => {
  test.setTimeout(90_000);
  const shots: string[] = [];

  // Eastmere's programme (engagement 4): the manager opens the widest section the partner may fill in
  // (a row per priority) and one of plain fields.
  const manager = await pageAs(browser, "manager@demo.test");
  await manager.goto("/engagements/4/partner-intake");
  for (const label of ["Needs and priorities", "Budget"]) {
    await manager.getByRole("button", { name: `Open ${label} to the partner` }).click();
    await expect(manager.getByRole("status").filter({ hasText: `${label} is open` })).toBeVisible();
  }

  const visitor = await phone(browser);
  await expectNoSidewaysScroll(visitor, "/login", shots, "login");
  await expectNoSidewaysScroll(visitor, "/forgot-password", shots, "forgot-password");

  const pages: Record<string, Page> = {};
  for (const email of ["partner@demo.test", "partner2@demo.test"]) {
    const page = (pages[email] = await phone(browser, email));
    const errors = watchConsole(page);
    const who = email.split("@")[0]!;
    await expectNoSidewaysScroll(page, "/partner", shots, `${who}-home`);
    await expectNoSidewaysScroll(page, "/notices", shots, `${who}-notices`);
    const links = await partnerLinks(page);
    expect(links.length, `${email} has pages to read`).toBeGreaterThan(0);
    for (const [i, url] of links.entries()) {
      await expectNoSidewaysScroll(page, url, shots, `${who}-${i}`);
      if (url.startsWith("/partner/engagements/")) {
        // Every other version shared with them, too.
        const versions = await page.locator("main a[href^='?version=']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
        for (const v of versions) await expectNoSidewaysScroll(page, `${url}${v}`, shots, `${who}-${i}-${v.slice(1)}`);
      }
    }
    expect(errors).toEqual([]);
  }

  // The comment form is at the end of the section it concerns, closed until asked for.
  const partner = pages["partner@demo.test"]!;
  await partner.goto("/partner/engagements/1");
  const section = partner.locator("section.proposal-section").nth(2);
  const disclosure = section.locator(":scope > details.section-comment");
  await expect(disclosure).not.toHaveAttribute("open", "");
  await disclosure.locator("summary").click();
  const box = disclosure.getByLabel(/Your comment on/);
  await expect(box).toBeVisible();
  const [sectionBox, formBox] = [await section.boundingBox(), await box.boundingBox()];
  // Inside the section's own box, not thousands of pixels further down the page.
  expect(formBox!.y).toBeGreaterThan(sectionBox!.y);
  expect(formBox!.y + formBox!.height).toBeLessThanOrEqual(sectionBox!.y + sectionBox!.height);
  expect(formBox!.x + formBox!.width).toBeLessThanOrEqual(PHONE.width);
  await box.scrollIntoViewIfNeeded();
  const file = test.info().outputPath("comment-beside-section.png");
  await partner.screenshot({ path: file });
  shots.push(file);
  expect((await widthOf(partner)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
  console.log(`Phone screenshots:\n${shots.join("\n")}`);
});

test("a partner who accepted the version our leadership is deciding on reads so at once, the long status wrapping on a phone rather than widening the page", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const shots: string[] = [];
  // Northshire's version 1, shared, is submitted for approval.
  const manager = await pageAs(browser, "manager@demo.test");
  await manager.goto("/engagements/1/review");
  await manager.getByRole("button", { name: /^Submit version 1 / }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Version 1 submitted" })).toBeVisible();

  const partner = await phone(browser, "partner@demo.test");
  const errors = watchConsole(partner);
  await partner.goto("/partner/engagements/1");
  await expect(partner.locator(".page-header .badge")).toHaveText("In review");
  await partner.getByLabel("Your name").fill("Helen Marsh");
  await partner.getByLabel("Your title").fill("Chief Executive");
  await partner.getByLabel("I accept version 1 of this proposal on behalf of my organisation.").check();
  await partner.getByRole("button", { name: "Accept the proposal" }).click();
  await expect(partner.getByRole("status").filter({ hasText: "you accepted the proposal" })).toBeVisible();
  const accepted = "Accepted by your organisation, awaiting approval by Northbridge's leadership";
  await expect(partner.locator(".page-header .badge")).toHaveText(accepted);
  expect((await widthOf(partner)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
  await expectNoSidewaysScroll(partner, "/partner", shots, "accepted-home");
  await expect(partner.locator("main .badge").first()).toHaveText(accepted);
  expect(errors).toEqual([]);
});
