import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { engagements, proposalVersions, users } from "../../db/schema";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { keptWhole, PRINT_MARGINS_MM } from "~/domain/proposal-print";
import type { Actor } from "~/domain/roles";
import { editionOf } from "~/models/proposal-documents.server";
import { renderVersionPictures } from "~/models/proposal-pictures.server";
import { getVersion, readPictures } from "~/models/proposal.server";
import { closeBrowser } from "~/services/browser.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { db, useTestDatabase } from "../helpers/db";

/**
 * Print quality of every demo proposal's partner version (docs/domain.md §9.7), read as a partner
 * would: the PDF as printed, and the Word document as LibreOffice lays it out and prints it. Each page
 * is read as text. Every document is rendered and converted once, by the first test that needs it.
 */

const run = promisify(execFile);
const SLOW = 600_000;

useTestDatabase();

/** A printed document's pages as text, its details, and how far down each page its text reaches (PDF only). */
type Printed = { pages: string[]; info: string; reach?: number[] };
type Proposal = { title: string; content: ProposalContent; pdf: Printed; word: Printed };

let tmp: string | undefined;
let rendered: Promise<Proposal[]> | undefined;

afterAll(async () => {
  await closeBrowser();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function requireTool(name: string, pkg: string) {
  try {
    await run("sh", ["-c", `command -v ${name}`]);
  } catch {
    throw new Error(`${name} is not installed. Install it with: apt-get install -y --no-install-recommends ${pkg}`);
  }
}

async function printed(file: string, withReach = false): Promise<Printed> {
  const { stdout: text } = await run("pdftotext", ["-layout", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  const { stdout: info } = await run("pdfinfo", [file]);
  const pages = text.split("\f");
  if (pages.at(-1)?.trim() === "") pages.pop();
  return { pages, info, ...(withReach ? { reach: await reach(file) } : {}) };
}

/**
 * How far down each page its text reaches between the margins, from 0 (nothing) to 1 (the foot of the
 * text area). The pictures are drawn as vectors, so their words count, and each has its caption under
 * it; the running header and footer stand in the margins; a letter of the DRAFT watermark, set far
 * larger than any text, does not count.
 */
async function reach(file: string): Promise<number[]> {
  const { stdout } = await run("pdftotext", ["-bbox", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return [...stdout.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, h, words]) => {
    const height = Number(h);
    const top = (PRINT_MARGINS_MM.top / 297) * height;
    const bottom = height - (PRINT_MARGINS_MM.bottom / 297) * height;
    const feet = [...words!.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)]
      .map(([, y0, y1]) => ({ top: Number(y0), foot: Number(y1) }))
      .filter((w) => w.top >= top - 2 && w.foot <= bottom + 2 && w.foot - w.top < 30)
      .map((w) => w.foot);
    return feet.length ? (Math.max(...feet) - top) / (bottom - top) : 0;
  });
}

/** Every demo engagement's latest version, cut for the partner, printed both ways. */
async function renderAll(): Promise<Proposal[]> {
  await requireTool("soffice", "libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2");
  await requireTool("pdftotext", "poppler-utils");
  tmp = await mkdtemp(path.join(os.tmpdir(), "print-quality-"));
  const manager = db().select().from(users).where(eq(users.email, "manager@demo.test")).get()!;
  const actor: Actor = { id: manager.id, role: manager.role, organisationId: manager.organisationId };
  const latest = new Map<number, number>();
  for (const v of db().select({ engagementId: proposalVersions.engagementId, number: proposalVersions.number }).from(proposalVersions).all()) {
    latest.set(v.engagementId, Math.max(latest.get(v.engagementId) ?? 0, v.number));
  }
  expect(latest.size, "demo proposals").toBeGreaterThanOrEqual(3);
  const made: { title: string; content: ProposalContent; name: string }[] = [];
  for (const [engagementId, number] of latest) {
    const version = getVersion(actor, engagementId, number);
    // The first drawing starts the browser and loads mermaid: on a busy machine it may run out of time once.
    let drawn = await renderVersionPictures(version.id, version.content);
    if (!drawn.ok) drawn = await renderVersionPictures(version.id, version.content);
    expect(drawn.ok, `pictures of ${version.content.title}`).toBe(true);
    const partner = editionOf(actor, version, "partner");
    const pictures = readPictures(db(), version.id);
    const name = `proposal-${engagementId}`;
    await writeFile(path.join(tmp, `${name}.pdf`), await renderProposalPdf(partner.content, pictures, partner.approval));
    await writeFile(path.join(tmp, `${name}.docx`), await renderProposalDocx(partner.content, pictures, partner.approval));
    const title = db().select({ title: engagements.title }).from(engagements).where(eq(engagements.id, engagementId)).get()!.title;
    made.push({ title, content: partner.content, name });
  }
  // One LibreOffice start converts every Word document.
  const wordDir = path.join(tmp, "word");
  await run(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${path.join(tmp, "lo-profile")}`,
      "--convert-to",
      "pdf",
      "--outdir",
      wordDir,
      ...made.map((m) => path.join(tmp!, `${m.name}.docx`)),
    ],
    { timeout: SLOW }
  );
  return Promise.all(
    made.map(async (m) => {
      const word = path.join(wordDir, `${m.name}.pdf`);
      expect(existsSync(word), `LibreOffice printed ${m.name}.docx`).toBe(true);
      return { title: m.title, content: m.content, pdf: await printed(path.join(tmp!, `${m.name}.pdf`), true), word: await printed(word) };
    })
  );
}

function proposals(): Promise<Proposal[]> {
  rendered ??= renderAll();
  return rendered;
}

const FORMATS = [
  ["PDF", (p: Proposal) => p.pdf, "pdf"],
  ["Word document printed by LibreOffice", (p: Proposal) => p.word, "word"],
] as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A phrase as it reads in a text layout: any run of spaces or line breaks between its words. */
const phrase = (text: string) => new RegExp(text.trim().split(/\s+/).map(escape).join("\\s+"));

/** A page's lines of body text: not blank, not the running header (first) or footer (last), not a letter of the DRAFT watermark. */
function bodyLines(page: string): string[] {
  const lines = page.split("\n").filter((line) => line.trim() !== "");
  return lines.slice(1, -1).filter((line) => !/^\s*[A-Z]\s*$/.test(line));
}

/** Where each numbered section starts, by the heading line "6   Theory of change". */
function headingPage(pages: string[], number: number, title: string): number {
  const heading = new RegExp(`^\\s*${number}\\s+${phrase(title).source}\\s*$`, "m");
  return pages.findIndex((page, i) => i > 1 && heading.test(page)) + 1;
}

describe("the contents list", () => {
  it(
    "gives the page on which each section starts, in the PDF and in the Word document",
    async () => {
      for (const p of await proposals()) {
        for (const [format, of] of FORMATS) {
          const { pages } = of(p);
          const contents = pages.slice(1, 3).join("\n");
          p.content.sections.forEach((section, i) => {
            const entry = new RegExp(`^\\s*${i + 1}\\s+${phrase(section.title).source}[\\s.]+(\\d+)\\s*$`, "m").exec(contents);
            expect(entry, `${p.title}, ${format}: a page number for "${section.title}" in the contents`).not.toBeNull();
            const page = headingPage(pages, i + 1, section.title);
            // The PDF's numbers are read from where Chromium put each section. Word's are estimated when
            // the document is written, from the lengths of its paragraphs; LibreOffice's layout may differ by a page.
            if (format === "PDF") expect(Number(entry![1]), `${p.title}, ${format}: the page of "${section.title}"`).toBe(page);
            else expect(Math.abs(Number(entry![1]) - page), `${p.title}, ${format}: the page of "${section.title}" (${page})`).toBeLessThanOrEqual(1);
          });
        }
      }
    },
    SLOW
  );
});

describe("the pages", () => {
  it(
    "carry at least three lines each, or a figure, but for the cover, the last page and the one before the approval page, which ends the proposal's body",
    async () => {
      for (const p of await proposals()) {
        const captions = p.content.sections
          .flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)])
          .flatMap((b) => (b.type === "picture" && b.caption ? [phrase(b.caption)] : []));
        for (const [format, of] of FORMATS) {
          const { pages } = of(p);
          expect(pages.length, `${p.title}, ${format}`).toBeGreaterThan(3);
          // The approval page starts a page of its own: the page before it ends the body, as the last page ends the document.
          const approval = pages.findIndex((page) => bodyLines(page)[0]?.trim() === "Approval");
          expect(approval, `${p.title}, ${format}: the approval page`).toBeGreaterThan(1);
          pages.slice(1, -1).forEach((page, i) => {
            if (i + 1 === approval - 1) return;
            const lines = bodyLines(page);
            const figure = captions.some((caption) => lines.some((line) => caption.test(line)));
            expect(lines.length >= 3 || figure, `${p.title}, ${format}: page ${i + 2} holds only ${JSON.stringify(lines.map((l) => l.trim()))}`).toBe(true);
          });
        }
      }
    },
    SLOW
  );

  it(
    "are at least half full in the PDF, a third before the timeline's picture the workplan's table waits for, but for the cover, the contents, the last page and the one before the approval page, which starts a page of its own",
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        const { pages, reach } = p.pdf;
        const first = headingPage(pages, 1, p.content.sections[0]!.title) - 1;
        const approval = pages.findIndex((page) => bodyLines(page)[0]?.trim() === "Approval");
        expect(first, `${p.title}: the first section's page`).toBeGreaterThan(0);
        expect(approval, `${p.title}: the approval page`).toBeGreaterThan(first);
        const holdsTimeline = (page: string | undefined) => bodyLines(page ?? "").some((line) => line.trim() === "Timeline");
        reach!.forEach((share, i) => {
          if (i < first || i === pages.length - 1 || i === approval - 1) return;
          read += 1;
          // A figure that does not fit goes to the next page and the text after it fills this one; the workplan's table
          // waits for the timeline's picture, so the page before it may be left shorter, never below a third (docs/domain.md §9.7).
          const least = holdsTimeline(pages[i + 1]) ? 1 / 3 : 0.5;
          expect(share, `${p.title}: page ${i + 1} is ${Math.round((1 - share) * 100)}% blank`).toBeGreaterThanOrEqual(least);
        });
      }
      expect(read).toBeGreaterThan(20);
    },
    SLOW
  );
});

type Tabular = { caption: string; columns: string[]; rowKeys: string[] };

function tables(content: ProposalContent): Tabular[] {
  const blocks: Block[] = content.sections.flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)]);
  const firstWords = (text: string, n: number) => text.trim().split(/\s+/).slice(0, n).join(" ");
  return blocks.flatMap((b): Tabular[] => {
    if (b.type === "table") return [{ caption: b.caption, columns: b.columns, rowKeys: b.rows.map((r) => firstWords(r[0] ?? "", 2)) }];
    if (b.type === "gantt") return [{ caption: b.caption, columns: ["Activity"], rowKeys: b.rows.map((r) => firstWords(r.label, 2)) }];
    return [];
  });
}

/**
 * The document's body after the cover and the contents as one text, with where each page starts, to follow
 * the tables in order; pageAt gives the page (counted from the first after the contents) an offset is on.
 */
function asOneText(pages: string[]) {
  const starts: number[] = [];
  let text = "";
  for (const page of pages.slice(2)) {
    starts.push(text.length);
    text += bodyLines(page).join("\n") + "\n";
  }
  return { text, starts, pageAt: (offset: number) => starts.filter((s) => s <= offset).length - 1 };
}

describe("tables", () => {
  it(
    "that run onto another page repeat their header row there",
    async () => {
      let continued = 0;
      for (const p of await proposals()) {
        for (const [format, of] of FORMATS) {
          const { text, starts, pageAt } = asOneText(of(p).pages);
          let cursor = 0;
          for (const table of tables(p.content)) {
            if (table.rowKeys.length < 2 || !table.caption) continue;
            const at = text.slice(cursor).search(phrase(table.caption));
            if (at < 0) continue;
            cursor += at;
            const rowPages: { page: number; offset: number; key: string }[] = [];
            for (const key of table.rowKeys) {
              if (!key) continue;
              const found = text.slice(cursor).search(phrase(key));
              expect(found, `${p.title}, ${format}: row "${key}" of "${table.caption}"`).toBeGreaterThanOrEqual(0);
              cursor += found;
              rowPages.push({ page: pageAt(cursor), offset: cursor, key });
            }
            for (let r = 1; r < rowPages.length; r++) {
              if (rowPages[r]!.page === rowPages[r - 1]!.page) continue;
              continued++;
              // What the continued page shows above its first row: the table's header. A figure that went to the
              // top of the page may stand above it and name the same items (the timeline's chart), so the row is
              // its last mention on the page.
              const { page, key } = rowPages[r]!;
              const onPage = text.slice(starts[page], starts[page + 1] ?? text.length);
              const mentions = [...onPage.matchAll(new RegExp(phrase(key).source, "g"))];
              const top = onPage.slice(0, mentions.at(-1)!.index);
              for (const column of table.columns) {
                expect(top, `${p.title}, ${format}: "${table.caption}" continues on page ${rowPages[r]!.page + 3} under its header`).toMatch(
                  phrase(column.split(/\s+/)[0]!)
                );
              }
            }
          }
        }
      }
      expect(continued, "some table of the demo proposals runs onto a second page").toBeGreaterThan(0);
    },
    SLOW
  );
});

describe("a short table", () => {
  it(
    "lies whole on one page with its caption, never split after its first rows with the rest overleaf (the payment schedule, the key dates)",
    async () => {
      const read = { pdf: 0, word: 0 };
      for (const p of await proposals()) {
        const captioned = p.content.sections
          .flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)])
          .flatMap((b) => (b.type === "table" && b.caption ? [b] : []));
        for (const [format, of, document] of FORMATS) {
          const { text, pageAt } = asOneText(of(p).pages);
          let cursor = 0;
          for (const table of captioned) {
            const at = text.slice(cursor).search(phrase(table.caption));
            expect(at, `${p.title}, ${format}: the caption "${table.caption}"`).toBeGreaterThanOrEqual(0);
            cursor += at;
            const page = pageAt(cursor);
            if (!keptWhole(table, document)) continue;
            read[document] += 1;
            for (const row of table.rows) {
              const key = (row[0] ?? "").trim().split(/\s+/).slice(0, 2).join(" ");
              if (!key) continue;
              const found = text.slice(cursor).search(phrase(key));
              expect(found, `${p.title}, ${format}: row "${key}" of "${table.caption}"`).toBeGreaterThanOrEqual(0);
              cursor += found;
              expect(pageAt(cursor), `${p.title}, ${format}: row "${key}" of "${table.caption}" is on the page of its caption, ${page + 3}`).toBe(page);
            }
          }
        }
      }
      // Every demo proposal has its payment schedule, key dates, roles and staff tables, each short.
      expect(read.pdf, "short tables read in the PDFs").toBeGreaterThan(12);
      expect(read.word, "short tables read in the Word documents").toBeGreaterThan(12);
    },
    SLOW
  );
});

describe("the workplan's table", () => {
  it(
    "begins below the timeline's picture in the PDF, never with its first rows before the picture and the rest after it",
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        const { pages } = p.pdf;
        const pageOf = (line: RegExp) => pages.findIndex((page) => bodyLines(page).some((l) => line.test(l.trim())));
        const picture = pageOf(/^Timeline$/);
        const table = pageOf(/^Workplan by (month|quarter)$/);
        if (picture < 0 || table < 0) continue;
        read += 1;
        expect(table, `${p.title}: the workplan's table begins on page ${table + 1}, its picture on page ${picture + 1}`).toBeGreaterThanOrEqual(picture);
      }
      expect(read, "demo proposals with a timeline").toBeGreaterThanOrEqual(3);
    },
    SLOW
  );
});

describe("a table's header row", () => {
  it(
    "never ends a page, as it would under a figure that left room for it and no more",
    async () => {
      for (const p of await proposals()) {
        const headed = tables(p.content).filter((t) => t.columns.length > 1);
        for (const [format, of] of FORMATS) {
          of(p)
            .pages.slice(2)
            .forEach((page, i) => {
              const last = bodyLines(page).at(-1) ?? "";
              for (const t of headed) {
                const header = new RegExp(t.columns.map((c) => phrase(c.split(/\s+/)[0]!).source).join("\\s+.*"));
                expect(header.test(last), `${p.title}, ${format}: page ${i + 3} ends on the header row of "${t.caption}"`).toBe(false);
              }
            });
        }
      }
    },
    SLOW
  );
});

describe("the workplan's month columns", () => {
  it(
    'read each month whole, side by side on one line, never broken inside a word ("Ma r 202 7")',
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        const gantts = p.content.sections
          .flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)])
          .flatMap((b) => (b.type === "gantt" ? [b] : []));
        for (const g of gantts) {
          // The first words of the labels, in order, on one line of the page: "Mar  Apr  May  Jun …".
          const words = g.monthLabels.map((label) => label.split(" ")[0]!);
          const line = new RegExp(words.map(escape).join("\\s+"));
          for (const [format, of] of FORMATS) {
            read += 1;
            expect(
              of(p).pages.some((page) => page.split("\n").some((l) => line.test(l))),
              `${p.title}, ${format}: "${g.caption}" reads its months ${words.join(" ")} on one line`
            ).toBe(true);
          }
        }
      }
      expect(read).toBeGreaterThan(2);
    },
    SLOW
  );
});

describe("document details", () => {
  it(
    "name the proposal, who proposes it and to whom, not the program that printed it",
    async () => {
      for (const p of await proposals()) {
        // The demo's organisation profile, frozen with each version (docs/domain.md §9.8).
        expect(p.content.proposer?.name).toBe("Northbridge Institute for Health Improvement");
        for (const [format, of] of FORMATS) {
          const { info } = of(p);
          expect(info, `${p.title}, ${format}`).toMatch(new RegExp(`^Title:\\s+${escape(p.content.title)}$`, "m"));
          expect(info, `${p.title}, ${format}`).toMatch(new RegExp(`^Author:\\s+${escape(p.content.proposer!.name)}$`, "m"));
          expect(info, `${p.title}, ${format}`).toMatch(new RegExp(`^Subject:\\s+Partnership proposal for ${escape(p.content.partnerName)}$`, "m"));
        }
        expect(p.pdf.info).not.toMatch(/HeadlessChrome|Skia/);
      }
    },
    SLOW
  );
});
