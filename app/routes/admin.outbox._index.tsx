import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, formatDate, PageHeader, StatusBadge, TableScroll } from "~/components/ui";
import { listOutbox, outboxFolder } from "~/services/mailer.server";
import { getEnv } from "~/services/env.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Outbox · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "outbox:read", "Only administrators read the outbox.");
  const env = getEnv();
  return { messages: listOutbox(), smtp: Boolean(env.SMTP_URL), folder: env.SMTP_URL ? null : outboxFolder() };
}

export default function Outbox() {
  const { messages, smtp, folder } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Outbox"
        intro={
          smtp
            ? "The mail sent, and waiting to be sent, through the mail server. A message that fails is tried again, ever less often."
            : `No mail server is set (SMTP_URL), so each message is written as an .eml file to ${folder}. Read them here.`
        }
      />
      {messages.length === 0 ? (
        <EmptyState title="No mail yet">Sharing a proposal, a partner's answer, an approval request or an invitation sends mail.</EmptyState>
      ) : (
        <TableScroll label="Mail">
          <table className="data">
            <caption className="visually-hidden">Mail, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Written</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>
                    {m.toName} &lt;{m.toAddress}&gt;
                  </td>
                  <td>{formatDate(m.createdAt)}</td>
                  <td>
                    {m.sentAt ? (
                      <StatusBadge tone="success">Sent</StatusBadge>
                    ) : m.attempts > 0 ? (
                      <StatusBadge tone="danger">{`Failed ${m.attempts}×, will retry`}</StatusBadge>
                    ) : (
                      <StatusBadge tone="warning">Waiting</StatusBadge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
