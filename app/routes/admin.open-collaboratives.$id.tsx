import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditRecordCards } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { OPEN_COLLABORATIVE_LABELS, OpenCollaborativeFields } from "~/components/open-collaborative-form";
import { PageHeader } from "~/components/ui";
import { openCollaborativeIntents } from "~/domain/open-collaborative-forms";
import { removalEffect } from "~/domain/small-requests";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getOpenCollaborative, removeOpenCollaborative, topicOptions, updateOpenCollaborative } from "~/models/open-collaboratives.server";
import { currentDay } from "~/services/clock.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Open collaborative · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "open_collaborative:manage", "Only administrators keep the list of open collaboratives.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  const collaborative = view(() => getOpenCollaborative(user, idParam(params, "id", "open collaborative")));
  return { collaborative, removeEffect: removalEffect(collaborative.joinedBy), topics: topicOptions() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  const id = idParam(params, "id", "open collaborative");
  return change(await request.formData(), openCollaborativeIntents(currentDay()), (input) => {
    if (input.intent === "remove") {
      const title = removeOpenCollaborative(user, id);
      return redirectWithFlash(request, "/admin/open-collaboratives", `${title} removed from the open collaboratives.`);
    }
    const { intent: _intent, version, ...entry } = input;
    updateOpenCollaborative(user, id, entry, version);
    return redirectWithFlash(request, "/admin/open-collaboratives", `${entry.title} saved.`);
  });
}

export default function OpenCollaborativePage() {
  const { collaborative, removeEffect, topics } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  return (
    <>
      <PageHeader title={collaborative.title} breadcrumbs={<Link to="/admin/open-collaboratives">Open collaboratives</Link>} />
      <EditRecordCards
        form={form}
        labels={OPEN_COLLABORATIVE_LABELS}
        version={collaborative.version}
        fields={(state) => <OpenCollaborativeFields topics={topics} state={state} saved={collaborative} />}
        removeName={collaborative.title}
        removeEffect={removeEffect}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
