import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { proposalVersions, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { editionOf } from "~/models/proposal-documents.server";
import { getVersion } from "~/models/proposal.server";
import { closeBrowser } from "~/services/browser.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { db, useTestDatabase } from "../helpers/db";

/**
 * The figures a demo proposal quotes can be looked up (docs/domain.md §9.12): the partner's Word
 * document and PDF end with a numbered References section, each entry with its title, publisher,
 * year and web address, and the text cites those numbers — never a key to a list the reader lacks.
 */

const run = promisify(execFile);
const SLOW = 120_000;
// mammoth ships no types; this is the one call the test makes.
const mammoth = createRequire(import.meta.url)("mammoth") as { extractRawText(input: { buffer: Buffer }): Promise<{ value: string }> };

useTestDatabase();

let tmp: string | undefined;
afterAll(async () => {
  await closeBrowser();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The latest version of each demo engagement, cut for the partner. */
function partnerVersions() {
  const manager = db().select().from(users).where(eq(users.email, "manager@demo.test")).get()!;
  const actor: Actor = { id: manager.id, role: manager.role, organisationId: manager.organisationId };
  const latest = new Map<number, number>();
  for (const v of db().select({ engagementId: proposalVersions.engagementId, number: proposalVersions.number }).from(proposalVersions).all())
    latest.set(v.engagementId, Math.max(latest.get(v.engagementId) ?? 0, v.number));
  return [...latest].map(([engagementId, number]) => editionOf(actor, getVersion(actor, engagementId, number), "partner"));
}

const BARE_KEY = /\[[A-Z]{1,3}\d{1,3}\]/;
const YEAR = /(?:19|20)\d\d|n\.d\./;

/** Where the References section starts: its heading, numbered in the PDF (Word keeps the number in its list numbering). */
function referencesStart(text: string): number {
  const headings = [...text.matchAll(/^\s*(?:\d+\s+)?References\s*$/gm)];
  expect(headings.length, "a References heading").toBeGreaterThan(0);
  return headings.at(-1)!.index;
}

/** The References section's entries as printed: "[n] Title. Publisher; year. https://…", each entry up to the next number or heading. */
function referenceEntries(text: string): string[] {
  const rest = text.slice(referencesStart(text));
  const end = rest.search(/^\s*Approval\s*$/m);
  return (end > 0 ? rest.slice(0, end) : rest)
    .split(/(?=^\s*\[\d+\]\s)/m)
    .map((e) => e.trim())
    .filter((e) => /^\[\d+\]/.test(e));
}

describe("the references of a demo proposal, as the partner reads them", () => {
  it(
    "end the Word document and the PDF, each with title, publisher, year and address, and the text cites their numbers, never a bare key",
    async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), "references-"));
      const versions = partnerVersions().filter((v) => v.content.sections.some((s) => s.key === "references"));
      expect(versions.length, "demo proposals that quote published figures").toBeGreaterThanOrEqual(2);
      for (const [i, version] of versions.entries()) {
        const listed = version.content.sections.find((s) => s.key === "references")!.blocks.flatMap((b) => (b.type === "references" ? b.items : []));
        const docx = await renderProposalDocx(version.content, {}, version.approval);
        const word = (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
        const file = path.join(tmp, `proposal-${i}.pdf`);
        await writeFile(file, await renderProposalPdf(version.content, {}, version.approval));
        const { stdout: pdf } = await run("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 * 1024 * 1024 });

        for (const [format, text] of [
          ["Word", word],
          ["PDF", pdf],
        ] as const) {
          const label = `${version.content.title}, ${format}`;
          expect(text, label).not.toMatch(BARE_KEY);
          // A draft's diagonal DRAFT watermark is text too: where its letters cross the list, the PDF's reading order can set
          // an entry's number apart from its words, so there each entry is found in the list as a whole (the page itself
          // prints them together, as the Word document's entries show).
          const watermarked = format === "PDF" && version.approval.status !== "approved";
          const entries = referenceEntries(text);
          expect(entries.length, label).toBe(listed.length);
          const whole = entries.join("\n");
          for (const [n, r] of listed.entries()) {
            const entry = watermarked ? whole : entries[n]!;
            expect(entries[n]!, label).toMatch(new RegExp(`^\\[${n + 1}\\]${watermarked ? "" : "\\s"}`));
            // Titles and addresses may wrap at any space or hyphen in print.
            // The watermark's capitals may also fall anywhere in a line.
            const loose = (s: string) => s.replace(/[\s-]+/g, "").replace(watermarked ? /[DRAFT]/g : /$^/g, "");
            expect(loose(entry), label).toContain(loose(r.title));
            expect(entry, label).toContain(r.publisher);
            expect(entry, label).toMatch(YEAR);
            expect(loose(entry), label).toMatch(/https?:\/\/\S+\.\S+/);
            expect(loose(entry), label).toContain(loose(r.url));
          }
          // Every figure quoted points at a number the References list holds.
          const cites = [...text.slice(0, referencesStart(text)).matchAll(/— [^\n[]+\[(\d+(?:, \d+)*)\]/g)].flatMap((m) => m[1]!.split(", ").map(Number));
          expect(cites.length, label).toBeGreaterThan(0);
          for (const n of cites) expect(n, label).toBeLessThanOrEqual(listed.length);
        }
      }
    },
    SLOW * 3
  );
});
