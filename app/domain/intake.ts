import { z } from "zod";
import { isIsoDate, isMonth } from "./calendar";
import { TEXT_LIMITS } from "./limits";
import { line, paragraph, wholeNumber } from "./field-schemas";
import { PARTNER_KINDS, type PartnerKind } from "./partner-kinds";
import { decimalFromText, stripControlChars } from "./text";

/**
 * The intake: what we learn about a prospective partner before choosing a method. The web form posts
 * one section at a time with flat field names (`sites`, `priorities[0].topic`), so each section has
 * its own schema that reads form strings: "" means "not answered", a checkbox is "on" or absent.
 * The same schemas also accept typed values, which is how an exported intake is read back.
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
const PRIORITY_TOPIC_KEYS = PRIORITY_TOPICS.map((t) => t.key) as [PriorityTopicKey, ...PriorityTopicKey[]];
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

/** The words shown for each answer, per question: the form's options and the readers' summaries. */
export const ANSWER_LABELS = {
  partnerKind: {
    hospital: "A hospital",
    health_system: "A health system",
    association: "An association or network of hospitals",
    region: "A region",
    nation: "A nation (ministry of health)",
  },
  geographyScope: {
    organisation: "One organisation",
    system: "A system",
    region: "A region",
    nation: "A nation",
  },
  improvementExperience: {
    none: "No structured improvement work yet",
    some: "Some improvement projects and a few trained people",
    extensive: "Years of improvement work across the organisation",
  },
  changePackage: { yes: "Yes, a proven change package", partly: "Partly, still being developed", no: "No" },
  degreeOfBelief: { low: "Low", moderate: "Moderate", high: "High" },
  brightSpots: { yes: "Yes", no: "No", unsure: "Not known" },
  aimStyle: {
    team: "Each team sets its own aims under a shared aim",
    bold: "One bold numeric aim with a public deadline",
    system: "System-level aims (for example hospital mortality)",
  },
  breadth: { focused: "One focused topic", several: "Several workstreams" },
  wantsCapabilityBuilding: { yes: "Yes", no: "No" },
  wantsPublicMobilisation: { yes: "Yes", no: "No" },
  seniorSponsor: { yes: "Yes, named and committed", partly: "Identified, not yet committed", no: "No" },
  projectLeads: {
    yes: "Yes, at every site",
    partly: "At some sites, or with less time",
    no: "No",
  },
  dataLead: { yes: "Yes", partly: "Part-time or shared", no: "No" },
  canReleaseTeams: { yes: "Yes, every site", partly: "Some sites", no: "No" },
  willingToShare: { yes: "With us and with other participants", partly: "With us only", no: "No" },
  enrolmentChannel: { yes: "Yes, one that reaches most of them", partly: "One that reaches some of them", no: "No" },
  nodePartners: { yes: "Yes, across the whole area", partly: "In some parts of it", no: "No" },
  dataPlatform: { yes: "Yes, in place", partly: "Partly, or being built", no: "No" },
  mentorSites: { yes: "Yes, several", partly: "One or two", no: "No" },
  governance: { yes: "Yes, in place", partly: "Being set up", no: "No" },
  capabilityPlan: { yes: "Yes, agreed and funded", partly: "An intention, not yet a plan", no: "No" },
  budgetSecured: { yes: "Secured", partly: "Partly secured", no: "Not yet secured" },
} as const;

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

export const INTAKE_SECTIONS = [
  { key: "context", label: "Partner context" },
  { key: "needs", label: "Needs and priorities" },
  { key: "evidence", label: "Evidence and ambition" },
  { key: "scale", label: "Scale and horizon" },
  { key: "capacity", label: "Partner capacity" },
  { key: "budget", label: "Budget" },
] as const;
export type IntakeSectionKey = (typeof INTAKE_SECTIONS)[number]["key"];

/** Field labels, used in error messages and in the completeness indicator; the form can use them too. */
export const FIELD_LABELS = {
  partnerKind: "Kind of partner",
  sites: "Number of sites",
  population: "Population served",
  geographyScope: "Geography",
  improvementExperience: "Improvement experience",
  hasLearningSystem: "Has a learning system",
  hasImprovementTeam: "Has an improvement team",
  existingWork: "Existing improvement work",
  previousWorkWithUs: "Has worked with us before",
  problems: "Problems in the partner's words",
  topic: "Topic",
  custom: "Written-in topic",
  baselineMeasure: "Baseline measure",
  baselineValue: "Baseline value",
  baselineDate: "Baseline date",
  baselineSource: "Baseline source",
  changePackage: "Proven change package",
  degreeOfBelief: "Degree of belief",
  brightSpots: "Sites already performing much better",
  aimHowMuch: "Aim: how much",
  aimByWhen: "Aim: by when",
  aimForWhom: "Aim: for whom",
  aimStyle: "Kind of aim",
  breadth: "Breadth",
  wantsCapabilityBuilding: "Build the partner's own improvement capability",
  wantsPublicMobilisation: "Public, voluntary mobilisation of many institutions",
  expectedSites: "Sites or teams expected to take part",
  desiredStart: "Desired start",
  longestDurationMonths: "Longest duration the partner can commit to",
  hardDeadline: "Hard deadline",
  seniorSponsor: "Senior sponsor",
  sponsorName: "Executive sponsor's name",
  sponsorTitle: "Executive sponsor's title",
  sponsorEmail: "Executive sponsor's e-mail",
  projectLeads: "Project lead at each site (20–40% of their time)",
  dataLead: "Data lead",
  canReleaseTeams: "Sites can release a team of about three for learning sessions",
  willingToShare: "Willing to share data and results",
  enrolmentChannel: "A channel to enrol many institutions (a membership, network or mandate)",
  nodePartners: "Regional partners (nodes) able to recruit and support sites",
  dataPlatform: "A way for every site to report a simple measure each month",
  mentorSites: "Sites with results that can mentor others",
  governance: "A governance structure to steer the work (a steering group, an accountable executive)",
  capabilityPlan: "A plan to build the partner's own improvement capability (advisors, coaches, fellows)",
  budgetMin: "Minimum budget",
  budgetMax: "Maximum budget",
  currency: "Currency",
  budgetSecured: "Budget secured",
} as const;
const L = FIELD_LABELS;

// Months and dates: the shape first, then whether the day exists ("2027-02-30" is refused, not rolled over)

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Field schemas: every field optional while drafting, errors only for values present but wrong

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && stripControlChars(value).trim() === "");
}
const blankToUndefined = (value: unknown) => (isBlank(value) ? undefined : value);

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

const text = (label: string, max: number) => optional(line(label, { max }));
const longText = (label: string, max: number) => optional(paragraph(label, { max }));
const count = (label: string, opts: { min?: number; max?: number }) => optional(wholeNumber(label, opts));

function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return optional(z.enum(values, { error: message }));
}

function decimal(label: string) {
  return optional(
    z.preprocess(
      (v) => (typeof v === "string" ? decimalFromText(v) : v),
      z
        .number({ error: `${label} must be a number, like 4.5 or 1,200 (put the unit in the measure).` })
        .min(-1e12, `${label} is out of range.`)
        .max(1e12, `${label} is out of range.`)
    )
  );
}

function month(label: string) {
  return optional(
    z
      .string({ error: `${label} must be a month like 2027-03.` })
      .transform((v) => v.trim())
      .superRefine((v, ctx) => {
        if (!MONTH.test(v)) ctx.addIssue({ code: "custom", message: `${label} must be a month like 2027-03.` });
        else if (!isMonth(v)) ctx.addIssue({ code: "custom", message: `${label} is not a real month: ${v} does not exist.` });
      })
      .meta({ pattern: "^\\s*(19|20|21)\\d{2}-(0[1-9]|1[0-2])\\s*$", description: "A month, YYYY-MM." })
  );
}

// Every real date from 1900 to 2199, for the published JSON Schema.
const LEAP_YEAR = "(19(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26])|21(0[48]|[2468][048]|[13579][26]))";
const REAL_DATE = `^\\s*((19|20|21)\\d{2}-((0[13578]|1[02])-(0[1-9]|[12]\\d|3[01])|(0[469]|11)-(0[1-9]|[12]\\d|30)|02-(0[1-9]|1\\d|2[0-8]))|${LEAP_YEAR}-02-29)\\s*$`;

function date(label: string) {
  return optional(
    z
      .string({ error: `${label} must be a date like 2027-03-31.` })
      .transform((v) => v.trim())
      .superRefine((v, ctx) => {
        if (!DATE.test(v)) ctx.addIssue({ code: "custom", message: `${label} must be a date like 2027-03-31.` });
        else if (!isIsoDate(v)) ctx.addIssue({ code: "custom", message: `${label} is not a real date: ${v} does not exist.` });
      })
      .meta({ pattern: REAL_DATE, description: "A date, YYYY-MM-DD." })
  );
}

function checkbox(label: string) {
  return z
    .preprocess(
      (v) => (v === "on" || v === "true" || v === true ? true : isBlank(v) || v === "false" || v === false ? false : v),
      z.boolean({ error: `${label}: tick the box or leave it empty.` })
    )
    .default(false);
}

const currency = optional(
  z
    .string()
    .transform((v) => stripControlChars(v).trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, "Currency must be a three-letter code such as GBP, USD or EUR."))
    .meta({ pattern: "^\\s*[A-Za-z]{3}\\s*$", description: "A three-letter currency code (ISO 4217), such as GBP, USD or EUR." })
);

/** Drops unanswered fields so that a saved section holds only what was answered. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

const always = { when: () => true };
const unknownFields: z.core.$ZodObjectParams = {
  error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}.` : undefined),
};
const objectOf = <S extends z.ZodRawShape>(shape: S, strict: boolean) => (strict ? z.strictObject(shape, unknownFields) : z.object(shape));

function isBlankRow(row: unknown, ignore: readonly string[]): boolean {
  return isBlank(row) || (typeof row === "object" && row !== null && Object.entries(row).every(([k, x]) => ignore.includes(k) || isBlank(x)));
}

/**
 * A list of rows. Rows the form rendered but the user left empty (every field but `ignore` blank)
 * are dropped after validation, so that error paths keep the index of the row on the page.
 */
function rows<T extends z.ZodType>(
  row: T,
  opts: { noun: string; ignore: readonly string[]; check: (list: (z.output<T> | null)[], ctx: z.RefinementCtx) => void }
) {
  return z
    .preprocess(
      (v) => (v === undefined || v === null ? [] : v),
      z
        .array(
          z.preprocess((r) => (isBlankRow(r, opts.ignore) ? null : r), row.nullable()),
          { error: "Expected a list of rows." }
        )
        .superRefine((list, ctx) => {
          if (list.filter((r) => r !== null).length > MAX_PRIORITIES) ctx.addIssue({ code: "custom", message: `At most ${MAX_PRIORITIES} ${opts.noun}.` });
          opts.check(list, ctx);
        }, always)
        .transform((list) => list.filter((r): r is NonNullable<typeof r> => r !== null))
        .meta({ maxItems: MAX_PRIORITIES })
    )
    .default([]);
}

// Section schemas

/** The id of a written-in topic, from its text as first written. */
function writtenInId(custom: string | undefined): string {
  return `other:${(custom ?? "").toLowerCase().replace(/\s+/g, " ").trim()}`;
}

/** A priority's stable id: what its evidence is keyed by. */
export function priorityKey(p: Pick<Priority, "topic" | "custom" | "id">): string {
  return p.topic === "other" ? p.id ?? writtenInId(p.custom) : p.topic;
}

/** What a written-in priority id looks like: "other:" and its text. */
export const WRITTEN_IN_ID = /^other:\S.{0,93}$/;

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function priorityLabel(p: Pick<Priority, "topic" | "custom">, form: "label" | "short" = "label"): string {
  if (p.topic === "other") return p.custom ?? "Other";
  return PRIORITY_TOPICS.find((t) => t.key === p.topic)?.[form] ?? p.topic;
}

function contextSchema(strict: boolean): z.ZodType<PartnerContext> {
  return objectOf(
    {
      partnerKind: choice(PARTNER_KINDS, "Choose the kind of partner from the list."),
      sites: count(L.sites, { min: 1, max: 100_000 }),
      population: count(L.population, { min: 0, max: 2_000_000_000 }),
      geographyScope: choice(GEOGRAPHY_SCOPES, "Choose the geography from the list."),
      improvementExperience: choice(IMPROVEMENT_EXPERIENCE, "Choose the partner's improvement experience from the list."),
      hasLearningSystem: checkbox(L.hasLearningSystem),
      hasImprovementTeam: checkbox(L.hasImprovementTeam),
      existingWork: longText(L.existingWork, TEXT_LIMITS.existingWork),
      previousWorkWithUs: checkbox(L.previousWorkWithUs),
    },
    strict
  ).transform(compact);
}

function priorityRow(strict: boolean) {
  return z
    .preprocess(
      // A topic written in without choosing "Other" is still a written-in topic.
      (v) =>
        typeof v === "object" && v !== null && isBlank((v as Record<string, unknown>).topic) && !isBlank((v as Record<string, unknown>).custom)
          ? { ...v, topic: "other" }
          : v,
      objectOf(
        {
          topic: choice(PRIORITY_TOPIC_CHOICES, "Choose a topic from the list, or write one in."),
          custom: text(L.custom, 80),
          id: optional(
            z.string().regex(WRITTEN_IN_ID, "This written-in topic's id is not valid; reload the page and try again.").meta({
              description:
                'For a written-in topic (topic "other"): its stable id, "other:" and its text as first written, which its evidence names. Left out, it is made from the text; ignored for a listed topic.',
            })
          ),
          baselineMeasure: text(L.baselineMeasure, 160),
          baselineValue: decimal(L.baselineValue),
          baselineDate: date(L.baselineDate),
          baselineSource: text(L.baselineSource, 160),
        },
        strict
      )
        .superRefine((row, ctx) => {
          if (row.topic === undefined) ctx.addIssue({ code: "custom", path: ["topic"], message: "Choose a topic from the list, or write one in." });
          else if (row.topic === "other" && isBlank(row.custom))
            ctx.addIssue({ code: "custom", path: ["custom"], message: "Write in the topic, or choose one from the list." });
          else if (row.topic !== "other" && typeof row.custom === "string" && !isBlank(row.custom))
            ctx.addIssue({
              code: "custom",
              path: ["custom"],
              message: "Leave the written-in topic empty when you choose a topic from the list, or choose “Other”.",
            });
        }, always)
        // A listed topic is its own id; a written-in one keeps the id it was given, or gets one now.
        .transform((row) => compact({ ...row, id: row.topic === "other" ? row.id ?? writtenInId(row.custom) : undefined }) as Priority)
    )
    .meta({
      // For the published JSON Schema: a topic or a written-in one; "other" with its text, a listed topic without.
      anyOf: [{ required: ["topic"] }, { required: ["custom"] }],
      allOf: [
        { if: { properties: { topic: { const: "other" } }, required: ["topic"] }, then: { required: ["custom"] } },
        { if: { properties: { topic: { enum: PRIORITY_TOPIC_KEYS } }, required: ["topic"] }, then: { not: { required: ["custom"] } } },
      ],
    });
}

function needsSchema(strict: boolean): z.ZodType<Needs> {
  return objectOf(
    {
      problems: longText(L.problems, TEXT_LIMITS.problems),
      priorities: rows(priorityRow(strict), {
        noun: "priorities",
        // A row emptied of its topic is empty, whatever id it carried.
        ignore: ["id"],
        check: (list, ctx) => {
          const seen = new Map<string, number>();
          list.forEach((p, i) => {
            if (!p || typeof p !== "object" || typeof p.topic !== "string") return;
            // The same topic twice, by its id or by its words.
            const keys = p.topic === "other" ? [priorityKey(p), writtenInId(p.custom)] : [p.topic];
            const earlier = keys.map((k) => seen.get(k)).find((e) => e !== undefined);
            if (earlier === undefined) keys.forEach((k) => seen.set(k, i));
            else
              ctx.addIssue({
                code: "custom",
                path: [i, p.topic === "other" ? "custom" : "topic"],
                message: `${capitalise(priorityLabel(p, "short"))} is already priority ${earlier + 1}; choose each topic once.`,
              });
          });
        },
      }),
    },
    strict
  ).transform(compact);
}

const PRIORITY_KEY = new RegExp(`^(${PRIORITY_TOPIC_KEYS.join("|")}|other:.+)$`);

function evidenceRow(strict: boolean) {
  return objectOf(
    {
      priority: z
        .string({ error: "This row is not linked to a priority; reload the page and try again." })
        .transform((v) => stripControlChars(v).trim())
        .pipe(z.string().max(100, "Priority is too long.").regex(PRIORITY_KEY, "This row is not linked to a priority; reload the page and try again."))
        .meta({
          pattern: `^(${PRIORITY_TOPIC_KEYS.join("|")}|other:\\S.{0,93})$`,
          description:
            'The id of the priority this evidence is for: its topic (such as "vap"), or for a written-in topic its id ("other:" and its text). Evidence that names no priority is refused.',
        }),
      changePackage: choice(YES_PARTLY_NO, "Choose whether a proven change package exists."),
      degreeOfBelief: choice(BELIEF_LEVELS, "Choose a degree of belief: low, moderate or high."),
      brightSpots: choice(YES_NO_UNSURE, "Choose whether some sites already perform much better."),
    },
    strict
  ).transform((row) => compact(row) as PriorityEvidence);
}

function evidenceSchema(strict: boolean): z.ZodType<EvidenceAndAmbition> {
  return objectOf(
    {
      priorityEvidence: rows(evidenceRow(strict), {
        noun: "rows of evidence",
        ignore: ["priority"],
        check: (list, ctx) => {
          const seen = new Set<string>();
          list.forEach((row, i) => {
            if (typeof row?.priority !== "string") return;
            if (seen.has(row.priority)) ctx.addIssue({ code: "custom", path: [i, "priority"], message: "This priority has two rows of evidence; keep one." });
            seen.add(row.priority);
          });
        },
      }),
      aimHowMuch: text(L.aimHowMuch, 300),
      aimByWhen: month(L.aimByWhen),
      aimForWhom: text(L.aimForWhom, 300),
      aimStyle: choice(AIM_STYLES, "Choose the kind of aim from the list."),
      breadth: choice(BREADTHS, "Choose one focused topic or several workstreams."),
      wantsCapabilityBuilding: choice(YES_NO, "Answer yes or no."),
      wantsPublicMobilisation: choice(YES_NO, "Answer yes or no."),
    },
    strict
  ).transform(compact);
}

function scaleSchema(strict: boolean): z.ZodType<ScaleAndHorizon> {
  return objectOf(
    {
      expectedSites: count(L.expectedSites, { min: 1, max: 100_000 }),
      desiredStart: month(L.desiredStart),
      longestDurationMonths: count(L.longestDurationMonths, { min: 1, max: 240 }),
      hardDeadline: date(L.hardDeadline),
    },
    strict
  )
    .superRefine((v, ctx) => {
      if (isMonth(v.desiredStart) && isIsoDate(v.hardDeadline) && v.hardDeadline < `${v.desiredStart}-01`)
        ctx.addIssue({
          code: "custom",
          path: ["hardDeadline"],
          message: `The hard deadline (${v.hardDeadline}) is before the desired start (${v.desiredStart}).`,
        });
    }, always)
    .transform(compact);
}

function capacitySchema(strict: boolean): z.ZodType<PartnerCapacity> {
  const answer = (label: string) => choice(YES_PARTLY_NO, `${label}: choose yes, partly or no.`);
  return objectOf(
    {
      seniorSponsor: answer(L.seniorSponsor),
      sponsorName: text(L.sponsorName, 120),
      sponsorTitle: text(L.sponsorTitle, 160),
      sponsorEmail: optional(
        z.email(`${L.sponsorEmail}: enter an e-mail address, like name@example.org.`).max(200, `${L.sponsorEmail} must be at most 200 characters.`)
      ),
      projectLeads: answer("Project lead"),
      dataLead: answer(L.dataLead),
      canReleaseTeams: answer("Releasing teams"),
      willingToShare: answer("Sharing data and results"),
      enrolmentChannel: answer("Enrolment channel"),
      nodePartners: answer("Node partners"),
      dataPlatform: answer("Data platform"),
      mentorSites: answer("Mentor sites"),
      governance: answer("Governance"),
      capabilityPlan: answer("Capability plan"),
    },
    strict
  ).transform(compact);
}

function budgetSchema(strict: boolean): z.ZodType<Budget> {
  return objectOf(
    {
      budgetMin: count(L.budgetMin, { min: 0, max: 1_000_000_000_000 }),
      budgetMax: count(L.budgetMax, { min: 0, max: 1_000_000_000_000 }),
      currency,
      budgetSecured: choice(YES_PARTLY_NO, "Budget secured: choose yes, partly or no."),
    },
    strict
  )
    .superRefine((v, ctx) => {
      if (typeof v.budgetMin === "number" && typeof v.budgetMax === "number" && v.budgetMax < v.budgetMin)
        ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "The maximum budget is below the minimum." });
    }, always)
    .transform(compact);
}

/** One schema per intake section, each reading the flat form object of that section's form. */
export const IntakeSections = {
  context: contextSchema(false),
  needs: needsSchema(false),
  evidence: evidenceSchema(false),
  scale: scaleSchema(false),
  capacity: capacitySchema(false),
  budget: budgetSchema(false),
} satisfies Record<IntakeSectionKey, z.ZodType>;

/** The whole intake, as exported or imported: unknown fields are refused, missing sections are empty. */
export const IntakeSchema: z.ZodType<Intake> = z.strictObject(
  {
    context: contextSchema(true).prefault({}),
    needs: needsSchema(true).prefault({}),
    evidence: evidenceSchema(true).prefault({}),
    scale: scaleSchema(true).prefault({}),
    capacity: capacitySchema(true).prefault({}),
    budget: budgetSchema(true).prefault({}),
  },
  unknownFields
);

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

// Flat form names <-> nested objects

/** Rows beyond this index are ignored, so a crafted field name cannot allocate a huge array. */
const MAX_FORM_INDEX = 99;
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);
const NAME = /^[A-Za-z][A-Za-z0-9_]*((\[\d{1,3}\])|(\.[A-Za-z][A-Za-z0-9_]*))*$/;

function nameToPath(name: string): (string | number)[] | null {
  if (!NAME.test(name)) return null;
  const path = [...name.matchAll(/([A-Za-z][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  if (path.some((p) => (typeof p === "number" ? p > MAX_FORM_INDEX : FORBIDDEN_KEYS.has(p)))) return null;
  return path;
}

export function pathToName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

function fillHoles(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, fillHoles);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillHoles(v)]));
  return value;
}

/**
 * Turns form entries with flat names (`priorities[0].topic`) into a nested object. The first value
 * of a repeated name wins (as `FormData.get` does); files and malformed names are ignored; a gap in
 * the row numbering is an `undefined` row, which the schemas treat as an empty row.
 */
export function formToObject(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    const path = nameToPath(name);
    if (!path) continue;
    let node: Record<string | number, unknown> = root;
    let ok = true;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i];
      const wantArray = typeof path[i + 1] === "number";
      const existing = Object.hasOwn(node, key) ? node[key] : undefined;
      if (existing === undefined) node[key] = wantArray ? [] : {};
      else if (typeof existing !== "object" || Array.isArray(existing) !== wantArray) {
        ok = false;
        break;
      }
      node = node[key] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    if (ok && !Object.hasOwn(node, last)) node[last] = value;
  }
  return fillHoles(root) as Record<string, unknown>;
}

/** The current priorities in rank order, each with its evidence answers (if any). */
export function prioritiesWithEvidence(intake: Intake) {
  const byKey = new Map(intake.evidence.priorityEvidence.map((e) => [e.priority, e]));
  return intake.needs.priorities.map((priority, index) => {
    const key = priorityKey(priority);
    return { rank: index + 1, key, label: priorityLabel(priority), short: priorityLabel(priority, "short"), priority, evidence: byKey.get(key) };
  });
}

/**
 * Form values for every answered field, by flat name, to refill the section forms. Evidence rows
 * come out in the priorities' rank order with their `priority` key, so the evidence form can show
 * row i beside priority i.
 */
export function intakeToFormValues(intake: Intake): Record<string, string> {
  const values: Record<string, string> = {};
  const put = (name: string, v: unknown) => {
    if (v === undefined || v === false || v === "") return;
    values[name] = v === true ? "on" : String(v);
  };
  const flat = (prefix: string, obj: object) => {
    for (const [k, v] of Object.entries(obj)) put(`${prefix}${k}`, v);
  };
  const { priorities, ...needs } = intake.needs;
  const { priorityEvidence: _, ...evidence } = intake.evidence;
  flat("", intake.context);
  flat("", needs);
  priorities.forEach((p, i) => flat(`priorities[${i}].`, p));
  prioritiesWithEvidence(intake).forEach(({ key, evidence: e }, i) => flat(`priorityEvidence[${i}].`, { ...e, priority: key }));
  flat("", evidence);
  flat("", intake.scale);
  flat("", intake.capacity);
  flat("", intake.budget);
  return values;
}

/** The first message per field, by flat field name (`priorities[0].topic`); "" for form-wide problems. */
export function intakeFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[pathToName(issue.path)] ??= issue.message;
  return errors;
}

/** Same shape as `FormResult` in app/lib/forms.ts: on error, the typed values come back to refill the form. */
export type IntakeSectionResult<K extends IntakeSectionKey> =
  | { ok: true; data: Intake[K] }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Parses one section's posted form (a FormData, or its entries). Other fields (intent, version) are ignored. */
export function parseIntakeSection<K extends IntakeSectionKey>(section: K, form: Iterable<readonly [string, unknown]>): IntakeSectionResult<K> {
  const entries = [...form];
  const result = (IntakeSections[section] as z.ZodType<Intake[K]>).safeParse(formToObject(entries));
  if (result.success) return { ok: true, data: result.data };
  const values: Record<string, string> = {};
  for (const [name, value] of entries) if (typeof value === "string" && !(name in values)) values[name] = value;
  return { ok: false, errors: intakeFieldErrors(result.error), values };
}

// Completeness

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
  const required: Record<IntakeSectionKey, { name: string; label: string; answered: boolean }[]> = {
    context: (["partnerKind", "sites", "population", "geographyScope", "improvementExperience"] as const).map((k) => ({
      name: k,
      label: L[k],
      answered: intake.context[k] !== undefined,
    })),
    needs: [
      { name: "problems", label: L.problems, answered: intake.needs.problems !== undefined },
      ...(ranked.length === 0
        ? [{ name: "priorities[0].topic", label: "At least one priority topic", answered: false }]
        : ranked.flatMap(({ rank, short, priority }) =>
            (["baselineMeasure", "baselineValue", "baselineDate", "baselineSource"] as const).map((k) => ({
              name: `priorities[${rank - 1}].${k}`,
              label: `Priority ${rank} (${short}): ${L[k].toLowerCase()}`,
              answered: priority[k] !== undefined,
            }))
          )),
    ],
    evidence: [
      ...ranked.flatMap(({ rank, short, evidence }) =>
        (["changePackage", "degreeOfBelief", "brightSpots"] as const).map((k) => ({
          name: `priorityEvidence[${rank - 1}].${k}`,
          label: `Priority ${rank} (${short}): ${L[k].toLowerCase()}`,
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
