import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestChart } from "~/domain/approval-charts";
import { chartDownload, chartFormatParam } from "~/lib/chart-download.server";
import { idParam } from "~/lib/params";
import { getApprovalRequest } from "~/models/approvals.server";
import { notFound, requirePermission } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** One role's chart of an approval request as a file: CSV, SVG or PNG; for leadership, like the request. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "approval:read", "Approval requests are for leadership.");
  const requestId = idParam(params, "requestId", "approval request");
  const format = chartFormatParam(params);
  const view = getApprovalRequest(user, requestId);
  const stack = view.stacked.find((s) => s.role === params.role);
  if (!stack) throw notFound("This request needs no one in that role.");
  return chartDownload(requestChart(stack, requestId), format, `${view.engagementTitle}-v${view.request.number}-${stack.role}`);
}

export const action = readOnly;
