import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, attachmentName } from "~/lib/download";
import { engagementIdParam, idParam } from "~/lib/params";
import { approvalStateOf, auditDownload, getVersion, readPictures } from "~/models/proposal.server";
import { getDb } from "~/services/db.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { requireUser } from "~/services/session.server";

/** The version's proposal printed to PDF by headless Chromium; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const approval = approvalStateOf(version.id);
  const pdf = await renderProposalPdf(version.content, readPictures(getDb(), version.id), approval);
  auditDownload(user, version, "pdf");
  return attachment(pdf, attachmentName(version.content.title, `v${version.number}${approval.status === "approved" ? "" : "-draft"}.pdf`), "application/pdf");
}
