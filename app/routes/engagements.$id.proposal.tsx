import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ProposalDocument } from "~/components/proposal-document";
import { FormMessage } from "~/components/field";
import { MissingPartsList } from "~/components/missing-parts";
import { PendingButton } from "~/components/pending-button";
import { EmptyState, formatDate, Notice, StatusBadge } from "~/components/ui";
import { ProposalIntentSchema } from "~/domain/proposal-forms";
import { BudgetPanel } from "~/components/budget-panel";
import { isPricingIntent } from "~/domain/pricing-forms";
import { pricingChange, pricingSchema } from "~/lib/pricing-change.server";
import { OptionsPanel } from "~/components/options-panel";
import { isOptionIntent, OptionIntentSchema } from "~/domain/proposal-options";
import { OPTIONS_SECTION_KEY } from "~/domain/proposal-content";
import { optionChange } from "~/lib/option-change.server";
import { formState, NO_STATE } from "~/lib/forms";
import { SectionEditor } from "~/components/section-editor";
import { MessageBeside, useMessageBeside } from "~/components/message-beside";
import { REFERENCES_KEY } from "~/domain/proposal-content";
import { engagementIdParam } from "~/lib/params";
import { change } from "~/lib/route.server";
import { proposalChange } from "~/lib/proposal-change.server";
import { liveDraftPage } from "~/models/live-draft.server";
import { requireUser } from "~/services/session.server";
import proposalStyles from "~/styles/proposal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: proposalStyles }];
export const meta: MetaFunction = () => [{ title: "Proposal · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return liveDraftPage(requireUser(request), engagementIdParam(params));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const form = await request.formData();
  const back = `/engagements/${id}/proposal`;
  // The fee-and-budget panel's forms (docs/domain.md §8.8).
  if (isPricingIntent(form.get("intent"))) return change(form, pricingSchema(), (input) => pricingChange(request, user, id, input, back));
  // The options' forms (docs/domain.md §9.13).
  if (isOptionIntent(form.get("intent"))) return change(form, OptionIntentSchema, (input) => optionChange(request, user, id, input, back));
  return change(form, ProposalIntentSchema, (input) => proposalChange(request, user, id, input));
}

export default function ProposalPage() {
  const { id, content, missing, versions, canGenerate, staleEdits, staleSections, timelineStale, startPassed, budget, options, editing, today } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const budgetForm = formState(reply, "budget");
  // What the fee-and-budget panel's forms did is said in the panel, where the manager stays.
  const budgetSaid = useMessageBeside((sent) => sent.get("form") === "budget")?.message;
  const sent = formState(reply);
  // The section and budget forms answer beside themselves; this one is the version form's.
  const form = sent.values?.form ? NO_STATE : sent;
  const refusal = form.errors[""];
  const next = (versions[0]?.number ?? 0) + 1;
  // A section's words saved: the manager stays at the section, told there (its editor starts afresh, so the word is kept here).
  const sectionSaid = useMessageBeside((sent) => String(sent.get("form") ?? "").startsWith("section-"));
  return (
    <>
      <section className="card no-print" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {timelineStale.length ? (
          <Notice>
            <strong>The timeline needs review.</strong> {timelineStale.join(" ")} The summary, the workplan and the costs below come from the timeline as it
            stands, and the other sections from the engagement as it is now: a version made before the timeline is reviewed would say both.{" "}
            <Link to={`/engagements/${id}/timeline`}>Open the timeline</Link>
          </Notice>
        ) : null}
        {startPassed ? (
          <Notice>
            <span data-start-passed>{startPassed}</span>
            {canGenerate ? (
              <>
                {" "}
                <Link to={`/engagements/${id}/timeline`}>Move the start on the timeline</Link> before making a version.
              </>
            ) : null}
          </Notice>
        ) : null}
        {content.missing.length ? (
          <Notice>
            <strong>
              {content.missing.length} part{content.missing.length === 1 ? "" : "s"} still to be completed
            </strong>{" "}
            before this draft can be shared:
            <MissingPartsList className="reasons" parts={missing} />
          </Notice>
        ) : (
          <p>
            <StatusBadge tone="success">Complete</StatusBadge> Every section has content from the engagement.
          </p>
        )}
        {versions.length === 0 ? (
          <p className="muted">No version yet. Creating one freezes the engagement as it stands: numbered, unchangeable, with its documents.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Proposal versions</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Created</th>
                  <th scope="col">By</th>
                  <th scope="col">Status</th>
                  <th scope="col">Documents</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <Link to={`/engagements/${id}/versions/${v.number}`}>Version {v.number}</Link>
                    </td>
                    <td>{formatDate(v.createdAt)}</td>
                    <td>{v.createdByName}</td>
                    <td>
                      <StatusBadge tone={v.status.tone}>{v.status.label}</StatusBadge>
                      {v.pictures.length === 0 ? <span className="small muted"> · tables only</span> : null}
                    </td>
                    <td>
                      <a href={v.documents.docx} download>
                        Word
                      </a>{" "}
                      ·{" "}
                      <a href={v.documents.pdf} download>
                        PDF
                      </a>{" "}
                      <span className="small muted">(partner version)</span> · Internal briefing:{" "}
                      <a href={v.documents.internalDocx} download aria-label={`Version ${v.number} internal briefing (Word)`}>
                        Word
                      </a>{" "}
                      ·{" "}
                      <a href={v.documents.internalPdf} download aria-label={`Version ${v.number} internal briefing (PDF)`}>
                        PDF
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {/* A refusal is said once, by the form's own message below; until then, what would be refused. */}
        {!refusal && staleEdits && canGenerate ? (
          <Notice>
            <span data-stale-edits>{staleEdits}</span>{" "}
            {staleSections.map((section, i) => (
              <span key={section.key}>
                {i > 0 ? " · " : ""}
                <a href={`#section-tools-${section.key}`}>Go to {section.title}</a>
              </span>
            ))}
          </Notice>
        ) : null}
        {canGenerate ? (
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="create-version" />
            <FormMessage state={form} />
            <PendingButton fields={{ intent: "create-version" }} pending={`Creating version ${next} and drawing its pictures…`}>
              Create version {next}
            </PendingButton>
            <span className="small muted">Freezes the draft below; drawing the pictures takes a few seconds.</span>
          </Form>
        ) : null}
      </section>
      {budget ? (
        <BudgetPanel
          id="budget"
          view={budget}
          state={budgetForm}
          optionsAt={{ to: "#options-heading", words: "under Options below" }}
          today={today}
          said={budgetSaid}
        />
      ) : null}
      <OptionsPanel view={options} reply={reply} />
      {content.sections.length === 0 ? (
        <EmptyState title="Nothing to preview">The proposal is assembled from the engagement's steps.</EmptyState>
      ) : (
        <section aria-label="Live draft of the proposal" className="proposal-preview">
          <p className="small muted no-print">Live draft: what a version created now would say. Pictures are drawn when a version is created.</p>
          <ProposalDocument
            content={content}
            pictures={{}}
            picturesLater="later"
            approval={{ status: "draft" }}
            mode="screen"
            sectionTools={
              editing
                ? // Options are edited in their own panel and References are built from the results library: neither has words to edit (docs/domain.md §9.12, §9.13).
                  (section) =>
                    section.key === REFERENCES_KEY || section.key === OPTIONS_SECTION_KEY ? null : (
                      <div id={`section-tools-${section.key}`}>
                        {sectionSaid?.sent.get("section") === section.key ? <MessageBeside message={sectionSaid.message} /> : null}
                        <SectionEditor
                          // A new edit, a kept one or the generated text taken: the box starts again from what is saved now.
                          key={`${editing.versions[section.key] ?? 0}:${(editing.markdown[section.key] ?? "").length}`}
                          section={section}
                          markdown={editing.markdown[section.key] ?? ""}
                          version={editing.versions[section.key] ?? 0}
                          reply={reply}
                        />
                      </div>
                    )
                : undefined
            }
          />
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
