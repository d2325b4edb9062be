import { describe, expect, it } from "vitest";
import { liveProposal } from "~/models/proposal.server";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";

/*
 * The internal briefing the proposal is built from (the snapshot) carries our capacity beside each
 * method, apart from its score, and the partner's readiness for the method chosen.
 */

useTestDatabase();

const manager = () => {
  const row = db().$client.prepare("select id from users where email = 'manager@demo.test'").get() as { id: number };
  return { id: row.id, role: "manager" as const, organisationId: null };
};

describe("the proposal snapshot's method summary", () => {
  it("gives each method its score and, beside it, our capacity for it; readiness is for the method chosen", () => {
    const { snapshot } = liveProposal(manager(), demoEngagementId(), "2026-11-20", "2026-11");
    expect(snapshot.method.chosen).toBe("collaborative");
    // A tailored initiative scores above a campaign on Northshire's situation, but its plan cannot keep the partner's time: ranked after it.
    expect(snapshot.method.ranked.map((r) => r.method)).toEqual(["collaborative", "campaign", "tailored"]);
    const score = (m: string) => snapshot.method.ranked.find((r) => r.method === m)!.score;
    expect(score("tailored")).toBeGreaterThan(score("campaign"));
    for (const r of snapshot.method.ranked) {
      expect(r.score).toEqual(expect.any(Number));
      expect(r.feasibility).toMatchObject({ verdict: expect.stringMatching(/^(fits|tight|does_not_fit)$/), summary: expect.any(String) });
    }
    expect(snapshot.readiness.method).toBe("collaborative");
    expect(snapshot.readiness.criteria.map((c) => c.key)).toContain("team_release");
  });
});
