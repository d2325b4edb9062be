import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, fileName } from "~/lib/download";
import { engagementIdParam, idParam } from "~/lib/params";
import { approvalStateOf, auditDownload, getVersion } from "~/models/proposal.server";
import { proposalDocx } from "~/models/proposal-documents.server";
import { requireUser } from "~/services/session.server";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The version's proposal as a Word document; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const version = getVersion(user, engagementIdParam(params), idParam(params, "number", "proposal version"));
  const approval = approvalStateOf(version.id);
  const docx = await proposalDocx(version, approval);
  auditDownload(user, version, "docx");
  return attachment(docx, fileName(version.content.title, `v${version.number}${approval.status === "approved" ? "" : "-draft"}.docx`, "proposal"), DOCX);
}
