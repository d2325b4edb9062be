/**
 * Where the planner knows no public holidays for the partner's country, the Timeline page says its
 * events and milestones avoid weekends only, so that a manager checks the key dates (docs/domain.md §8.6).
 */
import { describe, expect, it } from "vitest";
import { holidaysNotKnown } from "~/domain/holiday-words";
import { workingDays } from "~/domain/timeline";

describe("public holidays the planner does not know", () => {
  it("names a country without holiday rules, and says only weekends are avoided", () => {
    expect(holidaysNotKnown("KE")).toBe(
      "The planner has no public holidays for Kenya: events and milestones avoid weekends only, so check the key dates against its public holidays."
    );
    // Madaraka Day, 1 June 2027, a Tuesday: a working day as far as the planner knows, which is why it says so.
    expect(workingDays("KE")("2027-06-01")).toBe(true);
  });

  it("says nothing where the country's holidays are known", () => {
    expect(holidaysNotKnown("GB")).toBeNull();
    expect(holidaysNotKnown("US")).toBeNull();
  });

  it("asks for the country where none is chosen", () => {
    expect(holidaysNotKnown(null)).toMatch(/^No country is chosen for the partner, so events and milestones avoid weekends only/);
  });
});
