import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { StatusBadge } from "~/components/ui";
import { assessReadiness, READINESS_STATUS_LABELS, READINESS_VERDICT_LABELS, type ReadinessStatus, type ReadinessVerdict } from "~/domain/readiness";
import { engagementIdParam } from "~/lib/params";
import { getIntake } from "~/models/intake.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Fit · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const { intake, version } = getIntake(user, id);
  return { id, intakeSaved: version > 0, readiness: assessReadiness(intake) };
}

const VERDICT_TONE: Record<ReadinessVerdict, "success" | "warning" | "danger"> = {
  ready: "success",
  ready_with_conditions: "warning",
  not_ready: "danger",
};
const STATUS_TONE: Record<ReadinessStatus, "success" | "warning" | "danger" | "neutral"> = {
  met: "success",
  partly: "warning",
  not_met: "danger",
  unknown: "neutral",
};

export default function FitPage() {
  const { id, intakeSaved, readiness } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="card" aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">
          Partner readiness <StatusBadge tone={VERDICT_TONE[readiness.verdict]}>{READINESS_VERDICT_LABELS[readiness.verdict]}</StatusBadge>
        </h2>
        {!intakeSaved ? (
          <p>
            Nothing is known of the partner yet. <Link to={`/engagements/${id}/intake`}>Start the intake</Link> and readiness is assessed as you answer.
          </p>
        ) : null}
        {readiness.blockers.length ? (
          <>
            <h3>Why not ready</h3>
            <ul className="reasons">
              {readiness.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          </>
        ) : null}
        {readiness.conditions.length ? (
          <>
            <h3>Conditions</h3>
            <ul className="reasons">
              {readiness.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="table-wrap">
          <table className="data">
            <caption>Readiness criteria</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Status</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {readiness.criteria.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.label}</th>
                  <td>
                    <StatusBadge tone={STATUS_TONE[c.status]}>{READINESS_STATUS_LABELS[c.status]}</StatusBadge>
                  </td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="capacity-heading">
        <h2 id="capacity-heading">Our capacity</h2>
        <p className="muted">
          Whether our faculty and improvement advisors can carry each method, and from when, is computed from the staff roster and
          the timeline of each method once the roster is set up.
        </p>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
