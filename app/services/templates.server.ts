import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { ApprovalThresholdsSchema } from "~/domain/approval-thresholds";
import { DemandParametersSchema, type DemandParameters } from "~/domain/demand";
import { formatIssuePath } from "~/domain/driver-diagram";
import { DRIVER_DIAGRAM_TOPICS, DriverDiagramTemplateSchema, type DriverDiagramTemplate } from "~/domain/driver-diagram-templates";
import { MethodWeightsSchema, type MethodWeights } from "~/domain/method-weights";
import { PricingRulesSchema, type PricingRules } from "~/domain/pricing";
import { METHODS, type Method } from "~/domain/methods";
import {
  CommonWordingSchema,
  MethodWordingSchema,
  ResultsLibrarySchema,
  VariantWordingSchema,
  type MethodWording,
  type ProposalWording,
} from "~/domain/proposal-templates";
import { ReadinessTemplateSchema, type ReadinessTemplate } from "~/domain/readiness";
import { StaffRolesSchema, type StaffRoles } from "~/domain/roster-forms";
import { METHOD_VARIANTS, VARIANT_METHOD, type MethodVariant } from "~/domain/small-requests";
import { TimelineTemplateSchema, type TimelineTemplate } from "~/domain/timeline";
import type { ApprovalThresholds } from "~/domain/workflow";

/*
 * Every template in docs-templates/, read and checked against its schema in one place. The server
 * loads them before it listens, so a bad edit stops it with the file and the field at fault instead
 * of failing later on someone's screen. Read once per root and kept.
 */

export type Templates = {
  timelines: Record<Method, TimelineTemplate>;
  /** The timelines of the forms a method takes for a small request, filed under the variant's name. */
  timelineVariants: Record<MethodVariant, TimelineTemplate>;
  staffRoles: StaffRoles;
  demandParameters: DemandParameters;
  driverDiagrams: DriverDiagramTemplate[];
  proposalWording: ProposalWording;
  approvalThresholds: ApprovalThresholds;
  methodWeights: MethodWeights;
  readiness: Record<Method, ReadinessTemplate>;
  /** The readiness of the forms of a method that have their own (docs-templates/readiness/<variant>.json); the others are judged on their method's. */
  readinessVariants: Partial<Record<MethodVariant, ReadinessTemplate>>;
  pricing: PricingRules;
};

export const BLANK_DRIVER_DIAGRAM = "blank";
const DRIVER_DIAGRAM_DIR = "docs-templates/driver-diagrams";

export class TemplateError extends Error {
  override name = "TemplateError";
  constructor(readonly file: string, readonly problems: string[]) {
    super(`The template ${file} is not valid:\n  ${problems.join("\n  ")}`);
  }
}

/** Checks one template's text against its schema; the error names the file and the path of each problem. */
export function parseTemplate<S extends z.ZodType>(file: string, text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TemplateError(file, [`not valid JSON (${(error as Error).message})`]);
  }
  const result = schema.safeParse(json);
  if (!result.success)
    throw new TemplateError(
      file,
      result.error.issues.map((issue) => `${formatIssuePath(issue.path) || "(the file)"}: ${issue.message}`)
    );
  return result.data;
}

function readTemplate<S extends z.ZodType>(root: string, file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, file), "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new TemplateError(file, [missing ? "the file is missing" : `cannot be read (${(error as Error).message})`]);
  }
  return parseTemplate(file, text, schema);
}

/** A template for each method, each filed under its own method's name. */
function readPerMethod<S extends z.ZodType<{ method: Method }>>(root: string, folder: string, schema: S): Record<Method, z.output<S>> {
  const out = {} as Record<Method, z.output<S>>;
  for (const method of METHODS) {
    const file = `${folder}/${method}.json`;
    const template = readTemplate(root, file, schema);
    if (template.method !== method) throw new TemplateError(file, [`method: the file is for "${method}" but says "${template.method}"`]);
    out[method] = template;
  }
  return out;
}

/**
 * A template for each form of a method that has its own (docs/domain.md §2.5), filed under the form's
 * name in `folder`; a form without a file takes its method's.
 */
function readPerVariant<S extends z.ZodType<{ method: Method; variant?: MethodVariant }>>(
  root: string,
  folder: string,
  schema: S
): Partial<Record<MethodVariant, z.output<S>>> {
  const out: Partial<Record<MethodVariant, z.output<S>>> = {};
  for (const variant of METHOD_VARIANTS) {
    const file = `${folder}/${variant}.json`;
    if (!fs.existsSync(path.join(root, file))) continue;
    const template = readTemplate(root, file, schema);
    if (template.variant !== variant) throw new TemplateError(file, [`variant: the file is for "${variant}" but says "${template.variant ?? "none"}"`]);
    if (template.method !== VARIANT_METHOD[variant])
      throw new TemplateError(file, [`method: the file is a form of "${VARIANT_METHOD[variant]}" but says "${template.method}"`]);
    out[variant] = template;
  }
  return out;
}

/** Readiness for each method, in files that name no form of it. */
function readReadiness(root: string): Record<Method, ReadinessTemplate> {
  const out = readPerMethod(root, "docs-templates/readiness", ReadinessTemplateSchema);
  for (const method of METHODS)
    if (out[method].variant)
      throw new TemplateError(`docs-templates/readiness/${method}.json`, [
        `variant: a method's own readiness names no form of it; "${out[method].variant}" has its own file`,
      ]);
  return out;
}

function readTimelineVariants(root: string): Record<MethodVariant, TimelineTemplate> {
  const out = {} as Record<MethodVariant, TimelineTemplate>;
  for (const variant of METHOD_VARIANTS) {
    const file = `docs-templates/timelines/${variant}.json`;
    const template = readTemplate(root, file, TimelineTemplateSchema);
    if (template.method !== VARIANT_METHOD[variant])
      throw new TemplateError(file, [`method: the file is a form of "${VARIANT_METHOD[variant]}" but says "${template.method}"`]);
    out[variant] = template;
  }
  return out;
}

function readDriverDiagrams(root: string): DriverDiagramTemplate[] {
  const names = fs
    .readdirSync(path.join(root, DRIVER_DIAGRAM_DIR))
    .filter((f) => f.toLowerCase().endsWith(".json"))
    .sort();
  const templates = names.map((name) => {
    const file = `${DRIVER_DIAGRAM_DIR}/${name}`;
    const template = readTemplate(root, file, DriverDiagramTemplateSchema);
    const expectedKey = name.replace(/\.json$/i, "");
    if (template.key !== expectedKey) throw new TemplateError(file, [`key: "${template.key}" must match the file name ("${expectedKey}").`]);
    return template;
  });
  const topics = new Map<string, string>();
  for (const t of templates) {
    if (t.topic === null) continue;
    const other = topics.get(t.topic);
    if (other) throw new TemplateError(`${DRIVER_DIAGRAM_DIR}/${t.key}.json`, [`topic: "${t.topic}" is already served by ${other}.json.`]);
    topics.set(t.topic, t.key);
  }
  if (!templates.some((t) => t.key === BLANK_DRIVER_DIAGRAM))
    throw new TemplateError(`${DRIVER_DIAGRAM_DIR}/${BLANK_DRIVER_DIAGRAM}.json`, [
      "the file is missing: it is the template to fall back on when no topic matches.",
    ]);
  const rank = (t: DriverDiagramTemplate) => (t.topic === null ? DRIVER_DIAGRAM_TOPICS.length : DRIVER_DIAGRAM_TOPICS.indexOf(t.topic));
  return templates.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

const cache = new Map<string, Templates>();

/**
 * Reads and checks every template under `root` (the project root by default) and keeps the result.
 * Throws a TemplateError naming the file and the path of the first bad template.
 */
export function loadTemplates(root: string = process.cwd()): Templates {
  const staffRoles = readTemplate(root, "docs-templates/staff-roles.json", StaffRolesSchema);
  const demandParameters = readTemplate(root, "docs-templates/demand-parameters.json", DemandParametersSchema);
  const roleKeys = new Set(staffRoles.roles.map((r) => r.key));
  const ruleSets = [
    ...METHODS.map((method) => [`methods.${method}`, demandParameters.methods[method]] as const),
    ...METHOD_VARIANTS.flatMap((variant) => {
      const config = demandParameters.variants[variant];
      return config ? [[`variants.${variant}`, config] as const] : [];
    }),
  ];
  const unknownRoles = ruleSets.flatMap(([at, config]) =>
    config.rules.flatMap((rule, i) => (roleKeys.has(rule.role) ? [] : [`${at}.rules[${i}].role: "${rule.role}" is not in docs-templates/staff-roles.json`]))
  );
  if (unknownRoles.length) throw new TemplateError("docs-templates/demand-parameters.json", unknownRoles);

  const methodWording = readPerMethod(root, "docs-templates/proposal", MethodWordingSchema) as Record<Method, MethodWording>;
  for (const method of METHODS) {
    const unknown = Object.keys(methodWording[method].roleNames ?? {}).filter((key) => !roleKeys.has(key));
    if (unknown.length)
      throw new TemplateError(
        `docs-templates/proposal/${method}.json`,
        unknown.map((key) => `roleNames.${key}: "${key}" is not in docs-templates/staff-roles.json`)
      );
  }

  const loaded: Templates = {
    timelines: readPerMethod(root, "docs-templates/timelines", TimelineTemplateSchema),
    timelineVariants: readTimelineVariants(root),
    staffRoles,
    demandParameters,
    driverDiagrams: readDriverDiagrams(root),
    proposalWording: {
      common: readTemplate(root, "docs-templates/proposal/common.json", CommonWordingSchema),
      methods: methodWording,
      results: readTemplate(root, "docs-templates/evidence/results.json", ResultsLibrarySchema).entries,
      variants: readPerVariant(root, "docs-templates/proposal", VariantWordingSchema),
    },
    approvalThresholds: readTemplate(root, "docs-templates/approval-thresholds.json", ApprovalThresholdsSchema),
    methodWeights: readTemplate(root, "docs-templates/method-recommendation.json", MethodWeightsSchema),
    readiness: readReadiness(root),
    readinessVariants: readPerVariant(root, "docs-templates/readiness", ReadinessTemplateSchema),
    pricing: readTemplate(root, "docs-templates/pricing.json", PricingRulesSchema),
  };
  cache.set(root, loaded);
  return loaded;
}

/** The templates, read on first use when start-up has not read them already. */
export function templates(root: string = process.cwd()): Templates {
  return cache.get(root) ?? loadTemplates(root);
}

/** For tests that edit templates in a folder of their own. */
export function clearTemplateCache(): void {
  cache.clear();
}

export const getTimelineTemplates = () => templates().timelines;
export const getTimelineTemplate = (method: Method) => templates().timelines[method];
export const getTimelineVariantTemplates = () => templates().timelineVariants;
export const getStaffRoles = () => templates().staffRoles;
export const getDemandParameters = () => templates().demandParameters;
export const getProposalWording = () => templates().proposalWording;
export const getApprovalThresholds = () => templates().approvalThresholds;
export const getMethodWeights = () => templates().methodWeights;
/**
 * The readiness a method is judged on; for a form of it with readiness of its own (a short tailored
 * engagement), that form's. A variant that is not a form of the method is the method's.
 */
export function getReadinessTemplate(method: Method, variant?: MethodVariant | null): ReadinessTemplate {
  const own = variant ? templates().readinessVariants[variant] : undefined;
  return own && own.method === method ? own : templates().readiness[method];
}
export const getPricingRules = () => templates().pricing;

/** Topic templates in the order of the priorities, the blank one last. */
export const listDriverDiagramTemplates = () => templates().driverDiagrams;
export const getDriverDiagramTemplate = (key: string) => templates().driverDiagrams.find((t) => t.key === key);

/** The template for a partner's priority (e.g. "pressure_ulcers"), or the blank one when none matches. */
export function templateForTopic(topicKey: string | null | undefined): DriverDiagramTemplate {
  const all = listDriverDiagramTemplates();
  return all.find((t) => t.topic !== null && t.topic === topicKey) ?? all.find((t) => t.key === BLANK_DRIVER_DIAGRAM)!;
}
