import { describe, expect, it } from "vitest";
import { rateTooOldWords, tooFarAheadWords } from "~/domain/plausible-dates";

describe("plausible dates counted from a leap day", () => {
  it("names a day that exists as the bound: a year before 29 February 2028 is 28 February 2027", () => {
    expect(rateTooOldWords("2027-02-27", "2028-02-29")).toBe(
      "The rate's date (27 February 2027) cannot be more than a year before today, before 28 February 2027: the fee is compared through a recent rate. Check the year, or record today's rate."
    );
    expect(rateTooOldWords("2027-02-28", "2028-02-29")).toBeNull();
  });

  it("ten years after 29 February 2028 is 28 February 2038", () => {
    expect(tooFarAheadWords("The hard deadline", "2038-03-01", "2028-02-29")).toBe(
      "The hard deadline (1 March 2038) cannot be more than 10 years ahead, after 28 February 2038: check the year"
    );
    expect(tooFarAheadWords("The hard deadline", "2038-02-28", "2028-02-29")).toBeNull();
  });
});
