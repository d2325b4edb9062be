import { createRequire } from "node:module";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProposalDocument } from "~/components/proposal-document";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { renderProposalDocx } from "~/services/docx.server";
import { DRAFT, sampleProposal } from "../helpers/sample-proposal";

// mammoth ships no types; this is the one call the tests make.
const mammoth = createRequire(import.meta.url)("mammoth") as { extractRawText(input: { buffer: Buffer }): Promise<{ value: string }> };

/*
 * The workplan table's legend says what a shaded cell means in the unit its columns are: a plan over two
 * years is tabled by quarter, and a cell there is a quarter, not a month.
 */

const QUARTERS = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4", "2028-Q1"];
const byQuarter: Block = {
  type: "gantt",
  caption: "Workplan by quarter",
  months: QUARTERS,
  monthLabels: QUARTERS.map((q) => q.replace("-", " ")),
  rows: [
    { label: "Design", kind: "Phase", start: "2027-03-01", end: "2027-08-31", cells: ["active", "active", "active", "", ""] },
    { label: "Launch event", kind: "Event", start: "2027-09-06", end: "2027-09-06", cells: ["", "", "marker", "", ""] },
  ],
};

function withWorkplan(block: Block): ProposalContent {
  const content = sampleProposal();
  return { ...content, sections: content.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.type === "gantt" ? block : b)) })) };
}

const page = (content: ProposalContent) => renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval: DRAFT, mode: "screen" }));
const word = async (content: ProposalContent) => (await mammoth.extractRawText({ buffer: Buffer.from(await renderProposalDocx(content, {}, DRAFT)) })).value;

describe("the workplan table's legend", () => {
  it("says quarter under a workplan by quarter, on the page and in Word", async () => {
    const content = withWorkplan(byQuarter);
    for (const text of [page(content), await word(content)]) {
      expect(text).toContain("active in the quarter");
      expect(text).toContain("event or milestone in the quarter");
      expect(text).not.toContain("in the month");
    }
  });

  it("still says month under a workplan by month", async () => {
    const content = sampleProposal();
    for (const text of [page(content), await word(content)]) {
      expect(text).toContain("active in the month");
      expect(text).toContain("event or milestone in the month");
    }
  });
});
