import { describe, expect, it } from "vitest";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { intakeToFormValues } from "~/domain/intake-schema";
import type { Block } from "~/domain/proposal-content";
import { readIntake } from "~/models/intake.server";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader } from "../helpers/requests";

/*
 * A priority whose baseline is not measured yet (docs/domain.md §1, Intake): a national programme's
 * adverse events, say, are first measured in its diagnostic. The manager gives the month it will be
 * measured by in place of a value; the intake counts it answered, and the proposal states it as
 * planned rather than holding back the whole proposal until a number is invented.
 */

useTestDatabase();

const MANAGER = "manager@demo.test";
const id = () => demoEngagementId();
const params = () => ({ id: String(id()) });

async function saveTopBaseline(fields: Record<string, string>) {
  const { intake, version } = readIntake(db(), id());
  const values = intakeToFormValues(intake);
  const needs = Object.fromEntries(Object.entries(values).filter(([k]) => k === "problems" || k.startsWith("priorities[")));
  return callAction(intakeRoute.action, {
    path: `/engagements/${id()}/intake?section=needs`,
    params: params(),
    as: MANAGER,
    form: intakeForm("needs", { ...needs, version: String(version), ...fields }),
  });
}

async function prioritiesSection() {
  const { content } = (await callLoader(proposalRoute.loader, { path: `/engagements/${id()}/proposal`, params: params(), as: MANAGER })).data;
  const blocks: Block[] = content.sections.find((s: { key: string }) => s.key === "priorities").blocks;
  const table = blocks.find((b): b is Extract<Block, { type: "table" }> => b.type === "table")!;
  return { rows: table.rows, missing: (content.missing as { item: string }[]).map((m) => m.item) };
}

describe("a baseline still to be measured", () => {
  it("gives way to a measured value given with it", async () => {
    const res = await saveTopBaseline({ "priorities[0].baselineDue": "2027-03" });
    expect(res.status).toBe(303);
    // The month is not kept beside the figure, so it cannot come back if the figure is later cleared.
    expect(readIntake(db(), id()).intake.needs.priorities[0]!.baselineDue).toBeUndefined();
    const { rows, missing } = await prioritiesSection();
    expect(rows[0]!.slice(3, 5)).toEqual(["7.2", "30 September 2026"]);
    expect(missing).not.toContain("Baseline data for every priority");
  });

  it("answers the priority's baseline in the intake and is stated in the proposal as planned, not missing", async () => {
    const res = await saveTopBaseline({
      "priorities[0].baselineValue": "",
      "priorities[0].baselineDate": "",
      "priorities[0].baselineSource": "",
      "priorities[0].baselineDue": "2027-03",
    });
    expect(res.status).toBe(303);
    const intake = readIntake(db(), id()).intake;
    expect(intake.needs.priorities[0]).toMatchObject({ baselineDue: "2027-03" });
    expect(intake.needs.priorities[0]!.baselineValue).toBeUndefined();
    expect(intakeCompleteness(intake).sections.needs.missing).toEqual([]);

    const { rows, missing } = await prioritiesSection();
    expect(rows[0]!.slice(3, 5)).toEqual(["To be measured", "By March 2027"]);
    expect(missing).not.toContain("Baseline data for every priority");
  });

  it("leaves a priority with neither a value nor a month still to be completed", async () => {
    const res = await saveTopBaseline({ "priorities[0].baselineValue": "", "priorities[0].baselineDate": "", "priorities[0].baselineSource": "" });
    expect(res.status).toBe(303);
    expect((await prioritiesSection()).missing).toContain("Baseline data for every priority");
  });
});
