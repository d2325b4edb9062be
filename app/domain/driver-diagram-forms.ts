import { z } from "zod";
import {
  addNode,
  AimSchema,
  deleteMeasure,
  deleteNode,
  describeDeletion,
  DriverNodeSchema,
  findNode,
  LINK_STRENGTH_LABELS,
  LINK_STRENGTHS,
  linkParent,
  MEASURE_KINDS,
  MeasureSchema,
  moveNode,
  NODE_ID_PATTERN,
  NODE_KIND_LABELS,
  NODE_KINDS,
  PARENT_KIND,
  quoteLabel,
  renameNode,
  setAim,
  setAssumption,
  setLinkStrength,
  unlinkParent,
  upsertMeasure,
  type DriverDiagram,
  type EditResult,
  type Refusal,
} from "./driver-diagram";
import type { Priority } from "./intake";
import { followAimTarget, followedInWords } from "./outcome-target";

/**
 * The driver-diagram page's forms. Every form posts `intent` and the diagram `version` it was drawn
 * from, plus its own fields; these schemas read those strings. The same field names are used by
 * the page (to show a message next to its field) and by the action.
 */

export const DRIVER_DIAGRAM_INTENTS = [
  "start-from-template",
  "set-aim",
  "add-node",
  "rename-node",
  "move-node",
  "delete-node",
  "link-parent",
  "unlink-parent",
  "set-link-strength",
  "upsert-measure",
  "delete-measure",
  "set-assumption",
  "import-csv",
] as const;
export type DriverDiagramIntent = (typeof DRIVER_DIAGRAM_INTENTS)[number];

const Version = z
  .string({ error: "The form is missing the diagram's version: reload the page and try again." })
  .regex(/^\d{1,9}$/, "The form is missing the diagram's version: reload the page and try again.")
  .transform(Number);

const NodeId = (what: string) => z.string({ error: `Choose ${what}.` }).regex(NODE_ID_PATTERN, `Choose ${what}.`);
const MeasureId = z.string({ error: "Choose a measure." }).regex(/^m[1-9][0-9]{0,5}$/, "Choose a measure.");
const Strength = z.enum(LINK_STRENGTHS, { error: "Choose strong or weaker." });
/** A checkbox: "on" when ticked, absent otherwise. */
const Checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "yes" || v === "true");

const Label = DriverNodeSchema.shape.label;

/** Which of the page's forms was sent (to show its answer next to it); the page names it, the person never types it. */
const FormKey = z.string().max(200).optional();

/** One form's fields; any other field is a tampered form, not a person's mistake. */
function intentForm<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(
    { form: FormKey, ...shape },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "The form had fields this page does not know. Reload the page and try again." : undefined) }
  );
}

const StartFromTemplate = intentForm({
  intent: z.literal("start-from-template"),
  version: Version,
  templateKey: z.string({ error: "Choose a template." }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Choose a template."),
});

const SetAim = intentForm({
  intent: z.literal("set-aim"),
  version: Version,
  statement: AimSchema.shape.statement,
  baseline: AimSchema.shape.baseline,
  target: AimSchema.shape.target,
  byWhen: AimSchema.shape.byWhen,
  population: AimSchema.shape.population,
});

const AddNode = intentForm({
  intent: z.literal("add-node"),
  version: Version,
  kind: z.enum(NODE_KINDS, { error: "Choose a primary driver, a secondary driver or a change idea." }),
  label: Label,
  parentId: z.string().optional().default(""),
  strength: Strength.optional().default("strong"),
}).superRefine((v, ctx) => {
  if (v.kind === "primary") return;
  const wanted = NODE_KIND_LABELS[PARENT_KIND[v.kind] as keyof typeof NODE_KIND_LABELS].toLowerCase();
  if (!NODE_ID_PATTERN.test(v.parentId))
    ctx.addIssue({ code: "custom", path: ["parentId"], message: `Choose the ${wanted} this ${NODE_KIND_LABELS[v.kind].toLowerCase()} serves.` });
});

const RenameNode = intentForm({
  intent: z.literal("rename-node"),
  version: Version,
  nodeId: NodeId("a driver or change idea"),
  label: Label,
});

const MoveNode = intentForm({
  intent: z.literal("move-node"),
  version: Version,
  nodeId: NodeId("a driver or change idea"),
  direction: z.enum(["up", "down"], { error: "Move up or down." }),
  /** The parent it is shown under; "aim" (or nothing) for primary drivers. */
  underParent: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || v === "aim" || NODE_ID_PATTERN.test(v), "Choose the driver it is shown under."),
});

const DeleteNode = intentForm({
  intent: z.literal("delete-node"),
  version: Version,
  nodeId: NodeId("a driver or change idea"),
  confirm: z.literal("yes", { error: "Confirm the deletion: it also removes what is listed below." }),
});

const LinkParent = intentForm({
  intent: z.literal("link-parent"),
  version: Version,
  nodeId: NodeId("a driver or change idea"),
  parentId: NodeId("what it should also serve"),
  strength: Strength.optional().default("strong"),
});

const UnlinkParent = intentForm({
  intent: z.literal("unlink-parent"),
  version: Version,
  nodeId: NodeId("a driver or change idea"),
  parentId: NodeId("the link to remove"),
});

const SetLinkStrength = intentForm({
  intent: z.literal("set-link-strength"),
  version: Version,
  nodeId: NodeId("a driver or change idea"),
  parentId: NodeId("the link to change"),
  strength: Strength,
});

const UpsertMeasure = intentForm({
  intent: z.literal("upsert-measure"),
  version: Version,
  /** Empty for a new measure. */
  measureId: z
    .union([z.literal(""), MeasureId])
    .optional()
    .default(""),
  kind: z.enum(MEASURE_KINDS, { error: "Choose outcome, process or balancing." }),
  name: MeasureSchema.shape.name,
  attachedTo: z.union([z.literal("aim"), z.string().regex(NODE_ID_PATTERN)], { error: "Choose what the measure is attached to." }),
  definition: MeasureSchema.shape.definition,
  numerator: MeasureSchema.shape.numerator,
  denominator: MeasureSchema.shape.denominator,
  source: MeasureSchema.shape.source,
  frequency: MeasureSchema.shape.frequency,
  target: MeasureSchema.shape.target,
  assumption: Checkbox,
}).superRefine((v, ctx) => {
  if (v.kind === "outcome" && v.attachedTo !== "aim")
    ctx.addIssue({ code: "custom", path: ["attachedTo"], message: "An outcome measure belongs to the aim: attach it to the aim." });
  if (v.kind === "process" && v.attachedTo === "aim")
    ctx.addIssue({ code: "custom", path: ["attachedTo"], message: "A process measure belongs to a driver or a change idea, not to the aim." });
});

const DeleteMeasure = intentForm({
  intent: z.literal("delete-measure"),
  version: Version,
  measureId: MeasureId,
});

const SetAssumptionForm = intentForm({
  intent: z.literal("set-assumption"),
  version: Version,
  itemId: z.string({ error: "Choose an item." }).regex(/^[nm][1-9][0-9]{0,5}$/, "Choose an item."),
  assumption: z.enum(["yes", "no"], { error: "Say whether it is an assumption." }).transform((v) => v === "yes"),
});

const ImportCsv = intentForm({
  intent: z.literal("import-csv"),
  version: Version,
  file: z.instanceof(File).optional(),
});

/** Every change the driver-diagram page can post, by its `intent`. */
export const DriverDiagramIntentSchema = z.discriminatedUnion(
  "intent",
  [
    StartFromTemplate,
    SetAim,
    AddNode,
    RenameNode,
    MoveNode,
    DeleteNode,
    LinkParent,
    UnlinkParent,
    SetLinkStrength,
    UpsertMeasure,
    DeleteMeasure,
    SetAssumptionForm,
    ImportCsv,
  ],
  { error: "That is not something this page can do. Reload the page and try again." }
);

export type DriverDiagramForm = z.output<typeof DriverDiagramIntentSchema>;
/** A form that edits an existing diagram (not starting one, not importing a file). */
export type DriverDiagramEdit = Exclude<DriverDiagramForm, { intent: "start-from-template" | "import-csv" }>;

/** The field a refusal by the domain is shown next to, per intent ("" = the form as a whole). */
const FIELD_FOR_REFUSAL: Record<DriverDiagramIntent, string> = {
  "start-from-template": "templateKey",
  "set-aim": "statement",
  "add-node": "parentId",
  "rename-node": "label",
  "move-node": "",
  "delete-node": "",
  "link-parent": "parentId",
  "unlink-parent": "",
  "set-link-strength": "strength",
  "upsert-measure": "attachedTo",
  "delete-measure": "",
  "set-assumption": "",
  "import-csv": "file",
};

/** The field a refusal is shown next to: the one the operation named, or the form's usual one. */
export function fieldForRefusal(intent: DriverDiagramIntent, refusal: { field?: string }): string {
  return refusal.field ?? FIELD_FOR_REFUSAL[intent];
}

export type AppliedEdit = { ok: true; diagram: DriverDiagram; summary: string } | Refusal;

function labelOf(d: DriverDiagram, id: string): string {
  const node = findNode(d, id);
  return node ? quoteLabel(node.label) : id;
}

/**
 * Applies one edit to the diagram and says what it did, in words for the flash message and the audit
 * trail. The partner's priorities tell which part of an aim of several each outcome measure follows.
 */
export function applyDriverDiagramEdit(
  d: DriverDiagram,
  form: DriverDiagramEdit,
  { priorities = [] }: { priorities?: readonly Pick<Priority, "topic" | "custom">[] } = {}
): AppliedEdit {
  const done = (result: EditResult, summary: string): AppliedEdit => (result.ok ? { ok: true, diagram: result.diagram, summary } : result);
  switch (form.intent) {
    case "set-aim": {
      const { intent: _i, version: _v, form: _f, ...aim } = form;
      const saved = setAim(d, aim);
      if (!saved.ok) return saved;
      const { diagram, followed } = followAimTarget(saved.diagram, d.aim, priorities);
      // A new date is said, as the proposal's aims will state it ("By when" is free text: "by March 2028" says it once).
      const dateOf = (a: DriverDiagram["aim"]) => a.byWhen.trim().replace(/^by\s+/i, "");
      const by = dateOf(diagram.aim);
      const dated = by === dateOf(d.aim) ? null : by ? `It is now to be met by ${by}.` : "It no longer says by when.";
      return { ok: true, diagram, summary: ["Aim saved.", dated, followedInWords(followed, diagram.aim.target, priorities)].filter(Boolean).join(" ") };
    }
    case "add-node": {
      const result = addNodeFrom(d, form);
      return done(result, `Added the ${NODE_KIND_LABELS[form.kind].toLowerCase()} ${quoteLabel(form.label)}.`);
    }
    case "rename-node":
      return done(renameNode(d, form.nodeId, form.label), `Renamed ${labelOf(d, form.nodeId)} to ${quoteLabel(form.label)}.`);
    case "move-node": {
      const under = form.underParent && form.underParent !== "aim" ? form.underParent : undefined;
      return done(moveNode(d, form.nodeId, form.direction, under), `Moved ${labelOf(d, form.nodeId)} ${form.direction}.`);
    }
    case "delete-node": {
      const preview = describeDeletion(d, form.nodeId);
      const others = preview ? preview.alsoDeleted.length + preview.measures.length : 0;
      const summary = `Deleted ${labelOf(d, form.nodeId)}${others ? ` and ${others} ${others === 1 ? "item" : "items"} with it` : ""}.`;
      return done(deleteNode(d, form.nodeId), summary);
    }
    case "link-parent":
      return done(linkParent(d, form.nodeId, form.parentId, form.strength), `${labelOf(d, form.nodeId)} now also serves ${labelOf(d, form.parentId)}.`);
    case "unlink-parent":
      return done(unlinkParent(d, form.nodeId, form.parentId), `${labelOf(d, form.nodeId)} no longer serves ${labelOf(d, form.parentId)}.`);
    case "set-link-strength":
      return done(
        setLinkStrength(d, form.nodeId, form.parentId, form.strength),
        `The link from ${labelOf(d, form.parentId)} to ${labelOf(d, form.nodeId)} is now ${LINK_STRENGTH_LABELS[form.strength].toLowerCase()}.`
      );
    case "upsert-measure": {
      const { intent: _i, version: _v, form: _f, measureId, ...measure } = form;
      const result = upsertMeasure(d, { ...measure, id: measureId || undefined });
      return done(result, `${measureId ? "Saved" : "Added"} the measure ${quoteLabel(form.name)}.`);
    }
    case "delete-measure": {
      const measure = d.measures.find((m) => m.id === form.measureId);
      return done(deleteMeasure(d, form.measureId), `Deleted the measure ${measure ? quoteLabel(measure.name) : form.measureId}.`);
    }
    case "set-assumption": {
      const node = findNode(d, form.itemId);
      const measure = d.measures.find((m) => m.id === form.itemId);
      const what = node ? quoteLabel(node.label) : measure ? quoteLabel(measure.name) : form.itemId;
      return done(
        setAssumption(d, form.itemId, form.assumption),
        form.assumption ? `Marked ${what} as an assumption to review.` : `Marked ${what} as reviewed.`
      );
    }
  }
}

function addNodeFrom(d: DriverDiagram, form: Extract<DriverDiagramEdit, { intent: "add-node" }>): EditResult {
  const result = addNode(d, {
    kind: form.kind,
    label: form.label,
    parentIds: form.kind === "primary" ? [] : [form.parentId],
    strength: form.strength,
  });
  return result.ok ? { ok: true, diagram: result.diagram } : result;
}

/** The id of the item an edit concerns, to return to it after saving. */
export function editedItem(form: DriverDiagramEdit, diagram?: DriverDiagram): string | undefined {
  switch (form.intent) {
    case "set-aim":
      return "aim";
    case "add-node":
      return diagram ? diagram.nodes[diagram.nodes.length - 1]?.id : undefined;
    case "upsert-measure":
      return form.measureId || (diagram ? diagram.measures[diagram.measures.length - 1]?.id : undefined);
    case "delete-measure":
      return undefined;
    case "delete-node":
      return undefined;
    case "set-assumption":
      return form.itemId;
    default:
      return form.nodeId;
  }
}
