import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { RouteErrorBoundary } from "~/components/error-page";
import { CountryField } from "~/components/country-field";
import { ErrorSummary, FieldError, SelectField, TextField } from "~/components/field";
import { PageHeader } from "~/components/ui";
import { countryName } from "~/domain/countries";
import { NewEngagementSchema } from "~/domain/engagement-forms";
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from "~/domain/partner-kinds";
import { formState, shown } from "~/lib/forms";
import { change, redirectWithFlash } from "~/lib/route.server";
import { createEngagement, listOrganisations } from "~/models/engagements.server";
import { requirePermission } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "New engagement · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "engagement:create", "Only partnership managers start engagements.");
  return { organisations: listOrganisations() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requirePermission(request, "engagement:create", "Only partnership managers start engagements.");
  return change(await request.formData(), NewEngagementSchema, (input) => {
    const id = createEngagement(user, input);
    return redirectWithFlash(request, `/engagements/${id}`, `Engagement “${input.title}” created. Start with the intake.`);
  });
}

export default function NewEngagement() {
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = formState(actionData);
  const errors = form.errors;
  const [partner, setPartner] = useState<string>(shown(form, "partner") || (organisations.length ? "existing" : "new"));
  const labels = {
    title: "Title",
    organisationId: "Partner organisation",
    orgName: "Organisation name",
    orgKind: "Kind",
    orgCountry: "Country",
    orgSites: "Number of sites",
    orgPopulation: "Population served",
    partner: "Partner",
  };
  return (
    <>
      <PageHeader
        title="New engagement"
        intro="Name the engagement and the partner organisation it is for."
        breadcrumbs={<Link to="/engagements">Engagements</Link>}
      />
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate className="card">
        <TextField name="title" label="Title" hint="For example “Northshire patient safety partnership”." state={form} />
        <fieldset aria-describedby={errors.partner ? "partner-error" : undefined}>
          <legend>Partner organisation</legend>
          <label className="choice">
            <input
              type="radio"
              id={organisations.length ? "partner" : undefined}
              name="partner"
              value="existing"
              checked={partner === "existing"}
              onChange={() => setPartner("existing")}
              disabled={organisations.length === 0}
            />
            An organisation we already know
          </label>
          <label className="choice">
            <input
              type="radio"
              id={organisations.length ? undefined : "partner"}
              name="partner"
              value="new"
              checked={partner === "new"}
              onChange={() => setPartner("new")}
            />
            A new partner organisation
          </label>
          <FieldError id="partner" error={errors.partner} />
          <div data-partner-section="existing">
            <SelectField
              name="organisationId"
              label="Existing organisation"
              hint="Used when “An organisation we already know” is chosen."
              placeholder="Choose an organisation…"
              options={organisations.map((o) => ({ value: String(o.id), label: `${o.name} (${countryName(o.country)})` }))}
              state={form}
            />
          </div>
          <div data-partner-section="new">
            <p className="muted small">Used when “A new partner organisation” is chosen.</p>
            <TextField name="orgName" label="Organisation name" state={form} />
            <SelectField
              name="orgKind"
              label="Kind"
              placeholder="Choose a kind…"
              options={PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k] }))}
              state={form}
            />
            <CountryField state={form} />
            <TextField name="orgSites" label="Number of sites" inputMode="numeric" hint="Hospitals, clinics or other sites in scope." state={form} />
            <TextField name="orgPopulation" label="Population served" inputMode="numeric" hint="Leave empty if it is not known yet." state={form} />
          </div>
        </fieldset>
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Create engagement
          </SubmitButton>
          <Link to="/engagements">Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
