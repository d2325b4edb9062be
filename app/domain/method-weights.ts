import { z } from "zod";
import { AIM_STYLES, BREADTHS, PARTNER_KINDS, YES_NO } from "./intake";
import { METHODS, type Method } from "./methods";
import { METHOD_VARIANTS, type MethodVariant } from "./method-variants";

/**
 * docs-templates/method-recommendation.json: the criteria the recommendation weighs, their wording,
 * and the points of each answer per method. The rows each criterion must have are fixed here, because
 * the recommendation reduces the intake to exactly these answers.
 */
export const CRITERION_ROWS = {
  evidence: ["proven", "promising", "mixed", "immature"],
  sites: ["1–5", "6–11", "12–60", "61–160", "161–299", "300–999", "1,000+"],
  support: ["high", "medium", "low"],
  duration: ["under 6", "6–11", "12–15", "16–24", "25–35", "36+"],
  urgency: ["deadline and soon", "deadline", "soon", "no pressure"],
  partner_type: PARTNER_KINDS,
  aim_style: AIM_STYLES,
  breadth: BREADTHS,
  capability: YES_NO,
  mobilisation: YES_NO,
} as const satisfies Record<string, readonly string[]>;

export type Criterion = keyof typeof CRITERION_ROWS;
export const CRITERIA = Object.keys(CRITERION_ROWS) as Criterion[];

const points = z.number().int("Points are whole numbers.").min(-50, "Points are between -50 and 50.").max(50, "Points are between -50 and 50.");
const sourceKey = z.string().regex(/^[A-Z]{1,3}\d{1,3}$/, "A source is a key of docs/domain.md §12, such as S10 or C22.");
const perMethod = <T extends z.ZodType>(value: T) => z.strictObject(Object.fromEntries(METHODS.map((m) => [m, value])) as Record<Method, T>);

const RowSchema = z
  .strictObject({
    points: perMethod(points),
    /**
     * What a method asks of this answer, in place of the criterion's rule for it, where the rule would
     * read as an argument the other way: said after the partner's answer, among the reasons for or
     * against as the points go.
     */
    rules: z.strictObject(Object.fromEntries(METHODS.map((m) => [m, z.string().min(1).optional()])) as Record<Method, z.ZodOptional<z.ZodString>>).optional(),
    basis: z.string().min(1, "Say what the row rests on."),
    sources: z.array(sourceKey),
    assumption: z.boolean(),
  })
  .refine((row) => row.assumption || row.sources.length > 0, { message: "A row that is not an assumption names its sources.", path: ["sources"] });
export type WeightRow = z.infer<typeof RowSchema>;

const criterionSchema = (rows: readonly string[]) =>
  z.strictObject({
    label: z.string().min(1),
    /** Where the intake asks it, said after "Not answered yet:". */
    question: z.string().min(1),
    /** What each method asks of the criterion, said after the partner's answer. */
    rules: perMethod(z.string().min(1)),
    rows: z.strictObject(Object.fromEntries(rows.map((r) => [r, RowSchema])) as Record<string, typeof RowSchema>),
  });

/**
 * A reason a form of a method suits the partner (docs/domain.md §2.4, §2.5): for the answers listed,
 * the partner's answer (or `said`, where the intake's words would speak of what the form does not
 * have), then `rule`. Not scored: the ranking is of the three methods.
 */
const FormReasonSchema = z
  .strictObject({
    criterion: z.enum(CRITERIA),
    answers: z.array(z.string().min(1)).min(1),
    said: z.string().min(1).optional(),
    rule: z.string().min(1),
    basis: z.string().min(1, "Say what the reason rests on."),
    sources: z.array(sourceKey),
    assumption: z.boolean(),
  })
  .superRefine((r, ctx) => {
    const rows: readonly string[] = CRITERION_ROWS[r.criterion];
    r.answers.forEach((answer, i) => {
      if (!rows.includes(answer))
        ctx.addIssue({ code: "custom", path: ["answers", i], message: `"${answer}" is not an answer of ${r.criterion} (it has ${rows.join(", ")}).` });
    });
    if (!r.assumption && r.sources.length === 0)
      ctx.addIssue({ code: "custom", path: ["sources"], message: "A reason that is not an assumption names its sources." });
  });

const FormSchema = z
  .strictObject({
    note: z.string().optional(),
    /** In the order the proposal lists them. */
    reasons: z.array(FormReasonSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<Criterion>();
    f.reasons.forEach((r, i) => {
      if (seen.has(r.criterion)) ctx.addIssue({ code: "custom", path: ["reasons", i, "criterion"], message: `${r.criterion} already has a reason.` });
      seen.add(r.criterion);
    });
  });

export const MethodWeightsSchema = z.strictObject({
  version: z.literal(1),
  note: z.string().optional(),
  baseScore: z.number().int().min(0).max(100),
  /** A lead of this many points or fewer is flagged as close. */
  closeLead: z.number().int().min(0).max(100),
  /** How evidence maturity is judged per priority and across them, as the Method page states it. */
  evidenceRule: z.string().min(1),
  urgency: z.strictObject({
    /** A hard deadline within this many months of the start counts as near. */
    deadlineWithinMonths: z.number().int().positive(),
    /** A desired start within this many months of today counts as soon. */
    startSoonMonths: z.number().int().positive(),
  }),
  criteria: z.strictObject(
    Object.fromEntries(CRITERIA.map((c) => [c, criterionSchema(CRITERION_ROWS[c])])) as Record<Criterion, ReturnType<typeof criterionSchema>>
  ),
  /** The forms of a method with reasons of their own (docs/domain.md §2.5); a form not listed gives its method's. */
  variants: z
    .strictObject(Object.fromEntries(METHOD_VARIANTS.map((v) => [v, FormSchema.optional()])) as Record<MethodVariant, z.ZodOptional<typeof FormSchema>>)
    .optional(),
});

export type MethodWeights = z.infer<typeof MethodWeightsSchema>;
export type FormReason = z.infer<typeof FormReasonSchema>;
