import type { DriverDiagram } from "./driver-diagram";
import { mentionsNumber } from "./driver-diagram-lint";
import { listOf } from "./intake";

/**
 * The outcome measure an aim is about has the aim's own target, word for word, so that the partner
 * reads one figure for both (docs/domain.md §6.5). An aim that does not say how much gives it none:
 * a measure's target is a figure to reach, and the checker already asks for the aim's.
 */
export function outcomeTargetOfAim(aimTarget: string): string {
  return mentionsNumber(aimTarget) ? aimTarget : "";
}

/** The figures a target states, in order ("10% lower …" → "10"; "below 2 per 1,000" → "2|1000"); empty when it states none in digits. */
function figuresOf(target: string): string {
  return (target.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, "")).join("|");
}

/**
 * After the aim's target changed from `before`, each outcome measure whose target the aim gave takes the
 * one it gives now (docs/domain.md §6.5): a target that is the aim's word for word, or states the same
 * figures ("10% below baseline" under a template's "10% lower sepsis mortality"). A measure with no
 * target takes the aim's only where it is the diagram's one outcome measure and the aim had no figure
 * either: a blank outcome measure beside others may be about something else. Any other target was typed
 * for the measure by hand, or came from a template for another topic, and stays.
 */
export function followAimTarget(d: DriverDiagram, before: string): { diagram: DriverDiagram; followed: string[] } {
  const was = outcomeTargetOfAim(before);
  const now = outcomeTargetOfAim(d.aim.target);
  if (was === now) return { diagram: d, followed: [] };
  const outcomes = d.measures.filter((m) => m.kind === "outcome").length;
  const figures = figuresOf(was);
  const follows = (m: DriverDiagram["measures"][number]) =>
    m.kind === "outcome" && (m.target === "" ? was === "" && outcomes === 1 : m.target === was || (figures !== "" && figuresOf(m.target) === figures));
  return {
    diagram: { ...d, measures: d.measures.map((m) => (follows(m) ? { ...m, target: now } : m)) },
    followed: d.measures.filter(follows).map((m) => m.name),
  };
}

/** What following the aim did, in a sentence for the flash message: "The outcome measure “Sepsis mortality” now has the aim's target." */
export function followedInWords(followed: string[], aimTarget: string): string {
  if (followed.length === 0) return "";
  const one = followed.length === 1;
  const names = `The outcome ${one ? "measure" : "measures"} ${listOf(followed.map((label) => `“${label}”`))}`;
  return outcomeTargetOfAim(aimTarget)
    ? `${names} now ${one ? "has" : "have"} the aim's target.`
    : `${names} ${one ? "has" : "have"} no target now: the aim does not say how much.`;
}
