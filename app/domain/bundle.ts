import { z } from "zod";
import { TimelineSchema, type Timeline } from "./timeline";
import { DriverDiagramSchema, type DriverDiagram } from "./driver-diagram";
import { ORGANISATION_KINDS } from "./engagement";
import { IntakeSchema, type Intake } from "./intake";
import { METHODS, type Method } from "./methods";
import { line, paragraph, wholeNumber } from "./field-schemas";

/**
 * The engagement bundle: an engagement's editable content as versioned JSON, for export, import and
 * integrations. Computed parts (readiness, scores) are exported for readers and ignored on import;
 * proposal versions, shares, approvals, comments and the audit trail are never imported.
 */
export const BUNDLE_FORMAT = "partnership-planner/engagement";
export const BUNDLE_FORMAT_VERSION = 1;

const number = (label: string, max: number) => z.union([z.number().int().min(0).max(max), wholeNumber(label, { min: 0, max })]);

export const BundlePartnerSchema = z.strictObject({
  name: line("Partner name", { max: 160 }),
  kind: z.enum(ORGANISATION_KINDS, { error: `Partner kind must be one of: ${ORGANISATION_KINDS.join(", ")}.` }),
  country: line("Country", { max: 80 }),
  sites: number("Number of sites", 100_000).refine((n) => n >= 1, "Number of sites must be at least 1."),
  population: number("Population served", 2_000_000_000),
});

export const BundleDecisionSchema = z.strictObject({
  chosen: z.enum(METHODS, { error: `Method must be one of: ${METHODS.join(", ")}.` }),
  overrideReason: paragraph("Justification", { max: 4000 }).nullable().optional(),
});

export const EngagementBundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT, { error: `This is not an engagement bundle (format must be "${BUNDLE_FORMAT}").` }),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION, { error: `Only bundle format version ${BUNDLE_FORMAT_VERSION} can be read.` }),
  exportedAt: z.string().max(40).optional(),
  title: line("Title", { min: 3, max: 160 }),
  partner: BundlePartnerSchema,
  intake: IntakeSchema,
  readiness: z.unknown().optional(),
  method: z
    .strictObject({
      recommended: z.enum(METHODS).optional(),
      scores: z.unknown().optional(),
      decision: BundleDecisionSchema.nullable().optional(),
    })
    .optional(),
  driverDiagram: DriverDiagramSchema.nullable().optional(),
  timeline: TimelineSchema.nullable().optional(),
  /** Listed for readers, with the addresses of their documents; never imported. */
  proposalVersions: z.unknown().optional(),
});

export type EngagementBundle = z.infer<typeof EngagementBundleSchema>;

/** What an import brings in: editable content only. */
export type BundleContent = {
  title: string;
  partner: z.infer<typeof BundlePartnerSchema>;
  intake: Intake;
  decision: { chosen: Method; overrideReason: string | null } | null;
  driverDiagram: DriverDiagram | null;
  timeline: Timeline | null;
};

export function bundleContent(bundle: EngagementBundle): BundleContent {
  const decision = bundle.method?.decision;
  return {
    title: bundle.title,
    partner: bundle.partner,
    intake: bundle.intake,
    decision: decision ? { chosen: decision.chosen, overrideReason: decision.overrideReason?.trim() || null } : null,
    driverDiagram: bundle.driverDiagram ?? null,
    timeline: (bundle.timeline as Timeline | null | undefined) ?? null,
  };
}

/** Errors by dotted path ("intake.scale.hardDeadline"), "" for the bundle as a whole. */
export function bundleErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    errors[key] ??= issue.message;
  }
  return errors;
}

export type ParsedBundle = { ok: true; content: BundleContent } | { ok: false; errors: Record<string, string> };

/**
 * Validates a bundle from raw JSON text or a parsed value. `recommend` gives the method the
 * imported intake leads to: choosing another one needs a justification, as it does in the app.
 */
export function parseBundle(input: unknown, recommend: (intake: Intake) => Method): ParsedBundle {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, errors: { "": "The file is not valid JSON." } };
    }
  }
  const parsed = EngagementBundleSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: bundleErrors(parsed.error) };
  const content = bundleContent(parsed.data);
  if (content.decision && content.decision.chosen !== recommend(content.intake) && !content.decision.overrideReason) {
    return {
      ok: false,
      errors: { "method.decision.overrideReason": "A method other than the recommended one needs a justification." },
    };
  }
  return { ok: true, content };
}

/** The import page's form: a bundle file, or its JSON pasted (the file wins when both are given). */
export const ImportBundleFormSchema = z.object({
  file: z.instanceof(File).optional(),
  json: z.string().default(""),
});
