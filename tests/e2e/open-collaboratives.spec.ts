import type { Page } from "@playwright/test";
import { expect, test, signIn, watchConsole } from "./support";

test("an administrator adds an open collaborative, a refusal keeps what was typed; a manager and a partner cannot open the page", async ({ page, browser }) => {
  const errors = watchConsole(page);
  await signIn(page, "admin@demo.test");
  await page.goto("/admin/open-collaboratives");
  await expect(page.getByRole("row", { name: /Sepsis Early Recognition Collaborative.*Northbridge Institute for Health Improvement/ })).toBeVisible();

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

/** A one-site hospital's request on one topic, made through the API as a manager; its id. */
async function oneSiteRequest(page: Page, title: string, topic: string): Promise<number> {
  const created = await page.request.post("/api/engagements", {
    data: {
      format: "partnership-planner/engagement",
      formatVersion: 1,
      title,
      partner: { name: "St Brigid's Hospital", kind: "hospital", country: "IE", sites: 1, population: 120000 },
      intake: { needs: { priorities: [{ topic }] }, scale: { expectedSites: 1, desiredStart: "2026-12" } },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: number }).id;
}

test("a one-site request is offered the open sepsis collaborative or a short tailored engagement, and joining plans from its own template", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  const id = await oneSiteRequest(page, "St Brigid's sepsis help", "sepsis");

  await page.goto(`/engagements/${id}/method`);
  const offer = page.locator("[data-small-request]");
  await expect(offer).toContainText("1 team or site is fewer than the 12 a collaborative of its own needs");
  await expect(offer.getByRole("row", { name: /Sepsis Early Recognition Collaborative.*Northbridge Institute for Health Improvement.*4/ })).toBeVisible();
  await expect(offer.getByLabel(/^Short tailored engagement/)).toBeVisible();
  await expect(offer).toContainText(
    "Two kinds of offer suit it better, each planned in under a year: joining an open collaborative, or a short tailored engagement."
  );
  // What would change a small request's recommendation is not the ranking of the full methods it is not recommended.
  const wouldChange = page.locator("[data-what-would-change]");
  await expect(wouldChange).toContainText(
    "With 12 or more teams or sites, a collaborative of its own would be possible, and the method the ranking puts first would be recommended, planned in full."
  );
  await expect(wouldChange).toContainText(
    "Were no open collaborative on its priorities to have a place and a learning session to come, the short tailored engagement alone would be recommended."
  );
  await expect(wouldChange).not.toContainText(/would lead|able to move the ranking/);
  await offer.getByLabel(/^Join Sepsis Early Recognition Collaborative/).check();
  await offer.getByRole("button", { name: "Record this offer" }).click();
  await expect(page.locator("[data-variant]")).toContainText("Joining an open collaborative");
  await expect(page.locator("[data-variant]")).toContainText("Sepsis Early Recognition Collaborative, run by Northbridge Institute for Health Improvement");

  // A request on a topic no open collaborative has a place for is offered the one kind that suits it, and told so.
  await page.goto(`/engagements/${await oneSiteRequest(page, "St Brigid's pneumonia help", "vap")}/method`);
  await expect(page.locator("[data-none-joinable]")).toBeVisible();
  await expect(page.locator("[data-small-request]")).toContainText("A short tailored engagement suits it better, planned in under a year.");
  await expect(page.locator("[data-small-request]")).not.toContainText("Two kinds of offer");
  await expect(page.locator("[data-what-would-change]")).toContainText(
    /With an open collaborative on .+ that has a place and a learning session to come, joining it would be recommended too\./
  );

  await page.goto(`/engagements/${id}/timeline`);
  await expect(page.getByText(/From the Joining an open collaborative template/)).toBeVisible();
  await page.getByRole("button", { name: "Generate timeline" }).click();
  await expect(page.getByText(/The team's first learning session/).first()).toBeVisible();
  expect(errors).toEqual([]);
});
