import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { StaffFields } from "~/components/staff-form";
import { Notice, PageHeader } from "~/components/ui";
import { staffFormSchema, VersionSchema } from "~/domain/staff";
import { formValues, parseForm } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { getStaffMember, removeStaffMember, updateStaffMember } from "~/models/roster.server";
import { getStaffRoles } from "~/services/templates.server";
import { setFlash, requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Staff member · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "roster:manage", "Only administrators manage the staff roster.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  const roles = getStaffRoles();
  return {
    member: getStaffMember(user, idParam(params, "id", "staff member")),
    roles: roles.roles.map((r) => ({ key: r.key, label: r.label })),
    currency: roles.currency,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  const id = idParam(params, "id", "staff member");
  const form = await request.formData();
  if (form.get("intent") === "remove") {
    const member = getStaffMember(user, id);
    removeStaffMember(user, id);
    setFlash(request, `${member.name} removed from the roster.`);
    return redirect("/admin/staff", { status: 303 });
  }
  const roles = getStaffRoles();
  const parsed = parseForm(staffFormSchema(roles.roles.map((r) => r.key)), form);
  const version = VersionSchema.safeParse({ version: form.get("version") });
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!version.success) return data({ errors: { "": "The form is out of date; reload the page." }, values: formValues(form) }, { status: 400 });
  const result = updateStaffMember(user, id, parsed.data, version.data.version);
  if (!result.ok) {
    return data(
      {
        errors: { "": "Someone else changed this person while you were editing. Your changes are below, not saved; reload to see theirs." },
        values: formValues(form),
      },
      { status: 409 }
    );
  }
  setFlash(request, "Roster entry saved.");
  return redirect("/admin/staff", { status: 303 });
}

export default function StaffMemberPage() {
  const { member, roles, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = (actionData?.errors ?? {}) as Record<string, string>;
  return (
    <>
      <PageHeader title={member.name} breadcrumbs={<Link to="/admin/staff">Staff roster</Link>} />
      <section className="card">
        {errors[""] ? <Notice>{errors[""]}</Notice> : null}
        <ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([k]) => k))} />
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={member.version} />
          <StaffFields roles={roles} values={actionData?.values} saved={member} errors={errors} currency={currency} />
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
