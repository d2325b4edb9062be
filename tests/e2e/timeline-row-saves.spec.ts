import { expect, pageAs, pressAndWatch, saveTimelineRow, test, signIn, watchConsole } from "./support";

/**
 * A row's Save and the "comes after" list's Add post the whole timeline page: each says what is
 * happening while it is answered and cannot be sent twice, like the workflow's buttons. A row saved
 * as it was says that nothing changed; a row saved loses nothing typed in another row and not yet
 * saved. On a laptop's 1280-pixel screen the table fits its card or scrolls inside it, and every
 * row's Save and Delete show whole, none cut off at the card's edge. A length of one reads as one:
 * "1 day", "1 month". A start typed takes its row's end with it, so no row shows an end before its start.
 */

const TIMELINE = "/engagements/1/timeline";

test("Save and Add say what is happening and cannot be sent twice; a row saved as it was says nothing changed", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const ls2 = page.locator("tr[data-item=ls2]");
  // Every other button of the page waits too.
  const alsoWaiting = [page.locator("tr[data-item=ls1]").getByRole("button", { name: "Save Learning Session 1" })];

  await pressAndWatch(page, { within: ls2, name: "Save Learning Session 2", pending: "Saving…", path: TIMELINE, alsoWaiting });
  await expect(page.getByRole("status").filter({ hasText: "Nothing changed: the row was saved as it already was." })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toHaveCount(0);

  const report = page.locator("tr[data-item=final_report]");
  await report.getByRole("link", { name: /^Add what Final report.* comes after$/ }).click();
  await report.getByLabel(/^Final report.* comes after$/).selectOption({ label: "Learning Session 1" });
  await pressAndWatch(page, { within: report, name: /^Add to what Final report.* comes after$/, pending: "Adding…", path: TIMELINE, alsoWaiting });
  await expect(page.getByRole("status").filter({ hasText: "The item now comes after the one chosen" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("on a 1280-pixel screen every row's Delete shows whole within the items card, whatever widens the table", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "manager@demo.test");
  const card = page.locator("section.card", { has: page.locator("#items-heading") });
  const wrap = card.locator(".table-wrap");

  async function everyDeleteReachable(state: string) {
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/timeline-items-1280-${state}.png`, fullPage: true });
    const cardBox = (await card.boundingBox())!;
    const wrapBox = (await wrap.boundingBox())!;
    // The table's box stays inside its card.
    expect(wrapBox.x + wrapBox.width, state).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
    const deletes = card.getByRole("link", { name: /^Delete .*…$/ });
    expect(await deletes.count()).toBeGreaterThan(5);
    for (const button of await deletes.all()) {
      // Whole and inside the table's box as the page opens, without scrolling the table sideways.
      const box = (await button.boundingBox())!;
      expect(box.x, state).toBeGreaterThanOrEqual(wrapBox.x - 0.5);
      expect(box.x + box.width, state).toBeLessThanOrEqual(wrapBox.x + wrapBox.width + 0.5);
    }
    // Scrolled sideways to its far end, the table still shows every Delete whole.
    await wrap.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    for (const button of await deletes.all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, state).toBeLessThanOrEqual(wrapBox.x + wrapBox.width + 0.5);
    }
    await wrap.evaluate((el) => (el.scrollLeft = 0));
  }

  await page.goto("/engagements/1/timeline");
  await everyDeleteReachable("plain");
  // A row's list of what it could come after open: the widest the After column gets.
  await page.goto("/engagements/1/timeline?after=final_report");
  await expect(page.locator('select[name="on"]')).toHaveCount(1);
  await everyDeleteReachable("list-open");
});

test("a row saved keeps what is typed in the other rows, not yet saved; the rows that moved with it show their new dates", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const row = (id: string) => page.locator(`tr[data-item=${id}]`);
  const label = (id: string) => row(id).locator('input[name="label"]');
  const start = (id: string) => row(id).locator('input[name="start"]');
  const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const rows = await page.locator("tr[data-item]").all();
  const labels = new Map(
    await Promise.all(rows.map(async (r) => [(await r.getAttribute("data-item"))!, await r.locator('input[name="label"]').inputValue()] as const))
  );
  const ls2Start = await start("ls2").inputValue();
  const ls3Start = await start("ls3").inputValue();
  const planningStart = await start("planning_group").inputValue();

  // Typed, not saved: a later item's label, an unrelated item's start.
  await label("ls3").fill("Learning Session 3, online");
  await start("planning_group").fill(day(planningStart, 3));
  // Learning Session 2 moved a week later, which moves Learning Session 3 with it.
  await start("ls2").fill(day(ls2Start, 7));
  await row("ls2").getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();

  await expect(start("ls2")).toHaveValue(day(ls2Start, 7));
  await expect(label("ls3")).toHaveValue("Learning Session 3, online");
  await expect(start("ls3")).toHaveValue(day(ls3Start, 7));
  await expect(start("planning_group")).toHaveValue(day(planningStart, 3));
  // Every row untouched shows its own label.
  for (const [id, text] of labels) if (id !== "ls3") await expect(label(id)).toHaveValue(text);

  // A row refused keeps what was typed while another is saved.
  const ap1End = await row("ap1").locator('input[name="end"]').inputValue();
  await start("congress").fill(ap1End);
  await row("congress")
    .getByRole("button", { name: /^Save Summative congress/ })
    .click();
  await expect(start("congress")).toHaveAttribute("aria-invalid", "true");

  // Saved in its turn, the row shows its label as stored, and the other rows' typing still waits.
  await label("ls3").fill("  Learning Session 3,   online ");
  await saveTimelineRow(page, row("ls3"), "Save Learning Session 3");
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await expect(label("ls3")).toHaveValue("Learning Session 3, online");
  await expect(start("planning_group")).toHaveValue(day(planningStart, 3));
  await expect(start("congress")).toHaveValue(ap1End);
  await page.reload();
  await expect(label("ls3")).toHaveValue("Learning Session 3, online");
  await expect(start("planning_group")).toHaveValue(planningStart);
  expect(errors).toEqual([]);
});

test("a row's length reads as one: 1 day, 1 month, its unit agreeing with the number typed; read without fields, the same", async ({ page, browser }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const duration = (id: string) => page.locator(`tr[data-item=${id}] input[name="duration"]`);
  const units = (id: string) => page.locator(`tr[data-item=${id}] select[name="unit"] option`);
  const unit = (id: string) => page.locator(`tr[data-item=${id}] select[name="unit"] option:checked`);

  // The expert meeting lasts a day, the topic charter a month.
  await expect(duration("expert_meeting")).toHaveValue("1");
  await expect(unit("expert_meeting")).toHaveText("day");
  await expect(units("expert_meeting")).toHaveText(["day", "week", "month"]);
  await expect(duration("topic_charter")).toHaveValue("1");
  await expect(unit("topic_charter")).toHaveText("month");
  await expect(unit("ap1")).toHaveText(/^(days|weeks|months)$/);
  // A number typed: the units agree with it before anything is saved.
  await duration("expert_meeting").fill("2");
  await expect(units("expert_meeting")).toHaveText(["days", "weeks", "months"]);
  await duration("expert_meeting").fill("1");
  await expect(units("expert_meeting")).toHaveText(["day", "week", "month"]);

  // A leader, who may not change the timeline, reads each length as words.
  const leader = await pageAs(browser, "leader@demo.test");
  await leader.goto(TIMELINE);
  await expect(leader.getByRole("button", { name: /^Save / })).toHaveCount(0);
  await expect(leader.locator("tr[data-item=expert_meeting] [data-duration]")).toHaveText("1 day");
  await expect(leader.locator("tr[data-item=topic_charter] [data-duration]")).toHaveText("1 month");
  await expect(leader.locator("[data-duration]").filter({ hasText: /^1 (days|weeks|months)$/ })).toHaveCount(0);
  await leader.context().close();
  expect(errors).toEqual([]);
});

test("after a row's end is changed and saved, its units agree with the length it now shows", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const row = page.locator("tr[data-item=topic_charter]");
  const duration = row.locator('input[name="duration"]');
  const units = row.locator('select[name="unit"] option');
  const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const start = await row.locator('input[name="start"]').inputValue();
  await expect(duration).toHaveValue("1");
  await expect(units).toHaveText(["day", "week", "month"]);

  for (const [days, shown, names] of [
    [2, "2", ["days", "weeks", "months"]],
    [1, "1", ["day", "week", "month"]],
    [25, "25", ["days", "weeks", "months"]],
  ] as const) {
    await row.locator('input[name="end"]').fill(day(start, days - 1));
    await saveTimelineRow(page, row, /^Save /);
    await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
    await expect(duration).toHaveValue(shown);
    await expect(units).toHaveText([...names]);
  }
  expect(errors).toEqual([]);
});

test("a start typed and not saved takes its end with it, keeping the item's length, also when another row saved moves that item", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const row = (id: string) => page.locator(`tr[data-item=${id}]`);
  const field = (id: string, name: string) => row(id).locator(`input[name="${name}"]`);
  const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const between = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  const ap2 = { start: await field("ap2", "start").inputValue(), end: await field("ap2", "end").inputValue() };
  const duration = await field("ap2", "duration").inputValue();
  const ls2Start = await field("ls2", "start").inputValue();
  const ap1End = await field("ap1", "end").inputValue();

  // Typed, not saved: Action Period 2 to start 90 days later, before it now ends.
  const typed = day(ap2.start, 90);
  expect(typed < ap2.end).toBe(true);
  await field("ap2", "start").fill(typed);
  const typedEnd = day(typed, between(ap2.start, ap2.end));
  await expect(field("ap2", "end")).toHaveValue(typedEnd);
  await expect(field("ap2", "duration")).toHaveValue(duration);

  // Action Period 1 two weeks shorter, saved: Learning Session 2 and the stored Action Period 2 move two
  // weeks earlier, Action Period 2 to end before the start typed in its row.
  await field("ap1", "end").fill(day(ap1End, -14));
  await row("ap1").getByRole("button", { name: "Save Action Period 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await expect(field("ls2", "start")).toHaveValue(day(ls2Start, -14));
  expect(day(ap2.end, -14) < typed).toBe(true);
  // The row still shows the start typed, and the end that keeps its length from it: no end before its start.
  await expect(field("ap2", "start")).toHaveValue(typed);
  await expect(field("ap2", "end")).toHaveValue(typedEnd);
  await expect(field("ap2", "duration")).toHaveValue(duration);

  // Saved, it is stored as the row showed it.
  await saveTimelineRow(page, row("ap2"), "Save Action Period 2");
  await expect(page.getByRole("status").filter({ hasText: "Timeline updated" })).toBeVisible();
  await page.reload();
  await expect(field("ap2", "start")).toHaveValue(typed);
  await expect(field("ap2", "end")).toHaveValue(typedEnd);

  // An end typed after the start stays as typed when the start is typed again.
  await field("ap2", "end").fill(day(typedEnd, 5));
  await field("ap2", "start").fill(day(typed, 1));
  await expect(field("ap2", "end")).toHaveValue(day(typedEnd, 5));
  expect(errors).toEqual([]);
});

test("a row saved from the keyboard keeps the keyboard's place: focus stays on its Save while the page answers and after", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const save = page.locator("tr[data-item=ls2]").getByRole("button", { name: "Save Learning Session 2" });
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Nothing changed: the row was saved as it already was." })).toBeVisible();
  // The same button, named again as it was: Tab goes on to the row's next control, not the page's first.
  await expect(save).toBeFocused();
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-item") ?? null);
  expect(next).not.toBeNull();
  expect(errors).toEqual([]);
});
