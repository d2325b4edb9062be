/**
 * The aim's date is written in the intake and in the driver diagram (docs/domain.md §6.6): where the
 * diagram's words name another date than the intake's, the checker says so, and offers the aim with the
 * intake's date put in, which is what the proposal then states.
 */
import { describe, expect, it } from "vitest";
import { aimDateClash } from "~/domain/aim-date";
import type { Aim } from "~/domain/driver-diagram";

const aim = (over: Partial<Aim> = {}): Aim => ({
  statement: "Reduce VAP from 7.2 per 1,000 ventilator days (September 2026) by 50% by August 2028",
  baseline: "VAP per 1,000 ventilator days: 7.2 (September 2026)",
  target: "Reduce VAP by 50%",
  byWhen: "August 2028",
  population: "Adult ICU patients",
  ...over,
});

describe("aimDateClash", () => {
  it("says nothing where the aim names the intake's month, in words or as typed", () => {
    expect(aimDateClash(aim(), "2028-08")).toBeNull();
    expect(aimDateClash(aim({ byWhen: "Aug 2028" }), "2028-08")).toBeNull();
    expect(aimDateClash(aim({ byWhen: "2028-08" }), "2028-08")).toBeNull();
  });

  it("says nothing without an intake date, or where the aim names no date it can read", () => {
    expect(aimDateClash(aim(), null)).toBeNull();
    expect(aimDateClash(aim(), undefined)).toBeNull();
    expect(aimDateClash(aim({ statement: "Halve VAP within 18 months", byWhen: "Q3 2028" }), "2028-03")).toBeNull();
  });

  it("names the date the aim says and mends both the sentence and “By when”", () => {
    const clash = aimDateClash(aim(), "2028-03");
    expect(clash).toEqual({
      intake: "2028-03",
      said: "August 2028",
      corrected: aim({
        statement: "Reduce VAP from 7.2 per 1,000 ventilator days (September 2026) by 50% by March 2028",
        byWhen: "March 2028",
      }),
    });
  });

  it("does not take a baseline's date for the aim's", () => {
    const clash = aimDateClash(aim({ statement: "Reduce VAP from 7.2 (September 2026) by 50%", byWhen: "March 2028" }), "2028-03");
    expect(clash).toBeNull();
  });

  it("finds a date in the sentence that “By when” does not share", () => {
    const clash = aimDateClash(aim({ byWhen: "March 2028" }), "2028-03");
    expect(clash?.said).toBe("August 2028");
    expect(clash?.corrected.statement).toMatch(/by 50% by March 2028$/);
    expect(clash?.corrected.byWhen).toBe("March 2028");
  });

  it("reads a year alone as agreeing with any month of that year", () => {
    expect(aimDateClash(aim({ statement: "Halve VAP by the end of 2028", byWhen: "2028" }), "2028-03")).toBeNull();
    const clash = aimDateClash(aim({ statement: "Halve VAP by the end of 2029", byWhen: "" }), "2028-03");
    expect(clash?.said).toBe("2029");
    expect(clash?.corrected).toMatchObject({ statement: "Halve VAP by March 2028", byWhen: "March 2028" });
  });

  it("keeps a “By when” it cannot read, while mending the sentence", () => {
    const clash = aimDateClash(aim({ byWhen: "Q1 2028" }), "2028-03");
    expect(clash?.corrected.byWhen).toBe("Q1 2028");
    expect(clash?.corrected.statement).toMatch(/by March 2028$/);
  });
});
