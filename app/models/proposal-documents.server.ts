import { eq } from "drizzle-orm";
import { proposalPictures } from "../../db/schema";
import type { ApprovalState } from "~/domain/proposal-content";
import { canonicalJson } from "~/domain/proposal-snapshot";
import { getDb } from "~/services/db.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { readPictures, type FrozenVersion } from "./proposal.server";

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
function documentKey(format: DocumentFormat, version: FrozenVersion, approval: ApprovalState): string {
  const pictures = getDb()
    .select({ picture: proposalPictures.picture })
    .from(proposalPictures)
    .where(eq(proposalPictures.proposalVersionId, version.id))
    .all()
    .map((p) => p.picture)
    .sort();
  return canonicalJson({ format, id: version.id, hash: version.contentHash, createdAt: version.createdAt, pictures, approval });
}

/** The version's proposal as a Word document: made once per content, pictures and approval state. */
export function proposalDocx(version: FrozenVersion, approval: ApprovalState): Promise<Uint8Array> {
  return keptOrMade(documentKey("docx", version, approval), () => renderProposalDocx(version.content, readPictures(getDb(), version.id), approval));
}

/** The version's proposal as a PDF: made once per content, pictures and approval state. */
export function proposalPdf(version: FrozenVersion, approval: ApprovalState): Promise<Uint8Array> {
  return keptOrMade(documentKey("pdf", version, approval), () => renderProposalPdf(version.content, readPictures(getDb(), version.id), approval));
}

/** What is kept, for tests and the benchmark. */
export function keptDocuments(): { count: number; bytes: number } {
  return { count: kept.size, bytes: keptBytes };
}

export function forgetDocuments(): void {
  kept.clear();
  keptBytes = 0;
}
