import { describe, expect, it } from "vitest";
import {
  acceptanceStanding,
  approvalGate,
  approvalProgress,
  calendarWithheld,
  decide,
  decidedRequestWords,
  decisionRecordedWords,
  earlierRequestWords,
  inForceWords,
  laterVersionsWords,
  laterVersionBehindRequest,
  leadershipStance,
  outForDecision,
  versionStatusBadge,
  partnerAcceptanceNote,
  partnerAnswers,
  partnerStatus,
  recentRequestLines,
  type AcceptanceStanding,
  type Stage,
  type WorkflowFacts,
} from "~/domain/workflow";

describe("why a request needs a second leader", () => {
  it("says what it commits as the app writes counts: thousands separated, one in the singular", () => {
    const thresholds = { fteMonths: 40, facultyDays: 150, secondLeaderOnShortfall: false };
    expect(approvalGate({ fteMonths: 1204.5, facultyDays: 1322, shortfalls: [] }, thresholds).reasons).toEqual([
      "It commits 1,204.5 FTE-months of our staff, above the 40 that one leader may approve.",
      "It commits 1,322 faculty days, above the 150 that one leader may approve.",
    ]);
    expect(approvalGate({ fteMonths: 2, facultyDays: 1, shortfalls: [] }, { ...thresholds, fteMonths: 1, facultyDays: 0 }).reasons).toEqual([
      "It commits 2 FTE-months of our staff, above the 1 that one leader may approve.",
      "It commits 1 faculty day, above the 0 that one leader may approve.",
    ]);
  });
});

describe("where the latest version is", () => {
  const base = { stage: "shared" as const, latest: 2, latestShared: 2, latestAnswered: false, pendingRequestFor: null };

  it("is with the partner while the latest version is shared and not yet answered", () => {
    expect(outForDecision(base)).toBe("with_partner");
    // Accepting does not move the stage, nor does making a newer draft: neither is with the partner.
    expect(outForDecision({ ...base, latestAnswered: true })).toBeNull();
    expect(outForDecision({ ...base, latest: 3 })).toBeNull();
  });

  it("is with leadership while a pending request is about the latest version", () => {
    expect(outForDecision({ ...base, stage: "awaiting_approval", pendingRequestFor: 2 })).toBe("with_leadership");
    expect(outForDecision({ ...base, stage: "awaiting_approval", pendingRequestFor: 2, latest: 3 })).toBeNull();
  });

  it("is nowhere when there is no version, or the engagement is a draft or declined", () => {
    expect(outForDecision({ ...base, latest: null, latestShared: null })).toBeNull();
    for (const stage of ["draft", "changes_requested", "declined"] as const) expect(outForDecision({ ...base, stage })).toBeNull();
  });

  it("a version's badge says what the partner answered, and 'Agreed' once it is approved and accepted", () => {
    const shared = { shared: true, declined: false };
    expect(versionStatusBadge(shared).label).toBe("Shared with the partner");
    expect(versionStatusBadge({ ...shared, answer: "changes_requested" })).toEqual({ label: "Changes requested by the partner", tone: "warning" });
    expect(versionStatusBadge({ ...shared, answer: "accepted" }).label).toBe("Accepted by the partner");
    expect(versionStatusBadge({ ...shared, answer: "accepted", awaitingApproval: true }).label).toBe("Awaiting approval");
    expect(versionStatusBadge({ ...shared, answer: "accepted", approved: true }).label).toBe("Agreed");
    expect(versionStatusBadge({ ...shared, approved: true }).label).toBe("Approved");
  });

  it("is approved once leadership approved the proposal, whether or not a newer version is being made", () => {
    expect(outForDecision({ ...base, stage: "approved" })).toBe("approved");
    expect(outForDecision({ ...base, stage: "approved", latest: 3 })).toBe("approved");
  });
});

/** The facts the partner's answer is decided on: version 2, the latest shared, unanswered, with no request about it. */
function partnerFacts(stage: Stage, over: Partial<NonNullable<WorkflowFacts["version"]>> = {}, inForce: number | null = null): WorkflowFacts {
  return {
    stage,
    version: {
      number: 2,
      latest: 2,
      shared: true,
      missing: [],
      approved: false,
      declined: false,
      pending: false,
      withdrawn: false,
      newest: 2,
      changesRequested: false,
      answer: null,
      us: "Northbridge",
      ...over,
    },
    inForce,
    identicalTo: null,
    request: null,
    involvement: null,
  };
}

describe("when a partner may answer", () => {
  it("is only on the latest shared version, once, while it is shared with them", () => {
    expect(partnerAnswers(partnerFacts("shared"))).toEqual({ accept: true, askForChanges: true, comment: true });
    // Answered, or an older version: no answer, but comments still.
    expect(partnerAnswers(partnerFacts("shared", { answer: { by: "Helen Marsh", response: "accepted" } }))).toEqual({
      accept: false,
      askForChanges: false,
      comment: true,
    });
    expect(partnerAnswers(partnerFacts("shared", { number: 1 }))).toEqual({ accept: false, askForChanges: false, comment: true });
    for (const stage of ["draft", "changes_requested", "declined"] as const) expect(partnerAnswers(partnerFacts(stage)).accept).toBe(false);
  });

  it("accepts, without reopening it, the version our leadership is deciding on, or approved and keeps in force", () => {
    expect(partnerAnswers(partnerFacts("awaiting_approval", { pending: true }))).toEqual({ accept: true, askForChanges: false, comment: true });
    // An amendment being decided while version 1 stays in force.
    expect(partnerAnswers(partnerFacts("awaiting_approval", { pending: true }, 1))).toEqual({ accept: true, askForChanges: false, comment: true });
    expect(partnerAnswers(partnerFacts("approved", { approved: true }, 2))).toEqual({ accept: true, askForChanges: false, comment: true });
    expect(partnerAnswers(partnerFacts("approved", { approved: true, answer: { by: "Helen Marsh", response: "accepted" } }, 2)).accept).toBe(false);
  });

  it("never accepts a version leadership declined, one whose request was withdrawn while another stays in force, or one replaced", () => {
    const notTaken = {
      ok: false,
      status: 409,
      message: "Version 2 was not taken forward, so it can no longer be accepted. The partnership team will follow up.",
    };
    const replaced = {
      ok: false,
      status: 409,
      message: "Version 2 has been replaced by a newer version, so it can no longer be accepted. The partnership team will follow up.",
    };
    const declined = {
      ok: false,
      status: 409,
      message:
        "Northbridge's leadership did not approve version 2, so it will not become the agreed proposal and can no longer be accepted. The partnership team will follow up, and may share a newer version with you.",
    };
    // Version 1 approved and in force; version 2 shared, then withdrawn or declined: the engagement reads as approved.
    expect(decide("accept", "partner", partnerFacts("approved", {}, 1))).toEqual(notTaken);
    expect(decide("accept", "partner", partnerFacts("approved", { declined: true }, 1))).toEqual(declined);
    // Declined with nothing in force: not for the partner to accept, and they are told why.
    expect(decide("accept", "partner", partnerFacts("shared", { declined: true }))).toEqual(declined);
    expect(decide("accept", "partner", partnerFacts("declined", { declined: true }))).toEqual(declined);
    // Leadership deciding on a newer version the partner has not been shown, or a newer one approved and in force.
    expect(decide("accept", "partner", partnerFacts("awaiting_approval"))).toEqual(replaced);
    expect(decide("accept", "partner", partnerFacts("approved", {}, 3))).toEqual(replaced);
    expect(decide("accept", "partner", partnerFacts("approved", { approved: true }, 3))).toEqual(replaced);
    expect(partnerAnswers(partnerFacts("approved", {}, 1))).toEqual({ accept: false, askForChanges: false, comment: false });
  });

  it("takes no more comments on a version leadership declined or that was not taken forward; while it is being revised, it does", () => {
    const notTaken = "Version 2 was not taken forward, so it is closed and takes no more comments. The partnership team will follow up.";
    const declined =
      "Northbridge's leadership did not approve version 2, so it is closed and takes no more comments. The partnership team will follow up, and may share a newer version with you.";
    expect(decide("comment", "partner", partnerFacts("approved", { withdrawn: true, newest: 3 }, 1))).toEqual({ ok: false, status: 409, message: notTaken });
    expect(decide("comment", "partner", partnerFacts("declined", { declined: true }))).toEqual({ ok: false, status: 409, message: declined });
    expect(decide("comment", "partner", partnerFacts("approved", { declined: true }, 1))).toEqual({ ok: false, status: 409, message: declined });
    // Its request withdrawn while version 1 stays in force, it may be submitted again: still open.
    expect(decide("comment", "partner", partnerFacts("approved", { withdrawn: true }, 1))).toEqual({ ok: true, to: "approved" });
    // They asked for changes to it, and a new version is being made.
    expect(decide("comment", "partner", partnerFacts("changes_requested", { newest: 3, changesRequested: true }))).toEqual({
      ok: true,
      to: "changes_requested",
    });
    // Our staff comment under their own permission, never through the partner's rule; another organisation's partner learns nothing.
    expect(decide("comment", "owner", partnerFacts("shared")).ok).toBe(false);
    expect(decide("comment", "other_partner", partnerFacts("shared"))).toEqual({ ok: false, status: 404, message: "No such proposal version." });
  });

  it("names where each version stands, from its own record rather than the stage", () => {
    const base = { number: 2, inForce: 1, approved: false, declined: false, pending: false };
    expect(acceptanceStanding({ ...base, stage: "shared", inForce: null })).toBe("open_for_review");
    expect(acceptanceStanding({ ...base, stage: "shared" })).toBe("open_for_review");
    expect(acceptanceStanding({ ...base, stage: "awaiting_approval", pending: true })).toBe("with_leadership");
    expect(acceptanceStanding({ ...base, stage: "approved", approved: true, inForce: 2 })).toBe("approved");
    expect(acceptanceStanding({ ...base, stage: "approved" })).toBe("not_taken_forward");
    expect(acceptanceStanding({ ...base, stage: "approved", declined: true })).toBe("declined");
    expect(acceptanceStanding({ ...base, stage: "declined", inForce: null, declined: true })).toBe("declined");
    expect(acceptanceStanding({ ...base, stage: "approved", approved: true, inForce: 3 })).toBe("replaced");
    expect(acceptanceStanding({ ...base, stage: "approved", inForce: 3 })).toBe("replaced");
    expect(acceptanceStanding({ ...base, stage: "awaiting_approval" })).toBe("replaced");
    expect(acceptanceStanding({ ...base, stage: "declined", inForce: null })).toBe("not_taken_forward");
    // Its request withdrawn while version 1 stays in force: it may be submitted again, unless a newer version was made.
    expect(acceptanceStanding({ ...base, stage: "approved", withdrawn: true, newest: 2 })).toBe("awaiting_leadership");
    expect(acceptanceStanding({ ...base, stage: "approved", withdrawn: true, newest: 3 })).toBe("not_taken_forward");
  });

  it("tells the partner that a withdrawn amendment awaits our leadership, not that it is closed", () => {
    expect(decide("accept", "partner", partnerFacts("approved", { withdrawn: true }, 1))).toEqual({
      ok: false,
      status: 409,
      message:
        "Version 2 is awaiting approval by Northbridge's leadership, so it cannot be accepted yet. The partnership team will let you know when you can accept it, or share a newer version.",
    });
    expect(partnerStatus("approved", false, { number: 2, latestShared: 2, standing: "awaiting_leadership", us: "Northbridge" })).toEqual({
      label: "Awaiting approval by Northbridge's leadership",
      tone: "info",
    });
  });
});

describe("a version our leadership declined", () => {
  /** Version 2, the newest, declined; version 1 approved and in force when `inForce` is 1. */
  const ownerFacts = (stage: Stage, over: Partial<NonNullable<WorkflowFacts["version"]>>, inForce: number | null): WorkflowFacts => ({
    ...partnerFacts(stage, { shared: false, declined: true, ...over }, inForce),
  });

  it("is never shared with the partner, nor submitted again: the owner is told to make a new version", () => {
    for (const [stage, inForce] of [
      ["declined", null],
      ["approved", 1],
    ] as const) {
      expect(decide("share", "owner", ownerFacts(stage, {}, inForce))).toEqual({
        ok: false,
        status: 409,
        message:
          "Leadership declined version 2, so it can be neither shared with the partner nor submitted again. Make the changes in a new version, then share it with the partner and submit it for approval.",
      });
      expect(decide("submit", "owner", ownerFacts(stage, {}, inForce))).toEqual({
        ok: false,
        status: 409,
        message:
          "Leadership declined version 2, so it can be neither shared with the partner nor submitted again. Make the changes in a new version, then share it with the partner and submit it for approval.",
      });
      expect(decide("new_version", "owner", ownerFacts(stage, {}, inForce))).toEqual({ ok: true, to: stage });
    }
  });

  it("is not confused with one whose request was withdrawn, which may be shared and submitted again", () => {
    const withdrawn = ownerFacts("draft", { declined: false, withdrawn: true }, null);
    expect(decide("share", "owner", withdrawn)).toEqual({ ok: true, to: "shared" });
    expect(decide("submit", "owner", withdrawn)).toEqual({ ok: true, to: "awaiting_approval" });
  });
});

describe("the status a partner reads", () => {
  it("reads accepted once the organisation accepted the shared version, and not yet agreed", () => {
    expect(partnerStatus("shared", false)).toEqual({ label: "For your review", tone: "info", waits: "review" });
    expect(partnerStatus("shared", true)).toEqual({ label: "Accepted by your organisation", tone: "info" });
    expect(partnerStatus("approved", true)).toEqual({ label: "Agreed", tone: "success" });
  });

  it("is not agreed when our leadership approved a version the partner has not accepted", () => {
    expect(partnerStatus("approved", false)).toEqual({ label: "Awaiting your acceptance", tone: "info", waits: "acceptance" });
    expect(partnerStatus("awaiting_approval", true)).toEqual({ label: "In review", tone: expect.any(String) });
    expect(partnerStatus("awaiting_approval", false)).toEqual({ label: "In review", tone: expect.any(String) });
  });

  it("reads as accepted as soon as the organisation accepts the version our leadership is deciding on, and as still awaiting that approval", () => {
    const deciding = { number: 1, latestShared: 1, standing: "with_leadership" as const, us: "Northbridge" };
    expect(partnerStatus("awaiting_approval", false, deciding)).toEqual({ label: "In review", tone: "info" });
    expect(partnerStatus("awaiting_approval", true, deciding)).toEqual({
      label: "Accepted by your organisation, awaiting approval by Northbridge's leadership",
      tone: "info",
    });
    // Once approved, it is agreed.
    expect(partnerStatus("approved", true, { ...deciding, standing: "approved" })).toEqual({ label: "Agreed", tone: "success" });
  });

  it("names an amendment to the version they agreed as one, at each step, with that version staying agreed and in force", () => {
    // Version 2 accepted and in force; version 3, the latest shared, amends it.
    const amendment = (standing: AcceptanceStanding) => ({ number: 3, latestShared: 3, standing, us: "Northbridge", inForce: { number: 2, accepted: true } });
    expect(partnerStatus("shared", false, amendment("open_for_review"))).toEqual({
      label: "Amendment for your review: version 3; version 2 stays agreed and in force",
      tone: "info",
      waits: "review",
    });
    expect(partnerStatus("shared", true, amendment("open_for_review")).label).toBe(
      "Amendment accepted by your organisation; version 2 stays agreed and in force"
    );
    expect(partnerStatus("changes_requested", false, amendment("not_taken_forward")).label).toBe(
      "Amendment being revised at your request: version 3; version 2 stays agreed and in force"
    );
    expect(partnerStatus("awaiting_approval", false, amendment("with_leadership")).label).toBe(
      "Amendment in review: version 3; version 2 stays agreed and in force"
    );
    expect(partnerStatus("awaiting_approval", true, amendment("with_leadership")).label).toBe(
      "Amendment accepted by your organisation, awaiting approval by Northbridge's leadership; version 2 stays agreed and in force"
    );
    expect(partnerStatus("approved", false, amendment("awaiting_leadership")).label).toBe(
      "Amendment awaiting approval by Northbridge's leadership: version 3; version 2 stays agreed and in force"
    );
    // Not an amendment to an agreed version: version 2 in force was never accepted by the partner.
    expect(partnerStatus("shared", false, { ...amendment("open_for_review"), inForce: { number: 2, accepted: false } }).label).toBe("For your review");
  });

  it("reads an earlier version as replaced, whatever became of the latest", () => {
    expect(partnerStatus("shared", true, { number: 1, latestShared: 2 })).toEqual({ label: "Replaced by version 2", tone: "neutral" });
    expect(partnerStatus("approved", true, { number: 2, latestShared: 3 })).toEqual({ label: "Replaced by version 3", tone: "neutral" });
    expect(partnerStatus("shared", true, { number: 2, latestShared: 2 })).toEqual({ label: "Accepted by your organisation", tone: "info" });
  });

  it("never reads as awaiting their acceptance, or agreed, for a version that was not taken forward", () => {
    // Version 1 stays in force; version 2, the latest shared, was withdrawn or declined.
    const notTaken = { number: 2, latestShared: 2, standing: "not_taken_forward" as const };
    expect(partnerStatus("approved", false, notTaken)).toEqual({ label: "Not taken forward", tone: "neutral" });
    expect(partnerStatus("approved", true, notTaken)).toEqual({ label: "Not taken forward", tone: "neutral" });
    expect(partnerStatus("shared", false, notTaken)).toEqual({ label: "Not taken forward", tone: "neutral" });
    // The version leadership approved and keeps in force still awaits them, or is agreed.
    expect(partnerStatus("approved", false, { number: 2, latestShared: 2, standing: "approved" })).toEqual({
      label: "Awaiting your acceptance",
      tone: "info",
      waits: "acceptance",
    });
    expect(partnerStatus("approved", true, { number: 2, latestShared: 2, standing: "approved" })).toEqual({ label: "Agreed", tone: "success" });
    // Version 2, approved and accepted, replaced in force by a newer approved version not yet shared with them.
    expect(partnerStatus("approved", true, { number: 2, latestShared: 2, standing: "replaced" })).toEqual({
      label: "Replaced by a newer version",
      tone: "neutral",
    });
    // Declined by our leadership: said as such, whichever version stays in force and whatever the partner said.
    const declined = { number: 2, latestShared: 2, standing: "declined" as const, us: "Northbridge" };
    for (const stage of ["declined", "approved", "shared"] as const)
      for (const accepted of [false, true])
        expect(partnerStatus(stage, accepted, declined)).toEqual({ label: "Not approved by Northbridge's leadership", tone: "neutral" });
    // Stages that speak of the engagement as a whole keep their words.
    expect(partnerStatus("declined", false, notTaken).label).toBe("Closed");
    expect(partnerStatus("awaiting_approval", false, notTaken).label).toBe("In review");
  });
});

describe("what the partner reads of our leadership beside their acceptance", () => {
  it("says a version waits only for their acceptance when leadership approved that very version", () => {
    expect(partnerAcceptanceNote(3, leadershipStance(["approved"]), "Northbridge")).toBe(
      "Northbridge's leadership has approved version 3: it becomes the agreed proposal once you accept it."
    );
    expect(partnerAcceptanceNote(3, leadershipStance(["withdrawn", "approved_with_conditions"]), "Northbridge")).toBe(
      "Northbridge's leadership has approved version 3: it becomes the agreed proposal once you accept it."
    );
  });

  it("says an approval with conditions is one, and that the team will set them out, never what they are", () => {
    expect(partnerAcceptanceNote(3, leadershipStance(["approved_with_conditions"]), "Northbridge", true)).toBe(
      "Northbridge's leadership has approved version 3 with conditions, which the team will set out with you: it becomes the agreed proposal once you accept it."
    );
  });

  it("says leadership is reviewing it while a request about it is pending", () => {
    expect(leadershipStance(["withdrawn", "pending"])).toBe("deciding");
    expect(partnerAcceptanceNote(2, "deciding", "Northbridge")).toBe(
      "Northbridge's leadership is reviewing version 2: it becomes the agreed proposal once they approve it and you accept it."
    );
  });

  it("never says it is approved when no request about it was approved, whatever the stage of the engagement", () => {
    for (const statuses of [[], ["withdrawn"], ["declined"], ["withdrawn", "declined"]]) {
      expect(leadershipStance(statuses)).toBe("not_asked");
      expect(partnerAcceptanceNote(2, leadershipStance(statuses), "Northbridge")).toBe(
        "Version 2 becomes the agreed proposal once you accept it and Northbridge's leadership approves it."
      );
    }
  });
});

describe("a decided approval request's page", () => {
  it("says what was decided and when, in place of what approval needs; an open or withdrawn request has no such words", () => {
    expect(decidedRequestWords("approved_with_conditions", "24 Aug 2026")).toBe(
      "Approved with conditions on 24 Aug 2026. The engagement's bookings are confirmed, and its documents carry the approval."
    );
    expect(decidedRequestWords("declined", "3 Dec 2026")).toBe("Declined on 3 Dec 2026.");
    expect(decidedRequestWords("pending", null)).toBeNull();
    expect(decidedRequestWords("withdrawn", "3 Dec 2026")).toBeNull();
  });

  it("tells the leader who has just decided how far the request got, and a plain approval completing another's conditional one that the conditions stand", () => {
    expect(decisionRecordedWords({ status: "pending", approvalsSoFar: 1, stillNeeded: 1 })).toBe("Your approval is recorded. It needs 1 more leader.");
    expect(decisionRecordedWords({ status: "pending", approvalsSoFar: 0, stillNeeded: 2 })).toBe("Your approval is recorded. It needs 2 more leaders.");
    expect(decisionRecordedWords({ status: "approved_with_conditions" })).toMatch(/^Approved with conditions: a leader's conditions stand with the approval/);
    expect(decisionRecordedWords({ status: "approved" })).toBe("Approved. The engagement's bookings are now confirmed, and its documents carry the approval.");
    expect(decisionRecordedWords({ status: "declined" })).toBe("Declined. The engagement's tentative bookings are released.");
  });
});

describe("the calendar file of a version", () => {
  it("is withheld, saying why, only from a version declined or not taken forward", () => {
    expect(calendarWithheld(2, "declined")).toBe("Version 2 was declined: its key dates will not happen, so no calendar file is offered.");
    expect(calendarWithheld(3, "not_taken_forward")).toBe("Version 3 was not taken forward: its key dates will not happen, so no calendar file is offered.");
    for (const standing of ["open_for_review", "with_leadership", "approved", "awaiting_leadership", "replaced"] as const)
      expect(calendarWithheld(2, standing)).toBeNull();
  });
});

describe("an amended version's approval request", () => {
  it("says which version it follows and what leadership made of it, pointing to the conditions when there were some", () => {
    expect(earlierRequestWords({ number: 1, status: "approved_with_conditions", on: "4 Dec 2026", withdrawnBy: null })).toBe(
      "It follows version 1, which leadership approved with conditions on 4 Dec 2026. Its conditions and what changed since are below; approving this version says they are met, or carries what is still to be done into new conditions."
    );
    expect(earlierRequestWords({ number: 2, status: "declined", on: "3 Dec 2026", withdrawnBy: null })).toBe(
      "It follows version 2, which leadership declined on 3 Dec 2026."
    );
    expect(earlierRequestWords({ number: 1, status: "withdrawn", on: "2 Dec 2026", withdrawnBy: "Maya Okafor" })).toBe(
      "It follows version 1, whose request Maya Okafor withdrew on 2 Dec 2026 before leadership decided on it."
    );
    expect(earlierRequestWords({ number: 1, status: "approved", on: null, withdrawnBy: null })).toBe("It follows version 1, which leadership approved.");
  });
});

describe("a request for a version that later versions have followed", () => {
  it("names the later version, or how many there are and the latest, and says nothing when there is none", () => {
    expect(laterVersionsWords([3])).toEqual({ latest: 3, words: "Version 3 has been made since this request was submitted." });
    expect(laterVersionsWords([4, 2, 3])).toEqual({
      latest: 4,
      words: "3 later versions have been made since this request was submitted; the latest is version 4.",
    });
    expect(laterVersionsWords([])).toBeNull();
  });
});

describe("the approvals queue's recently decided requests", () => {
  const row = (id: number, over: Partial<Parameters<typeof recentRequestLines>[0][number]> = {}) => ({
    id,
    engagementId: 3,
    engagementTitle: "National sepsis campaign",
    number: 1,
    status: "withdrawn",
    withdrawnByName: "Maya Okafor",
    on: "4 Dec 2026",
    ...over,
  });

  it("says a version withdrawn again by the same person on the same day once, with how many times, linked to the latest", () => {
    const lines = recentRequestLines([
      row(9),
      row(7),
      row(5, { status: "approved_with_conditions", withdrawnByName: null, engagementId: 2, engagementTitle: "Westvale" }),
    ]);
    expect(lines.map((l) => [l.id, `${l.engagementTitle}, ${l.words}`])).toEqual([
      [9, "National sepsis campaign, version 1: withdrawn twice by Maya Okafor on 4 Dec 2026"],
      [5, "Westvale, version 1: approved with conditions on 4 Dec 2026"],
    ]);
    expect(recentRequestLines([row(9), row(8), row(7)])[0]!.words).toBe("version 1: withdrawn 3 times by Maya Okafor on 4 Dec 2026");
  });

  it("keeps lines apart that a leader can tell apart: by another person, on another day, or of another version", () => {
    const lines = recentRequestLines([row(9), row(8, { withdrawnByName: "Sam Patel" }), row(7, { on: "3 Dec 2026" }), row(6, { number: 2 })]);
    expect(lines.map((l) => l.words)).toEqual([
      "version 1: withdrawn by Maya Okafor on 4 Dec 2026",
      "version 1: withdrawn by Sam Patel on 4 Dec 2026",
      "version 1: withdrawn by Maya Okafor on 3 Dec 2026",
      "version 2: withdrawn by Maya Okafor on 4 Dec 2026",
    ]);
  });
});

describe("how far an open request has got, in the approvals queue", () => {
  it("counts the approvals against those needed and says who decided what; nothing before the first decision", () => {
    expect(approvalProgress([], 2)).toBeNull();
    expect(approvalProgress([{ leaderName: "Daniel Reyes", decision: "approve_with_conditions" }], 2)).toBe(
      "1 of 2 approvals: Daniel Reyes approved with conditions."
    );
    expect(
      approvalProgress(
        [
          { leaderName: "Daniel Reyes", decision: "approve" },
          { leaderName: "Priya Raman", decision: "decline" },
        ],
        2
      )
    ).toBe("1 of 2 approvals: Daniel Reyes approved; Priya Raman declined.");
  });
});

describe("what the owners read of the version in force", () => {
  it("says an approved version is agreed only once the partner has accepted it, and that its bookings are confirmed either way", () => {
    const approved = inForceWords({ inForce: 1, accepted: false, latest: 1 });
    expect(approved).toMatch(
      /^Our leadership approved version 1, so its bookings are confirmed; it becomes the agreed proposal once the partner accepts it\. /
    );
    expect(approved).not.toMatch(/is agreed|is approved and in force/);
    expect(inForceWords({ inForce: 1, accepted: true, latest: 1 })).toMatch(
      /^Version 1 is agreed: our leadership approved it and the partner accepted it\. Its bookings are confirmed\. An approval is final/
    );
  });

  it("names a newer version as an amendment while the approved one stays in force", () => {
    expect(inForceWords({ inForce: 1, accepted: false, latest: 2 })).toMatch(
      /Version 2 is an amendment: version 1 stays in force until leadership approves it\.$/
    );
  });

  it("says of a declined amendment that it was declined and the version in force stays, not that it waits for approval", () => {
    expect(inForceWords({ inForce: 2, accepted: true, latest: 3, latestDeclined: true })).toBe(
      "Version 2 is agreed: our leadership approved it and the partner accepted it. Its bookings are confirmed. Leadership declined version 3, an amendment, so version 2 stays in force; to change the plan, create a new version."
    );
  });
});

describe("a later version made while an earlier one awaits approval", () => {
  it("tells the owners to withdraw the request before the later version can be shared or submitted", () => {
    expect(laterVersionBehindRequest({ pending: 2, latest: 3, canWithdraw: true })).toBe(
      "Version 2 is with leadership for approval. To share version 3 with the partner or submit it for approval instead, withdraw that request first."
    );
    expect(laterVersionBehindRequest({ pending: 2, latest: 3, canWithdraw: false })).toMatch(/the engagement's owners must withdraw that request first\.$/);
  });
  it("says nothing when the request is for the latest version, or none is out", () => {
    expect(laterVersionBehindRequest({ pending: 3, latest: 3, canWithdraw: true })).toBeNull();
    expect(laterVersionBehindRequest({ pending: null, latest: 3, canWithdraw: true })).toBeNull();
  });
});
