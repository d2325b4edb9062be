import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, fileName, proposalFileSuffix } from "~/lib/download";
import { editionParam, engagementIdParam, idParam } from "~/lib/params";
import { auditDownload, getVersion } from "~/models/proposal.server";
import { editionOf, proposalPdf } from "~/models/proposal-documents.server";
import { requireUser } from "~/services/session.server";

/** The version's proposal printed to PDF by headless Chromium: the partner version unless staff ask for the internal briefing; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const made = editionOf(user, version, editionParam(request));
  const pdf = await proposalPdf(version, made);
  auditDownload(user, version, "pdf", made.edition);
  return attachment(pdf, fileName(version.content.title, proposalFileSuffix(version.number, made, "pdf"), "proposal"), "application/pdf");
}
