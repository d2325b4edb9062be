import { describe, expect, it } from "vitest";
import { answerByProblem, answerDueWords, answerOverdueNotice, defaultAnswerBy } from "~/domain/answer-by";

describe("the day the partner is asked to answer by (docs/domain.md §9.16)", () => {
  it("is offered four weeks after today, across a month and a year's end", () => {
    expect(defaultAnswerBy("2026-12-07")).toBe("2027-01-04");
    expect(defaultAnswerBy("2027-02-01")).toBe("2027-03-01");
  });

  it("takes today or a later day, and says why it refuses another", () => {
    expect(answerByProblem("2026-12-07", "2026-12-07")).toBeNull();
    expect(answerByProblem(" 2027-01-15 ", "2026-12-07")).toBeNull();
    expect(answerByProblem("2026-12-06", "2026-12-07")).toBe("The answer date cannot be before today, 7 December 2026");
    expect(answerByProblem("2027-02-30", "2026-12-07")).toBe("2027-02-30 does not exist: enter the answer date.");
    expect(answerByProblem("soon", "2026-12-07")).toBe("Enter the answer date.");
  });

  it("is said due until it passes, then overdue by the days since", () => {
    expect(answerDueWords("2027-01-15", "2027-01-15")).toBe("Answer due 15 January 2027");
    expect(answerDueWords("2027-01-15", "2027-01-16")).toBe("Answer due 15 January 2027: 1 day overdue");
    expect(answerDueWords("2027-01-15", "2027-01-18")).toBe("Answer due 15 January 2027: 3 days overdue");
    expect(answerOverdueNotice({ number: 2, answerBy: "2027-01-15", title: "Northshire" }, "2027-01-18")).toBe(
      "The partner's answer to version 2 was due 15 January 2027 and has not come (3 days overdue): Northshire"
    );
  });
});
