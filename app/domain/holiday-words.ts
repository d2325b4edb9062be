import { countryName, isCountryCode } from "./countries";
import { isHolidayCountry } from "./holidays";

/**
 * What a plan's dates cannot know, said where they are edited: for a partner in a country whose public
 * holidays the planner has no rules for, or with no country chosen, its events and milestones avoid
 * weekends only (docs/domain.md §8.6), and a holiday may fall on one of them. Null where they are known.
 */
export function holidaysNotKnown(country: string | null | undefined): string | null {
  if (country && isHolidayCountry(country)) return null;
  if (country && isCountryCode(country))
    return `The planner has no public holidays for ${countryName(
      country
    )}: events and milestones avoid weekends only, so check the key dates against its public holidays.`;
  return "No country is chosen for the partner, so events and milestones avoid weekends only: choose it on the engagement's overview, and check the key dates against its public holidays.";
}
