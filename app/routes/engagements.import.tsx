import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { TextArea, useFocusOnErrors } from "~/components/field";
import { PageHeader } from "~/components/ui";
import { ImportBundleFormSchema } from "~/domain/bundle";
import { Refusal } from "~/domain/errors";
import { BODY_LIMITS, BUNDLE_BYTES } from "~/domain/body-limits";
import { formState } from "~/lib/forms";
import { asReplyErrors, refuseUnread, reply } from "~/lib/forms.server";
import { change, redirectWithFlash } from "~/lib/route.server";
import { importBundle } from "~/models/bundle.server";
import { requirePermission } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Import an engagement · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "engagement:create", "Only partnership managers import engagements.");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requirePermission(request, "engagement:create", "Only partnership managers import engagements.");
  // The server stops reading a body past BODY_LIMITS.bundle; this says so on the page when one comes close.
  if (Number(request.headers.get("Content-Length") ?? 0) > BODY_LIMITS.bundle.bytes) return refuseUnread(413, BODY_LIMITS.bundle.message);
  return change(await request.formData(), ImportBundleFormSchema, async (input, submission) => {
    const text = input.file && input.file.size > 0 ? await input.file.text() : input.json;
    if (Buffer.byteLength(text) > BUNDLE_BYTES) throw new Refusal(BODY_LIMITS.bundle.message);
    if (!text.trim()) throw new Refusal("Choose a bundle file or paste its JSON.");
    const result = importBundle(user, text);
    if (!result.ok) return reply(submission, 400, asReplyErrors(result.errors));
    const named = result.renamed ? ` as “${result.title}”: an engagement here already has its title` : "";
    return redirectWithFlash(request, `/engagements/${result.id}`, `Engagement imported${named}. Review its intake and method.`);
  });
}

export default function ImportEngagement() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = formState(actionData);
  const errors = form.errors;
  const entries = Object.entries(errors);
  const summary = useFocusOnErrors<HTMLDivElement>(errors);
  return (
    <>
      <PageHeader
        title="Import an engagement"
        intro="Create a new engagement from a bundle exported from Partnership Planner. Only its content comes in — with the proposal's options, levers and any fee set by hand — never proposal versions, approvals, comments or history."
        breadcrumbs={<Link to="/engagements">Engagements</Link>}
      />
      {entries.length ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>The bundle was not imported</h2>
          <p>Nothing was written. Correct these and try again:</p>
          <ul>
            {entries.map(([path, message]) => (
              <li key={path}>
                {path ? <code>{path}</code> : null} {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card">
        <div className="field">
          <label htmlFor="file">Bundle file (.json)</label>
          <input id="file" name="file" type="file" accept="application/json,.json" />
        </div>
        <TextArea name="json" label="Or paste the bundle's JSON" state={form} rows={8} />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Import
          </SubmitButton>
          <Link to="/engagements">Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
