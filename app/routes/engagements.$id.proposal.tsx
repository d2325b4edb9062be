import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { proposalDocumentHref } from "~/lib/download";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ProposalDocument } from "~/components/proposal-document";
import { FormMessage } from "~/components/field";
import { MissingPartsList } from "~/components/missing-parts";
import { PendingButton } from "~/components/pending-button";
import { EmptyState, formatDate, Notice, StatusBadge } from "~/components/ui";
import { ProposalIntentSchema } from "~/domain/proposal-forms";
import { missingPartView } from "~/domain/missing-parts";
import { BudgetPanel } from "~/components/budget-panel";
import { isPricingIntent, pricingIntentSchema } from "~/domain/pricing-forms";
import { pricingChange } from "~/lib/pricing-change.server";
import { getBudgetView } from "~/models/pricing.server";
import { OptionsPanel } from "~/components/options-panel";
import { isOptionIntent, OptionIntentSchema } from "~/domain/proposal-options";
import { OPTIONS_SECTION_KEY } from "~/domain/proposal-content";
import { optionChange } from "~/lib/option-change.server";
import { getOptionsView } from "~/models/proposal-options.server";
import { formState, NO_STATE } from "~/lib/forms";
import { SectionEditor } from "~/components/section-editor";
import { sectionMarkdown, staleEditedSections, staleEditsRefusal } from "~/domain/section-edits";
import { REFERENCES_KEY } from "~/domain/proposal-content";
import { keepSectionEdit, saveSectionEdit, sectionEditVersions, takeGeneratedText } from "~/models/section-edits.server";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff, requireEngagementAccess } from "~/models/engagements.server";
import { createVersion, listVersionsWithStatus, liveProposal } from "~/models/proposal.server";
import { getTimelineView, startPassedNotice } from "~/models/timeline.server";
import { currentDate, currentDay, currentMonth } from "~/services/clock.server";
import { renderVersionPictures } from "~/models/proposal-pictures.server";
import { scheduleDocuments } from "~/models/proposal-documents.server";
import { requireUser } from "~/services/session.server";
import { getStaffRoles } from "~/services/templates.server";
import proposalStyles from "~/styles/proposal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: proposalStyles }];
export const meta: MetaFunction = () => [{ title: "Proposal · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const { content } = liveProposal(user, id, currentDate(), currentMonth());
  const timelineView = getTimelineView(user, id, currentMonth());
  return {
    id,
    content,
    // Each part still to be completed, with where it is completed.
    missing: content.missing.map((m) => missingPartView(id, m)),
    // What each section's edit box starts with, and the version its form carries (docs/domain.md §9.6).
    editing: engagement.canEdit
      ? {
          markdown: Object.fromEntries(content.sections.map((s) => [s.key, s.edit?.markdown ?? sectionMarkdown(s)])),
          versions: sectionEditVersions(user, id),
        }
      : null,
    versions: listVersionsWithStatus(user, id),
    canGenerate: engagement.canEdit,
    // Said beside the button before it is pressed, as creating the version would refuse.
    staleEdits: staleEditsRefusal(content.sections),
    staleSections: staleEditedSections(content.sections),
    // The summary, workplan and costs come from the timeline as stored; the rest from the engagement as it is now.
    timelineStale: timelineView.staleReasons,
    // A plan still to be agreed that begins before today (docs/domain.md §8.6).
    startPassed: startPassedNotice(engagement.stage, timelineView.stored?.timeline ?? null, currentDay()),
    budget: getBudgetView(user, id, currentMonth(), engagement.canEdit),
    // The day an exchange rate's date starts from (docs/domain.md §8.7).
    today: currentDay(),
    options: getOptionsView(user, id, currentMonth(), engagement.canEdit),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const form = await request.formData();
  // The fee-and-budget panel's forms (docs/domain.md §8.8).
  if (isPricingIntent(form.get("intent")))
    return change(form, pricingIntentSchema(getStaffRoles().currency), (input) =>
      pricingChange(request, user, id, input, `/engagements/${id}/proposal`, currentMonth(), currentDay())
    );
  // The options' forms (docs/domain.md §9.13).
  if (isOptionIntent(form.get("intent")))
    return change(form, OptionIntentSchema, (input) => optionChange(request, user, id, input, `/engagements/${id}/proposal`, currentMonth()));
  return change(form, ProposalIntentSchema, async (input) => {
    const back = `/engagements/${id}/proposal`;
    if (input.intent === "edit-section") {
      const saved = saveSectionEdit(user, id, input, currentDate(), currentMonth());
      return redirectWithFlash(
        request,
        `${back}#section-tools-${input.section}`,
        saved === "saved"
          ? "The section's words are saved in the draft; the next version freezes them."
          : "Those are the generated words: the section follows the engagement again."
      );
    }
    if (input.intent === "take-generated") {
      takeGeneratedText(user, id, input);
      return redirectWithFlash(request, `${back}#section-tools-${input.section}`, "The section says what the engagement generates again.");
    }
    if (input.intent === "keep-edit") {
      keepSectionEdit(user, id, input, currentDate(), currentMonth());
      return redirectWithFlash(request, `${back}#section-tools-${input.section}`, "Your words are kept over the new generated text.");
    }
    requireEngagementAccess(user, id, "proposal:generate");
    const version = createVersion(user, id, currentDate(), currentMonth());
    const pictures = await renderVersionPictures(version.id, version.content);
    // Frozen and committed, its pictures drawn or not: its documents are made in the background.
    scheduleDocuments(version.id);
    const frozen = `Version ${version.number} created and frozen.`;
    return redirectWithFlash(
      request,
      input.then === "review" ? `/engagements/${id}/review` : `/engagements/${id}/versions/${version.number}`,
      pictures.ok ? frozen : `${frozen} ${pictures.reason} Its documents carry the diagram and the timeline as tables only.`
    );
  });
}

export default function ProposalPage() {
  const { id, content, missing, versions, canGenerate, staleEdits, staleSections, timelineStale, startPassed, budget, options, editing, today } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const budgetForm = formState(reply, "budget");
  const sent = formState(reply);
  // The section and budget forms answer beside themselves; this one is the version form's.
  const form = sent.values?.form ? NO_STATE : sent;
  const refusal = form.errors[""];
  const next = (versions[0]?.number ?? 0) + 1;
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
                      <a href={proposalDocumentHref(id, v.number, "docx")} download>
                        Word
                      </a>{" "}
                      ·{" "}
                      <a href={proposalDocumentHref(id, v.number, "pdf")} download>
                        PDF
                      </a>{" "}
                      <span className="small muted">(partner version)</span> · Internal briefing:{" "}
                      <a href={proposalDocumentHref(id, v.number, "docx", "internal")} download aria-label={`Version ${v.number} internal briefing (Word)`}>
                        Word
                      </a>{" "}
                      ·{" "}
                      <a href={proposalDocumentHref(id, v.number, "pdf", "internal")} download aria-label={`Version ${v.number} internal briefing (PDF)`}>
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
        <BudgetPanel id="budget" view={budget} state={budgetForm} optionsAt={{ to: "#options-heading", words: "under Options below" }} today={today} />
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
