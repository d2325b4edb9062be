import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { DocumentsBeingMade } from "~/components/documents-being-made";
import { COMMENT_FIELDS, CommentThreads, pageMessage, SectionComment, unsentBoxes, unsentErrorsByBox } from "~/components/comment-threads";
import { RouteErrorBoundary } from "~/components/error-page";
import { PartnerAnswers } from "~/components/partner-answers";
import { PendingButton } from "~/components/pending-button";
import { Checkbox, ErrorSummary, RadioGroup, TextArea, TextField } from "~/components/field";
import { ProposalDocument } from "~/components/proposal-document";
import { formatDate, Notice, PageHeader, StatusBadge } from "~/components/ui";
import { forDocument, forPage, VersionChanges } from "~/components/version-changes";
import { TEXT_LIMITS } from "~/domain/limits";
import { commentSections, PartnerChangeSchema } from "~/domain/review-forms";
import { Refusals } from "~/domain/errors";
import { unsentCommentsRefusal } from "~/domain/unsent-comments";
import { agreedInForce, closedToAcceptance, partnerAcceptanceNote, partnerStatus } from "~/domain/workflow";
import { formState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { listEngagements } from "~/models/engagements.server";
import { getVersion, listVersions, readPictures } from "~/models/proposal.server";
import { documentsPending, editionOf } from "~/models/proposal-documents.server";
import { scheduleDocuments } from "~/models/proposal-documents.server";
import {
  acceptedLatestShared,
  answersRequested,
  markAgreementSeen,
  offeredOptions,
  partnerAgreement,
  partnerChangesSince,
  responsesTo,
  markSeen,
  respondToVersion,
} from "~/models/sharing.server";
import { addComment, listComments } from "~/models/comments.server";
import { leadershipOn, partnerView } from "~/models/workflow.server";
import { getDb } from "~/services/db.server";
import { notFound, requirePermission } from "~/services/session.server";
import proposalStyles from "~/styles/proposal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: proposalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Partnership Planner` : "Proposal · Partnership Planner" }];

function requirePartner(request: Request) {
  return requirePermission(request, "proposal:respond", "This page is for the partner's executives.");
}

/** The partner's view: only shared versions of their own organisation, and no internal field. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePartner(request);
  const id = engagementIdParam(params);
  const engagement = listEngagements(user).find((e) => e.id === id);
  if (!engagement) throw notFound("No such proposal.");
  const versions = listVersions(user, id).map((v) => ({ number: v.number, sharedAt: v.sharedAt }));
  const latest = versions[0];
  if (!latest) throw notFound("No such proposal.");
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("version"));
  const number = versions.some((v) => v.number === requested) ? requested : latest.number;
  const version = getVersion(user, id, number);
  // What they may answer, and the status, follow this version's own standing, as the answer itself is decided.
  const view = partnerView(getDb(), id, number);
  const { seen, since, sinceAgreed, sinceSharedAt, changes, recordOnOpen } = partnerChangesSince(
    user,
    id,
    versions,
    number,
    agreedInForce(latest.number, view.inForce)
  );
  const pictures = forPage(readPictures(getDb(), version.id));
  const status = partnerStatus(engagement.stage, acceptedLatestShared([id]).has(id), {
    number,
    latestShared: latest.number,
    standing: view.standing,
    us: view.us,
    inForce: view.inForce,
    latestStanding: number === latest.number ? view.standing : partnerView(getDb(), id, latest.number).standing,
  });
  return {
    id,
    title: engagement.title,
    status: status.label,
    tone: status.tone,
    answer: view.answer,
    // The day we ask them to answer the version they read by, while their answer is awaited (docs/domain.md §9.16).
    answerBy: ((asked) => (asked?.number === number ? asked.words : null))(answersRequested([id]).get(id)),
    // The version agreed by both sides and in force, said where they arrive; its notice goes once they have seen it here.
    agreement: partnerAgreement(user, id, view.inForce, view.us),
    // Why the latest version, still unanswered, is no longer theirs to accept.
    notOpen: number === latest.number && !view.answered ? closedToAcceptance(number, view.standing, view.us, view.inForce) : null,
    // Where our leadership (named, as the version names us) stands on the version the partner is still to accept: said beside the answer.
    // The key dates of a version declined or not taken forward will not happen: no calendar file is offered.
    keyDates: view.standing !== "declined" && view.standing !== "not_taken_forward",
    versions,
    number,
    latest: latest.number,
    seen,
    since,
    sinceAgreed,
    sinceSharedAt,
    changes,
    recordOnOpen,
    // The partner version only: no internal block, no leadership conditions (docs/domain.md §9.4).
    ...(({ content, approval }) => ({
      content,
      approval,
      // Beside Accept: that leadership's approval carries conditions, which the team sets out with them (never their text).
      acceptanceNote: partnerAcceptanceNote(
        number,
        leadershipOn(getDb(), version.id),
        view.us,
        approval.status === "approved" && approval.decision === "approved_with_conditions"
      ),
    }))(editionOf(user, version, "partner")),
    pictures,
    documentsPending: documentsPending(version, ["partner"]),
    comments: listComments(user, id),
    // A version declined or not taken forward takes no more comments, nor replies in its threads: said in place of the forms.
    commentsClosed: view.commentsClosed,
    closedToComments: versions
      .filter((v) => (v.number === number ? view.commentsClosed : partnerView(getDb(), id, v.number).commentsClosed))
      .map((v) => v.number),
    answers: responsesTo(user, id),
    // The options the partner chooses from when accepting (docs/domain.md §9.13): none when the version offers one scope.
    options: offeredOptions(version),
    // A comment is about one of the document's own sections, each of which offers "Comment on this section".
    sections: commentSections([version.content]),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requirePartner(request);
  const id = engagementIdParam(params);
  const back = `/partner/engagements/${id}`;
  return change(await request.formData(), PartnerChangeSchema, (input) => {
    switch (input.intent) {
      case "seen":
        markSeen(user, id, input.number);
        return null;
      case "agreement_seen":
        markAgreementSeen(user, id, input.number);
        return null;
      case "respond": {
        // A comment typed on the page but not sent would not go with the answer: it is sent or cleared first.
        const unsent = input.unsent.trim()
          ? unsentCommentsRefusal(
              input.unsent,
              { sections: commentSections([getVersion(user, id, input.number).content]), threads: listComments(user, id).filter((c) => c.parentId === null) },
              input.response
            )
          : {};
        if (Object.keys(unsent).length) throw new Refusals(unsent);
        const signer = { name: input.signerName, title: input.signerTitle, confirmed: input.confirm };
        const { versionId } = respondToVersion(user, id, input.number, input.response, input.reason, signer, input.option);
        // The acceptance record, and the next steps of a version with changes asked for, are part of its documents: they are made again.
        scheduleDocuments(versionId);
        markSeen(user, id, input.number);
        return redirectWithFlash(
          request,
          back,
          input.response === "accepted"
            ? "Thank you: you accepted the proposal. The partnership team will take it forward."
            : "Your request for changes was sent to the partnership team."
        );
      }
      case "comment":
        addComment(user, id, { ...input, visibility: "partner" });
        markSeen(user, id, input.number);
        return redirectWithFlash(request, back, "Comment sent to the partnership team.");
    }
  });
}

/** After a 409 the page shows the proposal as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

const ANSWER_FIELDS = ["reason", "response", "option", "signerName", "signerTitle", "confirm"];

export default function PartnerProposal() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const seen = useFetcher();
  const agreementSeen = useFetcher();
  const state = formState(actionData);
  // Comments typed and not sent when the partner answered: said beside each box, and above the answer.
  const unsentErrors = unsentErrorsByBox(state.errors);
  const message = pageMessage(state, [...COMMENT_FIELDS, ...ANSWER_FIELDS, ...Object.keys(unsentErrors.byName)]);
  const unsent = useRef<HTMLInputElement>(null);
  const docPictures = forDocument(d.pictures);

  // A first look at the latest version sets where "what changed" will count from next time, when nothing
  // shared before it is counted from already (partnerChangesSince).
  useEffect(() => {
    if (d.number === d.latest && d.recordOnOpen !== null) seen.submit({ intent: "seen", number: String(d.recordOnOpen) }, { method: "post" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d.number, d.latest, d.recordOnOpen]);

  // The agreement said at the head of the page has been seen: its notice goes.
  const unseenAgreement = d.agreement && !d.agreement.seen ? d.agreement.number : null;
  useEffect(() => {
    if (unseenAgreement !== null) agreementSeen.submit({ intent: "agreement_seen", number: String(unseenAgreement) }, { method: "post" });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unseenAgreement]);

  return (
    <>
      <PageHeader
        title={d.title}
        intro={
          <>
            Version {d.number} · <StatusBadge tone={d.tone}>{d.status}</StatusBadge>
          </>
        }
        breadcrumbs={<Link to="/partner">Your proposals</Link>}
        actions={
          <>
            <a className="button" href={`/engagements/${d.id}/versions/${d.number}/docx`} download>
              Download Word
            </a>
            <a className="button button--secondary" href={`/engagements/${d.id}/versions/${d.number}/pdf`} download>
              Download PDF
            </a>
            {d.keyDates ? (
              <a className="button button--secondary" href={`/engagements/${d.id}/versions/${d.number}/ics`} download>
                Key dates (.ics)
              </a>
            ) : null}
          </>
        }
      />
      <DocumentsBeingMade which={d.documentsPending} />
      {d.agreement ? (
        <section className="card" aria-label="The agreed proposal">
          <p data-agreement>{d.agreement.words}</p>
        </section>
      ) : null}
      {d.answer.accept ? (
        // What the reader is asked to do, said where they arrive: the answer itself comes after the proposal they answer.
        <Notice>
          <p data-next-step>
            <strong>Your answer is awaited.</strong> Read version {d.number} below, comment on any section, then{" "}
            {d.answer.askForChanges ? "accept it or ask for changes" : "accept it"} at the end of the page.
            {d.answerBy ? <strong data-answer-by> {d.answerBy}</strong> : null} <a href="#respond-heading">Go to your answer</a>
          </p>
        </Notice>
      ) : null}
      {d.changes ? (
        <section className="card" aria-labelledby="changes-heading">
          <h2 id="changes-heading">
            What changed since version {d.since},{" "}
            {d.sinceAgreed
              ? "the version your organisation accepted, agreed and in force"
              : d.sinceSharedAt
              ? `shared with you on ${formatDate(d.sinceSharedAt)}`
              : "the one you last saw"}
          </h2>
          <VersionChanges diff={d.changes} emptyText="Nothing of substance changed." />
          {/* What an amendment changes in the agreed version stays, once read, as the comparison its page makes. */}
          {d.seen === null || d.seen < d.latest ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="seen" />
              <input type="hidden" name="number" value={d.latest} />
              <button className="button button--secondary button--small" type="submit">
                Dismiss: I have read what changed
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {d.versions.length > 1 ? (
        <p className="small">
          Other versions shared with you:{" "}
          {d.versions
            .filter((v) => v.number !== d.number)
            .map((v) => (
              <Link key={v.number} to={`?version=${v.number}`} style={{ marginRight: "0.75rem" }}>
                Version {v.number} ({formatDate(v.sharedAt!)})
              </Link>
            ))}
        </p>
      ) : null}
      {message ? <Notice tone="danger">{message}</Notice> : null}
      <ProposalDocument
        content={d.content}
        pictures={docPictures}
        approval={d.approval}
        mode="screen"
        sectionEnd={(section) =>
          d.commentsClosed ? null : (
            <SectionComment
              section={{ key: section.key, title: section.title }}
              number={d.number}
              threads={d.comments.filter((c) => c.parentId === null && c.sectionKey === section.key).length}
              latestThread={d.comments.reduce<number | undefined>(
                // The newest thread the partner's side began on the section: the comment just sent from it.
                (newest, c) => (c.parentId === null && c.authorIsPartner && c.sectionKey === section.key && c.id > (newest ?? 0) ? c.id : newest),
                undefined
              )}
              state={state}
            />
          )
        }
      />
      {d.answer.accept ? (
        <section className="card" aria-labelledby="respond-heading">
          <h2 id="respond-heading">Your answer</h2>
          {d.answer.askForChanges ? (
            <p>Accept version {d.number} as it stands, signing the acceptance with your name and title, or ask for changes and say what should change.</p>
          ) : (
            <p>
              <span data-acceptance-note>{d.acceptanceNote}</span> Accept it as it stands, signing the acceptance with your name and title. To ask for a change,
              comment on the section concerned: the team will answer, and share a new version if one is needed.
            </p>
          )}
          <ErrorSummary
            errors={{ ...Object.fromEntries(Object.entries(state.errors).filter(([name]) => ANSWER_FIELDS.includes(name))), ...unsentErrors.byBox }}
            labels={{
              reason: "Reasons",
              response: "Your answer",
              option: "The option you accept",
              signerName: "Your name",
              signerTitle: "Your title",
              confirm: "Confirmation",
            }}
          />
          <Form
            method="post"
            noValidate
            onSubmit={(event) => {
              if (unsent.current) unsent.current.value = unsentBoxes(event.currentTarget.ownerDocument);
            }}
          >
            <input type="hidden" name="intent" value="respond" />
            <input type="hidden" name="number" value={d.number} />
            <input type="hidden" name="unsent" defaultValue="" ref={unsent} />
            {d.answer.askForChanges ? (
              <TextArea name="reason" label="Reasons (required when asking for changes)" state={state} rows={3} maxLength={TEXT_LIMITS.partnerReason} />
            ) : null}
            {d.options.length ? (
              <RadioGroup
                name="option"
                legend="To accept: the option you accept"
                hint={`Version ${d.number} offers ${d.options.length} options, set out under Options above. Choose one.`}
                state={state}
                options={d.options.map((o) => ({ value: o.key, label: o.label }))}
              />
            ) : null}
            <fieldset>
              <legend>To accept: your electronic signature</legend>
              <TextField name="signerName" label="Your name" autoComplete="name" state={state} />
              <TextField name="signerTitle" label="Your title" autoComplete="organization-title" state={state} />
              <Checkbox name="confirm" label={`I accept version ${d.number} of this proposal on behalf of my organisation.`} state={state} />
            </fieldset>
            <div className="actions">
              <PendingButton fields={{ intent: "respond" }} name="response" value="accepted" pending="Accepting…">
                Accept the proposal
              </PendingButton>
              {d.answer.askForChanges ? (
                <PendingButton
                  className="button button--secondary"
                  fields={{ intent: "respond" }}
                  name="response"
                  value="changes_requested"
                  pending="Sending your request…"
                >
                  Ask for changes
                </PendingButton>
              ) : null}
            </div>
            <noscript>
              <p className="small muted">A comment typed under a section is sent only by its own “Send comment” button: send it before you answer.</p>
            </noscript>
          </Form>
        </section>
      ) : d.notOpen ? (
        <section className="card" aria-labelledby="respond-heading">
          <h2 id="respond-heading">Your answer</h2>
          <p data-not-open>{d.notOpen}</p>
        </section>
      ) : d.answers.length ? (
        <section className="card" aria-labelledby="answers-heading">
          <h2 id="answers-heading">Your organisation's answers</h2>
          <PartnerAnswers answers={d.answers} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="comments-heading" style={{ marginTop: "2rem" }}>
        <h2 id="comments-heading">Comments</h2>
        {d.commentsClosed ? (
          <p data-comments-closed>{d.commentsClosed}</p>
        ) : (
          <p className="small muted">To comment on a section, open “Comment on this section” at its end.</p>
        )}
        <CommentThreads
          comments={d.comments}
          sections={d.sections}
          number={d.number}
          canResolve={false}
          staff={false}
          state={state}
          newComment={false}
          closed={d.closedToComments}
        />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
