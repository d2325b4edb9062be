import { describe, expect, it } from "vitest";
import staffRolesJson from "../../docs-templates/staff-roles.json";
import { chartCsv } from "~/domain/charts";
import { monthWindow, pipeline, portfolioCapacity } from "~/domain/portfolio";
import { capacityChart, chartRole, pipelineChart } from "~/domain/portfolio-charts";
import { StaffRolesSchema } from "~/domain/roster-forms";
import type { Booking, StaffMember } from "~/domain/capacity";
import { drawChart } from "~/lib/chart-svg.server";
import { chartFigures } from "../helpers/chart-titles";

const { roles } = StaffRolesSchema.parse(staffRolesJson);
const person = (id: number, role: string, fte: number): StaffMember => ({ id, name: `Person ${id}`, role, fte });
const booking = (engagementId: number, role: string, from: string, to: string, fte: number, status: Booking["status"]): Booking => ({
  engagementId,
  role,
  from,
  to,
  fte,
  status,
});

const months = monthWindow("2027-01", 18);
const roster = [person(1, "faculty", 1), person(2, "faculty", 0.5), person(3, "advisor", 1)];
const bookings = [
  booking(1, "faculty", "2027-01", "2027-06", 0.75, "confirmed"),
  booking(2, "faculty", "2027-03", "2027-04", 0.9, "tentative"),
  booking(3, "faculty", "2027-05", "2027-05", 1.2, "confirmed"),
  booking(4, "advisor", "2027-02", "2027-09", 0.333, "tentative"),
];
const capacity = portfolioCapacity(roster, bookings, months, roles);

describe("the portfolio's capacity chart", () => {
  it("shows, bar by bar and point by point, the heatmap's own figures for the role", () => {
    const spec = capacityChart(capacity, "faculty")!;
    const figures = chartFigures(drawChart(spec));
    const row = capacity.rows.find((r) => r.role === "faculty")!;
    for (const c of row.cells) {
      expect(figures.bars.get(`confirmed|${c.month}`) ?? 0).toBe(Math.round(c.confirmed * 100) / 100);
      expect(figures.bars.get(`tentative|${c.month}`) ?? 0).toBe(Math.round(c.tentative * 100) / 100);
      expect(figures.line.get(c.month)).toBe(c.capacity);
    }
    expect(figures.bars.get("confirmed|2027-05")).toBe(1.95);
    expect(figures.line.get("2027-05")).toBe(1.5);
  });

  it("marks the months over capacity, and says by how much and on what", () => {
    const figures = chartFigures(drawChart(capacityChart(capacity, "faculty")!));
    expect([...figures.flags.keys()]).toEqual(["2027-03", "2027-04", "2027-05"]);
    expect(figures.flags.get("2027-03")).toBe("Mar 2027: over capacity by 0.15 FTE if the tentative bookings go ahead");
    expect(figures.flags.get("2027-05")).toBe("May 2027: over capacity by 0.45 FTE on confirmed bookings alone");
    expect(figures.description).toContain("3 months go over capacity");
  });

  it("has a title and a description, and its CSV carries the same figures", () => {
    const spec = capacityChart(capacity, "advisor")!;
    const figures = chartFigures(drawChart(spec));
    expect(figures.title).toMatch(/: FTE available and booked by month$/);
    expect(figures.description).toContain("No month goes over capacity");
    const lines = chartCsv(spec).trim().split("\r\n");
    expect(lines[0]).toBe("Month,Confirmed (FTE),Tentative (FTE),Available (FTE),Over capacity");
    expect(lines[2]).toBe("Feb 2027,0,0.33,1,");
    expect(lines).toHaveLength(19);
  });

  it("shows the role asked for, else the first with a month over capacity", () => {
    expect(chartRole(capacity, "advisor")).toBe("advisor");
    expect(chartRole(capacity, "nobody")).toBe("faculty");
    expect(chartRole(portfolioCapacity([person(1, "advisor", 1)], [], months, roles), null)).toBe("advisor");
  });

  it("keeps hostile role names as text", () => {
    const odd = portfolioCapacity([person(1, `<script>x</script>"&`, 1)], [], months, roles);
    const svg = drawChart(capacityChart(odd, odd.rows[0]!.role)!);
    expect(svg).not.toContain("<script>");
    expect(chartFigures(svg).title).toContain(`<script>x</script>"&`);
  });
});

describe("the pipeline chart", () => {
  it("stacks each stage's engagements by method, with the table's counts", () => {
    const p = pipeline([
      { stage: "draft", method: null },
      { stage: "draft", method: "collaborative" },
      { stage: "draft", method: "collaborative" },
      { stage: "approved", method: "tailored" },
    ] as const);
    const figures = chartFigures(drawChart(pipelineChart(p)));
    for (const row of p.rows) for (const [m, n] of Object.entries(row.counts)) expect(figures.bars.get(`${m}|${row.stage}`) ?? 0).toBe(n);
    expect(figures.bars.get("collaborative|draft")).toBe(2);
    expect(figures.titles).toContain("Draft: Not chosen 1 engagement");
  });
});

describe("a chart's title", () => {
  it("takes more lines for a long partner name, never running off the chart, and every word of it is written", () => {
    const partner = "Healthcare Improvement Scotland for NHS Scotland's fourteen territorial Health Boards and the Scottish Government";
    const spec = { ...capacityChart(capacity, "faculty")!, title: `The fee against ${partner}'s budget` };
    const svg = drawChart(spec);
    const width = Number(/viewBox="0 0 (\d+) /.exec(svg)![1]);
    const heading = [...svg.matchAll(/<text x="4" y="([\d.]+)" font-weight="bold" font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)].map(
      ([, y, size, text]) => [y, size, text!.replace(/&#39;/g, "'")] as const
    );
    expect(heading.length).toBeGreaterThan(1);
    // Each line within the chart's width, at the bold labels' width per character.
    for (const [, size, text] of heading) expect(4 + text.length * Number(size) * 0.56).toBeLessThanOrEqual(width);
    expect(heading.map((h) => h[2]).join(" ")).toBe(spec.title);
    // The lines go down the page, and the legend starts below the last.
    const ys = heading.map((h) => Number(h[0]));
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    const legendY = Number(/<g class="chart-legend"><g transform="translate\([\d.]+,([\d.]+)\)/.exec(svg)![1]);
    expect(legendY).toBeGreaterThan(ys.at(-1)!);
    // A short title keeps its one line.
    expect([...drawChart(capacityChart(capacity, "faculty")!).matchAll(/<text x="4" y="[\d.]+" font-weight="bold"/g)]).toHaveLength(1);
  });
});
