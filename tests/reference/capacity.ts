/*
 * The reference for capacity: each cell counted afresh from the roster, its leave and the bookings,
 * person by person, with nothing indexed or kept between calls (docs/decisions/0013). The app's
 * `capacityByRoleMonth` (app/domain/capacity.ts) indexes the bookings and keeps each month's cells; the
 * golden tests prove the two agree, leave included (docs/decisions/0035). Never imported by the app.
 */
import type { Month } from "~/domain/calendar";
import type { Booking, CapacityCell, StaffMember } from "~/domain/capacity";

const round = (n: number) => Math.round(n * 1000) / 1000;

/** What a person gives in a month: their FTE while on the roster, less the share of the month they are on leave. */
function given(member: StaffMember, month: Month): number {
  if (member.availableFrom && month < member.availableFrom) return 0;
  if (member.availableTo && month > member.availableTo) return 0;
  const away = Math.min(
    1,
    (member.leave ?? []).filter((l) => l.from <= month && month <= l.to).reduce((sum, l) => sum + l.share, 0)
  );
  return away > 0 ? member.fte * (1 - away) : member.fte;
}

function cellOf(roster: StaffMember[], bookings: Booking[], role: string, month: Month): CapacityCell {
  let total = 0;
  let confirmed = 0;
  let tentative = 0;
  let freeAfterConfirmed = 0;
  let freeAfterAll = 0;
  for (const member of roster) {
    if (member.role !== role) continue;
    const available = given(member, month);
    const own = bookings.filter((b) => b.staffId !== undefined && String(b.staffId) === String(member.id) && b.from <= month && month <= b.to);
    const mineConfirmed = own.filter((b) => b.status === "confirmed").reduce((s, b) => s + b.fte, 0);
    const mineTentative = own.filter((b) => b.status !== "confirmed").reduce((s, b) => s + b.fte, 0);
    total += available;
    confirmed += mineConfirmed;
    tentative += mineTentative;
    freeAfterConfirmed += Math.max(0, available - mineConfirmed);
    freeAfterAll += Math.max(0, available - mineConfirmed - mineTentative);
  }
  // Bookings of the role's pool draw on it as a whole.
  const pooled = bookings.filter((b) => b.staffId === undefined && b.role === role && b.from <= month && month <= b.to);
  if (pooled.length) {
    const pooledConfirmed = pooled.filter((b) => b.status === "confirmed").reduce((s, b) => s + b.fte, 0);
    const pooledTentative = pooled.filter((b) => b.status !== "confirmed").reduce((s, b) => s + b.fte, 0);
    confirmed += pooledConfirmed;
    tentative += pooledTentative;
    freeAfterConfirmed = Math.max(0, freeAfterConfirmed - pooledConfirmed);
    freeAfterAll = Math.max(0, freeAfterAll - pooledConfirmed - pooledTentative);
  }
  return {
    role,
    month,
    total: round(total),
    confirmed: round(confirmed),
    tentative: round(tentative),
    freeAfterConfirmed: round(freeAfterConfirmed),
    freeAfterAll: round(freeAfterAll),
  };
}

/** Every role on the roster (in its order) by month, as `capacityByRoleMonth` gives them. */
export function capacityByRoleMonth(roster: StaffMember[], bookings: Booking[], months: Month[]): CapacityCell[] {
  const roles = [...new Set(roster.map((m) => m.role))];
  const distinct = [...new Set(months)];
  return roles.flatMap((role) => distinct.map((month) => cellOf(roster, bookings, role, month)));
}

/** One role's cell in one month; undefined when no one on the roster has the role. */
export function roleCapacityIn(roster: StaffMember[], bookings: Booking[], month: Month, role: string): CapacityCell | undefined {
  return roster.some((m) => m.role === role) ? cellOf(roster, bookings, role, month) : undefined;
}
