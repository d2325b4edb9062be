import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diagramFromTemplate } from "~/domain/driver-diagram";
import { lintDriverDiagram } from "~/domain/driver-diagram-lint";
import { DRIVER_DIAGRAM_TOPICS, DriverDiagramTemplateSchema, referenceInWords } from "~/domain/driver-diagram-templates";
import { PRIORITY_TOPICS } from "~/domain/intake";
import {
  clearTemplateCache,
  getDriverDiagramTemplate,
  listDriverDiagramTemplates,
  loadTemplates,
  parseTemplate,
  templateForTopic,
} from "~/services/templates.server";

// The keys of docs/domain.md §12 that the topic templates may cite.
const domainDoc = fs.readFileSync(path.resolve(__dirname, "../../docs/domain.md"), "utf8");
const DOMAIN_SOURCE_KEYS = new Set([...(domainDoc.split(/^## 12\. Sources$/m)[1] ?? "").matchAll(/\*\*([A-Z]{1,3}\d{1,3})\*\*/g)].map((m) => m[1]));

const templates = listDriverDiagramTemplates();

describe("driver-diagram topic templates", () => {
  it("has one template per priority topic, named after it, and a blank one, blank last", () => {
    expect(templates.map((t) => t.topic)).toEqual([...DRIVER_DIAGRAM_TOPICS, null]);
    expect(templates.map((t) => t.key)).toEqual([...DRIVER_DIAGRAM_TOPICS.map((topic) => topic.replace(/_/g, "-")), "blank"]);
    expect(templates.filter((t) => t.topic !== null).length).toBeGreaterThanOrEqual(20);
  });

  it("covers the topics partners bring, each offered by the intake and started from its own template", () => {
    const wanted = [
      "sepsis",
      "deteriorating_patient",
      "ami",
      "ssi",
      "clabsi",
      "vap",
      "cauti",
      "falls",
      "pressure_ulcers",
      "medication_reconciliation",
      "high_alert_medications",
      "heart_failure",
      "vte",
      "hand_hygiene",
      "perinatal_safety",
      "access_flow",
      "joy_in_work",
      "primary_care_access",
      "patient_experience",
      "board_quality",
    ];
    const offered = PRIORITY_TOPICS.map((t) => t.key as string);
    for (const topic of wanted) expect(offered, topic).toContain(topic);
    for (const { key, label } of PRIORITY_TOPICS) {
      const template = templateForTopic(key);
      expect(template.key, label).toBe(key.replace(/_/g, "-"));
      expect(template.topic).toBe(key);
    }
    // Topics a partner names in their own words are found in the list, not typed in as "other".
    const labels = PRIORITY_TOPICS.map((t) => t.label.toLowerCase());
    for (const words of ["rapid response", "heart attack", "surgical site infection", "joy in work", "sepsis", "emergency department", "burnout"])
      expect(
        labels.some((l) => l.includes(words)),
        words
      ).toBe(true);
  });

  it.each(templates.filter((t) => t.key !== "blank").map((t) => [t.key, t] as const))("%s lints without errors once started", (_key, template) => {
    const diagram = diagramFromTemplate(template, { population: "adult ICUs in the 12 participating hospitals", byWhen: "June 2027" });
    const errors = lintDriverDiagram(diagram).filter((f) => f.severity === "error");
    expect(errors).toEqual([]);
  });

  it("blank, once started, is unfinished until its labels are renamed and its measures defined: none of its words reach the partner", () => {
    const template = templates.find((t) => t.key === "blank")!;
    const diagram = diagramFromTemplate(template, { population: "adult ICUs in the 12 participating hospitals", byWhen: "June 2027" });
    const errors = lintDriverDiagram(diagram).filter((f) => f.severity === "error");
    expect(errors.map((f) => f.code)).toEqual(["template-label", "measure-template-name", "measure-no-definition"]);
    expect(errors[0]!.message).toMatch(/^6 drivers and change ideas still have the blank template's label \(“Primary driver 1 \(rename\)”, /);
    expect(errors[2]!.message).toMatch(/^4 measures have no operational definition/);
  });

  it.each(templates.filter((t) => t.key !== "blank").map((t) => [t.key, t] as const))(
    "%s is a complete theory of change: 2–5 primary drivers, nothing left hanging, every kind of measure, a filled-in aim",
    (_key, template) => {
      const diagram = diagramFromTemplate(template, { population: "adult ICUs in the 12 participating hospitals", byWhen: "June 2027" });
      const findings = lintDriverDiagram(diagram);
      expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
      const primaries = diagram.nodes.filter((n) => n.kind === "primary").length;
      expect(primaries).toBeGreaterThanOrEqual(2);
      expect(primaries).toBeLessThanOrEqual(5);
      const processMeasures = diagram.measures.filter((m) => m.kind === "process").length;
      expect(processMeasures).toBeLessThanOrEqual(7); // docs/domain.md §6.3: 3–7 process measures
      for (const m of diagram.measures) {
        expect(m.definition, m.name).not.toBe("");
        expect(m.numerator, m.name).not.toBe("");
        expect(m.denominator, m.name).not.toBe("");
      }
    }
  );

  it.each(templates.map((t) => [t.key, t] as const))("%s cites only source keys of docs/domain.md, in its list and its note", (_key, template) => {
    for (const key of template.sources) expect(DOMAIN_SOURCE_KEYS.has(key), key).toBe(true);
    for (const [, key] of template.note.matchAll(/\[([A-Z]{1,3}\d{1,3})\]/g)) expect(template.sources, key).toContain(key);
  });

  it.each(templates.filter((t) => t.key !== "blank").map((t) => [t.key, t] as const))(
    "%s names its published sources, or says it is an assumption to be reviewed",
    (_key, template) => {
      if (template.status === "published-basis") expect(template.sources.length + template.references.length).toBeGreaterThan(0);
      else expect(template.note).toMatch(/assumption to be reviewed/);
      // Inferred content is marked item by item, so the partner reviews it.
      const marked = template.diagram.nodes.filter((n) => n.assumption).length + template.diagram.measures.filter((m) => m.assumption).length;
      expect(marked).toBeGreaterThan(0);
      expect(template.note).toMatch(/assumption/);
      for (const r of template.references) {
        expect(r.title.length).toBeGreaterThan(10);
        expect(r.publisher.length).toBeGreaterThan(2);
        if (r.url !== undefined) expect(r.url).toMatch(/^https?:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
      }
    }
  );

  it("says which templates are assumptions: topics with no published diagram, and inferred groupings within the others", () => {
    const status = Object.fromEntries(templates.map((t) => [t.key, t.status]));
    expect(status).toMatchObject({
      vap: "published-basis",
      clabsi: "published-basis",
      cauti: "published-basis",
      ssi: "published-basis",
      "hand-hygiene": "published-basis",
      ami: "published-basis",
      readmissions: "published-basis",
      vte: "published-basis",
      "perinatal-safety": "published-basis",
      "access-flow": "published-basis",
      "primary-care-access": "published-basis",
      "patient-experience": "published-basis",
      "joy-in-work": "published-basis",
      sepsis: "assumption",
      "deteriorating-patient": "assumption",
      "heart-failure": "assumption",
      "high-alert-medications": "assumption",
      falls: "assumption",
      "pressure-ulcers": "assumption",
      "medication-reconciliation": "assumption",
      "c-difficile": "assumption",
      "board-quality": "assumption",
    });
    for (const t of templates.filter((t) => t.status === "assumption" && t.key !== "blank")) expect(t.note).toMatch(/assumption to be reviewed/);
    // VAP: the bundle elements are sourced, their grouping under primary drivers is not.
    const vap = getDriverDiagramTemplate("vap")!;
    expect(vap.diagram.nodes.filter((n) => n.kind === "primary").every((n) => n.assumption)).toBe(true);
    expect(vap.diagram.nodes.find((n) => n.label.startsWith("Head of bed"))?.assumption).toBe(false);
    // Readmissions: STAAR's four key changes are the published primary drivers.
    const readmissions = getDriverDiagramTemplate("readmissions")!;
    expect(readmissions.diagram.nodes.filter((n) => n.kind === "primary").map((n) => [n.label, n.assumption])).toEqual([
      ["Enhanced assessment of post-hospital needs", false],
      ["Effective teaching and facilitated enhanced learning", false],
      ["Real-time handover communications", false],
      ["Timely post-hospital follow-up", false],
    ]);
    // Hand hygiene: WHO's five strategy components are the published primary drivers.
    const hands = getDriverDiagramTemplate("hand-hygiene")!;
    expect(hands.diagram.nodes.filter((n) => n.kind === "primary").map((n) => n.assumption)).toEqual([false, false, false, false, false]);
    expect(hands.references.map((r) => r.publisher)).toContain("World Health Organization");
  });

  it("reads a reference as a citation", () => {
    expect(referenceInWords({ title: "IHI Framework for Improving Joy in Work.", publisher: "Institute for Healthcare Improvement", year: 2017 })).toBe(
      "IHI Framework for Improving Joy in Work. Institute for Healthcare Improvement, 2017."
    );
  });

  it("uses many-to-many links and weaker links where the content calls for them", () => {
    const clabsi = getDriverDiagramTemplate("clabsi")!;
    const checklist = clabsi.diagram.nodes.find((n) => n.label.startsWith("Insertion checklist"))!;
    expect(checklist.parents).toHaveLength(4);
    expect(templates.some((t) => t.diagram.nodes.some((n) => n.parents.some((p) => p.strength === "weak")))).toBe(true);
  });

  it("starts a diagram from the partner's top priority, with the intake's draft aim", () => {
    expect(templateForTopic("pressure_ulcers").key).toBe("pressure-ulcers");
    expect(templateForTopic("heart_failure").key).toBe("heart-failure");
    expect(templateForTopic("no_such_topic").key).toBe("blank");
    expect(templateForTopic(null).key).toBe("blank");

    const fromDraft = diagramFromTemplate(templateForTopic("vap"), {
      draftAim: "Cut VAP in our 4 ICUs to zero by December 2026",
      population: "4 adult ICUs",
    });
    expect(fromDraft.aim.statement).toBe("Cut VAP in our 4 ICUs to zero by December 2026");
    expect(fromDraft.aim.population).toBe("4 adult ICUs");

    const filled = diagramFromTemplate(templateForTopic("readmissions"), { population: "patients discharged from medical wards", byWhen: "March 2027" });
    expect(filled.aim.statement).toBe("Reduce 30-day all-cause readmissions for patients discharged from medical wards by 10% by March 2027");
    expect(filled.aim.target).toBe("10% fewer 30-day all-cause readmissions");

    const emoji = diagramFromTemplate(templateForTopic("falls"), { draftAim: "🫁".repeat(600) });
    expect(emoji.aim.statement.length).toBeLessThanOrEqual(1000);
    expect(emoji.aim.statement.endsWith("🫁")).toBe(true);

    const unfilled = diagramFromTemplate(templateForTopic("readmissions"));
    expect(unfilled.aim.statement).toContain("{population}");
    expect(lintDriverDiagram(unfilled).map((f) => f.code)).toContain("aim-placeholder");
  });
});

describe("a broken template", () => {
  const templateDir = path.join(process.cwd(), "docs-templates", "driver-diagrams");
  const vapJson = () => JSON.parse(fs.readFileSync(path.join(templateDir, "vap.json"), "utf8"));
  const vapFile = "docs-templates/driver-diagrams/vap.json";
  const check = (json: unknown, file = vapFile) => parseTemplate(file, typeof json === "string" ? json : JSON.stringify(json), DriverDiagramTemplateSchema);
  const roots: string[] = [];
  afterEach(() => {
    for (const d of roots.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    clearTemplateCache();
  });

  it("is refused with the file name and the path of the problem", () => {
    const broken = vapJson();
    broken.diagram.nodes[5].parents[0].id = "n99";
    expect(() => check(broken)).toThrow(/vap\.json[\s\S]*diagram\.nodes\[5\]\.parents\[0\]\.id: The parent n99 does not exist/);

    const missingLabel = vapJson();
    delete missingLabel.diagram.nodes[0].label;
    expect(() => check(missingLabel)).toThrow(/diagram\.nodes\[0\]\.label/);

    const wrongTopic = vapJson();
    wrongTopic.topic = "ventilators";
    expect(() => check(wrongTopic)).toThrow(/vap\.json[\s\S]*topic: Topic must be one of/);

    const badReference = vapJson();
    badReference.references = [{ title: "A guide", publisher: "Someone", year: "2012", url: "javascript:alert(1)" }];
    expect(() => check(badReference)).toThrow(/references\[0\]\.year: Year must be a number[\s\S]*references\[0\]\.url: The address/);

    const unsourced = vapJson();
    unsourced.sources = [];
    expect(() => check(unsourced)).toThrow(/references: A template based on published material names at least one source/);
    expect(check({ ...unsourced, status: "assumption" }).references).toEqual([]);

    // Among several outcome measures, the one the aim is about (which takes the figure of the intake's draft aim) is named.
    const unnamed = vapJson();
    delete unnamed.aimMeasure;
    expect(() => check(unnamed)).toThrow(/aimMeasure: Name the outcome measure the aim is about \(one of m1, m2\)/);
    expect(() => check({ ...vapJson(), aimMeasure: "m3" })).toThrow(/aimMeasure: The aim's measure m3 is not one of the template's outcome measures/);
    expect(() => check("{ not json", "docs-templates/driver-diagrams/sepsis.json")).toThrow(/sepsis\.json[\s\S]*not valid JSON/);
  });

  it("stops the loader, naming the file", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "dd-templates-"));
    roots.push(root);
    fs.cpSync(path.join(process.cwd(), "docs-templates"), path.join(root, "docs-templates"), { recursive: true });
    const dir = path.join(root, "docs-templates", "driver-diagrams");
    expect(loadTemplates(root).driverDiagrams).toHaveLength(templates.length);

    const broken = JSON.parse(fs.readFileSync(path.join(dir, "falls.json"), "utf8"));
    broken.diagram.measures[0].kind = "outcomes";
    fs.writeFileSync(path.join(dir, "falls.json"), JSON.stringify(broken));
    expect(() => loadTemplates(root)).toThrow(/driver-diagrams\/falls\.json[\s\S]*diagram\.measures\[0\]\.kind/);

    fs.copyFileSync(path.join(templateDir, "vap.json"), path.join(dir, "falls.json"));
    expect(() => loadTemplates(root)).toThrow(/falls\.json[\s\S]*must match the file name/);

    fs.copyFileSync(path.join(templateDir, "falls.json"), path.join(dir, "falls.json"));
    fs.rmSync(path.join(dir, "blank.json"));
    expect(() => loadTemplates(root)).toThrow(/blank\.json[\s\S]*fall back on/);
  });
});
