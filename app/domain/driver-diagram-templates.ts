import { z } from "zod";
import { AimSchema, addDiagramProblems, DiagramMeasuresSchema, DiagramNodesSchema, toSingleLine } from "./driver-diagram";

/**
 * Driver-diagram topic templates live as data in docs-templates/driver-diagrams/*.json, built from
 * DOMAIN.md §4.4. This file says what a template must look like; templates.server.ts reads the folder.
 */

/** The partner priorities a template can serve (the intake's priority keys). */
export const DRIVER_DIAGRAM_TOPICS = [
  "vap",
  "clabsi",
  "readmissions",
  "sepsis",
  "falls",
  "pressure_ulcers",
  "medication_reconciliation",
  "c_difficile",
] as const;
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

export const DriverDiagramTemplateSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "The key is lower-case words joined by hyphens, like pressure-ulcers."),
  title: text("Title", 120),
  topic: z.enum(DRIVER_DIAGRAM_TOPICS, { error: `Topic must be one of ${DRIVER_DIAGRAM_TOPICS.join(", ")}, or null.` }).nullable(),
  status: z.enum(TEMPLATE_STATUSES, { error: "Status must be published-basis or assumption." }),
  /** Where the content comes from and what in it is inferred: shown to the user with the template. */
  note: text("Note", 2000),
  /** DOMAIN.md source keys, e.g. V1, CL2, R1. */
  sources: z.array(z.string().regex(/^[A-Z]{1,3}\d{1,3}$/, "A source is a DOMAIN.md key such as V1 or CL2.")).min(1, "List at least one source."),
  /** The aim's wording; {population} and {byWhen} are filled from the intake. */
  aimTemplate: text("Aim template", 1000),
  diagram: z
    .strictObject({
      aim: AimSchema.pick({ baseline: true, target: true }).partial().default({}),
      nodes: DiagramNodesSchema,
      measures: DiagramMeasuresSchema,
    })
    .superRefine(addDiagramProblems),
});

export type DriverDiagramTemplate = z.output<typeof DriverDiagramTemplateSchema>;
