import type { LoaderFunctionArgs } from "@remix-run/node";
import { driverDiagramToCsv } from "~/domain/driver-diagram-csv";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam } from "~/lib/params";
import { getDriverDiagram } from "~/models/driver-diagram.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { notFound, requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** Downloads the driver diagram as a CSV outline, to edit in a spreadsheet and upload again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const stored = getDriverDiagram(user, id);
  if (!stored) throw notFound("This engagement has no driver diagram yet.");
  // The byte-order mark tells spreadsheets the file is UTF-8; reading it back ignores it.
  return attachment(`\uFEFF${driverDiagramToCsv(stored.diagram)}`, fileName(engagement.title, "driver-diagram.csv"), "text/csv; charset=utf-8");
}

export const action = readOnly;
