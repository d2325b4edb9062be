import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFile } from "~/domain/calendar-file";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam } from "~/lib/params";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getTimelineForCalendar } from "~/models/timeline.server";
import { notFound, requireUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

/** The live timeline's key dates as a calendar file, for staff (docs/domain.md §8.6). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const stored = getTimelineForCalendar(user, id);
  if (!stored) throw notFound("This engagement has no timeline yet.");
  // The live timeline may move after a version is agreed: only a version's own file says its dates are agreed.
  const ics = calendarFile({
    engagementId: id,
    title: engagement.title,
    timeline: stored.timeline,
    changedAt: stored.updatedAt,
    sequence: stored.version,
    confirmed: false,
  });
  return attachment(ics, fileName(engagement.title, "key-dates.ics"), "text/calendar; charset=utf-8");
}

export const action = readOnly;
