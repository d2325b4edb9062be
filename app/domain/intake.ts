import { afterTodayWords, beforeTodayWords, formatDate, formatMonth, isIsoDate, isMonth } from "./calendar";
import type { PartnerKind } from "./partner-kinds";
import { baselineTooEarlyWords, tooFarAheadWords } from "./plausible-dates";

/**
 * The intake: what we learn about a prospective partner before choosing a method — its vocabulary
 * (priority topics, answers), the shape of the saved answers, its sections and how a priority is
 * named. The form's schemas are in `intake-schema.ts`, the words shown in `intake-labels.ts`, and how
 * complete an intake is in `intake-completeness.ts`. No schemas here, so a page may show these.
 */

// Answers and their labels

/**
 * The priority topics a partner chooses from, grouped by area. Each has a driver-diagram template in
 * docs-templates/driver-diagrams/ (the template's file name is the key with hyphens). Keys are stored
 * in saved intakes and bundles: add new ones, never rename or remove one.
 */
export const PRIORITY_TOPICS = [
  // Healthcare-associated infection
  { key: "vap", label: "Ventilator-associated pneumonia (VAP)", short: "VAP" },
  { key: "clabsi", label: "Central line–associated bloodstream infection (CLABSI)", short: "CLABSI" },
  { key: "cauti", label: "Catheter-associated urinary tract infection (CAUTI)", short: "CAUTI" },
  { key: "ssi", label: "Surgical site infection (SSI)", short: "surgical site infection" },
  { key: "c_difficile", label: "C. difficile infection", short: "C. difficile" },
  { key: "hand_hygiene", label: "Hand hygiene", short: "hand hygiene" },
  // Recognising and treating acute illness
  { key: "sepsis", label: "Sepsis", short: "sepsis" },
  { key: "deteriorating_patient", label: "Deteriorating patient and rapid response", short: "the deteriorating patient" },
  { key: "ami", label: "Heart attack care (acute myocardial infarction)", short: "heart attack care" },
  { key: "heart_failure", label: "Heart failure readmissions", short: "heart failure" },
  // Medicines
  { key: "medication_reconciliation", label: "Adverse drug events and medication reconciliation", short: "medication safety" },
  { key: "high_alert_medications", label: "High-alert medications", short: "high-alert medications" },
  // Harm in hospital
  { key: "falls", label: "Falls", short: "falls" },
  { key: "pressure_ulcers", label: "Pressure injuries (pressure ulcers)", short: "pressure ulcers" },
  { key: "vte", label: "Venous thromboembolism (VTE)", short: "VTE" },
  { key: "perinatal_safety", label: "Perinatal safety (maternity and newborn)", short: "perinatal safety" },
  // Transitions, flow and access
  { key: "readmissions", label: "Avoidable readmissions", short: "readmissions" },
  { key: "access_flow", label: "Emergency department and hospital flow", short: "patient flow" },
  { key: "primary_care_access", label: "Primary-care access", short: "primary-care access" },
  // People and leadership
  { key: "patient_experience", label: "Patient and family experience", short: "patient experience" },
  { key: "joy_in_work", label: "Joy in work and staff burnout", short: "joy in work" },
  { key: "board_quality", label: "The board's role in quality", short: "the board's role in quality" },
] as const;
export type PriorityTopicKey = (typeof PRIORITY_TOPICS)[number]["key"];
export const PRIORITY_TOPIC_KEYS = PRIORITY_TOPICS.map((t) => t.key) as [PriorityTopicKey, ...PriorityTopicKey[]];
/** "other" means the partner wrote the topic in (`custom`). */
export const PRIORITY_TOPIC_CHOICES = [...PRIORITY_TOPIC_KEYS, "other"] as const;
export type PriorityTopicChoice = (typeof PRIORITY_TOPIC_CHOICES)[number];

export { PARTNER_KINDS, type PartnerKind } from "./partner-kinds";

export const GEOGRAPHY_SCOPES = ["organisation", "system", "region", "nation"] as const;
export type GeographyScope = (typeof GEOGRAPHY_SCOPES)[number];

export const IMPROVEMENT_EXPERIENCE = ["none", "some", "extensive"] as const;
export type ImprovementExperience = (typeof IMPROVEMENT_EXPERIENCE)[number];

export const YES_PARTLY_NO = ["yes", "partly", "no"] as const;
export type YesPartlyNo = (typeof YES_PARTLY_NO)[number];

export const YES_NO = ["yes", "no"] as const;
export type YesNo = (typeof YES_NO)[number];

export const YES_NO_UNSURE = ["yes", "no", "unsure"] as const;
export type YesNoUnsure = (typeof YES_NO_UNSURE)[number];

export const BELIEF_LEVELS = ["low", "moderate", "high"] as const;
export type DegreeOfBelief = (typeof BELIEF_LEVELS)[number];

export const AIM_STYLES = ["team", "bold", "system"] as const;
export type AimStyle = (typeof AIM_STYLES)[number];

export const BREADTHS = ["focused", "several"] as const;
export type Breadth = (typeof BREADTHS)[number];

export const MAX_PRIORITIES = 12;

// The shape of the saved answers

export type PartnerContext = {
  partnerKind?: PartnerKind;
  sites?: number;
  population?: number;
  geographyScope?: GeographyScope;
  improvementExperience?: ImprovementExperience;
  hasLearningSystem: boolean;
  hasImprovementTeam: boolean;
  existingWork?: string;
  previousWorkWithUs: boolean;
};

/**
 * A ranked priority: its place in `priorities` is its rank. Its id (priorityKey) is its topic's key, or
 * for a written-in topic the `id` it was given when first saved ("other:" and the text as first
 * written), so that correcting the text keeps its evidence linked.
 */
export type Priority = {
  topic: PriorityTopicChoice;
  custom?: string;
  id?: string;
  baselineMeasure?: string;
  baselineValue?: number;
  baselineDate?: string;
  baselineSource?: string;
  /**
   * YYYY-MM: where the partner has not measured it yet, the month by which its baseline will be
   * measured (in a tailored initiative's diagnostic, say), in place of a value, date and source
   * (docs/domain.md §1, Intake).
   */
  baselineDue?: string;
};

export type Needs = { problems?: string; priorities: Priority[] };

/** Evidence for one priority, linked to it by `priorityKey` so that re-ranking keeps the answers. */
export type PriorityEvidence = {
  priority: string;
  changePackage?: YesPartlyNo;
  degreeOfBelief?: DegreeOfBelief;
  brightSpots?: YesNoUnsure;
};

export type EvidenceAndAmbition = {
  priorityEvidence: PriorityEvidence[];
  aimHowMuch?: string;
  aimByWhen?: string;
  aimForWhom?: string;
  aimStyle?: AimStyle;
  breadth?: Breadth;
  wantsCapabilityBuilding?: YesNo;
  wantsPublicMobilisation?: YesNo;
};

export type ScaleAndHorizon = {
  expectedSites?: number;
  desiredStart?: string;
  longestDurationMonths?: number;
  hardDeadline?: string;
};

export type PartnerCapacity = {
  seniorSponsor?: YesPartlyNo;
  /** The partner's executive sponsor, whom the proposal addresses and whose signature block names them (docs/domain.md §9.5). */
  sponsorName?: string;
  sponsorTitle?: string;
  sponsorEmail?: string;
  projectLeads?: YesPartlyNo;
  dataLead?: YesPartlyNo;
  canReleaseTeams?: YesPartlyNo;
  willingToShare?: YesPartlyNo;
  // What a campaign needs (docs/domain.md §4.1)
  enrolmentChannel?: YesPartlyNo;
  nodePartners?: YesPartlyNo;
  dataPlatform?: YesPartlyNo;
  mentorSites?: YesPartlyNo;
  // What a tailored initiative needs (§5.1, §5.4)
  governance?: YesPartlyNo;
  capabilityPlan?: YesPartlyNo;
};

export type Budget = {
  budgetMin?: number;
  budgetMax?: number;
  currency?: string;
  budgetSecured?: YesPartlyNo;
};

export type Intake = {
  context: PartnerContext;
  needs: Needs;
  evidence: EvidenceAndAmbition;
  scale: ScaleAndHorizon;
  capacity: PartnerCapacity;
  budget: Budget;
};

import type { IntakeSectionKey } from "./intake-sections";
export { INTAKE_SECTIONS, type IntakeSectionKey } from "./intake-sections";

/** The id of a written-in topic, from its text as first written. */
export function writtenInId(custom: string | undefined): string {
  return `other:${(custom ?? "").toLowerCase().replace(/\s+/g, " ").trim()}`;
}

/** A priority's stable id: what its evidence is keyed by. */
export function priorityKey(p: Pick<Priority, "topic" | "custom" | "id">): string {
  return p.topic === "other" ? p.id ?? writtenInId(p.custom) : p.topic;
}

/**
 * The ids of the written-in priorities as a form saves them: each keeps the id it carries, so that its
 * evidence stays linked when its words are corrected, unless another row now says the words that id
 * was made from (the manager retyped the row and moved its topic to another one): the id, and the
 * evidence keyed by it, follow those words, and the retyped row is given an id from its own. Rows that
 * say the same topic are refused before this (each topic once), so the ids come out distinct.
 */
export function settleWrittenInIds<P extends Pick<Priority, "topic" | "custom" | "id">>(priorities: P[]): P[] {
  const said = new Set(priorities.filter((p) => p.topic === "other").map((p) => writtenInId(p.custom)));
  const taken = new Set<string>();
  return priorities.map((p) => {
    if (p.topic !== "other") return p;
    const own = writtenInId(p.custom);
    const kept = p.id ?? own;
    const id = (kept !== own && said.has(kept)) || taken.has(kept) ? own : kept;
    taken.add(id);
    return { ...p, id };
  });
}

/** What a written-in priority id looks like: "other:" and its text. */
export const WRITTEN_IN_ID = /^other:\S.{0,93}$/;

// Kept in plural.ts, with the other words for counts and lists, so that a page needing only these does not load the intake's topics.
export { capitalise, listOf } from "./plural";

export function priorityLabel(p: Pick<Priority, "topic" | "custom">, form: "label" | "short" = "label"): string {
  if (p.topic === "other") return p.custom ?? "Other";
  return PRIORITY_TOPICS.find((t) => t.key === p.topic)?.[form] ?? p.topic;
}

export function emptyIntake(): Intake {
  return {
    context: { hasLearningSystem: false, hasImprovementTeam: false, previousWorkWithUs: false },
    needs: { priorities: [] },
    evidence: { priorityEvidence: [] },
    scale: {},
    capacity: {},
    budget: {},
  };
}

/** The current priorities in rank order, each with its evidence answers (if any). */
export function prioritiesWithEvidence(intake: Intake) {
  const byKey = new Map(intake.evidence.priorityEvidence.map((e) => [e.priority, e]));
  return intake.needs.priorities.map((priority, index) => {
    const key = priorityKey(priority);
    return { rank: index + 1, key, label: priorityLabel(priority), short: priorityLabel(priority, "short"), priority, evidence: byKey.get(key) };
  });
}

// Demo data for the seed

export const DEMO_PARTNER = {
  name: "Northshire Health System",
  kind: "health_system",
  country: "GB",
  sites: 14,
  population: 2_100_000,
} as const;

/** Northshire Health System: 14 hospitals, VAP then CLABSI then sepsis, 12–18 months from March 2027. */
export function demoIntake(): Intake {
  return {
    context: {
      partnerKind: "health_system",
      sites: 14,
      population: 2_100_000,
      geographyScope: "system",
      improvementExperience: "some",
      hasLearningSystem: false,
      hasImprovementTeam: true,
      existingWork: "A central quality improvement team of six. Two hospitals ran ICU bundle projects in 2025; results were not sustained.",
      previousWorkWithUs: false,
    },
    needs: {
      problems:
        "Ventilator-associated pneumonia and central line infections in our ICUs are well above the national benchmark, and sepsis deaths on general wards rose last winter.",
      priorities: [
        {
          topic: "vap",
          baselineMeasure: "VAP per 1,000 ventilator days",
          baselineValue: 7.2,
          baselineDate: "2026-09-30",
          baselineSource: "ICU infection surveillance, Northshire infection prevention team",
        },
        {
          topic: "clabsi",
          baselineMeasure: "CLABSI per 1,000 central-line days",
          baselineValue: 2.9,
          baselineDate: "2026-09-30",
          baselineSource: "ICU infection surveillance, Northshire infection prevention team",
        },
        {
          topic: "sepsis",
          baselineMeasure: "In-hospital sepsis mortality (%)",
          baselineValue: 18.4,
          baselineDate: "2026-06-30",
          baselineSource: "Hospital episode statistics",
        },
      ],
    },
    evidence: {
      priorityEvidence: [
        { priority: "vap", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
        { priority: "clabsi", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
        { priority: "sepsis", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
      ],
      aimHowMuch: "Halve VAP and CLABSI rates and cut sepsis mortality by 15%",
      aimByWhen: "2028-08",
      aimForWhom: "Adult patients in Northshire's 14 hospitals",
      aimStyle: "team",
      breadth: "several",
      wantsCapabilityBuilding: "no",
      wantsPublicMobilisation: "no",
    },
    scale: { expectedSites: 14, desiredStart: "2027-03", longestDurationMonths: 18 },
    capacity: {
      seniorSponsor: "yes",
      sponsorName: "Helen Marsh",
      sponsorTitle: "Chief Executive, Northshire Health System",
      sponsorEmail: "helen.marsh@northshire.example",
      projectLeads: "yes",
      dataLead: "partly",
      canReleaseTeams: "yes",
      willingToShare: "yes",
    },
    budget: { budgetMin: 1_100_000, budgetMax: 1_500_000, currency: "USD", budgetSecured: "yes" },
  };
}

/**
 * The priorities whose baseline is dated after `today` or too long ago, each as its field's message: a baseline is a
 * measurement already made (docs/domain.md §1, Intake), so a date still to come is a typing slip. Keyed by
 * the form's field names ("priorities[0].baselineDate").
 */
export function baselinesStillToCome(needs: Pick<Needs, "priorities"> | null | undefined, today: string): Record<string, string> {
  const refused: Record<string, string> = {};
  (needs?.priorities ?? []).forEach((p, i) => {
    const after = baselineStillToCome(p.baselineDate, today);
    if (after) refused[`priorities[${i}].baselineDate`] = after;
  });
  return refused;
}

// A measure whose figure may be below 0 says so in its words (a score, an index, a change); one in per cent stays within 100.
const SIGNED_MEASURE = /\b(score|index|net|change|difference|balance)\b/i;
const PERCENT_MEASURE = /%|\bper ?cent(age)?\b/i;

/**
 * Why a baseline's figure is refused as it is saved: below 0, when its measure is a count, a rate, a
 * share or a time, as baselines are (a score or a change that can be negative says so in the measure);
 * above 100, when the measure is in per cent. Null when it can be so.
 */
export function baselineValueProblem(p: Pick<Priority, "baselineMeasure" | "baselineValue">): string | null {
  if (typeof p.baselineValue !== "number") return null;
  const measure = p.baselineMeasure?.trim() ?? "";
  if (p.baselineValue < 0 && !SIGNED_MEASURE.test(measure))
    return `The baseline value cannot be below 0: ${
      measure ? `“${measure}” is` : "a baseline is"
    } a count, a rate, a share or a time. Check the figure, or name the measure a score or a change if it can be negative.`;
  if (p.baselineValue > 100 && PERCENT_MEASURE.test(measure)) return `The baseline value cannot be above 100: “${measure}” is in per cent.`;
  return null;
}

/**
 * Why a baseline's date is refused: after today (a baseline is a measurement already made), or before
 * the earliest year a baseline may be from (baselineTooEarlyWords).
 */
export function baselineStillToCome(baselineDate: string | undefined, today: string): string | null {
  const after = baselineDate ? afterTodayWords("The baseline date", baselineDate, today) : null;
  return after ? `${after}: a baseline is a measurement already made.` : baselineTooEarlyWords(baselineDate);
}

/** The dates of each section that must still come, with why, as datesPassed refuses one that has passed; the hard deadline is told with its other problem (hardDeadlineProblems). */
const STILL_TO_COME: Partial<Record<IntakeSectionKey, { field: string; label: string; why: string }[]>> = {
  evidence: [{ field: "aimByWhen", label: "The aim's month", why: "an aim is a result still to come." }],
  scale: [
    {
      field: "desiredStart",
      label: "The desired start",
      why: "to start as soon as possible, choose this month; the plan then begins on the next working day.",
    },
  ],
};

/**
 * What a section's dates are checked against as it is saved: today, and the section as saved until
 * now, whose dates stand as they were even once passed.
 */
export type SavingDates = { today: string; saved: unknown };

const fieldOf = (values: unknown, field: string): unknown => (values as Record<string, unknown> | null | undefined)?.[field];

/**
 * Every problem with the hard deadline, in one message for its field, so that mending one never brings
 * up another: before the desired start, and, as a form saves it (`dates`), newly given and already
 * passed (docs/domain.md §1, Intake). Null when it has none, or is not a date.
 */
export function hardDeadlineProblems(scale: unknown, dates?: SavingDates): string | null {
  const deadline = fieldOf(scale, "hardDeadline");
  if (!isIsoDate(deadline)) return null;
  const farAhead = dates ? tooFarAheadWords("The hard deadline", deadline, dates.today) : null;
  if (farAhead) return `${farAhead}.`;
  const start = fieldOf(scale, "desiredStart");
  const beforeStart = isMonth(start) && deadline < `${start}-01` ? formatMonth(start) : null;
  const passed = dates && deadline !== fieldOf(dates.saved, "hardDeadline") && deadline < dates.today ? formatDate(dates.today) : null;
  if (passed && beforeStart)
    return `The hard deadline (${formatDate(
      deadline
    )}) cannot be before today, ${passed}, nor before the desired start (${beforeStart}): it is a date the work must still meet.`;
  if (passed) return `${beforeTodayWords("The hard deadline", deadline, dates!.today)}: it is a date the work must still meet.`;
  return beforeStart ? `The hard deadline (${formatDate(deadline)}) is before the desired start (${beforeStart}).` : null;
}

/**
 * A section's dates newly given that have already passed, each as its field's message: the desired
 * start or the aim's month before this month, or a hard deadline before today (with its other problem,
 * if any: hardDeadlineProblems). All are the partner's time still to come (docs/domain.md §1, Intake),
 * so a past one typed now is a slip; a desired start of this month means as soon as possible (§8.6).
 * One that passed while the engagement ran, saved again as it was (`before`), stands: the record keeps
 * what was agreed. Keyed by field name.
 */
export function datesPassed(section: IntakeSectionKey, data: unknown, before: unknown, today: string): Record<string, string> {
  const refused: Record<string, string> = {};
  for (const { field, label, why } of STILL_TO_COME[section] ?? []) {
    const value = fieldOf(data, field);
    // Decades ahead is a slip of the year whenever it was typed: nothing agreed stands on it.
    const farAhead = tooFarAheadWords(label, value, today);
    if (farAhead) {
      refused[field] = `${farAhead}.`;
      continue;
    }
    if (typeof value !== "string" || value === fieldOf(before, field)) continue;
    const passed = beforeTodayWords(label, value, today);
    if (passed) refused[field] = `${passed}: ${why}`;
  }
  if (section === "scale") {
    const problems = hardDeadlineProblems(data, { today, saved: before });
    if (problems) refused.hardDeadline = problems;
  }
  return refused;
}

/**
 * Every date of a section refused as it is saved, field by field: a baseline still to come
 * (baselinesStillToCome) and a date that must still come, newly given, that has passed (datesPassed).
 */
export function intakeDatesRefused(section: IntakeSectionKey, data: unknown, before: unknown, today: string): Record<string, string> {
  return { ...(section === "needs" ? baselinesStillToCome(data as Pick<Needs, "priorities">, today) : {}), ...datesPassed(section, data, before, today) };
}
