/**
 * A priority's baseline is a measurement already made (docs/domain.md §1, Intake): a baseline date
 * still to come is refused beside its date, with what was typed kept, on the manager's intake and in
 * the partner's own answers; today's date is taken.
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
const needs = (baselineDate: string) => ({
  problems: "Infections in our ICUs are above the benchmark.",
  "priorities[0].topic": "vap",
  "priorities[0].baselineMeasure": "VAP per 1,000 ventilator days",
  "priorities[0].baselineValue": "7.2",
  "priorities[0].baselineDate": baselineDate,
});
const FIELD = "priorities[0].baselineDate";
const MESSAGE = "The baseline date cannot be after today, 1 December 2026: a baseline is a measurement already made.";

describe("a baseline dated after today", () => {
  it("is refused beside its date on the manager's intake, nothing saved and what was typed kept; today is taken", async () => {
    const save = (baselineDate: string) =>
      callAction(intakePage.action, {
        path: `/engagements/${id()}/intake?section=needs`,
        params: { id: String(id()) },
        as: "manager@demo.test",
        form: intakeForm("needs", { version: version(), ...needs(baselineDate) }),
      });
    const before = stored().needs;
    const refused = await save("2026-12-02");
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[FIELD]).toBe(MESSAGE);
    // What was typed comes back to the form, each priority's fields together.
    expect(formAnswer(refused).values.priorities).toEqual([
      { topic: "vap", baselineMeasure: "VAP per 1,000 ventilator days", baselineValue: "7.2", baselineDate: "2026-12-02" },
    ]);
    expect(stored().needs).toEqual(before);

    expect((await save("2026-12-01")).status).toBe(303);
    expect(stored().needs.priorities[0].baselineDate).toBe("2026-12-01");
  });

  it("is refused beside its date in the partner's own answers", async () => {
    const open = await callAction(reviewPage.action, {
      path: `/engagements/${id()}/partner-intake`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "open", section: "needs" },
    });
    expect(open.status).toBe(303);
    const answer = (baselineDate: string) =>
      callAction(partnerPage.action, {
        path: `/partner/intake/${id()}?section=needs`,
        params: { id: String(id()) },
        as: "partner@demo.test",
        form: intakeForm("needs", { version: "1", ...needs(baselineDate) }),
      });
    const refused = await answer("2027-03-31");
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[FIELD]).toBe(MESSAGE);
    expect(formAnswer(refused).values.priorities).toEqual([expect.objectContaining({ baselineDate: "2027-03-31" })]);
    expect((await answer("2026-09-30")).status).toBe(303);
  });
});

describe("a baseline dated after today, with the form's other problems", () => {
  const save = (form: Record<string, string>) =>
    callAction(intakePage.action, {
      path: `/engagements/${id()}/intake?section=needs`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: intakeForm("needs", { version: version(), ...form }),
    });

  it("is said in the same round as a figure that is not a number, so the manager mends both at once", async () => {
    const refused = await save({ ...needs("2027-01-15"), "priorities[0].baselineValue": "about seven" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toMatchObject({
      [FIELD]: "The baseline date cannot be after today, 1 December 2026: a baseline is a measurement already made.",
      "priorities[0].baselineValue": expect.stringMatching(/must be a number/),
    });
  });

  it("is said beside the row it is typed in, after a row left empty", async () => {
    const refused = await save({
      ...needs("2026-11-01"),
      "priorities[2].topic": "clabsi",
      "priorities[2].baselineValue": "1.4",
      "priorities[2].baselineDate": "2027-02-01",
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(formAnswer(refused).errors)).toEqual(["priorities[2].baselineDate"]);
  });

  it("badly typed is told only that", async () => {
    const refused = await save(needs("2027-02-30"));
    expect(formAnswer(refused).errors[FIELD]).toMatch(/does not exist/);
    expect(formAnswer(refused).errors[FIELD]).not.toMatch(/after today/);
  });
});
