import { Link } from "@remix-run/react";
import { EmptyState, StatusBadge } from "~/components/ui";
import { formatCount } from "~/domain/plural";
import { AT_RISK_SHOWN, RISK_KIND_LABELS, type RiskKind } from "~/domain/portfolio";
import type { PortfolioView } from "~/models/portfolio.server";
import { listsLink, type ChartShown, type ListsShown } from "./lists-link";

const RISK_TONE: Record<RiskKind, "warning" | "danger"> = {
  capacity: "danger",
  capacity_if_tentative: "warning",
  roster_short: "danger",
  fit: "danger",
  above_budget: "danger",
  budget_unchecked: "warning",
  partner_time: "danger",
  stale_steps: "warning",
  changes_unanswered: "warning",
  approval_waiting: "warning",
  acceptance_waiting: "warning",
};

/** Engagements at risk, most at risk first, each with its reasons. */
export function AtRiskSection(data: Pick<PortfolioView, "atRisk" | "atRiskTotal" | "waitingDays"> & ListsShown & ChartShown) {
  const { atRisk, atRiskTotal } = data;
  const partial = atRisk.length < atRiskTotal;
  return (
    <section className="card" id="at-risk" aria-labelledby="at-risk-heading">
      <h2 id="at-risk-heading">Engagements at risk</h2>
      {atRiskTotal > AT_RISK_SHOWN ? (
        <p data-at-risk-count>
          {partial
            ? `The ${formatCount(atRisk.length)} most at risk of ${formatCount(
                atRiskTotal
              )}: over capacity or not fitting first, then those with the most reasons. `
            : `All ${formatCount(atRiskTotal)}, most at risk first. `}
          {partial ? (
            <Link to={listsLink(data, { allRisks: true }, "at-risk")}>Show all {formatCount(atRiskTotal)}</Link>
          ) : (
            <Link to={listsLink(data, { allRisks: false }, "at-risk")}>Show only the {AT_RISK_SHOWN} most at risk</Link>
          )}
        </p>
      ) : null}
      {atRisk.length === 0 ? (
        <EmptyState title="No engagement at risk">
          Nothing is booked over capacity, no latest proposal version falls short of our capacity, the partner's budget or the partner's time, no step needs
          review, and no partner or approval has waited more than {data.waitingDays} days. Engagements appear here when one of those happens.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          {/* On a phone each engagement is a block of labelled lines, as the approvals queue's requests are. */}
          <table className="data portfolio-risks phone-blocks">
            <caption className="visually-hidden">Engagements at risk, with the reasons</caption>
            <thead>
              <tr>
                <th scope="col">Engagement</th>
                <th scope="col">Stage</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {atRisk.map((e) => (
                <tr key={e.id} data-engagement={e.id}>
                  <td>
                    <Link to={`/engagements/${e.id}`}>{e.title}</Link>
                    <span className="small muted portfolio-sub">{e.partnerName}</span>
                  </td>
                  <td data-label="Stage">
                    <StatusBadge tone={e.badge.tone}>{e.badge.label}</StatusBadge>
                  </td>
                  <td data-label="Why">
                    <ul className="portfolio-reasons">
                      {e.reasons.map((r) => (
                        <li key={r.text} data-risk={r.kind}>
                          <StatusBadge tone={RISK_TONE[r.kind]}>{RISK_KIND_LABELS[r.kind]}</StatusBadge> {r.text}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
