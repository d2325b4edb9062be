import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, organisations } from "../../db/schema";
import * as list from "~/routes/engagements._index";
import * as create from "~/routes/engagements.new";
import * as page from "~/routes/engagements.$id._index";
import * as partnerSpace from "~/routes/partner._index";
import * as api from "~/routes/api.engagements";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId, orgIdByName } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

describe("creating an engagement", () => {
  it("creates one for a new partner organisation, lists it and audits both", async () => {
    const res = await callAction(create.action, {
      path: "/engagements/new",
      as: "manager@demo.test",
      form: {
        title: "Valleys sepsis programme",
        partner: "new",
        orgName: "Valleys Health Board",
        orgKind: "health_system",
        orgCountry: "GB",
        orgSites: "6",
        orgPopulation: "450,000",
      },
    });
    expect(res.status).toBe(303);
    const id = Number(res.location!.split("/").pop());
    const listed = await callLoader(list.loader, { path: "/engagements", as: "manager@demo.test" });
    expect(listed.data.engagements.map((e: { title: string }) => e.title)).toContain("Valleys sepsis programme");
    const org = db().select().from(organisations).where(eq(organisations.name, "Valleys Health Board")).get()!;
    expect(org).toMatchObject({ kind: "health_system", country: "GB", sites: 6, population: 450_000 });
    const actions = db()
      .select()
      .from(auditLog)
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["organisation.create", "engagement.create"]));
    expect(db().select().from(auditLog).where(eq(auditLog.engagementId, id)).all()).toHaveLength(1);
  });

  it("creates one for an existing organisation", async () => {
    const res = await callAction(create.action, {
      path: "/engagements/new",
      as: "manager@demo.test",
      form: { title: "Eastmere falls collaborative", partner: "existing", organisationId: String(orgIdByName("Eastmere Regional Health Authority")) },
    });
    expect(res.status).toBe(303);
  });

  it("keeps what was typed and explains each error on a bad submission, writing nothing", async () => {
    const before = db().select().from(engagements).all().length;
    const res = await callAction(create.action, {
      path: "/engagements/new",
      as: "manager@demo.test",
      form: { title: "<b>Hi</b>", partner: "new", orgName: "", orgKind: "region", orgCountry: "PE", orgSites: "lots", orgPopulation: "10" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toMatchObject({ orgName: "Organisation name is required.", orgSites: "Number of sites must be a number." });
    expect(formAnswer(res).values).toMatchObject({ title: "<b>Hi</b>", orgCountry: "PE", orgSites: "lots" });
    expect(db().select().from(engagements).all()).toHaveLength(before);
  });

  it("refuses a field sent twice next to that field, rather than keeping one of the two", async () => {
    const body = new URLSearchParams({ partner: "existing", organisationId: String(orgIdByName("Eastmere Regional Health Authority")) });
    body.append("title", "Eastmere falls collaborative");
    body.append("title", "Something else entirely");
    const before = db().select().from(engagements).all().length;
    const res = await callAction(create.action, { path: "/engagements/new", as: "manager@demo.test", body });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.title).toBeTruthy();
    expect(formAnswer(res).values.title).toEqual(["Eastmere falls collaborative", "Something else entirely"]);
    expect(db().select().from(engagements).all()).toHaveLength(before);
  });

  it("refuses a second organisation with the same name", async () => {
    const res = await callAction(create.action, {
      path: "/engagements/new",
      as: "manager@demo.test",
      form: { title: "Duplicate", partner: "new", orgName: "northshire health system", orgKind: "region", orgCountry: "GB", orgSites: "1", orgPopulation: "1" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.orgName).toMatch(/already exists/);
  });

  it("is refused to leaders, partners and admins", async () => {
    for (const as of ["leader@demo.test", "partner@demo.test", "admin@demo.test"]) {
      const res = await callAction(create.action, { path: "/engagements/new", as, form: { title: "X", partner: "existing", organisationId: "1" } });
      expect(res.status).toBe(403);
    }
  });
});

describe("editing details with a version check", () => {
  it("saves, bumps the version and audits", async () => {
    const id = demoEngagementId();
    const res = await callAction(page.action, {
      path: `/engagements/${id}`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { intent: "update-details", title: "Northshire safety partnership", internalNotes: "n", version: "1" },
    });
    expect(res.status).toBe(303);
    expect(db().select().from(engagements).where(eq(engagements.id, id)).get()).toMatchObject({ title: "Northshire safety partnership", version: 2 });
  });

  it("answers 409 to a stale save, shows what the other person changed and keeps my text", async () => {
    const id = demoEngagementId();
    const save = (title: string, version: string) =>
      callAction(page.action, {
        path: `/engagements/${id}`,
        params: { id: String(id) },
        as: "manager@demo.test",
        form: { intent: "update-details", title, internalNotes: "", version },
      });
    expect((await save("First title", "1")).status).toBe(303);
    const stale = await save("My title", "1");
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).values.title).toBe("My title");
    expect(formAnswer(stale).conflict?.changes).toEqual([{ summary: "Changed the title.", by: "Maya Okafor", version: 2 }]);
    expect(db().select().from(engagements).where(eq(engagements.id, id)).get()!.title).toBe("First title");
  });

  it("refuses a leader (403) and hides the engagement from partners (404)", async () => {
    const id = demoEngagementId();
    const form = { intent: "update-details", title: "Hijack", internalNotes: "", version: "1" };
    expect((await callAction(page.action, { path: `/engagements/${id}`, params: { id: String(id) }, as: "leader@demo.test", form })).status).toBe(403);
    expect((await callAction(page.action, { path: `/engagements/${id}`, params: { id: String(id) }, as: "partner@demo.test", form })).status).toBe(404);
  });
});

describe("what partners see", () => {
  it("their own organisation's engagements only once a version is shared, in their own words, without internal fields", async () => {
    const id = demoEngagementId();
    const seen = await callLoader(partnerSpace.loader, { path: "/partner", as: "partner@demo.test" });
    expect(seen.data.engagements).toEqual([
      { id, title: "Northshire patient safety partnership", status: "For your review", tone: "info", answerBy: "Please give your answer by 18 December 2026." },
    ]);
    expect(JSON.stringify(seen.data)).not.toContain("procurement");
    const other = await callLoader(partnerSpace.loader, { path: "/partner", as: "partner2@demo.test" });
    expect(other.data.engagements.map((e: { title: string }) => e.title)).toEqual(["Eastmere safer transitions programme"]);
    // A new engagement for Northshire stays invisible to its executives until a version of it is shared.
    const created = await callAction(create.action, {
      path: "/engagements/new",
      as: "manager@demo.test",
      form: { title: "Northshire falls programme", partner: "existing", organisationId: String(orgIdByName("Northshire Health System")) },
    });
    const newId = Number(created.location!.split("/").pop());
    const still = await callLoader(partnerSpace.loader, { path: "/partner", as: "partner@demo.test" });
    expect(still.data.engagements.map((e: { id: number }) => e.id)).not.toContain(newId);
  });
});

describe("GET /api/engagements", () => {
  it("lists what the user may see as JSON", async () => {
    const res = await callLoader(api.loader, { path: "/api/engagements", as: "leader@demo.test" });
    expect(res.status).toBe(200);
    expect(res.data).toContainEqual({
      id: demoEngagementId(),
      title: "Northshire patient safety partnership",
      partner: { id: orgIdByName("Northshire Health System"), name: "Northshire Health System" },
      stage: "shared",
    });
    expect(Object.keys(res.data[0]).sort()).toEqual(["id", "partner", "stage", "title"]);
  });

  it("answers 401 in JSON without a session, never a redirect", async () => {
    const res = await callLoader(api.loader, { path: "/api/engagements" });
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ error: "Not signed in." });
  });

  it("gives partners only their organisation's shared engagements and admins a 403", async () => {
    const mine = (await callLoader(api.loader, { path: "/api/engagements", as: "partner@demo.test" })).data;
    expect(mine.map((e: { title: string }) => e.title)).toEqual(["Northshire patient safety partnership"]);
    const theirs = (await callLoader(api.loader, { path: "/api/engagements", as: "partner2@demo.test" })).data;
    expect(theirs.map((e: { title: string }) => e.title)).toEqual(["Eastmere safer transitions programme"]);
    expect((await callLoader(api.loader, { path: "/api/engagements", as: "admin@demo.test" })).status).toBe(403);
  });
});
