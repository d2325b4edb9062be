/**
 * An amendment after agreement: version 2 approved by both leaders (one with conditions) and accepted
 * by the partner, then version 3, an amendment, shared, submitted and declined, then version 4 shared,
 * submitted, approved and accepted. What the partner, our leaders and the engagement's owners read at
 * each step, walked through the pages' own loaders on a real database.
 */
import { desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { approvalRequests, outbox } from "../../db/schema";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { earlierRequestWords, partnerAcceptedWords } from "~/domain/workflow";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { renameTimelineItem } from "~/models/timeline.server";
import { noticesFor } from "~/models/notices.server";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as partnerSpace from "~/routes/partner._index";
import * as reviewRoute from "~/routes/engagements.$id.review";
import * as approvalPage from "~/routes/approvals.$requestId";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as portfolioRoute from "~/routes/portfolio";
import * as layoutRoute from "~/routes/engagements.$id";
import * as versionPage from "~/routes/engagements.$id.versions.$number";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });
const partnerActor = () => ({ id: userIdByEmail("partner@demo.test"), role: "partner" as const, organisationId: null as number | null });
const signer = { name: "Helen Marsh", title: "Chief Executive", confirmed: true };
let edits = 0;
// Each test starts from the demo database: the draft numbers in the timeline count from 1 again.
beforeEach(() => {
  edits = 0;
});
function newVersion() {
  db().transaction((tx) => renameTimelineItem(tx, manager(), id(), "final_report", `Final report and spread plan (draft ${++edits})`));
  return createVersion(manager(), id(), "2026-11-25", "2026-11").number;
}
const latestRequest = () => db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, id())).orderBy(desc(approvalRequests.id)).get()!;
function decideBoth(conditions: string, conditionsMet?: boolean) {
  decideApproval(leader("leader@demo.test"), latestRequest().id, {
    decision: "approve",
    conditions: "",
    reason: "",
    acknowledgedConflict: true,
    requestVersion: latestRequest().version,
    ...(conditionsMet === undefined ? {} : { conditionsMet }),
  });
  decideApproval(leader("leader2@demo.test"), latestRequest().id, {
    decision: conditions ? "approve_with_conditions" : "approve",
    conditions,
    reason: "",
    acknowledgedConflict: true,
    requestVersion: latestRequest().version,
    ...(conditionsMet === undefined ? {} : { conditionsMet }),
  });
}
const partnerPageOf = async (n?: number) =>
  (
    await callLoader(partnerPage.loader, {
      path: `/partner/engagements/${id()}${n ? `?version=${n}` : ""}`,
      params: { id: String(id()) },
      as: "partner@demo.test",
    })
  ).data;
const listed = async () =>
  (await callLoader(partnerSpace.loader, { path: "/partner", as: "partner@demo.test" })).data.engagements.find((e: { id: number }) => e.id === id());

const CONDITION = "Name a data lead before the first learning session.";
const partner = () => ({
  ...partnerActor(),
  organisationId: (db().$client.prepare("select organisation_id o from users where email = 'partner@demo.test'").get() as { o: number }).o,
});
const review = async () =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id()}/review`, params: { id: String(id()) }, as: "manager@demo.test" })).data;
const header = async () => (await callLoader(layoutRoute.loader, { path: `/engagements/${id()}`, params: { id: String(id()) }, as: "manager@demo.test" })).data;
const pipelineRowOf = async () =>
  (await callLoader(portfolioRoute.loader, { path: "/portfolio", as: "leader@demo.test" })).data.pipeline.rows.find((r: { engagements: { id: number }[] }) =>
    r.engagements.some((e) => e.id === id())
  );
/** Version 2 agreed (approved by both leaders, one with a condition, and accepted), then version 3, an amendment, shared. */
function agreedThenAmendment() {
  const v2 = newVersion();
  shareVersion(manager(), id(), v2);
  submitForApproval(manager(), id(), v2);
  decideBoth(CONDITION);
  respondToVersion(partner(), id(), v2, "accepted", "", signer);
  const v3 = newVersion();
  shareVersion(manager(), id(), v3);
  return { v2, v3 };
}
function declineLatest() {
  decideApproval(leader("leader@demo.test"), latestRequest().id, {
    decision: "decline",
    conditions: "",
    reason: "No faculty free in the spring.",
    acknowledgedConflict: true,
    requestVersion: latestRequest().version,
  });
}

describe("the partner's agreed version while an amendment is decided on", () => {
  it("reads as agreed and in force with an amendment proposed, and after a decline, in page, list and mail, that it stays agreed", async () => {
    agreedThenAmendment();
    expect((await partnerPageOf(2)).status).toBe("Agreed and in force; an amendment is proposed in version 3");
    expect(noticesFor(partner()).map((n) => n.text)).toContain(
      "An amendment to your agreed proposal was shared with you for review; version 2 stays agreed and in force meanwhile: Northshire patient safety partnership"
    );
    submitForApproval(manager(), id(), 3);
    respondToVersion(partner(), id(), 3, "accepted", "", signer);
    declineLatest();
    expect((await partnerPageOf(2)).status).toBe("Agreed and in force; the amendment in version 3 was not approved by Northbridge's leadership");
    const said = "Amendment not approved by Northbridge's leadership; version 2 stays agreed and in force";
    expect((await partnerPageOf(3)).status).toBe(said);
    expect((await listed()).status).toBe(said);
    const letter = db().select().from(outbox).where(eq(outbox.kind, "version_declined")).orderBy(desc(outbox.id)).get()!;
    expect(letter.subject).toBe("Amendment not approved: Northshire patient safety partnership");
    expect(letter.body).toContain("an amendment to version 2. Version 2, which your organisation accepted, stays agreed and in force.");
    expect(letter.body).not.toContain("may share a newer version");
    // Leadership's conditions are ours: the partner reads none of them.
    expect(JSON.stringify(await partnerPageOf(2))).not.toContain(CONDITION);
  });

  it("names the amendment as one in their list, its page and the mail that shares it, until leadership decides on it", async () => {
    agreedThenAmendment();
    const inReview = "Amendment for your review: version 3; version 2 stays agreed and in force";
    expect(await listed()).toMatchObject({ status: inReview, tone: "info" });
    expect((await partnerPageOf()).status).toBe(inReview);
    const letter = db().select().from(outbox).where(eq(outbox.kind, "version_shared")).orderBy(desc(outbox.id)).get()!;
    expect(letter.subject).toBe("Amendment shared with you: Northshire patient safety partnership");
    expect(letter.body).toContain(
      "version 3 of the proposal “Northshire patient safety partnership”, an amendment to version 2, with your organisation for review. Version 2, which your organisation accepted, stays agreed and in force meanwhile."
    );
    submitForApproval(manager(), id(), 3);
    expect((await listed()).status).toBe("Amendment in review: version 3; version 2 stays agreed and in force");
    respondToVersion(partner(), id(), 3, "accepted", "", signer);
    expect((await listed()).status).toBe(
      "Amendment accepted by your organisation, awaiting approval by Northbridge's leadership; version 2 stays agreed and in force"
    );
  });

  it("a declined amendment the partner had not answered is closed to them, saying that version 2 stays agreed", async () => {
    agreedThenAmendment();
    submitForApproval(manager(), id(), 3);
    declineLatest();
    const page = await partnerPageOf(3);
    expect(page.notOpen).toBe(
      "Northbridge's leadership did not approve version 3, an amendment to version 2, so it can no longer be accepted. Version 2, which your organisation accepted, stays agreed and in force. The partnership team will follow up."
    );
    expect(page.commentsClosed).toContain("Version 2, which your organisation accepted, stays agreed and in force.");
  });
});

describe("our own standing after a declined amendment", () => {
  it("is the agreed version's, in the header, the review page and the portfolio's pipeline", async () => {
    agreedThenAmendment();
    expect((await header()).badge.label).toBe("Approved; an amendment in review");
    submitForApproval(manager(), id(), 3);
    declineLatest();
    const page = await review();
    expect(page.standing.label).toBe("Agreed");
    // Version 2's conditions stand, as what remains for its owners to meet.
    expect(page.conditionsLead).toBe("Leadership approved version 2 with conditions, which remain for you to meet:");
    expect((await header()).badge.label).toBe("Agreed");
    const row = await pipelineRowOf();
    expect(row.label).toBe("Agreed");
    expect(row.engagements.find((e: { id: number }) => e.id === id()).amendment).toBe(false);
  });
});

const versionPageOf = async (n: number, as: string, compare?: number) =>
  (
    await callLoader(versionPage.loader, {
      path: `/engagements/${id()}/versions/${n}${compare ? `?compare=${compare}` : ""}`,
      params: { id: String(id()), number: String(n) },
      as,
    })
  ).data;

describe("an amendment's own page", () => {
  it("compares it with the version in force, saying so, with the version just before one click away", async () => {
    agreedThenAmendment();
    // Version 3 comes just after version 2, in force: one comparison, said to be with the version in force.
    expect((await versionPageOf(3, "manager@demo.test")).compare).toMatchObject({
      with: 2,
      heading: "What changed since version 2, the version in force, agreed with the partner",
      instead: null,
    });
    // The partner who last saw version 2 reads what changes in what they accepted.
    expect(await partnerPageOf()).toMatchObject({ number: 3, since: 2, sinceAgreed: true });
    submitForApproval(manager(), id(), 3);
    declineLatest();
    const v4 = newVersion();
    shareVersion(manager(), id(), v4);
    for (const as of ["manager@demo.test", "leader@demo.test"]) {
      const page = await versionPageOf(4, as);
      expect(page.compare).toMatchObject({
        with: 2,
        heading: "What changed since version 2, the version in force, agreed with the partner",
        instead: { number: 3, label: "Compare with version 3, the one just before" },
      });
      expect(JSON.stringify(page.compare.diff)).toContain("(draft 1) is now called Final report and spread plan (draft 3)");
    }
    const previous = await versionPageOf(4, "manager@demo.test", 3);
    expect(previous.compare).toMatchObject({
      with: 3,
      heading: "What changed since version 3",
      instead: { number: 2, label: "Compare with version 2, the version in force" },
    });
    // An earlier version than the one in force is compared with the one before it, as before.
    expect((await versionPageOf(2, "manager@demo.test")).compare).toMatchObject({ with: 1, heading: "What changed since version 1", instead: null });
  });
});

describe("an amendment after a declined one", () => {
  it("is compared with the version in force, to leaders with its conditions and to the partner as the version they accepted", async () => {
    agreedThenAmendment();
    submitForApproval(manager(), id(), 3);
    declineLatest();
    const v4 = newVersion();
    shareVersion(manager(), id(), v4);
    submitForApproval(manager(), id(), v4);
    const { view } = (
      await callLoader(approvalPage.loader, {
        path: `/approvals/${latestRequest().id}`,
        params: { requestId: String(latestRequest().id) },
        as: "leader@demo.test",
      })
    ).data;
    // Version 2, in force, is the base: its conditions are shown, and version 3 is named, not compared with.
    expect(view.amends).toMatchObject({ number: 2, status: "approved_with_conditions", between: { number: 3, status: "declined" } });
    expect(view.amends.decisions.map((d: { conditions: string }) => d.conditions)).toContain(CONDITION);
    expect(JSON.stringify(view.amends.changes)).toContain("Final report and spread plan (draft 1) is now called Final report and spread plan (draft 3).");
    expect(
      earlierRequestWords({
        number: 2,
        status: view.amends.status,
        on: "7 December 2026",
        withdrawnBy: null,
        between: { number: 3, status: "declined", on: "7 December 2026", withdrawnBy: null },
      })
    ).toBe(
      "It amends version 2, which leadership approved with conditions on 7 December 2026 and which stays in force. Its conditions and what changed since are below; approving this version says they are met, or carries what is still to be done into new conditions. Since then leadership declined version 3 on 7 December 2026, so what changed is compared with version 2, the version in force."
    );
    // The partner, who last saw version 3, reads what changes in the agreement they accepted.
    const partnerReads = await partnerPageOf();
    expect(partnerReads).toMatchObject({ number: 4, since: 2, sinceAgreed: true, sinceSharedAt: null });
    expect(JSON.stringify(partnerReads.changes)).toContain("(draft 1) is now called Final report and spread plan (draft 3)");
    expect(JSON.stringify(partnerReads)).not.toContain(CONDITION);

    // Approving it says what became of version 2's conditions: a plain approval without saying so is refused.
    decideApproval(leader("leader@demo.test"), latestRequest().id, {
      decision: "approve",
      conditions: "",
      reason: "",
      acknowledgedConflict: true,
      requestVersion: latestRequest().version,
      conditionsMet: true,
    });
    expect(() =>
      decideApproval(leader("leader2@demo.test"), latestRequest().id, {
        decision: "approve",
        conditions: "",
        reason: "",
        acknowledgedConflict: true,
        requestVersion: latestRequest().version,
      })
    ).toThrow("Leadership approved version 2 with conditions: confirm that this version meets them, or write what is still to be done as your conditions.");
    // Carried into the amendment's own, the conditions stand once the partner accepts it: not "nothing remains".
    decideApproval(leader("leader2@demo.test"), latestRequest().id, {
      decision: "approve_with_conditions",
      conditions: CONDITION,
      reason: "",
      acknowledgedConflict: true,
      requestVersion: latestRequest().version,
      conditionsMet: true,
    });
    respondToVersion(partner(), id(), v4, "accepted", "", signer);
    const page = await review();
    expect(page.standing.accepted).toContain("the proposal is agreed, and leadership's conditions remain for you to meet:");
    expect(page.conditions.map((c: { text: string }) => c.text)).toEqual([CONDITION]);
  });
});

describe("an approval request whose version the partner has accepted", () => {
  it("says so to the leader deciding on it: who accepted it, when and what, and that approving it makes it agreed", async () => {
    agreedThenAmendment();
    submitForApproval(manager(), id(), 3);
    const request = () =>
      callLoader(approvalPage.loader, { path: `/approvals/${latestRequest().id}`, params: { requestId: String(latestRequest().id) }, as: "leader@demo.test" });
    expect((await request()).data.view.acceptance).toBeNull();
    // The workflow lets the partner accept a version while our leadership decides on it.
    respondToVersion(partner(), id(), 3, "accepted", "", signer);
    const { acceptance } = (await request()).data.view;
    expect(acceptance).toMatchObject({ who: "Helen Marsh, Chief Executive" });
    expect(acceptance.what).toMatch(/^The proposal as described, for a fee of USD/);
    expect(partnerAcceptedWords({ number: 3, who: acceptance.who, on: "7 December 2026", what: "The proposal as described", open: true })).toBe(
      "The partner has accepted version 3. Helen Marsh, Chief Executive, accepted it for them on 7 December 2026: “The proposal as described”. Approving it makes it the agreed proposal."
    );
  });
});

describe("the manager's list of versions", () => {
  it("says of an earlier shared version what the partner reads, replaced by the newest shared, but never of the agreed version in force", async () => {
    agreedThenAmendment();
    const { versions } = (
      await callLoader(proposalRoute.loader as never, { path: `/engagements/${id()}/proposal`, params: { id: String(id()) }, as: "manager@demo.test" })
    ).data;
    const status = (n: number) => versions.find((v: { number: number }) => v.number === n).status.label;
    expect((await partnerPageOf(1)).status).toBe("Replaced by version 3");
    expect(status(1)).toBe("Shared with the partner; replaced by version 3");
    expect(status(2)).toBe("Agreed");
    expect(status(3)).toBe("Shared with the partner");
  });
});
