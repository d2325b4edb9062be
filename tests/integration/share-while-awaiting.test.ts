/**
 * A version submitted for approval before it was shared: the owner may still share that very version,
 * and it stays with leadership, as one shared and then submitted does (docs/domain.md §9.9). A version
 * made after it waits until the request is withdrawn, and the refusal says so.
 */
import { desc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { approvalRequests, bookings, engagements, proposalVersions } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { renameTimelineItem } from "~/models/timeline.server";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { db, everyRowHash, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

// Pictures are drawn in a browser after a version is frozen; they have nothing to do with the workflow.
vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const MANAGER = "manager@demo.test";
const owner = (): Actor => ({ id: userIdByEmail(MANAGER), role: "manager", organisationId: null });

let edits = 0;
/** Northshire afresh, with a new version submitted for approval before anyone shared it. */
function submittedUnshared(): { id: number; number: number } {
  const id = demoEngagementId();
  db().delete(bookings).where(eq(bookings.engagementId, id)).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id)).run();
  db().update(engagements).set({ stage: "draft" }).where(eq(engagements.id, id)).run();
  const number = newVersion(id);
  submitForApproval(owner(), id, number);
  return { id, number };
}
function newVersion(id: number): number {
  db().transaction((tx) => renameTimelineItem(tx, owner(), id, "final_report", `Final report and spread plan (draft ${++edits})`));
  return createVersion(owner(), id, "2026-11-25", "2026-11").number;
}
const stageOf = (id: number) => db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage;
const latestRequest = (id: number) =>
  db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, id)).orderBy(desc(approvalRequests.id)).get()!;
const review = async (id: number) =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: MANAGER })).data;
const share = (id: number, number: number) =>
  callAction(reviewRoute.action, {
    path: `/engagements/${id}/review`,
    params: { id: String(id) },
    as: MANAGER,
    form: { intent: "share", number: String(number) },
  });

describe("a version submitted for approval before it was shared", () => {
  it("is offered for sharing, and once shared stays with leadership while the partner may accept it", async () => {
    const { id, number } = submittedUnshared();
    const page = await review(id);
    expect(page.choices!.share).toEqual({ ok: true, to: "awaiting_approval" });
    expect(page.choices!.withdraw.ok).toBe(true);

    const res = await share(id, number);
    expect(res.status).toBe(303);
    expect(stageOf(id)).toBe("awaiting_approval");
    expect(latestRequest(id).status).toBe("pending");
    const after = await review(id);
    expect(after.versions[0]!.sharedAt).not.toBeNull();
    expect(after.standing.label).toBe("Awaiting approval");

    // The partner reads it as with our leadership, and may accept it; asking for changes is for a version with them for review.
    const partner = (await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}`, params: { id: String(id) }, as: "partner@demo.test" })).data;
    expect(partner.answer).toEqual({ accept: true, askForChanges: false, comment: true });

    // Leadership's decision is unchanged by the sharing: both approvals approve it.
    for (const email of ["leader@demo.test", "leader2@demo.test"]) {
      const r = latestRequest(id);
      decideApproval({ id: userIdByEmail(email), role: "leader", organisationId: null }, r.id, {
        decision: "approve",
        conditions: "",
        reason: "",
        acknowledgedConflict: true,
        requestVersion: r.version,
      });
    }
    expect(stageOf(id)).toBe("approved");
  });

  it("is the only one that may be shared: a newer version waits for its request to be withdrawn, and the refusal says so", async () => {
    const { id } = submittedUnshared();
    const later = newVersion(id);
    const page = await review(id);
    expect(page.choices!.share).toEqual({
      ok: false,
      status: 409,
      message: `An earlier version is with leadership for approval: withdraw that request before sharing version ${later}.`,
    });
    const before = everyRowHash();
    const res = await share(id, later);
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors[""] ?? JSON.stringify(res.data)).toContain("withdraw that request before sharing");
    expect(everyRowHash()).toBe(before);
  });
});
