import { type Page } from "@playwright/test";
import { expect } from "./support";

/**
 * The path of the password link in the newest message to `address`, read as an administrator reads
 * it on the outbox page (no mail server is set in the browser tests, so mail lands there).
 */
export async function passwordLinkFromOutbox(admin: Page, address: string, subject: string): Promise<string> {
  await admin.goto("/admin/outbox");
  const row = admin.locator("tr", { hasText: address }).filter({ hasText: subject }).first();
  await row.getByRole("link", { name: subject }).click();
  const text = (await admin.locator("[data-mail-text]").textContent()) ?? "";
  const link = text.match(/https?:\/\/[^\s/]+(\/password\/[A-Za-z0-9_-]{20,})/);
  expect(link, text).not.toBeNull();
  return link![1]!;
}
