/**
 * The intake's validation: one zod schema per section and the whole intake for import/export, with
 * the form readers that turn a section's posted fields into its answers. Long because it is the one
 * place every intake field's rule is written (the answers feed the method criteria, docs/domain.md
 * §2.2, and readiness, §7); the vocabulary is in ./intake, the labels in ./intake-labels,
 * completeness in ./intake-completeness.
 */
import { z } from "zod";
import { isIsoDate, notADateWords } from "./calendar";
import { TEXT_LIMITS } from "./limits";
import { line, monthField, paragraph, typedAmount, wholeNumber } from "./field-schemas";
import { PARTNER_KINDS } from "./partner-kinds";
import { decimalFromText, stripControlChars } from "./text";
import { amountsWithoutCurrency, currencyCodeText, isCurrencyCode } from "./money";
import {
  PRIORITY_TOPIC_KEYS,
  PRIORITY_TOPIC_CHOICES,
  GEOGRAPHY_SCOPES,
  IMPROVEMENT_EXPERIENCE,
  YES_PARTLY_NO,
  YES_NO,
  YES_NO_UNSURE,
  BELIEF_LEVELS,
  AIM_STYLES,
  BREADTHS,
  MAX_PRIORITIES,
  type PartnerContext,
  type Priority,
  type Needs,
  type PriorityEvidence,
  type EvidenceAndAmbition,
  type ScaleAndHorizon,
  type PartnerCapacity,
  type Budget,
  type Intake,
  type IntakeSectionKey,
  writtenInId,
  settleWrittenInIds,
  WRITTEN_IN_ID,
  capitalise,
  priorityLabel,
  prioritiesWithEvidence,
  hardDeadlineProblems,
  baselineStillToCome,
  baselineValueProblem,
  datesPassed,
  type SavingDates,
} from "./intake";
import { FIELD_LABELS } from "./intake-labels";

/**
 * The intake's schemas. The web form posts one section at a time with flat field names (`sites`,
 * `priorities[0].topic`), so each section has its own schema that reads form strings: "" means "not
 * answered", a checkbox is "on" or absent. The same schemas also accept typed values, which is how an
 * exported intake is read back. Server-side only (decision 7).
 */

const L = FIELD_LABELS;

// Months and dates: the shape first, then whether the day exists ("2027-02-30" is refused, not rolled over)

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
const count = (label: string, opts: Parameters<typeof wholeNumber>[1]) => optional(wholeNumber(label, opts));

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
  return optional(monthField(label).meta({ pattern: "^\\s*(19|20|21)\\d{2}-(0[1-9]|1[0-2])\\s*$", description: "A month, YYYY-MM." }));
}

// Every real date from 1900 to 2199, for the published JSON Schema.
const LEAP_YEAR = "(19(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26])|21(0[48]|[2468][048]|[13579][26]))";
const REAL_DATE = `^\\s*((19|20|21)\\d{2}-((0[13578]|1[02])-(0[1-9]|[12]\\d|3[01])|(0[469]|11)-(0[1-9]|[12]\\d|30)|02-(0[1-9]|1\\d|2[0-8]))|${LEAP_YEAR}-02-29)\\s*$`;

function date(label: string) {
  return optional(
    z
      .string({ error: notADateWords(label) })
      .transform((v) => v.trim())
      .superRefine((v, ctx) => {
        // A date box sends YYYY-MM-DD in whatever format it shows: the words name no format (notADateWords).
        if (!isIsoDate(v)) ctx.addIssue({ code: "custom", message: notADateWords(label, v) });
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
    .transform(currencyCodeText)
    .pipe(z.string().refine(isCurrencyCode, "Currency must be a three-letter code such as GBP, USD or EUR."))
    .meta({ pattern: "^\\s*[A-Za-z]{3}\\s*$", description: "A three-letter currency code (ISO 4217), such as GBP, USD or EUR." })
);

/** Drops unanswered fields so that a saved section holds only what was answered. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

const always = { when: () => true };

/** Whether the form's answer at `path` already has a problem said, so that a date badly typed is not also told it has passed. */
const told = (ctx: z.RefinementCtx, path: readonly PropertyKey[]) =>
  ((ctx as unknown as { issues?: { path?: PropertyKey[] }[] }).issues ?? []).some(
    (i) => i.path?.length === path.length && i.path.every((k, n) => k === path[n])
  );

/**
 * A section's dates that must still come, newly given and already passed (datesPassed), said beside
 * their fields with the form's other problems, so that the manager mends them in one round.
 */
function datesStillToCome(section: IntakeSectionKey, dates: SavingDates | undefined) {
  return (v: unknown, ctx: z.RefinementCtx) => {
    if (!dates) return;
    for (const [field, message] of Object.entries(datesPassed(section, v, dates.saved, dates.today)))
      if (!told(ctx, [field])) ctx.addIssue({ code: "custom", path: [field], message });
  };
}
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
          baselineDue: month(L.baselineDue),
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
        // A baseline measured makes the month it was to be measured by moot: it is not kept beside it (docs/domain.md §1, Intake).
        .transform(
          (row) =>
            compact({
              ...row,
              id: row.topic === "other" ? row.id ?? writtenInId(row.custom) : undefined,
              baselineDue: row.baselineValue === undefined && row.baselineDate === undefined ? row.baselineDue : undefined,
            }) as Priority
        )
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

function needsSchema(strict: boolean, dates?: SavingDates): z.ZodType<Needs> {
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
            // A baseline dated after today, said beside its row as the form numbers it, with the row's other problems.
            const after =
              dates && p && typeof p.baselineDate === "string" && isIsoDate(p.baselineDate) ? baselineStillToCome(p.baselineDate, dates.today) : null;
            if (after && !told(ctx, [i, "baselineDate"])) ctx.addIssue({ code: "custom", path: [i, "baselineDate"], message: after });
            // A figure its measure cannot take ("-5" transfers), as the form saves it: a stored one is read as it was.
            const figure = dates && p && typeof p === "object" ? baselineValueProblem(p) : null;
            if (figure && !told(ctx, [i, "baselineValue"])) ctx.addIssue({ code: "custom", path: [i, "baselineValue"], message: figure });
            if (!p || typeof p !== "object" || typeof p.topic !== "string") return;
            // The same topic twice, by the words the rows say now: an id kept from an earlier save
            // names words a row may no longer say (settleWrittenInIds gives it to the row that does).
            const key = p.topic === "other" ? writtenInId(p.custom) : p.topic;
            const earlier = seen.get(key);
            if (earlier === undefined) seen.set(key, i);
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
  ).transform((v) => compact({ ...v, priorities: settleWrittenInIds(v.priorities) }));
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

function evidenceSchema(strict: boolean, dates?: SavingDates): z.ZodType<EvidenceAndAmbition> {
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
  )
    .superRefine(datesStillToCome("evidence", dates), always)
    .transform(compact);
}

function scaleSchema(strict: boolean, dates?: SavingDates): z.ZodType<ScaleAndHorizon> {
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
      // All at once: a deadline both passed and before the start is told both, not one and then the other (datesPassed tells it so too).
      if (dates) return datesStillToCome("scale", dates)(v, ctx);
      const problems = hardDeadlineProblems(v);
      if (problems && !told(ctx, ["hardDeadline"])) ctx.addIssue({ code: "custom", path: ["hardDeadline"], message: problems });
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
        z.email(`${L.sponsorEmail} must be an email address, like name@example.org.`).max(200, `${L.sponsorEmail} must be at most 200 characters.`)
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

/**
 * An amount of the budget: "250,000", or "£250,000" and "250,000 GBP" when the sign or code is the
 * budget's currency; one in another currency is refused naming the one in Currency. Its figures are
 * read as every amount of money is (docs/domain.md §8.9).
 */
const budgetAmount = (label: string) => optional(typedAmount(label, { min: 0, max: 1_000_000_000_000, whole: true, where: L.currency }));

function budgetSchema(strict: boolean): z.ZodType<Budget> {
  const fields = objectOf(
    {
      budgetMin: budgetAmount(L.budgetMin),
      budgetMax: budgetAmount(L.budgetMax),
      currency,
      budgetSecured: choice(YES_PARTLY_NO, "Budget secured: choose yes, partly or no."),
    },
    strict
  );
  return z
    .preprocess(
      (v) =>
        typeof v === "object" && v !== null && !Array.isArray(v)
          ? amountsWithoutCurrency(v as Record<string, unknown>, ["budgetMin", "budgetMax"], "currency")
          : v,
      fields
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

/**
 * A section's schema as its form saves it, its dates checked against today and what is saved
 * (`SavingDates`) as well as against each other.
 */
export function savingSectionSchema<K extends IntakeSectionKey>(section: K, dates: SavingDates): z.ZodType<Intake[K]> {
  const schema =
    section === "needs"
      ? needsSchema(false, dates)
      : section === "evidence"
      ? evidenceSchema(false, dates)
      : section === "scale"
      ? scaleSchema(false, dates)
      : IntakeSections[section];
  return schema as unknown as z.ZodType<Intake[K]>;
}

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

/**
 * A new intake's form starts from what is known of the partner organisation: its kind, sites and
 * population fill the answers not given yet. Returns what was filled so, in words ("number of sites"),
 * for the page to say where they come from until the section is saved.
 */
export function prefillFromOrganisation(
  values: Record<string, string>,
  org: { kind: string | null; sites: number | null; population: number | null }
): string[] {
  const filled: string[] = [];
  const fill = (key: "partnerKind" | "sites" | "population", value: string | number | null, words: string) => {
    if (values[key] != null || value == null || value === "") return;
    values[key] = String(value);
    filled.push(words);
  };
  fill("partnerKind", org.kind, "kind of partner");
  fill("sites", org.sites, "number of sites");
  fill("population", org.population, "population");
  return filled;
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
