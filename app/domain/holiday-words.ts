import { countryName, isCountryCode } from "./countries";
import { holidayCalendar, isHolidayCountry } from "./holidays";

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
    return notIncluded && isCountryCode(country) ? `Events and milestones avoid the public holidays of ${countryName(country)}. ${notIncluded}` : null;
  }
  if (country && isCountryCode(country))
    return `The planner has no public holidays for ${countryName(
      country
    )}: events and milestones avoid weekends only, so check the key dates against its public holidays.`;
  return "No country is chosen for the partner, so events and milestones avoid weekends only: choose it on the engagement's overview, and check the key dates against its public holidays.";
}
