import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { startSettled } from "~/domain/workflow";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BudgetPanel } from "~/components/budget-panel";
import { pricingIntentSchema } from "~/domain/pricing-forms";
import { formState } from "~/lib/forms";
import { change } from "~/lib/route.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { pricingChange } from "~/lib/pricing-change.server";
import { getBudgetView } from "~/models/pricing.server";
import { RouteErrorBoundary } from "~/components/error-page";
import { CapacityHeatmap, heatmapView } from "~/components/heatmap";
import { Chart, type ChartView } from "~/components/chart";
import { fitChart, fitFigures, methodFitChart } from "~/domain/fit-charts";
import { drawChart } from "~/lib/chart-svg.server";
import { chartNumber } from "~/domain/charts";
import { TimeCheckView } from "~/components/time-check";
import { Notice, StatusBadge } from "~/components/ui";
import { METHOD_LABELS, METHOD_NOUNS, METHODS, type Method } from "~/domain/methods";
import { planName, type MethodVariant } from "~/domain/method-variants";
import { FIT_VERDICT_LABELS, type FitVerdict } from "~/domain/capacity";
import {
  earlierStartWords,
  FAR_AHEAD_BADGE,
  farAheadWords,
  noStartWithin,
  planVerdict,
  searchFromWords,
  approvedStartWords,
  searchWindow,
  shortfallsByRole,
  tightByRole,
  START_SEARCH_NAMES,
  startsApartWords,
  lateStartWords,
} from "~/domain/fit-words";
import { bindingDeadline, timeCheckShown, timeLimits } from "~/domain/timeline-constraints";
import { formatDate, formatMonth, isMonth } from "~/domain/calendar";
import { andMore, formatCount, plural } from "~/domain/plural";
import { READINESS_STATUS_LABELS, READINESS_VERDICT_LABELS, type ReadinessStatus, type ReadinessVerdict } from "~/domain/readiness-labels";
import { engagementIdParam } from "~/lib/params";
import { getFitView } from "~/models/fit.server";
import { currentDay, currentMonth } from "~/services/clock.server";
import { getStaffRoles } from "~/services/templates.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Fit · Partnership Planner" }];

const SHORTFALLS_SHOWN = 3;
const described = (s: { role: string; month: string; description: string }) => ({ role: s.role, month: s.month, description: s.description });

/** Only what the page shows: the searches behind it produce far more (every cell of every what-if). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const { perMethod, methodCharts, plan, ...view } = getFitView(user, id, currentMonth());
  // The months each search for a start tried: from the desired start (the plan's own start for the plan).
  const methodsSearched = searchWindow(view.today, view.inputs.start.slice(0, 7));
  const planSearched = plan ? searchWindow(view.today, plan.start) : null;
  const roles = getStaffRoles().roles;
  const engagement = getEngagementForStaff(user, id);
  const budget = getBudgetView(user, id, currentMonth(), engagement.canEdit);
  const approved = startSettled(engagement.stage);
  // A start too late for the partner's time is said against the deadline that binds: theirs, or the aim's date.
  const deadline = bindingDeadline(timeLimits(view.inputs));
  return {
    id,
    budget,
    // The day an exchange rate's date starts from (docs/domain.md §8.7).
    rateDay: currentDay(),
    ...view,
    deadline,
    approved,
    methodsSearched,
    methodsFrom: searchFromWords(view.inputs.start.slice(0, 7), methodsSearched, "the desired start"),
    farAhead: farAheadWords(view.inputs.start.slice(0, 7), methodsSearched),
    perMethod: Object.fromEntries(
      METHODS.map((m) => {
        const f = perMethod[m];
        const c = methodCharts[m];
        return [
          m,
          {
            // A small picture of the method's tightest role, and the same figures as a table beneath it.
            chart: c
              ? {
                  id: `fit-method-${m}`,
                  svg: drawChart(
                    methodFitChart({ key: m, label: METHOD_LABELS[m] }, c.row, f.earliestStart, c.desiredStart, methodsSearched, approved, {
                      short: f.shortfalls.length,
                      tight: f.tightSpots.length,
                    })
                  ),
                  href: `/engagements/${id}/fit/methods/${m}/{format}`,
                  role: c.row.label,
                  figures: fitFigures(c.row),
                }
              : null,
            verdict: f.verdict,
            summary: f.summary,
            earliestStart: f.earliestStart,
            earlierStart: f.earlierStart,
            tooLate: f.earliestStart && f.earliestTooLate ? lateStartWords(deadline, f.earliestStart, methodsSearched, f.tooLongFromFirst) : null,
            shortfalls: f.shortfalls.slice(0, SHORTFALLS_SHOWN).map(described),
            moreShortfalls: Math.max(0, f.shortfalls.length - SHORTFALLS_SHOWN),
          },
        ];
      })
    ) as Record<
      Method,
      {
        chart: (ChartView & { role: string; figures: ReturnType<typeof fitFigures> }) | null;
        verdict: FitVerdict;
        summary: string;
        earliestStart: string | null;
        earlierStart: string | null;
        tooLate: string | null;
        shortfalls: ReturnType<typeof described>[];
        moreShortfalls: number;
      }
    >,
    plan: plan
      ? {
          method: plan.method,
          basis: plan.basis,
          assessment: { verdict: plan.assessment.verdict, summary: plan.assessment.summary },
          verdict: planVerdict(plan.assessment.verdict, plan.timeCheck.holds),
          searched: planSearched!,
          searchedFrom: searchFromWords(plan.start, planSearched!, "its start"),
          approvedStart: approved ? approvedStartWords(plan.start) : null,
          farAhead: farAheadWords(plan.start, planSearched!),
          shortfallsByRole: shortfallsByRole(plan.assessment.shortfalls, roles).map((r) => ({ role: r.role, description: r.description })),
          // Why each tight month is tight, one line per role, beside the verdict that counts them (the heatmap and charts mark them "Tight").
          tight: plan.assessment.tightSpots.length ? { heading: "Why months are tight", byRole: tightByRole(plan.assessment.tightSpots, roles) } : null,
          earliestStart: plan.earliestStart,
          earlierStart: plan.earlierStart,
          tooLate: plan.earliestStart && plan.earliestTooLate ? lateStartWords(deadline, plan.earliestStart, planSearched!, plan.tooLongFromFirst) : null,
          // The plan's search and its method's template search are told apart when they disagree; a small request's form of the
          // method is not its method's template, so there is nothing to tell apart.
          startsApart: plan.variant ? null : startsApartWords(perMethod[plan.method].earliestStart, plan.earliestStart, methodsSearched),
          joining: plan.joining,
          // A small request's form of the method is named as such, not as the full method (docs/domain.md §2.5).
          name: planName(plan.method, plan.variant),
          timeCheck: timeCheckShown(plan.timeCheck),
          whatIfs: { summary: plan.whatIfs.summary },
          heatmap: heatmapView(plan.heatmap),
          // One small picture per role, drawn here from the heatmap's own cells.
          charts: plan.heatmap.rows
            .filter((r) => r.cells.some((c) => c.needed > 0))
            .map((r) => ({
              id: `fit-${r.role}`,
              svg: drawChart(fitChart(r, plan.earliestStart, planSearched!, "fit", plan.joining, approved)),
              href: `/engagements/${id}/fit/charts/${encodeURIComponent(r.role)}/{format}`,
            })),
          cost: { description: plan.cost.description, currency: plan.cost.currency, total: plan.cost.total, lines: plan.cost.lines },
          sizing: plan.sizing,
        }
      : null,
  };
}

/** The Fit page's changes: the pricing levers of the proposal's draft (docs/domain.md §8.8). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  return change(await request.formData(), pricingIntentSchema(getStaffRoles().currency), (input) =>
    pricingChange(request, user, id, input, `/engagements/${id}/fit`, currentMonth(), currentDay())
  );
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
