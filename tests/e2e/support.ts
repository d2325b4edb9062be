import { expect, type Page } from "@playwright/test";

export const PASSWORD = "planner-demo-2026";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Fails the test on any error the page logs, so broken scripts do not pass unnoticed. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    // A form answered with 400 (validation) or 409 (conflict) is expected; the browser logs it anyway.
    if (m.type() === "error" && !/Failed to load resource: .* status of (400|409)/.test(m.text())) errors.push(m.text());
  });
  return errors;
}
