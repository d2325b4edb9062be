import { expect, test, signIn, watchConsole } from "./support";

/**
 * The Timeline page's other forms follow the rule of its rows (docs/domain.md §8.10): saving one form
 * loses nothing typed in the others and not yet saved. A stream's name typed keeps what was typed, one
 * left alone shows the name stored, and the form just saved shows what is stored (a form that adds
 * something is empty again); so do the add-item form and the "New stream" box, and a row's open
 * "comes after" list keeps the item chosen in it.
 */

const TIMELINE = "/engagements/1/timeline";

test("saving one form of the Timeline page keeps what is typed in its stream names, its add forms and an open comes-after list", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const streamName = (key: string) => page.locator(`li[data-stream=${key}] input[name="label"]`);
  const rename = (key: string) => page.locator(`li[data-stream=${key}]`).getByRole("button", { name: /^Rename the stream / });
  const addItem = page.locator("form", { has: page.getByRole("button", { name: "Add item" }) });
  const newStream = page.getByLabel("New stream");
  const report = page.locator("tr[data-item=final_report]");
  const reportAfter = report.getByLabel(/^Final report.* comes after$/);
  const status = (text: string) => page.getByRole("status").filter({ hasText: text });

  // Typed, not saved: one stream's name, the add-item form, a new stream, and what Final report comes after.
  await streamName("planning").fill("Planning and governance");
  await addItem.getByLabel("Label", { exact: true }).fill("Board briefing");
  await addItem.getByLabel("Kind", { exact: true }).selectOption({ label: "Phase" });
  await addItem.getByLabel("Stream", { exact: true }).selectOption({ label: "Congress and results" });
  await addItem.getByLabel("Comes after").selectOption({ label: "Expert meeting" });
  await addItem.getByLabel("Duration", { exact: true }).fill("3");
  await addItem.getByLabel("Duration in").selectOption({ label: "Weeks" });
  await newStream.fill("Capability building");
  await report.getByRole("link", { name: /^Add what Final report.* comes after$/ }).click();
  await reportAfter.selectOption({ label: "Learning Session 1" });

  // Another stream renamed: it shows its name as stored, everything typed elsewhere stays.
  await streamName("support").fill("  Coaching   for teams ");
  await rename("support").click();
  await expect(status("Stream renamed.")).toBeVisible();
  await expect(streamName("support")).toHaveValue("Coaching for teams");
  await expect(streamName("planning")).toHaveValue("Planning and governance");
  await expect(streamName("learning")).toHaveValue("Prework, learning sessions and action periods");
  await expect(streamName("results")).toHaveValue("Congress and results");
  await expect(addItem.getByLabel("Label", { exact: true })).toHaveValue("Board briefing");
  await expect(addItem.getByLabel("Kind", { exact: true })).toHaveValue("phase");
  await expect(addItem.getByLabel("Stream", { exact: true })).toHaveValue("results");
  await expect(addItem.getByLabel("Comes after")).toHaveValue("expert_meeting");
  await expect(addItem.getByLabel("Duration", { exact: true })).toHaveValue("3");
  await expect(addItem.getByLabel("Duration in")).toHaveValue("weeks");
  await expect(newStream).toHaveValue("Capability building");
  await expect(reportAfter).toHaveValue("ls1");

  // A row saved that moves items: the same.
  const ls2Start = page.locator('tr[data-item=ls2] input[name="start"]');
  const moved = new Date(Date.parse(`${await ls2Start.inputValue()}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  await ls2Start.fill(moved);
  await page.getByRole("button", { name: "Save Learning Session 2" }).click();
  await expect(status("Timeline updated")).toBeVisible();
  await expect(streamName("planning")).toHaveValue("Planning and governance");
  await expect(streamName("support")).toHaveValue("Coaching for teams");
  await expect(addItem.getByLabel("Label", { exact: true })).toHaveValue("Board briefing");
  await expect(addItem.getByLabel("Duration in")).toHaveValue("weeks");
  await expect(newStream).toHaveValue("Capability building");
  await expect(reportAfter).toHaveValue("ls1");

  // A rename refused keeps what was typed, and keeps it while another form is saved.
  await streamName("results").fill("   ");
  await rename("results").click();
  await expect(streamName("results")).toHaveAttribute("aria-invalid", "true");
  await rename("planning").click();
  await expect(status("Stream renamed.")).toBeVisible();
  await expect(streamName("planning")).toHaveValue("Planning and governance");
  await expect(streamName("results")).toHaveValue("   ");
  await streamName("results").fill("Congress and results");

  // Added, a stream leaves its box empty; the add-item form still holds what was typed, and offers the new stream.
  await page.getByRole("button", { name: "Add stream" }).click();
  await expect(status("Stream added.")).toBeVisible();
  await expect(newStream).toHaveValue("");
  await expect(addItem.getByLabel("Label", { exact: true })).toHaveValue("Board briefing");
  await expect(addItem.getByLabel("Stream", { exact: true }).locator("option", { hasText: "Capability building" })).toHaveCount(1);
  await expect(reportAfter).toHaveValue("ls1");

  // Added, an item leaves the add-item form as it first was; the open list still holds its choice.
  await page.getByRole("button", { name: "Add item" }).click();
  await expect(status("Item added")).toBeVisible();
  await expect(page.locator("tr[data-item=board_briefing]")).toHaveCount(1);
  await expect(addItem.getByLabel("Label", { exact: true })).toHaveValue("");
  await expect(addItem.getByLabel("Kind", { exact: true })).toHaveValue("event");
  await expect(addItem.getByLabel("Stream", { exact: true })).toHaveValue("planning");
  await expect(addItem.getByLabel("Comes after")).toHaveValue("");
  await expect(addItem.getByLabel("Duration", { exact: true })).toHaveValue("1");
  await expect(addItem.getByLabel("Duration in")).toHaveValue("days");
  await expect(reportAfter).toHaveValue("ls1");

  // Added in its turn, what Final report comes after closes its list and shows in its row.
  await report.getByRole("button", { name: /^Add to what Final report.* comes after$/ }).click();
  await expect(status("The item now comes after the one chosen")).toBeVisible();
  await expect(reportAfter).toHaveCount(0);
  await expect(report.locator("[data-dependencies]")).toContainText("Learning Session 1");

  await page.reload();
  await expect(streamName("planning")).toHaveValue("Planning and governance");
  await expect(streamName("support")).toHaveValue("Coaching for teams");
  await expect(streamName("results")).toHaveValue("Congress and results");
  expect(errors).toEqual([]);
});

test("a row's date that is not one is refused under its own field, with what was typed kept", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto(TIMELINE);
  const row = page
    .locator("tr[data-item]")
    .filter({ has: page.locator('input[name="end"]') })
    .first();
  const id = await row.getAttribute("data-item");
  // A browser without a date picker sends what was typed; the page's date boxes then take text.
  for (const field of ["start", "end"]) await page.locator(`#item-${id}-${field}`).evaluate((input) => ((input as HTMLInputElement).type = "text"));
  await page.locator(`#item-${id}-start`).fill("2027-02-30");
  await row.getByRole("button", { name: /^Save / }).click();
  const startCell = page.locator(`tr[data-item="${id}"] td`, { has: page.locator(`#item-${id}-start`) });
  await expect(startCell.locator(`#item-${id}-start-error`)).toHaveText("2027-02-30 does not exist: enter the start as a date.");
  await expect(page.locator(`#item-${id}-start`)).toHaveAttribute("aria-describedby", `item-${id}-start-error`);
  await expect(page.locator(`#item-${id}-start`)).toHaveValue("2027-02-30");

  await page.reload();
  await page.locator(`#item-${id}-end`).evaluate((input) => ((input as HTMLInputElement).type = "text"));
  await page.locator(`#item-${id}-end`).fill("2027-13-01");
  await page
    .locator(`tr[data-item="${id}"]`)
    .getByRole("button", { name: /^Save / })
    .click();
  const endCell = page.locator(`tr[data-item="${id}"] td`, { has: page.locator(`#item-${id}-end`) });
  await expect(endCell.locator(`#item-${id}-end-error`)).toContainText("as a date");
  await expect(page.locator(`#item-${id}-end`)).toHaveAttribute("aria-describedby", `item-${id}-end-error`);
  await expect(page.locator(`#item-${id}-end`)).toHaveValue("2027-13-01");
  expect(errors).toEqual([]);
});
