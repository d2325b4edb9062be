import { describe, expect, it } from "vitest";
import { emptyIntake } from "~/domain/intake";
import { answersDiffering, answerWords } from "~/domain/intake-differences";

describe("an intake answer in words", () => {
  it("gives an option's words, a date or month written out, a number with its thousands, and text quoted", () => {
    expect(answerWords("partnerKind", "health_system")).toBe("A health system");
    expect(answerWords("hardDeadline", "2028-12-31")).toBe("31 December 2028");
    expect(answerWords("desiredStart", "2027-04")).toBe("April 2027");
    expect(answerWords("budgetMax", "1500000")).toBe("1,500,000");
    expect(answerWords("hasImprovementTeam", "on")).toBe("yes");
    expect(answerWords("existingWork", "A team of six")).toBe("“A team of six”");
    expect(answerWords("existingWork", "x".repeat(200))).toBe(`“${"x".repeat(80)}…”`);
    expect(answerWords("sites", undefined)).toBe("no answer");
  });

  it("names each answer typed that differs from the one saved now, and nothing else", () => {
    const saved = { ...emptyIntake(), scale: { expectedSites: 14, desiredStart: "2027-04", longestDurationMonths: 24 } };
    expect(answersDiffering("scale", { expectedSites: 9, desiredStart: "2027-04", longestDurationMonths: 24, hardDeadline: "2028-12-31" }, saved)).toEqual([
      { label: "Sites or teams expected to take part", saved: "14" },
      { label: "Hard deadline", saved: "no answer" },
    ]);
    expect(answersDiffering("scale", saved.scale, saved)).toEqual([]);
  });
});
