/**
 * The Review page offers to share or submit the latest version as it was frozen. When the live draft
 * has changed since, it says so before the buttons, and offers to freeze the draft as a new version
 * first, coming back to the page to share or submit it, or to send the version as it was frozen.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { engagements, proposalVersions } from "../../db/schema";
import { listRequests, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { pinToday } from "../helpers/clock";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();
pinToday("2026-12");

const MANAGER = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
const review = async (id: number, as = MANAGER) =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as })).data as {
    draftChanged: { words: string; diff: { sections: { section: string; changes: string[] }[] }; canCreate: boolean } | null;
    choices: { share: { ok: boolean }; submit: { ok: boolean } } | null;
    versions: { number: number }[];
    standing: { label: string };
    shared: { latest: string; held: string | null };
  };

describe("sharing or submitting a version the draft has moved on from", () => {
  it("says the draft changed since the version was frozen, what changed, and offers to freeze it first", async () => {
    // Northshire's version 1, frozen on 20 November 2026 and shared; a timeline item renamed since.
    const id = demoEngagementId();
    const frozenOn = db().select({ at: proposalVersions.createdAt }).from(proposalVersions).where(eq(proposalVersions.engagementId, id)).get()!.at;
    expect(frozenOn.slice(0, 10)).toBe("2026-11-20");
    const page = await review(id);
    expect(page.choices).toMatchObject({ share: { ok: false }, submit: { ok: true } });
    expect(page.draftChanged).toMatchObject({
      words:
        "The draft has changed since version 1 was frozen on 20 November 2026. Submitting version 1 sends it as it was frozen; to submit what the draft says now, create version 2 first.",
      canCreate: true,
    });
    expect(page.draftChanged!.diff.sections).toEqual([{ section: "Workplan and timeline", changes: [expect.stringMatching(/ is now called /)] }]);

    // Frozen from the Review page, the new version is the one the page then offers, with nothing more to say.
    const made = await callAction(proposalRoute.action, {
      path: `/engagements/${id}/proposal`,
      params: { id: String(id) },
      as: MANAGER,
      form: { intent: "create-version", then: "review" },
    });
    expect(made.status).toBe(303);
    expect(made.headers.get("location")).toBe(`/engagements/${id}/review`);
    const after = await review(id);
    expect(after.versions[0]!.number).toBe(2);
    expect(after.choices).toMatchObject({ share: { ok: true }, submit: { ok: true } });
    expect(after.draftChanged).toBeNull();
    // Version 1 stays the one the partner has: the page says so of it, not of version 2.
    expect(after.standing.label).toBe("Version 1 shared with partner");
    expect(after.shared).toEqual({
      latest: ", not yet shared.",
      held: "The partner has version 1, shared with them on 20 November 2026; they see version 2 only once it is shared.",
      shared: 1,
    });
  });

  it("says nothing when the draft says what the version says, nor to a leader, who can neither share nor submit", async () => {
    // Kestrel's version 1, withdrawn from leadership so that it may be submitted again: its draft reads as it did.
    const kestrel = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    const pending = listRequests({ engagementId: kestrel }).find((r) => r.status === "pending")!;
    withdrawRequest(manager(), kestrel, pending.id);
    const page = await review(kestrel);
    expect(page.choices?.submit.ok).toBe(true);
    expect(page.draftChanged).toBeNull();

    expect((await review(demoEngagementId(), "leader@demo.test")).draftChanged).toBeNull();
    submitForApproval(manager(), demoEngagementId(), 1);
    // With the version out for approval, there is nothing to share or submit: nothing is said.
    expect((await review(demoEngagementId())).draftChanged).toBeNull();
  });
});
