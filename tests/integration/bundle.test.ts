import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bundleContent, EngagementBundleSchema } from "~/domain/bundle";
import * as api from "~/routes/api.engagements";
import * as apiOne from "~/routes/api.engagements.$id";
import * as schemaRoute from "~/routes/api.schema";
import * as importRoute from "~/routes/engagements.import";
import * as exportRoute from "~/routes/engagements.$id.export";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

function counts() {
  const n = (t: string) => db().get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`))!.n;
  return {
    engagements: n("engagements"),
    organisations: n("organisations"),
    intakes: n("intakes"),
    decisions: n("method_decisions"),
    diagrams: n("driver_diagrams"),
    versions: n("proposal_versions"),
  };
}

async function getBundle(id: number, as = "manager@demo.test") {
  return callLoader(apiOne.loader, { path: `/api/engagements/${id}`, params: { id: String(id) }, as });
}

describe("engagement bundles", () => {
  it("round-trip through the API: export, import, export give the same content", async () => {
    const orgsBefore = counts().organisations;
    const first = await getBundle(demoEngagementId());
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ format: "partnership-planner/engagement", formatVersion: 1, title: "Northshire patient safety partnership" });
    expect(first.data.method.decision.chosen).toBe(first.data.method.recommended);
    expect(first.data.timeline.method).toBe("collaborative");
    expect(first.data.driverDiagram.nodes.length).toBeGreaterThan(5);
    const id = demoEngagementId();
    expect(first.data.proposalVersions).toEqual([
      expect.objectContaining({
        number: 1,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        documents: { page: `/engagements/${id}/versions/1`, docx: `/engagements/${id}/versions/1/docx`, pdf: `/engagements/${id}/versions/1/pdf` },
      }),
    ]);

    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: first.data });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ id: expect.any(Number) });
    expect(created.data.id).not.toBe(demoEngagementId());

    const second = await getBundle(created.data.id, "leader@demo.test");
    expect(bundleContent(EngagementBundleSchema.parse(second.data))).toEqual(bundleContent(EngagementBundleSchema.parse(first.data)));
    // The driver diagram comes along whole: aim, drivers, links and measures.
    expect(first.data.driverDiagram.nodes.length).toBeGreaterThan(10);
    expect(first.data.driverDiagram.measures.length).toBeGreaterThan(5);
    expect(second.data.driverDiagram).toEqual(first.data.driverDiagram);
    // Matched to the existing partner organisation by name, not duplicated.
    expect(counts().organisations).toBe(orgsBefore);
  });

  it("round-trip through the pages: download, then upload on the import page", async () => {
    const download = await callLoader(exportRoute.loader, {
      path: `/engagements/${demoEngagementId()}/export`,
      params: { id: String(demoEngagementId()) },
      as: "leader@demo.test",
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toBe(
      `attachment; filename="northshire-patient-safety-partnership-bundle.json"; filename*=UTF-8''northshire-patient-safety-partnership-bundle.json`
    );
    expect(download.headers.get("Cache-Control")).toBe("no-store");
    const text = typeof download.data === "string" ? download.data : JSON.stringify(download.data);
    const res = await callAction(importRoute.action, { path: "/engagements/import", as: "manager@demo.test", form: { json: text } });
    expect(res.status).toBe(303);
    const id = Number(res.location!.split("/").pop());
    const again = await getBundle(id);
    expect(bundleContent(again.data)).toEqual(bundleContent(JSON.parse(text)));
  });

  it("rejects a bad bundle with messages that name the field, writing nothing", async () => {
    const good = (await getBundle(demoEngagementId())).data;
    const before = counts();
    const bad = structuredClone(good);
    bad.partner.kind = "planet";
    bad.intake.scale.desiredStart = "2027-15";
    bad.intake.capacity.seniorSponsor = "maybe";
    bad.approvals = [{ approvedBy: "leader@demo.test" }];
    bad.driverDiagram.nodes[5].parents[0].id = "n99";
    bad.driverDiagram.measures[0].kind = "vibes";
    const res = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bad });
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fields)).toEqual(
      expect.arrayContaining(["partner.kind", "intake.scale.desiredStart", "intake.capacity.seniorSponsor", "driverDiagram.measures.0.kind"])
    );
    expect([res.data.error, ...Object.values(res.data.fields)].join(" ")).toMatch(/approvals/);
    expect(counts()).toEqual(before);
  });

  it("says plainly when the body is not JSON or not a bundle", async () => {
    const notJson = await callAction(importRoute.action, { path: "/engagements/import", as: "manager@demo.test", form: { json: "{nope" } });
    expect(notJson.status).toBe(400);
    expect(formAnswer(notJson).errors[""]).toBe("The file is not valid JSON.");
    expect(formAnswer(notJson).values.json).toBe("{nope");
    const other = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: { hello: "world" } });
    expect(other.status).toBe(400);
    expect(other.data.fields.format).toMatch(/not an engagement bundle/);
  });

  it("imports a bundle without a driver diagram without one, and checks the links of one that has it", async () => {
    const good = (await getBundle(demoEngagementId())).data;
    const { driverDiagram: _d, ...withoutDiagram } = good;
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: withoutDiagram });
    expect(created.status).toBe(201);
    expect((await getBundle(created.data.id)).data.driverDiagram).toBeNull();

    const before = counts();
    const broken = structuredClone(good);
    broken.driverDiagram.nodes[5].parents[0].id = "n99";
    const res = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: broken });
    expect(res.status).toBe(400);
    expect(res.data.fields["driverDiagram.nodes.5.parents.0.id"]).toBe("The parent n99 does not exist.");
    expect(counts()).toEqual(before);
  });

  it("never imports proposal versions, and requires a justification for an overridden method", async () => {
    const good = (await getBundle(demoEngagementId())).data;
    const before = counts();
    const forged = { ...good, proposalVersions: [{ number: 1, status: "approved", sharedAt: "2026-01-01" }] };
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: forged });
    expect(created.status).toBe(201);
    expect(counts().versions).toBe(before.versions);

    const other = good.method.recommended === "campaign" ? "tailored" : "campaign";
    const overridden = { ...good, method: { decision: { chosen: other, overrideReason: null } } };
    const res = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: overridden });
    expect(res.status).toBe(400);
    expect(res.data.fields["method.decision.overrideReason"]).toMatch(/justification/);
  });

  it("keeps hostile text as inert text", async () => {
    const good = (await getBundle(demoEngagementId())).data;
    const hostile = {
      ...good,
      title: '<img src=x onerror=alert(1)> "quoted" \u0007bell',
      partner: { ...good.partner, name: "Robert'); DROP TABLE engagements;--" },
    };
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: hostile });
    expect(created.status).toBe(201);
    const back = await getBundle(created.data.id);
    expect(back.data.title).toBe('<img src=x onerror=alert(1)> "quoted" bell');
    expect(back.data.partner.name).toBe("Robert'); DROP TABLE engagements;--");
  });

  it("publishes the bundle's JSON schema", async () => {
    const res = await callLoader(schemaRoute.loader, { path: "/api/schema" });
    expect(res.status).toBe(200);
    expect(res.data.properties.format.const).toBe("partnership-planner/engagement");
    expect(res.data.required).toEqual(expect.arrayContaining(["format", "formatVersion", "title", "partner", "intake"]));
  });
});
