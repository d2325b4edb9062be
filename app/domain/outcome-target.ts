import { listLabels, type DriverDiagram } from "./driver-diagram";
import { mentionsNumber } from "./driver-diagram-lint";

/**
 * The outcome measure an aim is about has the aim's own target, word for word, so that the partner
 * reads one figure for both (docs/domain.md §6.5). An aim that does not say how much gives it none:
 * a measure's target is a figure to reach, and the checker already asks for the aim's.
 */
export function outcomeTargetOfAim(aimTarget: string): string {
  return mentionsNumber(aimTarget) ? aimTarget : "";
}

/**
 * After the aim's target changed from `before`, each outcome measure whose target is still the one
 * the aim gave takes the one it gives now. Any other target was typed for the measure by hand, or
 * came from a template for another topic, and stays (docs/domain.md §6.5).
 */
export function followAimTarget(d: DriverDiagram, before: string): { diagram: DriverDiagram; followed: string[] } {
  const was = outcomeTargetOfAim(before);
  const now = outcomeTargetOfAim(d.aim.target);
  if (was === now) return { diagram: d, followed: [] };
  const follows = (m: DriverDiagram["measures"][number]) => m.kind === "outcome" && m.target === was;
  return {
    diagram: { ...d, measures: d.measures.map((m) => (follows(m) ? { ...m, target: now } : m)) },
    followed: d.measures.filter(follows).map((m) => m.name),
  };
}

/** What following the aim did, in a sentence for the flash message: "The outcome measure “Sepsis mortality” now has the aim's target." */
export function followedInWords(followed: string[], aimTarget: string): string {
  if (followed.length === 0) return "";
  const one = followed.length === 1;
  const names = `The outcome ${one ? "measure" : "measures"} ${listLabels(followed.map((label) => ({ label })))}`;
  return outcomeTargetOfAim(aimTarget)
    ? `${names} now ${one ? "has" : "have"} the aim's target.`
    : `${names} ${one ? "has" : "have"} no target now: the aim does not say how much.`;
}
