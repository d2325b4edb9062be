import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProposalDocument } from "~/components/proposal-document";
import { formatDate } from "~/domain/calendar";
import { EDITION_MARKING } from "~/domain/proposal-audience";
import {
  documentDetails,
  PRINT_MARGINS_MM,
  sectionEndMark,
  sectionMark,
  timelineSection,
  withPrintMarks,
  withWorkplanTableFirst,
  workplanTableFirst,
} from "~/domain/proposal-print";
import { draftMarking, type ApprovalState, type Pictures, type ProposalContent } from "~/domain/proposal-content";
import { stripControlChars } from "~/domain/text";
import { withPage, withTimeout } from "./browser.server";
import { finishProposalPdf, printedPlaces, type PdfDetails } from "./pdf-finish.server";

/**
 * The proposal as a PDF: the same ProposalDocument as the preview, printed by the shared headless
 * Chromium on A4 with "Page X of Y" in the footer, then finished with the contents list's page numbers
 * and the document's metadata. The page has scripts switched off and no network.
 */

const PDF_TIMEOUT_MS = 60_000;

let css: string | undefined;

/** app/styles/proposal.css as text, for pages that cannot link to it (the PDF). */
export function proposalCss(): string {
  if (css !== undefined) return css;
  // Beside this module when run from source (tests, tsx); under the project root in the built server.
  const candidates = [fileURLToPath(new URL("../styles/proposal.css", import.meta.url)), path.resolve(process.cwd(), "app/styles/proposal.css")];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`proposal.css not found (looked in ${candidates.join(", ")})`);
  css = readFileSync(found, "utf8");
  return css;
}

/**
 * The printable proposal as one self-contained HTML document. The end of the section before the timeline's
 * is marked, for the PDF to say where it fell; `workplanTableFirst` prints the workplan's table before the
 * timeline's picture (docs/domain.md §9.7).
 */
export function proposalHtml(content: ProposalContent, pictures: Pictures, approval: ApprovalState, workplanTableFirst = false): string {
  const printed = withPrintMarks(workplanTableFirst ? withWorkplanTableFirst(content) : content, pictures);
  const body = renderToStaticMarkup(
    createElement(ProposalDocument, { content: printed, pictures, approval, mode: "print", markEndOf: timelineSection(content) - 1 })
  );
  const title = renderToStaticMarkup(createElement("title", null, stripControlChars(content.title)));
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">${title}<style>${proposalCss().replace(/<\/style/gi, "<\\/style")}
html, body { margin: 0; padding: 0; background: #fff; }</style></head><body>${body}</body></html>`;
}

// Header and footer templates are printed outside the page's CSS, so they carry their own styles.
const TEMPLATE_STYLE = {
  fontFamily: "Calibri, Carlito, 'Liberation Sans', Arial, sans-serif",
  fontSize: "8pt",
  color: "#52606d",
  // The page's width, not the text's: a long title would otherwise widen the line past the page's edge.
  width: "210mm",
  boxSizing: "border-box",
  padding: "0 20mm",
  display: "flex",
  justifyContent: "space-between",
  gap: "12pt",
};

function headerTemplate(content: ProposalContent, approval: ApprovalState): string {
  const left = createElement(
    "span",
    { style: { overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis", minWidth: 0 } },
    // Who proposes, to whom, about what (docs/domain.md §9.8).
    `${content.proposer ? `${stripControlChars(content.proposer.shortName)} · ` : ""}${stripControlChars(content.title)} · ${stripControlChars(
      content.partnerName
    )}`
  );
  // A long title gives way to the marking or the version after it, which is read whole.
  const right =
    approval.status === "draft"
      ? createElement("span", { style: { color: "#a3161a", fontWeight: 700, whiteSpace: "nowrap", flexShrink: 0 } }, draftMarking(approval, content))
      : createElement("span", { style: { whiteSpace: "nowrap", flexShrink: 0 } }, stripControlChars(content.versionLabel));
  return renderToStaticMarkup(createElement("div", { style: TEMPLATE_STYLE }, left, right));
}

function footerTemplate(content: ProposalContent): string {
  const left = createElement("span", null, `${stripControlChars(content.versionLabel)} · ${formatDate(stripControlChars(content.date))}`);
  // Which edition this is, on every page (docs/domain.md §9.4).
  const edition = content.edition ?? "partner";
  const middle = createElement(
    "span",
    { style: edition === "internal" ? { color: "#a3161a", fontWeight: 700, whiteSpace: "nowrap" } : { whiteSpace: "nowrap" } },
    EDITION_MARKING[edition]
  );
  const right = createElement(
    "span",
    { style: { whiteSpace: "nowrap" } },
    "Page ",
    createElement("span", { className: "pageNumber" }),
    " of ",
    createElement("span", { className: "totalPages" })
  );
  return renderToStaticMarkup(createElement("div", { style: TEMPLATE_STYLE }, left, middle, right));
}

/** The PDF's own title, author and subject (docs/domain.md §9.7), in place of the browser's name. */
export function pdfDetails(content: ProposalContent): PdfDetails {
  return { ...documentDetails(content), date: stripControlChars(content.date) };
}

const MM_TO_PT = 72 / 25.4;

/**
 * Prints the proposal to an A4 PDF. Needs a browser: check isBrowserAvailable() first to offer it. Where the
 * timeline's picture, going to the next page with its heading, left more than half of a page blank, it is
 * printed again with the workplan's table first (workplanTableFirst, docs/domain.md §9.7).
 */
export async function renderProposalPdf(content: ProposalContent, pictures: Pictures, approval: ApprovalState): Promise<Uint8Array> {
  return withTimeout(
    withPage({ javaScript: false, viewport: { width: 794, height: 1123 } }, async (page) => {
      await page.emulateMedia({ media: "print" });
      let pdf = await printOnce(page, content, pictures, approval, false);
      const timeline = timelineSection(content);
      if (timeline > 0) {
        const places = await printedPlaces(pdf, { top: PRINT_MARGINS_MM.top * MM_TO_PT, bottom: PRINT_MARGINS_MM.bottom * MM_TO_PT });
        if (workplanTableFirst(places.get(sectionEndMark(timeline - 1)), places.get(sectionMark(timeline)))) {
          pdf = await printOnce(page, content, pictures, approval, true);
        }
      }
      return finishProposalPdf(pdf, pdfDetails(content));
    }),
    PDF_TIMEOUT_MS,
    "Printing the proposal"
  );
}

async function printOnce(page: Page, content: ProposalContent, pictures: Pictures, approval: ApprovalState, tableFirst: boolean): Promise<Uint8Array> {
  await page.setContent(proposalHtml(content, pictures, approval, tableFirst), { waitUntil: "load", timeout: PDF_TIMEOUT_MS });
  return new Uint8Array(
    await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(content, approval),
      footerTemplate: footerTemplate(content),
      margin: {
        top: `${PRINT_MARGINS_MM.top}mm`,
        bottom: `${PRINT_MARGINS_MM.bottom}mm`,
        left: `${PRINT_MARGINS_MM.left}mm`,
        right: `${PRINT_MARGINS_MM.right}mm`,
      },
      outline: true,
      tagged: true,
    })
  );
}
