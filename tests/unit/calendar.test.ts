import { describe, expect, it, test } from "vitest";
import {
  FIRST_YEAR,
  LAST_YEAR,
  addDays,
  addMonths,
  addMonthsToDay,
  addMonthsToMonth,
  calendarMonths,
  monthFromText,
  dateOfDay,
  dayOf,
  daysBetween,
  daysInMonth,
  formatDate,
  formatMonth,
  formatShortDate,
  isIsoDate,
  isMonth,
  lastDayOf,
  monthRange,
  monthsBetween,
  monthsUntil,
  notADateWords,
  parseStart,
} from "~/domain/calendar";
import { TimelineActionSchema } from "~/domain/timeline-forms";
import { openCollaborativeFormSchema } from "~/domain/open-collaborative-forms";

describe("calendar arithmetic", () => {
  // The reference is the JavaScript Date in UTC, day by day over three centuries.
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const DAY = 86_400_000;

  test("adding days and counting days agree with Date.UTC on every day from 1900 to 2200", () => {
    const first = Date.UTC(1900, 0, 1);
    const last = Date.UTC(2200, 11, 31);
    const wrong: string[] = [];
    for (let ms = first; ms <= last; ms += DAY) {
      const date = iso(ms);
      if (addDays(date, 1) !== iso(ms + DAY) || addDays(date, -1) !== iso(ms - DAY) || daysBetween("1970-01-01", date) !== Math.round(ms / DAY))
        wrong.push(date);
    }
    expect(wrong).toEqual([]);
    expect(addDays("2027-12-31", 400)).toBe(iso(Date.UTC(2027, 11, 31) + 400 * DAY));
  });

  test("the length of every month, leap years included", () => {
    for (let y = 1900; y <= 2200; y++) {
      for (let m = 1; m <= 12; m++) {
        expect(daysInMonth(`${y}-${String(m).padStart(2, "0")}`)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }
    }
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2100-02")).toBe(28);
    expect(daysInMonth("2000-02")).toBe(29);
  });

  test("months added, counted and listed agree with Date.UTC from 1900 to 2200", () => {
    const month = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
    const wrong: string[] = [];
    for (let y = 1900; y <= 2200; y++) {
      for (let m = 0; m < 12; m++) {
        const from = month(y, m);
        for (const k of [-13, -1, 0, 1, 11, 12, 25]) {
          if (addMonthsToMonth(from, k) !== month(y, m + k) || monthsBetween(from, month(y, m + k)) !== k) wrong.push(`${from} ${k}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(monthRange("2027-11", "2028-02")).toEqual(["2027-11", "2027-12", "2028-01", "2028-02"]);
    expect(monthRange("2028-02", "2027-11")).toEqual([]);
  });

  test("a date that is not one is refused, not turned into another day", () => {
    for (const bad of ["not a date", "", "2027-03-05T10:00:00Z", "2027-13-01", "2027-00-10", "27-03-05"]) {
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
      expect(() => daysBetween("2027-01-01", bad), bad).toThrow(RangeError);
    }
    expect(() => addDays("2027-03-05", 1.5)).toThrow(RangeError);
    expect(() => daysInMonth("2027-13")).toThrow(RangeError);
    expect(() => daysInMonth("")).toThrow(RangeError);
  });
});

describe("month ends and leap years", () => {
  test("the last day of each kind of month", () => {
    expect(lastDayOf("2027-01")).toBe("2027-01-31");
    expect(lastDayOf("2027-04")).toBe("2027-04-30");
    expect(lastDayOf("2027-02")).toBe("2027-02-28");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
    expect(lastDayOf("1900-02")).toBe("1900-02-28");
    expect(lastDayOf("2000-02")).toBe("2000-02-29");
  });

  test("a month later stays inside the shorter month", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2027-03-31", -1)).toBe("2027-02-28");
    expect(addMonths("2027-08-31", 1)).toBe("2027-09-30");
    expect(addMonths("2027-12-15", 1)).toBe("2028-01-15");
  });

  test("29 February exists only in leap years", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2027-04-31")).toBe(false);
    expect(isIsoDate("2027-02-30")).toBe(false);
  });

  test("a deadline on a month's last day counts that month", () => {
    expect(monthsUntil("2027-03", "2028-02-29")).toBe(12);
    expect(monthsUntil("2027-03", "2028-02-28")).toBe(11);
    expect(monthsUntil("2027-03", "2027-03-31")).toBe(1);
    expect(monthsUntil("2027-03", "2027-03-30")).toBe(0);
  });

  test("calendar months between two days, in parts of a month", () => {
    expect(calendarMonths("2027-01-01", "2028-01-01")).toBe(12);
    expect(calendarMonths("2027-01-31", "2027-02-28")).toBe(1);
    expect(calendarMonths("2027-03-01", "2027-03-16")).toBeCloseTo(15 / 31);
  });
});

describe("the years a date or month may be in", () => {
  test("one range for months and dates alike", () => {
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([1900, 2199]);
    expect(isMonth("1900-01")).toBe(true);
    expect(isMonth("2199-12")).toBe(true);
    expect(isMonth("1899-12")).toBe(false);
    expect(isMonth("2200-01")).toBe(false);
    expect(isIsoDate("1900-01-01")).toBe(true);
    expect(isIsoDate("2199-12-31")).toBe(true);
    expect(isIsoDate("1899-12-31")).toBe(false);
    expect(isIsoDate("2200-01-01")).toBe(false);
  });

  test("a start outside the range is not a start", () => {
    expect(parseStart("2200-01")).toBeNull();
    expect(parseStart("1899-12-31")).toBeNull();
    expect(parseStart(" 2027-03 ")).toBe("2027-03-01");
    expect(parseStart("2027-03-05")).toBe("2027-03-05");
  });
});

describe("what is not a date or a month", () => {
  test.each(["", "2027", "2027-3", "2027-03-5", "2027-00", "2027-13", "27-03", "2027/03", "March 2027", "2027-03-05T10:00:00Z", "２０２７-０３"])(
    "%j is neither",
    (value) => {
      expect(isMonth(value)).toBe(false);
      expect(isIsoDate(value)).toBe(false);
      expect(parseStart(value)).toBeNull();
    }
  );

  test("a start may carry spaces around it, a month or date may not", () => {
    for (const value of [" 2027-03", "2027-03\n"]) {
      expect(isMonth(value)).toBe(false);
      expect(parseStart(value)).toBe("2027-03-01");
    }
  });

  test("values that are not text are neither", () => {
    for (const value of [undefined, null, 202703, new Date(2027, 2, 1), ["2027-03"], { month: "2027-03" }]) {
      expect(isMonth(value)).toBe(false);
      expect(isIsoDate(value)).toBe(false);
    }
  });
});

describe("a month typed where a browser has no month box", () => {
  it.each([
    ["2027-03", "2027-03"],
    [" 2027/3 ", "2027-03"],
    ["03/2027", "2027-03"],
    ["3.2027", "2027-03"],
    ["March 2027", "2027-03"],
    ["march  2027", "2027-03"],
    ["Mar. 2027", "2027-03"],
    ["Sept 2027", "2027-09"],
    ["September, 2027", "2027-09"],
    ["2027 May", "2027-05"],
  ])("%j is %s", (typed, month) => expect(monthFromText(typed)).toBe(month));

  it.each(["2027-13", "13/2027", "Ma 2027", "Smarch 2027", "Spring 2027", "2027-03-01", "01/02/2027", "March", "2027", "March 2300", ""])(
    "%j is no month",
    (typed) => expect(monthFromText(typed)).toBeNull()
  );
});

describe("what a date field says of a value that is not a date", () => {
  // The browser's date box shows the user's own format (12/31/2027, 31/12/2027) and sends 2027-12-31: no format is named.
  const rowError = (start: string) => {
    const r = TimelineActionSchema.safeParse({ intent: "edit-item", version: "1", itemId: "ls1", start, label: "Learning Session 1" });
    return r.success ? null : r.error.issues.map((i) => i.message);
  };

  it("asks for the date without a format the user never sees, for a date box left unfinished or typed text alike", () => {
    // A date box left half filled in sends nothing; a browser without one sends what was typed.
    for (const start of ["", "12/31/2027", "31.12.2027", "next Tuesday"]) expect(rowError(start)).toEqual(["Enter the start as a date."]);
    expect(rowError("2027-12-31")).toBeNull();
    expect(JSON.stringify([rowError(""), rowError("12/31/2027")])).not.toMatch(/YYYY|MM|DD/);
  });

  it("names a date typed that does not exist, as typed", () => {
    expect(rowError("2027-02-30")).toEqual(["2027-02-30 does not exist: enter the start as a date."]);
    expect(rowError("2300-01-01")).toEqual([`Enter the start as a date from ${FIRST_YEAR} to ${LAST_YEAR}.`]);
  });

  it("words every date field so: a new item's start, an open collaborative's sessions", () => {
    const add = TimelineActionSchema.safeParse({
      intent: "add-item",
      version: "1",
      label: "Board visit",
      kind: "milestone",
      stream: "main",
      start: "31/12/2027",
      duration: "1",
      unit: "days",
    });
    expect(add.success ? null : add.error.issues.map((i) => i.message)).toEqual(["Enter the start as a date, or leave it empty."]);
    const sessions = openCollaborativeFormSchema("2026-12-01").safeParse({
      topic: "sepsis",
      title: "Sepsis on the wards",
      host: "Northbridge",
      session1: "03/15/2027",
      session2: "2027-06-31",
      placesLeft: "4",
    });
    expect(sessions.success ? null : sessions.error.issues.map((i) => i.message)).toEqual([
      "Enter the next learning session as a date.",
      "2027-06-31 does not exist: enter the learning session after as a date.",
    ]);
    expect(notADateWords("A third learning session")).toBe("Enter a third learning session as a date.");
    expect(notADateWords("VAP baseline date")).toBe("Enter the VAP baseline date.");
  });
});

describe("dates and months in words", () => {
  test("day, month name and year, without leading zeros", () => {
    expect(formatDate("2027-03-05")).toBe("5 March 2027");
    expect(formatDate("2028-12-31")).toBe("31 December 2028");
    expect(formatMonth("2027-01")).toBe("January 2027");
  });

  test("a timestamp shows its day; what is not a date is shown as it was written", () => {
    expect(formatDate("2026-11-20T23:59:59.000Z")).toBe("20 November 2026");
    expect(formatDate("to be agreed")).toBe("to be agreed");
    expect(formatDate("2027-13-01")).toBe("2027-13-01");
    expect(formatShortDate("2026-03-03")).toBe("3 Mar 2026");
    expect(formatShortDate("2026-03-03T10:00:00Z")).toBe("2026-03-03T10:00:00Z");
    expect(formatShortDate("")).toBe("");
  });

  test("a month is written in words; what is not a month is shown as it was written", () => {
    expect(formatMonth("2027-03")).toBe("March 2027");
    expect(formatMonth("2028-12")).toBe("December 2028");
    expect(formatMonth("soon")).toBe("soon");
    expect(formatMonth("2027-13")).toBe("2027-13");
    expect(formatMonth("2027-00")).toBe("2027-00");
    expect(formatMonth("2027-03-05")).toBe("2027-03-05");
    expect(formatMonth("")).toBe("");
  });

  test("months in a range run across a year's end, and an empty range is empty", () => {
    expect(monthRange("2027-12", "2028-01")).toEqual(["2027-12", "2028-01"]);
    expect(monthsBetween("2027-12", "2027-12")).toBe(0);
    expect(addMonthsToMonth("2027-12", 1)).toBe("2028-01");
    expect(daysBetween("2027-12-31", addDays("2027-12-31", 1))).toBe(1);
    expect(daysInMonth("2027-12")).toBe(31);
  });
});

describe("day arithmetic read digit by digit", () => {
  it("counts the same days as the clock's calendar for every day of 1999–2031, and reads short forms the same way", () => {
    const start = Date.UTC(1999, 0, 1);
    for (let n = 0; n < 33 * 366; n += 1) {
      const date = new Date(start + n * 86_400_000).toISOString().slice(0, 10);
      expect(daysBetween("1999-01-01", date)).toBe(n);
      expect(addDays("1999-01-01", n)).toBe(date);
    }
    expect(daysBetween("2027-1-5", "2027-01-05")).toBe(0);
    expect(() => daysBetween("2027-01-05", "2027-13-05")).toThrow(RangeError);
    expect(() => daysBetween("2027-01-05", "2027-0a-05")).toThrow(RangeError);
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
  });
});

describe("days as numbers, for timeline generation", () => {
  it("writes back every day of 1999–2031 as it was read, a day apart, 1970-01-01 being day 0", () => {
    expect(dayOf("1970-01-01")).toBe(0);
    const first = dayOf("1999-01-01");
    for (let n = 0; n < 33 * 366; n += 1) {
      const date = addDays("1999-01-01", n);
      expect(dayOf(date)).toBe(first + n);
      expect(dateOfDay(first + n)).toBe(date);
    }
  });

  it("adds months to a day number exactly as to a date, keeping the day inside shorter months", () => {
    for (let n = 0; n < 5 * 366; n += 1) {
      const date = addDays("2026-11-01", n);
      for (const months of [-13, -1, 0, 1, 2, 11, 12, 25]) expect(dateOfDay(addMonthsToDay(dayOf(date), months))).toBe(addMonths(date, months));
    }
    expect(dateOfDay(addMonthsToDay(dayOf("2027-01-31"), 1))).toBe("2027-02-28");
    expect(dateOfDay(addMonthsToDay(dayOf("2028-01-31"), 1))).toBe("2028-02-29");
    expect(dateOfDay(addMonthsToDay(dayOf("2028-03-31"), -1))).toBe("2028-02-29");
  });
});
