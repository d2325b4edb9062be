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
