import { type Page } from "@playwright/test";
import { PWNED_HTML, PWNED_SCRIPT, PWNED_SVG } from "../helpers/hostile";
import { expect, test, signIn, watchConsole } from "./support";

/**
 * Hostile text typed into real forms, rendered by the real pages: nothing
 * from the data ever runs (no dialog, `window.__pwned` never set), diagrams still draw, and a refused
 * value is reported next to its field with everything typed still there. Each test makes its own
 * engagement, so the demo data other browser tests read is left alone.
 */

const MERMAID = `%%{init: {"securityLevel":"loose"}}%% click n1 call alert(1) end A-->B :::x \`**b**\``;
const TITLE = `${PWNED_HTML} <script>alert(1)</script> “Ḁ̶̡” 🏥👩‍⚕️`;
const ORG = `"><img src=x onerror=alert(1)> \u202Eevil '; DROP TABLE engagements;--`;
const PROBLEMS = `${PWNED_SCRIPT}\n${MERMAID}\njavascript:alert(1)\n__proto__ constructor`;
const TOPIC = `${PWNED_HTML} end`; // at most 80 characters
const LABEL = `${PWNED_SVG} ${MERMAID}`;
const GANTT = `${PWNED_HTML} a :crit, t1, 2027-01-01, 3d ; section x # y %%{init: {}}%%`;
const COMMENT = `${PWNED_SCRIPT}\n${PWNED_HTML}\n${MERMAID}\n<a href="javascript:window.__pwned=1">click me</a>`;

type Watch = { dialogs: string[]; errors: string[] };

/** Any dialog (alert, confirm) means text ran as code; so does `window.__pwned`. */
function watch(page: Page): Watch {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return { dialogs, errors: watchConsole(page) };
}

async function expectInert(page: Page, w: Watch) {
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], [onerror], [onload], a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator("svg script, svg foreignObject, svg a, svg [onclick]")).toHaveCount(0);
  expect(w.dialogs).toEqual([]);
}

const drawn = (page: Page) => page.locator('figure[data-diagram-status="drawn"] svg');

async function saved(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

/**
 * A complete engagement (intake, method, driver diagram, timeline) made from the demo's bundle
 * through the API, with hostile text where people type.
 */
async function importEngagement(page: Page, title: string, change: (bundle: Record<string, any>) => void = () => {}) {
  const source = await page.request.get("/api/engagements/1");
  expect(source.status()).toBe(200);
  const bundle = await source.json();
  bundle.title = title;
  bundle.partner.name = `${ORG} ${title}`.slice(0, 160);
  change(bundle);
  const res = await page.request.post("/api/engagements", { data: bundle });
  expect(res.status(), await res.text()).toBe(201);
  return `/engagements/${(await res.json()).id}`;
}

test("a new engagement with a hostile title and organisation: a wrong number is refused beside its field, all typed text kept, then shown as text", async ({
  page,
}) => {
  const w = watch(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("A new partner organisation").check();
  await page.getByLabel("Organisation name").fill(ORG);
  await page.getByLabel("Kind").selectOption("hospital");
  await page.getByLabel("Country").selectOption("CL");
  await page.getByLabel("Number of sites").fill("0x10");
  await page.getByLabel("Population served").fill("1e308");
  await page.getByRole("button", { name: "Create engagement" }).click();

  // Refused: the messages sit under their fields, and nothing typed is lost.
  await expect(page.locator("#orgSites-error")).toHaveText("Number of sites must be a number.");
  await expect(page.locator("#orgPopulation-error")).toBeVisible();
  await expect(page.getByLabel("Number of sites")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(TITLE);
  await expect(page.getByLabel("Organisation name")).toHaveValue(ORG);
  await expect(page.getByLabel("Country")).toHaveValue("CL");
  await expect(page.getByLabel("Number of sites")).toHaveValue("0x10");
  await expectInert(page, w);

  await page.getByLabel("Number of sites").fill("3");
  await page.getByLabel("Population served").fill("250,000");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.locator("dd", { hasText: "DROP TABLE engagements;--" }).first()).toBeVisible();
  await expectInert(page, w);

  // The list, the bundle and the audit trail show it as text too.
  const base = new URL(page.url()).pathname.replace(/\/$/, "");
  for (const path of ["/engagements", `${base}/audit`, `${base}/intake`, `${base}/driver-diagram`]) {
    await page.goto(path);
    await expect(page.getByText(TITLE).first()).toBeVisible();
    await expectInert(page, w);
  }
  const bundle = await (await page.request.get(`/api${base}`)).json();
  expect(bundle.title).toBe(TITLE);
  expect(w.errors).toEqual([]);
});

test("intake: hostile problems and a written-in priority topic; a bad baseline value is refused beside it with the section kept", async ({ page }) => {
  const w = watch(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/new");
  await page.getByLabel("Title").fill("Hostile intake partnership");
  await page.getByLabel("An organisation we already know").check();
  await page.getByLabel("Existing organisation").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hostile intake partnership");
  const base = new URL(page.url()).pathname.replace(/\/$/, "");

  await page.goto(`${base}/intake?section=needs`);
  await page.getByLabel("Problems in the partner's words").fill(PROBLEMS);
  await page.locator('select[name="priorities[0].topic"]').selectOption("other");
  await page.locator('[name="priorities[0].custom"]').fill(TOPIC);
  await page.locator('[name="priorities[0].baselineMeasure"]').fill("<i>Falls</i> per 1,000 bed days");
  await page.locator('[name="priorities[0].baselineValue"]').fill("0x10");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.locator('[id="priorities[0].baselineValue-error"]')).toContainText("must be a number");
  await expect(page.getByLabel("Problems in the partner's words")).toHaveValue(PROBLEMS);
  await expect(page.locator('[name="priorities[0].custom"]')).toHaveValue(TOPIC);
  await expect(page.locator('[name="priorities[0].baselineMeasure"]')).toHaveValue("<i>Falls</i> per 1,000 bed days");
  await expect(page.locator('[name="priorities[0].baselineValue"]')).toHaveValue("0x10");
  await expectInert(page, w);

  await page.locator('[name="priorities[0].baselineValue"]').fill("12.5");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await saved(page, "Needs and priorities saved.");
  await expect(page.getByLabel("Problems in the partner's words")).toHaveValue(PROBLEMS);
  await expect(page.locator('[name="priorities[0].custom"]')).toHaveValue(TOPIC);
  await expectInert(page, w);

  // A decimal comma is refused rather than read as 125, and the earlier "saved" goes with the new attempt.
  await page.locator('[name="priorities[0].baselineValue"]').fill("12,5");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator('[id="priorities[0].baselineValue-error"]')).toContainText("like 4.5 or 1,200");
  await expect(page.getByRole("status").filter({ hasText: "Needs and priorities saved." })).toHaveCount(0);
  await expect(page.locator('[name="priorities[0].baselineValue"]')).toHaveValue("12,5");

  // The written-in topic is read back on the other steps, as text.
  for (const section of ["evidence", "context"]) {
    await page.goto(`${base}/intake?section=${section}`);
    await expectInert(page, w);
  }
  await page.goto(`${base}/intake?section=evidence`);
  await expect(page.getByText(TOPIC).filter({ visible: true }).first()).toBeVisible();
  for (const step of ["method", "fit", "driver-diagram", "proposal"]) {
    await page.goto(`${base}/${step}`);
    await expect(page.locator("main")).toBeVisible();
    await expectInert(page, w);
  }
  expect(w.errors).toEqual([]);
});

test("driver diagram: a hostile label added through the outline form is drawn as text; an over-long one is refused beside the field", async ({ page }) => {
  const w = watch(page);
  await signIn(page, "manager@demo.test");
  const base = await importEngagement(page, "Hostile driver diagram partnership");
  await page.goto(`${base}/driver-diagram`);
  await expect(drawn(page)).toBeVisible();

  const tooLong = `${LABEL} ${"x".repeat(600)}`;
  await page.getByLabel("Add a primary driver").fill(tooLong);
  await page.getByRole("button", { name: "Add primary driver" }).click();
  await expect(page.locator("#f-add-primary-label-error")).toContainText("at most 500 characters");
  await expect(page.getByLabel("Add a primary driver")).toHaveValue(tooLong);
  await expect(drawn(page)).toBeVisible();
  await expectInert(page, w);

  await page.getByLabel("Add a primary driver").fill(LABEL);
  await page.getByRole("button", { name: "Add primary driver" }).click();
  await saved(page, "Added the primary driver");
  await expect(page.locator(".dd-label", { hasText: "window.__pwned" })).toHaveText(LABEL);
  await expect(drawn(page)).toBeVisible();
  await expect(drawn(page)).toContainText("%%{init:");
  await expectInert(page, w);

  for (const tab of ["table", "measures", "aim", "csv"]) {
    await page.goto(`${base}/driver-diagram?tab=${tab}&measures=names&wide=1`);
    await expect(drawn(page)).toBeVisible();
    await expectInert(page, w);
  }
  const mmd = await (await page.request.get(`${base}/driver-diagram/mmd`)).text();
  expect(mmd).not.toContain("%%{");
  expect(mmd).not.toMatch(/^\s*click /m);
  expect(w.errors).toEqual([]);
});

test("timeline: a hostile item label is saved and the gantt still draws; an over-long one is refused beside the item, typed text kept", async ({ page }) => {
  const w = watch(page);
  await signIn(page, "manager@demo.test");
  const base = await importEngagement(page, "Hostile timeline partnership");
  await page.goto(`${base}/timeline`);
  await expect(drawn(page)).toBeVisible();

  const row = page.locator("tr[data-item]").first();
  const itemId = await row.getAttribute("data-item");
  const labelInput = page.locator(`#item-${itemId}-label`);
  const tooLong = `${GANTT} ${"y".repeat(300)}`;
  await labelInput.fill(tooLong);
  await row.getByRole("button", { name: /^Save / }).click();
  await expect(page.locator(`tr[data-item="${itemId}"] .field-error`)).toContainText("at most 300 characters");
  await expect(page.locator(`#item-${itemId}-label`)).toHaveValue(tooLong);
  await expectInert(page, w);

  await page.locator(`#item-${itemId}-label`).fill(GANTT);
  await page
    .locator(`tr[data-item="${itemId}"]`)
    .getByRole("button", { name: /^Save / })
    .click();
  await saved(page, "Timeline updated");
  await expect(page.locator(`#item-${itemId}-label`)).toHaveValue(GANTT);
  await expect(drawn(page)).toBeVisible();
  await expectInert(page, w);

  await page.goto(`${base}/fit`);
  await expectInert(page, w);
  expect(w.errors).toEqual([]);
});

test("a proposal full of hostile text: its version draws its pictures, a hostile review comment stays text, and the documents download", async ({ page }) => {
  test.setTimeout(180_000);
  const w = watch(page);
  await signIn(page, "manager@demo.test");
  const base = await importEngagement(page, `Hostile proposal ${PWNED_HTML}`, (b) => {
    b.intake.needs.problems = PROBLEMS;
    b.intake.evidence.aimForWhom = TOPIC;
    b.driverDiagram.nodes[0].label = LABEL;
    b.driverDiagram.aim.statement = `${MERMAID} by 2028`;
    b.driverDiagram.measures[0].name = PWNED_HTML;
    b.timeline.items[0].label = GANTT;
  });

  await page.goto(`${base}/proposal`);
  await expectInert(page, w);
  await page.getByRole("button", { name: "Create version 1" }).click();
  // Drawn, not "carry the diagram and the timeline as tables only": hostile labels did not break the pictures.
  await expect(page.getByRole("status").filter({ hasText: /^Version 1 created and frozen\.$/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("img[src^='data:image/svg+xml']").first()).toBeVisible();
  await expectInert(page, w);

  await page.goto(`${base}/review`);
  await page.getByLabel("Comment", { exact: true }).fill(COMMENT);
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.locator("#sectionKey-error")).toBeVisible();
  await expect(page.getByLabel("Comment", { exact: true })).toHaveValue(COMMENT);
  await expectInert(page, w);

  await page.getByLabel("Section").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Add comment" }).click();
  await saved(page, "Internal comment added");
  await expect(page.getByText("click me").first()).toBeVisible();
  await expectInert(page, w);

  for (const kind of ["docx", "pdf"]) {
    const res = await page.request.get(`${base}/versions/1/${kind}`);
    expect(res.status(), kind).toBe(200);
    expect(res.headers()["content-disposition"], kind).toMatch(
      /^attachment; filename="hostile-proposal-[a-z0-9-]*-v1-draft\.(docx|pdf)"; filename\*=UTF-8''hostile-proposal-[A-Za-z0-9%-]*-v1-draft\.(docx|pdf)$/
    );
  }
  await page.goto(`${base}/audit`);
  await expectInert(page, w);
  expect(w.errors).toEqual([]);
});

test("following a problem's link in 'There is a problem' puts the cursor in its field and keeps every message and what was typed", async ({ page }) => {
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // A refused save changes nothing, so the demo's own engagement serves.
  await page.goto("/engagements/1/intake?section=scale");
  await page.locator('input[name="expectedSites"]').fill("many");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeVisible();
  const message = (await page.locator(".field-error").first().textContent())!;
  await summary.getByRole("link").first().click();
  await expect(page.locator('input[name="expectedSites"]')).toBeFocused();
  await expect(summary).toBeVisible();
  await expect(page.locator(".field-error").first()).toHaveText(message);
  await expect(page.locator('input[name="expectedSites"]')).toHaveValue("many");
  expect(errors).toEqual([]);
});
