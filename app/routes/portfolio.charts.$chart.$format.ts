import type { LoaderFunctionArgs } from "@remix-run/node";
import { chartDownload, chartFormatParam } from "~/lib/chart-download.server";
import { capacityChart, chartRole, pipelineChart } from "~/domain/portfolio-charts";
import { getPortfolio } from "~/models/portfolio.server";
import { currentMonth } from "~/services/clock.server";
import { notFound, requirePermission } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** The portfolio's charts as files: the capacity of one role (?role=) or the pipeline, as CSV, SVG or PNG. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "portfolio:read", "The portfolio is for leadership and partnership managers.");
  const format = chartFormatParam(params);
  if (params.chart !== "capacity" && params.chart !== "pipeline") throw notFound("The portfolio has a capacity chart and a pipeline chart.");
  const portfolio = getPortfolio(user, { today: currentMonth(), now: new Date().toISOString() });
  if (params.chart === "pipeline") return chartDownload(pipelineChart(portfolio.pipeline), format, "portfolio-pipeline");
  const asked = new URL(request.url).searchParams.get("role");
  if (asked !== null && !portfolio.capacity.rows.some((r) => r.role === asked)) throw notFound("The portfolio has no such role.");
  const role = chartRole(portfolio.capacity, asked);
  return chartDownload(role ? capacityChart(portfolio.capacity, role) : null, format, `portfolio-capacity-${role ?? ""}`);
}

export const action = readOnly;
