import { createVersion, expect, moveLearningSession2, pageAs, pressAndWatch, test, watchConsole } from "./support";

/**
 * Sharing, submitting and accepting make the version's documents, which takes seconds. The spec holds
 * each of those posts in the browser until it has looked at the button: it must say what is
 * happening and be disabled, so that a second click sends nothing; released, the page answers as usual.
 */

test("share, accept and submit say what is happening and cannot be sent twice", async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await pageAs(browser, "manager@demo.test");
  const partner = await pageAs(browser, "partner@demo.test");
  const errors = [...watchConsole(manager), ...watchConsole(partner)];

  // A new version to share: something the partner would see changes first.
  await moveLearningSession2(manager, 28);
  const next = await createVersion(manager, 1);

  await manager.goto("/engagements/1/review");
  await pressAndWatch(manager, { name: `Share version ${next} with the partner`, pending: `Sharing version ${next}…`, path: "/engagements/1/review" });
  await expect(manager.getByRole("status").filter({ hasText: `Version ${next} shared` })).toBeVisible();

  await partner.goto("/partner/engagements/1");
  await partner.getByLabel("Your name").fill("Helen Marsh");
  await partner.getByLabel("Your title").fill("Chief Executive");
  await partner.getByLabel(`I accept version ${next} of this proposal on behalf of my organisation.`).check();
  await pressAndWatch(partner, { name: "Accept the proposal", pending: "Accepting…", path: "/partner/engagements/1" });
  await expect(partner.getByRole("status").filter({ hasText: "you accepted the proposal" })).toBeVisible();

  await manager.goto("/engagements/1/review");
  await pressAndWatch(manager, { name: `Submit version ${next} for approval`, pending: `Submitting version ${next}…`, path: "/engagements/1/review" });
  await expect(manager.getByRole("status").filter({ hasText: `Version ${next} submitted to leadership for approval` })).toBeVisible();

  expect(errors).toEqual([]);
});
