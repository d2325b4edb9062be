import { describe, expect, it } from "vitest";
import { DriverDiagramSchema, type DriverDiagram } from "~/domain/driver-diagram";
import { applyDriverDiagramEdit, DriverDiagramIntentSchema, fieldForRefusal, type DriverDiagramEdit } from "~/domain/driver-diagram-forms";
import { draftAimFromIntake, intakeBaseline, startingDiagram, templateAim, topPriority, topPriorityTopic } from "~/domain/driver-diagram-start";
import { demoIntake, emptyIntake } from "~/domain/intake";
import { formState } from "~/lib/forms";
import { parseSubmission } from "~/lib/forms.server";

const diagram: DriverDiagram = DriverDiagramSchema.parse({
  aim: { statement: "Halve falls with harm by June 2028", population: "Adult wards" },
  nodes: [
    { id: "n1", kind: "primary", label: "Identify risk" },
    { id: "n2", kind: "primary", label: "Engage families" },
    { id: "n3", kind: "secondary", label: "Risk assessed on admission", parents: [{ id: "n1" }] },
    { id: "n4", kind: "change", label: "Admission risk tool", parents: [{ id: "n3" }] },
  ],
  measures: [{ id: "m1", kind: "outcome", name: "Falls with harm per 1,000 bed days", attachedTo: "aim" }],
});

/** A form as the page posts it, read as the action reads it; refused, as the page shows it. */
function parseDriverDiagramForm(values: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.append(name, value);
  const submission = parseSubmission(form, DriverDiagramIntentSchema);
  if (submission.status === "success") return { ok: true as const, data: submission.value };
  const state = formState({ result: submission.reply() });
  return { ok: false as const, errors: state.errors, values: state.values };
}

function edit(values: Record<string, string>) {
  const parsed = parseDriverDiagramForm(values);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return applyDriverDiagramEdit(diagram, parsed.data as DriverDiagramEdit);
}

describe("reading the driver-diagram forms", () => {
  it("keys each problem by its field and keeps what was typed", () => {
    const parsed = parseDriverDiagramForm({
      form: "add-measure",
      intent: "upsert-measure",
      version: "3",
      kind: "outcome",
      name: " ",
      attachedTo: "n1",
      definition: "typed",
    });
    expect(parsed).toEqual({
      ok: false,
      errors: { name: "Measure name is required.", attachedTo: expect.stringMatching(/outcome measure belongs to the aim/) },
      values: expect.objectContaining({ definition: "typed", form: "add-measure" }),
    });
  });

  it("refuses an unknown action, a missing version and fields a form never has", () => {
    expect(parseDriverDiagramForm({ intent: "drop", version: "1" })).toMatchObject({
      ok: false,
      errors: { "": expect.stringMatching(/not something this page can do/) },
    });
    expect(parseDriverDiagramForm({ intent: "rename-node", nodeId: "n1", label: "x" })).toMatchObject({
      ok: false,
      errors: { "": expect.stringMatching(/reload the page/) },
    });
    expect(parseDriverDiagramForm({ intent: "rename-node", version: "1", nodeId: "n1", label: "x", role: "admin" })).toMatchObject({
      ok: false,
      errors: { "": expect.stringMatching(/fields this page does not know/) },
    });
  });

  it("cleans labels as the model does: control characters out, one line", () => {
    const parsed = parseDriverDiagramForm({ intent: "rename-node", version: "1", nodeId: "n1", label: "  Risk\u0007 on\nadmission  " });
    expect(parsed).toMatchObject({ ok: true, data: { label: "Risk on admission", version: 1 } });
  });

  it("needs the parent of a secondary driver or change idea", () => {
    expect(parseDriverDiagramForm({ intent: "add-node", version: "1", kind: "secondary", label: "Huddles" })).toMatchObject({
      ok: false,
      errors: { parentId: "Choose the primary driver this secondary driver serves." },
    });
  });
});

describe("applying an edit", () => {
  it("says what it did, in the user's words", () => {
    expect(edit({ intent: "rename-node", version: "1", nodeId: "n1", label: "Know who is at risk" })).toMatchObject({
      ok: true,
      summary: "Renamed “Identify risk” to “Know who is at risk”.",
    });
    expect(edit({ intent: "add-node", version: "1", kind: "change", label: "Teach back", parentId: "n3" })).toMatchObject({
      ok: true,
      summary: "Added the change idea “Teach back”.",
    });
    expect(edit({ intent: "delete-node", version: "1", nodeId: "n1", confirm: "yes" })).toMatchObject({
      ok: true,
      summary: "Deleted “Identify risk” and 2 items with it.",
    });
    expect(edit({ intent: "set-assumption", version: "1", itemId: "m1", assumption: "yes" })).toMatchObject({
      ok: true,
      summary: "Marked “Falls with harm per 1,000 bed days” as an assumption to review.",
    });
  });

  it("passes on the model's refusal, shown next to the field it concerns", () => {
    const result = edit({ intent: "link-parent", version: "1", nodeId: "n4", parentId: "n1" });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/can only serve secondary drivers/) });
    expect(fieldForRefusal("link-parent", result as { field?: string })).toBe("parentId");
    // A missing item concerns the form as a whole; an empty new label, the label field.
    const gone = edit({ intent: "rename-node", version: "1", nodeId: "n99", label: "Anything" });
    expect(gone).toMatchObject({ ok: false, field: "" });
    expect(fieldForRefusal("rename-node", gone as { field?: string })).toBe("");
  });
});

describe("starting from the intake", () => {
  it("writes the draft aim as one sentence: how much, for whom, by when", () => {
    expect(draftAimFromIntake(demoIntake())).toEqual({
      draftAim: "Halve VAP and CLABSI rates and cut sepsis mortality by 15% for adult patients in Northshire's 14 hospitals by August 2028",
      population: "Adult patients in Northshire's 14 hospitals",
      byWhen: "August 2028",
      howMuch: "Halve VAP and CLABSI rates and cut sepsis mortality by 15%",
    });
    const named = demoIntake();
    named.evidence.aimForWhom = "Northshire's 14 hospitals";
    expect(draftAimFromIntake(named).draftAim).toContain("for Northshire's 14 hospitals");
    expect(draftAimFromIntake(emptyIntake())).toEqual({ draftAim: null, population: null, byWhen: null, howMuch: null });
  });

  it("knows the top priority, its baseline, and months in words", () => {
    expect(topPriorityTopic(demoIntake())).toBe("vap");
    expect(topPriorityTopic(emptyIntake())).toBeNull();
    expect(topPriority(demoIntake())).toEqual({ topic: "vap", writtenIn: false });
    // A written-in topic is still the top priority, though no template is made for it.
    const writtenIn = demoIntake();
    writtenIn.needs.priorities[0] = { ...writtenIn.needs.priorities[0]!, topic: "other", custom: " Surgical site infection " };
    expect(topPriority(writtenIn)).toEqual({ custom: "Surgical site infection", writtenIn: true });
    expect(topPriorityTopic(writtenIn)).toBeNull();
    expect(topPriority(emptyIntake())).toBeNull();
    expect(intakeBaseline(demoIntake(), "clabsi")).toBe("CLABSI: 2.9 per 1,000 central-line days (September 2026)");
    expect(intakeBaseline(demoIntake(), "falls")).toBeNull();
    const loose = demoIntake();
    loose.evidence.aimByWhen = "the end of next year";
    expect(draftAimFromIntake(loose).byWhen).toBe("the end of next year");
  });

  it("fills a template's aim, baseline and target from the intake", () => {
    const template = {
      topic: "vap",
      aimTemplate: "Reduce VAP in {population} by {byWhen}",
      diagram: { aim: { target: "Zero" }, nodes: diagram.nodes, measures: diagram.measures },
    };
    const d = startingDiagram(template, demoIntake());
    // The intake's aim sets the target, not the template's own ("Zero" under an aim to halve would contradict it);
    // it names VAP, CLABSI and sepsis, so its baseline is each one's, by its measure.
    expect(d.aim).toMatchObject({
      baseline:
        "VAP: 7.2 per 1,000 ventilator days (September 2026); CLABSI: 2.9 per 1,000 central-line days (September 2026); In-hospital sepsis mortality: 18.4% (June 2026)",
      target: "Halve VAP and CLABSI rates and cut sepsis mortality by 15%",
      byWhen: "August 2028",
    });
    expect(startingDiagram(template, emptyIntake()).aim.statement).toBe("Reduce VAP in {population} by {byWhen}");
  });

  it("shows each template's own aim on its card, with the intake's population and date, not the draft aim they all start with", () => {
    const vap = { topic: "vap", aimTemplate: "Reduce VAP in {population} by {byWhen}", diagram: { nodes: diagram.nodes, measures: diagram.measures } };
    const falls = { topic: "falls", aimTemplate: "Reduce falls in {population} by {byWhen}", diagram: { nodes: diagram.nodes, measures: diagram.measures } };
    expect(templateAim(vap, demoIntake())).toBe("Reduce VAP in adult patients in Northshire's 14 hospitals by August 2028");
    expect(templateAim(falls, demoIntake())).toBe("Reduce falls in adult patients in Northshire's 14 hospitals by August 2028");
    // What the intake does not say reads as a blank, as the template's own blanks do, not as a placeholder.
    expect(templateAim(falls, emptyIntake())).toBe("Reduce falls in … by …");
    const noDate = demoIntake();
    noDate.evidence.aimByWhen = "";
    const blank = {
      topic: null,
      aimTemplate: "Improve … for {population} from … to … by {byWhen}",
      diagram: { nodes: diagram.nodes, measures: diagram.measures },
    };
    expect(templateAim(blank, noDate)).toBe("Improve … for adult patients in Northshire's 14 hospitals from … to … by …");
  });

  it("writes the intake's population in the middle of the aim without its capital, unless it starts with a name or an acronym", () => {
    const sepsis = {
      topic: "sepsis",
      aimTemplate: "Reduce sepsis mortality in {population} by {byWhen}",
      diagram: { nodes: diagram.nodes, measures: diagram.measures },
    };
    const forWhom = (aimForWhom: string) => {
      const i = demoIntake();
      i.evidence.aimForWhom = aimForWhom;
      return i;
    };
    expect(templateAim(sepsis, forWhom("Adults admitted to Northshire's hospitals"))).toBe(
      "Reduce sepsis mortality in adults admitted to Northshire's hospitals by August 2028"
    );
    // A diagram started without a draft aim takes the template's words; its "For whom" keeps what the intake says.
    const noDraft = forWhom("Adults admitted to Northshire's hospitals");
    noDraft.evidence.aimHowMuch = "";
    expect(startingDiagram(sepsis, noDraft).aim).toMatchObject({
      statement: "Reduce sepsis mortality in adults admitted to Northshire's hospitals by August 2028",
      population: "Adults admitted to Northshire's hospitals",
    });
    expect(templateAim(sepsis, forWhom("ICU patients in Northshire"))).toBe("Reduce sepsis mortality in ICU patients in Northshire by August 2028");
    expect(templateAim(sepsis, forWhom("NHS Northshire's wards"))).toBe("Reduce sepsis mortality in NHS Northshire's wards by August 2028");
    expect(templateAim(sepsis, forWhom("ADULTS in intensive care"))).toBe("Reduce sepsis mortality in ADULTS in intensive care by August 2028");
    expect(templateAim(sepsis, forWhom("Northshire's 14 hospitals"))).toBe("Reduce sepsis mortality in Northshire's 14 hospitals by August 2028");
    // A hospital named after whom it serves keeps its capital.
    expect(templateAim(sepsis, forWhom("Women's College Hospital patients"))).toBe(
      "Reduce sepsis mortality in Women's College Hospital patients by August 2028"
    );
    expect(templateAim(sepsis, forWhom("Children's Hospital wards"))).toBe("Reduce sepsis mortality in Children's Hospital wards by August 2028");
    expect(draftAimFromIntake(forWhom("ADULTS in intensive care")).draftAim).toContain("for ADULTS in intensive care by");
  });

  it("gives the aim the baseline of each priority it names, and of no other", () => {
    const vap = { topic: "vap", aimTemplate: "Reduce VAP in {population} by {byWhen}", diagram: { nodes: diagram.nodes, measures: diagram.measures } };
    const aimed = (howMuch: string, change?: (i: ReturnType<typeof demoIntake>) => void) => {
      const i = demoIntake();
      i.evidence.aimHowMuch = howMuch;
      change?.(i);
      return startingDiagram(vap, i).aim.baseline;
    };
    expect(aimed("Halve CLABSI rates and cut sepsis mortality by 15%")).toBe(
      "CLABSI: 2.9 per 1,000 central-line days (September 2026); In-hospital sepsis mortality: 18.4% (June 2026)"
    );
    // One priority reads as each of several does: its measure, then its value and month.
    expect(aimed("Halve VAP rates")).toBe("VAP: 7.2 per 1,000 ventilator days (September 2026)");
    // An aim that names no priority is about the top one.
    expect(aimed("Halve harm from infections")).toBe("VAP: 7.2 per 1,000 ventilator days (September 2026)");
    // A priority without a measure is named by itself, as among several.
    expect(
      aimed("Halve VAP rates", (i) => {
        i.needs.priorities[0] = { ...i.needs.priorities[0]!, baselineMeasure: undefined };
      })
    ).toBe("VAP: 7.2 (September 2026)");
    // A priority the aim names without a recorded baseline is said to have none, not left out.
    expect(
      aimed("Halve VAP and CLABSI rates", (i) => {
        i.needs.priorities[1] = { ...i.needs.priorities[1]!, baselineValue: undefined };
      })
    ).toBe("VAP: 7.2 per 1,000 ventilator days (September 2026); no baseline recorded yet for CLABSI");
    // Measures too long to list whole within the field's 200 characters are named by their priority.
    const long = aimed("Halve VAP and CLABSI rates and cut sepsis mortality by 15%", (i) => {
      for (const p of i.needs.priorities)
        p.baselineMeasure = `${p.baselineMeasure} among adult patients in intensive care, counted by the infection prevention team`;
    });
    expect(long).toBe("VAP: 7.2 (September 2026); CLABSI: 2.9 (September 2026); Sepsis: 18.4 (June 2026)");
  });

  it("gives the aim's figure to the template's outcome measure nearest the partner's own, among several", () => {
    const outcome = (id: string, name: string, definition: string) =>
      ({ id, kind: "outcome", name, definition, target: "20% below baseline", attachedTo: "aim" } as (typeof diagram.measures)[number]);
    const falls = {
      topic: "falls",
      aimTemplate: "Reduce falls in {population} by {byWhen}",
      aimMeasure: "m1",
      diagram: {
        nodes: diagram.nodes,
        measures: [
          outcome("m1", "Falls per 1,000 patient days", "Inpatient falls per 1,000 patient days."),
          outcome("m2", "Falls with injury per 1,000 patient days", "Inpatient falls that caused any injury (falls with harm), per 1,000 patient days."),
        ],
      },
    };
    const targets = (baselineMeasure: string) => {
      const i = demoIntake();
      i.needs.priorities = [{ topic: "falls", baselineMeasure, baselineValue: 3.1, baselineDate: "2026-06-30" }];
      i.evidence.aimHowMuch = "Reduce falls with harm by 40%";
      return Object.fromEntries(startingDiagram(falls, i).measures.map((m) => [m.id, m.target]));
    };
    // Stated in falls with harm: the aim's 40% is the injury measure's, and all falls keep the template's figure.
    const harm = targets("Falls with harm per 1,000 bed days");
    expect(harm.m2).toMatch(/40%/);
    expect(harm.m1).toBe("20% below baseline");
    // Stated in all falls: the template's own aim measure takes it.
    const all = targets("Falls per 1,000 patient days");
    expect(all.m1).toMatch(/40%/);
    expect(all.m2).toBe("20% below baseline");
  });

  it("gives the aim the baseline of a priority written in by hand when the aim names what it is about, not only its whole name", () => {
    const vap = { topic: "vap", aimTemplate: "Reduce VAP in {population} by {byWhen}", diagram: { nodes: diagram.nodes, measures: diagram.measures } };
    const aimed = (howMuch: string, custom = "Delirium in older patients") => {
      const i = demoIntake();
      i.needs.priorities[1] = {
        topic: "other",
        custom,
        baselineMeasure: "Inpatients aged 65 or over with delirium, %",
        baselineValue: 14,
        baselineDate: "2026-06-30",
      };
      i.evidence.aimHowMuch = howMuch;
      return startingDiagram(vap, i).aim.baseline;
    };
    const delirium = "Inpatients aged 65 or over with delirium: 14% (June 2026)";
    expect(aimed("Reduce delirium on the medical wards by 30%")).toBe(delirium);
    expect(aimed("Reduce DELIRIUM by 30%")).toBe(delirium);
    expect(aimed("Halve VAP rates and reduce delirium by 30%")).toBe(`VAP: 7.2 per 1,000 ventilator days (September 2026); ${delirium}`);
    // Most of the words that say what it is about, in any number: "injury" names "Hospital-acquired pressure injuries".
    expect(aimed("Halve pressure injury rates", "Hospital-acquired pressure injuries")).toBe(delirium);
    expect(aimed("Halve medication errors", "Medication errors at discharge")).toBe(delirium);
    // An abbreviation written in brackets names it too.
    expect(aimed("Halve AKI by 2028", "Acute kidney injury (AKI)")).toBe(delirium);
    // Words that say who or where, a word of it in another sense, or a word inside another do not: the aim is about the top priority.
    const top = "VAP: 7.2 per 1,000 ventilator days (September 2026)";
    expect(aimed("Reduce falls among older patients by 30%")).toBe(top);
    expect(aimed("Reduce readmissions after discharge by 20%", "Medication errors at discharge")).toBe(top);
    expect(aimed("Control blood pressure in 80% of patients", "Pressure injuries")).toBe(top);
    expect(aimed("Reduce painful procedures for children by 30%", "Pain in children")).toBe(top);
  });

  it("does not pair the intake's aim with another topic's target and baseline", () => {
    // The demo's draft aim names VAP, CLABSI and sepsis; a template for CLABSI keeps that aim, and its baselines.
    const clabsi = {
      topic: "clabsi",
      aimTemplate: "Reduce CLABSI in {population} by {byWhen}",
      diagram: { aim: { baseline: "", target: "Zero CLABSI" }, nodes: diagram.nodes, measures: diagram.measures },
    };
    const d = startingDiagram(clabsi, demoIntake());
    expect(d.aim.statement).toBe(draftAimFromIntake(demoIntake()).draftAim);
    expect(d.aim).toMatchObject({
      baseline:
        "VAP: 7.2 per 1,000 ventilator days (September 2026); CLABSI: 2.9 per 1,000 central-line days (September 2026); In-hospital sepsis mortality: 18.4% (June 2026)",
      target: "Halve VAP and CLABSI rates and cut sepsis mortality by 15%",
    });
    // An aim about VAP alone keeps VAP's baseline under a CLABSI template.
    const vapAim = demoIntake();
    vapAim.evidence.aimHowMuch = "Halve VAP rates";
    expect(startingDiagram(clabsi, vapAim).aim.baseline).toBe("VAP: 7.2 per 1,000 ventilator days (September 2026)");
    // Without a draft aim the template speaks for itself: its target and its topic's baseline.
    const noAim = demoIntake();
    noAim.evidence.aimHowMuch = undefined;
    expect(startingDiagram(clabsi, noAim).aim).toMatchObject({ baseline: "CLABSI: 2.9 per 1,000 central-line days (September 2026)", target: "Zero CLABSI" });
  });
});
