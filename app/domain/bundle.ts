import { z } from "zod";
import { TimelineSchema, type Timeline } from "./timeline";
import { DriverDiagramSchema, type DriverDiagram } from "./driver-diagram";
import { PARTNER_KINDS } from "./partner-kinds";
import { IntakeSchema } from "./intake-schema";
import { priorityKey, type Intake } from "./intake";
import { METHODS, type Method } from "./methods";
import { METHOD_VARIANTS, VARIANT_LABELS, VARIANT_METHOD, type MethodVariant } from "./method-variants";
import { COUNTRY_CODES, countryFromText, isCountryCode } from "./countries";
import { line, paragraph } from "./field-schemas";
import { TITLE_MAX } from "./engagement-forms";
import { firstWaveRefusal, LeverSettingsInputSchema, NO_LEVERS, type LeverSettings } from "./levers";
import { feeByHandFields } from "./pricing-forms";
import { MAX_OPTIONS, NO_FEE_BY_HAND_WITH_OPTIONS, OPTION_NAME_TAKEN, optionFields, optionNameTaken } from "./proposal-options";

/**
 * The engagement bundle: an engagement's editable content as versioned JSON, for export, import and
 * integrations. Computed parts (readiness, scores) are exported for readers and ignored on import;
 * proposal versions, shares, approvals, comments and the audit trail are never imported.
 * Version 2 adds the proposal draft's pricing and options (`proposal`); a version-1 bundle, which has
 * neither, still imports as it always did.
 */
export const BUNDLE_FORMAT = "partnership-planner/engagement";
export const BUNDLE_FORMAT_VERSION = 2;
/** Every format version an import reads. */
export const BUNDLE_FORMAT_VERSIONS = [1, 2] as const;

const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min.toLocaleString("en-GB")}.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")}.`);

export const BundlePartnerSchema = z.strictObject({
  name: line("Partner name", { max: 160 }),
  kind: z.enum(PARTNER_KINDS, { error: `Partner kind must be one of: ${PARTNER_KINDS.join(", ")}.` }),
  country: z
    .enum(COUNTRY_CODES, { error: "Country must be an ISO 3166-1 alpha-2 code, such as GB, US or AU, or null when it is not known." })
    .nullable()
    .default(null)
    .meta({ description: "The ISO 3166-1 alpha-2 code of the partner's country, or null when it is not known yet." }),
  sites: count("Number of sites", 1, 100_000),
  population: count("Population served", 0, 2_000_000_000)
    .nullable()
    .default(null)
    .meta({ description: "The population the partner serves, or null when it is not known yet." }),
});

export const BundleDecisionSchema = z
  .strictObject({
    chosen: z.enum(METHODS, { error: `Method must be one of: ${METHODS.join(", ")}.` }),
    overrideReason: paragraph("Justification", { max: 4000 }).nullable().optional(),
    variant: z
      .enum(METHOD_VARIANTS, { error: `Variant must be one of: ${METHOD_VARIANTS.join(", ")}, or null for the full method.` })
      .nullable()
      .optional()
      .meta({
        description: `For a small request, the form of the method chosen: ${METHOD_VARIANTS.map(
          (v) => `${v} (${VARIANT_LABELS[v]}, a form of the ${VARIANT_METHOD[v]})`
        ).join(", ")}; null or absent for the full method.`,
      }),
    openCollaborative: line("Open collaborative", { max: 160 }).nullable().optional().meta({
      description:
        "For join_open_collaborative, the title of the open collaborative joined; on import it is matched, by title, to one listed, and left unmatched when none is.",
    }),
  })
  .superRefine((decision, ctx) => {
    const variant = decision.variant;
    if (variant && VARIANT_METHOD[variant] !== decision.chosen)
      ctx.addIssue({
        code: "custom",
        path: ["variant"],
        message: `${VARIANT_LABELS[variant]} is a form of the ${VARIANT_METHOD[variant]}: choose "${VARIANT_METHOD[variant]}", or no variant.`,
      });
    if (decision.openCollaborative && variant !== "join_open_collaborative")
      ctx.addIssue({
        code: "custom",
        path: ["openCollaborative"],
        message: "An open collaborative is named only when the variant is join_open_collaborative.",
      });
  });

/** An option the proposal's draft offers (docs/domain.md §9.13): its words, as the Proposal page takes them, and its own levers. */
export const BundleOptionSchema = z.strictObject({
  ...optionFields,
  levers: LeverSettingsInputSchema.optional().meta({ description: "The option's own levers (docs/domain.md §8.8); none applied when left out." }),
});

/**
 * The proposal draft's pricing (docs/domain.md §8.8–8.9, §9.13): the proposal-wide levers, a fee set
 * by hand with its reason, and the options, each checked as the Proposal page checks them.
 */
export const BundleProposalSchema = z
  .strictObject({
    levers: LeverSettingsInputSchema.optional().meta({
      description: "The levers of the Fee and budget panel: what the draft without options is priced on, and what a new option starts on.",
    }),
    feeSetByHand: z.strictObject(feeByHandFields).nullable().optional().meta({
      description: "A fee set by hand in place of the rules' fee, in whole units of the roster's currency, with its reason; null when the rules' fee stands.",
    }),
    options: z
      .array(BundleOptionSchema)
      .max(MAX_OPTIONS, `A proposal offers at most ${MAX_OPTIONS} options: keep the ones to offer and leave the others out of the bundle.`)
      .optional()
      .meta({ description: `Up to ${MAX_OPTIONS} options, in the order the partner is offered them; none or left out for one scope.` }),
  })
  .superRefine((proposal, ctx) => {
    const options = proposal.options ?? [];
    options.forEach((option, i) => {
      if (optionNameTaken(options.slice(0, i), option.name)) ctx.addIssue({ code: "custom", path: ["options", i, "name"], message: OPTION_NAME_TAKEN });
    });
    if (options.length && proposal.feeSetByHand) ctx.addIssue({ code: "custom", path: ["feeSetByHand"], message: NO_FEE_BY_HAND_WITH_OPTIONS });
  });

export const EngagementBundleSchema = z
  .strictObject({
    format: z.literal(BUNDLE_FORMAT, { error: `This is not an engagement bundle (format must be "${BUNDLE_FORMAT}").` }),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSIONS, {
      error: `Only bundle format versions ${BUNDLE_FORMAT_VERSIONS.join(" and ")} can be read.`,
    }),
    exportedAt: z.string().max(40).optional(),
    title: line("Title", { min: 3, max: TITLE_MAX }),
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
    /** Since format version 2: the proposal draft's pricing and options. */
    proposal: BundleProposalSchema.optional(),
    /** Listed for readers, with the addresses of their documents; never imported. */
    proposalVersions: z.unknown().optional(),
  })
  .superRefine((bundle, ctx) => {
    // A first wave is some of the plan's sites (docs/domain.md §8.8): never more than the plan has.
    const planSites = bundle.timeline?.generatedFrom?.teams ?? bundle.partner?.sites;
    if (typeof planSites === "number") {
      const firstWave = (levers: { firstWaveSites?: number | null } | undefined, path: (string | number)[]) => {
        const message = firstWaveRefusal(levers, planSites, bundle.timeline?.method ?? bundle.method?.decision?.chosen);
        if (message) ctx.addIssue({ code: "custom", path: [...path, "firstWaveSites"], message });
      };
      firstWave(bundle.proposal?.levers, ["proposal", "levers"]);
      (bundle.proposal?.options ?? []).forEach((option, i) => firstWave(option?.levers, ["proposal", "options", i, "levers"]));
    }
    // A site joining an open collaborative attends its host's sessions as the host holds them (docs/domain.md §8.8): not ours to hold online.
    if (bundle.method?.decision?.variant === "join_open_collaborative") {
      const online = (levers: { virtualSessions?: boolean } | undefined, path: (string | number)[]) => {
        if (levers?.virtualSessions)
          ctx.addIssue({
            code: "custom",
            path: [...path, "virtualSessions"],
            message:
              "Events held online cannot be applied to joining an open collaborative: its learning sessions are its host's, held as the host holds them.",
          });
      };
      online(bundle.proposal?.levers, ["proposal", "levers"]);
      (bundle.proposal?.options ?? []).forEach((option, i) => online(option?.levers, ["proposal", "options", i, "levers"]));
    }
    // Evidence is keyed by its priority's id: an entry naming no priority would be silently lost.
    // Runs even when other fields failed: then the rows may not have been read, and this check waits.
    const { priorities } = bundle.intake.needs;
    const rows = bundle.intake.evidence.priorityEvidence;
    const read = (list: unknown[]) => Array.isArray(list) && list.every((x) => x !== null && typeof x === "object");
    if (!read(priorities) || !read(rows)) return;
    const ids = priorities.map(priorityKey);
    rows.forEach((row, i) => {
      if (typeof row.priority !== "string") return;
      if (!ids.includes(row.priority))
        ctx.addIssue({
          code: "custom",
          path: ["intake", "evidence", "priorityEvidence", i, "priority"],
          message: `No priority has the id "${row.priority}": use the id of one of intake.needs.priorities (${
            ids.length ? ids.join(", ") : "there are none"
          }), its topic or, for a written-in topic, its "id".`,
        });
    });
  });

export type EngagementBundle = z.infer<typeof EngagementBundleSchema>;

/** What an import brings in: editable content only. */
export type BundleContent = {
  title: string;
  partner: z.infer<typeof BundlePartnerSchema>;
  intake: Intake;
  decision: { chosen: Method; overrideReason: string | null; variant: MethodVariant | null; openCollaborative: string | null } | null;
  driverDiagram: DriverDiagram | null;
  timeline: Timeline | null;
  /** The proposal draft's pricing and options; null when the bundle has none (as every version-1 bundle). */
  proposal: BundleProposal | null;
};

export type BundleProposal = {
  levers: LeverSettings;
  feeSetByHand: { fee: number; reason: string } | null;
  options: { name: string; scope: string; leavesOut: string; levers: LeverSettings }[];
};

export function bundleContent(bundle: EngagementBundle): BundleContent {
  const decision = bundle.method?.decision;
  return {
    title: bundle.title,
    partner: bundle.partner,
    intake: bundle.intake,
    decision: decision
      ? {
          chosen: decision.chosen,
          overrideReason: decision.overrideReason?.trim() || null,
          variant: decision.variant ?? null,
          openCollaborative: decision.openCollaborative?.trim() || null,
        }
      : null,
    driverDiagram: bundle.driverDiagram ?? null,
    timeline: (bundle.timeline as Timeline | null | undefined) ?? null,
    proposal: bundle.proposal
      ? {
          levers: bundle.proposal.levers ?? NO_LEVERS,
          feeSetByHand: bundle.proposal.feeSetByHand ?? null,
          options: (bundle.proposal.options ?? []).map((o) => ({ name: o.name, scope: o.scope, leavesOut: o.leavesOut, levers: o.levers ?? NO_LEVERS })),
        }
      : null,
  };
}

/**
 * Bundles written before countries were codes name the country in words: a name or a common way of
 * writing it ("United Kingdom", "UK", "USA") is read as its code; anything else is left to be refused.
 */
function withCountryCode(value: unknown): unknown {
  const partner = (value as { partner?: unknown } | null)?.partner;
  if (!partner || typeof partner !== "object") return value;
  const country = (partner as { country?: unknown }).country;
  if (typeof country !== "string" || isCountryCode(country)) return value;
  const code = countryFromText(country);
  return code ? { ...(value as object), partner: { ...partner, country: code } } : value;
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
/**
 * A bundle's content, checked whole. `recommend` gives the method recommended for the intake and the
 * partner (whose time and country the recommendation weighs, docs/domain.md §2.2): a decision for
 * another method must say why, as on the Method page.
 */
export function parseBundle(input: unknown, recommend: (intake: Intake, partner: BundleContent["partner"]) => Method): ParsedBundle {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, errors: { "": "The file is not valid JSON." } };
    }
  }
  const parsed = EngagementBundleSchema.safeParse(withCountryCode(value));
  if (!parsed.success) return { ok: false, errors: bundleErrors(parsed.error) };
  const content = bundleContent(parsed.data);
  if (content.decision && content.decision.chosen !== recommend(content.intake, content.partner) && !content.decision.overrideReason) {
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

/**
 * The title an imported engagement takes: the bundle's own, or, when an engagement here already has
 * it (the same bundle imported twice, or a copy brought back), the same marked "(imported)", then
 * "(imported 2)" and so on, shortened to fit the longest title allowed, so that the two are told apart
 * in every list. `taken` says whether a title is in use, whatever its case.
 */
export function importedTitle(title: string, taken: (title: string) => boolean): string {
  if (!taken(title)) return title;
  for (let n = 1; ; n++) {
    const mark = n === 1 ? " (imported)" : ` (imported ${n})`;
    const candidate = `${title.slice(0, TITLE_MAX - mark.length).trimEnd()}${mark}`;
    if (!taken(candidate)) return candidate;
  }
}
