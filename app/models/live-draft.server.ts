import { missingPartView } from "~/domain/missing-parts";
import { proposalDocumentHrefs } from "~/lib/download";
import { withPrintMarks } from "~/domain/proposal-print";
import type { Actor } from "~/domain/roles";
import { sectionMarkdown, staleEditedSections, staleEditsRefusal } from "~/domain/section-edits";
import { currentDate, currentDay, currentMonth } from "~/services/clock.server";
import { getEngagementForStaff } from "./engagements.server";
import { getBudgetView } from "./pricing.server";
import { getOptionsView } from "./proposal-options.server";
import { listVersionsWithStatus, liveProposal } from "./proposal.server";
import { sectionEditVersions } from "./section-edits.server";
import { getTimelineView, startPassedNotice } from "./timeline.server";

/**
 * What the Proposal page shows: the live draft, what it still lacks, its versions, and the panels that
 * shape it. Read here rather than in the route module, so the page's script imports one server module
 * for it (docs/decisions/0040).
 */
export function liveDraftPage(actor: Actor, id: number) {
  const engagement = getEngagementForStaff(actor, id);
  const { content } = liveProposal(actor, id, currentDate(), currentMonth());
  const timelineView = getTimelineView(actor, id, currentMonth());
  return {
    id,
    // Its pictures are drawn when a version is created: none to print yet.
    content: withPrintMarks(content, {}),
    // Each part still to be completed, with where it is completed.
    missing: content.missing.map((m) => missingPartView(id, m)),
    // What each section's edit box starts with, and the version its form carries (docs/domain.md §9.6).
    editing: engagement.canEdit
      ? {
          markdown: Object.fromEntries(content.sections.map((s) => [s.key, s.edit?.markdown ?? sectionMarkdown(s)])),
          versions: sectionEditVersions(actor, id),
        }
      : null,
    // Each with where its documents are downloaded, said here: the page's script need not know the addresses.
    versions: listVersionsWithStatus(actor, id).map((v) => ({ ...v, documents: proposalDocumentHrefs(id, v.number) })),
    canGenerate: engagement.canEdit,
    // Said beside the button before it is pressed, as creating the version would refuse.
    staleEdits: staleEditsRefusal(content.sections),
    staleSections: staleEditedSections(content.sections),
    // The summary, workplan and costs come from the timeline as stored; the rest from the engagement as it is now.
    timelineStale: timelineView.staleReasons,
    // A plan still to be agreed that begins before today (docs/domain.md §8.6).
    startPassed: startPassedNotice(engagement.stage, timelineView.stored?.timeline ?? null, currentDay()),
    budget: getBudgetView(actor, id, currentMonth(), engagement.canEdit),
    // The day an exchange rate's date starts from (docs/domain.md §8.7).
    today: currentDay(),
    options: getOptionsView(actor, id, currentMonth(), engagement.canEdit),
  };
}
