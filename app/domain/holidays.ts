import { z } from "zod";
import au from "../../docs-templates/holidays/au.json";
import ca from "../../docs-templates/holidays/ca.json";
import gb from "../../docs-templates/holidays/gb.json";
import ie from "../../docs-templates/holidays/ie.json";
import ke from "../../docs-templates/holidays/ke.json";
import none from "../../docs-templates/holidays/none.json";
import nz from "../../docs-templates/holidays/nz.json";
import us from "../../docs-templates/holidays/us.json";
import za from "../../docs-templates/holidays/za.json";

/**
 * National public holidays per country, from the rules in docs-templates/holidays/ (see the README
 * there), and whether a date is a working day. Weekends are never working days. Dates are ISO
 * strings ("2026-11-26") read as calendar days, with no time zone, so nothing here depends on a clock.
 */

export const HOLIDAY_COUNTRIES = ["US", "GB", "IE", "CA", "AU", "NZ", "KE", "ZA", "none"] as const;
export type HolidayCountry = (typeof HOLIDAY_COUNTRIES)[number];

export type PublicHoliday = { date: string; name: string };

// Schema

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
type Weekday = (typeof WEEKDAYS)[number];

const month = z.number().int().min(1, "A month is 1 to 12.").max(12, "A month is 1 to 12.");
const day = z.number().int().min(1, "A day is 1 to 31.").max(31, "A day is 1 to 31.");
const weekday = z.enum(WEEKDAYS, { error: `A weekday is one of ${WEEKDAYS.join(", ")}.` });
const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, "A date is written 2026-07-10.");
/** The years the holiday data covers. */
export const HOLIDAY_DATA_FIRST_YEAR = 1900;
export const HOLIDAY_DATA_LAST_YEAR = 2200;

const year = z.number().int().min(HOLIDAY_DATA_FIRST_YEAR).max(HOLIDAY_DATA_LAST_YEAR);

const DateRuleSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("fixed"), month, day }),
    z.strictObject({
      type: z.literal("nth-weekday"),
      month,
      weekday,
      n: z.number().int().min(1).max(4),
      /** Ireland's St Brigid's Day: the first Monday, unless the 1st is a Friday. */
      unlessDayIs: z.strictObject({ day, weekday }).optional(),
    }),
    z.strictObject({ type: z.literal("last-weekday"), month, weekday }),
    z.strictObject({ type: z.literal("weekday-on-or-before"), month, day, weekday }),
    z.strictObject({ type: z.literal("easter"), offset: z.number({ error: "An Easter offset is a number of days." }).int().min(-60).max(60) }),
    /** Dates set by law year by year, such as Matariki. */
    z.strictObject({ type: z.literal("dates"), dates: z.array(isoDate).min(1) }),
  ],
  { error: "A rule's type is fixed, nth-weekday, last-weekday, weekday-on-or-before, easter or dates." }
);
type DateRule = z.output<typeof DateRuleSchema>;

/**
 * What happens when a holiday falls on a weekend: nothing; the next weekday not already a holiday; the
 * nearer weekday (Saturday to Friday, Sunday to Monday); for a Sunday only, the next day not already a
 * holiday (Kenya); or for a Sunday only, the Monday after unless that is a holiday already (South Africa).
 */
const OBSERVED_RULES = ["none", "next-weekday", "nearest-weekday", "sunday-next-day", "sunday-monday"] as const;
const observed = z.enum(OBSERVED_RULES, { error: `The observed-day rule is one of ${OBSERVED_RULES.join(", ")}.` });

const HolidaySchema = z.strictObject({
  name: z.string().min(1),
  rule: DateRuleSchema,
  /** Overrides the country's rule for this holiday. */
  observed: observed.optional(),
  from: year.optional(),
  until: year.optional(),
});

export const HolidayCalendarSchema = z
  .strictObject({
    country: z.enum(HOLIDAY_COUNTRIES),
    name: z.string().min(1),
    /** Which holidays: national, federal, one nation of the UK … */
    scope: z.string().min(1),
    note: z.string().min(1),
    /** The country's holidays no rule can give (a date gazetted each year), said wherever the plan says which holidays it avoids. */
    notIncluded: z.string().min(1).optional(),
    observed,
    /** Added to a moved day's name: "Boxing Day (substitute day)". */
    observedName: z.string().min(1),
    sources: z.array(z.strictObject({ title: z.string().min(1), publisher: z.string().min(1), url: z.url({ protocol: /^https$/ }).optional() })),
    holidays: z.array(HolidaySchema),
  })
  .superRefine((c, ctx) => {
    c.holidays.forEach((h, i) => {
      if (h.rule.type === "fixed" && h.rule.day > daysInMonth(2001, h.rule.month))
        ctx.addIssue({ code: "custom", path: ["holidays", i, "rule", "day"], message: "That day does not exist in that month." });
      if (h.rule.type === "dates") {
        const years = h.rule.dates.map((d) => d.slice(0, 4));
        if (new Set(years).size !== years.length)
          ctx.addIssue({ code: "custom", path: ["holidays", i, "rule", "dates"], message: "Give at most one date a year." });
      }
    });
  });

export type HolidayCalendar = z.output<typeof HolidayCalendarSchema>;

export class HolidayDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HolidayDataError";
  }
}

/** Validates one country's data, naming the file and the path of each problem. */
export function parseHolidayCalendar(json: unknown, fileName: string): HolidayCalendar {
  const parsed = HolidayCalendarSchema.safeParse(json);
  if (!parsed.success)
    throw new HolidayDataError(
      `The holiday data ${fileName} is not valid:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(the file)"}: ${i.message}`).join("\n")}`
    );
  const expected = fileName.replace(/^.*[\\/]/, "").replace(/\.json$/i, "");
  if (parsed.data.country.toLowerCase() !== expected.toLowerCase())
    throw new HolidayDataError(`The holiday data ${fileName} is for ${parsed.data.country}; the file name must match.`);
  return parsed.data;
}

// The data ships with the code and is checked when this module loads, like the other templates.
const CALENDARS: Record<HolidayCountry, HolidayCalendar> = {
  US: parseHolidayCalendar(us, "us.json"),
  GB: parseHolidayCalendar(gb, "gb.json"),
  IE: parseHolidayCalendar(ie, "ie.json"),
  CA: parseHolidayCalendar(ca, "ca.json"),
  AU: parseHolidayCalendar(au, "au.json"),
  NZ: parseHolidayCalendar(nz, "nz.json"),
  KE: parseHolidayCalendar(ke, "ke.json"),
  ZA: parseHolidayCalendar(za, "za.json"),
  none: parseHolidayCalendar(none, "none.json"),
};

export function isHolidayCountry(value: string): value is HolidayCountry {
  return (HOLIDAY_COUNTRIES as readonly string[]).includes(value);
}

export function holidayCalendar(country: HolidayCountry): HolidayCalendar {
  return CALENDARS[country];
}

// Small date helpers on UTC days, so that no time zone can shift a date.

type Day = { y: number; m: number; d: number };

function parseIsoDate(value: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? { y, m, d } : null;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function toUtc({ y, m, d }: Day): Date {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date;
}

function fromUtc(date: Date): Day {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function addDays(day: Day, n: number): Day {
  const date = toUtc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return fromUtc(date);
}

function weekdayOf(day: Day): number {
  return toUtc(day).getUTCDay();
}

function isWeekend(day: Day): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

function iso({ y, m, d }: Day): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computation). */
export function easterSunday(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthOfEaster = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfEaster = ((h + l - 7 * m + 114) % 31) + 1;
  return iso({ y, m: monthOfEaster, d: dayOfEaster });
}

function dateOf(rule: DateRule, y: number, name: string, country: HolidayCountry): Day {
  const target = (w: Weekday) => WEEKDAYS.indexOf(w);
  switch (rule.type) {
    case "fixed":
      return { y, m: rule.month, d: rule.day };
    case "nth-weekday": {
      if (rule.unlessDayIs) {
        const special = { y, m: rule.month, d: rule.unlessDayIs.day };
        if (weekdayOf(special) === target(rule.unlessDayIs.weekday)) return special;
      }
      const first = { y, m: rule.month, d: 1 };
      const offset = (target(rule.weekday) - weekdayOf(first) + 7) % 7;
      return addDays(first, offset + 7 * (rule.n - 1));
    }
    case "last-weekday": {
      const last = { y, m: rule.month, d: daysInMonth(y, rule.month) };
      return addDays(last, -((weekdayOf(last) - target(rule.weekday) + 7) % 7));
    }
    case "weekday-on-or-before": {
      const limit = { y, m: rule.month, d: rule.day };
      return addDays(limit, -((weekdayOf(limit) - target(rule.weekday) + 7) % 7));
    }
    case "easter":
      return addDays(parseIsoDate(easterSunday(y))!, rule.offset);
    case "dates": {
      const found = rule.dates.find((d) => d.startsWith(`${y}-`));
      if (!found) throw new HolidayDataError(`${name} (${country}) has no date for ${y} in docs-templates/holidays/${country.toLowerCase()}.json.`);
      return parseIsoDate(found)!;
    }
  }
}

/**
 * The holidays of one year's rules, with the days given instead of those falling on a weekend.
 * `onlyFixed` is for the neighbouring years, whose fixed dates can move across New Year.
 */
function holidaysOfRules(calendar: HolidayCalendar, y: number, onlyFixed: boolean, whereKnown = false): PublicHoliday[] {
  const actual = calendar.holidays
    .filter((h) => (h.from === undefined || y >= h.from) && (h.until === undefined || y <= h.until))
    .filter((h) => !onlyFixed || h.rule.type === "fixed")
    // A holiday given as a list of dates has none beyond them (New Zealand's Matariki after 2052).
    .filter((h) => !whereKnown || h.rule.type !== "dates" || h.rule.dates.some((d) => d.startsWith(`${y}-`)))
    .map((h) => ({ name: h.name, day: dateOf(h.rule, y, h.name, calendar.country), observed: h.observed ?? calendar.observed }))
    .sort((a, b) => iso(a.day).localeCompare(iso(b.day)));
  const taken = new Set(actual.filter((h) => !isWeekend(h.day)).map((h) => iso(h.day)));
  const out: PublicHoliday[] = actual.map((h) => ({ date: iso(h.day), name: h.name }));
  for (const h of actual) {
    if (!isWeekend(h.day) || h.observed === "none") continue;
    const sundayOnly = h.observed === "sunday-next-day" || h.observed === "sunday-monday";
    if (sundayOnly && weekdayOf(h.day) !== 0) continue;
    let moved: Day;
    if (h.observed === "nearest-weekday") moved = addDays(h.day, weekdayOf(h.day) === 6 ? -1 : 1);
    else if (h.observed === "sunday-monday") {
      moved = addDays(h.day, 1);
      if (taken.has(iso(moved))) continue;
    } else {
      moved = addDays(h.day, 1);
      while (isWeekend(moved) || taken.has(iso(moved))) moved = addDays(moved, 1);
    }
    taken.add(iso(moved));
    out.push({ date: iso(moved), name: `${h.name} (${calendar.observedName})` });
  }
  return out;
}

const memo = new Map<string, PublicHoliday[]>();

/**
 * A country's national public holidays in a year, in date order: each holiday on its date, plus the
 * weekday given instead when it falls on a weekend (which may lie in the year before, as the US
 * observes a Saturday New Year's Day on 31 December).
 */
export function publicHolidays(country: HolidayCountry, y: number): PublicHoliday[] {
  return holidaysIn(country, y, false);
}

function holidaysIn(country: HolidayCountry, y: number, whereKnown: boolean): PublicHoliday[] {
  if (!isHolidayCountry(country)) throw new HolidayDataError(`There is no holiday data for "${String(country)}".`);
  if (!Number.isInteger(y) || y < HOLIDAY_DATA_FIRST_YEAR || y > HOLIDAY_DATA_LAST_YEAR) {
    throw new HolidayDataError(`The year must be a whole number from ${HOLIDAY_DATA_FIRST_YEAR} to ${HOLIDAY_DATA_LAST_YEAR}, not ${y}.`);
  }
  const key = `${country}:${y}:${whereKnown}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const calendar = CALENDARS[country];
  const all = [
    ...holidaysOfRules(calendar, y - 1, true, whereKnown),
    ...holidaysOfRules(calendar, y, false, whereKnown),
    ...holidaysOfRules(calendar, y + 1, true, whereKnown),
  ];
  const inYear = all.filter((h) => h.date.startsWith(`${String(y).padStart(4, "0")}-`)).sort((a, b) => a.date.localeCompare(b.date));
  memo.set(key, inYear);
  return inYear;
}

/**
 * The holidays a plan's working days are judged by: the year's public holidays whose dates are known.
 * A holiday whose dates are given only as far as some year (Matariki) is left out after it, and a year
 * past the holiday data (HOLIDAY_DATA_LAST_YEAR) has none: a plan started late in the calendar runs on
 * weekdays alone there (such a plan is refused before it is saved, but the Method and Fit pages still
 * judge it, and no page may fail for it).
 */
export function knownHolidays(country: HolidayCountry, y: number): PublicHoliday[] {
  return y > HOLIDAY_DATA_LAST_YEAR ? [] : holidaysIn(country, y, true);
}

/** False on Saturdays, Sundays and the country's public holidays whose dates are known (including days given instead). */
export function isWorkingDay(date: string, country: HolidayCountry): boolean {
  // Holidays are fixed data, so a day's answer never changes: timeline generation asks about the same days thousands of times.
  let known = workingDayMemo.get(country);
  if (!known) workingDayMemo.set(country, (known = new Map()));
  const cached = known.get(date);
  if (cached !== undefined) return cached;
  const day = parseIsoDate(date);
  if (!day) throw new HolidayDataError(`"${date}" is not a date written like 2026-07-10.`);
  const working = !isWeekend(day) && !knownHolidays(country, day.y).some((h) => h.date === date);
  if (known.size >= WORKING_DAY_MEMO_LIMIT) known.clear();
  known.set(date, working);
  return working;
}

/** About 27 years of days per country: every plan's days, well within memory. */
const WORKING_DAY_MEMO_LIMIT = 10_000;
const workingDayMemo = new Map<string, Map<string, boolean>>();
