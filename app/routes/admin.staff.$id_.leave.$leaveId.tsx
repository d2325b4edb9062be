import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditRecordCards } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { LEAVE_LABELS, LeaveFields } from "~/components/leave-form";
import { PageHeader } from "~/components/ui";
import { leaveIntents } from "~/domain/leave-forms";
import { leaveLine } from "~/domain/leave";
import { rosterChangeBreaks } from "~/domain/roster-change";
import { ROSTER_REACH } from "~/domain/staff";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getLeave, removeLeave, updateLeave } from "~/models/roster.server";
import { currentMonth } from "~/services/clock.server";
import { getStaffRoles } from "~/services/templates.server";
import { requirePermission } from "~/services/session.server";

/** One leave of a person on the roster: edited or removed by an administrator (docs/domain.md §8.1). */

export const meta: MetaFunction = () => [{ title: "Leave · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "leave:manage", "Only administrators record leave on the roster.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  const staffId = idParam(params, "id", "staff member");
  return { staffId, leave: view(() => getLeave(user, staffId, idParam(params, "leaveId", "leave"))) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  const staffId = idParam(params, "id", "staff member");
  const leaveId = idParam(params, "leaveId", "leave");
  const { roles } = getStaffRoles();
  return change(await request.formData(), leaveIntents, (input) => {
    if (input.intent === "remove") {
      const { name } = removeLeave(user, staffId, leaveId, currentMonth());
      return redirectWithFlash(request, `/admin/staff/${staffId}`, `Leave removed: ${name}'s time in those months counts again. ${ROSTER_REACH}`);
    }
    const { intent: _intent, version, ...leave } = input;
    const shortfalls = updateLeave(user, staffId, leaveId, leave, version, currentMonth());
    return redirectWithFlash(request, `/admin/staff/${staffId}`, `Leave saved. ${ROSTER_REACH} ${rosterChangeBreaks(roles, shortfalls)}`);
  });
}

export default function LeavePage() {
  const { staffId, leave } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  return (
    <>
      <PageHeader
        title={`Leave: ${leaveLine(leave)}`}
        breadcrumbs={
          <>
            <Link to="/admin/staff">Staff roster</Link> / <Link to={`/admin/staff/${staffId}`}>{leave.name}</Link>
          </>
        }
      />
      <EditRecordCards
        form={form}
        labels={LEAVE_LABELS}
        version={leave.version}
        fields={(state) => <LeaveFields state={state} saved={leave} />}
        removeName="this leave"
        removeTitle="Remove this leave"
        removeEffect={`${leave.name}'s time in these months counts again as capacity on every Fit page.`}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
