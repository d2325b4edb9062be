import { AIM_NO_DATE } from "./driver-diagram-lint";
import { INTAKE_SECTIONS, type IntakeSectionKey } from "./intake-sections";
import { missingPartWords } from "./proposal-content";

/**
 * Where a part the proposal still needs is completed (docs/domain.md §9.1): the page, and on the intake
 * the section (and the field, where one answers it). Never the Proposal page for what the engagement's
 * own steps hold: the proposal only says what they say.
 */
export type CompletedIn =
  | { page: "intake"; section: IntakeSectionKey; field?: string }
  | { page: "engagement" | "method" | "driver-diagram" | "timeline" }
  | { page: "proposal"; at: "options" };

const intake = (section: IntakeSectionKey, field?: string): CompletedIn => ({ page: "intake", section, ...(field ? { field } : {}) });
const METHOD: CompletedIn = { page: "method" };
const TIMELINE: CompletedIn = { page: "timeline" };
const DRIVER_DIAGRAM: CompletedIn = { page: "driver-diagram" };

/**
 * Each part a proposal can lack, in the words the proposal gives it (`buildProposal`), and where it is
 * completed. Versions keep these words as they were frozen, so a part is found by them.
 */
const COMPLETED_IN = {
  // The summary's opening sentence: the aim (the intake's, or the driver diagram's), the method, and the plan's sites and months.
  "The aim, the method, the scale and the duration": [intake("evidence", "aimHowMuch"), METHOD, TIMELINE],
  "The resourcing, from the timeline": [TIMELINE],
  "The option the staff figures are for": [{ page: "proposal", at: "options" }],
  "The estimated fee": [TIMELINE],
  "The estimated fee, from the timeline": [TIMELINE],
  // The partner organisation's record, edited on the engagement's page; the intake's partner context gives its counts too.
  "The partner's profile": [{ page: "engagement" }, intake("context", "population")],
  "The problems in the partner's words": [intake("needs", "problems")],
  "The partner's ranked priorities": [intake("needs")],
  "Baseline data for every priority": [intake("needs")],
  "The aim: how much, by when, for whom": [intake("evidence", "aimHowMuch")],
  "The method: choose it on the Method step": [METHOD],
  "The method": [METHOD],
  "The open collaborative the partner joins": [METHOD],
  "Governance follows from the chosen method": [METHOD],
  "Capability building follows from the chosen method": [METHOD],
  "What the work asks of the partner, from the chosen method": [METHOD],
  "The driver diagram": [DRIVER_DIAGRAM],
  "The family of measures: outcome, process and balancing": [DRIVER_DIAGRAM],
  "At least one balancing measure": [DRIVER_DIAGRAM],
  "The timeline, generated from the chosen method": [TIMELINE],
  "Our staff by role and month, from the timeline": [TIMELINE],
  "The partner's executive sponsor: name and title": [intake("capacity", "sponsorName")],
  "The partner's budget": [intake("budget", "budgetMin")],
  "The partner's budget range and currency": [intake("budget", "budgetMin")],
} satisfies Record<string, CompletedIn[]>;

/** A part the proposal can lack, as it words it; the driver diagram's own checks of the aim are worded by the checker. */
export type MissingItem = keyof typeof COMPLETED_IN;

/**
 * The driver diagram checker's findings on the aim that the intake answers first. The aim's date is the
 * intake's "Aim: by when", which every plan is built to meet; the diagram's aim then takes it in one
 * step (docs/domain.md §6.6).
 */
const FINDINGS_COMPLETED_IN: Record<string, CompletedIn[]> = {
  [AIM_NO_DATE]: [intake("evidence", "aimByWhen"), DRIVER_DIAGRAM],
};

/**
 * Where a missing part is completed. A part not among those the proposal words itself is one of the
 * driver diagram checker's findings on the aim (docs/domain.md §6.4), completed on the driver diagram,
 * and for its date on the intake first.
 */
export function whereCompleted(part: { item: string }): CompletedIn[] {
  if (Object.hasOwn(COMPLETED_IN, part.item)) return COMPLETED_IN[part.item as MissingItem];
  return Object.hasOwn(FINDINGS_COMPLETED_IN, part.item) ? FINDINGS_COMPLETED_IN[part.item]! : [DRIVER_DIAGRAM];
}

const PAGE_WORDS = { engagement: "Engagement › Partner", method: "Method", "driver-diagram": "Driver diagram", timeline: "Timeline" } as const;

/** A place as a link: its address in the engagement and its words ("Intake › Needs and priorities"). */
export function completedInLink(engagementId: number, place: CompletedIn): { to: string; words: string } {
  const base = `/engagements/${engagementId}`;
  switch (place.page) {
    case "intake":
      return {
        to: `${base}/intake?section=${place.section}${place.field ? `#${place.field}` : ""}`,
        words: `Intake › ${INTAKE_SECTIONS.find((s) => s.key === place.section)!.label}`,
      };
    case "proposal":
      return { to: `${base}/proposal#options-heading`, words: "Proposal › Options" };
    case "engagement":
      return { to: `${base}#partner-heading`, words: PAGE_WORDS.engagement };
    default:
      return { to: `${base}/${place.page}`, words: PAGE_WORDS[place.page] };
  }
}

/** A version's missing part as the pages list it: "Priorities: Baseline data for every priority", with where each is completed. */
export function missingPartView(engagementId: number, part: { section: string; item: string }): { words: string; completeIn: { to: string; words: string }[] } {
  return { words: missingPartWords(part), completeIn: whereCompleted(part).map((p) => completedInLink(engagementId, p)) };
}
