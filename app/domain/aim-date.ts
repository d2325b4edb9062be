import { formatMonth, isMonth, MONTH_WORD_PATTERN, monthFromText, type Month } from "./calendar";
import { AimSchema, type Aim } from "./driver-diagram";

/**
 * The aim's date is written in two places (docs/domain.md §6.6): the intake's "by when", which every
 * plan is generated to meet, and the driver diagram's aim, whose words the proposal states. A diagram
 * started from the intake copies the date; a later change to either leaves the other as it was. This
 * module says where the diagram's words name another date than the intake's, and what the aim reads
 * with the intake's date put in.
 */

export type AimDateClash = {
  /** The intake's month, which the plan is built to. */
  intake: Month;
  /** The first date the aim names that is not the intake's, as written: "August 2028", "2029". */
  said: string;
  /**
   * The aim with the intake's month in "By when" and in each "by …" of its sentence that names
   * another; null where the sentence would then be longer than an aim may be, so it is mended by hand.
   */
  corrected: Aim | null;
};

const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
const YEAR = "(?:19|20)\\d{2}";
/**
 * The date an aim is to be met by, in its sentence: "by August 2028", "by 31 March 2029", "by March 31,
 * 2029", "by 2029-03", "by the end of 2028", or a year alone where nothing follows it in the clause
 * ("by 2029."). "By 2000 bed days" and "by 1950 a year" say how much, not when.
 */
const BY_DATE = new RegExp(
  `\\b(by)\\s+(?:the\\s+end\\s+of\\s+|end\\s+of\\s+)?(` +
    `${YEAR}-\\d{2}(?:-\\d{2})?` +
    `|(?:${DAY}\\s+)?${MONTH_WORD_PATTERN}\\.?,?\\s+(?:${DAY},?\\s+)?${YEAR}` +
    `|(?<=(?:end\\s+of\\s+))${YEAR}` +
    `|${YEAR}(?=\\s*(?:[.,;:!?)]|$))` +
    `)(?![\\w/-])`,
  "gi"
);

type DateSaid = { month: Month } | { year: string };

const ISO_MONTH_OR_DAY = /^((?:19|20)\d{2})-(\d{2})(?:-\d{2})?$/;
const MONTH_AND_YEAR = new RegExp(`^(?:${DAY}\\s+)?(${MONTH_WORD_PATTERN})\\.?,?\\s+(?:${DAY},?\\s+)?(${YEAR})$`, "i");
const YEAR_ALONE = /^(?:(?:the\s+)?end\s+of\s+)?((?:19|20)\d{2})$/i;

/** What a date as written says: a month ("March 2029", "31 March 2029", "March 31, 2029", "2029-03"), or only a year; null when it names neither. */
function dateOf(text: string): DateSaid | null {
  const t = text.trim().replace(/\s+/g, " ");
  const iso = ISO_MONTH_OR_DAY.exec(t);
  const words = MONTH_AND_YEAR.exec(t);
  const month = iso ? `${iso[1]}-${iso[2]}` : words ? monthFromText(`${words[1]} ${words[2]}`) : monthFromText(t);
  if (isMonth(month)) return { month };
  const year = YEAR_ALONE.exec(t)?.[1];
  return year ? { year } : null;
}

function agrees(date: DateSaid, intake: Month): boolean {
  return "month" in date ? date.month === intake : date.year === intake.slice(0, 4);
}

/** "By when" as a date, or, where it says more than a date ("Q3 2029"), the year in it; null without one. */
function byWhenDate(byWhen: string): DateSaid | null {
  const t = byWhen.trim();
  if (!t) return null;
  const year = /\b((?:19|20)\d{2})\b/.exec(t)?.[1];
  return dateOf(t) ?? (year ? { year } : null);
}

/**
 * Where the aim's words name another date than the intake's "by when": its "By when", or a "by …" in
 * its sentence (a baseline's date, "7.2 (September 2026)", is not one). Null when they agree, when the
 * intake has no month, or when the aim names no date, which the checker's own "no date" finding covers.
 */
export function aimDateClash(aim: Aim, intakeAimBy: string | null | undefined): AimDateClash | null {
  if (!isMonth(intakeAimBy)) return null;
  const intake = intakeAimBy;
  const inWords = formatMonth(intake);
  const byWhen = byWhenDate(aim.byWhen);
  const saidInByWhen = byWhen && !agrees(byWhen, intake) ? aim.byWhen.trim() : null;
  let saidInStatement: string | null = null;
  const statement = aim.statement.replace(BY_DATE, (phrase, by: string, date: string) => {
    const d = dateOf(date);
    if (!d || agrees(d, intake)) return phrase;
    saidInStatement ??= date.trim();
    return `${by} ${inWords}`;
  });
  const said = saidInByWhen ?? saidInStatement;
  if (!said) return null;
  const corrected = AimSchema.safeParse({ ...aim, statement, byWhen: inWords });
  return { intake, said, corrected: corrected.success ? corrected.data : null };
}

/**
 * The aim with the intake's month put in "By when", for an aim that names no date at all (the
 * checker's "does not say by when"); null when the intake has no month, or the aim would then be
 * longer than it may be.
 */
export function aimWithIntakeMonth(aim: Aim, intakeAimBy: string | null | undefined): Aim | null {
  if (!isMonth(intakeAimBy)) return null;
  const mended = AimSchema.safeParse({ ...aim, byWhen: formatMonth(intakeAimBy) });
  return mended.success ? mended.data : null;
}

/** What saving the intake says where the diagram's aim still names another date (docs/domain.md §6.6). */
export function aimDateAfterIntakeWords(clash: AimDateClash): string {
  return `The driver diagram's aim still says ${clash.said}, the date the proposal would state: its page offers to put in ${formatMonth(
    clash.intake
  )}. The Timeline page says whether the plan keeps the new date.`;
}

/** What saving the intake says where the diagram's aim names no date and the intake now has one. */
export function aimWithoutDateAfterIntakeWords(mended: Aim): string {
  return `The driver diagram's aim does not say by when: its page offers to put in ${mended.byWhen}.`;
}
