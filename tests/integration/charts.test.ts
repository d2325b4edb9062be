import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as portfolioRoute from "~/routes/portfolio";
import * as portfolioCharts from "~/routes/portfolio.charts.$chart.$format";
import { fteText } from "~/domain/portfolio";
import { useTestDatabase } from "../helpers/db";
import { callLoader } from "../helpers/requests";
import { chartFigures } from "../helpers/chart-titles";

useTestDatabase();

beforeEach(() => {
  process.env.PLANNER_TODAY = "2026-11";
});
afterEach(() => {
  delete process.env.PLANNER_TODAY;
});

type Portfolio = Awaited<ReturnType<typeof portfolioRoute.loader>>;

async function portfolio(query = ""): Promise<Portfolio> {
  const res = await callLoader(portfolioRoute.loader, { path: `/portfolio${query}`, as: "leader@demo.test" });
  expect(res.status).toBe(200);
  return res.data;
}

describe("the portfolio's charts", () => {
  it("draw each role's months with the heatmap's figures, and the role is chosen by a plain link", async () => {
    const first = await portfolio();
    expect(first.charts.roles.length, "the demo roster has several roles").toBeGreaterThan(2);
    for (const { role } of first.charts.roles) {
      const p = await portfolio(`?role=${encodeURIComponent(role)}`);
      expect(p.charts.role).toBe(role);
      const figures = chartFigures(p.charts.capacity!.svg);
      const row = p.capacity.rows.find((r) => r.role === role)!;
      expect(figures.title).toContain(row.label);
      for (const c of row.cells) {
        // The heatmap cell prints these same numbers with fteText.
        expect(fteText(figures.bars.get(`confirmed|${c.month}`) ?? 0)).toBe(fteText(c.confirmed));
        expect(fteText(figures.bars.get(`tentative|${c.month}`) ?? 0)).toBe(fteText(c.tentative));
        expect(fteText(figures.line.get(c.month)!)).toBe(fteText(c.capacity));
        expect(figures.flags.has(c.month)).toBe(c.confirmed + c.tentative > c.capacity + 1e-6);
      }
    }
  });

  it("draw the pipeline with the pipeline table's counts", async () => {
    const p = await portfolio();
    const figures = chartFigures(p.charts.pipeline!.svg);
    let drawn = 0;
    for (const row of p.pipeline.rows)
      for (const [method, count] of Object.entries(row.counts)) {
        expect(figures.bars.get(`${method}|${row.stage}`) ?? 0).toBe(count);
        drawn += count;
      }
    expect(drawn).toBe(p.pipeline.total);
  });

  it("download as CSV and SVG with the page's figures, never cached", async () => {
    const p = await portfolio();
    const role = p.charts.role!;
    const csv = await callLoader(portfolioCharts.loader, {
      path: `/portfolio/charts/capacity/csv?role=${role}`,
      params: { chart: "capacity", format: "csv" },
      as: "leader@demo.test",
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment;.*chart\.csv"/);
    expect(csv.headers.get("Cache-Control")).toBe("no-store");
    const lines = (csv.data as string)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const row = p.capacity.rows.find((r) => r.role === role)!;
    expect(lines).toHaveLength(row.cells.length + 1);
    expect(lines[1]!.split(",").slice(1, 4)).toEqual([fteText(row.cells[0]!.confirmed), fteText(row.cells[0]!.tentative), fteText(row.cells[0]!.capacity)]);

    const svg = await callLoader(portfolioCharts.loader, {
      path: `/portfolio/charts/capacity/svg?role=${role}`,
      params: { chart: "capacity", format: "svg" },
      as: "leader@demo.test",
    });
    expect(svg.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(chartFigures(svg.data).bars).toEqual(chartFigures(p.charts.capacity!.svg).bars);

    const missing = await callLoader(portfolioCharts.loader, {
      path: "/portfolio/charts/capacity/csv?role=nobody",
      params: { chart: "capacity", format: "csv" },
      as: "leader@demo.test",
    });
    expect(missing.status).toBe(404);
  });
});
