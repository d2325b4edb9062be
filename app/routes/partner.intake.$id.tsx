import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { priorityRows, SectionFields } from "~/components/intake-fields";
import { KeepTyped } from "~/components/kept-typing";
import { formatDateTime, Notice, PageHeader } from "~/components/ui";
import { emptyIntake, type IntakeSectionKey } from "~/domain/intake";
import { applyMove, FIELD_LIST, intakeFieldLabel, sectionFieldNames } from "~/domain/intake-form";
import { savingSectionForm } from "~/domain/intake-forms";
import { inPartnerWords } from "~/domain/intake-labels";
import { intakeToFormValues } from "~/domain/intake-schema";
import { takenForPartner } from "~/domain/partner-answers";
import { partnerIntakeStep, partnerStatusWords, sectionLabel } from "~/domain/partner-intake";
import { formState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { answerSection, getOpenedToPartner } from "~/models/partner-intake.server";
import { currentDay } from "~/services/clock.server";
import { requirePermission } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title}: what you know · Partnership Planner` : "Partnership Planner" }];

function requirePartner(request: Request) {
  return requirePermission(request, "intake:answer", "This page is for the partner's executives.");
}

/** The opened section the address names, else the first opened. */
function chosen(sections: { section: IntakeSectionKey }[], url: URL): IntakeSectionKey {
  const asked = url.searchParams.get("section");
  return sections.find((s) => s.section === asked)?.section ?? sections[0]!.section;
}

/** The sections opened to the partner and their own answers: never the intake itself (docs/domain.md §9.10). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePartner(request);
  const id = engagementIdParam(params);
  const opened = view(() => getOpenedToPartner(user, id));
  const section = chosen(opened.sections, new URL(request.url));
  const current = opened.sections.find((s) => s.section === section)!;
  return {
    id,
    title: opened.title,
    section,
    label: sectionLabel(section),
    status: current.status,
    version: current.version,
    // The team's note, sent back with the answers or written with those taken in: never anything else of theirs.
    note: current.status === "returned" || current.status === "taken" ? current.note : null,
    taken: current.status === "taken" ? takenForPartner(current.leftOut) : null,
    answeredByName: current.answeredByName,
    answeredAt: current.answeredAt,
    canAnswer: partnerIntakeStep(current.status, "answer", section).ok,
    values: current.answers ? intakeToFormValues({ ...emptyIntake(), [section]: current.answers }) : {},
    sections: opened.sections.map((s) => ({ key: s.section, label: sectionLabel(s.section), status: partnerStatusWords(s.status, s.leftOut.length) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requirePartner(request);
  const id = engagementIdParam(params);
  const opened = view(() => getOpenedToPartner(user, id));
  const section = chosen(opened.sections, new URL(request.url));
  const form = applyMove(await request.formData());
  // A date is checked against today and their answers saved so far beside the form's other checks: every problem at once.
  const dates = { today: currentDay(), saved: opened.sections.find((s) => s.section === section)!.answers };
  return change(form, savingSectionForm(section, dates), (input) => {
    answerSection(user, id, section, input.answers, input.version);
    const here = `/partner/intake/${id}?section=${section}`;
    if (input.move) return redirectWithFlash(request, here, "Order saved.");
    return redirectWithFlash(request, here, `${sectionLabel(section)} saved and sent to the partnership team. You can change it until they take it in.`);
  });
}

/** After a 409 the page shows the answers as saved, with what was typed here kept in the form. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function PartnerIntake() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // The intake's words for the partner, said to them: "your organisation" (inPartnerWords).
  const sent = formState(actionData);
  const state = { ...sent, errors: Object.fromEntries(Object.entries(sent.errors).map(([k, message]) => [k, inPartnerWords(message)])) };
  const conflict = actionData?.conflict;
  const version = conflict?.changes[0]?.version ?? d.version;
  const errors = conflict ? Object.fromEntries(Object.entries(state.errors).filter(([k]) => k !== "")) : state.errors;
  const labels = Object.fromEntries(Object.keys(errors).map((k) => [k, inPartnerWords(intakeFieldLabel(k))]));
  const rows = d.section === "needs" ? priorityRows(state, d.values) : 0;
  return (
    <>
      <PageHeader
        title={d.title}
        intro="What you know of your organisation, for the partnership team: each section saves on its own, and reaches them as soon as you save it."
        breadcrumbs={<Link to="/partner">Your proposals</Link>}
      />
      <div className="step-layout">
        <nav aria-label="Sections opened to you">
          <ol className="section-nav">
            {d.sections.map((s) => (
              <li key={s.key}>
                <Link to={`?section=${s.key}`} aria-current={s.key === d.section ? "page" : undefined}>
                  {s.label}
                  <span className="small muted">{s.status}</span>
                </Link>
              </li>
            ))}
          </ol>
        </nav>
        <section className="card" aria-labelledby="section-heading">
          {/* The section's state is beside its name in the list of sections, once. */}
          <h2 id="section-heading">{d.label}</h2>
          {d.answeredAt ? (
            <p className="small muted">
              Last saved by {d.answeredByName ?? "someone"} on {formatDateTime(d.answeredAt)}.
            </p>
          ) : null}
          {d.taken ? (
            <Notice>
              <p data-taken-in>{d.taken.said}</p>
              {d.taken.leftOut.length ? (
                <dl className="answers" aria-label="Your answers not taken in">
                  {d.taken.leftOut.map((a, i) => (
                    <div key={i}>
                      <dt>{a.label}</dt>
                      <dd>{a.answer}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {d.note ? (
                <p>
                  <strong>Their note to you:</strong> {d.note}
                </p>
              ) : null}
            </Notice>
          ) : d.note ? (
            <Notice>
              <strong>The partnership team sent this back:</strong> {d.note}
            </Notice>
          ) : null}
          {conflict ? (
            <Notice>
              <strong>{conflict.message}</strong>
            </Notice>
          ) : null}
          <ErrorSummary errors={errors} labels={labels} />
          <Form method="post" noValidate key={`${d.section}-${version}`}>
            <input type="hidden" name="version" value={version} />
            <KeepTyped name={`intake-${d.section}`} />
            <input type="hidden" name={FIELD_LIST} value={sectionFieldNames(d.section, rows).join(" ")} />
            <button type="submit" name="then" value="stay" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
            <fieldset disabled={!d.canAnswer} style={{ border: "none", padding: 0, margin: 0 }}>
              <SectionFields section={d.section} state={state} saved={d.values} priorities={[]} rows={rows} audience="partner" />
            </fieldset>
            {d.canAnswer ? (
              <div className="actions">
                <SubmitButton className="button" name="then" value="stay" busy={navigation.state === "submitting"}>
                  Save and send to the partnership team
                </SubmitButton>
              </div>
            ) : null}
          </Form>
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
