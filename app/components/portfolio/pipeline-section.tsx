import { Link } from "@remix-run/react";
import { EmptyState, formatDate, StatusBadge, TableScroll } from "~/components/ui";
import { planName } from "~/domain/method-variants";
import { ownerName } from "~/domain/owners";
import { formatCount } from "~/domain/plural";
import { amendmentsNote, PIPELINE_LISTED, PIPELINE_METHODS, PIPELINE_METHOD_LABELS } from "~/domain/portfolio";
import type { PortfolioView } from "~/models/portfolio.server";
import { listsLink, type ChartShown, type ListsShown } from "./lists-link";
import { Chart, type ChartView } from "~/components/chart";

/** The pipeline: how many engagements in each stage by method, then the engagements themselves. */
export function PipelineSection(data: Pick<PortfolioView, "pipeline"> & ListsShown & ChartShown & { canCreate: boolean; pipelineChart?: ChartView | null }) {
  const { pipeline } = data;
  const amendments = amendmentsNote(pipeline);
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
          <div className="chart-beside">
            {data.pipelineChart ? <Chart chart={data.pipelineChart} /> : null}
            {/* Beside the chart it may be narrower than its table: it scrolls, and the keyboard can scroll it. */}
            <TableScroll labelledBy="pipeline-caption">
              <table className="data portfolio-pipeline">
                <caption id="pipeline-caption">Number of engagements in each stage, by the method chosen for them</caption>
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
                        <StatusBadge tone={row.tone}>{row.label}</StatusBadge>
                      </th>
                      {PIPELINE_METHODS.map((m) => (
                        <td className={row.counts[m] ? "num" : "num muted"} key={m} data-method={m}>
                          {formatCount(row.counts[m])}
                        </td>
                      ))}
                      <td className="num portfolio-total">{formatCount(row.total)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    {PIPELINE_METHODS.map((m) => (
                      <td className="num portfolio-total" key={m}>
                        {formatCount(pipeline.totals[m])}
                      </td>
                    ))}
                    <td className="num portfolio-total">{formatCount(pipeline.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          </div>
          {amendments ? <p className="muted">{amendments}</p> : null}
          {data.allListed && pipeline.rows.some((r) => r.total > PIPELINE_LISTED) ? (
            <p>
              Every engagement is listed.{" "}
              <Link to={listsLink(data, { allListed: false }, "pipeline")}>List only the {PIPELINE_LISTED} most recently changed in each stage</Link>
            </p>
          ) : null}
          <TableScroll labelledBy="stages-caption">
            <table className="data portfolio-stages">
              <caption id="stages-caption">Engagements in each stage</caption>
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
                        {row.label} <span className="muted">· {formatCount(row.total)}</span>
                      </th>
                    </tr>
                    {row.engagements.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <Link to={`/engagements/${e.id}`}>{e.title}</Link>
                          {e.amendment ? <span className="muted"> · an amendment to an approved version</span> : null}
                        </td>
                        <td>{e.partnerName}</td>
                        <td>{e.method ? planName(e.method, e.variant) : <span className="muted">Not chosen</span>}</td>
                        <td>{ownerName({ name: e.ownerName, disabled: e.ownerDisabled })}</td>
                        <td>{formatDate(e.updatedAt)}</td>
                      </tr>
                    ))}
                    {row.engagements.length < row.total ? (
                      <tr>
                        <td colSpan={5} className="muted">
                          The {formatCount(row.engagements.length)} most recently changed of {formatCount(row.total)}.{" "}
                          <Link to={listsLink(data, { allListed: true }, "pipeline")}>Show every engagement</Link>
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                ))}
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
