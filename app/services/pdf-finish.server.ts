import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, rgb, StandardFonts } from "pdf-lib";
import type { PrintedAt } from "~/domain/proposal-print";

/**
 * What Chromium leaves out of a printed proposal, added afterwards (docs/domain.md §9.5): the page
 * number of every entry in the contents list, and the document's own title, author and subject in
 * place of the browser's name. Deterministic: the same PDF and details give the same bytes, dated
 * with the document's date, never the clock.
 */

export type PdfDetails = {
  title: string;
  /** The organisation that proposes: the name the document signs with. */
  author: string;
  subject: string;
  /** The document's date, YYYY-MM-DD. */
  date: string;
};

/** Link targets the contents list points at: a numbered section or subsection, or the approval block. */
const CONTENTS_TARGET = /^(section-\d+(-\d+)?|approval)$/;

const NUMBER_SIZE = 10.5;
const NUMBER_COLOUR = rgb(0.2, 0.25, 0.31);

function documentMoment(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(Date.UTC(1980, 0, 1));
}

/** Name → zero-based page index for every named destination in the catalogue's /Dests. */
function destinationPages(doc: PDFDocument): Map<string, number> {
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  if (!dests) return out;
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  for (const [name, value] of dests.entries()) {
    const target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const page = target instanceof PDFArray ? target.get(0) : undefined;
    const index = page instanceof PDFRef ? pageIndex.get(page.toString()) : undefined;
    if (index !== undefined) out.set(name.decodeText(), index);
  }
  return out;
}

/**
 * Where each named destination was printed, by name: its page and how far down the text area between the margins
 * (in points) it stands, from 0 at the top to 1 at the foot. Chromium records the place of every link's target.
 */
export async function printedPlaces(pdf: Uint8Array, margins: { top: number; bottom: number }): Promise<Map<string, PrintedAt>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out = new Map<string, PrintedAt>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  if (!dests) return out;
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  for (const [name, value] of dests.entries()) {
    const target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (!(target instanceof PDFArray)) continue;
    const page = target.get(0);
    const index = page instanceof PDFRef ? pageIndex.get(page.toString()) : undefined;
    const y = target.get(3);
    if (index === undefined || !(y instanceof PDFNumber)) continue;
    const height = pages[index]!.getHeight();
    const down = (height - margins.top - y.asNumber()) / (height - margins.top - margins.bottom);
    out.set(name.decodeText(), { page: index, down: Math.min(1, Math.max(0, down)) });
  }
  return out;
}

/** Writes each contents entry's page number at the right-hand end of its link, on the entry's line. */
async function numberContents(doc: PDFDocument): Promise<number> {
  const targets = destinationPages(doc);
  if (targets.size === 0) return 0;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let written = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of("Subtype")) !== PDFName.of("Link")) continue;
      const dest = annot.get(PDFName.of("Dest"));
      if (!(dest instanceof PDFName)) continue;
      const name = dest.decodeText();
      const target = targets.get(name);
      if (!CONTENTS_TARGET.test(name) || target === undefined) continue;
      const rect = annot
        .lookup(PDFName.of("Rect"), PDFArray)
        .asArray()
        .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
      const [, y0 = 0, x1 = 0, y1 = 0] = rect;
      const label = String(target + 1);
      page.drawText(label, {
        x: x1 - font.widthOfTextAtSize(label, NUMBER_SIZE),
        y: (y0 + y1) / 2 - NUMBER_SIZE * 0.12,
        size: NUMBER_SIZE,
        font,
        color: NUMBER_COLOUR,
      });
      written++;
    }
  }
  return written;
}

/** The printed proposal finished: contents page numbers and the document's own metadata. */
export async function finishProposalPdf(pdf: Uint8Array, details: PdfDetails): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  await numberContents(doc);
  const moment = documentMoment(details.date);
  doc.setTitle(details.title, { showInWindowTitleBar: true });
  doc.setAuthor(details.author);
  doc.setSubject(details.subject);
  doc.setCreator("Partnership Planner");
  doc.setProducer("Partnership Planner");
  doc.setLanguage("en-GB");
  doc.setCreationDate(moment);
  doc.setModificationDate(moment);
  return doc.save({ useObjectStreams: false });
}
