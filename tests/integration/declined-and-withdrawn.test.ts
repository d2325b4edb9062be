/**
 * Versions our leadership declined, requests withdrawn, and an amendment whose request was withdrawn
 * while the approved version stays in force: what the server refuses (changing no row), what it
 * still allows, and what the manager's, the leader's and the partner's pages say about it.
 */
import { desc, eq } from "drizzle-orm";
import mammoth from "mammoth";
import { describe, expect, it, vi } from "vitest";
import { approvalDecisions, approvalRequests, bookings, engagements, outbox, partnerResponses, proposalVersions, users } from "../../db/schema";
import { formatDate } from "~/domain/calendar";
import { formatDate as pageDate } from "~/components/ui";
import type { Actor } from "~/domain/roles";
import { createVersion } from "~/models/proposal.server";
import { addComment } from "~/models/comments.server";
import { decideApproval, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import { noticesFor } from "~/models/notices.server";
import { shareVersion } from "~/models/sharing.server";
import { renameTimelineItem } from "~/models/timeline.server";
import * as approvalPage from "~/routes/approvals.$requestId";
import * as approvalsQueue from "~/routes/approvals._index";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as reviewRoute from "~/routes/engagements.$id.review";
import * as layoutRoute from "~/routes/engagements.$id";
import * as listRoute from "~/routes/engagements._index";
import * as portfolioRoute from "~/routes/portfolio";
import { STAGE_CHOICES } from "~/domain/engagement-list";
import { STANDINGS_FOUND_BY } from "~/domain/workflow";
import { amendmentsNote } from "~/domain/portfolio";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as versionRoute from "~/routes/engagements.$id.versions.$number";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as versionCalendar from "~/routes/engagements.$id.versions.$number.ics";
import { partnerAccepts } from "../helpers/partner-answers";
import { db, everyRowHash, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, callLoader, formAnswer, sessionCookie } from "../helpers/requests";

// Pictures are drawn in a browser after a version is frozen; they have nothing to do with the workflow.
vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const MANAGER = "manager@demo.test";
const PARTNER = "partner@demo.test";
const LEADERS = ["leader@demo.test", "leader2@demo.test"];
const staff = (email: string, role: "manager" | "leader"): Actor => ({ id: userIdByEmail(email), role, organisationId: null });
const owner = () => staff(MANAGER, "manager");

let edits = 0;
/** Northshire with no version yet, and a change the partner would see before each new version. */
function fresh(): number {
  const id = demoEngagementId();
  db().delete(bookings).where(eq(bookings.engagementId, id)).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id)).run();
  db().update(engagements).set({ stage: "draft" }).where(eq(engagements.id, id)).run();
  return id;
}
function newVersion(id: number) {
  db().transaction((tx) => renameTimelineItem(tx, owner(), id, "final_report", `Final report and spread plan (draft ${++edits})`));
  return createVersion(owner(), id, "2026-11-25", "2026-11").number;
}
const latestRequest = (id: number) =>
  db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, id)).orderBy(desc(approvalRequests.id)).get()!;
function decideAll(id: number, decision: "approve" | "decline", opts: { conditionsMet?: boolean } = {}) {
  for (const email of decision === "decline" ? LEADERS.slice(0, 1) : LEADERS) {
    const r = latestRequest(id);
    decideApproval(staff(email, "leader"), r.id, {
      decision,
      conditions: "",
      reason: decision === "decline" ? "No faculty free in the spring." : "",
      acknowledgedConflict: true,
      requestVersion: r.version,
      ...opts,
    });
  }
}
type Step = "share" | "submit" | "approve" | "decline" | "withdraw";
/**
 * Northshire afresh, then one new version for each list of steps, taken in order on that version:
 * shared with the partner, submitted for approval, approved or declined by leadership, its request withdrawn.
 */
function engagementWith(...versions: Step[][]): number {
  const id = fresh();
  for (const steps of versions) {
    const number = newVersion(id);
    for (const step of steps) {
      if (step === "share") shareVersion(owner(), id, number);
      else if (step === "submit") submitForApproval(owner(), id, number);
      else if (step === "withdraw") withdrawRequest(owner(), id, latestRequest(id).id);
      else decideAll(id, step);
    }
  }
  return id;
}
const stageOf = (id: number) => db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage;

const post = (id: number, form: Record<string, string>, as = MANAGER) =>
  callAction(reviewRoute.action, { path: `/engagements/${id}/review`, params: { id: String(id) }, as, form });
const review = async (id: number) =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: MANAGER })).data;
const approvalView = async (requestId: number, as: string) =>
  (await callLoader(approvalPage.loader, { path: `/approvals/${requestId}`, params: { requestId: String(requestId) }, as })).data;
const partnerReads = async (id: number, number?: number) =>
  (await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}${number ? `?version=${number}` : ""}`, params: { id: String(id) }, as: PARTNER }))
    .data;
const accept = (id: number, number: number) => partnerAccepts(id, number);

const DECLINED_V1 =
  "Leadership declined version 1, so it can be neither shared with the partner nor submitted again. Make the changes in a new version, then share it with the partner and submit it for approval.";

describe("a version our leadership declined", () => {
  it("is refused sharing and a second submission, changing no row, and the review page offers neither but says why and what to do", async () => {
    const id = engagementWith(["submit", "decline"]);
    expect(stageOf(id)).toBe("declined");

    for (const intent of ["share", "submit"]) {
      const before = everyRowHash();
      const res = await post(id, { intent, number: "1" });
      expect(res.status, intent).toBe(409);
      expect(formAnswer(res).errors[""], intent).toBe(DECLINED_V1);
      expect(everyRowHash(), intent).toBe(before);
    }
    // The partner was never shown it, and still is not.
    expect(db().select({ sharedAt: proposalVersions.sharedAt }).from(proposalVersions).where(eq(proposalVersions.engagementId, id)).get()!.sharedAt).toBeNull();

    const page = await review(id);
    expect(page.choices.share).toEqual({ ok: false, status: 409, message: DECLINED_V1 });
    expect(page.choices.submit).toEqual({ ok: false, status: 409, message: DECLINED_V1 });

    // A new version, made from what leadership said, is shared and submitted as usual.
    newVersion(id);
    expect((await post(id, { intent: "share", number: "2" })).status).toBe(303);
    expect(stageOf(id)).toBe("shared");
  });

  it("while an earlier approved version stays in force, is refused sharing just the same", async () => {
    const id = engagementWith(["submit", "approve"], ["submit", "decline"]);
    expect(stageOf(id)).toBe("approved");
    const before = everyRowHash();
    const res = await post(id, { intent: "share", number: "2" });
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors[""]).toContain("Leadership declined version 2, so it can be neither shared with the partner nor submitted again.");
    expect(everyRowHash()).toBe(before);
  });
});

describe("a withdrawn request", () => {
  it("reads as withdrawn, by whom and when, with what its owners may do next, instead of what approval needs", async () => {
    const id = engagementWith(["share", "submit"]);
    const requestId = latestRequest(id).id;
    const before = await approvalView(requestId, LEADERS[0]);
    expect(before.view.afterWithdrawal).toBeNull();

    withdrawRequest(owner(), id, requestId);
    const after = await approvalView(requestId, LEADERS[0]);
    expect(after.view.request.status).toBe("withdrawn");
    expect(after.view.request.withdrawnByName).toBe("Maya Okafor");
    expect(after.view.request.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(after.view.afterWithdrawal).toBe(
      "Nothing was decided on version 1. Its owners may submit it for approval again as it stands, or make the changes in a new version, share it with the partner and submit that one."
    );
    // The review page lists it as withdrawn by the same person.
    const listed = (await review(id)).requests.find((r: { id: number }) => r.id === requestId);
    expect(listed).toMatchObject({ status: "withdrawn", withdrawnByName: "Maya Okafor" });

    // Once a newer version exists, submitting this one again is no longer what comes next, and the page says why.
    newVersion(id);
    const later = await approvalView(requestId, MANAGER);
    expect(later.view.afterWithdrawal).toBe(
      "Nothing was decided on version 1, and it cannot be submitted again as it stands: Only the latest version (version 2) can be submitted."
    );
  });
});

describe("the approvals queue", () => {
  it("says a version withdrawn, asked for again and withdrawn again by the same person that day as one line, withdrawn twice", async () => {
    const id = engagementWith(["submit", "withdraw", "submit", "withdraw"]);
    const queue = (await callLoader(approvalsQueue.loader, { path: "/approvals", as: LEADERS[0] })).data;
    const title = db().select({ title: engagements.title }).from(engagements).where(eq(engagements.id, id)).get()!.title;
    const lines = queue.decided.filter((r: { engagementId: number }) => r.engagementId === id);
    expect(lines.map((r: { id: number; words: string }) => [r.id, `${title}, ${r.words}`])).toEqual([
      [latestRequest(id).id, `${title}, version 1: withdrawn twice by Maya Okafor on ${pageDate(latestRequest(id).decidedAt!)}`],
    ]);
  });
});

describe("the Review step of the step bar", () => {
  const reviewStepOf = async (id: number) => {
    const header = (await callLoader(layoutRoute.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER })).data;
    const step = header.steps.find((s: { key: string }) => s.key === "review");
    return { status: step.status, words: step.words };
  };

  it("has not started before anything is shared or submitted", async () => {
    expect(await reviewStepOf(engagementWith([]))).toEqual({ status: "not_started", words: "Not started" });
  });

  it("says a request was withdrawn when one about a version never shared was, not that review has not started", async () => {
    // Submitted without sharing, then withdrawn: back at "draft", but a request was made and withdrawn.
    const id = engagementWith(["submit", "withdraw"]);
    expect(stageOf(id)).toBe("draft");
    expect(await reviewStepOf(id)).toEqual({ status: "in_progress", words: "Request withdrawn" });
    // A newer version does not undo it: nothing is with the partner or leadership until one is shared or submitted.
    newVersion(id);
    expect(await reviewStepOf(id)).toEqual({ status: "in_progress", words: "Request withdrawn" });
    submitForApproval(owner(), id, 2);
    expect(await reviewStepOf(id)).toEqual({ status: "in_progress", words: "In progress" });
  });

  it("is in progress when a request about a shared version was withdrawn: the partner still has it for review", async () => {
    const id = engagementWith(["share", "submit", "withdraw"]);
    expect(stageOf(id)).toBe("shared");
    expect(await reviewStepOf(id)).toEqual({ status: "in_progress", words: "In progress" });
  });

  it("says a decline is one, not 'Needs review', until a new version is shared", async () => {
    const id = engagementWith(["share", "submit", "decline"]);
    expect(await reviewStepOf(id)).toEqual({ status: "stale", words: "Declined" });
    newVersion(id);
    shareVersion(owner(), id, 2);
    expect(await reviewStepOf(id)).toEqual({ status: "in_progress", words: "In progress" });
  });
});

describe("the owner's notices", () => {
  it("never read a withdrawn request as leadership's approval", () => {
    const id = engagementWith(["share", "submit", "withdraw", "submit", "decline"]);
    const title = db().select({ title: engagements.title }).from(engagements).where(eq(engagements.id, id)).get()!.title;
    const leadership = noticesFor(owner())
      .map((n) => n.text)
      .filter((t) => t.startsWith("Leadership") && t.endsWith(title));
    expect(leadership).toEqual([`Leadership declined: ${title}`]);
  });

  it("say an approval with conditions was one", () => {
    const id = engagementWith(["share", "submit"]);
    const title = db().select({ title: engagements.title }).from(engagements).where(eq(engagements.id, id)).get()!.title;
    for (const email of LEADERS) {
      const r = latestRequest(id);
      decideApproval(staff(email, "leader"), r.id, {
        decision: "approve_with_conditions",
        conditions: "Faculty confirmed by March.",
        reason: "",
        acknowledgedConflict: true,
        requestVersion: r.version,
      });
    }
    const leadership = noticesFor(owner())
      .map((n) => n.text)
      .filter((t) => t.startsWith("Leadership") && t.endsWith(title));
    expect(leadership).toEqual([`Leadership approved with conditions: ${title}`]);
  });
});

describe("version 1 approved, not yet accepted; version 2 shared, submitted and withdrawn", () => {
  function scenario() {
    const id = engagementWith(["share", "submit", "approve"], ["share", "submit", "withdraw"]);
    expect(stageOf(id)).toBe("approved");
    return id;
  }

  it("the partner can accept neither version, changing no row, and reads why and what happens next", async () => {
    const id = scenario();
    for (const number of [1, 2]) {
      const before = everyRowHash();
      const res = await accept(id, number);
      expect(res.status, `version ${number}`).toBe(409);
      expect(everyRowHash(), `version ${number}`).toBe(before);
    }

    const v2 = await partnerReads(id);
    expect(v2.number).toBe(2);
    expect(v2.status).toBe("Awaiting approval by Northbridge's leadership");
    // It may be submitted again, so it is not closed: the partner may still comment on it.
    expect(v2.answer).toEqual({ accept: false, askForChanges: false, comment: true });
    expect(v2.notOpen).toBe(
      "Version 2 is awaiting approval by Northbridge's leadership, so it cannot be accepted yet. The partnership team will let you know when you can accept it, or share a newer version."
    );
    const v1 = await partnerReads(id, 1);
    expect(v1.status).toBe("Replaced by version 2");
    expect(v1.answer).toEqual({ accept: false, askForChanges: false, comment: true });
  });

  it("the manager reads that the partner cannot accept either, and what would let them", async () => {
    const id = scenario();
    const page = await review(id);
    expect(page.choices.submit.ok).toBe(true);
    expect(page.choices.partner).toBe(
      "The partner cannot accept version 2 yet: its approval request was withdrawn, and they may accept it only while our leadership decides on it or once it is approved. Submit version 2 for approval again, or create a new version and share it. Nor can they accept version 1: version 2 replaced it for them. Version 1 stays in force, as our leadership approved it, meanwhile."
    );
  });

  it("submitted again, version 2 is the partner's to accept while leadership decides, and the manager's note goes", async () => {
    const id = scenario();
    expect((await post(id, { intent: "submit", number: "2" })).status).toBe(303);
    const v2 = await partnerReads(id);
    expect(v2.answer.accept).toBe(true);
    expect(v2.notOpen).toBeNull();
    expect((await review(id)).choices.partner).toBeNull();
    expect((await accept(id, 2)).status).toBe(303);
  });
});

const nameOf = (email: string) =>
  db()
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, userIdByEmail(email)))
    .get()!.name;

/** The name a version's Word document is saved under. */
async function wordFileName(id: number, number: number, as: string, edition: "partner" | "internal" = "partner"): Promise<string> {
  const request = new Request(`${BASE}/engagements/${id}/versions/${number}/docx${edition === "internal" ? "?edition=internal" : ""}`, {
    headers: { Cookie: sessionCookie(as) },
  });
  const res = (await docxRoute.loader({ request, params: { id: String(id), number: String(number) }, context: {} })) as Response;
  expect(res.status).toBe(200);
  return decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? "");
}

/** A version's Word document as its reader downloads it, read back by a reader the project did not write. */
async function word(id: number, number: number, as: string, edition: "partner" | "internal" = "partner"): Promise<string> {
  const request = new Request(`${BASE}/engagements/${id}/versions/${number}/docx${edition === "internal" ? "?edition=internal" : ""}`, {
    headers: { Cookie: sessionCookie(as) },
  });
  const res = (await docxRoute.loader({ request, params: { id: String(id), number: String(number) }, context: {} })) as Response;
  expect(res.status).toBe(200);
  return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value.replace(/\n+/g, "\n");
}

const REASON = "No faculty free in the spring.";

describe("a version our leadership declined after the partner had it", () => {
  /** Version 1 shared with the partner, submitted, and declined by the first leader. */
  function declinedWhileShared() {
    return engagementWith(["share", "submit", "decline"]);
  }

  it(
    "tells the partner, in their copy and on their page, that our leadership did not approve it, and they can no longer accept it",
    { timeout: 120_000 },
    async () => {
      const id = declinedWhileShared();
      const text = await word(id, 1, PARTNER);
      expect(text).not.toContain("It becomes the agreed proposal when both parties have approved this version.");
      // Not a draft any more: the cover says it was declined and not taken forward.
      expect(text).toMatch(
        /^DECLINED — not taken forward\s+Northbridge's leadership did not approve this version: it will not become the agreed proposal\.\n/m
      );
      expect(text).toContain("\nStatus\nDeclined — not taken forward\n");
      expect(text).not.toContain("Draft — not approved");
      expect(text).not.toContain("DRAFT — not approved");
      // Neither party's row of the signature block leaves a line to sign.
      const signatures = text.slice(text.indexOf("Signatures of the parties"));
      expect(signatures.match(/Not taken forward/g)).toHaveLength(2);
      expect(text).toContain(
        "\nApproval\nNorthbridge's leadership did not approve this version, so it will not become the agreed proposal. Northbridge may share a newer version with Northshire Health System in its place.\n"
      );
      // Who declined it and why are ours.
      expect(text).not.toContain(REASON);
      expect(text).not.toContain(nameOf(LEADERS[0]));

      const page = await partnerReads(id);
      expect(page.status).toBe("Not approved by Northbridge's leadership");
      // Its key dates will not happen: no calendar file is offered.
      expect(page.keyDates).toBe(false);
      // Nor by its address.
      const calendar = await callLoader(versionCalendar.loader, {
        path: `/engagements/${id}/versions/1/ics`,
        params: { id: String(id), number: "1" },
        as: "partner@demo.test",
      });
      expect(calendar.status).toBe(404);
      expect(JSON.stringify(calendar.data)).toContain("Version 1 was declined: its key dates will not happen, so no calendar file is offered.");
      expect(page.answer).toEqual({ accept: false, askForChanges: false, comment: false });
      expect(page.notOpen).toBe(
        "Northbridge's leadership did not approve version 1, so it will not become the agreed proposal and can no longer be accepted. The partnership team will follow up, and may share a newer version with you."
      );
      const before = everyRowHash();
      const res = await accept(id, 1);
      expect(res.status).toBe(409);
      expect(formAnswer(res).errors[""]).toBe(page.notOpen);
      expect(everyRowHash()).toBe(before);
    }
  );

  it("names its files as declined, not as a draft", { timeout: 120_000 }, async () => {
    const id = declinedWhileShared();
    expect(await wordFileName(id, 1, PARTNER)).toMatch(/-v1-declined\.docx$/);
    expect(await wordFileName(id, 1, MANAGER, "internal")).toMatch(/-v1-declined-internal-briefing\.docx$/);
  });

  it("gives our internal briefing who declined it, when and why", { timeout: 120_000 }, async () => {
    const id = declinedWhileShared();
    const text = await word(id, 1, MANAGER, "internal");
    const annex = text.slice(text.lastIndexOf("Internal annex — not for the partner"));
    const declinedAt = db().select({ at: approvalDecisions.at }).from(approvalDecisions).where(eq(approvalDecisions.decision, "decline")).get()!.at;
    expect(annex).toContain(
      `Leadership's decision\nDecision\nDeclined: the version will not become the agreed proposal\nDeclined by\n${nameOf(LEADERS[0])}\nOn\n${formatDate(
        declinedAt
      )}\nReason\n${REASON}\n`
    );
  });

  it("reads on the manager's pages as declined by leadership, in one sentence", async () => {
    const id = declinedWhileShared();
    const proposal = (await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: MANAGER })).data;
    expect(proposal.versions.find((v: { number: number }) => v.number === 1)!.status).toEqual({ label: "Declined by leadership", tone: "danger" });
    // The version's own page reads it the same way, from who declined it and why.
    const versionPage = (await callLoader(versionRoute.loader, { path: `/engagements/${id}/versions/1`, params: { id: String(id), number: "1" }, as: MANAGER }))
      .data;
    expect(versionPage.approval).toMatchObject({ status: "draft", review: "declined", declined: { name: nameOf(LEADERS[0]), reason: REASON } });
    expect(versionPage.version.status).toEqual({ label: "Declined by leadership", tone: "danger" });

    const page = await review(id);
    // The refusal to submit it again says that the partner can no longer accept it: nothing else says it twice.
    expect(page.choices.submit).toEqual({
      ok: false,
      status: 409,
      message:
        "Leadership declined version 1, so it can be neither submitted again nor accepted by the partner. Make the changes in a new version, then share it with the partner and submit it for approval.",
    });
    expect(page.choices.partner).toBeNull();
    expect(page.standing).toEqual({ label: "Declined", tone: "danger", accepted: null });
  });
});

describe("a version closed to the partner takes no more of their comments", () => {
  const comment = (id: number, number: number, parentId = "") =>
    callAction(partnerPage.action, {
      path: `/partner/engagements/${id}`,
      params: { id: String(id) },
      as: PARTNER,
      form: { intent: "comment", number: String(number), sectionKey: "aims", body: "Could the aim include our community hospitals?", parentId },
    });
  const partnerActor = (): Actor =>
    db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, PARTNER)).get()!;

  it("once our leadership declined it: no comment form, no reply form, and the server refuses either, changing no row", async () => {
    const id = fresh();
    newVersion(id);
    shareVersion(owner(), id, 1);
    // A thread the partner started while version 1 was open to them.
    const thread = String(addComment(partnerActor(), id, { number: 1, sectionKey: "aims", body: "Is the date right?", parentId: null, visibility: "partner" }));
    submitForApproval(owner(), id, 1);
    decideAll(id, "decline");

    const page = await partnerReads(id);
    const closed =
      "Northbridge's leadership did not approve version 1, so it is closed and takes no more comments. The partnership team will follow up, and may share a newer version with you.";
    expect(page.commentsClosed).toBe(closed);
    expect(page.closedToComments).toEqual([1]);
    for (const parentId of ["", thread]) {
      const before = everyRowHash();
      const res = await comment(id, 1, parentId);
      expect(res.status, parentId).toBe(409);
      expect(formAnswer(res).errors[""], parentId).toBe(closed);
      expect(everyRowHash(), parentId).toBe(before);
    }
    // A new version shared with them is open to their comments, and the declined one stays closed.
    newVersion(id);
    shareVersion(owner(), id, 2);
    expect((await partnerReads(id)).commentsClosed).toBeNull();
    expect((await partnerReads(id)).closedToComments).toEqual([1]);
    expect((await comment(id, 2)).status).toBe(303);
    expect((await comment(id, 1, thread)).status).toBe(409);
  });

  it("once it was not taken forward (an amendment's request withdrawn and a newer version made), as its status says", async () => {
    const id = engagementWith(["submit", "approve"], ["share", "submit", "withdraw"], []);
    const page = await partnerReads(id, 2);
    expect(page.status).toBe("Not taken forward");
    expect(page.commentsClosed).toBe("Version 2 was not taken forward, so it is closed and takes no more comments. The partnership team will follow up.");
    const before = everyRowHash();
    expect((await comment(id, 2)).status).toBe(409);
    expect(everyRowHash()).toBe(before);
  });

  it("stays open while it is with them for review, after a request about it was withdrawn", async () => {
    const id = engagementWith(["share", "submit", "withdraw"]);
    expect((await partnerReads(id)).commentsClosed).toBeNull();
    expect((await comment(id, 1)).status).toBe(303);
  });
});

/**
 * The engagement's header badge, its row in the list and the list's filter say where it stands as
 * "Where it stands" does: the filter offers that choice, and finds it.
 */
async function expectStandsEverywhere(id: number, standing: string, label: string) {
  const header = (await callLoader(layoutRoute.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER })).data;
  expect(header.badge.label).toBe(label);
  expect((await review(id)).standing.label).toBe(label);
  const list = (await callLoader(listRoute.loader, { path: `/engagements?stage=${standing}`, as: MANAGER })).data;
  expect(list.notes).toEqual([]);
  expect(STAGE_CHOICES).toContainEqual({ value: standing, label });
  const row = list.engagements.find((e: { id: number }) => e.id === id);
  expect(row?.standing).toBe(standing);
  // Under its stage's own choice too where that choice means it (the stage itself; "Awaiting approval"
  // finds what the partner accepted and leadership is deciding on, and an amendment awaiting approval;
  // "Approved" what is agreed), else not.
  const byStage = (await callLoader(listRoute.loader, { path: `/engagements?stage=${stageOf(id)}`, as: MANAGER })).data;
  const found = byStage.engagements.map((e: { id: number }) => e.id);
  if (standing === stageOf(id) || STANDINGS_FOUND_BY[stageOf(id)].includes(standing as never)) expect(found).toContain(id);
  else expect(found).not.toContain(id);
  // The portfolio's pipeline counts it at its stage, or as agreed, in the list's words, and says when that is an amendment's.
  const { pipeline } = (await callLoader(portfolioRoute.loader, { path: "/portfolio?pipeline=all", as: LEADERS[0] })).data;
  const rowOf = pipeline.rows.find((r: { engagements: { id: number }[] }) => r.engagements.some((e) => e.id === id));
  expect(rowOf.stage).toBe(standing === "agreed" || standing === "accepted" ? standing : stageOf(id));
  if (standing === "agreed" || standing === "accepted") expect(rowOf.label).toBe(label);
  const amendment = standing.startsWith("amendment_");
  expect(rowOf.engagements.find((e: { id: number }) => e.id === id).amendment).toBe(amendment);
  const note = amendmentsNote(pipeline);
  if (amendment) expect(note).toContain(`under “${rowOf.label}”`);
  expect(pipeline.amendments).toBe(
    pipeline.rows.flatMap((r: { engagements: { amendment: boolean }[] }) => r.engagements).filter((e: { amendment: boolean }) => e.amendment).length
  );
}

/** Each version's badge in the Proposal page's list of versions and on the version's own page, by number. */
async function versionBadges(id: number): Promise<Record<number, [string, string]>> {
  const proposal = (await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: MANAGER })).data;
  const out: Record<number, [string, string]> = {};
  for (const v of proposal.versions as { number: number; status: { label: string } }[]) {
    const page = await callLoader(versionRoute.loader, {
      path: `/engagements/${id}/versions/${v.number}`,
      params: { id: String(id), number: String(v.number) },
      as: MANAGER,
    });
    out[v.number] = [v.status.label, page.data.version.status.label];
  }
  return out;
}

describe("where it stands while an amendment is made to an approved version", () => {
  it("says approved, and where the amendment is, in the header, the list and its filter, until the amendment is approved", { timeout: 60_000 }, async () => {
    const approvedUnder = async (id: number) =>
      (await callLoader(listRoute.loader, { path: "/engagements?stage=approved", as: MANAGER })).data.engagements.some((e: { id: number }) => e.id === id);
    const id = engagementWith(["share", "submit", "approve"], ["share"]);
    expect(stageOf(id)).toBe("shared");
    await expectStandsEverywhere(id, "amendment_in_progress", "Approved; an amendment in review");
    expect(await approvedUnder(id)).toBe(true);

    const mailedBefore = db().select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).get()?.id ?? 0;
    submitForApproval(owner(), id, 2);
    expect(stageOf(id)).toBe("awaiting_approval");
    await expectStandsEverywhere(id, "amendment_awaiting_approval", "Approved; an amendment awaits approval");
    // Each leader is told, on screen and by mail, that it is an amendment and which version stays in force.
    const title = "Northshire patient safety partnership";
    const notice = noticesFor(staff(LEADERS[0], "leader")).find((n) => n.href === `/approvals/${latestRequest(id).id}`);
    expect(notice?.text).toBe(`An approval is waiting for you: ${title} (version 2, an amendment to approved version 1)`);
    const letters = db()
      .select()
      .from(outbox)
      .all()
      .filter((m) => m.id > mailedBefore && m.subject.startsWith("Approval requested"));
    expect(letters.map((m) => m.toAddress).sort()).toEqual([...LEADERS].sort());
    for (const letter of letters) {
      expect(letter.subject).toBe(`Approval requested for an amendment: ${title}`);
      expect(letter.body).toContain(
        `submitted version 2 of “${title}” for approval. It amends version 1, which leadership approved: version 1 remains the approved version until version 2 is approved.`
      );
    }
    expect(await approvedUnder(id)).toBe(true);
    // A leader reading the review page is told what stays in force, as the owners are.
    const asLeader = (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: LEADERS[0] })).data;
    expect(asLeader.choices).toBeNull();
    expect(asLeader.inForce).toEqual({ inForce: 1, accepted: false });
    // The approvals queue says so on the request's row; a first approval's row does not.
    const queue = (await callLoader(approvalsQueue.loader, { path: "/approvals", as: LEADERS[0] })).data;
    const rows = queue.pending.filter((r: { engagementId: number }) => r.engagementId === id);
    expect(rows.map((r: { number: number; amends: number | null }) => [r.number, r.amends])).toEqual([[2, 1]]);
    expect(queue.pending.filter((r: { amends: number | null }) => r.amends === null).length).toBeGreaterThan(0);

    // The request withdrawn: the stage is "Approved" again, and the amendment is still with the partner.
    withdrawRequest(owner(), id, latestRequest(id).id);
    expect(stageOf(id)).toBe("approved");
    await expectStandsEverywhere(id, "amendment_in_progress", "Approved; an amendment in review");

    submitForApproval(owner(), id, 2);
    // Each version says where it stands, in the list of versions and on its own page: 1 approved and in force, though
    // the partner, who never accepted it, reads it as replaced by version 2; 2 awaiting approval.
    const v1 = "Approved, in force; replaced for the partner by version 2";
    expect(await versionBadges(id)).toEqual({ 1: [v1, v1], 2: ["Awaiting approval", "Awaiting approval"] });
    decideAll(id, "approve");
    await expectStandsEverywhere(id, "approved", "Approved");
    expect(await versionBadges(id)).toEqual({ 1: ["Approved; replaced by version 2", "Approved; replaced by version 2"], 2: ["Approved", "Approved"] });
  });

  it("is not said of a first version, never approved, at the same stages", async () => {
    const id = engagementWith(["share", "submit"]);
    await expectStandsEverywhere(id, "awaiting_approval", "Awaiting approval");
  });
});

describe("where it stands once the partner accepted", () => {
  it("says who accepted and when, then what remains: our leadership's approval, then nothing", { timeout: 60_000 }, async () => {
    const id = engagementWith(["share"]);
    expect((await review(id)).standing).toEqual({ label: "Shared with partner", tone: "info", accepted: null });
    expect((await accept(id, 1)).status).toBe(303);
    const acceptedAt = db().select({ at: partnerResponses.at }).from(partnerResponses).orderBy(desc(partnerResponses.id)).get()!.at;
    // The day in the style of the page's other dates and of the documents ("shared on 4 December 2026"), not "4 Dec 2026".
    const said = `Helen Marsh, Chief Executive, accepted version 1 for the partner on ${pageDate(acceptedAt)}.`;
    expect(said).toMatch(/ on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\.$/);

    expect((await review(id)).standing).toEqual({
      label: "Accepted by the partner",
      tone: "info",
      accepted: `${said} What remains: our leadership's approval; version 1 has not been submitted for it yet.`,
    });
    await expectStandsEverywhere(id, "accepted", "Accepted by the partner");
    submitForApproval(owner(), id, 1);
    expect((await review(id)).standing).toEqual({
      label: "Accepted by the partner, awaiting approval",
      tone: "info",
      accepted: `${said} What remains: our leadership's approval, which it is deciding on.`,
    });
    await expectStandsEverywhere(id, "accepted_awaiting_approval", "Accepted by the partner, awaiting approval");
    decideAll(id, "approve");
    expect((await review(id)).standing).toEqual({
      label: "Agreed",
      tone: "success",
      accepted: `${said} Our leadership approved it too: the proposal is agreed, and nothing remains to be done.`,
    });
    await expectStandsEverywhere(id, "agreed", "Agreed");
  });
});

describe("leadership's conditions on the version in force", () => {
  const CONDITIONS = "Quote the fee in EUR before signature;\nconfirm faculty availability for Learning Session 3 by May.";
  /** The first leader approves with conditions, the second without (or says the earlier conditions are met). */
  function approveWithConditions(id: number, conditionsMet = false) {
    for (const [email, conditions] of [
      [LEADERS[0]!, CONDITIONS],
      [LEADERS[1]!, ""],
    ] as const) {
      const r = latestRequest(id);
      decideApproval(staff(email, "leader"), r.id, {
        decision: conditions ? "approve_with_conditions" : "approve",
        conditions,
        reason: "",
        acknowledgedConflict: true,
        requestVersion: r.version,
        conditionsMet,
      });
    }
  }

  it(
    "are named, with who set them, as what remains for the owners to meet, until a later version's approval says they are met",
    { timeout: 60_000 },
    async () => {
      const id = engagementWith(["share", "submit"]);
      approveWithConditions(id);
      const setBy = { who: nameOf(LEADERS[0]!), at: expect.any(String), text: CONDITIONS };
      // Approved, not yet accepted: the page leads to the conditions itself.
      let page = await review(id);
      expect(page.standing.accepted).toBeNull();
      expect(page.conditionsLead).toBe("Leadership approved version 1 with conditions, which remain for you to meet:");
      expect(page.conditions).toEqual([setBy]);

      // Accepted too: agreed, and the conditions are what remains, never "nothing".
      expect((await accept(id, 1)).status).toBe(303);
      page = await review(id);
      expect(page.standing.label).toBe("Agreed");
      expect(page.standing.accepted).toMatch(
        /accepted version 1 for the partner on .+\. Our leadership approved it too, with conditions: the proposal is agreed, and leadership's conditions remain for you to meet:$/
      );
      expect(page.standing.accepted).not.toContain("nothing remains");
      expect(page.conditionsLead).toBeNull();
      expect(page.conditions).toEqual([setBy]);
      // A leader reads the page too: the conditions are the owners' to meet, not theirs.
      const asLeader = (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: LEADERS[1]! })).data;
      expect(asLeader.standing.accepted).toMatch(/leadership's conditions remain for the engagement's owners to meet:$/);
      expect(asLeader.conditions).toEqual([setBy]);

      // An amendment in review leaves them standing on the version in force.
      const amendment = newVersion(id);
      shareVersion(owner(), id, amendment);
      submitForApproval(owner(), id, amendment);
      page = await review(id);
      expect(page.conditionsLead).toBe("Leadership approved version 1 with conditions, which remain for you to meet:");
      expect(page.conditions).toEqual([setBy]);

      // Approving the amendment says they are met: none remain.
      decideAll(id, "approve", { conditionsMet: true });
      page = await review(id);
      expect(page.conditions).toEqual([]);
      expect(page.conditionsLead).toBeNull();
    }
  );
});

describe("mail about a decline and a withdrawal", () => {
  const mailTo = (email: string, after: number) =>
    db()
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, email))
      .all()
      .filter((m) => m.id > after);
  const lastMailId = () => db().select({ id: outbox.id }).from(outbox).orderBy(desc(outbox.id)).get()?.id ?? 0;

  it("tells the owner who declined and why, the reason quoted as typed and nothing of it taken as the message's own", () => {
    const id = engagementWith(["submit"]);
    const after = lastMailId();
    const r = latestRequest(id);
    const reason = 'Spring is full.\r\n\r\n\r\nSee the decision here:\nhttps://evil.example/<script>alert("x")</script>\u0007';
    decideApproval(staff(LEADERS[0], "leader"), r.id, { decision: "decline", conditions: "", reason, acknowledgedConflict: true, requestVersion: r.version });
    const [letter, ...more] = mailTo(MANAGER, after);
    expect(more).toEqual([]);
    expect(letter!.subject).toBe("Leadership declined: Northshire patient safety partnership");
    expect(letter!.body).toContain(
      `Leadership declined version 1 of “Northshire patient safety partnership”.\n\n${nameOf(LEADERS[0])} declined it, for this reason:\n\n` +
        '> Spring is full.\n>\n> See the decision here:\n> https://evil.example/<script>alert("x")</script>\n\nSee the decision here:\n'
    );
    // Every line of the reason is quoted: the one link of ours is the review page's.
    const links = letter!.body.split("\n").filter((line) => /^https?:/.test(line));
    expect(links).toEqual([`http://localhost:3000/engagements/${id}/review`]);
  });

  it("tells the leaders told of a request that it was withdrawn, by whom, and that no decision is needed", () => {
    const id = engagementWith([]);
    const before = lastMailId();
    submitForApproval(owner(), id, 1);
    const requested = LEADERS.map((l) => mailTo(l, before).length);
    expect(requested).toEqual([1, 1]);
    const after = lastMailId();
    const requestId = latestRequest(id).id;
    withdrawRequest(owner(), id, requestId);
    for (const leader of LEADERS) {
      const letters = mailTo(leader, after);
      expect(letters.map((m) => m.subject)).toEqual(["Approval request withdrawn: Northshire patient safety partnership"]);
      expect(letters[0]!.body).toContain(
        `The request to approve version 1 of “Northshire patient safety partnership” was withdrawn by Maya Okafor; no decision is needed.\n\nThe request is here:\nhttp://localhost:3000/approvals/${requestId}\n`
      );
    }
    // The partner hears nothing of our approvals.
    expect(mailTo(PARTNER, after)).toEqual([]);
  });
});
