import { presentChoice } from "./proposal-choice";
import type { EngagementSnapshot } from "./proposal-snapshot";
import { versionState, WITH_CONDITIONS, type ApprovalState, type Block, type ProposalContent, type VersionState, type WordedState } from "./proposal-content";

/*
 * A frozen version speaks of where it stands: its next steps follow its state, and its fee is an
 * estimate only while it is a draft (docs/domain.md §9.9). The words for each state are frozen with
 * the version beside its draft words (`byState`, from docs-templates/proposal/common.json); this picks
 * the ones for the version's state, as the approval block and the partner's choice of option are
 * presented. The version's content, and the fingerprint the partner accepts, are unchanged. Pure.
 */

/**
 * Each block in the words for this state, where it has its own; the draft's words otherwise. With
 * `withConditions` (leadership approved with conditions), an approved or agreed version reads that
 * state's words for conditions where it froze them.
 */
export function presentState(content: ProposalContent, state: VersionState, withConditions = false): ProposalContent {
  const conditioned: WordedState | null = withConditions && (state === "approved" || state === "agreed") ? WITH_CONDITIONS[state] : null;
  const pick = <T>(byState: Partial<Record<WordedState, T>>, draft: T): T => (conditioned ? byState[conditioned] : undefined) ?? byState[state] ?? draft;
  const present = (blocks: Block[]): Block[] =>
    blocks.map((b) => {
      if (b.type === "paragraph" && b.byState) {
        const { byState, ...rest } = b;
        return { ...rest, text: pick(byState, b.text) };
      }
      if (b.type === "numbered" && b.byState) {
        const { byState, ...rest } = b;
        return { ...rest, items: pick(byState, b.items) };
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

/**
 * A frozen version as its documents and pages show it in its approval state: its words for that state,
 * the option the partner chose (with the version's snapshot, that option's commitment where the version
 * states the largest's, docs/domain.md §9.13), and the state itself.
 */
export function presentVersion(content: ProposalContent, approval: ApprovalState, snapshot?: EngagementSnapshot): ProposalContent {
  const state = versionState(approval);
  return {
    ...presentChoice(
      presentState(content, state, approval.status !== "draft" && approval.decision === "approved_with_conditions"),
      approval.acceptance,
      snapshot
    ),
    state,
  };
}
