import { capitalise } from "./intake";
import { ourName } from "./organisation-profile";
import type { ProposalContent } from "./proposal-content";
import { stripControlChars } from "./text";

/** A document's own title, author and subject (docs/domain.md §9.7): the same in the PDF and the Word document. */
export type DocumentDetails = { title: string; author: string; subject: string };

export function documentDetails(content: ProposalContent): DocumentDetails {
  const edition = content.edition === "internal" ? " — internal briefing" : "";
  return {
    title: stripControlChars(content.title),
    // Our organisation as frozen with the version (docs/domain.md §9.8).
    author: stripControlChars(capitalise(ourName(content.proposer))),
    subject: `Partnership proposal for ${stripControlChars(content.partnerName)}${edition}`,
  };
}
