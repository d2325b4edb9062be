import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddRecordCard, RecordTable } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { STAFF_LABELS, StaffFields } from "~/components/staff-form";
import { EmptyState, PageHeader } from "~/components/ui";
import { formatMonth } from "~/domain/calendar";
import { formatCount, plural } from "~/domain/plural";
import { ROSTER_REACH, staffFormSchema } from "~/domain/staff";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { leaveOf, leaveLine } from "~/domain/leave";
import { addStaffMember, listAllLeave, listStaff, rosterTotals } from "~/models/roster.server";
import { currentMonth } from "~/services/clock.server";
import { getStaffRoles } from "~/services/templates.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Staff roster · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "roster:manage", "Only administrators manage the staff roster.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  const roles = getStaffRoles();
  const leave = view(() => listAllLeave(user));
  // Each person with the leave they have, which capacity takes off their time (docs/domain.md §8.1).
  const staff = view(() => listStaff(user)).map((s) => ({ ...s, leave: leave.filter((l) => l.staffId === s.id) }));
  const month = currentMonth();
  const { totals, notNow, onLeave } = rosterTotals(
    staff.map((s) => ({ ...s, leave: s.leave.map(leaveOf) })),
    roles.roles,
    month
  );
  return { staff, roles: roles.roles.map((r) => ({ key: r.key, label: r.label })), totals, month, notNow, onLeave, currency: roles.currency };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  const roles = getStaffRoles();
  return change(
    await request.formData(),
    staffFormSchema(
      roles.roles.map((r) => r.key),
      roles.currency
    ),
    (input) => {
      addStaffMember(user, input, currentMonth());
      return redirectWithFlash(request, "/admin/staff", `${input.name} added to the roster. ${ROSTER_REACH}`);
    }
  );
}

export default function StaffRoster() {
  const { staff, roles, totals, month, notNow, onLeave, currency } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const roleLabel = (key: string) => roles.find((r) => r.key === key)?.label ?? key;
  // A person with no day rate of their own is priced at their role's rate (docs/domain.md §8.1).
  const dayRate = (s: { dayRate: number | null }) => (s.dayRate === null ? "Role's rate" : formatCount(s.dayRate));
  return (
    <>
      <PageHeader
        title="Staff roster"
        intro="Our faculty, improvement advisors and staff, and the time each can give to engagements. Capacity on every Fit page comes from here."
      />
      {staff.length === 0 ? (
        <EmptyState title="No one on the roster yet">Add the people who carry engagements: the Fit step can only judge capacity once they are here.</EmptyState>
      ) : (
        <>
          <div className="table-wrap card" style={{ padding: 0 }}>
            <table className="data">
              <caption className="small">
                Capacity by role in {formatMonth(month)}
                {notNow ? `: ${plural(notNow, "person", "people")} not available this month ${notNow === 1 ? "is" : "are"} not counted` : ""}
                {onLeave
                  ? `${notNow ? ";" : ":"} ${plural(onLeave, "person", "people")} on leave ${onLeave === 1 ? "counts" : "count"} only the time outside it`
                  : ""}
              </caption>
              <thead>
                <tr>
                  {totals.map((t) => (
                    <th scope="col" key={t.key} className="num">
                      {t.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {totals.map((t) => (
                    <td key={t.key} className="num">
                      {/* The people and their FTE kept on one line in a narrow column. */}
                      {`${t.people}\u00a0·\u00a0${formatCount(t.fte)}\u00a0FTE`}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <RecordTable
            caption="Staff"
            rows={staff}
            name={{ header: "Name", cell: (s) => s.name }}
            href={(s) => `/admin/staff/${s.id}`}
            columns={[
              { header: "Role", cell: (s) => roleLabel(s.role) },
              { header: "FTE", numeric: true, cell: (s) => s.fte },
              {
                header: "Available",
                cell: (s) => availability(s.availableFrom, s.availableTo),
              },
              {
                header: "Leave",
                cell: (s) => (s.leave.length ? s.leave.map((l) => <div key={`${l.fromMonth}|${l.toMonth}`}>{leaveLine(l)}</div>) : "—"),
              },
              { header: `Day rate (${currency})`, numeric: true, cell: dayRate },
            ]}
          />
        </>
      )}
      <AddRecordCard id="add-staff" title="Add a person" form={form} labels={STAFF_LABELS} submit="Add to roster">
        <StaffFields roles={roles} state={form} currency={currency} />
      </AddRecordCard>
    </>
  );
}

/** When a person can give time to engagements, in months as the rest of the app writes them. */
function availability(from: string | null, to: string | null): string {
  if (from && to) return `${formatMonth(from)} – ${formatMonth(to)}`;
  if (from) return `From ${formatMonth(from)}`;
  if (to) return `Until ${formatMonth(to)}`;
  return "Now, open-ended";
}

export const ErrorBoundary = RouteErrorBoundary;
