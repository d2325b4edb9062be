import { formatDate } from "./calendar";
import type { ApprovalState, Audience, Block, ProposalContent, ProposalSection } from "./proposal-content";

/**
 * Who reads what (docs/domain.md §9.4): every block of a proposal is written for the partner or for
 * us. The partner's outputs — their page, their Word document and PDF, the API as they see it — are
 * built from partner blocks only. The internal briefing is the partner version plus an annex that
 * gathers every internal block under the section it belongs to. Pure functions of the content.
 */

export type Edition = "partner" | "internal";

/** The marking on every page of each edition, in the Word document and the PDF alike. */
export const EDITION_MARKING: Record<Edition, string> = {
  partner: "Partner version",
  internal: "INTERNAL BRIEFING — not for the partner",
};

export const EDITION_LABELS: Record<Edition, string> = {
  partner: "Partner version",
  internal: "Internal briefing",
};

export const ANNEX_KEY = "internal-annex";
export const ANNEX_TITLE = "Internal annex — not for the partner";

export const audienceOf = (block: Block): Audience => block.audience ?? "partner";

/** Marks each block explicitly: a block built without an audience is for the partner. */
export function stampAudience(sections: ProposalSection[]): ProposalSection[] {
  const stamp = (blocks: Block[]) => blocks.map((b) => ({ ...b, audience: audienceOf(b) } as Block));
  return sections.map((s) => ({
    ...s,
    blocks: stamp(s.blocks),
    ...(s.subsections ? { subsections: s.subsections.map((sub) => ({ ...sub, blocks: stamp(sub.blocks) })) } : {}),
  }));
}

/** Whether the content says, block by block, whom it is for (versions made before it did not). */
export function isAudienceMarked(content: ProposalContent): boolean {
  return content.sections.every((s) => s.blocks.every((b) => b.audience) && (s.subsections ?? []).every((sub) => sub.blocks.every((b) => b.audience)));
}

const partnerBlocks = (blocks: Block[]) => blocks.filter((b) => audienceOf(b) === "partner");

/** Exactly what the partner gets: no internal block, no internal annex. */
export function partnerEdition(content: ProposalContent): ProposalContent {
  return {
    ...content,
    edition: "partner",
    sections: content.sections
      .filter((s) => s.key !== ANNEX_KEY)
      // Who edited a section, and the generated text offered beside an edit, are for our staff only.
      .map(({ edit: _edit, ...s }) => ({
        ...s,
        blocks: partnerBlocks(s.blocks),
        ...(s.subsections ? { subsections: s.subsections.map((sub) => ({ ...sub, blocks: partnerBlocks(sub.blocks) })) } : {}),
      })),
  };
}

/** What else the briefing annex carries that is not in the content: leadership's word and our own comments. */
export type BriefingExtras = {
  approval?: ApprovalState;
  comments?: { section: string; author: string; body: string }[];
};

/** The partner version plus an internal annex: every internal block under its section's title, then leadership's conditions or its decline, and our comments. */
export function internalBriefing(content: ProposalContent, extras: BriefingExtras = {}): ProposalContent {
  const partner = partnerEdition(content);
  const subsections: { title: string; blocks: Block[] }[] = [];
  for (const s of content.sections) {
    if (s.key === ANNEX_KEY) continue;
    const internal = [
      ...s.blocks.filter((b) => audienceOf(b) === "internal"),
      ...(s.subsections ?? []).flatMap((sub) => sub.blocks.filter((b) => audienceOf(b) === "internal")),
    ];
    if (internal.length) subsections.push({ title: s.title, blocks: internal });
  }
  const approval = extras.approval;
  if (approval?.status === "approved" && approval.conditions) {
    subsections.push({ title: "Leadership's conditions", blocks: [{ type: "paragraph", text: approval.conditions, audience: "internal" }] });
  }
  if (approval?.status === "draft" && approval.declined) {
    const d = approval.declined;
    subsections.push({
      title: "Leadership's decision",
      blocks: [
        {
          type: "facts",
          rows: [
            ["Decision", "Declined: the version will not become the agreed proposal"],
            ["Declined by", d.name],
            ["On", formatDate(d.at)],
            ["Reason", d.reason],
          ],
          audience: "internal",
        },
      ],
    });
  }
  const comments = extras.comments ?? [];
  if (comments.length) {
    const titleOf = (key: string) => content.sections.find((s) => s.key === key)?.title ?? key;
    subsections.push({
      title: "Our internal comments",
      blocks: [{ type: "bullets", items: comments.map((c) => `${titleOf(c.section)} — ${c.author}: ${c.body}`), audience: "internal" }],
    });
  }
  const lead: Block = {
    type: "paragraph",
    tone: "note",
    audience: "internal",
    text: subsections.length
      ? "What we know and the partner does not see: our planning assumptions, capacity, costs, notes and leadership's word. Everything before this annex is exactly the partner version."
      : "Nothing internal is recorded for this version. Everything before this annex is exactly the partner version.",
  };
  return {
    ...partner,
    edition: "internal",
    sections: [...partner.sections, { key: ANNEX_KEY, title: ANNEX_TITLE, blocks: [lead], subsections }],
  };
}

/**
 * Leadership's approval as the partner sees it: that it was given, of which kind, by whom and when.
 * Whether it carries conditions is the partner's to know ("Approved with conditions"), and is said
 * truthfully; the conditions' text is ours, written to our staff (docs/domain.md §9.4, §9.9).
 */
export function partnerApproval(approval: ApprovalState): ApprovalState {
  // Where a draft stands with us is told to the partner in their own words (the next steps, their status), never by our stage's name.
  if (approval.status === "draft") return { status: "draft", ...(approval.acceptance ? { acceptance: approval.acceptance } : {}) };
  const { conditions: _internal, approvers, ...rest } = approval;
  return { ...rest, approvers: approvers.map(({ conditions: _theirs, ...approver }) => approver) };
}
