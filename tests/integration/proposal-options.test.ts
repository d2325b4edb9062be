import { and, asc, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { approvalRequests, auditLog, bookings, engagements, intakes, organisations, partnerResponses, proposalVersions, timelines } from "../../db/schema";
import { fingerprintText } from "~/domain/proposal-content";
import { diffSnapshots } from "~/domain/proposal-diff";
import { money } from "~/domain/money";
import { aboutFigure } from "~/domain/exchange-rate";
import { decideApproval, resourcingOf, submitForApproval } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { optionFees } from "~/models/proposal-options.server";
import { shareVersion } from "~/models/sharing.server";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { buildSnapshot } from "~/models/snapshot.server";
import { buildProposal } from "~/domain/proposal";
import { internalBriefing, partnerEdition } from "~/domain/proposal-audience";
import { getProposalWording } from "~/services/templates.server";
import { action as proposalAction, loader as proposalLoader } from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId, setBudget } from "../helpers/fixtures";
import { BASE, callAction, callLoader, formAnswer, sessionCookie } from "../helpers/requests";

useTestDatabase();

const MANAGER = "manager@demo.test";

const page = async (id: number) =>
  (await callLoader(proposalLoader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data;
const post = (id: number, form: Record<string, string>) =>
  callAction(proposalAction as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) }, form });

type OptionRow = { id: number; version: number; name: string; fee: number; months: number; fteMonths: number; largest: boolean; applied: string[] };

/** Two options on the demo proposal: Core as planned, and Virtual with its learning sessions held online. */
async function twoOptions(id: number): Promise<OptionRow[]> {
  for (const [name, scope] of [
    ["Core", "The collaborative as planned, with in-person learning sessions."],
    ["Virtual", "The same collaborative with its learning sessions held online."],
  ])
    expect(
      (await post(id, { form: "option-new", intent: "add-option", name, scope, leavesOut: name === "Virtual" ? "Travel to learning sessions." : "" })).status
    ).toBe(303);
  const virtual = (await page(id)).options.options[1] as OptionRow;
  const res = await post(id, {
    form: `option-${virtual.id}`,
    intent: "apply-option-lever",
    option: String(virtual.id),
    version: String(virtual.version),
    lever: "virtual_sessions",
  });
  expect(res.status).toBe(303);
  return (await page(id)).options.options;
}

describe("options on the Proposal page", () => {
  it("each carries its own levers and fee: the option with events held online costs less, and the other is the largest", async () => {
    const id = demoEngagementId();
    expect((await page(id)).options.options).toEqual([]);
    const [core, virtual] = await twoOptions(id);
    expect(core!.applied).toEqual([]);
    expect(virtual!.applied).toEqual(["events held online"]);
    expect(virtual!.fee).toBeLessThan(core!.fee);
    expect(virtual!.months).toBe(core!.months);
    // An option runs as long as the draft says its plan runs, counted the same way.
    const summary = JSON.stringify((await page(id)).content.sections.find((x: { key: string }) => x.key === "executive-summary"));
    expect(summary).toContain(`runs for ${core!.months} months`);
    // And as the proposal's own table of each option states it.
    expect(JSON.stringify((await page(id)).content.sections)).toContain(`"Duration","${core!.months} months, `);
    // The summary's staff figures are the largest option's, and it says so; the partner reads the same.
    const lead = (await page(id)).content.sections.find((x: { key: string }) => x.key === "executive-summary").blocks;
    const said = JSON.stringify(lead);
    expect(said).toContain(`would commit ${core!.fteMonths} FTE-months of its faculty`);
    expect(said).toContain("These figures are for Option A: Core, the option that asks most of our staff.");
    // Each card's FTE-months are the figure the proposal's table of our staff for each option states.
    const staffRows = JSON.stringify((await page(id)).content.sections);
    expect(staffRows).toContain(`["Option A: Core","${core!.fteMonths}",`);
    expect(staffRows).toContain(`["Option B: Virtual","${virtual!.fteMonths}",`);
    expect(core!.largest).toBe(true);
    expect(virtual!.largest).toBe(false);
    const audit = db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, id)))
      .all()
      .map((a) => a.action);
    expect(audit.filter((a) => a.startsWith("option."))).toEqual(["option.add", "option.add", "option.lever"]);
  });

  it("an option at a collaborative's smallest first wave is offered no fewer sites, and says why", async () => {
    const id = demoEngagementId();
    const [core] = await twoOptions(id);
    const offered = (o: { levers: { lever: string }[] }) => o.levers.map((l) => l.lever);
    expect(offered((await page(id)).options.options[0])).toContain("fewer_sites");
    expect(
      (
        await post(id, {
          form: `option-${core!.id}`,
          intent: "apply-option-lever",
          option: String(core!.id),
          version: String(core!.version),
          lever: "fewer_sites",
        })
      ).status
    ).toBe(303);
    const after = (await page(id)).options.options[0] as OptionRow & { levers: { lever: string }[]; withheld: string[] };
    // The demo's 14 sites go down to a collaborative's 12, no further (docs/domain.md §8.8).
    expect(after.applied).toEqual(["12 sites in the first wave"]);
    expect(offered(after)).not.toContain("fewer_sites");
    expect(after.withheld).toEqual([
      "Fewer sites in the first wave is not offered: a collaborative's first wave takes at least 12 sites, and the plan takes 12 sites.",
    ]);
  });

  it("a lever that would take an option past the partner's hard deadline says so, and by how much", async () => {
    const id = demoEngagementId();
    await twoOptions(id);
    // The partner's hard deadline is the plan's own deadline point: the plan keeps it, with no room to spare.
    const row = db().select({ dataJson: timelines.dataJson }).from(timelines).where(eq(timelines.engagementId, id)).get()!;
    const plan = JSON.parse(row.dataJson) as { items: { id: string; start: string; end: string; kind: string }[]; span: { to: string }; generatedFrom: object };
    const point = plan.items.find((i) => i.id === plan.span.to)!;
    const deadline = point.kind === "milestone" ? point.start : point.end;
    plan.generatedFrom = { ...plan.generatedFrom, horizonMonths: null, hardDeadline: deadline, aimBy: null };
    db()
      .update(timelines)
      .set({ dataJson: JSON.stringify(plan) })
      .where(eq(timelines.engagementId, id))
      .run();

    const core = (await page(id)).options.options[0] as OptionRow & {
      levers: { lever: string; timeBreach: string | null }[];
      raising: { lever: string; timeBreach: string | null }[];
    };
    // A longer phasing raises the fee: it is listed apart from the levers that close the gap, never among them.
    expect(core.levers.map((l) => l.lever)).not.toContain("longer_phasing");
    const phasing = core.raising.find((l) => l.lever === "longer_phasing")!;
    expect(phasing.timeBreach).toMatch(/^It would run \d+ months? past the partner's hard deadline \(\d{1,2} [A-Z][a-z]+ \d{4}\)\.$/);
    expect(core.levers.filter((l) => l.lever !== "longer_phasing").map((l) => l.timeBreach)).toEqual(
      core.levers.filter((l) => l.lever !== "longer_phasing").map(() => null)
    );
  });

  it("a version freezes each option's fee and schedule, and states and is judged on the largest option's plan", async () => {
    const id = demoEngagementId();
    const [core, virtual] = await twoOptions(id);
    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    expect(snapshot.options?.map((o) => [o.key, o.name, o.price.fee])).toEqual([
      ["A", "Core", core!.fee],
      ["B", "Virtual", virtual!.fee],
    ]);
    for (const o of snapshot.options!) expect(o.price.schedule.reduce((s, i) => s + i.amount, 0)).toBe(o.price.fee);
    expect(snapshot.options![1]!.leavesOut).toBe("Travel to learning sessions.");
    expect(snapshot.demand).toEqual(snapshot.options![0]!.demand);
    expect(snapshot.price?.fee).toBe(core!.fee);
    expect(resourcingOf(snapshot).fteMonths).toBe(snapshot.options![0]!.fteMonths);
    expect(snapshot.options![1]!.facultyDays).toBeLessThan(snapshot.options![0]!.facultyDays);
  });

  it("gives each option its own schedule by the plan's length, and names in the internal briefing each option's loss", async () => {
    const id = demoEngagementId();
    // Northshire as a nation, whose 5% discount takes the rules' fee below the cost build-up.
    const org = db().select({ o: engagements.organisationId }).from(engagements).where(eq(engagements.id, id)).get()!.o;
    db().update(organisations).set({ kind: "nation" }).where(eq(organisations.id, org)).run();
    for (const name of ["Core", "Phased"])
      expect((await post(id, { form: "option-new", intent: "add-option", name, scope: `${name} scope.`, leavesOut: "" })).status).toBe(303);
    const phased = (await page(id)).options.options[1] as OptionRow;
    const lever = { form: `option-${phased.id}`, intent: "apply-option-lever", option: String(phased.id), version: String(phased.version) };
    expect((await post(id, { ...lever, lever: "longer_phasing" })).status).toBe(303);
    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    const [a, b] = snapshot.options!;
    expect(a!.months).toBeLessThanOrEqual(18);
    expect(b!.months).toBeGreaterThan(18);
    const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Version 1" });
    const rowsOf = (caption: string) => {
      const t = partnerEdition(content)
        .sections.find((x) => x.title === "Options")!
        .subsections!.flatMap((x) => x.blocks)
        .find((x) => x.type === "table" && x.caption === caption);
      return t?.type === "table" ? t.rows.map((r) => r[0]) : [];
    };
    expect(rowsOf("Payment schedule: Option A: Core")).toEqual([
      "On signature of the agreement",
      "At the start of the work",
      "At the midpoint of the work",
      "On completion of the work",
    ]);
    expect(rowsOf("Payment schedule: Option B: Phased")).toEqual([
      "On signature of the agreement",
      expect.stringMatching(/^End of year 1 of the work/),
      expect.stringMatching(/^End of year 2 of the work/),
    ]);
    const annex = internalBriefing(content).sections.at(-1)!;
    const ours = JSON.stringify(annex.subsections!.find((x) => x.title === "Options")!.blocks);
    for (const o of [a!, b!])
      expect(ours).toContain(
        JSON.stringify([
          `Option ${o.key}: ${o.name}`,
          `The fee the pricing rules give, with their 5% discount for this kind of partner, is ${money(
            o.price.internal.buildUp - o.price.fee,
            "USD"
          )} below our cost build-up of ${money(o.price.internal.buildUp, "USD")}: we would do the work at a loss.`,
        ])
      );
    expect(JSON.stringify(partnerEdition(content).sections)).not.toMatch(/at a loss|cost build-up/);
  });

  it("a proposal without options freezes none, as before", async () => {
    const snapshot = buildSnapshot(db(), demoEngagementId(), "2026-12-01", "2026-12");
    expect(snapshot.options).toBeUndefined();
  });

  it("refuses an option without a scope next to the field, keeping the name typed", async () => {
    const id = demoEngagementId();
    const res = await post(id, { form: "option-new", intent: "add-option", name: "Phased", scope: "  ", leavesOut: "" });
    expect(res.status).toBe(400);
    const answer = formAnswer(res);
    expect(answer.errors.scope).toBe("The scope is required.");
    expect(answer.values.name).toBe("Phased");
    expect((await page(id)).options.options).toEqual([]);
  });

  it("offers at most three, with names of their own", async () => {
    const id = demoEngagementId();
    await twoOptions(id);
    const same = await post(id, { form: "option-new", intent: "add-option", name: "core", scope: "Again." });
    expect(formAnswer(same).errors.name).toMatch(/already has that name/);
    expect((await post(id, { form: "option-new", intent: "add-option", name: "Phased", scope: "Over longer." })).status).toBe(303);
    const fourth = await post(id, { form: "option-new", intent: "add-option", name: "Fourth", scope: "One too many." });
    expect(fourth.status).toBe(400);
    expect(formAnswer(fourth).errors[""]).toBe("A proposal offers at most 3 options. Remove one before adding another.");
  });

  it("renames and removes an option; a stale page is told so", async () => {
    const id = demoEngagementId();
    const [core, virtual] = await twoOptions(id);
    const edit = { form: `option-${core!.id}`, intent: "edit-option", option: String(core!.id), version: String(core!.version) };
    expect((await post(id, { ...edit, name: "Core collaborative", scope: "As planned.", leavesOut: "" })).status).toBe(303);
    const stale = await post(id, { ...edit, name: "Core again", scope: "As planned.", leavesOut: "" });
    expect(stale.status).toBe(409);
    const remove = { form: `option-${virtual!.id}`, intent: "remove-option", option: String(virtual!.id), version: String(virtual!.version) };
    // Without its tick a removal is refused next to the box, and the option stays.
    const unticked = await post(id, remove);
    expect(unticked.status).toBe(400);
    expect(formAnswer(unticked).errors.confirm).toBe("Tick the box to confirm: removing an option cannot be undone.");
    expect(((await page(id)).options.options as OptionRow[]).map((o) => o.name)).toEqual(["Core collaborative", "Virtual"]);
    expect((await post(id, { ...remove, confirm: "on" })).status).toBe(303);
    const left = (await page(id)).options.options as OptionRow[];
    expect(left.map((o) => [o.name, o.largest])).toEqual([["Core collaborative", false]]);
  });

  it("takes the fee and its levers off the proposal-wide panel once options exist: they are the options' own", async () => {
    const id = demoEngagementId();
    await twoOptions(id);
    const budget = (await page(id)).budget;
    expect(budget.offersOptions).toBe(true);
    expect(budget.levers).toEqual([]);
    const res = await post(id, {
      form: "budget",
      intent: "set-fee",
      version: String(budget.version),
      fee: "500000",
      reason: "Agreed with the partner's board.",
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors[""]).toMatch(/offers options/);
  });
});

describe("the partner chooses one option when accepting", () => {
  const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
  const leader = () => ({ id: userIdByEmail("leader@demo.test"), role: "leader" as const, organisationId: null });
  const booked = (id: number) =>
    db()
      .select({ role: bookings.role, month: bookings.month, fte: bookings.fte, status: bookings.status })
      .from(bookings)
      .where(eq(bookings.engagementId, id))
      .orderBy(asc(bookings.role), asc(bookings.month))
      .all();
  const demandOf = (demand: { role: string; month: string; fte: number }[], status: string) =>
    [...demand].sort((a, b) => a.role.localeCompare(b.role) || a.month.localeCompare(b.month)).map((d) => ({ ...d, status }));
  const respond = (id: number, number: number, extra: Record<string, string>) =>
    callAction(partnerPage.action, {
      path: `/partner/engagements/${id}`,
      params: { id: String(id) },
      as: "partner@demo.test",
      form: {
        intent: "respond",
        number: String(number),
        response: "accepted",
        reason: "",
        signerName: "Helen Marsh",
        signerTitle: "Chief Executive",
        confirm: "on",
        ...extra,
      },
    });

  it(
    "books the chosen option and releases the others; leadership's approval confirms it; the documents name the option, the signer and the fingerprint",
    { timeout: 120_000 },
    async () => {
      const id = demoEngagementId();
      await twoOptions(id);
      const version = createVersion(manager(), id, "2026-12-01", "2026-12");
      shareVersion(manager(), id, version.number);
      const row = db().select().from(proposalVersions).where(eq(proposalVersions.id, version.id)).get()!;
      const snapshot = JSON.parse(row.snapshotJson);
      const [core, virtual] = snapshot.options;
      // Until the partner chooses, the largest option is held tentatively.
      expect(booked(id)).toEqual(demandOf(core.demand, "tentative"));

      // The page offers both options by name and fee; accepting without choosing is refused beside the choice, keeping the signature typed.
      const page = await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}`, params: { id: String(id) }, as: "partner@demo.test" });
      expect(page.data.options.map((o: { label: string }) => o.label)).toEqual([
        expect.stringMatching(/^Option A: Core, for a fee of USD/),
        expect.stringMatching(/^Option B: Virtual, for a fee of USD/),
      ]);
      expect(page.data.content.sections.map((s: { title: string }) => s.title)).toContain("Options");
      const none = await respond(id, version.number, {});
      expect(none.status).toBe(400);
      expect(formAnswer(none).errors.option).toBe("Choose one of the 2 options you accept: Option A: Core, Option B: Virtual.");
      expect(formAnswer(none).values.signerName).toBe("Helen Marsh");
      // Everything missing is said at once, each beside its field, not one correction per attempt.
      const empty = await respond(id, version.number, { signerName: "", signerTitle: "", confirm: "" });
      expect(empty.status).toBe(400);
      expect(formAnswer(empty).errors).toMatchObject({
        option: "Choose one of the 2 options you accept: Option A: Core, Option B: Virtual.",
        signerName: "Type your name as you sign the acceptance.",
        signerTitle: "Type your title, as it should appear in the acceptance record.",
        confirm: "Tick the box to confirm that you accept this version for your organisation.",
      });

      expect((await respond(id, version.number, { option: "B" })).status).toBe(303);
      const response = db().select().from(partnerResponses).where(eq(partnerResponses.proposalVersionId, version.id)).get()!;
      expect(response).toMatchObject({ optionKey: "B", signerName: "Helen Marsh", fingerprint: row.contentHash });
      expect(response.optionLabel).toBe(page.data.options[1].label);
      expect(booked(id)).toEqual(demandOf(virtual.demand, "tentative"));
      // The manager's Review page says what was accepted and who signed, as the partner's own page does.
      const review = await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: "manager@demo.test" });
      expect(review.data.responses[0]).toMatchObject({
        response: "accepted",
        accepted: page.data.options[1].label,
        signerName: "Helen Marsh",
        signerTitle: "Chief Executive",
      });

      // Submitting keeps the choice; approval confirms the chosen option's bookings, not the largest's.
      const requestId = submitForApproval(manager(), id, version.number);
      expect(booked(id)).toEqual(demandOf(virtual.demand, "tentative"));
      const request = db().select().from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!;
      for (const who of [leader(), { id: userIdByEmail("leader2@demo.test"), role: "leader" as const, organisationId: null }].slice(
        0,
        request.requiredApprovals
      )) {
        const current = db().select({ version: approvalRequests.version }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!;
        decideApproval(who, requestId, { decision: "approve", conditions: "", reason: "Fits.", acknowledgedConflict: true, requestVersion: current.version });
      }
      expect(booked(id)).toEqual(demandOf(virtual.demand, "confirmed"));

      const res = (await docxRoute.loader({
        request: new Request(`${BASE}/engagements/${id}/versions/${version.number}/docx`, { headers: { Cookie: sessionCookie("partner@demo.test") } }),
        params: { id: String(id), number: String(version.number) },
        context: {},
      })) as Response;
      expect(res.status).toBe(200);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const text = strFromU8(files["word/document.xml"]!).replace(/<[^>]+>/g, "");
      expect(text).toContain(response.optionLabel);
      expect(text).toContain("Helen Marsh");
      expect(text).toContain(fingerprintText(row.contentHash));
      expect(text).toContain("Payment schedule: Option B: Virtual");
    }
  );

  it("needs no choice when the version offers one scope, and records the proposal as described", async () => {
    const id = demoEngagementId();
    const version = createVersion(manager(), id, "2026-12-01", "2026-12");
    shareVersion(manager(), id, version.number);
    expect((await respond(id, version.number, {})).status).toBe(303);
    const response = db().select().from(partnerResponses).where(eq(partnerResponses.proposalVersionId, version.id)).get()!;
    expect(response.optionKey).toBe("");
    expect(response.optionLabel).toMatch(/^The proposal as described, for a fee of USD/);
  });
});

describe("the partner's choice of option, with a budget in their own currency", () => {
  const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
  it("offers each option's fee as the document states it, with its equivalent in that currency", { timeout: 60_000 }, async () => {
    const id = demoEngagementId();
    await twoOptions(id);
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR", budgetSecured: "yes" });
    db()
      .update(engagements)
      .set({
        exchangeRate: 0.92,
        exchangeRateFrom: "USD",
        exchangeRateTo: "EUR",
        exchangeRateOn: "2026-11-30",
        exchangeRateSource: "European Central Bank reference rate",
      })
      .where(eq(engagements.id, id))
      .run();
    const version = createVersion(manager(), id, "2026-12-01", "2026-12");
    shareVersion(manager(), id, version.number);
    const snapshot = JSON.parse(db().select().from(proposalVersions).where(eq(proposalVersions.id, version.id)).get()!.snapshotJson);
    expect(snapshot.exchangeRate).toMatchObject({ rate: 0.92, to: "EUR" });
    const offered = (await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}`, params: { id: String(id) }, as: "partner@demo.test" })).data
      .options;
    expect(offered.map((o: { label: string }) => o.label)).toEqual(
      snapshot.options.map(
        (o: { key: string; name: string; price: { fee: number } }) =>
          `Option ${o.key}: ${o.name}, for a fee of ${money(o.price.fee, "USD")} (about ${money(aboutFigure(o.price.fee * 0.92), "EUR")})`
      )
    );
  });
});

/** Eastmere's intake with its budget's maximum raised, as the intake form would save it. */
function setEastmereBudget(id: number, max: number) {
  const row = db().select({ dataJson: intakes.dataJson }).from(intakes).where(eq(intakes.engagementId, id)).get()!;
  const intake = JSON.parse(row.dataJson);
  intake.budget = { ...intake.budget, budgetMax: max };
  db()
    .update(intakes)
    .set({ dataJson: JSON.stringify(intake) })
    .where(eq(intakes.engagementId, id))
    .run();
}

describe("the demo", () => {
  it("compares each of Eastmere's options with its budget in the manager's Fee and budget panel, not the plan it is not offered", async () => {
    const eastmere = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
    const fees = optionFees(db(), eastmere, "2026-12");
    const { budget, options } = await page(eastmere);
    expect(budget.offersOptions).toBe(true);
    // Eastmere's budget is USD 800,000: both options are above it, each by its own gap, each in red.
    expect(budget.offered).toEqual([
      expect.objectContaining({
        option: "Option A: Core",
        fee: fees[0]!.fee,
        tone: "danger",
        description: `Option A: Core. The fee is ${money(fees[0]!.fee, "USD")}, ${money(fees[0]!.fee - 800_000, "USD")} above the partner's budget.`,
      }),
      expect.objectContaining({
        option: "Option B: Virtual",
        fee: fees[1]!.fee,
        tone: "danger",
        description: `Option B: Virtual. The fee is ${money(fees[1]!.fee, "USD")}, ${money(fees[1]!.fee - 800_000, "USD")} above the partner's budget.`,
      }),
    ]);
    // The same fees as the Options panel beside it states.
    expect(options.options.map((o: OptionRow) => o.fee)).toEqual(fees.map((f) => f.fee));
    expect(budget.levers).toEqual([]);

    // With the budget raised to Virtual's fee, its line reads plainly and Core's alone is red.
    setEastmereBudget(eastmere, fees[1]!.fee);
    const after = (await page(eastmere)).budget;
    expect(after.offered.map((o: { option: string; tone: string }) => [o.option, o.tone])).toEqual([
      ["Option A: Core", "danger"],
      ["Option B: Virtual", "plain"],
    ]);
    expect(after.offered[1].description).toBe(`Option B: Virtual. The fee is ${money(fees[1]!.fee, "USD")}, within the partner's budget.`);
  });

  it("offers Eastmere's next version two options with different fees", async () => {
    const eastmere = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
    const fees = optionFees(db(), eastmere, "2026-12");
    expect(fees.map((f) => f.name)).toEqual(["Core", "Virtual"]);
    expect(fees[1]!.fee).toBeGreaterThan(0);
    expect(fees[1]!.fee).toBeLessThan(fees[0]!.fee);
    const snapshot = buildSnapshot(db(), eastmere, "2026-12-01", "2026-12");
    expect(snapshot.options?.map((o) => o.price.fee)).toEqual(fees.map((f) => f.fee));
    // What changed since version 1, which offered one scope: the two options, by name and fee, and no single fee moving.
    const v1 = db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, eastmere)).get()!;
    const diff = diffSnapshots(JSON.parse(v1.snapshotJson), snapshot, "partner");
    expect(diff.sections.find((s) => s.section === "Options")?.changes).toEqual([
      `New option: Core, for a fee of ${money(fees[0]!.fee, "USD")}.`,
      `New option: Virtual, for a fee of ${money(fees[1]!.fee, "USD")}.`,
    ]);
    expect(diff.sections.find((s) => s.section === "Budget")?.changes ?? []).not.toContainEqual(expect.stringMatching(/^The fee (rose|fell)/));

    // The budget section pictures each option's fee against Eastmere's budget, one bar an option; no single schedule is drawn.
    const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" });
    const chart = content.chartSources?.["fee-chart"];
    expect(chart?.categories.map((c) => c.label)).toEqual(["Option A: Core", "Option B: Virtual"]);
    expect(chart?.layers[0]!.values).toEqual(fees.map((f) => f.fee));
    expect(content.chartSources?.["payment-chart"]).toBeUndefined();
    const budget = content.sections.find((s) => s.key === "budget")!;
    expect(budget.blocks.filter((b) => b.type === "picture").map((b) => (b as { picture: string }).picture)).toEqual(["fee-chart"]);
  });
});
