import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { PageHeader } from "~/components/ui";
import { formatDateTime } from "~/domain/calendar";
import { plural } from "~/domain/plural";
import { idParam } from "~/lib/params";
import { readOutboxMessage } from "~/services/mailer.server";
import { notFound, requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Message · Outbox · Partnership Planner" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "outbox:read", "Only administrators read the outbox.");
  const message = readOutboxMessage(idParam(params, "id", "message"));
  if (!message) throw notFound("No such message.");
  // The headers as written to the .eml file, folded lines joined; the text as it was written.
  const headerBlock = message.raw?.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, " ") ?? null;
  return {
    message: {
      subject: message.subject,
      to: `${message.toName} <${message.toAddress}>`,
      messageId: message.messageId,
      // Moments as every page writes them: "7 December 2026, 05:18 UTC".
      written: formatDateTime(message.createdAt),
      status: message.sentAt
        ? `Sent ${formatDateTime(message.sentAt)}${message.file ? ` as ${message.file}` : ""}`
        : `Not sent yet${message.attempts ? `: ${plural(message.attempts, "attempt")} failed, last with “${message.lastError ?? ""}”` : ""}`,
      body: message.body,
    },
    headers: headerBlock ? headerBlock.split(/\r?\n/) : null,
  };
}

export default function OutboxMessage() {
  const { message, headers } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={message.subject} breadcrumbs={<Link to="/admin/outbox">Outbox</Link>} />
      <section className="card" aria-label="Message">
        <dl className="facts">
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>Message-ID</dt>
          <dd>
            <code>{message.messageId}</code>
          </dd>
          <dt>Written</dt>
          <dd>{message.written}</dd>
          <dt>Status</dt>
          <dd>{message.status}</dd>
        </dl>
        <h2>Text</h2>
        <pre className="mail-text" data-mail-text>
          {message.body}
        </pre>
        {headers ? (
          <details>
            <summary>Headers as written to the file</summary>
            <pre className="mail-text">{headers.join("\n")}</pre>
          </details>
        ) : null}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
