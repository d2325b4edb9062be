import { describe, expect, it } from "vitest";
import { intakeToFormValues } from "~/domain/intake-schema";
import type { Block } from "~/domain/proposal-content";
import { readIntake } from "~/models/intake.server";
import * as layout from "~/routes/engagements.$id";
import * as diagramRoute from "~/routes/engagements.$id.driver-diagram";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader } from "../helpers/requests";

/*
 * The aim's baseline is written twice, as its date is (docs/domain.md §6.6): a diagram started from the
 * intake writes the intake's baselines into the aim, and the proposal states that aim in its Aims beside
 * the intake's figures in its Context. A baseline corrected in the intake afterwards left the partner's
 * document giving two. Now the proposal cannot be shared until they agree, and one button on the
 * diagram's page puts the intake's baselines in the aim.
 */

useTestDatabase();

const MANAGER = "manager@demo.test";
const id = () => demoEngagementId();
const params = () => ({ id: String(id()) });

async function proposal() {
  const { content } = (await callLoader(proposalRoute.loader, { path: `/engagements/${id()}/proposal`, params: params(), as: MANAGER })).data;
  const aims: Block[] = content.sections.find((s: { key: string }) => s.key === "aims").blocks;
  return { aims: JSON.stringify(aims), missing: (content.missing as { item: string }[]).map((m) => m.item) };
}
const stepOf = async (key: string) =>
  (await callLoader(layout.loader, { path: `/engagements/${id()}`, params: params(), as: MANAGER })).data.steps.find((s: { key: string }) => s.key === key)
    .words;
const diagramPage = async () => (await callLoader(diagramRoute.loader, { path: `/engagements/${id()}/driver-diagram`, params: params(), as: MANAGER })).data;

describe("the aim's baseline, corrected in the intake", () => {
  it("stops the proposal from giving two baselines until the aim takes the intake's, in one step", async () => {
    const { intake, version } = readIntake(db(), id());
    const top = intake.needs.priorities[0]!;
    expect(top.baselineValue).toBeDefined();
    expect((await proposal()).missing.some((m) => /aim's baseline/.test(m))).toBe(false);
    expect(await stepOf("driver-diagram")).toBe("Complete");
    const corrected = Number((top.baselineValue! + 1.3).toFixed(1));

    const values = intakeToFormValues(intake);
    const needs = Object.fromEntries(Object.entries(values).filter(([k]) => k === "problems" || k.startsWith("priorities[")));
    const saved = await callAction(intakeRoute.action, {
      path: `/engagements/${id()}/intake?section=needs`,
      params: params(),
      as: MANAGER,
      form: intakeForm("needs", { ...needs, version: String(version), "priorities[0].baselineValue": String(corrected) }),
    });
    expect(saved.status).toBe(303);

    const page = await diagramPage();
    const finding = page.diagram.findings.find((f: { code: string }) => f.code === "aim-baseline-stale");
    expect(finding.message).toMatch(/^The aim's baseline does not give the intake's baseline for /);
    expect(finding.mendWords).toBe("Use the intake's baselines");
    expect(finding.mendedAim.baseline).toContain(String(corrected));
    expect((await proposal()).missing).toContain(finding.message);
    // The stepper says so too, as it does for an aim whose date the intake changed.
    expect(await stepOf("driver-diagram")).toBe("Needs review");

    const res = await callAction(diagramRoute.action, {
      path: `/engagements/${id()}/driver-diagram`,
      params: params(),
      as: MANAGER,
      form: { form: "mend-aim-baseline-stale", intent: "set-aim", version: String(page.diagram.version), ...finding.mendedAim },
    });
    expect(res.status).toBe(303);
    const after = await proposal();
    expect(after.missing).not.toContain(finding.message);
    expect(after.aims).toContain(String(corrected));
    expect(await stepOf("driver-diagram")).toBe("Complete");
  });
});
