import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Checkbox, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "~/components/field";
import { Notice } from "~/components/ui";
import { ANSWER_LABELS, FIELD_LABELS } from "~/domain/intake-labels";
import { BELIEF_LEVELS, INTAKE_SECTIONS, MAX_PRIORITIES, prioritiesWithEvidence, PRIORITY_TOPICS, type Intake, type IntakeSectionKey } from "~/domain/intake";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { intakeToFormValues, parseIntakeSection } from "~/domain/intake-schema";
import { FIELD_LIST, intakeFieldLabel, sectionFieldNames, unlistedFields, unlistedMessage } from "~/domain/intake-form";
import { TEXT_LIMITS } from "~/domain/limits";
import { engagementIdParam } from "~/lib/params";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getIntake, saveIntakeSection } from "~/models/intake.server";
import { requireUser, setFlash } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Intake · Partnership Planner" }];

type Values = Record<string, string>;
type Errors = Record<string, string>;

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
  const version = Number(form.get("version"));
  const unlisted = unlistedFields(
    section,
    String(form.get(FIELD_LIST) ?? "")
      .split(/\s+/)
      .filter(Boolean)
  );
  if (unlisted.length) {
    const typed: Values = {};
    for (const [k, v] of form.entries()) if (typeof v === "string" && k !== FIELD_LIST && !(k in typed)) typed[k] = v;
    return data({ errors: { "": unlistedMessage(unlisted) } as Errors, values: typed, conflict: null }, { status: 400 });
  }
  const parsed = parseIntakeSection(section, form.entries());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, conflict: null }, { status: 400 });
  const result = saveIntakeSection(user, id, section, parsed.data as Intake[typeof section], Number.isInteger(version) ? version : -1);
  if (!result.ok) {
    const typed: Values = {};
    for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in typed)) typed[k] = v;
    return data(
      {
        errors: {} as Errors,
        values: typed,
        conflict: { by: result.current.updatedByName, version: result.current.version, saved: intakeToFormValues(result.current.intake) },
      },
      { status: 409 }
    );
  }
  const label = INTAKE_SECTIONS.find((s) => s.key === section)!.label;
  if (form.get("move") !== null) return redirect(`/engagements/${id}/intake?section=${section}`, { status: 303 });
  setFlash(request, `${label} saved.`);
  const index = INTAKE_SECTIONS.findIndex((s) => s.key === section);
  const next = form.get("then") === "continue" ? INTAKE_SECTIONS[index + 1] : undefined;
  return redirect(next ? `/engagements/${id}/intake?section=${next.key}` : `/engagements/${id}/intake?section=${section}`, { status: 303 });
}

export default function IntakePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { section, completeness, canEdit } = loaderData;
  const errors = (actionData?.errors ?? {}) as Errors;
  const values: Values = (actionData?.values as Values | undefined) ?? loaderData.values;
  const conflict = actionData?.conflict;
  const version = conflict ? conflict.version : loaderData.version;
  const current = INTAKE_SECTIONS.find((s) => s.key === section)!;
  const index = INTAKE_SECTIONS.findIndex((s) => s.key === section);
  const labels = Object.fromEntries(Object.keys(errors).map((k) => [k, intakeFieldLabel(k)]));
  const rows = section === "needs" ? priorityRows(values) : section === "evidence" ? loaderData.priorities.length : 0;
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
            <strong>{conflict.by ?? "Someone else"} saved the intake while you were editing.</strong> Your answers are kept below and were not saved. Check
            them, then save again to keep yours.
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
            <SectionFields section={section} values={values} errors={errors} priorities={loaderData.priorities} rows={rows} />
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
function priorityRows(values: Values): number {
  const filled = Object.keys(values)
    .filter((k) => /^priorities\[\d+\]\.(topic|custom)$/.test(k) && values[k])
    .map((k) => Number(/\[(\d+)\]/.exec(k)![1]));
  return Math.min(MAX_PRIORITIES, Math.max(3, (filled.length ? Math.max(...filled) + 1 : 0) + 2));
}

function SectionFields({
  section,
  values,
  errors,
  priorities,
  rows,
}: {
  section: IntakeSectionKey;
  values: Values;
  errors: Errors;
  priorities: { key: string; label: string; rank: number }[];
  rows: number;
}) {
  const v = (name: string) => values[name] ?? "";
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
            defaultValue={v("partnerKind")}
            errors={errors}
          />
          <div className="row-grid">
            <TextField name="sites" label={L.sites} inputMode="numeric" defaultValue={v("sites")} errors={errors} />
            <TextField name="population" label={L.population} inputMode="numeric" defaultValue={v("population")} errors={errors} />
          </div>
          <RadioGroup name="geographyScope" legend={L.geographyScope} options={options("geographyScope")} value={v("geographyScope")} errors={errors} />
          <RadioGroup
            name="improvementExperience"
            legend={L.improvementExperience}
            options={options("improvementExperience")}
            value={v("improvementExperience")}
            errors={errors}
          />
          <Checkbox
            name="hasLearningSystem"
            label="The partner has a learning system (regular sharing of data and practice across sites)"
            checked={v("hasLearningSystem") === "on"}
            errors={errors}
          />
          <Checkbox name="hasImprovementTeam" label="The partner has an improvement team" checked={v("hasImprovementTeam") === "on"} errors={errors} />
          <Checkbox name="previousWorkWithUs" label="The partner has worked with us before" checked={v("previousWorkWithUs") === "on"} errors={errors} />
          <TextArea
            name="existingWork"
            label={L.existingWork}
            hint="Programmes under way, infrastructure, trained people."
            defaultValue={v("existingWork")}
            errors={errors}
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
            defaultValue={v("problems")}
            rows={5}
            errors={errors}
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
                    defaultValue={v(p("topic"))}
                    errors={errors}
                  />
                  <TextField name={p("custom")} label={L.custom} hint="For “Other”." defaultValue={v(p("custom"))} errors={errors} />
                  {/* A written-in topic keeps its id when its text is corrected, and so its evidence. */}
                  {v(p("id")) ? <input type="hidden" name={p("id")} value={v(p("id"))} /> : null}
                </div>
                <div className="row-grid">
                  <TextField name={p("baselineMeasure")} label={L.baselineMeasure} defaultValue={v(p("baselineMeasure"))} errors={errors} />
                  <TextField name={p("baselineValue")} label={L.baselineValue} inputMode="numeric" defaultValue={v(p("baselineValue"))} errors={errors} />
                  <TextField name={p("baselineDate")} label={L.baselineDate} type="date" defaultValue={v(p("baselineDate"))} errors={errors} />
                  <TextField name={p("baselineSource")} label={L.baselineSource} defaultValue={v(p("baselineSource"))} errors={errors} />
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
                      defaultValue={v(e("changePackage"))}
                      errors={errors}
                    />
                    <SelectField
                      name={e("degreeOfBelief")}
                      label={L.degreeOfBelief}
                      hint="That the changes will bring improvement."
                      placeholder="Not answered"
                      options={BELIEF_LEVELS.map((b) => ({ value: b, label: ANSWER_LABELS.degreeOfBelief[b] }))}
                      defaultValue={v(e("degreeOfBelief"))}
                      errors={errors}
                    />
                    <SelectField
                      name={e("brightSpots")}
                      label={L.brightSpots}
                      placeholder="Not answered"
                      options={options("brightSpots")}
                      defaultValue={v(e("brightSpots"))}
                      errors={errors}
                    />
                  </div>
                </div>
              );
            })
          )}
          <h3>Draft aim</h3>
          <div className="row-grid">
            <TextField name="aimHowMuch" label={L.aimHowMuch} hint="For example “reduce VAP by 50%”." defaultValue={v("aimHowMuch")} errors={errors} />
            <TextField name="aimByWhen" label={L.aimByWhen} type="month" hint="Month and year." defaultValue={v("aimByWhen")} errors={errors} />
            <TextField name="aimForWhom" label={L.aimForWhom} hint="Population or sites." defaultValue={v("aimForWhom")} errors={errors} />
          </div>
          <RadioGroup name="aimStyle" legend={L.aimStyle} options={options("aimStyle")} value={v("aimStyle")} errors={errors} />
          <RadioGroup name="breadth" legend={L.breadth} options={options("breadth")} value={v("breadth")} errors={errors} />
          <RadioGroup
            name="wantsCapabilityBuilding"
            legend={L.wantsCapabilityBuilding}
            hint="A cadre of improvement advisors and coaches of its own."
            options={options("wantsCapabilityBuilding")}
            value={v("wantsCapabilityBuilding")}
            errors={errors}
          />
          <RadioGroup
            name="wantsPublicMobilisation"
            legend={L.wantsPublicMobilisation}
            options={options("wantsPublicMobilisation")}
            value={v("wantsPublicMobilisation")}
            errors={errors}
          />
        </>
      );
    case "scale":
      return (
        <>
          <TextField name="expectedSites" label={L.expectedSites} inputMode="numeric" defaultValue={v("expectedSites")} errors={errors} />
          <div className="row-grid">
            <TextField
              name="desiredStart"
              label={L.desiredStart}
              type="month"
              hint="Month and year, e.g. 2027-03."
              defaultValue={v("desiredStart")}
              errors={errors}
            />
            <TextField
              name="longestDurationMonths"
              label={`${L.longestDurationMonths} (months)`}
              inputMode="numeric"
              defaultValue={v("longestDurationMonths")}
              errors={errors}
            />
            <TextField
              name="hardDeadline"
              label={L.hardDeadline}
              type="date"
              hint="Leave empty if there is none."
              defaultValue={v("hardDeadline")}
              errors={errors}
            />
          </div>
        </>
      );
    case "capacity":
      return (
        <>
          <RadioGroup name="seniorSponsor" legend={L.seniorSponsor} options={options("seniorSponsor")} value={v("seniorSponsor")} errors={errors} />
          <div className="grid-2">
            <TextField name="sponsorName" label={L.sponsorName} hint="The proposal is addressed to them." defaultValue={v("sponsorName")} errors={errors} />
            <TextField name="sponsorTitle" label={L.sponsorTitle} defaultValue={v("sponsorTitle")} errors={errors} />
            <TextField name="sponsorEmail" label={L.sponsorEmail} type="email" defaultValue={v("sponsorEmail")} errors={errors} />
          </div>
          <RadioGroup name="projectLeads" legend={L.projectLeads} options={options("projectLeads")} value={v("projectLeads")} errors={errors} />
          <RadioGroup name="dataLead" legend={L.dataLead} options={options("dataLead")} value={v("dataLead")} errors={errors} />
          <RadioGroup name="canReleaseTeams" legend={L.canReleaseTeams} options={options("canReleaseTeams")} value={v("canReleaseTeams")} errors={errors} />
          <RadioGroup name="willingToShare" legend={L.willingToShare} options={options("willingToShare")} value={v("willingToShare")} errors={errors} />
          <h3>For a campaign</h3>
          <p className="muted small">Readiness for a campaign rests on these; leave them empty if a campaign is not in view.</p>
          <RadioGroup name="enrolmentChannel" legend={L.enrolmentChannel} options={options("enrolmentChannel")} value={v("enrolmentChannel")} errors={errors} />
          <RadioGroup name="nodePartners" legend={L.nodePartners} options={options("nodePartners")} value={v("nodePartners")} errors={errors} />
          <RadioGroup name="dataPlatform" legend={L.dataPlatform} options={options("dataPlatform")} value={v("dataPlatform")} errors={errors} />
          <RadioGroup name="mentorSites" legend={L.mentorSites} options={options("mentorSites")} value={v("mentorSites")} errors={errors} />
          <h3>For a tailored initiative</h3>
          <p className="muted small">Readiness for a tailored large-scale initiative rests on these.</p>
          <RadioGroup name="governance" legend={L.governance} options={options("governance")} value={v("governance")} errors={errors} />
          <RadioGroup name="capabilityPlan" legend={L.capabilityPlan} options={options("capabilityPlan")} value={v("capabilityPlan")} errors={errors} />
        </>
      );
    case "budget":
      return (
        <>
          <div className="row-grid">
            <TextField name="budgetMin" label={L.budgetMin} inputMode="numeric" defaultValue={v("budgetMin")} errors={errors} />
            <TextField name="budgetMax" label={L.budgetMax} inputMode="numeric" defaultValue={v("budgetMax")} errors={errors} />
            <TextField name="currency" label={L.currency} hint="Three letters, e.g. GBP, EUR, USD." defaultValue={v("currency")} errors={errors} />
          </div>
          <RadioGroup name="budgetSecured" legend={L.budgetSecured} options={options("budgetSecured")} value={v("budgetSecured")} errors={errors} />
        </>
      );
  }
}

export const ErrorBoundary = RouteErrorBoundary;
