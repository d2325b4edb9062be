import { describe, expect, it } from "vitest";
import { leadershipStance, outForDecision, partnerAcceptanceNote, partnerAnswers, partnerMayAnswer, partnerStatus } from "~/domain/workflow";

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

  it("is nowhere when there is no version, or the engagement is a draft, approved or declined", () => {
    expect(outForDecision({ ...base, latest: null, latestShared: null })).toBeNull();
    for (const stage of ["draft", "changes_requested", "approved", "declined"] as const) expect(outForDecision({ ...base, stage })).toBeNull();
  });
});

describe("when a partner may answer", () => {
  it("is only on the latest shared version, once, while it is shared with them", () => {
    const base = { stage: "shared" as const, viewing: 2, latestShared: 2, answered: false };
    expect(partnerMayAnswer(base)).toBe(true);
    expect(partnerMayAnswer({ ...base, answered: true })).toBe(false);
    expect(partnerMayAnswer({ ...base, viewing: 1 })).toBe(false);
    // While our leadership decides, and after it approved, the partner may still accept, not reopen it.
    expect(partnerAnswers({ ...base, stage: "awaiting_approval" })).toEqual({ accept: true, askForChanges: false });
    expect(partnerAnswers({ ...base, stage: "approved" })).toEqual({ accept: true, askForChanges: false });
    expect(partnerAnswers({ ...base, stage: "approved", answered: true })).toEqual({ accept: false, askForChanges: false });
    expect(partnerAnswers(base)).toEqual({ accept: true, askForChanges: true });
    for (const stage of ["draft", "changes_requested", "declined"] as const) expect(partnerMayAnswer({ ...base, stage })).toBe(false);
  });
});

describe("the status a partner reads", () => {
  it("reads accepted once the organisation accepted the shared version, and not yet agreed", () => {
    expect(partnerStatus("shared", false)).toEqual({ label: "For your review", tone: "info" });
    expect(partnerStatus("shared", true)).toEqual({ label: "Accepted by your organisation", tone: "info" });
    expect(partnerStatus("approved", true)).toEqual({ label: "Agreed", tone: "success" });
  });

  it("is not agreed when our leadership approved a version the partner has not accepted", () => {
    expect(partnerStatus("approved", false)).toEqual({ label: "Awaiting your acceptance", tone: "info" });
    expect(partnerStatus("awaiting_approval", true)).toEqual({ label: "In review", tone: expect.any(String) });
    expect(partnerStatus("awaiting_approval", false)).toEqual({ label: "In review", tone: expect.any(String) });
  });

  it("reads an earlier version as replaced, whatever became of the latest", () => {
    expect(partnerStatus("shared", true, { number: 1, latestShared: 2 })).toEqual({ label: "Replaced by version 2", tone: "neutral" });
    expect(partnerStatus("approved", true, { number: 2, latestShared: 3 })).toEqual({ label: "Replaced by version 3", tone: "neutral" });
    expect(partnerStatus("shared", true, { number: 2, latestShared: 2 })).toEqual({ label: "Accepted by your organisation", tone: "info" });
  });
});

describe("what the partner reads of our leadership beside their acceptance", () => {
  it("says a version waits only for their acceptance when leadership approved that very version", () => {
    expect(partnerAcceptanceNote(3, leadershipStance(["approved"]))).toBe(
      "Our leadership has approved version 3: it becomes the agreed proposal once you accept it."
    );
    expect(partnerAcceptanceNote(3, leadershipStance(["withdrawn", "approved_with_conditions"]))).toBe(
      "Our leadership has approved version 3: it becomes the agreed proposal once you accept it."
    );
  });

  it("says leadership is reviewing it while a request about it is pending", () => {
    expect(leadershipStance(["withdrawn", "pending"])).toBe("deciding");
    expect(partnerAcceptanceNote(2, "deciding")).toBe(
      "Our leadership is reviewing version 2: it becomes the agreed proposal once they approve it and you accept it."
    );
  });

  it("never says it is approved when no request about it was approved, whatever the stage of the engagement", () => {
    for (const statuses of [[], ["withdrawn"], ["declined"], ["withdrawn", "declined"]]) {
      expect(leadershipStance(statuses)).toBe("not_asked");
      expect(partnerAcceptanceNote(2, leadershipStance(statuses))).toBe(
        "Version 2 becomes the agreed proposal once you accept it and our leadership approves it."
      );
    }
  });
});
