/**
 * "Today" for the rules that need it (earliest start, next month). The domain never reads the clock;
 * routes pass this in. PLANNER_TODAY (YYYY-MM) pins it, for reproducible demos and tests.
 */
export function currentMonth(): string {
  const pinned = process.env.PLANNER_TODAY;
  if (pinned && /^\d{4}-(0[1-9]|1[0-2])$/.test(pinned)) return pinned;
  return new Date().toISOString().slice(0, 7);
}

/**
 * Today's date (YYYY-MM-DD) for the rules that judge a plan against it: whether a plan still to be
 * agreed begins before today. Where PLANNER_TODAY pins the month, today is its first day, so that the
 * same rules give the same answer whatever the real date.
 */
export function currentDay(): string {
  const pinned = process.env.PLANNER_TODAY;
  if (pinned && /^\d{4}-(0[1-9]|1[0-2])$/.test(pinned)) return `${pinned}-01`;
  return currentDate();
}

/**
 * Today's date (YYYY-MM-DD): the date a proposal version is made on and states. Never pinned: a
 * version is dated the day it was made, whatever month the planning rules are pinned to.
 */
export function currentDate(): string {
  return new Date().toISOString().slice(0, 10);
}
