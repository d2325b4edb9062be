import type { ProposalContent } from "~/domain/proposal-content";
import { and, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import mammoth from "mammoth";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bookings, intakes, proposalPictures, proposalVersions } from "../../db/schema";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as versionRoute from "~/routes/engagements.$id.versions.$number";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as pdfRoute from "~/routes/engagements.$id.versions.$number.pdf";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { closeBrowser } from "~/services/browser.server";
import { documentsMade } from "~/models/proposal-documents.server";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { BASE, callAction, callLoader, sessionCookie } from "../helpers/requests";

useTestDatabase();
afterAll(() => closeBrowser());
// The demo seed freezes a version 1; these tests start from an engagement with none.
beforeEach(() => {
  db().delete(bookings).where(eq(bookings.engagementId, id())).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id())).run();
  db().delete(auditLog).where(eq(auditLog.action, "proposal.version.create")).run();
});

const id = () => demoEngagementId();

async function createVersion() {
  return callAction(proposalRoute.action, {
    path: `/engagements/${id()}/proposal`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: { intent: "create-version" },
  });
}

/** Calls a document route and returns the raw response, as a browser would receive it. */
async function download(route: typeof docxRoute | typeof pdfRoute, format: "docx" | "pdf", number: number, as = "leader@demo.test") {
  const request = new Request(`${BASE}/engagements/${id()}/versions/${number}/${format}`, { headers: { Cookie: sessionCookie(as) } });
  return (await route.loader({ request, params: { id: String(id()), number: String(number) }, context: {} })) as Response;
}

describe("proposal versions", () => {
  it("creating one freezes a numbered version with its fingerprint and its pictures, and audits it", async () => {
    const res = await createVersion();
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/engagements/${id()}/versions/1`);
    const row = db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, id())).get()!;
    expect(row).toMatchObject({ number: 1, createdById: 1 });
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Fourteen written sections, then the References of the figures they quote.
    const sections = (JSON.parse(row.contentJson) as ProposalContent).sections;
    expect(sections).toHaveLength(15);
    expect(sections.at(-1)!.title).toBe("References");
    const pictures = db().select({ picture: proposalPictures.picture }).from(proposalPictures).where(eq(proposalPictures.proposalVersionId, row.id)).all();
    // The demo's budget is in the fee's currency, so the fee against it is drawn too, with the payment schedule.
    expect(pictures.map((p) => p.picture).sort()).toEqual(["driver-diagram", "fee-chart", "payment-chart", "timeline"]);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.version.create")).all()).toHaveLength(1);
  });

  it("is listed on the Proposal page with its own pictures, its missing items and its sections in the document's order", async () => {
    await createVersion();
    const row = db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, id())).get()!;
    // A version that lost a picture: the list names the version's own, whatever other versions have.
    db()
      .delete(proposalPictures)
      .where(and(eq(proposalPictures.proposalVersionId, row.id), eq(proposalPictures.picture, "fee-chart")))
      .run();
    // A later version with items still to be completed, and no pictures of its own yet.
    const content = JSON.parse(row.contentJson) as ProposalContent;
    const missing = [
      { section: "Aims", item: "The aim's target" },
      { section: "Budget", item: "The partner's budget" },
    ];
    db()
      .insert(proposalVersions)
      .values({ ...row, id: undefined, number: 2, contentJson: JSON.stringify({ ...content, missing }), contentHash: "h2", sharedAt: null, sharedById: null })
      .run();
    const page = await callLoader(proposalRoute.loader, { path: `/engagements/${id()}/proposal`, params: { id: String(id()) }, as: "manager@demo.test" });
    const listed = page.data.versions as { number: number; pictures: string[]; missing: number; sections: { key: string; title: string }[] }[];
    expect(listed.map((v) => v.number)).toEqual([2, 1]);
    expect(listed[0]!.pictures).toEqual([]);
    expect(listed[0]!.missing).toBe(2);
    expect([...listed[1]!.pictures].sort()).toEqual(["driver-diagram", "payment-chart", "timeline"]);
    expect(listed[1]!.missing).toBe(content.missing.length);
    expect(listed[1]!.sections).toEqual(content.sections.map((s) => ({ key: s.key, title: s.title })));
    expect(listed[1]!.sections.at(-1)).toEqual({ key: "references", title: "References" });
  });

  it("cannot change once frozen, even by a direct update", async () => {
    await createVersion();
    expect(() => db().update(proposalVersions).set({ contentJson: "{}" }).where(eq(proposalVersions.engagementId, id())).run()).toThrow(/frozen/);
    expect(() => db().update(proposalPictures).set({ svg: "<svg/>" }).run()).toThrow(/frozen/);
  });

  it("stays as it was when the engagement changes, and the next version shows what changed", async () => {
    await createVersion();
    const before = db().select({ contentJson: proposalVersions.contentJson }).from(proposalVersions).get()!.contentJson;
    const version = db().select({ v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!.v;
    const saved = await callAction(intakeRoute.action, {
      path: `/engagements/${id()}/intake?section=budget`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: intakeForm("budget", { version: String(version), budgetMin: "700000", budgetMax: "950000", currency: "GBP", budgetSecured: "yes" }),
    });
    expect(saved.status).toBe(303);
    await createVersion();
    expect(db().select({ contentJson: proposalVersions.contentJson }).from(proposalVersions).where(eq(proposalVersions.number, 1)).get()!.contentJson).toBe(
      before
    );
    const page = await callLoader(versionRoute.loader, {
      path: `/engagements/${id()}/versions/2`,
      params: { id: String(id()), number: "2" },
      as: "leader@demo.test",
    });
    expect(page.data.compare.with).toBe(1);
    // The fee, in USD, is no longer compared with a budget in GBP: version 1's risk of a fee above the budget is gone.
    expect(page.data.compare.diff.sections).toEqual([
      { section: "Budget", changes: [expect.stringMatching(/^The partner's budget is now GBP.700,000–950,000, in place of USD.1,100,000–1,500,000\.$/)] },
      { section: "Assumptions and risks", changes: ["New: “Northbridge found no risks beyond the readiness criteria below that are still to be met.”"] },
    ]);
  });

  it("downloads as a Word attachment, never cached, that an independent reader finds complete", async () => {
    await createVersion();
    const res = await download(docxRoute, "docx", 1);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="northshire-patient-safety-partnership-v1-draft.docx"; filename*=UTF-8''northshire-patient-safety-partnership-v1-draft.docx`
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const buffer = Buffer.from(await res.arrayBuffer());
    const { value: text } = await mammoth.extractRawText({ buffer });
    for (const heading of [
      "Executive summary",
      "Context and needs",
      "Priorities",
      "Aims",
      "Approach and rationale",
      "Theory of change",
      "Measurement plan",
      "Workplan and timeline",
      "Governance",
      "Roles and resourcing",
      "Capability building and sustainability",
      "Budget",
      "Assumptions and risks",
      "Next steps and approval",
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("Breakthrough Series collaborative");
    expect(text).toMatch(/Halve VAP/);
    for (const ls of ["Learning Session 1", "Learning Session 2", "Learning Session 3"]) expect(text).toContain(ls);
    expect(text).toContain("Improvement advisor");
    expect(text).toContain("DRAFT");
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.download")).all()).toHaveLength(1);
  });

  it("gives the same document every time for the same version, made once and then served as stored", async () => {
    await createVersion();
    const first = await download(docxRoute, "docx", 1);
    const a = Buffer.from(await first.arrayBuffer());
    const made = documentsMade.docx;
    const second = await download(docxRoute, "docx", 1, "manager@demo.test");
    const b = Buffer.from(await second.arrayBuffer());
    expect(documentsMade.docx).toBe(made);
    expect(a.equals(b)).toBe(true);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    // Every download is still audited.
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.download")).all()).toHaveLength(2);
  });

  it("makes the document again once its pictures arrive", async () => {
    await createVersion();
    const row = db().select().from(proposalPictures).all();
    db().delete(proposalPictures).run();
    const without = Buffer.from(await (await download(docxRoute, "docx", 1)).arrayBuffer());
    db().insert(proposalPictures).values(row).run();
    const withPictures = Buffer.from(await (await download(docxRoute, "docx", 1)).arrayBuffer());
    // The cover carries our logo either way; the diagram, the timeline and the two price charts come as four more pictures.
    const media = (docx: Buffer) => Object.keys(unzipSync(docx)).filter((name) => name.startsWith("word/media/")).length;
    expect(withPictures.equals(without)).toBe(false);
    expect(media(withPictures)).toBe(media(without) + 4);
  });

  it("downloads as a PDF printed from the same content", async () => {
    await createVersion();
    const res = await download(pdfRoute, "pdf", 1);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-v1-draft\.pdf"; filename\*=UTF-8''[^;]+-v1-draft\.pdf$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("still generates the documents, with the tables, when no pictures could be drawn", async () => {
    await createVersion();
    db().delete(proposalPictures).run();
    const res = await download(docxRoute, "docx", 1);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    expect(text).toContain("Driver diagram as a table");
    expect(text).toContain("Learning Session 2");
  });

  it("refuses a partner a version that was not shared with their organisation", async () => {
    await createVersion();
    const res = await callLoader(docxRoute.loader, {
      path: `/engagements/${id()}/versions/1/docx`,
      params: { id: String(id()), number: "1" },
      as: "partner@demo.test",
    });
    expect(res.status).toBe(404);
  });
});
