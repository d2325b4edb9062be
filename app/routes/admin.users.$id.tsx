import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, SelectField } from "~/components/field";
import { Notice, PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { UserPageIntents } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getUser, listPartnerOrganisations, setUserDisabled, updateUserRole } from "~/models/users.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "User · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "user:manage", "Only administrators manage users.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireAdmin(request);
  const target = view(() => getUser(actor, idParam(params, "id", "user")));
  return { target, organisations: listPartnerOrganisations(), isSelf: target.id === actor.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireAdmin(request);
  const id = idParam(params, "id", "user");
  return change(await request.formData(), UserPageIntents, (input) => {
    if (input.intent === "update-role") {
      updateUserRole(actor, id, { role: input.role, organisationId: input.organisationId, version: input.version });
      return redirectWithFlash(request, `/admin/users/${id}`, "Role saved. The user's sessions have ended so the change applies at once.");
    }
    setUserDisabled(actor, id, input.intent === "disable");
    return redirectWithFlash(request, `/admin/users/${id}`, input.intent === "disable" ? "User disabled; their sessions have ended." : "User enabled.");
  });
}

/** After a 409 the page shows the user as saved now, with the version to save against. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function UserPage() {
  const { target, organisations, isSelf } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const role = formState(reply, "role");
  const access = formState(reply, "access");
  const { "": roleFormError, ...roleErrors } = role.errors;
  return (
    <>
      <PageHeader
        title={target.name}
        intro={
          <>
            {target.email} · {target.disabledAt ? <StatusBadge tone="danger">Disabled</StatusBadge> : <StatusBadge tone="success">Active</StatusBadge>}
          </>
        }
        breadcrumbs={<Link to="/admin/users">Users</Link>}
      />
      <section className="card" aria-labelledby="role-heading">
        <h2 id="role-heading">Role and organisation</h2>
        {roleFormError ? <Notice tone="danger">{roleFormError}</Notice> : null}
        <ErrorSummary errors={roleErrors} labels={{ role: "Role", organisationId: "Partner organisation" }} />
        <Form method="post" noValidate>
          <input type="hidden" name="form" value="role" />
          <input type="hidden" name="intent" value="update-role" />
          <input type="hidden" name="version" value={target.version} />
          <SelectField name="role" label="Role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} saved={target.role} state={role} />
          <SelectField
            name="organisationId"
            label="Partner organisation"
            hint="Required for partner executives; ignored for other roles."
            placeholder="None"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            saved={target.organisationId}
            state={role}
          />
          <div className="actions">
            <button className="button" type="submit">
              Save role
            </button>
          </div>
        </Form>
      </section>
      {isSelf ? null : (
        <section className="card" aria-labelledby="access-heading">
          <h2 id="access-heading">Access</h2>
          {access.errors[""] ? <Notice tone="danger">{access.errors[""]}</Notice> : null}
          <Form method="post">
            <input type="hidden" name="form" value="access" />
            {target.disabledAt ? (
              <>
                <p>This user cannot sign in.</p>
                <button className="button" type="submit" name="intent" value="enable">
                  Enable user
                </button>
              </>
            ) : (
              <>
                <p>Disabling ends every session this user has, at once, and stops them signing in.</p>
                <button className="button button--danger" type="submit" name="intent" value="disable">
                  Disable user
                </button>
              </>
            )}
          </Form>
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
