import { describe, expect, it } from "vitest";
import { keptWhole, SHORT_TABLE_ROWS } from "~/domain/proposal-print";

/** Which tables the documents keep whole on one page (docs/domain.md §9.7). */

const payments = {
  columns: ["Milestone", "Due", "Share", "Amount (USD)"],
  rows: [
    ["On signature of the agreement", "On signature", "30%", "477,000"],
    ["At the start of the work", "March 2027", "20%", "318,000"],
    ["At the midpoint of the work", "November 2027", "30%", "477,000"],
    ["On completion of the work", "August 2028", "20%", "318,000"],
  ],
};

const definition =
  "Percentage of discharged patients with a follow-up appointment booked before they left hospital, counted from the discharge record each month";
const measures = (n: number) => ({
  columns: ["Kind", "Measure", "Operational definition", "Numerator / denominator", "Source", "Frequency", "Target"],
  rows: Array.from({ length: n }, (_, i) => ["Process", `Measure ${i + 1}`, definition, definition, "Discharge record", "Monthly", "At least 90%"]),
});

const dates = (n: number) => ({
  columns: ["Date", "What"],
  rows: Array.from({ length: n }, (_, i) => [`${i + 1} March 2027`, `Learning session ${i + 1}`]),
});

describe("a short table", () => {
  it("is kept whole in both documents: the payment schedule, a dozen dates of a line each", () => {
    for (const document of ["pdf", "word"] as const) {
      expect(keptWhole(payments, document)).toBe(true);
      expect(keptWhole(dates(SHORT_TABLE_ROWS), document)).toBe(true);
    }
  });

  it("is not one of more rows than a dozen, which runs on under its repeated header", () => {
    for (const document of ["pdf", "word"] as const) expect(keptWhole(dates(SHORT_TABLE_ROWS + 1), document)).toBe(false);
  });

  it("is not, in the PDF, one of a few rows that each take several lines, which taken whole to the next page would leave most of this one blank", () => {
    expect(keptWhole(measures(6), "pdf")).toBe(false);
    expect(keptWhole(measures(1), "pdf")).toBe(true);
    // The Word document, which has no rule against a page left half blank, keeps it whole while it fits a page.
    expect(keptWhole(measures(6), "word")).toBe(true);
  });

  it("is not, in the Word document, one of few rows that would not fit a page, which would break anyway", () => {
    expect(keptWhole(measures(8), "word")).toBe(false);
  });

  it("counts the lines a cell's own line breaks start", () => {
    const listed = { columns: ["Role", "Who"], rows: [["Faculty", Array.from({ length: 16 }, (_, i) => `Person ${i + 1}`).join("\n")]] };
    expect(keptWhole(listed, "pdf")).toBe(false);
    expect(keptWhole({ ...listed, rows: [["Faculty", "Person 1\nPerson 2"]] }, "pdf")).toBe(true);
  });
});
