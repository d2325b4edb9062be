import type { LoaderFunctionArgs } from "@remix-run/node";
import { listEngagements } from "~/models/engagements.server";
import { requireApiUser } from "~/services/session.server";

/** GET /api/engagements: the engagements the signed-in user may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireApiUser(request);
  if (user.role === "admin") return Response.json({ error: "Administrators do not have access to engagements." }, { status: 403 });
  const rows = listEngagements(user).map((e) => ({ id: e.id, title: e.title, partner: e.partner, stage: e.stage }));
  return Response.json(rows, { headers: { "Cache-Control": "no-store" } });
}
