import { passwordLinkFromOutbox } from "./outbox-link";
import { expect, pageAs, test, watchConsole } from "./support";

test("the engagement's manager invites a partner executive, who chooses a password from the mailed link and is signed in", async ({ browser }) => {
  test.setTimeout(60_000);
  const manager = await pageAs(browser, "manager@demo.test");
  const errors = watchConsole(manager);
  await manager.goto("/engagements/1");
  const invite = manager.getByRole("form", { name: "Invite an executive" });

  // A staff address is refused beside the field, with the name kept.
  await invite.getByLabel("Name").fill("Nadia Okafor");
  await invite.getByLabel("Email").fill("leader@demo.test");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(manager.locator("#f-invite-executive-email-error")).toHaveText(
    "This address belongs to one of our staff. Invite the executive with their own address."
  );
  await expect(invite.getByLabel("Name")).toHaveValue("Nadia Okafor");

  await invite.getByLabel("Email").fill("nadia.okafor@northshire.example");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Nadia Okafor is invited" })).toBeVisible();
  const row = manager.locator("tr", { hasText: "nadia.okafor@northshire.example" });
  await expect(row).toContainText("Invited, not signed in yet");

  const admin = await pageAs(browser, "admin@demo.test");
  const link = await passwordLinkFromOutbox(admin, "nadia.okafor@northshire.example", "Maya Okafor of Northbridge invited you to Partnership Planner");

  // She opens it on her phone: the page fits its width.
  const invitee = await pageAs(browser, undefined, { viewport: { width: 390, height: 844 }, isMobile: true });
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1, name: "Welcome, Nadia Okafor" })).toBeVisible();
  expect(await invitee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await invitee.getByLabel("Password", { exact: true }).fill("northshire-board-2027");
  await invitee.getByLabel("Password again").fill("northshire-board-2027");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee).toHaveURL(/\/partner$/);
  await expect(invitee.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(invitee.getByText("Nadia Okafor", { exact: false }).first()).toBeVisible();
  // The proposal shared with her organisation is hers to read.
  await expect(invitee.getByRole("link", { name: "Northshire patient safety partnership" })).toBeVisible();

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByText("This link has been used already")).toBeVisible();

  await manager.reload();
  await expect(manager.locator("tr", { hasText: "nadia.okafor@northshire.example" })).toContainText("Signs in");
  expect(errors).toEqual([]);
});
