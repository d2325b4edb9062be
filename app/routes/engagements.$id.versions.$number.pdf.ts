import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam, idParam } from "~/lib/params";
import { approvalStateOf, auditDownload, getVersion } from "~/models/proposal.server";
import { proposalPdf } from "~/models/proposal-documents.server";
import { requireUser } from "~/services/session.server";

/** The version's proposal printed to PDF by headless Chromium; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const approval = approvalStateOf(version.id);
  const pdf = await proposalPdf(version, approval);
  auditDownload(user, version, "pdf");
  return attachment(
    pdf,
    fileName(version.content.title, `v${version.number}${approval.status === "approved" ? "" : "-draft"}.pdf`, "proposal"),
    "application/pdf"
  );
}
