import { capitalise } from "./plural";
import { ourName } from "./organisation-profile";
import type { Block, ProposalContent } from "./proposal-content";
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
 * Whether a paragraph introduces what follows it ("What it asks of the partner:"): printed, it stays on
 * the page of the list or table it leads into, in the PDF and the Word document alike (docs/domain.md §9.7).
 */
export function leadsIntoNext(text: string): boolean {
  return text.trimEnd().endsWith(":");
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
 * SHORT_TABLE_LINES lines of text as the table is set: in the Word document, what a page holds with room to
 * spare; in the PDF, where no page is left more than half blank, what takes less than half a page (twelve
 * rows of a line each, or fewer of two or three), so that taking it whole to the next page never leaves more
 * than half of this one blank. A longer table runs on under its repeated header.
 */
export const SHORT_TABLE_ROWS = 12;
export const SHORT_TABLE_LINES = { pdf: 15, word: 36 } as const;

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

/** Whether a table is short enough to be kept whole on one page in the PDF or the Word document (SHORT_TABLE_ROWS). */
export function keptWhole(table: TableText, document: keyof typeof SHORT_TABLE_LINES): boolean {
  return table.rows.length > 0 && table.rows.length <= SHORT_TABLE_ROWS && tableLines(table) <= SHORT_TABLE_LINES[document];
}
