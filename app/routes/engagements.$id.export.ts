import type { LoaderFunctionArgs } from "@remix-run/node";
import { engagementIdParam } from "~/lib/params";
import { view } from "~/lib/route.server";
import { exportBundle } from "~/models/bundle.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { requireUser } from "~/services/session.server";

function slug(text: string) {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "engagement"
  );
}

/** Downloads the engagement bundle as a JSON file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const bundle = view(() => exportBundle(user, id));
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug(engagement.title)}-bundle.json"`,
      "Cache-Control": "no-store",
    },
  });
}
