import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { USER_LABELS, UserFields } from "~/components/user-fields";
import { PageHeader } from "~/components/ui";
import { InviteUserSchema } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash } from "~/lib/route.server";
import { inviteUser } from "~/models/account-links.server";
import { listPartnerOrganisations } from "~/models/users.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Invite a user · Partnership Planner" }];

const requireInviter = (request: Request) => requirePermission(request, "user:invite", "Only administrators invite users.");

export async function loader({ request }: LoaderFunctionArgs) {
  requireInviter(request);
  return { organisations: listPartnerOrganisations() };
}

/** The invitee chooses their own password from the mailed link: nobody else ever handles it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireInviter(request);
  return change(await request.formData(), InviteUserSchema, (input) => {
    inviteUser(user, input);
    return redirectWithFlash(request, "/admin/users", `${input.name} is invited: a link to choose a password is on its way to ${input.email}.`);
  });
}

export default function InviteUser() {
  const { organisations } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title="Invite a user"
        breadcrumbs={<Link to="/admin/users">Users</Link>}
        intro="They get an e-mail with a link that works once, for seven days, to choose their own password and sign in."
      />
      <section className="card" aria-label="Invitation">
        <ErrorSummary errors={form.errors} labels={USER_LABELS} />
        <Form method="post" noValidate>
          <UserFields organisations={organisations} state={form} />
          <div className="actions">
            <button className="button" type="submit" disabled={navigation.state === "submitting"}>
              Send invitation
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
