/**
 * What the Timeline page says of the public holidays a plan avoids (docs/domain.md §8.6): where the
 * planner knows none for the partner's country, that its events and milestones avoid weekends only;
 * where a country's holiday data leaves some out (a date gazetted each year), which, so that a manager
 * checks the key dates.
 */
import { describe, expect, it } from "vitest";
import { holidaysNote, keyDatesOnHolidays, keyDatesOnHolidaysWords } from "~/domain/holiday-words";
import { workingDays } from "~/domain/timeline";

describe("what the planner says of the partner's public holidays", () => {
  it("names a country without holiday rules, and says only weekends are avoided", () => {
    expect(holidaysNote("FR")).toBe(
      "The planner has no public holidays for France: events and milestones avoid weekends only, so check the key dates against its public holidays."
    );
    // Bastille Day, 14 July 2027, a Wednesday: a working day as far as the planner knows, which is why it says so.
    expect(workingDays("FR")("2027-07-14")).toBe(true);
  });

  it("says for Kenya that its holidays are avoided, but not Eid al-Fitr, whose date is gazetted each year", () => {
    expect(holidaysNote("KE")).toBe(
      "Generated events and milestones avoid the public holidays of Kenya. Eid al-Fitr (Idd-ul-Fitr), whose date is gazetted each year, is not included, nor is any other holiday declared by gazette notice: check the key dates against them."
    );
    // Madaraka Day, 1 June 2027, a Tuesday.
    expect(workingDays("KE")("2027-06-01")).toBe(false);
  });

  it("says nothing where every holiday is known", () => {
    expect(holidaysNote("GB")).toBeNull();
    expect(holidaysNote("US")).toBeNull();
    expect(holidaysNote("ZA")).toBeNull();
  });

  it("asks for the country where none is chosen", () => {
    expect(holidaysNote(null)).toMatch(/^No country is chosen for the partner, so events and milestones avoid weekends only/);
  });
});

describe("key dates on a public holiday", () => {
  const item = (label: string, kind: string, start: string, end = start) => ({ label, kind, start, end });

  it("finds events and milestones on one, each day of an event, and never a phase or a recurring activity", () => {
    const items = [
      item("Launch", "milestone", "2027-12-13"), // Jamhuri Day (12 December, a Sunday) is given on Monday 13
      item("Learning session 2", "event", "2027-10-19", "2027-10-21"), // over Mashujaa Day, 20 October
      item("Test of scale-up", "phase", "2027-06-01", "2027-09-30"), // a phase over Madaraka Day is not a key date
      item("Monthly call", "recurring", "2027-06-01", "2028-06-01"),
      item("Baseline report", "milestone", "2027-06-03"),
    ];
    expect(keyDatesOnHolidays(items, "KE").map((f) => [f.label, f.date])).toEqual([
      ["Learning session 2", "2027-10-20"],
      ["Launch", "2027-12-13"],
    ]);
    expect(keyDatesOnHolidays(items, "none")).toEqual([]);
    expect(keyDatesOnHolidays(items, null)).toEqual([]);
    expect(keyDatesOnHolidays(items, "FR")).toEqual([]);
  });

  it("says one as one", () => {
    const one = keyDatesOnHolidays([item("Launch", "milestone", "2027-06-01")], "KE");
    expect(keyDatesOnHolidaysWords(one, "KE")).toEqual({
      said: "A key date falls on a public holiday in Kenya: Launch, 1 June 2027 (Madaraka Day).",
      toDo: "Move it to a working day below, or generate the timeline again.",
    });
    expect(keyDatesOnHolidaysWords([], "KE")).toBeNull();
  });
});
