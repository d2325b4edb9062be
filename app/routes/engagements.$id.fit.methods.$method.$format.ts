import { startSettled } from "~/domain/workflow";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodFitChart } from "~/domain/fit-charts";
import { searchWindow } from "~/domain/fit-words";
import { METHOD_LABELS, METHODS, type Method } from "~/domain/methods";
import { chartDownload, chartFormatParam } from "~/lib/chart-download.server";
import { engagementIdParam } from "~/lib/params";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getFitView } from "~/models/fit.server";
import { currentMonth } from "~/services/clock.server";
import { notFound, requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** One candidate method's small chart on the Fit page as a file: CSV, SVG or PNG; for staff, like the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const format = chartFormatParam(params);
  if (!(METHODS as readonly string[]).includes(params.method ?? "")) throw notFound("No such method.");
  const method = params.method as Method;
  const { perMethod, methodCharts, today } = getFitView(user, id, currentMonth());
  const chart = methodCharts[method];
  if (!chart) throw notFound("This method's fit has no chart: no one is on the roster, or it needs no one.");
  return chartDownload(
    methodFitChart(
      { key: method, label: METHOD_LABELS[method] },
      chart.row,
      perMethod[method].earliestStart,
      chart.desiredStart,
      searchWindow(today, chart.desiredStart),
      startSettled(engagement.stage),
      { short: perMethod[method].shortfalls.length, tight: perMethod[method].tightSpots.length }
    ),
    format,
    `${engagement.title}-fit-${method}`
  );
}

export const action = readOnly;
