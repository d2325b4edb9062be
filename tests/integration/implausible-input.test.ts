/**
 * Input no plan could rest on is questioned beside its field, with the bound it crossed, and what was
 * typed is kept: a start, an aim or a deadline decades ahead, a baseline from 1900 or below zero, an
 * exchange rate from 1901, an item lasting centuries (docs/domain.md §1, Intake; §8.7; §8.10).
 */
import { describe, expect, it } from "vitest";
import { intakeToFormValues } from "~/domain/intake-schema";
import type { IntakeSectionKey } from "~/domain/intake";
import { readIntake } from "~/models/intake.server";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { action as proposalAction } from "~/routes/engagements.$id.proposal";
import { TimelineActionSchema } from "~/domain/timeline-forms";
import { sentValue } from "~/lib/forms";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId, setBudget } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, formAnswer } from "../helpers/requests";

useTestDatabase();
pinToday("2026-12");

const MANAGER = "manager@demo.test";

/** The section as saved, with `changes`, posted as the manager's form. */
async function saveSection(section: IntakeSectionKey, changes: Record<string, string>) {
  const id = demoEngagementId();
  const { intake, version } = readIntake(db(), id);
  const values = intakeToFormValues(intake);
  const fields =
    section === "needs"
      ? Object.fromEntries(Object.entries(values).filter(([k]) => k === "problems" || k.startsWith("priorities[")))
      : section === "scale"
      ? { expectedSites: values.expectedSites ?? "", desiredStart: values.desiredStart ?? "", longestDurationMonths: values.longestDurationMonths ?? "" }
      : Object.fromEntries(
          Object.entries(values).filter(
            ([k]) => k.startsWith("priorityEvidence[") || ["aimHowMuch", "aimByWhen", "aimForWhom", "aimStyle", "breadth"].includes(k)
          )
        );
  return callAction(intakeRoute.action, {
    path: `/engagements/${id}/intake?section=${section}`,
    params: { id: String(id) },
    as: MANAGER,
    form: intakeForm(section, { ...fields, ...changes, version: String(version) }),
  });
}

describe("dates no plan could rest on", () => {
  it("refuses a desired start and a hard deadline decades ahead, saying the bound, keeping what was typed", async () => {
    const before = readIntake(db(), demoEngagementId()).version;
    const res = await saveSection("scale", { desiredStart: "2099-12", hardDeadline: "2199-12-31" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({
      desiredStart: "The desired start (December 2099) cannot be more than 10 years ahead, after December 2036: check the year.",
      hardDeadline: "The hard deadline (31 December 2199) cannot be more than 10 years ahead, after 1 December 2036: check the year.",
    });
    expect(formAnswer(res).values).toMatchObject({ desiredStart: "2099-12", hardDeadline: "2199-12-31" });
    expect(readIntake(db(), demoEngagementId()).version).toBe(before);
  });

  it("refuses an aim decades ahead, and takes one within ten years", async () => {
    const res = await saveSection("evidence", { aimByWhen: "2199-12" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.aimByWhen).toBe("The aim's month (December 2199) cannot be more than 10 years ahead, after December 2036: check the year.");
    expect((await saveSection("evidence", { aimByWhen: "2036-12" })).status).toBe(303);
  });
});

describe("a baseline no measurement could give", () => {
  it("refuses one dated before 1990 and a figure below zero for a count, beside their fields", async () => {
    const res = await saveSection("needs", {
      "priorities[0].baselineMeasure": "Unplanned ICU transfers a month",
      "priorities[0].baselineValue": "-5",
      "priorities[0].baselineDate": "1900-01-01",
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toMatchObject({
      "priorities[0].baselineDate":
        "The baseline date (1 January 1900) cannot be before 1990: a baseline is the partner's situation now, measured recently. Check the year.",
      "priorities[0].baselineValue":
        "The baseline value cannot be below 0: “Unplanned ICU transfers a month” is a count, a rate, a share or a time. Check the figure, or name the measure a score or a change if it can be negative.",
    });
    expect(sentValue(formAnswer(res).values, "priorities[0].baselineValue")).toBe("-5");
    expect(sentValue(formAnswer(res).values, "priorities[0].baselineDate")).toBe("1900-01-01");
  });

  it("takes a negative figure for a measure that can be one, and refuses more than 100 per cent", async () => {
    expect(
      (
        await saveSection("needs", {
          "priorities[0].baselineMeasure": "Net promoter score",
          "priorities[0].baselineValue": "-12",
          "priorities[0].baselineDate": "2026-06-30",
        })
      ).status
    ).toBe(303);
    const res = await saveSection("needs", { "priorities[0].baselineMeasure": "Bundle compliance (%)", "priorities[0].baselineValue": "140" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors["priorities[0].baselineValue"]).toBe("The baseline value cannot be above 100: “Bundle compliance (%)” is in per cent.");
  });
});

describe("an exchange rate", () => {
  it("dated more than a year ago is refused beside its date, saying the bound", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 9_000_000, budgetMax: 13_000_000, currency: "NOK" });
    const res = await callAction(proposalAction as never, {
      as: MANAGER,
      path: `/engagements/${id}/proposal`,
      params: { id: String(id) },
      form: { form: "budget", version: "0", intent: "set-rate", currency: "NOK", rate: "10.6", rateOn: "1901-01-01", rateSource: "" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.rateOn).toBe(
      "The rate's date (1 January 1901) cannot be more than a year before today, before 1 December 2025: the fee is compared through a recent rate. Check the year, or record today's rate."
    );
    expect(formAnswer(res).values).toMatchObject({ rateOn: "1901-01-01", rate: "10.6" });
  });
});

describe("a timeline item's duration", () => {
  it("is bounded in the unit chosen, and says that unit", () => {
    const item = { intent: "add-item", version: "1", label: "Sustain", kind: "phase", stream: "s1", start: "" };
    const refused = TimelineActionSchema.safeParse({ ...item, duration: "200", unit: "months" });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["duration", "Duration must be at most 120 months (about ten years)."]]);
    expect(TimelineActionSchema.safeParse({ ...item, duration: "3000", unit: "days" }).success).toBe(true);
    expect(TimelineActionSchema.safeParse({ ...item, duration: "600", unit: "weeks" }).error!.issues[0]!.message).toBe(
      "Duration must be at most 520 weeks (about ten years)."
    );
  });
});
