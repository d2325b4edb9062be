import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements, methodDecisions } from "../../db/schema";
import { addDays, addMonthsToMonth, calendarMonths } from "~/domain/calendar";
import { timelineEnd, timelineStart, type Timeline } from "~/domain/timeline";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import * as fitRoute from "~/routes/engagements.$id.fit";
import { currentMonth } from "~/services/clock.server";
import { db, useTestDatabase } from "../helpers/db";
import { newPartnerEngagement, saveIntakeSection } from "../helpers/partner-engagement";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

/*
 * One hospital asking for help on sepsis now: too few teams for a collaborative of its own. The
 * Method page offers joining the open sepsis collaborative (seeded) or a short tailored engagement;
 * either, chosen, plans a timeline of under a year from its own template.
 */

useTestDatabase();

const as = "manager@demo.test";

const oneSiteEngagement = () =>
  newPartnerEngagement({ name: "St Brigid's Hospital", kind: "hospital", country: "IE", sites: 1, population: 120_000 }, "St Brigid's sepsis help");

const params = (id: number) => ({ id: String(id) });

async function methodView(id: number) {
  const res = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: params(id), as });
  expect(res.status).toBe(200);
  return res.data.view;
}

async function choose(id: number, choice: string, decisionVersion: number) {
  const view = await methodView(id);
  return callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params: params(id),
    as,
    form: { form: "small", intent: "small", choice, intakeVersion: String(view.intakeVersion), decisionVersion: String(decisionVersion) },
  });
}

async function generate(id: number): Promise<Timeline> {
  const before = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
  const res = await callAction(timelineRoute.action, {
    path: `/engagements/${id}/timeline`,
    params: params(id),
    as,
    form: { intent: "regenerate", version: String(before.data.version) },
  });
  expect(res.status, JSON.stringify(res.data)).toBe(303);
  const after = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
  expect(after.data.staleReasons).toEqual([]);
  return after.data.timeline;
}

const monthsLong = (t: Timeline) => calendarMonths(timelineStart(t), addDays(timelineEnd(t), 1));

async function setUp() {
  const id = oneSiteEngagement();
  await saveIntakeSection(id, "context", { version: "0", partnerKind: "hospital", sites: "1" });
  await saveIntakeSection(id, "needs", { version: "1", "priorities[0].topic": "sepsis" });
  await saveIntakeSection(id, "scale", { version: "2", expectedSites: "1", desiredStart: addMonthsToMonth(currentMonth(), 1) });
  return id;
}

describe("a one-site request", () => {
  it("is offered joining the open collaborative on its topic, with its next dates and places left, or a short tailored engagement", async () => {
    const id = await setUp();
    const view = await methodView(id);
    expect(view.smallRequest).not.toBeNull();
    expect(view.smallRequest.reason).toMatch(/^1 team or site is fewer than the 12/);
    const titles = view.smallRequest.joinable.map((o: { title: string }) => o.title);
    expect(titles).toEqual(["Sepsis Early Recognition Collaborative"]);
    expect(view.smallRequest.joinable[0]).toMatchObject({ placesLeft: 4, nextSessions: [expect.stringMatching(/^\d{4}-\d\d-\d\d$/), expect.any(String)] });
  });

  it("joining it plans prework, joining at its next learning session, action periods and a close, in under a year", async () => {
    const id = await setUp();
    const view = await methodView(id);
    const oc = view.smallRequest.joinable[0];
    const res = await choose(id, `join:${oc.id}`, 0);
    expect(res.status, JSON.stringify(res.data)).toBe(303);
    const decision = db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()!;
    expect(decision).toMatchObject({ chosen: "collaborative", variant: "join_open_collaborative", openCollaborativeId: oc.id });
    expect(decision.overrideReason ?? "").toMatch(/fewer than the 12/);
    expect((await methodView(id)).joined).toMatchObject({ title: oc.title });

    const t = await generate(id);
    expect(t.method).toBe("collaborative");
    expect(monthsLong(t)).toBeLessThan(12);
    const sessions = t.items.filter((i) => i.roleTags.includes("learning_session")).map((i) => i.start);
    expect(sessions[0]).toBe(oc.nextSessions[0]);
    expect(sessions[1]).toBe(oc.nextSessions[1]);
    expect(t.items.some((i) => /Enrolment of teams|Expert meeting/.test(i.label))).toBe(false);
  });

  it("joining is demanded and priced as one team joining: no director, a share of the sessions' faculty, a fee a fraction of a collaborative's", async () => {
    const id = await setUp();
    const fitOf = async () => {
      const res = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: params(id), as });
      expect(res.status).toBe(200);
      const plan = res.data.plan!;
      const days = (role: string) => plan.cost.lines.find((l: { role: string; days: number }) => l.role === role)?.days ?? 0;
      return { days, fee: res.data.budget!.fee, months: plan.heatmap.months.length };
    };
    const view = await methodView(id);
    const full = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: params(id),
      as,
      form: {
        intent: "override",
        method: "collaborative",
        overrideReason: "The board wants a collaborative of its own.",
        intakeVersion: String(view.intakeVersion),
        decisionVersion: "0",
      },
    });
    expect(full.status).toBe(303);
    await generate(id);
    const whole = await fitOf();

    const oc = (await methodView(id)).smallRequest.joinable[0];
    expect((await choose(id, `join:${oc.id}`, 1)).status).toBe(303);
    await generate(id);
    const joined = await fitOf();
    expect(joined.days("programme_director")).toBe(0);
    expect(joined.days("campaign_lead")).toBe(0);
    // Two 2-day sessions and a closing day, a twentieth of five faculty's time, and the calls: a few days, not dozens.
    expect(joined.days("faculty")).toBeGreaterThan(2);
    expect(joined.days("faculty")).toBeLessThan(5);
    expect(joined.days("improvement_advisor")).toBeLessThan(20);
    expect(joined.months).toBeLessThanOrEqual(12);
    expect(whole.days("programme_director")).toBeGreaterThan(150);
    expect(joined.fee).toBeLessThan(whole.fee / 8);
  });

  it("a short tailored engagement plans a timeline of under a year from its own template", async () => {
    const id = await setUp();
    const res = await choose(id, "short_tailored", 0);
    expect(res.status, JSON.stringify(res.data)).toBe(303);
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toMatchObject({
      chosen: "tailored",
      variant: "short_tailored",
    });
    const t = await generate(id);
    expect(t.method).toBe("tailored");
    expect(monthsLong(t)).toBeLessThan(12);
    expect(t.items[0]!.label).toMatch(/Diagnostic/);
  });

  it("marks the timeline stale when the full collaborative gives way to joining an open one", async () => {
    const id = await setUp();
    const view = await methodView(id);
    const full = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params: params(id),
      as,
      form: {
        intent: "override",
        method: "collaborative",
        overrideReason: "The board wants a collaborative of its own for its units.",
        intakeVersion: String(view.intakeVersion),
        decisionVersion: "0",
      },
    });
    expect(full.status).toBe(303);
    const fullPlan = await generate(id);
    expect(monthsLong(fullPlan)).toBeGreaterThan(12);
    const oc = (await methodView(id)).smallRequest.joinable[0];
    expect((await choose(id, `join:${oc.id}`, 1)).status).toBe(303);
    const after = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
    expect(after.data.staleReasons.join(" ")).toMatch(/plan changed from the full method to Joining an open collaborative/);
    expect(monthsLong(await generate(id))).toBeLessThan(12);
  });

  it("refuses an open collaborative that is not on the partner's topics, next to the choice", async () => {
    const id = await setUp();
    const falls = db().$client.prepare("select id from open_collaboratives where topic = 'falls'").get() as { id: number };
    const res = await choose(id, `join:${falls.id}`, 0);
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.choice).toMatch(/no longer open to this partner's topics/);
    expect(db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()).toBeUndefined();
  });

  it("the demo's one-hospital request, seeded last: its Method page offers both, it joined the open sepsis collaborative, and its timeline is under a year", async () => {
    const rows = db().select({ id: engagements.id, title: engagements.title }).from(engagements).orderBy(engagements.id).all();
    expect(rows.map((r) => r.title).slice(0, 6)).toEqual([
      "Northshire patient safety partnership",
      "Westvale pressure ulcer collaborative",
      "National sepsis campaign",
      "Eastmere safer transitions programme",
      "Riverside medication safety",
      "Ashford Valley sepsis on the wards",
    ]);
    const id = rows[5]!.id;
    expect(id).toBe(6);
    const view = await methodView(id);
    expect(view.smallRequest.reason).toMatch(/^1 team or site is fewer than the 12/);
    expect(view.smallRequest.joinable.map((o: { title: string }) => o.title)).toEqual(["Sepsis Early Recognition Collaborative"]);
    expect(view.decision).toMatchObject({ chosen: "collaborative", variant: "join_open_collaborative" });
    expect(view.joined).toMatchObject({ title: "Sepsis Early Recognition Collaborative" });

    const page = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: params(id), as });
    expect(page.data.planLabel).toBe("Joining an open collaborative");
    expect(page.data.staleReasons).toEqual([]);
    const t: Timeline = page.data.timeline;
    expect(monthsLong(t)).toBeLessThan(12);
    const sessions = t.items.filter((i) => i.roleTags.includes("learning_session")).map((i) => i.start);
    expect(sessions).toEqual(view.smallRequest.joinable[0].nextSessions.slice(0, 2));
  });

  it("the demo's joining site is advised on its own teams and its collaborative is named, on the Fit and Method pages alike", async () => {
    const id = 6;
    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: params(id), as })).data;
    expect(fit.plan.joining).toEqual({ title: "Sepsis Early Recognition Collaborative" });
    // Its dates are the collaborative's: no start is offered, earlier or later.
    expect(fit.plan.earlierStart).toBeNull();
    for (const w of fit.plan.whatIfs.summary as string[]) expect(w).not.toMatch(/^Starting in|\bsites\b/);
    // Joining is the offer its small request is recommended (decision 36): the Method page judges the site's own part, as
    // the Fit page does, which fits; no note on our capacity for a collaborative of its own, which is not proposed.
    const view = await methodView(id);
    expect(view.recommendation.feasibilityNote).toBeNull();
    expect(view.notes.capacity).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/chosen instead of the recommended|fewer sites/);
  });

  it("the demo's one-site request, taken as a short tailored engagement, is staffed and priced for one site, not as a system-wide programme", async () => {
    const id = 6;
    expect((await choose(id, "short_tailored", (await methodView(id)).decision.version)).status).toBe(303);
    expect(monthsLong(await generate(id))).toBe(8);
    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: params(id), as })).data;
    const days = Object.fromEntries((fit.plan.cost.lines as { role: string; days: number }[]).map((l) => [l.role, l.days]));
    // A diagnostic team, a faculty coach, the hand-over: tens of faculty days, not five workstream leads' hundreds.
    expect(days.faculty).toBeGreaterThan(15);
    expect(days.faculty).toBeLessThan(40);
    // Two days a month of a programme director and of a project manager over the eight months, not half of each.
    expect(days.programme_director).toBe(16);
    expect(days.project_manager).toBe(16);
    expect(days.campaign_lead).toBeUndefined();
    expect(fit.budget.currency).toBe("USD");
    expect(fit.budget.fee).toBeLessThan(200_000);
  });

  it("is not offered to the demo's health system of 14 sites", async () => {
    const demo = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Northshire patient safety partnership")).get()!.id;
    expect((await methodView(demo)).smallRequest).toBeNull();
  });
});
