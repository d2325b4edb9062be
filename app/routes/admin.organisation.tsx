import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Checkbox, ErrorSummary, Field, FieldError, TextArea, TextField } from "~/components/field";
import { Notice, PageHeader } from "~/components/ui";
import { BODY_LIMITS } from "~/domain/body-limits";
import { OrganisationProfileSchema } from "~/domain/organisation-profile-forms";
import { formState } from "~/lib/forms";
import { refuseUnread } from "~/lib/forms.server";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getProfileForEditing, saveProfile } from "~/models/organisation-profile.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Our organisation · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "organisation:manage", "Only administrators keep the organisation's profile.");

const LABELS = {
  name: "Name",
  shortName: "Short name",
  address: "Address",
  brandColour: "Brand colour",
  logo: "Logo",
  contactName: "Contact person",
  contactEmail: "Contact email",
  contactPhone: "Contact phone",
  signatoryName: "Signatory's name",
  signatoryTitle: "Signatory's title",
  legalFooter: "Legal footer",
  offerValidDays: "Days a proposal stands",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  return view(() => getProfileForEditing(user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  // The server stops reading a body past BODY_LIMITS.logo; this says so on the page when one comes close.
  if (Number(request.headers.get("Content-Length") ?? 0) > BODY_LIMITS.logo.bytes) return refuseUnread(413, BODY_LIMITS.logo.message);
  return change(await request.formData(), OrganisationProfileSchema, async (input) => {
    const { version, logo: file, removeLogo, ...fields } = input;
    const logo = removeLogo ? "remove" : file && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name } : null;
    saveProfile(user, { ...fields, logo }, version);
    return redirectWithFlash(request, "/admin/organisation", `${fields.name}: profile saved. Versions made from now on carry it.`);
  });
}

/** After a 409 the page shows the profile as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function OrganisationProfilePage() {
  const { proposer: p, version } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const { "": formError, ...errors } = form.errors;
  return (
    <>
      <PageHeader
        title="Our organisation"
        intro="How proposals, the partner's pages and the sign-in page name us: who proposes, who to contact, who signs. A version keeps the profile it was made with."
      />
      <section className="card">
        {formError ? <Notice tone="danger">{formError}</Notice> : null}
        <ErrorSummary errors={errors} labels={LABELS} />
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="version" value={version} />
          <fieldset>
            <legend>Who we are</legend>
            <TextField name="name" label={LABELS.name} state={form} saved={p.name} autoComplete="organization" />
            <TextField name="shortName" label={LABELS.shortName} hint="Used in running text: “… and Northbridge propose …”." state={form} saved={p.shortName} />
            <TextArea name="address" label={LABELS.address} state={form} saved={p.address} rows={3} maxLength={500} />
            <TextField
              name="brandColour"
              label={LABELS.brandColour}
              hint="A # and six hexadecimal digits, such as #1f4e79."
              state={form}
              saved={p.brandColour}
            />
            <Field
              id="logo"
              label={LABELS.logo}
              hint="A PNG or an SVG of at most 100 KB. An SVG with scripts, event handlers or references outside itself is refused."
              error={errors.logo}
            >
              <input
                type="file"
                id="logo"
                name="logo"
                accept="image/png,image/svg+xml,.png,.svg"
                aria-invalid={errors.logo ? true : undefined}
                aria-describedby={errors.logo ? "logo-error" : "logo-hint"}
              />
            </Field>
            {p.logo ? (
              <>
                <p className="org-logo-preview">
                  <img src={p.logo.dataUri} alt={`The current logo of ${p.name}`} />
                </p>
                <Checkbox name="removeLogo" label="Remove the logo" state={form} />
              </>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>Contact person</legend>
            <TextField name="contactName" label={LABELS.contactName} state={form} saved={p.contact.name} />
            <TextField name="contactEmail" label={LABELS.contactEmail} type="email" inputMode="email" state={form} saved={p.contact.email} />
            <TextField name="contactPhone" label={LABELS.contactPhone} type="tel" state={form} saved={p.contact.phone} />
          </fieldset>
          <fieldset>
            <legend>Who signs for us</legend>
            <TextField name="signatoryName" label={LABELS.signatoryName} state={form} saved={p.signatory.name} />
            <TextField name="signatoryTitle" label={LABELS.signatoryTitle} state={form} saved={p.signatory.title} />
            <TextArea
              name="legalFooter"
              label={LABELS.legalFooter}
              hint="Printed at the end of every proposal. How long a proposal stands is set below, not written here."
              state={form}
              saved={p.legalFooter}
              rows={3}
              maxLength={600}
            />
          </fieldset>
          <fieldset>
            <legend>How long a proposal stands</legend>
            <TextField
              name="offerValidDays"
              label={LABELS.offerValidDays}
              hint="From the version's date. Until the partner accepts, the proposal says “valid until” that day; once accepted, agreed or declined, it says nothing of it."
              inputMode="numeric"
              state={form}
              saved={String(p.offerValidDays ?? 90)}
            />
          </fieldset>
          <FieldError id="removeLogo" error={errors.removeLogo} />
          <div className="actions">
            <button className="button" type="submit">
              Save the profile
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
