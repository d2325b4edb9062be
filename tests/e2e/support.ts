import fs from "node:fs";
import path from "node:path";
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

/**
 * Every route module, by what it exports, with an address on the demo data: `$id`, `$number` and
 * `$requestId` become 1 (the demo engagement, its first version, the first approval request),
 * `_index` nothing, `[.]` a dot, other dots slashes. A new route is covered without editing this file.
 */
export function routes(kind: "loader" | "action"): { file: string; url: string }[] {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && new RegExp(`export async function ${kind}\\b`).test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => {
      const name = f.replace(/\.tsx?$/, "");
      if (name === "$") return { file: f, url: "/no-such-page" };
      const segments = name
        .replace(/\[\.\]/g, "\u0001")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => (s.startsWith("$") ? "1" : s.replace(/\u0001/g, ".")));
      return { file: f, url: `/${segments.join("/")}` };
    });
}
