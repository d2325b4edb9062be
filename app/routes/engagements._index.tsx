import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { RowLink, RowLinks } from "~/components/row-links";
import { RouteErrorBoundary } from "~/components/error-page";
import { SelectField, TextField } from "~/components/field";
import { EmptyState, formatDate, Notice, PageHeader, StatusBadge } from "~/components/ui";
import { formatCount } from "~/domain/plural";
import {
  beyondEndNote,
  ENGAGEMENT_SORTS,
  isFiltered,
  listCountText,
  listSearch,
  noMatchHint,
  pagerPages,
  parseEngagementListParams,
  SORT_LABELS,
  STAGE_CHOICES,
  type EngagementListQuery,
} from "~/domain/engagement-list";
import { mayEver } from "~/domain/permissions";
import { standingBadge } from "~/domain/workflow";
import { listEngagementOwners, pageEngagements } from "~/models/engagements.server";
import { requirePermission } from "~/services/session.server";
import { currentDay } from "~/services/clock.server";
import { answersDue } from "~/models/sharing.server";
import { ownerName } from "~/domain/owners";

export const meta: MetaFunction = () => [{ title: "Engagements · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "engagement:read", "Engagements are for partnership managers and leadership.");
  const owners = listEngagementOwners(user);
  const { query, notes } = parseEngagementListParams(
    new URL(request.url).searchParams,
    owners.map((o) => o.id)
  );
  const { rows, ...page } = pageEngagements(user, query);
  if (page.beyondEnd) notes.push(beyondEndNote(page.pageCount));
  const canCreate = mayEver(user, "engagement:create");
  // "Mine" is offered to whoever may own an engagement, or owns one (an owner made a leader).
  const canOwn = canCreate || owners.some((o) => o.id === user.id);
  // An answer from the partner past the day asked for it (docs/domain.md §9.16), said beside the row's stage.
  const due = answersDue(
    rows.map((e) => e.id),
    currentDay()
  );
  const overdue = Object.fromEntries([...due].filter(([, a]) => a.overdue).map(([id, a]) => [id, a.words]));
  return { engagements: rows, overdue, ...page, query: { ...query, page: page.page }, notes, owners, canCreate, canOwn };
}

export default function Engagements() {
  const { engagements, overdue, total, page, pageCount, anyAtAll, query, notes, owners, canCreate, canOwn } = useLoaderData<typeof loader>();
  const newButton = canCreate ? (
    <>
      <Link className="button" to="/engagements/new">
        New engagement
      </Link>
      <Link className="button button--secondary" to="/engagements/import">
        Import a bundle
      </Link>
    </>
  ) : null;
  return (
    <>
      <PageHeader title="Engagements" intro="Every partnership being scoped, proposed or approved." actions={newButton} />
      {!anyAtAll ? (
        <EmptyState title="No engagements yet" action={newButton}>
          {canCreate
            ? "Start one for a prospective partner: you will take it through intake, fit, method, driver diagram, timeline and proposal."
            : "Engagements appear here once partnership managers start them."}
        </EmptyState>
      ) : (
        <>
          <ListFilters query={query} owners={owners} canOwn={canOwn} clearLink={total > 0} />
          {notes.map((n) => (
            <Notice key={n}>{n}</Notice>
          ))}
          {/* Announced on every change; with no match the empty state below says it on screen. */}
          <p className={total === 0 ? "list-count visually-hidden" : "list-count"} role="status">
            {listCountText(query, page, total)}
          </p>
          {total === 0 ? (
            <EmptyState
              title={query.q ? `No engagements match “${query.q}”` : "No engagements match these filters"}
              action={
                <Link className="button button--secondary" to="/engagements">
                  Clear filters
                </Link>
              }
            >
              {noMatchHint(query)}
            </EmptyState>
          ) : (
            <>
              <RowLinks className="table-wrap card" style={{ padding: 0 }}>
                <table className="data">
                  <caption className="visually-hidden">
                    Engagements, page {page} of {pageCount}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Engagement</th>
                      <th scope="col">Partner</th>
                      <th scope="col">Stage</th>
                      <th scope="col">Owner</th>
                      <th scope="col">Last changed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {engagements.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <RowLink to={`/engagements/${e.id}`}>{e.title}</RowLink>
                        </td>
                        <td>{e.partner.name}</td>
                        <td>
                          <StatusBadge tone={standingBadge(e.standing).tone}>{standingBadge(e.standing).label}</StatusBadge>
                          {overdue[e.id] ? (
                            <div className="small" data-answer-overdue>
                              {overdue[e.id]}
                            </div>
                          ) : null}
                        </td>
                        <td>{ownerName({ name: e.ownerName, disabled: e.ownerDisabled })}</td>
                        <td>{formatDate(e.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </RowLinks>
              <Pager query={query} page={page} pageCount={pageCount} />
            </>
          )}
        </>
      )}
    </>
  );
}

/** A GET form: it works without scripts, and what it asks for stays in the address. */
function ListFilters({
  query,
  owners,
  canOwn,
  clearLink,
}: {
  query: EngagementListQuery;
  owners: { id: number; name: string; disabled: boolean }[];
  canOwn: boolean;
  clearLink: boolean;
}) {
  const ownerOptions = [
    { value: "anyone", label: "Anyone" },
    ...(canOwn || query.owner === "mine" ? [{ value: "mine", label: "Mine (owned or co-owned)" }] : []),
    ...owners.map((o) => ({ value: String(o.id), label: ownerName(o) })),
  ];
  const form = useRef<HTMLFormElement>(null);
  const { q, stage, owner, sort } = query;
  // Going back or forward changes the address but keeps the form (and the focus): show what that address asks for.
  useEffect(() => {
    const controls = form.current?.elements;
    if (!controls) return;
    const set = (name: string, value: string) => {
      const control = controls.namedItem(name);
      if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = value;
    };
    set("q", q);
    set("stage", stage ?? "");
    set("owner", String(owner));
    set("sort", sort);
  }, [q, stage, owner, sort]);
  return (
    // autoComplete off: going back without scripts, the browser would otherwise refill the form with what was last chosen, not what the page shows.
    <Form method="get" className="card list-filters" role="search" aria-label="Find engagements" ref={form} autoComplete="off">
      <TextField name="q" type="search" label="Search" hint="Words in the engagement's title or the partner's name" defaultValue={query.q} />
      <SelectField name="stage" label="Stage" placeholder="Any stage" options={STAGE_CHOICES} defaultValue={query.stage ?? ""} />
      <SelectField name="owner" label="Owner" options={ownerOptions} defaultValue={String(query.owner)} />
      <SelectField name="sort" label="Order" options={ENGAGEMENT_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))} defaultValue={query.sort} />
      <div className="actions">
        <button className="button" type="submit">
          Show engagements
        </button>
        {clearLink && isFiltered(query) ? <Link to="/engagements">Clear filters</Link> : null}
      </div>
    </Form>
  );
}

function Pager({ query, page, pageCount }: { query: EngagementListQuery; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const to = (p: number) => `/engagements${listSearch(query, { page: p })}`;
  return (
    <nav className="pager" aria-label="Pages of engagements">
      <p>
        Page {formatCount(page)} of {formatCount(pageCount)}
      </p>
      <ul>
        <li>{page > 1 ? <Link to={to(page - 1)}>Previous</Link> : <span aria-disabled="true">Previous</span>}</li>
        {pagerPages(page, pageCount).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link to={to(p)} aria-current={p === page ? "page" : undefined} aria-label={`Page ${p}`}>
                {formatCount(p)}
              </Link>
            </li>
          )
        )}
        <li>{page < pageCount ? <Link to={to(page + 1)}>Next</Link> : <span aria-disabled="true">Next</span>}</li>
      </ul>
    </nav>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
