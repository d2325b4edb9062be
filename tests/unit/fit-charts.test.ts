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

  it("marks the method's nearest start with room to spare on its time axis, widened to reach it, named as the card beside it names it", () => {
    const row = tightestRole(methodRows("2027-05"))!;
    expect(row.cells.map((c) => c.month).at(-1)).toBe("2027-05");
    const spec = methodFitChart({ key: "campaign", label: "Campaign" }, row, "2027-05", "2027-01", searchWindow("2027-01", "2027-01"));
    // The search on the method's template timeline, never the plan's earliest fully staffed start.
    expect(spec.marker).toEqual({ index: 4, label: "Nearest start with room to spare" });
    const svg = drawChart(spec);
    expect(chartFigures(svg).titles).toContain("Nearest start with room to spare: May 2027");
    expect(chartFigures(svg).description).toMatch(/The nearest start with room to spare for its template timeline, May 2027, is marked with a dashed line\.$/);
    expect(svg).not.toMatch(/Earliest start|fully staffed/);
    const none = drawChart(
      methodFitChart({ key: "campaign", label: "Campaign" }, tightestRole(methodRows(null))!, null, "2027-03", searchWindow("2027-01", "2027-03"))
    );
    expect(none).not.toContain("data-marker");
    // The months searched run from the desired start, not from this month.
    expect(chartFigures(none).description).toMatch(/The nearest start with room to spare for its template timeline: none from March 2027 to December 2028\.$/);
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

  it("where no role is short, shows a role with a tight month before a thinner margin without one, so a Tight verdict is seen in the picture", () => {
    // Advisors need 0.6 of their one FTE (the thinnest margin); faculty 0.3, but another engagement's
    // tentative booking holds 0.8 of theirs: faculty fit only if that booking falls through.
    const tentative: Booking[] = [{ engagementId: 9, role: "faculty", from: "2027-01", to: "2027-01", fte: 0.8, status: "tentative" }];
    const d = [need("advisor", "2027-01", 0.6), need("faculty", "2027-01", 0.3)];
    const capacity = capacityByRoleMonth(roster, tentative, ["2027-01"]);
    const rows = heatmap(d, capacity, { roles, months: ["2027-01"] }).rows;
    expect(rows.find((r) => r.role === "faculty")!.cells[0]!.level).toBe("tight");
    expect(rows.find((r) => r.role === "advisor")!.cells[0]!.level).toBe("ok");
    expect(tightestRole(rows)!.role).toBe("faculty");
    expect(tightestHeatmapRow(d, capacity, { roles, months: ["2027-01"] })!.role).toBe("faculty");
    const chart = chartFigures(
      drawChart(methodFitChart({ key: "campaign", label: "Campaign" }, tightestRole(rows)!, null, "2027-01", searchWindow("2027-01", "2027-01")))
    );
    // Why, in the mark's words: the tentative booking would leave 0.2 of faculty's 1 FTE, where 0.3 is needed.
    expect(chart.flags.get("2027-01")).toBe("Jan 2027: tight: 0.2 FTE free if other engagements' tentative bookings go ahead");
    expect(chart.description).toContain("Tight in 1 month, marked with an outlined triangle");
    // The card's verdict counts role-months in every role: those the picture's one role does not show are said to be elsewhere.
    const withVerdict = (verdict: { short: number; tight: number }) =>
      methodFitChart({ key: "campaign", label: "Campaign" }, tightestRole(rows)!, null, "2027-01", searchWindow("2027-01", "2027-01"), false, verdict)
        .description;
    expect(withVerdict({ short: 0, tight: 3 })).toMatch(/ Other roles are tight in 2 more role-months\.$/);
    expect(withVerdict({ short: 1, tight: 2 })).toMatch(/ Other roles are short in 1 more role-month and tight in 1 more role-month\.$/);
    expect(withVerdict({ short: 0, tight: 1 })).not.toContain("Other roles");
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

  it("marks the plan's earliest fully staffed start, named as the plan's text names it, for a plan of our own", () => {
    const spec = fitChart(row, "2027-02", searched, "fit");
    expect(spec.marker).toEqual({ index: 1, label: "Earliest fully staffed start" });
    expect(chartFigures(drawChart(spec)).titles).toContain("Earliest fully staffed start: Feb 2027");
    expect(spec.description).toMatch(/The earliest fully staffed start for this plan, Feb 2027, is marked with a dashed line\.$/);
    expect(spec.description).not.toMatch(/room to spare|template/);
    // Outside the months the chart spans, or nowhere in the months searched, it is said and not marked.
    expect(fitChart(row, "2027-06", searched, "fit").description).toMatch(/The earliest fully staffed start for this plan is Jun 2027\.$/);
    const none = fitChart(row, null, searched, "fit");
    expect(none.marker).toBeUndefined();
    expect(none.description).toMatch(/The earliest fully staffed start for this plan: none from January 2027 to November 2028\.$/);
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
    expect(fitChart(row, null, searched, "fit", { title: null }).description).not.toMatch(/fully staffed|none from/);
  });
});

describe("the words on a Fit chart's dashed line", () => {
  // A year with demand and free capacity near the top of the scale every month, so that words at the top could touch them.
  const months = monthRange("2027-01", "2027-12");
  const row = { role: "faculty", label: "Faculty", cells: months.map((month) => ({ month, needed: 0.9, freeAfterConfirmed: 1 })) };
  const FONT = 11;
  // Liberation Sans Bold, measured in Chromium: under half the font size a character in sentence-case words such as these.
  const drawnWidth = (text: string) => text.length * FONT * 0.5;

  it("stay inside the plot and above the bars and the line, wherever the start falls", () => {
    for (const month of months) {
      for (const spec of [
        methodFitChart({ key: "campaign", label: "Campaign" }, row, month, "2027-01", searchWindow("2027-01", "2027-01")),
        fitChart(row, month, searchWindow("2027-01", "2027-01"), "fit"),
      ]) {
        const svg = drawChart(spec);
        const [, left, right] = /<g class="chart-grid"><path d="M([\d.]+) [\d.]+H([\d.]+)"/.exec(svg)!.map(Number);
        const text = /<g class="chart-marker"[^]*?<text x="([\d.]+)" y="([\d.]+)" text-anchor="(start|end)"[^>]*>([^]*?)<\/text>/.exec(svg)!;
        const [x, y] = [Number(text[1]), Number(text[2])];
        const tspans = [...text[4]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
        const lines = tspans.length ? tspans : [text[4]!];
        expect(lines.join(" "), `${spec.marker!.label} at ${month}`).toBe(spec.marker!.label);
        const width = Math.max(...lines.map(drawnWidth));
        const [from, to] = text[3] === "start" ? [x, x + width] : [x - width, x];
        expect(from, `${spec.marker!.label} at ${month}`).toBeGreaterThanOrEqual(left!);
        expect(to, `${spec.marker!.label} at ${month}`).toBeLessThanOrEqual(right!);
        // The lowest line's descenders, against the tops of the bars and the line's points the words lie over.
        const wordsBottom = y + (lines.length - 1) * 1.15 * FONT + 0.25 * FONT;
        const under = (left: number, width: number) => left < to && left + width > from;
        for (const m of svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"[^>]*data-layer/g))
          if (under(Number(m[1]), Number(m[3]))) expect(Number(m[2]), `a bar under the words at ${month}`).toBeGreaterThan(wordsBottom);
        for (const m of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"[^>]*data-line/g))
          if (under(Number(m[1]) - Number(m[3]), 2 * Number(m[3])))
            expect(Number(m[2]) - Number(m[3]), `the line under the words at ${month}`).toBeGreaterThan(wordsBottom);
      }
    }
  });

  it("break in two only where one line has no room on either side", () => {
    const middle = drawChart(methodFitChart({ key: "campaign", label: "Campaign" }, row, "2027-07", "2027-01", searchWindow("2027-01", "2027-01")));
    const edge = drawChart(methodFitChart({ key: "campaign", label: "Campaign" }, row, "2027-01", "2027-01", searchWindow("2027-01", "2027-01")));
    const tspans = (svg: string) => [.../<g class="chart-marker"[^]*?<\/g>/.exec(svg)![0].matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]);
    expect(tspans(edge)).toEqual(["Nearest start with room to spare"]);
    // Two lines as even as the words allow, not a word left on a line of its own.
    expect(tspans(middle)).toEqual(["Nearest start", "with room to spare"]);
    const plan = drawChart(fitChart(row, "2027-07", searchWindow("2027-01", "2027-01"), "fit"));
    expect(tspans(plan)).toEqual(["Earliest fully", "staffed start"]);
  });
});
