import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, formatDateTime } from "~/components/ui";
import { auditDetails, auditLabel } from "~/domain/audit";
import { engagementIdParam } from "~/lib/params";
import { listAudit } from "~/models/audit.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Audit trail · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  getEngagementForStaff(user, id);
  return { id, rows: listAudit(user, id) };
}

export default function AuditTrail() {
  const { id, rows } = useLoaderData<typeof loader>();
  if (rows.length === 0) return <EmptyState title="Nothing recorded yet">Every change, share, comment, decision and download is recorded here.</EmptyState>;
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      <p className="muted">
        Every change, share, comment, decision and download, as it happened. Append-only.{" "}
        <a href={`/engagements/${id}/audit.csv`} download>
          Download as CSV
        </a>
      </p>
      <div className="table-wrap">
        <table className="data" data-audit>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Version</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.who}</td>
                <td>{auditLabel(r.action)}</td>
                <td>{r.version ?? ""}</td>
                <td className="small">{auditDetails(r.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
