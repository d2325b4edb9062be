import { CHART_FORMATS, chartCsv, type ChartFormat, type ChartSpec } from "~/domain/charts";
import { attachment, fileName } from "~/lib/download";
import { chartSvgFile, drawChart } from "~/lib/chart-svg.server";
import { renderChartPng } from "~/services/chart-render.server";
import { notFound } from "~/services/session.server";

/** The format a chart download asks for, or 404. */
export function chartFormatParam(params: Record<string, string | undefined>): ChartFormat {
  const format = params.format;
  if (!format || !(CHART_FORMATS as readonly string[]).includes(format)) throw notFound("Charts download as csv, svg or png.");
  return format as ChartFormat;
}

/** A chart as a file: its figures as CSV, or its picture as SVG or PNG, named after `name`. */
export async function chartDownload(spec: ChartSpec | null, format: ChartFormat, name: string): Promise<Response> {
  if (!spec) throw notFound("No such chart.");
  if (format === "csv") return attachment(`\uFEFF${chartCsv(spec)}`, fileName(name, "chart.csv", "chart"), "text/csv; charset=utf-8");
  if (format === "svg") return attachment(chartSvgFile(spec), fileName(name, "chart.svg", "chart"), "image/svg+xml; charset=utf-8");
  let png: Uint8Array;
  try {
    png = await renderChartPng(drawChart(spec));
  } catch (e) {
    console.warn(`A chart could not be drawn as PNG: ${(e as Error).message}`);
    throw new Response("The picture could not be drawn as PNG just now; the SVG and the CSV are available.", {
      status: 503,
      statusText: "Service Unavailable",
    });
  }
  return attachment(png, fileName(name, "chart.png", "chart"), "image/png");
}
