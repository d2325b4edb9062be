import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements, methodDecisions, organisations } from "../../db/schema";
import { eq } from "drizzle-orm";
import { bundleContent, EngagementBundleSchema } from "~/domain/bundle";
import { addMonthsToMonth } from "~/domain/calendar";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { currentMonth } from "~/services/clock.server";
import type { IntakeSectionKey } from "~/domain/intake";
import { intakeForm } from "../helpers/intake";
import * as api from "~/routes/api.engagements";
import * as apiOne from "~/routes/api.engagements.$id";
import * as schemaRoute from "~/routes/api.schema";
import * as importRoute from "~/routes/engagements.import";
import * as exportRoute from "~/routes/engagements.$id.export";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer, sessionCookie } from "../helpers/requests";

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

/**
 * A bundle's content but its title: a bundle imported where its engagement already is comes back with
 * its title marked "(imported)" (the round trips below check the title where it is their subject).
 */
const besideTitle = (bundle: unknown) => ({ ...bundleContent(EngagementBundleSchema.parse(bundle)), title: null });

describe("engagement bundles", () => {
  it("round-trip through the API: export, import, export give the same content", async () => {
    const orgsBefore = counts().organisations;
    const first = await getBundle(demoEngagementId());
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ format: "partnership-planner/engagement", formatVersion: 2, title: "Northshire patient safety partnership" });
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
    // The same title is already here: the copy is told apart by its title, and is otherwise the same.
    expect(second.data.title).toBe("Northshire patient safety partnership (imported)");
    expect(bundleContent(EngagementBundleSchema.parse({ ...second.data, title: first.data.title }))).toEqual(
      bundleContent(EngagementBundleSchema.parse(first.data))
    );
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
    const cookie = sessionCookie("manager@demo.test");
    const res = await callAction(importRoute.action, { path: "/engagements/import", cookie, form: { json: text } });
    expect(res.status).toBe(303);
    const id = Number(res.location!.split("/").pop());
    const again = await getBundle(id);
    expect(bundleContent({ ...again.data, title: JSON.parse(text).title })).toEqual(bundleContent(JSON.parse(text)));
    // The page it opens on says what it is called, and why.
    const root = await callLoader((await import("~/root")).loader, { path: `/engagements/${id}`, cookie });
    expect(root.data.flash).toBe(
      "Engagement imported as “Northshire patient safety partnership (imported)”: an engagement here already has its title. Review its intake and method."
    );
    // Imported again, whatever the case of its title: the next mark; each title its own in the list.
    const shouted = JSON.stringify({ ...JSON.parse(text), title: "NORTHSHIRE PATIENT SAFETY PARTNERSHIP" });
    const third = await callAction(importRoute.action, { path: "/engagements/import", as: "manager@demo.test", form: { json: shouted } });
    expect((await getBundle(Number(third.location!.split("/").pop()))).data.title).toBe("NORTHSHIRE PATIENT SAFETY PARTNERSHIP (imported 2)");
    const titles = db()
      .select({ title: engagements.title })
      .from(engagements)
      .all()
      .map((e) => e.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
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

  it("recommends within the partner's time, as the Method page does: a method whose plan cannot keep it needs a justification", async () => {
    // The 100,000 Lives Campaign (tests/cases), whose situation a campaign suits best, given fourteen months in all:
    // no campaign's plan keeps that, so the Method page recommends another method, and so must the import.
    const bundle = JSON.parse(readFileSync("tests/cases/100000-lives-campaign.json", "utf8")).bundle;
    const intake = { ...bundle.intake, scale: { ...bundle.intake.scale, longestDurationMonths: 14 } };
    const good = { ...bundle, intake };
    const undecided = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: { ...good, method: { decision: null } } });
    expect(undecided.status).toBe(201);
    const id = String(undecided.data.id);
    const { recommendation } = (await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id }, as: "manager@demo.test" })).data.view;
    const score = (m: string) => recommendation.ranked.find((r: { method: string }) => r.method === m).score;
    expect(score("campaign")).toBeGreaterThan(Math.max(score("collaborative"), score("tailored")));
    const recommended = recommendation.recommended;
    expect(recommended).not.toBe("campaign");
    // The bundle says what the Method page recommends.
    expect((await getBundle(undecided.data.id)).data.method.recommended).toBe(recommended);

    const unjustified = await callAction(api.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: { ...good, method: { decision: { chosen: "campaign", overrideReason: null } } },
    });
    expect(unjustified.status).toBe(400);
    expect(unjustified.data.fields["method.decision.overrideReason"]).toMatch(/justification/);

    const followed = await callAction(api.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: { ...good, method: { decision: { chosen: recommended, overrideReason: null } } },
    });
    expect(followed.status).toBe(201);
    expect(decisionRow(followed.data.id)).toMatchObject({ recommended, chosen: recommended, overrideReason: null });
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

/** One hospital asking for help on sepsis, with the form of the method chosen on the Method page and a timeline generated from it. */
async function smallRequestWith(choice: (joinable: { id: number; title: string }[]) => string): Promise<number> {
  const as = "manager@demo.test";
  const ownerId = (db().$client.prepare("select id from users where email = ?").get(as) as { id: number }).id;
  const organisationId = db()
    .insert(organisations)
    .values({ name: "St Ninian's Hospital", kind: "hospital", country: "GB", sites: 1, population: 90_000 })
    .returning({ id: organisations.id })
    .get().id;
  const id = db().insert(engagements).values({ title: "St Ninian's sepsis help", organisationId, ownerId }).returning({ id: engagements.id }).get().id;
  const params = { id: String(id) };
  const save = async (section: IntakeSectionKey, form: Record<string, string>) => {
    const res = await callAction(intakeRoute.action, { path: `/engagements/${id}/intake?section=${section}`, params, as, form: intakeForm(section, form) });
    expect(res.status, JSON.stringify(res.data)).toBe(303);
  };
  await save("context", { version: "0", partnerKind: "hospital", sites: "1" });
  await save("needs", { version: "1", "priorities[0].topic": "sepsis" });
  await save("scale", { version: "2", expectedSites: "1", desiredStart: addMonthsToMonth(currentMonth(), 1) });
  const view = (await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params, as })).data.view;
  const chose = await callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params,
    as,
    form: { form: "small", intent: "small", choice: choice(view.smallRequest.joinable), intakeVersion: String(view.intakeVersion), decisionVersion: "0" },
  });
  expect(chose.status, JSON.stringify(chose.data)).toBe(303);
  const before = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params, as });
  const generated = await callAction(timelineRoute.action, {
    path: `/engagements/${id}/timeline`,
    params,
    as,
    form: { intent: "regenerate", version: String(before.data.version) },
  });
  expect(generated.status).toBe(303);
  return id;
}

const decisionRow = (id: number) => db().select().from(methodDecisions).where(eq(methodDecisions.engagementId, id)).get()!;

describe("bundles carry the form of the method a small request chose", () => {
  it("joining an open collaborative: exported with its variant and the collaborative's title, imported with the same, and its timeline not stale", async () => {
    const id = await smallRequestWith((joinable) => `join:${joinable[0]!.id}`);
    const first = await getBundle(id);
    expect(first.data.method.decision).toMatchObject({
      chosen: "collaborative",
      variant: "join_open_collaborative",
      openCollaborative: "Sepsis Early Recognition Collaborative",
    });
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: first.data });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    expect(decisionRow(created.data.id)).toMatchObject({
      chosen: "collaborative",
      variant: "join_open_collaborative",
      openCollaborativeId: decisionRow(id).openCollaborativeId,
    });
    const second = await getBundle(created.data.id);
    expect(besideTitle(second.data)).toEqual(besideTitle(first.data));
    const timeline = await callLoader(timelineRoute.loader, {
      path: `/engagements/${created.data.id}/timeline`,
      params: { id: String(created.data.id) },
      as: "manager@demo.test",
    });
    expect(timeline.data.planLabel).toBe("Joining an open collaborative");
    expect(timeline.data.staleReasons).toEqual([]);
  });

  it("joining an open collaborative: a bundle holding its host's sessions online is refused, since they are not ours to move", async () => {
    const id = await smallRequestWith((joinable) => `join:${joinable[0]!.id}`);
    const bundle = (await getBundle(id)).data;
    const res = await callAction(api.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: { ...bundle, proposal: { ...bundle.proposal, levers: { virtualSessions: true } } },
    });
    expect(res.status, JSON.stringify(res.data)).toBe(400);
    expect(res.data.fields).toEqual({
      "proposal.levers.virtualSessions":
        "Events held online cannot be applied to joining an open collaborative: its learning sessions are its host's, held as the host holds them.",
    });
  });

  it("a short tailored engagement comes back as one; a full method's bundle says no variant", async () => {
    const id = await smallRequestWith(() => "short_tailored");
    const first = await getBundle(id);
    expect(first.data.method.decision).toMatchObject({ chosen: "tailored", variant: "short_tailored", openCollaborative: null });
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: first.data });
    expect(created.status).toBe(201);
    expect(decisionRow(created.data.id)).toMatchObject({ chosen: "tailored", variant: "short_tailored", openCollaborativeId: null });
    expect((await getBundle(created.data.id)).data.method.decision.variant).toBe("short_tailored");
    expect((await getBundle(demoEngagementId())).data.method.decision).toMatchObject({ variant: null, openCollaborative: null });
  });

  it("refuses an unknown variant, or one that is not a form of the method chosen, naming its path and writing nothing", async () => {
    const good = (await getBundle(demoEngagementId())).data;
    const before = counts();
    const withDecision = (decision: object) => ({ ...good, method: { decision: { overrideReason: "The partner asked for it.", ...decision } } });
    const unknown = await callAction(api.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: withDecision({ chosen: "collaborative", variant: "join_a_campaign" }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.data.fields).toEqual({
      "method.decision.variant": "Variant must be one of: join_open_collaborative, short_tailored, or null for the full method.",
    });
    const mismatched = await callAction(api.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: withDecision({ chosen: "campaign", variant: "short_tailored" }),
    });
    expect(mismatched.status).toBe(400);
    expect(mismatched.data.fields).toEqual({
      "method.decision.variant": 'Short tailored engagement is a form of the tailored: choose "tailored", or no variant.',
    });
    const stray = await callAction(api.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: withDecision({ chosen: "tailored", variant: "short_tailored", openCollaborative: "Sepsis Early Recognition Collaborative" }),
    });
    expect(stray.status).toBe(400);
    expect(Object.keys(stray.data.fields)).toEqual(["method.decision.openCollaborative"]);
    expect(counts()).toEqual(before);
  });
});

/* ------------------------------------------------------------------------------------------------
 * Format version 2: the proposal draft's pricing and options (docs/domain.md §8.8–8.9, §9.13)
 * ---------------------------------------------------------------------------------------------- */

const MANAGER = "manager@demo.test";
const eastmereId = () => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
const proposalPage = async (id: number) =>
  (await callLoader(proposalRoute.loader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data;
const postProposal = (id: number, form: Record<string, string>) =>
  callAction(proposalRoute.action as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) }, form });

/** What the Proposal page's Fee and budget panel and its options panel show: the options offered, their fees and levers. */
async function budgetPanel(id: number) {
  const { budget, options } = await proposalPage(id);
  return {
    offersOptions: budget.offersOptions,
    fee: budget.fee,
    override: budget.override,
    applied: budget.applied,
    offered: budget.offered.map((o: { option: string | null; fee: number; description: string }) => ({
      option: o.option,
      fee: o.fee,
      description: o.description,
    })),
    options: options.options.map((o: { name: string; scope: string; leavesOut: string; applied: string[]; fee: number }) => ({
      name: o.name,
      scope: o.scope,
      leavesOut: o.leavesOut,
      applied: o.applied,
      fee: o.fee,
    })),
  };
}

const V1_EASTMERE = JSON.parse(readFileSync(new URL("../fixtures/bundles/eastmere-v1.json", import.meta.url), "utf8"));

describe("bundles carry the proposal's pricing and options (format version 2)", () => {
  it("Eastmere's two options, Core and Virtual, survive export and import through the pages: the budget panel shows the same options with the same fees", async () => {
    const id = eastmereId();
    const before = await budgetPanel(id);
    expect(before.offered.map((o: { option: string }) => o.option)).toEqual(["Option A: Core", "Option B: Virtual"]);
    expect(before.options[1].applied).toEqual(["events held online", "fewer faculty days"]);
    expect(before.offered[1].fee).toBeLessThan(before.offered[0].fee);

    const download = await callLoader(exportRoute.loader, { path: `/engagements/${id}/export`, params: { id: String(id) }, as: MANAGER });
    const text = typeof download.data === "string" ? download.data : JSON.stringify(download.data);
    const bundle = JSON.parse(text);
    expect(bundle.formatVersion).toBe(2);
    expect(bundle.proposal.options).toEqual([
      expect.objectContaining({ name: "Core", levers: { firstWaveSites: null, virtualSessions: false, longerPhasing: false, fewerFacultyDays: false } }),
      expect.objectContaining({ name: "Virtual", levers: { firstWaveSites: null, virtualSessions: true, longerPhasing: false, fewerFacultyDays: true } }),
    ]);
    const res = await callAction(importRoute.action, { path: "/engagements/import", as: MANAGER, form: { json: text } });
    expect(res.status, JSON.stringify(res.data)).toBe(303);
    const imported = Number(res.location!.split("/").pop());
    expect(imported).not.toBe(id);
    expect(await budgetPanel(imported)).toEqual(before);
    expect(besideTitle((await getBundle(imported)).data)).toEqual(besideTitle(bundle));
  });

  it("a fee set by hand and the proposal-wide levers survive the round trip, with the reason", async () => {
    const id = demoEngagementId();
    const pricingVersion = () => db().get<{ v: number }>(sql`select version as v from proposal_pricing where engagement_id = ${id}`)?.v ?? 0;
    const set = await postProposal(id, {
      form: "fee",
      intent: "set-fee",
      version: String(pricingVersion()),
      fee: "612,000",
      reason: "Agreed with the board for a first year.",
    });
    expect(set.status, JSON.stringify(set.data)).toBe(303);
    const bundle = (await getBundle(id)).data;
    expect(bundle.proposal).toEqual({
      levers: { firstWaveSites: null, virtualSessions: false, longerPhasing: false, fewerFacultyDays: false },
      feeSetByHand: { fee: 612_000, reason: "Agreed with the board for a first year." },
      options: [],
    });
    bundle.proposal.levers = { firstWaveSites: 4, virtualSessions: true };
    const created = await callAction(api.action, { path: "/api/engagements", as: MANAGER, json: bundle });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    const panel = await budgetPanel(created.data.id);
    expect(panel.fee).toBe(612_000);
    expect(panel.override).toMatchObject({ reason: "Agreed with the board for a first year." });
    expect(panel.applied).toEqual(["4 sites in the first wave", "events held online"]);
    expect((await getBundle(created.data.id)).data.proposal).toEqual({
      levers: { firstWaveSites: 4, virtualSessions: true, longerPhasing: false, fewerFacultyDays: false },
      feeSetByHand: { fee: 612_000, reason: "Agreed with the board for a first year." },
      options: [],
    });
  });

  it("a version-1 bundle (written before bundles carried pricing) still imports unchanged, with no options and the rules' fee", async () => {
    expect(V1_EASTMERE.formatVersion).toBe(1);
    expect(V1_EASTMERE).not.toHaveProperty("proposal");
    const created = await callAction(api.action, { path: "/api/engagements", as: MANAGER, json: V1_EASTMERE });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    const back = (await getBundle(created.data.id)).data;
    expect(back.formatVersion).toBe(2);
    expect({ ...besideTitle(back), proposal: null }).toEqual(besideTitle(V1_EASTMERE));
    expect(back.proposal).toEqual({
      levers: { firstWaveSites: null, virtualSessions: false, longerPhasing: false, fewerFacultyDays: false },
      feeSetByHand: null,
      options: [],
    });
    const panel = await budgetPanel(created.data.id);
    expect(panel.offersOptions).toBe(false);
    expect(panel.options).toEqual([]);
    expect(panel.override).toBeNull();
    expect(panel.offered).toEqual([expect.objectContaining({ option: null })]);
  });

  it("refuses options and fees the Proposal page would refuse, naming each field's path, writing nothing", async () => {
    const good = (await getBundle(eastmereId())).data;
    const before = counts();
    const option = (name: string, extra: object = {}) => ({ name, scope: `The ${name} scope.`, leavesOut: "", ...extra });
    const refused = async (proposal: object) => {
      const res = await callAction(api.action, { path: "/api/engagements", as: MANAGER, json: { ...good, proposal } });
      expect(res.status, JSON.stringify(res.data)).toBe(400);
      return res.data.fields;
    };
    expect(await refused({ options: [option("Core"), option("Lean"), option("Phased"), option("Fourth")] })).toEqual({
      "proposal.options": "A proposal offers at most 3 options: keep the ones to offer and leave the others out of the bundle.",
    });
    expect(await refused({ options: [option("Core"), option("core")] })).toEqual({
      "proposal.options.1.name": "Another option already has that name: give each option a name of its own.",
    });
    expect(await refused({ options: [option("Core")], feeSetByHand: { fee: 500_000, reason: "Agreed with the board." } })).toEqual({
      "proposal.feeSetByHand": "This proposal offers options, each priced by the rules. Shape an option's fee with its levers instead.",
    });
    expect(
      await refused({
        feeSetByHand: { fee: 0, reason: "short" },
        options: [option("Core", { scope: "  ", levers: { virtualSessions: "yes", firstWaveSites: 2.5, teleport: true } }), option("x".repeat(81))],
      })
    ).toEqual({
      "proposal.feeSetByHand.fee": "The fee must be at least 1.",
      "proposal.feeSetByHand.reason": "The reason for the change needs at least 10 characters.",
      "proposal.options.0.scope": "The scope is required.",
      "proposal.options.0.levers.virtualSessions": "Events held online must be true or false.",
      "proposal.options.0.levers.firstWaveSites":
        "The sites in the first wave (for a campaign, the sites supported by our staff) must be a whole number, or null for every site.",
      "proposal.options.0.levers": expect.stringMatching(/teleport/),
      "proposal.options.1.name": "The option's name must be at most 80 characters.",
    });
    // A first wave larger than the plan is refused, not printed as "999 sites in the first wave".
    const sites = good.timeline?.generatedFrom.teams ?? good.partner.sites;
    expect(await refused({ levers: { firstWaveSites: sites + 1 }, options: [option("Core"), option("Lean", { levers: { firstWaveSites: 999 } })] })).toEqual({
      "proposal.levers.firstWaveSites": `The sites in the first wave must be at most the plan's ${sites} sites.`,
      "proposal.options.1.levers.firstWaveSites": `The sites in the first wave must be at most the plan's ${sites} sites.`,
    });
    // A campaign has no waves: its sites are those our staff support, and it is refused in those words.
    const campaign = JSON.parse(readFileSync("tests/cases/100000-lives-campaign.json", "utf8")).bundle;
    const asCampaign = async (proposal: object) => {
      const res = await callAction(api.action, {
        path: "/api/engagements",
        as: MANAGER,
        json: {
          ...campaign,
          method: { decision: { chosen: "campaign", overrideReason: "The partner has asked for a campaign, as its board decided." } },
          proposal,
        },
      });
      expect(res.status, JSON.stringify(res.data)).toBe(400);
      return res.data.fields;
    };
    expect(await asCampaign({ levers: { firstWaveSites: 3001 }, options: [option("Core"), option("Lean", { levers: { firstWaveSites: 5000 } })] })).toEqual({
      "proposal.levers.firstWaveSites": "The sites supported by our staff must be at most the campaign's 3,000 sites.",
      "proposal.options.1.levers.firstWaveSites": "The sites supported by our staff must be at most the campaign's 3,000 sites.",
    });
    expect(await asCampaign({ levers: { firstWaveSites: 2.5 } })).toEqual({
      "proposal.levers.firstWaveSites":
        "The sites in the first wave (for a campaign, the sites supported by our staff) must be a whole number, or null for every site.",
    });
    expect(await refused({ pricing: {} })).toEqual({ proposal: expect.stringMatching(/pricing/) });
    // The import page lists the same paths.
    const page = await callAction(importRoute.action, {
      path: "/engagements/import",
      as: MANAGER,
      form: { json: JSON.stringify({ ...good, proposal: { options: [option("Core"), option("CORE")] } }) },
    });
    expect(page.status).toBe(400);
    expect(formAnswer(page).errors).toEqual({ "proposal.options.1.name": "Another option already has that name: give each option a name of its own." });
    expect(counts()).toEqual(before);
  });

  it("keeps hostile text in an option's name, scope and what it leaves out as inert text", async () => {
    const good = (await getBundle(eastmereId())).data;
    const name = '<img src=x onerror=alert(1)> "A"';
    const scope = "<script>alert(1)</script>\u0007 %%{init: {}}%% click n1 call alert(1)";
    const leavesOut = "'; DROP TABLE proposal_options;--\u0000";
    good.proposal.options[0] = { ...good.proposal.options[0], name, scope, leavesOut };
    const created = await callAction(api.action, { path: "/api/engagements", as: MANAGER, json: good });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    const [first] = (await budgetPanel(created.data.id)).options;
    expect(first).toMatchObject({
      name,
      scope: "<script>alert(1)</script> %%{init: {}}%% click n1 call alert(1)",
      leavesOut: "'; DROP TABLE proposal_options;--",
    });
    expect((await getBundle(created.data.id)).data.proposal.options[0].name).toBe(name);
  });
});
