/**
 * The engagement's workflow state. Partners see their own wording, never the internal stage names.
 */
export const STAGES = ["draft", "shared", "changes_requested", "awaiting_approval", "approved", "declined"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  draft: "Draft",
  shared: "Shared with partner",
  changes_requested: "Changes requested",
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  declined: "Declined",
};

export const PARTNER_STAGE_LABELS: Record<Stage, string> = {
  draft: "In preparation",
  shared: "For your review",
  changes_requested: "Being revised",
  awaiting_approval: "In review",
  approved: "Agreed",
  declined: "Closed",
};

/** Tone of the status badge; the label always carries the meaning too. */
export const STAGE_TONES: Record<Stage, "neutral" | "info" | "warning" | "success" | "danger"> = {
  draft: "neutral",
  shared: "info",
  changes_requested: "warning",
  awaiting_approval: "info",
  approved: "success",
  declined: "danger",
};
