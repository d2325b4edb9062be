/**
 * The proposal as a Word document, from the same content as the page and the PDF. Long because a
 * .docx is written by hand, piece by piece: styles, numbering, tables, pictures, cover, running
 * header and footer, and the post-processing that makes the file byte-for-byte reproducible.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ExternalHyperlink,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IBorderOptions,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import { estimatePageNumbersWith, layoutDocument } from "docx/layout";
import { TextWatermark } from "docx/watermarks";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { formatDate, formatDateTime, formatShortDate } from "~/domain/calendar";
import { EDITION_LABELS, EDITION_MARKING } from "~/domain/proposal-audience";
import { documentDetails, withPrintMarks } from "~/domain/proposal-print";
import {
  addresseeText,
  approverDecisionLabel,
  approversCaption,
  ourSignature,
  partnerSignature,
  validityText,
  validUntil,
  decisionLabel,
  fingerprintText,
  draftMarking,
  draftWatermark,
  draftApprovalNote,
  draftNote,
  ganttLegend,
  type ApprovalState,
  type Block,
  type Picture,
  type Pictures,
  type ProposalContent,
  type RichPart,
  type RichRun,
} from "~/domain/proposal-content";
import { pngSize } from "~/domain/organisation-logo";
import { BRAND_COLOUR_PATTERN, contactText, ourName } from "~/domain/organisation-profile";
import { citationMarks, referenceText } from "~/domain/references";
import { stripControlChars } from "~/domain/text";

/**
 * The proposal as a Word document, written with Word's own structures: heading styles with
 * numbers, a table of contents already filled in with its page numbers, real tables (the driver
 * diagram and the timeline as tables as well as pictures), lists, "Page X of Y", and on drafts a
 * DRAFT watermark and marking. The same content, pictures and approval always give the same bytes.
 */

// A4 with 2 cm margins: 11906 × 16838 twips, text 9638 twips (about 642 px at 96 dpi) wide.
const PAGE = { width: 11906, height: 16838, margin: 1134, header: 567, footer: 567 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);
const MAX_PICTURE_HEIGHT_PX = 820;

/*
 * The table of contents and "of Y" are written with their page numbers, worked out by laying the pages
 * out as Word does, so Word shows them without asking to update fields. Where the layout meets
 * something it cannot measure exactly (an emoji, Arabic or Hebrew text in Calibri) it guesses rather
 * than leave every page number after it blank; with nothing to guess at, the numbers are the same.
 */
const PAGE_NUMBERS = estimatePageNumbersWith({ guess: true });

const FONT = "Calibri";
const COLOUR = {
  text: "1F2933",
  muted: "52606D",
  heading: "1B3A5C",
  accent: "2B5D8C",
  rule: "C5D0DC",
  ruleSoft: "E1E7EE",
  headBg: "E6EDF5",
  zebra: "F7F9FB",
  active: "B9CDE3",
  todoBg: "FFF4CC",
  todoRule: "B7791F",
  todoText: "5C3D00",
  draft: "A3161A",
  draftBg: "FBE9E9",
  approved: "1B5E20",
};

// The table of contents is written as Word writes it, with the number's tab stop just past each
// number, so "10" pushes its title further right than "9". One stop per level lines the titles up.
const TOC_TEXT_AT = { TOC1: 620, TOC2: 1240 };

const NUMBERING = { headings: "headings", bullets: "bullets", numbered: "numbered" } as const;

/** Every string on its way into the XML: nothing XML forbids, whatever was pasted. */
const t = (text: string | undefined) => stripControlChars(text ?? "");

// ---------------------------------------------------------------------------------------------
// Text

function runs(text: string, options: Omit<IRunOptions, "text" | "children" | "break"> = {}): TextRun[] {
  // A line break typed in a field is a line break in Word, not a new paragraph.
  return t(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ ...options, text: line, break: i > 0 ? 1 : undefined }));
}

/** A long title cut for the running header, at a word where it can be. */
function shorten(text: string, max: number): string {
  const chars = Array.from(t(text).replace(/\s+/g, " ").trim());
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max - 1).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

function para(text: string, options: { style?: string; run?: Omit<IRunOptions, "text">; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ style: options.style, keepNext: options.keepNext, children: runs(text, options.run) });
}

// ---------------------------------------------------------------------------------------------
// Tables

const BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule };
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const TABLE_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };
const MONTH_CELL_MARGINS = { ...CELL_MARGINS, left: 20, right: 20 };

// Rough width of a character of 9.5 pt Calibri, and what a cell adds around its text, in twips.
const CHAR_TWIPS = 100;
const CELL_PAD = CELL_MARGINS.left + CELL_MARGINS.right + 60;

// A month and its year ("May 2027") are measured as one word: a column of months is never so narrow that its dates break in two.
// A word breaks after its hyphens, in Word as in LibreOffice: "hospital-acquired" needs only "hospital-" of room, so that one
// long compound does not take from a narrow column ("Balancing", "Frequency") the room its one word needs.
const MONTH_YEAR = /\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b/g;
const longestWord = (text: string) =>
  Math.max(
    0,
    ...t(text)
      .replace(MONTH_YEAR, "$1_$2")
      .split(/\s+|(?<=-)(?=\p{L})/u)
      .map((w) => Array.from(w).length)
  );
const longestLine = (text: string) =>
  Math.max(
    0,
    ...t(text)
      .split(/\n/)
      .map((l) => Array.from(l).length)
  );

/**
 * Column widths as a browser would lay the table out: no column narrower than its longest word,
 * numbers as wide as they need and no wider, the rest shared by the wordy columns as they need it.
 */
function columnWidths(columns: string[], rows: string[][], numeric: boolean[] = [], total = TEXT_WIDTH): number[] {
  const cellsOf = (c: number) => [columns[c], ...rows.map((row) => row[c] ?? "")];
  const min = columns.map((_, c) => Math.min(total / 3, Math.max(...cellsOf(c).map(longestWord)) * CHAR_TWIPS + CELL_PAD));
  const natural = columns.map((_, c) =>
    Math.max(min[c], Math.min(total, Math.max(longestWord(columns[c]), ...rows.map((row) => longestLine(row[c] ?? ""))) * CHAR_TWIPS + CELL_PAD))
  );
  let widths: number[];
  const naturalSum = natural.reduce((a, b) => a + b, 0);
  if (naturalSum <= total) {
    // Everything fits on one line: share the spare room among the wordy columns (all, if none is).
    const grow = columns.map((_, c) => (numeric[c] ? 0 : natural[c]));
    const growSum = grow.reduce((a, b) => a + b, 0) || naturalSum;
    widths = natural.map((w, c) => w + ((growSum === naturalSum ? w : grow[c]) / growSum) * (total - naturalSum));
  } else {
    const fixed = columns.map((_, c) => (numeric[c] ? natural[c] : min[c]));
    const spare = Math.max(0, total - fixed.reduce((a, b) => a + b, 0));
    const want = columns.map((_, c) => (numeric[c] ? 0 : natural[c] - min[c]));
    const wantSum = want.reduce((a, b) => a + b, 0) || 1;
    widths = fixed.map((w, c) => w + (want[c] / wantSum) * spare);
  }
  const scale = total / widths.reduce((a, b) => a + b, 0);
  const rounded = widths.map((w) => Math.floor(w * scale));
  rounded[rounded.length - 1] += total - rounded.reduce((a, b) => a + b, 0);
  return rounded;
}

type CellOptions = {
  width: number;
  header?: boolean;
  numeric?: boolean;
  fill?: string;
  bold?: boolean;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  children?: ParagraphChild[];
  margins?: typeof CELL_MARGINS;
  /** Keep with the next row: a table whose every row but the last is kept stays on one page. */
  keep?: boolean;
};

function cell(text: string, o: CellOptions): TableCell {
  const size = o.size ?? (o.header ? 18 : 19);
  const children = o.children ?? runs(text, { bold: o.header || o.bold, size, color: o.header ? COLOUR.heading : undefined });
  return new TableCell({
    width: { size: o.width, type: WidthType.DXA },
    margins: o.margins ?? CELL_MARGINS,
    verticalAlign: o.header ? VerticalAlignTable.BOTTOM : VerticalAlignTable.TOP,
    shading: o.fill ? { type: ShadingType.CLEAR, fill: o.fill, color: "auto" } : undefined,
    children: [
      new Paragraph({
        style: "TableText",
        keepNext: o.keep,
        alignment: o.align ?? (o.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT),
        children,
      }),
    ],
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({ style: "TableCaption", keepNext: true, children: runs(text) });
}

/** A table; with `keepWithNext`, its last row stays on the page of the note that follows it (explainsPrevious). */
function dataTable(block: Extract<Block, { type: "table" }>, keepWithNext = false): FileChild[] {
  const numeric = block.columns.map((_, c) => Boolean(block.numeric?.[c]));
  const widths = columnWidths(block.columns, block.rows, numeric);
  // A short table is kept on one page with its caption and header, each row with the next: split, it reads badly, and
  // LibreOffice drops the rows that were to continue under its repeated header (a partner's roles table lost all but its first).
  // A longer one is not held back whole, leaving a page half blank: its header keeps only to its first row, and it runs on.
  const whole = Boolean(block.print?.whole);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((column, c) =>
      cell(column, { width: widths[c], header: true, numeric: numeric[c], fill: COLOUR.headBg, keep: block.rows.length > 0 })
    ),
  });
  const body = block.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: block.columns.map((_, c) =>
          cell(row[c] ?? "", {
            width: widths[c],
            numeric: numeric[c],
            fill: r % 2 === 1 ? COLOUR.zebra : undefined,
            keep: (whole && r < block.rows.length - 1) || (keepWithNext && r === block.rows.length - 1),
          })
        ),
      })
  );
  return [
    ...(block.caption ? [caption(block.caption)] : []),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      rows: [header, ...body],
    }),
    spacer(keepWithNext),
  ];
}

function factsTable(block: Extract<Block, { type: "facts" }>): FileChild[] {
  const widths = [Math.round(TEXT_WIDTH * 0.28), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.28)];
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { ...TABLE_BORDERS, left: NO_BORDER, right: NO_BORDER, insideVertical: NO_BORDER },
      // A fact sheet is read whole: each row kept with the next, so that none is left alone at the foot of a page.
      rows: block.rows.map(([label, value], r) => {
        const keep = r < block.rows.length - 1;
        return new TableRow({
          cantSplit: true,
          children: [cell(label, { width: widths[0], bold: true, fill: COLOUR.headBg, size: 20, keep }), cell(value, { width: widths[1], size: 20, keep })],
        });
      }),
    }),
    spacer(),
  ];
}

function ganttTable(block: Extract<Block, { type: "gantt" }>): FileChild[] {
  const months = block.months.length;
  const labelWidth = months > 15 ? Math.round(TEXT_WIDTH * 0.24) : Math.round(TEXT_WIDTH * 0.3);
  const monthWidth = Math.floor((TEXT_WIDTH - labelWidth) / Math.max(1, months));
  const widths = [TEXT_WIDTH - monthWidth * months, ...block.months.map(() => monthWidth)];
  const small = months > 15 ? 12 : 14;
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell("Activity", { width: widths[0], header: true, fill: COLOUR.headBg, keep: true }),
      ...block.months.map((month, i) => {
        // "Mar 2027" on two lines, "Mar" over "2027", in narrow margins: a month's column is too narrow for
        // the label on one line, and Word would otherwise break its words anywhere ("Ma r 202 7").
        const children = runs((block.monthLabels[i] ?? month).replace(" ", "\n"), { bold: true, size: small, color: COLOUR.heading });
        return cell("", {
          width: widths[i + 1],
          header: true,
          fill: COLOUR.headBg,
          align: AlignmentType.CENTER,
          keep: true,
          children,
          margins: MONTH_CELL_MARGINS,
        });
      }),
    ],
  });
  // The timeline is read whole: kept on one page when it fits (it breaks, with its header row, when it does not).
  const keepRows = block.rows.length <= 30;
  const rows = block.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: widths[0], type: WidthType.DXA },
            margins: CELL_MARGINS,
            children: [
              new Paragraph({ style: "TableText", keepNext: true, keepLines: true, children: runs(row.label, { bold: true, size: 17 }) }),
              new Paragraph({
                style: "TableText",
                keepNext: keepRows && r < block.rows.length - 1,
                children: runs(row.start === row.end || !row.end ? formatShortDate(row.start) : `${formatShortDate(row.start)} – ${formatShortDate(row.end)}`, {
                  size: 15,
                  color: COLOUR.muted,
                }),
              }),
            ],
          }),
          ...block.months.map((_, i) => {
            const state = row.cells[i] ?? "";
            return new TableCell({
              width: { size: widths[i + 1], type: WidthType.DXA },
              margins: { top: 40, bottom: 40, left: 20, right: 20 },
              verticalAlign: VerticalAlignTable.CENTER,
              shading: state === "active" ? { type: ShadingType.CLEAR, fill: COLOUR.active, color: "auto" } : undefined,
              children: [
                new Paragraph({
                  style: "TableText",
                  keepNext: keepRows && r < block.rows.length - 1,
                  alignment: AlignmentType.CENTER,
                  children:
                    state === "active"
                      ? [new TextRun({ text: "■", size: 14, color: COLOUR.heading })]
                      : state === "marker"
                      ? [new TextRun({ text: "◆", size: 20, color: COLOUR.draft })]
                      : [],
                }),
              ],
            });
          }),
        ],
      })
  );
  return [
    ...(block.caption ? [caption(block.caption)] : []),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      rows: [header, ...rows],
    }),
    new Paragraph({
      style: "Legend",
      children: [
        new TextRun({ text: "■", color: COLOUR.heading }),
        new TextRun({ text: ` ${ganttLegend(block).active}    ` }),
        new TextRun({ text: "◆", color: COLOUR.draft }),
        new TextRun({ text: ` ${ganttLegend(block).marker}` }),
      ],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Pictures

/** The picture's size on the page in pixels: its own size, shrunk to the text width and a page's height. */
export function fitPicture(picture: Pick<Picture, "width" | "height">): { width: number; height: number } {
  const scale = Math.min(1, TEXT_WIDTH_PX / picture.width, MAX_PICTURE_HEIGHT_PX / picture.height);
  return { width: Math.max(1, Math.round(picture.width * scale)), height: Math.max(1, Math.round(picture.height * scale)) };
}

function pictureBlock(block: Extract<Block, { type: "picture" }>, pictures: Pictures, index: number): FileChild[] {
  const picture = pictures[block.picture];
  const out: FileChild[] = [];
  if (picture && picture.png.length > 0 && picture.width > 0 && picture.height > 0) {
    out.push(
      new Paragraph({
        style: "Figure",
        keepNext: Boolean(block.caption),
        children: [
          new ImageRun({
            type: "png",
            data: picture.png,
            transformation: fitPicture(picture),
            altText: { name: `Picture ${index}`, title: t(block.caption) || t(block.alt), description: t(block.alt) },
          }),
        ],
      })
    );
  } else {
    out.push(
      new Paragraph({
        style: "MissingPicture",
        children: runs("Picture not available: the diagram could not be drawn for this version. The table in this section gives the same content."),
      })
    );
  }
  if (block.caption) out.push(para(block.caption, { style: "FigureCaption" }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Blocks

function spacer(keepNext = false): Paragraph {
  return new Paragraph({ style: "Spacer", keepNext: keepNext || undefined, children: [] });
}

type Counters = { lists: number; pictures: number };

/** A block as the Word document sets it, its print marks (withPrintMarks) the same as the PDF's. */
function blockChildren(block: Block, next: Block | undefined, pictures: Pictures, counters: Counters): FileChild[] {
  switch (block.type) {
    case "paragraph":
      // A sentence that introduces what follows (it ends with a colon, or opens the section above a table), or the picture after it (the
      // workplan's opening before its timeline), stays on its page, so that a heading kept with it is never left alone above a page's gap.
      return [
        para(block.text, {
          style: block.tone === "lead" ? "Lead" : block.tone === "note" ? "Note" : undefined,
          keepNext: Boolean(block.print?.leadsIn) || next?.type === "picture",
        }),
      ];
    case "bullets":
      return block.items.map((item) => new Paragraph({ style: "ListText", numbering: { reference: NUMBERING.bullets, level: 0 }, children: runs(item) }));
    case "numbered": {
      // Each list starts again at 1: a new instance of the numbering.
      const instance = ++counters.lists;
      return block.items.map(
        (item) => new Paragraph({ style: "ListText", numbering: { reference: NUMBERING.numbered, level: 0, instance }, children: runs(item) })
      );
    }
    case "facts":
      return factsTable(block);
    case "table":
      return dataTable(block, Boolean(next?.print?.explainsPrevious));
    case "gantt":
      return ganttTable(block);
    case "picture":
      return pictureBlock(block, pictures, ++counters.pictures);
    case "todo":
      return [
        new Paragraph({
          style: "Todo",
          children: [new TextRun({ text: "To be completed: ", bold: true, highlight: "yellow" }), ...runs(block.text)],
        }),
      ];
    case "quote":
      return [
        para(block.text, { style: "Quote" }),
        ...(block.source ? [para(`— ${t(block.source)}${block.refs?.length ? ` ${citationMarks(block.refs)}` : ""}`, { style: "QuoteSource" })] : []),
      ];
    case "references":
      return block.items.map(
        (r) =>
          new Paragraph({
            style: "Reference",
            children: [
              new TextRun({ text: `[${r.number}]\t` }),
              ...runs(`${referenceText(r)} `),
              new ExternalHyperlink({ link: r.url, children: [new TextRun({ text: t(r.url), color: "0563C1", underline: {} })] }),
            ],
          })
      );
    case "rich":
      return richParagraphs(block.parts, counters);
  }
}

/** A manager's own words (docs/domain.md §9.6): bold, italic and web links kept; lists numbered like the generated ones. */
function richParagraphs(parts: RichPart[], counters: Counters): FileChild[] {
  const line = (items: RichRun[]) =>
    items.map((run) => {
      const text = new TextRun({ text: t(run.text), bold: run.bold, italics: run.italic, ...(run.href ? { color: "0563C1", underline: {} } : {}) });
      return run.href ? new ExternalHyperlink({ link: run.href, children: [text] }) : text;
    });
  return parts.flatMap((part): FileChild[] => {
    if (part.kind === "paragraph") return [new Paragraph({ children: line(part.runs) })];
    const numbering =
      part.kind === "bullets" ? { reference: NUMBERING.bullets, level: 0 } : { reference: NUMBERING.numbered, level: 0, instance: ++counters.lists };
    return part.items.map((item) => new Paragraph({ style: "ListText", numbering, children: line(item) }));
  });
}

// ---------------------------------------------------------------------------------------------
// Cover, approval, header and footer

/** Our brand colour as Word writes it ("0B5563"), only when it is a valid #rrggbb. */
export function brandColour(content: Pick<ProposalContent, "proposer">): string | null {
  const colour = content.proposer?.brandColour;
  return colour && BRAND_COLOUR_PATTERN.test(colour) ? colour.slice(1).toUpperCase() : null;
}

/** The title's size, in half-points, and the space under the subtitle, in twips, that the cover is drawn with. */
type CoverFit = { titleSize: number; gap: number };
/** The Title style's size and the Subtitle style's space after: the cover of a title that fits on a line or two. */
const COVER_FIT: CoverFit = { titleSize: 60, gap: 3600 };
/** Smaller titles, tried in turn when even a short space under the subtitle would leave the cover too long. */
const SMALLER_TITLE_SIZES = [48, 40];
const MIN_COVER_GAP = 720;
/** Room left at the cover's foot for a word processor that sets lines a little taller than Word. */
const COVER_SLACK = 240;
/** Twips (1/1440 inch) in a CSS pixel (1/96 inch). */
const TWIPS_PER_PX = 15;
const SECTION_PAGE = {
  size: { width: PAGE.width, height: PAGE.height },
  margin: { top: PAGE.margin + 200, bottom: PAGE.margin + 200, left: PAGE.margin, right: PAGE.margin, header: PAGE.header, footer: PAGE.footer },
};

/**
 * The cover on one page, whatever the title's length: a long title wraps onto more lines, which would
 * push the last of the details under it ("Edition") onto a page of its own. The cover is laid out as
 * Word lays it out, and the space under the subtitle takes what the title leaves, down to a short
 * one; below that the title is set smaller (docs/domain.md §9.7).
 */
function fittedCover(content: ProposalContent, approval: ApprovalState): FileChild[] {
  const sizes = [COVER_FIT.titleSize, ...SMALLER_TITLE_SIZES];
  for (const [i, titleSize] of sizes.entries()) {
    const room = coverRoom(content, approval, titleSize);
    if (room === null) break;
    if (room >= MIN_COVER_GAP || i === sizes.length - 1) return cover(content, approval, { titleSize, gap: Math.max(0, Math.min(COVER_FIT.gap, room)) });
  }
  // A cover the layout cannot measure is drawn as a short title's is.
  return cover(content, approval, COVER_FIT);
}

/**
 * How much room, in twips, the cover leaves at the foot of its page with no space under the subtitle:
 * negative when it runs onto a second page, null when it cannot be laid out.
 */
function coverRoom(content: ProposalContent, approval: ApprovalState, titleSize: number): number | null {
  const { pages, stoppedAt } = layoutDocument(
    new Document({
      styles: styles(),
      numbering: numbering(),
      sections: [
        {
          properties: { titlePage: true, page: SECTION_PAGE },
          headers: { first: header(content, approval, true) },
          footers: { first: footer(content, true) },
          children: cover(content, approval, { titleSize, gap: 0 }),
        },
      ],
    }),
    { guess: true }
  );
  if (stoppedAt || pages.length === 0) return null;
  if (pages.length > 1) return -1;
  // The layout measures in CSS pixels, the page in twips.
  const feet = pages[0]!.body.flatMap((b) => (b.type === "table" ? b.rows.map((r) => r.y + r.height) : b.lines.map((l) => l.y + l.height)));
  const bottom = (PAGE.height - SECTION_PAGE.margin.bottom) / TWIPS_PER_PX;
  return Math.floor((bottom - Math.max(0, ...feet)) * TWIPS_PER_PX) - COVER_SLACK;
}

function cover(content: ProposalContent, approval: ApprovalState, fit: CoverFit): FileChild[] {
  const draft = approval.status === "draft";
  const proposer = content.proposer;
  const contact = proposer ? contactText(proposer) : null;
  const meta: [string, string][] = [
    ...(proposer ? [["Proposed by", t(proposer.name)] as [string, string]] : []),
    ...(contact ? [["Contact", t(contact)] as [string, string]] : []),
    ["Prepared for", t(content.partnerName)],
    ...(content.addressee ? [["Addressed to", t(addresseeText(content.addressee))] as [string, string]] : []),
    ["Version", t(content.versionLabel)],
    ["Date", formatDate(t(content.date))],
    ...(validUntil(content, approval) ? [["Valid until", formatDate(validUntil(content, approval)!)] as [string, string]] : []),
    ["Status", decisionLabel(approval, content)],
    ["Edition", EDITION_LABELS[content.edition ?? "partner"]],
  ];
  const widths = [2200, TEXT_WIDTH - 2200];
  const brand = brandColour(content);
  return [
    // The cover's rule in our brand colour, as on the PDF's cover (docs/domain.md §9.8); the house colour in versions made before the profile.
    new Paragraph({ style: "CoverRule", children: [], ...(brand ? { border: { top: { style: BorderStyle.SINGLE, size: 48, color: brand, space: 1 } } } : {}) }),
    draft
      ? new Paragraph({
          style: "DraftMark",
          children: [
            new TextRun({ text: draftMarking(approval, content), bold: true, size: 28 }),
            new TextRun({ text: `   ${t(draftNote(approval, content))}`, size: 20 }),
          ],
        })
      : new Paragraph({ style: "ApprovedMark", children: [new TextRun({ text: decisionLabel(approval), bold: true })] }),
    ...coverLogo(content),
    para("PARTNERSHIP PROPOSAL", { style: "Kicker" }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(content.title, { size: fit.titleSize }) }),
    ...(content.subtitle ? [new Paragraph({ style: "Subtitle", spacing: { after: fit.gap }, children: runs(content.subtitle) })] : []),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: {
        top: { style: BorderStyle.SINGLE, size: 6, color: COLOUR.rule },
        bottom: NO_BORDER,
        left: NO_BORDER,
        right: NO_BORDER,
        insideHorizontal: NO_BORDER,
        insideVertical: NO_BORDER,
      },
      rows: meta.map(
        ([label, value]) =>
          new TableRow({
            children: [
              cell("", { width: widths[0], children: [new TextRun({ text: label, color: COLOUR.muted, size: 22 })] }),
              cell("", { width: widths[1], children: runs(value, { bold: true, size: 22 }) }),
            ],
          })
      ),
    }),
  ];
}

/**
 * Our logo on the cover, when it is a PNG. An SVG logo would need a drawn PNG beside it for Word and
 * LibreOffice; the cover then names us in words only.
 */
function coverLogo(content: ProposalContent): FileChild[] {
  const logo = content.proposer?.logo;
  if (!logo || logo.type !== "image/png") return [];
  const data = Uint8Array.from(Buffer.from(logo.dataUri.slice(logo.dataUri.indexOf(",") + 1), "base64"));
  const size = pngSize(data);
  if (!size) return [];
  // At most 6 cm wide and 2 cm high (227 × 76 px at 96 dpi), never enlarged.
  const scale = Math.min(1, 227 / size.width, 76 / size.height);
  return [
    new Paragraph({
      spacing: { after: 240 },
      children: [
        new ImageRun({
          type: "png",
          data,
          transformation: { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) },
          altText: { name: "Logo", title: t(content.proposer!.name), description: `The logo of ${t(content.proposer!.name)}` },
        }),
      ],
    }),
  ];
}

function recordTable(columns: string[], widths: number[], rows: string[][], opts: { signing?: boolean } = {}): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(c, { width: widths[i], header: true, fill: COLOUR.headBg })),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            ...(opts.signing ? { height: { value: 900, rule: "atLeast" as const } } : {}),
            children: row.map((text, i) => cell(text, { width: widths[i], bold: i === 0 && opts.signing })),
          })
      ),
    ],
  });
}

/** The approval page: the parties' signatures, the partner's acceptance record, each leader's own decision, our address and legal footer (docs/domain.md §9.9). */
function approvalBlock(content: ProposalContent, approval: ApprovalState): FileChild[] {
  const out: FileChild[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun("Approval")] })];
  if (approval.status === "draft") {
    out.push(para(draftApprovalNote(approval, content)));
  } else {
    out.push(
      new Paragraph({
        children: [new TextRun({ text: decisionLabel(approval), bold: true }), ...runs(` — ${t(content.versionLabel)} of this proposal.`)],
      })
    );
  }
  const proposer = content.proposer;
  const ours = ourSignature(content, approval);
  const theirs = partnerSignature(content, approval.acceptance);
  out.push(
    caption("Signatures of the parties"),
    recordTable(
      ["Party", "Name and title", "Signature", "Date"],
      [2500, 2900, 2700, TEXT_WIDTH - 8100],
      [
        [`For ${t(ourName(proposer))}`, t(ours.name), t(ours.signature), t(ours.date)],
        [`For ${t(content.partnerName)}`, t(theirs.name), t(theirs.signature), t(theirs.date)],
      ],
      { signing: true }
    )
  );
  const acceptance = approval.acceptance;
  if (acceptance) {
    const signer = acceptance.signerName
      ? `${t([acceptance.signerName, acceptance.signerTitle].filter(Boolean).join(", "))} (signed in as ${t(acceptance.account)})`
      : t(acceptance.account);
    out.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Electronic acceptance record")] }),
      ...factsTable({
        type: "facts",
        rows: [
          ["Accepted for", t(content.partnerName)],
          ["Signed by", signer],
          ["Time", formatDateTime(acceptance.at)],
          ...(acceptance.option ? [["Option accepted", t(acceptance.option)] as [string, string]] : []),
          ...(acceptance.fingerprint ? [["Fingerprint of the version (SHA-256)", fingerprintText(acceptance.fingerprint)] as [string, string]] : []),
        ],
      })
    );
  }
  if (approval.status === "approved") {
    const withConditions = approval.approvers.some((a) => a.conditions);
    out.push(
      caption(approversCaption(proposer, approval.approvers.length)),
      withConditions
        ? recordTable(
            ["Leader", "Decision", "Date", "Conditions"],
            [2500, 2300, 1800, TEXT_WIDTH - 6600],
            approval.approvers.map((a) => [t(a.name), approverDecisionLabel(a), formatDate(t(a.at)), a.conditions ? t(a.conditions) : "None"])
          )
        : recordTable(
            ["Leader", "Decision", "Date"],
            [3600, 3400, TEXT_WIDTH - 7000],
            approval.approvers.map((a) => [t(a.name), approverDecisionLabel(a), formatDate(t(a.at))])
          )
    );
  }
  if (proposer) {
    const contact = contactText(proposer);
    out.push(spacer(), para(proposer.name, { run: { bold: true, size: 18, color: COLOUR.muted } }));
    for (const line of proposer.address.split("\n").filter(Boolean)) out.push(para(line, { run: { size: 18, color: COLOUR.muted } }));
    if (contact) out.push(para(`Contact: ${contact}`, { run: { size: 18, color: COLOUR.muted } }));
    if (proposer.legalFooter) out.push(para(proposer.legalFooter, { run: { size: 16, color: COLOUR.muted } }));
    const validity = validityText(content, approval);
    if (validity) out.push(para(validity, { run: { size: 16, color: COLOUR.muted } }));
  }
  return out;
}

function header(content: ProposalContent, approval: ApprovalState, first: boolean): Header {
  const draft = approval.status === "draft";
  const children: ParagraphChild[] = [];
  const us = content.proposer ? `${shorten(content.proposer.shortName, 30)} · ` : "";
  if (!first) children.push(...runs(`${us}${shorten(content.title, 60)} · ${shorten(content.partnerName, 40)}`));
  if (draft) children.push(new TextRun({ text: "\t" }), new TextRun({ text: draftMarking(approval, content), bold: true, color: COLOUR.draft }));
  else if (!first) children.push(new TextRun({ text: "\t" }), ...runs(content.versionLabel));
  return new Header({
    children: [
      new Paragraph({
        style: "HeaderText",
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [
          ...children,
          ...(draft ? [new TextWatermark({ text: draftWatermark(approval, content), color: "F3D3D3", opacity: 0.5, font: FONT, bold: true })] : []),
        ],
      }),
    ],
  });
}

/** Which edition this is, on every page the cover included (docs/domain.md §9.4). */
function editionRun(content: ProposalContent): TextRun {
  const edition = content.edition ?? "partner";
  return new TextRun({ text: EDITION_MARKING[edition], bold: edition === "internal", color: edition === "internal" ? COLOUR.draft : undefined });
}

function footer(content: ProposalContent, first = false): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: "FooterText",
        tabStops: [
          { type: TabStopType.CENTER, position: TEXT_WIDTH / 2 },
          { type: TabStopType.RIGHT, position: TEXT_WIDTH },
        ],
        children: first
          ? [new TextRun({ text: "\t" }), editionRun(content)]
          : [
              ...runs(`${t(content.versionLabel)} · ${formatDate(t(content.date))}`),
              new TextRun({ text: "\t" }),
              editionRun(content),
              new TextRun({ children: ["\tPage ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] }),
            ],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Styles and numbering

function styles() {
  const heading = { font: FONT, color: COLOUR.heading, bold: true };
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, color: COLOUR.text },
        paragraph: { spacing: { after: 140, line: 276, lineRule: LineRuleType.AUTO }, widowControl: true },
      },
      title: { run: { ...heading, size: 60 }, paragraph: { spacing: { before: 120, after: 280, line: 240, lineRule: LineRuleType.AUTO } } },
      heading1: {
        run: { ...heading, size: 34 },
        paragraph: {
          spacing: { before: 440, after: 200, line: 240, lineRule: LineRuleType.AUTO },
          keepNext: true,
          keepLines: true,
          border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: COLOUR.accent, space: 4 } },
        },
      },
      heading2: {
        run: { ...heading, size: 26 },
        paragraph: { spacing: { before: 300, after: 120, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true, keepLines: true },
      },
      hyperlink: { run: { color: COLOUR.text } },
    },
    paragraphStyles: [
      { id: "Lead", name: "Lead", basedOn: "Normal", quickFormat: true, run: { size: 25, color: COLOUR.heading }, paragraph: { spacing: { after: 200 } } },
      { id: "Note", name: "Note", basedOn: "Normal", run: { size: 20, color: COLOUR.muted } },
      { id: "Subtitle", name: "Subtitle", basedOn: "Normal", run: { size: 30, color: COLOUR.muted }, paragraph: { spacing: { after: 3600 } } },
      {
        id: "Kicker",
        name: "Kicker",
        basedOn: "Normal",
        run: { size: 20, bold: true, color: COLOUR.accent, characterSpacing: 30 },
        paragraph: { spacing: { after: 200 } },
      },
      {
        id: "CoverRule",
        name: "Cover Rule",
        basedOn: "Normal",
        paragraph: { spacing: { after: 0 }, border: { top: { style: BorderStyle.SINGLE, size: 48, color: COLOUR.heading, space: 1 } } },
      },
      {
        id: "DraftMark",
        name: "Draft Mark",
        basedOn: "Normal",
        run: { color: COLOUR.draft },
        paragraph: {
          spacing: { before: 1200, after: 1200 },
          shading: { type: ShadingType.CLEAR, fill: COLOUR.draftBg, color: "auto" },
          border: {
            top: { style: BorderStyle.SINGLE, size: 8, color: COLOUR.draft, space: 6 },
            bottom: { style: BorderStyle.SINGLE, size: 8, color: COLOUR.draft, space: 6 },
            left: { style: BorderStyle.SINGLE, size: 36, color: COLOUR.draft, space: 8 },
            right: { style: BorderStyle.SINGLE, size: 8, color: COLOUR.draft, space: 6 },
          },
          indent: { left: 160, right: 160 },
        },
      },
      {
        id: "ApprovedMark",
        name: "Approved Mark",
        basedOn: "Normal",
        run: { color: COLOUR.approved, size: 22 },
        paragraph: { spacing: { before: 1200, after: 1200 } },
      },
      {
        id: "TOCHeading",
        name: "TOC Heading",
        basedOn: "Normal",
        next: "Normal",
        run: { ...heading, size: 34 },
        paragraph: { spacing: { after: 240 }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: COLOUR.accent, space: 4 } } },
      },
      { id: "TOC1", name: "toc 1", basedOn: "Normal", next: "Normal", run: { size: 22 }, paragraph: { spacing: { before: 100, after: 60 } } },
      {
        id: "TOC2",
        name: "toc 2",
        basedOn: "Normal",
        next: "Normal",
        run: { size: 20, color: COLOUR.muted },
        paragraph: { indent: { left: TOC_TEXT_AT.TOC1 }, spacing: { after: 40 } },
      },
      {
        id: "TableText",
        name: "Table Text",
        basedOn: "Normal",
        run: { size: 19 },
        paragraph: { spacing: { after: 0, line: 252, lineRule: LineRuleType.AUTO } },
      },
      {
        id: "TableCaption",
        name: "Table Caption",
        basedOn: "Normal",
        next: "Normal",
        run: { size: 20, bold: true, color: COLOUR.heading },
        paragraph: { spacing: { before: 120, after: 80 }, keepNext: true },
      },
      { id: "Figure", name: "Figure", basedOn: "Normal", paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 160, after: 80 }, keepNext: true } },
      {
        id: "FigureCaption",
        name: "Figure Caption",
        basedOn: "Normal",
        run: { size: 19, italics: true, color: COLOUR.muted },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
      },
      {
        id: "MissingPicture",
        name: "Missing Picture",
        basedOn: "Normal",
        run: { italics: true, color: COLOUR.muted, size: 20 },
        paragraph: {
          border: { top: { ...BORDER, space: 6 }, bottom: { ...BORDER, space: 6 }, left: { ...BORDER, space: 6 }, right: { ...BORDER, space: 6 } },
          indent: { left: 140, right: 140 },
          spacing: { before: 200, after: 120 },
        },
      },
      { id: "Legend", name: "Legend", basedOn: "Normal", run: { size: 17, color: COLOUR.muted }, paragraph: { spacing: { before: 80, after: 240 } } },
      { id: "Spacer", name: "Spacer", basedOn: "Normal", run: { size: 12 }, paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO } } },
      { id: "ListText", name: "List Text", basedOn: "Normal", paragraph: { spacing: { after: 80 } } },
      {
        id: "Todo",
        name: "To Be Completed",
        basedOn: "Normal",
        run: { color: COLOUR.todoText },
        paragraph: {
          shading: { type: ShadingType.CLEAR, fill: COLOUR.todoBg, color: "auto" },
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: COLOUR.todoRule, space: 8 } },
          indent: { left: 200 },
          spacing: { before: 120, after: 200 },
        },
      },
      {
        id: "Quote",
        name: "Quote",
        basedOn: "Normal",
        next: "Normal",
        run: { italics: true, size: 24, color: COLOUR.heading },
        paragraph: {
          indent: { left: 360 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLOUR.accent, space: 10 } },
          spacing: { before: 160, after: 40 },
          keepNext: true,
        },
      },
      {
        id: "Reference",
        name: "Reference",
        basedOn: "Normal",
        run: { size: 20 },
        paragraph: { indent: { left: 567, hanging: 567 }, tabStops: [{ type: TabStopType.LEFT, position: 567 }], spacing: { after: 100 }, keepLines: true },
      },
      {
        id: "QuoteSource",
        name: "Quote Source",
        basedOn: "Normal",
        run: { size: 19, color: COLOUR.muted },
        paragraph: { indent: { left: 360 }, spacing: { after: 240 } },
      },
      { id: "HeaderText", name: "Header Text", basedOn: "Normal", run: { size: 16, color: COLOUR.muted }, paragraph: { spacing: { after: 0 } } },
      { id: "FooterText", name: "Footer Text", basedOn: "Normal", run: { size: 16, color: COLOUR.muted }, paragraph: { spacing: { after: 0 } } },
    ],
  };
}

function numbering() {
  return {
    config: [
      {
        reference: NUMBERING.headings,
        levels: [
          { level: 0, format: LevelFormat.DECIMAL, text: "%1", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 567 } } } },
          {
            level: 1,
            format: LevelFormat.DECIMAL,
            text: "%1.%2",
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 680, hanging: 680 } } },
          },
        ],
      },
      {
        reference: NUMBERING.bullets,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: "•",
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 400, hanging: 260 } }, run: { color: COLOUR.accent } },
          },
        ],
      },
      {
        reference: NUMBERING.numbered,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: "%1.",
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 400, hanging: 300 } }, run: { bold: true, color: COLOUR.accent } },
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The document

function buildDocument(content: ProposalContent, pictures: Pictures, approval: ApprovalState): Document {
  const counters: Counters = { lists: 0, pictures: 0 };
  const body: FileChild[] = [];
  withPrintMarks(content, pictures).sections.forEach((section, i) => {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        numbering: { reference: NUMBERING.headings, level: 0 },
        pageBreakBefore: i === 0,
        children: runs(section.title),
      })
    );
    section.blocks.forEach((block, b) => body.push(...blockChildren(block, section.blocks[b + 1], pictures, counters)));
    for (const sub of section.subsections ?? []) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, numbering: { reference: NUMBERING.headings, level: 1 }, children: runs(sub.title) }));
      sub.blocks.forEach((block, b) => body.push(...blockChildren(block, sub.blocks[b + 1], pictures, counters)));
    }
  });

  return new Document({
    creator: documentDetails(content).author,
    lastModifiedBy: "Partnership Planner",
    title: documentDetails(content).title,
    subject: documentDetails(content).subject,
    description: `${t(content.title)} — ${t(content.partnerName)}, ${t(content.versionLabel)}, ${t(content.date)}. ${decisionLabel(approval, content)}.`,
    revision: 1,
    styles: styles(),
    numbering: numbering(),
    pageNumbers: PAGE_NUMBERS,
    sections: [
      {
        properties: {
          titlePage: true,
          page: SECTION_PAGE,
        },
        headers: { first: header(content, approval, true), default: header(content, approval, false) },
        footers: { first: footer(content, true), default: footer(content) },
        children: [
          ...fittedCover(content, approval),
          new Paragraph({ style: "TOCHeading", pageBreakBefore: true, children: [new TextRun("Contents")] }),
          new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-2" }),
          ...body,
          ...approvalBlock(content, approval),
        ],
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Deterministic packaging

/** content.date as a fixed moment: the document's created/modified date and every zip entry's time. */
function documentMoment(date: string): { iso: string; local: Date } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, mo, d] = m && Number(m[1]) >= 1980 && Number(m[1]) <= 2099 ? [Number(m[1]), Number(m[2]), Number(m[3])] : [1980, 1, 1];
  const iso = `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T00:00:00Z`;
  // Zip entry times are local "DOS" times: a local midnight is written as midnight in every time zone.
  return { iso, local: new Date(y, mo - 1, d, 0, 0, 0) };
}

/**
 * docx numbers drawings and bookmarks from counters that live as long as the process, and names
 * some relationships with random ids; renumber them in the order they appear, so the same document
 * always has the same ids.
 */
function stabiliseIds(files: Record<string, Uint8Array>): void {
  const xmlParts = Object.keys(files).filter((name) => name.endsWith(".xml") || name.endsWith(".rels"));
  const text = new Map(xmlParts.map((name) => [name, strFromU8(files[name])]));

  // Drawing ids: unique across the package.
  let docPr = 0;
  for (const name of xmlParts.sort()) {
    text.set(
      name,
      text.get(name)!.replace(/(<wp:docPr\b[^>]*?\bid=")(\d+)(")/g, (_, a: string, __: string, b: string) => `${a}${++docPr}${b}`)
    );
  }

  // Bookmark ids: unique within the document part; start and end share one.
  for (const name of xmlParts) {
    const bookmarks = new Map<string, number>();
    const renumber = (id: string) => {
      if (!bookmarks.has(id)) bookmarks.set(id, bookmarks.size + 1);
      return bookmarks.get(id)!;
    };
    text.set(
      name,
      text.get(name)!.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(-?\d+)(")/g, (_, a: string, id: string, b: string) => `${a}${renumber(id)}${b}`)
    );
  }

  // Table-of-contents bookmarks (_Toc…), named from a process-wide counter: renamed in order of appearance.
  const tocNames = new Map<string, string>();
  for (const name of xmlParts) {
    text.set(
      name,
      text.get(name)!.replace(/\b_Toc\d+\b/g, (found) => {
        if (!tocNames.has(found)) tocNames.set(found, `_Toc${100000001 + tocNames.size}`);
        return tocNames.get(found)!;
      })
    );
  }

  // Watermark shapes are named "PowerPlusWaterMarkObject" + a random id; Word knows them by the prefix.
  let watermark = 0;
  for (const name of xmlParts.sort()) {
    text.set(
      name,
      text.get(name)!.replace(/\bPowerPlusWaterMarkObject[\w-]*/g, () => `PowerPlusWaterMarkObject${++watermark}`)
    );
  }

  // Relationship ids that are not plain rIdN: renamed per .rels file, with their uses in the part.
  for (const rels of xmlParts.filter((name) => name.endsWith(".rels"))) {
    const source = rels.replace(/_rels\/([^/]+)\.rels$/, "$1");
    const ids = [...text.get(rels)!.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]);
    const taken = new Set(ids.filter((id) => /^rId\d+$/.test(id)));
    const renames = new Map<string, string>();
    let n = 0;
    for (const id of ids) {
      if (/^rId\d+$/.test(id)) continue;
      let next: string;
      do next = `rIdPP${++n}`;
      while (taken.has(next));
      renames.set(id, next);
    }
    if (!renames.size) continue;
    const swap = (xml: string) =>
      xml.replace(/(\b(?:Id|r:id|r:embed|r:link|r:pict|r:href)=")([^"]+)(")/g, (all, a: string, id: string, b: string) =>
        renames.has(id) ? `${a}${renames.get(id)}${b}` : all
      );
    text.set(rels, swap(text.get(rels)!));
    if (text.has(source)) text.set(source, swap(text.get(source)!));
  }

  for (const [name, xml] of text) files[name] = strToU8(xml);
}

function alignTableOfContents(files: Record<string, Uint8Array>): void {
  const part = files["word/document.xml"];
  if (!part) return;
  files["word/document.xml"] = strToU8(
    strFromU8(part).replace(
      /(<w:pStyle w:val="(TOC[12])"\/><w:tabs><w:tab w:val="left" w:pos=")\d+(")/g,
      (_, a: string, style: keyof typeof TOC_TEXT_AT, b: string) => `${a}${TOC_TEXT_AT[style]}${b}`
    )
  );
}

function fixCoreDates(files: Record<string, Uint8Array>, iso: string): void {
  const core = files["docProps/core.xml"];
  if (!core) return;
  files["docProps/core.xml"] = strToU8(
    strFromU8(core).replace(
      /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_, open: string, __: string, close: string) => `${open}${iso}${close}`
    )
  );
}

/** Packs the files again in a fixed order, each with the document's own date. */
function repack(files: Record<string, Uint8Array>, mtime: Date): Uint8Array {
  const first = ["[Content_Types].xml", "_rels/.rels"];
  const names = Object.keys(files).sort((a, b) => {
    const ia = first.indexOf(a);
    const ib = first.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [files[name], { mtime, level: name.endsWith(".png") ? 0 : 6 }];
  return zipSync(zippable);
}

/**
 * The proposal as a .docx. Works without a browser: a picture that was not drawn is replaced by a
 * short note (the tables carry the same content).
 */
export async function renderProposalDocx(content: ProposalContent, pictures: Pictures, approval: ApprovalState): Promise<Uint8Array> {
  const doc = buildDocument(content, pictures, approval);
  const packed = await Packer.toBuffer(doc);
  const files = unzipSync(new Uint8Array(packed));
  const moment = documentMoment(t(content.date));
  fixCoreDates(files, moment.iso);
  stabiliseIds(files);
  alignTableOfContents(files);
  return repack(files, moment.local);
}
