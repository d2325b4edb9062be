import { FIELD_LIST, sectionFieldNames } from "~/domain/intake-form";
import type { Intake, IntakeSectionKey } from "~/domain/intake";

/**
 * A section's form as the page posts it: the answers, and the list of the fields the form showed
 * (as many rows as the answers use; the needs form always shows at least one).
 */
export function intakeForm(section: IntakeSectionKey, form: Record<string, string>): Record<string, string> {
  const rowIndexes = Object.keys(form).flatMap((k) => {
    const m = /^(priorities|priorityEvidence)\[(\d+)\]\./.exec(k);
    return m ? [Number(m[2])] : [];
  });
  const rows = Math.max(section === "needs" ? 1 : 0, rowIndexes.length ? Math.max(...rowIndexes) + 1 : 0);
  return { [FIELD_LIST]: sectionFieldNames(section, rows).join(" "), ...form };
}

/**
 * A region whose situation alone favours a tailored initiative (docs/domain.md §2.1): system aims,
 * capability to build, changes believed in only weakly, fourteen sites from March 2027.
 */
export function tailoredRegion(base: Intake): Intake {
  return {
    ...base,
    context: { ...base.context, partnerKind: "region", geographyScope: "region" },
    evidence: {
      ...base.evidence,
      priorityEvidence: base.evidence.priorityEvidence!.map((e) => ({ ...e, degreeOfBelief: "low" })),
      aimStyle: "system",
      wantsCapabilityBuilding: "yes",
    },
    scale: { expectedSites: 14, desiredStart: "2027-03" },
  };
}
