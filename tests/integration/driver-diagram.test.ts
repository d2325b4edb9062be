import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, driverDiagrams, engagements } from "../../db/schema";
import { DriverDiagramSchema, type DriverDiagram } from "~/domain/driver-diagram";
import { demoIntake, type Intake } from "~/domain/intake";
import { writeIntake } from "~/models/intake.server";
import * as layout from "~/routes/engagements.$id";
import * as route from "~/routes/engagements.$id.driver-diagram";
import * as csvRoute from "~/routes/engagements.$id.driver-diagram.csv";
import * as mmdRoute from "~/routes/engagements.$id.driver-diagram.mmd";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, callLoader, formAnswer, messageAfter, sessionCookie, type Outcome } from "../helpers/requests";

useTestDatabase();

const MANAGER = "manager@demo.test";

function stored(id: number): { diagram: DriverDiagram; version: number; templateKey: string } | undefined {
  const row = db().select().from(driverDiagrams).where(eq(driverDiagrams.engagementId, id)).get();
  return row ? { diagram: DriverDiagramSchema.parse(JSON.parse(row.dataJson)), version: row.version, templateKey: row.templateKey } : undefined;
}

function diagramAudits(id: number) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.engagementId, id), like(auditLog.action, "driver-diagram.%")))
    .all();
}

/** A new engagement owned by the demo manager, with an intake whose priorities are in the given order. */
function newEngagement(intake?: Intake): number {
  const managerId = userIdByEmail(MANAGER);
  const id = db()
    .insert(engagements)
    .values({ title: "Lakeside infection programme", organisationId: 1, ownerId: managerId })
    .returning({ id: engagements.id })
    .get().id;
  if (intake) writeIntake(db(), { id: managerId, role: "manager", organisationId: null }, id, intake, 0);
  return id;
}

function load(id: number, query = "", as: string = MANAGER) {
  return callLoader(route.loader, { path: `/engagements/${id}/driver-diagram${query}`, params: { id: String(id) }, as });
}

function post(id: number, form: Record<string, string>, opts: { as?: string; query?: string; cookie?: string } = {}) {
  return callAction(route.action, {
    path: `/engagements/${id}/driver-diagram${opts.query ?? ""}`,
    params: { id: String(id) },
    ...(opts.cookie ? { cookie: opts.cookie } : { as: opts.as ?? MANAGER }),
    form,
  });
}

/** Posts a CSV file as the upload form does (multipart). */
async function upload(id: number, csv: string, version: string): Promise<Outcome> {
  const body = new FormData();
  body.set("form", "import-csv");
  body.set("intent", "import-csv");
  body.set("version", version);
  body.set("file", new File([csv], "outline.csv", { type: "text/csv" }));
  const request = new Request(`${BASE}/engagements/${id}/driver-diagram?tab=csv`, { method: "POST", headers: { Cookie: sessionCookie(MANAGER) }, body });
  let result: unknown;
  try {
    result = await route.action({ request, params: { id: String(id) }, context: { clientAddress: "127.0.0.1" } });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, data: null, headers: result.headers, location: result.headers.get("Location") };
  const d = result as { data: unknown; init: ResponseInit | null };
  return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers), location: null };
}

function download(loader: typeof csvRoute.loader, id: number, kind: "csv" | "mmd", as: string = MANAGER) {
  return callLoader(loader, { path: `/engagements/${id}/driver-diagram/${kind}`, params: { id: String(id) }, as });
}

describe("starting a driver diagram", () => {
  it("offers the template for the partner's top priority first, with the aim filled from the intake's draft aim", async () => {
    const intake = demoIntake();
    intake.needs.priorities = [intake.needs.priorities[1]!, intake.needs.priorities[0]!]; // CLABSI first, then VAP
    const id = newEngagement(intake);

    const page = await load(id);
    expect(page.status).toBe(200);
    expect(page.data.diagram).toBeNull();
    const offers = page.data.start.offers;
    expect(offers[0]).toMatchObject({ key: "clabsi", matchesTopPriority: true });
    expect(offers.filter((o: { matchesTopPriority: boolean }) => o.matchesTopPriority)).toHaveLength(1);
    expect(offers.at(-1).key).toBe("blank");
    // Each template names the published material it is built on, with its address where known.
    expect(offers.find((o: { key: string }) => o.key === "joy-in-work").references).toEqual([
      {
        text: expect.stringMatching(/^IHI Framework for Improving Joy in Work .*Institute for Healthcare Improvement, 2017\.$/),
        url: "https://www.ihi.org/resources/Pages/IHIWhitePapers/Framework-Improving-Joy-in-Work.aspx",
      },
    ]);
    // Each card shows its own template's aim, with the intake's population and date; the diagram itself starts from the intake's draft aim.
    expect(offers[0].aim).toMatch(/^Reduce central line–associated bloodstream infections \(CLABSI\) .* by August 2028$/);
    expect(new Set(offers.map((o: { aim: string }) => o.aim)).size).toBe(offers.length);
    const draftAim = "Halve VAP and CLABSI rates and cut sepsis mortality by 15% for adult patients in Northshire's 14 hospitals by August 2028";
    expect(page.data.start.topPriority).toMatchObject({ label: expect.stringMatching(/Central line/), writtenIn: false });

    const res = await post(id, { form: "start", intent: "start-from-template", version: "0", templateKey: offers[0].key });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/engagements/${id}/driver-diagram`);
    const saved = stored(id)!;
    expect(saved).toMatchObject({ version: 1, templateKey: "clabsi" });
    expect(saved.diagram.aim).toEqual({
      statement: draftAim,
      // The aim names CLABSI and VAP, this partner's priorities: each one's baseline, in the partner's order.
      baseline: "CLABSI: 2.9 per 1,000 central-line days (September 2026); VAP: 7.2 per 1,000 ventilator days (September 2026)",
      target: expect.any(String),
      byWhen: "August 2028",
      population: "Adult patients in Northshire's 14 hospitals",
    });
    expect(saved.diagram.nodes.length).toBeGreaterThan(5);
    // Each priority the aim names has its outcome measure, with its own part of the aim's target, not the template's own figure:
    // CLABSI's from this template, VAP's from its own topic's template.
    expect(saved.diagram.measures.filter((m) => m.kind === "outcome").map((m) => [m.name, m.target])).toEqual([
      ["CLABSI per 1,000 central-line days", "Halve CLABSI rates"],
      ["VAP rate per 1,000 ventilator days", "Halve VAP rates"],
    ]);
    expect(saved.diagram.aim.target).toBe("Halve VAP and CLABSI rates and cut sepsis mortality by 15%");
    expect(diagramAudits(id).map((a) => a.action)).toEqual(["driver-diagram.start"]);

    // The stepper: a diagram with no lint errors is complete.
    const frame = await callLoader(layout.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER });
    expect(frame.data.steps.find((s: { key: string }) => s.key === "driver-diagram").status).toBe("complete");

    // Starting again from the same (now stale) page is a conflict, not a second diagram.
    const again = await post(id, { form: "start", intent: "start-from-template", version: "0", templateKey: "vap" });
    expect(again.status).toBe(409);
    expect(again.data.conflict.changes[0].summary).toMatch(/Started the driver diagram/);
    expect(stored(id)!.templateKey).toBe("clabsi");
  });

  it("falls back to the blank template and the template's aim when the intake has neither a known priority nor a draft aim", async () => {
    const id = newEngagement();
    const page = await load(id);
    expect(page.data.start.offers[0]).toMatchObject({ key: "blank", matchesTopPriority: false });
    expect(page.data.start.draftAim).toBeNull();
    const bad = await post(id, { form: "start", intent: "start-from-template", version: "0", templateKey: "no-such-topic" });
    expect(bad.status).toBe(400);
    expect(formAnswer(bad).errors.templateKey).toMatch(/template does not exist/);
    expect(formAnswer(bad).values.templateKey).toBe("no-such-topic");
    expect(stored(id)).toBeUndefined();
    const res = await post(id, { form: "start", intent: "start-from-template", version: "0", templateKey: "blank" });
    expect(res.status).toBe(303);
    expect(stored(id)!.diagram.aim.statement).toMatch(/^Improve … for \{population\}/);
  });

  it("seeds the demo engagement with the full VAP diagram, its aim from the demo intake", () => {
    const saved = stored(demoEngagementId())!;
    expect(saved.templateKey).toBe("vap");
    expect(saved.diagram.aim.statement).toBe(
      "Halve VAP and CLABSI rates and cut sepsis mortality by 15% for adult patients in Northshire's 14 hospitals by August 2028"
    );
    expect(saved.diagram.measures.length).toBeGreaterThanOrEqual(10);
    expect(new Set(saved.diagram.measures.map((m) => m.kind))).toEqual(new Set(["outcome", "process", "balancing"]));
  });
});

type Case = {
  intent: string;
  ok: Record<string, string>;
  check: (d: DriverDiagram) => void;
  anchor?: string;
  bad: Record<string, string>;
  field: string;
  message: RegExp;
};

// The demo diagram (VAP): n1–n4 primary, n5–n11 secondary, n12–n18 change ideas, m1–m11 the template's measures, and m12 and
// m13 the outcome measures of CLABSI and sepsis, which the aim names too.
const CASES: Case[] = [
  {
    intent: "set-aim",
    ok: {
      statement: "Reduce VAP to zero in 14 adult ICUs by June 2028",
      baseline: "7.2 per 1,000 ventilator days",
      target: "Zero",
      byWhen: "June 2028",
      population: "Adult ICUs",
    },
    check: (d) => {
      expect(d.aim).toMatchObject({ statement: "Reduce VAP to zero in 14 adult ICUs by June 2028", byWhen: "June 2028", population: "Adult ICUs" });
      // The outcome measure that had the aim's target follows it; the other keeps the template's. The aim now speaks of VAP
      // alone: the measures of CLABSI and sepsis are given no part of it, and keep theirs.
      expect(d.measures.filter((m) => m.kind === "outcome").map((m) => [m.name, m.target])).toEqual([
        ["VAP rate per 1,000 ventilator days", "Zero"],
        ["Days between VAPs", "At least 300 days"],
        ["CLABSI per 1,000 central-line days", "Halve CLABSI rates"],
        ["Sepsis mortality", "Cut sepsis mortality by 15%"],
      ]);
    },
    anchor: "aim",
    bad: { statement: "x".repeat(1001), baseline: "", target: "", byWhen: "", population: "ICUs" },
    field: "statement",
    message: /at most 1,000 characters/,
  },
  {
    intent: "add-node",
    ok: { kind: "secondary", label: "Early mobilisation", parentId: "n2", strength: "weak" },
    check: (d) =>
      expect(d.nodes.at(-1)).toEqual({
        id: "n19",
        kind: "secondary",
        label: "Early mobilisation",
        parents: [{ id: "n2", strength: "weak" }],
        assumption: false,
      }),
    anchor: "item-n19",
    bad: { kind: "change", label: "Daily huddle", parentId: "" },
    field: "parentId",
    message: /Choose the secondary driver this change idea serves/,
  },
  {
    intent: "rename-node",
    ok: { nodeId: "n1", label: "Prevent aspiration of secretions" },
    check: (d) => expect(d.nodes.find((n) => n.id === "n1")!.label).toBe("Prevent aspiration of secretions"),
    anchor: "item-n1",
    bad: { nodeId: "n1", label: "   " },
    field: "label",
    message: /The driver or change idea is required/,
  },
  {
    intent: "move-node",
    ok: { nodeId: "n2", direction: "up", underParent: "aim" },
    check: (d) => expect(d.nodes.filter((n) => n.kind === "primary").map((n) => n.id)).toEqual(["n2", "n1", "n3", "n4"]),
    anchor: "item-n2",
    bad: { nodeId: "n1", direction: "up", underParent: "aim" },
    field: "",
    message: /already first/,
  },
  {
    intent: "link-parent",
    ok: { nodeId: "n13", parentId: "n6", strength: "weak" },
    check: (d) =>
      expect(d.nodes.find((n) => n.id === "n13")!.parents).toEqual([
        { id: "n5", strength: "strong" },
        { id: "n6", strength: "weak" },
      ]),
    anchor: "item-n13",
    bad: { nodeId: "n13", parentId: "n1", strength: "strong" },
    field: "parentId",
    message: /can only serve secondary drivers/,
  },
  {
    intent: "unlink-parent",
    ok: { nodeId: "n12", parentId: "n5" },
    check: (d) => expect(d.nodes.find((n) => n.id === "n12")!.parents.map((p) => p.id)).toEqual(["n11", "n6", "n9", "n10"]),
    anchor: "item-n12",
    bad: { nodeId: "n13", parentId: "n5" },
    field: "",
    message: /serves only .* link it to another secondary driver first, or delete it/,
  },
  {
    intent: "set-link-strength",
    ok: { nodeId: "n12", parentId: "n5", strength: "strong" },
    check: (d) => expect(d.nodes.find((n) => n.id === "n12")!.parents.find((p) => p.id === "n5")!.strength).toBe("strong"),
    anchor: "item-n12",
    bad: { nodeId: "n12", parentId: "n5", strength: "medium" },
    field: "strength",
    message: /strong or weaker/,
  },
  {
    intent: "upsert-measure",
    ok: {
      measureId: "",
      kind: "process",
      name: "Bed-angle markers in place",
      attachedTo: "n13",
      definition: "Ventilated beds with a visible bed-angle marker, on a spot check.",
      numerator: "Beds with a marker",
      denominator: "Ventilated beds checked",
      source: "Spot check",
      frequency: "Weekly",
      target: "100%",
      assumption: "on",
    },
    check: (d) =>
      expect(d.measures.at(-1)).toMatchObject({
        id: "m14",
        kind: "process",
        name: "Bed-angle markers in place",
        attachedTo: "n13",
        frequency: "Weekly",
        assumption: true,
      }),
    anchor: "measure-m14",
    bad: { measureId: "", kind: "outcome", name: "VAP on ward 3", attachedTo: "n1", definition: "Typed definition" },
    field: "attachedTo",
    message: /outcome measure belongs to the aim/,
  },
  {
    intent: "delete-measure",
    ok: { measureId: "m11" },
    check: (d) => expect(d.measures.map((m) => m.id)).not.toContain("m11"),
    bad: { measureId: "m99" },
    field: "",
    message: /There is no measure m99/,
  },
  {
    intent: "set-assumption",
    ok: { itemId: "n1", assumption: "no" },
    check: (d) => expect(d.nodes.find((n) => n.id === "n1")!.assumption).toBe(false),
    anchor: "item-n1",
    bad: { itemId: "n1", assumption: "maybe" },
    field: "assumption",
    message: /Say whether/,
  },
];

describe("editing the outline", () => {
  it.each(CASES)("$intent saves a new version with an audit row, and explains a bad form next to its field keeping what was typed", async (c) => {
    const id = demoEngagementId();
    const form = `test-${c.intent}`;

    const bad = await post(id, { form, intent: c.intent, version: "1", ...c.bad });
    expect(bad.status).toBe(400);
    expect(formAnswer(bad).values.form).toBe(form);
    expect(formAnswer(bad).errors[c.field]).toMatch(c.message);
    expect(formAnswer(bad).values).toMatchObject(c.bad);
    expect(stored(id)!.version).toBe(1);

    const ok = await post(id, { form, intent: c.intent, version: "1", ...c.ok }, { query: "?tab=measures&wide=1" });
    expect(ok.status).toBe(303);
    // Back to the page as it was, at the item changed; the aim, shown only on its own tab, on that tab.
    const tab = c.anchor === "aim" ? "aim" : "measures";
    expect(ok.location).toBe(`/engagements/${id}/driver-diagram?tab=${tab}&wide=1${c.anchor ? `#${c.anchor}` : ""}`);
    const after = stored(id)!;
    expect(after.version).toBe(2);
    c.check(after.diagram);
    const audits = diagramAudits(id);
    expect(audits.at(-1)).toMatchObject({ action: `driver-diagram.${c.intent}`, userId: userIdByEmail(MANAGER) });
    expect(JSON.parse(audits.at(-1)!.detailJson)).toMatchObject({ version: 2, summary: expect.any(String) });
  });

  it("refuses a form for an unknown action or without a version, saving nothing", async () => {
    const id = demoEngagementId();
    const unknown = await post(id, { intent: "drop-table", version: "1" });
    expect(unknown.status).toBe(400);
    expect(formAnswer(unknown).errors[""]).toMatch(/not something this page can do/);
    const noVersion = await post(id, { intent: "rename-node", nodeId: "n1", label: "New" });
    expect(noVersion.status).toBe(400);
    expect(formAnswer(noVersion).errors[""]).toMatch(/reload the page/);
    expect(stored(id)!.version).toBe(1);
  });

  it("lets leaders read but not change it", async () => {
    const id = demoEngagementId();
    const page = await load(id, "", "leader@demo.test");
    expect(page.status).toBe(200);
    expect(page.data.canEdit).toBe(false);
    const res = await post(id, { intent: "rename-node", version: "1", nodeId: "n1", label: "Changed" }, { as: "leader@demo.test" });
    expect(res.status).toBe(403);
    expect(stored(id)!.diagram.nodes[0]!.label).toBe("Prevent aspiration");
  });
});

describe("deleting a driver", () => {
  it("asks for confirmation, saying what goes with it and what stays, then deletes exactly that", async () => {
    const id = demoEngagementId();
    const before = stored(id)!;
    const confirm = await load(id, "?delete=n1");
    const deletion = confirm.data.diagram.deletion;
    expect(deletion.node.id).toBe("n1");
    expect(deletion.alsoDeleted.map((n: { id: string }) => n.id)).toEqual(["n5", "n6", "n13", "n14"]);
    expect(deletion.measures.map((m: { id: string }) => m.id)).toEqual(["m4", "m5"]);
    expect(deletion.kept.map((k: { node: { id: string } }) => k.node.id)).toEqual(["n12"]);
    expect(deletion.message).toMatch(/^Deleting the primary driver “Prevent aspiration” also deletes 2 secondary drivers .* 2 change ideas .* and 2 measures/);
    expect(deletion.message).toMatch(/“Ventilator bundle checklist built into the ward-r…” stays: it also serves “Multidisciplinary rounds/);
    // Looking at the confirmation changes nothing.
    expect(stored(id)).toEqual(before);

    const unconfirmed = await post(id, { form: "delete-n1", intent: "delete-node", version: "1", nodeId: "n1" }, { query: "?delete=n1" });
    expect(unconfirmed.status).toBe(400);
    expect(formAnswer(unconfirmed).errors.confirm).toMatch(/Confirm the deletion/);
    expect(stored(id)!.version).toBe(1);

    const res = await post(id, { form: "delete-n1", intent: "delete-node", version: "1", nodeId: "n1", confirm: "yes" }, { query: "?delete=n1" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/engagements/${id}/driver-diagram#outline`);
    const after = stored(id)!.diagram;
    const ids = after.nodes.map((n) => n.id);
    for (const gone of ["n1", "n5", "n6", "n13", "n14"]) expect(ids).not.toContain(gone);
    expect(after.measures.map((m) => m.id)).not.toEqual(expect.arrayContaining(["m4"]));
    expect(after.measures.map((m) => m.id)).not.toContain("m5");
    expect(after.nodes.find((n) => n.id === "n12")!.parents.map((p) => p.id)).toEqual(["n11", "n9", "n10"]);
    expect(JSON.parse(diagramAudits(id).at(-1)!.detailJson).summary).toBe("Deleted “Prevent aspiration” and 6 items with it.");
  });
});

describe("two people editing at once", () => {
  it("lets exactly one of two saves from the same version through; the other gets 409 with what changed and keeps what was typed", async () => {
    const id = demoEngagementId();
    const [a, b] = await Promise.all([
      post(id, { form: "rename-n1@aim", intent: "rename-node", version: "1", nodeId: "n1", label: "Keep secretions out of the lungs" }),
      post(id, { form: "rename-n2@aim", intent: "rename-node", version: "1", nodeId: "n2", label: "Shorter time on the ventilator" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const loser = a.status === 409 ? a : b;
    expect(formAnswer(loser).values.label).toBe(a.status === 409 ? "Keep secretions out of the lungs" : "Shorter time on the ventilator");
    expect(loser.data.conflict).toEqual({
      message: expect.stringMatching(/someone else saved the driver diagram first/),
      changes: [{ by: "Maya Okafor", at: expect.any(String), version: 2, summary: expect.stringMatching(/^Renamed “Minimise|^Renamed “Prevent/) }],
    });
    const saved = stored(id)!;
    expect(saved.version).toBe(2);
    expect(diagramAudits(id).filter((x) => x.action === "driver-diagram.rename-node")).toHaveLength(1);

    // Saved again from the version it now shows, the second change goes through on top of the first.
    const retry = await post(id, { intent: "rename-node", version: "2", nodeId: loser === a ? "n1" : "n2", label: String(formAnswer(loser).values.label) });
    expect(retry.status).toBe(303);
    const labels = stored(id)!
      .diagram.nodes.slice(0, 2)
      .map((n) => n.label);
    expect(labels).toEqual(["Keep secretions out of the lungs", "Shorter time on the ventilator"]);
  });

  it("loaders never write", async () => {
    const id = demoEngagementId();
    const audits = () => db().get<{ n: number }>(sql`select count(*) as n from audit_log`)!.n;
    const before = { audits: audits(), diagram: stored(id) };
    await load(id, "?tab=table&delete=n3&measures=names&wide=1");
    await download(csvRoute.loader, id, "csv");
    await download(mmdRoute.loader, id, "mmd");
    expect({ audits: audits(), diagram: stored(id) }).toEqual(before);
  });
});

describe("CSV and mermaid downloads", () => {
  it("are attachments with a server-built name that are never cached", async () => {
    const id = demoEngagementId();
    const csv = await download(csvRoute.loader, id, "csv", "leader@demo.test");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe(
      `attachment; filename="northshire-patient-safety-partnership-driver-diagram.csv"; filename*=UTF-8''northshire-patient-safety-partnership-driver-diagram.csv`
    );
    expect(csv.headers.get("Cache-Control")).toBe("no-store");
    expect(csv.data).toMatch(/^\uFEFF?kind,id,label,parents,strength,attached_to/);

    const mmd = await download(mmdRoute.loader, id, "mmd");
    expect(mmd.status).toBe(200);
    expect(mmd.headers.get("Content-Disposition")).toBe(
      `attachment; filename="northshire-patient-safety-partnership-driver-diagram.mmd"; filename*=UTF-8''northshire-patient-safety-partnership-driver-diagram.mmd`
    );
    expect(mmd.headers.get("Cache-Control")).toBe("no-store");
    expect(mmd.data).toMatch(/^flowchart LR\n {2}aim\["Aim<br\/>/);
  });

  it("round-trips the outline: export, upload into another engagement, export the same file", async () => {
    const source = demoEngagementId();
    const first = (await download(csvRoute.loader, source, "csv")).data as string;
    const target = newEngagement();
    const res = await upload(target, first, "0");
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/engagements/${target}/driver-diagram?tab=csv`);
    expect(stored(target)!.diagram).toEqual(stored(source)!.diagram);
    expect((await download(csvRoute.loader, target, "csv")).data).toBe(first);

    // Uploading over an existing diagram replaces it, as a new version.
    const edited = first.replace("Prevent aspiration", "Prevent aspiration (edited in a spreadsheet)");
    const replaced = await upload(source, edited, "1");
    expect(replaced.status).toBe(303);
    expect(stored(source)).toMatchObject({ version: 2, templateKey: "vap" });
    expect(stored(source)!.diagram.nodes[0]!.label).toBe("Prevent aspiration (edited in a spreadsheet)");
    expect(diagramAudits(source).at(-1)!.action).toBe("driver-diagram.import-csv");

    // One of each is counted as one.
    const small = [
      "kind,id,label,parents,strength,attached_to,measure_kind",
      "aim,,Reduce VAP by half by 2028,,,,",
      "primary,n1,Prevent aspiration,,,,",
      "measure,m1,VAP rate,,,aim,outcome",
    ].join("\n");
    expect((await upload(source, small, "2")).status).toBe(303);
    expect(JSON.parse(diagramAudits(source).at(-1)!.detailJson).summary).toBe(
      "Replaced the driver diagram from a CSV file: 1 driver or change idea, 1 measure."
    );
  });

  it("rejects a bad CSV with the line of each problem, writing nothing", async () => {
    const id = demoEngagementId();
    const before = stored(id);
    const audits = diagramAudits(id).length;
    const bad = [
      "kind,id,label,parents,strength,attached_to,measure_kind",
      "aim,,Reduce VAP by half by 2028,,,,",
      "primary,n1,Prevent aspiration,,,,",
      "secondary,n2,Head of bed up,n9,strong,,",
      "change,n3,Bed-angle marker,n2,medium,,",
      "measure,m1,VAP rate,,,n1,outcome",
      "planet,n4,Mars,,,,",
    ].join("\n");
    const res = await upload(id, bad, "1");
    expect(res.status).toBe(400);
    expect(res.data.csvErrors).toEqual([
      { line: 5, message: "Each “strength” must be strong or weak." },
      { line: 7, message: expect.stringMatching(/kind “planet” is not one of/) },
    ]);
    expect(formAnswer(res).errors.file).toMatch(/2 problems/);
    expect(stored(id)).toEqual(before);
    expect(diagramAudits(id)).toHaveLength(audits);

    const structural = await upload(
      id,
      bad
        .split("\n")
        .filter((l) => !/medium|planet/.test(l))
        .join("\n"),
      "1"
    );
    expect(structural.status).toBe(400);
    expect(structural.data.csvErrors).toEqual(
      expect.arrayContaining([
        { line: 4, message: expect.stringMatching(/parent n9 does not exist/) },
        { line: 5, message: expect.stringMatching(/outcome measure belongs to the aim/) },
      ])
    );
    expect(stored(id)).toEqual(before);

    const empty = await upload(id, "", "1");
    expect(empty.status).toBe(400);
    expect(formAnswer(empty).errors.file).toMatch(/Choose a CSV file/);
  });
});

describe("hostile labels", () => {
  const HOSTILE = `<img src=x onerror=alert(1)> <script>alert("x")</script> %%{init: {"securityLevel":"loose"}}%% click n1 call alert() "quoted" [brackets] (parens) {braces} ;-- \u0007bell`;

  it("are stored as text, drawn only as escaped text and round-trip through CSV", async () => {
    const id = demoEngagementId();
    const cookie = sessionCookie(MANAGER);
    const res = await post(id, { intent: "rename-node", version: "1", nodeId: "n1", label: HOSTILE }, { cookie });
    expect(res.status).toBe(303);
    const label = stored(id)!.diagram.nodes[0]!.label;
    expect(label).toBe(HOSTILE.replace("\u0007", ""));

    const page = await load(id, "?measures=names");
    const mermaid: string = page.data.diagram.mermaid;
    expect(mermaid.split("\n")[0]).toBe("flowchart LR");
    for (const raw of ["<img", "<script", "%%", "{init", "onerror=alert(1)>", '"quoted"', "[brackets]", "click n1"]) expect(mermaid).not.toContain(raw);
    expect(mermaid).not.toMatch(/\u0007/);
    // Every node line is one quoted, entity-encoded label.
    for (const line of mermaid
      .split("\n")
      .slice(1)
      .filter((l) => /^\s+[a-z]+\d*[[(]/.test(l)))
      expect(line).toMatch(/^\s+\w+(\[|\(|\(\[)"[^"]*"(\]|\)|\]\))$/);

    expect(await messageAfter(res, cookie)).toContain("<img src=x onerror=alert(1)>");

    const csv = (await download(csvRoute.loader, id, "csv")).data as string;
    const copy = newEngagement();
    expect((await upload(copy, csv, "0")).status).toBe(303);
    expect(stored(copy)!.diagram.nodes[0]!.label).toBe(label);
  });

  it("too long to keep: refused with the limit, the text kept in the form", async () => {
    const id = demoEngagementId();
    const long = "<b>".repeat(3500);
    const res = await post(id, { form: "rename-n1@aim", intent: "rename-node", version: "1", nodeId: "n1", label: long });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.label).toBe("The driver or change idea must be at most 500 characters.");
    expect(formAnswer(res).values.label).toBe(long);
    expect(stored(id)!.version).toBe(1);
  });
});

describe("the stepper", () => {
  it("tells the manager of a priority the aim names that no outcome measure measures, beside the diagram", async () => {
    const id = demoEngagementId();
    expect((await load(id)).data.diagram.findings.map((f: { code: string }) => f.code)).not.toContain("aim-part-without-measure");
    // The measure of CLABSI deleted: the aim still halves CLABSI rates, and the plan would not say how.
    expect((await post(id, { intent: "delete-measure", version: "1", measureId: "m12" })).status).toBe(303);
    expect((await load(id)).data.diagram.findings).toContainEqual(
      expect.objectContaining({
        code: "aim-part-without-measure",
        severity: "warning",
        message:
          "The aim speaks of CLABSI, but no outcome measure measures it. Add one with “Halve CLABSI rates” as its target, so that the plan measures the whole aim.",
      })
    );
    // The proposal cannot be shared until it is measured, so the step is not complete either.
    const step = (await callLoader(layout.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER })).data.steps.find(
      (s: { key: string }) => s.key === "driver-diagram"
    );
    expect(step).toMatchObject({ status: "in_progress", words: "In progress" });
    expect((await load(id)).data.diagram.status).toBe("in_progress");
  });

  it("shows the diagram step complete without lint errors, in progress with one", async () => {
    const id = demoEngagementId();
    const status = async () =>
      (await callLoader(layout.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER })).data.steps.find(
        (s: { key: string }) => s.key === "driver-diagram"
      ).status;
    expect(await status()).toBe("complete");
    // Every outcome measure: VAP's two, CLABSI's and sepsis's.
    for (const [at, measureId] of ["m1", "m2", "m12", "m13"].entries())
      expect((await post(id, { intent: "delete-measure", version: String(at + 1), measureId })).status).toBe(303);
    expect(await status()).toBe("in_progress");
    const page = await load(id);
    expect(page.data.diagram.findings[0]).toMatchObject({ code: "no-outcome-measure", severity: "error" });
  });
});
