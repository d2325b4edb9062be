import { describe, expect, it } from "vitest";
import { addNode, diagramFromTemplate, emptyDriverDiagram, setAim, upsertMeasure, type DriverDiagram } from "~/domain/driver-diagram";
import { DRIVER_DIAGRAM_CSV_COLUMNS, driverDiagramFromCsv, driverDiagramToCsv, parseCsvRecords } from "~/domain/driver-diagram-csv";
import { listDriverDiagramTemplates } from "~/services/templates.server";

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
}

const HEADER = DRIVER_DIAGRAM_CSV_COLUMNS.join(",");

/** A CSV line with the given columns filled and the rest empty. */
function row(cells: Partial<Record<(typeof DRIVER_DIAGRAM_CSV_COLUMNS)[number], string>>): string {
  return DRIVER_DIAGRAM_CSV_COLUMNS.map((c) => cells[c] ?? "").join(",");
}

function awkwardDiagram(): DriverDiagram {
  let d = ok(
    setAim(emptyDriverDiagram(), {
      statement: 'Cut falls by 20%, "with injury" by half, by June 2027',
      baseline: "=4.2 per 1,000 patient days",
      target: "-20%",
      byWhen: "June 2027",
      population: "Wards 1, 2 and 3",
    })
  ).diagram;
  const labels = [
    '=HYPERLINK("http://evil.example","click")',
    "+1 more",
    "-minus first",
    "@SUM(A1:A2)",
    "'quoted already",
    "'=apostrophe then formula",
    "''double apostrophe",
    'comma, quote " and semicolon;',
    "  leading and trailing spaces are trimmed by the model  ",
    "émoji 🫁 and العربية",
  ];
  const first = ok(addNode(d, { kind: "primary", label: labels[0] }));
  d = first.diagram;
  const second = ok(addNode(d, { kind: "primary", label: labels[1], assumption: true }));
  d = second.diagram;
  let secondaryIds: string[] = [];
  for (const label of labels.slice(2, 6)) {
    const r = ok(addNode(d, { kind: "secondary", label, parentIds: [first.id, second.id], strength: "weak" }));
    d = r.diagram;
    secondaryIds = [...secondaryIds, r.id];
  }
  for (const label of labels.slice(6)) {
    const r = ok(addNode(d, { kind: "change", label, parentIds: [secondaryIds[1], secondaryIds[0]] }));
    d = r.diagram;
  }
  d = ok(
    upsertMeasure(d, {
      kind: "outcome",
      name: "Falls per 1,000 patient days",
      attachedTo: "aim",
      definition: 'Line one of the definition\nline two, with a comma\n\n"quoted" line four\n=not a formula',
      numerator: "Falls in the month",
      denominator: "Patient days / 1,000",
      source: "Incident system",
      frequency: "Monthly",
      target: "-20%",
    })
  ).diagram;
  return ok(upsertMeasure(d, { kind: "process", name: "@risk assessed", attachedTo: secondaryIds[0], assumption: true })).diagram;
}

describe("driver diagram CSV", () => {
  it.each(listDriverDiagramTemplates().map((t) => [t.key, t] as const))("round-trips the %s template exactly", (_key, template) => {
    const d = diagramFromTemplate(template, { population: "adult ICUs, 12 hospitals", byWhen: "June 2027" });
    const csv = driverDiagramToCsv(d);
    const back = driverDiagramFromCsv(csv);
    expect(back).toEqual({ ok: true, diagram: d });
    expect(driverDiagramToCsv(ok(back).diagram)).toBe(csv);
  });

  it("round-trips commas, quotes, line breaks, apostrophes and formula-like text exactly", () => {
    const d = awkwardDiagram();
    const csv = driverDiagramToCsv(d);
    expect(ok(driverDiagramFromCsv(csv)).diagram).toEqual(d);
    expect(d.nodes[8].label).toBe("leading and trailing spaces are trimmed by the model");
  });

  it("writes one row for the aim, then drivers and change ideas in order, then measures, under a header naming the columns", () => {
    const csv = driverDiagramToCsv(awkwardDiagram());
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "kind,id,label,parents,strength,attached_to,measure_kind,definition,numerator,denominator,source,frequency,baseline,target,by_when,for_whom,assumption"
    );
    expect(lines[1]).toBe(
      `aim,,"Cut falls by 20%, ""with injury"" by half, by June 2027",,,,,,,,,,"'=4.2 per 1,000 patient days",'-20%,June 2027,"Wards 1, 2 and 3",`
    );
    expect(lines[3]).toBe("primary,n2,'+1 more,,,,,,,,,,,,,,yes");
    expect(lines[4]).toBe("secondary,n3,'-minus first,n1;n2,weak;weak,,,,,,,,,,,,");
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("puts an apostrophe before anything a spreadsheet would run as a formula, and takes it off again", () => {
    const csv = driverDiagramToCsv(awkwardDiagram());
    const cells = ok(parseCsvRecords(csv)).records.flatMap((r) => r.cells);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","click")`);
    expect(cells).toContain("'@SUM(A1:A2)");
    expect(cells).toContain("'quoted already"); // a plain apostrophe is left alone…
    expect(cells).toContain("''=apostrophe then formula"); // …unless removing one on reading would change the text
    expect(cells).toContain("'''double apostrophe");
    expect(cells).toContain("'@risk assessed");
    const definition = cells.find((c) => c.startsWith("Line one"))!;
    expect(definition).toContain("\n=not a formula"); // only the start of a cell matters to a spreadsheet

    const typed = [HEADER, row({ kind: "primary", id: "n1", label: "'=1+1" }), row({ kind: "primary", id: "n2", label: "'tis the season" })].join("\n");
    expect(ok(driverDiagramFromCsv(typed)).diagram.nodes.map((n) => n.label)).toEqual(["=1+1", "'tis the season"]);
  });

  it("reads what spreadsheets write: LF or CRLF, a byte-order mark, columns in any order, blank lines, no final newline", () => {
    const csv = [
      "\uFEFFlabel,kind,id,parents,strength,measure_kind,attached_to,definition",
      "Reduce falls by 20% by 2027,aim,,,,,,",
      "",
      "Know who is at risk,primary,n1,,,,,",
      '"Assess on admission, and daily",secondary,n2,n1,,,,',
      'Falls per 1000 patient days,measure,m1,,,outcome,aim,"Falls\r\nincluding repeats"',
    ].join("\r\n");
    const d = ok(driverDiagramFromCsv(csv)).diagram;
    expect(d.aim.statement).toBe("Reduce falls by 20% by 2027");
    expect(d.nodes).toEqual([
      { id: "n1", kind: "primary", label: "Know who is at risk", parents: [], assumption: false },
      { id: "n2", kind: "secondary", label: "Assess on admission, and daily", parents: [{ id: "n1", strength: "strong" }], assumption: false },
    ]);
    expect(d.measures[0]).toMatchObject({ id: "m1", kind: "outcome", definition: "Falls\nincluding repeats", attachedTo: "aim" });
  });

  it("applies one strength to every parent, or one strength per parent", () => {
    const csv = [
      HEADER,
      row({ kind: "primary", id: "n1", label: "A" }),
      row({ kind: "primary", id: "n2", label: "B" }),
      row({ kind: "secondary", id: "n3", label: "C", parents: "n1; n2", strength: "WEAK" }),
      row({ kind: "secondary", id: "n4", label: "D", parents: "n1;n2", strength: "strong;weak" }),
    ].join("\n");
    const d = ok(driverDiagramFromCsv(csv)).diagram;
    expect(d.nodes[2].parents).toEqual([
      { id: "n1", strength: "weak" },
      { id: "n2", strength: "weak" },
    ]);
    expect(d.nodes[3].parents).toEqual([
      { id: "n1", strength: "strong" },
      { id: "n2", strength: "weak" },
    ]);
  });

  describe("bad CSV", () => {
    const errorsOf = (text: string) => {
      const result = driverDiagramFromCsv(text);
      if (result.ok) throw new Error("expected errors");
      return result.errors;
    };

    it("names the line of an unclosed quote and of text after a closing quote", () => {
      expect(errorsOf([HEADER, row({ kind: "primary", id: "n1", label: "fine" }), 'primary,n2,"never closed,,,', "more"].join("\n"))).toEqual([
        { line: 3, message: expect.stringMatching(/never closed/) },
      ]);
      expect(errorsOf([HEADER, 'primary,n1,"Quoted" then text,,'].join("\r\n"))).toEqual([{ line: 2, message: expect.stringMatching(/closing double quote/) }]);
    });

    it("counts lines inside quoted cells, so errors point at the right row", () => {
      const csv = [
        HEADER,
        row({ kind: "primary", id: "n1", label: '"Spans\nthree\nlines"' }),
        row({ kind: "secondary", id: "n2", label: "Orphan", parents: "n9" }),
      ].join("\n");
      expect(errorsOf(csv)).toEqual([{ line: 5, message: "parents: The parent n9 does not exist." }]);
    });

    it("explains unknown columns, missing columns, wrong kinds, wrong cell counts and misplaced cells", () => {
      expect(errorsOf("kind,id,lable\n")).toEqual([
        { line: 1, message: expect.stringMatching(/Column 3 is called “lable”/) },
        { line: 1, message: "The column “label” is missing from the first row." },
      ]);
      expect(errorsOf("")).toEqual([{ line: 1, message: expect.stringMatching(/The file is empty/) }]);
      const csv = [
        HEADER,
        row({ kind: "driver", id: "n1", label: "A" }),
        "primary,n2,too few cells",
        row({ kind: "primary", id: "n3", label: "B", definition: "only measures have definitions" }),
        row({ kind: "measure", id: "m1", label: "M", measure_kind: "outcomes", attached_to: "aim" }),
        row({ kind: "primary", id: "n4", label: "C", assumption: "maybe" }),
        row({ kind: "aim", label: "Aim one" }),
        row({ kind: "aim", label: "Aim two" }),
        row({ kind: "secondary", id: "n5", label: "D", parents: "n3;n4", strength: "strong;weak;weak" }),
      ].join("\n");
      expect(errorsOf(csv)).toEqual([
        { line: 2, message: expect.stringMatching(/kind “driver” is not one of/) },
        { line: 3, message: expect.stringMatching(/This row has 3 cells; the first row names 17 columns/) },
        { line: 4, message: expect.stringMatching(/leave “definition” empty/) },
        { line: 5, message: expect.stringMatching(/measure_kind.*outcome, process or balancing/) },
        { line: 6, message: expect.stringMatching(/assumption.*yes or empty/) },
        { line: 8, message: expect.stringMatching(/second aim row \(the first is on line 7\)/) },
        { line: 9, message: expect.stringMatching(/2 parents but 3 strengths/) },
      ]);
    });

    it("reports the model's own rules with the line and the column", () => {
      const csv = [
        HEADER,
        row({ kind: "primary", id: "n1", label: "" }),
        row({ kind: "primary", id: "n1", label: "Same id" }),
        row({ kind: "change", id: "n3", label: "Change serving a primary", parents: "n1" }),
        row({ kind: "secondary", id: "seven", label: "Bad id", parents: "n1" }),
        row({ kind: "measure", id: "m1", label: "Outcome on a driver", measure_kind: "outcome", attached_to: "n1" }),
        row({ kind: "primary", id: "n9", label: "x".repeat(501) }),
      ].join("\n");
      expect(errorsOf(csv)).toEqual([
        { line: 2, message: "label: The driver or change idea is required." },
        { line: 3, message: "id: The id n1 is used twice." },
        { line: 4, message: "parents: A change idea serves secondary drivers; n1 is a primary driver." },
        { line: 5, message: "id: A driver or change idea id looks like n1, n2, n3 …" },
        { line: 6, message: "attached_to: An outcome measure belongs to the aim." },
        { line: 7, message: "label: The driver or change idea must be at most 500 characters." },
      ]);
    });
  });
});
