import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, fileName, proposalFileSuffix } from "~/lib/download";
import { editionParam, engagementIdParam, idParam } from "~/lib/params";
import { auditDownload, getVersion } from "~/models/proposal.server";
import { editionOf, proposalDocx } from "~/models/proposal-documents.server";
import { requireUser } from "~/services/session.server";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The version's proposal as a Word document: the partner version unless staff ask for the internal briefing; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const made = editionOf(user, version, editionParam(request));
  const docx = await proposalDocx(version, made);
  auditDownload(user, version, "docx", made.edition);
  return attachment(docx, fileName(version.content.title, proposalFileSuffix(version.number, made, "docx"), "proposal"), DOCX);
}
