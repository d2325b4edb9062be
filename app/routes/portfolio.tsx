import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ApprovalsSection } from "~/components/portfolio/approvals-section";
import { AtRiskSection } from "~/components/portfolio/at-risk-section";
import { CapacitySection } from "~/components/portfolio/capacity-section";
import { PipelineSection } from "~/components/portfolio/pipeline-section";
import { PortfolioSummary } from "~/components/portfolio/summary";
import { PageHeader } from "~/components/ui";
import { mayEver } from "~/domain/permissions";
import { capacityChart, chartRole, pipelineChart } from "~/domain/portfolio-charts";
import { drawChart } from "~/lib/chart-svg.server";
import { getPortfolio } from "~/models/portfolio.server";
import { currentMonth } from "~/services/clock.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "portfolio:read", "The portfolio is for leadership and partnership managers.");
  const search = new URL(request.url).searchParams;
  const allRisks = search.get("risks") === "all";
  const allListed = search.get("pipeline") === "all";
  const allApprovals = search.get("approvals") === "all";
  const portfolio = getPortfolio(user, { today: currentMonth(), now: new Date().toISOString(), allRisks, allListed, allApprovals });
  // The pictures are drawn here from the same view as the tables; the page receives only their SVG text.
  const role = chartRole(portfolio.capacity, search.get("role"));
  const capacity = role ? capacityChart(portfolio.capacity, role) : null;
  return {
    ...portfolio,
    allRisks,
    allListed,
    allApprovals,
    canCreate: mayEver(user, "engagement:create"),
    charts: {
      role,
      roles: portfolio.capacity.rows.map((r) => ({ role: r.role, label: r.label })),
      capacity:
        capacity && role ? { id: capacity.id, svg: drawChart(capacity), href: `/portfolio/charts/capacity/{format}?role=${encodeURIComponent(role)}` } : null,
      pipeline: portfolio.pipeline.total
        ? { id: "pipeline", svg: drawChart(pipelineChart(portfolio.pipeline)), href: "/portfolio/charts/pipeline/{format}" }
        : null,
    },
  };
}

export default function Portfolio() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="portfolio-page">
      <PageHeader
        title="Portfolio"
        intro="Every engagement at once: where each stands, what our staff are booked for over the next 18 months, and what needs attention."
      />
      <PortfolioSummary {...data} />
      <PipelineSection {...data} pipelineChart={data.charts.pipeline} />
      <CapacitySection {...data} />
      <ApprovalsSection {...data} />
      <AtRiskSection {...data} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
