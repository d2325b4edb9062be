import { formatMonth } from "./calendar";
import { FIT_VERDICT_LABELS, type FitVerdict } from "./capacity";
import type { BindingDeadline, SearchWindow } from "./fit-words";
import { feasibilityWords, type Feasibility, type MethodRecommendation } from "./method-recommendation";
import { METHOD_LABELS, type Method } from "./methods";
import { VARIANT_LABELS, type MethodVariant } from "./method-variants";
import { lowerFirst } from "./text";

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
  chosen: { label: string; feasibility: Pick<Feasibility, "verdict" | "earliestStart" | "earlierStart" | "earliestTooLate" | "tooLongFromFirst"> | null },
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
  const detail = summaryDetail(f.summary);
  const when = f.earliestStart
    ? ` On that template timeline, the nearest start with room to spare is ${formatMonth(
        f.earliestStart
      )}; the earliest fully staffed start given with the resourcing is this plan's own, judged on its timeline as it stands.`
    : "";
  return `${STATE[f.verdict](
    `the ${chosen.name} chosen instead of the recommended ${recommendedName}`
  )} on its template timeline at the desired start: ${detail}.${when}`;
}

/** An assessment's summary after a sentence that has said its verdict: without the verdict it opens with ("Tight: …") or its full stop. */
function summaryDetail(summary: string): string {
  return summary.replace(VERDICT_OPENING, "").replace(/\.$/, "");
}
const VERDICT_OPENING = new RegExp(`^(${Object.values(FIT_VERDICT_LABELS).join("|")}): `);

/** What the Fit page judges of the plan: the engagement's own timeline as it stands, and its earliest fully staffed start. */
export type PlanFit = { verdict: FitVerdict; summary: string; earliestStart: string | null };

/** A small request's form of a method, named as its pages name it: "the short tailored engagement", "this site's part in the …". */
export function variantNoun(variant: MethodVariant, joinedTitle: string | null = null): string {
  if (variant === "join_open_collaborative") return `this site's part in ${joinedTitle ? `the ${joinedTitle}` : "the open collaborative it joins"}`;
  return `the ${lowerFirst(VARIANT_LABELS[variant])}`;
}

/**
 * The note on our capacity for a small request's form of a method chosen over the recommendation
 * (docs/domain.md §2.5): judged, as the Fit page judges it, on the plan's own timeline, never on the
 * full method's template, which is not what is proposed. Nothing to say when the plan fits.
 */
export function chosenPlanNote(noun: string, plan: PlanFit | null, recommendedName: string | null): string | null {
  if (!plan || plan.verdict === "fits") return null;
  const detail = summaryDetail(plan.summary);
  const when = plan.earliestStart
    ? ` Its earliest fully staffed start is ${formatMonth(plan.earliestStart)}.`
    : " No fully staffed start was found in the planning horizon.";
  // Taken as recommended (a small request's offer), it is named alone; chosen over the recommendation, it says so.
  const named = recommendedName === null ? noun : `${noun} chosen instead of the recommended ${recommendedName}`;
  return `${STATE[plan.verdict](named)} on its timeline as it stands: ${detail}.${when}`;
}

/**
 * The Method page's note on our capacity and its advice on putting the method together, for the method
 * decided on: the recommendation's own while it stands (or nothing is decided); after an override, the
 * note on the chosen method and no advice written for the one not proposed. A small request's form of
 * the method chosen is judged on its own plan (`form`), as the Fit page judges it.
 */
export function methodPageNotes(
  recommendation: Pick<MethodRecommendation, "recommended" | "ranked" | "feasibilityNote" | "composition">,
  chosen: Method | null,
  searched?: SearchWindow,
  deadline?: BindingDeadline,
  form?: { variant: MethodVariant; joinedTitle: string | null; plan: PlanFit | null; asRecommended: boolean }
): { capacity: string | null; composition: string[] } {
  if (form)
    return {
      capacity: chosenPlanNote(variantNoun(form.variant, form.joinedTitle), form.plan, form.asRecommended ? null : METHOD_LABELS[recommendation.recommended]),
      composition: [],
    };
  if (chosen === null || chosen === recommendation.recommended) return { capacity: recommendation.feasibilityNote, composition: recommendation.composition };
  const feasibility = recommendation.ranked.find((r) => r.method === chosen)?.feasibility ?? null;
  return {
    capacity: chosenFeasibilityNote({ label: METHOD_LABELS[chosen], feasibility }, METHOD_LABELS[recommendation.recommended], searched, deadline),
    composition: [],
  };
}
