import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, intakes, methodDecisions } from "../../db/schema";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as layout from "~/routes/engagements.$id";
import { db, useTestDatabase } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, formAnswer } from "../helpers/requests";
import type { IntakeSectionKey } from "~/domain/intake";

useTestDatabase();

function newEngagement() {
  const res = db().insert(engagements).values({ title: "Fresh engagement", organisationId: 1, ownerId: 1 }).returning({ id: engagements.id }).get();
  return res.id;
}

function saveSection(id: number, section: IntakeSectionKey, form: Record<string, string>, as = "manager@demo.test") {
  return callAction(intakeRoute.action, {
    path: `/engagements/${id}/intake?section=${section}`,
    params: { id: String(id) },
    as,
    form: intakeForm(section, form),
  });
}

describe("the intake", () => {
  it("starts from the partner organisation and saves section by section, resuming where it was left", async () => {
    const id = newEngagement();
    const first = await callLoader(intakeRoute.loader, { path: `/engagements/${id}/intake`, params: { id: String(id) }, as: "manager@demo.test" });
    expect(first.data.version).toBe(0);
    expect(first.data.values).toMatchObject({ partnerKind: "health_system", sites: "14", population: "2100000" });
    expect(first.data.completeness.percent).toBe(0);
    // The page says where those answers come from and that they are not saved yet.
    expect(first.data.prefilled).toEqual({ from: "Northshire Health System", fields: ["kind of partner", "number of sites", "population"] });

    const saved = await saveSection(id, "context", {
      version: "0",
      partnerKind: "health_system",
      sites: "14",
      population: "2100000",
      geographyScope: "system",
      improvementExperience: "some",
      then: "continue",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/engagements/${id}/intake?section=needs`);
    const needs = await saveSection(id, "needs", {
      version: "1",
      problems: "Too many ventilator pneumonias",
      "priorities[0].topic": "clabsi",
      "priorities[1].topic": "vap",
      "priorities[1].baselineMeasure": "VAP per 1,000 ventilator days",
      "priorities[1].baselineValue": "6.9",
      move: "1",
    });
    expect(needs.status).toBe(303);
    const after = await callLoader(intakeRoute.loader, {
      path: `/engagements/${id}/intake?section=needs`,
      params: { id: String(id) },
      as: "manager@demo.test",
    });
    expect(after.data.version).toBe(2);
    // "Move up" on row 2 made VAP the top priority, with its baseline.
    expect(after.data.priorities.map((p: { label: string }) => p.label)).toEqual([
      expect.stringMatching(/ventilator/i),
      expect.stringMatching(/central line|CLABSI/i),
    ]);
    expect(after.data.values["priorities[0].baselineValue"]).toBe("6.9");
    expect(after.data.completeness.percent).toBeGreaterThan(0);
    const audits = db().select().from(auditLog).where(eq(auditLog.engagementId, id)).all();
    expect(audits.filter((a) => a.action === "intake.update")).toHaveLength(2);
  });

  it("explains bad answers next to their fields, keeps everything typed and saves nothing", async () => {
    const id = newEngagement();
    const res = await saveSection(id, "scale", {
      version: "0",
      expectedSites: "many",
      desiredStart: "2027-13",
      longestDurationMonths: "12",
      hardDeadline: "<script>alert(1)</script>",
    });
    expect(res.status).toBe(400);
    expect(Object.keys(formAnswer(res).errors)).toEqual(expect.arrayContaining(["expectedSites", "desiredStart", "hardDeadline"]));
    expect(formAnswer(res).values).toMatchObject({ expectedSites: "many", longestDurationMonths: "12", hardDeadline: "<script>alert(1)</script>" });
    expect(db().select().from(intakes).where(eq(intakes.engagementId, id)).get()).toBeUndefined();
  });

  it("answers 409 to a stale save and keeps the user's answers", async () => {
    const id = demoEngagementId();
    expect((await saveSection(id, "budget", { version: "1", budgetMin: "500000", budgetMax: "800000", currency: "GBP" })).status).toBe(303);
    const stale = await saveSection(id, "budget", { version: "1", budgetMin: "1", budgetMax: "2", currency: "EUR" });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).values).toMatchObject({ budgetMin: "1", currency: "EUR" });
    expect(formAnswer(stale).conflict?.changes[0]).toMatchObject({ by: "Maya Okafor", version: 2 });
    // Her own save from another window: she is not named as if she were someone else.
    expect(formAnswer(stale).conflict?.changes[0]?.summary).toBe("You saved the intake in another window or tab while you were editing.");
    // Each answer that differs from what is saved now is named, with the saved answer in words.
    expect(
      formAnswer(stale)
        .conflict?.changes.slice(1)
        .map((c) => c.summary)
    ).toEqual(["Minimum budget: 500,000", "Maximum budget: 800,000", "Currency: “GBP”"]);
  });
});

describe("the method decision", () => {
  it("records an accepted recommendation with who, when and the intake version", async () => {
    const id = newEngagement();
    await saveSection(id, "scale", { version: "0", expectedSites: "25", longestDurationMonths: "12" });
    const view = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id: String(id) }, as: "manager@demo.test" });
    const recommended = view.data.view.recommendation.recommended;
    const res = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { intent: "accept", intakeVersion: "1", decisionVersion: "0", overrideReason: "" },
    });
    expect(res.status).toBe(303);
    const decision = db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()!;
    expect(decision).toMatchObject({ recommended, chosen: recommended, overrideReason: null, intakeVersion: 1, decidedById: 1 });
  });

  it("requires a written justification to override, and records it", async () => {
    const id = demoEngagementId();
    const page = async () =>
      (await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id: String(id) }, as: "manager@demo.test" })).data.view;
    const accepted = await page();
    // As recommended: the collaborative fits our staff, so no note on our capacity.
    expect(accepted.notes.capacity).toBeNull();
    const form = { intent: "override", method: "campaign", intakeVersion: "1", decisionVersion: "1" };
    const short = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { ...form, overrideReason: "because" },
    });
    expect(short.status).toBe(400);
    expect(formAnswer(short).errors.overrideReason).toMatch(/Explain/);
    expect(formAnswer(short).values.overrideReason).toBe("because");
    const ok = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { ...form, overrideReason: "The regional association wants public mobilisation of every hospital." },
    });
    expect(ok.status).toBe(303);
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({
      chosen: "campaign",
      overrideReason: "The regional association wants public mobilisation of every hospital.",
      version: 2,
    });
    // Overridden: the note on our capacity is about the campaign chosen, which is tight.
    const overridden = await page();
    expect(overridden.notes.capacity).toMatch(
      /^Our staff capacity for the Campaign chosen instead of the recommended Breakthrough Series collaborative is tight at the desired start: /
    );
    expect(
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "method.override"), eq(auditLog.engagementId, id)))
        .all()
    ).toHaveLength(1);
  });

  const methodStep = async (id: number) =>
    (await callLoader(layout.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: "leader@demo.test" })).data.steps.find(
      (s: { key: string }) => s.key === "method"
    ).status;
  const methodView = async (id: number) =>
    (await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id: String(id) }, as: "leader@demo.test" })).data.view;

  it("keeps the decision current through an intake change that leaves the advice as it was", async () => {
    const id = demoEngagementId();
    expect(await methodStep(id)).toBe("complete");
    const advice = (await methodView(id)).recommendation;
    await saveSection(id, "budget", { version: "1", currency: "GBP" });
    const after = await methodView(id);
    expect(after.recommendation).toEqual(advice);
    expect(after.stale).toBe(false);
    expect(await methodStep(id)).toBe("complete");
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({ intakeVersion: 2, version: 1 });
  });

  it("makes no new version of an intake section saved as it stands", async () => {
    const id = demoEngagementId();
    expect((await saveSection(id, "budget", { version: "1", currency: "GBP" })).status).toBe(303);
    const audits = () => db().select().from(auditLog).where(eq(auditLog.action, "intake.update")).all().length;
    const before = audits();
    expect((await saveSection(id, "budget", { version: "2", currency: "GBP" })).status).toBe(303);
    expect(db().select({ version: intakes.version }).from(intakes).where(eq(intakes.engagementId, id)).get()).toEqual({ version: 2 });
    expect(audits()).toBe(before);
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({ intakeVersion: 2 });
  });

  it("shows the decision as stale once the intake changes the advice, and refuses a decision on an old intake", async () => {
    const id = demoEngagementId();
    expect(await methodStep(id)).toBe("complete");
    const before = (await methodView(id)).recommendation;
    await saveSection(id, "scale", { version: "1", expectedSites: "400", longestDurationMonths: "40" });
    const after = await methodView(id);
    expect(after.recommendation.ranked).not.toEqual(before.ranked);
    expect(after.stale).toBe(true);
    expect(await methodStep(id)).toBe("stale");
    // Another change that leaves the advice as it now is does not make the decision current again.
    await saveSection(id, "budget", { version: "2", currency: "GBP" });
    expect((await methodView(id)).stale).toBe(true);
    const old = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { intent: "accept", intakeVersion: "1", decisionVersion: "1", overrideReason: "" },
    });
    expect(old.status).toBe(409);
    expect(formAnswer(old).errors[""]).toMatch(/intake changed/);
  });

  const decide = (id: number, form: Record<string, string>) =>
    callAction(methodRoute.action, { path: `/engagements/${id}/method`, params: { id: String(id) }, as: "manager@demo.test", form });
  /** Twenty sites instead of the demo's fourteen: the advice changes, the collaborative decided on stays first. */
  const moreSites = (id: number) => saveSection(id, "scale", { version: "1", expectedSites: "20", desiredStart: "2027-03", longestDurationMonths: "18" });

  it("clears the review of a decision that is still the recommendation with one click, and no justification", async () => {
    const id = demoEngagementId();
    await moreSites(id);
    const review = await methodView(id);
    expect(review).toMatchObject({ stale: true, decision: { chosen: "collaborative" }, recommendation: { recommended: "collaborative" } });
    expect(await methodStep(id)).toBe("stale");
    const kept = await decide(id, { intent: "accept", intakeVersion: "2", decisionVersion: "1", overrideReason: "", recommended: "collaborative" });
    expect(kept.status).toBe(303);
    expect((await methodView(id)).stale).toBe(false);
    expect(await methodStep(id)).toBe("complete");
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({
      chosen: "collaborative",
      overrideReason: null,
      intakeVersion: 2,
      version: 2,
    });
  });

  it("takes the recommended method from the choose form without a justification, and still asks for one to depart from it", async () => {
    const id = demoEngagementId();
    await moreSites(id);
    const base = { intent: "override", intakeVersion: "2", decisionVersion: "1", overrideReason: "", recommended: "collaborative" };
    const departing = await decide(id, { ...base, method: "campaign" });
    expect(departing.status).toBe(400);
    expect(formAnswer(departing).errors.overrideReason).toMatch(/Explain/);
    expect(await methodStep(id)).toBe("stale");
    const same = await decide(id, { ...base, method: "collaborative" });
    expect(same.status).toBe(303);
    expect(await methodStep(id)).toBe("complete");
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({ chosen: "collaborative", intakeVersion: 2 });
  });

  it("refuses a method taken without a justification on a recommendation that is no longer the one", async () => {
    const id = demoEngagementId();
    await moreSites(id);
    // A page drawn when the campaign was recommended: taking the campaign there needed no justification, here it would.
    const res = await decide(id, {
      intent: "override",
      method: "campaign",
      intakeVersion: "2",
      decisionVersion: "1",
      overrideReason: "",
      recommended: "campaign",
    });
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors[""]).toMatch(/The recommendation is now the Breakthrough Series collaborative, not the Campaign/);
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({ chosen: "collaborative", version: 1 });
    expect(await methodStep(id)).toBe("stale");
  });

  it("answers 409 on the form, keeping the justification, when someone else decided first", async () => {
    const id = demoEngagementId();
    const reason = "The regional association wants public mobilisation of every hospital.";
    const res = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { intent: "override", method: "campaign", intakeVersion: "1", decisionVersion: "0", overrideReason: reason },
    });
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors[""]).toMatch(/Someone else recorded a decision/);
    expect(formAnswer(res).values).toMatchObject({ method: "campaign", overrideReason: reason });
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({ version: 1 });
  });
});

describe("readiness on the Fit step", () => {
  it("gives the demo partner a verdict with a reason per criterion", async () => {
    const id = demoEngagementId();
    const res = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: { id: String(id) }, as: "manager@demo.test" });
    // Readiness for the method chosen (a collaborative), and for each other method on its own criteria.
    expect(res.data.readinessFor).toBe("collaborative");
    expect(res.data.readinessChosen).toBe(true);
    const collaborative = res.data.readiness.collaborative;
    expect(["ready", "ready_with_conditions"]).toContain(collaborative.verdict);
    expect(collaborative.criteria).toHaveLength(7);
    for (const c of collaborative.criteria) expect(c.reason.length).toBeGreaterThan(10);
    expect(res.data.readiness.campaign.criteria.map((c: { label: string }) => c.label)).toContain("A channel to enrol institutions");
    expect(res.data.readiness.tailored.criteria.map((c: { label: string }) => c.label)).toContain("Governance");
  });

  it("calls an unknown partner not ready", async () => {
    const { engagementId } = createOtherManagerEngagement();
    const res = await callLoader(fitRoute.loader, { path: `/engagements/${engagementId}/fit`, params: { id: String(engagementId) }, as: "manager@demo.test" });
    for (const m of ["collaborative", "campaign", "tailored"]) expect(res.data.readiness[m].verdict, m).toBe("not_ready");
  });
});
