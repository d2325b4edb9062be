import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  easterSunday,
  HOLIDAY_COUNTRIES,
  holidayCalendar,
  HolidayDataError,
  isWorkingDay,
  parseHolidayCalendar,
  publicHolidays,
  type HolidayCountry,
} from "~/domain/holidays";

const YEARS = [2026, 2027, 2028, 2029, 2030, 2031];
const dates = (country: HolidayCountry, year: number) => publicHolidays(country, year).map((h) => h.date);
const named = (country: HolidayCountry, year: number, name: string) =>
  publicHolidays(country, year)
    .filter((h) => h.name === name)
    .map((h) => h.date);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe("public holidays, against the official calendars", () => {
  it("computes Easter for the years a plan can reach", () => {
    expect(YEARS.map(easterSunday)).toEqual(["2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13"]);
  });

  it("US: the federal holidays, a Saturday one observed on the Friday and a Sunday one on the Monday", () => {
    expect(publicHolidays("US", 2026)).toEqual([
      { date: "2026-01-01", name: "New Year's Day" },
      { date: "2026-01-19", name: "Birthday of Martin Luther King, Jr." },
      { date: "2026-02-16", name: "Washington's Birthday" },
      { date: "2026-05-25", name: "Memorial Day" },
      { date: "2026-06-19", name: "Juneteenth National Independence Day" },
      { date: "2026-07-03", name: "Independence Day (observed)" },
      { date: "2026-07-04", name: "Independence Day" },
      { date: "2026-09-07", name: "Labor Day" },
      { date: "2026-10-12", name: "Columbus Day" },
      { date: "2026-11-11", name: "Veterans Day" },
      { date: "2026-11-26", name: "Thanksgiving Day" },
      { date: "2026-12-25", name: "Christmas Day" },
    ]);
    expect(named("US", 2027, "Juneteenth National Independence Day (observed)")).toEqual(["2027-06-18"]);
    expect(named("US", 2027, "Independence Day (observed)")).toEqual(["2027-07-05"]);
    expect(named("US", 2027, "Christmas Day (observed)")).toEqual(["2027-12-24"]);
    // New Year's Day 2028 is a Saturday: observed on Friday 31 December 2027, in the year before.
    expect(named("US", 2027, "New Year's Day (observed)")).toEqual(["2027-12-31"]);
    expect(named("US", 2028, "New Year's Day (observed)")).toEqual([]);
    expect(named("US", 2028, "Veterans Day (observed)")).toEqual(["2028-11-10"]);
    expect(named("US", 2030, "Labor Day")).toEqual(["2030-09-02"]);
    expect(named("US", 2031, "Memorial Day")).toEqual(["2031-05-26"]);
    expect(named("US", 2031, "Thanksgiving Day")).toEqual(["2031-11-27"]);
  });

  it("GB: England and Wales bank holidays as GOV.UK lists them, with substitute days", () => {
    expect(publicHolidays("GB", 2027).filter((h) => weekday(h.date) !== 0 && weekday(h.date) !== 6)).toEqual([
      { date: "2027-01-01", name: "New Year's Day" },
      { date: "2027-03-26", name: "Good Friday" },
      { date: "2027-03-29", name: "Easter Monday" },
      { date: "2027-05-03", name: "Early May bank holiday" },
      { date: "2027-05-31", name: "Spring bank holiday" },
      { date: "2027-08-30", name: "Summer bank holiday" },
      { date: "2027-12-27", name: "Christmas Day (substitute day)" },
      { date: "2027-12-28", name: "Boxing Day (substitute day)" },
    ]);
    expect(named("GB", 2026, "Boxing Day (substitute day)")).toEqual(["2026-12-28"]);
    expect(named("GB", 2028, "New Year's Day (substitute day)")).toEqual(["2028-01-03"]);
    expect(named("GB", 2029, "Good Friday")).toEqual(["2029-03-30"]);
    expect(named("GB", 2031, "Easter Monday")).toEqual(["2031-04-14"]);
  });

  it("IE: St Brigid's Day is the first Monday of February, or 1 February when that is a Friday; no substitute days", () => {
    expect(named("IE", 2026, "St Brigid's Day")).toEqual(["2026-02-02"]);
    expect(named("IE", 2027, "St Brigid's Day")).toEqual(["2027-02-01"]);
    expect(named("IE", 2030, "St Brigid's Day")).toEqual(["2030-02-01"]); // a Friday
    expect(weekday("2030-02-01")).toBe(5);
    expect(named("IE", 2031, "St Brigid's Day")).toEqual(["2031-02-03"]);
    expect(named("IE", 2026, "October public holiday")).toEqual(["2026-10-26"]);
    expect(publicHolidays("IE", 2027)).toHaveLength(10);
    expect(publicHolidays("IE", 2027).some((h) => h.name.includes("("))).toBe(false);
  });

  it("NZ: Matariki on the dates the 2022 Act sets, always a Friday; other holidays Mondayised", () => {
    expect(YEARS.map((y) => named("NZ", y, "Matariki")[0])).toEqual(["2026-07-10", "2027-06-25", "2028-07-14", "2029-07-06", "2030-06-21", "2031-07-11"]);
    const matariki = holidayCalendar("NZ").holidays.find((h) => h.name === "Matariki")!.rule;
    if (matariki.type !== "dates") throw new Error("Matariki is given as dates");
    for (const date of matariki.dates) expect(weekday(date), date).toBe(5);
    expect(named("NZ", 2026, "Anzac Day (Mondayised)")).toEqual(["2026-04-27"]);
    expect(named("NZ", 2027, "Waitangi Day (Mondayised)")).toEqual(["2027-02-08"]);
    // 2028: New Year's Day is a Saturday and 2 January a Sunday, so Monday 3 and Tuesday 4 January.
    expect(dates("NZ", 2028).filter((d) => d.startsWith("2028-01"))).toEqual(["2028-01-01", "2028-01-02", "2028-01-03", "2028-01-04"]);
    expect(named("NZ", 2026, "King's Birthday")).toEqual(["2026-06-01"]);
    expect(named("NZ", 2031, "Labour Day")).toEqual(["2031-10-27"]);
  });

  it("AU: the holidays of every state; a weekend Anzac Day gets no national substitute, a weekend Australia Day does", () => {
    expect(named("AU", 2026, "Anzac Day")).toEqual(["2026-04-25"]);
    expect(dates("AU", 2026)).not.toContain("2026-04-27");
    expect(named("AU", 2030, "Australia Day (additional day)")).toEqual(["2030-01-28"]);
    expect(dates("AU", 2027).filter((d) => d >= "2027-12-27")).toEqual(["2027-12-27", "2027-12-28"]);
  });

  it("CA: the five nationwide statutory holidays; Canada Day on a Sunday is kept on Monday 2 July", () => {
    expect(publicHolidays("CA", 2026).map((h) => h.name)).toEqual(["New Year's Day", "Good Friday", "Canada Day", "Labour Day", "Christmas Day"]);
    expect(named("CA", 2029, "Canada Day (observed)")).toEqual(["2029-07-02"]);
    expect(named("CA", 2026, "Labour Day")).toEqual(["2026-09-07"]);
  });

  it("KE: the holidays of the Public Holidays Act; one on a Sunday observed on the next day that is not a holiday, one on a Saturday not at all", () => {
    expect(publicHolidays("KE", 2027)).toEqual([
      { date: "2027-01-01", name: "New Year's Day" },
      { date: "2027-03-26", name: "Good Friday" },
      { date: "2027-03-29", name: "Easter Monday" },
      { date: "2027-05-01", name: "Labour Day" },
      { date: "2027-06-01", name: "Madaraka Day" },
      { date: "2027-10-10", name: "Mazingira Day" },
      { date: "2027-10-11", name: "Mazingira Day (observed)" },
      { date: "2027-10-20", name: "Mashujaa Day" },
      { date: "2027-12-12", name: "Jamhuri Day" },
      { date: "2027-12-13", name: "Jamhuri Day (observed)" },
      { date: "2027-12-25", name: "Christmas Day" },
      { date: "2027-12-26", name: "Boxing Day" },
      { date: "2027-12-27", name: "Boxing Day (observed)" },
    ]);
    expect(weekday("2027-12-12")).toBe(0);
    expect(named("KE", 2028, "Good Friday")).toEqual(["2028-04-14"]);
    expect(named("KE", 2028, "Easter Monday")).toEqual(["2028-04-17"]);
    expect(named("KE", 2031, "Easter Monday")).toEqual(["2031-04-14"]);
    // Christmas Day 2022 was a Sunday and Boxing Day the Monday: Tuesday 27 December was the holiday.
    expect(dates("KE", 2022).filter((d) => d >= "2022-12-25")).toEqual(["2022-12-25", "2022-12-26", "2022-12-27"]);
    expect(named("KE", 2023, "New Year's Day (observed)")).toEqual(["2023-01-02"]);
    // The 10 October holiday under the name of each year: Monday 11 October 2021 was gazetted for Utamaduni Day on the Sunday.
    expect(named("KE", 2019, "Moi Day")).toEqual(["2019-10-10"]);
    expect(named("KE", 2021, "Utamaduni Day (observed)")).toEqual(["2021-10-11"]);
    expect(named("KE", 2022, "Utamaduni Day")).toEqual(["2022-10-10"]);
    expect(named("KE", 2024, "Mazingira Day")).toEqual(["2024-10-10"]);
    expect(dates("KE", 2017)).not.toContain("2017-10-10");
    expect(named("KE", 2009, "Kenyatta Day")).toEqual(["2009-10-20"]);
    // Eid al-Fitr is gazetted each year: not in the data, and said wherever the plan's holidays are.
    expect(publicHolidays("KE", 2027).some((h) => /eid|idd/i.test(h.name))).toBe(false);
    expect(holidayCalendar("KE").notIncluded).toMatch(/^Eid al-Fitr \(Idd-ul-Fitr\), whose date is gazetted each year, is not included/);
  });

  it("ZA: the holidays of the Public Holidays Act 1994 from 1995; one on a Sunday observed on the Monday, unless that is a holiday already", () => {
    expect(publicHolidays("ZA", 2027)).toEqual([
      { date: "2027-01-01", name: "New Year's Day" },
      { date: "2027-03-21", name: "Human Rights Day" },
      { date: "2027-03-22", name: "Human Rights Day (observed)" },
      { date: "2027-03-26", name: "Good Friday" },
      { date: "2027-03-29", name: "Family Day" },
      { date: "2027-04-27", name: "Freedom Day" },
      { date: "2027-05-01", name: "Workers' Day" },
      { date: "2027-06-16", name: "Youth Day" },
      { date: "2027-08-09", name: "National Women's Day" },
      { date: "2027-09-24", name: "Heritage Day" },
      { date: "2027-12-16", name: "Day of Reconciliation" },
      { date: "2027-12-25", name: "Christmas Day" },
      { date: "2027-12-26", name: "Day of Goodwill" },
      { date: "2027-12-27", name: "Day of Goodwill (observed)" },
    ]);
    expect(named("ZA", 2026, "National Women's Day (observed)")).toEqual(["2026-08-10"]);
    expect(named("ZA", 2026, "Family Day")).toEqual(["2026-04-06"]);
    expect(named("ZA", 2030, "Good Friday")).toEqual(["2030-04-19"]);
    // Christmas Day 2022 was a Sunday: the Monday is the Day of Goodwill, and the Act gives no other day.
    expect(dates("ZA", 2022).filter((d) => d >= "2022-12-25")).toEqual(["2022-12-25", "2022-12-26"]);
    // A Saturday holiday gives no other day (Human Rights Day 2026).
    expect(dates("ZA", 2026).filter((d) => d.startsWith("2026-03"))).toEqual(["2026-03-21"]);
    expect(named("ZA", 1994, "Freedom Day")).toEqual([]);
    expect(named("ZA", 1995, "Freedom Day")).toEqual(["1995-04-27"]);
  });

  it.each(HOLIDAY_COUNTRIES.flatMap((c) => YEARS.map((y) => [c, y] as const)))(
    "%s %i: in date order, within the year, every day given instead a weekday",
    (country, year) => {
      const list = publicHolidays(country, year);
      expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
      for (const h of list) expect(h.date.startsWith(`${year}-`), h.date).toBe(true);
      for (const h of list.filter((h) => h.name.includes("("))) expect([0, 6], `${h.name} ${h.date}`).not.toContain(weekday(h.date));
      expect(new Set(list.map((h) => `${h.date} ${h.name}`)).size).toBe(list.length);
      if (country === "none") expect(list).toEqual([]);
      else expect(list.length).toBeGreaterThanOrEqual(5);
    }
  );
});

describe("working days", () => {
  it("are weekdays that are not public holidays, or days given instead of one", () => {
    expect(isWorkingDay("2026-11-26", "US")).toBe(false); // Thanksgiving
    expect(isWorkingDay("2026-11-27", "US")).toBe(true);
    expect(isWorkingDay("2026-07-03", "US")).toBe(false); // Independence Day observed
    expect(isWorkingDay("2027-12-31", "US")).toBe(false); // New Year's Day 2028 observed
    expect(isWorkingDay("2027-12-28", "GB")).toBe(false); // Boxing Day substitute
    expect(isWorkingDay("2027-12-28", "IE")).toBe(true); // Ireland gives no substitute day
    expect(isWorkingDay("2026-07-10", "NZ")).toBe(false); // Matariki
    expect(isWorkingDay("2026-07-10", "AU")).toBe(true);
    expect(isWorkingDay("2027-06-01", "KE")).toBe(false); // Madaraka Day
    expect(isWorkingDay("2027-12-13", "KE")).toBe(false); // Jamhuri Day observed
    expect(isWorkingDay("2027-06-16", "ZA")).toBe(false); // Youth Day
    expect(isWorkingDay("2027-06-16", "KE")).toBe(true);
  });

  it("are never Saturdays or Sundays, whatever the country; 'none' means weekends only", () => {
    for (const country of HOLIDAY_COUNTRIES) {
      expect(isWorkingDay("2026-10-10", country)).toBe(false); // a Saturday
      expect(isWorkingDay("2026-10-11", country)).toBe(false); // a Sunday
    }
    expect(isWorkingDay("2026-12-25", "none")).toBe(true);
    expect(isWorkingDay("2026-12-25", "GB")).toBe(false);
  });

  it("refuses what is not a date, a country without data, and a year the data does not reach", () => {
    expect(() => isWorkingDay("2026-02-30", "GB")).toThrow(HolidayDataError);
    expect(() => isWorkingDay("26/11/2026", "US")).toThrow(/not a date written like 2026-07-10/);
    expect(() => publicHolidays("FR" as HolidayCountry, 2026)).toThrow(/no holiday data for "FR"/);
    expect(() => publicHolidays("NZ", 2053)).toThrow(/Matariki \(NZ\) has no date for 2053/);
  });
});

describe("the holiday data", () => {
  const dir = path.join(process.cwd(), "docs-templates", "holidays");
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));

  it("has a file per country, each naming its sources and what it covers", () => {
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    ).toEqual(["au.json", "ca.json", "gb.json", "ie.json", "ke.json", "none.json", "nz.json", "us.json", "za.json"]);
    for (const country of HOLIDAY_COUNTRIES.filter((c) => c !== "none")) {
      const calendar = holidayCalendar(country);
      expect(calendar.sources.length, country).toBeGreaterThan(0);
      expect(calendar.scope.length, country).toBeGreaterThan(20);
    }
    expect(holidayCalendar("GB").scope).toMatch(/England and Wales/);
  });

  it("is refused with the file and the path of the problem", () => {
    const broken = read("gb.json");
    broken.holidays[1].rule = { type: "easter", offset: "minus two" };
    broken.holidays[2].rule.type = "lunar";
    broken.holidays[6].rule = { type: "fixed", month: 2, day: 30 };
    expect(() => parseHolidayCalendar(broken, "gb.json")).toThrow(
      /gb\.json[\s\S]*holidays\.1\.rule\.offset: An Easter offset is a number of days[\s\S]*holidays\.2\.rule\.type: A rule's type/
    );
    const impossible = read("gb.json");
    impossible.holidays[6].rule = { type: "fixed", month: 2, day: 30 };
    expect(() => parseHolidayCalendar(impossible, "gb.json")).toThrow(/holidays\.6\.rule\.day: That day does not exist/);
    const twice = read("nz.json");
    twice.holidays.find((h: { name: string }) => h.name === "Matariki").rule.dates.push("2026-07-17");
    expect(() => parseHolidayCalendar(twice, "nz.json")).toThrow(/at most one date a year/);
    expect(() => parseHolidayCalendar(read("us.json"), "gb.json")).toThrow(/is for US; the file name must match/);
    expect(parseHolidayCalendar(read("us.json"), "us.json").holidays).toHaveLength(11);
  });
});
