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

/**
 * Each step's status, and the words the step bar shows for it: the status's own, unless `words` says
 * where the step stands more exactly (the Review step's "Request withdrawn", say).
 */
export function stepStatuses(
  facts: StepFacts,
  words: Partial<Record<StepKey, string>> = {}
): { key: StepKey; label: string; status: StepStatus; words: string }[] {
  return STEPS.map((s) => {
    const status = facts[s.key] ?? "not_started";
    return { key: s.key, label: s.label, status, words: words[s.key] ?? STEP_STATUS_LABELS[status] };
  });
}

/**
 * The Timeline step: it needs review when what it rests on has changed, and also when the plan runs
 * past the partner's time as it stands (docs/domain.md §8.6), in words that name the limit it breaks
 * (`overrun`, from overrunStepWords), unless the partner agreed to it (`agreed`). Only the stepper
 * reads the second: elsewhere "needs review" means that what a step rests on has changed.
 */
export function timelineStep(stale: boolean, overrun: string | null, agreed = false): { status: StepStatus; words?: string } {
  if (stale) return { status: "stale" };
  // The partner agreed to the plan running past their time this far (agreementCovers): nothing is left to do about it.
  if (overrun && agreed) return { status: "complete", words: "Overrun agreed" };
  return overrun ? { status: "stale", words: overrun } : { status: "complete" };
}
