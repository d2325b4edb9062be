import { Link } from "@remix-run/react";
import { EmptyState, formatDate, StatusBadge, TableScroll } from "~/components/ui";
import { formatCount, plural } from "~/domain/plural";
import { APPROVALS_SHOWN } from "~/domain/portfolio";
import type { PortfolioView } from "~/models/portfolio.server";
import { listsLink, type ChartShown, type ListsShown } from "./lists-link";

/** Proposal versions waiting for leadership, longest waiting first, with what each approval needs. */
export function ApprovalsSection(
  data: Pick<PortfolioView, "approvals" | "approvalsTotal" | "awaitingWithoutRequest" | "waitingDays"> & ListsShown & ChartShown
) {
  const { approvals, approvalsTotal, awaitingWithoutRequest } = data;
  const partial = approvals.length < approvalsTotal;
  return (
    <section className="card" id="approvals" aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">Approvals waiting</h2>
      {approvalsTotal > APPROVALS_SHOWN ? (
        <p data-approvals-count>
          {partial
            ? `The ${formatCount(approvals.length)} waiting longest of ${formatCount(approvalsTotal)}. `
            : `All ${formatCount(approvalsTotal)}, longest waiting first. `}
          {partial ? (
            <Link to={listsLink(data, { allApprovals: true }, "approvals")}>Show all {formatCount(approvalsTotal)}</Link>
          ) : (
            <Link to={listsLink(data, { allApprovals: false }, "approvals")}>Show only the {APPROVALS_SHOWN} waiting longest</Link>
          )}
        </p>
      ) : null}
      {approvals.length === 0 ? (
        <EmptyState title="Nothing is waiting for approval">
          When a partnership manager submits a proposal version for leadership approval, it appears here with what the approval gate needs.
        </EmptyState>
      ) : (
        <TableScroll labelledBy="approvals-caption">
          <table className="data portfolio-approvals">
            <caption id="approvals-caption" className="visually-hidden">
              Proposal versions waiting for leadership approval, longest waiting first
            </caption>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col" className="num">
                  Version
                </th>
                <th scope="col">Submitted</th>
                <th scope="col">What the approval needs</th>
              </tr>
            </thead>
            <tbody>
              {approvals.map((a) => (
                <tr key={a.id} data-request={a.id}>
                  <td>
                    <Link to={`/approvals/${a.id}`}>{a.engagementTitle}</Link>
                    <span className="small muted portfolio-sub">{a.partnerName}</span>
                  </td>
                  <td className="num">{a.number}</td>
                  <td>
                    {formatDate(a.submittedAt)}
                    <span className="small muted portfolio-sub">by {a.submittedByName}</span>
                    {a.daysWaiting > data.waitingDays ? (
                      <StatusBadge tone="warning">Waiting {a.daysWaiting} days</StatusBadge>
                    ) : (
                      <span className="small muted portfolio-sub">{a.daysWaiting === 0 ? "today" : `${plural(a.daysWaiting, "day")} ago`}</span>
                    )}
                  </td>
                  <td>
                    <p className="portfolio-gate">
                      {a.requiredApprovals === 2 ? <StatusBadge tone="warning">Two leaders</StatusBadge> : <StatusBadge tone="neutral">One leader</StatusBadge>}{" "}
                      {a.conflictAcknowledgementRequired ? <StatusBadge tone="danger">Capacity conflict to accept</StatusBadge> : null}{" "}
                      <span className="small">
                        {a.approvalsSoFar} of {a.requiredApprovals} approval{a.requiredApprovals === 1 ? "" : "s"} so far
                      </span>
                    </p>
                    {a.gateReasons.length ? (
                      <ul className="reasons small">
                        {a.gateReasons.map((g) => (
                          <li key={g}>{g}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {awaitingWithoutRequest.length ? (
        <p className="small muted portfolio-note">
          Awaiting approval with no request in the queue:{" "}
          {awaitingWithoutRequest.map((e, i) => (
            <span key={e.id}>
              {i ? ", " : ""}
              <Link to={`/engagements/${e.id}`}>{e.title}</Link>
            </span>
          ))}
          . {awaitingWithoutRequest.length === 1 ? "It is" : "They are"} marked awaiting approval, but no request is open for leadership to decide.
        </p>
      ) : null}
    </section>
  );
}
