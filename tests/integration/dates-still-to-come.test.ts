/**
 * The aim's month and the hard deadline are the partner's time still to come (docs/domain.md §1,
 * Intake): one newly given that has already passed is refused beside its field, with what was typed
 * kept, on the manager's intake and in the partner's own answers. One that passed while the engagement
 * ran, saved again as it was, stands.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { intakes } from "../../db/schema";
import * as intakePage from "~/routes/engagements.$id.intake";
import * as partnerPage from "~/routes/partner.intake.$id";
import * as reviewPage from "~/routes/engagements.$id.partner-intake";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, formAnswer } from "../helpers/requests";

useTestDatabase();

// Today is 1 December 2026 (the first day of the pinned month).
pinToday("2026-12");

const id = () => demoEngagementId();
const stored = () => JSON.parse(db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!.dataJson);
const version = () => String(db().select({ v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!.v);
const save = (section: "evidence" | "scale", form: Record<string, string>) =>
  callAction(intakePage.action, {
    path: `/engagements/${id()}/intake?section=${section}`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: intakeForm(section, { version: version(), ...form }),
  });
const AIM = "The aim's month cannot be before this month, December 2026: an aim is a result still to come.";
const DEADLINE = "The hard deadline cannot be before today, 1 December 2026: it is a date the work must still meet.";

describe("the aim's month", () => {
  const aim = (aimByWhen: string, aimHowMuch = "Reduce VAP by 50%") => ({ aimHowMuch, aimByWhen, aimForWhom: "ICU patients" });

  it("already passed is refused beside it on the manager's intake, nothing saved and what was typed kept; this month is taken", async () => {
    const before = stored().evidence;
    const refused = await save("evidence", aim("2026-11"));
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors.aimByWhen).toBe(AIM);
    expect(formAnswer(refused).values).toMatchObject({ aimByWhen: "2026-11", aimHowMuch: "Reduce VAP by 50%" });
    expect(stored().evidence).toEqual(before);

    expect((await save("evidence", aim("2026-12"))).status).toBe(303);
    expect(stored().evidence.aimByWhen).toBe("2026-12");
  });

  it("that passed while the engagement ran stands when the section is saved again as it was", async () => {
    const row = db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!;
    const data = JSON.parse(row.dataJson);
    db()
      .update(intakes)
      .set({ dataJson: JSON.stringify({ ...data, evidence: { ...data.evidence, aimByWhen: "2025-01" } }) })
      .where(eq(intakes.engagementId, id()))
      .run();
    expect((await save("evidence", aim("2025-01", "Reduce VAP by 60%"))).status).toBe(303);
    expect(stored().evidence).toMatchObject({ aimByWhen: "2025-01", aimHowMuch: "Reduce VAP by 60%" });
    // Changed to another month that has passed, it is refused.
    expect(formAnswer(await save("evidence", aim("2025-02"))).errors.aimByWhen).toBe(AIM);
  });
});

describe("a date passed, with the form's other problems", () => {
  it("is said in the same round, the aim's month beside a kind of aim not on the list", async () => {
    const refused = await save("evidence", { aimHowMuch: "Reduce VAP by 50%", aimByWhen: "2026-10", aimStyle: "grand" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toMatchObject({ aimByWhen: AIM, aimStyle: "Choose the kind of aim from the list." });
  });

  it("is said in the same round, the desired start beside sites that are not a number", async () => {
    const refused = await save("scale", { expectedSites: "many", desiredStart: "2026-09" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toMatchObject({
      desiredStart: expect.stringMatching(/^The desired start cannot be before this month, December 2026/),
      expectedSites: expect.stringMatching(/^Sites or teams expected to take part/),
    });
  });

  it("badly typed is told only that", async () => {
    const refused = await save("scale", { expectedSites: "12", desiredStart: "2025-13" });
    expect(formAnswer(refused).errors.desiredStart).toMatch(/is not a real month/);
    expect(formAnswer(refused).errors.desiredStart).not.toMatch(/before this month/);
  });
});

describe("the hard deadline", () => {
  it("already passed is refused beside it on the manager's intake; today is taken", async () => {
    const before = stored().scale;
    const refused = await save("scale", { expectedSites: "12", hardDeadline: "2026-11-30" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors.hardDeadline).toBe(DEADLINE);
    expect(formAnswer(refused).values).toMatchObject({ expectedSites: "12", hardDeadline: "2026-11-30" });
    expect(stored().scale).toEqual(before);
    expect((await save("scale", { expectedSites: "12", hardDeadline: "2026-12-01" })).status).toBe(303);
  });

  it("both passed and before the desired start is told both at once, with the sites refused beside it too, so mending one never brings up the other", async () => {
    const before = stored().scale;
    const BOTH =
      "The hard deadline (1 June 2026) cannot be before today, 1 December 2026, nor before the desired start (March 2027): it is a date the work must still meet.";
    const refused = await save("scale", { expectedSites: "many", desiredStart: "2027-03", hardDeadline: "2026-06-01" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toMatchObject({ hardDeadline: BOTH, expectedSites: expect.stringMatching(/^Sites or teams expected to take part/) });
    expect(formAnswer(refused).values).toMatchObject({ expectedSites: "many", desiredStart: "2027-03", hardDeadline: "2026-06-01" });
    // Either problem alone is said alone.
    expect(formAnswer(await save("scale", { expectedSites: "12", desiredStart: "2026-05", hardDeadline: "2026-06-01" })).errors.hardDeadline).toBe(
      "The hard deadline cannot be before today, 1 December 2026: it is a date the work must still meet."
    );
    expect(formAnswer(await save("scale", { expectedSites: "12", desiredStart: "2027-03", hardDeadline: "2027-01-15" })).errors.hardDeadline).toBe(
      "The hard deadline (15 January 2027) is before the desired start (March 2027)."
    );
    expect(stored().scale).toEqual(before);
  });

  it("already passed is refused beside it in the partner's own answers", async () => {
    const open = await callAction(reviewPage.action, {
      path: `/engagements/${id()}/partner-intake`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "open", section: "scale" },
    });
    expect(open.status).toBe(303);
    const answer = (hardDeadline: string) =>
      callAction(partnerPage.action, {
        path: `/partner/intake/${id()}?section=scale`,
        params: { id: String(id()) },
        as: "partner@demo.test",
        form: intakeForm("scale", { version: "1", expectedSites: "12", hardDeadline }),
      });
    const refused = await answer("2026-06-30");
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors.hardDeadline).toBe(DEADLINE);
    // Before the desired start as well, both are said at once there too.
    const both = await callAction(partnerPage.action, {
      path: `/partner/intake/${id()}?section=scale`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: intakeForm("scale", { version: "1", expectedSites: "12", desiredStart: "2027-03", hardDeadline: "2026-06-30" }),
    });
    expect(formAnswer(both).errors.hardDeadline).toBe(
      "The hard deadline (30 June 2026) cannot be before today, 1 December 2026, nor before the desired start (March 2027): it is a date the work must still meet."
    );
    expect(formAnswer(refused).values).toMatchObject({ hardDeadline: "2026-06-30" });
    expect((await answer("2027-06-30")).status).toBe(303);
  });
});
