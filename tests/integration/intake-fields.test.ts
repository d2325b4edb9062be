/**
 * A field never sent is not an empty one. Each intake section's form posts the list of its fields;
 * a box left unticked or a field emptied is told apart from a field that was not on the form, and a
 * post lacking fields is refused, naming them, instead of blanking answers nobody touched.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { intakes } from "../../db/schema";
import type { Intake, IntakeSectionKey } from "~/domain/intake";
import { sectionFieldNames, unlistedFields } from "~/domain/intake-form";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, formAnswer } from "../helpers/requests";

useTestDatabase();

const id = () => demoEngagementId();
const stored = () => db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!;
const intake = () => JSON.parse(stored().dataJson) as Intake;
const post = (section: IntakeSectionKey, form: Record<string, string>) =>
  callAction(intakeRoute.action, { path: `/engagements/${id()}/intake?section=${section}`, params: { id: String(id()) }, as: "manager@demo.test", form });

describe("an intake section's post", () => {
  it("carrying only its version is refused, naming the fields it lacks, and blanks nothing", async () => {
    const before = stored();
    const res = await post("context", { version: String(before.version) });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors[""]).toBe(
      "Nothing was saved: the form did not send Kind of partner, Number of sites, Population served, Geography, Improvement experience, Has a learning system and 3 more. Reload the page and fill in the section again."
    );
    expect(stored()).toEqual(before);
  });

  it("lacking one field is refused naming that field, with what was typed given back", async () => {
    const before = stored();
    const form = intakeForm("scale", {
      version: String(before.version),
      expectedSites: "20",
      desiredStart: "2027-05",
      longestDurationMonths: "18",
      hardDeadline: "",
    });
    form.fields = form.fields!.replace("hardDeadline", "").trim();
    const res = await post("scale", form);
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors[""]).toMatch(/the form did not send Hard deadline\./);
    expect(formAnswer(res).values).toMatchObject({ expectedSites: "20", desiredStart: "2027-05" });
    expect(stored()).toEqual(before);
  });

  it("tells an unticked box and an emptied field (listed, not sent or sent empty) from a field never sent", async () => {
    const { version } = stored();
    expect(intake().context).toMatchObject({ hasImprovementTeam: true, existingWork: expect.stringContaining("quality improvement team") });
    const res = await post(
      "context",
      intakeForm("context", {
        version: String(version),
        partnerKind: "health_system",
        sites: "14",
        population: "2100000",
        geographyScope: "system",
        improvementExperience: "some",
        existingWork: "",
        // hasImprovementTeam is on the list and not sent: unticked.
      })
    );
    expect(res.status).toBe(303);
    expect(intake().context.hasImprovementTeam).toBe(false);
    expect(intake().context.existingWork).toBeUndefined();
  });

  it("lists each row's fields too: a priority row with a field missing is refused", () => {
    const three = sectionFieldNames("needs", 3);
    // The section's own field, then each row's: its stable id, topic, written-in topic, the four baseline fields and the month a baseline is due.
    expect(three).toHaveLength(1 + 3 * 8);
    expect(three).toContain("priorities[2].id");
    expect(unlistedFields("needs", three)).toEqual([]);
    expect(
      unlistedFields(
        "needs",
        three.filter((f) => f !== "priorities[1].baselineDate")
      )
    ).toEqual(["priorities[1].baselineDate"]);
    // The needs form always shows a row: a list without any is lacking one.
    expect(unlistedFields("needs", ["problems"])).toEqual(sectionFieldNames("needs", 1).slice(1));
    expect(unlistedFields("evidence", sectionFieldNames("evidence", 0))).toEqual([]);
  });
});
