import { StaticRouter } from "react-router-dom/server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import {
  approvalRequests,
  bookings,
  engagements,
  intakes,
  methodDecisions,
  overrunAgreements,
  partnerResponses,
  proposalVersions,
  staff,
  users,
} from "../../db/schema";
import * as route from "~/routes/portfolio";
import * as engagementList from "~/routes/engagements._index";
import * as reviewPage from "~/routes/engagements.$id.review";
import * as staffEntry from "~/routes/admin.staff.$id";
import { AtRiskSection } from "~/components/portfolio/at-risk-section";
import { PipelineSection } from "~/components/portfolio/pipeline-section";
import { ownerName } from "~/domain/owners";
import { ApprovalsSection } from "~/components/portfolio/approvals-section";
import { PortfolioSummary } from "~/components/portfolio/summary";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { pinToday } from "../helpers/clock";
import { demoEngagementId, orgIdByName } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";
import { HOSTILE } from "../helpers/hostile";
import { formatDate } from "~/domain/calendar";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";

useTestDatabase();

pinToday("2026-11");

type Portfolio = Awaited<ReturnType<typeof route.loader>>;

async function portfolio(as = "leader@demo.test", search = ""): Promise<Portfolio> {
  const res = await callLoader(route.loader, { path: `/portfolio${search}`, as });
  expect(res.status).toBe(200);
  return res.data;
}

/** A page's markup as its reader reads it: the words, one space apart. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
/** Where the link with this text leads. */
const linkTo = (html: string, text: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].find((m) => m[2] === text)?.[1]?.replace(/&amp;/g, "&");
const cellOf = (p: Portfolio, role: string, month: string) => p.capacity.rows.find((r) => r.role === role)!.cells.find((c) => c.month === month)!;
const round = (n: number) => Math.round(n * 1000) / 1000;

/** A new engagement of the demo's Northshire at `stage`, with a version frozen from each snapshot given, numbered from 1; its id. */
function engagementWithVersions(title: string, stage: "shared" | "awaiting_approval", snapshots: object[], shared: number[] = []): number {
  const ownerId = userIdByEmail("manager@demo.test");
  const id = db()
    .insert(engagements)
    .values({ title, organisationId: orgIdByName("Northshire Health System"), ownerId, stage })
    .returning({ id: engagements.id })
    .get().id;
  snapshots.forEach((snapshot, i) =>
    db()
      .insert(proposalVersions)
      .values({
        engagementId: id,
        number: i + 1,
        snapshotJson: JSON.stringify(snapshot),
        contentHash: `h${i + 1}`,
        createdById: ownerId,
        createdAt: new Date().toISOString(),
        sharedAt: shared.includes(i + 1) ? new Date().toISOString() : null,
      })
      .run()
  );
  return id;
}

describe("the pipeline", () => {
  it("lists every demo engagement under its stage, counted by the method chosen for it", async () => {
    const p = await portfolio();
    const expected = db()
      .select({ id: engagements.id, stage: engagements.stage, method: methodDecisions.chosen })
      .from(engagements)
      .leftJoin(methodDecisions, eq(methodDecisions.engagementId, engagements.id))
      .all();
    expect(p.pipeline.total).toBe(expected.length);
    expect(new Set(expected.map((e) => e.stage)).size, "the demo has engagements at several stages").toBeGreaterThan(2);
    for (const e of expected) {
      const row = p.pipeline.rows.find((r) => r.stage === e.stage)!;
      const listed = row.engagements.find((x) => x.id === e.id);
      expect(listed, `engagement ${e.id} under ${e.stage}`).toBeDefined();
      expect(listed!.method).toBe(e.method);
    }
    for (const row of p.pipeline.rows) {
      for (const method of ["collaborative", "campaign", "tailored"] as const) {
        expect(row.counts[method], `${row.stage} × ${method}`).toBe(expected.filter((e) => e.stage === row.stage && e.method === method).length);
      }
      expect(row.counts.not_chosen).toBe(expected.filter((e) => e.stage === row.stage && e.method === null).length);
    }

    const demo = expected.find((e) => e.id === demoEngagementId())!;
    expect(demo.method).not.toBeNull();
    const demoRow = p.pipeline.rows.find((r) => r.stage === demo.stage)!;
    expect(demoRow.engagements.find((e) => e.id === demo.id)).toMatchObject({
      title: "Northshire patient safety partnership",
      partnerName: "Northshire Health System",
    });
  });

  it("counts a new engagement without a method as a draft with no method chosen", async () => {
    const before = (await portfolio()).pipeline;
    db()
      .insert(engagements)
      .values({ title: "Harbour City flow programme", organisationId: orgIdByName("Northshire Health System"), ownerId: userIdByEmail("manager@demo.test") })
      .run();
    const after = (await portfolio()).pipeline;
    const draft = (p: typeof before) => p.rows.find((r) => r.stage === "draft")!;
    expect(draft(after).counts.not_chosen).toBe(draft(before).counts.not_chosen + 1);
    expect(after.totals.not_chosen).toBe(before.totals.not_chosen + 1);
    expect(draft(after).engagements[0]!.title).toBe("Harbour City flow programme");
  });
});

describe("where each engagement stands, as the engagement list says it", () => {
  it("counts an engagement approved by leadership and accepted by the partner as agreed, after those still awaiting the partner", async () => {
    const westvale = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    const row = (p: Portfolio, stage: string) => p.pipeline.rows.find((r) => r.stage === stage)!;
    const before = await portfolio();
    expect(before.pipeline.rows.map((r) => r.label)).toEqual([
      "Draft",
      "Shared with partner",
      "Accepted by the partner",
      "Changes requested",
      "Awaiting approval",
      "Approved",
      "Agreed",
      "Declined",
    ]);
    expect(row(before, "approved").engagements.map((e) => e.id)).toContain(westvale);
    expect(row(before, "agreed").total).toBe(0);

    const version = db().select({ id: approvalRequests.proposalVersionId }).from(approvalRequests).where(eq(approvalRequests.engagementId, westvale)).get()!.id;
    db()
      .insert(partnerResponses)
      .values({ proposalVersionId: version, userId: userIdByEmail("partner@demo.test"), response: "accepted", at: new Date().toISOString() })
      .run();
    const after = await portfolio();
    expect(row(after, "approved").engagements.map((e) => e.id)).not.toContain(westvale);
    expect(row(after, "agreed")).toMatchObject({ label: "Agreed", tone: "success", total: 1, counts: { collaborative: 1 } });
    expect(row(after, "agreed").engagements[0]!.title).toBe("Westvale pressure ulcer collaborative");
    expect(after.pipeline.total).toBe(before.pipeline.total);
  });

  it("gives each engagement at risk the badge the engagement list gives it, not its stage alone", async () => {
    const id = demoEngagementId();
    const atRisk = (p: Portfolio) => p.atRisk.find((e) => e.id === id);
    expect(atRisk(await portfolio())?.badge).toEqual({ label: "Shared with partner", tone: "info" });
    const shared = db().select({ id: proposalVersions.id }).from(proposalVersions).where(eq(proposalVersions.engagementId, id)).get()!.id;
    db()
      .insert(partnerResponses)
      .values({ proposalVersionId: shared, userId: userIdByEmail("partner@demo.test"), response: "accepted", at: new Date().toISOString() })
      .run();
    expect(atRisk(await portfolio())?.badge).toEqual({ label: "Accepted by the partner", tone: "info" });
  });
});

describe("capacity across all engagements", () => {
  it("looks 18 months ahead and shows the seeded portfolio's confirmed and tentative bookings apart, against the roster", async () => {
    const p = await portfolio();
    expect(p.capacity.months).toHaveLength(18);
    expect(p.capacity.months[0]).toBe("2026-11");
    expect(p.capacity.months[17]).toBe("2028-04");

    const sums = db()
      .select({ role: bookings.role, month: bookings.month, status: bookings.status, fte: sql<number>`sum(${bookings.fte})` })
      .from(bookings)
      .groupBy(bookings.role, bookings.month, bookings.status)
      .all();
    const inWindow = sums.filter((s) => s.month >= "2026-11" && s.month <= "2028-04");
    expect(
      inWindow.some((s) => s.status === "confirmed"),
      "the demo has confirmed bookings"
    ).toBe(true);
    expect(
      inWindow.some((s) => s.status === "tentative"),
      "the demo has tentative bookings"
    ).toBe(true);
    for (const s of inWindow) {
      const cell = cellOf(p, s.role, s.month);
      expect(cell[s.status], `${s.status} ${s.role} ${s.month}`).toBeCloseTo(round(s.fte), 3);
    }
    expect(p.capacity.bookedConfirmed).toBeCloseTo(
      inWindow.filter((s) => s.status === "confirmed").reduce((t, s) => t + s.fte, 0),
      2
    );
    expect(p.capacity.bookedTentative).toBeCloseTo(
      inWindow.filter((s) => s.status === "tentative").reduce((t, s) => t + s.fte, 0),
      2
    );

    // Both kinds in one cell, each with its own figure and in words.
    const both = p.capacity.rows.flatMap((r) => r.cells).find((c) => c.confirmed > 0 && c.tentative > 0);
    expect(both, "a role-month with confirmed and tentative bookings").toBeDefined();
    expect(both!.label).toMatch(/^(OK|Tight|Over): [\d.]+ FTE confirmed \+ [\d.]+ tentative of [\d.]+ available/);

    const faculty = db()
      .select({ fte: sql<number>`sum(${staff.fte})` })
      .from(staff)
      .where(eq(staff.role, "faculty"))
      .get()!.fte;
    // Dr Marcus Bell joins in January 2027; Dr Elena Petrova leaves after December 2027.
    expect(cellOf(p, "faculty", "2027-06").capacity).toBeCloseTo(faculty, 3);
    expect(cellOf(p, "faculty", "2026-12").capacity).toBeCloseTo(faculty - 0.4, 3);
    expect(cellOf(p, "faculty", "2028-01").capacity).toBeCloseTo(faculty - 0.5, 3);
  });
});

describe("approvals waiting and engagements at risk", () => {
  it("lists pending approval requests with what the gate needs", async () => {
    const p = await portfolio();
    const pending = db()
      .select({ id: approvalRequests.id, engagementId: approvalRequests.engagementId, required: approvalRequests.requiredApprovals })
      .from(approvalRequests)
      .where(eq(approvalRequests.status, "pending"))
      .all();
    expect(pending.length, "the demo has a request waiting").toBeGreaterThan(0);
    expect(p.approvals.map((a) => a.id).sort()).toEqual(pending.map((r) => r.id).sort());
    const first = p.approvals.find((a) => a.id === pending[0]!.id)!;
    expect(first).toMatchObject({ engagementId: pending[0]!.engagementId, requiredApprovals: pending[0]!.required, approvalsSoFar: 0 });
    expect(first.number).toBeGreaterThan(0);
    expect(first.gateReasons.length + (first.requiredApprovals === 1 ? 1 : 0)).toBeGreaterThan(0);
  });

  it("the approvals page lists them in the portfolio's order, longest waiting first", async () => {
    const managerId = userIdByEmail("manager@demo.test");
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
    // Requests submitted in an order other than how long they have waited; two at the same moment go by the earlier request.
    const waits = [3, 40, 12, 40, 0];
    for (const [i, daysAgo] of waits.entries()) {
      const engagementId = db()
        .insert(engagements)
        .values({ title: `Queued programme ${i}`, organisationId: orgIdByName("Northshire Health System"), ownerId: managerId, stage: "awaiting_approval" })
        .returning({ id: engagements.id })
        .get().id;
      const versionId = db()
        .insert(proposalVersions)
        .values({ engagementId, number: 1, snapshotJson: "{}", contentHash: `q${i}`, createdById: managerId, createdAt: at(daysAgo) })
        .returning({ id: proposalVersions.id })
        .get().id;
      db()
        .insert(approvalRequests)
        .values({
          engagementId,
          proposalVersionId: versionId,
          submittedById: managerId,
          submittedAt: at(daysAgo),
          requiredApprovals: 1,
          conflictAcknowledgementRequired: false,
        })
        .run();
    }
    const { loader } = await import("~/routes/approvals._index");
    const queue = (await callLoader(loader, { path: "/approvals", as: "leader@demo.test" })).data as Awaited<ReturnType<typeof loader>>;
    const titles = queue.pending.map((r) => r.engagementTitle).filter((t) => t.startsWith("Queued"));
    expect(titles).toEqual(["Queued programme 1", "Queued programme 3", "Queued programme 2", "Queued programme 0", "Queued programme 4"]);
    const submitted = queue.pending.map((r) => Date.parse(r.submittedAt));
    expect(submitted).toEqual([...submitted].sort((a, b) => a - b));
    // The same order as the portfolio's list of approvals waiting, request for request.
    expect(queue.pending.map((r) => r.id)).toEqual((await portfolio("leader@demo.test", "?approvals=all")).approvals.map((a) => a.id));
  });

  it("the approvals page lists the recently decided requests by when they were decided, the latest first", async () => {
    const managerId = userIdByEmail("manager@demo.test");
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
    // Submitted in one order and decided in another: the one submitted first was decided last.
    const requests = [
      { submitted: 60, decided: 1, status: "approved" as const },
      { submitted: 30, decided: 20, status: "declined" as const },
      { submitted: 10, decided: 5, status: "withdrawn" as const },
      { submitted: 50, decided: 45, status: "approved_with_conditions" as const },
    ];
    for (const [i, r] of requests.entries()) {
      const engagementId = db()
        .insert(engagements)
        .values({ title: `Decided programme ${i}`, organisationId: orgIdByName("Northshire Health System"), ownerId: managerId, stage: "approved" })
        .returning({ id: engagements.id })
        .get().id;
      const versionId = db()
        .insert(proposalVersions)
        .values({ engagementId, number: 1, snapshotJson: "{}", contentHash: `d${i}`, createdById: managerId, createdAt: at(r.submitted) })
        .returning({ id: proposalVersions.id })
        .get().id;
      db()
        .insert(approvalRequests)
        .values({
          engagementId,
          proposalVersionId: versionId,
          submittedById: managerId,
          submittedAt: at(r.submitted),
          requiredApprovals: 1,
          conflictAcknowledgementRequired: false,
          status: r.status,
          decidedAt: at(r.decided),
        })
        .run();
    }
    const { loader } = await import("~/routes/approvals._index");
    const queue = (await callLoader(loader, { path: "/approvals", as: "leader@demo.test" })).data as Awaited<ReturnType<typeof loader>>;
    const titles = queue.decided.map((r) => r.engagementTitle).filter((t) => t.startsWith("Decided"));
    expect(titles).toEqual(["Decided programme 0", "Decided programme 2", "Decided programme 1", "Decided programme 3"]);
    const decided = queue.decided.map((r) => Date.parse(r.decidedAt!));
    expect(decided).toEqual([...decided].sort((a, b) => b - a));
  });

  it("flags an engagement booked beyond our capacity, a step to review and an approval waiting too long, each with its reason", async () => {
    const ownerId = userIdByEmail("manager@demo.test");
    const overbooked = db()
      .insert(engagements)
      .values({ title: "Harbour City flow programme", organisationId: orgIdByName("Northshire Health System"), ownerId, stage: "approved" })
      .returning({ id: engagements.id })
      .get().id;
    for (const month of ["2027-02", "2027-03"])
      db().insert(bookings).values({ engagementId: overbooked, role: "faculty", month, fte: 6, status: "confirmed" }).run();

    const demo = demoEngagementId();
    db()
      .update(intakes)
      .set({ version: sql`${intakes.version} + 1` })
      .where(eq(intakes.engagementId, demo))
      .run();

    const waiting = db()
      .select({ id: approvalRequests.id, engagementId: approvalRequests.engagementId })
      .from(approvalRequests)
      .where(eq(approvalRequests.status, "pending"))
      .get()!;
    const twentyDaysAgo = new Date(Date.now() - 20 * 86_400_000 - 60_000).toISOString();
    db().update(approvalRequests).set({ submittedAt: twentyDaysAgo }).where(eq(approvalRequests.id, waiting.id)).run();

    const p = await portfolio("manager@demo.test");
    expect(cellOf(p, "faculty", "2027-02").level).toBe("over");
    expect(cellOf(p, "faculty", "2027-02").label).toMatch(/^Over: 6(\.\d+)? FTE confirmed/);

    const reasonsOf = (id: number) => p.atRisk.find((e) => e.id === id)?.reasons ?? [];
    expect(reasonsOf(overbooked)).toEqual([
      { kind: "capacity", text: "Faculty over capacity in February 2027, March 2027: confirmed bookings already exceed the staff available." },
    ]);
    expect(reasonsOf(demo)).toContainEqual({ kind: "stale_steps", text: "Method needs review: what it rests on has changed." });
    // The reason names the version waiting, as the reasons beside it name theirs.
    const waitingNumber = db()
      .select({ number: proposalVersions.number })
      .from(proposalVersions)
      .innerJoin(approvalRequests, eq(approvalRequests.proposalVersionId, proposalVersions.id))
      .where(eq(approvalRequests.id, waiting.id))
      .get()!.number;
    expect(reasonsOf(waiting.engagementId)).toContainEqual({
      kind: "approval_waiting",
      text: `Proposal version ${waitingNumber} has waited 20 days for leadership approval.`,
    });
    expect(p.approvals.find((a) => a.id === waiting.id)!.daysWaiting).toBe(20);
  });

  it("lists an approved engagement whose partner has not accepted the approved version, until they accept it", async () => {
    const westvale = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    const request = db()
      .select({ versionId: approvalRequests.proposalVersionId, decidedAt: approvalRequests.decidedAt })
      .from(approvalRequests)
      .where(eq(approvalRequests.engagementId, westvale))
      .get()!;
    const days = Math.floor((Date.now() - Date.parse(request.decidedAt!)) / 86_400_000);
    expect(days).toBeGreaterThan(14);
    const reasonsOf = (p: Portfolio) => p.atRisk.find((e) => e.id === westvale)?.reasons ?? [];
    expect(reasonsOf(await portfolio())).toContainEqual({
      kind: "acceptance_waiting",
      text: `Leadership approved proposal version 1 on ${formatDate(
        request.decidedAt!.slice(0, 10)
      )}, ${days} days ago, and its staff are confirmed, but the partner has not accepted it.`,
    });
    db()
      .insert(partnerResponses)
      .values({ proposalVersionId: request.versionId, userId: userIdByEmail("partner@demo.test"), response: "accepted", at: new Date().toISOString() })
      .run();
    expect(reasonsOf(await portfolio()).map((r) => r.kind)).not.toContain("acceptance_waiting");
  });

  it("does not ask for the approved version's acceptance once a newer version has replaced it for the partner", async () => {
    const westvale = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    const reasonsOf = (p: Portfolio) => (p.atRisk.find((e) => e.id === westvale)?.reasons ?? []).map((r) => r.kind);
    expect(reasonsOf(await portfolio())).toContain("acceptance_waiting");
    // An amendment, version 2, shared with the partner and not yet approved: version 1 can no longer be accepted.
    const v1 = db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, westvale)).get()!;
    db()
      .insert(proposalVersions)
      .values({ ...v1, id: undefined, number: 2, contentHash: "amended", createdAt: new Date().toISOString(), sharedAt: new Date().toISOString() })
      .run();
    expect(reasonsOf(await portfolio())).not.toContain("acceptance_waiting");
  });

  it("shows a booking made since the last visit at once, and counts waiting days by the clock, not by the last visit", async () => {
    const before = await portfolio();
    expect(cellOf(before, "faculty", "2027-04").level).not.toBe("over");
    const ownerId = userIdByEmail("manager@demo.test");
    const id = db()
      .insert(engagements)
      .values({ title: "Late booking", organisationId: orgIdByName("Northshire Health System"), ownerId, stage: "approved" })
      .returning({ id: engagements.id })
      .get().id;
    db().insert(bookings).values({ engagementId: id, role: "faculty", month: "2027-04", fte: 6, status: "confirmed" }).run();
    const after = await portfolio();
    expect(cellOf(after, "faculty", "2027-04").level).toBe("over");
    expect(after.atRisk.find((e) => e.id === id)?.reasons.map((r) => r.kind)).toEqual(["capacity"]);

    // The same database a day later: what waits has waited a day longer.
    const waiting = after.approvals[0]!;
    const dayLater = new Date(Date.now() + 86_400_000);
    vi.useFakeTimers({ now: dayLater, toFake: ["Date"] });
    try {
      const later = await portfolio();
      expect(later.approvals.find((a) => a.id === waiting.id)!.daysWaiting).toBe(waiting.daysWaiting + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("flags an open engagement whose latest proposal version did not fit, and notes one marked awaiting approval with no request", async () => {
    const shortfalls = ["Faculty short by 0.4 FTE in 2027-05", "Chairs short by 0.1 FTE in 2027-06", "Faculty short by 0.2 FTE in 2027-07"];
    const harbour = engagementWithVersions("Harbour City flow programme", "awaiting_approval", [
      { fit: null },
      { fit: { verdict: "does_not_fit", shortfalls, tightSpots: [] } },
    ]);
    const p = await portfolio();
    expect(p.atRisk.find((e) => e.id === harbour)!.reasons).toEqual([
      {
        kind: "fit",
        text: "Proposal version 2 did not fit our capacity: Faculty short by 0.4 FTE in May 2027; Chairs short by 0.1 FTE in June 2027; and 1 more shortfall.",
      },
    ]);
    expect(p.awaitingWithoutRequest).toEqual([{ id: harbour, title: "Harbour City flow programme", partnerName: "Northshire Health System" }]);
  });

  it("flags an open engagement whose latest version's plan is past the partner's time, or whose lowest fee is above their budget, as that version froze it", async () => {
    const kestrel = db()
      .select({ id: engagements.id })
      .from(engagements)
      .where(eq(engagements.organisationId, orgIdByName("Kestrel Hospital Association")))
      .get()!.id;
    const frozen = JSON.parse(
      db().select({ s: proposalVersions.snapshotJson }).from(proposalVersions).where(eq(proposalVersions.engagementId, kestrel)).get()!.s
    ) as EngagementSnapshot;
    expect(frozen.timeCheck?.holds).toBe(false);
    const p = await portfolio();
    const reasons = p.atRisk.find((e) => e.id === kestrel)?.reasons ?? [];
    expect(reasons).toContainEqual({ kind: "partner_time", text: `In proposal version 1, the plan${frozen.timeCheck!.summary.slice("The plan".length)}` });

    // Versions of new engagements of the demo's partner, so that nothing else puts them at risk.
    const budget = { budgetMin: 200_000, budgetMax: 600_000, currency: "usd" };
    const kept = { holds: true, summary: "The plan keeps the partner's time." };
    const offer = (fees: number[], currency = "USD") => ({
      fit: null,
      intake: { budget },
      price: { fee: Math.max(...fees), currency },
      ...(fees.length > 1 ? { options: fees.map((fee) => ({ price: { fee } })) } : {}),
      timeCheck: kept,
    });
    // Every option above the budget: the cheapest is named. The budget's currency is compared whatever its case.
    const above = engagementWithVersions("Harbour City options", "shared", [offer([1_400_000, 650_000])]);
    // An option within the budget is an offer the partner can take: not at risk.
    const within = engagementWithVersions("Harbour City options within", "shared", [offer([1_400_000, 550_000])]);
    // A fee in another currency than the budget is never compared through a guessed rate: it is named as unchecked.
    const otherCurrency = engagementWithVersions("Harbour City in pounds", "shared", [offer([1_400_000], "GBP")]);
    // So is a budget given only as a minimum, in another currency than the fee.
    const minimumOnly = engagementWithVersions("Harbour City minimum in pounds", "shared", [
      { ...offer([500_000]), intake: { budget: { budgetMin: 900_000, currency: "GBP" } } },
    ]);
    // Only the latest version counts: an earlier one above the budget is history.
    const revised = engagementWithVersions("Harbour City revised", "shared", [offer([1_400_000]), offer([500_000])]);
    // A plan past the partner's time is a risk until the partner agrees to it; a version frozen after they agreed is none.
    const late = { holds: false, summary: "The plan runs 2 months past the partner's deadline." };
    const overrun = engagementWithVersions("Harbour City overrun", "shared", [{ ...offer([500_000]), timeCheck: late }]);
    const agreedLate = { ...offer([500_000]), timeCheck: { ...late, agreed: { on: "2026-12-01" } } };
    const overrunAgreed = engagementWithVersions("Harbour City overrun agreed", "shared", [agreedLate]);
    // The agreement the version froze counts while it stands: once withdrawn (its row gone), the plan is a risk again.
    const agreementWithdrawn = engagementWithVersions("Harbour City agreement withdrawn", "shared", [agreedLate]);
    db().insert(overrunAgreements).values({ engagementId: overrunAgreed, durationMonths: 0, deadlineMonths: 2, how: "By email", agreedOn: "2026-12-01" }).run();
    // An agreement recorded after the version was frozen: still a risk, saying a new version will carry it.
    const agreedSince = engagementWithVersions("Harbour City agreed since", "shared", [{ ...offer([500_000]), timeCheck: late }]);
    db().insert(overrunAgreements).values({ engagementId: agreedSince, durationMonths: 0, deadlineMonths: 2, how: "By email", agreedOn: "2026-12-02" }).run();
    const after = await portfolio();
    const reasonsOf = (id: number) => after.atRisk.find((e) => e.id === id)?.reasons ?? [];
    expect(reasonsOf(above)).toEqual([
      {
        kind: "above_budget",
        text: "Every fee proposal version 1 offers is above the partner's budget: the lowest, USD\u00a0650,000, is USD\u00a050,000 above the partner's maximum of USD\u00a0600,000.",
      },
    ]);
    expect(reasonsOf(overrun)).toEqual([{ kind: "partner_time", text: "In proposal version 1, the plan runs 2 months past the partner's deadline." }]);
    expect(reasonsOf(agreementWithdrawn)).toEqual(reasonsOf(overrun));
    expect(reasonsOf(agreedSince)).toEqual([
      {
        kind: "partner_time",
        text: "In proposal version 1, the plan runs 2 months past the partner's deadline. The partner's agreement to it was recorded after version 1 was frozen: a new version will carry it.",
      },
    ]);
    // Not compared, and not left silent: a leader sees that the fee could not be checked against the budget.
    expect(reasonsOf(otherCurrency)).toEqual([
      {
        kind: "budget_unchecked",
        text: "Proposal version 1's fee, GBP\u00a01,400,000, cannot be checked against the partner's budget, which is in USD: no exchange rate is guessed. Record the rate from GBP to USD on its Proposal page for a new version to carry, or ask for the budget in GBP.",
      },
    ]);
    expect(reasonsOf(minimumOnly)).toEqual([
      {
        kind: "budget_unchecked",
        text: "Proposal version 1's fee, USD\u00a0500,000, cannot be checked against the partner's budget, which is in GBP: no exchange rate is guessed. Record the rate from USD to GBP on its Proposal page for a new version to carry, or ask for the budget in USD.",
      },
    ]);
    for (const id of [within, revised, overrunAgreed]) expect(reasonsOf(id)).toEqual([]);
    expect(after.atRisk.map((e) => e.id)).not.toContain(overrunAgreed);
  });

  it("compares a version's fee with a budget in the partner's currency through the exchange rate it froze, naming the rate", async () => {
    const inEuros = { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" };
    const rate = { from: "USD", to: "EUR", rate: 0.92, on: "2026-12-01", source: "European Central Bank reference rate" };
    const version = (fee: number, exchangeRate: object | null) => ({
      fit: null,
      intake: { budget: inEuros },
      price: { fee, currency: "USD" },
      ...(exchangeRate ? { exchangeRate } : {}),
      timeCheck: { holds: true, summary: "The plan keeps the partner's time." },
    });
    // USD 1,590,000 is EUR 1,462,800 at 0.92: EUR 162,800 above the maximum, said as about EUR 1,460,000 and about EUR 163,000.
    const above = engagementWithVersions("Harbour City in euros, above", "shared", [version(1_590_000, rate)]);
    // USD 1,400,000 is EUR 1,288,000: within, and so not at risk.
    const within = engagementWithVersions("Harbour City in euros, within", "shared", [version(1_400_000, rate)]);
    // A version frozen before any rate was recorded reads as it always did: not checked.
    const older = engagementWithVersions("Harbour City in euros, older", "shared", [version(1_400_000, null)]);
    const reasonsOf = async (id: number) => (await portfolio()).atRisk.find((e) => e.id === id)?.reasons ?? [];
    expect(await reasonsOf(above)).toEqual([
      {
        kind: "above_budget",
        text: "Proposal version 1's fee, USD\u00a01,590,000 (about EUR\u00a01,460,000 at 1 USD = 0.92 EUR, the rate of 1 December 2026), is about EUR\u00a0163,000 above the partner's maximum of EUR\u00a01,300,000.",
      },
    ]);
    expect(await reasonsOf(within)).toEqual([]);
    expect((await reasonsOf(older)).map((r) => r.kind)).toEqual(["budget_unchecked"]);
    // The rate is kept beside the version as it was frozen: a rate recorded on the engagement since changes nothing.
    db()
      .update(engagements)
      .set({ exchangeRate: 1.5, exchangeRateFrom: "USD", exchangeRateTo: "EUR", exchangeRateOn: "2026-12-05" })
      .where(eq(engagements.id, within))
      .run();
    expect(await reasonsOf(within)).toEqual([]);
  });

  it("keeps judging the version the partner holds while a later one is not yet shared, and stops once it is", async () => {
    const budget = { budgetMin: 200_000, budgetMax: 600_000, currency: "USD" };
    const offer = (fee: number, holds = true) => ({
      fit: null,
      intake: { budget },
      price: { fee, currency: "USD" },
      timeCheck: holds
        ? { holds: true, summary: "The plan keeps the partner's time." }
        : { holds: false, summary: "The plan runs 4 months past the partner's deadline." },
    });
    // Version 1, above the budget and past the partner's time, is with the partner; version 2 mends both but is not shared.
    const held = engagementWithVersions("Harbour City mended, not yet shared", "shared", [offer(700_000, false), offer(550_000)], [1]);
    // Once version 2 is shared too, version 1 is history.
    const reshared = engagementWithVersions("Harbour City mended and shared", "shared", [offer(700_000, false), offer(550_000)], [1, 2]);
    // A later version above the budget speaks for itself, and says which version the partner holds.
    const worse = engagementWithVersions("Harbour City gone above", "shared", [offer(550_000), offer(650_000)], [1]);
    const p = await portfolio();
    const reasonsOf = (id: number) => p.atRisk.find((e) => e.id === id)?.reasons ?? [];
    expect(reasonsOf(held)).toEqual([
      {
        kind: "above_budget",
        text: "The partner holds proposal version 1, whose fee, USD\u00a0700,000, is USD\u00a0100,000 above the partner's maximum of USD\u00a0600,000. Version 2 is not yet shared with them.",
      },
      {
        kind: "partner_time",
        text: "In proposal version 1, which the partner holds, the plan runs 4 months past the partner's deadline. Version 2 is not yet shared with them.",
      },
    ]);
    expect(reasonsOf(reshared)).toEqual([]);
    expect(reasonsOf(worse)).toEqual([
      {
        kind: "above_budget",
        text: "Proposal version 2's fee, USD\u00a0650,000, is USD\u00a050,000 above the partner's maximum of USD\u00a0600,000. It is not yet shared: the partner holds version 1.",
      },
    ]);
  });

  it("lists the 25 most at risk and ten engagements per stage, counts them all, and shows all of them on request", async () => {
    const ownerId = userIdByEmail("manager@demo.test");
    for (let i = 0; i < 30; i++) {
      const id = db()
        .insert(engagements)
        .values({
          title: `Overbooked programme ${String(i).padStart(2, "0")}`,
          organisationId: orgIdByName("Northshire Health System"),
          ownerId,
          stage: "approved",
        })
        .returning({ id: engagements.id })
        .get().id;
      db().insert(bookings).values({ engagementId: id, role: "faculty", month: "2027-02", fte: 6, status: "confirmed" }).run();
    }
    const first = await portfolio();
    expect(first.atRisk).toHaveLength(25);
    expect(first.atRiskTotal).toBeGreaterThanOrEqual(30);
    // Over capacity on confirmed bookings comes before waiting or stale steps.
    expect(first.atRisk[0]!.reasons.map((r) => r.kind)).toContain("capacity");
    const all = (await callLoader(route.loader, { path: "/portfolio?risks=all", as: "leader@demo.test" })).data as Portfolio;
    expect(all.atRisk).toHaveLength(first.atRiskTotal);
    expect(all.atRiskTotal).toBe(first.atRiskTotal);

    // The stage lists the ten most recently changed, and counts them all; every one on request.
    const approved = first.pipeline.rows.find((r) => r.stage === "approved")!;
    expect(approved.total).toBeGreaterThanOrEqual(30);
    expect(approved.engagements).toHaveLength(10);
    // The ten most recently changed: the last ten created here, newest first.
    expect(approved.engagements.map((e) => e.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Overbooked programme ${String(29 - i).padStart(2, "0")}`));
    const everyOne = (await callLoader(route.loader, { path: "/portfolio?pipeline=all", as: "leader@demo.test" })).data as Portfolio;
    expect(everyOne.pipeline.rows.find((r) => r.stage === "approved")!.engagements).toHaveLength(approved.total);
  });

  it("lists the 25 approvals waiting longest, counts them all at the top of the page, and shows every one on request", async () => {
    const managerId = userIdByEmail("manager@demo.test");
    const now = Date.now();
    // The demo's own requests came in just now; thirty more have waited 20 to 49 days, one more day each.
    db()
      .update(approvalRequests)
      .set({ submittedAt: new Date(now).toISOString() })
      .where(eq(approvalRequests.status, "pending"))
      .run();
    const demoPending = db().select({ id: approvalRequests.id }).from(approvalRequests).where(eq(approvalRequests.status, "pending")).all().length;
    const title = (i: number) => `Waiting programme ${String(i).padStart(2, "0")}`;
    for (let i = 0; i < 30; i++) {
      const engagementId = db()
        .insert(engagements)
        .values({ title: title(i), organisationId: orgIdByName("Northshire Health System"), ownerId: managerId, stage: "awaiting_approval" })
        .returning({ id: engagements.id })
        .get().id;
      const versionId = db()
        .insert(proposalVersions)
        .values({ engagementId, number: 1, snapshotJson: "{}", contentHash: `w${i}`, createdById: managerId, createdAt: new Date(now).toISOString() })
        .returning({ id: proposalVersions.id })
        .get().id;
      db()
        .insert(approvalRequests)
        .values({
          engagementId,
          proposalVersionId: versionId,
          submittedById: managerId,
          submittedAt: new Date(now - (20 + i) * 86_400_000 - 60_000).toISOString(),
          requiredApprovals: 1,
          conflictAcknowledgementRequired: false,
        })
        .run();
    }
    const total = demoPending + 30;

    // The short list: the 25 that have waited longest, longest first; the figures count every one.
    const first = await portfolio();
    expect(first.allApprovals).toBe(false);
    expect(first.approvalsTotal).toBe(total);
    expect(first.approvalsOverdue).toBe(30);
    expect(first.approvals.map((a) => a.engagementTitle)).toEqual(Array.from({ length: 25 }, (_, i) => title(29 - i)));
    expect(first.approvals[0]!.daysWaiting).toBe(49);

    // What a leader reads: the figure at the top counts all of them; the section says how many it lists and offers the rest.
    const markup = (p: Portfolio) =>
      renderToStaticMarkup(
        createElement(
          StaticRouter,
          { location: "/portfolio" },
          createElement(PortfolioSummary, p),
          createElement(ApprovalsSection, { ...p, charts: { role: p.charts.role } })
        )
      );
    const short = markup(first);
    expect(words(short)).toContain(`${total} waiting for approval 30 for over 14 days`);
    expect(words(short)).toContain(`Approvals waiting The 25 waiting longest of ${total}. Show all ${total} Proposal versions waiting`);
    expect(linkTo(short, `Show all ${total}`)).toBe(`/portfolio?role=${first.charts.role}&approvals=all#approvals`);
    expect(short.match(/<tr data-request=/g)).toHaveLength(25);

    // Every one, longest waiting first, with the way back to the short list; the other lists and the chart's role stay as they were.
    const all = await portfolio("leader@demo.test", "?approvals=all&risks=all&role=faculty");
    expect(all).toMatchObject({ allApprovals: true, allRisks: true, allListed: false, approvalsTotal: total, approvalsOverdue: 30 });
    expect(all.approvals).toHaveLength(total);
    expect(all.approvals.slice(0, 30).map((a) => a.engagementTitle)).toEqual(Array.from({ length: 30 }, (_, i) => title(29 - i)));
    const full = markup(all);
    expect(full.match(/<tr data-request=/g)).toHaveLength(total);
    expect(words(full)).toContain(`Approvals waiting All ${total}, longest waiting first. Show only the 25 waiting longest Proposal versions waiting`);
    expect(linkTo(full, "Show only the 25 waiting longest")).toBe("/portfolio?role=faculty&risks=all#approvals");

    // Any other value is the short list, and is not echoed.
    const hostile = HOSTILE.filter((h) => /[<>"&%]/.test(h.value) && h.value.length < 1000).map((h) => h.value);
    for (const value of ["ALL", "all ", "1", ...hostile]) {
      const p = await portfolio("leader@demo.test", `?approvals=${encodeURIComponent(value)}`);
      expect(p.allApprovals, value).toBe(false);
      expect(p.approvals).toHaveLength(25);
      expect(p.approvalsTotal).toBe(total);
      if (value.length > 3) expect(JSON.stringify(p)).not.toContain(value);
    }
  });

  it("says nothing of a short list when every approval waiting is listed", async () => {
    const p = await portfolio();
    expect(p.approvals.length, "the demo has a few requests waiting").toBeGreaterThan(0);
    expect(p.approvals).toHaveLength(p.approvalsTotal);
    const html = renderToStaticMarkup(createElement(StaticRouter, { location: "/portfolio" }, createElement(ApprovalsSection, p)));
    expect(html).not.toContain("data-approvals-count");
    expect(html).not.toContain("Show all");
  });

  it("counts as still open every engagement not yet approved or declined", async () => {
    const p = await portfolio();
    const settled = p.pipeline.rows.filter((r) => r.stage === "approved" || r.stage === "declined").reduce((n, r) => n + r.total, 0);
    expect(p.openCount).toBe(p.pipeline.total - settled);
    expect(p.openCount).toBe(5);
  });

  it("flags a partner's request for changes left unanswered for more than 14 days", async () => {
    const p = await portfolio();
    const asked = p.pipeline.rows.find((r) => r.stage === "changes_requested")!.engagements;
    expect(asked.length, "the demo has an engagement with changes requested").toBeGreaterThan(0);
    // The demo's request for changes dates from October 2026.
    for (const e of asked) expect(p.atRisk.find((r) => r.id === e.id)!.reasons.map((r) => r.kind)).toContain("changes_unanswered");
  });
});

describe("who may see the portfolio", () => {
  it("is for leadership and partnership managers; administrators and partners get 403, strangers the sign-in page", async () => {
    expect((await callLoader(route.loader, { path: "/portfolio", as: "manager@demo.test" })).status).toBe(200);
    expect((await callLoader(route.loader, { path: "/portfolio", as: "leader@demo.test" })).status).toBe(200);
    expect((await callLoader(route.loader, { path: "/portfolio", as: "admin@demo.test" })).status).toBe(403);
    expect((await callLoader(route.loader, { path: "/portfolio", as: "partner@demo.test" })).status).toBe(403);
    expect((await callLoader(route.loader, { path: "/portfolio", as: "partner2@demo.test" })).status).toBe(403);
    const anonymous = await callLoader(route.loader, { path: "/portfolio" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toContain("/login");
  });
});

describe("what the portfolio says of an engagement's owner and of a roster that no longer carries it", () => {
  const westvale = () => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
  const markup = (node: ReturnType<typeof createElement>) => words(renderToStaticMarkup(createElement(StaticRouter, { location: "/portfolio" }, node)));

  it("names a disabled owner as the engagement list and page do", async () => {
    // As it stood before owners were handed over on disabling: Maya disabled, still owning her engagements.
    db()
      .update(users)
      .set({ disabledAt: "2026-11-02T09:00:00.000Z" })
      .where(eq(users.id, userIdByEmail("manager@demo.test")))
      .run();
    const p = await portfolio("leader@demo.test", "?pipeline=all");
    const row = p.pipeline.rows.flatMap((r) => r.engagements).find((e) => e.id === westvale())!;
    expect(row).toMatchObject({ ownerName: "Maya Okafor", ownerDisabled: true });
    expect(markup(createElement(PipelineSection, { ...p, canCreate: false }))).toContain(
      " Westvale pressure ulcer collaborative Westvale Health Partnership Breakthrough Series collaborative Maya Okafor (disabled) "
    );
    const list = await callLoader(engagementList.loader, { path: "/engagements", as: "leader@demo.test" });
    const listed = list.data.engagements.find((e: { id: number }) => e.id === westvale());
    expect(ownerName({ name: listed.ownerName, disabled: listed.ownerDisabled })).toBe("Maya Okafor (disabled)");
  });

  it("names the roster as the cause of a shortfall it left in an approved engagement, in the review page's words, until it is mended", async () => {
    const id = westvale();
    const save = async (name: string, availableTo: string) => {
      const s = db().select().from(staff).where(eq(staff.name, name)).get()!;
      const res = await callAction(staffEntry.action, {
        path: `/admin/staff/${s.id}`,
        params: { id: String(s.id) },
        as: "admin@demo.test",
        form: {
          intent: "save",
          name: s.name,
          role: s.role,
          fte: String(s.fte),
          availableFrom: s.availableFrom ?? "",
          availableTo,
          dayRate: s.dayRate === null ? "" : String(s.dayRate),
          version: String(s.version),
        },
      });
      expect(res.status).toBe(303);
    };
    const rosterReasons = (p: Portfolio) => p.atRisk.find((e) => e.id === id)?.reasons.filter((r) => r.kind === "roster_short") ?? [];
    expect(rosterReasons(await portfolio())).toEqual([]);

    // Dr Amara Nwosu leaves the chairs in January, which leaves the other chair enough; Prof. Whitfield after April, which does not.
    await save("Dr Amara Nwosu", "2027-01");
    await save("Prof. James Whitfield", "2027-04");

    const p = await portfolio();
    const review = (await callLoader(reviewPage.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: "manager@demo.test" })).data;
    const { roster, changes } = review.shortNow as { roster: string[]; changes: string[] };
    expect(changes).toEqual(["Prof. James Whitfield (collaborative chair) is available until April 2027"]);
    expect(roster).toEqual([expect.stringMatching(/^Collaborative chairs: short by up to [\d.]+ FTE, May 2027 – Aug 2027$/)]);
    expect(rosterReasons(p)).toEqual([{ kind: "roster_short", text: `Since ${changes[0]}: ${roster[0]}.` }]);
    expect(markup(createElement(AtRiskSection, p))).toContain(`Our roster no longer carries it Since ${changes[0]}: ${roster[0]}.`);

    // Prof. Whitfield stays on: nothing is short, and the portfolio says so no longer.
    await save("Prof. James Whitfield", "");
    expect(rosterReasons(await portfolio())).toEqual([]);
  });
});
