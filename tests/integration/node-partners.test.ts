import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { totalFteMonths } from "~/domain/demand";
import { getFitView } from "~/models/fit.server";
import { liveProposal } from "~/models/proposal.server";
import * as api from "~/routes/api.engagements";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { useTestDatabase, userIdByEmail } from "../helpers/db";
import { callAction } from "../helpers/requests";

/*
 * A campaign whose partner has regional partners (nodes) able to recruit and support sites: the nodes
 * carry the sites' local support, so what the plan asks of our staff is our support of the nodes, on
 * the Fit page and in the proposal alike (docs/domain.md §8.2).
 */

useTestDatabase();

const TODAY = "2026-06";
const MANAGER = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });

/** The 100,000 Lives Campaign as a manager would enter it today: 3,000 hospitals, 18 months from March 2027. */
function campaignBundle(nodePartners: "yes" | "partly" | "no") {
  const c = JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests", "cases", "100000-lives-campaign.json"), "utf8"));
  const bundle = c.bundle;
  bundle.title = `A national campaign, nodes: ${nodePartners}`;
  bundle.intake.scale = { expectedSites: 3000, desiredStart: "2027-03", longestDurationMonths: 30, hardDeadline: "2029-01-31" };
  bundle.intake.evidence.aimByWhen = "2029-01";
  bundle.intake.capacity = { ...bundle.intake.capacity, nodePartners, enrolmentChannel: "yes", mentorSites: "yes" };
  return bundle;
}

async function plannedCampaign(nodePartners: "yes" | "partly" | "no"): Promise<number> {
  const created = await callAction(api.action, { path: "/api/engagements", as: MANAGER, json: campaignBundle(nodePartners) });
  expect(created.status, JSON.stringify(created.data)).toBe(201);
  const id = Number(created.data.id);
  const params = { id: String(id) };
  const accepted = await callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params,
    as: MANAGER,
    form: { intent: "accept", intakeVersion: "1", decisionVersion: "0", overrideReason: "" },
  });
  expect(accepted.status).toBe(303);
  const generated = await callAction(timelineRoute.action, {
    path: `/engagements/${id}/timeline`,
    params,
    as: MANAGER,
    form: { intent: "regenerate", version: "0" },
  });
  expect(generated.status).toBe(303);
  return id;
}

describe("regional partners (nodes) carry the sites' local support", () => {
  it("asks our staff less for a campaign whose partner has nodes across the whole area, on the Fit page and in the proposal", async () => {
    const previous = process.env.PLANNER_TODAY;
    process.env.PLANNER_TODAY = TODAY;
    try {
      const figures: Record<string, { fit: number; proposal: number }> = {};
      for (const answer of ["no", "partly", "yes"] as const) {
        const id = await plannedCampaign(answer);
        const fit = getFitView(manager(), id, TODAY).plan!;
        expect(fit.method).toBe("campaign");
        const { snapshot } = liveProposal(manager(), id, "2026-06-15", TODAY);
        figures[answer] = { fit: totalFteMonths(fit.demand), proposal: totalFteMonths(snapshot.demand) };
      }
      // The same figure on both pages.
      for (const f of Object.values(figures)) expect(f.proposal).toBe(f.fit);
      expect(figures.no!.fit).toBeGreaterThan(400);
      expect(figures.yes!.fit).toBeLessThan(figures.no!.fit / 2);
      expect(figures.partly!.fit).toBeGreaterThan(figures.yes!.fit);
      expect(figures.partly!.fit).toBeLessThan(figures.no!.fit);
    } finally {
      if (previous === undefined) delete process.env.PLANNER_TODAY;
      else process.env.PLANNER_TODAY = previous;
    }
  });
});
