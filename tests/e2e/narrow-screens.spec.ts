import { type Browser, type Locator, type Page } from "@playwright/test";
import { expect, pageAs, test, watchConsole } from "./support";

/** A phone 390 px wide: the header keeps its Sign out on one line, and a table wider than its box says so. */
const PHONE = { width: 390, height: 844 };

/** How many lines an element's text takes. */
const linesOf = (page: Page, name: string) =>
  page.getByRole("button", { name }).evaluate((button) => {
    const range = document.createRange();
    range.selectNodeContents(button);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether an element shows whole: on screen at its left and right edges, and covered there by nothing. */
const shownWhole = (element: Locator) =>
  element.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const y = r.top + r.height / 2;
    return [r.left + 2, r.right - 2].every((x) => x >= 0 && x <= innerWidth && y >= 0 && y <= innerHeight && el.contains(document.elementFromPoint(x, y)));
  });

test("on a phone, every role's header keeps Sign out on one line, and the header fits the screen", async ({ browser }) => {
  for (const email of ["partner@demo.test", "manager@demo.test", "leader@demo.test"]) {
    const page = await pageAs(browser, email, { viewport: PHONE, isMobile: true });
    const errors = watchConsole(page);
    await page.goto(email.startsWith("partner") ? "/partner" : "/");
    expect(await linesOf(page, "Sign out"), email).toBe(1);
    expect(await sidewaysScroll(page), email).toBe(0);
    const header = (await page.locator("header.app-header").boundingBox())!;
    expect(header.x + header.width, email).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  }
});

/** The manager's Timeline page on a phone, and its items' own box, inside the section of the same name. */
async function timelineOnPhone(browser: Browser) {
  const page = await pageAs(browser, "manager@demo.test", { viewport: PHONE, isMobile: true });
  const errors = watchConsole(page);
  await page.goto("/engagements/1/timeline");
  const items = page.locator("section[aria-labelledby=items-heading]").getByRole("region", { name: "Items", exact: true });
  return { page, errors, items };
}

test("on a phone, the Timeline's items say they scroll sideways, and their box is named and takes the keyboard; on a wide screen, no such words", async ({
  browser,
}) => {
  const { page, errors, items } = await timelineOnPhone(browser);
  const hint = items.getByText("Scroll sideways to see each item's dates.");
  await expect(hint).toBeVisible();
  expect(await sidewaysScroll(page)).toBe(0);

  // The keyboard reaches the box and scrolls it; the words stay in view above the table.
  await items.focus();
  await expect(items).toBeFocused();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => items.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
  const [boxAt, hintAt] = [(await items.boundingBox())!, (await hint.boundingBox())!];
  expect(hintAt.x).toBeGreaterThanOrEqual(boxAt.x);
  expect(hintAt.x + hintAt.width).toBeLessThanOrEqual(boxAt.x + boxAt.width + 0.5);

  // Wide enough for the whole table, the words are not there.
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(items.getByText("Scroll sideways")).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** The chart's words (its labels, its sections, its months) cut off at either side of the drawing, or drawn over another, and the smallest's height. */
const chartWords = (chart: Locator) =>
  chart.evaluate((figure) => {
    const svg = figure.querySelector("svg")!;
    const drawn = svg.getBoundingClientRect();
    const words = [...svg.querySelectorAll("text")]
      .filter((t) => t.textContent!.trim())
      .map((t) => ({ text: t.textContent!.trim(), box: t.getBoundingClientRect() }));
    const crossing = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    return {
      count: words.length,
      cut: words.filter(({ box }) => box.left < drawn.left - 0.5 || box.right > drawn.right + 0.5).map((w) => w.text),
      over: words.flatMap((a, i) =>
        words
          .slice(i + 1)
          .filter((b) => crossing(a.box, b.box))
          .map((b) => `${a.text} / ${b.text}`)
      ),
      smallest: Math.min(...words.map((w) => w.box.height)),
    };
  });

test("on a phone, the Timeline's Gantt chart shows every label whole, clear of the others and as large as on a wide screen, scrolling sideways in its own frame", async ({
  browser,
}) => {
  const { page, errors } = await timelineOnPhone(browser);
  const chart = page.getByRole("figure", { name: /^Gantt chart: / });
  await expect(chart).toHaveAttribute("data-diagram-status", "drawn");
  const words = await chartWords(chart);
  expect(words.count).toBeGreaterThan(20);
  expect(words.cut).toEqual([]);
  expect(words.over).toEqual([]);
  // Mermaid's own 11 px type, not shrunk to the phone's width.
  expect(words.smallest).toBeGreaterThanOrEqual(11);
  await expect(chart.getByText("Scroll sideways to see the whole chart.")).toBeVisible();
  expect(await sidewaysScroll(page)).toBe(0);

  // The keyboard reaches the frame and scrolls it to the chart's far end.
  await chart.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => chart.evaluate((frame) => frame.scrollLeft)).toBeGreaterThan(0);

  // Wide enough for the whole chart, the words are not there.
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(chart.getByText("Scroll sideways")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("on a phone, each Timeline item's label stays in view at the left of its box, beside its dates and beside its Save, and the page does not widen", async ({
  browser,
}) => {
  const { page, errors, items } = await timelineOnPhone(browser);
  // An item whose start and end can both be changed.
  const row = items
    .locator("tbody tr")
    .filter({ has: page.locator("input[name=end]") })
    .first();
  const label = row.getByRole("textbox", { name: /^Label of / });
  await row.evaluate((tr) => window.scrollBy(0, tr.getBoundingClientRect().top - 200));

  // Scrolled to its end, the box shows the item's Save beside its label.
  await items.evaluate((box) => (box.scrollLeft = box.scrollWidth));
  expect(await items.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
  expect(await shownWhole(row.getByRole("button", { name: /^Save / }))).toBe(true);
  expect(await shownWhole(label)).toBe(true);
  // Its words show whole, the number that tells "Learning Session 2" from the others included.
  for (const text of await items.getByRole("textbox", { name: /^Label of Learning Session \d$/ }).all())
    expect(await text.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
  // Scrolled back to each date, the date shows whole beside the label, not under it.
  for (const date of [row.getByLabel(/^Start of /), row.getByLabel(/^End of /)]) {
    await date.evaluate((input) => input.scrollIntoView({ block: "nearest", inline: "nearest" }));
    expect(await shownWhole(date)).toBe(true);
    expect(await shownWhole(label)).toBe(true);
  }
  expect(await sidewaysScroll(page)).toBe(0);
  expect(errors).toEqual([]);
});

test("on a phone, the partner's workplan by month keeps its months readable and scrolls in its own box, each item's name staying in view", async ({
  browser,
}) => {
  const page = await pageAs(browser, "partner@demo.test", { viewport: PHONE, isMobile: true });
  const errors = watchConsole(page);
  await page.goto("/partner/engagements/1");
  const table = page.locator("table.proposal-gantt");
  await expect(table.locator("caption")).toHaveText(/Workplan by (month|quarter)/);
  // Each month's heading on one line ("Oct" over "2027"), not a letter a line.
  const month = table.locator("thead th.proposal-gantt__month").first();
  expect((await month.boundingBox())!.width).toBeGreaterThanOrEqual(30);
  expect(await month.evaluate((th) => th.querySelector("span")!.getClientRects().length)).toBe(1);
  // The page itself does not scroll sideways; the table's box does, and the item's name stays at its left.
  expect(await sidewaysScroll(page)).toBe(0);
  const box = table.locator("xpath=..");
  await box.evaluate((el) => (el.scrollLeft = 250));
  const name = table.locator("tbody th").first();
  expect(Math.abs((await name.boundingBox())!.x - (await box.boundingBox())!.x)).toBeLessThan(2);
  expect(errors).toEqual([]);
});

test("on a phone, the driver diagram's page fits the screen: each measure's name shows whole in its chip, and the drawing keeps words as large as the Gantt chart's, scrolling in its own frame", async ({
  browser,
}) => {
  const page = await pageAs(browser, "manager@demo.test", { viewport: PHONE, isMobile: true });
  const errors = watchConsole(page);
  await page.goto("/engagements/1/driver-diagram");
  const chart = page.getByRole("figure", { name: /^Driver diagram: / });
  await expect(chart).toHaveAttribute("data-diagram-status", "drawn");
  expect(await sidewaysScroll(page)).toBe(0);

  // A measure's chip under an item: inside the screen, its words all shown rather than cut at an ellipsis.
  const chips = page.getByRole("list", { name: "Measures" }).getByRole("link");
  expect(await chips.count()).toBeGreaterThan(5);
  for (const chip of await chips.all())
    expect(await chip.evaluate((a) => a.getBoundingClientRect().right <= innerWidth && a.scrollWidth <= a.clientWidth)).toBe(true);
  await expect(chips.filter({ hasText: "Ventilator bundle compliance (all-or-none)" }).first()).toBeVisible();

  // Mermaid's 16 px words shrunk to no less than 11 px; the frame says it scrolls, and the keyboard scrolls it.
  const words = await chartWords(chart);
  expect(words.count).toBeGreaterThan(10);
  expect(words.smallest).toBeGreaterThanOrEqual(11);
  await expect(chart.getByText("Scroll sideways to see the whole diagram.")).toBeVisible();
  await chart.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => chart.evaluate((frame) => frame.scrollLeft)).toBeGreaterThan(0);
  expect(await sidewaysScroll(page)).toBe(0);

  // Wide enough for the whole drawing fitted to the page, the words are not there.
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(chart.getByText("Scroll sideways")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("on a phone, no page of an engagement scrolls sideways, for the manager or the partner", async ({ browser }) => {
  const steps = [
    "",
    ...["context", "needs", "evidence", "scale", "capacity", "budget"].map((section) => `/intake?section=${section}`),
    "/fit",
    "/method",
    "/driver-diagram",
    "/driver-diagram?tab=measures",
    "/driver-diagram?tab=table",
    "/driver-diagram?tab=aim",
    "/driver-diagram?tab=csv",
    "/timeline",
    "/proposal",
    "/review",
    "/partner-intake",
    "/audit",
    "/versions/1",
  ];
  const manager = await pageAs(browser, "manager@demo.test", { viewport: PHONE, isMobile: true });
  const wide: string[] = [];
  for (const id of [1, 4])
    for (const step of steps) {
      await manager.goto(`/engagements/${id}${step}`);
      await manager.waitForLoadState("networkidle");
      if ((await sidewaysScroll(manager)) > 0) wide.push(`/engagements/${id}${step}`);
    }
  const partner = await pageAs(browser, "partner@demo.test", { viewport: PHONE, isMobile: true });
  for (const path of ["/partner", "/partner/engagements/1", "/partner/intake/1"]) {
    await partner.goto(path);
    await partner.waitForLoadState("networkidle");
    if ((await sidewaysScroll(partner)) > 0) wide.push(path);
  }
  expect(wide).toEqual([]);
});
