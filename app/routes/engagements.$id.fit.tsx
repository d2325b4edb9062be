import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BudgetPanel } from "~/components/budget-panel";
import { useMessageBeside } from "~/components/message-beside";
import { formState } from "~/lib/forms";
import { change } from "~/lib/route.server";
import { pricingChange, pricingSchema } from "~/lib/pricing-change.server";
import { RouteErrorBoundary } from "~/components/error-page";
import { CapacityHeatmap } from "~/components/heatmap";
import { Chart } from "~/components/chart";
import { chartNumber } from "~/domain/charts";
import { TimeCheckView } from "~/components/time-check";
import { Notice, StatusBadge } from "~/components/ui";
import { METHOD_LABELS, METHOD_NOUNS, METHODS, type Method } from "~/domain/methods";
import type { MethodVariant } from "~/domain/method-variants";
import { FIT_VERDICT_LABELS, type FitVerdict } from "~/domain/capacity";
import { earlierStartWords, FAR_AHEAD_BADGE, noStartWithin, START_SEARCH_NAMES } from "~/domain/fit-words";
import { formatDate, formatMonth, isMonth } from "~/domain/calendar";
import { andMore, formatCount, plural } from "~/domain/plural";
import { READINESS_STATUS_LABELS, READINESS_VERDICT_LABELS, type ReadinessStatus, type ReadinessVerdict } from "~/domain/readiness-labels";
import { engagementIdParam } from "~/lib/params";
import { fitPage } from "~/models/fit-page.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Fit · Partnership Planner" }];

/** Only what the page shows. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return fitPage(requireUser(request), engagementIdParam(params));
}

/** The Fit page's changes: the pricing levers of the proposal's draft (docs/domain.md §8.8). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  return change(await request.formData(), pricingSchema(), (input) => pricingChange(request, user, id, input, `/engagements/${id}/fit`));
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

const FIT_TONE: Record<FitVerdict, "success" | "warning" | "danger"> = { fits: "success", tight: "warning", does_not_fit: "danger" };

/** A form of a method judged on readiness of its own (docs/domain.md §7). */
const FORM_NOUNS: Record<MethodVariant, string> = { join_open_collaborative: "joining an open collaborative", short_tailored: "a short tailored engagement" };

type ReadinessView = ReturnType<typeof useLoaderData<typeof loader>>["readiness"][Method];

/** `judged`: the method, or the form of it, the criteria are for. */
function ReadinessDetail({ readiness, judged, noun }: { readiness: ReadinessView; judged: Method | MethodVariant; noun: string }) {
  return (
    <div data-readiness={judged}>
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
          <caption>Readiness criteria for {noun}</caption>
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
                <td>
                  {c.reason}
                  {/* Where a criterion comes from is kept with its template; the page says only when it is our own assumption. */}
                  {c.assumption ? <span className="small muted"> (our assumption)</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

type MethodChartView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["perMethod"][Method]["chart"]>;

/** A method's small chart, with its figures as a table for reading exactly. */
function MethodChart({ method, chart }: { method: Method; chart: MethodChartView }) {
  return (
    <div data-method-chart={method}>
      <Chart chart={chart} className="chart-figure--small" />
      <details className="small">
        <summary>Figures: {chart.role}</summary>
        <div className="table-wrap">
          <table className="data" data-method-figures={method}>
            <caption className="visually-hidden">
              {METHOD_LABELS[method]}: {chart.role} needed and free by month
            </caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Needed (FTE)
                </th>
                <th scope="col" className="num">
                  Free (FTE)
                </th>
                <th scope="col" className="num">
                  Short (FTE)
                </th>
                <th scope="col">Tight</th>
              </tr>
            </thead>
            <tbody>
              {chart.figures.map((r) => (
                <tr key={r.month}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{chartNumber(r.needed)}</td>
                  <td className="num">{chartNumber(r.free)}</td>
                  <td className="num">{r.short ? chartNumber(r.short) : ""}</td>
                  <td>{r.tight}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

export default function FitPage() {
  const budgetForm = formState(useActionData<typeof action>(), "budget");
  // What the fee-and-budget panel's forms did is said in the panel, where the manager stays.
  const budgetSaid = useMessageBeside((sent) => sent.get("form") === "budget")?.message;
  const {
    budget,
    rateDay,
    id,
    intakeSaved,
    readiness,
    readinessFor,
    readinessChosen,
    readinessOfForm,
    fitness,
    perMethod,
    plan,
    inputs,
    rosterEmpty,
    hasTimeline,
    timelineStale,
    methodsSearched,
    methodsFrom,
    approved,
    partnerTime,
    farAhead,
    deadline,
  } = useLoaderData<typeof loader>();
  // A short tailored engagement is judged on its own readiness; the three methods' follow, the full tailored initiative among them.
  const chosenReadiness = readinessOfForm?.readiness ?? readiness[readinessFor];
  const chosenNoun = readinessOfForm ? FORM_NOUNS[readinessOfForm.variant] : METHOD_NOUNS[readinessFor];
  return (
    <>
      {hasTimeline && timelineStale.length ? (
        // Said first: the plan's demand below comes from that timeline as it stands.
        <Notice>
          <strong>The timeline needs review.</strong> {timelineStale.join(" ")} The plan below is judged on it as it stands.{" "}
          <Link to={`/engagements/${id}/timeline`}>Open the timeline</Link>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">
          Partner readiness for {chosenNoun}{" "}
          <StatusBadge tone={VERDICT_TONE[chosenReadiness.verdict]}>{READINESS_VERDICT_LABELS[chosenReadiness.verdict]}</StatusBadge>
        </h2>
        <p className="muted">
          {readinessOfForm ? (
            `The form of ${METHOD_NOUNS[readinessFor]} chosen for this small request. What readiness asks depends on the method, and on this form of it: each is judged on its own criteria.`
          ) : (
            <>
              {readinessChosen ? "The method chosen." : "The method recommended, until one is chosen."} What readiness asks depends on the method: each one is
              judged on its own criteria.
            </>
          )}
        </p>
        {!intakeSaved ? (
          <p>
            Nothing is known of the partner yet. <Link to={`/engagements/${id}/intake`}>Start the intake</Link> and readiness is assessed as you answer.
          </p>
        ) : null}
        <ReadinessDetail readiness={chosenReadiness} judged={readinessOfForm?.variant ?? readinessFor} noun={chosenNoun} />
        {METHODS.filter((m) => readinessOfForm || m !== readinessFor).map((m) => (
          <details key={m} data-readiness-method={m}>
            <summary>
              Readiness for {METHOD_NOUNS[m]}:{" "}
              <StatusBadge tone={VERDICT_TONE[readiness[m].verdict]}>{READINESS_VERDICT_LABELS[readiness[m].verdict]}</StatusBadge>
            </summary>
            <ReadinessDetail readiness={readiness[m]} judged={m} noun={METHOD_NOUNS[m]} />
          </details>
        ))}
      </section>
      <section className="card" aria-labelledby="capacity-heading">
        <h2 id="capacity-heading">Our capacity for each method</h2>
        {rosterEmpty ? <Notice>No one is on the staff roster yet, so capacity cannot be judged. An administrator adds staff under Staff roster.</Notice> : null}
        {farAhead ? <Notice>{farAhead}</Notice> : null}
        <p className="muted">
          Two dimensions side by side: how well each method suits the partner (the <Link to={`/engagements/${id}/method`}>Method</Link> page's ranking), and
          whether our staff can take it on. Capacity never changes the ranking. Each method's template timeline, starting{" "}
          {isMonth(inputs.start) ? formatMonth(inputs.start) : formatDate(inputs.start)} with {plural(inputs.teams, "site or team", "sites or teams")}, against
          what our staff have free after every other engagement's confirmed and tentative bookings.
          {partnerTime ? <span data-partner-time> {partnerTime}</span> : null}
        </p>
        <div className="verdict-grid">
          {METHODS.map((m) => {
            const f = perMethod[m];
            return (
              <div className="verdict-card" key={m} data-method-fit={m}>
                <h3>
                  {METHOD_LABELS[m]} <VerdictBadge farAhead={Boolean(farAhead)} tone={FIT_TONE[f.verdict]} label={FIT_VERDICT_LABELS[f.verdict]} />
                </h3>
                <p className="small" data-fitness>
                  <strong>Fitness for purpose:</strong> ranked {fitness[m].rank} of {METHODS.length} on the partner's situation ({fitness[m].score}/100).
                  {fitness[m].rankedByTime ? <span data-ranked-by-time> {fitness[m].rankedByTime}</span> : null}
                </p>
                {farAhead ? null : <p className="small">{f.summary}</p>}
                {approved ? null : (
                  <p className="small" data-nearest-start>
                    <strong>
                      {START_SEARCH_NAMES.method} for its template timeline, {methodsFrom}:
                    </strong>{" "}
                    {f.earliestStart ? formatMonth(f.earliestStart) : noStartWithin(methodsSearched)}
                    {f.tooLate ? <strong className="late-start">, {f.tooLate}</strong> : null}
                  </p>
                )}
                {f.earlierStart && !approved ? (
                  <p className="small" data-earlier-start>
                    {earlierStartWords(f.earlierStart, f.earliestStart, methodsSearched, deadline)}
                  </p>
                ) : null}
                {f.shortfalls.length ? (
                  <ul className="reasons small">
                    {f.shortfalls.map((sf) => (
                      <li key={`${sf.role}-${sf.month}`}>{sf.description}</li>
                    ))}
                    {f.moreShortfalls ? <li>{andMore(f.moreShortfalls, "shortfall")}</li> : null}
                  </ul>
                ) : null}
                {f.chart ? <MethodChart method={m} chart={f.chart} /> : null}
              </div>
            );
          })}
        </div>
      </section>
      {plan ? (
        <section className="card" aria-labelledby="plan-heading">
          <h2 id="plan-heading">
            The plan: {plan.joining ? `joining ${plan.joining.title ? `the ${plan.joining.title}` : "an open collaborative"}` : plan.name}{" "}
            <VerdictBadge farAhead={Boolean(plan.farAhead)} tone={plan.verdict.tone} label={plan.verdict.label} />
          </h2>
          {plan.farAhead ? <Notice>{plan.farAhead}</Notice> : null}
          {plan.verdict.apart ? (
            <p data-plan-verdict>
              <strong>{plan.verdict.apart}</strong>
            </p>
          ) : null}
          <p className="muted">
            {plan.basis === "timeline" ? (
              <>Demand comes from this engagement's own timeline, as edited.</>
            ) : (
              <>
                Demand comes from the method's template until the <Link to={`/engagements/${id}/timeline`}>timeline</Link> is generated.
              </>
            )}
          </p>
          <p data-fit-summary>{plan.assessment.summary}</p>
          <TimeCheckView check={plan.timeCheck} engagementId={id} page="fit" />
          {plan.joining ? (
            <p data-joining>
              This site joins {plan.joining.title ? `the ${plan.joining.title}` : "an open collaborative"}, a {METHOD_LABELS[plan.method]}: its size and dates
              are that collaborative's own, so only this site's own teams can change here.
            </p>
          ) : plan.approvedStart ? (
            <p data-approved-start>
              <strong>Start:</strong> {plan.approvedStart}.
            </p>
          ) : (
            <>
              <p>
                <strong>
                  {START_SEARCH_NAMES.plan} for this plan, {plan.searchedFrom}:
                </strong>{" "}
                <span data-earliest-start>{plan.earliestStart ? formatMonth(plan.earliestStart) : noStartWithin(plan.searched)}</span>
                {plan.tooLate ? <strong className="late-start">, {plan.tooLate}</strong> : null}
              </p>
              {plan.startsApart ? <p data-starts-apart>{plan.startsApart}</p> : null}
              {plan.earlierStart ? <p data-earlier-start>{earlierStartWords(plan.earlierStart, plan.earliestStart, plan.searched, deadline)}</p> : null}
            </>
          )}
          {plan.shortfallsByRole.length ? (
            <>
              <h3>Shortfalls</h3>
              <ul className="reasons" data-shortfalls>
                {plan.shortfallsByRole.map((sf) => (
                  <li key={sf.role}>{sf.description}</li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.tight ? (
            <>
              <h3>{plan.tight.heading}</h3>
              <ul className="reasons" data-tight>
                {plan.tight.byRole.map((t) => (
                  <li key={t.role}>{t.description}</li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.whatIfs.summary.length ? (
            <>
              <h3>What would make it fit</h3>
              <ul className="reasons">
                {plan.whatIfs.summary.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </>
          ) : null}
          {plan.charts.length ? (
            <>
              <h3>Demand against free capacity, role by role</h3>
              <div className="chart-grid" data-fit-charts>
                {plan.charts.map((c) => (
                  <Chart key={c.id} chart={c} className="chart-figure--small" />
                ))}
              </div>
            </>
          ) : null}
          {/* A heading of its own, spaced from the charts' download links above it, as the charts have theirs. */}
          <h3 className="section-break" id="heatmap-heading" data-heatmap-heading>
            Demand against free capacity, by role and month
          </h3>
          <CapacityHeatmap data={plan.heatmap} caption="Demand against free capacity, by role and month" captionHidden />
          {plan.sizing.length ? (
            <>
              <p data-sizing>The partner is one site, so the demand is one organisation's work, not a system's:</p>
              <ul className="reasons small">
                {plan.sizing.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>
            Cost estimate <span className="badge badge--neutral">Internal</span>
          </h3>
          <p>{plan.cost.description}</p>
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Cost by role</caption>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col" className="num">
                    Days
                  </th>
                  <th scope="col" className="num">
                    Day rate
                  </th>
                  <th scope="col" className="num">
                    Cost ({plan.cost.currency})
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.cost.lines.map((l) => (
                  <tr key={l.role}>
                    <th scope="row">{l.label}</th>
                    <td className="num">{formatCount(l.days)}</td>
                    <td className="num">{formatCount(l.dayRate)}</td>
                    <td className="num">{formatCount(l.cost)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Total</th>
                  <td />
                  <td />
                  <td className="num">
                    <strong>{formatCount(plan.cost.total)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {plan && budget ? (
        <BudgetPanel
          id="budget"
          view={budget}
          state={budgetForm}
          optionsAt={{ to: `/engagements/${id}/proposal#options-heading`, words: "under Options on the Proposal page" }}
          today={rateDay}
          said={budgetSaid}
        />
      ) : null}
      {plan ? null : (
        <section className="card">
          <p className="muted">
            Once a <Link to={`/engagements/${id}/method`}>method is chosen</Link>, its timeline's month-by-month demand is checked against our staff here.
          </p>
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

/** A fit's verdict, or, for a start beyond the months searched, that it is too far ahead to judge (farAheadWords says why). */
function VerdictBadge({ farAhead, tone, label }: { farAhead: boolean; tone: Parameters<typeof StatusBadge>[0]["tone"]; label: string }) {
  return farAhead ? <StatusBadge tone="info">{FAR_AHEAD_BADGE}</StatusBadge> : <StatusBadge tone={tone}>{label}</StatusBadge>;
}
