/**
 * Separation of duties and the finality of an approval, as the people involved would meet them:
 * the owner promoted to leadership, the approvals queue, an approved version that stays in force
 * while its amendment goes round, and a version that would say nothing new.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { approvalDecisions, approvalRequests, bookings, engagementCoOwners, engagements, proposalVersions, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { buildSnapshot } from "~/models/snapshot.server";
import { createVersion } from "~/models/proposal.server";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { renameTimelineItem } from "~/models/timeline.server";
import { handOverAll } from "~/models/owners.server";
import { updateUserRole } from "~/models/users.server";
import * as approvalRoute from "~/routes/approvals.$requestId";
import * as approvalsQueue from "~/routes/approvals._index";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;
const stage = () => db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id())).get()!.stage;
const pendingRequest = () =>
  db()
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.engagementId, id()), eq(approvalRequests.status, "pending")))
    .get()!;
const approve = (email: string, requestId: number, requestVersion: number) =>
  callAction(approvalRoute.action, {
    path: `/approvals/${requestId}`,
    params: { requestId: String(requestId) },
    as: email,
    form: { decision: "approve", conditions: "", reason: "", acknowledgedConflict: "on", requestVersion: String(requestVersion) },
  });
const decidedBy = (requestId: number) =>
  db()
    .select({ leaderId: approvalDecisions.leaderId })
    .from(approvalDecisions)
    .where(eq(approvalDecisions.requestId, requestId))
    .all()
    .map((d) => d.leaderId);
/** Who booked what for the engagement: the version the bookings stand for, and how firmly. */
const bookedFor = () => [
  ...new Set(
    db()
      .select({ number: proposalVersions.number, status: bookings.status })
      .from(bookings)
      .innerJoin(proposalVersions, eq(proposalVersions.id, bookings.proposalVersionId))
      .where(eq(bookings.engagementId, id()))
      .all()
      .map((b) => `version ${b.number} ${b.status}`)
  ),
];
let edits = 0;
const edit = () =>
  db().transaction((tx) => renameTimelineItem(tx, actor("manager@demo.test"), id(), "final_report", `Final report and spread plan, revision ${++edits}`));

/** Northshire's version 1, accepted by the partner and submitted by its owner. */
function submitted() {
  respondToVersion(actor("partner@demo.test"), id(), 1, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
  return submitForApproval(actor("manager@demo.test"), id(), 1);
}

describe("separation of duties", () => {
  it("a manager made a leader cannot approve the version they submitted; two other leaders can", async () => {
    const requestId = submitted();
    const admin = actor("admin@demo.test");
    const managerId = userIdByEmail("manager@demo.test");
    // A leader cannot own engagements: hers are handed over before her role changes (docs/domain.md §9.15).
    const successor = db()
      .insert(users)
      .values({ email: "jordan@demo.test", name: "Jordan Ellis", role: "manager", passwordHash: "scrypt$x" })
      .returning({ id: users.id })
      .get().id;
    handOverAll(admin, managerId, successor);
    const version = db().select({ version: users.version }).from(users).where(eq(users.id, managerId)).get()!.version;
    updateUserRole(admin, managerId, { role: "leader", organisationId: null, version });
    expect(db().select({ role: users.role }).from(users).where(eq(users.id, managerId)).get()).toEqual({ role: "leader" });

    const own = await approve("manager@demo.test", requestId, 1);
    expect(own.status).toBe(403);
    // The refusal gives its reason and the way out, whatever its wording.
    expect(own.data).toMatch(/you submitted this version/i);
    expect(own.data).toMatch(/another leader/i);
    expect(decidedBy(requestId)).toEqual([]);

    // The queue and the request page say why, instead of offering the buttons.
    const queue = await callLoader(approvalsQueue.loader, { path: "/approvals", as: "manager@demo.test" });
    expect(queue.data.pending.find((r: { id: number }) => r.id === requestId).whyNot).toBe(own.data);
    const page = await callLoader(approvalRoute.loader, { path: `/approvals/${requestId}`, params: { requestId: String(requestId) }, as: "manager@demo.test" });
    expect(page.data.whyNot).toMatch(/you submitted this version/);
    const other = await callLoader(approvalsQueue.loader, { path: "/approvals", as: "leader@demo.test" });
    expect(other.data.pending.find((r: { id: number }) => r.id === requestId).whyNot).toBeNull();

    // Northshire's resourcing needs two leaders; the same one twice does not make two.
    expect((await approve("leader@demo.test", requestId, 1)).status).toBe(303);
    expect((await approve("leader@demo.test", requestId, 2)).status).toBe(409);
    expect(stage()).toBe("awaiting_approval");
    // The other leader's queue says how far it has got, and who decided what.
    const halfway = await callLoader(approvalsQueue.loader, { path: "/approvals", as: "leader2@demo.test" });
    expect(halfway.data.pending.find((r: { id: number }) => r.id === requestId).progress).toMatch(/^1 of 2 approvals: \S.* approved\.$/);
    expect((await approve("leader2@demo.test", requestId, 2)).status).toBe(303);
    expect(stage()).toBe("approved");
    expect(decidedBy(requestId)).toEqual([userIdByEmail("leader@demo.test"), userIdByEmail("leader2@demo.test")]);
  });

  it("whoever created or shared the version is kept from deciding it too", async () => {
    // The owner creates and shares version 2; a co-owner submits it; then the owner becomes a leader.
    const coOwner = db()
      .insert(users)
      .values({ email: "co-owner@demo.test", name: "Co Owner", role: "manager", passwordHash: "scrypt$x" })
      .returning({ id: users.id })
      .get().id;
    db().insert(engagementCoOwners).values({ engagementId: id(), userId: coOwner }).run();
    edit();
    createVersion(actor("manager@demo.test"), id(), "2026-11-25", "2026-11");
    shareVersion(actor("manager@demo.test"), id(), 2);
    respondToVersion(actor("partner@demo.test"), id(), 2, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    const requestId = submitForApproval(actor("co-owner@demo.test"), id(), 2);
    db().update(users).set({ role: "leader" }).where(eq(users.email, "manager@demo.test")).run();
    let refusal: unknown;
    try {
      decideApproval(actor("manager@demo.test"), requestId, {
        decision: "decline",
        conditions: "",
        reason: "Not now, I think.",
        acknowledgedConflict: false,
        requestVersion: 1,
      });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(403);
    const why = await (refusal as Response).text();
    expect(why).toMatch(/you shared this version/i);
    expect(why).toMatch(/another leader/i);
    expect(decidedBy(requestId)).toEqual([]);
    expect(stage()).toBe("awaiting_approval");
  });
});

describe("an approval is final", () => {
  it("an approved version is never submitted again; its amendment is, while it stays in force", async () => {
    const requestId = submitted();
    await approve("leader@demo.test", requestId, 1);
    await approve("leader2@demo.test", requestId, 2);
    expect(stage()).toBe("approved");
    expect(bookedFor()).toEqual(["version 1 confirmed"]);

    // The review page no longer offers to submit version 1, and a hand-made post is refused.
    const review = () => callLoader(reviewRoute.loader, { path: `/engagements/${id()}/review`, params: { id: String(id()) }, as: "manager@demo.test" });
    expect((await review()).data.choices.submit).toMatchObject({ ok: false, status: 409 });
    const again = await callAction(reviewRoute.action, {
      path: `/engagements/${id()}/review`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "submit", number: "1" },
    });
    expect(again.status).toBe(409);
    expect(formAnswer(again).errors[""]).toMatch(
      /^Version 1 is approved, and an approval is final\. To change the plan, create a new version \(an amendment\)/
    );
    expect(stage()).toBe("approved");

    // The amendment goes to the partner and to leadership; version 1 stays in force meanwhile.
    edit();
    createVersion(actor("manager@demo.test"), id(), "2026-12-01", "2026-12");
    expect((await review()).data.choices).toMatchObject({ share: { ok: true }, submit: { ok: true }, inForce: 1 });
    shareVersion(actor("manager@demo.test"), id(), 2);
    expect(stage()).toBe("shared");
    expect(bookedFor()).toEqual(["version 1 confirmed"]);
    respondToVersion(actor("partner@demo.test"), id(), 2, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    const amendment = submitForApproval(actor("manager@demo.test"), id(), 2);
    expect(stage()).toBe("awaiting_approval");
    expect(bookedFor()).toEqual(["version 1 confirmed"]);

    // Declined: the engagement is back to its approved version, bookings untouched.
    decideApproval(actor("leader@demo.test"), amendment, {
      decision: "decline",
      conditions: "",
      reason: "Keep the plan as agreed.",
      acknowledgedConflict: true,
      requestVersion: 1,
    });
    expect(stage()).toBe("approved");
    expect(bookedFor()).toEqual(["version 1 confirmed"]);

    // A further amendment, approved: it is now the version in force.
    edit();
    createVersion(actor("manager@demo.test"), id(), "2026-12-02", "2026-12");
    shareVersion(actor("manager@demo.test"), id(), 3);
    respondToVersion(actor("partner@demo.test"), id(), 3, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    submitForApproval(actor("manager@demo.test"), id(), 3);
    const third = pendingRequest();
    await approve("leader@demo.test", third.id, third.version);
    expect(bookedFor()).toEqual(["version 1 confirmed"]);
    await approve("leader2@demo.test", third.id, third.version + 1);
    expect(stage()).toBe("approved");
    expect(bookedFor()).toEqual(["version 3 confirmed"]);
    expect((await review()).data.choices.inForce).toBe(3);
  });
});

describe("a version that would say nothing new", () => {
  const create = () =>
    callAction(proposalRoute.action, {
      path: `/engagements/${id()}/proposal`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "create-version" },
    });

  it("is refused, naming the version that already says it, even when our capacity has moved since", async () => {
    // The demo leaves an edit after version 1, so version 2 can be made (the README's walk-through).
    expect((await create()).status).toBe(303);
    const refused = await create();
    expect(refused.status).toBe(409);
    // It names the version that already says it.
    expect(formAnswer(refused).errors[""]).toMatch(/\bVersion 2\b/);

    // Another engagement books our faculty in the same months: our capacity for this one changes, which is internal.
    const before = buildSnapshot(db(), id(), "2026-11-25", "2026-11");
    const kestrel = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    for (const d of before.demand) db().insert(bookings).values({ engagementId: kestrel, role: d.role, month: d.month, fte: 25, status: "confirmed" }).run();
    expect(buildSnapshot(db(), id(), "2026-11-25", "2026-11").fit).not.toEqual(before.fit);
    expect((await create()).status).toBe(409);
    expect(db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, id())).all()).toHaveLength(2);

    // A change the partner would read makes a new version possible again.
    edit();
    expect((await create()).status).toBe(303);
  });
});
