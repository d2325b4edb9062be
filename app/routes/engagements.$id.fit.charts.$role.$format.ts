import { startSettled } from "~/domain/workflow";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fitChart } from "~/domain/fit-charts";
import { searchWindow } from "~/domain/fit-words";
import { chartDownload, chartFormatParam } from "~/lib/chart-download.server";
import { engagementIdParam } from "~/lib/params";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getFitView } from "~/models/fit.server";
import { currentMonth } from "~/services/clock.server";
import { notFound, requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** One role's chart of the plan's fit as a file: CSV, SVG or PNG; for staff, like the Fit page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const format = chartFormatParam(params);
  const { plan, today } = getFitView(user, id, currentMonth());
  const row = plan?.heatmap.rows.find((r) => r.role === params.role && r.cells.some((c) => c.needed > 0));
  if (!plan || !row) throw notFound("The plan needs no one in that role.");
  return chartDownload(
    fitChart(row, plan.earliestStart, searchWindow(today, plan.start), "fit", plan.joining, startSettled(engagement.stage)),
    format,
    `${engagement.title}-fit-${row.role}`
  );
}

export const action = readOnly;
