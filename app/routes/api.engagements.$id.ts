import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { exportBundle } from "~/models/bundle.server";
import { requireApiUser } from "~/services/session.server";

/** GET /api/engagements/:id: the engagement bundle, for managers and leaders; 404 in JSON to anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireApiUser(request);
  const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(params.id);
  const notFound = () => Response.json({ error: "No such engagement." }, { status: 404 });
  if (!id.success) return notFound();
  try {
    return Response.json(exportBundle(user, id.data), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof Response && e.status === 404) return notFound();
    throw e;
  }
}
