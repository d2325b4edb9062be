import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements } from "../../db/schema";
import { intakeToFormValues } from "~/domain/intake-schema";
import type { Block } from "~/domain/proposal-content";
import { readDriverDiagram } from "~/models/driver-diagram.server";
import { readIntake } from "~/models/intake.server";
import * as layout from "~/routes/engagements.$id";
import * as diagramRoute from "~/routes/engagements.$id.driver-diagram";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { createVersion } from "~/models/proposal.server";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, messageAfter, sessionCookie } from "../helpers/requests";

/*
 * The aim's date is written twice: in the intake, which the plan is generated to meet, and in the
 * driver diagram's aim, whose words the proposal's §4 states (docs/domain.md §6.6). A date changed in
 * the intake used to leave the proposal stating the old one beside a plan built to the new. Now the
 * manager is told on saving, the stepper and the diagram's checks say so, the proposal cannot be
 * shared until they agree, and one button on the diagram's page puts the intake's date in the aim.
 */

useTestDatabase();

const MANAGER = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
const id = () => demoEngagementId();
const params = () => ({ id: String(id()) });

async function saveAimDate(month: string, cookie: string, engagementId = id()) {
  const { intake, version } = readIntake(db(), engagementId);
  const values = intakeToFormValues(intake);
  const evidence = Object.fromEntries(
    Object.entries(values).filter(
      ([k]) => k.startsWith("priorityEvidence[") || k.startsWith("aim") || ["breadth", "wantsCapabilityBuilding", "wantsPublicMobilisation"].includes(k)
    )
  );
  const res = await callAction(intakeRoute.action, {
    path: `/engagements/${engagementId}/intake?section=evidence`,
    params: { id: String(engagementId) },
    cookie,
    form: intakeForm("evidence", { ...evidence, version: String(version), aimByWhen: month }),
  });
  expect(res.status).toBe(303);
  return messageAfter(res, cookie);
}

const diagramPage = async () => (await callLoader(diagramRoute.loader, { path: `/engagements/${id()}/driver-diagram`, params: params(), as: MANAGER })).data;
const stepOf = async (key: string) =>
  (await callLoader(layout.loader, { path: `/engagements/${id()}`, params: params(), as: MANAGER })).data.steps.find((s: { key: string }) => s.key === key)
    .words;

/** The live draft's §4 as the partner would read it once shared: the aim's sentence and its "By when", and what is still missing. */
async function proposalAim() {
  const { content } = (await callLoader(proposalRoute.loader, { path: `/engagements/${id()}/proposal`, params: params(), as: MANAGER })).data;
  const blocks: Block[] = content.sections.find((s: { key: string }) => s.key === "aims").blocks;
  const lead = blocks.find((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph" && b.tone === "lead")!;
  const facts = blocks.find((b): b is Extract<Block, { type: "facts" }> => b.type === "facts")!;
  return {
    aim: lead.text,
    byWhen: facts.rows.find(([label]) => label === "By when")![1],
    missing: (content.missing as { item: string }[]).map((m) => m.item),
  };
}

describe("the aim's date, changed in the intake", () => {
  it("reaches the proposal's aim only through the diagram, and says so until it does", async () => {
    const before = await proposalAim();
    expect(before.byWhen).toBe("August 2028");
    expect(before.aim).toMatch(/by August 2028/);
    expect(await stepOf("driver-diagram")).toBe("Complete");

    const cookie = sessionCookie(MANAGER);
    expect(await saveAimDate("2028-03", cookie)).toBe(
      "Evidence and ambition saved. The driver diagram's aim still says August 2028, the date the proposal would state: its page offers to put in March 2028. The Timeline page says whether the plan keeps the new date."
    );
    expect(await stepOf("driver-diagram")).toBe("Needs review");

    const page = await diagramPage();
    const finding = page.diagram.findings.find((f: { code: string }) => f.code === "aim-date-differs");
    expect(finding.message).toBe(
      "The aim says August 2028, but the intake says it is to be met by March 2028, the date plans are generated to meet and checked against. Put the intake's date in the aim, or change the intake's."
    );
    expect(finding.mendedAim.byWhen).toBe("March 2028");

    const stale = await proposalAim();
    expect(stale.byWhen).toBe("August 2028");
    expect(stale.missing).toContain(finding.message);

    // The button on the finding posts the mended aim as the aim form would.
    const mended = finding.mendedAim as Record<string, string>;
    const res = await callAction(diagramRoute.action, {
      path: `/engagements/${id()}/driver-diagram`,
      params: params(),
      as: MANAGER,
      form: { form: "aim-date", intent: "set-aim", version: String(page.diagram.version), ...mended },
    });
    expect(res.status).toBe(303);

    const after = await proposalAim();
    expect(after.byWhen).toBe("March 2028");
    expect(after.aim).toMatch(/by March 2028/);
    expect(after.aim).not.toMatch(/August 2028/);
    expect(after.missing.join(" ")).not.toMatch(/intake says/);
    expect((await diagramPage()).diagram.findings.map((f: { code: string }) => f.code)).not.toContain("aim-date-differs");
    expect(await stepOf("driver-diagram")).toBe("Complete");
    // Everything else in the aim is as it was.
    const { diagram } = readDriverDiagram(db(), id())!;
    expect({ ...diagram.aim, statement: "", byWhen: "" }).toEqual({ ...page.diagram.model.aim, statement: "", byWhen: "" });
  });

  it("names, on the Review page, the part a version made meanwhile still needs, and where to complete it", async () => {
    await saveAimDate("2028-03", sessionCookie(MANAGER));
    const { number } = createVersion(manager(), id(), "2026-12-05", "2026-12");
    const review = (await callLoader(reviewRoute.loader, { path: `/engagements/${id()}/review`, params: params(), as: MANAGER })).data;
    expect(review.versions[0].number).toBe(number);
    expect(review.missingParts).toEqual([
      {
        words:
          "Aims: The aim says August 2028, but the intake says it is to be met by March 2028, the date plans are generated to meet and checked against. Put the intake's date in the aim, or change the intake's.",
        completeIn: [{ to: `/engagements/${id()}/driver-diagram`, words: "Driver diagram" }],
      },
    ]);
    // A leader reads it too; a version with nothing missing lists nothing.
    const asLeader = (await callLoader(reviewRoute.loader, { path: `/engagements/${id()}/review`, params: params(), as: "leader@demo.test" })).data;
    expect(asLeader.missingParts).toEqual(review.missingParts);
  });

  it("says nothing more on saving when the diagram already agrees", async () => {
    const cookie = sessionCookie(MANAGER);
    expect(await saveAimDate("2028-08", cookie)).toBe("Evidence and ambition saved.");
  });
});

describe("an aim that says no date, with none on the intake either", () => {
  // Ashford Valley's intake leaves "Aim: by when" unanswered, and its diagram was started from the intake.
  const ashford = () => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Ashford Valley sepsis on the wards")).get()!.id;
  const at = (engagementId: number) => ({ path: `/engagements/${engagementId}/proposal`, params: { id: String(engagementId) }, as: MANAGER });
  const noDate = (parts: { words: string; completeIn: { to: string; words: string }[] }[]) =>
    parts.find((p) => p.words.startsWith("Aims: The aim does not say by when."));

  it("is completed first on the intake's “Aim: by when”, then put in the aim in one step on the driver diagram", async () => {
    const a = ashford();
    expect(readIntake(db(), a).intake.evidence.aimByWhen).toBeUndefined();
    const part = noDate((await callLoader(proposalRoute.loader, at(a))).data.missing);
    expect(part?.completeIn).toEqual([
      { to: `/engagements/${a}/intake?section=evidence#aimByWhen`, words: "Intake › Evidence and ambition" },
      { to: `/engagements/${a}/driver-diagram`, words: "Driver diagram" },
    ]);
    const page = () => callLoader(diagramRoute.loader, { path: `/engagements/${a}/driver-diagram`, params: { id: String(a) }, as: MANAGER });
    // With no date anywhere, the diagram has none to offer.
    expect((await page()).data.diagram.findings.find((f: { code: string }) => f.code === "aim-no-date").mendedAim).toBeUndefined();

    const cookie = sessionCookie(MANAGER);
    expect(await saveAimDate("2028-03", cookie, a)).toBe(
      "Evidence and ambition saved. The driver diagram's aim does not say by when: its page offers to put in March 2028."
    );
    const diagram = (await page()).data.diagram;
    const finding = diagram.findings.find((f: { code: string }) => f.code === "aim-no-date");
    expect(finding.mendedAim).toEqual({ ...diagram.model.aim, byWhen: "March 2028" });

    const res = await callAction(diagramRoute.action, {
      path: `/engagements/${a}/driver-diagram`,
      params: { id: String(a) },
      as: MANAGER,
      form: { form: "aim-date", intent: "set-aim", version: String(diagram.version), ...finding.mendedAim },
    });
    expect(res.status).toBe(303);
    expect(noDate((await callLoader(proposalRoute.loader, at(a))).data.missing)).toBeUndefined();
    expect((await page()).data.diagram.findings.map((f: { code: string }) => f.code)).not.toContain("aim-no-date");
  });
});
