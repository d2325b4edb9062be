/**
 * Notices by mail (docs/domain.md §9.11), against a real SMTP server inside the test: each event of the
 * review workflow mails the people it concerns, saying what happened and linking to the page; a
 * message that cannot be sent is kept and sent later with the same Message-ID; nothing is sent for a
 * change that did not happen; each person can turn each kind of notice off.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { addComment } from "~/models/comments.server";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import * as noticesRoute from "~/routes/notices";
import { deliverDue } from "~/services/mailer.server";
import { resetEnvCache } from "~/services/env.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";
import { TestSmtpServer } from "../helpers/smtp";

useTestDatabase();

const smtp = new TestSmtpServer();
let smtpUrl = "";

beforeAll(async () => {
  smtpUrl = await smtp.start();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  resetEnvCache();
  await smtp.stop();
});

beforeEach(async () => {
  process.env.SMTP_URL = smtpUrl;
  process.env.PUBLIC_URL = "https://planner.example.org";
  resetEnvCache();
  // The demo's own mail (its shared versions) goes first, out of the way.
  await deliverDue();
  smtp.clear();
});

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });
const partner = () => ({ id: userIdByEmail("partner@demo.test"), role: "partner" as const, organisationId: 1 });
const id = () => demoEngagementId();

/** Northshire's version 2, shared with its executive. */
function shareVersion2() {
  createVersion(manager(), id(), "2026-11-25", "2026-11");
  shareVersion(manager(), id(), 2);
}

describe("the review workflow tells the people it concerns", () => {
  it("sharing a version mails the partner's executive, with the title, the sharer and a link to the partner page", async () => {
    shareVersion2();
    const [mail] = await smtp.waitFor("partner@demo.test");
    expect(mail!.subject).toBe("Proposal shared with you: Northshire patient safety partnership");
    expect(mail!.text!.replace(/\s+/g, " ")).toContain("Maya Okafor of Northbridge Institute for Health Improvement shared version 2 of the proposal");
    expect(mail!.text).toContain(`https://planner.example.org/partner/engagements/${id()}`);
    expect(mail!.from!.text).toContain("planner@localhost");
    expect(mail!.headers.get("auto-submitted")).toBe("auto-generated");
    // Nobody else at all: not staff, not the other partner.
    expect(smtp.received.map((m) => m.to && (Array.isArray(m.to) ? m.to[0]!.text : m.to.text))).toEqual([mail!.to && (mail!.to as { text: string }).text]);
    await deliverDue();
    const row = db().select().from(outbox).where(eq(outbox.toAddress, "partner@demo.test")).all().at(-1)!;
    expect(row.sentAt).not.toBeNull();
    expect(mail!.messageId).toBe(row.messageId);
  });

  it("the partner's answer and comment mail the owner; a submission mails each leader who may decide; the decision mails the owner", async () => {
    shareVersion2();
    await smtp.waitFor("partner@demo.test");
    addComment(partner(), id(), {
      number: 2,
      sectionKey: "aims",
      body: "Could the aim include our community hospitals?",
      parentId: null,
      visibility: "partner",
    });
    respondToVersion(partner(), id(), 2, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    const [comment, accepted] = await smtp.waitFor("manager@demo.test", 2);
    expect(comment!.subject).toBe("New comment from Northshire Health System: Northshire patient safety partnership");
    expect(comment!.text).toContain("Helen Marsh of Northshire Health System commented on version 2");
    // What the partner wrote stays on the page: mail says that it happened and where.
    expect(comment!.text).not.toContain("community hospitals");
    expect(comment!.text).toContain(`https://planner.example.org/engagements/${id()}/review`);
    expect(accepted!.subject).toBe("Proposal accepted by Northshire Health System: Northshire patient safety partnership");
    // The acceptance says what was accepted and who signed, as its record does.
    expect(accepted!.text).toMatch(/Accepted: The proposal as described(, for a fee of [^;]+)?; signed by Helen Marsh, Chief Executive\./);

    const requestId = submitForApproval(manager(), id(), 2);
    const [toLeader] = await smtp.waitFor("leader@demo.test");
    const [toLeader2] = await smtp.waitFor("leader2@demo.test");
    expect(toLeader!.subject).toBe("Approval requested: Northshire patient safety partnership");
    expect(toLeader!.text).toContain(`https://planner.example.org/approvals/${requestId}`);
    expect(toLeader2!.messageId).not.toBe(toLeader!.messageId);
    expect(smtp.to("admin@demo.test")).toEqual([]);

    const decision = { decision: "approve" as const, conditions: "", reason: "", acknowledgedConflict: true };
    const first = decideApproval(leader("leader@demo.test"), requestId, { ...decision, requestVersion: 1 });
    // One of two approvals is no decision yet: the owner hears only when leadership has decided.
    if (first.status === "pending") {
      await deliverDue();
      expect(smtp.to("manager@demo.test")).toHaveLength(2);
      decideApproval(leader("leader2@demo.test"), requestId, { ...decision, requestVersion: 2 });
    }
    const all = await smtp.waitFor("manager@demo.test", 3);
    expect(all[2]!.subject).toBe("Leadership approved: Northshire patient safety partnership");
  });

  it("sends nothing for a change that was refused", async () => {
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    // A partner cannot share: the transaction rolls back with its mail.
    expect(() => shareVersion(partner(), id(), 2)).toThrow();
    await deliverDue();
    expect(smtp.received).toEqual([]);
    expect(
      db()
        .select()
        .from(outbox)
        .where(eq(outbox.kind, "version_shared"))
        .all()
        .filter((r) => r.sentAt === null)
    ).toEqual([]);
  });
});

describe("a message that cannot be sent", () => {
  it("is kept, tried again later, and then sent with the Message-ID it was written with", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    resetEnvCache();
    shareVersion2();
    await deliverDue();
    const row = db().select().from(outbox).where(eq(outbox.kind, "version_shared")).all().at(-1)!;
    expect(row.sentAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBeTruthy();
    expect(Date.parse(row.nextAttemptAt)).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing happens.
    process.env.SMTP_URL = smtpUrl;
    resetEnvCache();
    await deliverDue();
    expect(smtp.received).toEqual([]);
    db()
      .update(outbox)
      .set({ nextAttemptAt: new Date(0).toISOString() })
      .where(eq(outbox.id, row.id))
      .run();
    await deliverDue();
    const [mail] = await smtp.waitFor("partner@demo.test");
    expect(mail!.messageId).toBe(row.messageId);
    expect(db().select().from(outbox).where(eq(outbox.id, row.id)).get()!.sentAt).not.toBeNull();
  });
});

describe("each person chooses their notices", () => {
  it("offers a manager the owner's notices, and one turned off is no longer sent to them", async () => {
    const page = await callLoader(noticesRoute.loader, { path: "/notices", as: "manager@demo.test" });
    expect(page.data.choices.map((c: { kind: string; on: boolean }) => [c.kind, c.on])).toEqual([
      ["partner_commented", true],
      ["partner_answered", true],
      ["approval_decided", true],
      ["engagement_owned", true],
      ["roster_shortfall", true],
    ]);
    // Ticked: comments and decisions; not ticked: the partner's answers.
    const res = await callAction(noticesRoute.action, {
      path: "/notices",
      as: "manager@demo.test",
      form: { intent: "mail-notices", partner_commented: "on", approval_decided: "on" },
    });
    expect(res.status).toBe(303);
    const after = await callLoader(noticesRoute.loader, { path: "/notices", as: "manager@demo.test" });
    expect(after.data.choices.find((c: { kind: string }) => c.kind === "partner_answered").on).toBe(false);

    shareVersion2();
    await smtp.waitFor("partner@demo.test");
    respondToVersion(partner(), id(), 2, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    addComment(partner(), id(), { number: 2, sectionKey: "aims", body: "A question.", parentId: null, visibility: "partner" });
    const [only] = await smtp.waitFor("manager@demo.test");
    await deliverDue();
    expect(smtp.to("manager@demo.test")).toHaveLength(1);
    expect(only!.subject).toMatch(/^New comment from/);
  });

  it("offers an administrator nothing to turn off, and refuses a made-up kind next to nothing saved", async () => {
    const page = await callLoader(noticesRoute.loader, { path: "/notices", as: "admin@demo.test" });
    expect(page.data.choices).toEqual([]);
    const res = await callAction(noticesRoute.action, {
      path: "/notices",
      as: "manager@demo.test",
      form: { intent: "mail-notices", partner_commented: "yes" },
    });
    expect(res.status).toBe(400);
  });
});
