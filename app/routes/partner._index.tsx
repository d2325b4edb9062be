import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { partnerStatus } from "~/domain/workflow";
import { listEngagements } from "~/models/engagements.server";
import { acceptedLatestShared } from "~/models/sharing.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Your proposals · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "proposal:respond", "This space is for partner executives.");
  const list = listEngagements(user);
  const accepted = acceptedLatestShared(list.map((e) => e.id));
  const engagements = list.map((e) => {
    const status = partnerStatus(e.stage, accepted.has(e.id));
    return { id: e.id, title: e.title, status: status.label, tone: status.tone };
  });
  return { organisationName: user.organisationName, engagements };
}

export default function PartnerSpace() {
  const { organisationName, engagements } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Your proposals" intro={organisationName ? `Partnership proposals for ${organisationName}.` : undefined} />
      {engagements.length === 0 ? (
        <EmptyState title="Nothing to review yet">
          When your partnership manager shares a proposal with your organisation, it appears here for you to read, comment on and accept. You will also see it
          listed in your notices.
        </EmptyState>
      ) : (
        <ul className="card link-list">
          {engagements.map((e) => (
            <li key={e.id}>
              <Link to={`/partner/engagements/${e.id}`}>{e.title}</Link> <StatusBadge tone={e.tone}>{e.status}</StatusBadge>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
