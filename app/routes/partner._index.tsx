import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { partnerStatus } from "~/domain/workflow";
import { listEngagements } from "~/models/engagements.server";
import { STATUS_WORDS, sectionLabel } from "~/domain/partner-intake";
import { listOpenedToPartner } from "~/models/partner-intake.server";
import { acceptedLatestShared } from "~/models/sharing.server";
import { latestNumber, partnerView } from "~/models/workflow.server";
import { getDb } from "~/services/db.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Your proposals · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "proposal:respond", "This space is for partner executives.");
  const list = listEngagements(user);
  const accepted = acceptedLatestShared(list.map((e) => e.id));
  const db = getDb();
  const engagements = list.map((e) => {
    // The status of the latest version shared with them, by its own standing as well as the stage.
    const latestShared = latestNumber(db, e.id, { shared: true });
    const view = latestShared === null ? undefined : partnerView(db, e.id, latestShared);
    const reading = latestShared === null || !view ? undefined : { number: latestShared, latestShared, standing: view.standing, us: view.us };
    const status = partnerStatus(e.stage, accepted.has(e.id), reading);
    return { id: e.id, title: e.title, status: status.label, tone: status.tone };
  });
  // The intake sections opened to the partner, with no more than their state (docs/domain.md §9.10).
  const asked = listOpenedToPartner(user).map((e) => ({
    id: e.engagementId,
    title: e.title,
    sections: e.sections.map((s) => ({
      key: s.section,
      label: sectionLabel(s.section),
      status: STATUS_WORDS[s.status].partner,
      tone: STATUS_WORDS[s.status].tone,
    })),
  }));
  return { organisationName: user.organisationName, engagements, asked };
}

export default function PartnerSpace() {
  const { organisationName, engagements, asked } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Your proposals" intro={organisationName ? `Partnership proposals for ${organisationName}.` : undefined} />
      {asked.length ? (
        <section className="card" aria-labelledby="asked-heading">
          <h2 id="asked-heading">What the partnership team asks you</h2>
          <p className="muted">Fill in what you know; each section reaches the partnership team as soon as you save it.</p>
          {asked.map((e) => (
            <div key={e.id}>
              <h3>{e.title}</h3>
              <ul className="link-list">
                {e.sections.map((s) => (
                  <li key={s.key}>
                    <Link to={`/partner/intake/${e.id}?section=${s.key}`}>{s.label}</Link> <StatusBadge tone={s.tone}>{s.status}</StatusBadge>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {engagements.length === 0 ? (
        <EmptyState title="Nothing to review yet">
          When your partnership manager shares a proposal with your organisation, it appears here for you to read, comment on and accept. You will also see it
          listed in your notices.
        </EmptyState>
      ) : (
        <ul className="card link-list">
          {engagements.map((e) => (
            <li key={e.id}>
              <Link to={`/partner/engagements/${e.id}`}>{e.title}</Link> <StatusBadge tone={e.tone}>{e.status}</StatusBadge>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
