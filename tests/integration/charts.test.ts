import { describe, expect, it } from "vitest";
import * as portfolioRoute from "~/routes/portfolio";
import * as portfolioCharts from "~/routes/portfolio.charts.$chart.$format";
import { fteText } from "~/domain/portfolio";
import * as approvalRoute from "~/routes/approvals.$requestId";
import * as approvalCharts from "~/routes/approvals.$requestId.charts.$role.$format";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as fitCharts from "~/routes/engagements.$id.fit.charts.$role.$format";
import * as methodCharts from "~/routes/engagements.$id.fit.methods.$method.$format";
import { METHODS } from "~/domain/methods";
import { eq } from "drizzle-orm";
import { approvalRequests, bookings, engagements } from "../../db/schema";
import { formatMonth, shortMonth } from "~/domain/calendar";
import { demoEngagementId } from "../helpers/fixtures";
import { HOSTILE } from "../helpers/hostile";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase } from "../helpers/db";
import { callLoader } from "../helpers/requests";
import { chartFigures } from "../helpers/chart-titles";

useTestDatabase();

pinToday("2026-11");

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

describe("an approval request's charts", () => {
  it("stack the request on what is already booked, with the tables' figures, and mark where approving goes over", async () => {
    const requestId = db().select({ id: approvalRequests.id }).from(approvalRequests).get()!.id;
    const res = await callLoader(approvalRoute.loader, { path: `/approvals/${requestId}`, params: { requestId: String(requestId) }, as: "leader@demo.test" });
    expect(res.status).toBe(200);
    const { view, charts } = res.data as Awaited<ReturnType<typeof approvalRoute.loader>>;
    expect(view.stacked.map((s) => s.role)).toEqual(view.byRole.map((r) => r.role));
    expect(charts.length).toBeGreaterThan(0);
    let flagged = 0;
    view.stacked.forEach((s, i) => {
      const figures = chartFigures(charts[i]!.svg);
      const demand = view.byRole.find((r) => r.role === s.role)!;
      s.cells.forEach((c, m) => {
        // The "FTE by role and month" table's cell and the request's bar are the same number.
        expect(fteText(figures.bars.get(`request|${c.month}`) ?? 0)).toBe(fteText(demand.cells[m]!));
        expect(fteText(figures.bars.get(`confirmed|${c.month}`) ?? 0)).toBe(fteText(c.confirmed));
        expect(fteText(figures.bars.get(`tentative|${c.month}`) ?? 0)).toBe(fteText(c.tentative));
        expect(fteText(figures.line.get(c.month)!)).toBe(fteText(c.available));
        const over = c.request - c.freeAfterConfirmed > 1e-6;
        if (over) {
          flagged += 1;
          expect(figures.flags.get(c.month)).toContain(`over capacity by ${fteText(c.request - c.freeAfterConfirmed)} FTE`);
        }
      });
    });
    // The page's conflicts list and the marks agree on how many role-months approving takes over.
    expect(flagged).toBe(view.short.count);

    const role = view.stacked[0]!.role;
    const csv = await callLoader(approvalCharts.loader, {
      path: `/approvals/${requestId}/charts/${role}/csv`,
      params: { requestId: String(requestId), role, format: "csv" },
      as: "leader@demo.test",
    });
    expect(csv.status).toBe(200);
    expect((csv.data as string).split("\r\n")[0]).toContain("This request (FTE)");
    const none = await callLoader(approvalCharts.loader, {
      path: `/approvals/${requestId}/charts/nobody/csv`,
      params: { requestId: String(requestId), role: "nobody", format: "csv" },
      as: "leader@demo.test",
    });
    expect(none.status).toBe(404);
  });
});

describe("the Fit page's charts", () => {
  it("draw each role's demand against free capacity with the heatmap's figures, and mark the earliest start", async () => {
    const id = demoEngagementId();
    const res = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: { id: String(id) }, as: "manager@demo.test" });
    expect(res.status).toBe(200);
    const { plan } = res.data as Awaited<ReturnType<typeof fitRoute.loader>>;
    expect(plan, "the demo engagement has a plan").toBeTruthy();
    const needed = plan!.heatmap.rows.filter((r) => r.cells.some((c) => c.needed > 0));
    expect(plan!.charts.map((c) => c.id)).toEqual(needed.map((r) => `fit-${r.role}`));
    needed.forEach((row, i) => {
      const svg = plan!.charts[i]!.svg;
      const figures = chartFigures(svg);
      for (const c of row.cells) {
        // The heatmap cell reads "needed/free" to one decimal: the chart's figures round to the same.
        expect((figures.bars.get(`needed|${c.month}`) ?? 0).toFixed(1)).toBe(c.needed.toFixed(1));
        expect(figures.line.get(c.month)!.toFixed(1)).toBe(c.freeAfterConfirmed.toFixed(1));
        expect(figures.flags.has(c.month)).toBe(c.level === "over");
      }
      const markerShown = plan!.earliestStart !== null && row.cells.some((c) => c.month === plan!.earliestStart);
      expect(svg.includes("data-marker")).toBe(markerShown);
    });
    const role = needed[0]!.role;
    const csv = await callLoader(fitCharts.loader, {
      path: `/engagements/${id}/fit/charts/${role}/csv`,
      params: { id: String(id), role, format: "csv" },
      as: "manager@demo.test",
    });
    expect(csv.status).toBe(200);
    expect((csv.data as string).replace(/^\uFEFF/, "").split("\r\n")).toHaveLength(needed[0]!.cells.length + 2);
  });
});

describe("the Fit page's tight months", () => {
  it("are said with why beside the plan's verdict, in the plan's chart of the role and in its CSV, where they are marked Tight", async () => {
    const id = demoEngagementId();
    const fit = async () =>
      (await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: { id: String(id) }, as: "manager@demo.test" })).data as Awaited<
        ReturnType<typeof fitRoute.loader>
      >;
    const before = (await fit()).plan!;
    // A month the plan fits with room in: another engagement's tentative booking now leaves half of what it needs.
    const row = before.heatmap.rows.find((r) => r.cells.some((c) => c.needed > 0 && c.level === "ok"))!;
    const cell = row.cells.find((c) => c.needed > 0 && c.level === "ok")!;
    const freeIfTentative = Number(/, ([\d.]+) if tentative bookings go ahead/.exec(cell.label)?.[1] ?? cell.freeAfterConfirmed);
    const other = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    db()
      .insert(bookings)
      .values({ engagementId: other, role: row.role, month: cell.month, fte: freeIfTentative - cell.needed / 2, status: "tentative" })
      .run();
    const plan = (await fit()).plan!;
    expect(plan.heatmap.rows.find((r) => r.role === row.role)!.cells.find((c) => c.month === cell.month)!.level).toBe("tight");
    expect(plan.tight?.heading).toBe("Why months are tight");
    const line = plan.tight!.byRole.find((t) => t.role === row.role)!.description;
    expect(line).toContain(formatMonth(cell.month));
    expect(line).toMatch(/fit only if (other engagements' )?tentative bookings do not go ahead/);
    const csv = await callLoader(fitCharts.loader, {
      path: `/engagements/${id}/fit/charts/${row.role}/csv`,
      params: { id: String(id), role: row.role, format: "csv" },
      as: "manager@demo.test",
    });
    const month = (csv.data as string).split("\r\n").find((l) => l.startsWith(shortMonth(cell.month)))!;
    expect(month).toMatch(/tight: [\d.]+ FTE free if other engagements' tentative bookings go ahead/);
  });
});

describe("the Fit page's chart per candidate method", () => {
  it("draws each method's tightest role with the figures of the table beneath it, and offers them as files", async () => {
    const id = demoEngagementId();
    const res = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: { id: String(id) }, as: "manager@demo.test" });
    const { perMethod } = res.data as Awaited<ReturnType<typeof fitRoute.loader>>;
    for (const m of METHODS) {
      const chart = perMethod[m].chart;
      expect(chart, `${m} has a chart`).toBeTruthy();
      const figures = chartFigures(chart!.svg);
      expect(figures.title).toBe(`${chart!.role}: demand against free capacity`);
      expect(figures.description).toContain(" started in ");
      expect(chart!.figures.some((r) => r.needed > 0)).toBe(true);
      for (const r of chart!.figures) {
        expect(figures.bars.get(`needed|${r.month}`) ?? 0).toBe(Math.round(r.needed * 100) / 100);
        expect(figures.line.get(r.month)).toBe(Math.round(r.free * 100) / 100);
        // Short months are marked, and so are tight ones: an outlined mark, and in the table "Tight" with why, as the mark says it.
        expect(figures.flags.has(r.month)).toBe(r.short > 0 || r.tight !== null);
        if (r.tight) {
          expect(r.tight).toMatch(/^([\d.]+ free if tentative bookings go ahead|(only \d+%|none) to spare)$/);
          expect(figures.flags.get(r.month)).toMatch(
            r.tight.includes("tentative")
              ? new RegExp(`^${r.label}: tight: ${r.tight.split(" ")[0]!.replace(".", "\\.")} FTE free if other engagements' tentative bookings go ahead$`)
              : new RegExp(`^${r.label}: tight: ${r.tight.replace(" to spare", "")} of the role's capacity left to spare`)
          );
        }
      }
      if (chart!.figures.some((r) => r.tight)) expect(figures.description).toMatch(/Tight in \d+ months?, marked with an outlined triangle/);
      // The method's earliest start is on its time axis whenever there is one.
      expect(chart!.svg.includes("data-marker")).toBe(perMethod[m].earliestStart !== null);
    }
    // The demo has tight months: the marks above are not vacuous.
    expect(METHODS.some((m) => perMethod[m].chart!.figures.some((r) => r.tight))).toBe(true);
    const csv = await callLoader(methodCharts.loader, {
      path: `/engagements/${id}/fit/methods/campaign/csv`,
      params: { id: String(id), method: "campaign", format: "csv" },
      as: "manager@demo.test",
    });
    expect(csv.status).toBe(200);
    const lines = (csv.data as string)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    // The demo's campaign has tight months: the last column names both kinds of mark, and holds each.
    expect(perMethod.campaign.chart!.figures.some((r) => r.tight)).toBe(true);
    expect(lines[0]).toBe("Month,Needed (FTE),Free after confirmed (FTE),Short or tight");
    expect(lines).toHaveLength(perMethod.campaign.chart!.figures.length + 1);
    perMethod.campaign.chart!.figures.forEach((r, i) => {
      if (r.tight)
        expect(lines[i + 1]).toMatch(
          /,"?tight: ([\d.]+ FTE free if other engagements' tentative bookings go ahead|(only \d+%|none) of the role's capacity left)/
        );
    });
  });
});

describe("hostile chart addresses", () => {
  it("a hostile role in the address shows the default chart on the page and no file, echoing nothing", async () => {
    // The markup among the hostile values: plain words such as "end" may well appear in a chart's own text.
    const markup = HOSTILE.filter((h) => /[<>"&%]/.test(h.value) && h.value.length < 1000);
    expect(markup.length).toBeGreaterThan(3);
    for (const { value } of markup) {
      const p = await portfolio(`?role=${encodeURIComponent(value)}`);
      expect(p.charts.role).not.toBe(value);
      expect(p.charts.capacity!.svg).not.toContain(value);
      const file = await callLoader(portfolioCharts.loader, {
        path: `/portfolio/charts/capacity/svg?role=${encodeURIComponent(value)}`,
        params: { chart: "capacity", format: "svg" },
        as: "leader@demo.test",
      });
      expect(file.status).toBe(404);
      expect(String(file.data)).not.toContain(value);
    }
  });
});
