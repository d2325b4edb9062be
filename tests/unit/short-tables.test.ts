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
    expect(keptWhole(payments)).toBe(true);
    expect(keptWhole(dates(SHORT_TABLE_ROWS))).toBe(true);
  });

  it("is not one of more rows than a dozen, which runs on under its repeated header", () => {
    expect(keptWhole(dates(SHORT_TABLE_ROWS + 1))).toBe(false);
  });

  it("is not, in either document, one of a few rows that each take several lines, which taken whole to the next page would leave most of this one blank", () => {
    expect(keptWhole(measures(1))).toBe(true);
    // Five measures fit a page, but not what is left under the measurement plan's heading: they start there and run on.
    expect(keptWhole(measures(5))).toBe(false);
    expect(keptWhole(measures(6))).toBe(false);
  });

  it("counts the lines a cell's own line breaks start", () => {
    const listed = { columns: ["Role", "Who"], rows: [["Faculty", Array.from({ length: 16 }, (_, i) => `Person ${i + 1}`).join("\n")]] };
    expect(keptWhole(listed)).toBe(false);
    expect(keptWhole({ ...listed, rows: [["Faculty", "Person 1\nPerson 2"]] })).toBe(true);
  });
});
