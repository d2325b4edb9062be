import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditLabel, toCsv } from "~/domain/audit";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam } from "~/lib/params";
import { listAudit } from "~/models/audit.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** The audit trail as CSV, for managers and leaders. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const rows = listAudit(user, id).map((r) => [r.at, r.who, r.action, auditLabel(r.action), r.version ?? "", JSON.stringify(r.detail)]);
  const csv = toCsv(["at", "who", "action", "description", "version", "detail"], rows);
  return attachment(csv, fileName(engagement.title, "audit.csv"), "text/csv; charset=utf-8");
}

export const action = readOnly;
