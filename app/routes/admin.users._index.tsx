import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, SelectField, TextField } from "~/components/field";
import { PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { NewUserSchema } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { createUser, listPartnerOrganisations, listUsers } from "~/models/users.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Users · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "user:manage", "Only administrators manage users.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  return { users: view(() => listUsers(user)), organisations: listPartnerOrganisations() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  return change(
    await request.formData(),
    NewUserSchema,
    async (input) => {
      await createUser(user, input);
      return redirectWithFlash(request, "/admin/users", `${input.name} can now sign in as ${ROLE_LABELS[input.role].toLowerCase()}.`);
    },
    // The initial password is never sent back to the page.
    { hide: ["password"] }
  );
}

export default function Users() {
  const { users, organisations } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title="Users"
        intro="Who can sign in, and in which role. Disabling a user ends their sessions at once."
        actions={
          <Link className="button" to="/admin/users/invite">
            Invite a user
          </Link>
        }
      />
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
        <ErrorSummary
          errors={form.errors}
          labels={{ name: "Name", email: "Email", role: "Role", organisationId: "Partner organisation", password: "Password" }}
        />
        <Form method="post" noValidate>
          <TextField name="name" label="Name" state={form} />
          <TextField name="email" label="Email" type="email" state={form} />
          <SelectField name="role" label="Role" placeholder="Choose a role…" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} state={form} />
          <SelectField
            name="organisationId"
            label="Partner organisation"
            hint="Only for partner executives: they see nothing but their own organisation's shared proposals."
            placeholder="None"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            state={form}
          />
          <TextField
            name="password"
            label="Initial password"
            type="password"
            hint="At least 12 characters. Share it with the person securely."
            autoComplete="new-password"
            state={form}
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
