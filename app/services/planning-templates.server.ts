import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { DemandParametersSchema, type DemandParameters } from "~/domain/demand";
import { METHODS, type Method } from "~/domain/methods";
import { StaffRolesSchema, type StaffRoles } from "~/domain/resource-fit";
import { TimelineTemplateSchema, describeIssues, type TimelineTemplate } from "~/domain/timeline";

/*
 * The planning templates in docs-templates/: timeline templates per method, staff roles and demand
 * parameters. Read once per root and cached; an invalid file stops with an error naming the file and
 * the field, so a bad edit is found at start-up rather than on a manager's screen.
 */

export class PlanningTemplateError extends Error {
  override name = "PlanningTemplateError";
  constructor(readonly file: string, readonly problems: string[]) {
    super(`Invalid planning template ${file}:\n  ${problems.join("\n  ")}`);
  }
}

type Loaded = {
  timelines: Record<Method, TimelineTemplate>;
  staffRoles: StaffRoles;
  demandParameters: DemandParameters;
};

const cache = new Map<string, Loaded>();

function readJson<T extends z.ZodType>(root: string, relative: string, schema: T): z.output<T> {
  const file = path.join(root, relative);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PlanningTemplateError(relative, [(error as NodeJS.ErrnoException).code === "ENOENT" ? "the file is missing" : `not valid JSON (${reason})`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new PlanningTemplateError(relative, describeIssues(result.error));
  return result.data;
}

/** Reads and checks every planning template under `root` (the project root by default). */
export function loadPlanningTemplates(root: string = process.cwd()): Loaded {
  const cached = cache.get(root);
  if (cached) return cached;

  const timelines = {} as Record<Method, TimelineTemplate>;
  for (const method of METHODS) {
    const relative = `docs-templates/timelines/${method}.json`;
    const template = readJson(root, relative, TimelineTemplateSchema);
    if (template.method !== method) throw new PlanningTemplateError(relative, [`method: the file is for "${method}" but says "${template.method}"`]);
    timelines[method] = template;
  }

  const staffRoles = readJson(root, "docs-templates/staff-roles.json", StaffRolesSchema);
  const demandParameters = readJson(root, "docs-templates/demand-parameters.json", DemandParametersSchema);
  const roleKeys = new Set(staffRoles.roles.map((r) => r.key));
  const unknownRoles = METHODS.flatMap((method) =>
    demandParameters.methods[method].rules.flatMap((rule, i) =>
      roleKeys.has(rule.role) ? [] : [`methods.${method}.rules[${i}].role: "${rule.role}" is not in docs-templates/staff-roles.json`]
    )
  );
  if (unknownRoles.length) throw new PlanningTemplateError("docs-templates/demand-parameters.json", unknownRoles);

  const loaded = { timelines, staffRoles, demandParameters };
  cache.set(root, loaded);
  return loaded;
}

export function getTimelineTemplate(method: Method, root?: string): TimelineTemplate {
  return loadPlanningTemplates(root).timelines[method];
}

export function getTimelineTemplates(root?: string): Record<Method, TimelineTemplate> {
  return loadPlanningTemplates(root).timelines;
}

export function getStaffRoles(root?: string): StaffRoles {
  return loadPlanningTemplates(root).staffRoles;
}

export function getDemandParameters(root?: string): DemandParameters {
  return loadPlanningTemplates(root).demandParameters;
}

/** For tests and for reloading after the templates are edited. */
export function clearPlanningTemplateCache(): void {
  cache.clear();
}
