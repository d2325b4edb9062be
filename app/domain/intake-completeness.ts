import { FIELD_LABELS } from "./intake-labels";
import { type Intake, INTAKE_SECTIONS, type IntakeSectionKey, prioritiesWithEvidence } from "./intake";

/** How complete an intake is: section by section, the answers that count and those still missing. */

const L = FIELD_LABELS;
type PriorityField = "baselineMeasure" | "baselineValue" | "baselineDate" | "baselineSource" | "baselineDue";
type EvidenceField = "changePackage" | "degreeOfBelief" | "brightSpots";

export type SectionCompleteness = {
  key: IntakeSectionKey;
  label: string;
  complete: boolean;
  answered: number;
  total: number;
  /** Human labels of what is still unanswered, in form order. */
  missing: string[];
  /** The flat field names of the same, in the same order: the form can link to them. */
  missingFields: string[];
};

export type IntakeCompleteness = {
  sections: Record<IntakeSectionKey, SectionCompleteness>;
  percent: number;
  complete: boolean;
};

export function intakeCompleteness(intake: Intake): IntakeCompleteness {
  const ranked = prioritiesWithEvidence(intake);
  // What each priority asks for (its baseline, its evidence) is counted before any priority is chosen,
  // as the first priority's: choosing one does not make the section seem to have more left to answer.
  const each: { rank: number; named: string; priority?: Partial<Record<PriorityField, unknown>>; evidence?: Partial<Record<EvidenceField, unknown>> }[] =
    ranked.length === 0
      ? [{ rank: 1, named: "The first priority" }]
      : ranked.map(({ rank, short, priority, evidence }) => ({ rank, named: `Priority ${rank} (${short})`, priority, evidence }));
  const required: Record<IntakeSectionKey, { name: string; label: string; answered: boolean }[]> = {
    context: (["partnerKind", "sites", "population", "geographyScope", "improvementExperience"] as const).map((k) => ({
      name: k,
      label: L[k],
      answered: intake.context[k] !== undefined,
    })),
    needs: [
      { name: "problems", label: L.problems, answered: intake.needs.problems !== undefined },
      ...(ranked.length === 0 ? [{ name: "priorities[0].topic", label: "At least one priority topic", answered: false }] : []),
      ...each.flatMap(({ rank, named, priority }) =>
        (["baselineMeasure", "baselineValue", "baselineDate", "baselineSource"] as const).map((k) => ({
          name: `priorities[${rank - 1}].${k}`,
          label: `${named}: ${L[k].toLowerCase()}`,
          // A baseline still to be measured answers its value, date and source by the month it is due.
          answered: priority?.[k] !== undefined || (k !== "baselineMeasure" && priority?.baselineDue !== undefined),
        }))
      ),
    ],
    evidence: [
      ...each.flatMap(({ rank, named, evidence }) =>
        (["changePackage", "degreeOfBelief", "brightSpots"] as const).map((k) => ({
          name: `priorityEvidence[${rank - 1}].${k}`,
          label: `${named}: ${L[k].toLowerCase()}`,
          answered: evidence?.[k] !== undefined,
        }))
      ),
      ...(["aimHowMuch", "aimByWhen", "aimForWhom", "aimStyle", "breadth", "wantsCapabilityBuilding", "wantsPublicMobilisation"] as const).map((k) => ({
        name: k,
        label: L[k],
        answered: intake.evidence[k] !== undefined,
      })),
    ],
    scale: (["expectedSites", "desiredStart", "longestDurationMonths"] as const).map((k) => ({
      name: k,
      label: L[k],
      answered: intake.scale[k] !== undefined,
    })),
    capacity: (["seniorSponsor", "projectLeads", "dataLead", "canReleaseTeams", "willingToShare"] as const).map((k) => ({
      name: k,
      label: L[k],
      answered: intake.capacity[k] !== undefined,
    })),
    budget: (["budgetMin", "budgetMax", "currency", "budgetSecured"] as const).map((k) => ({
      name: k,
      label: L[k],
      answered: intake.budget[k] !== undefined,
    })),
  };
  let answered = 0;
  let total = 0;
  const sections = Object.fromEntries(
    INTAKE_SECTIONS.map(({ key, label }) => {
      const items = required[key];
      const missing = items.filter((i) => !i.answered);
      answered += items.length - missing.length;
      total += items.length;
      const section: SectionCompleteness = {
        key,
        label,
        complete: missing.length === 0,
        answered: items.length - missing.length,
        total: items.length,
        missing: missing.map((i) => i.label),
        missingFields: missing.map((i) => i.name),
      };
      return [key, section];
    })
  ) as Record<IntakeSectionKey, SectionCompleteness>;
  return { sections, percent: Math.floor((100 * answered) / total), complete: answered === total };
}
