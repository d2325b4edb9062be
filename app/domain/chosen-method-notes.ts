import { formatMonth } from "./calendar";
import type { FitVerdict } from "./capacity";
import type { BindingDeadline, SearchWindow } from "./fit-words";
import { feasibilityWords, type Feasibility, type MethodRecommendation } from "./method-recommendation";
import { METHOD_LABELS, type Method } from "./methods";

/*
 * What the Method page and the proposal's internal edition note about our capacity once a method is
 * decided: about the method chosen, not the one recommended. After an override the recommendation's own
 * notes (its capacity note, how it suggests putting the recommended method together) speak of a method
 * that is not being proposed; they are replaced by a note on the chosen one, naming the recommendation
 * only as what was overridden. Pure.
 */

const STATE: Record<Exclude<FitVerdict, "fits">, (noun: string) => string> = {
  tight: (noun) => `Our staff capacity for ${noun} is tight`,
  does_not_fit: (noun) => `Our staff cannot take on ${noun}`,
};

/** The Method page's note on our capacity for the chosen method, when it was chosen over the recommendation and does not fit with room to spare. */
export function chosenFeasibilityNote(
  chosen: { label: string; feasibility: Pick<Feasibility, "verdict" | "earliestStart" | "earlierStart" | "earliestTooLate"> | null },
  recommendedLabel: string,
  searched?: SearchWindow,
  deadline?: BindingDeadline
): string | null {
  const f = chosen.feasibility;
  if (!f || f.verdict === "fits") return null;
  return `${STATE[f.verdict](`the ${chosen.label} chosen instead of the recommended ${recommendedLabel}`)} ${feasibilityWords(f, searched, deadline)}`;
}

/**
 * The internal edition's note on our capacity for the chosen method after an override, from what the
 * version recorded of it: judged, like every method's, on the method's template timeline at the desired
 * start. The briefing also gives the plan's own earliest fully staffed start (docs/domain.md §8.3), a
 * different search, so the note says which its month is.
 */
export function chosenFeasibilityBriefing(
  chosen: { name: string; feasibility: { verdict: FitVerdict; earliestStart: string | null; summary: string } | null },
  recommendedName: string
): string | null {
  const f = chosen.feasibility;
  if (!f || f.verdict === "fits") return null;
  // The summary opens with the verdict the sentence has just said ("Tight: …").
  const detail = f.summary.replace(/^(Fits|Tight|Does not fit): /, "").replace(/\.$/, "");
  const when = f.earliestStart
    ? ` On that template timeline, the nearest start with room to spare is ${formatMonth(
        f.earliestStart
      )}; the earliest fully staffed start given with the resourcing is this plan's own, judged on its timeline as it stands.`
    : "";
  return `${STATE[f.verdict](
    `the ${chosen.name} chosen instead of the recommended ${recommendedName}`
  )} on its template timeline at the desired start: ${detail}.${when}`;
}

/**
 * The Method page's note on our capacity and its advice on putting the method together, for the method
 * decided on: the recommendation's own while it stands (or nothing is decided); after an override, the
 * note on the chosen method and no advice written for the one not proposed.
 */
export function methodPageNotes(
  recommendation: Pick<MethodRecommendation, "recommended" | "ranked" | "feasibilityNote" | "composition">,
  chosen: Method | null,
  searched?: SearchWindow,
  deadline?: BindingDeadline
): { capacity: string | null; composition: string[] } {
  if (chosen === null || chosen === recommendation.recommended) return { capacity: recommendation.feasibilityNote, composition: recommendation.composition };
  const feasibility = recommendation.ranked.find((r) => r.method === chosen)?.feasibility ?? null;
  return {
    capacity: chosenFeasibilityNote({ label: METHOD_LABELS[chosen], feasibility }, METHOD_LABELS[recommendation.recommended], searched, deadline),
    composition: [],
  };
}
