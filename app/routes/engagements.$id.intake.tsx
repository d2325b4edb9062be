import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Checkbox, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "~/components/field";
import { Notice } from "~/components/ui";
import { ANSWER_LABELS, FIELD_LABELS } from "~/domain/intake-labels";
import { BELIEF_LEVELS, INTAKE_SECTIONS, MAX_PRIORITIES, prioritiesWithEvidence, PRIORITY_TOPICS, type IntakeSectionKey } from "~/domain/intake";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { intakeToFormValues } from "~/domain/intake-schema";
import { FIELD_LIST, intakeFieldLabel, sectionFieldNames } from "~/domain/intake-form";
import { IntakeSectionForms } from "~/domain/intake-forms";
import { TEXT_LIMITS } from "~/domain/limits";
import { formState, shown, type FormState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getIntake, saveIntakeSection } from "~/models/intake.server";
import { requireUser } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Intake · Partnership Planner" }];

type Values = Record<string, string>;

function sectionFrom(url: URL): IntakeSectionKey {
  const key = url.searchParams.get("section");
  return INTAKE_SECTIONS.find((s) => s.key === key)?.key ?? "context";
}

function options<K extends keyof typeof ANSWER_LABELS>(field: K) {
  return Object.entries(ANSWER_LABELS[field]).map(([value, label]) => ({ value, label: label as string }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const stored = getIntake(user, id);
  const values = intakeToFormValues(stored.intake);
  // A new intake starts from what is known of the partner organisation.
  if (stored.version === 0) {
    const org = engagement.organisation;
    values.partnerKind ??= org.kind;
    values.sites ??= String(org.sites);
    values.population ??= String(org.population);
  }
  return {
    section: sectionFrom(new URL(request.url)),
    values,
    version: stored.version,
    updatedByName: stored.updatedByName,
    updatedAt: stored.updatedAt,
    completeness: intakeCompleteness(stored.intake),
    priorities: prioritiesWithEvidence(stored.intake).map((p) => ({ key: p.key, label: p.label, rank: p.rank })),
    canEdit: engagement.canEdit,
  };
}

/** Moves a priority row up (rank) by swapping the posted rows, so re-ranking works without JavaScript. */
function applyMove(form: FormData): FormData {
  const move = form.get("move");
  if (typeof move !== "string" || !/^\d{1,2}$/.test(move) || move === "0") return form;
  const i = Number(move);
  const next = new FormData();
  for (const [name, value] of form.entries()) {
    const m = /^priorities\[(\d+)\](.*)$/.exec(name);
    if (!m) {
      next.append(name, value);
      continue;
    }
    const row = Number(m[1]);
    const swapped = row === i ? i - 1 : row === i - 1 ? i : row;
    next.append(`priorities[${swapped}]${m[2]}`, value);
  }
  return next;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const section = sectionFrom(new URL(request.url));
  const form = applyMove(await request.formData());
  return change(form, IntakeSectionForms[section], (input) => {
    saveIntakeSection(user, id, section, input.answers, input.version);
    if (input.move) return redirect(`/engagements/${id}/intake?section=${section}`, { status: 303 });
    const index = INTAKE_SECTIONS.findIndex((s) => s.key === section);
    const next = input.then ? INTAKE_SECTIONS[index + 1] : undefined;
    return redirectWithFlash(request, `/engagements/${id}/intake?section=${next?.key ?? section}`, `${INTAKE_SECTIONS[index]!.label} saved.`);
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
      </aside>
      <section className="card" aria-labelledby="section-heading">
        <h2 id="section-heading">{current.label}</h2>
        {loaderData.updatedAt ? (
          <p className="small muted">
            The intake (any section) was last saved by {loaderData.updatedByName ?? "someone"} on{" "}
            {new Date(loaderData.updatedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC.
          </p>
        ) : (
          <p className="small muted">Nothing saved yet. Each section saves on its own; you can come back to any of them.</p>
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
            <strong>{by ?? "Someone else"} saved the intake while you were editing.</strong> Your answers are kept below and were not saved. Check them, then
            save again to keep yours.
          </Notice>
        ) : null}
        <ErrorSummary errors={errors} labels={labels} />
        {!canEdit ? <Notice>Only the engagement's owners can change the intake; you are reading it.</Notice> : null}
        <Form method="post" noValidate key={`${section}-${version}`}>
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name={FIELD_LIST} value={sectionFieldNames(section, rows).join(" ")} />
          {/* Enter in a field saves, rather than pressing the first "Move up" button. */}
          <button type="submit" name="then" value="stay" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
          <fieldset disabled={!canEdit} style={{ border: "none", padding: 0, margin: 0 }}>
            <SectionFields section={section} state={state} saved={loaderData.values} priorities={loaderData.priorities} rows={rows} />
          </fieldset>
          {canEdit ? (
            <div className="actions">
              {index < INTAKE_SECTIONS.length - 1 ? (
                <button className="button" type="submit" name="then" value="continue" disabled={navigation.state === "submitting"}>
                  Save and continue
                </button>
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

/** How many priority rows the needs form shows: the filled ones and two spare, at least three. */
function priorityRows(state: FormState, saved: Values): number {
  const p = (i: number, f: string) => `priorities[${i}].${f}`;
  let last = -1;
  for (let i = 0; i < MAX_PRIORITIES; i++)
    if (shown(state, p(i, "topic"), saved[p(i, "topic")]) || shown(state, p(i, "custom"), saved[p(i, "custom")])) last = i;
  return Math.min(MAX_PRIORITIES, Math.max(3, last + 1 + 2));
}

function SectionFields({
  section,
  state,
  saved,
  priorities,
  rows,
}: {
  section: IntakeSectionKey;
  state: FormState;
  saved: Values;
  priorities: { key: string; label: string; rank: number }[];
  rows: number;
}) {
  const v = (name: string) => saved[name] ?? "";
  const L = FIELD_LABELS;
  switch (section) {
    case "context":
      return (
        <>
          <SelectField
            name="partnerKind"
            label={L.partnerKind}
            placeholder="Not answered"
            options={options("partnerKind")}
            state={state}
            saved={v("partnerKind")}
          />
          <div className="row-grid">
            <TextField name="sites" label={L.sites} inputMode="numeric" state={state} saved={v("sites")} />
            <TextField name="population" label={L.population} inputMode="numeric" state={state} saved={v("population")} />
          </div>
          <RadioGroup name="geographyScope" legend={L.geographyScope} options={options("geographyScope")} state={state} value={v("geographyScope")} />
          <RadioGroup
            name="improvementExperience"
            legend={L.improvementExperience}
            options={options("improvementExperience")}
            state={state}
            value={v("improvementExperience")}
          />
          <Checkbox
            name="hasLearningSystem"
            label="The partner has a learning system (regular sharing of data and practice across sites)"
            state={state}
            saved={v("hasLearningSystem") === "on"}
          />
          <Checkbox name="hasImprovementTeam" label="The partner has an improvement team" state={state} saved={v("hasImprovementTeam") === "on"} />
          <Checkbox name="previousWorkWithUs" label="The partner has worked with us before" state={state} saved={v("previousWorkWithUs") === "on"} />
          <TextArea
            name="existingWork"
            label={L.existingWork}
            hint="Programmes under way, infrastructure, trained people."
            state={state}
            saved={v("existingWork")}
            maxLength={TEXT_LIMITS.existingWork}
          />
        </>
      );
    case "needs": {
      return (
        <>
          <TextArea
            name="problems"
            label={L.problems}
            hint="What the partner wants to solve, as they put it."
            state={state}
            saved={v("problems")}
            rows={5}
            maxLength={TEXT_LIMITS.problems}
          />
          <h3>Priority topics, in rank order</h3>
          <p className="small muted">The first row is the top priority. Leave spare rows empty; use “Move up” to change the order.</p>
          {Array.from({ length: rows }, (_, i) => {
            const p = (f: string) => `priorities[${i}].${f}`;
            return (
              <div className="row-card" key={i}>
                <h3>
                  Priority {i + 1}
                  {i > 0 ? (
                    <button
                      className="button button--secondary button--small"
                      type="submit"
                      name="move"
                      value={String(i)}
                      aria-label={`Move priority ${i + 1} up`}
                    >
                      Move up
                    </button>
                  ) : null}
                </h3>
                <div className="row-grid">
                  <SelectField
                    name={p("topic")}
                    label={L.topic}
                    placeholder="None"
                    options={[...PRIORITY_TOPICS.map((t) => ({ value: t.key, label: t.label })), { value: "other", label: "Other (write it in)" }]}
                    state={state}
                    saved={v(p("topic"))}
                  />
                  <TextField name={p("custom")} label={L.custom} hint="For “Other”." state={state} saved={v(p("custom"))} />
                  {/* A written-in topic keeps its id when its text is corrected, and so its evidence. */}
                  {shown(state, p("id"), v(p("id"))) ? <input type="hidden" name={p("id")} value={shown(state, p("id"), v(p("id")))} /> : null}
                </div>
                <div className="row-grid">
                  <TextField name={p("baselineMeasure")} label={L.baselineMeasure} state={state} saved={v(p("baselineMeasure"))} />
                  <TextField name={p("baselineValue")} label={L.baselineValue} inputMode="numeric" state={state} saved={v(p("baselineValue"))} />
                  <TextField name={p("baselineDate")} label={L.baselineDate} type="date" state={state} saved={v(p("baselineDate"))} />
                  <TextField name={p("baselineSource")} label={L.baselineSource} state={state} saved={v(p("baselineSource"))} />
                </div>
              </div>
            );
          })}
        </>
      );
    }
    case "evidence":
      return (
        <>
          <h3>Evidence for each priority</h3>
          {priorities.length === 0 ? (
            <p className="muted">
              Add priority topics under <Link to="?section=needs">Needs and priorities</Link> first; their evidence is recorded here.
            </p>
          ) : (
            priorities.map((pr, i) => {
              const e = (f: string) => `priorityEvidence[${i}].${f}`;
              return (
                <div className="row-card" key={pr.key}>
                  <h3>
                    {pr.rank}. {pr.label}
                  </h3>
                  <input type="hidden" name={e("priority")} value={pr.key} />
                  <div className="row-grid">
                    <SelectField
                      name={e("changePackage")}
                      label={L.changePackage}
                      placeholder="Not answered"
                      options={options("changePackage")}
                      state={state}
                      saved={v(e("changePackage"))}
                    />
                    <SelectField
                      name={e("degreeOfBelief")}
                      label={L.degreeOfBelief}
                      hint="That the changes will bring improvement."
                      placeholder="Not answered"
                      options={BELIEF_LEVELS.map((b) => ({ value: b, label: ANSWER_LABELS.degreeOfBelief[b] }))}
                      state={state}
                      saved={v(e("degreeOfBelief"))}
                    />
                    <SelectField
                      name={e("brightSpots")}
                      label={L.brightSpots}
                      placeholder="Not answered"
                      options={options("brightSpots")}
                      state={state}
                      saved={v(e("brightSpots"))}
                    />
                  </div>
                </div>
              );
            })
          )}
          <h3>Draft aim</h3>
          <div className="row-grid">
            <TextField name="aimHowMuch" label={L.aimHowMuch} hint="For example “reduce VAP by 50%”." state={state} saved={v("aimHowMuch")} />
            <TextField name="aimByWhen" label={L.aimByWhen} type="month" hint="Month and year." state={state} saved={v("aimByWhen")} />
            <TextField name="aimForWhom" label={L.aimForWhom} hint="Population or sites." state={state} saved={v("aimForWhom")} />
          </div>
          <RadioGroup name="aimStyle" legend={L.aimStyle} options={options("aimStyle")} state={state} value={v("aimStyle")} />
          <RadioGroup name="breadth" legend={L.breadth} options={options("breadth")} state={state} value={v("breadth")} />
          <RadioGroup
            name="wantsCapabilityBuilding"
            legend={L.wantsCapabilityBuilding}
            hint="A cadre of improvement advisors and coaches of its own."
            options={options("wantsCapabilityBuilding")}
            state={state}
            value={v("wantsCapabilityBuilding")}
          />
          <RadioGroup
            name="wantsPublicMobilisation"
            legend={L.wantsPublicMobilisation}
            options={options("wantsPublicMobilisation")}
            state={state}
            value={v("wantsPublicMobilisation")}
          />
        </>
      );
    case "scale":
      return (
        <>
          <TextField name="expectedSites" label={L.expectedSites} inputMode="numeric" state={state} saved={v("expectedSites")} />
          <div className="row-grid">
            <TextField name="desiredStart" label={L.desiredStart} type="month" hint="Month and year, e.g. 2027-03." state={state} saved={v("desiredStart")} />
            <TextField
              name="longestDurationMonths"
              label={`${L.longestDurationMonths} (months)`}
              inputMode="numeric"
              state={state}
              saved={v("longestDurationMonths")}
            />
            <TextField name="hardDeadline" label={L.hardDeadline} type="date" hint="Leave empty if there is none." state={state} saved={v("hardDeadline")} />
          </div>
        </>
      );
    case "capacity":
      return (
        <>
          <RadioGroup name="seniorSponsor" legend={L.seniorSponsor} options={options("seniorSponsor")} state={state} value={v("seniorSponsor")} />
          <div className="grid-2">
            <TextField name="sponsorName" label={L.sponsorName} hint="The proposal is addressed to them." state={state} saved={v("sponsorName")} />
            <TextField name="sponsorTitle" label={L.sponsorTitle} state={state} saved={v("sponsorTitle")} />
            <TextField name="sponsorEmail" label={L.sponsorEmail} type="email" state={state} saved={v("sponsorEmail")} />
          </div>
          <RadioGroup name="projectLeads" legend={L.projectLeads} options={options("projectLeads")} state={state} value={v("projectLeads")} />
          <RadioGroup name="dataLead" legend={L.dataLead} options={options("dataLead")} state={state} value={v("dataLead")} />
          <RadioGroup name="canReleaseTeams" legend={L.canReleaseTeams} options={options("canReleaseTeams")} state={state} value={v("canReleaseTeams")} />
          <RadioGroup name="willingToShare" legend={L.willingToShare} options={options("willingToShare")} state={state} value={v("willingToShare")} />
          <h3>For a campaign</h3>
          <p className="muted small">Readiness for a campaign rests on these; leave them empty if a campaign is not in view.</p>
          <RadioGroup name="enrolmentChannel" legend={L.enrolmentChannel} options={options("enrolmentChannel")} state={state} value={v("enrolmentChannel")} />
          <RadioGroup name="nodePartners" legend={L.nodePartners} options={options("nodePartners")} state={state} value={v("nodePartners")} />
          <RadioGroup name="dataPlatform" legend={L.dataPlatform} options={options("dataPlatform")} state={state} value={v("dataPlatform")} />
          <RadioGroup name="mentorSites" legend={L.mentorSites} options={options("mentorSites")} state={state} value={v("mentorSites")} />
          <h3>For a tailored initiative</h3>
          <p className="muted small">Readiness for a tailored large-scale initiative rests on these.</p>
          <RadioGroup name="governance" legend={L.governance} options={options("governance")} state={state} value={v("governance")} />
          <RadioGroup name="capabilityPlan" legend={L.capabilityPlan} options={options("capabilityPlan")} state={state} value={v("capabilityPlan")} />
        </>
      );
    case "budget":
      return (
        <>
          <div className="row-grid">
            <TextField name="budgetMin" label={L.budgetMin} inputMode="numeric" state={state} saved={v("budgetMin")} />
            <TextField name="budgetMax" label={L.budgetMax} inputMode="numeric" state={state} saved={v("budgetMax")} />
            <TextField name="currency" label={L.currency} hint="Three letters, e.g. GBP, EUR, USD." state={state} saved={v("currency")} />
          </div>
          <RadioGroup name="budgetSecured" legend={L.budgetSecured} options={options("budgetSecured")} state={state} value={v("budgetSecured")} />
        </>
      );
  }
}

export const ErrorBoundary = RouteErrorBoundary;
