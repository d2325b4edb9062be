import { shortMonth } from "~/domain/calendar";
import { Link } from "@remix-run/react";
import { Chart, type ChartView } from "~/components/chart";
import { EmptyState, Notice } from "~/components/ui";
import { bookedWords } from "~/domain/portfolio";
import type { PortfolioView } from "~/models/portfolio.server";
import { PortfolioHeatmap } from "./capacity-heatmap";
import { roleLink, type ListsShown } from "./lists-link";

export type CapacityCharts = { role: string | null; roles: { role: string; label: string }[]; capacity: ChartView | null };

/** Our staff against every engagement's bookings, role by role and month by month. */
export function CapacitySection(data: Pick<PortfolioView, "capacity" | "rosterSize"> & ListsShown & { charts: CapacityCharts }) {
  const { capacity } = data;
  const first = capacity.months[0]!;
  const last = capacity.months[capacity.months.length - 1]!;
  return (
    <section className="card" id="capacity" aria-labelledby="capacity-heading">
      <h2 id="capacity-heading">Capacity across all engagements</h2>
      <p className="muted">
        Our staff roster against every engagement's bookings, role by role, from {shortMonth(first)} to {shortMonth(last)}. Confirmed bookings (approved
        engagements) and tentative ones (shared or awaiting approval) are shown apart. Over the period: <strong>{bookedWords(capacity).confirmed}</strong> and{" "}
        <strong>{bookedWords(capacity).tentative}</strong>.
      </p>
      {data.rosterSize === 0 ? (
        <Notice>No one is on the staff roster yet, so every booking shows as over capacity. An administrator adds staff under Staff roster.</Notice>
      ) : null}
      {capacity.rows.length === 0 ? (
        <EmptyState title="No roster and no bookings">
          Capacity appears once an administrator adds our staff to the roster, and fills in as engagements are shared, submitted and approved.
        </EmptyState>
      ) : (
        <>
          {capacity.bookedConfirmed + capacity.bookedTentative === 0 ? (
            <Notice>
              Nothing is booked in these months yet. Engagements book staff tentatively when a proposal is shared or submitted for approval, and firmly when it
              is approved.
            </Notice>
          ) : null}
          <RoleChart {...data} />
          <CapacityLegend />
          <PortfolioHeatmap capacity={capacity} />
        </>
      )}
    </section>
  );
}

function CapacityLegend() {
  return (
    <div className="portfolio-legend" role="group" aria-label="How to read the heatmap">
      <p className="small">
        Each cell: <strong>FTE confirmed</strong> (solid bar), <strong>FTE tentative</strong> (striped bar), <strong>of FTE available</strong> on the roster
        that month. The line on the bar marks what is available.
      </p>
      <ul>
        <li>
          <span className="portfolio-swatch portfolio-cell--ok">OK</span> confirmed and tentative fit with at least 10% to spare
        </li>
        <li>
          <span className="portfolio-swatch portfolio-cell--tight">Tight</span> over only if tentative bookings go ahead, or under 10% spare
        </li>
        <li>
          <span className="portfolio-swatch portfolio-cell--over">Over</span> confirmed bookings alone exceed the staff available
        </li>
        <li>
          <span className="portfolio-swatch portfolio-cell--empty">None</span> no one in the role is available and nothing is booked
        </li>
      </ul>
    </div>
  );
}

/** One role's months as a picture, with links to every other role: the choice works without JavaScript. */
function RoleChart(data: ListsShown & { charts: CapacityCharts }) {
  const { charts } = data;
  if (!charts.capacity) return null;
  return (
    <div className="capacity-chart" id="capacity-chart">
      <nav aria-label="Role shown in the chart" className="role-choice">
        <span className="small">Chart for:</span>
        <ul>
          {charts.roles.map((r) => (
            <li key={r.role}>
              {r.role === charts.role ? (
                <strong aria-current="true" data-role-choice={r.role}>
                  {r.label}
                </strong>
              ) : (
                <Link to={roleLink(data, r.role)} preventScrollReset data-role-choice={r.role}>
                  {r.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <Chart chart={charts.capacity} />
      <p className="small muted">Each bar's and point's exact figure, for every role, is in the table below.</p>
    </div>
  );
}
