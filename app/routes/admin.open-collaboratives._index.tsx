import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AddRecordCard, RecordTable } from "~/components/admin-record";
import { RouteErrorBoundary } from "~/components/error-page";
import { OPEN_COLLABORATIVE_LABELS, OpenCollaborativeFields } from "~/components/open-collaborative-form";
import { EmptyState, formatDate, PageHeader } from "~/components/ui";
import { openCollaborativeFormSchema } from "~/domain/open-collaborative-forms";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { addOpenCollaborative, listOpenCollaboratives, topicOptions } from "~/models/open-collaboratives.server";
import { currentDay } from "~/services/clock.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Open collaboratives · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "open_collaborative:manage", "Only administrators keep the list of open collaboratives.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  return { collaboratives: view(() => listOpenCollaboratives(user)), topics: topicOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  return change(await request.formData(), openCollaborativeFormSchema(currentDay()), (input) => {
    addOpenCollaborative(user, input);
    return redirectWithFlash(request, "/admin/open-collaboratives", `${input.title} added to the open collaboratives.`);
  });
}

export default function OpenCollaboratives() {
  const { collaboratives, topics } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const topicLabel = (key: string) => topics.find((t) => t.value === key)?.label ?? key;
  return (
    <>
      <PageHeader
        title="Open collaboratives"
        intro="Collaboratives already running that a hospital with too few teams for a collaborative of its own can join. The Method page offers those on the partner's topics with places left."
      />
      {collaboratives.length === 0 ? (
        <EmptyState title="No open collaboratives yet">Add one: small requests on its topic are then offered a place in it.</EmptyState>
      ) : (
        <RecordTable
          caption="Open collaboratives"
          data-open-collaboratives
          rows={collaboratives}
          name={{ header: "Title", cell: (c) => c.title }}
          href={(c) => `/admin/open-collaboratives/${c.id}`}
          columns={[
            { header: "Topic", cell: (c) => topicLabel(c.topic) },
            { header: "Host", cell: (c) => c.host },
            { header: "Next learning sessions", cell: (c) => c.sessionDates.map(formatDate).join("; ") },
            { header: "Places left", numeric: true, cell: (c) => c.placesLeft },
          ]}
        />
      )}
      <AddRecordCard
        id="add-open-collaborative"
        title="Add an open collaborative"
        form={form}
        labels={OPEN_COLLABORATIVE_LABELS}
        submit="Add open collaborative"
      >
        <OpenCollaborativeFields topics={topics} state={form} />
      </AddRecordCard>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
