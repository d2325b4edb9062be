import { formatCount } from "~/domain/plural";
import type { PortfolioView } from "~/models/portfolio.server";

type Props = Pick<PortfolioView, "pipeline" | "openCount" | "approvalsTotal" | "approvalsOverdue" | "waitingDays" | "atRiskTotal" | "capacity">;

/** The four numbers at the top of the page, each a link to its section. */
export function PortfolioSummary(data: Props) {
  const { pipeline, capacity, approvalsTotal, approvalsOverdue, atRiskTotal } = data;
  return (
    <nav aria-label="Portfolio summary">
      <ul className="portfolio-summary">
        <li>
          <a href="#pipeline">
            <strong>{formatCount(pipeline.total)}</strong> {pipeline.total === 1 ? "engagement" : "engagements"}
            <span>{formatCount(data.openCount)} still open</span>
          </a>
        </li>
        <li data-tone={approvalsTotal ? "warning" : "neutral"}>
          <a href="#approvals">
            <strong>{formatCount(approvalsTotal)}</strong> waiting for approval
            <span>
              {approvalsOverdue
                ? `${formatCount(approvalsOverdue)} for over ${data.waitingDays} days`
                : approvalsTotal
                ? `none for over ${data.waitingDays} days`
                : "nothing to decide"}
            </span>
          </a>
        </li>
        <li data-tone={atRiskTotal ? "danger" : "success"}>
          <a href="#at-risk">
            <strong>{formatCount(atRiskTotal)}</strong> at risk
            <span>{atRiskTotal ? "see why below" : "nothing flagged"}</span>
          </a>
        </li>
        <li data-tone={capacity.counts.over ? "danger" : capacity.counts.tight ? "warning" : "success"}>
          <a href="#capacity">
            <strong>{formatCount(capacity.counts.over)}</strong> {capacity.counts.over === 1 ? "role-month" : "role-months"} over capacity
            <span>{capacity.counts.tight ? `and ${formatCount(capacity.counts.tight)} tight` : "none tight"}</span>
          </a>
        </li>
      </ul>
    </nav>
  );
}
