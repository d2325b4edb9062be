/*
 * The portfolio capacity computation as a pure function on data already loaded: portfolioCapacity
 * from app/domain/portfolio.ts over every engagement's bookings, median of RUNS runs after a warm-up.
 * The data is read as the portfolio page reads it (the roster; every booking in the window, at role
 * level). Two windows: the page's (PORTFOLIO_MONTHS from today) and all 36 booked months.
 *
 * Baseline: the least any such computation must do — one pass over the same bookings adding each
 * one's FTE into a role × month array (month found by a Map lookup) — timed the same way.
 *
 *   npx tsx --tsconfig tsconfig.json bench/portfolio-capacity.ts <database> <today YYYY-MM> [runs]
 * Prints one line of JSON.
 */
import { performance } from "node:perf_hooks";
import { capacityRisks, monthWindow, portfolioCapacity } from "~/domain/portfolio";
import type { Booking } from "~/domain/capacity";
import { PORTFOLIO_MONTHS } from "~/models/portfolio.server";
import { readRoster } from "~/models/roster.server";
import { getDb, openDb, setDb } from "~/services/db.server";
import { getStaffRoles } from "~/services/templates.server";

const [file, today, runsArg] = process.argv.slice(2);
if (!file || !today) throw new Error("usage: portfolio-capacity.ts <database> <today> [runs]");
const RUNS = Number(runsArg ?? 50);
setDb(openDb(file));
const db = getDb();

const roles = getStaffRoles().roles;
const roster = readRoster(db);
function bookingsBetween(first: string, last: string): Booking[] {
  return (
    db.$client.prepare("select role, month, fte, status, engagement_id as engagementId from bookings where month between ? and ?").all(first, last) as {
      role: string;
      month: string;
      fte: number;
      status: "confirmed" | "tentative";
      engagementId: number;
    }[]
  ).map((r) => ({ role: r.role, from: r.month, to: r.month, fte: r.fte, status: r.status, engagementId: r.engagementId }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1]!;
function time(work: () => unknown) {
  for (let i = 0; i < 5; i++) work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: median(times), p95: sorted[Math.ceil(0.95 * sorted.length) - 1]!, min: sorted[0]!, runs: RUNS };
}

function floor(bookings: readonly Booking[], months: readonly string[]) {
  const at = new Map(months.map((m, i) => [m, i]));
  const roleAt = new Map<string, number>();
  const sums: Float64Array[] = [];
  for (const b of bookings) {
    const i = at.get(b.from);
    if (i === undefined || !b.role) continue;
    let r = roleAt.get(b.role);
    if (r === undefined) {
      roleAt.set(b.role, (r = sums.length));
      sums.push(new Float64Array(months.length * 2));
    }
    sums[r]![i * 2 + (b.status === "confirmed" ? 0 : 1)]! += b.fte;
  }
  return sums;
}

function measure(months: string[]) {
  const bookings = bookingsBetween(months[0]!, months[months.length - 1]!);
  const engagements = new Set(bookings.map((b) => b.engagementId)).size;
  const result = portfolioCapacity(roster, bookings, months, roles);
  return {
    months: months.length,
    first: months[0],
    last: months[months.length - 1],
    bookings: bookings.length,
    engagementsBooked: engagements,
    staff: roster.length,
    cells: result.rows.reduce((n, r) => n + r.cells.length, 0),
    counts: result.counts,
    capacity: time(() => portfolioCapacity(roster, bookings, months, roles)),
    risks: time(() => capacityRisks(result, bookings)),
    baseline: time(() => floor(bookings, months)),
  };
}

const allMonths = db.$client.prepare("select min(month) as first, max(month) as last from bookings").get() as { first: string; last: string };
const span = (() => {
  const [y0, m0] = allMonths.first.split("-").map(Number) as [number, number];
  const [y1, m1] = allMonths.last.split("-").map(Number) as [number, number];
  return (y1 - y0) * 12 + (m1 - m0) + 1;
})();
const engagementCount = (db.$client.prepare("select count(*) as n from engagements").get() as { n: number }).n;
console.log(
  JSON.stringify({
    engagements: engagementCount,
    page: measure(monthWindow(today, PORTFOLIO_MONTHS)),
    all: measure(monthWindow(allMonths.first, span)),
  })
);
process.exit(0);
