import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, pick, SelectField, TextArea, TextField } from "~/components/field";
import { formatDate, formatNumber, Notice } from "~/components/ui";
import { COUNTRIES, countryName } from "~/domain/countries";
import { describeChanges } from "~/domain/engagement";
import { EngagementDetailsSchema, OrganisationCountrySchema } from "~/domain/engagement-forms";
import { PARTNER_KIND_LABELS } from "~/domain/partner-kinds";
import { TEXT_LIMITS } from "~/domain/limits";
import { engagementIdParam } from "~/lib/params";
import { formValues, parseForm } from "~/lib/forms";
import { getEngagementForStaff, setOrganisationCountry, updateEngagementDetails } from "~/models/engagements.server";
import { requireUser, setFlash } from "~/services/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const engagement = getEngagementForStaff(user, engagementIdParam(params));
  return { engagement };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "set-country") {
    const parsed = parseForm(OrganisationCountrySchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, conflict: null }, { status: 400 });
    const result = setOrganisationCountry(user, id, parsed.data);
    if (!result.ok)
      return data(
        {
          errors: { orgCountry: "Someone else changed this organisation meanwhile: check its country below and choose again." },
          values: formValues(form),
          conflict: null,
        },
        { status: 409 }
      );
    setFlash(request, `Country saved: ${countryName(parsed.data.orgCountry)}.`);
    return redirect(`/engagements/${id}`, { status: 303 });
  }
  if (intent !== "update-details") return data({ errors: { "": "Unknown action." }, values: {}, conflict: null }, { status: 400 });
  const parsed = parseForm(EngagementDetailsSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, conflict: null }, { status: 400 });
  const result = updateEngagementDetails(user, id, parsed.data);
  if (!result.ok) {
    const changes = describeChanges(
      { title: parsed.data.title, internalNotes: parsed.data.internalNotes },
      { title: result.current.title, internalNotes: result.current.internalNotes }
    );
    return data(
      {
        errors: {},
        values: formValues(form),
        conflict: { changes, current: result.current },
      },
      { status: 409 }
    );
  }
  setFlash(request, "Engagement details saved.");
  return redirect(`/engagements/${id}`, { status: 303 });
}

export default function EngagementPage() {
  const { engagement } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const org = engagement.organisation;
  const conflict = actionData?.conflict;
  const values = actionData?.values;
  return (
    <>
      <div className="grid-2">
        <section className="card" aria-labelledby="partner-heading">
          <h2 id="partner-heading">Partner</h2>
          <dl className="facts">
            <dt>Organisation</dt>
            <dd>{org.name}</dd>
            <dt>Kind</dt>
            <dd>{PARTNER_KIND_LABELS[org.kind]}</dd>
            <dt>Country</dt>
            <dd data-country={org.country ?? ""}>{countryName(org.country)}</dd>
            <dt>Sites</dt>
            <dd>{formatNumber(org.sites)}</dd>
            <dt>Population served</dt>
            <dd>{org.population === null ? <span className="muted">Not known yet</span> : formatNumber(org.population)}</dd>
          </dl>
          {org.country === null || (actionData?.errors as Record<string, string> | undefined)?.orgCountry ? (
            <>
              <Notice>
                <strong>Choose the country.</strong> It was written as free text that matched no country; the working-day calendar and public holidays follow
                it.
              </Notice>
              {engagement.canEdit ? (
                <Form method="post" noValidate aria-label="Choose the country">
                  <input type="hidden" name="intent" value="set-country" />
                  <input type="hidden" name="orgVersion" value={org.version} />
                  <SelectField
                    name="orgCountry"
                    label="Country"
                    placeholder="Choose a country…"
                    options={COUNTRIES.map((c) => ({ value: c.code, label: c.name }))}
                    defaultValue={pick(values, "orgCountry", org.country ?? "")}
                    errors={actionData?.errors}
                  />
                  <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                    Save the country
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
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
      <section className="card" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">Bundle</h2>
        <p>
          The engagement's content as a JSON file: to archive it, move it to another Partnership Planner, or hand it to another system.{" "}
          <a href="/api/schema">Its format</a> is published.
        </p>
        <div className="actions">
          <a className="button button--secondary" href={`/engagements/${engagement.id}/export`} download>
            Download bundle
          </a>
          <a href={`/engagements/${engagement.id}/audit`}>Audit trail</a>
        </div>
      </section>
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
            <TextField
              name="title"
              label="Title"
              hint="The partner's executives see a new title only once a version with it is shared with them."
              defaultValue={pick(values, "title", engagement.title)}
              errors={actionData?.errors}
            />
            <TextArea
              name="internalNotes"
              label="Internal notes"
              hint="Only our staff see these; partners never do."
              defaultValue={pick(values, "internalNotes", engagement.internalNotes)}
              errors={actionData?.errors}
              maxLength={TEXT_LIMITS.internalNotes}
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
