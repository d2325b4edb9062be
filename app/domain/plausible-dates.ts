import { addMonths, formatDate, formatMonth, isIsoDate, isMonth, type IsoDate } from "./calendar";

/**
 * How far from today a date typed in a form can plausibly be (docs/domain.md §1, Intake): a date
 * outside is a slip of the year ("2099" for "2029"), refused beside its field with the bound it
 * crossed, rather than a plan built to it.
 */

/** The furthest ahead a plan's date (the desired start, the aim's month, a hard deadline) may be: an engagement is planned for years, not decades. */
export const PLAN_YEARS_AHEAD = 10;
/** The earliest year of a baseline: a baseline is the partner's situation now, measured recently. */
export const EARLIEST_BASELINE_YEAR = 1990;
/** The oldest an exchange rate may be when recorded: a fee compared through an old rate misstates it. */
export const RATE_YEARS_BACK = 1;

/** The same day `years` on, kept inside its month: a year before 29 February 2028 is 28 February 2027. */
const yearsFrom = (day: string, years: number) => addMonths(day as IsoDate, years * 12);

/**
 * Words for a plan's month or day more than PLAN_YEARS_AHEAD years after today: "The desired start
 * (December 2099) cannot be more than 10 years ahead, after December 2036: check the year"; null when
 * it is not, or is not a date.
 */
export function tooFarAheadWords(label: string, value: unknown, today: string): string | null {
  const latest = yearsFrom(today, PLAN_YEARS_AHEAD);
  if (isMonth(value))
    return value > latest.slice(0, 7)
      ? `${label} (${formatMonth(value)}) cannot be more than ${PLAN_YEARS_AHEAD} years ahead, after ${formatMonth(latest.slice(0, 7))}: check the year`
      : null;
  if (isIsoDate(value))
    return value > latest
      ? `${label} (${formatDate(value)}) cannot be more than ${PLAN_YEARS_AHEAD} years ahead, after ${formatDate(latest)}: check the year`
      : null;
  return null;
}

/** Why a baseline's date before EARLIEST_BASELINE_YEAR is refused; null when it is not before it. */
export function baselineTooEarlyWords(baselineDate: string | undefined): string | null {
  if (!isIsoDate(baselineDate) || Number(baselineDate.slice(0, 4)) >= EARLIEST_BASELINE_YEAR) return null;
  return `The baseline date (${formatDate(
    baselineDate
  )}) cannot be before ${EARLIEST_BASELINE_YEAR}: a baseline is the partner's situation now, measured recently. Check the year.`;
}

/** Why an exchange rate's day more than RATE_YEARS_BACK years before today is refused; null when it is recent enough. */
export function rateTooOldWords(rateOn: string, today: string): string | null {
  const earliest = yearsFrom(today, -RATE_YEARS_BACK);
  if (!isIsoDate(rateOn) || rateOn >= earliest) return null;
  return `The rate's date (${formatDate(rateOn)}) cannot be more than ${
    RATE_YEARS_BACK === 1 ? "a year" : `${RATE_YEARS_BACK} years`
  } before today, before ${formatDate(earliest)}: the fee is compared through a recent rate. Check the year, or record today's rate.`;
}
