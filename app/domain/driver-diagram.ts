import { z } from "zod";
import { stripControlChars } from "./text";
import {
  childrenOf,
  findNode,
  LINK_STRENGTHS,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  NODE_KIND_LABELS,
  NODE_KINDS,
  PARENT_KIND,
  type LinkStrength,
  type NodeKind,
} from "./driver-diagram-view";

/**
 * The driver diagram: the team's theory of what drives the aim (docs/domain.md §6.2).
 * Aim on the left → primary drivers → secondary drivers → change ideas, with measures attached.
 * A secondary driver may serve several primaries, a change idea several secondaries; each link is
 * strong or weaker. Nodes keep their order in `nodes`: that order is the order among siblings.
 */

// The vocabulary and the views live in ./driver-diagram-view (the page loads them without zod).
export {
  childrenOf,
  diagramTableRows,
  driverDiagramOutline,
  findNode,
  itemAnchor,
  LINK_STRENGTH_LABELS,
  LINK_STRENGTHS,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  measuresOf,
  measureTableRows,
  NODE_KIND_LABELS,
  NODE_KINDS,
  PARENT_KIND,
} from "./driver-diagram-view";
export type { DiagramTableRow, LinkStrength, MeasureKind, MeasureTableRow, NodeKind, OutlineItem } from "./driver-diagram-view";

const NODE_KIND_PLURALS: Record<NodeKind, string> = {
  primary: "primary drivers",
  secondary: "secondary drivers",
  change: "change ideas",
};

export const DRIVER_DIAGRAM_LIMITS = {
  label: 500,
  measureName: 200,
  statement: 1000,
  definition: 2000,
  numeratorOrDenominator: 1000,
  source: 500,
  frequency: 100,
  target: 200,
  byWhen: 100,
  population: 500,
  nodes: 400,
  measures: 400,
  parentsPerNode: 50,
} as const;
const L = DRIVER_DIAGRAM_LIMITS;

// ---------------------------------------------------------------------------------------------
// Text fields

/** One line of text: control characters removed, line breaks and tabs become spaces. */
export function toSingleLine(value: string): string {
  return stripControlChars(value)
    .replace(/[\r\n\t\u2028\u2029]+/g, " ")
    .trim();
}

function toMultiLine(value: string): string {
  return stripControlChars(value)
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .trim();
}

function requiredLine(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .transform(toSingleLine)
    .pipe(
      z
        .string()
        .min(1, `${label} is required.`)
        .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
    );
}

function optionalLine(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .default("")
    .transform(toSingleLine)
    .pipe(z.string().max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`));
}

function multiLine(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .default("")
    .transform(toMultiLine)
    .pipe(z.string().max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`));
}

// ---------------------------------------------------------------------------------------------
// Schema

export const NODE_ID_PATTERN = /^n[1-9][0-9]{0,5}$/;
export const MEASURE_ID_PATTERN = /^m[1-9][0-9]{0,5}$/;

const NodeIdSchema = z.string({ error: "An id is required." }).regex(NODE_ID_PATTERN, "A driver or change idea id looks like n1, n2, n3 …");
const MeasureIdSchema = z.string({ error: "An id is required." }).regex(MEASURE_ID_PATTERN, "A measure id looks like m1, m2, m3 …");

export const ParentLinkSchema = z.strictObject({
  id: NodeIdSchema,
  strength: z.enum(LINK_STRENGTHS, { error: "A link is either strong or weak." }).default("strong"),
});

export const DriverNodeSchema = z.strictObject({
  id: NodeIdSchema,
  kind: z.enum(NODE_KINDS, { error: "Kind must be primary, secondary or change." }),
  label: requiredLine("The driver or change idea", L.label),
  parents: z.array(ParentLinkSchema).max(L.parentsPerNode, `At most ${L.parentsPerNode} links per item.`).default([]),
  /** Inferred rather than taken from a source: to be reviewed with the partner. */
  assumption: z.boolean({ error: "Assumption must be true or false." }).default(false),
});

export const MeasureSchema = z.strictObject({
  id: MeasureIdSchema,
  kind: z.enum(MEASURE_KINDS, { error: "Kind must be outcome, process or balancing." }),
  name: requiredLine("Measure name", L.measureName),
  definition: multiLine("Operational definition", L.definition),
  numerator: multiLine("Numerator", L.numeratorOrDenominator),
  denominator: multiLine("Denominator", L.numeratorOrDenominator),
  source: optionalLine("Data source", L.source),
  frequency: optionalLine("Frequency", L.frequency),
  target: optionalLine("Target", L.target),
  attachedTo: z.union([z.literal("aim"), NodeIdSchema], { error: "Attach the measure to the aim or to a driver or change idea id (n1, n2 …)." }),
  assumption: z.boolean({ error: "Assumption must be true or false." }).default(false),
});

export const AimSchema = z.strictObject({
  /** The aim in one sentence: what will improve, by how much, for whom, by when. */
  statement: optionalLine("Aim", L.statement),
  baseline: optionalLine("Baseline", L.target),
  target: optionalLine("Target", L.target),
  byWhen: optionalLine("By when", L.byWhen),
  population: optionalLine("For whom", L.population),
});

export type Aim = z.output<typeof AimSchema>;
export type AimInput = z.input<typeof AimSchema>;
export type ParentLink = z.output<typeof ParentLinkSchema>;
export type DriverNode = z.output<typeof DriverNodeSchema>;
export type Measure = z.output<typeof MeasureSchema>;
export type MeasureInput = Omit<z.input<typeof MeasureSchema>, "id"> & { id?: string };

export type DiagramProblem = { path: (string | number)[]; message: string };

/**
 * Rules that span fields: unique ids, parents one level up, measures attached to something that
 * exists and of a kind that belongs there. Shared by the schema and by the edit operations.
 */
export function diagramProblems(d: { nodes: readonly DriverNode[]; measures: readonly Measure[] }): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  const byId = new Map<string, DriverNode>();
  d.nodes.forEach((node, i) => {
    if (byId.has(node.id)) problems.push({ path: ["nodes", i, "id"], message: `The id ${node.id} is used twice.` });
    else byId.set(node.id, node);
  });
  d.nodes.forEach((node, i) => {
    if (node.kind === "primary") {
      if (node.parents.length > 0) problems.push({ path: ["nodes", i, "parents"], message: "A primary driver serves the aim directly; it has no parents." });
      return;
    }
    const wanted = PARENT_KIND[node.kind] as NodeKind;
    if (node.parents.length === 0)
      problems.push({
        path: ["nodes", i, "parents"],
        message: `A ${NODE_KIND_LABELS[node.kind].toLowerCase()} must serve at least one ${NODE_KIND_LABELS[wanted].toLowerCase()}.`,
      });
    const seen = new Set<string>();
    node.parents.forEach((link, j) => {
      const parent = byId.get(link.id);
      if (seen.has(link.id)) problems.push({ path: ["nodes", i, "parents", j, "id"], message: `${link.id} is listed twice as a parent.` });
      seen.add(link.id);
      if (!parent) problems.push({ path: ["nodes", i, "parents", j, "id"], message: `The parent ${link.id} does not exist.` });
      else if (parent.kind !== wanted)
        problems.push({
          path: ["nodes", i, "parents", j, "id"],
          message: `A ${NODE_KIND_LABELS[node.kind].toLowerCase()} serves ${NODE_KIND_PLURALS[wanted]}; ${link.id} is a ${NODE_KIND_LABELS[
            parent.kind
          ].toLowerCase()}.`,
        });
    });
  });
  const measureIds = new Set<string>();
  d.measures.forEach((m, i) => {
    if (measureIds.has(m.id)) problems.push({ path: ["measures", i, "id"], message: `The id ${m.id} is used twice.` });
    measureIds.add(m.id);
    if (m.attachedTo !== "aim" && !byId.has(m.attachedTo))
      problems.push({ path: ["measures", i, "attachedTo"], message: `The measure is attached to ${m.attachedTo}, which does not exist.` });
    else if (m.kind === "outcome" && m.attachedTo !== "aim")
      problems.push({ path: ["measures", i, "attachedTo"], message: "An outcome measure belongs to the aim." });
    else if (m.kind === "process" && m.attachedTo === "aim")
      problems.push({ path: ["measures", i, "attachedTo"], message: "A process measure belongs to a driver or a change idea, not to the aim." });
  });
  return problems;
}

export const DiagramNodesSchema = z.array(DriverNodeSchema).max(L.nodes, `A diagram holds at most ${L.nodes} drivers and change ideas.`);
export const DiagramMeasuresSchema = z.array(MeasureSchema).max(L.measures, `A diagram holds at most ${L.measures} measures.`);

export function addDiagramProblems(d: { nodes: DriverNode[]; measures: Measure[] }, ctx: z.RefinementCtx) {
  for (const p of diagramProblems(d)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
}

export const DriverDiagramSchema = z
  .strictObject({
    aim: AimSchema,
    nodes: DiagramNodesSchema.default([]),
    measures: DiagramMeasuresSchema.default([]),
  })
  .superRefine(addDiagramProblems);

export type DriverDiagram = z.output<typeof DriverDiagramSchema>;

/** "nodes[3].parents[0].id" — how an error names the field. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

export function emptyDriverDiagram(): DriverDiagram {
  return { aim: { statement: "", baseline: "", target: "", byWhen: "", population: "" }, nodes: [], measures: [] };
}

// ---------------------------------------------------------------------------------------------
// Reading the model

function nextId(prefix: "n" | "m", ids: string[]): string {
  const used = ids.map((id) => Number(id.slice(1))).filter((n) => Number.isInteger(n));
  return `${prefix}${Math.max(0, ...used) + 1}`;
}

/** The next node id: one more than the highest in use (n7 when n6 is the highest), whatever gaps deletions left. */
export function nextNodeId(d: DriverDiagram): string {
  return nextId(
    "n",
    d.nodes.map((n) => n.id)
  );
}

export function nextMeasureId(d: DriverDiagram): string {
  return nextId(
    "m",
    d.measures.map((m) => m.id)
  );
}

/** A label shortened for messages ("…" when cut), quoted. */
export function quoteLabel(label: string, max = 60): string {
  const chars = Array.from(label);
  return `“${
    chars.length > max
      ? `${chars
          .slice(0, max - 1)
          .join("")
          .trimEnd()}…`
      : label
  }”`;
}

// ---------------------------------------------------------------------------------------------
// Editing: each operation returns a new diagram, or a message saying why it cannot be done.

/** A refusal, with the form field it concerns when the operation knows it ("" = the form as a whole). */
export type Refusal = { ok: false; message: string; field?: string };
export type EditResult = { ok: true; diagram: DriverDiagram } | Refusal;
export type AddResult = { ok: true; diagram: DriverDiagram; id: string } | Refusal;

function fail(message: string, field?: string): Refusal {
  return field === undefined ? { ok: false, message } : { ok: false, message, field };
}

function firstError(result: { success: false; error: z.ZodError }): string {
  return result.error.issues[0]?.message ?? "That is not valid.";
}

function checkedAdd(diagram: DriverDiagram, id: string): AddResult {
  const problem = diagramProblems(diagram)[0];
  return problem ? fail(problem.message) : { ok: true, diagram, id };
}

const LabelSchema = DriverNodeSchema.shape.label;

export function setAim(d: DriverDiagram, input: Partial<AimInput>): EditResult {
  const parsed = AimSchema.safeParse({ ...d.aim, ...input });
  if (!parsed.success) return fail(firstError(parsed));
  return { ok: true, diagram: { ...d, aim: parsed.data } };
}

export type NewNode = {
  kind: NodeKind;
  label: string;
  /** Required for secondary drivers (primary parents) and change ideas (secondary parents). */
  parentIds?: string[];
  strength?: LinkStrength;
  assumption?: boolean;
};

export function addNode(d: DriverDiagram, input: NewNode): AddResult {
  if (d.nodes.length >= L.nodes) return fail(`A diagram holds at most ${L.nodes} drivers and change ideas.`);
  const label = LabelSchema.safeParse(input.label);
  if (!label.success) return fail(firstError(label), "label");
  const parentIds = input.kind === "primary" ? [] : [...new Set(input.parentIds ?? [])];
  if (input.kind !== "primary" && parentIds.length === 0) {
    const wanted = PARENT_KIND[input.kind] as NodeKind;
    return fail(`Choose the ${NODE_KIND_LABELS[wanted].toLowerCase()} this ${NODE_KIND_LABELS[input.kind].toLowerCase()} serves.`);
  }
  const id = nextNodeId(d);
  const node: DriverNode = {
    id,
    kind: input.kind,
    label: label.data,
    parents: parentIds.map((pid) => ({ id: pid, strength: input.strength ?? "strong" })),
    assumption: input.assumption ?? false,
  };
  return checkedAdd({ ...d, nodes: [...d.nodes, node] }, id);
}

function replaceNode(d: DriverDiagram, id: string, change: (n: DriverNode) => DriverNode): DriverDiagram {
  return { ...d, nodes: d.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

function notFound(id: string) {
  return fail(`There is no driver or change idea ${id}; it may have been deleted.`, "");
}

export function renameNode(d: DriverDiagram, id: string, newLabel: string): EditResult {
  if (!findNode(d, id)) return notFound(id);
  const label = LabelSchema.safeParse(newLabel);
  if (!label.success) return fail(firstError(label));
  return { ok: true, diagram: replaceNode(d, id, (n) => ({ ...n, label: label.data })) };
}

/** Marks a node or a measure as an assumption to review, or as reviewed. */
export function setAssumption(d: DriverDiagram, id: string, assumption: boolean): EditResult {
  if (findNode(d, id)) return { ok: true, diagram: replaceNode(d, id, (n) => ({ ...n, assumption })) };
  if (d.measures.some((m) => m.id === id)) return { ok: true, diagram: { ...d, measures: d.measures.map((m) => (m.id === id ? { ...m, assumption } : m)) } };
  return notFound(id);
}

/**
 * Moves a node one place up or down among its siblings: the nodes of the same kind that serve
 * `underParent` (or, without it, that share any parent with it; all primary drivers are siblings).
 */
export function moveNode(d: DriverDiagram, id: string, direction: "up" | "down", underParent?: string): EditResult {
  const index = d.nodes.findIndex((n) => n.id === id);
  if (index < 0) return notFound(id);
  const node = d.nodes[index];
  const parentIds = node.kind === "primary" ? ["aim"] : underParent ? [underParent] : node.parents.map((p) => p.id);
  if (underParent && node.kind !== "primary" && !node.parents.some((p) => p.id === underParent))
    return fail(`${quoteLabel(node.label)} does not serve ${underParent}.`);
  const isSibling = (other: DriverNode) =>
    other.kind === node.kind && other.id !== node.id && (node.kind === "primary" || other.parents.some((p) => parentIds.includes(p.id)));
  const step = direction === "up" ? -1 : 1;
  let target = index + step;
  while (target >= 0 && target < d.nodes.length && !isSibling(d.nodes[target])) target += step;
  if (target < 0 || target >= d.nodes.length) return fail(`${quoteLabel(node.label)} is already ${direction === "up" ? "first" : "last"}.`);
  const nodes = d.nodes.filter((n) => n.id !== id);
  // With the node taken out, inserting at `target` puts it just before the sibling (up) or just after it (down).
  nodes.splice(target, 0, node);
  return { ok: true, diagram: { ...d, nodes } };
}

export type DeletionPreview = {
  node: DriverNode;
  /** Nodes deleted with it: those left serving nothing, in diagram order. */
  alsoDeleted: DriverNode[];
  /** Measures attached to any deleted node. */
  measures: Measure[];
  /** Children that stay because they also serve something else. */
  kept: { node: DriverNode; stillServes: DriverNode[] }[];
  /** The same, in a sentence or two. */
  message: string;
};

function deletionSet(d: DriverDiagram, id: string): Set<string> {
  const removed = new Set([id]);
  for (const kind of ["secondary", "change"] as const) {
    for (const n of d.nodes) {
      if (n.kind === kind && n.parents.length > 0 && n.parents.every((p) => removed.has(p.id))) removed.add(n.id);
    }
  }
  return removed;
}

function countOf(n: number, kind: NodeKind): string {
  return `${n} ${n === 1 ? NODE_KIND_LABELS[kind].toLowerCase() : NODE_KIND_PLURALS[kind]}`;
}

function listLabels(nodes: { label: string }[], max = 5): string {
  const shown = nodes.slice(0, max).map((n) => quoteLabel(n.label, 50));
  return nodes.length > max ? `${shown.join(", ")} and ${nodes.length - max} more` : shown.join(", ");
}

/** What deleting a node takes with it, before the user confirms. */
export function describeDeletion(d: DriverDiagram, id: string): DeletionPreview | null {
  const node = findNode(d, id);
  if (!node) return null;
  const removed = deletionSet(d, id);
  const alsoDeleted = d.nodes.filter((n) => n.id !== id && removed.has(n.id));
  const measures = d.measures.filter((m) => m.attachedTo !== "aim" && removed.has(m.attachedTo));
  const kept = d.nodes
    .filter((n) => !removed.has(n.id) && n.parents.some((p) => removed.has(p.id)))
    .map((n) => ({
      node: n,
      stillServes: n.parents
        .filter((p) => !removed.has(p.id))
        .map((p) => findNode(d, p.id)!)
        .filter(Boolean),
    }));

  const parts: string[] = [];
  for (const kind of ["secondary", "change"] as const) {
    const ofKind = alsoDeleted.filter((n) => n.kind === kind);
    if (ofKind.length === 0) continue;
    const one = ofKind.length === 1;
    const why = kind === "secondary" ? (one ? "that serves only it" : "that serve only it") : one ? "that serves nothing else" : "that serve nothing else";
    parts.push(`${countOf(ofKind.length, kind)} ${why} (${listLabels(ofKind)})`);
  }
  if (measures.length > 0)
    parts.push(
      `${measures.length} ${measures.length === 1 ? "measure" : "measures"} attached to ${alsoDeleted.length ? "them" : "it"} (${listLabels(
        measures.map((m) => ({ label: m.name }))
      )})`
    );
  const what = `the ${NODE_KIND_LABELS[node.kind].toLowerCase()} ${quoteLabel(node.label)}`;
  let message = parts.length === 0 ? `Deleting ${what} deletes nothing else.` : `Deleting ${what} also deletes ${joinWith(parts, "and")}.`;
  if (kept.length > 0) {
    const stays = kept.slice(0, 5).map((k) => `${quoteLabel(k.node.label, 50)} stays: it also serves ${listLabels(k.stillServes, 3)}`);
    message += ` ${stays.join("; ")}${kept.length > 5 ? `; and ${kept.length - 5} more stay` : ""}.`;
  }
  return { node, alsoDeleted, measures, kept, message };
}

function joinWith(parts: string[], word: "and" | "or"): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} ${word} ${parts[parts.length - 1]}`;
}

/** Deletes a node, the children left serving nothing, and the measures attached to them (see describeDeletion). */
export function deleteNode(d: DriverDiagram, id: string): EditResult {
  if (!findNode(d, id)) return notFound(id);
  const removed = deletionSet(d, id);
  return {
    ok: true,
    diagram: {
      ...d,
      nodes: d.nodes
        .filter((n) => !removed.has(n.id))
        .map((n) => (n.parents.some((p) => removed.has(p.id)) ? { ...n, parents: n.parents.filter((p) => !removed.has(p.id)) } : n)),
      measures: d.measures.filter((m) => m.attachedTo === "aim" || !removed.has(m.attachedTo)),
    },
  };
}

export function linkParent(d: DriverDiagram, childId: string, parentId: string, strength: LinkStrength = "strong"): EditResult {
  const child = findNode(d, childId);
  if (!child) return notFound(childId);
  const parent = findNode(d, parentId);
  if (!parent) return notFound(parentId);
  if (child.kind === "primary") return fail("A primary driver serves the aim directly; it cannot be linked to another driver.");
  const wanted = PARENT_KIND[child.kind] as NodeKind;
  if (parent.kind !== wanted)
    return fail(
      `A ${NODE_KIND_LABELS[child.kind].toLowerCase()} can only serve ${NODE_KIND_PLURALS[wanted]}; ${quoteLabel(parent.label)} is a ${NODE_KIND_LABELS[
        parent.kind
      ].toLowerCase()}.`
    );
  if (child.parents.some((p) => p.id === parentId)) return fail(`${quoteLabel(child.label)} already serves ${quoteLabel(parent.label)}.`);
  if (child.parents.length >= L.parentsPerNode) return fail(`At most ${L.parentsPerNode} links per item.`);
  return { ok: true, diagram: replaceNode(d, childId, (n) => ({ ...n, parents: [...n.parents, { id: parentId, strength }] })) };
}

export function unlinkParent(d: DriverDiagram, childId: string, parentId: string): EditResult {
  const child = findNode(d, childId);
  if (!child) return notFound(childId);
  const parent = findNode(d, parentId);
  if (!child.parents.some((p) => p.id === parentId)) return fail(`${quoteLabel(child.label)} does not serve ${parent ? quoteLabel(parent.label) : parentId}.`);
  if (child.parents.length === 1) {
    const wanted = NODE_KIND_LABELS[PARENT_KIND[child.kind] as NodeKind].toLowerCase();
    return fail(
      `${quoteLabel(child.label)} serves only ${parent ? quoteLabel(parent.label) : parentId}. A ${NODE_KIND_LABELS[
        child.kind
      ].toLowerCase()} must serve at least one ${wanted}: link it to another ${wanted} first, or delete it.`
    );
  }
  return { ok: true, diagram: replaceNode(d, childId, (n) => ({ ...n, parents: n.parents.filter((p) => p.id !== parentId) })) };
}

export function setLinkStrength(d: DriverDiagram, childId: string, parentId: string, strength: LinkStrength): EditResult {
  const child = findNode(d, childId);
  if (!child) return notFound(childId);
  if (!child.parents.some((p) => p.id === parentId)) return fail(`${quoteLabel(child.label)} does not serve ${parentId}.`);
  return {
    ok: true,
    diagram: replaceNode(d, childId, (n) => ({ ...n, parents: n.parents.map((p) => (p.id === parentId ? { ...p, strength } : p)) })),
  };
}

/** Adds a measure (no id: the next free one is given) or replaces the measure with that id. */
export function upsertMeasure(d: DriverDiagram, input: MeasureInput): AddResult {
  const existing = input.id !== undefined && input.id !== "";
  if (existing && !d.measures.some((m) => m.id === input.id)) return fail(`There is no measure ${input.id}; it may have been deleted.`, "");
  if (!existing && d.measures.length >= L.measures) return fail(`A diagram holds at most ${L.measures} measures.`);
  const id = existing ? input.id! : nextMeasureId(d);
  const parsed = MeasureSchema.safeParse({ ...input, id });
  if (!parsed.success) return fail(firstError(parsed));
  const measures = existing ? d.measures.map((m) => (m.id === id ? parsed.data : m)) : [...d.measures, parsed.data];
  return checkedAdd({ ...d, measures }, id);
}

export function deleteMeasure(d: DriverDiagram, id: string): EditResult {
  if (!d.measures.some((m) => m.id === id)) return fail(`There is no measure ${id}; it may have been deleted.`, "");
  return { ok: true, diagram: { ...d, measures: d.measures.filter((m) => m.id !== id) } };
}

// ---------------------------------------------------------------------------------------------
// Linter

export type LintSeverity = "error" | "warning" | "info";
export type LintCode =
  | "aim-missing"
  | "aim-placeholder"
  | "aim-no-number"
  | "aim-no-date"
  | "aim-no-population"
  | "no-primary-drivers"
  | "too-few-primary-drivers"
  | "too-many-primary-drivers"
  | "driver-without-children"
  | "no-outcome-measure"
  | "change-idea-without-process-measure"
  | "change-ideas-rely-on-driver-measures"
  | "duplicate-label"
  | "duplicate-measure-name"
  | "no-balancing-measure"
  | "measure-incomplete"
  | "assumptions-to-review";

export type LintFinding = {
  code: LintCode;
  severity: LintSeverity;
  message: string;
  nodeId?: string;
  measureId?: string;
};

const PLACEHOLDER = /\{[A-Za-z_]+\}/;
const YEAR = /\b(19|20)\d{2}\b/;
const MONTH = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;
const RELATIVE_TIME = /\b(within|in|over|after)\s+(the\s+next\s+)?(\d+|one|two|three|six|twelve|eighteen)\s+(days?|weeks?|months?|years?)\b/i;
const DATE_LIKE = /\b\d{4}-\d{2}(-\d{2})?\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(19|20)\d{2}\b/g;
const NUMBER_WORDS = /\b(zero|half|halve|double|triple|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand)\b/i;

function mentionsDate(text: string, opts: { allowMay: boolean }): boolean {
  return YEAR.test(text) || MONTH.test(text) || RELATIVE_TIME.test(text) || (opts.allowMay && /\bmay\b/i.test(text));
}

function mentionsNumber(text: string): boolean {
  const withoutDates = text.replace(DATE_LIKE, " ").replace(RELATIVE_TIME, " ");
  return /\d/.test(withoutDates) || NUMBER_WORDS.test(withoutDates);
}

function sameText(a: string) {
  return a.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Checks a diagram against IHI guidance (docs/domain.md §6.2–6.4) and explains each finding in plain words.
 * Errors leave a Model for Improvement question unanswered; warnings go against the guidance;
 * info is worth a look.
 */
export function lintDriverDiagram(d: DriverDiagram): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (f: LintFinding) => findings.push(f);
  const { aim } = d;

  // The aim: how much, by when, for whom.
  const aimText = [aim.statement, aim.target, aim.byWhen, aim.population].join(" ");
  if (aim.statement === "") {
    add({ code: "aim-missing", severity: "error", message: "Write the aim: what will improve, by how much, for whom and by when." });
  } else {
    if (PLACEHOLDER.test(aimText))
      add({
        code: "aim-placeholder",
        severity: "warning",
        message: `The aim still has a blank to fill in (${aimText.match(PLACEHOLDER)![0]}). Replace it with the partner's own figure, population or date.`,
      });
    if (!mentionsNumber(aim.statement) && !mentionsNumber(aim.target))
      add({
        code: "aim-no-number",
        severity: "warning",
        message:
          "The aim does not say how much. Add a number, for example “from 6.9 to 1 per 1,000 ventilator days” or “by 50%”, so that everyone can tell when it is met.",
      });
    if (!mentionsDate(aim.byWhen, { allowMay: true }) && !mentionsDate(aim.statement, { allowMay: false }))
      add({
        code: "aim-no-date",
        severity: "warning",
        message: "The aim does not say by when. Add a date, for example “by June 2027”: “some is not a number, soon is not a time”.",
      });
    if (aim.population === "" || PLACEHOLDER.test(aim.population))
      add({
        code: "aim-no-population",
        severity: "warning",
        message:
          "The aim does not say for whom. Fill in “For whom”: the patients, units or sites it covers (for example “adult ICUs in the 12 participating hospitals”).",
      });
  }

  // Structure.
  const primaries = d.nodes.filter((n) => n.kind === "primary");
  if (primaries.length === 0)
    add({
      code: "no-primary-drivers",
      severity: "error",
      message: "Add the primary drivers: the few things that most directly drive the aim (IHI suggests 2 to 5).",
    });
  else if (primaries.length < 2)
    add({
      code: "too-few-primary-drivers",
      severity: "warning",
      message: "There is only one primary driver. A theory of change usually needs 2 to 5: what else must be true for the aim to be met?",
    });
  else if (primaries.length > 5)
    add({
      code: "too-many-primary-drivers",
      severity: "warning",
      message: `There are ${primaries.length} primary drivers; IHI suggests 2 to 5. Group related ones, or move some under another as secondary drivers.`,
    });

  for (const node of d.nodes) {
    if (node.kind === "change") continue;
    if (childrenOf(d, node.id).length === 0) {
      const missing = node.kind === "primary" ? "secondary drivers" : "change ideas";
      add({
        code: "driver-without-children",
        severity: "warning",
        nodeId: node.id,
        message: `The ${NODE_KIND_LABELS[node.kind].toLowerCase()} ${quoteLabel(
          node.label
        )} has nothing under it. Add the ${missing} that would move it, or remove it.`,
      });
    }
  }

  const firstByLabel = new Map<string, DriverNode>();
  for (const node of d.nodes) {
    const key = sameText(node.label);
    const first = firstByLabel.get(key);
    if (first)
      add({
        code: "duplicate-label",
        severity: "warning",
        nodeId: node.id,
        message:
          first.kind === node.kind
            ? `${quoteLabel(node.label)} appears twice among the ${
                NODE_KIND_PLURALS[node.kind]
              }. Rename one, or delete it and link the other to both parents instead.`
            : `${quoteLabel(node.label)} appears twice, as a ${NODE_KIND_LABELS[first.kind].toLowerCase()} and as a ${NODE_KIND_LABELS[
                node.kind
              ].toLowerCase()}. Rename one so that each says what it means at its level.`,
      });
    else firstByLabel.set(key, node);
  }

  // Measures.
  if (!d.measures.some((m) => m.kind === "outcome"))
    add({
      code: "no-outcome-measure",
      severity: "error",
      message: "Add an outcome measure for the aim: it is how you will know that a change is an improvement.",
    });
  if (!d.measures.some((m) => m.kind === "balancing"))
    add({
      code: "no-balancing-measure",
      severity: "warning",
      message: "Add a balancing measure: something that would get worse elsewhere if the changes had side effects (for example length of stay, or staff time).",
    });

  const hasProcess = (id: string) => d.measures.some((m) => m.kind === "process" && m.attachedTo === id);
  const reliesOn: DriverNode[] = [];
  for (const change of d.nodes.filter((n) => n.kind === "change")) {
    if (hasProcess(change.id)) continue;
    const secondaries = change.parents.map((p) => findNode(d, p.id)).filter((n): n is DriverNode => !!n);
    const drivers = [...secondaries, ...secondaries.flatMap((s) => s.parents.map((p) => findNode(d, p.id)).filter((n): n is DriverNode => !!n))];
    if (drivers.some((n) => hasProcess(n.id))) reliesOn.push(change);
    else
      add({
        code: "change-idea-without-process-measure",
        severity: "warning",
        nodeId: change.id,
        message: `Nothing measures whether the change idea ${quoteLabel(change.label)} is happening. Add a process measure to it, or to the driver it serves.`,
      });
  }
  if (reliesOn.length > 0)
    add({
      code: "change-ideas-rely-on-driver-measures",
      severity: "info",
      message:
        reliesOn.length === 1
          ? `One change idea has no process measure of its own and relies on the measure of the driver it serves (${listLabels(
              reliesOn,
              3
            )}). That is fine while the driver's measure shows whether the change is happening.`
          : `${reliesOn.length} change ideas have no process measure of their own and rely on the measures of the drivers they serve (${listLabels(
              reliesOn,
              3
            )}). That is fine while those measures show whether each change is happening.`,
    });

  const seenNames = new Set<string>();
  for (const m of d.measures) {
    const key = sameText(m.name);
    if (seenNames.has(key))
      add({
        code: "duplicate-measure-name",
        severity: "warning",
        measureId: m.id,
        message: `Two measures are called ${quoteLabel(m.name)}. Give each a name that says what it counts.`,
      });
    seenNames.add(key);
    const missing = (
      [
        ["definition", "operational definition"],
        ["numerator", "numerator"],
        ["denominator", "denominator"],
        ["source", "data source"],
        ["frequency", "frequency"],
        ["target", "target"],
      ] as const
    )
      .filter(([field]) => m[field] === "")
      .map(([, words]) => words);
    if (missing.length > 0)
      add({
        code: "measure-incomplete",
        severity: "info",
        measureId: m.id,
        nodeId: m.attachedTo === "aim" ? undefined : m.attachedTo,
        message: `The ${MEASURE_KIND_LABELS[m.kind].toLowerCase()} measure ${quoteLabel(m.name)} has no ${joinWith(
          missing,
          "or"
        )} yet. Two people collecting it should count the same thing.`,
      });
  }

  const assumed = d.nodes.filter((n) => n.assumption).length + d.measures.filter((m) => m.assumption).length;
  if (assumed > 0)
    add({
      code: "assumptions-to-review",
      severity: "info",
      message:
        assumed === 1
          ? "One item is marked as an assumption: inferred rather than taken from a published source. Review it with the partner and mark it as reviewed."
          : `${assumed} items are marked as assumptions: inferred rather than taken from a published source. Review them with the partner and mark each as reviewed.`,
    });

  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

// ---------------------------------------------------------------------------------------------
// Starting from a topic template

/** What diagramFromTemplate needs of a template (see driver-diagram-templates.ts). */
export type DriverDiagramStarter = {
  aimTemplate: string;
  diagram: { aim?: { baseline?: string; target?: string }; nodes: DriverNode[]; measures: Measure[] };
};

/** Cuts text to the schema's limit, which counts UTF-16 units, without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

/**
 * A new diagram from a topic template. The aim is the intake's draft aim when there is one,
 * otherwise the template's wording with {population} and {byWhen} filled in where known.
 */
export function diagramFromTemplate(
  template: DriverDiagramStarter,
  opts: { draftAim?: string | null; population?: string | null; byWhen?: string | null } = {}
): DriverDiagram {
  const population = clip(toSingleLine(opts.population ?? ""), L.population);
  const byWhen = clip(toSingleLine(opts.byWhen ?? ""), L.byWhen);
  const fill = (text: string) => text.replace(/\{population\}/g, () => population || "{population}").replace(/\{byWhen\}/g, () => byWhen || "{byWhen}");
  const draft = toSingleLine(opts.draftAim ?? "");
  return DriverDiagramSchema.parse({
    aim: {
      statement: clip(draft || fill(toSingleLine(template.aimTemplate)), L.statement),
      baseline: template.diagram.aim?.baseline ?? "",
      target: template.diagram.aim?.target ?? "",
      byWhen,
      population,
    },
    nodes: template.diagram.nodes,
    measures: template.diagram.measures,
  });
}
