import type { DriverDiagram, Measure } from "./driver-diagram";
import { aimTargetFor, mentionsNumber, prioritiesNamed } from "./aim-parts";
import { listOf, type Priority } from "./intake";

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

/** The target an outcome measure takes from an aim: its part of the aim's target (`aimTargetFor`), none without a figure; null when it has no part in it. */
export function outcomeTargetFor(
  aim: { target: string; statement?: string },
  m: Pick<Measure, "name" | "definition">,
  priorities: readonly Pick<Priority, "topic" | "custom">[]
): string | null {
  const part = aimTargetFor(aim, m, priorities);
  return part === null ? null : outcomeTargetOfAim(part);
}

/**
 * After the aim's target changed from the one `before` gave, each outcome measure whose target the aim gave
 * takes the one it gives now (docs/domain.md §6.5): a target that is the aim's word for word, or the
 * measure's part of it (an aim of several priorities), or states the same figures ("10% below baseline"
 * under a template's "10% lower sepsis mortality"). A measure with no target takes the aim's only where it
 * is the diagram's one outcome measure and the aim had no figure either: a blank outcome measure beside
 * others may be about something else. A measure of a priority the new aim gives no part to keeps its own,
 * as does any other target, typed for the measure by hand or from a template for another topic.
 */
export function followAimTarget(
  d: DriverDiagram,
  before: { target: string; statement?: string },
  priorities: readonly Pick<Priority, "topic" | "custom">[] = []
): { diagram: DriverDiagram; followed: string[] } {
  const outcomes = d.measures.filter((m) => m.kind === "outcome").length;
  const whole = outcomeTargetOfAim(before.target);
  // The target each measure takes now, or null where it keeps its own; worked out once per measure.
  const followed = d.measures.map((m): string | null => {
    if (m.kind !== "outcome") return null;
    const now = outcomeTargetFor(d.aim, m, priorities);
    const was = outcomeTargetFor(before, m, priorities) ?? whole;
    if (now === null || was === now) return null;
    const figures = figuresOf(was);
    const follows =
      m.target === ""
        ? was === "" && outcomes === 1
        : m.target === was || (whole !== "" && m.target === whole) || (figures !== "" && figuresOf(m.target) === figures);
    return follows ? now : null;
  });
  return {
    diagram: { ...d, measures: d.measures.map((m, i) => (followed[i] === null ? m : { ...m, target: followed[i] })) },
    followed: d.measures.filter((_, i) => followed[i] !== null).map((m) => m.name),
  };
}

/** What following the aim did, in a sentence for the flash message: "The outcome measure “Sepsis mortality” now has the aim's target." */
export function followedInWords(followed: string[], aimTarget: string, priorities: readonly Pick<Priority, "topic" | "custom">[] = []): string {
  if (followed.length === 0) return "";
  const one = followed.length === 1;
  const names = `The outcome ${one ? "measure" : "measures"} ${listOf(followed.map((label) => `“${label}”`))}`;
  // An aim of several priorities gives each measure its part ("Halve CLABSI rates").
  const part = prioritiesNamed(aimTarget, priorities).length > 1;
  return outcomeTargetOfAim(aimTarget)
    ? `${names} now ${one ? "has" : "have"} ${part ? (one ? "its part" : "their parts") : "the aim's target"}${part ? " of the aim's target" : ""}.`
    : `${names} ${one ? "has" : "have"} no target now: the aim does not say how much.`;
}
