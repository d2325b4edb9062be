import { expect, test, signIn, watchConsole } from "./support";

/*
 * Removing a person from the roster (docs/domain.md §8.1) takes the tick beside the button: a click
 * alone removes no one, says so beside the tick, and leaves the person's fields as saved.
 */

test("an administrator removes a person only with the tick beside the button; a click alone keeps them and their fields as saved", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "admin@demo.test");
  await page.goto("/admin/staff");
  await page.getByLabel("Name").fill("Dr Ines Carvalho");
  await page.getByLabel("Role").selectOption({ label: "Faculty" });
  await page.getByLabel("FTE for engagements").fill("0.4");
  await page.getByLabel(/Day rate/).fill("1850");
  await page.getByRole("button", { name: "Add to roster" }).click();
  await page.getByRole("link", { name: "Dr Ines Carvalho" }).click();

  const removal = page.locator("section[aria-labelledby=remove-heading]");
  await removal.getByRole("button", { name: "Remove Dr Ines Carvalho" }).click();
  await expect(removal.locator("#confirm-error")).toHaveText("Tick the box to confirm: a removal cannot be undone.");
  // The fields above are the person as saved, not what the removal sent.
  await expect(page.getByLabel("Name")).toHaveValue("Dr Ines Carvalho");
  await expect(page.getByLabel("FTE for engagements")).toHaveValue("0.4");
  await expect(page.getByLabel(/Day rate/)).toHaveValue("1850");

  await removal.getByLabel("Yes, remove Dr Ines Carvalho: this cannot be undone.").check();
  await removal.getByRole("button", { name: "Remove Dr Ines Carvalho" }).click();
  await expect(page).toHaveURL(/\/admin\/staff$/);
  // What the change reaches, beside it: drafts move with the roster, versions do not.
  await expect(page.getByRole("status").filter({ hasText: "Dr Ines Carvalho removed from the roster." })).toHaveText(
    "Dr Ines Carvalho removed from the roster. Every engagement's Fit page and live draft now use the roster as it is; proposal versions already made keep their figures. It leaves no engagement submitted for approval, approved or agreed short of the staff it books."
  );
  await expect(page.getByRole("link", { name: "Dr Ines Carvalho" })).toHaveCount(0);
  expect(errors).toEqual([]);
});
