import { INTAKE_SECTIONS, type IntakeSectionKey } from "./intake";

/**
 * The partner fills in what they know (docs/domain.md §9.10): the engagement's manager opens intake
 * sections to the partner's executives; what they enter is their own draft of the section, apart from
 * the intake, until the manager takes it in or sends it back with a note. One table of steps says
 * which may happen in which state; the model and the pages read it. No schemas here.
 */

export const PARTNER_INTAKE_STATUSES = ["open", "answered", "returned", "taken"] as const;
export type PartnerIntakeStatus = (typeof PARTNER_INTAKE_STATUSES)[number];

export type PartnerIntakeStep = "open" | "answer" | "take" | "return";

/**
 * The sections that may be opened. Not "Evidence and ambition": its rows follow the priorities in the
 * intake, which the partner does not see.
 */
export const OPENABLE_SECTIONS = ["context", "needs", "scale", "capacity", "budget"] as const satisfies readonly IntakeSectionKey[];
export type OpenableSection = (typeof OPENABLE_SECTIONS)[number];

export function isOpenable(section: string): section is OpenableSection {
  return (OPENABLE_SECTIONS as readonly string[]).includes(section);
}

export function sectionLabel(section: IntakeSectionKey): string {
  return INTAKE_SECTIONS.find((s) => s.key === section)!.label;
}

/** How each state reads to our staff and to the partner. */
export const STATUS_WORDS: Record<PartnerIntakeStatus, { staff: string; partner: string; tone: "info" | "warning" | "success" | "neutral" }> = {
  open: { staff: "Open to the partner: nothing entered yet", partner: "To fill in", tone: "info" },
  answered: { staff: "Entered by the partner: to review", partner: "Sent to the partnership team", tone: "warning" },
  returned: { staff: "Sent back to the partner", partner: "Sent back to you: see the note", tone: "info" },
  taken: { staff: "Taken into the intake", partner: "Taken in by the partnership team", tone: "success" },
};

/** A section's state in the partner's list of sections: taken in, and how many of their answers were not ("Taken in by the partnership team, but for 2 answers"). */
export function partnerStatusWords(status: PartnerIntakeStatus, leftOut: number): string {
  const words = STATUS_WORDS[status].partner;
  if (status !== "taken" || !leftOut) return words;
  return `${words}, but for ${leftOut === 1 ? "1 answer" : `${leftOut.toLocaleString("en-GB")} answers`}`;
}

/** What each step makes of the section. */
const NEXT: Record<PartnerIntakeStep, PartnerIntakeStatus> = { open: "open", answer: "answered", take: "taken", return: "returned" };

/**
 * Whether a step may happen to a section in this state (null: never opened): the next state, or why
 * not, in words for the person who tried.
 */
export function partnerIntakeStep(
  status: PartnerIntakeStatus | null,
  step: PartnerIntakeStep,
  section: IntakeSectionKey
): { ok: true; next: PartnerIntakeStatus } | { ok: false; reason: string } {
  const label = sectionLabel(section);
  const refuse = (reason: string) => ({ ok: false as const, reason });
  switch (step) {
    case "open":
      if (!isOpenable(section)) return refuse(`${label} cannot be opened to the partner: its rows follow the priorities in the intake, which they do not see.`);
      // A section taken in may be opened again, to ask again; one already open stays as it is.
      if (status !== null && status !== "taken") return refuse(`${label} is already open to the partner.`);
      break;
    case "answer":
      if (status === null) return refuse(`${label} is not open to you.`);
      if (status === "taken") return refuse(`The partnership team has taken your answers to ${label} into the intake; the section is closed.`);
      break;
    case "take":
    case "return":
      if (status === null) return refuse(`${label} is not open to the partner.`);
      if (status === "open") return refuse(`The partner has not entered anything in ${label} yet.`);
      if (status === "returned") return refuse(`${label} was sent back to the partner; wait for their changes.`);
      if (status === "taken") return refuse(`The partner's answers to ${label} are already in the intake.`);
      break;
  }
  return { ok: true, next: NEXT[step] };
}
