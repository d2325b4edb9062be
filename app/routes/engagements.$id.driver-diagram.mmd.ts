import type { LoaderFunctionArgs } from "@remix-run/node";
import { driverDiagramToMermaid } from "~/domain/driver-diagram-mermaid";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam } from "~/lib/params";
import { getDriverDiagram } from "~/models/driver-diagram.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { notFound, requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** Downloads the mermaid source the page draws (generated from the model, never typed by anyone). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const stored = getDriverDiagram(user, id);
  if (!stored) throw notFound("This engagement has no driver diagram yet.");
  // The same drawing as on the page: measures as counts unless the page showed names or hid them.
  const shown = new URL(request.url).searchParams.get("measures");
  const measures = shown === "names" || shown === "none" ? shown : "count";
  return attachment(driverDiagramToMermaid(stored.diagram, { measures }), fileName(engagement.title, "driver-diagram.mmd"), "text/plain; charset=utf-8");
}

export const action = readOnly;
