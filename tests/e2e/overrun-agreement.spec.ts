import { PWNED_HTML, PWNED_SCRIPT } from "../helpers/hostile";
import { expect, test, signIn, watchConsole } from "./support";

/**
 * The partner's agreement to a plan that runs past their time (docs/domain.md §8.6), recorded on the
 * Timeline page of the demo's National sepsis campaign, whose plan runs 8 months over Kestrel's
 * longest duration: refused empty, or dated before the engagement was started, with the message beside
 * the field, kept as typed and inert, dated the day the partner agreed, the step then complete, and
 * withdrawn again.
 */
test("a manager records the partner's agreement to the overrun under the time check, and withdraws it", async ({ page }) => {
  const errors = watchConsole(page);
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await signIn(page, "manager@demo.test");
  const engagements: { id: number; title: string }[] = await (await page.request.get("/api/engagements")).json();
  const sepsis = engagements.find((e) => e.title === "National sepsis campaign")!;
  await page.goto(`/engagements/${sepsis.id}/timeline`);
  const check = page.locator("[data-time-check]");
  await expect(check).toHaveAttribute("data-time-check", "overrun");
  await expect(check.locator('[data-time-choice="accept_overrun"]')).toBeVisible();
  const step = page.locator(".stepper li", { hasText: "Timeline" });
  await expect(step).toContainText("Longer than the partner can commit to");

  const record = page.getByRole("button", { name: "Record the partner's agreement" });
  const how = page.getByLabel("The partner agrees to this: who agreed, and how");
  await record.click();
  await expect(page.locator("#how-error")).toHaveText("How the partner agreed is required.");
  await expect(how).toHaveAttribute("aria-invalid", "true");

  // The day they agreed starts as today and is kept through the refusal. A day before the engagement was
  // started (13 November 2026; the browser tests' today is 1 November) is refused beside the date, kept as typed.
  const date = page.getByLabel("The day they agreed");
  const today = await date.inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await date.fill("2026-10-29");
  const typed = `Chief executive, by email ${PWNED_HTML} ${PWNED_SCRIPT}`;
  await how.fill(typed);
  await record.click();
  await expect(page.locator("#agreedOn-error")).toHaveText("The day they agreed cannot be before 13 November 2026, the day this engagement was started.");
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expect(date).toHaveValue("2026-10-29");
  await expect(how).toHaveValue(typed);
  await expect(check).toHaveAttribute("data-time-check", "overrun");
  await date.fill(today);
  await record.click();
  await expect(check).toHaveAttribute("data-time-check", "agreed");
  const shown = new Date(`${today}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  await expect(check.locator("[data-overrun-agreed]")).toHaveText(`The partner agreed to this on ${shown}.`);
  await expect(check).toContainText(`How they agreed, as Maya Okafor recorded it: “${typed}”`);
  await expect(check.locator('[data-time-choice="accept_overrun"]')).toHaveCount(0);
  await expect(step).toContainText("Overrun agreed");
  // What was typed is shown as text, never run.
  await expect(page.locator('img[src="x"], [onerror]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();

  await page.getByRole("button", { name: "Withdraw the record of their agreement" }).click();
  await expect(check).toHaveAttribute("data-time-check", "overrun");
  await expect(check.locator('[data-time-choice="accept_overrun"]')).toBeVisible();
  await expect(step).toContainText("Longer than the partner can commit to");
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
