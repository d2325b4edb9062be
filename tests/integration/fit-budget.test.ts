import { and, eq } from "drizzle-orm";
import { money } from "~/domain/money";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, intakes, organisations, proposalVersions } from "../../db/schema";
import { createVersion } from "~/models/proposal.server";
import * as partnerPage from "~/routes/partner.engagements.$id";
import { approvalGate } from "~/domain/workflow";
import { resourcingOf, submitForApproval } from "~/models/approvals.server";
import * as approvalPage from "~/routes/approvals.$requestId";
import { buildSnapshot } from "~/models/snapshot.server";
import { buildProposal } from "~/domain/proposal";
import { internalBriefing, partnerEdition } from "~/domain/proposal-audience";
import { getApprovalThresholds, getProposalWording } from "~/services/templates.server";
import { action as fitAction, loader as fitLoader } from "~/routes/engagements.$id.fit";
import { action as proposalAction, loader as proposalLoader } from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId, setBudget } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

const MANAGER = "manager@demo.test";

const fitPage = (id: number) => callLoader(fitLoader as never, { as: MANAGER, path: `/engagements/${id}/fit`, params: { id: String(id) } });
const post = (id: number, form: Record<string, string>, page: "fit" | "proposal" = "fit") =>
  callAction((page === "fit" ? fitAction : proposalAction) as never, {
    as: MANAGER,
    path: `/engagements/${id}/${page}`,
    params: { id: String(id) },
    form: { form: "budget", ...form },
  });

describe("a fee above the partner's budget", () => {
  it("shows the gap and the levers that lower the fee on the Fit and Proposal pages, each with its effect on the fee", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 600_000, budgetMax: 600_000, currency: "USD", budgetSecured: "yes" });
    const fit = (await fitPage(id)).data.budget;
    expect(fit.comparison.verdict).toBe("above");
    expect(fit.comparison.gap).toBe(fit.fee - 600_000);
    expect(fit.offered.map((o: { description: string }) => o.description)).toEqual([expect.stringMatching(/above the partner's budget\.$/)]);
    // A longer phasing pays for roles needed throughout for longer: it would widen the gap, so it is not offered.
    expect(fit.levers.map((l: { lever: string }) => l.lever)).toEqual(["fewer_sites", "virtual_sessions", "fewer_faculty_days"]);
    for (const l of fit.levers) expect(l.effect).toMatch(/^Lowers the fee by USD\s[\d,]+, to USD\s[\d,]+/);
    const sites = fit.levers.find((l: { lever: string }) => l.lever === "fewer_sites");
    // The demo's fixed costs (director, planning) keep even its fewest sites above USD 600,000: the effect says so by not claiming the budget.
    expect(sites.fee).toBeLessThan(fit.fee);
    expect(sites.effect).not.toContain("within the budget");
    // No first wave fits, and half the demo's 14 sites would be fewer than a collaborative's 12 (docs/domain.md §8.8).
    expect(sites.change).toBe("12 sites in the first wave instead of 14; the other 2 join a later wave, priced apart.");
    expect(fit.withheld).toEqual([]);
    const proposal = (await callLoader(proposalLoader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data;
    expect(proposal.budget.levers).toEqual(fit.levers);
  });

  it("applies a lever to the proposal's draft: the fee and the sites the proposal states follow, and the change is audited", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMax: 600_000, currency: "USD" });
    const fee = (await fitPage(id)).data.budget.fee;
    // A budget just below the fee: some smaller first wave fits it.
    setBudget(id, { budgetMax: fee - 1, currency: "USD" });
    const before = (await fitPage(id)).data.budget;
    const sites = before.levers.find((l: { lever: string }) => l.lever === "fewer_sites");
    const res = await post(id, { intent: "apply-lever", lever: "fewer_sites", version: String(before.version) });
    expect(res.status).toBe(303);
    const after = (await fitPage(id)).data.budget;
    expect(sites.effect).toContain("within the budget");
    expect(after.fee).toBe(sites.fee);
    expect(after.comparison.verdict).not.toBe("above");
    expect(after.applied[0]).toMatch(/^\d+ sites in the first wave$/);
    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    expect(snapshot.price?.fee).toBe(sites.fee);
    expect(String(snapshot.timeline?.generatedFrom.teams)).toBe(after.applied[0].split(" ")[0]);
    // The proposal the partner reads says the first wave is not all the sites, and what becomes of the others.
    const wave = Number(after.applied[0].split(" ")[0]);
    const all = snapshot.firstWave!.of;
    expect(snapshot.firstWave).toEqual({ sites: wave, of: all });
    const content = buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" });
    const summary = content.sections.find((x) => x.key === "executive-summary")!;
    expect(JSON.stringify(summary.blocks)).toContain(
      `This proposal is for a first wave of ${wave} of the ${all} sites; the other ${
        all - wave === 1 ? "1 site" : `${all - wave} sites`
      } would join a later wave, proposed and priced apart. The aim stays the partner's for all ${all} sites: this first wave is where it begins.`
    );
    expect(JSON.stringify(summary.blocks)).toContain(`"${wave} in the first wave, of ${all}"`);
    const audit = db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, id), eq(auditLog.action, "pricing.lever")))
      .all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detailJson)).toMatchObject({ lever: "fewer_sites", feeBefore: before.fee, feeAfter: sites.fee });

    // Taken off from the Proposal page: the fee is the plan's again.
    expect((await post(id, { intent: "clear-levers", version: "1" }, "proposal")).status).toBe(303);
    expect((await fitPage(id)).data.budget.fee).toBe(before.fee);
  });

  it("stops at a collaborative's smallest first wave: at 12 sites fewer sites is no longer offered, and the panel says why", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMax: 600_000, currency: "USD" });
    const before = (await fitPage(id)).data.budget;
    expect((await post(id, { intent: "apply-lever", lever: "fewer_sites", version: String(before.version) })).status).toBe(303);
    const after = (await fitPage(id)).data.budget;
    expect(after.applied).toEqual(["12 sites in the first wave"]);
    expect(after.comparison.verdict).toBe("above");
    expect(after.levers.map((l: { lever: string }) => l.lever)).toEqual(["virtual_sessions", "fewer_faculty_days"]);
    expect(after.withheld).toEqual([
      "Fewer sites in the first wave is not offered: a collaborative's first wave takes at least 12 sites, and the plan takes 12 sites.",
    ]);
    // Asked for anyway, from a page loaded before, it is refused as not on offer.
    const res = await post(id, { intent: "apply-lever", lever: "fewer_sites", version: String(after.version) });
    expect(res.status).toBe(400);
  });

  it("refuses a stale page, and a lever that is not on offer, next to the form", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMax: 600_000, currency: "USD" });
    expect((await post(id, { intent: "clear-levers", version: "0" })).status).toBe(303);
    const stale = await post(id, { intent: "apply-lever", lever: "virtual_sessions", version: "0" });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).errors[""]).toMatch(/Someone changed this proposal's pricing/);
    const unknown = await post(id, { intent: "apply-lever", lever: "free_lunch", version: "1" });
    expect(unknown.status).toBe(400);
    expect(formAnswer(unknown).errors.lever).toBe("Choose one of the levers shown.");
    setBudget(id, { budgetMax: 90_000_000, currency: "USD" });
    const within = await post(id, { intent: "apply-lever", lever: "virtual_sessions", version: "1" });
    expect(within.status).toBe(400);
    expect(formAnswer(within).errors[""]).toMatch(/not on offer/);
  });
});

describe("a budget in another currency", () => {
  it("is not compared: no rate is guessed, and the page asks for a rate or the budget in the proposal's currency", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 500_000, budgetMax: 500_000, currency: "EUR" });
    const budget = (await fitPage(id)).data.budget;
    expect(budget.comparison).toEqual({ verdict: "other_currency", budgetCurrency: "EUR" });
    const [line] = budget.offered;
    expect(line.tone).toBe("notice");
    expect(line.description).toContain("cannot be compared");
    expect(line.description).toContain("Record the exchange rate the proposal uses from USD to EUR, or ask the partner for the budget in USD.");
    expect(budget.shortfall).toBeNull();
    // The panel offers to record the rate, for EUR, none being recorded.
    expect(budget.exchange).toEqual({ ours: "USD", theirs: "EUR", used: null, unused: null });
  });

  it("still lets the manager lower the fee: the levers that lower it are offered, and one applied lowers the fee", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 500_000, budgetMax: 500_000, currency: "EUR" });
    const before = (await fitPage(id)).data.budget;
    expect(before.levers.map((l: { lever: string }) => l.lever)).toContain("virtual_sessions");
    for (const l of before.levers) expect(l.feeChange).toBeLessThan(0);
    const virtual = before.levers.find((l: { lever: string }) => l.lever === "virtual_sessions")!;
    const res = await post(id, { intent: "apply-lever", lever: "virtual_sessions", version: String(before.version) });
    expect(res.status).toBe(303);
    const after = (await fitPage(id)).data.budget;
    expect(after.fee).toBe(virtual.fee);
    expect(after.fee).toBeLessThan(before.fee);
    expect(after.levers.map((l: { lever: string }) => l.lever)).not.toContain("virtual_sessions");
  });
});

describe("a fee set by hand", () => {
  it("needs a reason: without one it is refused next to the field, keeping the fee typed", async () => {
    const id = demoEngagementId();
    const res = await post(id, { intent: "set-fee", fee: "1,000,000", reason: "", version: "0" });
    expect(res.status).toBe(400);
    const answer = formAnswer(res);
    // Left empty it is asked for; too short, its least length is said.
    expect(answer.errors.reason).toBe("The reason for the change is required.");
    expect(answer.values.fee).toBe("1,000,000");
    const vague = formAnswer(await post(id, { intent: "set-fee", fee: "1,000,000", reason: "cheaper", version: "0" }));
    expect(vague.errors.reason).toBe("The reason for the change needs at least 10 characters.");
  });

  it("is audited with both fees, is what the proposal states, and a discount above the threshold takes a second leader", async () => {
    const id = demoEngagementId();
    const before = (await fitPage(id)).data.budget;
    const threshold = getApprovalThresholds().discountPercent!;
    // 20% below the rules' fee, rounded to whole units.
    const fee = Math.round(before.ruleFee * 0.8);
    const reason = "Multi-year relationship; board agreed a reduced first-year fee.";
    expect((await post(id, { intent: "set-fee", fee: String(fee), reason, version: String(before.version) }, "proposal")).status).toBe(303);

    const after = (await fitPage(id)).data.budget;
    expect(after).toMatchObject({ fee, ruleFee: before.ruleFee, override: { reason, discount: 20 } });
    // 20% off a fee with a 15% margin does not cover the cost: the panel says what the work would lose.
    expect(after.buildUp).toBeGreaterThan(fee);
    expect(after.belowCost).toBe(
      `The fee set by hand is ${money(after.buildUp - fee, "USD")} below our cost build-up of ${money(after.buildUp, "USD")}: we would do the work at a loss.`
    );
    const audit = db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, id), eq(auditLog.action, "pricing.fee")))
      .all();
    expect(audit.map((a) => JSON.parse(a.detailJson))).toEqual([
      { version: before.version + 1, ruleFee: before.ruleFee, fee, previousFee: before.ruleFee, discountPercent: 20, reason },
    ]);

    // The leaders deciding on a version at that fee read the same.
    const { number } = createVersion({ id: userIdByEmail("manager@demo.test"), role: "manager", organisationId: null }, id, "2026-12-01", "2026-12");
    const requestId = submitForApproval({ id: userIdByEmail("manager@demo.test"), role: "manager", organisationId: null }, id, number);
    const request = await callLoader(approvalPage.loader as never, {
      as: "leader@demo.test",
      path: `/approvals/${requestId}`,
      params: { requestId: String(requestId) },
    });
    expect(request.data.view.belowCost).toBe(after.belowCost);

    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    expect(snapshot.price?.fee).toBe(fee);
    expect(snapshot.price?.schedule.reduce((s, i) => s + i.amount, 0)).toBe(fee);
    const gate = approvalGate(resourcingOf(snapshot), getApprovalThresholds());
    expect(gate.requiredApprovals).toBe(2);
    expect(gate.reasons).toContain(`Its fee was set by hand 20% below what the pricing rules give, more than the ${threshold}% that one leader may approve.`);

    // Back to the rules' fee: the gate no longer names the discount.
    expect((await post(id, { intent: "clear-fee", version: String(before.version + 1) })).status).toBe(303);
    const plain = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    expect(plain.price?.fee).toBe(before.ruleFee);
    expect(approvalGate(resourcingOf(plain), getApprovalThresholds()).reasons.join(" ")).not.toContain("set by hand");
  });

  it("a small discount, within the threshold, is one leader's to approve", async () => {
    const id = demoEngagementId();
    const before = (await fitPage(id)).data.budget;
    const fee = Math.round(before.ruleFee * 0.95);
    expect((await post(id, { intent: "set-fee", fee: String(fee), reason: "Rounded down to the partner's board figure.", version: "0" })).status).toBe(303);
    // Still above the cost build-up: nothing is said of a loss.
    expect((await fitPage(id)).data.budget).toMatchObject({ override: { discount: 5 }, belowCost: null });
    const gate = approvalGate(resourcingOf(buildSnapshot(db(), id, "2026-12-01", "2026-12")), getApprovalThresholds());
    expect(gate.reasons.join(" ")).not.toContain("set by hand");
  });
});

describe("the rules' own fee below the cost build-up", () => {
  it("is said on the Fit and Proposal pages and on the approval request, naming the discount for the kind of partner", async () => {
    const id = demoEngagementId();
    // Northshire as a nation, whose 5% discount takes the rules' fee below the cost build-up.
    db()
      .update(organisations)
      .set({ kind: "nation" })
      .where(eq(organisations.id, db().select({ o: engagements.organisationId }).from(engagements).where(eq(engagements.id, id)).get()!.o))
      .run();
    const budget = (await fitPage(id)).data.budget;
    expect(budget.override).toBeNull();
    expect(budget.fee).toBeLessThan(budget.buildUp);
    const words = `The fee the pricing rules give, with their 5% discount for this kind of partner, is ${money(
      budget.buildUp - budget.fee,
      "USD"
    )} below our cost build-up of ${money(budget.buildUp, "USD")}: we would do the work at a loss.`;
    expect(budget.belowCost).toBe(words);
    expect(
      (await callLoader(proposalLoader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data.budget.belowCost
    ).toBe(words);

    const manager = { id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null };
    const { number } = createVersion(manager, id, "2026-12-01", "2026-12");
    const requestId = submitForApproval(manager, id, number);
    const request = await callLoader(approvalPage.loader as never, {
      as: "leader@demo.test",
      path: `/approvals/${requestId}`,
      params: { requestId: String(requestId) },
    });
    expect(request.data.view.belowCost).toBe(words);

    // Leadership reads it in the internal briefing's Budget section too; the partner's edition says nothing of it.
    const content = buildProposal(buildSnapshot(db(), id, "2026-12-01", "2026-12"), getProposalWording(), { versionLabel: "Version 2" });
    const annex = internalBriefing(content).sections.at(-1)!;
    const ourBudget = JSON.stringify(annex.subsections!.find((x) => x.title === "Budget")!.blocks);
    expect(ourBudget).toContain(JSON.stringify(["Fee against our cost", words]));
    expect(JSON.stringify(partnerEdition(content).sections)).not.toMatch(/at a loss|cost build-up/);
  });
});

describe("what the partner sees of the price", () => {
  it("is the fee and its schedule: never the build-up, the levers or the reason for a fee set by hand", async () => {
    const id = demoEngagementId();
    const marker = "PRICING-REASON-MARKER for the board only";
    const before = (await fitPage(id)).data.budget;
    expect((await post(id, { intent: "set-fee", fee: "987,000", reason: marker, version: String(before.version) })).status).toBe(303);
    const number = createVersion({ id: userIdByEmail(MANAGER), role: "manager", organisationId: null }, id, "2026-12-01", "2026-12").number;
    db()
      .update(proposalVersions)
      .set({ sharedAt: new Date().toISOString() })
      .where(and(eq(proposalVersions.engagementId, id), eq(proposalVersions.number, number)))
      .run();
    const page = await callLoader(partnerPage.loader as never, {
      as: "partner@demo.test",
      path: `/partner/engagements/${id}?version=${number}`,
      params: { id: String(id) },
    });
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.data);
    expect(text).toContain("987,000");
    expect(text).toContain("Payment schedule");
    for (const secret of [marker, "ruleFee", "buildUp", String(before.ruleFee), "margin"]) expect(text, secret).not.toContain(secret);
  });
});

describe("a start far ahead", () => {
  it("is said to leave the fit saying little, where nothing is booked yet; a start within the months judged is not", async () => {
    const id = demoEngagementId();
    expect((await fitPage(id)).data.farAhead).toBeNull();
    const row = db().select({ dataJson: intakes.dataJson }).from(intakes).where(eq(intakes.engagementId, id)).get()!;
    const intake = JSON.parse(row.dataJson);
    intake.scale = { ...intake.scale, desiredStart: "2050-03", hardDeadline: undefined };
    db()
      .update(intakes)
      .set({ dataJson: JSON.stringify(intake) })
      .where(eq(intakes.engagementId, id))
      .run();
    const page = (await fitPage(id)).data;
    expect(page.farAhead).toMatch(/^The start, March 2050, is after .+, the last of the 24 months ahead that capacity is judged for\./);
    // The plan is the timeline as stored, still from March 2027 until it is regenerated: that is judged.
    expect(page.plan.farAhead).toBeNull();
    expect(page.plan.verdict.label).not.toBe("Too far ahead to judge");
  });
});
