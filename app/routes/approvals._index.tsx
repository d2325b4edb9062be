import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, formatDate, PageHeader, StatusBadge } from "~/components/ui";
import { budgetInBrief, capacityInBrief, type Commitments } from "~/domain/commitments";
import { money } from "~/domain/money";
import { plural } from "~/domain/plural";
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
    pending: pending.map(({ commits, ...r }) => ({ ...r, progress: approvalProgress(r.decisions, r.requiredApprovals), ...commitsInWords(commits) })),
    decided: recentRequestLines(decided.map((r) => ({ ...r, on: r.decidedAt ? formatDate(r.decidedAt) : null }))),
  };
}

/** What a request commits, as the queue's columns say it: each fee offered against the budget, and our staff's time. */
function commitsInWords(c: Commitments) {
  return {
    fees: c.fees.map((f) => ({
      key: f.option ?? "",
      fee: f.option ? `${f.option}: ${money(f.fee, c.currency)}` : money(f.fee, c.currency),
      against: budgetInBrief(f, c.currency ?? ""),
      above: f.comparison.verdict === "above",
    })),
    fteMonths: plural(c.fteMonths, "FTE-month"),
    capacity: capacityInBrief(c),
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
          <table className="data queue-table phone-blocks">
            <caption className="visually-hidden">Waiting for approval, longest waiting first</caption>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Submitted</th>
                <th scope="col">Fee</th>
                <th scope="col">Staff time</th>
                <th scope="col">Needs</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr key={r.id} data-request={r.id}>
                  <td>
                    <Link to={`/approvals/${r.id}`}>{r.engagementTitle}</Link>
                    <span className="queue-table__sub">
                      {r.partnerName}, version {r.number}
                      {r.amends ? `: an amendment; version ${r.amends} is approved and stays in force` : null}
                    </span>
                  </td>
                  <td data-label="Submitted">
                    {formatDate(r.submittedAt)} by {r.submittedByName}
                  </td>
                  <td data-label="Fee" data-fee>
                    {r.fees.length === 0 ? (
                      <span className="muted">No fee stated</span>
                    ) : (
                      r.fees.map((f) => (
                        <span key={f.key} className="queue-table__line">
                          {f.fee}
                          <span className={f.above ? "queue-table__sub queue-table__sub--over" : "queue-table__sub"}>{f.against}</span>
                        </span>
                      ))
                    )}
                  </td>
                  <td data-label="Staff time" data-staff-time>
                    {r.fteMonths}
                    <span className="queue-table__sub">{r.capacity}</span>
                  </td>
                  <td data-label="Needs">
                    {r.requiredApprovals === 2 ? <StatusBadge tone="warning">Two leaders</StatusBadge> : <StatusBadge tone="neutral">One leader</StatusBadge>}{" "}
                    {r.conflictAcknowledgementRequired ? <StatusBadge tone="danger">Capacity conflict</StatusBadge> : null}{" "}
                    {r.progress ? (
                      <span className="small" data-progress>
                        {r.progress}{" "}
                      </span>
                    ) : null}
                    {r.decisions.some((d) => d.leaderId === userId) ? (
                      <span className="small muted">You have decided.</span>
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
          <p className="small muted queue-table__note">
            Fees and staff time are as each version states them; short and tight role-months as assessed when the version was made. Each request shows its
            months against today&apos;s bookings.
          </p>
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
