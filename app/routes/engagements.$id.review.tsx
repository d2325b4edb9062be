import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { CommentThreads, pageMessage } from "~/components/comment-threads";
import { DecisionRecordText } from "~/components/approval-decisions";
import { CapacityShortNow } from "~/components/capacity-short";
import { RouteErrorBoundary } from "~/components/error-page";
import { PartnerAnswers } from "~/components/partner-answers";
import { MissingPartsList } from "~/components/missing-parts";
import { PendingButton } from "~/components/pending-button";
import { EmptyState, formatDate, Notice, StatusBadge } from "~/components/ui";
import { VersionChanges } from "~/components/version-changes";
import { commentSections, ReviewChangeSchema } from "~/domain/review-forms";
import { signerText } from "~/domain/proposal-content";
import { missingPartView } from "~/domain/missing-parts";
import {
  conditionsToMeet,
  conditionsToMeetLead,
  conditionsUntoldWords,
  toldAfterConditions,
  asksWhetherDraftChanged,
  draftChangedView,
  inForceWords,
  isSharedAmendment,
  laterVersionBehindRequest,
  leadershipStance,
  sharedWithPartner,
  standingForTeam,
  type LeadershipCondition,
} from "~/domain/workflow";
import { plural } from "~/domain/plural";
import { formState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { draftChangesSince, getVersionRef, listVersions, missingParts } from "~/models/proposal.server";
import { addComment, listComments, resolveThread } from "~/models/comments.server";
import { listRequests, submitForApproval, versionShortNow, withdrawRequest } from "~/models/approvals.server";
import { ownerChoices, versionInForceFacts } from "~/models/workflow.server";
import { answersDue, changeAnswerBy, partnerReaders, responsesTo, shareVersion, shareWarningsFor } from "~/models/sharing.server";
import { defaultAnswerBy } from "~/domain/answer-by";
import { TextField } from "~/components/field";
import { currentDate, currentDay, currentMonth } from "~/services/clock.server";
import { scheduleDocuments } from "~/models/proposal-documents.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Review · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const versions = listVersions(user, id);
  // The sections of the document itself, Options and References included, newest version first.
  const sections = commentSections(versions);
  const responses = responsesTo(user, id);
  const requests = listRequests({ engagementId: id });
  const choices = engagement.canEdit ? ownerChoices(user, id) : null;
  // What stays in force while a newer version is made, said to whoever reads the page (leadership too).
  const inForce = versionInForceFacts(id);
  // Leadership's conditions on the version in force stand until a later version's approval says they are met.
  const conditions = conditionsToMeet(requests, inForce.inForce);
  const latest = versions[0] ?? null;
  const comments = listComments(user, id);
  // The latest comment the partner can read that one of us wrote after leadership's conditions were set.
  const told = toldAfterConditions(comments, conditions);
  // Which version the partner has been shown, said beside the latest and by the badge.
  const shared = sharedWithPartner(versions.map((v) => ({ number: v.number, sharedOn: v.sharedAt ? formatDate(v.sharedAt) : null })));
  const standing = standingOf(engagement.stage, latest, responses, requests, {
    withConditions: conditions.length > 0,
    readerOwns: engagement.canEdit,
    shared: shared.shared,
    inForceAccepted: inForce.inForce === null ? undefined : inForce.accepted,
  });
  return {
    id,
    stage: engagement.stage,
    standing,
    shared,
    conditions,
    // Said before the conditions unless the sentence on the partner's acceptance already leads to them.
    conditionsLead: conditions.length && !standing.leadsToConditions ? conditionsToMeetLead(inForce.inForce!, engagement.canEdit) : null,
    canEdit: engagement.canEdit,
    choices,
    inForce,
    // Said above the share and submit buttons when the draft says what the latest version does not.
    draftChanged:
      latest && choices && asksWhetherDraftChanged(latest, choices)
        ? draftChangedView(
            { number: latest.number, frozenOn: formatDate(latest.createdAt), share: choices.share.ok, submit: choices.submit.ok },
            draftChangesSince(user, id, latest.number, currentDate(), currentMonth())
          )
        : null,
    // A version shared that nobody at the partner can sign in to read: said until one of them can, not only in the message after sharing.
    unread: engagement.canEdit && shared.shared !== null ? unreadWords(shared.shared, partnerReaders(id)) : null,
    // What the latest version is short of now, the roster's doing apart from other engagements': said before offering to share it.
    shortNow: latest ? versionShortNow(user, id, latest.number, requests) : null,
    // The day the partner is asked to answer the version with them by, while their answer is awaited, and how late it is.
    answerDue: answersDue([id], currentDay()).get(id) ?? null,
    // What the share form offers, and the earliest day it takes.
    answerBy: { offered: defaultAnswerBy(currentDay()), today: currentDay() },
    // Said beside the share button, before it is pressed.
    shareWarnings: choices?.share.ok && versions[0] ? shareWarningsFor(id, versions[0].number, { day: currentDay(), month: currentMonth() }) : [],
    // Leadership's conditions on the version the partner is to accept, which they are not shown: said to its owners until the partner answers.
    conditionsUntold:
      engagement.canEdit && latest && inForce.inForce === latest.number && (latest.sharedAt ? true : Boolean(choices?.share.ok))
        ? conditionsUntoldWords({
            number: latest.number,
            conditions: conditions.length,
            shared: latest.sharedAt !== null,
            answered: responses.some((r) => r.number === latest.number),
            told: told ? { by: told.authorName, on: formatDate(told.createdAt) } : null,
          })
        : null,
    versions,
    // What the latest version still needs, named, where it cannot be shared for it.
    missingParts: versions[0]?.missing ? missingParts(user, id, versions[0].number).map((m) => missingPartView(id, m)) : [],
    responses,
    requests,
    comments,
    sections,
  };
}

function unreadWords(number: number, at: { readers: number; organisationName: string }): string | null {
  return at.readers > 0
    ? null
    : `Version ${number} is shared, but no one at ${at.organisationName} can sign in to read it yet: invite one of their executives on the engagement's overview.`;
}

/** "Where it stands": the stage, or who accepted the latest version for the partner and what remains. */
function standingOf(
  stage: Parameters<typeof standingForTeam>[0]["stage"],
  newest: { number: number; sharedAt: string | null } | null,
  responses: ReturnType<typeof responsesTo>,
  requests: ReturnType<typeof listRequests>,
  conditions: { withConditions: boolean; readerOwns: boolean; shared: number | null; inForceAccepted?: boolean }
) {
  const latest = newest?.number ?? null;
  const acceptance = latest === null ? undefined : responses.find((r) => r.number === latest && r.response === "accepted");
  const statuses = requests.filter((r) => r.number === latest).map((r) => r.status);
  return standingForTeam({
    stage,
    number: latest ?? 0,
    // The day in the page's own style of date, as the page writes when it was shared and submitted.
    accepted: acceptance ? { who: signerText(acceptance.signerName, acceptance.signerTitle) || acceptance.by, on: formatDate(acceptance.at) } : null,
    leadership: statuses.includes("declined") ? "declined" : leadershipStance(statuses),
    sharedAmendment: isSharedAmendment(newest && { number: newest.number, shared: newest.sharedAt !== null }, requests),
    ...conditions,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  getEngagementForStaff(user, id);
  const back = `/engagements/${id}/review`;
  return change(await request.formData(), ReviewChangeSchema, (input) => {
    switch (input.intent) {
      case "share": {
        const { readers, organisationName, answerBy } = shareVersion(user, id, input.number, input.answerBy);
        // The documents' next steps follow the version's state: they are made again for it.
        scheduleDocuments(getVersionRef(user, id, input.number).id);
        return redirectWithFlash(
          request,
          back,
          readers > 0
            ? `Version ${input.number} shared with the partner's executives, who are asked to answer by ${formatDate(answerBy)}.`
            : `Version ${input.number} is shared, but no one at ${organisationName} can sign in to read it yet: invite one of their executives on the engagement's overview.`
        );
      }
      case "answer-by": {
        const { changed, answerBy } = changeAnswerBy(user, id, input.number, input.answerBy ?? "", input.shown);
        return redirectWithFlash(
          request,
          back,
          changed
            ? `The partner is now asked to answer version ${input.number} by ${formatDate(answerBy)}; their executives are told by mail.`
            : `The partner was already asked to answer version ${input.number} by ${formatDate(answerBy)}.`
        );
      }
      case "submit":
        submitForApproval(user, id, input.number);
        scheduleDocuments(getVersionRef(user, id, input.number).id);
        return redirectWithFlash(request, back, `Version ${input.number} submitted to leadership for approval.`);
      case "withdraw":
        scheduleDocuments(withdrawRequest(user, id, input.requestId).versionId);
        return redirectWithFlash(request, back, "Approval request withdrawn.");
      case "comment":
        addComment(user, id, input);
        return redirectWithFlash(
          request,
          back,
          input.visibility === "internal" ? "Internal comment added; the partner cannot see it." : "Comment added; the partner's executives can see it."
        );
      case "resolve":
        resolveThread(user, id, input.commentId);
        return redirectWithFlash(request, back, "Thread marked resolved.");
    }
  });
}

/** After a 409 the page shows the engagement as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

const REQUEST_LABELS: Record<string, string> = {
  pending: "Waiting for leadership",
  approved: "Approved",
  approved_with_conditions: "Approved with conditions",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export default function ReviewPage() {
  const {
    id,
    stage,
    standing,
    shared,
    conditions,
    conditionsLead,
    canEdit,
    choices,
    inForce,
    draftChanged,
    shareWarnings,
    answerDue,
    answerBy,
    unread,
    shortNow,
    conditionsUntold,
    versions,
    missingParts,
    responses,
    requests,
    comments,
    sections,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = formState(actionData);
  const latest = versions[0];
  if (!latest) {
    return (
      <EmptyState
        title="No version to review yet"
        action={
          <Link className="button" to={`/engagements/${id}/proposal`}>
            Go to the proposal
          </Link>
        }
      >
        Create a proposal version first. It can then be shared with the partner's executives and submitted to leadership for approval.
      </EmptyState>
    );
  }
  const pending = requests.find((r) => r.status === "pending");
  const behindRequest = laterVersionBehindRequest({ pending: pending?.number ?? null, latest: latest.number, canWithdraw: Boolean(choices?.withdraw.ok) });
  return (
    <>
      {pageMessage(state) ? <Notice tone="danger">{pageMessage(state)}</Notice> : null}
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">
          Where it stands <StatusBadge tone={standing.tone}>{standing.label}</StatusBadge>
        </h2>
        <p>
          Latest version: <Link to={`/engagements/${id}/versions/${latest.number}`}>version {latest.number}</Link>
          {shared.latest}
          {shared.held ? <span data-partner-has>{` ${shared.held}`}</span> : null}
          {latest.missing > 0
            ? ` Version ${latest.number} has ${plural(latest.missing, "part")} still to be completed, so it cannot be shared or submitted:`
            : ""}
        </p>
        {missingParts.length ? (
          <>
            <MissingPartsList parts={missingParts} />
            <p className="small">
              Then create a new version on the <Link to={`/engagements/${id}/proposal`}>Proposal</Link> page.
            </p>
          </>
        ) : null}
        {answerDue ? (
          <AnswerDue
            due={answerDue}
            canChange={canEdit}
            today={answerBy.today}
            state={formState(actionData, "answer-by")}
            shareOpen={Boolean(choices?.share.ok)}
          />
        ) : null}
        {standing.accepted ? <p data-partner-accepted>{standing.accepted}</p> : null}
        {conditions.length && !conditionsLead ? <ConditionsToMeet conditions={conditions} lead={null} /> : null}
        {inForce.inForce ? (
          <p data-in-force>
            {inForceWords({
              inForce: inForce.inForce,
              accepted: inForce.accepted,
              latest: latest.number,
              latestDeclined: requests.some((r) => r.number === latest.number && r.status === "declined"),
            })}
          </p>
        ) : null}
        {conditions.length && conditionsLead ? <ConditionsToMeet conditions={conditions} lead={conditionsLead} /> : null}
        {conditionsUntold ? (
          <Notice>
            <p data-conditions-untold>
              {conditionsUntold} <a href="#comments-heading">Write to the partner</a>
            </p>
          </Notice>
        ) : null}
        {unread ? (
          <Notice>
            <p data-unread>
              {unread} <Link to={`/engagements/${id}#invite-heading`}>Invite an executive</Link>
            </p>
          </Notice>
        ) : null}
        {shortNow?.count ? (
          <Notice>
            <p data-short-now>
              <strong>Capacity short now.</strong> Version {latest.number} books staff our capacity no longer has, against the roster as it is and every other
              engagement's confirmed bookings:
            </p>
            <CapacityShortNow short={shortNow} level={3} />
          </Notice>
        ) : null}
        {shareWarnings.length ? (
          <Notice>
            <ul className="plain-list" data-share-warnings>
              {shareWarnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {draftChanged ? (
          <Notice>
            <p data-draft-changed>
              {draftChanged.words}
              {draftChanged.canCreate ? null : (
                <>
                  {" "}
                  <Link to={`/engagements/${id}/proposal`}>Open the Proposal page</Link>
                </>
              )}
            </p>
            {draftChanged.diff.isEmpty ? null : (
              <details>
                <summary>What the draft says that version {latest.number} does not</summary>
                <VersionChanges diff={draftChanged.diff} />
              </details>
            )}
          </Notice>
        ) : null}
        {choices ? (
          <div className="actions">
            {draftChanged?.canCreate ? (
              // Made as the Proposal page makes it, then back here to share or submit it.
              <Form method="post" action={`/engagements/${id}/proposal`}>
                <input type="hidden" name="intent" value="create-version" />
                <input type="hidden" name="then" value="review" />
                <PendingButton fields={{ intent: "create-version" }} pending={`Creating version ${latest.number + 1} and drawing its pictures…`}>
                  Create version {latest.number + 1} from the draft
                </PendingButton>
              </Form>
            ) : null}
            {choices.share.ok ? (
              <Form method="post" className="share-form">
                <input type="hidden" name="form" value="share" />
                <input type="hidden" name="intent" value="share" />
                <input type="hidden" name="number" value={latest.number} />
                <AnswerByField form="share" today={answerBy.today} saved={answerBy.offered} state={formState(actionData, "share")} />
                <PendingButton
                  className={draftChanged ? "button button--secondary" : "button"}
                  fields={{ intent: "share" }}
                  pending={`Sharing version ${latest.number}…`}
                >
                  {draftChanged ? `Share version ${latest.number} as it was frozen` : `Share version ${latest.number} with the partner`}
                </PendingButton>
              </Form>
            ) : null}
            {choices.submit.ok ? (
              <Form method="post">
                <input type="hidden" name="intent" value="submit" />
                <input type="hidden" name="number" value={latest.number} />
                <PendingButton className="button button--secondary" fields={{ intent: "submit" }} pending={`Submitting version ${latest.number}…`}>
                  {draftChanged ? `Submit version ${latest.number} as it was frozen` : `Submit version ${latest.number} for approval`}
                </PendingButton>
              </Form>
            ) : null}
            {pending && choices.withdraw.ok ? (
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="requestId" value={pending.id} />
                <PendingButton className="button button--secondary" fields={{ intent: "withdraw" }} pending="Withdrawing…">
                  Withdraw the approval request
                </PendingButton>
              </Form>
            ) : null}
          </div>
        ) : null}
        {behindRequest ? (
          <p data-behind-request>
            <strong>{behindRequest}</strong>
          </p>
        ) : null}
        {choices && !choices.share.ok && !latest.sharedAt && stage !== "awaiting_approval" && latest.missing === 0 ? (
          <p className="small muted" data-why-not-share>
            {choices.share.message}
          </p>
        ) : null}
        {choices &&
        !choices.submit.ok &&
        stage !== "awaiting_approval" &&
        latest.missing === 0 &&
        choices.inForce !== latest.number &&
        (choices.share.ok || choices.share.message !== choices.submit.message) ? (
          <p className="small muted" data-why-not-submit>
            {choices.submit.message}
          </p>
        ) : null}
        {choices?.partner ? <p data-partner-acceptance>{choices.partner}</p> : null}
      </section>

      <section className="card" aria-labelledby="responses-heading">
        <h2 id="responses-heading">The partner's answers</h2>
        {responses.length === 0 ? <p className="muted">No answer from the partner yet.</p> : <PartnerAnswers answers={responses} />}
      </section>

      <section className="card" aria-labelledby="approval-heading">
        <h2 id="approval-heading">Leadership approval</h2>
        {requests.length === 0 ? (
          <p className="muted">Not submitted for approval yet.</p>
        ) : (
          <ul className="reasons" data-requests>
            {requests.map((r) => (
              <li key={r.id}>
                Version {r.number}, submitted {formatDate(r.submittedAt)} by {r.submittedByName}: <strong>{REQUEST_LABELS[r.status]}</strong>
                {r.status === "withdrawn" ? (
                  <>
                    {" "}
                    {r.withdrawnByName ? `by ${r.withdrawnByName}` : ""}
                    {r.decidedAt ? ` on ${formatDate(r.decidedAt)}` : ""} · <Link to={`/approvals/${r.id}`}>Open the request</Link>
                  </>
                ) : null}
                {r.status === "pending" ? (
                  <>
                    {" "}
                    ({r.decisions.length} of {r.requiredApprovals} approval{r.requiredApprovals === 1 ? "" : "s"}) ·{" "}
                    <Link to={`/approvals/${r.id}`}>Open the request</Link>
                  </>
                ) : null}
                {r.decisions.map((d) => (
                  <div key={d.leaderId} className="small">
                    <DecisionRecordText d={d} />
                  </div>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="comments-heading">
        <h2 id="comments-heading">Comments</h2>
        <CommentThreads comments={comments} sections={sections} number={latest.number} canResolve={canEdit} staff state={state} />
      </section>
    </>
  );
}

/** The day asked for the partner's answer: the share form's field, and the one that changes it after. */
function AnswerByField({ form, today, saved, state }: { form: string; today: string; saved: string; state: ReturnType<typeof formState> }) {
  return (
    <TextField
      form={form}
      name="answerBy"
      type="date"
      label="Answer requested by"
      hint={`The day by which the partner is asked to accept or ask for changes. The partner reads it, and you are told once it passes unanswered.`}
      state={state}
      saved={saved}
      required
      min={today}
    />
  );
}

/** When the partner's answer is due, said overdue once the day has passed; its owners may give another day. */
function AnswerDue({
  due,
  canChange,
  today,
  state,
  shareOpen,
}: {
  due: { number: number; answerBy: string; words: string; overdue: boolean };
  canChange: boolean;
  today: string;
  state: ReturnType<typeof formState>;
  shareOpen: boolean;
}) {
  const words = (
    <p data-answer-due>
      {due.overdue ? <strong>{due.words}</strong> : due.words} (version {due.number}).
    </p>
  );
  if (!canChange) return due.overdue ? <Notice>{words}</Notice> : words;
  const form = (
    <details open={Boolean(state.errors.answerBy) || undefined} data-change-answer-by>
      <summary>Change the date{shareOpen ? ` for version ${due.number}` : ""}</summary>
      <Form method="post">
        <input type="hidden" name="form" value="answer-by" />
        <input type="hidden" name="intent" value="answer-by" />
        <input type="hidden" name="number" value={due.number} />
        <input type="hidden" name="shown" value={due.answerBy} />
        <AnswerByField form="answer-by" today={today} saved={due.answerBy} state={state} />
        <PendingButton className="button button--secondary" fields={{ intent: "answer-by" }} pending="Changing the date…">
          Change the date
        </PendingButton>
      </Form>
    </details>
  );
  return due.overdue ? (
    <Notice>
      {words}
      {form}
    </Notice>
  ) : (
    <>
      {words}
      {form}
    </>
  );
}

/** Leadership's conditions on the version in force, each with who set it and when, as what remains for the owners to meet. */
function ConditionsToMeet({ conditions, lead }: { conditions: LeadershipCondition[]; lead: string | null }) {
  return (
    <div data-conditions-to-meet>
      {lead ? <p>{lead}</p> : null}
      <ul className="reasons">
        {conditions.map((c) => (
          <li key={`${c.who} ${c.at}`}>
            {c.who}, {formatDate(c.at)}: <span className="condition-text">{c.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
