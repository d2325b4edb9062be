/**
 * A frozen version's documents are made ahead, in the background, and stored (docs/domain.md §9.4):
 * every download is served from storage, a later change of layout never makes a stored document
 * again, and work a restart cut short is finished at start-up.
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import mammoth from "mammoth";
import { bookings, comments, proposalDocuments, proposalVersions } from "../../db/schema";
import { bootstrap } from "~/bootstrap.server";
import { addComment } from "~/models/comments.server";
import { documentsMade, documentsSettled } from "~/models/proposal-documents.server";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as versionRoute from "~/routes/engagements.$id.versions.$number";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as pdfRoute from "~/routes/engagements.$id.versions.$number.pdf";
import { closeBrowser } from "~/services/browser.server";
import { shareVersion } from "~/models/sharing.server";
import { resetEnvCache } from "~/services/env.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, callLoader, sessionCookie } from "../helpers/requests";

// Pictures are not the subject here: versions are frozen without them, quickly. A test may hold
// their drawing back, as a slow browser would at start-up.
const pictures = vi.hoisted(() => ({ hold: null as Promise<void> | null }));
vi.mock("~/models/proposal-pictures.server", () => ({
  renderVersionPictures: async () => {
    if (pictures.hold) await pictures.hold;
    return { ok: true, drawn: [] };
  },
}));

// The renderers, as they are, unless a test changes the layout, holds a document back or makes printing fail. Each test
// freezes the same content again on a fresh database: each document is made once by the real
// renderer and its bytes given again for the same content (tests/helpers/render-once.ts).
const layout = vi.hoisted(() => ({ changed: false, hold: null as Promise<void> | null, pdfFails: false, pdfAttempts: 0 }));
vi.mock("~/services/docx.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/services/docx.server")>();
  const render = (await import("../helpers/render-once")).renderOnce(original.renderProposalDocx);
  return {
    ...original,
    renderProposalDocx: async (...args: Parameters<typeof original.renderProposalDocx>) =>
      layout.changed ? new TextEncoder().encode("a new layout") : render(...args),
  };
});
vi.mock("~/services/pdf.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/services/pdf.server")>();
  const render = (await import("../helpers/render-once")).renderOnce(original.renderProposalPdf);
  return {
    ...original,
    renderProposalPdf: async (...args: Parameters<typeof original.renderProposalPdf>) => {
      layout.pdfAttempts += 1;
      if (layout.pdfFails) throw new Error("No headless Chromium could be started");
      if (layout.hold) await layout.hold;
      return layout.changed ? new TextEncoder().encode("%PDF- a new layout") : render(...args);
    },
  };
});

useTestDatabase();
afterAll(() => closeBrowser());
beforeEach(() => {
  process.env.DOCUMENTS_AHEAD = "1";
  resetEnvCache();
  layout.changed = false;
  layout.hold = null;
  layout.pdfFails = false;
  layout.pdfAttempts = 0;
  pictures.hold = null;
  // The demo seed freezes a version 1; these tests start from an engagement with none.
  db().delete(bookings).where(eq(bookings.engagementId, id())).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id())).run();
});
afterEach(async () => {
  await documentsSettled();
  process.env.DOCUMENTS_AHEAD = "0";
  resetEnvCache();
});

const id = () => demoEngagementId();

async function freeze() {
  const res = await callAction(proposalRoute.action, {
    path: `/engagements/${id()}/proposal`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: { intent: "create-version" },
  });
  expect(res.status).toBe(303);
  return db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, id())).get()!;
}

function storedFor(versionId: number) {
  return db().select().from(proposalDocuments).where(eq(proposalDocuments.proposalVersionId, versionId)).all();
}

async function download(format: "docx" | "pdf", headers: Record<string, string> = {}, edition = "") {
  const route = format === "docx" ? docxRoute : pdfRoute;
  const request = new Request(`${BASE}/engagements/${id()}/versions/1/${format}${edition}`, {
    headers: { Cookie: sessionCookie("leader@demo.test"), ...headers },
  });
  return (await route.loader({ request, params: { id: String(id()), number: "1" }, context: {} })) as Response;
}

const versionPage = () =>
  callLoader(versionRoute.loader, { path: `/engagements/${id()}/versions/1`, params: { id: String(id()), number: "1" }, as: "manager@demo.test" });

describe("documents stored as made", () => {
  it("makes a frozen version's partner and internal documents in the background and stores them", { timeout: 300_000 }, async () => {
    const version = await freeze();
    await documentsSettled();
    const stored = storedFor(version.id);
    expect(stored.map((d) => `${d.edition} ${d.format}`).sort()).toEqual(["internal docx", "internal pdf", "partner docx", "partner pdf"]);
    for (const d of stored) {
      expect(d.bytes.subarray(0, d.format === "pdf" ? 5 : 2).toString()).toBe(d.format === "pdf" ? "%PDF-" : "PK");
      expect(d.sha256).toBe(crypto.createHash("sha256").update(d.bytes).digest("hex"));
    }
    // Nothing left to make: the page says nothing of documents being made.
    expect((await versionPage()).data.documentsPending).toEqual([]);
  });

  it("serves every download from storage, byte for byte, with a strong ETag, and never lays a stored document out again", { timeout: 300_000 }, async () => {
    const version = await freeze();
    await documentsSettled();
    const made = { ...documentsMade };
    const first = await download("docx");
    const a = Buffer.from(await first.arrayBuffer());
    // A later layout: what was stored is what is served.
    layout.changed = true;
    const second = await download("docx");
    const b = Buffer.from(await second.arrayBuffer());
    expect(b.equals(a)).toBe(true);
    expect(documentsMade).toEqual(made);
    const stored = db()
      .select()
      .from(proposalDocuments)
      .where(and(eq(proposalDocuments.proposalVersionId, version.id), eq(proposalDocuments.edition, "partner"), eq(proposalDocuments.format, "docx")))
      .get()!;
    expect(a.equals(stored.bytes)).toBe(true);
    expect(first.headers.get("ETag")).toBe(`"${crypto.createHash("sha256").update(a).digest("hex")}"`);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    // Asked again with the tag it has, the browser is told it has the document already.
    const again = await download("docx", { "If-None-Match": first.headers.get("ETag")! });
    expect(again.status).toBe(304);
    // The internal briefing is its own stored document.
    const briefing = await download("pdf", {}, "?edition=internal");
    expect(briefing.status).toBe(200);
    expect(briefing.headers.get("ETag")).not.toBe(first.headers.get("ETag"));
    expect(documentsMade).toEqual(made);
  });

  it("serves a stored document only for the facts it was made for, never a document made for others", { timeout: 300_000 }, async () => {
    const version = await freeze();
    await documentsSettled();
    const partnerWord = and(
      eq(proposalDocuments.proposalVersionId, version.id),
      eq(proposalDocuments.edition, "partner"),
      eq(proposalDocuments.format, "docx")
    );
    const made = db().select().from(proposalDocuments).where(partnerWord).get()!;
    // What storage holds under the version's current fingerprint is what is served.
    db()
      .update(proposalDocuments)
      .set({ bytes: Buffer.from("the stored bytes") })
      .where(partnerWord)
      .run();
    expect(await (await download("docx")).text()).toBe("the stored bytes");
    // The same row recorded as made for other facts (another approval, other pictures) is not served:
    // the document is made again for the version as it stands, and stored with its fingerprint.
    db()
      .update(proposalDocuments)
      .set({ madeFor: "0".repeat(64) })
      .where(partnerWord)
      .run();
    const res = await download("docx");
    expect(Buffer.from(await res.arrayBuffer()).equals(made.bytes)).toBe(true);
    expect(res.headers.get("ETag")).toBe(`"${made.sha256}"`);
    expect(db().select().from(proposalDocuments).where(partnerWord).get()!.madeFor).toBe(made.madeFor);
  });

  it("never serves an internal briefing stored before an internal comment was written on the version", { timeout: 300_000 }, async () => {
    const version = await freeze();
    await documentsSettled();
    const text = async (res: Response) => (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    const partner = await download("docx");
    expect(await text(await download("docx", {}, "?edition=internal"))).not.toContain("Check the faculty's dates");
    // Written as if nothing had queued the briefing to be made again.
    db()
      .insert(comments)
      .values({
        engagementId: id(),
        proposalVersionId: version.id,
        sectionKey: "budget",
        authorId: userIdByEmail("manager@demo.test"),
        visibility: "internal",
        body: "Check the faculty's dates",
        createdAt: new Date().toISOString(),
      })
      .run();
    expect(await text(await download("docx", {}, "?edition=internal"))).toContain("Check the faculty's dates");
    // The partner version says nothing of it and is served as stored.
    expect((await download("docx")).headers.get("ETag")).toBe(partner.headers.get("ETag"));
  });

  it(
    "names a document stored before its title was kept beside it as the version is titled, and keeps its title and key beside it at start-up",
    { timeout: 300_000 },
    async () => {
      const version = await freeze();
      await documentsSettled();
      const title = (JSON.parse(version.contentJson) as { title: string }).title;
      expect(storedFor(version.id).map((d) => d.title)).toEqual([title, title, title, title]);
      const first = await download("docx");
      const bytes = Buffer.from(await first.arrayBuffer());
      expect(first.headers.get("Content-Disposition")).toMatch(/filename="northshire-patient-safety-partnership-v1-draft\.docx"/);
      const facts = storedFor(version.id).map((d) => d.facts);
      expect(facts.filter(Boolean)).toHaveLength(2);
      db().update(proposalDocuments).set({ title: null, facts: null }).where(eq(proposalDocuments.proposalVersionId, version.id)).run();
      const untitled = await download("docx");
      expect(untitled.headers.get("Content-Disposition")).toBe(first.headers.get("Content-Disposition"));
      expect(Buffer.from(await untitled.arrayBuffer()).equals(bytes)).toBe(true);
      const briefing = await download("pdf", {}, "?edition=internal");
      expect(briefing.headers.get("Content-Disposition")).toMatch(/filename="northshire-patient-safety-partnership-v1-draft-internal-briefing\.pdf"/);
      // At start-up the title is kept beside each of them; nothing of this version is made again.
      const madeAt = storedFor(version.id).map((d) => d.madeAt);
      layout.changed = true;
      process.env.DRAW_PICTURES_AT_START = "0";
      resetEnvCache();
      await bootstrap();
      await documentsSettled();
      expect(storedFor(version.id).map((d) => d.title)).toEqual([title, title, title, title]);
      expect(storedFor(version.id).map((d) => d.facts)).toEqual(facts);
      expect(Buffer.from(await (await download("docx")).arrayBuffer()).equals(bytes)).toBe(true);
      expect(storedFor(version.id).map((d) => d.madeAt)).toEqual(madeAt);
    }
  );

  it("says on the version page that documents are being made, and a download that cannot wait gets a page that asks again", { timeout: 300_000 }, async () => {
    let release!: () => void;
    layout.hold = new Promise((resolve) => (release = resolve));
    await freeze();
    const page = await versionPage();
    expect(page.data.documentsPending).toEqual(expect.arrayContaining(["PDF", "internal briefing (PDF)"]));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const pending = download("pdf");
      await vi.advanceTimersByTimeAsync(30_000);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("5");
      const html = await res.text();
      expect(html).toContain("This document is still being made");
      expect(html).toMatch(/<meta http-equiv="refresh" content="5">/);
    } finally {
      vi.useRealTimers();
    }
    release();
    await documentsSettled();
    expect((await versionPage()).data.documentsPending).toEqual([]);
    expect((await download("pdf")).status).toBe(200);
  });

  it(
    "says documents are being made only while they are: not of one the background could not make, nor asks for it again each time the page is shown",
    { timeout: 300_000 },
    async () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      layout.pdfFails = true;
      const version = await freeze();
      await documentsSettled();
      // The Word documents are made; printing the PDFs failed, and the failure is logged.
      expect(
        storedFor(version.id)
          .map((d) => `${d.edition} ${d.format}`)
          .sort()
      ).toEqual(["internal docx", "partner docx"]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not be made"));
      const tried = layout.pdfAttempts;
      // Nothing is making them: the page, shown again and again as it polls, says nothing is being made and starts nothing.
      for (let i = 0; i < 3; i++) {
        expect((await versionPage()).data.documentsPending).toEqual([]);
        await documentsSettled();
      }
      expect(layout.pdfAttempts).toBe(tried);
      // A change that calls for the version's documents again makes them, and the page says so while it does.
      layout.pdfFails = false;
      let release!: () => void;
      layout.hold = new Promise((resolve) => (release = resolve));
      addComment({ id: userIdByEmail("manager@demo.test"), role: "manager", organisationId: null }, id(), {
        number: 1,
        sectionKey: "budget",
        body: "Check the fee with finance.",
        parentId: null,
        visibility: "internal",
      });
      expect((await versionPage()).data.documentsPending).toEqual(expect.arrayContaining(["PDF", "internal briefing (PDF)"]));
      release();
      await documentsSettled();
      expect(storedFor(version.id)).toHaveLength(4);
      expect((await versionPage()).data.documentsPending).toEqual([]);
      warn.mockRestore();
    }
  );

  it("finishes, at start-up, documents a restart left unmade", { timeout: 300_000 }, async () => {
    // Frozen while documents were not made ahead: nothing stored, as if the server stopped at once.
    process.env.DOCUMENTS_AHEAD = "0";
    resetEnvCache();
    const version = await freeze();
    expect(storedFor(version.id)).toEqual([]);
    // Pictures are not redrawn here; any other demo version is not the subject: cheap renders.
    layout.changed = true;
    process.env.DOCUMENTS_AHEAD = "1";
    process.env.DRAW_PICTURES_AT_START = "0";
    resetEnvCache();
    await bootstrap();
    await documentsSettled();
    expect(storedFor(version.id)).toHaveLength(4);
    // Every version now has all four of its documents.
    const versions = db().select({ id: proposalVersions.id }).from(proposalVersions).all();
    expect(db().select().from(proposalDocuments).all()).toHaveLength(versions.length * 4);
  });

  it("keeps a version's documents waiting while start-up draws its pictures, rather than say they could not be drawn", { timeout: 300_000 }, async () => {
    // Frozen with nothing stored and no pictures, as the demo's versions are in a new database.
    process.env.DOCUMENTS_AHEAD = "0";
    resetEnvCache();
    const version = await freeze();
    shareVersion({ id: userIdByEmail("manager@demo.test"), role: "manager", organisationId: null }, id(), 1);
    let release!: () => void;
    pictures.hold = new Promise((resolve) => (release = resolve));
    process.env.DOCUMENTS_AHEAD = "1";
    process.env.DRAW_PICTURES_AT_START = "1";
    resetEnvCache();
    try {
      await bootstrap();
      // The pictures are still being drawn: the download asks again later, the version page says so,
      // and nothing is made without them.
      const res = await download("docx");
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain("This document is still being made");
      expect(html).toContain("Version 1's Word document is being prepared");
      // It wears the app's stylesheet and header, as every other page does.
      expect(html).toMatch(/<link rel="stylesheet" href="[^"]*">/);
      expect(html).toContain(`<a class="brand" href="/">Partnership Planner</a>`);
      expect(html).toContain(`<a href="/engagements/${id()}/versions/1">back to version 1</a>`);
      // A partner executive is sent back to their own page for the engagement.
      const partners = await download("docx", { Cookie: sessionCookie("partner@demo.test") });
      expect(partners.status).toBe(503);
      expect(await partners.text()).toContain(`<a href="/partner/engagements/${id()}">back to version 1</a>`);
      const page = await versionPage();
      expect(page.data.documentsPending).toEqual(["Word", "PDF", "internal briefing (Word)", "internal briefing (PDF)"]);
      expect(page.data.picturesDrawing).toBe(true);
      await documentsSettled();
      expect(storedFor(version.id)).toEqual([]);
    } finally {
      release();
      process.env.DRAW_PICTURES_AT_START = "0";
      resetEnvCache();
    }
    // Drawn: the documents are made, and the download is served.
    await vi.waitFor(() => expect(storedFor(version.id)).toHaveLength(4), { timeout: 120_000, interval: 200 });
    await documentsSettled();
    expect((await download("docx")).status).toBe(200);
    expect((await versionPage()).data.picturesDrawing).toBe(false);
  });

  it("starts even when one version cannot be read, names it, and makes the others' documents", { timeout: 300_000 }, async () => {
    process.env.DOCUMENTS_AHEAD = "0";
    resetEnvCache();
    const version = await freeze();
    // A version written by hand, with nothing in it.
    const broken = db()
      .insert(proposalVersions)
      .values({
        engagementId: demoEngagementId(),
        number: 99,
        snapshotJson: "{}",
        contentJson: "{}",
        contentHash: "0".repeat(64),
        createdById: userIdByEmail("manager@demo.test"),
        createdAt: new Date().toISOString(),
      })
      .returning({ id: proposalVersions.id })
      .get().id;
    layout.changed = true;
    process.env.DOCUMENTS_AHEAD = "1";
    process.env.DRAW_PICTURES_AT_START = "0";
    resetEnvCache();
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await bootstrap();
      await documentsSettled();
      expect(warnings.mock.calls.map((c) => String(c[0]))).toContainEqual(
        expect.stringContaining(`Proposal version ${broken}: its documents could not be checked`)
      );
    } finally {
      warnings.mockRestore();
    }
    expect(storedFor(version.id)).toHaveLength(4);
  });
});
