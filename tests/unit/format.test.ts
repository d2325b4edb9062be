import { describe, expect, it } from "vitest";
import { formatDate, formatNumber } from "~/components/ui";

describe("dates and numbers as pages show them", () => {
  it("writes dates day, short month and year in UTC, and leaves what is not a date as it was", () => {
    expect(formatDate("2026-11-25T23:30:00Z")).toBe("25 Nov 2026");
    expect(formatDate("2027-01-01")).toBe("1 Jan 2027");
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("groups thousands and keeps up to three decimals", () => {
    expect(formatNumber(1234567.891)).toBe("1,234,567.891");
    expect(formatNumber(0.0004)).toBe("0");
    expect(formatNumber(-5.5)).toBe("-5.5");
  });
});
