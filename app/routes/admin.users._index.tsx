import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddRecordCard, RecordTable } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { USER_LABELS, UserFields } from "~/components/user-fields";
import { PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS } from "~/domain/roles";
import { InviteUserSchema } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { inviteUser } from "~/models/account-links.server";
import { listPartnerOrganisations, listUsers } from "~/models/users.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Users · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "user:manage", "Only administrators manage users.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  return { users: view(() => listUsers(user)), organisations: listPartnerOrganisations() };
}

/** Adding a user invites them: they choose their own password from the mailed link, and nobody else ever handles it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  return change(await request.formData(), InviteUserSchema, (input) => {
    inviteUser(user, input);
    return redirectWithFlash(
      request,
      "/admin/users",
      `${input.name} is invited as ${ROLE_LABELS[input.role].toLowerCase()}: a link to choose a password is on its way to ${input.email}.`
    );
  });
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
          <a className="button" href="#new-user">
            Add a user
          </a>
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
      <AddRecordCard id="new-user" title="Add a user" form={form} labels={USER_LABELS} submit="Send invitation">
        <p className="small muted">They get an email with a link that works once, for seven days, to choose their own password and sign in.</p>
        <UserFields organisations={organisations} state={form} />
      </AddRecordCard>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
