import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, PageHeader } from "~/components/ui";
import { noticesForRequest } from "~/models/notices.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Notices · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { notices: noticesForRequest(request, user) };
}

export default function Notices() {
  const { notices } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Notices" intro="What waits for you." />
      {notices.length === 0 ? (
        <EmptyState title="Nothing waits for you">Shared proposals, requests for changes and approvals that need you appear here.</EmptyState>
      ) : (
        <ul className="card link-list" data-notices>
          {notices.map((n) => (
            <li key={n.href + n.text}>
              <Link to={n.href}>{n.text}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
