import { addDays, daysBetween, formatDate } from "./calendar";
import { countryName, isCountryCode } from "./countries";
import { HOLIDAY_DATA_FIRST_YEAR, holidayCalendar, isHolidayCountry, knownHolidays } from "./holidays";

/**
 * What a plan's dates cannot know, said where they are edited (docs/domain.md §8.6): for a partner in a
 * country whose public holidays the planner has no rules for, or with no country chosen, its events and
 * milestones avoid weekends only, and a holiday may fall on one of them; for a country some of whose
 * holidays no rule gives (a date gazetted each year), which those are, in the words of the country's
 * holiday data. Null where every holiday is known.
 */
export function holidaysNote(country: string | null | undefined): string | null {
  if (country && isHolidayCountry(country)) {
    const notIncluded = holidayCalendar(country).notIncluded;
    return notIncluded && isCountryCode(country)
      ? `Generated events and milestones avoid the public holidays of ${countryName(country)}. ${notIncluded}`
      : null;
  }
  if (country && isCountryCode(country))
    return `The planner has no public holidays for ${countryName(
      country
    )}: events and milestones avoid weekends only, so check the key dates against its public holidays.`;
  return "No country is chosen for the partner, so events and milestones avoid weekends only: choose it on the engagement's overview, and check the key dates against its public holidays.";
}

/** An event or milestone's day that is a public holiday of the partner's country. */
export type KeyDateOnHoliday = { label: string; date: string; holiday: string };

/** The longest event whose every day is checked; a longer one (rare) is checked on its first day. */
const LONGEST_EVENT_CHECKED = 31;

/**
 * The events and milestones that fall on a public holiday of the partner's country (docs/domain.md §8.6):
 * a date taken there by hand, or a plan laid out before the planner knew the country's holidays. Each
 * day of an event is checked, against the holidays whose dates are known (holidays.ts `knownHolidays`): one
 * the holiday data cannot give (gazetted yearly, or past the years it lists) is not known here.
 */
export function keyDatesOnHolidays(
  items: readonly { label: string; kind: string; start: string; end: string }[],
  country: string | null | undefined
): KeyDateOnHoliday[] {
  if (!country || !isHolidayCountry(country) || country === "none") return [];
  const found: KeyDateOnHoliday[] = [];
  for (const item of items) {
    if (item.kind !== "event" && item.kind !== "milestone") continue;
    const days = item.kind === "milestone" ? 1 : Math.min(daysBetween(item.start, item.end) + 1, LONGEST_EVENT_CHECKED);
    for (let d = 0; d < days; d++) {
      const date = addDays(item.start, d);
      const year = Number(date.slice(0, 4));
      if (year < HOLIDAY_DATA_FIRST_YEAR) continue;
      const holiday = knownHolidays(country, year).find((h) => h.date === date);
      if (holiday) found.push({ label: item.label, date, holiday: holiday.name });
    }
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The Timeline page's words for them: what falls where ("2 key dates fall on public holidays in Kenya:
 * Campaign launch, 1 June 2027 (Madaraka Day); ….") and, for those who may change the plan, what to do.
 * Null for none.
 */
export function keyDatesOnHolidaysWords(found: readonly KeyDateOnHoliday[], country: string): { said: string; toDo: string } | null {
  if (found.length === 0) return null;
  const where = isCountryCode(country) ? countryName(country) : country;
  const list = found.map((f) => `${f.label}, ${formatDate(f.date)} (${f.holiday})`).join("; ");
  return {
    said: `${found.length === 1 ? "A key date falls on a public holiday" : `${found.length} key dates fall on public holidays`} in ${where}: ${list}.`,
    toDo: `Move ${found.length === 1 ? "it" : "them"} to a working day below, or generate the timeline again.`,
  };
}
