import type { ProposalIntent } from "~/domain/proposal-forms";
import type { Actor } from "~/domain/roles";
import { redirectWithFlash } from "~/lib/route.server";
import { requireEngagementAccess } from "~/models/engagements.server";
import { renderVersionPictures } from "~/models/proposal-pictures.server";
import { scheduleDocuments } from "~/models/proposal-documents.server";
import { createVersion } from "~/models/proposal.server";
import { keepSectionEdit, saveSectionEdit, takeGeneratedText } from "~/models/section-edits.server";
import { currentDate, currentMonth } from "~/services/clock.server";

/**
 * The Proposal page's own forms: a section's words (docs/domain.md §9.6), and creating a version, which
 * freezes the draft, draws its pictures and has its documents made in the background.
 */
export async function proposalChange(request: Request, actor: Actor, id: number, input: ProposalIntent) {
  const back = `/engagements/${id}/proposal`;
  if (input.intent === "edit-section") {
    const saved = saveSectionEdit(actor, id, input, currentDate(), currentMonth());
    return redirectWithFlash(
      request,
      `${back}#section-tools-${input.section}`,
      saved === "saved"
        ? "The section's words are saved in the draft; the next version freezes them."
        : "Those are the generated words: the section follows the engagement again."
    );
  }
  if (input.intent === "take-generated") {
    takeGeneratedText(actor, id, input);
    return redirectWithFlash(request, `${back}#section-tools-${input.section}`, "The section says what the engagement generates again.");
  }
  if (input.intent === "keep-edit") {
    keepSectionEdit(actor, id, input, currentDate(), currentMonth());
    return redirectWithFlash(request, `${back}#section-tools-${input.section}`, "Your words are kept over the new generated text.");
  }
  requireEngagementAccess(actor, id, "proposal:generate");
  const version = createVersion(actor, id, currentDate(), currentMonth());
  const pictures = await renderVersionPictures(version.id, version.content);
  // Frozen and committed, its pictures drawn or not: its documents are made in the background.
  scheduleDocuments(version.id);
  const frozen = `Version ${version.number} created and frozen.`;
  return redirectWithFlash(
    request,
    input.then === "review" ? `/engagements/${id}/review` : `/engagements/${id}/versions/${version.number}`,
    pictures.ok ? frozen : `${frozen} ${pictures.reason} Its documents carry the diagram and the timeline as tables only.`
  );
}
