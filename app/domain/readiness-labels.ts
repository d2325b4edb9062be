/*
 * Readiness verdicts and statuses as pages name them (docs/domain.md §7). Kept apart from
 * readiness.ts, which reads the readiness templates with zod, so that a page showing a verdict does
 * not bring zod to the browser.
 */

export type ReadinessStatus = "met" | "partly" | "not_met" | "unknown";
export type ReadinessVerdict = "ready" | "ready_with_conditions" | "not_ready";

export const READINESS_VERDICT_LABELS: Record<ReadinessVerdict, string> = {
  ready: "Ready",
  ready_with_conditions: "Ready with conditions",
  not_ready: "Not ready",
};

export const READINESS_STATUS_LABELS: Record<ReadinessStatus, string> = {
  met: "Met",
  partly: "Partly met",
  not_met: "Not met",
  unknown: "Not known yet",
};
