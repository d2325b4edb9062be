import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { EmptyState, PageHeader, StatusBadge } from "~/components/ui";
import { partnerStatusWords, STATUS_WORDS, sectionLabel } from "~/domain/partner-intake";
import { listOpenedToPartner } from "~/models/partner-intake.server";
import { answersRequested, partnerProposals } from "~/models/sharing.server";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Your proposals · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "proposal:respond", "This space is for partner executives.");
  const proposals = partnerProposals(user);
  // The day we ask for their answer, beside each proposal that waits for it (docs/domain.md §9.16).
  const requested = answersRequested(proposals.filter((e) => e.waits).map((e) => e.id));
  const engagements = proposals.map(({ id, title, status, tone }) => ({
    id,
    title,
    status,
    tone,
    answerBy: requested.get(id)?.words ?? null,
  }));
  // The intake sections opened to the partner, with no more than their state (docs/domain.md §9.10).
  const asked = listOpenedToPartner(user).map((e) => ({
    id: e.engagementId,
    title: e.title,
    sections: e.sections.map((s) => ({
      key: s.section,
      label: sectionLabel(s.section),
      status: partnerStatusWords(s.status, s.leftOut.length),
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
        <section className="card" aria-labelledby="shared-heading">
          <h2 id="shared-heading">Proposals shared with you</h2>
          <ul className="link-list">
            {engagements.map((e) => (
              <li key={e.id}>
                <Link to={`/partner/engagements/${e.id}`}>{e.title}</Link> <StatusBadge tone={e.tone}>{e.status}</StatusBadge>
                {e.answerBy ? <span className="small" data-answer-by>{` ${e.answerBy}`}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
