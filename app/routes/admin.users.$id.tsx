import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, pick, SelectField } from "~/components/field";
import { Notice, PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { UserRoleSchema } from "~/domain/user-forms";
import { formValues, parseForm } from "~/lib/forms";
import { LastAdministratorError, listPartnerOrganisations, listUsers, setUserDisabled, UnknownOrganisationError, updateUserRole } from "~/models/users.server";
import { notFound, setFlash, requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "User · Partnership Planner" }];

function userId(params: { id?: string }) {
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw notFound("No such user.");
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requirePermission(request, "user:manage", "Only administrators manage users.");
  const target = listUsers(actor).find((u) => u.id === userId(params));
  if (!target) throw notFound("No such user.");
  return { target, organisations: listPartnerOrganisations(), isSelf: target.id === actor.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requirePermission(request, "user:manage", "Only administrators manage users.");
  const id = userId(params);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "disable" || intent === "enable") {
    try {
      setUserDisabled(actor, id, intent === "disable");
    } catch (e) {
      if (e instanceof LastAdministratorError) return data({ errors: { "": e.message }, values: {} }, { status: 409 });
      throw e;
    }
    setFlash(request, intent === "disable" ? "User disabled; their sessions have ended." : "User enabled.");
    return redirect(`/admin/users/${id}`, { status: 303 });
  }
  if (intent !== "update-role") return data({ errors: { "": "Unknown action." }, values: {} }, { status: 400 });
  const parsed = parseForm(UserRoleSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let result: ReturnType<typeof updateUserRole>;
  try {
    result = updateUserRole(actor, id, parsed.data);
  } catch (e) {
    if (e instanceof UnknownOrganisationError) return data({ errors: { organisationId: e.message }, values: formValues(form) }, { status: 400 });
    if (e instanceof LastAdministratorError) return data({ errors: { role: e.message }, values: formValues(form) }, { status: 409 });
    throw e;
  }
  if (!result.ok) {
    return data(
      { errors: { "": "Someone else changed this user while you were editing. The page now shows their change; make yours again." }, values: {} },
      { status: 409 }
    );
  }
  setFlash(request, "Role saved. The user's sessions have ended so the change applies at once.");
  return redirect(`/admin/users/${id}`, { status: 303 });
}

export default function UserPage() {
  const { target, organisations, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values;
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
        <ErrorSummary errors={actionData?.errors} labels={{ role: "Role", organisationId: "Partner organisation" }} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update-role" />
          <input type="hidden" name="version" value={target.version} />
          <SelectField
            name="role"
            label="Role"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            defaultValue={pick(values, "role", target.role)}
            errors={actionData?.errors}
          />
          <SelectField
            name="organisationId"
            label="Partner organisation"
            hint="Required for partner executives; ignored for other roles."
            placeholder="None"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            defaultValue={pick(values, "organisationId", target.organisationId ?? "")}
            errors={actionData?.errors}
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
          {(actionData?.errors as Record<string, string> | undefined)?.[""] ? (
            <Notice tone="danger">{(actionData!.errors as Record<string, string>)[""]}</Notice>
          ) : null}
          <Form method="post">
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
