import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, formatDate, Notice, PageHeader, StatusBadge } from "~/components/ui";
import { mayEver } from "~/domain/permissions";
import {
  AT_RISK_SHOWN,
  CAPACITY_LEVEL_LABELS,
  PIPELINE_LISTED,
  PIPELINE_METHODS,
  PIPELINE_METHOD_LABELS,
  RISK_KIND_LABELS,
  fteText,
  shortMonth,
  type PortfolioCapacity,
  type PortfolioCell,
  type RiskKind,
} from "~/domain/portfolio";
import { METHOD_LABELS } from "~/domain/methods";
import { plural } from "~/domain/plural";
import { STAGE_LABELS, STAGE_TONES } from "~/domain/workflow";
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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const RISK_TONE: Record<RiskKind, "warning" | "danger"> = {
  capacity: "danger",
  capacity_if_tentative: "warning",
  fit: "danger",
  stale_steps: "warning",
  changes_unanswered: "warning",
  approval_waiting: "warning",
};

/** A link to this page with the two lists shown in full or not, keeping the other list as it is. */
function listsLink(data: { allRisks: boolean; allListed: boolean }, change: { allRisks?: boolean; allListed?: boolean }, hash: string) {
  const next = { ...data, ...change };
  const search = new URLSearchParams();
  if (next.allListed) search.set("pipeline", "all");
  if (next.allRisks) search.set("risks", "all");
  const query = search.toString();
  return { pathname: "/portfolio", search: query ? `?${query}` : "", hash };
}

export default function Portfolio() {
  const data = useLoaderData<typeof loader>();
  const { pipeline, capacity, approvals, atRiskTotal } = data;
  const longWaits = approvals.filter((a) => a.daysWaiting > data.waitingDays).length;
  return (
    <div className="portfolio-page">
      <PageHeader
        title="Portfolio"
        intro="Every engagement at once: where each stands, what our staff are booked for over the next 18 months, and what needs attention."
      />
      <nav aria-label="Portfolio summary">
        <ul className="portfolio-summary">
          <li>
            <a href="#pipeline">
              <strong>{pipeline.total}</strong> {pipeline.total === 1 ? "engagement" : "engagements"}
              <span>{data.openCount} still open</span>
            </a>
          </li>
          <li data-tone={approvals.length ? "warning" : "neutral"}>
            <a href="#approvals">
              <strong>{approvals.length}</strong> waiting for approval
              <span>
                {longWaits
                  ? `${longWaits} for over ${data.waitingDays} days`
                  : approvals.length
                  ? `none for over ${data.waitingDays} days`
                  : "nothing to decide"}
              </span>
            </a>
          </li>
          <li data-tone={atRiskTotal ? "danger" : "success"}>
            <a href="#at-risk">
              <strong>{atRiskTotal}</strong> at risk
              <span>{atRiskTotal ? "see why below" : "nothing flagged"}</span>
            </a>
          </li>
          <li data-tone={capacity.counts.over ? "danger" : capacity.counts.tight ? "warning" : "success"}>
            <a href="#capacity">
              <strong>{capacity.counts.over}</strong> {capacity.counts.over === 1 ? "role-month" : "role-months"} over capacity
              <span>{capacity.counts.tight ? `and ${capacity.counts.tight} tight` : "none tight"}</span>
            </a>
          </li>
        </ul>
      </nav>
      <PipelineSection data={data} />
      <CapacitySection data={data} />
      <ApprovalsSection data={data} />
      <AtRiskSection data={data} />
    </div>
  );
}

function PipelineSection({ data }: { data: Data }) {
  const { pipeline } = data;
  return (
    <section className="card" id="pipeline" aria-labelledby="pipeline-heading">
      <h2 id="pipeline-heading">Pipeline by stage and method</h2>
      {pipeline.total === 0 ? (
        <EmptyState
          title="No engagements yet"
          action={
            data.canCreate ? (
              <Link className="button" to="/engagements/new">
                New engagement
              </Link>
            ) : null
          }
        >
          {data.canCreate
            ? "Start an engagement for a prospective partner; it appears here by its stage and chosen method."
            : "Engagements appear here, by stage and chosen method, once partnership managers start them."}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data portfolio-pipeline">
              <caption>Number of engagements in each stage, by the method chosen for them</caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  {PIPELINE_METHODS.map((m) => (
                    <th scope="col" className="num" key={m}>
                      {PIPELINE_METHOD_LABELS[m]}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {pipeline.rows.map((row) => (
                  <tr key={row.stage} data-stage={row.stage}>
                    <th scope="row">
                      <StatusBadge tone={STAGE_TONES[row.stage]}>{row.label}</StatusBadge>
                    </th>
                    {PIPELINE_METHODS.map((m) => (
                      <td className={row.counts[m] ? "num" : "num muted"} key={m} data-method={m}>
                        {row.counts[m]}
                      </td>
                    ))}
                    <td className="num portfolio-total">{row.total}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {PIPELINE_METHODS.map((m) => (
                    <td className="num portfolio-total" key={m}>
                      {pipeline.totals[m]}
                    </td>
                  ))}
                  <td className="num portfolio-total">{pipeline.total}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {data.allListed && pipeline.rows.some((r) => r.total > PIPELINE_LISTED) ? (
            <p>
              Every engagement is listed.{" "}
              <Link to={listsLink(data, { allListed: false }, "pipeline")}>List only the {PIPELINE_LISTED} most recently changed in each stage</Link>
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="data portfolio-stages">
              <caption>Engagements in each stage</caption>
              <thead>
                <tr>
                  <th scope="col">Engagement</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Method</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Last changed</th>
                </tr>
              </thead>
              {pipeline.rows
                .filter((row) => row.total > 0)
                .map((row) => (
                  <tbody key={row.stage} data-stage={row.stage}>
                    <tr className="portfolio-group">
                      <th scope="colgroup" colSpan={5}>
                        {row.label} <span className="muted">· {row.total}</span>
                      </th>
                    </tr>
                    {row.engagements.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <Link to={`/engagements/${e.id}`}>{e.title}</Link>
                        </td>
                        <td>{e.partnerName}</td>
                        <td>{e.method ? METHOD_LABELS[e.method] : <span className="muted">Not chosen</span>}</td>
                        <td>{e.ownerName}</td>
                        <td>{formatDate(e.updatedAt)}</td>
                      </tr>
                    ))}
                    {row.engagements.length < row.total ? (
                      <tr>
                        <td colSpan={5} className="muted">
                          The {row.engagements.length} most recently changed of {row.total}.{" "}
                          <Link to={listsLink(data, { allListed: true }, "pipeline")}>Show every engagement</Link>
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                ))}
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function CapacitySection({ data }: { data: Data }) {
  const { capacity } = data;
  const first = capacity.months[0]!;
  const last = capacity.months[capacity.months.length - 1]!;
  return (
    <section className="card" id="capacity" aria-labelledby="capacity-heading">
      <h2 id="capacity-heading">Capacity across all engagements</h2>
      <p className="muted">
        Our staff roster against every engagement's bookings, role by role, from {shortMonth(first)} to {shortMonth(last)}. Confirmed bookings (approved
        engagements) and tentative ones (shared or awaiting approval) are shown apart. Over the period:{" "}
        <strong>{fteText(capacity.bookedConfirmed)} FTE-months confirmed</strong> and <strong>{fteText(capacity.bookedTentative)} tentative</strong>.
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

function Bar({ cell }: { cell: PortfolioCell }) {
  const scale = Math.max(cell.capacity, cell.confirmed + cell.tentative);
  if (scale <= 0) return null;
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100).toFixed(1)}%`;
  return (
    <span className="portfolio-bar" aria-hidden="true">
      <span className="portfolio-bar__confirmed" style={{ width: pct(cell.confirmed) }} />
      <span className="portfolio-bar__tentative" style={{ width: pct(cell.tentative) }} />
      {cell.capacity > 0 && cell.capacity < scale ? <span className="portfolio-bar__capacity" style={{ left: pct(cell.capacity) }} /> : null}
    </span>
  );
}

function PortfolioHeatmap({ capacity }: { capacity: PortfolioCapacity }) {
  return (
    <div className="table-wrap portfolio-heatmap-wrap" tabIndex={0} role="region" aria-labelledby="heatmap-caption">
      <table className="data portfolio-heatmap">
        <caption id="heatmap-caption">Staff capacity by role and month: confirmed and tentative bookings of the FTE available</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            {capacity.months.map((m) => {
              const [month, year] = shortMonth(m).split(" ");
              return (
                <th scope="col" key={m} className="portfolio-month">
                  <span>{month}</span> <span className="portfolio-year">{year}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {capacity.rows.map((row) => (
            <tr key={row.role} data-role={row.role}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell) => {
                const empty = cell.capacity <= 0 && cell.confirmed + cell.tentative <= 0;
                return (
                  <td
                    key={cell.month}
                    className={`portfolio-cell portfolio-cell--${empty ? "empty" : cell.level}`}
                    data-month={cell.month}
                    data-level={cell.level}
                    title={cell.label}
                  >
                    <span aria-hidden="true">
                      <span className="portfolio-cell__level">{empty ? "None" : CAPACITY_LEVEL_LABELS[cell.level]}</span>
                      {!empty ? <Bar cell={cell} /> : null}
                      {cell.confirmed > 0 ? <span className="portfolio-cell__line">{fteText(cell.confirmed)} conf.</span> : null}
                      {cell.tentative > 0 ? <span className="portfolio-cell__line portfolio-cell__tentative">{fteText(cell.tentative)} tent.</span> : null}
                      {cell.confirmed + cell.tentative <= 0 && !empty ? <span className="portfolio-cell__line muted">none booked</span> : null}
                      <span className="portfolio-cell__line muted">{empty ? "no one" : `of ${fteText(cell.capacity)}`}</span>
                    </span>
                    <span className="visually-hidden">{cell.label}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApprovalsSection({ data }: { data: Data }) {
  const { approvals, awaitingWithoutRequest } = data;
  return (
    <section className="card" id="approvals" aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">Approvals waiting</h2>
      {approvals.length === 0 ? (
        <EmptyState title="Nothing is waiting for approval">
          When a partnership manager submits a proposal version for leadership approval, it appears here with what the approval gate needs.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data portfolio-approvals">
            <caption className="visually-hidden">Proposal versions waiting for leadership approval</caption>
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
        </div>
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

function AtRiskSection({ data }: { data: Data }) {
  const { atRisk, atRiskTotal } = data;
  const partial = atRisk.length < atRiskTotal;
  return (
    <section className="card" id="at-risk" aria-labelledby="at-risk-heading">
      <h2 id="at-risk-heading">Engagements at risk</h2>
      {atRiskTotal > AT_RISK_SHOWN ? (
        <p data-at-risk-count>
          {partial
            ? `The ${atRisk.length} most at risk of ${atRiskTotal}: over capacity or not fitting first, then those with the most reasons. `
            : `All ${atRiskTotal}, most at risk first. `}
          {partial ? (
            <Link to={listsLink(data, { allRisks: true }, "at-risk")}>Show all {atRiskTotal}</Link>
          ) : (
            <Link to={listsLink(data, { allRisks: false }, "at-risk")}>Show only the {AT_RISK_SHOWN} most at risk</Link>
          )}
        </p>
      ) : null}
      {atRisk.length === 0 ? (
        <EmptyState title="No engagement at risk">
          Nothing is booked over capacity, no step needs review, and no partner or approval has waited more than {data.waitingDays} days. Engagements appear
          here when one of those happens.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data portfolio-risks">
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
                  <td>
                    <StatusBadge tone={STAGE_TONES[e.stage]}>{STAGE_LABELS[e.stage]}</StatusBadge>
                  </td>
                  <td>
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

export const ErrorBoundary = RouteErrorBoundary;
