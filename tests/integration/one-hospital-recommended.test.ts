import { describe, expect, it } from "vitest";
import { addMonthsToMonth, lastDayOf } from "~/domain/calendar";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import * as fitRoute from "~/routes/engagements.$id.fit";
import { currentMonth } from "~/services/clock.server";
import { buildProposal } from "~/domain/proposal";
import { buildSnapshot } from "~/models/snapshot.server";
import { getProposalWording } from "~/services/templates.server";
import { db, useTestDatabase } from "../helpers/db";
import { newPartnerEngagement, saveIntakeSection } from "../helpers/partner-engagement";
import { callAction, callLoader } from "../helpers/requests";

/*
 * A 900-bed teaching hospital, one site, asking for a tailored initiative over 24 months with a hard
 * deadline from its regulator 15 months out (docs/domain.md §2.5): a collaborative of its own is not
 * what a partnership manager would offer it, and a plan that cannot keep the deadline is offered the
 * short tailored engagement, which can.
 */

useTestDatabase();

const as = "manager@demo.test";
const params = (id: number) => ({ id: String(id) });

const oneHospital = () =>
  newPartnerEngagement({ name: "Mercy University Hospital", kind: "hospital", country: "IE", sites: 1, population: 400_000 }, "Mercy patient safety");

async function setUp() {
  const id = oneHospital();
  const start = addMonthsToMonth(currentMonth(), 1);
  await saveIntakeSection(id, "context", { version: "0", partnerKind: "hospital", sites: "1" });
  await saveIntakeSection(id, "needs", { version: "1", "priorities[0].topic": "sepsis" });
  await saveIntakeSection(id, "scale", {
    version: "2",
    expectedSites: "1",
    desiredStart: start,
    longestDurationMonths: "24",
    hardDeadline: lastDayOf(addMonthsToMonth(start, 14)),
  });
  return id;
}

async function methodView(id: number) {
  const res = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: params(id), as });
  expect(res.status).toBe(200);
  return res.data.view;
}

describe("one hospital", () => {
  it("is recommended the small request's offer, not a collaborative of its own, and is not offered to accept one", async () => {
    const id = await setUp();
    const view = await methodView(id);
    expect(view.smallRequest.reason).toMatch(/^1 team or site is fewer than the 12/);
    expect(view.smallRequestRecommendation).toBe("Joining an open collaborative, or a short tailored engagement");
    // What would change it is what makes a request small, not the ranking of the full methods.
    expect(view.smallRequest.whatWouldChange).toEqual([
      "With 12 or more teams or sites, a collaborative of its own would be possible, and the method the ranking puts first would be recommended, planned in full.",
      "Were no open collaborative on its priorities to have a place and a learning session to come, the short tailored engagement alone would be recommended.",
    ]);
    // Accepting "the recommendation" would record a collaborative of its own.
    const res = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: params(id),
      as,
      form: {
        intent: "accept",
        intakeVersion: String(view.intakeVersion),
        decisionVersion: "0",
        recommended: view.recommendation.recommended,
        overrideReason: "",
      },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toMatch(/record one of the offers/);
  });

  it("planned as a full tailored initiative, is offered the short tailored engagement, which keeps the deadline, and never a collaborative of its own", async () => {
    const id = await setUp();
    const after = await planTailored(id);
    const another = after.data.timeCheck.choices.find((c: { kind: string }) => c.kind === "another_method");
    expect(another.text).toMatch(/^Another method: a short tailored engagement needs at least \d+ months in all/);
    expect(another.text).not.toMatch(/collaborative/);
  });

  it("planned as a full tailored initiative, spreads across its wards and units, in its timeline and its proposal, never across sites it does not have", async () => {
    const id = await setUp();
    const after = await planTailored(id);
    const labels = after.data.timeline.items.map((i: { label: string }) => i.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Develop the scalable unit on pilot wards or units",
        "Test of scale-up on more wards and units",
        "Go to full scale across every ward and unit",
      ])
    );
    expect(labels.join(" ")).not.toMatch(/pilot sites|^Test of scale-up$|^Go to full scale$/m);
    const content = buildProposal(buildSnapshot(db(), id, `${currentMonth()}-01`, currentMonth()), getProposalWording(), { versionLabel: "Live draft" });
    // What the partner reads of the method: its approach, workplan, governance, roles and what the fee covers.
    const words = JSON.stringify(
      content.sections
        .filter((x) => ["approach", "workplan", "governance", "resourcing", "budget"].includes(x.key))
        .map((x) => x.blocks.filter((b) => b.audience !== "internal"))
    );
    expect(words).toContain("with the organisation's wards and units as the places the work spreads to");
    expect(words).toContain("Willingness to share data and results across Mercy University Hospital's wards and units");
    expect(words).not.toMatch(/Hospital's sites|pilot sites|across the system|system-level/);
  });

  it("planned as a full tailored initiative, is judged ready and planned in one organisation's words, never a system's or its pilot sites", async () => {
    const id = await setUp();
    await planTailored(id);
    const fit = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: params(id), as });
    expect(fit.status).toBe(200);
    const readiness = fit.data.readiness.tailored;
    const labels = readiness.criteria.map((c: { label: string }) => c.label);
    expect(labels).toContain("Sharing results across the organisation");
    expect(labels).toContain("Data for the organisation's aims");
    expect(readiness.conditions).toContain("Confirm that results will be shared across all the wards and units taking part.");
    const content = buildProposal(buildSnapshot(db(), id, `${currentMonth()}-01`, currentMonth()), getProposalWording(), { versionLabel: "Live draft" });
    const risks = content.sections.find((x) => x.key === "risks")!.blocks;
    const briefing = JSON.stringify(risks);
    // The internal briefing's readiness notes and planning assumptions.
    expect(briefing).toContain("Sharing results across the organisation");
    expect(briefing).toContain("6 sites at most: The scalable unit is developed on a few pilot wards or units, coached as the organisation's one site.");
    expect(briefing).toContain("A faculty lead for each workstream from the pilot wards or units to every ward and unit.");
    const said = JSON.stringify([readiness, risks]);
    expect(said).not.toMatch(/across the system|sites taking part|pilot sites|system-level|representative slice of the system/);
  });
});

describe("the wording for a partner of one site", () => {
  it("says otherwise only sentences its method says, so that none is missed for a word changed in one place", () => {
    const wording = getProposalWording();
    for (const mw of Object.values(wording.methods)) {
      const said = [...mw.approach, ...mw.governance, ...mw.capability, ...mw.sustainability, ...mw.budgetIncludes, ...mw.partnerRoles];
      for (const sentence of Object.keys(mw.oneSite ?? {})) expect(said, `${mw.method}: ${sentence}`).toContain(sentence);
    }
  });
});

async function planTailored(id: number) {
  const view = await methodView(id);
  const decided = await callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params: params(id),
    as,
    form: {
      intent: "override",
      method: "tailored",
      overrideReason: "The hospital wants its own tailored initiative, and its board has asked for one.",
      intakeVersion: String(view.intakeVersion),
      decisionVersion: "0",
      recommended: view.recommendation.recommended,
    },
  });
  expect(decided.status, JSON.stringify(decided.data)).toBe(303);
  const before = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
  const res = await callAction(timelineRoute.action, {
    path: `/engagements/${id}/timeline`,
    params: params(id),
    as,
    form: { intent: "regenerate", version: String(before.data.version) },
  });
  expect(res.status, JSON.stringify(res.data)).toBe(303);
  return callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
}
