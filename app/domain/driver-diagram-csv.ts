import { quoteCell, readCell } from "./csv";
import { DRIVER_DIAGRAM_CSV_COLUMNS } from "./driver-diagram-view";
import { DRIVER_DIAGRAM_LIMITS, DriverDiagramSchema, LINK_STRENGTHS, MEASURE_KINDS, NODE_KINDS, type DriverDiagram, type LinkStrength } from "./driver-diagram";

/**
 * The driver diagram as a CSV outline (RFC 4180), for editing in a spreadsheet and reading back.
 *
 * One row for the aim, one per driver or change idea (in diagram order), one per measure:
 *   kind        aim | primary | secondary | change | measure
 *   id          n1, n2 … for drivers and change ideas; m1, m2 … for measures (empty for the aim)
 *   label       the aim statement, the driver or change idea, or the measure's name
 *   parents     what a secondary driver or change idea serves, e.g. "n1;n4"
 *   strength    strong or weak for each parent, in the same order, e.g. "strong;weak"
 *   attached_to a measure's place: "aim" or a node id
 *   measure_kind outcome | process | balancing
 *   definition, numerator, denominator, source, frequency: the measure's operational definition
 *   baseline, target, by_when, for_whom: the aim's (target is also a measure's target)
 *   assumption  "yes" when the item is inferred and still to be reviewed
 * Cells that a spreadsheet would run as a formula (starting = + - @, tab or carriage return) are
 * written with a leading apostrophe, which reading removes again.
 */

export { DRIVER_DIAGRAM_CSV_COLUMNS };
type Column = (typeof DRIVER_DIAGRAM_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

export type CsvError = { line: number; message: string };
export type CsvImportResult = { ok: true; diagram: DriverDiagram } | { ok: false; errors: CsvError[] };

const MAX_CSV_CHARS = 5_000_000;
const MAX_ROWS = 1 + DRIVER_DIAGRAM_LIMITS.nodes + DRIVER_DIAGRAM_LIMITS.measures;
const MAX_ERRORS = 50;

// ---------------------------------------------------------------------------------------------
// Cells

// ---------------------------------------------------------------------------------------------
// Writing

export function driverDiagramToCsv(d: DriverDiagram): string {
  const rows: Row[] = [
    {
      kind: "aim",
      label: d.aim.statement,
      baseline: d.aim.baseline,
      target: d.aim.target,
      by_when: d.aim.byWhen,
      for_whom: d.aim.population,
    },
    ...d.nodes.map(
      (n): Row => ({
        kind: n.kind,
        id: n.id,
        label: n.label,
        parents: n.parents.map((p) => p.id).join(";"),
        strength: n.parents.map((p) => p.strength).join(";"),
        assumption: n.assumption ? "yes" : "",
      })
    ),
    ...d.measures.map(
      (m): Row => ({
        kind: "measure",
        id: m.id,
        label: m.name,
        attached_to: m.attachedTo,
        measure_kind: m.kind,
        definition: m.definition,
        numerator: m.numerator,
        denominator: m.denominator,
        source: m.source,
        frequency: m.frequency,
        target: m.target,
        assumption: m.assumption ? "yes" : "",
      })
    ),
  ];
  const lines = [DRIVER_DIAGRAM_CSV_COLUMNS.join(","), ...rows.map((row) => DRIVER_DIAGRAM_CSV_COLUMNS.map((c) => quoteCell(row[c] ?? "")).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading

type CsvRecord = { line: number; cells: string[] };

/** A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. Blank lines are skipped. */
export function parseCsvRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; error: CsvError } {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let atCellStart = true;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    atCellStart = true;
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (atCellStart && ch === '"') {
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= src.length)
          return {
            ok: false,
            error: { line: startLine, message: "A quoted cell that starts on this line is never closed: a closing double quote is missing." },
          };
        const c = src[i];
        if (c === '"' && src[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          if (c === "\n" || (c === "\r" && src[i + 1] !== "\n")) line += 1;
          cell += c;
          i += 1;
        }
      }
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\r" && next !== "\n")
        return {
          ok: false,
          error: {
            line,
            message: 'After a closing double quote the cell must end with a comma or the end of the line; to put a quote inside a cell, double it ("").',
          },
        };
      atCellStart = false;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
      atCellStart = true;
      i += 1;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line += 1;
      recordLine = line;
    } else {
      cell += ch;
      atCellStart = false;
      i += 1;
    }
  }
  if (cells.length > 0 || cell !== "" || !atCellStart) endRecord();
  return { ok: true, records };
}

const NODE_COLUMNS: Column[] = ["kind", "id", "label", "parents", "strength", "assumption"];
const MEASURE_COLUMNS: Column[] = [
  "kind",
  "id",
  "label",
  "attached_to",
  "measure_kind",
  "definition",
  "numerator",
  "denominator",
  "source",
  "frequency",
  "target",
  "assumption",
];
const AIM_COLUMNS: Column[] = ["kind", "label", "baseline", "target", "by_when", "for_whom"];

const FIELD_TO_COLUMN: Record<string, Column> = {
  statement: "label",
  baseline: "baseline",
  target: "target",
  byWhen: "by_when",
  population: "for_whom",
  id: "id",
  kind: "kind",
  label: "label",
  parents: "parents",
  strength: "strength",
  assumption: "assumption",
  name: "label",
  attachedTo: "attached_to",
  definition: "definition",
  numerator: "numerator",
  denominator: "denominator",
  source: "source",
  frequency: "frequency",
};

function readYesNo(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (["yes", "y", "true", "1"].includes(v)) return true;
  if (["", "no", "n", "false", "0"].includes(v)) return false;
  return undefined;
}

function splitList(value: string): string[] {
  return value.trim() === "" ? [] : value.split(/[;,]/).map((s) => s.trim());
}

export function driverDiagramFromCsv(text: string): CsvImportResult {
  if (text.length > MAX_CSV_CHARS) return { ok: false, errors: [{ line: 1, message: "The file is too large for a driver diagram (at most 5 MB)." }] };
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const [header, ...records] = parsed.records;
  if (!header)
    return {
      ok: false,
      errors: [{ line: 1, message: "The file is empty. The first row must name the columns: " + DRIVER_DIAGRAM_CSV_COLUMNS.join(",") + "." }],
    };

  const errors: CsvError[] = [];
  const columns = header.cells.map((c) => readCell(c).trim().toLowerCase());
  const known = new Set<string>(DRIVER_DIAGRAM_CSV_COLUMNS);
  columns.forEach((c, i) => {
    if (!known.has(c))
      errors.push({
        line: header.line,
        message: `Column ${i + 1} is called “${c.slice(0, 40)}”, which is not one of: ${DRIVER_DIAGRAM_CSV_COLUMNS.join(", ")}.`,
      });
    else if (columns.indexOf(c) !== i) errors.push({ line: header.line, message: `The column “${c}” appears twice.` });
  });
  for (const required of ["kind", "id", "label"] as const)
    if (!columns.includes(required)) errors.push({ line: header.line, message: `The column “${required}” is missing from the first row.` });
  if (errors.length) return { ok: false, errors };
  if (records.length > MAX_ROWS) return { ok: false, errors: [{ line: records[MAX_ROWS].line, message: `A driver diagram has at most ${MAX_ROWS} rows.` }] };

  const nodes: unknown[] = [];
  const nodeLines: number[] = [];
  const measures: unknown[] = [];
  const measureLines: number[] = [];
  let aim: unknown = { statement: "", baseline: "", target: "", byWhen: "", population: "" };
  let aimLine: number | undefined;

  for (const record of records) {
    const { line } = record;
    if (record.cells.length !== columns.length) {
      errors.push({ line, message: `This row has ${record.cells.length} cells; the first row names ${columns.length} columns.` });
      continue;
    }
    const row: Row = {};
    columns.forEach((c, i) => (row[c as Column] = readCell(record.cells[i])));
    const kind = (row.kind ?? "").trim().toLowerCase();
    const allowed = kind === "aim" ? AIM_COLUMNS : kind === "measure" ? MEASURE_COLUMNS : NODE_COLUMNS;
    const stray = columns.filter((c) => !allowed.includes(c as Column) && (row[c as Column] ?? "") !== "");
    if (stray.length > 0 && ["aim", "measure", ...NODE_KINDS].includes(kind)) {
      errors.push({
        line,
        message: `On a ${kind} row, leave ${stray.map((c) => `“${c}”`).join(", ")} empty: ${
          stray.length === 1 ? "that column is" : "those columns are"
        } not used there.`,
      });
      continue;
    }
    const assumption = readYesNo(row.assumption ?? "");
    if (assumption === undefined) {
      errors.push({ line, message: `The “assumption” cell must be yes or empty, not “${(row.assumption ?? "").slice(0, 20)}”.` });
      continue;
    }
    if (kind === "aim") {
      if (aimLine !== undefined) {
        errors.push({ line, message: `There is a second aim row (the first is on line ${aimLine}); a driver diagram has one aim.` });
        continue;
      }
      aimLine = line;
      aim = { statement: row.label ?? "", baseline: row.baseline ?? "", target: row.target ?? "", byWhen: row.by_when ?? "", population: row.for_whom ?? "" };
    } else if ((NODE_KINDS as readonly string[]).includes(kind)) {
      const parentIds = splitList(row.parents ?? "");
      const strengths = splitList(row.strength ?? "").map((s) => s.toLowerCase());
      if (strengths.some((s) => !(LINK_STRENGTHS as readonly string[]).includes(s))) {
        errors.push({ line, message: "Each “strength” must be strong or weak." });
        continue;
      }
      if (strengths.length > 1 && strengths.length !== parentIds.length) {
        errors.push({
          line,
          message: `There are ${parentIds.length} parents but ${strengths.length} strengths: give one strength per parent, or one for all.`,
        });
        continue;
      }
      nodes.push({
        id: (row.id ?? "").trim(),
        kind,
        label: row.label ?? "",
        parents: parentIds.map((id, i) => ({ id, strength: (strengths.length === 1 ? strengths[0] : strengths[i] ?? "strong") as LinkStrength })),
        assumption,
      });
      nodeLines.push(line);
    } else if (kind === "measure") {
      const measureKind = (row.measure_kind ?? "").trim().toLowerCase();
      if (!(MEASURE_KINDS as readonly string[]).includes(measureKind)) {
        errors.push({ line, message: "The “measure_kind” must be outcome, process or balancing." });
        continue;
      }
      measures.push({
        id: (row.id ?? "").trim(),
        kind: measureKind,
        name: row.label ?? "",
        definition: row.definition ?? "",
        numerator: row.numerator ?? "",
        denominator: row.denominator ?? "",
        source: row.source ?? "",
        frequency: row.frequency ?? "",
        target: row.target ?? "",
        attachedTo: (row.attached_to ?? "").trim(),
        assumption,
      });
      measureLines.push(line);
    } else {
      errors.push({ line, message: `The kind “${kind.slice(0, 20)}” is not one of: aim, primary, secondary, change, measure.` });
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  if (errors.length) return { ok: false, errors };

  const result = DriverDiagramSchema.safeParse({ aim, nodes, measures });
  if (result.success) return { ok: true, diagram: result.data };
  return {
    ok: false,
    errors: result.error.issues
      .slice(0, MAX_ERRORS)
      .map((issue) => {
        const [section, index, field] = issue.path;
        const line =
          section === "aim"
            ? aimLine ?? 2
            : section === "nodes" && typeof index === "number"
            ? nodeLines[index]
            : section === "measures" && typeof index === "number"
            ? measureLines[index]
            : 2;
        const fieldName = section === "aim" ? index : field;
        const column = typeof fieldName === "string" ? FIELD_TO_COLUMN[fieldName] : undefined;
        return { line: line ?? 2, message: column ? `${column}: ${issue.message}` : issue.message };
      })
      .sort((a, b) => a.line - b.line),
  };
}
