import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staff, users } from "../../db/schema";
import * as staffEntry from "~/routes/admin.staff.$id";
import { getPortfolio } from "~/models/portfolio.server";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { timelineVariant } from "~/models/timeline.server";
import { currentMonth } from "~/services/clock.server";
import { addMonthsToMonth } from "~/domain/calendar";
import { getFitView } from "~/models/fit.server";
import { goldenDifferences } from "../reference/golden";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callAction, callLoader } from "../helpers/requests";
import { ashfordTakenShort } from "../helpers/short-tailored";

/*
 * The demo holds what the bench's seeded portfolio does not: a proposal offering two options
 * (Eastmere) and a one-site request joining an open collaborative (Ashford Valley). The fast Fit
 * page, live proposal, budget view and levers agree with the straightforward reference
 * (tests/reference) on every demo engagement too, to the last character of their JSON, and on the
 * one-site request taken instead as a short tailored engagement, which has demand rules of its own, or
 * as a full tailored initiative, sized as one organisation's work (docs/domain.md §5.5).
 */
useTestDatabase();

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });

describe("the fast Fit and live proposal against the reference, on the demo", () => {
  it("agree on every demo engagement, options and the joining variant included", () => {
    const today = currentMonth();
    const result = goldenDifferences(manager(), { today, now: `${today}-20T09:00:00.000Z` });
    expect(result.engagements).toBe(6);
    expect(result.compared).toBeGreaterThan(6 * 5);
    expect(result.differences).toEqual([]);
  });

  it("agree on the one-site request taken as a short tailored engagement, demanded by its own rules", async () => {
    const id = await ashfordTakenShort();
    const as = "manager@demo.test";
    const params = { id: String(id) };
    const after = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params, as });
    expect(timelineVariant(after.data.timeline)).toBe("short_tailored");

    const today = currentMonth();
    const result = goldenDifferences(manager(), { today, now: `${today}-20T09:00:00.000Z`, engagementIds: [id] });
    expect(result.compared).toBeGreaterThan(5);
    expect(result.differences).toEqual([]);
  });

  it("agree on the one-site request taken as a full tailored initiative, sized as one organisation's work", async () => {
    const as = "manager@demo.test";
    const id = (db().$client.prepare("select id from engagements where title = ?").get("Ashford Valley sepsis on the wards") as { id: number }).id;
    const params = { id: String(id) };
    const view = (await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params, as })).data.view;
    const decided = await callAction(methodRoute.action, {
      path: `/engagements/${id}/method`,
      params,
      as,
      form: {
        intent: "override",
        method: "tailored",
        overrideReason: "The board wants a tailored initiative of its own.",
        intakeVersion: String(view.intakeVersion),
        decisionVersion: String(view.decision.version),
        recommended: view.recommendation.recommended,
      },
    });
    expect(decided.status, JSON.stringify(decided.data)).toBe(303);
    const before = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params, as });
    const made = await callAction(timelineRoute.action, {
      path: `/engagements/${id}/timeline`,
      params,
      as,
      form: { intent: "regenerate", version: String(before.data.version) },
    });
    expect(made.status, JSON.stringify(made.data)).toBe(303);
    const after = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params, as });
    expect(after.data.timeline.method).toBe("tailored");
    expect(timelineVariant(after.data.timeline)).toBeNull();

    const today = currentMonth();
    const result = goldenDifferences(manager(), { today, now: `${today}-20T09:00:00.000Z`, engagementIds: [id] });
    expect(result.compared).toBeGreaterThan(5);
    expect(result.differences).toEqual([]);
  });

  it("agree on the portfolio once changes to the roster leave engagements short and their owner is disabled", async () => {
    const save = async (name: string, availableTo: string) => {
      const s = db().select().from(staff).where(eq(staff.name, name)).get()!;
      const res = await callAction(staffEntry.action, {
        path: `/admin/staff/${s.id}`,
        params: { id: String(s.id) },
        as: "admin@demo.test",
        form: {
          intent: "save",
          name: s.name,
          role: s.role,
          fte: String(s.fte),
          availableFrom: s.availableFrom ?? "",
          availableTo,
          dayRate: s.dayRate === null ? "" : String(s.dayRate),
          version: String(s.version),
        },
      });
      expect(res.status).toBe(303);
    };
    // The sepsis campaign, awaiting approval, loses a campaign lead; Westvale, approved, both its chairs, one after the other.
    await save("Hannah Schultz", "2027-02");
    await save("Dr Amara Nwosu", "2027-01");
    await save("Prof. James Whitfield", "2027-04");
    db().update(users).set({ disabledAt: "2026-11-02T09:00:00.000Z" }).where(eq(users.email, "manager@demo.test")).run();

    const today = currentMonth();
    const now = `${today}-20T09:00:00.000Z`;
    const fast = getPortfolio(manager(), { today, now, allRisks: true, allListed: true, allApprovals: true });
    expect(
      fast.atRisk
        .filter((e) => e.reasons.some((r) => r.kind === "roster_short"))
        .map((e) => e.title)
        .sort()
    ).toEqual(["National sepsis campaign", "Westvale pressure ulcer collaborative"]);
    const result = goldenDifferences(manager(), { today, now, engagementIds: [] });
    expect(result.compared).toBe(2);
    expect(result.differences).toEqual([]);
  });
});

describe("the fast Fit and live proposal against the reference, with leave on the roster", () => {
  it("agree when people are away whole months and parts of months, and the leave changes what they say", () => {
    const today = currentMonth();
    const before = JSON.stringify(goldenViews(today));
    // Whole months and shares of months, in every role that the demo's plans book, over the months they run.
    const away = db().$client.prepare("insert into staff_leave (staff_id, from_month, to_month, share, reason) values (?, ?, ?, ?, 'Leave')");
    const people = db().$client.prepare("select id, role from staff order by id").all() as { id: number; role: string }[];
    const seen = new Set<string>();
    for (const p of people) {
      if (seen.has(p.role)) continue;
      seen.add(p.role);
      away.run(p.id, addMonthsToMonth(today, 2), addMonthsToMonth(today, 7), 1);
      away.run(p.id, addMonthsToMonth(today, 9), addMonthsToMonth(today, 14), 0.5);
    }
    expect(JSON.stringify(goldenViews(today))).not.toBe(before);

    const result = goldenDifferences(manager(), { today, now: `${today}-20T09:00:00.000Z` });
    expect(result.engagements).toBe(6);
    expect(result.differences).toEqual([]);
  });
});

/** What the Fit pages of the demo say, to tell that leave changed them. */
function goldenViews(today: string) {
  const ids = (db().$client.prepare("select id from engagements order by id").all() as { id: number }[]).map((r) => r.id);
  return ids.map((id) => getFitView(manager(), id, today));
}
