import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { BODY_LIMITS, BUNDLE_BYTES } from "~/domain/body-limits";
import { mayEver, readsSharedOnly } from "~/domain/permissions";
import { api, apiError, apiRefusal } from "~/lib/api.server";
import { importBundle } from "~/models/bundle.server";
import { listEngagements } from "~/models/engagements.server";
import { partnerProposals } from "~/models/sharing.server";
import type { Actor } from "~/domain/roles";
import { requireApiUser } from "~/services/session.server";

/** GET /api/engagements: the engagements the signed-in user may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  return api(() => {
    const user = requireApiUser(request);
    if (!mayEver(user, "proposal:read")) return apiError(403, "Administrators do not have access to engagements.");
    // Partners read the status their own page shows (never the internal stage), from the same function.
    const rows = readsSharedOnly(user)
      ? partnerApiRows(user)
      : listEngagements(user).map((e) => ({ id: e.id, title: e.title, partner: e.partner, stage: e.stage }));
    return Response.json(rows, { headers: { "Cache-Control": "no-store" } });
  });
}

function partnerApiRows(user: Actor) {
  const statuses = new Map(partnerProposals(user).map((p) => [p.id, p.status]));
  return listEngagements(user).map((e) => ({ id: e.id, title: e.title, partner: e.partner, status: statuses.get(e.id) }));
}

/** POST /api/engagements: imports an engagement bundle (JSON body) as a new engagement. */
export async function action({ request }: ActionFunctionArgs) {
  return api(async () => {
    const user = requireApiUser(request);
    if (request.method !== "POST") return apiError(405, "Use POST.", undefined, { Allow: "GET, POST" });
    if (!mayEver(user, "engagement:create")) return apiError(403, "Only partnership managers import engagements.");
    const text = await request.text();
    // Bytes, not characters: the server has stopped reading well before a body this large gets here.
    if (Buffer.byteLength(text) > BUNDLE_BYTES) return apiError(413, BODY_LIMITS.bundle.message);
    const result = importBundle(user, text);
    if (!result.ok) return apiRefusal(400, result.errors, "The bundle was not imported: each problem is listed by its path in the bundle.");
    return Response.json({ id: result.id }, { status: 201, headers: { Location: `/api/engagements/${result.id}` } });
  });
}
