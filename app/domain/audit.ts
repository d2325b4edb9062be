import { LEVER_LABELS } from "./lever-labels";
import { quoteCell } from "./csv";
import { formatCount } from "./plural";
import { formatDate } from "./calendar";

/** Plain-language descriptions of audit actions. */
export const AUDIT_LABELS: Record<string, string> = {
  "engagement.create": "Created the engagement",
  "engagement.update": "Changed the engagement's details",
  "engagement.import": "Imported the engagement from a bundle",
  "engagement.hand_over": "Handed the engagement over to another manager",
  "engagement.co_owner.add": "Added a co-owner",
  "engagement.co_owner.remove": "Removed a co-owner",
  "organisation.country": "Chose the partner organisation's country",
  "organisation.profile": "Changed the partner organisation's name or profile",
  "partner.invite": "Invited an executive of the partner by mail",
  "partner.invite_again": "Sent a partner executive's invitation again",
  "intake.update": "Saved an intake section",
  "intake.partner.open": "Opened an intake section to the partner",
  "intake.partner.answer": "The partner entered answers to an intake section",
  "intake.partner.take": "Took the partner's answers into the intake",
  "intake.partner.return": "Sent the partner's answers back, with a note",
  "method.accept": "Accepted the method recommendation",
  "method.override": "Chose another method, with a justification",
  "diagram.edit": "Edited the driver diagram",
  "timeline.generate": "Generated the timeline",
  "timeline.regenerate": "Regenerated the timeline",
  "timeline.move": "Moved a timeline item",
  "timeline.rename": "Renamed a timeline item",
  "timeline.add_item": "Added a timeline item",
  "timeline.delete_item": "Deleted a timeline item",
  "timeline.add_dependency": "Made a timeline item come after another",
  "timeline.add_stream": "Added a timeline stream",
  "timeline.rename_stream": "Renamed a timeline stream",
  "timeline.delete_stream": "Deleted a timeline stream",
  "timeline.keep": "Kept the timeline for the partner's new time",
  "timeline.overrun_agreed": "Recorded the partner's agreement to the plan running past their time",
  "timeline.overrun_agreement_withdrawn": "Withdrew the record of the partner's agreement to the overrun",
  "proposal.version.create": "Created a proposal version",
  "proposal.share": "Shared a version with the partner",
  "proposal.answer_by": "Changed the day the partner is asked to answer by",
  "proposal.download": "Downloaded a version",
  "proposal.accept": "The partner accepted a version",
  "proposal.request_changes": "The partner asked for changes",
  "pricing.lever": "Applied a lever to the proposal's fee",
  "pricing.levers.clear": "Took the levers off the proposal's fee",
  "pricing.fee": "Set the proposal's fee by hand, with a reason",
  "pricing.fee.clear": "Went back to the fee the pricing rules give",
  "pricing.rate": "Recorded the exchange rate the fee is set against the partner's budget through",
  "pricing.rate.clear": "Cleared the exchange rate for the partner's budget",
  "option.add": "Added an option to the proposal",
  "option.edit": "Changed an option of the proposal",
  "option.remove": "Removed an option from the proposal",
  "option.lever": "Applied a lever to an option",
  "option.levers.clear": "Took the levers off an option",
  "comment.add": "Commented",
  "comment.resolve": "Resolved a comment thread",
  "approval.submit": "Submitted a version for approval",
  "approval.approve": "Approved",
  "approval.approve_with_conditions": "Approved with conditions",
  "approval.decline": "Declined",
  "approval.withdraw": "Withdrew the approval request",
};

export function auditLabel(action: string): string {
  if (action.startsWith("driver-diagram.")) return "Edited the driver diagram";
  return AUDIT_LABELS[action] ?? action;
}

/** A lever by the name its panel gives it ("Fewer sites in the first wave"); one no longer known, as recorded. */
const leverName = (key: string) => (LEVER_LABELS as Record<string, string>)[key] ?? key.replace(/_/g, " ");

const DETAIL_KEYS = [
  "section",
  "label",
  "number",
  "format",
  "chosen",
  "summary",
  "item",
  "title",
  "name",
  "lever",
  "reason",
  "conditions",
  "outcome",
  "visibility",
  "previousOwner",
  "newOwner",
  "coOwner",
];

/** Keys read under another name: who an engagement was handed from and to, and the co-owner added or removed. */
const DETAIL_NAMES: Record<string, string> = { previousOwner: "from", newOwner: "to", coOwner: "co-owner" };

/**
 * What the audit trail shows of an entry's details, "key: value" apart: the keys a reader can follow,
 * a lever by its panel's name ("lever: Fewer sites in the first wave"), and a fee or a partner's name that
 * changed as before and after.
 */
export function auditDetails(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of DETAIL_KEYS) {
    const v = detail[key];
    if (typeof v === "string" || typeof v === "number") if (String(v)) parts.push(`${DETAIL_NAMES[key] ?? key}: ${key === "lever" ? leverName(String(v)) : v}`);
  }
  // The day the partner was asked to answer by (docs/domain.md §9.16): as shared, or as it was and as it is now.
  const { answerBy, answerByBefore } = detail;
  if (typeof answerBy === "string")
    parts.push(`answer by: ${typeof answerByBefore === "string" ? `${formatDate(answerByBefore)} → ` : ""}${formatDate(answerBy)}`);
  const { feeBefore, feeAfter } = detail;
  if (typeof feeBefore === "number" && typeof feeAfter === "number") parts.push(`fee: ${formatCount(feeBefore)} → ${formatCount(feeAfter)}`);
  // A partner's record changed (its name corrected, its counts), each as it was and as it is now.
  const { from, to } = detail as { from?: Record<string, unknown>; to?: Record<string, unknown> };
  if (typeof from?.name === "string" && typeof to?.name === "string" && from.name !== to.name) parts.push(`name: ${from.name} → ${to.name}`);
  const count = (v: unknown) => (typeof v === "number" ? formatCount(v) : "not known");
  for (const key of ["sites", "population"])
    if (from && to && key in from && key in to && from[key] !== to[key]) parts.push(`${key}: ${count(from[key])} → ${count(to[key])}`);
  return parts.join(" · ");
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map((v) => quoteCell(v === null || v === undefined ? "" : String(v))).join(",")).join("\r\n") + "\r\n";
}
