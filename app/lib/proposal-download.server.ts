import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, fileName, proposalFileSuffix } from "~/lib/download";
import { editionParam, engagementIdParam, idParam } from "~/lib/params";
import { auditDownload, getVersionRef, versionById } from "~/models/proposal.server";
import { editionOf, requireEdition, storedDocument, currentStoredDocument, type DocumentFormat, type StoredDocument } from "~/models/proposal-documents.server";
import type { Edition } from "~/domain/proposal-audience";
import type { Actor } from "~/domain/roles";
import { readsSharedOnly } from "~/domain/permissions";
import { notFound, requireUser } from "~/services/session.server";
import styles from "~/styles/app.css";

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

const FORMAT_NAMES: Record<DocumentFormat, string> = { docx: "Word", pdf: "PDF" };

/** Seconds the "still being made" page waits before it asks again. */
const RETRY_SECONDS = 5;

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag;
  });
}

/**
 * A plain page, readable without JavaScript, that asks again on its own until the document is ready;
 * its way back is to the page this reader reads the version on: staff's version page, or the
 * partner's own page for the engagement. It wears the app's stylesheet and header, so that it reads
 * as part of the app rather than as an error.
 */
function stillBeingMade(request: Request, user: Actor, engagementId: number, number: number, format: DocumentFormat): Response {
  const url = new URL(request.url);
  const again = `${url.pathname}${url.search}`.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const back = readsSharedOnly(user) ? `/partner/engagements/${engagementId}` : `/engagements/${engagementId}/versions/${number}`;
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_SECONDS}">
<title>Document still being made · Partnership Planner</title>
<link rel="stylesheet" href="${styles}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="app-header"><div class="app-header__inner"><a class="brand" href="/">Partnership Planner</a></div></header>
<main id="main">
<h1>This document is still being made</h1>
<p class="notice" role="status">Version ${number}'s ${FORMAT_NAMES[format]} document is being prepared and will be ready in a moment.</p>
<p>This page asks again every ${RETRY_SECONDS} seconds and the download starts as soon as it is ready: the file then appears among your downloads, and this page stays as it is. You can also <a href="${again}">try again now</a> or go <a href="${back}">back to version ${number}</a>.</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(RETRY_SECONDS), "Cache-Control": "no-store" },
  });
}

/**
 * A proposal version's document, served as stored (docs/decisions/0015): the partner version unless
 * staff ask for the internal briefing; authorised like the version itself. Its strong ETag is the
 * SHA-256 of the stored bytes.
 *
 * A stored and current document is found without reading the version's content
 * (currentStoredDocument); one still to be made reads the whole version.
 */
export async function serveProposalDocument(request: Request, params: LoaderFunctionArgs["params"], format: DocumentFormat): Promise<Response> {
  const user = requireUser(request);
  const engagementId = engagementIdParam(params);
  const ref = getVersionRef(user, engagementId, idParam(params, "number", "proposal version"));
  const edition = editionParam(request);
  requireEdition(user, edition);
  const document = currentStoredDocument(ref, edition, format) ?? (await madeOrStored(user, ref.id, edition, format));
  if (!document) return stillBeingMade(request, user, engagementId, ref.number, format);
  auditDownload(user, ref, format, document.edition);
  const etag = `"${document.sha256}"`;
  if (matches(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": "no-store" } });
  const response = attachment(document.bytes, fileName(document.title, proposalFileSuffix(ref.number, document, format), "proposal"), CONTENT_TYPES[format]);
  response.headers.set("ETag", etag);
  return response;
}

/** The document read through the whole version: made now (and waited for) if it is not stored and current. */
async function madeOrStored(user: Actor, versionId: number, edition: Edition, format: DocumentFormat): Promise<StoredDocument | null> {
  // The version was found readable a moment ago; it is gone only if its engagement was deleted since.
  const version = versionById(versionId);
  if (!version) throw notFound("No such proposal version.");
  return storedDocument(version, editionOf(user, version, edition), format);
}
