import { describe, expect, it } from "vitest";
import staffRolesJson from "../../docs-templates/staff-roles.json";
import { capacityByRoleMonth, type Booking, type StaffMember } from "~/domain/capacity";
import { monthRange } from "~/domain/calendar";
import { chartCsv, chartNumber } from "~/domain/charts";
import type { DemandEntry } from "~/domain/demand";
import { fitChart, fitFigures, methodChartMonths, methodFitChart, tightestRole } from "~/domain/fit-charts";
import { heatmap, tightestHeatmapRow } from "~/domain/resource-fit";
import { searchWindow } from "~/domain/fit-words";
import { StaffRolesSchema } from "~/domain/roster-forms";
import { drawChart } from "~/lib/chart-svg.server";
import { chartFigures } from "../helpers/chart-titles";

const { roles } = StaffRolesSchema.parse(staffRolesJson);
const roster: StaffMember[] = [
  { id: 1, name: "A", role: "faculty", fte: 1 },
  { id: 2, name: "B", role: "advisor", fte: 1 },
];
const bookings: Booking[] = [{ engagementId: 9, role: "faculty", from: "2027-02", to: "2027-03", fte: 0.8, status: "confirmed" }];
const need = (role: string, month: string, fte: number): DemandEntry => ({ role, month, fte, days: fte * 20, reasons: [] });
// Advisors have room every month; faculty are short in February and March, when others hold 0.8 of their one FTE.
const demand = [
  need("advisor", "2027-01", 0.5),
  need("advisor", "2027-02", 0.5),
  need("faculty", "2027-01", 0.3),
  need("faculty", "2027-02", 0.45),
  need("faculty", "2027-03", 0.333),
];

function methodRows(earliestStart: string | null) {
  const span = methodChartMonths(
    demand.map((d) => d.month),
    earliestStart
  )!;
  const months = monthRange(span.from, span.to);
  return heatmap(demand, capacityByRoleMonth(roster, bookings, months), { roles, months }).rows;
}

describe("a candidate method's small chart on the Fit page", () => {
  it("draws the role the method turns on, with the table's own figures month by month", () => {
    const row = tightestRole(methodRows("2027-05"))!;
    expect(row.role).toBe("faculty");
    const spec = methodFitChart({ key: "campaign", label: "Campaign" }, row, "2027-05", "2027-01", searchWindow("2027-01", "2027-01"));
    const figures = chartFigures(drawChart(spec));
    const table = fitFigures(row);
    expect(table.map((r) => r.label)).toEqual(["Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027", "May 2027"]);
    for (const r of table) {
      expect(chartNumber(figures.bars.get(`needed|${r.month}`) ?? 0)).toBe(chartNumber(r.needed));
      expect(chartNumber(figures.line.get(r.month)!)).toBe(chartNumber(r.free));
      expect(figures.flags.has(r.month)).toBe(r.short > 0);
    }
    expect(figures.bars.get("needed|2027-02")).toBe(0.45);
    expect(figures.line.get("2027-02")).toBe(0.2);
    expect(figures.flags.get("2027-03")).toBe("Mar 2027: short by 0.13 FTE");
    expect(table.find((r) => r.month === "2027-03")!.short).toBeCloseTo(0.133, 3);
    expect(figures.title).toBe("Faculty: demand against free capacity");
    expect(figures.description).toContain("Campaign if started in Jan 2027, in the role with least to spare.");
    // The CSV carries the same rows.
    expect(chartCsv(spec).split("\r\n")[2]).toBe("Feb 2027,0.45,0.2,short by 0.25 FTE");
  });

  it("marks the method's earliest start on its time axis, widened to reach it", () => {
    const row = tightestRole(methodRows("2027-05"))!;
    expect(row.cells.map((c) => c.month).at(-1)).toBe("2027-05");
    const svg = drawChart(methodFitChart({ key: "campaign", label: "Campaign" }, row, "2027-05", "2027-01", searchWindow("2027-01", "2027-01")));
    expect(chartFigures(svg).titles).toContain("Earliest start: May 2027");
    const none = drawChart(
      methodFitChart({ key: "campaign", label: "Campaign" }, tightestRole(methodRows(null))!, null, "2027-03", searchWindow("2027-01", "2027-03"))
    );
    expect(none).not.toContain("data-marker");
    // The months searched run from the desired start, not from this month.
    expect(chartFigures(none).description).toContain("No start fits (none from March 2027 to December 2028).");
  });

  it("with room everywhere, shows the role with the thinnest margin; with no demand, no chart", () => {
    const roomy = heatmap([need("advisor", "2027-01", 0.9), need("faculty", "2027-01", 0.1)], capacityByRoleMonth(roster, [], ["2027-01"]), {
      roles,
      months: ["2027-01"],
    }).rows;
    expect(tightestRole(roomy)!.role).toBe("advisor");
    expect(tightestRole(heatmap([], capacityByRoleMonth(roster, [], ["2027-01"]), { roles, months: ["2027-01"] }).rows)).toBeNull();
    expect(methodChartMonths([], null)).toBeNull();
  });

  it("builds the tightest role's row alone, the same row the whole heatmap gives", () => {
    const months = monthRange("2027-01", "2027-05");
    const capacity = capacityByRoleMonth(roster, bookings, months);
    const cases: DemandEntry[][] = [
      demand,
      [need("advisor", "2027-01", 0.9), need("faculty", "2027-01", 0.1)],
      // Equal gaps: the first role in the roles file's order wins, as in the whole heatmap.
      [need("advisor", "2027-04", 0.5), need("faculty", "2027-04", 0.5)],
      // A role no one on the roster has.
      [need("advisor", "2027-01", 0.2), need("data_analyst", "2027-02", 0.4)],
      [],
    ];
    for (const d of cases) expect(tightestHeatmapRow(d, capacity, { roles, months })).toEqual(tightestRole(heatmap(d, capacity, { roles, months }).rows));
    expect(tightestHeatmapRow(demand, capacity, { roles, months })!.cells.find((c) => c.month === "2027-03")!.label).toBe("Over: needs 0.33 FTE, 0.2 free");
  });
});

describe("a role's chart of the plan on the Fit page", () => {
  const searched = searchWindow("2026-12", "2027-01");
  const row = heatmap(demand, capacityByRoleMonth(roster, bookings, monthRange("2027-01", "2027-03")), {
    roles,
    months: monthRange("2027-01", "2027-03"),
  }).rows.find((r) => r.role === "advisor")!;

  it("marks the earliest start that fits, for a plan of our own", () => {
    const spec = fitChart(row, "2027-02", searched, "fit");
    expect(spec.marker).toEqual({ index: 1, label: "Earliest start" });
    expect(spec.description).toMatch(/The earliest start that fits, Feb 2027, is marked with a dashed line\.$/);
  });

  it("for a site joining an open collaborative, marks where its prework starts, set by the collaborative's dates, and offers no other start", () => {
    const spec = fitChart(row, "2027-02", searched, "fit", { title: "Sepsis Early Recognition Collaborative" });
    expect(spec.marker).toEqual({ index: 0, label: "Prework starts" });
    expect(spec.description).toMatch(
      /Its dates are those of the Sepsis Early Recognition Collaborative: prework starts in Jan 2027, marked with a dashed line/
    );
    expect(spec.description).not.toMatch(/earliest start/i);
    // Even when no start within the search fits, the plan's own start is what the line marks.
    expect(fitChart(row, null, searched, "fit", { title: null }).marker).toEqual({ index: 0, label: "Prework starts" });
    expect(fitChart(row, null, searched, "fit", { title: null }).description).not.toMatch(/No start fits/);
  });
});
