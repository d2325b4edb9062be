/**
 * "Add another priority" on the intake's Needs and priorities: a plain submit button (Conform's insert
 * into the priority rows), so it works without JavaScript. The form comes back with one more row and
 * everything typed, nothing saved and nothing refused yet, up to the intake's twelve priorities.
 */
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { intakes } from "../../db/schema";
import { priorityRows, SectionFields } from "~/components/intake-fields";
import { MAX_PRIORITIES } from "~/domain/intake";
import { ADD_PRIORITY } from "~/domain/intake-form";
import { formState, type FormReply } from "~/lib/forms";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { everyRowHash, db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction } from "../helpers/requests";

useTestDatabase();

const id = () => demoEngagementId();
const version = () => String(db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!.version);
const post = (form: Record<string, string>) =>
  callAction(intakeRoute.action, { path: `/engagements/${id()}/intake?section=needs`, params: { id: String(id()) }, as: "manager@demo.test", form });

/** The needs form as shown with `shown` rows, the first ones filled with `topics`, the rest left empty. */
function needsForm(shown: number, topics: string[], extra: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = { version: version(), problems: "Harm in our hospitals." };
  for (let i = 0; i < shown; i++) {
    form[`priorities[${i}].topic`] = topics[i] ?? "";
    form[`priorities[${i}].custom`] = "";
    form[`priorities[${i}].baselineMeasure`] = topics[i] ? `Measure for ${topics[i]}` : "";
  }
  return intakeForm("needs", { ...form, ...extra });
}

/** What the page draws of the answer: its rows, and the fields as they show. */
function drawn(reply: unknown) {
  const state = formState(reply as FormReply);
  const rows = priorityRows(state, {});
  const html = renderToStaticMarkup(createElement(SectionFields, { section: "needs", state, saved: {}, priorities: [], rows }));
  return { state, rows, html };
}

describe("Add another priority", () => {
  it("gives the form back with one more row and everything typed, saving nothing and refusing nothing yet", async () => {
    const before = everyRowHash();
    // Three rows shown, one filled, and a baseline value not yet a number: it is checked when the section is saved.
    const res = await post(needsForm(3, ["vap"], { "priorities[0].baselineValue": "about 7", [ADD_PRIORITY.name]: ADD_PRIORITY.value }));
    expect(res.status).toBe(200);
    expect(everyRowHash()).toBe(before);
    const { state, rows, html } = drawn(res.data);
    expect(state.errors).toEqual({});
    expect(rows).toBe(4);
    expect(html).toContain('name="priorities[3].topic"');
    expect(html).not.toContain('name="priorities[4].topic"');
    expect(html).toContain('value="Measure for vap"');
    expect(html).toContain('value="about 7"');
    expect(html).toContain("Problems in the partner");
    expect(html).toContain(">Add another priority</button>");
  });

  it("stops at the intake's twelve priorities, and says so in place of the button", async () => {
    const topics = ["vap", "clabsi", "cauti", "ssi", "sepsis", "falls", "vte", "readmissions", "ami", "heart_failure", "pressure_ulcers"];
    const res = await post(needsForm(MAX_PRIORITIES, topics, { [ADD_PRIORITY.name]: ADD_PRIORITY.value }));
    expect(res.status).toBe(200);
    const { rows, html } = drawn(res.data);
    expect(rows).toBe(MAX_PRIORITIES);
    expect(html).not.toContain("Add another priority</button>");
    expect(html).toContain(`The intake holds up to ${MAX_PRIORITIES} priorities.`);
  });

  it("leaves the rows typed in place when the section is then saved: six priorities in one save", async () => {
    const six = ["vap", "clabsi", "sepsis", "falls", "pressure_ulcers", "vte"];
    const res = await post(needsForm(6, six));
    expect(res.status).toBe(303);
    const saved = JSON.parse(db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!.dataJson);
    expect(saved.needs.priorities.map((p: { topic: string }) => p.topic)).toEqual(six);
  });
});
