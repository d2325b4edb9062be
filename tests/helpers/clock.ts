import { afterEach, beforeEach } from "vitest";

/**
 * Pins the app's "today" to the first day of `month` (YYYY-MM, as PLANNER_TODAY takes it) for each test
 * of the file that calls it, and puts back whatever it was after each.
 */
export function pinToday(month: string) {
  const before = process.env.PLANNER_TODAY;
  beforeEach(() => {
    process.env.PLANNER_TODAY = month;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.PLANNER_TODAY;
    else process.env.PLANNER_TODAY = before;
  });
}
