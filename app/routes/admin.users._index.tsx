import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, pick, SelectField, TextField } from "~/components/field";
import { PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { NewUserSchema } from "~/domain/user-forms";
import { formValues, parseForm } from "~/lib/forms";
import { createUser, EmailTakenError, listPartnerOrganisations, listUsers, UnknownOrganisationError } from "~/models/users.server";
import { setFlash, requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Users · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "user:manage", "Only administrators manage users.");
  return { users: listUsers(user), organisations: listPartnerOrganisations() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requirePermission(request, "user:manage", "Only administrators manage users.");
  const form = await request.formData();
  const parsed = parseForm(NewUserSchema, form);
  if (!parsed.ok) {
    const { password: _omit, ...values } = parsed.values;
    return data({ errors: parsed.errors, values }, { status: 400 });
  }
  try {
    await createUser(user, parsed.data);
  } catch (e) {
    if (e instanceof EmailTakenError || e instanceof UnknownOrganisationError) {
      const { password: _omit, ...values } = formValues(form);
      return data({ errors: { [e instanceof EmailTakenError ? "email" : "organisationId"]: e.message }, values }, { status: 400 });
    }
    throw e;
  }
  setFlash(request, `${parsed.data.name} can now sign in as ${ROLE_LABELS[parsed.data.role].toLowerCase()}.`);
  return redirect("/admin/users", { status: 303 });
}

export default function Users() {
  const { users, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = actionData?.values;
  const errors = actionData?.errors;
  return (
    <>
      <PageHeader title="Users" intro="Who can sign in, and in which role. Disabling a user ends their sessions at once." />
      <div className="table-wrap card" style={{ padding: 0 }}>
        <table className="data">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Organisation</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.organisationName ?? "—"}</td>
                <td>{u.disabledAt ? <StatusBadge tone="danger">Disabled</StatusBadge> : <StatusBadge tone="success">Active</StatusBadge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">Add a user</h2>
        <ErrorSummary errors={errors} labels={{ name: "Name", email: "Email", role: "Role", organisationId: "Partner organisation", password: "Password" }} />
        <Form method="post" noValidate>
          <TextField name="name" label="Name" defaultValue={pick(values, "name", "")} errors={errors} />
          <TextField name="email" label="Email" type="email" defaultValue={pick(values, "email", "")} errors={errors} />
          <SelectField
            name="role"
            label="Role"
            placeholder="Choose a role…"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            defaultValue={pick(values, "role", "")}
            errors={errors}
          />
          <SelectField
            name="organisationId"
            label="Partner organisation"
            hint="Only for partner executives: they see nothing but their own organisation's shared proposals."
            placeholder="None"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            defaultValue={pick(values, "organisationId", "")}
            errors={errors}
          />
          <TextField
            name="password"
            label="Initial password"
            type="password"
            hint="At least 12 characters. Share it with the person securely."
            autoComplete="new-password"
            errors={errors}
          />
          <div className="actions">
            <button className="button" type="submit" disabled={navigation.state === "submitting"}>
              Add user
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
