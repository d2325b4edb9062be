import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { priorityRows, SectionFields } from "~/components/intake-fields";
import { KeepTyped } from "~/components/kept-typing";
import { formatDateTime, Notice } from "~/components/ui";
import { INTAKE_SECTIONS, listOf, prioritiesWithEvidence, type IntakeSectionKey } from "~/domain/intake";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { intakeToFormValues, prefillFromOrganisation } from "~/domain/intake-schema";
import { applyMove, FIELD_LIST, intakeFieldLabel, sectionFieldNames } from "~/domain/intake-form";
import { savingSectionForm } from "~/domain/intake-forms";
import { formState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { aimDateAfterIntake } from "~/models/driver-diagram.server";
import { populationDiffersOnSave, populationStated } from "~/domain/partner-record";
import { getIntake, saveIntakeSection } from "~/models/intake.server";
import { currentDay } from "~/services/clock.server";
import { requireUser } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Intake · Partnership Planner" }];

function sectionFrom(url: URL): IntakeSectionKey {
  const key = url.searchParams.get("section");
  return INTAKE_SECTIONS.find((s) => s.key === key)?.key ?? "context";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const stored = getIntake(user, id);
  const values = intakeToFormValues(stored.intake);
  const prefilled = stored.version === 0 ? prefillFromOrganisation(values, engagement.organisation) : [];
  return {
    id,
    section: sectionFrom(new URL(request.url)),
    values,
    /** What the form shows from the partner organisation's record, not yet saved in the intake. */
    prefilled: { from: engagement.organisation.name, fields: prefilled },
    version: stored.version,
    updatedByName: stored.updatedByName,
    updatedAt: stored.updatedAt,
    completeness: intakeCompleteness(stored.intake),
    priorities: prioritiesWithEvidence(stored.intake).map((p) => ({ key: p.key, label: p.label, rank: p.rank })),
    canEdit: engagement.canEdit,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const section = sectionFrom(new URL(request.url));
  const form = applyMove(await request.formData());
  // A date is checked against today and what is saved beside the form's other checks: every problem at once.
  const dates = { today: currentDay(), saved: getIntake(user, id).intake[section] };
  return change(form, savingSectionForm(section, dates), (input) => {
    saveIntakeSection(user, id, section, input.answers, input.version);
    // A population other than the record's: the proposal states the intake's, and the save says so (docs/domain.md §9.1).
    const differs = section === "context" ? populationStated(engagement.organisation.population, getIntake(user, id).intake.context.population).differs : null;
    if (input.move) return redirect(`/engagements/${id}/intake?section=${section}`, { status: 303 });
    const index = INTAKE_SECTIONS.findIndex((s) => s.key === section);
    const next = input.then ? INTAKE_SECTIONS[index + 1] : undefined;
    const aimDate = section === "evidence" ? aimDateAfterIntake(user, id) : null;
    return redirectWithFlash(
      request,
      `/engagements/${id}/intake?section=${next?.key ?? section}`,
      `${INTAKE_SECTIONS[index]!.label} saved.${aimDate ? ` ${aimDate}` : ""}${differs ? ` ${populationDiffersOnSave(differs)}` : ""}`
    );
  });
}

/** After a 409 the page shows the intake as the other person saved it, with the answers typed here kept in the form. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function IntakePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { section, completeness, canEdit } = loaderData;
  const state = formState(actionData);
  const conflict = actionData?.conflict;
  const by = conflict?.changes[0]?.by;
  const version = conflict?.changes[0]?.version ?? loaderData.version;
  // A conflict is told above the form, not listed as a problem with it.
  const errors = conflict ? Object.fromEntries(Object.entries(state.errors).filter(([k]) => k !== "")) : state.errors;
  const current = INTAKE_SECTIONS.find((s) => s.key === section)!;
  const index = INTAKE_SECTIONS.findIndex((s) => s.key === section);
  const labels = Object.fromEntries(Object.keys(errors).map((k) => [k, intakeFieldLabel(k)]));
  const rows = section === "needs" ? priorityRows(state, loaderData.values) : section === "evidence" ? loaderData.priorities.length : 0;
  return (
    <div className="step-layout">
      <aside aria-label="Intake sections">
        <p className="small muted" style={{ margin: 0 }}>
          Intake {completeness.percent}% complete
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Intake completeness"
          aria-valuenow={completeness.percent}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <span style={{ width: `${completeness.percent}%` }} />
        </div>
        <ol className="section-nav">
          {INTAKE_SECTIONS.map((s) => {
            const c = completeness.sections[s.key];
            return (
              <li key={s.key}>
                <Link to={`?section=${s.key}`} aria-current={s.key === section ? "page" : undefined}>
                  {s.label}
                  <span className="small muted">{c.complete ? "Complete" : `${c.missing.length} to answer`}</span>
                </Link>
              </li>
            );
          })}
        </ol>
        <p className="small">
          <Link to={`/engagements/${loaderData.id}/partner-intake`}>Ask the partner to fill in sections</Link>
        </p>
      </aside>
      <section className="card" aria-labelledby="section-heading">
        <h2 id="section-heading">{current.label}</h2>
        {loaderData.updatedAt ? (
          <p className="small muted">
            The intake was last saved by {loaderData.updatedByName ?? "someone"} on {formatDateTime(loaderData.updatedAt)}.
          </p>
        ) : (
          <p className="small muted">
            Nothing saved yet. Each section saves on its own; you can come back to any of them.
            {loaderData.prefilled.fields.length && section === "context"
              ? ` The ${listOf(loaderData.prefilled.fields)} come from ${loaderData.prefilled.from}'s record: check them and save this section to keep them.`
              : null}
          </p>
        )}
        {completeness.sections[section].missing.length > 0 ? (
          <details className="small">
            <summary>Still to answer in this section ({completeness.sections[section].missing.length})</summary>
            <ul>
              {completeness.sections[section].missingFields.map((f, i) => (
                <li key={f}>
                  <a href={`#${f}`}>{completeness.sections[section].missing[i]}</a>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {conflict ? (
          <Notice>
            <strong>{conflict.changes[0]?.summary ?? `${by ?? "Someone else"} saved the intake while you were editing.`}</strong> Your answers are kept below
            and were not saved. Check them, then save again to keep yours.
            {conflict.changes.length > 1 ? (
              <>
                {" "}
                Where they differ from what is saved now, it reads:
                <ul data-conflict-differences>
                  {conflict.changes.slice(1).map((c) => (
                    <li key={c.summary}>{c.summary}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </Notice>
        ) : null}
        <ErrorSummary errors={errors} labels={labels} />
        {!canEdit ? <Notice>Only the engagement's owners can change the intake; you are reading it.</Notice> : null}
        <Form method="post" noValidate key={`${section}-${version}`}>
          <input type="hidden" name="version" value={version} />
          <KeepTyped name={`intake-${section}`} />
          <input type="hidden" name={FIELD_LIST} value={sectionFieldNames(section, rows).join(" ")} />
          {/* Enter in a field saves, rather than pressing the first "Move up" button. */}
          <button type="submit" name="then" value="stay" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
          <fieldset disabled={!canEdit} style={{ border: "none", padding: 0, margin: 0 }}>
            <SectionFields section={section} state={state} saved={loaderData.values} priorities={loaderData.priorities} rows={rows} />
          </fieldset>
          {canEdit ? (
            <div className="actions">
              {index < INTAKE_SECTIONS.length - 1 ? (
                <SubmitButton className="button" name="then" value="continue" busy={navigation.state === "submitting"}>
                  Save and continue
                </SubmitButton>
              ) : null}
              <button className={index < INTAKE_SECTIONS.length - 1 ? "button button--secondary" : "button"} type="submit" name="then" value="stay">
                Save
              </button>
            </div>
          ) : null}
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
