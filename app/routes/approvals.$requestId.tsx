import { shortMonth } from "~/domain/calendar";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { CapacityShortNow } from "~/components/capacity-short";
import { RouteErrorBoundary } from "~/components/error-page";
import { Checkbox, ErrorSummary, TextArea } from "~/components/field";
import { formatDate, Notice, PageHeader, StatusBadge, TableScroll, useFocusOnNewMessage } from "~/components/ui";
import { Chart } from "~/components/chart";
import { PendingButton } from "~/components/pending-button";
import { overIfApproved, requestChart } from "~/domain/approval-charts";
import { fteText } from "~/domain/capacity";
import { TEXT_LIMITS } from "~/domain/limits";
import { drawChart } from "~/lib/chart-svg.server";
import { budgetRange, money } from "~/domain/money";
import { mayEver } from "~/domain/permissions";
import { formatCount, plural } from "~/domain/plural";
import { DecisionSchema } from "~/domain/review-forms";
import {
  decisionConfirmation,
  decisionRecordedWords,
  requestBadge,
  decidedRequestWords,
  earlierRequestWords,
  partnerAcceptedWords,
  type LeaderDecision,
} from "~/domain/workflow";
import { DecisionRecordText } from "~/components/approval-decisions";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash } from "~/lib/route.server";
import { idParam } from "~/lib/params";
import { scheduleDocuments } from "~/models/proposal-documents.server";
import { decideApproval, getApprovalRequest, requestVersionId, whyCannotDecide, type RequestView } from "~/models/approvals.server";
import { requirePermission } from "~/services/session.server";
import { currentDay } from "~/services/clock.server";

export const meta: MetaFunction = () => [{ title: "Approval request · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "approval:read", "Approval requests are for leadership.");
  const requestId = idParam(params, "requestId", "approval request");
  const view = getApprovalRequest(user, requestId, currentDay());
  return {
    view,
    // Drawn here: the page receives the pictures as SVG text, with the figures in the tables beside them.
    charts: view.stacked.map((s) => ({
      id: `request-${requestId}-${s.role}`,
      svg: drawChart(requestChart(s, requestId)),
      href: `/approvals/${requestId}/charts/${encodeURIComponent(s.role)}/{format}`,
    })),
    canDecide: mayEver(user, "approval:decide"),
    // A leader who has decided reads their decision and where the request stands, whichever decision settled it.
    confirmation: confirmationFor(view.request, user.id),
    whyNot: mayEver(user, "approval:decide") ? whyCannotDecide(user, requestId) : null,
  };
}

function confirmationFor(r: RequestView, leaderId: number): string | null {
  const mine = r.decisions.find((d) => d.leaderId === leaderId);
  if (!mine) return null;
  return decisionConfirmation({
    decision: mine.decision as LeaderDecision["decision"],
    on: formatDate(mine.at),
    status: r.status,
    approvals: r.decisions.filter((d) => d.decision !== "decline").length,
    required: r.requiredApprovals,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requirePermission(request, "approval:decide", "Only leadership decides on approvals.");
  const requestId = idParam(params, "requestId", "approval request");
  return change(await request.formData(), DecisionSchema, (input) => {
    const outcome = decideApproval(user, requestId, input);
    // Committed: the version's documents are made again, with leadership's record in them.
    const versionId = requestVersionId(requestId);
    if (versionId) scheduleDocuments(versionId);
    return redirectWithFlash(request, `/approvals/${requestId}`, decisionRecordedWords(outcome));
  });
}

/** After a 409 the page shows the request as it is now, with the other leader's decision. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function ApprovalRequestPage() {
  const { view, charts, canDecide, confirmation, whyNot } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = formState(actionData);
  // A message for the decision as a whole (another leader was first) stands apart from those on its fields.
  const { "": _whole, ...fieldMessages } = state.errors;
  const r = view.request;
  // The stacked tables' last row: what approving would do, or, once decided, what the request does.
  const overRow = r.status === "pending" ? "If approved" : "With this request";
  // Once a leader decides, the form goes: focus moves to what became of it, in the form's place, rather than to the top of the page.
  const result = useFocusOnNewMessage<HTMLDivElement>(state.errors[""] ?? confirmation);
  const outcome = decidedRequestWords(r.status, r.decidedAt ? formatDate(r.decidedAt) : null);
  return (
    <>
      <PageHeader
        title={`${view.engagementTitle}, version ${r.number}`}
        intro={
          <>
            {r.partnerName} · submitted {formatDate(r.submittedAt)} by {r.submittedByName} ·{" "}
            <StatusBadge tone={requestBadge(r.status).tone}>{requestBadge(r.status).label}</StatusBadge>
          </>
        }
        breadcrumbs={
          <>
            {/* The queue is leadership's: a manager following a request is led back to its engagement instead. */}
            {canDecide ? <Link to="/approvals">Approvals</Link> : <Link to={`/engagements/${r.engagementId}`}>{view.engagementTitle}</Link>} ›{" "}
            <Link to={`/engagements/${r.engagementId}/versions/${r.number}`}>The proposal</Link>
          </>
        }
      />
      {view.acceptance ? (
        <Notice>
          <span data-partner-accepted>
            {partnerAcceptedWords({
              number: r.number,
              who: view.acceptance.who,
              on: formatDate(view.acceptance.at),
              what: view.acceptance.what,
              open: r.status === "pending",
            })}
          </span>
        </Notice>
      ) : null}
      {view.later ? (
        <Notice>
          <span data-later-versions>{view.later.words}</span>{" "}
          <Link to={`/engagements/${r.engagementId}/versions/${view.later.latest}`}>Read version {view.later.latest}</Link>
        </Notice>
      ) : null}
      {view.startPassed ? (
        <Notice>
          <span data-start-passed>{view.startPassed}</span>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="plan-heading" data-plan>
        <h2 id="plan-heading">What it proposes</h2>
        <dl className="facts">
          <dt>Plan</dt>
          <dd>{view.plan.plan}</dd>
          <dt>Dates</dt>
          <dd>{view.plan.dates ?? "No timeline yet"}</dd>
          <dt>Aim</dt>
          <dd>{view.plan.aim ?? "Not stated yet"}</dd>
          {view.plan.time ? (
            <>
              <dt>Partner's time</dt>
              <dd className={view.plan.time.holds ? undefined : "over-budget"} data-partner-time>
                {view.plan.time.words}
              </dd>
            </>
          ) : null}
          <dt>Partner readiness</dt>
          <dd data-readiness>{view.plan.readiness}</dd>
        </dl>
        <p>
          <Link to={`/engagements/${r.engagementId}/versions/${r.number}`}>Read the proposal (version {r.number})</Link>
        </p>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="commits-heading">
          <h2 id="commits-heading">What it commits</h2>
          <dl className="facts">
            {view.chosenOption ? (
              <>
                {/* Once the partner has chosen, the figures below are that option's, as its bookings are (docs/domain.md §9.13). */}
                <dt>Option chosen</dt>
                <dd data-chosen-option>{view.chosenOption}, chosen by the partner: its staff and fee below</dd>
              </>
            ) : null}
            <dt>Our staff</dt>
            <dd data-fte-months>{plural(view.commits.fteMonths, "FTE-month")}</dd>
            <dt>Faculty days</dt>
            <dd data-faculty-days>{formatCount(view.commits.facultyDays)}</dd>
            <dt>Fee</dt>
            <dd data-fee>
              {view.commits.fees.length === 0 ? (
                "Not estimated"
              ) : view.commits.fees.length === 1 ? (
                money(view.commits.fees[0]!.fee, view.commits.currency)
              ) : (
                <ul className="plain-list">
                  {view.commits.fees.map((f) => (
                    <li key={f.option}>
                      {f.option}: {money(f.fee, view.commits.currency)}
                      {f.option === view.chosenOption ? " (chosen)" : ""}
                    </li>
                  ))}
                </ul>
              )}
              {view.price?.internal.override
                ? ` — set by hand; the pricing rules give ${money(view.price.internal.ruleFee, view.price.currency)}. Reason: ${
                    view.price.internal.override.reason
                  }`
                : ""}
              {view.belowCost ? (
                <div className="over-budget" data-below-cost>
                  {view.belowCost}
                </div>
              ) : null}
            </dd>
            {view.plan.cost.length ? (
              <>
                <dt>Our estimated cost</dt>
                <dd data-cost>
                  {view.plan.cost.map((c) => (
                    <div key={c.words} className={c.belowFee ? undefined : "over-budget"}>
                      {c.words}
                    </div>
                  ))}
                </dd>
              </>
            ) : null}
            <dt>Partner budget</dt>
            <dd>{budgetRange(view.budget.budgetMin, view.budget.budgetMax, view.budget.currency) ?? "Not stated"}</dd>
            {view.exchangeRate ? (
              <>
                <dt>Exchange rate</dt>
                <dd data-exchange-rate>{view.exchangeRate}, as the manager recorded it; the fee is compared with the budget through it.</dd>
              </>
            ) : null}
            <dt>Against budget</dt>
            <dd data-against-budget>
              {view.commits.fees.length === 0
                ? "No fee to compare."
                : view.commits.fees.map((f) => (
                    <div key={f.option} className={f.tone === "danger" ? "over-budget" : undefined}>
                      {f.description}
                    </div>
                  ))}
            </dd>
          </dl>
        </section>
        {view.afterWithdrawal ? (
          <section className="card" aria-labelledby="withdrawn-heading" data-withdrawn>
            <h2 id="withdrawn-heading">Withdrawn</h2>
            <p>
              {r.withdrawnByName ?? "The engagement's owners"} withdrew this request{r.decidedAt ? ` on ${formatDate(r.decidedAt)}` : ""}, before leadership
              decided on it{r.decisions.length ? ` (${r.decisions.length} of ${r.requiredApprovals} approvals had been given)` : ""}. No leader can decide on it
              now.
            </p>
            <p data-withdrawn-next>{view.afterWithdrawal}</p>
            {r.decisions.length ? (
              <>
                <h3>Decisions before it was withdrawn</h3>
                <DecisionList decisions={r.decisions} />
              </>
            ) : null}
            <p>
              <Link to={`/engagements/${r.engagementId}/review`}>The engagement's review</Link>
            </p>
          </section>
        ) : outcome ? (
          <section className="card" aria-labelledby="outcome-heading" data-outcome>
            <h2 id="outcome-heading">What was decided</h2>
            <p data-outcome-text>{outcome}</p>
            <h3>{r.decisions.length === 1 ? "The decision" : "The decisions"}</h3>
            <DecisionList decisions={r.decisions} />
          </section>
        ) : (
          <section className="card" aria-labelledby="gate-heading">
            <h2 id="gate-heading">What approval needs</h2>
            <p>
              {r.requiredApprovals === 2 ? "Two leaders must approve." : "One leader's approval is enough."}
              {r.conflictAcknowledgementRequired ? " Each approving leader must accept the capacity conflict explicitly." : ""}
            </p>
            {r.gateReasons.length ? (
              <ul className="reasons">
                {r.gateReasons.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            ) : null}
            {r.gateReasons.length && view.gateJudged ? (
              <p className="muted" data-gate-judged>
                {view.gateJudged}
              </p>
            ) : null}
            <h3>Decisions so far</h3>
            {r.decisions.length === 0 ? <p className="muted">None yet.</p> : <DecisionList decisions={r.decisions} />}
          </section>
        )}
      </div>
      {view.amends ? (
        <section className="card" aria-labelledby="amends-heading" data-amends>
          <h2 id="amends-heading">Since version {view.amends.number}</h2>
          <p>
            {earlierRequestWords({
              number: view.amends.number,
              status: view.amends.status,
              on: view.amends.decidedAt ? formatDate(view.amends.decidedAt) : null,
              withdrawnBy: view.amends.withdrawnByName,
              between: view.amends.between && {
                number: view.amends.between.number,
                status: view.amends.between.status,
                on: view.amends.between.decidedAt ? formatDate(view.amends.between.decidedAt) : null,
                withdrawnBy: view.amends.between.withdrawnByName,
              },
            })}{" "}
            <Link to={`/approvals/${view.amends.requestId}`}>Version {view.amends.number}'s request</Link>
          </p>
          {view.amends.decisions.length ? <DecisionList decisions={view.amends.decisions} /> : null}
          <h3>What changed in the proposal</h3>
          {!view.amends.changes || view.amends.changes.isEmpty ? (
            <p className="muted" data-amends-changes>
              Nothing in the proposal changed since version {view.amends.number}.
            </p>
          ) : (
            <ul className="reasons" data-amends-changes>
              {view.amends.changes.sections.map((s) => (
                <li key={s.section}>
                  <strong>{s.section}:</strong> {s.changes.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="conflicts-heading">
        <h2 id="conflicts-heading">{view.short.count ? "Capacity short now" : "Capacity conflicts with other engagements"}</h2>
        {view.short.count === 0 ? (
          <p>
            <StatusBadge tone="success">None</StatusBadge> Our staff have the free capacity this version needs, after every other engagement's confirmed
            bookings.
          </p>
        ) : (
          <CapacityShortNow
            short={view.short}
            after={
              view.competing.length ? (
                <p className="small">
                  Competing for the same roles in those months:{" "}
                  {view.competing
                    .map(
                      (c) =>
                        `${c.title} (${c.status}, ${shortMonth(c.months[0]!)}${c.months.length > 1 ? ` to ${shortMonth(c.months[c.months.length - 1]!)}` : ""})`
                    )
                    .join("; ")}
                  .
                </p>
              ) : null
            }
          />
        )}
        {view.tight.length ? (
          <details>
            <summary>{plural(view.tight.length, "tight role-month")}</summary>
            <ul className="reasons small">
              {view.tight.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </details>
        ) : null}
        {view.readiness.blockers.length || view.readiness.conditions.length ? (
          <>
            <h3>Readiness caveats</h3>
            <ul className="reasons">
              {[...view.readiness.blockers, ...view.readiness.conditions].map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {view.stacked.length ? (
        <section className="card" aria-labelledby="stacked-heading">
          <h2 id="stacked-heading">This request on top of what is already booked</h2>
          <p className="muted" data-stacked-note>
            For each role: other engagements' confirmed and tentative bookings, with this request on top, against the FTE available. A triangle marks a month{" "}
            {r.status === "pending"
              ? "that approving would take over capacity"
              : r.status === "approved" || r.status === "approved_with_conditions"
              ? "this request, approved, takes over capacity"
              : "this request would have taken over capacity"}
            ; the table under each chart gives every month's figures, and its row “{overRow}” says by how much.
          </p>
          {view.stacked.map((s, i) => (
            <div key={s.role} className="chart-stack" data-request-role={s.role}>
              <Chart chart={charts[i]!} />
              <TableScroll labelledBy={`stacked-${s.role}-caption`}>
                <table className="data stacked-table" data-stacked-table={s.role}>
                  <caption id={`stacked-${s.role}-caption`}>{s.label}: FTE by month, this request on top of what is already booked</caption>
                  <thead>
                    <tr>
                      <th scope="col">FTE</th>
                      {s.cells.map((c) => (
                        <th scope="col" className="num" key={c.month}>
                          {shortMonth(c.month)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {(
                      [
                        ["confirmed", "Booked, confirmed"],
                        ["tentative", "Booked, tentative"],
                        ["request", "This request"],
                        ["available", "Available"],
                      ] as const
                    ).map(([key, label]) => (
                      <tr key={key} data-row={key}>
                        <th scope="row">{label}</th>
                        {s.cells.map((c) => (
                          <td className="num" key={c.month}>
                            {fteText(c[key])}
                          </td>
                        ))}
                      </tr>
                    ))}
                    <tr data-row="over">
                      <th scope="row">{overRow}</th>
                      {s.cells.map((c) => {
                        const over = overIfApproved(c);
                        return (
                          <td key={c.month} className={over ? "stacked-over" : "muted"}>
                            {over ? <strong>{over}</strong> : "fits"}
                          </td>
                        );
                      })}
                    </tr>
                  </tbody>
                </table>
              </TableScroll>
            </div>
          ))}
        </section>
      ) : null}
      <section className="card" aria-labelledby="fte-heading">
        <h2 id="fte-heading">FTE by role and month</h2>
        <TableScroll labelledBy="fte-caption">
          <table className="data">
            <caption id="fte-caption" className="visually-hidden">
              FTE of our staff this version needs, by role and month
            </caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                {view.months.map((m) => (
                  <th scope="col" className="num" key={m}>
                    {shortMonth(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.byRole.map((row) => (
                <tr key={row.role} data-role={row.role}>
                  <th scope="row">{row.label}</th>
                  {row.cells.map((c, i) => (
                    <td className="num" key={view.months[i]}>
                      {c ? fteText(c) : ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {state.errors[""] ? (
        <Notice tone="danger" focusRef={result}>
          {state.errors[""]}
        </Notice>
      ) : null}
      {confirmation ? (
        <Notice focusRef={state.errors[""] ? undefined : result}>
          <span data-my-decision>{confirmation}</span>
        </Notice>
      ) : canDecide && r.status === "pending" ? (
        whyNot ? (
          <Notice>
            <span data-why-not>{whyNot}</span>
          </Notice>
        ) : (
          <section className="card" aria-labelledby="decide-heading">
            <h2 id="decide-heading">Your decision</h2>
            <ErrorSummary
              errors={fieldMessages}
              labels={{
                conditions: "Conditions",
                reason: "Reason",
                acknowledgedConflict: "Capacity conflict",
                conditionsMet: `Version ${view.amends?.number ?? ""}'s conditions`,
                decision: "Decision",
              }}
            />
            {/* The page stays where the form was, where the decision's confirmation takes its place. */}
            <Form method="post" noValidate preventScrollReset>
              <input type="hidden" name="requestVersion" value={r.version} />
              {r.conflictAcknowledgementRequired ? (
                <Checkbox name="acknowledgedConflict" label="I accept the capacity conflict listed above" state={state} saved={false} />
              ) : null}
              {view.amends?.status === "approved_with_conditions" ? (
                <Checkbox
                  name="conditionsMet"
                  label={`To approve: this version meets the conditions on version ${view.amends.number} (listed under “Since version ${view.amends.number}”), or my conditions below say what is still to be done`}
                  state={state}
                  saved={false}
                />
              ) : null}
              <TextArea
                name="conditions"
                label="Conditions (for an approval with conditions)"
                state={state}
                rows={3}
                maxLength={TEXT_LIMITS.approvalConditions}
              />
              <TextArea name="reason" label="Reason (required to decline)" state={state} rows={3} maxLength={TEXT_LIMITS.approvalReason} />
              <div className="actions">
                <PendingButton name="decision" value="approve" pending="Approving…">
                  Approve
                </PendingButton>
                <PendingButton className="button button--secondary" name="decision" value="approve_with_conditions" pending="Approving…">
                  Approve with conditions
                </PendingButton>
                <PendingButton className="button button--danger" name="decision" value="decline" pending="Declining…">
                  Decline
                </PendingButton>
              </div>
            </Form>
          </section>
        )
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

/** Each leader's decision on the request, as recorded. */
function DecisionList({ decisions }: { decisions: Parameters<typeof DecisionRecordText>[0]["d"][] }) {
  return (
    <ul className="reasons" data-decisions>
      {decisions.map((d) => (
        <li key={d.leaderId}>
          <DecisionRecordText d={d} strong />
        </li>
      ))}
    </ul>
  );
}
