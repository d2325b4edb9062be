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
import { engagements, outbox } from "../../db/schema";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { deliverDue, outboxFolder } from "~/services/mailer.server";
import { resetEnvCache } from "~/services/env.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";

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
  it("mails the partner's executives that it is approved and waits for their acceptance, with a link to their page, and nothing of our conditions", async () => {
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
      `The leadership of Northbridge Institute for Health Improvement approved version 2 of the proposal “${TITLE}”. It becomes the agreed proposal once your organisation accepts it.`
    );
    expect(mail.text).toContain(`https://planner.example.org/partner/engagements/${id()}`);
    // Leadership's conditions are ours, and so is the fact that there were any.
    expect(mail.text).not.toContain("QQCONDITIONQQ");
    expect(mail.text).not.toMatch(/condition/i);
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

  it("does not mail the partner when leadership declines it", async () => {
    const requestId = sharedAndSubmitted();
    decideApproval(leader("leader@demo.test"), requestId, {
      decision: "decline",
      conditions: "",
      reason: "Not this year.",
      acknowledgedConflict: false,
      requestVersion: 1,
    });
    expect(await letters("version_approved")).toEqual([]);
    expect((await letters("approval_decided")).map((s) => s.to)).toEqual(["manager@demo.test"]);
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
