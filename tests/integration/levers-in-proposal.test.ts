import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements } from "../../db/schema";
import { buildProposal } from "~/domain/proposal";
import type { ProposalContent } from "~/domain/proposal-content";
import { buildSnapshot } from "~/models/snapshot.server";
import { action as fitAction, loader as fitLoader } from "~/routes/engagements.$id.fit";
import { getProposalWording } from "~/services/templates.server";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId, setBudget } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";

/*
 * The levers a fee assumes (docs/domain.md §8.8) are stated where the proposal describes what each
 * changes: the learning sessions held online where the approach describes them, the faculty's fewer
 * days beside our staff, and all of them with the fee; a campaign our staff support part of involves
 * all its sites, as its facts say.
 */

useTestDatabase();

const MANAGER = "manager@demo.test";
const fitPage = (id: number) => callLoader(fitLoader as never, { as: MANAGER, path: `/engagements/${id}/fit`, params: { id: String(id) } });
const apply = (id: number, lever: string, version: number) =>
  callAction(fitAction as never, {
    as: MANAGER,
    path: `/engagements/${id}/fit`,
    params: { id: String(id) },
    form: { form: "budget", intent: "apply-lever", lever, version: String(version) },
  });

const section = (content: ProposalContent, key: string) => JSON.stringify(content.sections.find((s) => s.key === key)!.blocks);

async function applyAll(id: number, levers: string[]) {
  for (const lever of levers) {
    const budget = (await fitPage(id)).data.budget;
    const res = await apply(id, lever, budget.version);
    expect(res.status, `${lever}: ${JSON.stringify(res.data)}`).toBe(303);
  }
}

describe("a proposal whose fee assumes levers", () => {
  it("says the learning sessions are held online and the faculty's time is reduced, where it describes them and with the fee", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMax: 100_000, currency: "USD" });
    await applyAll(id, ["virtual_sessions", "fewer_faculty_days"]);
    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    expect(snapshot.levers).toEqual({ eventsOnline: true, facultyDaysPercent: 80 });
    const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" });
    const approach = section(content, "approach");
    expect(approach).toContain("the learning sessions and the summative congress are held online rather than in person, as its fee assumes");
    expect(approach).not.toContain("in-person learning sessions");
    expect(section(content, "resourcing")).toMatch(
      /The faculty's time is planned at 80% of what the plan would otherwise ask of them, [\d,]+ faculty days in all/
    );
    expect(section(content, "budget")).toContain("The fee assumes events held online and the faculty's time at 80% of the plan's, as this proposal describes.");
  });

  it("a campaign our staff support part of involves all its sites, and the proposal says how many we support", async () => {
    const id = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    const fee = (await fitPage(id)).data.budget.fee;
    setBudget(id, { budgetMax: Math.round(fee * 0.9), currency: "USD" });
    await applyAll(id, ["fewer_supported_sites"]);
    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    const { sites, of } = snapshot.firstWave!;
    expect(sites).toBeLessThan(of);
    const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" });
    const summary = section(content, "executive-summary");
    expect(summary).toContain(`It involves ${of.toLocaleString("en-GB")} sites`);
    expect(summary).toContain(`support ${sites.toLocaleString("en-GB")} of the ${of.toLocaleString("en-GB")} sites`);
  });
});
