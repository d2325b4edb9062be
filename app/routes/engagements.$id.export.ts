import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam } from "~/lib/params";
import { view } from "~/lib/route.server";
import { exportBundle } from "~/models/bundle.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** Downloads the engagement bundle as a JSON file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const bundle = view(() => exportBundle(user, id));
  return attachment(JSON.stringify(bundle, null, 2), fileName(engagement.title, "bundle.json"), "application/json; charset=utf-8");
}

export const action = readOnly;
