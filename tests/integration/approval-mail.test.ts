/**
 * Mail between the partner's acceptance and our leadership's approval (docs/domain.md §9.11), read back
 * as a mail client reads the .eml files the default set-up writes to the outbox folder: leadership
 * approving a version before the partner has accepted it tells the partner's executives that it waits
 * for their acceptance; the partner accepting tells the leaders who approved it, or who may decide on it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { beforeEach, describe, expect, it } from "vitest";
import { engagements, noticeOptOuts, outbox, users } from "../../db/schema";
import { decideApproval, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import * as noticesRoute from "~/routes/notices";
import { renameTimelineItem } from "~/models/timeline.server";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { deliverDue, outboxFolder } from "~/services/mailer.server";
import { resetEnvCache } from "~/services/env.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

useTestDatabase();

beforeEach(async () => {
  engagementId = undefined;
  delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = "https://planner.example.org";
  resetEnvCache();
  // The demo's own mail (its shared versions) is written first, and left out of what each test reads.
  await deliverDue();
  db().delete(outbox).run();
});

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });
const partner = () => ({ id: userIdByEmail("partner@demo.test"), role: "partner" as const, organisationId: 1 });
let engagementId: number | undefined;
const id = () => engagementId ?? demoEngagementId();
const TITLE = "Northshire patient safety partnership";

/** Northshire's version 2, shared with its executive and submitted: it needs two leaders. */
function sharedAndSubmitted(): number {
  createVersion(manager(), id(), "2026-11-25", "2026-11");
  shareVersion(manager(), id(), 2);
  return submitForApproval(manager(), id(), 2);
}

function decide(email: string, requestId: number, requestVersion: number, conditions = "") {
  const decision = conditions ? ("approve_with_conditions" as const) : ("approve" as const);
  return decideApproval(leader(email), requestId, { decision, conditions, reason: "", acknowledgedConflict: true, requestVersion });
}

/** Approves the request with both leaders, the second with conditions. */
function approve(requestId: number, conditions = "") {
  expect(decide("leader@demo.test", requestId, 1)).toMatchObject({ status: "pending" });
  expect(decide("leader2@demo.test", requestId, 2, conditions)).toMatchObject({ status: conditions ? "approved_with_conditions" : "approved" });
}

const DECLINE_REASON = "QQREASONQQ no faculty free in the spring.";

function declineAs(email: string, requestId: number, requestVersion: number) {
  return decideApproval(leader(email), requestId, { decision: "decline", conditions: "", reason: DECLINE_REASON, acknowledgedConflict: false, requestVersion });
}

const nameOf = (email: string) =>
  db()
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, userIdByEmail(email)))
    .get()!.name;

function accept(signerName = "Helen Marsh") {
  respondToVersion(partner(), id(), 2, "accepted", "", { name: signerName, title: "Chief Executive", confirmed: true });
}

/** Every message of a kind, sent to the outbox folder, as a mail client reads the files. */
async function letters(kind: string): Promise<{ to: string; mail: ParsedMail }[]> {
  await deliverDue();
  const rows = db().select().from(outbox).where(eq(outbox.kind, kind)).all();
  expect(rows.every((r) => r.sentAt !== null && r.file !== null)).toBe(true);
  return Promise.all(rows.map(async (r) => ({ to: r.toAddress, mail: await simpleParser(readFileSync(path.join(outboxFolder(), r.file!))) })));
}

const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ");

describe("leadership approves before the partner has accepted", () => {
  it("mails the partner's executives that it is approved with conditions and waits for their acceptance, with a link to their page, and not the conditions' text", async () => {
    const requestId = sharedAndSubmitted();
    // One approval of two is no decision: the partner hears nothing yet.
    decide("leader@demo.test", requestId, 1);
    expect(await letters("version_approved")).toEqual([]);
    expect(decide("leader2@demo.test", requestId, 2, "QQCONDITIONQQ faculty confirmed by May")).toMatchObject({ status: "approved_with_conditions" });

    const sent = await letters("version_approved");
    // Northshire's one executive; not the other partner organisation's, not our staff.
    expect(sent.map((s) => s.to)).toEqual(["partner@demo.test"]);
    const { mail } = sent[0]!;
    expect(mail.subject).toBe(`Approved, waiting for your acceptance: ${TITLE}`);
    expect(flat(mail.text)).toContain(
      `The leadership of Northbridge Institute for Health Improvement approved version 2 of the proposal “${TITLE}” with conditions, which the team will set out with you. It becomes the agreed proposal once your organisation accepts it.`
    );
    expect(mail.text).toContain(`https://planner.example.org/partner/engagements/${id()}`);
    // The conditions' text is ours: the partner is told there are some, as their page says, not what they are.
    expect(mail.text).not.toContain("QQCONDITIONQQ");
    expect(mail.text).not.toContain("faculty confirmed by May");
    expect(mail.headers.get("x-planner-notice")).toBe("version_approved");
  });

  it("does not mail the partner when they had already accepted it", async () => {
    const requestId = sharedAndSubmitted();
    accept();
    approve(requestId);
    expect(await letters("version_approved")).toEqual([]);
    // The owner still hears of the decision.
    expect((await letters("approval_decided")).map((s) => s.to)).toEqual(["manager@demo.test"]);
  });

  it("mails the partner's executives when leadership declines it, in their words: not approved, by whom and why left out", async () => {
    const requestId = sharedAndSubmitted();
    declineAs("leader@demo.test", requestId, 1);
    expect(await letters("version_approved")).toEqual([]);
    expect((await letters("approval_decided")).map((s) => s.to)).toEqual(["manager@demo.test"]);
    const sent = await letters("version_declined");
    expect(sent.map((s) => s.to)).toEqual(["partner@demo.test"]);
    const { mail } = sent[0]!;
    expect(mail.subject).toBe(`Not approved: ${TITLE}`);
    // The same words as their page: the proposing organisation named, not "our".
    expect(flat(mail.text)).toContain(
      `The leadership of Northbridge Institute for Health Improvement did not approve version 2 of the proposal “${TITLE}”, so it will not become the agreed proposal and can no longer be accepted. The partnership team will follow up, and may share a newer version with you.`
    );
    expect(mail.text).toContain(`https://planner.example.org/partner/engagements/${id()}`);
    expect(mail.text).not.toContain(DECLINE_REASON);
    expect(mail.text).not.toContain(nameOf("leader@demo.test"));
    expect(mail.headers.get("x-planner-notice")).toBe("version_declined");
  });

  it("tells a partner who had accepted the declined version that their acceptance no longer stands, not that it can no longer be accepted", async () => {
    const requestId = sharedAndSubmitted();
    accept();
    declineAs("leader@demo.test", requestId, 1);
    const sent = await letters("version_declined");
    expect(sent.map((s) => s.to)).toEqual(["partner@demo.test"]);
    const text = flat(sent[0]!.mail.text);
    expect(text).toContain(
      `did not approve version 2 of the proposal “${TITLE}”, so it will not become the agreed proposal: your organisation's acceptance of it no longer stands. The partnership team will follow up`
    );
    expect(text).not.toContain("can no longer be accepted");
  });

  it("does not mail the partner of a decline they turned off, nor of a version never shared with them", async () => {
    db()
      .insert(noticeOptOuts)
      .values({ userId: userIdByEmail("partner@demo.test"), kind: "version_declined" })
      .run();
    declineAs("leader@demo.test", sharedAndSubmitted(), 1);
    expect(await letters("version_declined")).toEqual([]);
    expect((await letters("approval_decided")).map((s) => s.to)).toEqual(["manager@demo.test"]);

    db().delete(noticeOptOuts).run();
    db().delete(outbox).run();
    db().transaction((tx) => renameTimelineItem(tx, manager(), id(), "final_report", "Final report and spread plan (revised)"));
    createVersion(manager(), id(), "2026-11-26", "2026-11");
    const unshared = submitForApproval(manager(), id(), 3);
    declineAs("leader@demo.test", unshared, 1);
    expect(await letters("version_declined")).toEqual([]);
  });

  it("keeps a hostile title inert: one subject line, no header of its own, plain text", async () => {
    engagementId = id();
    db().update(engagements).set({ title: "Northshire <script>alert(1)</script>\r\nBcc: attacker@evil.test" }).where(eq(engagements.id, engagementId)).run();
    approve(sharedAndSubmitted());
    const [{ mail }] = (await letters("version_approved")) as [{ to: string; mail: ParsedMail }];
    expect(mail.subject).toBe("Approved, waiting for your acceptance: Northshire <script>alert(1)</script> Bcc: attacker@evil.test");
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.html).toBe(false);
    expect(mail.text).toContain("“Northshire <script>alert(1)</script> Bcc: attacker@evil.test”");
  });
});

describe("one leader's decline closes a request two leaders must decide", () => {
  it("tells the other leader by mail and notice who declined it; the leader who declined hears nothing of it", async () => {
    const requestId = sharedAndSubmitted();
    const before = await callLoader(noticesRoute.loader, { path: "/notices", as: "leader2@demo.test" });
    expect(before.data.notices.map((n: { text: string }) => n.text)).toContain(`An approval is waiting for you: ${TITLE}`);
    declineAs("leader@demo.test", requestId, 1);

    const sent = await letters("approval_closed");
    expect(sent.map((s) => s.to)).toEqual(["leader2@demo.test"]);
    const { mail } = sent[0]!;
    const decliner = nameOf("leader@demo.test");
    expect(mail.subject).toBe(`Approval request declined by ${decliner}: ${TITLE}`);
    expect(flat(mail.text)).toContain(`${decliner} declined version 2 of “${TITLE}”, which closes its approval request; no decision is needed from you.`);
    expect(mail.text).toContain(`https://planner.example.org/approvals/${requestId}`);
    expect(mail.headers.get("x-planner-notice")).toBe("approval_closed");

    const after = await callLoader(noticesRoute.loader, { path: "/notices", as: "leader2@demo.test" });
    const texts = after.data.notices.map((n: { text: string }) => n.text);
    expect(texts).toContain(`Declined by ${decliner}; no decision is needed from you: ${TITLE}`);
    expect(texts).not.toContain(`An approval is waiting for you: ${TITLE}`);
    const own = await callLoader(noticesRoute.loader, { path: "/notices", as: "leader@demo.test" });
    expect(own.data.notices.map((n: { text: string }) => n.text).join("\n")).not.toContain("Declined by");
  });

  it("is not mailed to a leader who turned approval requests off", async () => {
    db()
      .insert(noticeOptOuts)
      .values({ userId: userIdByEmail("leader2@demo.test"), kind: "approval_requested" })
      .run();
    declineAs("leader@demo.test", sharedAndSubmitted(), 1);
    expect(await letters("approval_closed")).toEqual([]);
  });
});

describe("the owners withdraw an approval request", () => {
  it("leaves each leader a notice that it was withdrawn and by whom, in place of the one that it waits for them", async () => {
    const requestId = sharedAndSubmitted();
    const texts = async (who: string) =>
      (await callLoader(noticesRoute.loader, { path: "/notices", as: who })).data.notices.map((n: { text: string }) => n.text);
    expect(await texts("leader2@demo.test")).toContain(`An approval is waiting for you: ${TITLE}`);
    withdrawRequest(manager(), id(), requestId);
    for (const leader of ["leader@demo.test", "leader2@demo.test"]) {
      const after = await texts(leader);
      expect(after).toContain(`Withdrawn by ${nameOf("manager@demo.test")}; no decision is needed from you: ${TITLE}`);
      expect(after).not.toContain(`An approval is waiting for you: ${TITLE}`);
    }
    // Submitted again, it waits for them again, and the withdrawal is no longer news.
    submitForApproval(manager(), id(), 2);
    const again = await texts("leader@demo.test");
    expect(again).toContain(`An approval is waiting for you: ${TITLE}`);
    expect(again.join("\n")).not.toContain("Withdrawn by");
  });

  it("mails the leaders under the withdrawal's own notice, turned off with the request's", async () => {
    const requestId = sharedAndSubmitted();
    expect((await letters("approval_requested")).map((s) => s.to).sort()).toEqual(["leader2@demo.test", "leader@demo.test"]);
    db()
      .insert(noticeOptOuts)
      .values({ userId: userIdByEmail("leader2@demo.test"), kind: "approval_requested" })
      .run();
    withdrawRequest(manager(), id(), requestId);
    const sent = await letters("approval_withdrawn");
    expect(sent.map((s) => s.to)).toEqual(["leader@demo.test"]);
    const { mail } = sent[0]!;
    expect(mail.subject).toBe(`Approval request withdrawn: ${TITLE}`);
    expect(mail.headers.get("x-planner-notice")).toBe("approval_withdrawn");
    // No second request notice: the withdrawal is not told as a request.
    expect(await letters("approval_requested")).toHaveLength(2);

    // One choice on the leader's notices page turns both off, and says so.
    const page = await callLoader(noticesRoute.loader, { path: "/notices", as: "leader2@demo.test" });
    expect(page.data.choices).toEqual([
      {
        kind: "approval_requested",
        label: "A proposal is submitted for an approval I may decide, or that request is withdrawn or declined by another leader",
        on: false,
      },
      { kind: "partner_accepted", label: "The partner accepts a proposal I approved or may decide on", on: true },
      { kind: "roster_shortfall", label: "A change to the staff roster leaves an engagement I own or may approve short of staff", on: true },
    ]);
  });
});

describe("the partner accepts", () => {
  it("while leadership decides: mails every leader who may decide, including one who has approved already, with a link to the request", async () => {
    const requestId = sharedAndSubmitted();
    decide("leader@demo.test", requestId, 1);
    accept("Helen Marsh\nBcc: attacker@evil.test");
    const sent = await letters("partner_accepted");
    expect(sent.map((s) => s.to).sort()).toEqual(["leader2@demo.test", "leader@demo.test"]);
    for (const { mail } of sent) {
      expect(mail.subject).toBe(`Proposal accepted by Northshire Health System: ${TITLE}`);
      expect(flat(mail.text)).toContain(`Helen Marsh of Northshire Health System accepted version 2 of “${TITLE}”.`);
      // The signer's name as typed, on one line: it starts no header.
      expect(mail.text).toContain("signed by Helen Marsh Bcc: attacker@evil.test, Chief Executive.");
      expect(mail.bcc).toBeUndefined();
      expect(flat(mail.text)).toContain("Its approval request is still open: it waits for our leadership's decision here:");
      expect(mail.text).toContain(`https://planner.example.org/approvals/${requestId}`);
    }
    // Not the manager who submitted it (they hear as the owner), not the administrator.
    expect((await letters("partner_answered")).map((s) => s.to)).toEqual(["manager@demo.test"]);
  });

  it("after leadership approved: mails the leaders who approved that it is now agreed by both sides", async () => {
    const requestId = sharedAndSubmitted();
    approve(requestId);
    accept();
    const sent = await letters("partner_accepted");
    expect(sent.map((s) => s.to).sort()).toEqual(["leader2@demo.test", "leader@demo.test"]);
    const { mail } = sent[0]!;
    expect(mail.text).toMatch(/Accepted: The proposal as described(, for a fee of [^;]+)?; signed by Helen Marsh, Chief Executive\./);
    expect(flat(mail.text)).toContain("Our leadership had already approved it: the proposal is now agreed by both sides.");
    expect(mail.text).toContain(`https://planner.example.org/approvals/${requestId}`);
  });

  it("before anything was submitted: tells the owner only", async () => {
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    shareVersion(manager(), id(), 2);
    accept();
    expect(await letters("partner_accepted")).toEqual([]);
    expect((await letters("partner_answered")).map((s) => s.to)).toEqual(["manager@demo.test"]);
  });
});
