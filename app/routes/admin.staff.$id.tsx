import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditRecordCards } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { STAFF_LABELS, StaffFields } from "~/components/staff-form";
import { PageHeader } from "~/components/ui";
import { rosterChangeBreaks } from "~/domain/roster-change";
import { ROSTER_REACH, staffMemberIntents } from "~/domain/staff";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getStaffMember, removeStaffMember, updateStaffMember } from "~/models/roster.server";
import { currentMonth } from "~/services/clock.server";
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
  const { roles, currency } = getStaffRoles();
  return change(
    await request.formData(),
    staffMemberIntents(
      roles.map((r) => r.key),
      currency
    ),
    (input) => {
      if (input.intent === "remove") {
        const { name, shortfalls } = removeStaffMember(user, id, currentMonth());
        return redirectWithFlash(request, "/admin/staff", `${name} removed from the roster. ${ROSTER_REACH} ${rosterChangeBreaks(roles, shortfalls)}`);
      }
      const { intent: _intent, version, ...entry } = input;
      const shortfalls = updateStaffMember(user, id, entry, version, currentMonth());
      return redirectWithFlash(request, "/admin/staff", `Roster entry saved. ${ROSTER_REACH} ${rosterChangeBreaks(roles, shortfalls)}`);
    }
  );
}

export default function StaffMemberPage() {
  const { member, roles, currency } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  return (
    <>
      <PageHeader title={member.name} breadcrumbs={<Link to="/admin/staff">Staff roster</Link>} />
      <EditRecordCards
        form={form}
        labels={STAFF_LABELS}
        version={member.version}
        fields={(state) => <StaffFields roles={roles} state={state} saved={member} currency={currency} />}
        removeName={member.name}
        removeTitle="Remove from the roster"
        removeEffect="Their time no longer counts as capacity on any Fit page."
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
