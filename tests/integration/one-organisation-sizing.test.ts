import { describe, expect, it } from "vitest";
import { addMonthsToMonth } from "~/domain/calendar";
import { buildProposal } from "~/domain/proposal";
import { totalFteMonths } from "~/domain/demand";
import { wholeMonths } from "~/domain/timeline";
import { getFitView } from "~/models/fit.server";
import { buildSnapshot } from "~/models/snapshot.server";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { currentMonth } from "~/services/clock.server";
import { getProposalWording } from "~/services/templates.server";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { newPartnerEngagement, saveIntakeSection } from "../helpers/partner-engagement";
import { callAction, callLoader } from "../helpers/requests";

/*
 * A 900-bed hospital, one site, choosing a full tailored initiative over the template's 36 months
 * (docs/domain.md §5.5): it is sized as one organisation's work, a workstream for each of its priority
 * areas and a share of a system's direction, project management, measurement and capability building,
 * not as a system-wide programme. A partner of several sites keeps a system's figures.
 */

useTestDatabase();
pinToday("2026-12");

const as = "manager@demo.test";
const params = (id: number) => ({ id: String(id) });

/** The hospital with these priority areas, asking for 36 months from next month. */
async function hospital(topics: string[]): Promise<number> {
  const id = newPartnerEngagement(
    { name: `Mercy University Hospital (${topics.length})`, kind: "hospital", country: "IE", sites: 1, population: 400_000 },
    "Mercy patient safety"
  );
  await saveIntakeSection(id, "context", { version: "0", partnerKind: "hospital", sites: "1" });
  await saveIntakeSection(id, "needs", { version: "1", ...Object.fromEntries(topics.map((t, i) => [`priorities[${i}].topic`, t])) });
  await saveIntakeSection(id, "scale", { version: "2", expectedSites: "1", desiredStart: addMonthsToMonth(currentMonth(), 1), longestDurationMonths: "36" });
  return id;
}

/** The engagement planned as a full tailored initiative: the method chosen by its manager, its timeline generated. */
async function planTailored(id: number) {
  const view = (await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: params(id), as })).data.view;
  const decided = await callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params: params(id),
    as,
    form: {
      intent: "override",
      method: "tailored",
      overrideReason: "The board wants a tailored initiative of its own.",
      intakeVersion: String(view.intakeVersion),
      decisionVersion: String(view.decision?.version ?? 0),
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
}

const snapshotOf = (id: number) => buildSnapshot(db(), id, `${currentMonth()}-01`, currentMonth());
const staffOf = (id: number) => Object.fromEntries(snapshotOf(id).staffing.map((l) => [l.role, l.fteMonths]));

describe("a full tailored initiative for one 900-bed hospital", () => {
  it("with 2 priority areas is sized as one organisation's work: about 55 FTE-months and USD 1.9 million over 36 months, where a system's rules asked 127 and USD 4.6 million", async () => {
    const id = await hospital(["sepsis", "falls"]);
    await planTailored(id);
    const s = snapshotOf(id);
    expect(wholeMonths(s.timeline!)).toBe(36);
    expect(staffOf(id)).toEqual({
      faculty: 24.2,
      improvement_advisor: 6,
      programme_director: 4.5,
      project_manager: 9,
      data_analyst: 7.2,
      campaign_lead: 3.9,
    });
    expect(totalFteMonths(s.demand)).toBe(54.8);
    expect(s.price!.fee).toBe(1_945_000);

    // The partner's proposal states the fee and the staff table; the internal briefing says what they rest on.
    const content = buildProposal(s, getProposalWording(), { versionLabel: "Live draft" });
    const partner = JSON.stringify(content.sections.map((x) => x.blocks.filter((b) => b.audience !== "internal")));
    expect(partner).toMatch(/estimated fee for the work described is USD\s1,945,000/);
    expect(partner).toContain('["Faculty","508","24.2","1","January 2027","December 2029"]');
    expect(partner).toContain('["Programme director","95","4.5","0.13","January 2027","December 2029"]');
    expect(partner).not.toContain("4,645,000");
    const briefing = JSON.stringify(content.sections.find((x) => x.key === "risks")!.blocks);
    expect(briefing).toContain(
      "2 workstreams (5 → 2: one for each of the partner's 2 priority areas): For one organisation, a workstream for each of the partner's priority areas, each owned by a workstream lead as the governance says: at least one, at most the Scottish programme's five."
    );
    expect(briefing).toContain(
      "0.25 of a system's share, for one organisation: A director for one organisation's initiative takes a quarter of a system's half"
    );

    // The Fit view's demand, which its heatmap and the proposal's figures are made from, says why, month by month.
    const manager = { id: userIdByEmail(as), role: "manager" as const, organisationId: null };
    const reasons = getFitView(manager, id, currentMonth()).plan!.demand.flatMap((d) => d.reasons);
    expect(reasons).toContain(
      "Test of scale-up on more wards and units: 0.3 FTE per workstream × 2 workstreams (5 → 2: one for each of the partner's 2 priority areas)"
    );
    expect(reasons).toContain("Whole timeline: 0.5 FTE × 0.25 of a system's share, for one organisation");
    // The Fit page says beside the heatmap how the demand is sized.
    const page = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: params(id), as });
    expect(page.status).toBe(200);
    expect(page.data.plan.sizing).toHaveLength(5);
    expect(page.data.plan.sizing[0]).toBe(
      "2 workstreams (5 → 2: one for each of the partner's 2 priority areas): For one organisation, a workstream for each of the partner's priority areas, each owned by a workstream lead as the governance says: at least one, at most the Scottish programme's five."
    );
    expect(page.data.plan.sizing[1]).toMatch(/^0\.25 of a system's share, for one organisation: A director for one organisation's initiative/);
  });

  it("with 5 priority areas has the template's five workstream leads, and one organisation's shares of the rest", async () => {
    const id = await hospital(["sepsis", "falls", "vap", "ssi", "pressure_ulcers"]);
    await planTailored(id);
    expect(staffOf(id)).toMatchObject({ faculty: 49.6, programme_director: 4.5, project_manager: 9 });
    expect(snapshotOf(id).price!.fee).toBe(3_075_000);
  });
});

describe("a tailored initiative for a partner of several sites", () => {
  it("keeps a system's figures: Eastmere's sites planned as a tailored initiative ask what they asked before", async () => {
    const id = (db().$client.prepare("select id from engagements where title = ?").get("Eastmere safer transitions programme") as { id: number }).id;
    await planTailored(id);
    const s = snapshotOf(id);
    // The figures before one organisation's rule was written, to the decimal and the dollar.
    expect(staffOf(id)).toEqual({
      faculty: 60.3,
      improvement_advisor: 27.8,
      programme_director: 18,
      project_manager: 18,
      data_analyst: 15.7,
      campaign_lead: 3.9,
    });
    expect(totalFteMonths(s.demand)).toBe(143.7);
    expect(s.price!.fee).toBe(4_985_000);
    expect(JSON.stringify(s.assumptions)).not.toMatch(/one organisation|priority areas/);
    const page = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: params(id), as });
    expect(page.data.plan.sizing).toEqual([]);
  });
});
