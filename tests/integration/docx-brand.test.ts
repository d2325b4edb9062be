import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { ProposalContent } from "~/domain/proposal-content";
import { keptWhole } from "~/domain/proposal-print";
import { liveProposal } from "~/models/proposal.server";
import { renderProposalDocx } from "~/services/docx.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { organisationProfile } from "../../db/schema";

/**
 * The Word document's cover carries our brand colour like the PDF's (docs/domain.md §9.8): the rule
 * across the top of the cover is drawn in the colour of the organisation profile frozen with the version.
 */

useTestDatabase();

/** The colour of the cover's top rule as Word reads it: the first paragraph's top border. */
async function coverRuleColour(content: ProposalContent): Promise<string | null> {
  const xml = strFromU8(unzipSync(await renderProposalDocx({ ...content, edition: "partner" }, {}, { status: "draft" }))["word/document.xml"]!);
  const body = xml.slice(xml.indexOf("<w:body>"));
  const first = /<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/.exec(body)![0];
  expect(first, "the cover rule comes first").toContain('w:val="CoverRule"');
  return /<w:top [^>]*w:color="([0-9A-Fa-f]{6})"/.exec(first)?.[1]?.toUpperCase() ?? null;
}

describe("the Word document's cover", () => {
  it("is ruled in the profile's brand colour, follows a change of it, and keeps the house style for versions made before the profile", async () => {
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const seeded = db().select({ brandColour: organisationProfile.brandColour }).from(organisationProfile).get()!.brandColour;
    const { content } = liveProposal(manager, demoEngagementId(), "2026-11-30", "2026-11");
    expect(content.proposer?.brandColour).toBe(seeded);
    expect(await coverRuleColour(content)).toBe(seeded.slice(1).toUpperCase());

    const rebranded = { ...content, proposer: { ...content.proposer!, brandColour: "#8a1c7c" } };
    expect(await coverRuleColour(rebranded)).toBe("8A1C7C");

    const { proposer: _none, ...older } = content;
    // Without a profile the rule takes the house style (no colour of its own on the paragraph).
    expect(await coverRuleColour(older)).toBeNull();
  });
});

describe("the Word document's page breaks", () => {
  it("keep a sentence that introduces a list or table (ending with a colon) on the page of what it introduces", async () => {
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const { content } = liveProposal(manager, demoEngagementId(), "2026-11-30", "2026-11");
    const xml = strFromU8(unzipSync(await renderProposalDocx({ ...content, edition: "internal" }, {}, { status: "draft" }))["word/document.xml"]!);
    const paragraphs = xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)!;
    const text = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    const introducing = paragraphs.filter((p) => text(p).trimEnd().endsWith(":") && !p.includes("w:numPr") && !p.includes('w:val="TableText"'));
    expect(introducing.length, "the internal briefing has sentences that introduce lists").toBeGreaterThan(0);
    for (const p of introducing) expect(p, text(p)).toMatch(/<w:keepNext\/>|<w:keepNext w:val="(true|1|on)"\/>/);
  });

  it("keep the internal briefing's table of our capacity for each method on the page of the note that explains it", async () => {
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const { content } = liveProposal(manager, demoEngagementId(), "2026-11-30", "2026-11");
    const xml = strFromU8(unzipSync(await renderProposalDocx({ ...content, edition: "internal" }, {}, { status: "draft" }))["word/document.xml"]!);
    const keeps = /<w:keepNext\/>|<w:keepNext w:val="(true|1|on)"\/>/;
    const note = xml.indexOf("Start with room to spare: ");
    expect(note, "the briefing has the note under the table").toBeGreaterThan(0);
    const table = xml.lastIndexOf("<w:tbl>", note);
    const rows = xml.slice(table, xml.indexOf("</w:tbl>", table)).match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g)!;
    // The last row goes with the note (through the space after the table). A table this short is kept whole, its
    // rows each with the next; a long one may break anywhere between the rows before its last.
    expect(rows.at(-1)).toMatch(keeps);
    const blocks = content.sections.flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)]);
    const capacity = blocks.find((b) => b.type === "table" && b.caption === "Our capacity for each method");
    expect(capacity?.type).toBe("table");
    const short = capacity?.type === "table" && keptWhole(capacity);
    expect(rows.slice(1, -1).every((r) => keeps.test(r))).toBe(short);
    expect(rows.slice(1, -1).some((r) => keeps.test(r))).toBe(short);
    const between = xml.slice(xml.indexOf("</w:tbl>", table), note);
    expect(between).toMatch(keeps);
  });
});
