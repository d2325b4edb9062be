import { describe, expect, it } from "vitest";
import {
  addNode,
  deleteMeasure,
  deleteNode,
  describeDeletion,
  diagramTableRows,
  DriverDiagramSchema,
  driverDiagramOutline,
  emptyDriverDiagram,
  formatIssuePath,
  linkParent,
  measureTableRows,
  moveNode,
  renameNode,
  setAim,
  setAssumption,
  setLinkStrength,
  unlinkParent,
  upsertMeasure,
  type DriverDiagram,
  type MeasureInput,
} from "~/domain/driver-diagram";
import { diagramStatusOf, lintDriverDiagram, type LintCode, type LintContext } from "~/domain/driver-diagram-lint";

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error((result as unknown as { message: string }).message);
  return result as Extract<T, { ok: true }>;
}

function refused(result: { ok: boolean }): string {
  if (result.ok) throw new Error("expected the edit to be refused");
  return (result as unknown as { message: string }).message;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const fullMeasure = (m: Partial<MeasureInput> & Pick<MeasureInput, "kind" | "name" | "attachedTo">): MeasureInput => ({
  definition: "What exactly is counted, and when.",
  numerator: "Patients who …",
  denominator: "Patients audited",
  source: "Nursing record",
  frequency: "Weekly",
  target: "At least 95%",
  ...m,
});

/**
 * Falls, in the shape of the topic templates (docs/domain.md §6.5): two primary drivers; "Shared risk plan" serves both;
 * "Teach back" serves two secondaries; measures on the aim and on drivers.
 *   n1 Identify risk ─ n3 Risk assessed on admission ─ n6 Admission risk tool
 *                    └ n5 Shared risk plan ───────────┬ n7 Teach back the plan
 *   n2 Engage families ─ n4 Families know the plan ───┘
 *                       └ n5 (weak)
 */
function fallsDiagram(): DriverDiagram {
  let d = ok(
    setAim(emptyDriverDiagram(), {
      statement: "Reduce inpatient falls by 20% by June 2027",
      baseline: "4.2 falls per 1,000 patient days",
      target: "3.4 falls per 1,000 patient days",
      byWhen: "June 2027",
      population: "All adult wards at St Mary's",
    })
  ).diagram;
  const add = (input: Parameters<typeof addNode>[1]) => {
    const r = ok(addNode(d, input));
    d = r.diagram;
    return r.id;
  };
  const identify = add({ kind: "primary", label: "Identify patients at risk" });
  const engage = add({ kind: "primary", label: "Engage patients and families" });
  const assessed = add({ kind: "secondary", label: "Risk assessed on admission", parentIds: [identify] });
  const families = add({ kind: "secondary", label: "Families know the plan", parentIds: [engage] });
  const shared = add({ kind: "secondary", label: "Shared risk plan", parentIds: [identify] });
  d = ok(linkParent(d, shared, engage, "weak")).diagram;
  const tool = add({ kind: "change", label: "Admission risk tool", parentIds: [assessed] });
  const teachBack = add({ kind: "change", label: "Teach back the plan", parentIds: [shared, families] });
  const measure = (m: MeasureInput) => (d = ok(upsertMeasure(d, m)).diagram);
  measure(fullMeasure({ kind: "outcome", name: "Falls per 1,000 patient days", attachedTo: "aim" }));
  measure(fullMeasure({ kind: "process", name: "Risk assessed within 24 hours", attachedTo: tool }));
  measure(fullMeasure({ kind: "process", name: "Plan taught back", attachedTo: teachBack }));
  measure(fullMeasure({ kind: "process", name: "Families told the plan", attachedTo: families }));
  measure(fullMeasure({ kind: "balancing", name: "Restraint use", attachedTo: "aim" }));
  return deepFreeze(d);
}

const labels = (d: DriverDiagram) => d.nodes.map((n) => n.label);

describe("editing a driver diagram", () => {
  it("gives each new item the next free id, from the diagram alone", () => {
    const d = fallsDiagram();
    expect(d.nodes.map((n) => n.id)).toEqual(["n1", "n2", "n3", "n4", "n5", "n6", "n7"]);
    expect(d.measures.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    const withGap = ok(deleteNode(d, "n6")).diagram;
    expect(ok(addNode(withGap, { kind: "change", label: "New", parentIds: ["n3"] })).id).toBe("n8");
    expect(ok(addNode(d, { kind: "primary", label: "Third" })).id).toBe(ok(addNode(d, { kind: "primary", label: "Third" })).id);
  });

  it("needs a parent of the level above for secondary drivers and change ideas", () => {
    const d = fallsDiagram();
    expect(refused(addNode(d, { kind: "secondary", label: "Floating" }))).toBe("Choose the primary driver this secondary driver serves.");
    expect(refused(addNode(d, { kind: "change", label: "Floating", parentIds: ["n1"] }))).toBe(
      "A change idea serves secondary drivers; n1 is a primary driver."
    );
    expect(refused(addNode(d, { kind: "change", label: "Floating", parentIds: ["n99"] }))).toBe("The parent n99 does not exist.");
    expect(ok(addNode(d, { kind: "primary", label: "Leadership", parentIds: ["n3"] })).diagram.nodes.at(-1)?.parents).toEqual([]);
  });

  it("renames, cleaning what was pasted and refusing empty or overlong labels", () => {
    const d = fallsDiagram();
    expect(ok(renameNode(d, "n1", "  Spot risk\u0007 early\r\nand often  ")).diagram.nodes[0].label).toBe("Spot risk early and often");
    expect(refused(renameNode(d, "n1", " \u0000 "))).toBe("The driver or change idea is required.");
    expect(refused(renameNode(d, "n1", "x".repeat(501)))).toBe("The driver or change idea must be at most 500 characters.");
    expect(refused(renameNode(d, "n42", "x"))).toMatch(/no driver or change idea n42/);
  });

  it("moves an item up or down among its siblings, and says when it cannot", () => {
    const d = fallsDiagram();
    expect(labels(ok(moveNode(d, "n2", "up")).diagram).slice(0, 2)).toEqual(["Engage patients and families", "Identify patients at risk"]);
    expect(refused(moveNode(d, "n1", "up"))).toBe("“Identify patients at risk” is already first.");
    // Under "Identify patients at risk": n3 then n5. Moving n5 up puts it first there.
    const moved = ok(moveNode(d, "n5", "up", "n1")).diagram;
    expect(
      driverDiagramOutline(moved)
        .filter((i) => i.parentId === "n1")
        .map((i) => i.node.label)
    ).toEqual(["Shared risk plan", "Risk assessed on admission"]);
    // Under "Engage patients and families": n4 then n5 — already last there.
    expect(refused(moveNode(d, "n5", "down", "n2"))).toBe("“Shared risk plan” is already last.");
    expect(refused(moveNode(d, "n5", "up", "n3"))).toMatch(/does not serve n3/);
  });

  it("links and unlinks parents, refusing to leave an item serving nothing", () => {
    const d = fallsDiagram();
    const linked = ok(linkParent(d, "n3", "n2")).diagram;
    expect(linked.nodes[2].parents).toEqual([
      { id: "n1", strength: "strong" },
      { id: "n2", strength: "strong" },
    ]);
    expect(refused(linkParent(linked, "n3", "n2"))).toBe("“Risk assessed on admission” already serves “Engage patients and families”.");
    expect(refused(linkParent(d, "n6", "n1"))).toBe("A change idea can only serve secondary drivers; “Identify patients at risk” is a primary driver.");
    expect(refused(linkParent(d, "n1", "n2"))).toMatch(/primary driver serves the aim directly/);

    expect(ok(unlinkParent(d, "n5", "n2")).diagram.nodes[4].parents).toEqual([{ id: "n1", strength: "strong" }]);
    expect(refused(unlinkParent(d, "n3", "n1"))).toBe(
      "“Risk assessed on admission” serves only “Identify patients at risk”. A secondary driver must serve at least one primary driver: link it to another primary driver first, or delete it."
    );
    expect(refused(unlinkParent(d, "n3", "n2"))).toMatch(/does not serve/);
  });

  it("marks a link strong or weaker", () => {
    const d = fallsDiagram();
    expect(ok(setLinkStrength(d, "n5", "n2", "strong")).diagram.nodes[4].parents[1]).toEqual({ id: "n2", strength: "strong" });
    expect(ok(setLinkStrength(d, "n7", "n4", "weak")).diagram.nodes[6].parents).toEqual([
      { id: "n5", strength: "strong" },
      { id: "n4", strength: "weak" },
    ]);
    expect(refused(setLinkStrength(d, "n6", "n4", "weak"))).toMatch(/does not serve n4/);
  });

  it("deletes a primary driver with what serves only it, keeps what also serves another, and says so first", () => {
    const d = fallsDiagram();
    const preview = describeDeletion(d, "n1")!;
    expect(preview.alsoDeleted.map((n) => n.label)).toEqual(["Risk assessed on admission", "Admission risk tool"]);
    expect(preview.measures.map((m) => m.name)).toEqual(["Risk assessed within 24 hours"]);
    expect(preview.kept.map((k) => [k.node.label, k.stillServes.map((n) => n.label)])).toEqual([["Shared risk plan", ["Engage patients and families"]]]);
    expect(preview.message).toBe(
      "Deleting the primary driver “Identify patients at risk” also deletes 1 secondary driver that serves only it (“Risk assessed on admission”), " +
        "1 change idea that serves nothing else (“Admission risk tool”) and 1 measure attached to them (“Risk assessed within 24 hours”). " +
        "“Shared risk plan” stays: it also serves “Engage patients and families”."
    );

    const after = ok(deleteNode(d, "n1")).diagram;
    expect(labels(after)).toEqual(["Engage patients and families", "Families know the plan", "Shared risk plan", "Teach back the plan"]);
    expect(after.nodes.find((n) => n.id === "n5")?.parents).toEqual([{ id: "n2", strength: "weak" }]);
    expect(after.measures.map((m) => m.id)).toEqual(["m1", "m3", "m4", "m5"]);
    expect(DriverDiagramSchema.safeParse(after).success).toBe(true);
  });

  it("deletes a secondary driver's change ideas only when they serve nothing else", () => {
    const d = fallsDiagram();
    expect(describeDeletion(d, "n4")!.message).toBe(
      "Deleting the secondary driver “Families know the plan” also deletes 1 measure attached to it (“Families told the plan”). “Teach back the plan” stays: it also serves “Shared risk plan”."
    );
    expect(describeDeletion(d, "n7")!.message).toBe(
      "Deleting the change idea “Teach back the plan” also deletes 1 measure attached to it (“Plan taught back”)."
    );
    expect(describeDeletion(d, "n2")!.alsoDeleted.map((n) => n.id)).toEqual(["n4"]);
    expect(labels(ok(deleteNode(d, "n5")).diagram)).toContain("Teach back the plan");
    expect(describeDeletion(d, "n99")).toBeNull();
    expect(refused(deleteNode(d, "n99"))).toMatch(/no driver or change idea n99/);
  });

  it("adds, replaces and deletes measures, keeping each kind where it belongs", () => {
    const d = fallsDiagram();
    const added = ok(upsertMeasure(d, { kind: "balancing", name: "Staff time on huddles", attachedTo: "n2" }));
    expect(added.id).toBe("m6");
    expect(added.diagram.measures.at(-1)).toEqual({
      id: "m6",
      kind: "balancing",
      name: "Staff time on huddles",
      definition: "",
      numerator: "",
      denominator: "",
      source: "",
      frequency: "",
      target: "",
      attachedTo: "n2",
      assumption: false,
    });
    const replaced = ok(upsertMeasure(d, fullMeasure({ id: "m1", kind: "outcome", name: "Falls with injury per 1,000 patient days", attachedTo: "aim" })));
    expect(replaced.diagram.measures.map((m) => m.name)[0]).toBe("Falls with injury per 1,000 patient days");
    expect(replaced.diagram.measures).toHaveLength(5);
    expect(refused(upsertMeasure(d, { kind: "outcome", name: "x", attachedTo: "n1" }))).toBe("An outcome measure belongs to the aim.");
    expect(refused(upsertMeasure(d, { kind: "process", name: "x", attachedTo: "aim" }))).toMatch(/belongs to a driver or a change idea/);
    expect(refused(upsertMeasure(d, { kind: "process", name: "x", attachedTo: "n77" }))).toMatch(/attached to n77, which does not exist/);
    expect(refused(upsertMeasure(d, { kind: "process", name: " ", attachedTo: "n1" }))).toBe("Measure name is required.");
    expect(refused(upsertMeasure(d, { id: "m9", kind: "process", name: "x", attachedTo: "n1" }))).toMatch(/no measure m9/);
    expect(refused(upsertMeasure(d, { kind: "process", name: "x", attachedTo: "n1", definition: "d".repeat(2001) }))).toBe(
      "Operational definition must be at most 2,000 characters."
    );
    expect(ok(deleteMeasure(d, "m2")).diagram.measures.map((m) => m.id)).toEqual(["m1", "m3", "m4", "m5"]);
  });

  it("sets the aim field by field and marks items reviewed", () => {
    const d = fallsDiagram();
    const aim = ok(setAim(d, { byWhen: "December 2027" })).diagram.aim;
    expect(aim).toMatchObject({ statement: "Reduce inpatient falls by 20% by June 2027", byWhen: "December 2027" });
    expect(refused(setAim(d, { statement: "x".repeat(1001) }))).toBe("Aim must be at most 1,000 characters.");
    const assumed = ok(setAssumption(d, "n5", true)).diagram;
    expect(assumed.nodes[4].assumption).toBe(true);
    expect(ok(setAssumption(assumed, "m2", true)).diagram.measures[1].assumption).toBe(true);
  });

  it("never changes the diagram it is given", () => {
    // fallsDiagram() is deep-frozen: any edit in place would throw.
    const d = fallsDiagram();
    const before = JSON.stringify(d);
    ok(deleteNode(d, "n1"));
    ok(moveNode(d, "n2", "up"));
    ok(linkParent(d, "n3", "n2"));
    ok(setLinkStrength(d, "n5", "n2", "strong"));
    ok(upsertMeasure(d, { kind: "balancing", name: "x", attachedTo: "aim" }));
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe("DriverDiagramSchema", () => {
  it("accepts a well-formed bundle and cleans its text", () => {
    const d = fallsDiagram();
    const dirty = JSON.parse(JSON.stringify(d));
    dirty.nodes[0].label = "Identify\u0000 patients\nat risk ";
    dirty.measures[0].definition = "Line one\r\nLine two\u0007";
    const parsed = DriverDiagramSchema.parse(dirty);
    expect(parsed.nodes[0].label).toBe("Identify patients at risk");
    expect(parsed.measures[0].definition).toBe("Line one\nLine two");
  });

  it("names the field of every problem", () => {
    const bad = JSON.parse(JSON.stringify(fallsDiagram()));
    bad.nodes[1].id = "n1";
    bad.nodes[2].parents[0].id = "n6";
    bad.nodes[3].label = "x".repeat(501);
    bad.measures[0].attachedTo = "n1";
    bad.extra = true;
    const result = DriverDiagramSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nodes\[3\]\.label: The driver or change idea must be at most 500 characters/),
        ': Unrecognized key: "extra"',
      ])
    );
    const structural = DriverDiagramSchema.safeParse({
      ...JSON.parse(JSON.stringify(fallsDiagram())),
      nodes: bad.nodes.map((n: { label: string }) => ({ ...n, label: "ok" })),
      measures: bad.measures,
    });
    expect(structural.error!.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`)).toEqual([
      "nodes[1].id: The id n1 is used twice.",
      "nodes[2].parents[0].id: A secondary driver serves primary drivers; n6 is a change idea.",
      "nodes[3].parents[0].id: The parent n2 does not exist.",
      "nodes[4].parents[1].id: The parent n2 does not exist.",
      "measures[0].attachedTo: An outcome measure belongs to the aim.",
    ]);
  });

  it("refuses malformed bundles with a message, never by throwing", () => {
    const aim = { statement: "x" };
    const bundles = [
      null,
      "x",
      {},
      { aim, nodes: "x" },
      { aim, nodes: [null] },
      { aim, nodes: [{ id: "n1", kind: "secondary", label: "a", parents: [null, { id: 3 }] }] },
    ];
    for (const bundle of bundles) expect(DriverDiagramSchema.safeParse(bundle).success).toBe(false);
    expect(formatIssuePath(DriverDiagramSchema.safeParse({ aim, nodes: [{}] }).error!.issues[0].path)).toBe("nodes[0].id");
  });
});

describe("the table view", () => {
  it("lists the aim, then each item once in outline order, numbered, with what it serves and its measures", () => {
    const rows = diagramTableRows(fallsDiagram());
    expect(rows.map((r) => [r.number, r.kindLabel, r.label])).toEqual([
      ["", "Aim", "Reduce inpatient falls by 20% by June 2027"],
      ["1", "Primary driver", "Identify patients at risk"],
      ["1.1", "Secondary driver", "Risk assessed on admission"],
      ["1.1.1", "Change idea", "Admission risk tool"],
      ["1.2", "Secondary driver", "Shared risk plan"],
      ["1.2.1", "Change idea", "Teach back the plan"],
      ["2", "Primary driver", "Engage patients and families"],
      ["2.1", "Secondary driver", "Families know the plan"],
    ]);
    expect(rows[4].parents).toEqual([
      { id: "n1", label: "Identify patients at risk", strength: "strong" },
      { id: "n2", label: "Engage patients and families", strength: "weak" },
    ]);
    expect(rows[0].measures.map((m) => `${m.kind}: ${m.name}`)).toEqual(["outcome: Falls per 1,000 patient days", "balancing: Restraint use"]);
  });

  it("numbers without gaps when an item serves several parents: it takes its number where it first appears", () => {
    // Shared risk plan (1.2) serves Engage too, and Teach back the plan (1.2.1) serves Families as well: neither is
    // counted again there, so what comes after them under Engage and Families is 2.2 and 2.1.1, not 2.3 and 2.1.2.
    let d: DriverDiagram = fallsDiagram();
    d = ok(addNode(d, { kind: "secondary", label: "Bedside handover", parentIds: ["n2"] })).diagram;
    d = ok(addNode(d, { kind: "change", label: "Family leaflet", parentIds: ["n4"] })).diagram;
    const numbers = diagramTableRows(d).map((r) => `${r.number} ${r.label}`);
    expect(numbers).toEqual([
      " Reduce inpatient falls by 20% by June 2027",
      "1 Identify patients at risk",
      "1.1 Risk assessed on admission",
      "1.1.1 Admission risk tool",
      "1.2 Shared risk plan",
      "1.2.1 Teach back the plan",
      "2 Engage patients and families",
      "2.1 Families know the plan",
      "2.1.1 Family leaflet",
      "2.2 Bedside handover",
    ]);
  });

  it("shows an item under each parent in the outline, saying what else it serves", () => {
    const outline = driverDiagramOutline(fallsDiagram());
    const teachBack = outline.filter((i) => i.node.label === "Teach back the plan");
    // Under Identify → Shared risk plan, Engage → Families know the plan, Engage → Shared risk plan.
    expect(teachBack.map((i) => [i.parentId, i.depth, i.alsoServes.map((n) => n.id)])).toEqual([
      ["n5", 3, ["n4"]],
      ["n4", 3, ["n5"]],
      ["n5", 3, ["n4"]],
    ]);
  });

  it("lists the measurement plan by kind: outcome, process, balancing", () => {
    expect(measureTableRows(fallsDiagram()).map((m) => [m.kindLabel, m.attachedToLabel])).toEqual([
      ["Outcome", "Aim"],
      ["Process", "Admission risk tool"],
      ["Process", "Teach back the plan"],
      ["Process", "Families know the plan"],
      ["Balancing", "Aim"],
    ]);
  });
});

describe("lintDriverDiagram", () => {
  it("finds nothing to say about a complete diagram", () => {
    expect(lintDriverDiagram(fallsDiagram())).toEqual([]);
  });

  const edit = (change: (d: DriverDiagram) => DriverDiagram) => change(JSON.parse(JSON.stringify(fallsDiagram())));
  const aimOf = (aim: Partial<DriverDiagram["aim"]>) => edit((d) => ({ ...d, aim: { ...d.aim, ...aim } }));
  const withPrimaries = (n: number) =>
    edit((d) => {
      for (let i = 0; i < n; i++) d = ok(addNode(d, { kind: "primary", label: `Extra driver ${i}` })).diagram;
      return d;
    });

  // One case per code: the compiler insists that every finding the linter can make is tested.
  const cases: Record<LintCode, { diagram: () => DriverDiagram; severity: string; message: RegExp; nodeId?: string; context?: LintContext }> = {
    "aim-missing": {
      diagram: () => aimOf({ statement: "" }),
      severity: "error",
      message: /Write the aim: what will improve, by how much, for whom and by when/,
    },
    "aim-placeholder": {
      diagram: () => aimOf({ statement: "Reduce falls in {population} by 20% by June 2027" }),
      severity: "warning",
      message: /blank to fill in \(\{population\}\)/,
    },
    "aim-no-number": {
      diagram: () => aimOf({ statement: "Reduce inpatient falls by June 2027", target: "" }),
      severity: "warning",
      message: /does not say how much/,
    },
    "aim-no-date": { diagram: () => aimOf({ statement: "Reduce inpatient falls by 20%", byWhen: "" }), severity: "warning", message: /does not say by when/ },
    "aim-no-population": { diagram: () => aimOf({ population: "" }), severity: "warning", message: /does not say for whom/ },
    "aim-date-differs": {
      diagram: () => fallsDiagram(),
      context: { intakeAimBy: "2027-09" },
      severity: "warning",
      message: /^The aim says June 2027, but the intake says it is to be met by September 2027, the date plans are generated to meet and checked against\./,
    },
    "no-primary-drivers": {
      diagram: () => edit((d) => ({ ...d, nodes: [], measures: d.measures.filter((m) => m.attachedTo === "aim") })),
      severity: "error",
      message: /Add the primary drivers/,
    },
    "too-few-primary-drivers": { diagram: () => edit((d) => ok(deleteNode(d, "n2")).diagram), severity: "warning", message: /only one primary driver/ },
    "too-many-primary-drivers": { diagram: () => withPrimaries(4), severity: "warning", message: /There are 6 primary drivers; IHI suggests 2 to 5/ },
    "driver-without-children": {
      diagram: () => edit((d) => ok(deleteNode(d, "n6")).diagram),
      severity: "warning",
      message: /secondary driver “Risk assessed on admission” has nothing under it/,
      nodeId: "n3",
    },
    "no-outcome-measure": { diagram: () => edit((d) => ok(deleteMeasure(d, "m1")).diagram), severity: "error", message: /Add an outcome measure/ },
    "aim-part-without-measure": {
      // An aim of falls and pressure ulcers, measured in falls alone.
      diagram: () => aimOf({ target: "Reduce falls by 20% and pressure ulcers by half" }),
      context: { priorities: [{ topic: "falls" }, { topic: "pressure_ulcers" }] },
      severity: "warning",
      message:
        /^The aim speaks of pressure ulcers, but no outcome measure measures it\. Add one with “Reduce pressure ulcers by half” as its target, so that the plan measures the whole aim\.$/,
    },
    "aim-baseline-stale": {
      // The intake's falls baseline was corrected after the diagram was started with 4.2.
      diagram: () => fallsDiagram(),
      context: { priorities: [{ topic: "falls", baselineMeasure: "Falls per 1,000 patient days", baselineValue: 4.6, baselineDate: "2026-09-30" }] },
      severity: "warning",
      message: /^The aim's baseline does not give the intake's baseline for falls\. Put the intake's baselines in the aim, or correct the intake's\.$/,
    },
    "aim-baseline-other-measure": {
      // The diagram took the top priority's baseline, but the aim is stated in deaths, not cardiac arrests.
      diagram: () =>
        aimOf({ statement: "100,000 fewer deaths by June 2027", baseline: "Cardiac arrests outside the ICU: 3.5", target: "100,000 fewer deaths" }),
      context: {
        priorities: [
          { topic: "other", custom: "Cardiac arrests outside the ICU", baselineMeasure: "Cardiac arrests per 1,000 admissions", baselineValue: 3.5 },
        ],
      },
      severity: "warning",
      message:
        /^The aim's baseline is that of cardiac arrests outside the ICU, but the aim is stated in another measure\. Give the baseline of the measure the aim names, or name cardiac arrests outside the ICU in the aim\.$/,
    },
    "aim-no-baseline": {
      diagram: () => aimOf({ statement: "Raise the share of patients seen within 4 hours to 78% by June 2027", baseline: "", target: "78%" }),
      context: {
        priorities: [{ topic: "other", custom: "Delayed discharges", baselineMeasure: "Bed days lost to delayed discharge per month", baselineValue: 1900 }],
      },
      severity: "warning",
      message: /^The aim gives no baseline\. Fill in “Baseline”/,
    },
    "change-idea-without-process-measure": {
      diagram: () => edit((d) => ok(deleteMeasure(d, "m2")).diagram),
      severity: "warning",
      message: /Nothing measures whether the change idea “Admission risk tool” is happening/,
      nodeId: "n6",
    },
    "change-ideas-rely-on-driver-measures": {
      diagram: () => edit((d) => ok(deleteMeasure(d, "m3")).diagram),
      severity: "info",
      message: /One change idea has no process measure of its own and relies on the measure of the driver it serves \(“Teach back the plan”\)/,
    },
    "duplicate-label": {
      diagram: () => edit((d) => ok(renameNode(d, "n7", "  admission RISK tool ")).diagram),
      severity: "warning",
      message: /“admission RISK tool” appears twice among the change ideas\. Rename one, or delete it and link the other to both parents instead/,
      nodeId: "n7",
    },
    "duplicate-measure-name": {
      diagram: () => edit((d) => ok(upsertMeasure(d, fullMeasure({ kind: "balancing", name: "restraint use", attachedTo: "aim" }))).diagram),
      severity: "warning",
      message: /Two measures are called “restraint use”/,
    },
    "no-balancing-measure": { diagram: () => edit((d) => ok(deleteMeasure(d, "m5")).diagram), severity: "warning", message: /Add a balancing measure/ },
    "measure-incomplete": {
      diagram: () => edit((d) => ok(upsertMeasure(d, { ...d.measures[1], numerator: "", target: "" })).diagram),
      severity: "info",
      message:
        /^The process measure “Risk assessed within 24 hours” has no numerator or target yet\. Two people collecting it should count the same thing, and a target tells everyone when it is met\.$/,
      nodeId: "n6",
    },
    "template-label": {
      diagram: () => edit((d) => ok(renameNode(ok(renameNode(d, "n3", "Secondary driver 1.1 (rename)")).diagram, "n6", "Change idea 1.1.1 (rename)")).diagram),
      severity: "error",
      message:
        /^2 drivers and change ideas still have the blank template's label \(“Secondary driver 1\.1 \(rename\)”, “Change idea 1\.1\.1 \(rename\)”\)\. Rename each to what it means for the partner, or delete it\.$/,
      nodeId: "n3",
    },
    "measure-template-name": {
      diagram: () => edit((d) => ok(upsertMeasure(d, { ...d.measures[0]!, name: "Outcome measure (rename)" })).diagram),
      severity: "error",
      message: /^One measure still has the blank template's name \(“Outcome measure \(rename\)”\)\. Name it for what it counts\.$/,
    },
    "measure-no-definition": {
      diagram: () => edit((d) => ok(upsertMeasure(d, { ...d.measures[1]!, definition: "—" })).diagram),
      severity: "error",
      message:
        /^The process measure “Risk assessed within 24 hours” has no operational definition\. Say what it counts, so that two people collecting it count the same thing\.$/,
    },
    "assumptions-to-review": {
      diagram: () => edit((d) => ok(setAssumption(d, "n1", true)).diagram),
      severity: "info",
      message: /One item is marked as an assumption: inferred rather than taken from a published source/,
    },
  };

  it.each(Object.entries(cases))("explains %s", (code, c) => {
    const findings = lintDriverDiagram(c.diagram(), c.context);
    const finding = findings.find((f) => f.code === code);
    expect(finding, JSON.stringify(findings, null, 2)).toBeDefined();
    expect(finding!.severity).toBe(c.severity);
    expect(finding!.message).toMatch(c.message);
    if (c.nodeId) expect(finding!.nodeId).toBe(c.nodeId);
  });

  it("says why a missing part of a measure matters: how it is counted, or what it should reach", () => {
    const message = (change: Partial<DriverDiagram["measures"][number]>) =>
      lintDriverDiagram(edit((d) => ok(upsertMeasure(d, { ...d.measures[1], ...change })).diagram)).find((f) => f.code === "measure-incomplete")?.message;
    expect(message({ numerator: "" })).toBe(
      "The process measure “Risk assessed within 24 hours” has no numerator yet. Two people collecting it should count the same thing."
    );
    expect(message({ target: "" })).toBe("The process measure “Risk assessed within 24 hours” has no target yet. A target tells everyone when it is met.");
  });

  it("gives the step's status from the findings: an error unfinished, an aim dated otherwise than the intake to review", () => {
    expect(diagramStatusOf(lintDriverDiagram(fallsDiagram()))).toBe("complete");
    expect(diagramStatusOf(lintDriverDiagram(fallsDiagram(), { intakeAimBy: "2027-09" }))).toBe("stale");
    expect(
      diagramStatusOf(
        lintDriverDiagram(
          edit((d) => ({ ...d, aim: { ...d.aim, statement: "" } })),
          { intakeAimBy: "2027-09" }
        )
      )
    ).toBe("in_progress");
  });

  it("flags the same words at two levels", () => {
    const d = edit((x) => ok(renameNode(x, "n3", "Identify patients at risk")).diagram);
    expect(lintDriverDiagram(d).find((f) => f.code === "duplicate-label")?.message).toBe(
      "“Identify patients at risk” appears twice, as a primary driver and as a secondary driver. Rename one so that each says what it means at its level."
    );
  });

  it("reads numbers and dates the way people write aims", () => {
    const codes = (aim: Partial<DriverDiagram["aim"]>) => lintDriverDiagram(aimOf({ target: "", byWhen: "", ...aim })).map((f) => f.code);
    expect(codes({ statement: "Reduce VAP to zero by December 2026" })).not.toContain("aim-no-number");
    expect(codes({ statement: "Halve readmissions by 2027" })).not.toContain("aim-no-number");
    expect(codes({ statement: "Reduce falls by 2027" })).toContain("aim-no-number"); // the year is a date, not how much
    expect(codes({ statement: "Cut falls by a third by 2027" })).not.toContain("aim-no-number");
    expect(codes({ statement: "Reduce falls by the third quarter of 2027" })).toContain("aim-no-number"); // a time, not how much
    expect(codes({ statement: "Reduce falls by 20% within 12 months" })).not.toContain("aim-no-date");
    expect(codes({ statement: "Reduce falls by 20%", byWhen: "2027-06-30" })).not.toContain("aim-no-date");
    expect(codes({ statement: "Reduce falls by 20% as soon as we may" })).toContain("aim-no-date");
    expect(codes({ statement: "Reduce falls soon", byWhen: "May 2027", target: "3.4 per 1,000" })).not.toContain("aim-no-number");
  });

  it("puts errors first, then warnings, then information", () => {
    const findings = lintDriverDiagram(emptyDriverDiagram());
    expect(findings.map((f) => f.code)).toEqual(["aim-missing", "no-primary-drivers", "no-outcome-measure", "no-balancing-measure"]);
    const severities = lintDriverDiagram(edit((d) => ok(setAssumption(ok(deleteMeasure(d, "m1")).diagram, "n1", true)).diagram)).map((f) => f.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ["error", "warning", "info"].indexOf(a) - ["error", "warning", "info"].indexOf(b)));
  });
});

describe("an aim's baseline against the intake's (docs/domain.md §6.6)", () => {
  const aim = (baseline: string) => ({
    statement: "Reduce hospital standardised mortality by 15% and adverse events by 30% by March 2032",
    baseline,
    target: "HSMR down 15%; adverse events down 30%",
    byWhen: "March 2032",
    population: "Adults in Scotland's acute hospitals",
  });
  const priorities = [
    { topic: "other" as const, custom: "Hospital standardised mortality", baselineMeasure: "HSMR", baselineValue: 1.02, baselineDate: "2026-06-30" },
    {
      topic: "other" as const,
      custom: "Adverse events",
      baselineMeasure: "Adverse events per 100 admissions",
      baselineValue: 2227,
      baselineDate: "2026-10-31",
    },
  ];
  const stale = (baseline: string) =>
    lintDriverDiagram(ok(setAim(emptyDriverDiagram(), aim(baseline))).diagram, { priorities }).find((f) => f.code === "aim-baseline-stale");

  it("names the priority whose recorded baseline the aim's no longer gives, and offers the intake's in one step", () => {
    const finding = stale("HSMR: 1.02 (June 2026); no baseline recorded yet for adverse events");
    expect(finding?.message).toMatch(/^The aim's baseline does not give the intake's baseline for adverse events\./);
    expect(finding?.mendedAim?.baseline).toMatch(/^HSMR: 1\.02 \(June 2026\); Adverse events: 2,227 per 100 admissions \(October 2026\)$/);
  });

  it("lets a baseline the manager reworded stand while it gives each figure, written with or without a thousands comma", () => {
    expect(stale("Mortality ratio 1.02 in June 2026; 2,227 adverse events per 100 admissions (October 2026)")).toBeUndefined();
  });

  it("does not take a longer number for the figure", () => {
    expect(stale("HSMR 11.02; adverse events 22270")?.message).toMatch(/for hospital standardised mortality and adverse events\./);
  });
});
