import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AddRecordCard, EditRecordCards } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { FormMessage } from "~/components/field";
import { LEAVE_LABELS, LeaveFields } from "~/components/leave-form";
import { STAFF_LABELS, StaffFields } from "~/components/staff-form";
import { PageHeader } from "~/components/ui";
import { leaveLine } from "~/domain/leave";
import { rosterChangeBreaks } from "~/domain/roster-change";
import { ROSTER_REACH, staffMemberIntents } from "~/domain/staff";
import { formState, NO_STATE, stateOfIntent } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { addLeave, getStaffMember, listLeave, removeStaffMember, updateStaffMember } from "~/models/roster.server";
import { currentMonth } from "~/services/clock.server";
import { getStaffRoles } from "~/services/templates.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Staff member · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "roster:manage", "Only administrators manage the staff roster.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  const roles = getStaffRoles();
  const id = idParam(params, "id", "staff member");
  return {
    member: view(() => getStaffMember(user, id)),
    leave: view(() => listLeave(user, id)),
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
      if (input.intent === "add-leave") {
        const { intent: _intent, ...leave } = input;
        const shortfalls = addLeave(user, id, leave, currentMonth());
        return redirectWithFlash(request, `/admin/staff/${id}`, `Leave recorded. ${ROSTER_REACH} ${rosterChangeBreaks(roles, shortfalls)}`);
      }
      const { intent: _intent, version, ...entry } = input;
      const shortfalls = updateStaffMember(user, id, entry, version, currentMonth());
      return redirectWithFlash(request, "/admin/staff", `Roster entry saved. ${ROSTER_REACH} ${rosterChangeBreaks(roles, shortfalls)}`);
    }
  );
}

export default function StaffMemberPage() {
  const { member, leave, roles, currency } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const leaveForm = stateOfIntent(form, "add-leave");
  return (
    <>
      <PageHeader title={member.name} breadcrumbs={<Link to="/admin/staff">Staff roster</Link>} />
      <EditRecordCards
        form={leaveForm === NO_STATE ? form : NO_STATE}
        labels={STAFF_LABELS}
        version={member.version}
        fields={(state) => <StaffFields roles={roles} state={state} saved={member} currency={currency} />}
        removeName={member.name}
        removeTitle="Remove from the roster"
        removeEffect="Their time no longer counts as capacity on any Fit page."
      />
      <section className="card" aria-labelledby="leave-heading" data-leave>
        <h2 id="leave-heading">Leave</h2>
        <p>
          Months {member.name} is away: parental leave, a sabbatical, long sickness. Capacity on every Fit page and approval counts only the time they give
          outside it.
        </p>
        {leave.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Leave of {member.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Months away</th>
                  <th scope="col">Reason (internal)</th>
                </tr>
              </thead>
              <tbody>
                {leave.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <Link to={`/admin/staff/${member.id}/leave/${l.id}`}>{leaveLine(l)}</Link>
                    </td>
                    <td>{l.reason || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="small">No leave recorded.</p>
        )}
      </section>
      <AddRecordCard id="add-leave" title="Record leave" form={leaveForm} labels={LEAVE_LABELS} submit="Record leave">
        <input type="hidden" name="intent" value="add-leave" />
        <FormMessage state={leaveForm} />
        <LeaveFields state={leaveForm} />
      </AddRecordCard>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
