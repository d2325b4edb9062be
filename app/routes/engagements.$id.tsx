import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Stepper } from "~/components/stepper";
import { Notice, PageHeader, StatusBadge } from "~/components/ui";
import { STEPS, type StepKey } from "~/domain/steps";
import { STAGE_LABELS, STAGE_TONES, type Stage } from "~/domain/workflow";
import { engagementIdParam } from "~/lib/params";
import { engagementSteps } from "~/models/engagement-steps.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.engagement.title} · Partnership Planner` : "Engagement · Partnership Planner" },
];

/** The frame every engagement page shares: title, partner, stage and the stepper. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const e = getEngagementForStaff(user, id);
  return {
    engagement: { id: e.id, title: e.title, stage: e.stage, organisationName: e.organisation.name, canEdit: e.canEdit },
    ...engagementSteps(id),
  };
}

const LIVE_STEPS: StepKey[] = ["intake", "fit", "method", "driver-diagram", "timeline", "proposal", "review"];

/** The steps whose edits feed the next proposal version. */
const EDITING_STEPS: StepKey[] = ["intake", "method", "driver-diagram", "timeline"];

/** Where the latest version is while someone outside the team decides on it. */
const OUT_FOR_DECISION: Partial<Record<Stage, string>> = {
  shared: "The latest proposal version is with the partner for review.",
  awaiting_approval: "The latest proposal version is with leadership for approval.",
};

export default function EngagementLayout() {
  const { engagement, steps } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const current = pathname.includes("/versions/") ? "proposal" : STEPS.find((s) => pathname.endsWith(`/${s.key}`))?.key;
  return (
    <>
      <PageHeader
        title={engagement.title}
        intro={
          <>
            {engagement.organisationName} · <StatusBadge tone={STAGE_TONES[engagement.stage]}>{STAGE_LABELS[engagement.stage]}</StatusBadge>
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
      {current && EDITING_STEPS.includes(current) && engagement.canEdit && OUT_FOR_DECISION[engagement.stage] ? (
        <Notice>
          {OUT_FOR_DECISION[engagement.stage]} Changes made here do not alter that version; they go into the next one, which you create on the{" "}
          <Link to={`/engagements/${engagement.id}/proposal`}>Proposal</Link> step.
        </Notice>
      ) : null}
      <Outlet />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
