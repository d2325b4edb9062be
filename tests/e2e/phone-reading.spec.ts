import { type Locator, type Page } from "@playwright/test";
import { expect, pageAs, test, watchConsole } from "./support";

/**
 * On a phone's 390-pixel screen a table wider than its box scrolls sideways under a caption that wraps
 * within the box, the box named by that caption for a screen reader and scrollable from the keyboard;
 * a wide picture keeps a size its words can be read at and scrolls the same way; and no page asks the
 * reader to hover, which nothing on a phone can do.
 */

const PHONE = { width: 390, height: 844 };

/** Every caption shown on the page ends inside its scrolling box: none is cut off at the box's right. */
async function captionsWithinTheirBoxes(page: Page) {
  const cut = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[role=region] caption"))
      .filter((c) => !c.classList.contains("visually-hidden"))
      .map((c) => ({ caption: c.textContent, right: c.getBoundingClientRect().right, box: c.closest("[role=region]")!.getBoundingClientRect().right }))
      .filter((c) => c.right > c.box + 1)
  );
  expect(cut).toEqual([]);
}

/** Every box that scrolls sideways is a region with a name, and the name is its caption where it has one. */
async function boxesNamedByCaptions(page: Page, boxes: Locator) {
  const named = await boxes.evaluateAll((elements) =>
    elements.map((e) => ({
      scrolls: e.scrollWidth > e.clientWidth + 1,
      region: e.getAttribute("role") === "region",
      keyboard: e.getAttribute("tabindex") === "0",
      name: e.getAttribute("aria-label") ?? document.getElementById(e.getAttribute("aria-labelledby") ?? "")?.textContent ?? null,
      caption: e.querySelector("caption, figcaption")?.textContent ?? null,
    }))
  );
  const scrolling = named.filter((b) => b.scrolls);
  expect(scrolling.length).toBeGreaterThan(0);
  for (const b of scrolling) {
    expect(b).toMatchObject({ region: true, keyboard: true });
    expect(b.name).toBeTruthy();
    if (b.caption) expect(b.name).toBe(b.caption);
  }
}

test("a decided approval's tables wrap their captions on a phone, and its words say what approving did, pointing to the tables, not to hovering", async ({
  browser,
}) => {
  const leader = await pageAs(browser, "leader@demo.test", { viewport: PHONE });
  const errors = watchConsole(leader);
  await leader.goto("/approvals/1");
  const faculty = leader.getByRole("region", { name: "Faculty: FTE by month, this request on top of what is already booked" });
  await expect(faculty).toBeVisible();
  await captionsWithinTheirBoxes(leader);
  await boxesNamedByCaptions(leader, leader.locator(".table-wrap"));

  const note = leader.locator("[data-stacked-note]");
  await expect(note).toContainText("A triangle marks a month this request, approved, takes over capacity;");
  await expect(note).toContainText("its row “With this request” says by how much.");
  await expect(note).not.toContainText("approving would");
  await expect(leader.locator("main")).not.toContainText(/hover/i);

  // Still to be decided, the same words say what approving would do.
  await leader.goto("/approvals/2");
  await expect(leader.locator("[data-stacked-note]")).toContainText("A triangle marks a month that approving would take over capacity;");
  await expect(leader.locator("[data-stacked-note]")).toContainText("its row “If approved” says by how much.");
  await expect(leader.locator("main")).not.toContainText(/hover/i);

  await leader.goto("/portfolio");
  await captionsWithinTheirBoxes(leader);
  await boxesNamedByCaptions(leader, leader.locator(".table-wrap"));
  await expect(leader.locator("main")).not.toContainText(/hover/i);
  expect(errors).toEqual([]);
});

test("the partner's proposal on a phone: its tables wrap their captions, and the driver diagram and timeline pictures keep readable words, scrolling sideways", async ({
  browser,
}) => {
  const partner = await pageAs(browser, "partner@demo.test", { viewport: PHONE });
  const errors = watchConsole(partner);
  await partner.goto("/partner/engagements/1");
  await captionsWithinTheirBoxes(partner);
  await boxesNamedByCaptions(partner, partner.locator(".proposal-table-wrap, .proposal-figure__box"));
  await expect(partner.getByRole("region", { name: "Workplan by month" })).toBeVisible();

  const diagram = partner.getByRole("region", { name: "Driver diagram", exact: true });
  const picture = diagram.getByRole("img");
  // Drawn at its own width (over 1,200 pixels), not squeezed into the screen's 336.
  expect(await picture.evaluate((img) => img.getBoundingClientRect().width)).toBeGreaterThan(1000);
  await expect(diagram.getByText("Scroll sideways to see the whole picture")).toBeVisible();
  // The keyboard scrolls it.
  await diagram.focus();
  await partner.keyboard.press("ArrowRight");
  await expect.poll(() => diagram.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);

  const timeline = partner.getByRole("region", { name: "Timeline", exact: true });
  expect(await timeline.getByRole("img").evaluate((img) => img.getBoundingClientRect().width)).toBeGreaterThan(600);

  // A table wider than the screen says so, as a picture does, and stays said as it scrolls; one that fits says nothing.
  // The workplan by month, its months past the screen's width, too.
  const workplan = partner.getByRole("region", { name: "Workplan by month" });
  expect(await workplan.evaluate((b) => b.scrollWidth > b.clientWidth + 1)).toBe(true);
  await expect(workplan.getByText("Scroll sideways to see every column")).toBeVisible();
  const tables = await partner
    .locator(".proposal-table-wrap")
    .evaluateAll((boxes) =>
      boxes.map((b) => ({ scrolls: b.scrollWidth > b.clientWidth + 1, hint: b.querySelector("[data-scroll-hint]")?.textContent ?? null }))
    );
  expect(tables.filter((t) => t.scrolls).length).toBeGreaterThan(0);
  expect(tables.filter((t) => !t.scrolls).length).toBeGreaterThan(0);
  for (const t of tables) expect(t.hint).toBe(t.scrolls ? "Scroll sideways to see every column →" : null);
  const priorities = partner.getByRole("region", { name: "Ranked priorities and baseline data" });
  await priorities.focus();
  await partner.keyboard.press("ArrowRight");
  await expect.poll(() => priorities.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  await expect(priorities.getByText("Scroll sideways to see every column")).toBeInViewport();
  expect(errors).toEqual([]);
});
