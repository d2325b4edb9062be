import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Stepper } from "~/components/stepper";
import { PageHeader, StatusBadge } from "~/components/ui";
import { STEPS, type StepKey } from "~/domain/steps";
import { engagementIdParam } from "~/lib/params";
import { engagementFrame } from "~/models/engagement-frame.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.engagement.title} · Partnership Planner` : "Engagement · Partnership Planner" },
];

/** The frame every engagement page shares: title, partner, stage and the stepper. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return engagementFrame(requireUser(request), engagementIdParam(params));
}

const LIVE_STEPS: StepKey[] = ["intake", "fit", "method", "driver-diagram", "timeline", "proposal", "review"];

/** The steps whose edits feed the next proposal version: the Fit page's too, whose pricing levers shape the draft's fee. */
const EDITING_STEPS: StepKey[] = ["intake", "fit", "method", "driver-diagram", "timeline"];

export default function EngagementLayout() {
  const { engagement, badge, steps, out, overdue } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const current = pathname.includes("/versions/") ? "proposal" : STEPS.find((s) => pathname.endsWith(`/${s.key}`))?.key;
  return (
    <>
      <PageHeader
        title={engagement.title}
        intro={
          <>
            {engagement.organisationName} · <StatusBadge tone={badge.tone}>{badge.label}</StatusBadge>
            {overdue ? (
              <>
                {" · "}
                <Link to={`/engagements/${engagement.id}/review`} data-answer-overdue>
                  {overdue}
                </Link>
              </>
            ) : null}
          </>
        }
        breadcrumbs={
          <>
            <Link to="/engagements">Engagements</Link>
            {current ? (
              <>
                {" › "}
                <Link to={`/engagements/${engagement.id}`}>Overview</Link>
              </>
            ) : null}
          </>
        }
      />
      <Stepper steps={steps} current={current} hrefFor={(key) => (LIVE_STEPS.includes(key) ? `/engagements/${engagement.id}/${key}` : undefined)} />
      {current && EDITING_STEPS.includes(current) && engagement.canEdit && out ? (
        <div className="notice" data-out-for-decision={out.kind}>
          {out.before} <Link to={`/engagements/${engagement.id}/proposal`}>Proposal</Link> {out.after}
        </div>
      ) : null}
      <Outlet />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
