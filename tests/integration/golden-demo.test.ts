import { describe, expect, it } from "vitest";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { timelineVariant } from "~/models/timeline.server";
import { currentMonth } from "~/services/clock.server";
import { goldenDifferences } from "../reference/golden";
import { useTestDatabase, userIdByEmail } from "../helpers/db";
import { callLoader } from "../helpers/requests";
import { ashfordTakenShort } from "../helpers/short-tailored";

/*
 * The demo holds what the bench's seeded portfolio does not: a proposal offering two options
 * (Eastmere) and a one-site request joining an open collaborative (Ashford Valley). The fast Fit
 * page, live proposal, budget view and levers agree with the straightforward reference
 * (tests/reference) on every demo engagement too, to the last character of their JSON, and on the
 * one-site request taken instead as a short tailored engagement, which has demand rules of its own.
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
});
