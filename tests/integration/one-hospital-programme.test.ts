import { describe, expect, it } from "vitest";
import { addDays, addMonthsToMonth, daysBetween, lastDayOf, type IsoDate } from "~/domain/calendar";
import { timelineEnd, timelineStart, type Timeline } from "~/domain/timeline";
import { finishOf } from "~/domain/timeline-view";
import { decisionAgainst } from "~/domain/method-variants";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { currentMonth } from "~/services/clock.server";
import { buildProposal } from "~/domain/proposal";
import { buildSnapshot } from "~/models/snapshot.server";
import { exportBundle } from "~/models/bundle.server";
import { getProposalWording } from "~/services/templates.server";
import { db, useTestDatabase } from "../helpers/db";
import { newPartnerEngagement, saveIntakeSection } from "../helpers/partner-engagement";
import { callAction, callLoader } from "../helpers/requests";

/*
 * A 500-bed hospital, one site, asking for a tailored initiative on patient flow over two years, with a
 * hard deadline two years and a month after its start (docs/domain.md §2.5): not a small request, so a
 * tailored initiative of its own is the recommendation, named the same on the page, in the form, the
 * decision, the bundle and the proposal's notes, with the short tailored engagement as the alternative.
 */

useTestDatabase();

const as = "manager@demo.test";
const params = (id: number) => ({ id: String(id) });

const hospital = () =>
  newPartnerEngagement({ name: "Harbourside General Hospital", kind: "hospital", country: "GB", sites: 1, population: 500_000 }, "Harbourside patient flow");

async function setUp(months = "24") {
  const id = hospital();
  const start = addMonthsToMonth(currentMonth(), 1);
  await saveIntakeSection(id, "context", { version: "0", partnerKind: "hospital", sites: "1" });
  await saveIntakeSection(id, "needs", { version: "1", "priorities[0].topic": "access_flow" });
  await saveIntakeSection(id, "scale", {
    version: "2",
    expectedSites: "1",
    desiredStart: start,
    longestDurationMonths: months,
    hardDeadline: lastDayOf(addMonthsToMonth(start, 25)),
  });
  return id;
}

async function methodPage(id: number) {
  const res = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: params(id), as });
  expect(res.status).toBe(200);
  return res.data.view;
}

async function decide(id: number, form: Record<string, string>) {
  const view = await methodPage(id);
  return callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params: params(id),
    as,
    form: { intakeVersion: String(view.intakeVersion), decisionVersion: String(view.decision?.version ?? 0), overrideReason: "", ...form },
  });
}

describe("one hospital asking for two years", () => {
  it("is recommended a tailored initiative of its own, named so in the heading, the form, the time note and what would change it", async () => {
    const id = await setUp();
    const view = await methodPage(id);
    expect(view.recommendation.recommended).toBe("tailored");
    expect(view.smallRequestRecommendation).toBeNull();
    expect(view.recommendation.fewTeams.why).toMatch(/the partner's time, 24 months, is more than a short tailored engagement holds/);
    expect(view.recommendation.fewTeams.why).toMatch(/a tailored initiative of its own is recommended, spreading across the organisation's wards and units/);
    const said = JSON.stringify([view.recommendation.timeNote, view.recommendation.composition, view.recommendation.whatWouldChange]);
    expect(said).not.toMatch(/collaborative is recommended|alongside the collaborative/i);
    expect(view.recommendation.timeNote).toMatch(/^A tailored initiative's plan, as its template lays it out, needs at least 36 months in all/);
    expect(view.recommendation.whatWouldChange[1]).toMatch(/With the partner's time at 15 months or less, it would be a small request/);
    // The short engagement stays on offer, as the alternative.
    expect(view.smallRequest).not.toBeNull();
  });

  it("accepting the recommendation records the tailored initiative, which the bundle and the proposal's notes name as recommended", async () => {
    const id = await setUp();
    const res = await decide(id, { intent: "accept", recommended: "tailored" });
    expect(res.status, JSON.stringify(res.data)).toBe(303);
    const view = await methodPage(id);
    expect(view.decision).toMatchObject({ chosen: "tailored", recommended: "tailored", variant: null, overrideReason: null });
    const manager = db().$client.prepare("select id from users where email = ?").get(as) as { id: number };
    const bundle = JSON.stringify(exportBundle({ id: manager.id, role: "manager", organisationId: null }, id));
    expect(bundle).toContain('"recommended":"tailored"');
    expect(bundle).not.toContain('"recommended":"collaborative"');
    const content = buildProposal(buildSnapshot(db(), id, `${currentMonth()}-01`, currentMonth()), getProposalWording(), { versionLabel: "Live draft" });
    expect(JSON.stringify(content)).not.toMatch(/pointed to a Breakthrough Series collaborative/);
  });

  it("taking the short engagement instead is said to depart from the recommended tailored initiative", async () => {
    const id = await setUp();
    const res = await decide(id, { form: "small", intent: "small", choice: "short_tailored" });
    expect(res.status, JSON.stringify(res.data)).toBe(303);
    const view = await methodPage(id);
    expect(view.decision).toMatchObject({ chosen: "tailored", variant: "short_tailored" });
    // As the decision block says it.
    expect(decisionAgainst(view.decision, { smallRequest: view.smallRequestRecommendation, fewNotSmall: view.recommendation.fewTeams?.small === false })).toBe(
      " instead of the recommended Tailored large-scale initiative of its own"
    );
  });

  it("with 12 months, is still a small request, recommended the short tailored engagement", async () => {
    const id = await setUp("12");
    const view = await methodPage(id);
    expect(view.smallRequestRecommendation).toBe("Short tailored engagement");
    expect(view.recommendation.recommended).toBe("tailored");
    expect(view.recommendation.timeNote ?? "").not.toMatch(/collaborative is recommended/);
  });
});

describe("a tailored initiative's timeline shortened by hand", () => {
  it("is judged on the Method page as the Timeline page judges it", async () => {
    const id = await setUp();
    expect((await decide(id, { intent: "accept", recommended: "tailored" })).status).toBe(303);
    const before = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
    const gen = await callAction(timelineRoute.action, {
      path: `/engagements/${id}/timeline`,
      params: params(id),
      as,
      form: { intent: "regenerate", version: String(before.data.version) },
    });
    expect(gen.status, JSON.stringify(gen.data)).toBe(303);
    // Shorten the stored plan to about 22 months, as a manager does by hand on the Timeline page: every
    // date drawn closer to the start in proportion, then each item kept after what it depends on.
    const row = db().$client.prepare("select data_json as d from timelines where engagement_id = ?").get(id) as { d: string };
    const timeline = JSON.parse(row.d) as Timeline;
    const first = timelineStart(timeline);
    const f = (22 * 30.4) / daysBetween(first, timelineEnd(timeline));
    const at = (d: IsoDate) => addDays(first, Math.floor(daysBetween(first, d) * f));
    for (const item of timeline.items) {
      const days = daysBetween(item.start, item.end);
      item.start = at(item.start);
      item.end = item.kind === "milestone" ? item.start : addDays(item.start, Math.max(0, Math.floor(days * f)));
    }
    const byId = new Map(timeline.items.map((i) => [i.id, i]));
    for (let pass = 0; pass < timeline.items.length; pass++)
      for (const item of timeline.items)
        for (const d of item.dependencies) {
          d.lagDays = 0;
          const late = daysBetween(item.start, finishOf(byId.get(d.on)!));
          if (late > 0) {
            item.start = addDays(item.start, late);
            item.end = addDays(item.end, late);
          }
        }
    db().$client.prepare("update timelines set data_json = ? where engagement_id = ?").run(JSON.stringify(timeline), id);
    const tl = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
    expect(tl.data.timeCheck.summary).toMatch(/^The plan keeps the partner's time/);
    const view = await methodPage(id);
    expect(view.ownPlan?.words).toMatch(/^A tailored initiative's own timeline, as it stands, shortened by hand, keeps the partner's time/);
  });

  it("counts the partner record's one site where the intake gives no count, as the small request's offer does: one recommendation", async () => {
    const id = hospital();
    const start = addMonthsToMonth(currentMonth(), 1);
    await saveIntakeSection(id, "context", { version: "0", partnerKind: "hospital" });
    await saveIntakeSection(id, "needs", { version: "1", "priorities[0].topic": "access_flow" });
    await saveIntakeSection(id, "scale", { version: "2", desiredStart: start, longestDurationMonths: "12" });
    const view = await methodPage(id);
    // The offer for a small request is shown, and it is what is recommended: never a collaborative of its own beside it.
    expect(view.smallRequestRecommendation).not.toBeNull();
    expect(view.recommendation.fewTeams).toMatchObject({ teams: 1, small: true });
    expect(view.recommendation.recommended).toBe("tailored");
  });
});
