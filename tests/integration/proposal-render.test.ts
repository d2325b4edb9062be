import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { unzipSync, strFromU8 } from "fflate";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ProposalDocument } from "~/components/proposal-document";
import { TITLE_MAX } from "~/domain/engagement-forms";
import { escapeRegExp } from "~/domain/text";
import type { Block, Pictures, ProposalContent } from "~/domain/proposal-content";
import { closeBrowser, isBrowserAvailable, withPage } from "~/services/browser.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderMermaid } from "~/services/mermaid-render.server";
import { proposalHtml, renderProposalPdf } from "~/services/pdf.server";
import {
  APPROVED,
  DRAFT,
  SAMPLE_AIM,
  SAMPLE_DRIVER_DIAGRAM_SOURCE,
  SAMPLE_METHOD,
  SAMPLE_SECTION_TITLES,
  SAMPLE_STAFF_ROLES,
  SAMPLE_TIMELINE_SOURCE,
  sampleProposal,
} from "../helpers/sample-proposal";
import { DEMO_LOGO_PNG_BASE64 } from "../../db/demo-logo";

const run = promisify(execFile);
// mammoth ships no types; this is the one call the tests make.
const mammoth = createRequire(import.meta.url)("mammoth") as { extractRawText(input: { buffer: Buffer }): Promise<{ value: string }> };

// LibreOffice and Chromium share two cores with the rest of the suite: as long as the system project allows.
const SLOW = 120_000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let tmp: string;
let pictures: Pictures;

async function requireTool(name: string, pkg: string) {
  try {
    await run("sh", ["-c", `command -v ${name}`]);
  } catch {
    throw new Error(`${name} is not installed. Install it with: apt-get install -y --no-install-recommends ${pkg}`);
  }
}

/** Opens each .docx in LibreOffice (a reader this project did not write) and prints it to PDF, all in one LibreOffice start. */
async function libreOfficePdfs(docs: Record<string, Uint8Array>): Promise<Record<string, string>> {
  await requireTool("soffice", "libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2");
  const dir = await mkdtemp(path.join(tmp, "libreoffice-"));
  const names = Object.keys(docs);
  for (const name of names) await writeFile(path.join(dir, `${name}.docx`), docs[name]!);
  await run(
    "soffice",
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${path.join(tmp, "lo-profile")}`,
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      ...names.map((name) => path.join(dir, `${name}.docx`)),
    ],
    { timeout: SLOW }
  );
  return Object.fromEntries(names.map((name) => [name, path.join(dir, `${name}.pdf`)]));
}

/**
 * The Word documents the tests below open in LibreOffice (the sample draft, the hostile one and one
 * with the longest title), made and printed once for all: LibreOffice's start costs more than a conversion.
 */
let printedByLibreOffice: Promise<{ docx: Record<string, Uint8Array>; pdf: Record<string, string> }> | undefined;
async function libreOfficePdf(name: "sample" | "hostile" | "long-title" | "months"): Promise<{ docx: Uint8Array; pdf: string }> {
  printedByLibreOffice ??= (async () => {
    const docx = {
      sample: await renderProposalDocx(sampleProposal(), pictures, DRAFT),
      hostile: await renderProposalDocx(hostileProposal(), {}, DRAFT),
      "long-title": await renderProposalDocx(fullCoverProposal(), {}, DRAFT),
      months: await renderProposalDocx(monthsProposal(), {}, DRAFT),
    };
    return { docx, pdf: await libreOfficePdfs(docx) };
  })();
  const { docx, pdf } = await printedByLibreOffice;
  expect(existsSync(pdf[name]!), `LibreOffice wrote no PDF for ${name}.docx`).toBe(true);
  return { docx: docx[name], pdf: pdf[name]! };
}

async function pdfText(file: string, pages?: [number, number]): Promise<string> {
  await requireTool("pdftotext", "poppler-utils");
  const range = pages ? ["-f", String(pages[0]), "-l", String(pages[1])] : [];
  const { stdout } = await run("pdftotext", ["-layout", ...range, file, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function pageCount(file: string): Promise<number> {
  const { stdout } = await run("pdfinfo", [file]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
}

async function wordText(docx: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
}

const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "proposal-render-"));
  expect(await isBrowserAvailable(), "no headless Chromium: set CHROMIUM_PATH or install chromium").toBe(true);
  const content = sampleProposal();
  pictures = {
    "driver-diagram": await renderMermaid(content.pictureSources["driver-diagram"]!, { kind: "flowchart" }),
    timeline: await renderMermaid(content.pictureSources.timeline!, { kind: "gantt" }),
  };
}, SLOW);

afterAll(async () => {
  await closeBrowser();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the render browser", () => {
  it(
    "lets a render page reach nothing outside itself",
    async () => {
      const hits: string[] = [];
      const server = http.createServer((req, res) => {
        hits.push(req.url ?? "");
        res.end("x");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        await withPage({ javaScript: true }, async (page) => {
          await page.setContent(
            `<link rel="stylesheet" href="${base}/style.css"><img src="${base}/picture.png"><iframe src="${base}/frame"></iframe>` +
              `<script>fetch("${base}/fetch").catch(() => {}); navigator.sendBeacon("${base}/beacon", "x");</script>`,
            { waitUntil: "load" }
          );
          await page.waitForTimeout(300);
          await expect(page.goto(`${base}/navigate`)).rejects.toThrow();
        });
        expect(hits).toEqual([]);
        // The server does answer: a request from outside the browser arrives.
        await fetch(`${base}/from-node`);
        expect(hits).toEqual(["/from-node"]);
      } finally {
        server.close();
      }
    },
    SLOW
  );
});

describe("diagram pictures", () => {
  it(
    "draws a flowchart and a gantt as SVG and a 2× PNG",
    async () => {
      for (const [source, kind] of [
        [SAMPLE_DRIVER_DIAGRAM_SOURCE, "flowchart"],
        [SAMPLE_TIMELINE_SOURCE, "gantt"],
      ] as const) {
        const picture = await renderMermaid(source, { kind });
        expect(picture.svg.startsWith("<svg")).toBe(true);
        expect(picture.svg).not.toContain("foreignObject");
        expect([...picture.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        expect(picture.width).toBeGreaterThan(300);
        expect(picture.width).toBeLessThan(3000);
        expect(picture.height).toBeGreaterThan(100);
        expect(picture.height).toBeLessThan(3000);
        const png = pngSize(picture.png);
        expect(Math.abs(png.width - 2 * picture.width)).toBeLessThanOrEqual(2);
        expect(Math.abs(png.height - 2 * picture.height)).toBeLessThanOrEqual(2);
      }
      expect(pictures.timeline!.svg).toContain("Learning Session 2");
    },
    SLOW
  );

  it(
    "says clearly when mermaid rejects the source, and keeps working after",
    async () => {
      await expect(renderMermaid("flowchart LR\n  a --> [", { kind: "flowchart" })).rejects.toThrow(/The flowchart could not be drawn: .*Parse error/s);
      const again = await renderMermaid("flowchart LR\n  a --> b\n", { kind: "flowchart" });
      expect(again.svg.startsWith("<svg")).toBe(true);
    },
    SLOW
  );

  it(
    "draws a picture once: the same source again is the same picture, a copy the caller may change",
    async () => {
      const source = 'flowchart LR\n  kept(["Drawn once"]) --> again(["Asked twice"])\n';
      const first = await renderMermaid(source, { kind: "flowchart" });
      const second = await renderMermaid(source, { kind: "flowchart" });
      // Mermaid draws a rounded box's outline by hand, at random: two drawings of one source are never the same SVG.
      expect(second.svg).toBe(first.svg);
      expect(Buffer.from(second.png).equals(Buffer.from(first.png))).toBe(true);
      second.png.fill(0);
      const third = await renderMermaid(source, { kind: "flowchart" });
      expect(Buffer.from(third.png).equals(Buffer.from(first.png))).toBe(true);
    },
    SLOW
  );

  it(
    "draws several diagrams at once without mixing them up",
    async () => {
      const labels = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];
      const drawn = await Promise.all(labels.map((label) => renderMermaid(`flowchart LR\n  a["${label}"] --> b["${label}End"]\n`, { kind: "flowchart" })));
      drawn.forEach((picture, i) => {
        expect(picture.svg).toContain(`${labels[i]}End`);
        for (const other of labels.filter((l) => l !== labels[i])) expect(picture.svg).not.toContain(other);
      });
    },
    SLOW
  );
});

describe("the Word document", () => {
  it(
    "has every section, the aim, the method, the learning sessions and the staffing roles, read back by mammoth",
    async () => {
      const text = await wordText(await renderProposalDocx(sampleProposal(), pictures, DRAFT));
      for (const title of SAMPLE_SECTION_TITLES) expect(text).toContain(title);
      expect(text).toContain(SAMPLE_AIM);
      expect(text).toContain(SAMPLE_METHOD);
      for (const session of ["Learning Session 1", "Learning Session 2", "Learning Session 3"]) expect(text).toContain(session);
      for (const role of SAMPLE_STAFF_ROLES) expect(text).toContain(role);
      expect(text).toContain("To be completed: The name of the executive sponsor");
      expect(text).toContain("To be completed: Travel costs for the learning sessions");
      expect(text).toContain("Contents");
    },
    SLOW
  );

  it(
    "marks a draft as DRAFT and leaves the signature lines empty; an approved version has no DRAFT and names its approvers",
    async () => {
      const draft = await renderProposalDocx(sampleProposal(), pictures, DRAFT);
      const approved = await renderProposalDocx(sampleProposal(), pictures, APPROVED);
      const draftText = await wordText(draft);
      const approvedText = await wordText(approved);
      expect(draftText).toContain("DRAFT — not approved");
      expect(draftText).not.toContain("Dr Eleanor Whitfield");
      expect(approvedText).not.toMatch(/draft/i);
      expect(approvedText).toContain("Approved with conditions");
      expect(approvedText).toContain("Dr Eleanor Whitfield");
      expect(approvedText).toContain("Marcus Oyelaran");
      expect(approvedText).toContain("24 November 2026");
      expect(approvedText).toContain("Travel costs to be confirmed before Learning Session 1.");

      // The headers: a DRAFT watermark and marking on every page of a draft, none on an approved version.
      const headers = (docx: Uint8Array) =>
        Object.entries(unzipSync(docx))
          .filter(([name]) => /^word\/header\d+\.xml$/.test(name))
          .map(([, data]) => strFromU8(data))
          .join("");
      expect(headers(draft)).toContain("PowerPlusWaterMarkObject");
      expect(headers(draft)).toContain("DRAFT — not approved");
      expect(headers(approved)).not.toMatch(/DRAFT|WaterMark/);
    },
    SLOW
  );

  it(
    "opens in LibreOffice, with a table of contents whose page numbers are where the headings are",
    async () => {
      const { pdf } = await libreOfficePdf("sample");
      const pages = await pageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(6);
      const contents = await pdfText(pdf, [2, 2]);
      expect(contents).toContain("Contents");
      expect(contents).toMatch(/Executive summary\s*\.{3,}\s*\d+/);

      // Each entry's page number is the page LibreOffice put the heading on.
      const entries = [...contents.matchAll(/^\s*(?:\d+(?:\.\d+)?\s+)?(\S.*?)\s*\.{3,}\s*(\d+)\s*$/gm)].map((m) => ({ title: m[1], page: Number(m[2]) }));
      expect(entries.map((e) => e.title)).toEqual([
        ...SAMPLE_SECTION_TITLES.slice(0, 5),
        "Drivers and change ideas",
        ...SAMPLE_SECTION_TITLES.slice(5),
        "Approval",
      ]);
      const pageTexts = await Promise.all(Array.from({ length: pages }, (_, i) => pdfText(pdf, [i + 1, i + 1])));
      for (const entry of entries) {
        const heading = new RegExp(`^\\s*(?:\\d+(?:\\.\\d+)?\\s+)?${entry.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`, "m");
        const onPage = pageTexts.findIndex((text, i) => i >= 2 && heading.test(text)) + 1;
        expect({ title: entry.title, page: onPage }).toEqual(entry);
      }
      const all = pageTexts.join("\n");
      expect(all).toContain(`Page 2 of ${pages}`);
      expect(all).toContain("Learning Session 3");
    },
    SLOW
  );

  it(
    "is the same bytes whatever the clock says, and a draft differs from the approved version",
    async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(new Date("2031-01-02T03:04:05Z"));
        const first = await renderProposalDocx(sampleProposal(), pictures, DRAFT);
        vi.setSystemTime(new Date("2044-07-08T09:10:11Z"));
        const second = await renderProposalDocx(sampleProposal(), pictures, DRAFT);
        const approved = await renderProposalDocx(sampleProposal(), pictures, APPROVED);
        expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
        expect(Buffer.from(approved).equals(Buffer.from(first))).toBe(false);
        const core = strFromU8(unzipSync(first)["docProps/core.xml"]);
        expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-20T00:00:00Z</dcterms:created>');
        expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-20T00:00:00Z</dcterms:modified>');
        expect(core).toContain("<dc:creator>The Institute</dc:creator>");
        expect(core).toContain("<dc:subject>Partnership proposal for Northbridge Health</dc:subject>");
        expect(core).not.toMatch(/2031|2044/);
      } finally {
        vi.useRealTimers();
      }
    },
    SLOW
  );

  it(
    "without pictures (no browser) still makes the document, with a note where each picture would be",
    async () => {
      const docx = await renderProposalDocx(sampleProposal(), {}, DRAFT);
      const text = await wordText(docx);
      expect(text.match(/Picture not available/g)).toHaveLength(2);
      expect(text).toContain("Figure 1. Driver diagram");
      expect(Object.keys(unzipSync(docx)).some((name) => name.startsWith("word/media/"))).toBe(false);
      const html = renderToStaticMarkup(createElement(ProposalDocument, { content: sampleProposal(), pictures: {}, approval: DRAFT, mode: "screen" }));
      expect(html.match(/Picture not available/g)).toHaveLength(2);
    },
    SLOW
  );
});

/** A title as long as an engagement's may be, in words that wrap onto five lines of the cover. */
const LONGEST_TITLE =
  "Northbridge Health, Eastmere and Riverside: a system-wide partnership for safer care on ventilator-associated pneumonia, bloodstream infection and sepsis";

/** The sample with everything a cover can hold: our logo and contact, the addressee, the date it is valid until, the edition, and the longest title. */
function fullCoverProposal(): ProposalContent {
  return sampleProposal({
    title: LONGEST_TITLE,
    proposer: {
      name: "Northbridge Institute for Health Improvement",
      shortName: "the Institute",
      address: "1 Quality Street\nNorthbridge NB1 2QS",
      brandColour: "#0b5563",
      contact: { name: "Priya Raman", email: "priya.raman@northbridge.example", phone: "+44 1632 960 418" },
      signatory: { name: "Dr Eleanor Whitfield", title: "Director of Partnerships" },
      legalFooter: "",
      offerValidDays: 90,
      logo: { type: "image/png", dataUri: `data:image/png;base64,${DEMO_LOGO_PNG_BASE64}` },
    },
    addressee: { name: "Helen Marsh", title: "Chief Executive, Northbridge Health" },
    edition: "partner",
  });
}

/** What a reader finds on the cover of a printed document with the longest title, and on the page after it. */
async function coverAndNext(pdf: string) {
  // Without the letters of the DRAFT watermark, which the PDF prints as text between the title's lines.
  const cover = (await pdfText(pdf, [1, 1]))
    .split("\n")
    .filter((line) => !/^\s*([A-Z]\s*)+$/.test(line))
    .join("\n");
  expect(cover).toMatch(new RegExp(LONGEST_TITLE.split(" ").map(escapeRegExp).join("\\s+")));
  for (const detail of ["Proposed by", "Contact", "Prepared for", "Addressed to", "Version", "Date", "Valid until", "Status"]) expect(cover).toContain(detail);
  expect(cover).toMatch(/Edition\s+Partner version/);
  const next = await pdfText(pdf, [2, 2]);
  expect(next).toContain("Contents");
  expect(next).not.toMatch(/Edition\s+Partner version/);
  return { cover, next };
}

describe("the cover of a proposal with the longest title", () => {
  it(
    "keeps the title and every detail under it, down to the edition, on one page of the Word document, with the contents on the next",
    async () => {
      expect(LONGEST_TITLE.length).toBeGreaterThan(TITLE_MAX - 10);
      expect(LONGEST_TITLE.length).toBeLessThanOrEqual(TITLE_MAX);
      await coverAndNext((await libreOfficePdf("long-title")).pdf);
    },
    SLOW
  );

  it(
    "does the same in the PDF, whose running header still ends with the draft marking, whole",
    async () => {
      const file = path.join(tmp, "long-title-chromium.pdf");
      await writeFile(file, await renderProposalPdf(fullCoverProposal(), pictures, DRAFT));
      const { next } = await coverAndNext(file);
      // The header shortens the title, never the marking after it.
      expect(next.split("\n")[0]).toMatch(/…\s+DRAFT — not approved\s*$/);
    },
    SLOW
  );
});

const HOSTILE = `<script>alert("x")</script> %%{init: {"theme":"dark"}}%% ]]> & "double" 'single' \u0000\u0007\u001b\uFFFE lone\uD800 end שלום עולם مرحبا 👩‍⚕️🏥`;
const HOSTILE_CLEAN = `<script>alert("x")</script> %%{init: {"theme":"dark"}}%% ]]> & "double" 'single'  lone end שלום עולם مرحبا 👩‍⚕️🏥`;
const LONG = `Start of a long paragraph. ${"A sentence pasted many times over. ".repeat(3000)}End of a long paragraph.`;

function hostileProposal(): ProposalContent {
  const content = sampleProposal({ title: `Title ${HOSTILE}`, partnerName: `Partner ${HOSTILE}`, subtitle: `Subtitle ${HOSTILE}` });
  content.sections[0].title = `Summary ${HOSTILE}`;
  const table = content.sections[1].blocks.find((b): b is Extract<Block, { type: "table" }> => b.type === "table")!;
  table.rows[0][0] = `Cell ${HOSTILE}`;
  content.sections[1].blocks.push({ type: "paragraph", text: `Paragraph ${HOSTILE}` }, { type: "paragraph", text: LONG });
  content.sections[2].blocks.push({ type: "bullets", items: [`Bullet ${HOSTILE}`] }, { type: "todo", text: `Todo ${HOSTILE}` });
  return content;
}

/** The sample with a table like the internal briefing's of our capacity: wordy cells beside a column of months under a header of short words. */
function monthsProposal(): ProposalContent {
  const content = sampleProposal();
  const tight = "Tight: 26 role-months fit only without tentative bookings or with less than 10% to spare.";
  content.sections[1].blocks.push({
    type: "table",
    caption: "Our capacity for each method",
    columns: ["Method", "Our capacity", "Start with room to spare"],
    rows: [
      ["Breakthrough Series collaborative", tight, "May 2032"],
      ["Campaign", tight, "September 2032"],
      ["Tailored large-scale initiative", tight, "—"],
    ],
  });
  return content;
}

describe("a table of months in the Word document", () => {
  it(
    "keeps each month and its year on one line of its cell, whatever the header's words",
    async () => {
      const printed = await pdfText((await libreOfficePdf("months")).pdf);
      expect(printed).toMatch(/Start with/);
      for (const month of ["May 2032", "September 2032"]) expect(printed).toMatch(new RegExp(`\\b${month}\\b`));
    },
    SLOW
  );
});

describe("hostile text", () => {
  it(
    "is plain text in the Word document: it opens in LibreOffice and reads back without the control characters",
    async () => {
      expect(LONG.length).toBeGreaterThan(100_000);
      const { docx, pdf } = await libreOfficePdf("hostile");
      const xml = strFromU8(unzipSync(docx)["word/document.xml"]);
      expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(xml).not.toContain("<script");

      const text = await wordText(docx);
      for (const prefix of ["Title", "Summary", "Cell", "Paragraph", "Bullet", "To be completed: Todo"]) expect(text).toContain(`${prefix} ${HOSTILE_CLEAN}`);
      expect(text).toContain(LONG);

      const printed = await pdfText(pdf);
      expect(printed).toContain('<script>alert("x")</script>');
      expect(printed).toContain("End of a long paragraph.");
    },
    SLOW
  );

  it(
    "is escaped in the HTML document and the PDF",
    async () => {
      const content = hostileProposal();
      const html = renderToStaticMarkup(createElement(ProposalDocument, { content, pictures, approval: DRAFT, mode: "screen" }));
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect(html).not.toMatch(/[\u0000\u0007\u001b\uFFFE]/);
      const printable = proposalHtml(content, pictures, DRAFT);
      expect(printable).not.toMatch(/<script/i);
      // Pictures are images, never inline SVG markup.
      expect(printable).not.toMatch(/<svg/i);
      expect(printable).toContain('src="data:image/svg+xml;base64,');

      const pdf = await renderProposalPdf(content, pictures, DRAFT);
      const file = path.join(tmp, "hostile-chromium.pdf");
      await writeFile(file, pdf);
      const printed = await pdfText(file);
      expect(printed).toContain('<script>alert("x")</script>');
    },
    SLOW
  );
});

/**
 * The pages of the sample proposal as PDF text, its executive summary replaced by `lines` one-line
 * paragraphs and then `blocks`: lengthened a line at a time, the summary moves the blocks down their
 * page and over its foot.
 */
async function pagesWithSummaryOf(lines: number, blocks: Block[], name: string): Promise<string[]> {
  const content = sampleProposal();
  content.sections[0]!.blocks = [...Array.from({ length: lines }, (_, i): Block => ({ type: "paragraph", text: `Line ${i + 1} of the summary.` })), ...blocks];
  const file = path.join(tmp, `${name}-${lines}.pdf`);
  await writeFile(file, await renderProposalPdf(content, pictures, DRAFT));
  return (await pdfText(file)).split("\f");
}

describe("the workplan's heading", () => {
  it(
    "is never left with its opening sentence on a half-empty PDF page while the timeline's picture starts the next",
    async () => {
      const opening = "The collaborative follows the usual rhythm";
      const apart: number[] = [];
      const onPages = new Set<number>();
      for (let lines = 20; lines <= 56; lines += 4) {
        const content = sampleProposal();
        content.sections[0]!.blocks = Array.from({ length: lines }, (_, i): Block => ({ type: "paragraph", text: `Line ${i + 1} of the summary.` }));
        content.sections = [content.sections[0]!, content.sections.find((x) => x.key === "workplan")!];
        const file = path.join(tmp, `workplan-${lines}.pdf`);
        await writeFile(file, await renderProposalPdf(content, pictures, DRAFT));
        const pages = (await pdfText(file)).split("\f");
        const at = pages.findIndex((page) => page.includes(opening));
        onPages.add(at);
        if (!/Workplan and timeline/.test(pages[at]!) || !pages[at]!.includes("Figure 2. Timeline")) apart.push(lines);
      }
      expect(onPages.size, "the summaries move the workplan over a page's foot").toBeGreaterThan(1);
      expect(apart, "summaries after whose lines the heading and its sentence end a page without the picture").toEqual([]);
    },
    SLOW
  );
});

describe("a sentence that introduces a list", () => {
  it(
    "is never left at the foot of a PDF page, apart from the list it introduces, wherever the text before it ends",
    async () => {
      const lead = "What it asks of Northbridge Health:";
      const blocks: Block[] = [
        { type: "paragraph", text: lead },
        // Items of two or three lines each, as the partner's roles are: the first cannot end a page by a line alone.
        {
          type: "bullets",
          items: [
            "A senior sponsor who agrees the aim, steers the work each month and reviews the results with us at the end, with the time each of those takes.",
            "A project lead of the partner's own with the time released to lead the work day to day, and a team given time to test changes and for coaching.",
            "A data lead, with the data to follow the aim's measures month by month and report them to the sponsor and to us.",
          ],
        },
      ];
      const ends: number[] = [];
      const onPages = new Set<number>();
      for (let lines = 24; lines <= 48; lines++) {
        const pages = await pagesWithSummaryOf(lines, blocks, "lead-in");
        const at = pages.findIndex((page) => page.includes(lead));
        onPages.add(at);
        const after = pages[at]!.slice(pages[at]!.indexOf(lead) + lead.length);
        if (!after.includes("A senior sponsor")) ends.push(lines);
      }
      expect(onPages.size, "the summaries move the sentence over a page's foot").toBeGreaterThan(1);
      expect(ends, "summaries after whose lines the sentence ends its page alone").toEqual([]);
    },
    SLOW
  );
});

describe("a note on the table before it", () => {
  it(
    "is never printed at the top of a PDF page away from the table it explains, wherever the table ends",
    async () => {
      const blocks: Block[] = [
        {
          type: "table",
          caption: "Our capacity for each method",
          columns: ["Method", "Our capacity", "Start with room to spare"],
          rows: [
            ["Breakthrough Series collaborative", "Fits", "March 2027"],
            ["Campaign", "Tight: 2 role-months", "May 2027"],
            ["Tailored large-scale initiative", "Does not fit", "—"],
          ],
        },
        {
          type: "paragraph",
          tone: "note",
          text: "Start with room to spare: for each method, the nearest start with room to spare for its template timeline, at or after the desired start.",
        },
      ];
      const alone: number[] = [];
      const onPages = new Set<number>();
      for (let lines = 76; lines <= 88; lines++) {
        const pages = await pagesWithSummaryOf(lines, blocks, "note");
        const at = pages.findIndex((page) => page.includes("Start with room to spare: for each method"));
        onPages.add(at);
        if (!pages[at]!.includes("Tailored large-scale initiative")) alone.push(lines);
      }
      expect(onPages.size, "the summaries move the table and its note over a page's foot").toBeGreaterThan(1);
      expect(alone, "summaries after whose lines the note begins a page without the table").toEqual([]);
    },
    SLOW
  );
});

describe("the PDF", () => {
  it(
    "prints the proposal on A4 with its sections and Page X of Y",
    async () => {
      const pdf = await renderProposalPdf(sampleProposal(), pictures, DRAFT);
      expect(strFromU8(pdf.subarray(0, 5))).toBe("%PDF-");
      const file = path.join(tmp, "sample-chromium.pdf");
      await writeFile(file, pdf);
      const text = await pdfText(file);
      for (const title of SAMPLE_SECTION_TITLES) expect(text).toContain(title);
      expect(text).toMatch(/Page 1 of \d+/);
      expect(text).toContain("DRAFT — not approved");
      expect(text).toContain("To be completed:");
      const { stdout } = await run("pdfinfo", [file]);
      expect(stdout).toMatch(/Page size:.*\(A4\)/);

      // Chromium's print time is replaced by the document's date: the same proposal prints to the same bytes.
      expect(Buffer.from(await renderProposalPdf(sampleProposal(), pictures, DRAFT)).equals(Buffer.from(pdf))).toBe(true);
      expect(stdout).toMatch(/CreationDate:\s+Fri Nov 20 00:00:00 2026 UTC/);
      // Its own metadata, not the browser's name; every contents entry ends with the page its section starts on.
      expect(stdout).toMatch(/Title:\s+Safer wards: reducing inpatient falls/);
      expect(stdout).toMatch(/Author:\s+The Institute/);
      expect(stdout).toMatch(/Subject:\s+Partnership proposal for Northbridge Health/);
      expect(stdout).not.toMatch(/HeadlessChrome|Skia/);
      const pages = text.split("\f");
      const contents = pages[1] ?? "";
      for (const [i, title] of SAMPLE_SECTION_TITLES.entries()) {
        const entry = new RegExp(`^\\s*${i + 1}\\s+${title}\\s+(\\d+)\\s*$`, "m").exec(contents);
        expect(entry, `contents entry for ${title}`).not.toBeNull();
        const page = Number(entry![1]);
        expect(pages[page - 1], `${title} on page ${page}`).toMatch(new RegExp(`^\\s*${i + 1}\\s+${title}\\s*$`, "m"));
      }

      const approved = path.join(tmp, "approved-chromium.pdf");
      await writeFile(approved, await renderProposalPdf(sampleProposal(), pictures, APPROVED));
      const approvedText = await pdfText(approved);
      expect(approvedText).not.toMatch(/draft/i);
      // The leaders' table may wrap a name over two lines of its cell, read between the other cells.
      expect(approvedText.split("\f").find((page) => /\bApproval\b/.test(page) && page.includes("Dr Eleanor"))).toMatch(/Dr Eleanor[\s\S]*Whitfield/);
    },
    SLOW
  );
});

describe("without a browser", () => {
  it(
    "says no browser instead of throwing, and the Word document still renders",
    async () => {
      await closeBrowser();
      const saved = process.env.CHROMIUM_PATH;
      process.env.CHROMIUM_PATH = path.join(tmp, "no-such-chromium");
      try {
        expect(await isBrowserAvailable()).toBe(false);
        await expect(renderMermaid("flowchart LR\n  a --> b\n", { kind: "flowchart" })).rejects.toThrow(/could not be drawn: No headless Chromium/);
        const docx = await renderProposalDocx(sampleProposal(), {}, DRAFT);
        expect(await wordText(docx)).toContain("Picture not available");
      } finally {
        if (saved === undefined) delete process.env.CHROMIUM_PATH;
        else process.env.CHROMIUM_PATH = saved;
        await closeBrowser();
      }
      expect(await isBrowserAvailable()).toBe(true);
    },
    SLOW
  );
});
