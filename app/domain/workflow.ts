/**
 * The engagement's workflow: its stages, who may move it from one to the next, and the approval
 * gate on resourcing. Pure; the models apply a transition as a conditional update on stage and
 * version, with its audit row, in one transaction.
 */
export const STAGES = ["draft", "shared", "changes_requested", "awaiting_approval", "approved", "declined"] as const;
export type Stage = (typeof STAGES)[number];

/** Stages of an engagement still being decided: not yet approved or declined. */
export const OPEN_STAGES: readonly Stage[] = ["draft", "shared", "changes_requested", "awaiting_approval"];

export const STAGE_LABELS: Record<Stage, string> = {
  draft: "Draft",
  shared: "Shared with partner",
  changes_requested: "Changes requested",
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  declined: "Declined",
};

/** Partners see their own wording, never the internal stage names. */
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

/**
 * What the partner's executives read as the status. Accepting a version does not move the stage (the
 * manager submits it next), so a shared version that one of the organisation's executives accepted
 * reads as accepted, not as waiting for their review; it is not yet agreed (leadership approves next).
 */
export function partnerStatus(stage: Stage, acceptedLatest: boolean): { label: string; tone: (typeof STAGE_TONES)[Stage] } {
  if (stage === "shared" && acceptedLatest) return { label: "Accepted by your organisation", tone: "info" };
  return { label: PARTNER_STAGE_LABELS[stage], tone: STAGE_TONES[stage] };
}

export type Transition = "share" | "accept" | "request_changes" | "submit" | "approve" | "decline" | "withdraw" | "new_version";

const FROM: Record<Transition, readonly Stage[]> = {
  share: ["draft", "shared", "changes_requested", "approved", "declined"],
  accept: ["shared"],
  request_changes: ["shared"],
  submit: ["draft", "shared", "changes_requested", "approved", "declined"],
  approve: ["awaiting_approval"],
  decline: ["awaiting_approval"],
  withdraw: ["awaiting_approval"],
  new_version: STAGES,
};

const TO: Record<Transition, Stage | null> = {
  share: "shared",
  accept: null,
  request_changes: "changes_requested",
  submit: "awaiting_approval",
  approve: "approved",
  decline: "declined",
  withdraw: "draft",
  new_version: null,
};

export type TransitionResult = { ok: true; to: Stage } | { ok: false; message: string };

/** Where a transition takes the engagement from its current stage, or why it cannot happen. */
export function transition(from: Stage, t: Transition): TransitionResult {
  if (!FROM[t].includes(from)) {
    const why: Record<Transition, string> = {
      share: "A version cannot be shared while it awaits leadership approval.",
      accept: "Only a proposal shared for review can be accepted.",
      request_changes: "Changes can be requested only on a proposal shared for review.",
      submit: "This engagement is already awaiting approval.",
      approve: "Only a proposal awaiting approval can be approved.",
      decline: "Only a proposal awaiting approval can be declined.",
      withdraw: "Only a proposal awaiting approval can be withdrawn.",
      new_version: "",
    };
    return { ok: false, message: why[t] };
  }
  return { ok: true, to: TO[t] ?? from };
}

/* ------------------------------------------------------------------------------------------------
 * The approval gate
 * ---------------------------------------------------------------------------------------------- */

export type ApprovalThresholds = { fteMonths: number; facultyDays: number; secondLeaderOnShortfall: boolean };

export type Resourcing = { fteMonths: number; facultyDays: number; shortfalls: string[] };

export type Gate = {
  requiredApprovals: 1 | 2;
  /** The approving leader must say they accept the capacity conflict. */
  conflictAcknowledgementRequired: boolean;
  reasons: string[];
};

/**
 * Approval is gated on resourcing, not only money: above the FTE-month or faculty-day thresholds it
 * takes a second leader; a capacity shortfall must be acknowledged explicitly (or, if configured,
 * also takes a second leader).
 */
export function approvalGate(r: Resourcing, t: ApprovalThresholds): Gate {
  const reasons: string[] = [];
  let second = false;
  if (r.fteMonths > t.fteMonths) {
    reasons.push(`It commits ${r.fteMonths} FTE-months of our staff, above the ${t.fteMonths} that one leader may approve.`);
    second = true;
  }
  if (r.facultyDays > t.facultyDays) {
    reasons.push(`It commits ${r.facultyDays} faculty days, above the ${t.facultyDays} that one leader may approve.`);
    second = true;
  }
  const conflict = r.shortfalls.length > 0;
  if (conflict) {
    reasons.push(`It would leave us short: ${r.shortfalls.slice(0, 3).join("; ")}${r.shortfalls.length > 3 ? `; and ${r.shortfalls.length - 3} more` : ""}.`);
    if (t.secondLeaderOnShortfall) second = true;
  }
  return { requiredApprovals: second ? 2 : 1, conflictAcknowledgementRequired: conflict, reasons };
}

export type LeaderDecision = { leaderId: number; decision: "approve" | "approve_with_conditions" | "decline"; acknowledgedConflict: boolean };

export type Outcome = { status: "pending"; approvalsSoFar: number; stillNeeded: number } | { status: "approved" | "approved_with_conditions" | "declined" };

/** Where a request stands after its leaders' decisions: one decline ends it; enough approvals approve it. */
export function requestOutcome(gate: Pick<Gate, "requiredApprovals">, decisions: LeaderDecision[]): Outcome {
  if (decisions.some((d) => d.decision === "decline")) return { status: "declined" };
  const approvals = decisions.filter((d) => d.decision !== "decline");
  if (approvals.length >= gate.requiredApprovals) {
    return { status: approvals.some((d) => d.decision === "approve_with_conditions") ? "approved_with_conditions" : "approved" };
  }
  return { status: "pending", approvalsSoFar: approvals.length, stillNeeded: gate.requiredApprovals - approvals.length };
}

/** Where the Review step stands for an engagement at this stage. */
export function reviewStepStatus(stage: Stage): "not_started" | "in_progress" | "complete" | "stale" {
  if (stage === "draft") return "not_started";
  if (stage === "approved") return "complete";
  if (stage === "declined") return "stale";
  return "in_progress";
}

/** Where the latest version is, when someone outside the team is deciding on it. */
export type OutForDecision = "with_partner" | "with_leadership" | null;

/**
 * Whether the latest version is out for a decision: shared and not yet answered by the partner, or
 * the version a pending approval request is about. Accepting or making a newer version does not
 * change the stage, so the stage alone cannot say.
 */
export function outForDecision(facts: {
  stage: Stage;
  latest: number | null;
  latestShared: number | null;
  latestAnswered: boolean;
  pendingRequestFor: number | null;
}): OutForDecision {
  if (facts.latest === null) return null;
  if (facts.stage === "awaiting_approval" && facts.pendingRequestFor === facts.latest) return "with_leadership";
  if (facts.stage === "shared" && facts.latestShared === facts.latest && !facts.latestAnswered) return "with_partner";
  return null;
}

/** A partner may answer only the latest shared version, once, while the engagement is shared with them. */
export function partnerMayAnswer(facts: { stage: Stage; viewing: number; latestShared: number; answered: boolean }): boolean {
  return facts.stage === "shared" && facts.viewing === facts.latestShared && !facts.answered;
}
