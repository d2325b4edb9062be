import { presentChoice } from "./proposal-choice";
import { versionState, type ApprovalState, type Block, type ProposalContent, type VersionState } from "./proposal-content";

/*
 * A frozen version speaks of where it stands: its next steps follow its state, and its fee is an
 * estimate only while it is a draft (docs/domain.md §9.9). The words for each state are frozen with
 * the version beside its draft words (`byState`, from docs-templates/proposal/common.json); this picks
 * the ones for the version's state, as the approval block and the partner's choice of option are
 * presented. The version's content, and the fingerprint the partner accepts, are unchanged. Pure.
 */

/** Each block in the words for this state, where it has its own; the draft's words otherwise. */
export function presentState(content: ProposalContent, state: VersionState): ProposalContent {
  const present = (blocks: Block[]): Block[] =>
    blocks.map((b) => {
      if (b.type === "paragraph" && b.byState) {
        const { byState, ...rest } = b;
        return { ...rest, text: byState[state] ?? b.text };
      }
      if (b.type === "numbered" && b.byState) {
        const { byState, ...rest } = b;
        return { ...rest, items: byState[state] ?? b.items };
      }
      return b;
    });
  return {
    ...content,
    sections: content.sections.map((s) => ({
      ...s,
      blocks: present(s.blocks),
      ...(s.subsections ? { subsections: s.subsections.map((sub) => ({ ...sub, blocks: present(sub.blocks) })) } : {}),
    })),
  };
}

/** A frozen version as its documents and pages show it in its approval state: its words for that state, the option the partner chose, and the state itself. */
export function presentVersion(content: ProposalContent, approval: ApprovalState): ProposalContent {
  const state = versionState(approval);
  return { ...presentChoice(presentState(content, state), approval.acceptance), state };
}
