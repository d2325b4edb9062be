import { FIELD_LABELS } from "./intake-labels";
import type { IntakeSectionKey } from "./intake";

/**
 * Which fields each intake section's form holds. The form posts this list with its answers, so that
 * the server can tell a box left unticked or a field emptied (listed, not sent, or sent empty) from a
 * field that was never on the form (not listed): a post that lacks some is refused, naming them,
 * instead of blanking answers nobody touched.
 */
const SECTION_FIELDS: Record<IntakeSectionKey, readonly string[]> = {
  context: [
    "partnerKind",
    "sites",
    "population",
    "geographyScope",
    "improvementExperience",
    "hasLearningSystem",
    "hasImprovementTeam",
    "previousWorkWithUs",
    "existingWork",
  ],
  needs: ["problems"],
  evidence: ["aimHowMuch", "aimByWhen", "aimForWhom", "aimStyle", "breadth", "wantsCapabilityBuilding", "wantsPublicMobilisation"],
  scale: ["expectedSites", "desiredStart", "longestDurationMonths", "hardDeadline"],
  capacity: [
    "seniorSponsor",
    "sponsorName",
    "sponsorTitle",
    "sponsorEmail",
    "projectLeads",
    "dataLead",
    "canReleaseTeams",
    "willingToShare",
    "enrolmentChannel",
    "nodePartners",
    "dataPlatform",
    "mentorSites",
    "governance",
    "capabilityPlan",
  ],
  budget: ["budgetMin", "budgetMax", "currency", "budgetSecured"],
};

/** Sections with repeated rows: the row's name and fields, and how few rows the form ever shows. */
const ROWS: Partial<Record<IntakeSectionKey, { name: string; fields: readonly string[]; min: number }>> = {
  needs: { name: "priorities", fields: ["id", "topic", "custom", "baselineMeasure", "baselineValue", "baselineDate", "baselineSource", "baselineDue"], min: 1 },
  evidence: { name: "priorityEvidence", fields: ["priority", "changePackage", "degreeOfBelief", "brightSpots"], min: 0 },
};

/** The form field that carries the list. */
export const FIELD_LIST = "fields";

/** Every field a section's form shows with this many rows, in form order. */
export function sectionFieldNames(section: IntakeSectionKey, rows = 0): string[] {
  const row = ROWS[section];
  const repeated = row ? Array.from({ length: rows }, (_, i) => row.fields.map((f) => `${row.name}[${i}].${f}`)).flat() : [];
  return section === "evidence" ? [...repeated, ...SECTION_FIELDS[section]] : [...SECTION_FIELDS[section], ...repeated];
}

/**
 * The fields a post of this section should have listed and did not, in form order: the section's
 * own fields, and every field of each row it lists (rows numbered from 0 without a gap).
 */
export function unlistedFields(section: IntakeSectionKey, listed: readonly string[]): string[] {
  const row = ROWS[section];
  const rowIndexes = row
    ? listed.flatMap((name) => {
        const m = new RegExp(`^${row.name}\\[(\\d{1,2})\\]\\.`).exec(name);
        return m ? [Number(m[1])] : [];
      })
    : [];
  const rows = Math.max(row?.min ?? 0, rowIndexes.length ? Math.max(...rowIndexes) + 1 : 0);
  const have = new Set(listed);
  return sectionFieldNames(section, rows).filter((name) => !have.has(name));
}

/** "Kind of partner", "Priority 2, baseline value": a field's name as the form labels it. */
export function intakeFieldLabel(name: string): string {
  const field = name
    .split(".")
    .pop()!
    .replace(/\[\d+\]$/, "") as keyof typeof FIELD_LABELS;
  const row = /\[(\d+)\]/.exec(name);
  const base = FIELD_LABELS[field] ?? name;
  return row ? `Priority ${Number(row[1]) + 1}, ${base.toLowerCase()}` : base;
}

/** The refusal of a post that lacks fields, naming them. */
export function unlistedMessage(names: readonly string[]): string {
  const shown = names.slice(0, 6).map(intakeFieldLabel);
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : "";
  return `Nothing was saved: the form did not send ${shown.join(", ")}${more}. Reload the page and fill in the section again.`;
}

/**
 * What "Add another priority" sends: Conform's insert into the priority rows. The form comes back with
 * one more row and everything typed kept, without saving (formChanged), so a manager listing more
 * priorities than the rows shown need not save first; it works without JavaScript, a plain submit button.
 */
export const ADD_PRIORITY = { name: "__intent__", value: JSON.stringify({ type: "insert", payload: { name: "priorities" } }) } as const;

/** Moves a priority row up (rank) by swapping the posted rows, so re-ranking works without JavaScript. */
export function applyMove(form: FormData): FormData {
  const move = form.get("move");
  if (typeof move !== "string" || !/^\d{1,2}$/.test(move) || move === "0") return form;
  const i = Number(move);
  const next = new FormData();
  for (const [name, value] of form.entries()) {
    const m = /^priorities\[(\d+)\](.*)$/.exec(name);
    if (!m) {
      next.append(name, value);
      continue;
    }
    const row = Number(m[1]);
    const swapped = row === i ? i - 1 : row === i - 1 ? i : row;
    next.append(`priorities[${swapped}]${m[2]}`, value);
  }
  return next;
}
