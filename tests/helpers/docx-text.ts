import { strFromU8, unzipSync } from "fflate";
import { partnerEdition } from "~/domain/proposal-audience";
import type { Actor } from "~/domain/roles";
import { liveProposal } from "~/models/proposal.server";
import { renderProposalDocx } from "~/services/docx.server";

/** The words of the live draft's Word document body, in the edition asked for, one paragraph a line (a table cell is a paragraph). */
export async function liveDocxText(actor: Actor, engagementId: number, edition: "partner" | "internal" = "partner"): Promise<string> {
  const { content } = liveProposal(actor, engagementId, "2026-12-03", "2026-12");
  const docx = unzipSync(await renderProposalDocx(edition === "partner" ? partnerEdition(content) : content, {}, { status: "draft" }));
  return strFromU8(docx["word/document.xml"]!)
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
