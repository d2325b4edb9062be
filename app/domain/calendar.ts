/*
 * The calendar: days and months as ISO strings, arithmetic on whole days, never on the clock.
 * Everything that reads, checks, counts or writes a date or a month comes from here.
 */
import { plural } from "./plural";
import { lowerFirst } from "./text";

/** "YYYY-MM-DD" */
export type IsoDate = string;
/** "YYYY-MM" */
export type Month = string;

/**
 * The years a date or month may be in. Wide enough for any plan and any baseline measurement,
 * narrow enough that a mistyped year ("2207" for "2027") is refused rather than planned for.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
/** A month's name in a pattern, whole or cut short as people write it: "March", "Mar", "Sept". */
export const MONTH_WORD_PATTERN =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const inYearRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** A real month ("2027-02") within the calendar's years; "2027-13" and "2300-01" are not. */
export function isMonth(value: unknown): value is Month {
  const m = typeof value === "string" ? ISO_MONTH.exec(value) : null;
  return !!m && inYearRange(Number(m[1])) && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** A month's year and number as typed, before any check that they make a month of the calendar. */
function typedMonthParts(value: string): { year: number; month: number } | null {
  const v = value.trim().replace(/\s+/g, " ");
  const yearFirst = /^(\d{4})[-/.](\d{1,2})$/.exec(v);
  const monthFirst = /^(\d{1,2})[-/.](\d{4})$/.exec(v);
  const numbers = yearFirst ? [yearFirst[1]!, yearFirst[2]!] : monthFirst ? [monthFirst[2]!, monthFirst[1]!] : null;
  if (numbers) return { year: Number(numbers[0]), month: Number(numbers[1]) };
  const words = /^([a-z]+)\.?,? (\d{4})$/i.exec(v);
  const wordsAfter = /^(\d{4}),? ([a-z]+)\.?$/i.exec(v);
  const [name, year] = words ? [words[1]!, words[2]!] : wordsAfter ? [wordsAfter[2]!, wordsAfter[1]!] : [null, null];
  if (!name || !year) return null;
  const lower = name.toLowerCase();
  // A month's whole name, or its first three letters or more ("Sept" too).
  const index = MONTH_NAMES.findIndex((m) => lower.length >= 3 && m.toLowerCase().startsWith(lower));
  return index < 0 ? null : { year: Number(year), month: index + 1 };
}

/**
 * A month as a person types it where a browser has no month box: "2027-03", "2027/3", "03/2027",
 * "March 2027", "Mar. 2027", "2027 March". Null for anything else, a date included: a month box never
 * sends a day, and which month "01/02/2027" means depends on who typed it.
 */
export function monthFromText(value: string): Month | null {
  const parts = typedMonthParts(value);
  const month = parts ? `${pad4(parts.year)}-${pad2(parts.month)}` : null;
  return isMonth(month) ? month : null;
}

/**
 * What a form says of a month field whose text is not a month (`monthFromText` read nothing): a month
 * that does not exist ("2027-13") or a year outside the calendar's ("March 2207", a typo for 2027) is
 * named as typed; anything else gets an example. `label` is the field's: "Desired start".
 */
export function notAMonthWords(label: string, typed: string): string {
  const v = typed.trim().replace(/\s+/g, " ");
  const parts = typedMonthParts(v);
  if (parts && (parts.month < 1 || parts.month > 12)) return `${label} is not a real month: ${v} does not exist.`;
  if (parts && !inYearRange(parts.year)) return `${label} must be in a year from ${FIRST_YEAR} to ${LAST_YEAR}: ${v} is not.`;
  return `${label} must be a month and year, like March 2027.`;
}

/** A real day ("2028-02-29") within the calendar's years; "2027-02-29" is refused, not rolled over. */
export function isIsoDate(value: unknown): value is IsoDate {
  const m = typeof value === "string" ? ISO_DATE.exec(value) : null;
  return !!m && isMonth(`${m[1]}-${m[2]}`) && Number(m[3]) >= 1 && Number(m[3]) <= daysInMonth(`${m[1]}-${m[2]}`);
}

/**
 * What a form says of a date field whose value is not a date. A browser's date box shows the user's
 * own format (31/12/2027, 12/31/2027) and sends YYYY-MM-DD, so the words name no format the user never
 * sees; a browser without one sends the text typed, and a date typed that does not exist is named as
 * typed. `label` is the field's: "Start", "Hard deadline", "The learning session after".
 */
export function notADateWords(label: string, value?: unknown): string {
  const what = /^(The|A|An) /.test(label) ? lowerFirst(label) : `the ${lowerFirst(label)}`;
  // "Enter the baseline date", not "the baseline date as a date".
  const asDate = / date$/i.test(what) ? what : `${what} as a date`;
  const typed = typeof value === "string" ? value.trim() : "";
  const m = ISO_DATE.exec(typed);
  if (!m || isIsoDate(typed)) return `Enter ${asDate}.`;
  if (!inYearRange(Number(m[1]))) return `Enter ${asDate} from ${FIRST_YEAR} to ${LAST_YEAR}.`;
  return `${typed} does not exist: enter ${asDate}.`;
}

// Calendar arithmetic on the proleptic Gregorian calendar in whole numbers, without Date objects:
// demand and fit searches call these hundreds of thousands of times per page. Day 0 is 1970-01-01,
// as for Date.UTC (days-from-civil, after Howard Hinnant's "chrono-compatible low-level date algorithms").

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number) => String(n).padStart(4, "0");

const DATE_PARTS = /^(\d{4,})-(\d{1,2})-(\d{1,2})$/;

/** The digit at `i` of a string, or -1 when it is not one. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** "YYYY-MM-DD" read digit by digit, the common case; null for anything else (read by the pattern instead). */
function quickParts(date: string): [number, number, number] | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y0 = digitAt(date, 0);
  const y1 = digitAt(date, 1);
  const y2 = digitAt(date, 2);
  const y3 = digitAt(date, 3);
  const m0 = digitAt(date, 5);
  const m1 = digitAt(date, 6);
  const d0 = digitAt(date, 8);
  const d1 = digitAt(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  return [y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1];
}

function dayNumber(date: IsoDate): number {
  let quick = quickParts(date);
  if (!quick) {
    const parts = DATE_PARTS.exec(date);
    if (!parts) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD).`);
    quick = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  }
  const [year, m, d] = quick;
  if (m < 1 || m > 12 || d < 1 || d > 31) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD).`);
  return daysFromCivil(year, m, d);
}

function daysFromCivil(year: number, m: number, d: number): number {
  const y = year - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number. */
function civilFromDays(n: number): [number, number, number] {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not a whole number of days.`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function fromDayNumber(n: number): IsoDate {
  const [y, m, d] = civilFromDays(n);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/**
 * A day as a whole number (1970-01-01 is 0), for loops that step through many days (timeline
 * generation): arithmetic on it is plain addition, and `dateOfDay` writes it back as "YYYY-MM-DD".
 */
export function dayOf(date: IsoDate): number {
  return dayNumber(date);
}

export function dateOfDay(day: number): IsoDate {
  return fromDayNumber(day);
}

/** `addMonths` on day numbers: the same day of the month `months` later, kept inside the month. */
export function addMonthsToDay(day: number, months: number): number {
  const [y, m, d] = civilFromDays(day);
  const index = y * 12 + m - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(d, monthLength(year, month)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(month: Month): number {
  const dash = month.indexOf("-");
  const y = Number(month.slice(0, dash));
  const m = Number(month.slice(dash + 1, dash + 3));
  if (m === 2) return monthLength(y, m);
  const days = DAYS_IN_MONTH[m - 1];
  if (days === undefined || !Number.isInteger(y)) throw new RangeError(`"${month}" is not a month (YYYY-MM).`);
  return days;
}

function monthLength(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[m - 1];
}

/** The same day of the month `months` later, kept inside the month (31 January + 1 month = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = Number(date.slice(date.lastIndexOf("-") + 1));
  const month = addMonthsToMonth(monthOf(date), months);
  return `${month}-${pad2(Math.min(d, daysInMonth(month)))}`;
}

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7);
}

/** A month as a count of months since year 0 (January of year 0 is 0). */
export function monthIndex(month: Month): number {
  const dash = month.indexOf("-");
  return Number(month.slice(0, dash)) * 12 + Number(month.slice(dash + 1, dash + 3)) - 1;
}

/** `monthIndex` written back as "YYYY-MM". */
export function monthFromIndex(index: number): Month {
  return `${pad4(Math.floor(index / 12))}-${pad2((index % 12) + 1)}`;
}

/** The first day of a month given as its `monthIndex`, as a day number (`dayOf`). */
export function firstDayOfIndex(index: number): number {
  const year = Math.floor(index / 12);
  return daysFromCivil(year, index - year * 12 + 1, 1);
}

/** The days in a month given as its `monthIndex`. */
export function daysInMonthIndex(index: number): number {
  const year = Math.floor(index / 12);
  return monthLength(year, index - year * 12 + 1);
}

export function addMonthsToMonth(month: Month, months: number): Month {
  return monthFromIndex(monthIndex(month) + months);
}

/** Whole months from `from` to `to`. */
export function monthsBetween(from: Month, to: Month): number {
  return monthIndex(to) - monthIndex(from);
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: Month, to: Month): Month[] {
  const first = monthIndex(from);
  const n = monthIndex(to) - first;
  const out: Month[] = [];
  for (let i = 0; i <= n; i++) out.push(monthFromIndex(first + i));
  return out;
}

/** Whole months from the start of `month` to `date`, counting a month that ends on its last day. */
export function monthsUntil(month: Month, date: IsoDate): number {
  const [y1, m1] = month.split("-").map(Number);
  const [y2, m2, d2] = date.split("-").map(Number);
  return (y2 - y1) * 12 + (m2 - m1) + (d2 === daysInMonth(monthOf(date)) ? 1 : 0);
}

/** Calendar months from one day to another: whole months, plus the part of the next month. */
export function calendarMonths(from: IsoDate, to: IsoDate): number {
  let whole = monthsBetween(monthOf(from), monthOf(to));
  while (whole > 0 && daysBetween(addMonths(from, whole), to) < 0) whole--;
  const base = addMonths(from, whole);
  return whole + daysBetween(base, to) / daysBetween(base, addMonths(from, whole + 1));
}

export function firstDayOf(month: Month): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: Month): IsoDate {
  return `${month}-${pad2(daysInMonth(month))}`;
}

/** A start given as a month ("2027-03", meaning its first day) or a date; null when it is neither. */
export function parseStart(value: string): IsoDate | null {
  const v = value.trim();
  if (isMonth(v)) return firstDayOf(v);
  if (isIsoDate(v)) return v;
  return null;
}

const DATE_AT_START = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Why a date that must already have come is refused when it has not: "<label> cannot be after today,
 * 6 December 2026"; null when it is today or before. `today` and `date` are YYYY-MM-DD.
 */
export function afterTodayWords(label: string, date: string, today: string): string | null {
  return date > today ? `${label} cannot be after today, ${formatDate(today)}` : null;
}

/**
 * Words for a date or month that has already passed, when it must still be to come: "The hard deadline
 * cannot be before today, 7 December 2026", "The aim's month cannot be before this month, December
 * 2026"; null when it has not passed. `today` is a day; a month is compared with today's month.
 */
export function beforeTodayWords(label: string, value: string, today: string): string | null {
  const thisMonth = monthOf(today);
  if (ISO_MONTH.test(value)) return value < thisMonth ? `${label} cannot be before this month, ${formatMonth(thisMonth)}` : null;
  return value < today ? `${label} cannot be before today, ${formatDate(today)}` : null;
}

/** A moment written with an offset from UTC ("2026-11-25T23:30:00-02:00"), as the moment in UTC; anything else as it is. */
function inUtc(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:\d{2}$/.test(value)) return value;
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? value : moment.toISOString();
}

/**
 * "2027-03-05", or a timestamp on that day in UTC → "5 March 2027"; anything else is shown as it is.
 * The one way a date is written, on pages as in documents and mail.
 */
export function formatDate(value: string): string {
  const m = DATE_AT_START.exec(inUtc(value));
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return value;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}

/** A moment to the minute, in UTC, written as dates are: "4 December 2026, 10:37 UTC"; anything else is shown as it is. */
export function formatDateTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(inUtc(value));
  if (!m || !isIsoDate(m[1])) return value;
  return `${formatDate(m[1]!)}, ${m[2]} UTC`;
}

/** "2026-03-03" → "3 Mar 2026", for the gantt's date ranges; anything else is shown as it is. */
export function formatShortDate(value: string): string {
  const m = ISO_DATE.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return value;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]!.slice(0, 3)} ${m[1]}`;
}

/**
 * "2027-03" → "March 2027"; anything that is not a month ("soon", "2027-13") is shown as it was
 * written, since intake fields may hold words where a month was asked for.
 */
export function formatMonth(value: string): string {
  if (!isMonth(value)) return value;
  return `${MONTH_NAMES[Number(value.slice(5, 7)) - 1]} ${Number(value.slice(0, 4))}`;
}

/** "2027-03" → "Mar 2027": a month where space is short (charts' and heatmaps' columns). */
export function shortMonth(month: Month): string {
  const [y, m] = month.split("-").map(Number);
  return `${MONTH_NAMES[(m ?? 1) - 1]!.slice(0, 3)} ${y}`;
}

/**
 * How far a plan's point that ends on `finish` runs past a deadline day, in calendar months from the day
 * after it (docs/domain.md §8.6); 0 when it keeps it. One count for the time check and every sentence
 * that says how far past it a plan's deadline event falls.
 */
export function monthsPast(deadline: IsoDate, finish: IsoDate): number {
  const allowed = addDays(deadline, 1);
  return daysBetween(allowed, finish) > 0 ? calendarMonths(allowed, finish) : 0;
}

/** "12 days" under a month, else to the nearest whole month ("4 months" for 3.5). */
export function describeMonths(months: number): string {
  if (months < 1) return plural(Math.max(1, Math.ceil(months * (365.25 / 12))), "day");
  return plural(Math.round(months), "month");
}
