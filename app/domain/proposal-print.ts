import { capitalise } from "./plural";
import { ourName } from "./organisation-profile";
import type { Block, PrintMark, ProposalContent } from "./proposal-content";
import { stripControlChars } from "./text";

/** A document's own title, author and subject (docs/domain.md §9.7): the same in the PDF and the Word document. */
export type DocumentDetails = { title: string; author: string; subject: string };

export function documentDetails(content: ProposalContent): DocumentDetails {
  const edition = content.edition === "internal" ? " — internal briefing" : "";
  return {
    title: stripControlChars(content.title),
    // Our organisation as frozen with the version (docs/domain.md §9.8).
    author: stripControlChars(capitalise(ourName(content.proposer))),
    subject: `Partnership proposal for ${stripControlChars(content.partnerName)}${edition}`,
  };
}

/** The PDF's page margins, in millimetres, on A4 (210 × 297 mm). */
export const PRINT_MARGINS_MM = { top: 22, bottom: 22, left: 20, right: 20 } as const;
const TEXT_WIDTH_MM = 210 - PRINT_MARGINS_MM.left - PRINT_MARGINS_MM.right;
const MM_PER_CSS_PX = 25.4 / 96;
/**
 * A picture printed taller than this leaves room below it on its page for no more than a table's
 * heading row or a line or two: of the 253 mm between the margins, its caption and spacing take some 15.
 */
const OWN_PAGE_FROM_MM = 200;

/**
 * Whether a picture takes a page of its own in the PDF (docs/domain.md §9.7): printed at its own size,
 * or shrunk to the width between the margins, it would leave too little room below it for the text
 * that follows, which instead fills the page before it.
 */
export function printsOnItsOwnPage(picture: { width: number; height: number }): boolean {
  if (!(picture.width > 0 && picture.height > 0)) return false;
  const scale = Math.min(1, TEXT_WIDTH_MM / (picture.width * MM_PER_CSS_PX));
  return picture.height * MM_PER_CSS_PX * scale > OWN_PAGE_FROM_MM;
}

/**
 * Whether a paragraph introduces what follows it: a sentence that ends with a colon ("What it asks of the
 * partner:"), or the one that opens a section above its table (the measurement plan's). Printed, it stays on the
 * page of the list or table it leads into, with the heading kept with it, in the PDF and the Word document alike
 * (docs/domain.md §9.7).
 */
export function leadsIntoNext(text: string, next?: Block, opensSection = false): boolean {
  return text.trimEnd().endsWith(":") || (opensSection && (next?.type === "table" || next?.type === "gantt"));
}

/**
 * Whether a block is a note on the table before it ("Start with room to spare: …"): printed, it stays on
 * the page of the table's last row, in the PDF and the Word document alike, never at the top of a page
 * away from what it explains (docs/domain.md §9.7).
 */
export function explainsPrevious(block: Block | undefined, previous: Block | undefined): boolean {
  return block?.type === "paragraph" && block.tone === "note" && previous?.type === "table";
}

/**
 * A short table is kept whole on one page with its caption and header row (docs/domain.md §9.7): split after
 * its first row or two it reads as two tables. It has at most SHORT_TABLE_ROWS rows, which take at most
 * SHORT_TABLE_LINES lines of text as the table is set, less than half a page (twelve rows of a line each, or
 * fewer of two or three), so that taking it whole to the next page, with the heading and the sentence that
 * introduce it, never leaves more than half of this one blank, in the PDF or the Word document. A longer
 * table starts under its introduction and runs on under its repeated header.
 */
export const SHORT_TABLE_ROWS = 12;
export const SHORT_TABLE_LINES = 15;

// What a line across the 170 mm between the margins holds at the tables' 9.5 pt, and what each cell's padding takes of it.
const TABLE_LINE_CHARS = 95;
const CELL_PADDING_CHARS = 3;

type TableText = { columns: string[]; rows: string[][] };

/**
 * How many lines a table's rows take, roughly, as a browser or a word processor sets it: each column as
 * wide as its longest line asks, in proportion, and each row as tall as its fullest cell.
 */
export function tableLines(table: TableText): number {
  const lines = (text: string) => text.split(/\r\n|\r|\n/).map((line) => Array.from(line.trim()).length);
  const need = table.columns.map((column, c) => Math.max(1, ...lines(column), ...table.rows.flatMap((row) => lines(row[c] ?? ""))));
  const asked = need.reduce((a, b) => a + b, 0);
  const room = Math.max(table.columns.length, TABLE_LINE_CHARS - CELL_PADDING_CHARS * table.columns.length);
  const width = need.map((n) => Math.max(1, asked <= room ? n : (n / asked) * room));
  const cellLines = (text: string, c: number) => lines(text).reduce((sum, length) => sum + Math.max(1, Math.ceil(length / width[c]!)), 0);
  return table.rows.reduce((sum, row) => sum + Math.max(1, ...table.columns.map((_, c) => cellLines(row[c] ?? "", c))), 0);
}

/**
 * In the PDF a longer table, which runs on under its repeated header, keeps its first rows with its caption and
 * header row, and its last rows together: one row alone at the foot of a page under the header, or alone overleaf,
 * reads as a table of its own (docs/domain.md §9.7). The Word document keeps its header with its first row only: held
 * longer, a family of long measures left a page 61% blank, and LibreOffice still set its last row alone overleaf.
 */
export const LONG_TABLE_ROWS_KEPT = { first: 3, last: 2 } as const;

/** Whether a table is short enough to be kept whole on one page, in the PDF and the Word document alike (SHORT_TABLE_ROWS). */
export function keptWhole(table: TableText): boolean {
  return table.rows.length > 0 && table.rows.length <= SHORT_TABLE_ROWS && tableLines(table) <= SHORT_TABLE_LINES;
}

/** Where something was printed in the PDF: its page, from 0, and how far down the text area it stands, from 0 (top) to 1 (foot). */
export type PrintedAt = { page: number; down: number };

/** Where the timeline's picture stands among a section's blocks, the workplan's table right after it: its index, or -1. */
function timelinePictureAt(blocks: Block[]): number {
  return blocks.findIndex((block, b) => block.type === "picture" && blocks[b + 1]?.type === "gantt");
}

/** The section holding the timeline's picture with the workplan's table right after it, if any: its index. */
export function timelineSection(content: Pick<ProposalContent, "sections">): number {
  return content.sections.findIndex((section) => timelinePictureAt(section.blocks) >= 0);
}

/** The id of a section, by its index: the contents list's links lead to it, and the PDF records where it was printed. */
export const sectionMark = (index: number) => `section-${index + 1}`;

/** The id of the mark printed at the end of a section, whose place the PDF records (docs/domain.md §9.7). */
export const sectionEndMark = (index: number) => `${sectionMark(index)}-end`;

/**
 * Whether the workplan's table goes before the timeline's picture in the PDF (docs/domain.md §9.7). The table
 * waits for the picture it gives month by month, so the section's heading, its opening sentence and the picture
 * go to the next page together when the picture does not fit what is left of this one. When that leaves more
 * than half of this page blank (the section before ends above its middle), the table starts under the opening
 * sentence and runs on, and the picture follows it: the document is printed again that way.
 */
export function workplanTableFirst(previousEnd: PrintedAt | undefined, sectionStart: PrintedAt | undefined): boolean {
  if (!previousEnd || !sectionStart) return false;
  return sectionStart.page > previousEnd.page && previousEnd.down < 0.5;
}

/** A section's blocks with the workplan's table before the timeline's picture, which then follows it (workplanTableFirst). */
export function tableBeforeTimeline(blocks: Block[]): Block[] {
  const at = timelinePictureAt(blocks);
  if (at < 0) return blocks;
  return [...blocks.slice(0, at), blocks[at + 1]!, blocks[at]!, ...blocks.slice(at + 2)];
}

/** A picture's printed size, as the page or the PDF has it. */
type PictureSizes = Partial<Record<string, { width: number; height: number }>>;

/** A block's print mark, from the blocks around it and the pictures' sizes (the rules above); none when it is printed as its kind is. */
function printMark(block: Block, previous: Block | undefined, next: Block | undefined, pictures: PictureSizes): PrintMark | undefined {
  const mark: PrintMark = {};
  if (block.type === "table" && keptWhole(block)) mark.whole = true;
  if (block.type === "paragraph" && leadsIntoNext(block.text, next, !previous)) mark.leadsIn = true;
  if (explainsPrevious(block, previous)) mark.explainsPrevious = true;
  const picture = block.type === "picture" ? pictures[block.picture] : undefined;
  if (picture && printsOnItsOwnPage(picture)) mark.ownPage = true;
  return Object.keys(mark).length ? mark : undefined;
}

/**
 * The content with each block's print mark, worked out on the server for the page or the PDF about to
 * render it: the document's markup carries the marks, and the page's script none of the rules behind
 * them (docs/decisions/0040). A new object: the content given is left as it was.
 */
export function withPrintMarks<C extends Pick<ProposalContent, "sections">>(content: C, pictures: PictureSizes): C {
  const marked = (blocks: Block[]) =>
    blocks.map((block, b) => {
      const print = printMark(block, blocks[b - 1], blocks[b + 1], pictures);
      return print ? { ...block, print } : block;
    });
  return {
    ...content,
    sections: content.sections.map((section) => ({
      ...section,
      blocks: marked(section.blocks),
      ...(section.subsections ? { subsections: section.subsections.map((sub) => ({ ...sub, blocks: marked(sub.blocks) })) } : {}),
    })),
  };
}

/** The content with the workplan's table before the timeline's picture (workplanTableFirst), for the PDF printed again that way. */
export function withWorkplanTableFirst(content: ProposalContent): ProposalContent {
  const at = timelineSection(content);
  if (at < 0) return content;
  return { ...content, sections: content.sections.map((section, i) => (i === at ? { ...section, blocks: tableBeforeTimeline(section.blocks) } : section)) };
}
