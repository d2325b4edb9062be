import { describe, expect, it } from "vitest";
import { currentMonth } from "~/services/clock.server";
import { goldenDifferences } from "../reference/golden";
import { useTestDatabase, userIdByEmail } from "../helpers/db";

/*
 * The demo holds what the bench's seeded portfolio does not: a proposal offering two options
 * (Eastmere) and a one-site request joining an open collaborative (Ashford Valley). The fast Fit
 * page, live proposal, budget view and levers agree with the straightforward reference
 * (tests/reference) on every demo engagement too, to the last character of their JSON.
 */
useTestDatabase();

describe("the fast Fit and live proposal against the reference, on the demo", () => {
  it("agree on every demo engagement, options and the joining variant included", () => {
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const today = currentMonth();
    const result = goldenDifferences(manager, { today, now: `${today}-20T09:00:00.000Z` });
    expect(result.engagements).toBe(6);
    expect(result.compared).toBeGreaterThan(6 * 5);
    expect(result.differences).toEqual([]);
  });
});
