import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { proposalVersions, users } from "../../db/schema";
import { ganttBlock } from "~/domain/proposal";
import type { ApprovalState, ProposalContent } from "~/domain/proposal-content";
import type { Actor } from "~/domain/roles";
import { TimelineTemplateSchema } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";
import { editionOf } from "~/models/proposal-documents.server";
import { getVersion } from "~/models/proposal.server";
import { closeBrowser } from "~/services/browser.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { db, useTestDatabase } from "../helpers/db";

/**
 * A five-year plan's workplan table, by quarter, read as a partner would read it printed: the PDF as
 * printed and the Word document as LibreOffice prints it (docs/domain.md §9.7). Its 21 quarters' labels
 * stay whole, each year and each quarter on one line of the header ("2027 2027 … 2032", "Q1 Q2 …"),
 * never broken inside a year ("202 / 7").
 */

const run = promisify(execFile);
const SLOW = 600_000;

useTestDatabase();

let tmp: string | undefined;
afterAll(async () => {
  await closeBrowser();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A tailored initiative from March 2027 whose going to full scale runs two years longer: to February 2032. */
function fiveYears() {
  const t = generateTimeline(TimelineTemplateSchema.parse(tailoredJson), { start: "2027-03", teams: 40 });
  const last = t.items.reduce((a, b) => (a.end > b.end ? a : b));
  return { ...t, items: t.items.map((i) => (i.id === last.id ? { ...i, end: "2032-02-27" } : i)) };
}

/** A demo version's partner content, its workplan table that of the five-year plan. */
function content(): ProposalContent {
  const manager = db().select().from(users).where(eq(users.email, "manager@demo.test")).get()!;
  const actor: Actor = { id: manager.id, role: manager.role, organisationId: manager.organisationId };
  const v = db().select({ engagementId: proposalVersions.engagementId, number: proposalVersions.number }).from(proposalVersions).get()!;
  const partner = editionOf(actor, getVersion(actor, v.engagementId, v.number), "partner").content;
  const gantt = ganttBlock(fiveYears());
  expect(gantt.months.length).toBe(21);
  return {
    ...partner,
    sections: partner.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.type === "gantt" ? gantt : b)) })),
  };
}

async function pagesOf(file: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split("\f");
}

describe("a five-year plan's workplan by quarter", () => {
  it(
    "reads its years and its quarters whole, each on one line of the header, in the PDF and in the Word document",
    async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), "print-long-plan-"));
      const c = content();
      const approval: ApprovalState = { status: "draft" };
      await writeFile(path.join(tmp, "plan.pdf"), await renderProposalPdf(c, {}, approval));
      await writeFile(path.join(tmp, "plan.docx"), await renderProposalDocx(c, {}, approval));
      await run(
        "soffice",
        [
          "--headless",
          "--norestore",
          `-env:UserInstallation=file://${path.join(tmp, "lo")}`,
          "--convert-to",
          "pdf",
          "--outdir",
          path.join(tmp, "word"),
          path.join(tmp, "plan.docx"),
        ],
        {
          timeout: SLOW,
        }
      );
      const gantt = ganttBlock(fiveYears());
      const years = new RegExp(gantt.monthLabels.map((l) => l.split(" ")[0]).join("\\s+"));
      const quarters = new RegExp(gantt.monthLabels.map((l) => l.split(" ")[1]).join("\\s+"));
      for (const [format, file] of [
        ["PDF", path.join(tmp, "plan.pdf")],
        ["Word document printed by LibreOffice", path.join(tmp, "word", "plan.pdf")],
      ] as const) {
        const lines = (await pagesOf(file)).flatMap((p) => p.split("\n"));
        expect(
          lines.some((l) => years.test(l)),
          `${format}: the years on one line`
        ).toBe(true);
        expect(
          lines.some((l) => quarters.test(l)),
          `${format}: the quarters on one line`
        ).toBe(true);
      }
    },
    SLOW
  );
});
