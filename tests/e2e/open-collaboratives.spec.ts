import { expect, test } from "@playwright/test";
import { signIn, watchConsole } from "./support";

test("an administrator adds an open collaborative, a refusal keeps what was typed; a manager and a partner cannot open the page", async ({ page, browser }) => {
  const errors = watchConsole(page);
  await signIn(page, "admin@demo.test");
  await page.goto("/admin/open-collaboratives");
  await expect(page.getByRole("row", { name: /Sepsis Early Recognition Collaborative.*Partnership Planner faculty/ })).toBeVisible();

  await page.getByLabel("Topic").selectOption("vte");
  await page.getByLabel("Title").fill("Clot Prevention Collaborative");
  await page.getByLabel("Host", { exact: true }).fill("Westvale Health");
  await page.getByLabel("Next learning session").fill("2027-03-02");
  await page.getByLabel("The learning session after").fill("2027-01-05");
  await page.getByLabel("Places left").fill("5");
  await page.getByRole("button", { name: "Add open collaborative" }).click();
  await expect(page.locator("#session2-error")).toHaveText("Give the sessions in order: each after the one before.");
  await expect(page.getByLabel("Title")).toHaveValue("Clot Prevention Collaborative");
  await page.getByLabel("The learning session after").fill("2027-07-06");
  await page.getByRole("button", { name: "Add open collaborative" }).click();
  await expect(page.getByRole("row", { name: /Clot Prevention Collaborative.*Westvale Health.*5/ })).toBeVisible();
  expect(errors).toEqual([]);

  for (const who of ["manager@demo.test", "partner@demo.test"]) {
    const other = await browser.newPage();
    await signIn(other, who);
    expect((await other.goto("/admin/open-collaboratives"))?.status()).toBe(403);
    expect((await other.goto("/admin/open-collaboratives/1"))?.status()).toBe(403);
    await other.close();
  }
});
