import { describe, expect, it } from "vitest";
import { decisionWants } from "~/domain/review-forms";

const plain = { decision: "approve" as const, conditions: "", reason: "", acknowledgedConflict: false };
const request = { conflictAcknowledgementRequired: false, conditionalBefore: null };
const field = (...args: Parameters<typeof decisionWants>) => decisionWants(...args)?.field ?? null;

describe("what a leader's decision must say", () => {
  it("asks an approval of an amendment to say what became of the conditions on the version it follows", () => {
    const amending = { ...request, conditionalBefore: 2 };
    expect(decisionWants(plain, amending)).toEqual({
      field: "conditionsMet",
      message: "Leadership approved version 2 with conditions: confirm that this version meets them, or write what is still to be done as your conditions.",
    });
    expect(decisionWants({ ...plain, conditionsMet: true }, amending)).toBeNull();
    expect(field({ ...plain, decision: "approve_with_conditions", conditions: "Faculty confirmed by May." }, amending)).toBe("conditionsMet");
    // Declining says nothing of them, only why.
    expect(decisionWants({ ...plain, decision: "decline", reason: "Too large for this year." }, amending)).toBeNull();
  });

  it("asks an approval to accept a capacity conflict before anything about earlier conditions", () => {
    const both = { conflictAcknowledgementRequired: true, conditionalBefore: 1 };
    expect(field(plain, both)).toBe("acknowledgedConflict");
    expect(field({ ...plain, acknowledgedConflict: true }, both)).toBe("conditionsMet");
    expect(field({ ...plain, decision: "decline", reason: "Not now, thank you." }, both)).toBeNull();
  });

  it("asks for conditions with a conditional approval, none with a plain one, and a reason to decline", () => {
    expect(field({ ...plain, decision: "approve_with_conditions" }, request)).toBe("conditions");
    expect(field({ ...plain, conditions: "Faculty confirmed by May." }, request)).toBe("conditions");
    expect(field({ ...plain, decision: "decline" }, request)).toBe("reason");
    expect(decisionWants(plain, request)).toBeNull();
  });
});
