/**
 * Once the partner accepts a version that offers options, its documents say which one they chose
 * (docs/domain.md §9.13): the partner's page, Word document and PDF, and our own, present the chosen
 * option first, marked chosen with who accepted it and when, and the others in brief, marked not
 * chosen. The fingerprint the partner accepted still verifies against the frozen version.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { engagements, partnerResponses, proposalVersions } from "../../db/schema";
import { ProposalDocument } from "~/components/proposal-document";
import { fingerprintText, OPTIONS_SECTION_KEY } from "~/domain/proposal-content";
import { createVersion, hashVersion } from "~/models/proposal.server";
import { shareVersion } from "~/models/sharing.server";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as pdfRoute from "~/routes/engagements.$id.versions.$number.pdf";
import * as versionPage from "~/routes/engagements.$id.versions.$number";
import * as partnerPage from "~/routes/partner.engagements.$id";
import { closeBrowser, isBrowserAvailable } from "~/services/browser.server";
import { partnerAccepts } from "../helpers/partner-answers";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { BASE, callLoader, sessionCookie } from "../helpers/requests";

useTestDatabase();

const run = promisify(execFile);
const PARTNER = "partner2@demo.test";
const MANAGER = "manager@demo.test";

let tmp: string | null = null;
afterAll(async () => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  await closeBrowser();
});

async function download(id: number, number: number, format: "docx" | "pdf", as: string, query = ""): Promise<Uint8Array> {
  const loader = format === "docx" ? docxRoute.loader : pdfRoute.loader;
  const request = new Request(`${BASE}/engagements/${id}/versions/${number}/${format}${query}`, { headers: { Cookie: sessionCookie(as) } });
  const res = (await loader({ request, params: { id: String(id), number: String(number) }, context: {} })) as Response;
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** The Word document's body text, one line a paragraph. */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&");
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  tmp ??= mkdtempSync(path.join(os.tmpdir(), "choice-"));
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const { stdout } = await run("pdftotext", [file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  // One line a sentence's worth: the PDF breaks lines where the page does.
  return stdout.replace(/\s+/g, " ");
}

/** What every edition of the accepted version must say, in order: the chosen option before the one not chosen. */
function expectChoiceStated(text: string, where: string) {
  const chosen = text.indexOf("Option B: Virtual — chosen");
  const notChosen = text.indexOf("Option A: Core — not chosen");
  expect(chosen, `${where}: the chosen option, marked chosen`).toBeGreaterThan(-1);
  expect(notChosen, `${where}: the other option, marked not chosen`).toBeGreaterThan(chosen);
  expect(text, where).toContain("Eastmere Regional Health Authority chose Option B: Virtual when accepting this version");
  expect(text, where).toContain("accepted by Graham Pell, Chief Executive");
  expect(text, where).toContain("Chosen by Eastmere Regional Health Authority on");
  expect(text, where).toContain("Not chosen: its fee and payment schedule do not apply");
  // Only the chosen option's schedule is set out.
  expect(text, where).toContain("Payment schedule: Option B: Virtual");
  expect(text, where).not.toContain("Payment schedule: Option A: Core");
  expect(text, where).not.toContain("depend on the option Eastmere Regional Health Authority chooses");
  // The cover no longer calls it a version for discussion: accepted, and waiting for our approval.
  expect(text, where).toMatch(
    /Eastmere Regional Health Authority accepted this version on \d{1,2} \w+ \d{4}; it becomes the agreed proposal once .+ approves it\./
  );
  expect(text, where).not.toContain("This version is for discussion");
  expect(text, where).not.toContain("This is a draft for discussion");
}

describe("an accepted version that offered options", () => {
  it(
    "names the chosen option as chosen and the other as not chosen in the partner's page, Word document and PDF, and our own",
    { timeout: 300_000 },
    async () => {
      expect(await isBrowserAvailable(), "no headless Chromium: set CHROMIUM_PATH or install chromium").toBe(true);
      const id = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
      const manager = { id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null };
      const version = createVersion(manager, id, "2026-12-01", "2026-12");
      shareVersion(manager, id, version.number);

      // Before the partner chooses, every option is offered alike.
      const undecided = docxText(await download(id, version.number, "docx", PARTNER));
      expect(undecided).toContain("Payment schedule: Option A: Core");
      expect(undecided).toContain("Payment schedule: Option B: Virtual");
      expect(undecided).not.toContain("— chosen");
      expect(undecided).toContain("This version is for discussion and is not an agreed proposal.");
      expect(undecided).toContain("This is a draft for discussion. It becomes the agreed proposal when both parties have approved this version.");

      const accepted = await partnerAccepts(id, version.number, { option: "B", as: PARTNER, signer: { name: "Graham Pell", title: "Chief Executive" } });
      expect(accepted.status, JSON.stringify(accepted.data)).toBe(303);

      // The partner's page: the Options section leads with the chosen option.
      const page = await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}`, params: { id: String(id) }, as: PARTNER });
      const options = page.data.content.sections.find((s: { key: string }) => s.key === OPTIONS_SECTION_KEY);
      expect(options.subsections.map((s: { title: string }) => s.title)).toEqual(["Option B: Virtual — chosen", "Option A: Core — not chosen"]);
      const html = renderToStaticMarkup(
        createElement(ProposalDocument, { content: page.data.content, pictures: {}, approval: page.data.approval, mode: "screen" })
      )
        .replace(/<[^>]+>/g, " ")
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ");
      expectChoiceStated(html, "partner page");

      // The partner's Word document and PDF, remade for the acceptance.
      const docx = await download(id, version.number, "docx", PARTNER);
      const pdf = await download(id, version.number, "pdf", PARTNER);
      expectChoiceStated(docxText(docx), "partner .docx");
      // What each option asks of our staff stays ours.
      expect(docxText(docx)).not.toContain("Our staff for each option");
      expectChoiceStated(await pdfText(pdf), "partner PDF");
      // Our internal briefing says the same.
      const internal = docxText(await download(id, version.number, "docx", MANAGER, "?edition=internal"));
      expect(internal).toContain("Internal annex");
      expect(internal).toContain("Our staff for each option");
      expectChoiceStated(internal, "internal .docx");
      const staff = await callLoader(versionPage.loader, {
        path: `/engagements/${id}/versions/${version.number}`,
        params: { id: String(id), number: String(version.number) },
        as: MANAGER,
      });
      expect(staff.data.content.sections.find((s: { key: string }) => s.key === OPTIONS_SECTION_KEY).subsections[0].title).toBe("Option B: Virtual — chosen");

      // What the partner accepted still verifies: the fingerprint recorded is the frozen version's hash, recomputed from it.
      const row = db().select().from(proposalVersions).where(eq(proposalVersions.id, version.id)).get()!;
      const response = db().select().from(partnerResponses).where(eq(partnerResponses.proposalVersionId, version.id)).get()!;
      expect(response.fingerprint).toBe(row.contentHash);
      expect(hashVersion(JSON.parse(row.snapshotJson), JSON.parse(row.contentJson))).toBe(row.contentHash);
      expect(docxText(await download(id, version.number, "docx", PARTNER))).toContain(fingerprintText(row.contentHash));
    }
  );
});
