import { describe, expect, it } from "vitest";
import { budgetRange, money } from "~/domain/money";
import { andMore, plural } from "~/domain/plural";

// The currency code and the amount are joined by a no-break space.
const NBSP = "\u00a0";

describe("money", () => {
  it("is whole units, grouped, after the currency code", () => {
    expect(money(1_200_000, "USD")).toBe(`USD${NBSP}1,200,000`);
    expect(money(77_700.4, "GBP")).toBe(`GBP${NBSP}77,700`);
    expect(money(999.5, "EUR")).toBe(`EUR${NBSP}1,000`);
    expect(money(1_500, "JPY")).toBe(`JPY${NBSP}1,500`);
  });

  it("reads a lower-case code as the currency it names", () => {
    expect(money(5_000, "usd")).toBe(`USD${NBSP}5,000`);
  });

  it("is a grouped number without a currency, and never shows minus zero", () => {
    expect(money(1_234_567, null)).toBe("1,234,567");
    expect(money(1_234_567, undefined)).toBe("1,234,567");
    expect(money(-0.4, "USD")).toBe(`USD${NBSP}0`);
  });

  it("keeps text that is not a currency code as it was written rather than failing", () => {
    expect(money(10_000, "US$")).toBe("US$ 10,000");
  });

  it("writes a budget range with its currency once, before the range", () => {
    expect(budgetRange(600_000, 900_000, "USD")).toBe(`USD${NBSP}600,000–900,000`);
    expect(budgetRange(1_100_000, 1_500_000, "eur")).toBe(`EUR${NBSP}1,100,000–1,500,000`);
    expect(budgetRange(600_000, 900_000, null)).toBe("600,000–900,000");
    expect(budgetRange(600_000, 600_000, "USD")).toBe(`USD${NBSP}600,000`);
    expect(budgetRange(null, 900_000, "USD")).toBe(`up to USD${NBSP}900,000`);
    expect(budgetRange(600_000, undefined, "USD")).toBe(`at least USD${NBSP}600,000`);
    expect(budgetRange(null, null, "USD")).toBeNull();
  });
});

describe("counts", () => {
  it("say one or many, with the count grouped", () => {
    expect(plural(1, "day")).toBe("1 day");
    expect(plural(0, "day")).toBe("0 days");
    expect(plural(3, "site or team", "sites or teams")).toBe("3 sites or teams");
    expect(plural(1_200, "site")).toBe("1,200 sites");
  });

  it("say what a shortened list leaves out, with its noun: the Fit page's shortfalls, the portfolio's months", () => {
    expect(andMore(7, "shortfall")).toBe("and 7 more shortfalls");
    expect(andMore(1, "shortfall")).toBe("and 1 more shortfall");
    expect(andMore(2, "month")).toBe("and 2 more months");
  });
});
