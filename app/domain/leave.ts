import { formatMonth, type Month } from "./calendar";
import type { Leave } from "./capacity";

/**
 * A person's leave on the roster (docs/domain.md §8.1, docs/decisions/0035): months away, each a share of
 * the month, which capacity takes off their FTE. What is judged of a leave beyond its own fields, and how
 * it is written. No schemas, so a page may show these.
 */

/** A leave as the administrator types it: months, and the share of each month away in percent. */
export type LeaveInput = { fromMonth: Month; toMonth: Month; percent: number; reason: string };

/** A leave kept on the roster. */
export type LeaveRecord = { id: number; fromMonth: Month; toMonth: Month; share: number; reason: string };

/** The leave as capacity counts it. */
export function leaveOf(record: Pick<LeaveRecord, "fromMonth" | "toMonth" | "share">): Leave {
  return { from: record.fromMonth, to: record.toMonth, share: record.share };
}

/** "March 2027", or "March – May 2027", or "November 2026 – February 2027". */
export function leaveMonths(from: Month, to: Month): string {
  if (from === to) return formatMonth(from);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatMonth(from).split(" ")[0]} – ${formatMonth(to)}`;
  return `${formatMonth(from)} – ${formatMonth(to)}`;
}

/** How much of each month, when not all of it: "half of each month", "40% of the month". */
export function leaveShareWords(share: number, months: number): string {
  const each = months === 1 ? "the month" : "each month";
  if (Math.abs(share - 0.5) < 1e-9) return `half of ${each}`;
  return `${Math.round(share * 100)}% of ${each}`;
}

/** A leave in a line: "March – May 2027" when away whole months, "March – May 2027, half of each month" otherwise. */
export function leaveLine(leave: Pick<LeaveRecord, "fromMonth" | "toMonth" | "share">): string {
  const months = leaveMonths(leave.fromMonth, leave.toMonth);
  return leave.share >= 1 ? months : `${months}, ${leaveShareWords(leave.share, leave.fromMonth === leave.toMonth ? 1 : 2)}`;
}

/**
 * What is wrong with a leave against the person and their other leave, by field: the months must lie
 * within the person's months on the roster, and must not overlap another of their leaves (one leave
 * covers a month once: two would be counted twice). Empty when it can be saved.
 */
export function leaveRefusals(
  input: Pick<LeaveInput, "fromMonth" | "toMonth">,
  person: { name: string; availableFrom?: Month | null; availableTo?: Month | null },
  others: readonly Pick<LeaveRecord, "fromMonth" | "toMonth">[]
): Record<string, string> {
  const out: Record<string, string> = {};
  if (person.availableFrom && input.fromMonth < person.availableFrom)
    out.fromMonth = `First month must not be before ${formatMonth(person.availableFrom)}, when ${person.name} joins the roster.`;
  if (person.availableTo && input.toMonth > person.availableTo)
    out.toMonth = `Last month must not be after ${formatMonth(person.availableTo)}, ${person.name}'s last month on the roster.`;
  const overlap = others.find((o) => o.fromMonth <= input.toMonth && input.fromMonth <= o.toMonth);
  if (overlap && !out.fromMonth)
    out.fromMonth = `${person.name} is already on leave ${leaveMonths(overlap.fromMonth, overlap.toMonth)}: change that leave, or choose months outside it.`;
  return out;
}
