import { passwordLinkFromOutbox } from "./outbox-link";
import { expect, pageAs, PASSWORD, test } from "./support";

test("a forgotten password is reset from the mailed link: the new one signs in, and every earlier session ends", async ({ browser }) => {
  test.setTimeout(60_000);
  // Signed in elsewhere before the reset.
  const elsewhere = await pageAs(browser, "leader@demo.test");

  const person = await pageAs(browser);
  await person.goto("/login");
  await person.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(person.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await person.getByLabel("Email").fill("Leader@demo.test");
  await person.getByRole("button", { name: "Send me a link" }).click();
  await expect(person.getByText("If that address belongs to an account")).toBeVisible();
  // The form has gone: keyboard and screen-reader users are on what became of it.
  await expect(person.getByRole("status").filter({ hasText: "If that address belongs to an account" })).toBeFocused();

  const admin = await pageAs(browser, "admin@demo.test");
  const link = await passwordLinkFromOutbox(admin, "leader@demo.test", "Reset your Partnership Planner password");

  await person.goto(link);
  await expect(person.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await person.getByLabel("Password", { exact: true }).fill("a-fresh-leader-password");
  await person.getByLabel("Password again").fill("a-fresh-leader-password");
  await person.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(person.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(person).not.toHaveURL(/\/password\//);

  // The session opened before the reset has ended: its next page asks to sign in.
  await elsewhere.goto("/approvals");
  await expect(elsewhere).toHaveURL(/\/login/);

  // The old password no longer signs in; the new one does.
  const later = await pageAs(browser);
  await later.goto("/login");
  await later.getByLabel("Email").fill("leader@demo.test");
  await later.getByLabel("Password").fill(PASSWORD);
  await later.getByRole("button", { name: "Sign in" }).click();
  await expect(later.locator(".field-error, .error-summary").first()).toBeVisible();
  await later.getByLabel("Password").fill("a-fresh-leader-password");
  await later.getByRole("button", { name: "Sign in" }).click();
  await expect(later.getByRole("button", { name: "Sign out" })).toBeVisible();
});
