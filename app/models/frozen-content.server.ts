import { buildProposal } from "~/domain/proposal";
import { isAudienceMarked } from "~/domain/proposal-audience";
import type { ProposalContent } from "~/domain/proposal-content";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { getProposalWording } from "~/services/templates.server";

/**
 * A version's content as frozen. A version made before blocks said whom they are for is read again
 * from its frozen snapshot, so that nothing internal in it can reach the partner (docs/domain.md §9.4):
 * `rebuilt` says so, as its words then follow today's wording.
 */
export function frozenContent(snapshot: EngagementSnapshot, contentJson: string): { content: ProposalContent; rebuilt: boolean } {
  const stored = JSON.parse(contentJson) as ProposalContent;
  if (isAudienceMarked(stored)) return { content: stored, rebuilt: false };
  return { content: buildProposal(snapshot, getProposalWording(), { versionLabel: stored.versionLabel }), rebuilt: true };
}
