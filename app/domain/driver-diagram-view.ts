import type { DriverDiagram, DriverNode, Measure } from "./driver-diagram";
import { sentenceStart } from "./text";

/**
 * What a page shows of a driver diagram: its vocabulary, the outline and the tables. Nothing here
 * validates (the schemas are in ./driver-diagram), so the page's own script can use it without zod.
 */

export const NODE_KINDS = ["primary", "secondary", "change"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  primary: "Primary driver",
  secondary: "Secondary driver",
  change: "Change idea",
};

/** The kind a node's parents must be; primary drivers hang off the aim. */
export const PARENT_KIND: Record<NodeKind, NodeKind | "aim"> = {
  primary: "aim",
  secondary: "primary",
  change: "secondary",
};

export const LINK_STRENGTHS = ["strong", "weak"] as const;
export type LinkStrength = (typeof LINK_STRENGTHS)[number];

export const LINK_STRENGTH_LABELS: Record<LinkStrength, string> = {
  strong: "Strong",
  weak: "Weaker",
};

export const MEASURE_KINDS = ["outcome", "process", "balancing"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  outcome: "Outcome",
  process: "Process",
  balancing: "Balancing",
};

/** The columns of the outline as CSV (./driver-diagram-csv reads and writes it), listed on the page. */
export const DRIVER_DIAGRAM_CSV_COLUMNS = [
  "kind",
  "id",
  "label",
  "parents",
  "strength",
  "attached_to",
  "measure_kind",
  "definition",
  "numerator",
  "denominator",
  "source",
  "frequency",
  "baseline",
  "target",
  "by_when",
  "for_whom",
  "assumption",
] as const;

// ---------------------------------------------------------------------------------------------
// Reading the model

export function findNode(d: DriverDiagram, id: string): DriverNode | undefined {
  return d.nodes.find((n) => n.id === id);
}

/** The nodes that serve `parentId` (primary drivers serve "aim"), in sibling order. */
export function childrenOf(d: DriverDiagram, parentId: string): DriverNode[] {
  if (parentId === "aim") return d.nodes.filter((n) => n.kind === "primary");
  return d.nodes.filter((n) => n.parents.some((p) => p.id === parentId));
}

export function measuresOf(d: DriverDiagram, attachedTo: string): Measure[] {
  return d.measures.filter((m) => m.attachedTo === attachedTo);
}

/** Anchors on the page for an item, so a redirect or a linter finding can point at it. */
export function itemAnchor(id: string): string {
  if (id === "aim") return "aim";
  return id.startsWith("m") ? `measure-${id}` : `item-${id}`;
}

// ---------------------------------------------------------------------------------------------
// Outline and table views

export type OutlineItem = {
  node: DriverNode;
  depth: 1 | 2 | 3;
  /** The parent it is shown under here ("aim" for primary drivers). */
  parentId: string;
  strength: LinkStrength;
  /** Its other parents: a secondary driver or change idea appears under each one. */
  alsoServes: DriverNode[];
};

/** The outline editor's view: depth first, a node shown under each parent it serves. */
export function driverDiagramOutline(d: DriverDiagram): OutlineItem[] {
  const items: OutlineItem[] = [];
  const visit = (node: DriverNode, parentId: string, strength: LinkStrength, depth: 1 | 2 | 3) => {
    items.push({
      node,
      depth,
      parentId,
      strength,
      alsoServes: node.parents
        .filter((p) => p.id !== parentId)
        .map((p) => findNode(d, p.id))
        .filter((n): n is DriverNode => !!n),
    });
    if (depth === 3) return;
    for (const child of childrenOf(d, node.id)) {
      const link = child.parents.find((p) => p.id === node.id)!;
      visit(child, node.id, link.strength, (depth + 1) as 2 | 3);
    }
  };
  for (const primary of childrenOf(d, "aim")) visit(primary, "aim", "strong", 1);
  return items;
}

export type DiagramTableRow = {
  id: string;
  kind: NodeKind | "aim";
  kindLabel: string;
  /** Outline number, e.g. "2.1.3", from where the item first appears. */
  number: string;
  label: string;
  parents: { id: string; label: string; strength: LinkStrength }[];
  measures: { id: string; kind: MeasureKind; name: string }[];
  assumption: boolean;
};

/** The table view: the aim, then one row per driver or change idea in outline order, with what it serves and its measures. */
export function diagramTableRows(d: DriverDiagram): DiagramTableRow[] {
  const measureCells = (id: string) => measuresOf(d, id).map((m) => ({ id: m.id, kind: m.kind, name: m.name }));
  // The aim stands alone here: it starts with a capital, however it was typed.
  const aim = sentenceStart(d.aim.statement);
  const rows: DiagramTableRow[] = [
    { id: "aim", kind: "aim", kindLabel: "Aim", number: "", label: aim, parents: [], measures: measureCells("aim"), assumption: false },
  ];
  const numbers = new Map<string, string>();
  const order: DriverNode[] = [];
  const counters = new Map<string, number>();
  for (const item of driverDiagramOutline(d)) {
    // A node serving several parents is numbered where it first appears; counting it again under the
    // others would leave gaps there ("2.2" followed by "2.2.2").
    if (numbers.has(item.node.id)) continue;
    const parentNumber = item.parentId === "aim" ? "" : numbers.get(item.parentId) ?? "";
    const n = (counters.get(item.parentId) ?? 0) + 1;
    counters.set(item.parentId, n);
    numbers.set(item.node.id, parentNumber ? `${parentNumber}.${n}` : String(n));
    order.push(item.node);
  }
  for (const node of d.nodes) if (!numbers.has(node.id)) order.push(node);
  for (const node of order) {
    rows.push({
      id: node.id,
      kind: node.kind,
      kindLabel: NODE_KIND_LABELS[node.kind],
      number: numbers.get(node.id) ?? "",
      label: node.label,
      parents: node.parents.map((p) => ({ id: p.id, label: findNode(d, p.id)?.label ?? p.id, strength: p.strength })),
      measures: measureCells(node.id),
      assumption: node.assumption,
    });
  }
  return rows;
}

export type MeasureTableRow = Measure & { kindLabel: string; attachedToLabel: string };

/** The measurement plan: outcome measures first, then process, then balancing. */
export function measureTableRows(d: DriverDiagram): MeasureTableRow[] {
  return MEASURE_KINDS.flatMap((kind) =>
    d.measures
      .filter((m) => m.kind === kind)
      .map((m) => ({
        ...m,
        kindLabel: MEASURE_KIND_LABELS[m.kind],
        attachedToLabel: m.attachedTo === "aim" ? "Aim" : findNode(d, m.attachedTo)?.label ?? m.attachedTo,
      }))
  );
}
