import type { LoaderFunctionArgs } from "@remix-run/node";
import { NotFound } from "~/domain/errors";
import { readsSharedOnly } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { exportBundle } from "~/models/bundle.server";
import { listEngagements } from "~/models/engagements.server";
import { listVersions } from "~/models/proposal.server";
import { listComments } from "~/models/comments.server";
import { partnerProposals } from "~/models/sharing.server";

/** What a partner executive may see of an engagement: its shared versions and partner-visible comments, nothing internal. */
function partnerView(user: Actor, id: number) {
  const engagement = listEngagements(user).find((e) => e.id === id);
  if (!engagement) throw new NotFound("No such engagement.");
  return {
    id,
    title: engagement.title,
    partner: engagement.partner,
    // What the partner's own page says of the latest version shared with them.
    status: partnerProposals(user).find((p) => p.id === id)?.status,
    versions: listVersions(user, id)
      .reverse()
      .map((v) => ({
        number: v.number,
        sharedAt: v.sharedAt,
        documents: {
          page: `/partner/engagements/${id}?version=${v.number}`,
          docx: `/engagements/${id}/versions/${v.number}/docx`,
          pdf: `/engagements/${id}/versions/${v.number}/pdf`,
        },
      })),
    comments: listComments(user, id).map((c) => ({
      id: c.id,
      version: c.number,
      section: c.sectionKey,
      parentId: c.parentId,
      author: c.authorName,
      body: c.body,
      at: c.createdAt,
      resolved: Boolean(c.resolvedAt),
    })),
  };
}
import { api } from "~/lib/api.server";
import { engagementIdParam } from "~/lib/params";
import { requireApiUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** GET /api/engagements/:id: the bundle for managers and leaders, the partner view for partners; 404 in JSON otherwise. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return api(() => {
    const user = requireApiUser(request);
    const id = engagementIdParam(params);
    const body = readsSharedOnly(user) ? partnerView(user, id) : exportBundle(user, id);
    return Response.json(body, { headers: { "Cache-Control": "no-store" } });
  });
}

export const action = readOnly;
