import fs from "node:fs";
import path from "node:path";
import { DRIVER_DIAGRAM_TOPICS, DriverDiagramTemplateError, parseDriverDiagramTemplate, type DriverDiagramTemplate } from "~/domain/driver-diagram-templates";

export const BLANK_TEMPLATE_KEY = "blank";

export function driverDiagramTemplateDir(): string {
  return path.join(process.cwd(), "docs-templates", "driver-diagrams");
}

/**
 * Reads and validates every template in a folder. Throws on the first invalid file (naming it), on
 * two files for the same key or topic, and when there is no blank template to fall back on.
 */
export function loadDriverDiagramTemplates(dir: string = driverDiagramTemplateDir()): DriverDiagramTemplate[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".json"))
    .sort();
  const templates = files.map((file) => parseDriverDiagramTemplate(fs.readFileSync(path.join(dir, file), "utf8"), file));
  const topics = new Map<string, string>();
  for (const t of templates) {
    if (t.topic === null) continue;
    const other = topics.get(t.topic);
    if (other) throw new DriverDiagramTemplateError(`${t.key}.json`, [`topic: "${t.topic}" is already served by ${other}.json.`]);
    topics.set(t.topic, t.key);
  }
  if (!templates.some((t) => t.key === BLANK_TEMPLATE_KEY))
    throw new DriverDiagramTemplateError(`${BLANK_TEMPLATE_KEY}.json`, [`The folder ${dir} needs a blank template to fall back on.`]);
  const rank = (t: DriverDiagramTemplate) => (t.topic === null ? DRIVER_DIAGRAM_TOPICS.length : DRIVER_DIAGRAM_TOPICS.indexOf(t.topic));
  return templates.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

// Templates are data that people edit: outside production they are re-read on every call, so an
// edit shows without a restart; in production they are read once.
let cache: DriverDiagramTemplate[] | undefined;

function templates(): DriverDiagramTemplate[] {
  if (process.env.NODE_ENV !== "production") return loadDriverDiagramTemplates();
  cache ??= loadDriverDiagramTemplates();
  return cache;
}

/** Topic templates in the order of the priorities, the blank one last. */
export function listDriverDiagramTemplates(): DriverDiagramTemplate[] {
  return templates();
}

export function getDriverDiagramTemplate(key: string): DriverDiagramTemplate | undefined {
  return templates().find((t) => t.key === key);
}

/** The template for a partner's priority (e.g. "pressure_ulcers"), or the blank one when none matches. */
export function templateForTopic(topicKey: string | null | undefined): DriverDiagramTemplate {
  const all = templates();
  return all.find((t) => t.topic !== null && t.topic === topicKey) ?? all.find((t) => t.key === BLANK_TEMPLATE_KEY)!;
}
