/**
 * The partner is told when a proposal becomes agreed (docs/domain.md §9.11): once both their acceptance
 * and our leadership's approval are given, in either order, every executive of the partner gets the
 * record of it, read back as a mail client reads the outbox folder; our owners read it in the mail of
 * the second of the two, once.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { beforeEach, describe, expect, it } from "vitest";
import { engagementCoOwners, engagements, noticeOptOuts, organisations, outbox, partnerAgreementsSeen, users } from "../../db/schema";
import { formatDate } from "~/domain/calendar";
import { NOTICE_KINDS } from "~/domain/mail";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { renameTimelineItem } from "~/models/timeline.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import * as noticesRoute from "~/routes/notices";
import * as partnerPage from "~/routes/partner.engagements.$id";
import { deliverDue, outboxFolder } from "~/services/mailer.server";
import { resetEnvCache } from "~/services/env.server";
import { MIGRATIONS_DIR } from "~/services/db.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";

useTestDatabase();

beforeEach(async () => {
  engagementId = undefined;
  delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = "https://planner.example.org";
  resetEnvCache();
  await deliverDue();
  db().delete(outbox).run();
});

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });
const partner = () => ({ id: userIdByEmail("partner@demo.test"), role: "partner" as const, organisationId: 1 });
let engagementId: number | undefined;
const id = () => engagementId ?? demoEngagementId();
const TITLE = "Northshire patient safety partnership";

/** Version `number` of Northshire's proposal, made, shared with its executives and submitted: two leaders decide it. */
function sharedAndSubmitted(number = 2): number {
  createVersion(manager(), id(), "2026-11-25", "2026-11");
  shareVersion(manager(), id(), number);
  return submitForApproval(manager(), id(), number);
}

function decide(email: string, requestId: number, requestVersion: number, conditions = "", conditionsMet = false) {
  const decision = conditions ? ("approve_with_conditions" as const) : ("approve" as const);
  return decideApproval(leader(email), requestId, { decision, conditions, reason: "", acknowledgedConflict: true, conditionsMet, requestVersion });
}

const CONDITION = "QQCONDITIONQQ margin above 12% and Priya Shah released from Eastmere";

/** leader@ approves with conditions, leader2@ approves: as the exploratory pass did. */
function approve(requestId: number, opts: { conditions?: string; conditionsMet?: boolean } = {}) {
  expect(decide("leader@demo.test", requestId, 1, opts.conditions ?? "", opts.conditionsMet)).toMatchObject({ status: "pending" });
  expect(decide("leader2@demo.test", requestId, 2, "", opts.conditionsMet)).toMatchObject({
    status: opts.conditions ? "approved_with_conditions" : "approved",
  });
}

function accept(number = 2) {
  respondToVersion(partner(), id(), number, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
}

async function letters(kind: string): Promise<{ to: string; mail: ParsedMail }[]> {
  await deliverDue();
  const rows = db().select().from(outbox).where(eq(outbox.kind, kind)).all();
  return Promise.all(rows.map(async (r) => ({ to: r.toAddress, mail: await simpleParser(readFileSync(path.join(outboxFolder(), r.file!))) })));
}

const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ");
const today = () => formatDate(new Date().toISOString());

/** A second executive of Northshire, and one whose account is disabled: the first is told, the second not. */
function moreExecutives() {
  db().insert(users).values({ email: "cfo@northshire.test", name: "Sam Ortiz", role: "partner", organisationId: 1, passwordHash: "x" }).run();
  db()
    .insert(users)
    .values({ email: "gone@northshire.test", name: "Gone", role: "partner", organisationId: 1, passwordHash: "x", disabledAt: new Date().toISOString() })
    .run();
}

describe("a version becomes agreed", () => {
  it("when leadership approves after the partner accepted: every executive of the partner gets one record, with the day, the acceptance, the fingerprint and who sets out the conditions, never their text", async () => {
    moreExecutives();
    const requestId = sharedAndSubmitted();
    accept();
    // The partner's acceptance alone agrees nothing.
    expect(await letters("version_agreed")).toEqual([]);
    decide("leader@demo.test", requestId, 1, CONDITION);
    // One leader's approval of two agrees nothing either.
    expect(await letters("version_agreed")).toEqual([]);
    decide("leader2@demo.test", requestId, 2);

    const sent = await letters("version_agreed");
    expect(sent.map((s) => s.to).sort()).toEqual(["cfo@northshire.test", "partner@demo.test"]);
    const { mail } = sent[0]!;
    expect(mail.subject).toBe(`Agreed: ${TITLE}, version 2`);
    const text = flat(mail.text);
    expect(text).toContain(
      `Version 2 of the proposal “${TITLE}” is now agreed by both sides: Northshire Health System accepted it and the leadership of Northbridge Institute for Health Improvement approved it. It is in force from ${today()}.`
    );
    expect(text).toMatch(/Accepted: The proposal as described(, for a fee of [^;]+)?; signed by Helen Marsh, Chief Executive\./);
    expect(text).toMatch(/The document agreed has the fingerprint \(SHA-256\) [0-9a-f]{64}, as its page shows\./);
    expect(text).toContain(
      "The leadership of Northbridge Institute for Health Improvement approved it with conditions, which Maya Okafor (manager@demo.test) will set out with you."
    );
    expect(mail.text).toContain(`https://planner.example.org/partner/engagements/${id()}?version=2`);
    expect(mail.text).not.toContain("QQCONDITIONQQ");
    expect(mail.text).not.toContain("Priya Shah");
    expect(mail.headers.get("x-planner-notice")).toBe("version_agreed");
    // Not the other partner organisation, not our staff.
    expect(sent.some((s) => s.to === "partner2@demo.test")).toBe(false);

    // The owner reads that it is agreed in the decision's own mail, once; nothing more is sent to them.
    const decided = await letters("approval_decided");
    expect(decided.map((s) => s.to)).toEqual(["manager@demo.test"]);
    expect(flat(decided[0]!.mail.text)).toContain("The partner had already accepted it: the proposal is now agreed by both sides.");
  });

  it("when the partner accepts after leadership approved: the same record, once, and the owner reads it in the acceptance's mail", async () => {
    moreExecutives();
    approve(sharedAndSubmitted());
    expect(await letters("version_agreed")).toEqual([]);
    accept();
    const sent = await letters("version_agreed");
    expect(sent.map((s) => s.to).sort()).toEqual(["cfo@northshire.test", "partner@demo.test"]);
    const text = flat(sent[0]!.mail.text);
    expect(text).toContain(`It is in force from ${today()}.`);
    // Approved without conditions: nothing is said of any.
    expect(text).not.toContain("conditions");
    expect(text).not.toContain("replaces");
    const answered = await letters("partner_answered");
    expect(answered.map((s) => s.to)).toEqual(["manager@demo.test"]);
    expect(flat(answered[0]!.mail.text)).toContain("the proposal is now agreed by both sides");
    expect(await letters("approval_decided")).toHaveLength(1);
  });

  it("is not sent while only leadership has approved it: the partner is told it waits for their acceptance", async () => {
    approve(sharedAndSubmitted());
    expect(await letters("version_agreed")).toEqual([]);
    expect(await letters("version_approved")).toHaveLength(1);
  });

  it("is sent to an executive who turned every notice off: it is the record of what is in force, not a notice", async () => {
    for (const kind of NOTICE_KINDS) db().insert(noticeOptOuts).values({ userId: partner().id, kind }).run();
    const requestId = sharedAndSubmitted();
    accept();
    approve(requestId);
    expect((await letters("version_agreed")).map((s) => s.to)).toEqual(["partner@demo.test"]);
  });

  it("says an amendment replaces the version in force, which the partner had agreed", async () => {
    const first = sharedAndSubmitted(2);
    accept(2);
    approve(first, { conditions: CONDITION });
    await deliverDue();
    db().delete(outbox).run();
    db().transaction((tx) => renameTimelineItem(tx, manager(), id(), "final_report", "Final report and spread plan (revised)"));
    const second = sharedAndSubmitted(3);
    accept(3);
    approve(second, { conditionsMet: true });
    const sent = await letters("version_agreed");
    expect(sent.map((s) => s.to)).toEqual(["partner@demo.test"]);
    const { mail } = sent[0]!;
    expect(mail.subject).toBe(`Amendment agreed: ${TITLE}, version 3`);
    expect(flat(mail.text)).toContain("It replaces version 2, agreed before, as the proposal in force: version 2 is no longer in force.");
  });

  it("keeps hostile names inert: one subject line, no header of its own, plain text", async () => {
    engagementId = id();
    db().update(engagements).set({ title: "Northshire <script>alert(1)</script>\r\nBcc: attacker@evil.test" }).where(eq(engagements.id, id())).run();
    db().update(organisations).set({ name: "Northshire\r\nBcc: org@evil.test <b>x</b>" }).where(eq(organisations.id, 1)).run();
    db().update(users).set({ name: "Maya\r\nBcc: owner@evil.test" }).where(eq(users.id, manager().id)).run();
    const requestId = sharedAndSubmitted();
    accept();
    decide("leader@demo.test", requestId, 1, CONDITION);
    decide("leader2@demo.test", requestId, 2);
    const [{ mail }] = (await letters("version_agreed")) as [{ to: string; mail: ParsedMail }];
    expect(mail.subject).toBe("Agreed: Northshire <script>alert(1)</script> Bcc: attacker@evil.test, version 2");
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.html).toBe(false);
    expect(mail.text).toContain("Northshire Bcc: org@evil.test <b>x</b> accepted it");
    expect(mail.text).toContain("which Maya Bcc: owner@evil.test (manager@demo.test) will set out with you");
  });

  it("tells a co-owner in the decision's mail as the owner, and nobody twice", async () => {
    db().insert(users).values({ email: "comanager@demo.test", name: "Ravi Patel", role: "manager", passwordHash: "x" }).run();
    db()
      .insert(engagementCoOwners)
      .values({ engagementId: id(), userId: userIdByEmail("comanager@demo.test") })
      .run();
    const requestId = sharedAndSubmitted();
    accept();
    approve(requestId);
    const decided = await letters("approval_decided");
    expect(decided.map((s) => s.to).sort()).toEqual(["comanager@demo.test", "manager@demo.test"]);
    for (const d of decided) expect(flat(d.mail.text)).toContain("the proposal is now agreed by both sides");
    expect((await letters("version_agreed")).map((s) => s.to)).toEqual(["partner@demo.test"]);
  });
});

describe("the notices page", () => {
  it("lists, among what is always sent to a partner executive, the record of an agreement", async () => {
    const page = await callLoader(noticesRoute.loader, { path: "/notices", as: "partner@demo.test" });
    expect(page.data.always).toContain("A proposal shared with my organisation becomes agreed by both sides: the record of what is in force, and from when");
    const staff = await callLoader(noticesRoute.loader, { path: "/notices", as: "manager@demo.test" });
    expect(staff.data.always).toEqual([]);
  });
});

describe("the partner's page and notices", () => {
  const noticeTexts = async (as: string) =>
    ((await callLoader(noticesRoute.loader, { path: "/notices", as })).data.notices as { text: string }[]).map((n) => n.text);
  const page = (as = "partner@demo.test") => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as });

  it("says where they arrive that the version was agreed and from when, and lists it once in their notices until they have seen it", async () => {
    const requestId = sharedAndSubmitted();
    accept();
    decide("leader@demo.test", requestId, 1, CONDITION);
    // One side only: no word of an agreement.
    expect((await page()).data.agreement).toBeNull();
    expect((await noticeTexts("partner@demo.test")).filter((t) => t.includes("agreed on"))).toEqual([]);
    decide("leader2@demo.test", requestId, 2);

    const notice = `Version 2 was agreed on ${today()} and is in force from then: ${TITLE}`;
    expect((await noticeTexts("partner@demo.test")).filter((t) => t === notice)).toHaveLength(1);
    // Another partner's executive hears nothing of it.
    expect((await noticeTexts("partner2@demo.test")).filter((t) => t.includes("agreed on"))).toEqual([]);

    const arrived = await page();
    expect(arrived.data.agreement.words).toBe(
      `Version 2 was agreed on ${today()} and is in force from then: your organisation accepted it and Northbridge's leadership approved it. Northbridge's leadership approved it with conditions, which Maya Okafor (manager@demo.test) will set out with you.`
    );
    expect(JSON.stringify(arrived.data)).not.toContain("QQCONDITIONQQ");
    // The page records that they saw it, as its script does on arrival: the notice goes; the line stays.
    const seen = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id()}`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: { intent: "agreement_seen", number: String(arrived.data.agreement.number) },
    });
    expect(seen.status).toBe(200);
    expect((await noticeTexts("partner@demo.test")).filter((t) => t.includes("agreed on"))).toEqual([]);
    expect((await page()).data.agreement.words).toContain("Version 2 was agreed on");
  });

  it("says of an amendment agreed that it replaces the version in force", async () => {
    const first = sharedAndSubmitted(2);
    accept(2);
    approve(first);
    db().transaction((tx) => renameTimelineItem(tx, manager(), id(), "final_report", "Final report and spread plan (revised)"));
    const second = sharedAndSubmitted(3);
    approve(second);
    accept(3);
    expect((await page()).data.agreement.words).toContain("Version 3 was agreed on");
    expect((await page()).data.agreement.words).toContain("It replaces version 2, which is no longer in force.");
    expect(await noticeTexts("partner@demo.test")).toContain(`Version 3 was agreed on ${today()} and is in force from then: ${TITLE}`);
  });

  it("is announced for a version shared before the table of agreements seen existed, once agreed; one agreed before it is not announced again", async () => {
    // As at the migration: version 2 shared and submitted, not yet agreed; the table filled by its backfill.
    const requestId = sharedAndSubmitted();
    const backfill = readFileSync(path.join(MIGRATIONS_DIR, "0038_partner_agreements_seen.sql"), "utf8")
      .split("--> statement-breakpoint")
      .find((statement) => /^INSERT/m.test(statement))!;
    db().delete(partnerAgreementsSeen).run();
    db().$client.exec(backfill);
    expect(db().select().from(partnerAgreementsSeen).all()).toEqual([]);

    accept();
    approve(requestId);
    const notice = `Version 2 was agreed on ${today()} and is in force from then: ${TITLE}`;
    expect((await noticeTexts("partner@demo.test")).filter((t) => t === notice)).toHaveLength(1);

    // Agreed before the migration: counted as seen, by every executive of the partner, and not announced.
    db().delete(partnerAgreementsSeen).run();
    db().$client.exec(backfill);
    expect(
      db()
        .select({ userId: partnerAgreementsSeen.userId, number: partnerAgreementsSeen.number })
        .from(partnerAgreementsSeen)
        .where(eq(partnerAgreementsSeen.engagementId, id()))
        .all()
    ).toEqual([{ userId: userIdByEmail("partner@demo.test"), number: 2 }]);
    expect((await noticeTexts("partner@demo.test")).filter((t) => t.includes("agreed on"))).toEqual([]);
  });
});
