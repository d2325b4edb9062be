/**
 * The partner reads the same target for the aim and for the outcome measure the aim is about: a
 * diagram started from a template with the intake's draft aim gives that measure the aim's figure, not
 * the template's own (docs/domain.md §6.5), and keeps following the aim while the manager has not typed
 * another target for it.
 */
import { describe, expect, it } from "vitest";
import type { DriverDiagram } from "~/domain/driver-diagram";
import { applyDriverDiagramEdit } from "~/domain/driver-diagram-forms";
import { startingDiagram } from "~/domain/driver-diagram-start";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import type { Block } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { getDriverDiagramTemplate, getMethodWeights, getProposalWording, getReadinessTemplate } from "~/services/templates.server";

/** A region's intake: sepsis first, and a draft aim of 30% for the 12 acute hospitals by June 2028. */
function sepsisIntake(howMuch: string | null = "Reduce sepsis mortality by 30%"): Intake {
  const intake = demoIntake();
  const sepsis = intake.needs.priorities.find((p) => p.topic === "sepsis")!;
  intake.needs.priorities = [sepsis, ...intake.needs.priorities.filter((p) => p !== sepsis)];
  intake.evidence.aimHowMuch = howMuch ?? undefined;
  intake.evidence.aimForWhom = "Adults admitted to the 12 acute hospitals";
  intake.evidence.aimByWhen = "2028-06";
  return intake;
}

/** Started as the app starts it: each other priority the aim names measured by its own topic's template, where there is one. */
function started(templateKey: string, intake: Intake): DriverDiagram {
  return startingDiagram(getDriverDiagramTemplate(templateKey)!, intake, (topic) => getDriverDiagramTemplate(topic.replace(/_/g, "-")) ?? null);
}

/** What the partner reads in the proposal: the aim's target, and the measurement plan's target for each measure. */
function partnerReads(driverDiagram: DriverDiagram, intake: Intake) {
  const snapshot: EngagementSnapshot = {
    schema: 1,
    date: "2026-11-20",
    engagement: { title: "Northshire sepsis partnership" },
    partner: { name: "Northshire Health System", kind: "health_system", country: "GB", sites: 12, population: 2_100_000 },
    intake,
    readiness: assessReadiness(intake, getReadinessTemplate("tailored")),
    method: methodSummary(recommendMethod(intake, getMethodWeights(), { today: "2026-11" }), "tailored", null),
    driverDiagram,
    timeline: null,
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
  const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Version 1" });
  const blocks = (key: string) => content.sections.find((s) => s.key === key)!.blocks;
  const facts = blocks("aims").find((b): b is Extract<Block, { type: "facts" }> => b.type === "facts")!;
  const table = blocks("measurement").find((b): b is Extract<Block, { type: "table" }> => b.type === "table")!;
  const target = table.columns.indexOf("Target");
  return {
    aimTarget: facts.rows.find(([label]) => label === "Target")![1],
    measureTargets: Object.fromEntries(table.rows.map((row) => [row[1], row[target]])),
  };
}

describe("the outcome measure's target, from the intake's draft aim", () => {
  it("is the aim's 30% in the measurement plan, not the sepsis template's 10%", () => {
    const intake = sepsisIntake();
    const read = partnerReads(started("sepsis", intake), intake);
    expect(read.aimTarget).toBe("Reduce sepsis mortality by 30%");
    expect(read.measureTargets["Sepsis mortality"]).toBe("Reduce sepsis mortality by 30%");
    // The template's figures for what the aim does not speak of stay: the process and balancing measures.
    expect(read.measureTargets).toMatchObject({
      "Sepsis Six within 1 hour (all-or-none)": "At least 95%",
      "Broad-spectrum antibiotic use": "No rise from baseline",
    });
    expect(Object.values(read.measureTargets).join(" ")).not.toMatch(/10%/);
  });

  it("gives each outcome measure its part of an aim about several priorities, never the parts it does not measure", () => {
    const intake = sepsisIntake("Halve VAP and CLABSI rates and cut sepsis mortality by 15%");
    const read = partnerReads(started("sepsis", intake), intake);
    expect(read.aimTarget).toBe("Halve VAP and CLABSI rates and cut sepsis mortality by 15%");
    // Each priority the aim names has an outcome measure, from its own topic's template, with its own part of the aim.
    expect(read.measureTargets).toMatchObject({
      "Sepsis mortality": "Cut sepsis mortality by 15%",
      "VAP rate per 1,000 ventilator days": "Halve VAP rates",
      "CLABSI per 1,000 central-line days": "Halve CLABSI rates",
    });
    expect(Object.values(read.measureTargets)).not.toContain(read.aimTarget);
    // Under the VAP template, as the demo's Northshire starts, the same: VAP's measure halves VAP alone.
    const vap = partnerReads(started("vap", intake), intake).measureTargets;
    expect(vap).toMatchObject({
      "VAP rate per 1,000 ventilator days": "Halve VAP rates",
      "Days between VAPs": "At least 300 days",
      "CLABSI per 1,000 central-line days": "Halve CLABSI rates",
      "Sepsis mortality": "Cut sepsis mortality by 15%",
    });
    // A list of figures, one a priority, gives each its own, with the verb they share.
    const listed = sepsisIntake("Reduce VAP by 50%, CLABSI by 70% and sepsis mortality by 10%");
    expect(partnerReads(started("sepsis", listed), listed).measureTargets).toMatchObject({
      "Sepsis mortality": "Reduce sepsis mortality by 10%",
      "VAP rate per 1,000 ventilator days": "Reduce VAP by 50%",
      "CLABSI per 1,000 central-line days": "Reduce CLABSI by 70%",
    });
  });

  it("measures a priority the aim names, with no template of its own, by the partner's own measure of it", () => {
    const intake = sepsisIntake("Cut sepsis mortality by 15% and delirium by a third");
    intake.needs.priorities.push({
      topic: "other",
      custom: "Delirium in older patients",
      baselineMeasure: "Inpatients aged 65 or over with delirium, %",
      baselineValue: 14,
      baselineDate: "2026-06-30",
      baselineSource: "Ward audit",
    });
    const d = started("sepsis", intake);
    expect(d.measures.find((m) => m.name === "Inpatients aged 65 or over with delirium, %")).toMatchObject({
      kind: "outcome",
      attachedTo: "aim",
      definition:
        "The measure the aim's figure for delirium in older patients is stated in, with a baseline of 14% in June 2026. Its numerator and denominator are to be agreed.",
      source: "Ward audit",
      target: "Cut delirium by a third",
    });
    expect(partnerReads(d, intake).measureTargets["Sepsis mortality"]).toBe("Cut sepsis mortality by 15%");
  });

  it("is the aim's, cut at a word, when the intake's how much is longer than a target may be", () => {
    const howMuch =
      "Reduce sepsis mortality by 30%, with every adult screened for sepsis on arrival, the Sepsis Six completed within the first hour for nine in ten patients, " +
      "and first-dose antibiotics given within an hour of diagnosis on every ward and in every emergency department";
    const read = partnerReads(started("sepsis", sepsisIntake(howMuch)), sepsisIntake(howMuch));
    expect(read.aimTarget).toMatch(/^Reduce sepsis mortality by 30%, with every adult .*\S…$/);
    expect(read.aimTarget.length).toBeLessThanOrEqual(200);
    expect(read.measureTargets["Sepsis mortality"]).toBe(read.aimTarget);
  });

  it("is left blank when the aim gives no figure, rather than the template's figure the aim does not state", () => {
    const intake = sepsisIntake("Reduce sepsis mortality");
    const read = partnerReads(started("sepsis", intake), intake);
    expect(read.aimTarget).toBe("Reduce sepsis mortality");
    expect(read.measureTargets["Sepsis mortality"]).toBe("—");
  });

  it("is left blank when the partner measures the aim by something else than the template's outcome measure", () => {
    // A ward's aim about antibiotics within the hour, measured as the partner measures it: not sepsis mortality.
    const intake = sepsisIntake("Nine in ten patients with suspected sepsis given antibiotics within one hour");
    const sepsis = intake.needs.priorities[0]!;
    sepsis.baselineMeasure = "Patients with suspected sepsis given antibiotics within one hour (%)";
    sepsis.baselineValue = 48;
    const read = partnerReads(started("sepsis", intake), intake);
    expect(read.aimTarget).toBe("Nine in ten patients with suspected sepsis given antibiotics within one hour");
    expect(read.measureTargets["Sepsis mortality"]).toBe("—");
    // The measure the aim is stated in leads the measures, with the aim's target, its baseline and source as the intake gives them.
    const d = started("sepsis", intake);
    expect(d.measures[0]).toMatchObject({
      kind: "outcome",
      name: "Patients with suspected sepsis given antibiotics within one hour (%)",
      definition: "The measure the aim is stated in, with a baseline of 48% in June 2026. Its numerator and denominator are to be agreed.",
      target: "Nine in ten patients with suspected sepsis given antibiotics within one hour",
      attachedTo: "aim",
    });
    expect(read.measureTargets["Patients with suspected sepsis given antibiotics within one hour (%)"]).toBe(read.aimTarget);
    expect(Object.entries(read.measureTargets).filter(([, t]) => t === read.aimTarget)).toHaveLength(1);
    // The same priority measured as the template measures it, in the partner's words, takes the aim's figure.
    for (const measure of ["Sepsis mortality, %", "In-hospital sepsis mortality (%)", "Deaths from sepsis: in-hospital mortality"]) {
      sepsis.baselineMeasure = measure;
      const same = sepsisIntake();
      same.needs.priorities[0] = { ...sepsis };
      expect(partnerReads(started("sepsis", same), same).measureTargets["Sepsis mortality"], measure).toBe("Reduce sepsis mortality by 30%");
    }
  });

  it("follows the aim for a priority the partner measures as the template does, in words of their own", () => {
    for (const measure of ["VAP per 1,000 ventilator days", "Ventilator-associated pneumonia per 1,000 ventilator days", "Rate", "%"]) {
      const intake = demoIntake();
      intake.evidence.aimHowMuch = "Halve VAP";
      intake.needs.priorities[0]!.baselineMeasure = measure;
      expect(partnerReads(started("vap", intake), intake).measureTargets["VAP rate per 1,000 ventilator days"], measure).toBe("Halve VAP");
    }
  });

  it("stays the template's own when the intake has no draft aim, since the template's aim with its figure is used", () => {
    const intake = sepsisIntake(null);
    const d = started("sepsis", intake);
    expect(d.aim.statement).toMatch(/^Reduce sepsis mortality in .* by 10% by June 2028$/);
    expect(partnerReads(d, intake).measureTargets["Sepsis mortality"]).toBe("10% below baseline");
  });

  it("stays the template's own under a template for a topic the aim is not about", () => {
    const intake = sepsisIntake();
    expect(partnerReads(started("falls", intake), intake).measureTargets["Falls per 1,000 patient days"]).toBe("20% below baseline");
  });

  it("goes to the outcome measure the template's aim is about when it has several, and to the blank template's only one", () => {
    const intake = sepsisIntake("Reduce cardiac arrests outside intensive care by 40%");
    intake.needs.priorities.unshift({ topic: "deteriorating_patient" });
    const read = partnerReads(started("deteriorating-patient", intake), intake);
    expect(read.measureTargets).toMatchObject({
      "Cardiac arrests outside intensive care per 1,000 discharges": "Reduce cardiac arrests outside intensive care by 40%",
      "Hospital mortality": "Below baseline",
    });
    const blank = started("blank", sepsisIntake());
    expect(blank.measures.find((m) => m.kind === "outcome")!.target).toBe("Reduce sepsis mortality by 30%");
  });
});

describe("the outcome measure's target when the manager edits the diagram", () => {
  const setAim = (d: DriverDiagram, target: string) =>
    applyDriverDiagramEdit(d, { intent: "set-aim", version: 1, form: "aim", ...d.aim, target, statement: `${target} for adults by June 2028` });
  const outcome = (d: DriverDiagram) => d.measures.find((m) => m.name === "Sepsis mortality")!.target;

  it("follows a new target for the aim, and says so", () => {
    const edited = setAim(started("sepsis", sepsisIntake()), "Reduce sepsis mortality by 40%");
    expect(edited).toMatchObject({ ok: true, summary: "Aim saved. The outcome measure “Sepsis mortality” now has the aim's target." });
    if (!edited.ok) return;
    expect(outcome(edited.diagram)).toBe("Reduce sepsis mortality by 40%");
    // Without a figure the aim gives the measure none; with one again, the measure follows it again.
    const noFigure = setAim(edited.diagram, "Reduce sepsis mortality");
    expect(noFigure).toMatchObject({ summary: "Aim saved. The outcome measure “Sepsis mortality” has no target now: the aim does not say how much." });
    expect(noFigure.ok && outcome(noFigure.diagram)).toBe("");
    const figure = noFigure.ok ? setAim(noFigure.diagram, "Reduce sepsis mortality by a third") : noFigure;
    expect(figure.ok && outcome(figure.diagram)).toBe("Reduce sepsis mortality by a third");
  });

  it("gives each outcome measure its part of a new target for an aim of several priorities", () => {
    const intake = sepsisIntake("Halve VAP and CLABSI rates and cut sepsis mortality by 15%");
    const d = started("sepsis", intake);
    const target = "Halve VAP and CLABSI rates and cut sepsis mortality by 20%";
    const edited = applyDriverDiagramEdit(
      d,
      { intent: "set-aim", version: 1, form: "aim", ...d.aim, target, statement: `${target} for adults by June 2028` },
      { priorities: intake.needs.priorities }
    );
    expect(edited).toMatchObject({ ok: true, summary: "Aim saved. The outcome measure “Sepsis mortality” now has its part of the aim's target." });
    if (!edited.ok) return;
    const targets = Object.fromEntries(edited.diagram.measures.filter((m) => m.kind === "outcome").map((m) => [m.name, m.target]));
    expect(targets).toEqual({
      "Sepsis mortality": "Cut sepsis mortality by 20%",
      "VAP rate per 1,000 ventilator days": "Halve VAP rates",
      "CLABSI per 1,000 central-line days": "Halve CLABSI rates",
    });
    // A measure given the whole aim before the aim was split into parts takes its own part.
    const whole = { ...d, measures: d.measures.map((m) => (m.name === "Sepsis mortality" ? { ...m, target: d.aim.target } : m)) };
    const split = applyDriverDiagramEdit(
      whole,
      { intent: "set-aim", version: 1, form: "aim", ...d.aim, target, statement: `${target} for adults by June 2028` },
      { priorities: intake.needs.priorities }
    );
    expect(split.ok && split.diagram.measures.find((m) => m.name === "Sepsis mortality")!.target).toBe("Cut sepsis mortality by 20%");
  });

  it("names a new date for the aim, and says nothing of one left as it was", () => {
    const d = started("sepsis", sepsisIntake());
    const moved = applyDriverDiagramEdit(d, { intent: "set-aim", version: 1, form: "aim", ...d.aim, byWhen: "March 2028" });
    expect(moved).toMatchObject({ ok: true, summary: "Aim saved. It is now to be met by March 2028." });
    if (!moved.ok) return;
    const same = applyDriverDiagramEdit(moved.diagram, { intent: "set-aim", version: 1, form: "aim", ...moved.diagram.aim, population: "Adults on the wards" });
    expect(same).toMatchObject({ ok: true, summary: "Aim saved." });
    // Typed with its "by", the date is said once; taken out, the message says so.
    const typed = applyDriverDiagramEdit(d, { intent: "set-aim", version: 1, form: "aim", ...d.aim, byWhen: "by June 2029" });
    expect(typed).toMatchObject({ summary: "Aim saved. It is now to be met by June 2029." });
    const cleared = applyDriverDiagramEdit(moved.diagram, { intent: "set-aim", version: 1, form: "aim", ...moved.diagram.aim, byWhen: "" });
    expect(cleared.ok ? cleared.summary : cleared).toBe("Aim saved. It no longer says by when.");
  });

  it("never overwrites a target typed for the measure by hand", () => {
    const d = started("sepsis", sepsisIntake());
    const m1 = d.measures.find((m) => m.name === "Sepsis mortality")!;
    const typed = applyDriverDiagramEdit(d, {
      intent: "upsert-measure",
      version: 1,
      form: "measure-m1",
      ...m1,
      measureId: m1.id,
      target: "Below 12% of patients with sepsis",
    });
    if (!typed.ok) throw new Error(typed.message);
    const edited = setAim(typed.diagram, "Reduce sepsis mortality by 40%");
    expect(edited).toMatchObject({ ok: true, summary: "Aim saved." });
    expect(edited.ok && outcome(edited.diagram)).toBe("Below 12% of patients with sepsis");
    // Nor one that came from the template, under an aim that is not about it.
    const falls = started("falls", sepsisIntake());
    const fallsEdited = setAim(falls, "Reduce sepsis mortality by 40%");
    expect(fallsEdited.ok && fallsEdited.diagram.measures.map((m) => m.target)).toEqual(falls.measures.map((m) => m.target));
  });

  it("follows from a template's own aim, whose figure the measure states in other words", () => {
    const d = started("sepsis", sepsisIntake(null));
    expect(outcome(d)).toBe("10% below baseline");
    const edited = setAim(d, "40% lower sepsis mortality");
    expect(edited.ok && outcome(edited.diagram)).toBe("40% lower sepsis mortality");
  });

  it("leaves a blank outcome measure beside others blank: it may be about something else", () => {
    // An aim without a figure gives its measure none…
    const blank = setAim(started("sepsis", sepsisIntake()), "Reduce sepsis mortality");
    if (!blank.ok) throw new Error(blank.message);
    const d = blank.diagram;
    const added = applyDriverDiagramEdit(d, {
      intent: "upsert-measure",
      version: 1,
      form: "measure-new",
      name: "Length of stay",
      kind: "outcome",
      attachedTo: "aim",
      definition: "",
      numerator: "",
      denominator: "",
      source: "",
      frequency: "",
      target: "",
    } as never);
    if (!added.ok) throw new Error(added.message);
    // …and a figure given later is not taken by an outcome measure added beside it with none of its own.
    const edited = setAim(added.diagram, "Reduce sepsis mortality by 40%");
    expect(edited.ok && edited.diagram.measures.find((m) => m.name === "Length of stay")!.target).toBe("");
  });
});
