import { z } from "zod";
import { PRIORITY_TOPICS, type PriorityTopicKey } from "./intake";
import {
  AimSchema,
  addDiagramProblems,
  DiagramMeasuresSchema,
  DiagramNodesSchema,
  MEASURE_ID_PATTERN,
  toSingleLine,
  type DriverDiagramStarter,
} from "./driver-diagram";

/**
 * Driver-diagram topic templates live as data in docs-templates/driver-diagrams/*.json, built from
 * docs/domain.md §6.5 and the published material each template names. This file says what a template must look like; templates.server.ts reads the folder.
 */

/** The partner priorities a template can serve: the intake's priority keys, in the intake's order. */
export const DRIVER_DIAGRAM_TOPICS = PRIORITY_TOPICS.map((t) => t.key) as [PriorityTopicKey, ...PriorityTopicKey[]];
export type DriverDiagramTopic = (typeof DRIVER_DIAGRAM_TOPICS)[number];

export const TEMPLATE_STATUSES = ["published-basis", "assumption"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TEMPLATE_STATUS_LABELS: Record<TemplateStatus, string> = {
  "published-basis": "Based on published material",
  assumption: "Assumption to be reviewed",
};

const text = (label: string, max: number, required = true) =>
  z
    .string({ error: `${label} must be text.` })
    .transform(toSingleLine)
    .pipe(required ? z.string().min(1, `${label} is required.`).max(max) : z.string().max(max));

const ReferenceSchema = z.strictObject({
  title: text("Reference title", 300),
  publisher: text("Publisher", 200),
  year: z.number({ error: "Year must be a number." }).int().min(1950, "Year must be 1950 or later.").max(2100, "Year must be 2100 or earlier."),
  url: z.url({ protocol: /^https?$/, error: "The address must be a web address (http or https)." }).optional(),
});

export type TemplateReference = z.output<typeof ReferenceSchema>;

/** "IHI Framework for Improving Joy in Work. Institute for Healthcare Improvement, 2017." */
export function referenceInWords(r: TemplateReference): string {
  return `${r.title.replace(/[.\s]+$/, "")}. ${r.publisher}, ${r.year}.`;
}

export const DriverDiagramTemplateSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "The key is lower-case words joined by hyphens, like pressure-ulcers."),
    title: text("Title", 120),
    topic: z.enum(DRIVER_DIAGRAM_TOPICS, { error: `Topic must be one of ${DRIVER_DIAGRAM_TOPICS.join(", ")}, or null.` }).nullable(),
    status: z.enum(TEMPLATE_STATUSES, { error: "Status must be published-basis or assumption." }),
    /** Where the content comes from and what in it is inferred: shown to the user with the template. */
    note: text("Note", 2000),
    /** Source keys of docs/domain.md §12, e.g. V1, CL2, R1. */
    sources: z.array(z.string().regex(/^[A-Z]{1,3}\d{1,3}$/, "A source is a key of docs/domain.md §12, such as V1 or CL2.")).default([]),
    /** Published material beyond docs/domain.md §12; a URL only where the address is known to exist. */
    references: z.array(ReferenceSchema).default([]),
    /** The aim's wording; {population} and {byWhen} are filled from the intake. */
    aimTemplate: text("Aim template", 1000),
    /** The outcome measure the aim is about, which takes the intake's figure; needed only among several outcome measures. */
    aimMeasure: z.string().regex(MEASURE_ID_PATTERN, "The aim's measure is a measure id, such as m1.").optional(),
    diagram: z
      .strictObject({
        aim: AimSchema.pick({ baseline: true, target: true }).partial().default({}),
        nodes: DiagramNodesSchema,
        measures: DiagramMeasuresSchema,
      })
      .superRefine(addDiagramProblems),
  })
  .superRefine((t, ctx) => {
    const outcomes = t.diagram.measures.filter((m) => m.kind === "outcome");
    if (t.aimMeasure !== undefined && !outcomes.some((m) => m.id === t.aimMeasure))
      ctx.addIssue({ code: "custom", path: ["aimMeasure"], message: `The aim's measure ${t.aimMeasure} is not one of the template's outcome measures.` });
    if (t.aimMeasure === undefined && outcomes.length > 1)
      ctx.addIssue({
        code: "custom",
        path: ["aimMeasure"],
        message: `Name the outcome measure the aim is about (one of ${outcomes.map((m) => m.id).join(", ")}): it takes the figure of the intake's draft aim.`,
      });
    if (t.status === "published-basis" && t.sources.length === 0 && t.references.length === 0)
      ctx.addIssue({ code: "custom", path: ["references"], message: "A template based on published material names at least one source or reference." });
  });

export type DriverDiagramTemplate = z.output<typeof DriverDiagramTemplateSchema>;

/**
 * The template's outcome measure its aim is about: the one it names, or its only outcome measure. A
 * diagram started with the intake's draft aim gives it the aim's target (docs/domain.md §6.5).
 */
export function aimMeasureOf(template: DriverDiagramStarter): string | null {
  if (template.aimMeasure !== undefined) return template.aimMeasure;
  const outcomes = template.diagram.measures.filter((m) => m.kind === "outcome");
  return outcomes.length === 1 ? outcomes[0]!.id : null;
}
