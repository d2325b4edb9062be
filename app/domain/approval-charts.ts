import { shortMonth } from "./calendar";
import { chartNumber, type ChartFlag, type ChartSpec } from "./charts";

/*
 * An approval request's demand on top of everything already booked, role by role (docs/domain.md
 * §8.11): where approving it would take a role over capacity, and by how much.
 */

export type RequestStackCell = {
  month: string;
  /** FTE this request needs. */
  request: number;
  /** FTE of everyone in the role available that month. */
  available: number;
  /** Other engagements' bookings. */
  confirmed: number;
  tentative: number;
  /** What is left for this request, person by person (docs/domain.md §8.3). */
  freeAfterConfirmed: number;
  freeAfterAll: number;
};

export type RequestStack = { role: string; label: string; cells: RequestStackCell[] };

const EPSILON = 1e-6;

/** How far approving would take the role over capacity in a month, in words; null when it fits. */
export function overIfApproved(c: RequestStackCell): string | null {
  if (c.request <= EPSILON) return null;
  if (c.request - c.freeAfterConfirmed > EPSILON) return `approving takes it over capacity by ${chartNumber(c.request - c.freeAfterConfirmed)} FTE`;
  if (c.request - c.freeAfterAll > EPSILON) return `over capacity by ${chartNumber(c.request - c.freeAfterAll)} FTE if the tentative bookings go ahead too`;
  return null;
}

export function requestChart(stack: RequestStack, requestId: number): ChartSpec {
  const flags: ChartFlag[] = stack.cells.flatMap((c, i) => {
    const text = overIfApproved(c);
    return text ? [{ index: i, text }] : [];
  });
  return {
    id: `request-${requestId}-${stack.role}`,
    title: `${stack.label}: this request on top of what is already booked`,
    description:
      `Bars: FTE of ${stack.label} each month, other engagements' confirmed bookings (solid) and tentative ones (striped), with this request (dotted) on top. ` +
      `Line: FTE available on the roster. ` +
      (flags.length
        ? `Approving would take the role over capacity in ${flags.length} month${flags.length === 1 ? "" : "s"}, marked with a triangle.`
        : "Approving keeps the role within capacity."),
    categoryName: "Month",
    categories: stack.cells.map((c) => ({ key: c.month, label: shortMonth(c.month) })),
    layers: [
      { key: "confirmed", label: "Booked, confirmed", fill: "solid", values: stack.cells.map((c) => c.confirmed) },
      { key: "tentative", label: "Booked, tentative", fill: "hatch", values: stack.cells.map((c) => c.tentative) },
      { key: "request", label: "This request", fill: "dots", values: stack.cells.map((c) => c.request) },
    ],
    line: { label: "Available", values: stack.cells.map((c) => c.available) },
    flags,
    flagLabel: "Over if approved",
    unit: "FTE",
  };
}
