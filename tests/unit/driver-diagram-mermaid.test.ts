// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from "vitest";
import { addNode, diagramFromTemplate, emptyDriverDiagram, setAim, upsertMeasure, type DriverDiagram } from "~/domain/driver-diagram";
import { driverDiagramMermaidIds, driverDiagramToMermaid, escapeMermaidLabel, truncateLabel, wrapLabel } from "~/domain/driver-diagram-mermaid";
import { listDriverDiagramTemplates } from "~/services/templates.server";

type Mermaid = typeof import("mermaid").default;
let mermaid: Mermaid;

beforeAll(async () => {
  mermaid = (await import("mermaid")).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", layout: "dagre" });
});

type FlowDb = {
  getVertices(): Map<string, { id: string; text: string; classes: string[]; link?: string }>;
  getEdges(): { start: string; end: string; stroke: string }[];
  getClasses(): Map<string, unknown>;
  getTooltip(id: string): string | undefined;
  getSubGraphs(): unknown[];
};

/** What mermaid itself made of the source: its nodes, links, classes and click handlers. */
async function parsedGraph(src: string) {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(src);
  return diagram.db as unknown as FlowDb;
}

/** A label's source back to the text a reader sees: entity codes decoded, our line breaks as "\n". */
function shownText(label: string): string {
  return label.replace(/#(\d+);/g, (_, code) => String.fromCodePoint(Number(code))).replace(/<br\/>/g, "\n");
}

/**
 * The text each node shows, read from the generated source. (Mermaid's parsed labels cannot be used
 * for this under happy-dom, whose DOMPurify drops the text before a <br>; they are in a real browser.)
 */
function labelsIn(src: string): Map<string, string> {
  return new Map(Array.from(src.matchAll(/^ {2}(\w+)[[(]+"([^"]*)"/gm), (m) => [m[1], shownText(m[2])]));
}

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error((result as unknown as { message: string }).message);
  return result as Extract<T, { ok: true }>;
}

/** A diagram whose every label is the given text: aim, a primary, a secondary, a change idea and measures. */
function diagramLabelled(text: string): DriverDiagram {
  let d = ok(setAim(emptyDriverDiagram(), { statement: text, population: text, target: text, byWhen: text })).diagram;
  const p = ok(addNode(d, { kind: "primary", label: text }));
  const p2 = ok(addNode(p.diagram, { kind: "primary", label: `${text} 2` }));
  const s = ok(addNode(p2.diagram, { kind: "secondary", label: text, parentIds: [p.id, p2.id], strength: "weak" }));
  const c = ok(addNode(s.diagram, { kind: "change", label: text, parentIds: [s.id] }));
  d = c.diagram;
  d = ok(upsertMeasure(d, { kind: "outcome", name: text, attachedTo: "aim", definition: text })).diagram;
  d = ok(upsertMeasure(d, { kind: "process", name: text, attachedTo: c.id })).diagram;
  return ok(upsertMeasure(d, { kind: "balancing", name: text, attachedTo: "aim" })).diagram;
}

// Every line we generate: the header, a node with a quoted label, or a link between generated ids.
const NODE_LINE = /^ {2}(aim|[psc][1-9]\d*)(\["[^"]*"\]|\("[^"]*"\)|\(\["[^"]*"\]\))$/;
const EDGE_LINE = /^ {2}(aim|[ps][1-9]\d*) (-->|-\.->) [psc][1-9]\d*$/;

function expectOnlyGeneratedSyntax(src: string) {
  const lines = src.trimEnd().split("\n");
  expect(lines[0]).toBe("flowchart LR");
  for (const line of lines.slice(1)) expect(line.match(NODE_LINE) ?? line.match(EDGE_LINE), line.slice(0, 200)).not.toBeNull();
  expect(src).not.toMatch(/click|%%|<script|<img|style|classDef|:::|`|javascript|subgraph|\bend\b|callback|href/i);
  expect(src).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  expect(src.startsWith("---")).toBe(false);
}

const HOSTILE = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"]); click n1 call alert(1) %%',
  '%%{init: {"securityLevel":"loose"}}%%',
  "end",
  "subgraph",
  "A-->B",
  "x:::cls",
  "`**bold** _markdown_`",
  "#quot; and #35; and &lt; and &#60;",
  `quotes " ' brackets [ ] ( ) { } pipes | angle < > semicolon ; hash #`,
  "style p1 fill:#f00",
  "classDef danger fill:#f00",
  'click p1 href "javascript:alert(1)"',
  "line one\nline two\r\nline three\u2028four",
  "control \u0000\u0007\u001b[31m chars",
  "RTL: خفض الالتهاب الرئوي المرتبط بجهاز التنفس \u202Eevil",
  "emoji 🫁🧑‍⚕️ and ﬂ°°60¶ß",
  "---\ntitle: front matter\n---",
];

describe("driverDiagramToMermaid", () => {
  it.each(listDriverDiagramTemplates().map((t) => [t.key, t] as const))("draws the %s template as a flowchart mermaid accepts", async (_key, template) => {
    const d = diagramFromTemplate(template, { population: "adult ICUs in 12 hospitals", byWhen: "June 2027" });
    const src = driverDiagramToMermaid(d);
    expect(src.startsWith("flowchart LR\n")).toBe(true);
    await expect(mermaid.parse(src)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
    expectOnlyGeneratedSyntax(src);

    const db = await parsedGraph(src);
    expect(db.getVertices().size).toBe(d.nodes.length + 1);
    const links = d.nodes.reduce((n, node) => n + Math.max(1, node.parents.length), 0);
    expect(db.getEdges()).toHaveLength(links);
  });

  it("puts the aim on the left, draws strong links solid and weaker links dashed, and shows measures", async () => {
    const d = diagramFromTemplate(listDriverDiagramTemplates().find((t) => t.key === "clabsi")!, { population: "ICUs", byWhen: "2027" });
    const src = driverDiagramToMermaid(d);
    const db = await parsedGraph(src);
    const edges = db.getEdges();
    expect(edges.filter((e) => e.start === "aim").map((e) => e.end)).toEqual(["p1", "p2", "p3", "p4"]);
    const ids = driverDiagramMermaidIds(d);
    const discuss = d.nodes.find((n) => n.label.startsWith("Daily discussion of line necessity"))!;
    const weak = discuss.parents.find((p) => p.strength === "weak")!;
    expect(src).toContain(`${ids.get(weak.id)} -.-> ${ids.get(discuss.id)}`);
    expect(edges.find((e) => e.start === ids.get(weak.id) && e.end === ids.get(discuss.id))?.stroke).toBe("dotted");
    expect(edges.find((e) => e.start === "p1")?.stroke).toBe("normal");

    const labels = labelsIn(src);
    expect(labels.get("aim")).toMatch(/^Aim\nReduce central\nline–associated\n[\s\S]*\n▸ 1 outcome measure\n▸ 2 balancing measures$/);
    const insertion = ids.get(d.nodes.find((n) => n.label === "Reliable insertion")!.id)!;
    expect(labels.get(insertion)).toBe("Reliable insertion\n▸ 1 process measure\n◇ assumption");

    const named = driverDiagramToMermaid(d, { measures: "names" });
    expect(labelsIn(named).get("aim")).toContain("▸ CLABSI per 1,000\ncentral-line days\n▸ balancing: Delays in");
    expect(driverDiagramToMermaid(d, { measures: "none" })).not.toContain("#9656;");
  });

  it("counts each kind of measure with its own noun, singular for one", () => {
    let d = ok(setAim(emptyDriverDiagram(), { statement: "Reduce falls with injury by 30%", population: "all wards" })).diagram;
    d = ok(upsertMeasure(d, { kind: "outcome", name: "Falls with injury per 1,000 bed days", attachedTo: "aim" })).diagram;
    d = ok(upsertMeasure(d, { kind: "balancing", name: "Use of restraints", attachedTo: "aim" })).diagram;
    expect(labelsIn(driverDiagramToMermaid(d)).get("aim")).toMatch(/\n▸ 1 outcome measure\n▸ 1 balancing measure$/);

    d = ok(upsertMeasure(d, { kind: "balancing", name: "Staff time", attachedTo: "aim" })).diagram;
    const lines = labelsIn(driverDiagramToMermaid(d)).get("aim")!.split("\n");
    expect(lines.slice(-2)).toEqual(["▸ 1 outcome measure", "▸ 2 balancing measures"]);
  });

  it.each(HOSTILE.map((text) => [JSON.stringify(text).slice(0, 50), text] as const))("keeps hostile text inert: %s", async (_name, text) => {
    const d = diagramLabelled(text);
    for (const measures of ["count", "names"] as const) {
      const src = driverDiagramToMermaid(d, { measures });
      await expect(mermaid.parse(src)).resolves.toBeTruthy();
      expectOnlyGeneratedSyntax(src);

      const db = await parsedGraph(src);
      expect([...db.getVertices().keys()]).toEqual(["aim", "p1", "p2", "s1", "c1"]);
      expect(db.getEdges().map((e) => `${e.start}>${e.end}`)).toEqual(["aim>p1", "aim>p2", "p1>s1", "p2>s1", "s1>c1"]);
      expect(db.getClasses().size).toBe(0);
      expect(db.getSubGraphs()).toHaveLength(0);
      for (const [id, vertex] of db.getVertices()) {
        expect(vertex.link).toBeUndefined();
        expect(vertex.classes).toEqual([]);
        expect(db.getTooltip(id)).toBeUndefined();
      }
      // The reader sees the text they typed, on one line, minus control characters and bidi overrides.
      const typed = text
        .replace(/[\u0000-\u0008\u000B-\u001F\u202A-\u202E]/g, "")
        .replace(/\s+/g, " ")
        .trim();
      const shown = labelsIn(src)
        .get("p1")!
        .replace(/\u200B/g, "")
        .split("\n");
      for (const line of shown) expect(Array.from(line).length).toBeLessThanOrEqual(24);
      // Wrapping breaks lines at spaces, or inside a word too long for a line.
      expect(shown.join("").replace(/\s/g, "")).toBe(typed.replace(/\s/g, ""));
      if (!typed.split(" ").some((w) => Array.from(w).length > 24)) expect(shown.join(" ")).toBe(typed);
    }
  });

  it("prints each level in a headed column of its own colour, with the aim's target set apart", async () => {
    const template = listDriverDiagramTemplates().find((t) => t.key === "falls")!;
    const d = ok(setAim(diagramFromTemplate(template, { population: "14 hospitals", byWhen: "2029" }), { target: "40% fewer falls with harm" })).diagram;
    const src = driverDiagramToMermaid(d, { measures: "names", markAssumptions: false, columns: true });
    await expect(mermaid.parse(src)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
    const db = await parsedGraph(src);
    const columns = db.getSubGraphs() as { title: string; nodes: string[] }[];
    expect(columns.map((c) => c.title)).toEqual(["Aim", "Primary drivers", "Secondary drivers", "Change ideas"]);
    const ids = driverDiagramMermaidIds(d);
    const column = (title: string) =>
      columns
        .find((c) => c.title === title)!
        .nodes.slice()
        .sort();
    expect(column("Aim")).toEqual(["aim"]);
    for (const [title, kind] of [
      ["Primary drivers", "primary"],
      ["Secondary drivers", "secondary"],
      ["Change ideas", "change"],
    ] as const) {
      expect(column(title), title).toEqual(
        d.nodes
          .filter((n) => n.kind === kind)
          .map((n) => ids.get(n.id)!)
          .sort()
      );
    }
    // One colour per level: every node carries its level's class, and the four classes differ.
    const vertices = db.getVertices();
    expect(vertices.get("aim")!.classes).toContain("aim");
    for (const node of d.nodes) expect(vertices.get(ids.get(node.id)!)!.classes, node.label).toContain(node.kind);
    const fills = [...db.getClasses().values()].map((c) => JSON.stringify((c as { styles: string[] }).styles));
    expect(new Set(fills).size).toBe(4);
    // The aim reads on its own; its target follows after a blank line, not the template's 20%.
    const aim = labelsIn(src.replace(/^ {4}/gm, "  ")).get("aim")!;
    expect(aim).toMatch(/^Reduce inpatient falls[\s\S]*\n\nTarget: 40% fewer falls\nwith harm\n/);
    expect(aim).not.toContain("20% fewer");
  });

  it.each(HOSTILE.map((text) => [JSON.stringify(text).slice(0, 50), text] as const))(
    "keeps hostile text inert in the printed columns: %s",
    async (_name, text) => {
      const src = driverDiagramToMermaid(diagramLabelled(text), { measures: "names", columns: true });
      await expect(mermaid.parse(src)).resolves.toBeTruthy();
      // Take away the lines only the printed form adds (fixed words, never data); what remains is the plain form.
      const generated =
        /^ {2}(subgraph col(Aim|Primary|Secondary|Change)\["(Aim|Primary drivers|Secondary drivers|Change ideas)"\]| {2}direction TB|end|classDef (aim|primary|secondary|change) [a-z0-9:#,]+|class (aim|[psc]\d+)(,[psc]\d+)* (aim|primary|secondary|change))$/;
      const rest = src
        .split("\n")
        .filter((line) => !generated.test(line))
        .map((line) => line.replace(/^ {4}/, "  "))
        .join("\n");
      expectOnlyGeneratedSyntax(rest);
      expect([...(await parsedGraph(src)).getVertices().keys()].sort()).toEqual(["aim", "c1", "p1", "p2", "s1"]);
    }
  );

  it("escapes every character that could mean something to mermaid or HTML", () => {
    expect(escapeMermaidLabel('say "hi"')).toBe("say #34;hi#34;");
    expect(escapeMermaidLabel("#quot;")).toBe("#35;quot#59;");
    expect(escapeMermaidLabel("<b>")).toBe("#60;b#62;");
    expect(escapeMermaidLabel("100% {x} [y] (z) |a| `b` :c ;d &e")).toBe("100#37; #123;x#125; #91;y#93; #40;z#41; #124;a#124; #96;b#96; #58;c #59;d #38;e");
    expect(escapeMermaidLabel("click here, then style it and call end")).toBe("#99;lick here, then #115;tyle it and #99;all #101;nd");
    expect(escapeMermaidLabel("a\nb\tc\u0000d")).toBe("a b cd");
    expect(escapeMermaidLabel("Ünïcödé ß and العربية")).toBe("Ünïcödé ß and العربية");
    expect(escapeMermaidLabel("\u202Eevil")).toBe("evil");
    expect(escapeMermaidLabel("ﬂ°°60¶ß")).toBe("ﬂ#8203;#176;#176;60#182;#8203;ß");
  });

  it("wraps at spaces, then after hyphens, and cuts at a word boundary", () => {
    expect(wrapLabel("Antimicrobial-impregnated central venous catheters for adults", 24)).toEqual([
      "Antimicrobial-",
      "impregnated central",
      "venous catheters for",
      "adults",
    ]);
    expect(wrapLabel("x".repeat(50), 24)).toEqual(["x".repeat(24), "x".repeat(24), "xx"]);
    expect(wrapLabel("🧑‍⚕️ ".repeat(30).trim(), 24).every((line) => !line.includes("\u200D ") && !line.startsWith("\u200D"))).toBe(true);
    expect(truncateLabel("Daily review of line necessity with prompt removal", 30)).toBe("Daily review of line…");
    expect(truncateLabel("short", 30)).toBe("short");
  });

  it("cuts a 10 kB label to a readable size with an ellipsis and wraps it", async () => {
    // The model keeps labels to 500 characters; the drawing must still cope with anything it is given.
    const long = "Reduce harm ".repeat(900).trim();
    expect(long.length).toBeGreaterThan(10_000);
    const d: DriverDiagram = {
      aim: { statement: long, baseline: "", target: long, byWhen: long, population: long },
      nodes: [
        { id: "n1", kind: "primary", label: long, parents: [], assumption: false },
        { id: "n2", kind: "secondary", label: "x".repeat(10_000), parents: [{ id: "n1", strength: "strong" }], assumption: false },
      ],
      measures: [
        {
          id: "m1",
          kind: "outcome",
          name: long,
          definition: long,
          numerator: "",
          denominator: "",
          source: "",
          frequency: "",
          target: "",
          attachedTo: "aim",
          assumption: false,
        },
      ],
    };
    for (const measures of ["count", "names"] as const) {
      const src = driverDiagramToMermaid(d, { measures });
      await expect(mermaid.parse(src)).resolves.toBeTruthy();
      expectOnlyGeneratedSyntax(src);
      expect(src.length).toBeLessThan(4_000);
      const labels = labelsIn(src);
      for (const id of ["p1", "s1"]) {
        const shown = labels.get(id)!.split("\n");
        expect(shown.join(" ").length).toBeLessThanOrEqual(145);
        expect(shown.join(" ")).toMatch(/…$/);
        for (const line of shown) expect(Array.from(line).length).toBeLessThanOrEqual(24);
      }
      expect(labels.get("aim")).toMatch(/…/);
    }
    expect(escapeMermaidLabel(long)).toBe(long); // escaping alone never cuts: only the drawing does
  });

  it("stays readable at 40 nodes: every node drawn once, every line short", async () => {
    let d = ok(setAim(emptyDriverDiagram(), { statement: "Reduce falls with injury by 30% by June 2027", population: "all wards" })).diagram;
    const primaries: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = ok(addNode(d, { kind: "primary", label: `Primary driver number ${i} with a fairly long descriptive label` }));
      d = r.diagram;
      primaries.push(r.id);
    }
    const secondaries: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const r = ok(
        addNode(d, {
          kind: "secondary",
          label: `Secondary driver ${i}`,
          parentIds: [primaries[i % 4], primaries[(i + 1) % 4]],
          strength: i % 2 ? "strong" : "weak",
        })
      );
      d = r.diagram;
      secondaries.push(r.id);
    }
    for (let i = 1; i <= 24; i++)
      d = ok(addNode(d, { kind: "change", label: `Change idea ${i}: test it on one ward first, then spread`, parentIds: [secondaries[i % 12]] })).diagram;
    const src = driverDiagramToMermaid(d);
    await expect(mermaid.parse(src)).resolves.toBeTruthy();
    const db = await parsedGraph(src);
    expect(db.getVertices().size).toBe(41);
    expect(db.getEdges()).toHaveLength(4 + 24 + 24);
    const labels = labelsIn(src);
    expect(labels.size).toBe(41);
    for (const [id, text] of labels) for (const line of text.split("\n")) expect(Array.from(line).length, id).toBeLessThanOrEqual(24);
  });

  it("never takes an id from the data, even from a diagram that skipped validation", async () => {
    const d = {
      ...emptyDriverDiagram(),
      nodes: [
        { id: "x]; click", kind: "primary" as const, label: "A", parents: [], assumption: false },
        {
          id: "end",
          kind: "secondary" as const,
          label: "B",
          parents: [
            { id: "x]; click", strength: "weak" as const },
            { id: "missing", strength: "strong" as const },
          ],
          assumption: false,
        },
      ],
    };
    const src = driverDiagramToMermaid(d);
    expectOnlyGeneratedSyntax(src);
    expect(src).toContain("p1 -.-> s1");
    await expect(mermaid.parse(src)).resolves.toBeTruthy();
  });
});
