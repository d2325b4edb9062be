import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, pick, TextArea, TextField } from "~/components/field";
import { Stepper } from "~/components/stepper";
import { formatDate, formatNumber, PageHeader, StatusBadge } from "~/components/ui";
import { describeChanges, EngagementDetailsSchema, ORGANISATION_KIND_LABELS } from "~/domain/engagement";
import { stepStatuses } from "~/domain/steps";
import { STAGE_LABELS, STAGE_TONES } from "~/domain/workflow";
import { formValues, parseForm } from "~/lib/forms";
import { getEngagementForStaff, updateEngagementDetails } from "~/models/engagements.server";
import { notFound, requireUser, setFlash } from "~/services/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.engagement.title} · Partnership Planner` : "Engagement · Partnership Planner" },
];

function engagementId(params: { id?: string }) {
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw notFound("No such engagement.");
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const engagement = getEngagementForStaff(user, engagementId(params));
  return { engagement, steps: stepStatuses({}) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementId(params);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "update-details") return data({ errors: { "": "Unknown action." }, values: {}, conflict: null }, { status: 400 });
  const parsed = parseForm(EngagementDetailsSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, conflict: null }, { status: 400 });
  const result = updateEngagementDetails(user, id, parsed.data);
  if (!result.ok) {
    const changes = describeChanges(
      { title: parsed.data.title, internalNotes: parsed.data.internalNotes },
      { title: result.current.title, internalNotes: result.current.internalNotes },
    );
    return data(
      {
        errors: {},
        values: formValues(form),
        conflict: { changes, current: result.current },
      },
      { status: 409 },
    );
  }
  setFlash(request, "Engagement details saved.");
  return redirect(`/engagements/${id}`, { status: 303 });
}

export default function EngagementPage() {
  const { engagement, steps } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const org = engagement.organisation;
  const conflict = actionData?.conflict;
  const values = actionData?.values;
  return (
    <>
      <PageHeader
        title={engagement.title}
        intro={
          <>
            {org.name} · <StatusBadge tone={STAGE_TONES[engagement.stage]}>{STAGE_LABELS[engagement.stage]}</StatusBadge>
          </>
        }
        breadcrumbs={<Link to="/engagements">Engagements</Link>}
      />
      <Stepper steps={steps} />
      <div className="grid-2">
        <section className="card" aria-labelledby="partner-heading">
          <h2 id="partner-heading">Partner</h2>
          <dl className="facts">
            <dt>Organisation</dt>
            <dd>{org.name}</dd>
            <dt>Kind</dt>
            <dd>{ORGANISATION_KIND_LABELS[org.kind]}</dd>
            <dt>Country</dt>
            <dd>{org.country}</dd>
            <dt>Sites</dt>
            <dd>{formatNumber(org.sites)}</dd>
            <dt>Population served</dt>
            <dd>{formatNumber(org.population)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="engagement-heading">
          <h2 id="engagement-heading">Engagement</h2>
          <dl className="facts">
            <dt>Owner</dt>
            <dd>{engagement.ownerName}</dd>
            <dt>Started</dt>
            <dd>{formatDate(engagement.createdAt)}</dd>
            <dt>Last changed</dt>
            <dd>{formatDate(engagement.updatedAt)}</dd>
            <dt>Internal notes</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{engagement.internalNotes || <span className="muted">None</span>}</dd>
          </dl>
        </section>
      </div>
      {engagement.canEdit ? (
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Edit details</h2>
          {conflict ? (
            <div className="notice" role="alert">
              <p>
                <strong>Someone else saved this engagement while you were editing.</strong>{" "}
                {conflict.current.updatedByName ? `${conflict.current.updatedByName} made these changes. ` : ""}
                Your text is kept below; check it against theirs and save again.
              </p>
              {conflict.changes.length ? (
                <table className="data diff-table">
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Their version (saved)</th>
                      <th scope="col">Your version (not saved)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {conflict.changes.map((c) => (
                      <tr key={c.field}>
                        <th scope="row">{c.label}</th>
                        <td className="theirs">{c.theirs}</td>
                        <td>{c.yours}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>Their changes match yours.</p>
              )}
            </div>
          ) : null}
          <ErrorSummary errors={actionData?.errors} labels={{ title: "Title", internalNotes: "Internal notes" }} />
          <Form method="post" noValidate key={conflict ? `conflict-${conflict.current.version}` : engagement.version}>
            <input type="hidden" name="intent" value="update-details" />
            <input type="hidden" name="version" value={conflict ? conflict.current.version : engagement.version} />
            <TextField name="title" label="Title" defaultValue={pick(values, "title", engagement.title)} errors={actionData?.errors} />
            <TextArea
              name="internalNotes"
              label="Internal notes"
              hint="Only our staff see these; partners never do."
              defaultValue={pick(values, "internalNotes", engagement.internalNotes)}
              errors={actionData?.errors}
            />
            <div className="actions">
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {conflict ? "Save my version" : "Save details"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
