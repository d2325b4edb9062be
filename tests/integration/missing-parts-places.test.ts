/**
 * A part a proposal version still needs names where it is completed, as a link: baseline data for a
 * priority on the intake's Needs and priorities, the driver diagram's findings on the Driver diagram,
 * and none of the engagement's own answers on the Proposal page, which only says what they say
 * (docs/domain.md §9.1). The Review page and the Proposal page say it alike.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements } from "../../db/schema";
import { intakeToFormValues } from "~/domain/intake-schema";
import { readIntake } from "~/models/intake.server";
import { createVersion, freezeVersion } from "~/models/proposal.server";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader } from "../helpers/requests";

useTestDatabase();

const MANAGER = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
type Part = { words: string; completeIn: { to: string; words: string }[] };
const reviewParts = async (id: number) =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: MANAGER })).data.missingParts as Part[];
const proposalParts = async (id: number) =>
  (await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: MANAGER })).data.missing as Part[];

/** The needs section saved as a manager would, with the first priority's baseline value emptied. */
async function emptyFirstBaseline(id: number) {
  const { intake, version } = readIntake(db(), id);
  const needs = Object.fromEntries(Object.entries(intakeToFormValues(intake)).filter(([k]) => k === "problems" || k.startsWith("priorities[")));
  const res = await callAction(intakeRoute.action, {
    path: `/engagements/${id}/intake?section=needs`,
    params: { id: String(id) },
    as: MANAGER,
    form: intakeForm("needs", { ...needs, "priorities[0].baselineValue": "", version: String(version) }),
  });
  expect(res.status).toBe(303);
}

describe("a part a version still needs", () => {
  it("links baseline data for a priority to the intake's Needs and priorities, on the Review and the Proposal page", async () => {
    const id = demoEngagementId();
    await emptyFirstBaseline(id);
    createVersion(manager(), id, "2026-12-05", "2026-12");
    const baseline: Part = {
      words: "Priorities: Baseline data for every priority",
      completeIn: [{ to: `/engagements/${id}/intake?section=needs`, words: "Intake › Needs and priorities" }],
    };
    expect(await reviewParts(id)).toEqual([baseline]);
    expect(await proposalParts(id)).toEqual([baseline]);
  });

  it("sends nothing the engagement's steps hold to the Proposal page, for an engagement whose intake is still in progress", async () => {
    const riverside = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Riverside medication safety")).get()!.id;
    db().transaction((tx) => freezeVersion(tx, manager().id, riverside, "2026-11-25", "2026-11"));
    const parts = await reviewParts(riverside);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.completeIn.length, part.words).toBeGreaterThan(0);
      for (const place of part.completeIn)
        expect(place.to, part.words).toMatch(
          new RegExp(`^/engagements/${riverside}(/(intake\\?section=\\w+|method|driver-diagram|timeline)|#partner-heading)`)
        );
    }
    const to = (words: string) => parts.find((p) => p.words === words)?.completeIn.map((p) => p.to);
    expect(to("Workplan and timeline: The timeline, generated from the chosen method")).toEqual([`/engagements/${riverside}/timeline`]);
    expect(to("Approach and rationale: The method: choose it on the Method step")).toEqual([`/engagements/${riverside}/method`]);
    expect(await proposalParts(riverside)).toEqual(parts);
  });
});
