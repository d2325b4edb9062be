import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DecisionRecordText } from "~/components/approval-decisions";
import { decisionConfirmation } from "~/domain/workflow";

const AT = "2026-12-03T10:15:00.000Z";

function read(d: { decision: string; conditions?: string; reason?: string }) {
  const record = { leaderId: 1, leaderName: "Priya Raman", conditions: "", reason: "", at: AT, ...d };
  return renderToStaticMarkup(createElement(DecisionRecordText, { d: record, strong: true }))
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'");
}

describe("a leader's decision as the approval pages read it", () => {
  it("is in the past tense: approved, approved with conditions, declined — never “approve on”", () => {
    expect(read({ decision: "approve" })).toBe("Priya Raman: approved on 3 December 2026");
    expect(read({ decision: "approve_with_conditions", conditions: "Confirm faculty by May." })).toBe(
      "Priya Raman: approved with conditions on 3 December 2026. Conditions: Confirm faculty by May."
    );
    expect(read({ decision: "decline", reason: "Not this year." })).toBe("Priya Raman: declined on 3 December 2026. Reason: Not this year.");
    for (const decision of ["approve", "approve_with_conditions", "decline"]) expect(read({ decision })).not.toMatch(/\b(approve|decline) (on|with)/);
  });

  it("reads conditions and a reason typed with their own full stop with one full stop between them", () => {
    expect(read({ decision: "approve_with_conditions", conditions: "Confirm the fee in GBP before signing.", reason: "Faculty are thin in May" })).toBe(
      "Priya Raman: approved with conditions on 3 December 2026. Conditions: Confirm the fee in GBP before signing. Reason: Faculty are thin in May"
    );
  });
});

describe("the confirmation a leader reads after deciding", () => {
  const base = { on: "3 Dec 2026", approvals: 1, required: 2 };

  it("after the first of two approvals says one more leader must approve", () => {
    expect(decisionConfirmation({ ...base, decision: "approve", status: "pending" })).toBe(
      "You approved this request on 3 Dec 2026. It needs 1 more leader to approve it."
    );
  });

  it("after the approval that settles it says it is approved, as it does for the first", () => {
    expect(decisionConfirmation({ ...base, decision: "approve", status: "approved", approvals: 2 })).toBe(
      "You approved this request on 3 Dec 2026. The request is approved: the engagement's bookings are confirmed, and its documents carry the approval."
    );
    expect(decisionConfirmation({ ...base, decision: "approve_with_conditions", status: "approved_with_conditions", approvals: 2 })).toBe(
      "You approved this request with conditions on 3 Dec 2026. The request is approved with conditions: the engagement's bookings are confirmed, and its documents carry the approval."
    );
    expect(decisionConfirmation({ ...base, decision: "decline", status: "declined", approvals: 0 })).toBe(
      "You declined this request on 3 Dec 2026. The request is declined."
    );
  });
});
