/** The flow a partnership manager takes an engagement through. */
export const STEPS = [
  { key: "intake", label: "Intake" },
  { key: "fit", label: "Fit" },
  { key: "method", label: "Method" },
  { key: "driver-diagram", label: "Driver diagram" },
  { key: "timeline", label: "Timeline" },
  { key: "proposal", label: "Proposal" },
  { key: "review", label: "Review" },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];
export type StepStatus = "not_started" | "in_progress" | "complete" | "stale";

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  complete: "Complete",
  stale: "Needs review",
};

/** What is known of each step's progress; later steps report theirs as they arrive. */
export type StepFacts = Partial<Record<StepKey, StepStatus>>;

export function stepStatuses(facts: StepFacts): { key: StepKey; label: string; status: StepStatus }[] {
  return STEPS.map((s) => ({ key: s.key, label: s.label, status: facts[s.key] ?? "not_started" }));
}
