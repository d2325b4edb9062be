import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveProposalDocument } from "~/lib/proposal-download.server";
import { readOnly } from "~/lib/read-only.server";

/** The version's proposal printed to PDF by headless Chromium, as stored: the partner version unless staff ask for the internal briefing; authorised like the version itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return serveProposalDocument(request, params, "pdf");
}

export const action = readOnly;
