import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { OPEN_COLLABORATIVE_LABELS, OpenCollaborativeFields } from "~/components/open-collaborative-form";
import { EmptyState, formatDate, PageHeader } from "~/components/ui";
import { OpenCollaborativeFormSchema } from "~/domain/open-collaborative-forms";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { addOpenCollaborative, listOpenCollaboratives, topicOptions } from "~/models/open-collaboratives.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Open collaboratives · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "open_collaborative:manage", "Only administrators keep the list of open collaboratives.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAdmin(request);
  return { collaboratives: view(() => listOpenCollaboratives(user)), topics: topicOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireAdmin(request);
  return change(await request.formData(), OpenCollaborativeFormSchema, (input) => {
    addOpenCollaborative(user, input);
    return redirectWithFlash(request, "/admin/open-collaboratives", `${input.title} added to the open collaboratives.`);
  });
}

export default function OpenCollaboratives() {
  const { collaboratives, topics } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const navigation = useNavigation();
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
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table className="data" data-open-collaboratives>
            <caption className="visually-hidden">Open collaboratives</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Topic</th>
                <th scope="col">Host</th>
                <th scope="col">Next learning sessions</th>
                <th scope="col" className="num">
                  Places left
                </th>
              </tr>
            </thead>
            <tbody>
              {collaboratives.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/admin/open-collaboratives/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{topicLabel(c.topic)}</td>
                  <td>{c.host}</td>
                  <td>{c.sessionDates.map(formatDate).join("; ")}</td>
                  <td className="num">{c.placesLeft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="add-open-collaborative">
        <h2 id="add-open-collaborative">Add an open collaborative</h2>
        <ErrorSummary errors={form.errors} labels={OPEN_COLLABORATIVE_LABELS} />
        <Form method="post" noValidate>
          <OpenCollaborativeFields topics={topics} state={form} />
          <div className="actions">
            <button className="button" type="submit" disabled={navigation.state === "submitting"}>
              Add open collaborative
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
