import { describe, expect, it } from "vitest";
import { approvalClosed, approvalDecided, versionApproved, versionDeclined } from "~/domain/mail";

const title = "Northshire patient safety partnership";
const link = "https://planner.test/engagements/1/review";

describe("the mail a decision on a version sends (docs/domain.md §9.11)", () => {
  it("tells the owners what leadership decided on which version, any conditions said last", () => {
    const decided = (outcome: "approved" | "approved_with_conditions" | "declined") => approvalDecided({ title, number: 1, outcome, link });
    expect(decided("approved_with_conditions").subject).toBe(`Leadership approved with conditions: ${title}`);
    expect(decided("approved_with_conditions").body).toMatch(/^Leadership approved version 1 of “Northshire patient safety partnership” with conditions\.\n/);
    expect(decided("approved").body).toMatch(/^Leadership approved version 1 of “Northshire patient safety partnership”\.\n/);
    expect(decided("declined").body).toMatch(/^Leadership declined version 1 of “Northshire patient safety partnership”\.\n/);
  });

  it("tells the partner and the other leaders in words that read in order", () => {
    expect(versionApproved({ title, number: 2, proposer: "Improvement Partners", link }).body).toMatch(
      /^The leadership of Improvement Partners approved version 2 of the proposal “Northshire patient safety partnership”\. It becomes the agreed proposal once your organisation accepts it\./
    );
    // Approved with conditions: said as their page says it, never what the conditions are.
    expect(versionApproved({ title, number: 2, proposer: "Improvement Partners", withConditions: true, link }).body).toMatch(
      /^The leadership of Improvement Partners approved version 2 of the proposal “Northshire patient safety partnership” with conditions, which the team will set out with you\. It becomes the agreed proposal once your organisation accepts it\./
    );
    expect(versionDeclined({ title, number: 2, proposer: "Improvement Partners", accepted: false, link }).body).toMatch(
      /^The leadership of Improvement Partners did not approve version 2 of the proposal “Northshire patient safety partnership”, so it will not become the agreed proposal and can no longer be accepted\./
    );
    expect(approvalClosed({ title, number: 2, declinedBy: "Priya Raman", link }).body).toMatch(
      /^Priya Raman declined version 2 of “Northshire patient safety partnership”, which closes its approval request; no decision is needed from you\./
    );
  });
});
