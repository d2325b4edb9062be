// Over 500 lines because the diagram's schema and every edit of it belong together: each edit must
// return a diagram the schema accepts (see below).
import { z } from "zod";
import { lowerFirst, stripControlChars } from "./text";
import { findNode, LINK_STRENGTHS, MEASURE_KINDS, NODE_KIND_LABELS, NODE_KINDS, PARENT_KIND, type LinkStrength, type NodeKind } from "./driver-diagram-view";

/**
 * The driver diagram: the team's theory of what drives the aim (docs/domain.md §6.2).
 * Aim on the left → primary drivers → secondary drivers → change ideas, with measures attached.
 * A secondary driver may serve several primaries, a change idea several secondaries; each link is
 * strong or weaker. Nodes keep their order in `nodes`: that order is the order among siblings.
 *
 * One module for the diagram's schema and its edits, because every edit must return a diagram the
 * schema accepts, within the schema's own limits; its linter is `driver-diagram-lint.ts`.
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

export const NODE_KIND_PLURALS: Record<NodeKind, string> = {
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

export function listLabels(nodes: { label: string }[], max = 5): string {
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

export function joinWith(parts: string[], word: "and" | "or"): string {
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
// Starting from a topic template

/** What diagramFromTemplate needs of a template (see driver-diagram-templates.ts). */
export type DriverDiagramStarter = {
  aimTemplate: string;
  /** The outcome measure the aim is about, when the template has several. */
  aimMeasure?: string;
  diagram: { aim?: { baseline?: string; target?: string }; nodes: DriverNode[]; measures: Measure[] };
};

/** Cuts text to the schema's limit, which counts UTF-16 units, without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

// Words that start a population in the middle of a sentence ("… for adult patients in …").
const COMMON_FIRST_WORDS =
  /^(adults?|all|any|children|every|each|the|patients?|people|residents|women|men|older|inpatients|infants|newborns|mothers|ventilated|intensive)(?=[\s,;:]|$)/i;

/**
 * The intake's "for whom" as it reads in the middle of an aim, the draft aim's or a template's (docs/domain.md
 * §6.5): a common first word loses its capital ("… in adults admitted to …"); a place or an organisation's
 * name ("Northshire's wards"), an acronym ("ICU", "NHS") and a word in capitals ("ADULTS") keep theirs.
 */
export function populationInSentence(forWhom: string): string {
  return COMMON_FIRST_WORDS.test(forWhom) ? lowerFirst(forWhom) : forWhom;
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
  const fill = (text: string) =>
    text.replace(/\{population\}/g, () => populationInSentence(population) || "{population}").replace(/\{byWhen\}/g, () => byWhen || "{byWhen}");
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
