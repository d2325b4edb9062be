import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { StaffFields } from "~/components/staff-form";
import { Notice, PageHeader } from "~/components/ui";
import { staffMemberIntents } from "~/domain/staff";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getStaffMember, removeStaffMember, updateStaffMember } from "~/models/roster.server";
import { getStaffRoles } from "~/services/templates.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Staff member · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "roster:manage", "Only administrators manage the staff roster.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  const roles = getStaffRoles();
  return {
    member: view(() => getStaffMember(user, idParam(params, "id", "staff member"))),
    roles: roles.roles.map((r) => ({ key: r.key, label: r.label })),
    currency: roles.currency,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  const id = idParam(params, "id", "staff member");
  const roles = getStaffRoles().roles.map((r) => r.key);
  return change(await request.formData(), staffMemberIntents(roles), (input) => {
    if (input.intent === "remove") {
      const name = removeStaffMember(user, id);
      return redirectWithFlash(request, "/admin/staff", `${name} removed from the roster.`);
    }
    const { intent: _intent, version, ...entry } = input;
    updateStaffMember(user, id, entry, version);
    return redirectWithFlash(request, "/admin/staff", "Roster entry saved.");
  });
}

export default function StaffMemberPage() {
  const { member, roles, currency } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const { "": formError, ...errors } = form.errors;
  return (
    <>
      <PageHeader title={member.name} breadcrumbs={<Link to="/admin/staff">Staff roster</Link>} />
      <section className="card">
        {formError ? <Notice>{formError}</Notice> : null}
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={member.version} />
          <StaffFields roles={roles} state={form} saved={member} currency={currency} />
          <div className="actions">
            <button className="button" type="submit" name="intent" value="save">
              Save
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="remove-heading">
        <h2 id="remove-heading">Remove from the roster</h2>
        <p>Their time no longer counts as capacity on any Fit page.</p>
        <Form method="post">
          <button className="button button--danger" type="submit" name="intent" value="remove">
            Remove {member.name}
          </button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
