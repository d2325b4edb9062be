import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFile } from "~/domain/calendar-file";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam, idParam } from "~/lib/params";
import { versionState } from "~/domain/proposal-content";
import { approvalStateOf, getVersion } from "~/models/proposal.server";
import { versionSetAside } from "~/models/workflow.server";
import { notFound, requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/**
 * A version's key dates as a calendar file, from its frozen timeline: what the partner was shown,
 * never live edits (docs/domain.md §9.4). Authorised like the version itself.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const timeline = version.snapshot.timeline;
  if (!timeline) throw notFound("This version has no timeline.");
  // A version declined or set aside will not happen: its dates are not offered for a calendar.
  const gone = versionSetAside(version.engagementId, version.number);
  if (gone) throw notFound(gone);
  const ics = calendarFile({
    engagementId: version.engagementId,
    title: version.content.title,
    timeline,
    changedAt: version.sharedAt ?? version.createdAt,
    sequence: version.number,
    // Agreed once leadership approved it and the partner accepted it (docs/domain.md §9.9); tentative until then.
    confirmed: versionState(approvalStateOf(version.id)) === "agreed",
  });
  return attachment(ics, fileName(version.content.title, `v${version.number}-key-dates.ics`, "proposal"), "text/calendar; charset=utf-8");
}

export const action = readOnly;
