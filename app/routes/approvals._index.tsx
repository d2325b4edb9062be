import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, formatDate, PageHeader, StatusBadge } from "~/components/ui";
import { approvalProgress, recentRequestLines } from "~/domain/workflow";
import { approvalsQueue } from "~/models/approvals.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Approvals · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "approval:decide", "The approvals queue is for leadership.");
  // Longest waiting first, as the portfolio lists them.
  const { pending, decided } = approvalsQueue(user, new Date().toISOString());
  return {
    userId: user.id,
    pending: pending.map((r) => ({ ...r, progress: approvalProgress(r.decisions, r.requiredApprovals) })),
    decided: recentRequestLines(decided.map((r) => ({ ...r, on: r.decidedAt ? formatDate(r.decidedAt) : null }))),
  };
}

export default function Approvals() {
  const { userId, pending, decided } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Approvals"
        intro={`Proposal versions waiting for leadership to approve the resourcing they commit${pending.length > 1 ? ", longest waiting first" : ""}.`}
      />
      {pending.length === 0 ? (
        <EmptyState title="Nothing waiting for approval">
          When a partnership manager submits a proposal version, it appears here with the resourcing it commits.
        </EmptyState>
      ) : (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="data">
            <caption className="visually-hidden">Waiting for approval, longest waiting first</caption>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Partner</th>
                <th scope="col">Version</th>
                <th scope="col">Submitted</th>
                <th scope="col">Needs</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/approvals/${r.id}`}>{r.engagementTitle}</Link>
                  </td>
                  <td>{r.partnerName}</td>
                  <td>{r.number}</td>
                  <td>
                    {formatDate(r.submittedAt)} by {r.submittedByName}
                  </td>
                  <td>
                    {r.requiredApprovals === 2 ? <StatusBadge tone="warning">Two leaders</StatusBadge> : <StatusBadge tone="neutral">One leader</StatusBadge>}{" "}
                    {r.conflictAcknowledgementRequired ? <StatusBadge tone="danger">Capacity conflict</StatusBadge> : null}{" "}
                    {r.progress ? (
                      <span className="small" data-progress>
                        {r.progress}{" "}
                      </span>
                    ) : null}
                    {r.decisions.some((d) => d.leaderId === userId) ? (
                      <span className="small muted">You have decided</span>
                    ) : r.whyNot ? (
                      <span className="small" data-why-not>
                        {r.whyNot}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {decided.length ? (
        <section className="card">
          <h2>Recently decided or withdrawn</h2>
          <p className="small muted">The most recent first.</p>
          <ul className="reasons">
            {decided.map((r) => (
              <li key={r.id}>
                <Link to={`/approvals/${r.id}`}>{r.engagementTitle}</Link>, {r.words}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
