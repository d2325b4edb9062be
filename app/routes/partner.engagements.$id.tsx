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
import { VersionChanges } from "~/components/version-changes";
import { forDocument } from "~/domain/page-pictures";
import { TEXT_LIMITS } from "~/domain/limits";
import { PartnerChangeSchema } from "~/domain/review-forms";
import { formState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change } from "~/lib/route.server";
import { partnerProposalChange, partnerProposalPage } from "~/models/partner-proposal.server";
import { requirePermission } from "~/services/session.server";
import proposalStyles from "~/styles/proposal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: proposalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Partnership Planner` : "Proposal · Partnership Planner" }];

function requirePartner(request: Request) {
  return requirePermission(request, "proposal:respond", "This page is for the partner's executives.");
}

/** The partner's view: only shared versions of their own organisation, and no internal field. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return partnerProposalPage(requirePartner(request), engagementIdParam(params), Number(new URL(request.url).searchParams.get("version")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requirePartner(request);
  const id = engagementIdParam(params);
  return change(await request.formData(), PartnerChangeSchema, (input) => partnerProposalChange(request, user, id, input));
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
