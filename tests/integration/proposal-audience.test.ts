/**
 * Internal content never reaches the partner (docs/domain.md §9.4). A unique marker is planted in
 * every internal field (our capacity, the earliest staffed start, each method's feasibility, the cost
 * estimate, the override reason, leadership's conditions and reasons, internal comments, internal
 * notes), every internal template string (the demand parameters' bases, the readiness criteria's bases
 * and reasons) and every driver-diagram item is marked as an assumption. Then every partner output of
 * every demo engagement is built — the partner page's data and its document's HTML, the API, the Word
 * document and the PDF — and none of the markers is found; the internal briefing carries them. Every
 * kind of notice by mail about every demo engagement is read back from the outbox folder the same way.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { simpleParser } from "mailparser";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { approvalDecisions, approvalRequests, comments, engagements, methodDecisions, outbox, proposalVersions, users } from "../../db/schema";
import { ProposalDocument } from "~/components/proposal-document";
import { VersionChanges } from "~/components/version-changes";
import { forDocument } from "~/domain/page-pictures";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import type { SnapshotOption } from "~/domain/proposal-options";
import { timelineEnd, timelineStart } from "~/domain/timeline";
import { freezeVersion } from "~/models/proposal.server";
import * as apiOne from "~/routes/api.engagements.$id";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as pdfRoute from "~/routes/engagements.$id.versions.$number.pdf";
import * as partnerPage from "~/routes/partner.engagements.$id";
import { closeBrowser, isBrowserAvailable } from "~/services/browser.server";
import {
  tellApprovalDecided,
  tellApprovalRequested,
  tellPartnerAccepted,
  tellPartnerAnswered,
  tellVersionDeclined,
  tellPartnerCommented,
  tellVersionApproved,
  tellVersionShared,
} from "~/models/mail-notices.server";
import { deliverDue, outboxFolder } from "~/services/mailer.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callLoader, sessionCookie, BASE } from "../helpers/requests";

const run = promisify(execFile);

/** Every marker planted; each names where it was planted, so a leak says which field leaked. */
const PLANTED = new Set<string>();
const marker = (where: string) => {
  const m = `QQ${where.replace(/[^A-Za-z]/g, "").toUpperCase()}QQ`;
  PLANTED.add(m);
  return m;
};

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

// Internal template strings: the demand parameters' bases and the readiness criteria's bases and reasons.
vi.mock("~/services/templates.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/services/templates.server")>();
  return {
    ...original,
    getDemandParameters: () => {
      const p = original.getDemandParameters();
      return {
        ...p,
        parameters: Object.fromEntries(Object.entries(p.parameters).map(([k, v]) => [k, { ...v, basis: `${marker("demandbasis")} ${v.basis}` }])),
      };
    },
    getReadinessTemplate: (method: Parameters<typeof original.getReadinessTemplate>[0]) => {
      const t = original.getReadinessTemplate(method);
      return {
        ...t,
        criteria: t.criteria.map((c) => ({
          ...c,
          basis: `${marker("readinessbasis")} ${c.basis}`,
          answers: Object.fromEntries(Object.entries(c.answers).map(([a, w]) => [a, { ...w, reason: `${marker("readinessreason")} ${w.reason}` }])),
        })),
      };
    },
  };
});

// Internal fields the engagement computes: our capacity, each method's feasibility, the cost estimate.
vi.mock("~/models/snapshot.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/models/snapshot.server")>();
  return {
    ...original,
    buildSnapshot: (...args: Parameters<typeof original.buildSnapshot>): EngagementSnapshot => {
      const s = original.buildSnapshot(...args);
      const other = s.method.chosen === "campaign" ? "collaborative" : "campaign";
      // Two options wherever there is a fee (docs/domain.md §9.13), with our capacity for each and the levers applied planted.
      const option = (key: string, name: string, share: number): SnapshotOption => ({
        key,
        name,
        scope: `The ${name.toLowerCase()} scope.`,
        leavesOut: key === "B" ? "Travel." : "",
        levers: [marker("optionlevers")],
        start: s.timeline ? timelineStart(s.timeline) : "2027-01-01",
        end: s.timeline ? timelineEnd(s.timeline) : "2027-12-31",
        months: 12,
        teams: 10,
        price: { ...s.price!, fee: Math.round(s.price!.fee * share), internal: { ...s.price!.internal, override: { reason: marker("optionfeereason") } } },
        staffing: s.staffing,
        demand: s.demand,
        fteMonths: 10,
        facultyDays: 20,
        fit: { verdict: "tight", summary: marker("optionfit") },
      });
      return {
        ...s,
        ...(s.price ? { options: [option("A", "Core", 1), option("B", "Virtual", 0.9)] } : {}),
        fit: {
          verdict: "tight",
          summary: marker("fitsummary"),
          shortfalls: [marker("fitshortfall")],
          tightSpots: [marker("fittightspot")],
          earliestStart: "2031-01",
        },
        cost: { total: s.cost?.total ?? 100000, currency: s.cost?.currency ?? "USD", verdict: s.cost?.verdict ?? "within", description: marker("costbuildup") },
        method: {
          ...s.method,
          // The override reason is printed only when the method chosen is not the one recommended.
          recommended: s.method.chosen ? other : s.method.recommended,
          overrideReason: marker("overridereason"),
          feasibilityNote: marker("feasibilitynote"),
          ranked: s.method.ranked.map((r) => ({ ...r, feasibility: { verdict: "tight", earliestStart: "2031-01", summary: marker("methodfeasibility") } })),
        },
        driverDiagram: s.driverDiagram
          ? {
              ...s.driverDiagram,
              nodes: s.driverDiagram.nodes.map((n) => ({ ...n, assumption: true })),
              measures: s.driverDiagram.measures.map((m) => ({ ...m, assumption: true })),
            }
          : null,
      };
    },
  };
});

useTestDatabase();

afterAll(async () => {
  await closeBrowser();
});

const ASSUMPTION_MARK = "◇ assumption";

type Planted = { engagementId: number; number: number; partnerEmail: string; title: string };

/** For every demo engagement: internal notes, a frozen version shared with the partner and approved with conditions, internal comments on it. */
function plantEverywhere(): Planted[] {
  const managerId = userIdByEmail("manager@demo.test");
  const leaderId = userIdByEmail("leader@demo.test");
  const all = db().select({ id: engagements.id, title: engagements.title, organisationId: engagements.organisationId }).from(engagements).all();
  const out: Planted[] = [];
  for (const e of all) {
    db()
      .update(engagements)
      .set({ internalNotes: marker("internalnotes") })
      .where(eq(engagements.id, e.id))
      .run();
    db()
      .update(methodDecisions)
      .set({ overrideReason: marker("overridereason") })
      .where(eq(methodDecisions.engagementId, e.id))
      .run();
    const version = db().transaction((tx) => freezeVersion(tx, managerId, e.id, "2026-11-30", "2026-11"));
    db().update(proposalVersions).set({ sharedAt: "2026-11-30T10:00:00.000Z" }).where(eq(proposalVersions.id, version.id)).run();
    const request = db()
      .insert(approvalRequests)
      .values({
        engagementId: e.id,
        proposalVersionId: version.id,
        submittedById: managerId,
        submittedAt: "2026-11-30T11:00:00.000Z",
        status: "approved_with_conditions",
        requiredApprovals: 1,
        conflictAcknowledgementRequired: false,
        decidedAt: "2026-11-30T12:00:00.000Z",
      })
      .returning({ id: approvalRequests.id })
      .get();
    db()
      .insert(approvalDecisions)
      .values({
        requestId: request.id,
        leaderId,
        decision: "approve_with_conditions",
        conditions: marker("leadershipconditions"),
        reason: marker("leadershipreason"),
        at: "2026-11-30T12:00:00.000Z",
      })
      .run();
    db()
      .insert(comments)
      .values({
        engagementId: e.id,
        proposalVersionId: version.id,
        sectionKey: "budget",
        authorId: managerId,
        visibility: "internal",
        body: marker("internalcomment"),
        createdAt: "2026-11-30T13:00:00.000Z",
      })
      .run();
    const partnerEmail = `partner-${e.organisationId}@marker.test`;
    if (!db().select({ id: users.id }).from(users).where(eq(users.email, partnerEmail)).get()) {
      db()
        .insert(users)
        .values({ email: partnerEmail, name: "Partner Executive", role: "partner", organisationId: e.organisationId, passwordHash: "scrypt$x" })
        .run();
    }
    out.push({ engagementId: e.id, number: version.number, partnerEmail, title: e.title });
  }
  return out;
}

async function download(
  loader: typeof docxRoute.loader,
  p: Planted,
  format: "docx" | "pdf",
  as: string,
  query = ""
): Promise<{ status: number; bytes: Uint8Array; disposition: string }> {
  const request = new Request(`${BASE}/engagements/${p.engagementId}/versions/${p.number}/${format}${query}`, { headers: { Cookie: sessionCookie(as) } });
  let response: Response;
  try {
    response = (await loader({ request, params: { id: String(p.engagementId), number: String(p.number) }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, bytes: new Uint8Array(), disposition: "" };
    throw thrown;
  }
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), disposition: response.headers.get("Content-Disposition") ?? "" };
}

/** Every text part of a Word document, headers and footers included, tags removed. */
function docxText(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  return Object.entries(files)
    .filter(([name]) => name.endsWith(".xml"))
    .map(([, data]) => strFromU8(data).replace(/<[^>]+>/g, ""))
    .join("\n");
}

let tmp: string | null = null;
async function pdfText(bytes: Uint8Array): Promise<string> {
  tmp ??= mkdtempSync(path.join(os.tmpdir(), "audience-"));
  const file = path.join(tmp, `${PLANTED.size}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const { stdout } = await run("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const leaks = (text: string) => [...PLANTED].filter((m) => text.includes(m)).concat(text.includes(ASSUMPTION_MARK) ? [ASSUMPTION_MARK] : []);

describe("the partner's outputs carry partner content only", () => {
  it("finds no internal marker in any partner output of any demo engagement, and finds them in the internal briefing", { timeout: 600_000 }, async () => {
    expect(await isBrowserAvailable(), "no headless Chromium: set CHROMIUM_PATH or install chromium").toBe(true);
    const planted = plantEverywhere();
    expect(planted.length).toBeGreaterThanOrEqual(3);

    for (const p of planted) {
      const params = { id: String(p.engagementId) };
      const page = await callLoader(partnerPage.loader, { path: `/partner/engagements/${p.engagementId}`, params, as: p.partnerEmail });
      expect(page.status, p.title).toBe(200);
      // What the page's data request carries, and the page's document as the partner's browser shows it.
      const pageData = JSON.stringify(page.data);
      const pageHtml = renderToStaticMarkup(
        createElement("div", null, [
          createElement(ProposalDocument, {
            key: "doc",
            content: page.data.content,
            pictures: forDocument(page.data.pictures),
            approval: page.data.approval,
            mode: "screen",
          }),
          page.data.changes ? createElement(VersionChanges, { key: "changes", diff: page.data.changes }) : null,
        ])
      );
      const api = await callLoader(apiOne.loader, { path: `/api/engagements/${p.engagementId}`, params, as: p.partnerEmail });
      expect(api.status, p.title).toBe(200);
      const word = await download(docxRoute.loader, p, "docx", p.partnerEmail);
      expect(word.status, p.title).toBe(200);
      const pdf = await download(pdfRoute.loader, p, "pdf", p.partnerEmail);
      expect(pdf.status, p.title).toBe(200);

      // The partner version as staff download it by default is the same as the partner's.
      const staffWord = await download(docxRoute.loader, p, "docx", "manager@demo.test");
      expect(Buffer.compare(Buffer.from(staffWord.bytes), Buffer.from(word.bytes)), `${p.title}: the default download is the partner version`).toBe(0);

      const outputs = {
        "page data": pageData,
        "page HTML": pageHtml,
        "API JSON": JSON.stringify(api.data),
        "Word document": docxText(word.bytes),
        PDF: await pdfText(pdf.bytes),
      };
      for (const [what, text] of Object.entries(outputs)) expect(leaks(text), `${p.title}: ${what}`).toEqual([]);
      // Leadership approved every version with conditions: the partner reads that kind of approval, truthfully, never the conditions' text (the leaks above).
      for (const what of ["page HTML", "Word document", "PDF"] as const)
        expect(outputs[what].replace(/\s+/g, " "), `${p.title}: ${what}`).toMatch(/Approved with conditions/);
      expect(outputs["Word document"]).toContain("Partner version");
      expect(outputs.PDF).toContain("Partner version");

      // A partner cannot ask for the internal briefing.
      expect((await download(docxRoute.loader, p, "docx", p.partnerEmail, "?edition=internal")).status).toBe(404);
    }

    // The internal briefing carries what was planted (so the search above can fail), marked on every page.
    const first = planted.find((p) => p.title === "Northshire patient safety partnership") ?? planted[0]!;
    const briefing = await download(docxRoute.loader, first, "docx", "manager@demo.test", "?edition=internal");
    expect(briefing.status).toBe(200);
    expect(briefing.disposition).toContain("internal-briefing.docx");
    const briefingText = docxText(briefing.bytes);
    const inBriefing = [
      "demandbasis",
      "readinessbasis",
      "readinessreason",
      "fitsummary",
      "fitshortfall",
      "costbuildup",
      "overridereason",
      "methodfeasibility",
      "leadershipconditions",
      "internalcomment",
      "optionfit",
      "optionlevers",
    ].map((w) => `QQ${w.toUpperCase()}QQ`);
    for (const m of inBriefing) expect(briefingText, m).toContain(m);
    expect(briefingText).toContain(ASSUMPTION_MARK);
    expect(briefingText).toContain("INTERNAL BRIEFING — not for the partner");
    const briefingPdf = await pdfText((await download(pdfRoute.loader, first, "pdf", "manager@demo.test", "?edition=internal")).bytes);
    for (const m of inBriefing) expect(briefingPdf.replace(/\s+/g, ""), m).toContain(m);
    const pages = briefingPdf.split("\f").filter((page) => page.trim());
    expect(pages.length).toBeGreaterThan(2);
    for (const [i, page] of pages.entries()) expect(page, `briefing PDF page ${i + 1}`).toContain("INTERNAL BRIEFING");
  });
});

describe("mail carries partner content only", () => {
  it("finds no internal marker in any notice about any demo engagement, though the title was edited since sharing", async () => {
    const planted = plantEverywhere();
    const managerId = userIdByEmail("manager@demo.test");
    const manager = { id: managerId, role: "manager" as const, organisationId: null };
    db().delete(outbox).run();
    for (const p of planted) {
      // The live title is the manager's working title: the partner has not seen it, and mail must not say it.
      db()
        .update(engagements)
        .set({ title: marker("livetitle") })
        .where(eq(engagements.id, p.engagementId))
        .run();
      const partner = db().select({ id: users.id, organisationId: users.organisationId }).from(users).where(eq(users.email, p.partnerEmail)).get()!;
      const partnerActor = { id: partner.id, role: "partner" as const, organisationId: partner.organisationId };
      const request = db().select({ id: approvalRequests.id }).from(approvalRequests).where(eq(approvalRequests.engagementId, p.engagementId)).all().at(-1)!;
      // Every kind of notice, written as the workflow writes it, in a transaction.
      db().transaction((tx) => {
        tellVersionShared(tx, manager, p.engagementId, p.number);
        tellPartnerCommented(tx, partnerActor, p.engagementId, p.number);
        tellPartnerAnswered(tx, { actor: partnerActor, engagementId: p.engagementId, number: p.number, accepted: false });
        tellApprovalRequested(tx, manager, p.engagementId, p.number, request.id, {
          ownerIds: [managerId],
          createdById: managerId,
          sharedById: managerId,
          submittedById: managerId,
        });
        tellApprovalDecided(tx, p.engagementId, p.number, "approved_with_conditions");
        tellVersionApproved(tx, p.engagementId, p.number);
        tellVersionDeclined(tx, p.engagementId, p.number);
        tellPartnerAccepted(
          tx,
          partnerActor,
          p.engagementId,
          p.number,
          { what: "The proposal as described", signer: "Helen Marsh, Chief Executive" },
          {
            id: request.id,
            leadership: "deciding",
            involvement: { ownerIds: [managerId], createdById: managerId, sharedById: managerId, submittedById: managerId },
          }
        );
      });
    }
    await deliverDue();
    const rows = db().select().from(outbox).all();
    // Each engagement's executives, the owner, and each leader who may decide were written to.
    expect(rows.filter((r) => r.kind === "version_shared").length).toBeGreaterThanOrEqual(planted.length);
    expect(rows.filter((r) => r.kind === "approval_requested").map((r) => r.toAddress)).toContain("leader@demo.test");
    expect(rows.filter((r) => r.kind === "partner_accepted").map((r) => r.toAddress)).toContain("leader@demo.test");
    expect(rows.filter((r) => r.kind === "version_approved").length).toBeGreaterThanOrEqual(planted.length);
    expect(rows.filter((r) => r.kind === "version_declined").length).toBeGreaterThanOrEqual(planted.length);
    expect(rows.every((r) => r.sentAt !== null && r.file !== null)).toBe(true);
    for (const row of rows) {
      // Read back as a mail client reads the file written to the outbox folder.
      const mail = await simpleParser(readFileSync(path.join(outboxFolder(), row.file!)));
      const text = `${mail.subject}\n${mail.text}\n${JSON.stringify([...mail.headers])}`;
      expect(leaks(text), `${row.kind} to ${row.toAddress}`).toEqual([]);
      expect(mail.text).toMatch(/https?:\/\/[^\s]+\/(partner\/engagements|engagements|approvals)\/\d+/);
    }
    const titles = new Set(rows.filter((r) => r.kind === "version_shared").map((r) => r.subject.replace("Proposal shared with you: ", "")));
    expect([...titles].sort()).toEqual(planted.map((p) => p.title).sort());
  });
});
