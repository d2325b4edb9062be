/**
 * The aim's date is written in the intake and in the driver diagram (docs/domain.md §6.6): where the
 * diagram's words name another date than the intake's, the checker says so, and offers the aim with the
 * intake's date put in, which is what the proposal then states.
 */
import { describe, expect, it } from "vitest";
import { aimDateAfterIntakeWords, aimDateClash } from "~/domain/aim-date";
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
    expect(clash?.corrected?.statement).toMatch(/by 50% by March 2028$/);
    expect(clash?.corrected?.byWhen).toBe("March 2028");
  });

  it("reads a year alone as agreeing with any month of that year", () => {
    expect(aimDateClash(aim({ statement: "Halve VAP by the end of 2028", byWhen: "2028" }), "2028-03")).toBeNull();
    const clash = aimDateClash(aim({ statement: "Halve VAP by the end of 2029", byWhen: "" }), "2028-03");
    expect(clash?.said).toBe("2029");
    expect(clash?.corrected).toMatchObject({ statement: "Halve VAP by March 2028", byWhen: "March 2028" });
  });

  it("reads the other ways a date is written after “by”, and keeps the capital of a sentence's first word", () => {
    const mended = (statement: string) => aimDateClash(aim({ statement, byWhen: "" }), "2028-03")?.corrected?.statement;
    expect(mended("Halve VAP by 31 March 2029")).toBe("Halve VAP by March 2028");
    expect(mended("Halve VAP by March 31, 2029")).toBe("Halve VAP by March 2028");
    expect(mended("Halve VAP by September, 2029")).toBe("Halve VAP by March 2028");
    expect(mended("Halve VAP by Sept. 2029")).toBe("Halve VAP by March 2028");
    expect(mended("Halve VAP by 2029-03")).toBe("Halve VAP by March 2028");
    expect(mended("Halve VAP by 2029.")).toBe("Halve VAP by March 2028.");
    expect(mended("By August 2029, halve VAP")).toBe("By March 2028, halve VAP");
  });

  it("does not take a quantity after “by” for a year", () => {
    for (const statement of ["Reduce bed days by 1950 a year", "Cut waiting by 2000 bed days by March 2028"])
      expect(aimDateClash(aim({ statement, byWhen: "" }), "2028-03"), statement).toBeNull();
    const clash = aimDateClash(aim({ statement: "Cut waiting by 2000 bed days by August 2028", byWhen: "" }), "2028-03");
    expect(clash?.corrected?.statement).toBe("Cut waiting by 2000 bed days by March 2028");
  });

  it("judges a “By when” it cannot read whole by its year, and puts the intake's month in it", () => {
    expect(aimDateClash(aim({ statement: "Halve VAP", byWhen: "Q1 2028" }), "2028-03")).toBeNull();
    const clash = aimDateClash(aim({ statement: "Halve VAP", byWhen: "Q3 2029" }), "2028-03");
    expect(clash?.said).toBe("Q3 2029");
    expect(clash?.corrected?.byWhen).toBe("March 2028");
    // Beside a sentence that names another date, it takes the intake's month too, so the proposal's “By when” says it.
    expect(aimDateClash(aim({ byWhen: "Q1 2028" }), "2028-03")?.corrected?.byWhen).toBe("March 2028");
  });

  it("offers no mended aim where the sentence would grow past what an aim may hold", () => {
    const long = `${"Reduce harm on every ward ".repeat(38)}by 2029`;
    expect(long.length).toBeLessThanOrEqual(1000);
    const clash = aimDateClash(aim({ statement: long, byWhen: "" }), "2028-09");
    expect(clash?.said).toBe("2029");
    expect(clash?.corrected).toBeNull();
  });

  it("reads only a month for the intake's date, as plans do", () => {
    expect(aimDateClash(aim(), "March 2028")).toBeNull();
    expect(aimDateClash(aim(), "2028-13")).toBeNull();
  });
});

describe("aimDateAfterIntakeWords", () => {
  it("names the aim's date and the intake's", () => {
    expect(aimDateAfterIntakeWords(aimDateClash(aim(), "2028-03")!)).toBe(
      "The driver diagram's aim still says August 2028, the date the proposal would state: its page offers to put in March 2028. The Timeline page says whether the plan keeps the new date."
    );
  });
});
