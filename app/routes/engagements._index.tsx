import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, formatDate, PageHeader, StatusBadge } from "~/components/ui";
import { mayEver } from "~/domain/permissions";
import { STAGE_LABELS, STAGE_TONES } from "~/domain/workflow";
import { listEngagements } from "~/models/engagements.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Engagements · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "engagement:read", "Engagements are for partnership managers and leadership.");
  return { engagements: listEngagements(user), canCreate: mayEver(user, "engagement:create") };
}

export default function Engagements() {
  const { engagements, canCreate } = useLoaderData<typeof loader>();
  const newButton = canCreate ? (
    <>
      <Link className="button" to="/engagements/new">
        New engagement
      </Link>
      <Link className="button button--secondary" to="/engagements/import">
        Import a bundle
      </Link>
    </>
  ) : null;
  return (
    <>
      <PageHeader title="Engagements" intro="Every partnership being scoped, proposed or approved." actions={newButton} />
      {engagements.length === 0 ? (
        <EmptyState title="No engagements yet" action={newButton}>
          {canCreate
            ? "Start one for a prospective partner: you will take it through intake, fit, method, driver diagram, timeline and proposal."
            : "Engagements appear here once partnership managers start them."}
        </EmptyState>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="data">
            <caption className="visually-hidden">Engagements</caption>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Partner</th>
                <th scope="col">Stage</th>
                <th scope="col">Owner</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {engagements.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/engagements/${e.id}`}>{e.title}</Link>
                  </td>
                  <td>{e.partner.name}</td>
                  <td>
                    <StatusBadge tone={STAGE_TONES[e.stage]}>{STAGE_LABELS[e.stage]}</StatusBadge>
                  </td>
                  <td>{e.ownerName}</td>
                  <td>{formatDate(e.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
