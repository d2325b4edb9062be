import fs from "node:fs";
import { type Page } from "@playwright/test";
import { expect, test, signIn, watchConsole } from "./support";

const HOSTILE = `<img src=x onerror=alert(1)> %%{init: {"securityLevel":"loose"}}%% click`;
const drawn = (page: Page) => page.locator('figure[data-diagram-status="drawn"] svg');

/** Any dialog (alert, confirm) would mean a label ran as code. */
function watchDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return dialogs;
}

async function newEngagement(page: Page, title: string) {
  await page.goto("/engagements/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("An organisation we already know").check();
  await page.getByLabel("Existing organisation").selectOption({ label: "Eastmere Regional Health Authority (Ireland)" });
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return page.url().replace(/\/$/, "");
}

async function saved(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test("a manager builds a driver diagram from a template, adds a driver and a measure, and hostile labels stay text", async ({ page }) => {
  const errors = watchConsole(page);
  const dialogs = watchDialogs(page);
  await signIn(page, "manager@demo.test");
  const base = await newEngagement(page, "Eastmere falls programme");

  // The intake's top priority and draft aim.
  await page.goto(`${base}/intake?section=needs`);
  await page.locator('select[name="priorities[0].topic"]').selectOption("falls");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByLabel("Aim: how much").fill("Reduce inpatient falls with harm by 30%");
  await page.getByLabel("Aim: by when").fill("2028-03");
  await page.getByLabel("Aim: for whom").fill("Adult inpatients in 9 hospitals");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { name: "Scale and horizon" })).toBeVisible();

  // Start from the template for the top priority, offered first, the aim filled in.
  await page
    .getByRole("link", { name: /Driver diagram/ })
    .first()
    .click();
  const first = page.locator(".dd-template").first();
  await expect(first).toContainText("Falls");
  await expect(first).toContainText("Matches the top priority");
  // Each card shows its own template's aim; the diagram takes the intake's draft aim, whichever template starts it.
  await expect(first).toContainText(/Template's own aim, replaced by the draft aim: Reduce inpatient falls .*by March 2028/);
  await expect(page.getByText("The diagram's aim is filled in from the intake's draft aim")).toBeVisible();
  // The aim it will start with is quoted, so the card's different wording is not mistaken for it.
  await expect(page.locator("[data-draft-aim]")).toContainText("Reduce inpatient falls with harm by 30%");
  await expect(first.getByRole("radio")).toBeChecked();
  await page.getByRole("button", { name: "Start from this template" }).click();
  await saved(page, "Started the driver diagram from the template");
  await expect(drawn(page)).toBeVisible();
  await expect(drawn(page)).toContainText("Reduce inpatient falls");
  await expect(page.locator("main")).toContainText("Reduce inpatient falls with harm by 30%");
  await expect(page.locator('li[data-step="driver-diagram"]')).toHaveAttribute("data-status", /complete|in_progress/);

  // Add a primary driver.
  await page.getByLabel("Add a primary driver").fill("Reliable staffing on every shift");
  await page.getByRole("button", { name: "Add primary driver" }).click();
  await saved(page, "Added the primary driver “Reliable staffing on every shift”.");
  await expect(drawn(page)).toContainText("Reliable staffing");
  // An item is found by its own label (other items' link menus list every driver's name too).
  const item = (label: string | RegExp) => page.locator(".dd-item").filter({ has: page.locator(".dd-label", { hasText: label }) });
  const driver = item(/^Reliable staffing on every shift$/);
  await expect(driver.locator(".dd-num")).toHaveText("4");

  // Add a process measure to it.
  await page.getByRole("link", { name: "Measures", exact: true }).click();
  const form = page.locator("#add-measure");
  await form.getByLabel("Kind").selectOption("process");
  const target = await form.locator('select[name="attachedTo"] option', { hasText: "Reliable staffing" }).getAttribute("value");
  await form.getByLabel("Attached to").selectOption(target!);
  await form.getByLabel("Name").fill("Shifts staffed to plan");
  await form.getByLabel("Operational definition").fill("Ward shifts where registered nurse numbers met the planned roster, from the e-roster.");
  await form.getByLabel("Numerator").fill("Shifts staffed to plan");
  await form.getByLabel("Denominator").fill("All ward shifts");
  await form.getByLabel("Data source").fill("E-roster");
  await form.getByLabel("Frequency").fill("Weekly");
  await form.getByLabel("Target").fill("At least 95%");
  await form.getByRole("button", { name: "Add measure" }).click();
  await saved(page, "Added the measure “Shifts staffed to plan”.");
  await page.getByRole("link", { name: "Names", exact: true }).click();
  // Mermaid draws each wrapped line as its own text span.
  await expect(drawn(page)).toContainText("staffed to plan");

  // A hostile label: shown as text in the outline and in the drawing, never run.
  await page.getByRole("link", { name: "Outline", exact: true }).click();
  await driver.locator("summary").click();
  await driver.getByLabel("Name").fill(HOSTILE);
  await driver.getByRole("button", { name: "Save name" }).click();
  await saved(page, "Renamed “Reliable staffing on every shift”");
  await expect(item("onerror=alert(1)").locator(".dd-label")).toHaveText(HOSTILE);
  await expect(drawn(page)).toContainText("<img src=x");
  await expect(drawn(page)).toContainText("%%{init:");
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("svg a, svg [onclick], svg foreignObject")).toHaveCount(0);

  // The checks sit beside the drawing.
  await expect(page.getByRole("heading", { name: "Checks" })).toBeVisible();
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.screenshot({ path: "test-results/driver-diagram.png", fullPage: true });

  // Downloads: mermaid source and CSV from the server, SVG and PNG made in the browser.
  const get = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .getByRole(name.startsWith("Picture") ? "button" : "link", { name })
        .first()
        .click(),
    ]);
    return { name: download.suggestedFilename(), body: fs.readFileSync((await download.path())!) };
  };
  const mmd = await get("Mermaid source (.mmd)");
  expect(mmd.name).toBe("eastmere-falls-programme-driver-diagram.mmd");
  expect(mmd.body.toString("utf8")).toMatch(/^flowchart LR\n/);
  expect(mmd.body.toString("utf8")).not.toContain("%%{");
  expect(mmd.body.toString("utf8")).not.toContain("<img");
  const csv = await get("Outline (CSV)");
  expect(csv.name).toBe("eastmere-falls-programme-driver-diagram.csv");
  expect(csv.body.toString("utf8")).toContain(`"${HOSTILE.replace(/"/g, '""')}"`);
  expect(csv.body.toString("utf8")).toContain("Shifts staffed to plan");
  const svg = await get("Picture (SVG)");
  expect(svg.name).toBe("eastmere-falls-programme-driver-diagram.svg");
  expect(svg.body.toString("utf8")).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const png = await get("Picture (PNG)");
  expect(png.name).toBe("eastmere-falls-programme-driver-diagram.png");
  expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test("a large diagram uploaded as CSV stays legible at full size", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  const base = await newEngagement(page, "Eastmere safety programme");
  const rows = ["kind,id,label,parents,strength,attached_to,measure_kind,target,by_when,for_whom"];
  rows.push("aim,,Cut harm from falls pressure ulcers and sepsis by 40% in 9 hospitals by June 2028,,,,,,June 2028,Adult inpatients in 9 hospitals");
  let n = 0;
  const primaries = [
    "Reliable basic care",
    "A culture that learns from harm",
    "Patients and families as partners",
    "Data used every week",
    "Leaders who show up on the wards",
  ];
  const secondaryIds: string[] = [];
  primaries.forEach((p, i) => {
    const pid = `n${++n}`;
    rows.push(`primary,${pid},${p},,,,,,,`);
    for (let j = 1; j <= (i < 2 ? 3 : 2); j++) {
      const sid = `n${++n}`;
      secondaryIds.push(sid);
      rows.push(`secondary,${sid},Secondary driver ${i + 1}.${j} for ${p.toLowerCase()},${pid},strong,,,,,`);
    }
  });
  secondaryIds.forEach((sid, k) => {
    rows.push(`change,n${++n},Test change idea ${k + 1}a on one ward first,${sid},strong,,,,,`);
    if (k % 2 === 0)
      rows.push(`change,n${++n},Test change idea ${k + 1}b with the night team,${sid};${secondaryIds[(k + 1) % secondaryIds.length]},strong;weak,,,,,`);
  });
  rows.push("measure,m1,Falls with harm per 1000 bed days,,,aim,outcome,,,");
  rows.push("measure,m2,Length of stay,,,aim,balancing,,,");
  rows.push(`measure,m3,Risk assessment within 6 hours,,,n2,process,,,`);
  expect(n).toBeGreaterThanOrEqual(30);

  await page.goto(`${base}/driver-diagram`);
  await page.getByLabel("CSV file").setInputFiles({ name: "outline.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await saved(page, `Replaced the driver diagram from a CSV file: ${n} drivers and change ideas, 3 measures.`);
  await expect(drawn(page)).toBeVisible();
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.screenshot({ path: "test-results/driver-diagram-large.png", fullPage: true });
  const fitted = (await drawn(page).boundingBox())!.width;
  await page.getByRole("link", { name: "Full size" }).click();
  await page.waitForURL(/wide=1/);
  // At full size the drawing keeps its natural width (the frame scrolls), never narrower than when fitted.
  await expect
    .poll(() => drawn(page).evaluate((svg) => Math.round((svg as SVGSVGElement).getBoundingClientRect().width - (svg as SVGSVGElement).viewBox.baseVal.width)))
    .toBe(0);
  expect((await drawn(page).boundingBox())!.width).toBeGreaterThanOrEqual(fitted);
  await page.screenshot({ path: "test-results/driver-diagram-large-wide.png" });

  // A broken file is refused line by line; nothing changes.
  await page.getByRole("link", { name: "Import and export" }).click();
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("kind,id,label,parents\nprimary,n1,Fine,\nsecondary,n2,Orphan,n9\n") });
  await page.getByRole("button", { name: "Upload and replace" }).click();
  await expect(page.locator("#csv-errors")).toContainText("Line 3:");
  await expect(page.locator("#csv-errors")).toContainText("n9 does not exist");
  await expect(page.getByText("Version 1, saved by")).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the outline is edited with plain forms, a deletion is confirmed first, and the picture downloads are not offered", async ({ page }) => {
    await signIn(page, "manager@demo.test");
    const base = await newEngagement(page, "Eastmere ventilator programme");
    await page.goto(`${base}/driver-diagram`);
    await page.getByRole("radio", { name: /Ventilator-associated pneumonia/ }).check();
    await page.getByRole("button", { name: "Start from this template" }).click();
    await saved(page, "Started the driver diagram");
    await expect(page.getByRole("button", { name: "Picture (SVG)" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Mermaid source (.mmd)" })).toBeVisible();

    const item = page.locator("li#item-n18");
    await item.locator("summary").first().click();
    await item.getByLabel("Name").fill("“Days since last VAP” board at the unit entrance");
    await item.getByRole("button", { name: "Save name" }).click();
    await saved(page, "Renamed");
    await expect(page.locator("li#item-n18 .dd-label").first()).toHaveText("“Days since last VAP” board at the unit entrance");

    // A bad value comes back next to its field, with what was typed.
    await page.locator("li#item-n18 summary").first().click();
    await page.locator("li#item-n18").getByLabel("Name").fill("   ");
    await page.locator("li#item-n18").getByRole("button", { name: "Save name" }).click();
    await expect(page.locator("li#item-n18 .field-error")).toHaveText("The driver or change idea is required.");

    await page.goto(`${base}/driver-diagram`);
    await page.locator("li#item-n3 summary").first().click();
    await page
      .locator("li#item-n3")
      .getByRole("link", { name: /Delete/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: /Delete the primary driver “Prevent ventilator-related complications”/ })).toBeVisible();
    await expect(page.getByText(/also deletes 2 secondary drivers/)).toBeVisible();
    await expect(page.getByText(/stays: it also serves/)).toBeVisible();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await saved(page, "Deleted “Prevent ventilator-related complications”");
    await expect(page.locator("li#item-n3")).toHaveCount(0);
  });
});
