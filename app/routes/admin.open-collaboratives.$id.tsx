import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { OPEN_COLLABORATIVE_LABELS, OpenCollaborativeFields } from "~/components/open-collaborative-form";
import { Notice, PageHeader } from "~/components/ui";
import { OpenCollaborativeIntents } from "~/domain/open-collaborative-forms";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getOpenCollaborative, removeOpenCollaborative, topicOptions, updateOpenCollaborative } from "~/models/open-collaboratives.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Open collaborative · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "open_collaborative:manage", "Only administrators keep the list of open collaboratives.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  return { collaborative: view(() => getOpenCollaborative(user, idParam(params, "id", "open collaborative"))), topics: topicOptions() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  const id = idParam(params, "id", "open collaborative");
  return change(await request.formData(), OpenCollaborativeIntents, (input) => {
    if (input.intent === "remove") {
      const title = removeOpenCollaborative(user, id);
      return redirectWithFlash(request, "/admin/open-collaboratives", `${title} removed from the open collaboratives.`);
    }
    const { intent: _intent, version, ...entry } = input;
    updateOpenCollaborative(user, id, entry, version);
    return redirectWithFlash(request, "/admin/open-collaboratives", `${entry.title} saved.`);
  });
}

export default function OpenCollaborativePage() {
  const { collaborative, topics } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const { "": formError, ...errors } = form.errors;
  return (
    <>
      <PageHeader title={collaborative.title} breadcrumbs={<Link to="/admin/open-collaboratives">Open collaboratives</Link>} />
      <section className="card">
        {formError ? <Notice>{formError}</Notice> : null}
        <ErrorSummary errors={errors} labels={OPEN_COLLABORATIVE_LABELS} />
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={collaborative.version} />
          <OpenCollaborativeFields topics={topics} state={form} saved={collaborative} />
          <div className="actions">
            <button className="button" type="submit" name="intent" value="save">
              Save
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="remove-heading">
        <h2 id="remove-heading">Remove</h2>
        <p>Small requests are no longer offered a place in it.</p>
        <Form method="post">
          <button className="button button--danger" type="submit" name="intent" value="remove">
            Remove {collaborative.title}
          </button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
