import type { DriverDiagram, DriverNode, Measure, MeasureKind, NodeKind } from "./driver-diagram";
import { MEASURE_KINDS, toSingleLine } from "./driver-diagram";
import { plural } from "./plural";
import { sentenceStart } from "./text";

/**
 * Mermaid source for a driver diagram. Users never type mermaid: everything here is generated from
 * the model. Node ids are positional (aim, p1, s1, c1 …), never taken from the data; every label is
 * entity-encoded so that nothing a user typed can become mermaid syntax, a directive, a comment or HTML.
 */

export type DriverDiagramMermaidOptions = {
  /** How measures show: a count per kind (default), their names, or not at all. */
  measures?: "count" | "names" | "none";
  /** Add "◇ assumption" under items inferred rather than sourced (default true). */
  markAssumptions?: boolean;
  /** Labels longer than this many characters are cut with "…" (the full text stays in the model). */
  maxLabelChars?: number;
  /** Characters per line when wrapping labels. */
  wrapAt?: number;
  /**
   * For print (docs/domain.md §9.7): each level in a headed column (Aim, Primary drivers, Secondary
   * drivers, Change ideas) with its own colour, and the aim's target set apart under the aim.
   */
  columns?: boolean;
};

// Mermaid wraps lines wider than about 200px by itself, which breaks ours raggedly: 24 characters fit.
const DEFAULTS = { measures: "count", markAssumptions: true, maxLabelChars: 140, wrapAt: 24 } as const;
const AIM_LABEL_CHARS = 260;
const MEASURE_NAME_CHARS = 60;

const ID_PREFIX: Record<NodeKind, string> = { primary: "p", secondary: "s", change: "c" };

/** The printed diagram's columns: fixed ids, headings and colours, none of them from user data. */
const COLUMNS: { level: NodeKind | "aim"; id: string; heading: string; style: string }[] = [
  { level: "aim", id: "colAim", heading: "Aim", style: "fill:#1f3a5f,stroke:#1f3a5f,color:#ffffff" },
  { level: "primary", id: "colPrimary", heading: "Primary drivers", style: "fill:#d6e6f5,stroke:#2f6690,color:#10233a" },
  { level: "secondary", id: "colSecondary", heading: "Secondary drivers", style: "fill:#dcefe0,stroke:#3a7d44,color:#12301a" },
  { level: "change", id: "colChange", heading: "Change ideas", style: "fill:#fbeed6,stroke:#b7791f,color:#3d2800" },
];

// Primary drivers as rectangles, secondary drivers rounded, change ideas as stadiums: the columns read apart.
const SHAPE: Record<NodeKind | "aim", [string, string]> = {
  aim: ["[", "]"],
  primary: ["[", "]"],
  secondary: ["(", ")"],
  change: ["([", "])"],
};

/** The mermaid id of each node: "aim", then p1…, s1…, c1… in diagram order. */
export function driverDiagramMermaidIds(d: DriverDiagram): Map<string, string> {
  const ids = new Map<string, string>([["aim", "aim"]]);
  const counters: Record<NodeKind, number> = { primary: 0, secondary: 0, change: 0 };
  for (const node of d.nodes) {
    if (ids.has(node.id) || !(node.kind in counters)) continue;
    counters[node.kind] += 1;
    ids.set(node.id, `${ID_PREFIX[node.kind]}${counters[node.kind]}`);
  }
  return ids;
}

// Words that mean something to mermaid. Inside a quoted label they are already inert; encoding their
// first letter as well (wherever they occur, "backend" too) means nobody has to take that on trust.
const MERMAID_WORDS = /callback|click|call|href|style|classDef|class|linkStyle|subgraph|end|direction|flowchart|graph|init|javascript|script/gi;

// Letters, digits and a few harmless marks pass through; everything else becomes a numeric entity.
const SAFE_CHAR = /^[\p{L}\p{M}\p{N} .,'!?\-/]$/u;
// Mermaid marks entities internally as "ﬂ°°35¶ß" and decodes those markers over the whole SVG at the
// end, so typed "ﬂ°" or "¶ß" would turn into "&"/";": a zero-width space keeps them apart.
const MERMAID_MARKERS = /ﬂ(?=°)|¶(?=ß)/g;

/**
 * One line of user text made safe to place between double quotes in a mermaid label:
 * control characters and line breaks removed (the text rule drops direction controls too), then every character that is not a
 * letter, digit, space or . , ' ! ? - / written as a mermaid entity code (#35; for "#", #34; for a quote …).
 */
export function escapeMermaidLabel(text: string): string {
  const clean = toSingleLine(String(text)).replace(/\s+/g, " ").replace(MERMAID_MARKERS, "$&\u200B");
  const wordStarts = new Set<number>();
  for (const match of clean.matchAll(MERMAID_WORDS)) wordStarts.add(match.index);
  let out = "";
  let index = 0;
  for (const ch of clean) {
    const safe = SAFE_CHAR.test(ch) && !wordStarts.has(index);
    out += safe ? ch : `#${ch.codePointAt(0)};`;
    index += ch.length;
  }
  return out;
}

const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

/** Printable ASCII only: every character is a grapheme of its own, so the segmenter (slow) is not needed. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

function graphemes(text: string): string[] {
  return segmenter && !PLAIN_ASCII.test(text) ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** Cuts text to `max` characters with an ellipsis, at a word boundary when one is near. */
export function truncateLabel(text: string, max: number): string {
  const chars = graphemes(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max - 1).join("");
  const lastSpace = cut.lastIndexOf(" ");
  if (lastSpace > 0 && cut.length - lastSpace <= 20) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()}…`;
}

/**
 * Splits text into lines of at most `width` characters: at spaces, then after hyphens or slashes in
 * a word too long for a line, and only then inside the word.
 */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  const place = (piece: string, separator: string) => {
    let chars = graphemes(piece);
    const needed = current.length ? current.length + separator.length + chars.length : chars.length;
    if (needed <= width) {
      if (current.length) current.push(...separator);
      current.push(...chars);
      return;
    }
    if (current.length) lines.push(current.join(""));
    while (chars.length > width) {
      lines.push(chars.slice(0, width).join(""));
      chars = chars.slice(width);
    }
    current = chars;
  };
  for (const word of text.split(" ").filter(Boolean)) {
    const pieces = graphemes(word).length > width ? word.split(/(?<=[-–/])/) : [word];
    pieces.forEach((piece, i) => place(piece, i === 0 ? " " : ""));
  }
  if (current.length) lines.push(current.join(""));
  return lines;
}

function label(text: string, max: number, width: number, extraLines: string[]): string {
  const main = wrapLabel(truncateLabel(toSingleLine(text).replace(/\s+/g, " "), max), width);
  const lines = [...(main.length ? main : ["(no text)"]), ...extraLines];
  // <br/> is ours, added between lines that have each been escaped.
  return lines.map(escapeMermaidLabel).join("<br/>");
}

function measureLines(measures: Measure[], mode: "count" | "names" | "none", width: number): string[] {
  if (mode === "none" || measures.length === 0) return [];
  if (mode === "names")
    return measures.flatMap((m) =>
      wrapLabel(`▸ ${m.kind === "outcome" ? "" : `${m.kind}: `}${truncateLabel(toSingleLine(m.name), MEASURE_NAME_CHARS)}`, width)
    );
  // One line per kind, each with its own noun: "▸ 1 outcome measure", "▸ 2 balancing measures".
  return MEASURE_KINDS.map((kind) => [kind, measures.filter((m) => m.kind === kind).length] as [MeasureKind, number])
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `▸ ${plural(n, `${kind} measure`)}`);
}

export function driverDiagramToMermaid(d: DriverDiagram, opts: DriverDiagramMermaidOptions = {}): string {
  const o = { ...DEFAULTS, ...opts };
  const maxChars = Math.max(10, Math.floor(o.maxLabelChars));
  const width = Math.max(10, Math.floor(o.wrapAt));
  const ids = driverDiagramMermaidIds(d);
  const measuresOn = (id: string) => d.measures.filter((m) => m.attachedTo === id);

  const aimExtras: string[] = [];
  const aimText = sentenceStart(toSingleLine(d.aim.statement));
  const mentioned = aimText.toLowerCase();
  const aimWidth = width;
  for (const [prefix, value] of [
    ["For whom: ", d.aim.population],
    ["Target: ", d.aim.target],
    ["By: ", d.aim.byWhen],
  ] as const) {
    const v = toSingleLine(value);
    // In print the target always stands apart, after a gap, however the aim words it.
    if (o.columns && prefix === "Target: ") {
      if (v) aimExtras.push("", ...wrapLabel(`${prefix}${truncateLabel(v, 120)}`, aimWidth));
      continue;
    }
    if (v && !mentioned.includes(v.toLowerCase())) aimExtras.push(...wrapLabel(`${prefix}${truncateLabel(v, 80)}`, aimWidth));
  }
  aimExtras.push(...measureLines(measuresOn("aim"), o.measures, aimWidth));

  const lines = ["flowchart LR"];
  const [aimOpen, aimClose] = SHAPE.aim;
  const aimHeading = o.columns ? "" : "Aim<br/>";
  const aimLine = `aim${aimOpen}"${aimHeading}${label(aimText || "(no aim yet)", AIM_LABEL_CHARS, aimWidth, aimExtras)}"${aimClose}`;

  const kindOrder: NodeKind[] = ["primary", "secondary", "change"];
  const ordered: DriverNode[] = kindOrder.flatMap((kind) => d.nodes.filter((n) => n.kind === kind));
  const nodeLines = new Map<NodeKind | "aim", string[]>([["aim", [aimLine]]]);
  for (const node of ordered) {
    const id = ids.get(node.id);
    if (!id) continue;
    const extras = [...measureLines(measuresOn(node.id), o.measures, width)];
    if (o.markAssumptions && node.assumption) extras.push("◇ assumption");
    const [open, close] = SHAPE[node.kind];
    nodeLines.set(node.kind, [...(nodeLines.get(node.kind) ?? []), `${id}${open}"${label(node.label, maxChars, width, extras)}"${close}`]);
  }
  if (o.columns) {
    for (const column of COLUMNS) {
      const members = nodeLines.get(column.level);
      if (!members?.length) continue;
      lines.push(`  subgraph ${column.id}["${column.heading}"]`, "    direction TB", ...members.map((line) => `    ${line}`), "  end");
    }
  } else {
    for (const level of ["aim", ...kindOrder] as const) lines.push(...(nodeLines.get(level) ?? []).map((line) => `  ${line}`));
  }

  for (const node of ordered) {
    const to = ids.get(node.id);
    if (!to) continue;
    if (node.kind === "primary") {
      lines.push(`  aim --> ${to}`);
      continue;
    }
    for (const link of node.parents) {
      const from = ids.get(link.id);
      if (!from || from === "aim") continue;
      lines.push(`  ${from} ${link.strength === "weak" ? "-.->" : "-->"} ${to}`);
    }
  }
  if (o.columns) {
    for (const column of COLUMNS) {
      const members = column.level === "aim" ? ["aim"] : ordered.filter((n) => n.kind === column.level).flatMap((n) => ids.get(n.id) ?? []);
      if (!members.length) continue;
      lines.push(`  classDef ${column.level} ${column.style}`, `  class ${members.join(",")} ${column.level}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
