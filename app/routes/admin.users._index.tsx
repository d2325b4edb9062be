import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AddRecordCard, RecordTable } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { TextField } from "~/components/field";
import { USER_LABELS, UserFields } from "~/components/user-fields";
import { PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS } from "~/domain/roles";
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
      <RecordTable
        caption="Users"
        rows={users}
        name={{ header: "Name", cell: (u) => u.name }}
        href={(u) => `/admin/users/${u.id}`}
        columns={[
          { header: "Email", cell: (u) => u.email },
          { header: "Role", cell: (u) => ROLE_LABELS[u.role] },
          { header: "Organisation", cell: (u) => u.organisationName ?? "—" },
          {
            header: "Status",
            cell: (u) => (u.disabledAt ? <StatusBadge tone="danger">Disabled</StatusBadge> : <StatusBadge tone="success">Active</StatusBadge>),
          },
        ]}
      />
      <AddRecordCard id="new-user" title="Add a user" form={form} labels={USER_LABELS} submit="Add user">
        <UserFields organisations={organisations} state={form} />
        <TextField
          name="password"
          label="Initial password"
          type="password"
          hint="At least 12 characters. Share it with the person securely."
          autoComplete="new-password"
          state={form}
        />
      </AddRecordCard>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
