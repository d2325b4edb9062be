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
import { getPortfolio } from "~/models/portfolio.server";
import { currentMonth } from "~/services/clock.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "portfolio:read", "The portfolio is for leadership and partnership managers.");
  const search = new URL(request.url).searchParams;
  const allRisks = search.get("risks") === "all";
  const allListed = search.get("pipeline") === "all";
  return {
    ...getPortfolio(user, { today: currentMonth(), now: new Date().toISOString(), allRisks, allListed }),
    allRisks,
    allListed,
    canCreate: mayEver(user, "engagement:create"),
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
      <PipelineSection {...data} />
      <CapacitySection {...data} />
      <ApprovalsSection {...data} />
      <AtRiskSection {...data} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
