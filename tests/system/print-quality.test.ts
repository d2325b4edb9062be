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
import { keptWhole, LONG_TABLE_ROWS_KEPT, PRINT_MARGINS_MM } from "~/domain/proposal-print";
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
  let first = true;
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
    if (!first) continue;
    first = false;
    // The first proposal again with a family of long measures, its measurement plan starting lower on its page each time.
    for (const [i, content] of withLongMeasures(partner.content).entries()) {
      const variant = `${name}-long-measures-${i + 1}`;
      await writeFile(path.join(tmp, `${variant}.pdf`), await renderProposalPdf(content, pictures, partner.approval));
      await writeFile(path.join(tmp, `${variant}.docx`), await renderProposalDocx(content, pictures, partner.approval));
      made.push({ title: `${title}, long measures ${i + 1}`, content, name: variant });
    }
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
      return { title: m.title, content: m.content, pdf: await printed(path.join(tmp!, `${m.name}.pdf`), true), word: await printed(word, true) };
    })
  );
}

const LONG_MEASURES = [
  [
    "Outcome",
    "Sepsis mortality",
    "Percentage of patients with sepsis in the participating areas who die in hospital.",
    "In-hospital deaths among patients with sepsis in the month / Patients with sepsis in the participating areas in the month",
    "Hospital clinical coding and mortality data",
    "Monthly",
    "Reduce sepsis mortality by 25%",
  ],
  [
    "Process",
    "Sepsis Six within 1 hour (all-or-none)",
    "Percentage of patients diagnosed with sepsis who received all six elements within one hour of diagnosis; a patient counts only if all six are done in time.",
    "Patients with sepsis with all six elements documented within one hour of diagnosis / Patients diagnosed with sepsis in the participating areas",
    "Case-note audit of a sample of patients",
    "Weekly audit, reported monthly",
    "At least 95%",
  ],
  [
    "Process",
    "Patients with signs of infection screened",
    "Percentage of patients with a raised early warning score and signs of infection screened for sepsis.",
    "Eligible patients with a completed sepsis screen / Patients with a raised early warning score and signs of infection audited",
    "Observation charts",
    "Weekly",
    "At least 90%",
  ],
  [
    "Process",
    "Time to first antibiotic dose",
    "Median minutes from sepsis diagnosis to the first dose of intravenous antibiotics.",
    "Minutes from diagnosis to first antibiotic dose, for each patient / Not applicable: the median of the patients audited",
    "Prescription chart and case notes",
    "Weekly",
    "Under 60 minutes",
  ],
  [
    "Balancing",
    "Broad-spectrum antibiotic use",
    "Days of broad-spectrum antibiotic therapy per 1,000 patient days: faster treatment of suspected sepsis could increase antibiotic use.",
    "Days of broad-spectrum antibiotic therapy in the month / Patient days in the month, divided by 1,000",
    "Pharmacy dispensing data",
    "Monthly",
    "No rise from baseline",
  ],
];

/**
 * A proposal whose family of measures is five long measures, a page's worth that fits none of what is left under
 * its heading: its measurement plan starts lower on its page from one copy to the next, the driver diagram's
 * table before it shortened a few rows at a time, so that across the copies it begins at every height of a page.
 */
function withLongMeasures(content: ProposalContent): ProposalContent[] {
  const measures = content.sections.findIndex((s) => s.blocks.some((b) => b.type === "table" && b.caption === "Family of measures"));
  const driver = content.sections[measures - 1]?.blocks.findIndex((b) => b.type === "table");
  expect(measures, "a family of measures").toBeGreaterThan(0);
  expect(driver, "the driver diagram's table before it").toBeGreaterThanOrEqual(0);
  const rows = (content.sections[measures - 1]!.blocks[driver!] as Extract<Block, { type: "table" }>).rows.length;
  return [0, 3, 6, 9, 12, 15]
    .filter((cut) => rows - cut >= 2)
    .map((cut) => ({
      ...content,
      sections: content.sections.map((section, s) => {
        if (s === measures - 1)
          return { ...section, blocks: section.blocks.map((b, i) => (i === driver && b.type === "table" ? { ...b, rows: b.rows.slice(0, rows - cut) } : b)) };
        if (s === measures)
          return {
            ...section,
            blocks: section.blocks.map((b) => (b.type === "table" && b.caption === "Family of measures" ? { ...b, rows: LONG_MEASURES } : b)),
          };
        return section;
      }),
    }));
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
    "are at least half full in the PDF, the page before the timeline's picture too, but for the cover, the contents, the last page and the one before the approval page, which starts a page of its own",
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        const { pages, reach } = p.pdf;
        const first = headingPage(pages, 1, p.content.sections[0]!.title) - 1;
        const approval = pages.findIndex((page) => bodyLines(page)[0]?.trim() === "Approval");
        expect(first, `${p.title}: the first section's page`).toBeGreaterThan(0);
        expect(approval, `${p.title}: the approval page`).toBeGreaterThan(first);
        reach!.forEach((share, i) => {
          if (i < first || i === pages.length - 1 || i === approval - 1) return;
          read += 1;
          // A figure that does not fit goes to the next page and the text after it fills this one; where the timeline's
          // picture took its heading with it, the workplan's table goes first (docs/domain.md §9.7).
          expect(share, `${p.title}: page ${i + 1} is ${Math.round((1 - share) * 100)}% blank`).toBeGreaterThanOrEqual(0.5);
        });
      }
      expect(read).toBeGreaterThan(20);
    },
    SLOW
  );

  it(
    "are at least half full in the Word document before a table that starts the next one, never left blank by a table held back whole",
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        const { pages, reach } = p.word;
        const captions = tables(p.content).flatMap((t) => (t.caption ? [phrase(t.caption)] : []));
        const headings = p.content.sections.map((section, i) => new RegExp(`^\\s*${i + 1}\\s+${phrase(section.title).source}\\s*$`));
        pages.forEach((page, i) => {
          if (i < 2 || i >= pages.length - 1) return;
          // The next page opens with a table's caption, or with the heading and sentence kept with one (leadsIntoNext).
          const top = bodyLines(pages[i + 1]!)
            .slice(0, 1)
            .map((l) => l.trim());
          if (!top.some((line) => captions.some((c) => c.test(line)) || headings.some((h) => h.test(line)))) return;
          const opens = headings.findIndex((h) => top.some((line) => h.test(line)));
          if (opens >= 0 && !p.content.sections[opens]!.blocks.slice(0, 2).some((b) => b.type === "table")) return;
          read += 1;
          expect(reach![i], `${p.title}, Word: page ${i + 1} is ${Math.round((1 - reach![i]!) * 100)}% blank before "${top[0]}"`).toBeGreaterThanOrEqual(0.5);
        });
      }
      expect(read, "pages before a table that starts a page").toBeGreaterThan(2);
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
              // Past this row's key: the next row of the same kind ("Process") is found below it, not here again.
              cursor += found;
              rowPages.push({ page: pageAt(cursor), offset: cursor, key });
              cursor += 1;
            }
            for (let r = 1; r < rowPages.length; r++) {
              if (rowPages[r]!.page === rowPages[r - 1]!.page) continue;
              continued++;
              // In the PDF never one row alone under the header at a page's foot, nor alone overleaf (LONG_TABLE_ROWS_KEPT).
              if (format === "PDF") {
                expect(r, `${p.title}, ${format}: "${table.caption}" breaks after its row ${r} of ${rowPages.length}`).toBeGreaterThanOrEqual(
                  LONG_TABLE_ROWS_KEPT.first
                );
                expect(rowPages.length - r, `${p.title}, ${format}: "${table.caption}" leaves ${rowPages.length - r} rows overleaf`).toBeGreaterThanOrEqual(
                  LONG_TABLE_ROWS_KEPT.last
                );
              }
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
            if (!keptWhole(table)) continue;
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
    "lies wholly below the timeline's picture in the PDF, or wholly above it, never with its first rows before the picture and the rest after it",
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        const { text } = asOneText(p.pdf.pages);
        // Where the first line that reads so, from an offset on, starts in the text.
        const lineAt = (line: RegExp, from = 0) => {
          let offset = 0;
          for (const l of text.split("\n")) {
            if (offset >= from && line.test(l.trim())) return offset;
            offset += l.length + 1;
          }
          return -1;
        };
        const picture = lineAt(/^Timeline$/);
        const table = lineAt(/^Workplan by (month|quarter)$/);
        if (picture < 0 || table < 0) continue;
        read += 1;
        if (table > picture) continue;
        // Printed first, where the picture would have left a page half blank (docs/domain.md §9.7): its legend, under its
        // last row, comes before the picture's caption.
        const legend = lineAt(/in the (month|quarter)$/, table);
        expect(legend, `${p.title}: the workplan's table begins before the timeline's picture and ends after it`).toBeGreaterThan(table);
        expect(legend, `${p.title}: the workplan's table begins before the timeline's picture and ends after it`).toBeLessThan(picture);
      }
      expect(read, "demo proposals with a timeline").toBeGreaterThanOrEqual(3);
    },
    SLOW
  );
});

describe("a sentence that introduces a table", () => {
  it(
    "is printed on the page of the table's caption and first row, with the heading above it, in the PDF and the Word document",
    async () => {
      let read = 0;
      for (const p of await proposals()) {
        // The sentence under a heading, or one ending with a colon, and the table right after it (leadsIntoNext).
        const introduced = p.content.sections
          .flatMap((s) => [s.blocks, ...(s.subsections ?? []).map((sub) => sub.blocks)])
          .flatMap((blocks) =>
            blocks.flatMap((block, b) => {
              const table = blocks[b + 1];
              return block.type === "paragraph" && table?.type === "table" && table.caption && (b === 0 || block.text.trimEnd().endsWith(":"))
                ? [{ block, table }]
                : [];
            })
          );
        for (const [format, of] of FORMATS) {
          const { text, pageAt } = asOneText(of(p).pages);
          let cursor = 0;
          introduced.forEach(({ block, table }) => {
            // The sentence's last words, then the caption after them.
            const end = block.text.trim().split(/\s+/).slice(-4).join(" ");
            const at = text.slice(cursor).search(phrase(end));
            if (at < 0) return;
            const caption = text.slice(cursor + at).search(phrase(table.caption));
            expect(caption, `${p.title}, ${format}: the caption "${table.caption}"`).toBeGreaterThanOrEqual(0);
            read += 1;
            expect(
              pageAt(cursor + at + caption),
              `${p.title}, ${format}: "${table.caption}" starts a page after the sentence that introduces it ("… ${end}")`
            ).toBe(pageAt(cursor + at));
            cursor += at + caption;
          });
        }
      }
      expect(read, "sentences that introduce a table").toBeGreaterThan(12);
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
