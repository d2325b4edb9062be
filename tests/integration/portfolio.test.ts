import { describe, expect, it, beforeEach } from "vitest";
import * as route from "~/routes/portfolio";
import { useTestDatabase } from "../helpers/db";
import { callLoader } from "../helpers/requests";

useTestDatabase();
beforeEach(() => { process.env.PLANNER_TODAY = "2026-11"; });

describe("dump", () => {
  it("dumps", async () => {
    const res = await callLoader(route.loader, { path: "/portfolio", as: "leader@demo.test" });
    const d = res.data;
    console.log(JSON.stringify({ pipeline: d.pipeline.rows.map((r: any) => [r.stage, r.counts, r.engagements.map((e: any) => e.title)]), counts: d.capacity.counts, booked: [d.capacity.bookedConfirmed, d.capacity.bookedTentative], approvals: d.approvals, awaiting: d.awaitingWithoutRequest, atRisk: d.atRisk }, null, 1));
    for (const r of d.capacity.rows) console.log(r.label, r.cells.map((c: any) => `${c.month}:${c.level}:${c.confirmed}+${c.tentative}/${c.capacity}`).join(" "));
  });
});
