import { formatMonth, monthFromText, type Month } from "./calendar";
import type { Aim } from "./driver-diagram";

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
  /** The aim with the intake's month in "By when" and in each "by …" of its sentence that names another. */
  corrected: Aim;
};

const MONTH_WORD = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** "by August 2028", "by Aug. 2028", "by the end of 2028", "by end of March 2029": the date the aim is to be met by, in a sentence. */
const BY_DATE = new RegExp(`\\bby\\s+(?:the\\s+end\\s+of\\s+|end\\s+of\\s+)?((?:${MONTH_WORD}\\.?\\s+)?(?:19|20)\\d{2})\\b`, "gi");
const YEAR_ONLY = /^(?:(?:the\s+)?end\s+of\s+)?((?:19|20)\d{2})$/i;

/** What a date as written says: a month, or only a year; null when it is not a date this reads ("Q3 2028", "within 18 months"). */
function dateOf(text: string): { month: Month } | { year: string } | null {
  const t = text.trim().replace(/\s+/g, " ");
  const month = monthFromText(t);
  if (month) return { month };
  const year = YEAR_ONLY.exec(t)?.[1];
  return year ? { year } : null;
}

function agrees(date: { month: Month } | { year: string }, intake: Month): boolean {
  return "month" in date ? date.month === intake : date.year === intake.slice(0, 4);
}

/**
 * Where the aim's words name another date than the intake's "by when": its "By when", or a "by …" in
 * its sentence (a baseline's date, "7.2 (September 2026)", is not one). Null when they agree, when the
 * intake has no date, or when the aim names none this can read, which the checker's own "no date"
 * finding covers.
 */
export function aimDateClash(aim: Aim, intakeAimBy: string | null | undefined): AimDateClash | null {
  const intake = intakeAimBy ? monthFromText(intakeAimBy) : null;
  if (!intake) return null;
  const inWords = formatMonth(intake);
  const byWhen = aim.byWhen.trim() ? dateOf(aim.byWhen) : null;
  const saidInByWhen = byWhen && !agrees(byWhen, intake) ? aim.byWhen.trim() : null;
  let saidInStatement: string | null = null;
  const statement = aim.statement.replace(BY_DATE, (phrase, date: string) => {
    const d = dateOf(date);
    if (!d || agrees(d, intake)) return phrase;
    saidInStatement ??= date.trim();
    return `by ${inWords}`;
  });
  const said = saidInByWhen ?? saidInStatement;
  if (!said) return null;
  return { intake, said, corrected: { ...aim, statement, byWhen: saidInByWhen || !aim.byWhen.trim() ? inWords : aim.byWhen } };
}
