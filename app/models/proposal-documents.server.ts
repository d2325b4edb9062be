import { eq } from "drizzle-orm";
import { proposalPictures } from "../../db/schema";
import { mayEver } from "~/domain/permissions";
import { internalBriefing, partnerApproval, partnerEdition, type Edition } from "~/domain/proposal-audience";
import type { ApprovalState, ProposalContent } from "~/domain/proposal-content";
import type { Actor } from "~/domain/roles";
import { notFound } from "~/services/session.server";
import { canonicalJson } from "~/domain/proposal-snapshot";
import { getDb } from "~/services/db.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { approvalStateOf, readPictures, type FrozenVersion } from "./proposal.server";
import { listComments } from "./comments.server";

/** A version cut for a reader (docs/domain.md §9.4): the partner version, or for our staff the internal briefing. */
export type EditionOf = { edition: Edition; content: ProposalContent; approval: ApprovalState };

export function editionOf(actor: Actor, version: FrozenVersion, edition: Edition): EditionOf {
  const approval = approvalStateOf(version.id);
  if (edition === "partner") return { edition, content: partnerEdition(version.content), approval: partnerApproval(approval) };
  if (!mayEver(actor, "proposal:brief")) throw notFound("No such proposal version.");
  const comments = listComments(actor, version.engagementId)
    .filter((c) => c.visibility === "internal" && c.number === version.number)
    .map((c) => ({ section: c.sectionKey, author: c.authorName, body: c.body }));
  return { edition, content: internalBriefing(version.content, { approval, comments }), approval };
}

/*
 * A frozen version's documents depend only on its content (frozen), its pictures (each frozen once
 * drawn, though they may arrive after the version) and its approval state. So each document is made
 * once for a given set of those and kept in memory, most recently used first, up to a byte budget:
 * the second download of a version is served without laying out the document again. Two downloads
 * that arrive together while it is being made share the one being made.
 *
 * Kept in this process only: a restart (as after an upgrade that changes how documents are written)
 * starts empty.
 */

export type DocumentFormat = "docx" | "pdf";

const BUDGET_BYTES = 48 * 1024 * 1024;
const kept = new Map<string, Uint8Array>();
const making = new Map<string, Promise<Uint8Array>>();
let keptBytes = 0;

function keep(key: string, bytes: Uint8Array) {
  if (bytes.byteLength > BUDGET_BYTES / 4) return;
  kept.set(key, bytes);
  keptBytes += bytes.byteLength;
  for (const [oldest, old] of kept) {
    if (keptBytes <= BUDGET_BYTES) break;
    kept.delete(oldest);
    keptBytes -= old.byteLength;
  }
}

async function keptOrMade(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  const hit = kept.get(key);
  if (hit) {
    // Most recently used moves to the end.
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const pending = making.get(key);
  if (pending) return pending;
  const promise = make()
    .then((bytes) => {
      keep(key, bytes);
      return bytes;
    })
    .finally(() => making.delete(key));
  making.set(key, promise);
  return promise;
}

// Pictures are named, not hashed, in the key: a version's pictures are only ever added (savePictures
// never overwrites one, and a trigger refuses updates), so the names present say which ones it has.
function documentKey(format: DocumentFormat, version: FrozenVersion, made: EditionOf): string {
  const pictures = getDb()
    .select({ picture: proposalPictures.picture })
    .from(proposalPictures)
    .where(eq(proposalPictures.proposalVersionId, version.id))
    .all()
    .map((p) => p.picture)
    .sort();
  // The internal briefing's annex also carries comments, which may change: it is keyed by what it says.
  const briefing = made.edition === "internal" ? made.content.sections.at(-1) : null;
  return canonicalJson({
    format,
    id: version.id,
    hash: version.contentHash,
    createdAt: version.createdAt,
    pictures,
    edition: made.edition,
    approval: made.approval,
    briefing,
  });
}

/** The version's proposal as a Word document, in the edition asked for: made once per content, pictures and approval state. */
export function proposalDocx(version: FrozenVersion, made: EditionOf): Promise<Uint8Array> {
  return keptOrMade(documentKey("docx", version, made), () => renderProposalDocx(made.content, readPictures(getDb(), version.id), made.approval));
}

/** The version's proposal as a PDF, in the edition asked for: made once per content, pictures and approval state. */
export function proposalPdf(version: FrozenVersion, made: EditionOf): Promise<Uint8Array> {
  return keptOrMade(documentKey("pdf", version, made), () => renderProposalPdf(made.content, readPictures(getDb(), version.id), made.approval));
}

/** What is kept, for tests and the benchmark. */
export function keptDocuments(): { count: number; bytes: number } {
  return { count: kept.size, bytes: keptBytes };
}

export function forgetDocuments(): void {
  kept.clear();
  keptBytes = 0;
}
