import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { proposalDocumentHref } from "~/lib/download";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { DocumentsBeingMade } from "~/components/documents-being-made";
import { SelectField } from "~/components/field";
import { ProposalDocument } from "~/components/proposal-document";
import { formatDate, StatusBadge } from "~/components/ui";
import { VersionChanges } from "~/components/version-changes";
import { forDocument, forPage } from "~/domain/page-pictures";
import { withPrintMarks } from "~/domain/proposal-print";
import { presentVersion } from "~/domain/proposal-state";
import { comparedInOrder, comparisonHeading, defaultComparison, firstVersionWords, inForceHeading, otherComparison } from "~/domain/version-comparison";
import { idParam, engagementIdParam } from "~/lib/params";
import { getEngagementForStaff } from "~/models/engagements.server";
import { approvalStateOf, compareVersions, getVersion, listVersionsWithStatus, readPictures } from "~/models/proposal.server";
import { documentsPending, EDITIONS } from "~/models/proposal-documents.server";
import { picturesBeingDrawn } from "~/models/pictures-drawing.server";
import { versionInForceFacts } from "~/models/workflow.server";
import { getDb } from "~/services/db.server";
import { requireUser } from "~/services/session.server";
import proposalStyles from "~/styles/proposal.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: proposalStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Version ${data.version.number} · Partnership Planner` : "Proposal version" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  getEngagementForStaff(user, id);
  const number = idParam(params, "number", "proposal version");
  const version = getVersion(user, id, number);
  // Each version with its status, as the Proposal page lists them (listVersionsWithStatus).
  const versions = listVersionsWithStatus(user, id);
  const others = versions.filter((v) => v.number !== number).map((v) => v.number);
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("compare"));
  // An amendment is compared with the version in force by default, the one just before it a click away (docs/domain.md §9.9).
  const inForce = versionInForceFacts(id);
  const compareWith = others.includes(requested) ? requested : defaultComparison(number, others, inForce.inForce);
  const compare =
    compareWith === null
      ? null
      : {
          with: compareWith,
          heading:
            compareWith === inForce.inForce && compareWith < number ? inForceHeading(compareWith, inForce.accepted) : comparisonHeading(number, compareWith),
          diff: compareVersions(user, id, ...comparedInOrder(number, compareWith)).diff,
          instead: otherComparison(number, compareWith, others, inForce.inForce),
        };
  // Only the SVG travels to the page; the PNG is for the Word document.
  const pictures = forPage(readPictures(getDb(), version.id));
  const approval = approvalStateOf(version.id);
  return {
    id,
    version: {
      number: version.number,
      createdAt: version.createdAt,
      createdByName: version.createdByName,
      contentHash: version.contentHash,
      sharedAt: version.sharedAt,
      status: versions.find((v) => v.number === number)!.status,
    },
    // In the words for its state and, once accepted, with the option the partner chose and its commitment, as in the documents (docs/domain.md §9.9, §9.13).
    content: withPrintMarks(presentVersion(version.content, approval, version.snapshot), pictures),
    pictures,
    approval,
    documentsPending: documentsPending(version, EDITIONS),
    picturesDrawing: picturesBeingDrawn(version.id),
    others,
    compare,
    // Compared with none only when no version came before it.
    firstVersion: compare ? null : firstVersionWords(others),
  };
}

export default function VersionPage() {
  const { id, version, content, pictures, approval, documentsPending, picturesDrawing, others, compare, firstVersion } = useLoaderData<typeof loader>();
  const docPictures = forDocument(pictures);
  return (
    <>
      <section className="card no-print" aria-labelledby="version-heading">
        <h2 id="version-heading">
          Version {version.number} <StatusBadge tone={version.status.tone}>{version.status.label}</StatusBadge>
        </h2>
        <p className="small muted">
          Frozen on {formatDate(version.createdAt)} by {version.createdByName}. Content fingerprint <code>{version.contentHash.slice(0, 12)}</code>.
          {picturesDrawing
            ? " Its pictures are being drawn: they appear on this page, and in its documents, when they are ready."
            : Object.keys(pictures).length === 0
            ? " Pictures were not drawn for this version; its documents carry the tables."
            : ""}
        </p>
        <p className="small">
          The partner version is exactly what the partner gets; the internal briefing adds an internal annex and is marked as such on every page.
        </p>
        <DocumentsBeingMade which={documentsPending} />
        <div className="actions">
          <a className="button" href={proposalDocumentHref(id, version.number, "docx")} download>
            Download Word (.docx)
          </a>
          <a className="button button--secondary" href={proposalDocumentHref(id, version.number, "pdf")} download>
            Download PDF
          </a>
          <a href={proposalDocumentHref(id, version.number, "docx", "internal")} download>
            Internal briefing (Word)
          </a>
          <a href={proposalDocumentHref(id, version.number, "pdf", "internal")} download>
            Internal briefing (PDF)
          </a>
          <Link to={`/engagements/${id}/proposal`}>All versions</Link>
        </div>
      </section>
      <section className="card no-print" aria-labelledby="changes-heading">
        <h2 id="changes-heading">{compare ? compare.heading : "What changed"}</h2>
        {/* A first version has nothing chosen for it: it is offered even a single later one. */}
        {others.length > 1 || (!compare && others.length > 0) ? (
          <Form method="get" className="actions" style={{ marginTop: 0 }} key={compare ? compare.with : "none"}>
            <SelectField
              name="compare"
              label="Compare with"
              options={others.map((n) => ({ value: String(n), label: `Version ${n}` }))}
              defaultValue={compare ? String(compare.with) : ""}
            />
            <button className="button button--secondary button--small" type="submit">
              Compare
            </button>
          </Form>
        ) : null}
        {compare?.instead ? (
          <p className="small" data-compare-instead>
            <Link to={`?compare=${compare.instead.number}`}>{compare.instead.label}</Link>
          </p>
        ) : null}
        {compare ? <VersionChanges diff={compare.diff} /> : <p className="muted">{firstVersion}</p>}
      </section>
      <ProposalDocument
        content={content}
        pictures={docPictures}
        approval={approval}
        mode="screen"
        picturesLater={picturesDrawing ? "being_drawn" : undefined}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
