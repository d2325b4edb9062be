import { and, eq } from "drizzle-orm";
import { proposalSectionEdits } from "../../db/schema";
import { Conflict, Refusal } from "~/domain/errors";
import { buildProposal } from "~/domain/proposal";
import type { ProposalSectionKey } from "~/domain/proposal-templates";
import { normaliseMarkdown, sectionMarkdown, staleFiguresRefusal } from "~/domain/section-edits";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb, type Tx } from "~/services/db.server";
import { getProposalWording } from "~/services/templates.server";
import { requireEngagementAccess } from "./engagements.server";
import { buildSnapshot } from "./snapshot.server";

/*
 * A manager's own words for proposal sections, on the live draft (docs/domain.md §9.6). Each edit
 * keeps the generated text it was written over, so a later change of the engagement offers the new
 * text beside the edit instead of overwriting it.
 */

/** Each edited section's version, for the forms on the page (0 where the section has no edit). */
export function sectionEditVersions(actor: Actor, engagementId: number): Record<string, number> {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const rows = getDb()
    .select({ section: proposalSectionEdits.sectionKey, version: proposalSectionEdits.version })
    .from(proposalSectionEdits)
    .where(eq(proposalSectionEdits.engagementId, engagementId))
    .all();
  return Object.fromEntries(rows.map((r) => [r.section, r.version]));
}

/** What the section's prose would say with no edit: the generated text, as Markdown. */
function generatedMarkdown(tx: Tx, engagementId: number, section: ProposalSectionKey, date: string, today: string): string {
  const snapshot = { ...buildSnapshot(tx, engagementId, date, today), sectionEdits: [] };
  const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" });
  const generated = content.sections.find((s) => s.key === section);
  return normaliseMarkdown(generated ? sectionMarkdown(generated) : "");
}

function readRow(tx: Tx, engagementId: number, section: ProposalSectionKey) {
  return tx
    .select()
    .from(proposalSectionEdits)
    .where(and(eq(proposalSectionEdits.engagementId, engagementId), eq(proposalSectionEdits.sectionKey, section)))
    .get();
}

function requireVersion(row: { version: number } | undefined, expected: number) {
  if ((row?.version ?? 0) !== expected)
    throw new Conflict("Someone changed this section's wording since the page was loaded. Here it is as it stands now; make your change again.");
}

type Change = { section: ProposalSectionKey; version: number };

/**
 * Puts a section's prose in the manager's words. Text that is the generated text again is no edit:
 * the section goes back to following the engagement.
 */
export function saveSectionEdit(actor: Actor, engagementId: number, input: Change & { markdown: string }, date: string, today: string): "saved" | "generated" {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const row = readRow(tx, engagementId, input.section);
    requireVersion(row, input.version);
    const markdown = normaliseMarkdown(input.markdown);
    const generated = generatedMarkdown(tx, engagementId, input.section, date, today);
    if (markdown === generated) {
      if (row) tx.delete(proposalSectionEdits).where(eq(proposalSectionEdits.id, row.id)).run();
      writeAudit(tx, { userId: actor.id, action: "proposal.section.generated", engagementId, detail: { section: input.section } });
      return "generated";
    }
    // The generated text an edit is written over stays what it was when the edit began.
    const values = {
      markdown,
      baseMarkdown: row?.baseMarkdown ?? generated,
      version: input.version + 1,
      editedById: actor.id,
      editedAt: new Date().toISOString(),
    };
    tx.insert(proposalSectionEdits)
      .values({ engagementId, sectionKey: input.section, ...values })
      .onConflictDoUpdate({ target: [proposalSectionEdits.engagementId, proposalSectionEdits.sectionKey], set: values })
      .run();
    writeAudit(tx, { userId: actor.id, action: "proposal.section.edit", engagementId, detail: { section: input.section, characters: markdown.length } });
    return "saved";
  });
}

/** Drops the edit: the section says what the engagement generates, and follows it again. */
export function takeGeneratedText(actor: Actor, engagementId: number, input: Change): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const row = readRow(tx, engagementId, input.section);
    requireVersion(row, input.version);
    if (row) tx.delete(proposalSectionEdits).where(eq(proposalSectionEdits.id, row.id)).run();
    writeAudit(tx, { userId: actor.id, action: "proposal.section.generated", engagementId, detail: { section: input.section } });
  });
}

/** Keeps the edit over the newer generated text: the edit now stands over what the engagement says today. */
export function keepSectionEdit(actor: Actor, engagementId: number, input: Change, date: string, today: string): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const row = readRow(tx, engagementId, input.section);
    requireVersion(row, input.version);
    if (!row) return;
    const generated = generatedMarkdown(tx, engagementId, input.section, date, today);
    // Kept as they are, words giving an old fee or date would stand beside sections giving the new one.
    const refused = staleFiguresRefusal({ markdown: row.markdown, base: row.baseMarkdown }, generated);
    if (refused) throw new Refusal(refused);
    tx.update(proposalSectionEdits)
      .set({ baseMarkdown: generated, version: row.version + 1 })
      .where(eq(proposalSectionEdits.id, row.id))
      .run();
    writeAudit(tx, { userId: actor.id, action: "proposal.section.keep", engagementId, detail: { section: input.section } });
  });
}
