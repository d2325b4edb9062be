import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { TextArea, useFocusOnErrors } from "~/components/field";
import { PageHeader } from "~/components/ui";
import { BODY_LIMITS, BUNDLE_BYTES } from "~/domain/limits";
import { importBundle } from "~/models/bundle.server";
import { setFlash, requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Import an engagement · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "engagement:create", "Only partnership managers import engagements.");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requirePermission(request, "engagement:create", "Only partnership managers import engagements.");
  // The server stops reading a body past BODY_LIMITS.bundle; this says so on the page when one comes close.
  if (Number(request.headers.get("Content-Length") ?? 0) > BODY_LIMITS.bundle.bytes) {
    return data({ errors: { "": BODY_LIMITS.bundle.message }, pasted: "" }, { status: 413 });
  }
  const form = await request.formData();
  const file = form.get("file");
  const pasted = typeof form.get("json") === "string" ? String(form.get("json")) : "";
  const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
  if (Buffer.byteLength(text) > BUNDLE_BYTES) return data({ errors: { "": BODY_LIMITS.bundle.message }, pasted: "" }, { status: 413 });
  if (!text.trim()) return data({ errors: { "": "Choose a bundle file or paste its JSON." }, pasted }, { status: 400 });
  const result = importBundle(user, text);
  if (!result.ok) return data({ errors: result.errors, pasted }, { status: 400 });
  setFlash(request, "Engagement imported. Review its intake and method.");
  return redirect(`/engagements/${result.id}`, { status: 303 });
}

export default function ImportEngagement() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = (actionData?.errors ?? {}) as Record<string, string>;
  const entries = Object.entries(errors);
  const summary = useFocusOnErrors<HTMLDivElement>(errors);
  return (
    <>
      <PageHeader
        title="Import an engagement"
        intro="Create a new engagement from a bundle exported from Partnership Planner. Only its content comes in: never proposal versions, approvals, comments or history."
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
        <TextArea name="json" label="Or paste the bundle's JSON" defaultValue={actionData?.pasted ?? ""} rows={8} />
        <div className="actions">
          <button className="button" type="submit" disabled={navigation.state === "submitting"}>
            Import
          </button>
          <Link to="/engagements">Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
