import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, attachmentName } from "~/lib/download";
import { engagementIdParam, idParam } from "~/lib/params";
import { approvalStateOf, auditDownload, getVersion, readPictures } from "~/models/proposal.server";
import { getDb } from "~/services/db.server";
import { renderProposalDocx } from "~/services/docx.server";
import { requireUser } from "~/services/session.server";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The version's proposal as a Word document; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const approval = approvalStateOf(version.id);
  const docx = await renderProposalDocx(version.content, readPictures(getDb(), version.id), approval);
  auditDownload(user, version, "docx");
  return attachment(docx, attachmentName(version.content.title, `v${version.number}${approval.status === "approved" ? "" : "-draft"}.docx`), DOCX);
}
