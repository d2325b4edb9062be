import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, RadioGroup, SelectField, TextArea } from "~/components/field";
import { EmptyState, formatDate, Notice, StatusBadge } from "~/components/ui";
import { TEXT_LIMITS } from "~/domain/limits";
import { MethodDecisionSchema } from "~/domain/method-decision";
import { feasibilityWords, MATURITY_LABELS, type Maturity } from "~/domain/method-recommendation";
import { METHOD_LABELS, METHODS } from "~/domain/methods";
import { plural } from "~/domain/plural";
import { READINESS_VERDICT_LABELS, type ReadinessVerdict } from "~/domain/readiness-labels";
import { decideOffer, decisionAgainst, VARIANT_LABELS } from "~/domain/method-variants";
import type { FitVerdict } from "~/domain/capacity";
import { formState, NO_STATE } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff, requireEngagementAccess } from "~/models/engagements.server";
import { decideMethod, getMethodView } from "~/models/method.server";
import { currentMonth } from "~/services/clock.server";
import { requireUser } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Method · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  return { id, view: getMethodView(user, id, currentMonth()), canEdit: engagement.canEdit };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  requireEngagementAccess(user, id, "engagement:update");
  return change(await request.formData(), MethodDecisionSchema, (input) => {
    const chosen = decideMethod(
      user,
      id,
      {
        chosen: input.intent === "override" ? input.method! : "recommended",
        overrideReason: input.intent === "override" ? input.overrideReason : null,
        intakeVersion: input.intakeVersion,
        decisionVersion: input.decisionVersion,
        recommended: input.recommended,
        smallRequest: input.intent === "small" ? input.choice : undefined,
      },
      currentMonth()
    );
    const what = input.intent === "small" && input.choice ? `${VARIANT_LABELS[input.choice.variant]} (${METHOD_LABELS[chosen]})` : METHOD_LABELS[chosen];
    return redirectWithFlash(request, `/engagements/${id}/method`, `Method recorded: ${what}.`);
  });
}

/** After a 409 the page shows the intake or the decision as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

const FIT_TONE: Record<FitVerdict, "success" | "warning" | "danger"> = { fits: "success", tight: "warning", does_not_fit: "danger" };
const READINESS_TONE: Record<ReadinessVerdict, "success" | "warning" | "danger"> = { ready: "success", ready_with_conditions: "warning", not_ready: "danger" };
const MATURITY_TONE: Record<Maturity, "success" | "warning" | "danger"> = { proven: "success", promising: "warning", immature: "danger" };

export default function MethodPage() {
  const { id, view, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { recommendation, decision } = view;
  // The small request's offer has a form of its own and shows its own answer.
  const sent = formState(actionData);
  const form = sent.values?.form === "small" ? NO_STATE : sent;
  const errors = form.errors;
  const top = recommendation.ranked[0]!;
  const offer = decideOffer(
    decision ? { chosen: decision.chosen, variant: decision.variant ?? null, stale: view.stale, recommendedThen: decision.recommended } : null,
    recommendation.recommended,
    view.joined?.title ?? null,
    view.smallRequestRecommendation
  );
  // A small request is recommended its offer, not the ranking's first: what would change that is the offer's own.
  const wouldChange = (view.smallRequestRecommendation ? view.smallRequest?.whatWouldChange : null) ?? recommendation.whatWouldChange;
  // A departure from the recommendation is kept by recording it again: its justification is offered as written.
  const departure = decision && !decision.variant && (view.smallRequestRecommendation || decision.chosen !== recommendation.recommended) ? decision : null;
  const drawnFrom = (
    <>
      <input type="hidden" name="intakeVersion" value={view.intakeVersion} />
      <input type="hidden" name="decisionVersion" value={decision?.version ?? 0} />
      <input type="hidden" name="recommended" value={recommendation.recommended} />
    </>
  );
  const takeRecommendation = (take: { text: string; button: string }) => (
    <Form method="post" noValidate>
      {drawnFrom}
      <input type="hidden" name="overrideReason" value="" />
      <p>{take.text}</p>
      <SubmitButton className="button" name="intent" value="accept" busy={navigation.state === "submitting"}>
        {take.button}
      </SubmitButton>
    </Form>
  );
  const changeForms = (
    <>
      {offer.accept ? takeRecommendation(offer.accept) : null}
      <Form method="post" noValidate style={{ marginTop: offer.accept ? "2rem" : undefined }}>
        {drawnFrom}
        <h3>
          {departure
            ? `Keep ${METHOD_LABELS[departure.chosen]} with its justification, or choose another method`
            : offer.accept
            ? "Or choose another method"
            : "Choose another method"}
        </h3>
        <SelectField
          name="method"
          label="Method"
          placeholder="Choose a method…"
          options={METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
          state={form}
          saved={departure?.chosen}
        />
        <TextArea
          name="overrideReason"
          label="Justification"
          hint={
            view.smallRequestRecommendation
              ? "Required for a method of its own, which a request this small is not recommended: why it suits the partner better than the offers. It is recorded with the decision."
              : `Required for a method other than the recommended ${
                  METHOD_LABELS[recommendation.recommended]
                }: why it suits the partner better. It is recorded with the decision.`
          }
          state={form}
          saved={departure?.overrideReason}
          maxLength={TEXT_LIMITS.methodJustification}
        />
        <SubmitButton className="button button--secondary" name="intent" value="override" busy={navigation.state === "submitting"}>
          Record this method
        </SubmitButton>
      </Form>
    </>
  );
  if (view.intakeVersion === 0) {
    return (
      <EmptyState
        title="No recommendation yet"
        action={
          <Link className="button" to={`/engagements/${id}/intake`}>
            Start the intake
          </Link>
        }
      >
        The method is recommended from the partner's intake: its evidence, scale, horizon and ambition. Answer the intake and the recommendation appears here,
        with its reasons.
      </EmptyState>
    );
  }
  return (
    <>
      {decision ? (
        <section className="card" aria-labelledby="decision-heading">
          <h2 id="decision-heading">
            Decision{" "}
            {view.stale ? <StatusBadge tone="warning">Needs review: the intake changed since</StatusBadge> : <StatusBadge tone="success">Current</StatusBadge>}
          </h2>
          <p data-variant={decision.variant ?? "full"}>
            <strong>
              {decision.variant ? `${VARIANT_LABELS[decision.variant]}, a form of the ${METHOD_LABELS[decision.chosen]}` : METHOD_LABELS[decision.chosen]}
            </strong>
            {view.joined ? ` — ${view.joined.title}, run by ${view.joined.host}` : null}
            {decisionAgainst(
              { chosen: decision.chosen, variant: decision.variant ?? null, recommended: decision.recommended },
              { smallRequest: view.smallRequestRecommendation, fewNotSmall: recommendation.fewTeams?.small === false }
            )}{" "}
            — decided by {decision.decidedByName} on {formatDate(decision.decidedAt)}, on intake version {decision.intakeVersion}.
          </p>
          {decision.overrideReason ? (
            <blockquote style={{ whiteSpace: "pre-wrap", margin: 0 }}>
              <strong>Justification:</strong> {decision.overrideReason}
            </blockquote>
          ) : null}
        </section>
      ) : null}
      <section className="card" aria-labelledby="recommendation-heading">
        <h2 id="recommendation-heading">Recommendation: {view.smallRequestRecommendation ?? METHOD_LABELS[recommendation.recommended]}</h2>
        {recommendation.fewTeams?.why ? (
          <p data-few-teams-recommended>{recommendation.fewTeams.why} The methods below are ranked as they would be planned in full.</p>
        ) : null}
        {view.smallRequest && view.smallRequestRecommendation ? (
          <p data-small-request-recommended>
            {view.smallRequest.reason} So the offer for a small request is recommended in place of a method of its own:{" "}
            <a href="#small-request-heading">take it below</a>. The methods below are ranked as they would be planned in full.
          </p>
        ) : null}
        <p className="muted">
          Methods are ranked on the partner's situation alone. Our staff capacity is shown beside each one as feasibility: it never changes the ranking.
        </p>
        {recommendation.partnerTime ? <p data-partner-time>{recommendation.partnerTime}</p> : null}
        {recommendation.timeNote ? (
          <Notice>
            <span data-time-note>{recommendation.timeNote}</span>
          </Notice>
        ) : null}
        {view.ownPlan ? (
          <Notice>
            <span data-own-plan>{view.ownPlan.words}</span> <Link to={`/engagements/${id}/timeline`}>Timeline</Link>
          </Notice>
        ) : null}
        {view.notes.capacity ? (
          <Notice>
            <span data-feasibility-note>{view.notes.capacity}</span> <Link to={`/engagements/${id}/fit`}>Our staff capacity, role by role, on Fit</Link>
          </Notice>
        ) : null}
        {recommendation.unanswered.length ? (
          <Notice>
            Some answers that weigh in the recommendation are missing: {recommendation.unanswered.join(", ")}.{" "}
            <Link to={`/engagements/${id}/intake`}>Complete the intake</Link> for a firmer recommendation.
          </Notice>
        ) : null}
        {view.notes.composition.length ? (
          <ul className="reasons">
            {view.notes.composition.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : null}
        <ol style={{ paddingLeft: "1.2rem" }}>
          {recommendation.ranked.map((r) => (
            <li key={r.method} style={{ marginBottom: "1.5rem" }} data-method={r.method}>
              <h3 style={{ marginBottom: ".25rem" }}>
                {r.label} — <span data-score>{r.score}</span> / 100
              </h3>
              <div className="score-bar" aria-hidden="true">
                <span style={{ width: `${r.score}%` }} />
              </div>
              {r.rankedByTime ? (
                <p className="small" data-ranked-by-time>
                  {r.rankedByTime}
                </p>
              ) : null}
              <p className="small" data-feasibility={r.feasibility?.verdict ?? "unknown"}>
                <strong>Our capacity:</strong>{" "}
                {r.feasibility ? (
                  <>
                    <StatusBadge tone={FIT_TONE[r.feasibility.verdict]}>{r.feasibility.label}</StatusBadge>{" "}
                    {feasibilityWords(r.feasibility, view.searched, view.deadline)} <Link to={`/engagements/${id}/fit`}>Fit</Link>
                  </>
                ) : (
                  "not judged: no one is on the staff roster yet."
                )}
              </p>
              <p className="small" data-readiness-verdict={view.readiness[r.method].verdict}>
                <strong>Partner readiness for it:</strong>{" "}
                <StatusBadge tone={READINESS_TONE[view.readiness[r.method].verdict]}>{READINESS_VERDICT_LABELS[view.readiness[r.method].verdict]}</StatusBadge>
                {view.readiness[r.method].blockers
                  ? ` (${plural(view.readiness[r.method].blockers, "reason", "reasons")} why not)`
                  : view.readiness[r.method].conditions
                  ? ` (${plural(view.readiness[r.method].conditions, "condition", "conditions")})`
                  : ""}
                . <Link to={`/engagements/${id}/fit`}>Readiness on the Fit page</Link>
              </p>
              <details open={r.method === top.method}>
                <summary>Reasons for and against</summary>
                <ul className="reasons">
                  {r.contributions
                    .filter((c) => c.direction !== "neutral")
                    .map((c) => (
                      <li key={c.criterion}>
                        <span className={c.direction === "for" ? "for" : "against"}>
                          {c.direction === "for" ? "For" : "Against"} ({c.points > 0 ? "+" : ""}
                          {c.points})
                        </span>{" "}
                        <strong>{c.label}:</strong> {c.reason}
                      </li>
                    ))}
                </ul>
              </details>
              {r.caveats.length ? (
                <div className="notice">
                  <strong>Caveats</strong>
                  <ul className="reasons">
                    {r.caveats.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <h3>Evidence maturity, priority by priority</h3>
        {recommendation.evidence.priorities.length ? (
          <div className="table-wrap">
            <table className="data" data-evidence-maturity>
              <caption className="visually-hidden">Evidence maturity of each priority</caption>
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Maturity</th>
                  <th scope="col">What the partner said</th>
                </tr>
              </thead>
              <tbody>
                {recommendation.evidence.priorities.map((p) => (
                  <tr key={p.rank}>
                    <th scope="row">
                      {p.rank}. {p.label}
                    </th>
                    <td>{p.maturity ? <StatusBadge tone={MATURITY_TONE[p.maturity]}>{MATURITY_LABELS[p.maturity]}</StatusBadge> : "Not judged yet"}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>No priorities yet: choose them in the intake, with the evidence for each.</p>
        )}
        <p className="small" data-evidence-rule>
          <strong>The rule:</strong> {recommendation.evidence.rule}
        </p>
        {wouldChange.length ? (
          <>
            <h3>What would change the recommendation</h3>
            <ul className="reasons" data-what-would-change>
              {wouldChange.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {view.smallRequest ? <SmallRequest view={view} canEdit={canEdit} /> : null}
      {canEdit ? (
        <section className="card" aria-labelledby="decide-heading" data-decide>
          <h2 id="decide-heading">{offer.heading}</h2>
          {offer.current ? <p data-decided-now>{offer.current}</p> : null}
          <ErrorSummary errors={errors} labels={{ method: "Method", overrideReason: "Justification" }} />
          {errors[""] ? <Notice>{errors[""]}</Notice> : null}
          {offer.keep ? takeRecommendation(offer.keep) : null}
          {offer.behindDisclosure ? (
            <details open={Object.keys(errors).length > 0}>
              <summary>Change the method</summary>
              {changeForms}
            </details>
          ) : (
            changeForms
          )}
        </section>
      ) : null}
    </>
  );
}

/** What a partnership manager offers a request too small for a collaborative of its own (docs/domain.md §2.5). */
function SmallRequest({ view, canEdit }: { view: ReturnType<typeof useLoaderData<typeof loader>>["view"]; canEdit: boolean }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const offer = view.smallRequest!;
  const form = formState(actionData, "small");
  const chosen =
    view.decision?.variant === "join_open_collaborative" && view.decision.openCollaborativeId
      ? `join:${view.decision.openCollaborativeId}`
      : view.decision?.variant ?? undefined;
  const options = [
    ...offer.joinable.map((oc) => ({
      value: `join:${oc.id}`,
      label: `Join ${oc.title}, hosted by ${oc.host}: next learning session ${formatDate(oc.nextSessions[0]!)}, ${plural(
        oc.placesLeft,
        "place",
        "places"
      )} left`,
    })),
    {
      value: "short_tailored",
      label: `${VARIANT_LABELS.short_tailored}: a diagnostic, some months of testing changes with coaching, and a hand-over, in under a year`,
    },
  ];
  return (
    <section className="card" aria-labelledby="small-request-heading" data-small-request>
      <h2 id="small-request-heading">{view.smallRequestRecommendation ? "A small request" : "The alternative: a first phase in under a year"}</h2>
      <p>
        {view.smallRequestRecommendation ? `${offer.reason} ` : null}
        {!view.smallRequestRecommendation
          ? "Should the partner prefer to start smaller than the tailored initiative recommended above, these offers do a first phase of it, each planned in under a year, and cover less than the partner's time."
          : offer.joinable.length
          ? "Two kinds of offer suit it better, each planned in under a year: joining an open collaborative, or a short tailored engagement."
          : "A short tailored engagement suits it better, planned in under a year."}
      </p>
      <h3 id="open-collaboratives">Open collaboratives on the partner's topics</h3>
      {offer.joinable.length ? (
        <div className="table-wrap">
          <table className="data" data-joinable>
            <caption className="visually-hidden">Open collaboratives the partner could join</caption>
            <thead>
              <tr>
                <th scope="col">Collaborative</th>
                <th scope="col">Host</th>
                <th scope="col">Next learning sessions</th>
                <th scope="col" className="num">
                  Places left
                </th>
              </tr>
            </thead>
            <tbody>
              {offer.joinable.map((oc) => (
                <tr key={oc.id}>
                  <th scope="row">{oc.title}</th>
                  <td>{oc.host}</td>
                  <td>{oc.nextSessions.map(formatDate).join("; ")}</td>
                  <td className="num">{oc.placesLeft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-none-joinable>{offer.noneJoinable}</p>
      )}
      {canEdit ? (
        <Form method="post" noValidate>
          <input type="hidden" name="form" value="small" />
          <input type="hidden" name="intakeVersion" value={view.intakeVersion} />
          <input type="hidden" name="decisionVersion" value={view.decision?.version ?? 0} />
          {form.errors[""] ? <Notice>{form.errors[""]}</Notice> : null}
          <RadioGroup
            name="choice"
            legend="Offer the partner"
            hint="The timeline is then planned from that offer's own template."
            state={form}
            value={chosen}
            options={options}
          />
          <SubmitButton className="button button--secondary" name="intent" value="small" busy={navigation.state === "submitting"}>
            Record this offer
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
