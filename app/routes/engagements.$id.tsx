import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Stepper } from "~/components/stepper";
import { PageHeader, StatusBadge } from "~/components/ui";
import { STEPS, type StepKey } from "~/domain/steps";
import type { OutForDecision } from "~/domain/workflow";
import { engagementIdParam } from "~/lib/params";
import { engagementSteps } from "~/models/engagement-steps.server";
import { engagementBadge, getEngagementForStaff } from "~/models/engagements.server";
import { latestVersionOut } from "~/models/workflow.server";
import { currentDay, currentMonth } from "~/services/clock.server";
import { answersDue } from "~/models/sharing.server";
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
    // Where it stands, as the list and the review page say it: the stage, or the partner's acceptance and what remains.
    badge: engagementBadge(id),
    out: outWords(latestVersionOut(id, e.stage)),
    // The partner's answer past the day asked for it (docs/domain.md §9.16), said on every page of the engagement.
    overdue: ((due) => (due?.overdue ? due.words : null))(answersDue([id], currentDay()).get(id)),
    ...engagementSteps(id, currentMonth()),
  };
}

const LIVE_STEPS: StepKey[] = ["intake", "fit", "method", "driver-diagram", "timeline", "proposal", "review"];

/** The steps whose edits feed the next proposal version: the Fit page's too, whose pricing levers shape the draft's fee. */
const EDITING_STEPS: StepKey[] = ["intake", "fit", "method", "driver-diagram", "timeline"];

/** Said on the server: the words stay out of the page's scripts. */
const OUT_FOR_DECISION: Record<NonNullable<OutForDecision>, { before: string; after: string }> = {
  with_partner: {
    before:
      "The latest proposal version is with the partner for review. Changes made here do not alter that version; they go into the next one, which you create on the",
    after: "step.",
  },
  with_leadership: {
    before:
      "The latest proposal version is with leadership for approval. Changes made here do not alter that version; they go into the next one, which you create on the",
    after: "step.",
  },
  approved: {
    before: "Leadership has approved the proposal. Changes made here do not alter the approved version; they go into a new one, made on the",
    after: "step, which leadership would need to approve again before it replaced the approved one.",
  },
};

function outWords(out: OutForDecision) {
  return out ? { kind: out, ...OUT_FOR_DECISION[out] } : null;
}

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
