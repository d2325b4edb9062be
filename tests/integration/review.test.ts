import { and, eq, sql } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, describe, expect, it } from "vitest";
import { approvalDecisions, approvalRequests, auditLog, bookings, engagements, outbox, proposalVersions } from "../../db/schema";
import * as reviewRoute from "~/routes/engagements.$id.review";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as approvalPage from "~/routes/approvals.$requestId";
import * as overview from "~/routes/engagements.$id._index";
import * as partnerSpace from "~/routes/partner._index";
import * as apiList from "~/routes/api.engagements";
import * as apiOne from "~/routes/api.engagements.$id";
import * as notices from "~/routes/notices";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import { currentMonth } from "~/services/clock.server";
import { engagementSteps } from "~/models/engagement-steps.server";
import { decideApproval, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import { shareVersion } from "~/models/sharing.server";
import { Conflict } from "~/domain/errors";
import { closeBrowser } from "~/services/browser.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, callLoader, formAnswer, messageAfter, sessionCookie } from "../helpers/requests";

useTestDatabase();
afterAll(() => closeBrowser());

const id = () => demoEngagementId();
const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });
const byTitle = (title: string) => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, title)).get()!.id;

/** Text that must never reach a partner: internal notes, an internal comment, day rates, the roster, other partners. */
const INTERNAL = [
  "procurement wants a fixed-price",
  "INTERNAL-ONLY-REMARK",
  "2,600",
  "2600",
  "Tom Richardson",
  "Westvale",
  "Eastmere",
  "Kestrel",
  "Estimated cost",
  "dayRate",
  "internalNotes",
];

describe("what a partner can reach never carries internal fields", () => {
  it("on every partner-visible page, API response and document", async () => {
    await callAction(reviewRoute.action, {
      path: `/engagements/${id()}/review`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "comment", number: "1", sectionKey: "budget", body: "INTERNAL-ONLY-REMARK: fee could go lower", visibility: "internal", parentId: "" },
    });
    await callAction(reviewRoute.action, {
      path: `/engagements/${id()}/review`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "comment", number: "1", sectionKey: "aims", body: "Is August 2028 realistic for you?", visibility: "partner", parentId: "" },
    });
    const as = "partner@demo.test";
    const pages = [
      await callLoader(partnerSpace.loader, { path: "/partner", as }),
      await callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as }),
      await callLoader(apiList.loader, { path: "/api/engagements", as }),
      await callLoader(apiOne.loader, { path: `/api/engagements/${id()}`, params: { id: String(id()) }, as }),
      await callLoader(notices.loader, { path: "/notices", as }),
    ];
    for (const page of pages) {
      expect(page.status).toBe(200);
      const text = JSON.stringify(page.data);
      for (const secret of INTERNAL) expect(text, `${secret} leaked`).not.toContain(secret);
    }
    expect(JSON.stringify(pages[1]!.data)).toContain("Is August 2028 realistic for you?");
    expect(pages[3]!.data.comments.map((c: { body: string }) => c.body)).toEqual(["Is August 2028 realistic for you?"]);

    const request = new Request(`${BASE}/engagements/${id()}/versions/1/docx`, { headers: { Cookie: sessionCookie(as) } });
    const res = (await docxRoute.loader({ request, params: { id: String(id()), number: "1" }, context: {} })) as Response;
    expect(res.status).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    for (const secret of INTERNAL) expect(text, `${secret} leaked into the document`).not.toContain(secret);
  });
});

describe("the workflow", () => {
  it("refuses to share a version with parts still to be completed", async () => {
    const riverside = byTitle("Riverside medication safety");
    const { freezeVersion } = await import("~/models/proposal.server");
    db().transaction((tx) => freezeVersion(tx, manager().id, riverside, "2026-11-25", "2026-11"));
    const res = await callAction(reviewRoute.action, {
      path: `/engagements/${riverside}/review`,
      params: { id: String(riverside) },
      as: "manager@demo.test",
      form: { intent: "share", number: "1" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors[""]).toMatch(/^Complete the proposal before sharing it: /);
  });

  it("shows the Review step under way once a version is shared", () => {
    expect(engagementSteps(id(), currentMonth()).steps.find((s) => s.key === "review")!.status).toBe("in_progress");
    expect(engagementSteps(byTitle("Riverside medication safety"), currentMonth()).steps.find((s) => s.key === "review")!.status).toBe("not_started");
  });

  it("gates approval on resourcing: a large version needs two leaders, and a stale decision is refused", async () => {
    const documentText = async () => {
      const request = new Request(`${BASE}/engagements/${id()}/versions/1/docx`, { headers: { Cookie: sessionCookie("manager@demo.test") } });
      const res = (await docxRoute.loader({ request, params: { id: String(id()), number: "1" }, context: {} })) as Response;
      return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    };
    // Downloaded (and so kept) while still a draft.
    expect(await documentText()).toContain("DRAFT");
    const requestId = submitForApproval(manager(), id(), 1);
    const request = db().select().from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!;
    expect(request.requiredApprovals).toBe(2);
    expect(JSON.parse(request.gateReasonsJson)[0]).toMatch(/FTE-months of our staff, above the 40/);
    // Conditions written beside a plain "Approve" are not silently recorded as an unconditional approval.
    expect(() =>
      decideApproval(leader("leader@demo.test"), requestId, {
        decision: "approve",
        conditions: "Confirm faculty by May.",
        reason: "",
        acknowledgedConflict: false,
        requestVersion: 1,
      })
    ).toThrow(/Approve with conditions/);
    const first = decideApproval(leader("leader@demo.test"), requestId, {
      decision: "approve",
      conditions: "",
      reason: "",
      acknowledgedConflict: false,
      requestVersion: 1,
    });
    expect(first).toEqual({ status: "pending", approvalsSoFar: 1, stillNeeded: 1 });
    // The second leader was looking at the request before the first decided: refused, nothing written.
    expect(() =>
      decideApproval(leader("leader2@demo.test"), requestId, {
        decision: "approve",
        conditions: "",
        reason: "",
        acknowledgedConflict: false,
        requestVersion: 1,
      })
    ).toThrow(Conflict);
    // The same leader cannot decide twice.
    expect(() =>
      decideApproval(leader("leader@demo.test"), requestId, {
        decision: "approve",
        conditions: "",
        reason: "",
        acknowledgedConflict: false,
        requestVersion: 2,
      })
    ).toThrow(/already decided/);
    const done = decideApproval(leader("leader2@demo.test"), requestId, {
      decision: "approve",
      conditions: "",
      reason: "",
      acknowledgedConflict: false,
      requestVersion: 2,
    });
    expect(done).toEqual({ status: "approved" });
    // The kept draft is never served again: the approved document carries no DRAFT marking.
    expect(await documentText()).not.toContain("DRAFT");
    expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id())).get()!.stage).toBe("approved");
    expect(engagementSteps(id(), currentMonth()).steps.find((s) => s.key === "review")!.status).toBe("complete");
    const statuses = new Set(
      db()
        .select({ status: bookings.status })
        .from(bookings)
        .where(eq(bookings.engagementId, id()))
        .all()
        .map((b) => b.status)
    );
    expect([...statuses]).toEqual(["confirmed"]);
    expect(
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.engagementId, id()), eq(auditLog.action, "approval.approve")))
        .all()
    ).toHaveLength(2);
  });

  it("a decline releases the engagement's bookings", () => {
    const kestrel = byTitle("National sepsis campaign");
    const request = db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, kestrel)).get()!;
    expect(db().select().from(bookings).where(eq(bookings.engagementId, kestrel)).all().length).toBeGreaterThan(0);
    expect(() =>
      decideApproval(leader("leader@demo.test"), request.id, {
        decision: "decline",
        conditions: "",
        reason: "",
        acknowledgedConflict: false,
        requestVersion: request.version,
      })
    ).toThrow(/reason/);
    decideApproval(leader("leader@demo.test"), request.id, {
      decision: "decline",
      conditions: "",
      reason: "No central team free in spring.",
      acknowledgedConflict: false,
      requestVersion: request.version,
    });
    expect(db().select().from(bookings).where(eq(bookings.engagementId, kestrel)).all()).toEqual([]);
  });

  it("a version our leadership approved before the partner answered is not agreed until they accept it", async () => {
    const page = () => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as: "partner@demo.test" });
    expect((await page()).data).toMatchObject({ status: "For your review", answer: { accept: true, askForChanges: true } });
    // The manager asks for approval of the shared version before the partner has answered.
    const requestId = submitForApproval(manager(), id(), 1);
    const approve = (email: string, requestVersion: number) =>
      decideApproval(leader(email), requestId, { decision: "approve", conditions: "", reason: "", acknowledgedConflict: false, requestVersion });
    expect((await page()).data).toMatchObject({ status: "In review", answer: { accept: true, askForChanges: false } });
    approve("leader@demo.test", 1);
    expect(approve("leader2@demo.test", 2)).toEqual({ status: "approved" });

    const approved = await page();
    expect(approved.data).toMatchObject({
      status: "Awaiting your acceptance",
      acceptanceNote: "Northbridge's leadership has approved version 1: it becomes the agreed proposal once you accept it.",
      answer: { accept: true, askForChanges: false },
    });
    // Asking for changes would reopen what both sides are about to agree: refused, nothing written.
    const ask = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: { intent: "respond", number: "1", response: "changes_requested", reason: "Start later." },
    });
    expect(ask.status).toBe(409);
    const accepted = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: { intent: "respond", number: "1", response: "accepted", reason: "", signerName: "Helen Marsh", signerTitle: "Chief Executive", confirm: "on" },
    });
    expect(accepted.status).toBe(303);
    expect((await page()).data).toMatchObject({ status: "Agreed", answer: { accept: false, askForChanges: false } });
    // The owner's mail says it is agreed, not that it can now be submitted.
    const letter = db().select().from(outbox).where(eq(outbox.kind, "partner_answered")).all().at(-1)!;
    expect(letter.body).toContain("Our leadership had already approved it: the proposal is now agreed by both sides");
    expect(letter.body).not.toContain("submitted for approval");
    expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id())).get()!.stage).toBe("approved");
  });

  it("the partner's API says what the partner's page says of a version approved with conditions they have not accepted", async () => {
    const as = "partner@demo.test";
    const page = () => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as });
    const listed = async () => (await callLoader(apiList.loader, { path: "/api/engagements", as })).data.find((e: { id: number }) => e.id === id());
    const one = async () => (await callLoader(apiOne.loader, { path: `/api/engagements/${id()}`, params: { id: String(id()) }, as })).data;
    const requestId = submitForApproval(manager(), id(), 1);
    const decide = (email: string, requestVersion: number) =>
      decideApproval(leader(email), requestId, {
        decision: "approve_with_conditions",
        conditions: "Confirm faculty by May.",
        reason: "",
        acknowledgedConflict: true,
        requestVersion,
      });
    decide("leader@demo.test", 1);
    expect(decide("leader2@demo.test", 2)).toEqual({ status: "approved_with_conditions" });

    expect((await page()).data.status).toBe("Awaiting your acceptance");
    expect((await listed()).status).toBe("Awaiting your acceptance");
    expect((await one()).status).toBe("Awaiting your acceptance");
    await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as,
      form: { intent: "respond", number: "1", response: "accepted", reason: "", signerName: "Helen Marsh", signerTitle: "Chief Executive", confirm: "on" },
    });
    expect((await page()).data.status).toBe("Agreed");
    expect((await listed()).status).toBe("Agreed");
    expect((await one()).status).toBe("Agreed");
  });

  it("every leader who decides reads their decision on the request's page, the second of two as well as the first", async () => {
    const requestId = submitForApproval(manager(), id(), 1);
    const page = (email: string) => callLoader(approvalPage.loader, { path: `/approvals/${requestId}`, params: { requestId: String(requestId) }, as: email });
    const decide = (email: string, decision: "approve" | "approve_with_conditions", conditions: string, requestVersion: number) =>
      callAction(approvalPage.action, {
        path: `/approvals/${requestId}`,
        params: { requestId: String(requestId) },
        as: email,
        form: { decision, conditions, reason: "", acknowledgedConflict: "on", requestVersion: String(requestVersion) },
      });
    expect((await page("leader@demo.test")).data.confirmation).toBeNull();
    expect((await decide("leader@demo.test", "approve", "", 1)).status).toBe(303);
    expect((await page("leader@demo.test")).data.confirmation).toMatch(/^You approved this request on \d+ \w+ \d{4}\. It needs 1 more leader to approve it\.$/);
    expect((await decide("leader2@demo.test", "approve_with_conditions", "Confirm faculty by May.", 2)).status).toBe(303);
    // The decision that settles the request is confirmed as plainly as the first, and stays on the page.
    const second = (await page("leader2@demo.test")).data.confirmation;
    expect(second).toMatch(
      /^You approved this request with conditions on \d+ \w+ \d{4}\. The request is approved with conditions: the engagement's bookings are confirmed/
    );
    expect((await page("leader@demo.test")).data.confirmation).toMatch(/^You approved this request on .*\. The request is approved with conditions/);
  });

  it("a leader reading a request is told when later versions of the proposal have been made, and may do as before", async () => {
    const engagementId = id();
    const requestId = submitForApproval(manager(), engagementId, 1);
    const page = async () =>
      (await callLoader(approvalPage.loader, { path: `/approvals/${requestId}`, params: { requestId: String(requestId) }, as: "leader@demo.test" })).data;
    const before = await page();
    expect(before.view.later).toBeNull();
    const { createVersion } = await import("~/models/proposal.server");
    createVersion(manager(), engagementId, "2026-11-25", "2026-11");
    const after = await page();
    expect(after.view.later).toEqual({ latest: 2, words: "Version 2 has been made since this request was submitted." });
    // Said, not enforced: what the leader may do with the request is as it was.
    expect({ canDecide: after.canDecide, whyNot: after.whyNot }).toEqual({ canDecide: before.canDecide, whyNot: before.whyNot });
    const { version } = db().select({ version: engagements.version }).from(engagements).where(eq(engagements.id, engagementId)).get()!;
    const rename = await callAction(overview.action, {
      path: `/engagements/${engagementId}`,
      params: { id: String(engagementId) },
      as: "manager@demo.test",
      form: { intent: "update-details", title: "Northshire patient safety partnership, phase one", internalNotes: "", version: String(version) },
    });
    expect(rename.status).toBe(303);
    createVersion(manager(), engagementId, "2026-11-26", "2026-11");
    expect((await page()).view.later).toEqual({
      latest: 3,
      words: "2 later versions have been made since this request was submitted; the latest is version 3.",
    });
  });

  it("a leader reading an amended version's request sees what leadership made of the version before, with its conditions, and what changed", async () => {
    const decision = { decision: "approve_with_conditions" as const, reason: "", acknowledgedConflict: true };
    const first = submitForApproval(manager(), id(), 1);
    decideApproval(leader("leader@demo.test"), first, { ...decision, conditions: "Bring the fee within the partner's budget.", requestVersion: 1 });
    decideApproval(leader("leader2@demo.test"), first, { ...decision, conditions: "Confirm faculty by May.", requestVersion: 2 });
    const { createVersion } = await import("~/models/proposal.server");
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    const second = submitForApproval(manager(), id(), 2);
    const view = (await callLoader(approvalPage.loader, { path: `/approvals/${second}`, params: { requestId: String(second) }, as: "leader2@demo.test" })).data
      .view;
    expect(view.amends).toMatchObject({ number: 1, requestId: first, status: "approved_with_conditions" });
    expect(view.amends!.decisions.map((d: { conditions: string }) => d.conditions)).toEqual([
      "Bring the fee within the partner's budget.",
      "Confirm faculty by May.",
    ]);
    // The demo's version 1 was frozen before its timeline's last edit: version 2 carries it, and the leader reads it.
    expect(view.amends!.changes).toMatchObject({
      isEmpty: false,
      sections: [{ section: "Workplan and timeline", changes: [expect.stringMatching(/ is now called /)] }],
    });
    // The first request has nothing before it.
    const own = (await callLoader(approvalPage.loader, { path: `/approvals/${first}`, params: { requestId: String(first) }, as: "leader2@demo.test" })).data;
    expect(own.view.amends).toBeNull();

    // Approving the amendment says what became of version 1's conditions: a plain approval without saying so is refused next to the box.
    const approve = (form: Record<string, string>) =>
      callAction(approvalPage.action, {
        path: `/approvals/${second}`,
        params: { requestId: String(second) },
        as: "leader2@demo.test",
        form: { decision: "approve", conditions: "", reason: "", acknowledgedConflict: "on", requestVersion: "1", ...form },
      });
    const unsaid = await approve({});
    expect(unsaid.status).toBe(400);
    expect(formAnswer(unsaid).errors.conditionsMet).toBe(
      "Leadership approved version 1 with conditions: confirm that this version meets them, or write what is still to be done as your conditions."
    );
    expect(db().select().from(approvalDecisions).where(eq(approvalDecisions.requestId, second)).all()).toEqual([]);
    expect((await approve({ conditionsMet: "on" })).status).toBe(303);
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "approval.approve")).all().at(-1)!;
    expect(JSON.parse(audit.detailJson ?? "{}")).toMatchObject({ requestId: second, earlierConditionsMet: { version: 1 } });
  });

  it("declining an amendment of a version approved with conditions asks nothing about those conditions", async () => {
    const decision = { decision: "approve_with_conditions" as const, reason: "", acknowledgedConflict: true, conditions: "Confirm faculty by May." };
    const first = submitForApproval(manager(), id(), 1);
    decideApproval(leader("leader@demo.test"), first, { ...decision, requestVersion: 1 });
    decideApproval(leader("leader2@demo.test"), first, { ...decision, requestVersion: 2 });
    const { createVersion } = await import("~/models/proposal.server");
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    const second = submitForApproval(manager(), id(), 2);
    expect(
      decideApproval(leader("leader@demo.test"), second, {
        decision: "decline",
        conditions: "",
        reason: "The fee is still too high.",
        acknowledgedConflict: false,
        requestVersion: 1,
      })
    ).toEqual({ status: "declined" });
  });

  it("the partner is told leadership approved a version only when it approved that version, not an earlier one still in force", async () => {
    const page = () => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as: "partner@demo.test" });
    const decision = { decision: "approve" as const, conditions: "", reason: "", acknowledgedConflict: true };
    const first = submitForApproval(manager(), id(), 1);
    decideApproval(leader("leader@demo.test"), first, { ...decision, requestVersion: 1 });
    expect(decideApproval(leader("leader2@demo.test"), first, { ...decision, requestVersion: 2 })).toEqual({ status: "approved" });
    // An amendment, shared, then submitted: leadership is deciding on version 2, not the partner's to reopen.
    const { createVersion } = await import("~/models/proposal.server");
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    shareVersion(manager(), id(), 2);
    const second = submitForApproval(manager(), id(), 2);
    expect((await page()).data).toMatchObject({
      number: 2,
      answer: { accept: true, askForChanges: false },
      acceptanceNote: "Northbridge's leadership is reviewing version 2: it becomes the agreed proposal once they approve it and you accept it.",
    });
    // Withdrawn: version 1 stays in force (the engagement reads as approved), but version 2 is not approved,
    // nor the partner's to accept until it is submitted again (tests/integration/partner-acceptance.test.ts).
    withdrawRequest(manager(), id(), second);
    expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id())).get()!.stage).toBe("approved");
    const after = await page();
    expect(after.data).toMatchObject({ number: 2, status: "Awaiting approval by Northbridge's leadership", answer: { accept: false, askForChanges: false } });
    expect(after.data.acceptanceNote).toBe("Version 2 becomes the agreed proposal once you accept it and Northbridge's leadership approves it.");
    expect(after.data.acceptanceNote).not.toContain("has approved");
  });

  it("a partner answers only the latest shared version of their own organisation", async () => {
    const other = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as: "partner2@demo.test",
      form: { intent: "respond", number: "1", response: "accepted", reason: "", signerName: "Helen Marsh", signerTitle: "Chief Executive", confirm: "on" },
    });
    expect(other.status).toBe(404);
    const page = () => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as: "partner@demo.test" });
    const space = () => callLoader(partnerSpace.loader, { path: "/partner", as: "partner@demo.test" });
    expect((await page()).data.status).toBe("For your review");
    const mine = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: { intent: "respond", number: "1", response: "accepted", reason: "", signerName: "Helen Marsh", signerTitle: "Chief Executive", confirm: "on" },
    });
    expect(mine.status).toBe(303);
    // They see their organisation's answer on the page.
    expect((await page()).data.answers).toEqual([expect.objectContaining({ number: 1, response: "accepted", by: expect.any(String) })]);
    // Accepting does not move the stage, but the partner no longer reads it as waiting for them.
    expect((await page()).data).toMatchObject({ status: "Accepted by your organisation", tone: "info", answer: { accept: false, askForChanges: false } });
    expect((await space()).data.engagements.find((e: { id: number }) => e.id === id())).toMatchObject({ status: "Accepted by your organisation" });
    const again = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: { intent: "respond", number: "1", response: "changes_requested", reason: "Second thoughts about the start." },
    });
    expect(again.status).toBe(409);
  });
});

describe("sharing with an organisation that has no one to read it", () => {
  it("shares, and says that no one there can sign in yet", async () => {
    const westvale = byTitle("Westvale pressure ulcer collaborative");
    const latest = db()
      .select({ n: sql<number>`max(${proposalVersions.number})` })
      .from(proposalVersions)
      .where(eq(proposalVersions.engagementId, westvale))
      .get()!.n;
    expect(latest, "the demo's Westvale engagement has a version").toBeGreaterThan(0);
    const cookie = sessionCookie("manager@demo.test");
    const res = await callAction(reviewRoute.action, {
      path: `/engagements/${westvale}/review`,
      params: { id: String(westvale) },
      cookie,
      form: { intent: "share", number: String(latest) },
    });
    expect(res.status).toBe(303);
    expect(await messageAfter(res, cookie)).toMatch(
      /^Version \d+ is shared, but no one at Westvale .* can sign in to read it yet: invite one of their executives on the engagement's overview\.$/
    );
    // Northshire's version 1 is shared already; its version 2 (the seed left an edit since) goes to its one executive.
    const { createVersion } = await import("~/models/proposal.server");
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    expect(shareVersion(manager(), id(), 2)).toMatchObject({ readers: 1, organisationName: "Northshire Health System" });
  });
});

describe("before sharing, the review page says what would surprise", () => {
  const warnings = async (engagementId: number) =>
    (
      await callLoader(reviewRoute.loader, {
        path: `/engagements/${engagementId}/review`,
        params: { id: String(engagementId) },
        as: "manager@demo.test",
      })
    ).data.shareWarnings as string[];

  it("that nobody at the partner can sign in yet; once shared, an executive invited then is told a proposal is waiting", async () => {
    const westvale = byTitle("Westvale pressure ulcer collaborative");
    const before = await warnings(westvale);
    expect(before).toContainEqual(
      expect.stringMatching(/^Nobody at Westvale .* can sign in yet: invite one of their executives first .*, or share now and invite them later\.$/)
    );

    const latest = db()
      .select({ n: sql<number>`max(${proposalVersions.number})` })
      .from(proposalVersions)
      .where(eq(proposalVersions.engagementId, westvale))
      .get()!.n;
    const shared = await callAction(reviewRoute.action, {
      path: `/engagements/${westvale}/review`,
      params: { id: String(westvale) },
      as: "manager@demo.test",
      form: { intent: "share", number: String(latest) },
    });
    expect(shared.status).toBe(303);
    // Shared: nothing is left to warn of before a share; that no one can read it is said until someone can.
    expect(await warnings(westvale)).toEqual([]);
    const unread = async () =>
      (await callLoader(reviewRoute.loader, { path: `/engagements/${westvale}/review`, params: { id: String(westvale) }, as: "manager@demo.test" })).data
        .unread;
    expect(await unread()).toMatch(
      /^Version \d+ is shared, but no one at Westvale .* can sign in to read it yet: invite one of their executives on the engagement's overview\.$/
    );

    const engagementPage = await import("~/routes/engagements.$id._index");
    const invited = await callAction(engagementPage.action, {
      path: `/engagements/${westvale}`,
      params: { id: String(westvale) },
      as: "manager@demo.test",
      form: { form: "invite-executive", intent: "invite-executive", name: "Ruth Penhale", email: "ruth.penhale@westvale.example" },
    });
    expect(invited.status, JSON.stringify(invited.data)).toBe(303);
    expect(await unread()).toBeNull();
    const invitation = db().select().from(outbox).where(eq(outbox.toAddress, "ruth.penhale@westvale.example")).get()!;
    expect(invitation.subject).toBe("Maya Okafor of Northbridge invited you to Partnership Planner: a proposal is waiting for you");
    expect(invitation.body).toContain("A proposal shared with your organisation is waiting for you: sign in to read it.");
    // Who invited them, from where, and for which organisation: a message from an unknown address says why it came.
    expect(invitation.body).toContain(
      "Maya Okafor of Northbridge Institute for Health Improvement invited you to Partnership Planner, where Northbridge shares partnership proposals with Westvale"
    );
  });

  it("that the fee is above the partner's budget, and by how much, while its executive can sign in", async () => {
    const { createVersion } = await import("~/models/proposal.server");
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    const said = await warnings(id());
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^The fee is above Northshire Health System's budget \(by USD\s[\d,]+\)\.$/);
  });
});
