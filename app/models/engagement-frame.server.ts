import type { OutForDecision } from "~/domain/workflow";
import type { Actor } from "~/domain/roles";
import { currentDay, currentMonth } from "~/services/clock.server";
import { engagementSteps } from "./engagement-steps.server";
import { engagementBadge, getEngagementForStaff } from "./engagements.server";
import { answersDue } from "./sharing.server";
import { latestVersionOut } from "./workflow.server";

/** Said on the server: the words stay out of the page's scripts. */
const OUT_FOR_DECISION: Record<NonNullable<OutForDecision>, { before: string; after: string }> = {
  with_partner: {
    before:
      "The latest proposal version is with the partner for review. Changes made here do not alter that version; they go into the next one, which you create on the",
    after: "step.",
  },
  with_leadership: {
    before:
      "The latest proposal version is with leadership for approval. Changes made here do not alter that version; they go into the next one, which you create on the",
    after: "step.",
  },
  approved: {
    before: "Leadership has approved the proposal. Changes made here do not alter the approved version; they go into a new one, made on the",
    after: "step, which leadership would need to approve again before it replaced the approved one.",
  },
};

function outWords(out: OutForDecision) {
  return out ? { kind: out, ...OUT_FOR_DECISION[out] } : null;
}

/**
 * The frame every engagement page shares: title, partner, stage and the stepper. Read here rather than in
 * the route module, so the layout's script imports one server module (docs/decisions/0040).
 */
export function engagementFrame(actor: Actor, id: number) {
  const e = getEngagementForStaff(actor, id);
  return {
    engagement: { id: e.id, title: e.title, stage: e.stage, organisationName: e.organisation.name, canEdit: e.canEdit },
    // Where it stands, as the list and the review page say it: the stage, or the partner's acceptance and what remains.
    badge: engagementBadge(id),
    out: outWords(latestVersionOut(id, e.stage)),
    // The partner's answer past the day asked for it (docs/domain.md §9.16), said on every page of the engagement.
    overdue: ((due) => (due?.overdue ? due.words : null))(answersDue([id], currentDay()).get(id)),
    ...engagementSteps(id, currentMonth()),
  };
}
