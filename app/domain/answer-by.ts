import { addDays, beforeTodayWords, daysBetween, formatDate, isIsoDate, notADateWords, type IsoDate } from "./calendar";
import { plural } from "./plural";

/**
 * The day by which the partner is asked to answer a version shared with them (docs/domain.md §9.16):
 * asked when it is shared, four weeks on unless the owner says otherwise, and changed when the
 * partner needs more time. Past it, unanswered, the owners are told the answer is overdue.
 */

/** How long the partner is given to answer, unless the owner gives another day. */
export const ANSWER_WEEKS = 4;

/** The day a share form offers: four weeks after today. */
export function defaultAnswerBy(today: IsoDate): IsoDate {
  return addDays(today, ANSWER_WEEKS * 7);
}

/** Why a day typed for the answer cannot be asked for: not a date, or already passed; null when it can. */
export function answerByProblem(value: string, today: IsoDate): string | null {
  if (!isIsoDate(value.trim())) return notADateWords("The answer date", value);
  return beforeTodayWords("The answer date", value.trim(), today);
}

/** Days past the day asked for, on `today`: 0 until the day after it. */
export function daysOverdue(answerBy: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(answerBy, today));
}

/** What the partner reads where they arrive and in the share mail. */
export function answerByRequest(answerBy: IsoDate): string {
  return `Please give your answer by ${formatDate(answerBy)}.`;
}

/**
 * What our team reads of an answer awaited: "Answer due 15 January 2027", and once the day has passed,
 * "Answer due 15 January 2027: 3 days overdue".
 */
export function answerDueWords(answerBy: IsoDate, today: IsoDate): string {
  const late = daysOverdue(answerBy, today);
  return late > 0 ? `Answer due ${formatDate(answerBy)}: ${plural(late, "day")} overdue` : `Answer due ${formatDate(answerBy)}`;
}

/** The owners' notice of an answer overdue: once for the version, while it stays unanswered. */
export function answerOverdueNotice(v: { number: number; answerBy: IsoDate; title: string }, today: IsoDate): string {
  return `The partner's answer to version ${v.number} was due ${formatDate(v.answerBy)} and has not come (${plural(
    daysOverdue(v.answerBy, today),
    "day"
  )} overdue): ${v.title}`;
}
