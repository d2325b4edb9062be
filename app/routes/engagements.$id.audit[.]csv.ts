import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditLabel, toCsv } from "~/domain/audit";
import { engagementIdParam } from "~/lib/params";
import { listAudit } from "~/models/audit.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { requireUser } from "~/services/session.server";

/** The audit trail as CSV, for managers and leaders. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  getEngagementForStaff(user, id);
  const rows = listAudit(user, id).map((r) => [r.at, r.who, r.action, auditLabel(r.action), r.version ?? "", JSON.stringify(r.detail)]);
  return new Response(toCsv(["at", "who", "action", "description", "version", "detail"], rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="engagement-${id}-audit.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
