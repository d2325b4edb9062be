import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, organisations } from "../../db/schema";
import * as overview from "~/routes/engagements.$id._index";
import * as create from "~/routes/engagements.new";
import * as timelinePage from "~/routes/engagements.$id.timeline";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId, orgIdByName } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

/*
 * An organisation's country is an ISO 3166 code chosen from a list. One whose old free text matched
 * no country is left unchosen, and the engagement page asks its manager to choose it.
 */

useTestDatabase();

const NORTHSHIRE = "Northshire Health System";
const id = () => demoEngagementId();
const forget = () => db().update(organisations).set({ country: null }).where(eq(organisations.name, NORTHSHIRE)).run();
const page = () => callLoader(overview.loader, { path: `/engagements/${id()}`, params: { id: String(id()) }, as: "manager@demo.test" });
const choose = (form: Record<string, string>, as = "manager@demo.test") =>
  callAction(overview.action, { path: `/engagements/${id()}`, params: { id: String(id()) }, as, form: { intent: "set-country", ...form } });

describe("the partner's country", () => {
  it("is a code in the demo data, shown by name", async () => {
    const res = await page();
    expect(res.data.engagement.organisation).toMatchObject({ name: NORTHSHIRE, country: "GB" });
  });

  it("lets the manager choose a country the organisation does not have yet, and audits it", async () => {
    forget();
    expect((await page()).data.engagement.organisation.country).toBeNull();
    const res = await choose({ orgCountry: "GB", orgVersion: "1" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/engagements/${id()}`);
    expect(db().select().from(organisations).where(eq(organisations.name, NORTHSHIRE)).get()).toMatchObject({ country: "GB", version: 2 });
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "organisation.country")).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detailJson)).toEqual({ organisationId: orgIdByName(NORTHSHIRE), from: null, to: "GB" });
  });

  it("refuses a country not in the list next to the field, keeping the choice", async () => {
    forget();
    const res = await choose({ orgCountry: "Wales", orgVersion: "1" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ orgCountry: "Choose the country from the list." });
    expect(formAnswer(res).values).toMatchObject({ orgCountry: "Wales" });
    expect(db().select().from(organisations).where(eq(organisations.name, NORTHSHIRE)).get()!.country).toBeNull();
  });

  it("does not overwrite a change made meanwhile", async () => {
    forget();
    db().update(organisations).set({ version: 5 }).where(eq(organisations.name, NORTHSHIRE)).run();
    const res = await choose({ orgCountry: "IE", orgVersion: "1" });
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors.orgCountry).toMatch(/Someone else changed this organisation/);
    expect(db().select().from(organisations).where(eq(organisations.name, NORTHSHIRE)).get()!.country).toBeNull();
  });

  it("can be changed by the owner once chosen, and a timeline made for the old country then says so", async () => {
    const timeline = () => callLoader(timelinePage.loader, { path: `/engagements/${id()}/timeline`, params: { id: String(id()) }, as: "manager@demo.test" });
    expect((await timeline()).data.staleReasons).toEqual([]);
    const res = await choose({ orgCountry: "NZ", orgVersion: "1" });
    expect(res.status).toBe(303);
    expect(db().select().from(organisations).where(eq(organisations.name, NORTHSHIRE)).get()).toMatchObject({ country: "NZ", version: 2 });
    expect((await timeline()).data.staleReasons).toEqual([
      "The partner's country changed from United Kingdom to New Zealand: its working days and public holidays differ.",
    ]);
    // A leader reads the engagement but does not own it: the country stays.
    const refused = await choose({ orgCountry: "IE", orgVersion: "2" }, "leader@demo.test");
    expect(refused.status).toBe(403);
    expect(db().select().from(organisations).where(eq(organisations.name, NORTHSHIRE)).get()!.country).toBe("NZ");
  });

  it("is chosen from the list for a new partner, whose population may be left unknown", async () => {
    const res = await callAction(create.action, {
      path: "/engagements/new",
      as: "manager@demo.test",
      form: {
        title: "Harbour falls programme",
        partner: "new",
        orgName: "Harbour Hospitals",
        orgKind: "association",
        orgCountry: "NZ",
        orgSites: "12",
        orgPopulation: "",
      },
    });
    expect(res.status).toBe(303);
    expect(db().select().from(organisations).where(eq(organisations.name, "Harbour Hospitals")).get()).toMatchObject({
      kind: "association",
      country: "NZ",
      population: null,
    });
    const form = await callLoader(create.loader, { path: "/engagements/new", as: "manager@demo.test" });
    expect(form.data.organisations).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Harbour Hospitals", country: "NZ" })]));
  });
});
