import crypto from "node:crypto";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { comments, proposalDocuments, proposalPictures, proposalVersions, users } from "../../db/schema";
import { mayEver } from "~/domain/permissions";
import { internalBriefing, partnerApproval, partnerEdition, type Edition } from "~/domain/proposal-audience";
import { presentVersion } from "~/domain/proposal-state";
import type { ApprovalState, ProposalContent, ReviewStage } from "~/domain/proposal-content";
import { canonicalJson } from "~/domain/proposal-snapshot";
import type { Actor } from "~/domain/roles";
import { builtQuery, getDb, type DB } from "~/services/db.server";
import { renderProposalDocx } from "~/services/docx.server";
import { getEnv } from "~/services/env.server";
import { renderProposalPdf } from "~/services/pdf.server";
import { notFound } from "~/services/session.server";
import { picturesBeingDrawn } from "./pictures-drawing.server";
import { approvalStateOf, readPictures, versionById, type FrozenVersion, type VersionRef } from "./proposal.server";

/*
 * A frozen version's documents, stored as made (docs/domain.md §9.4; docs/decisions/0015).
 *
 * A document says the frozen content, in one edition, with the version's pictures and its approval
 * record; the internal briefing's annex adds our internal comments on the version. Those facts are
 * fingerprinted (`madeFor`); a stored document is served for as long as they stand. When one changes
 * (the version is frozen, its pictures are drawn, leadership approves it, an internal comment is
 * written), the document is made again in the background, after the change has committed, and stored
 * in proposal_documents. A change in how documents are laid out is not one of those facts: it never
 * makes a stored document again.
 *
 * At start-up every version whose documents are missing or out of date is queued, so work cut short
 * by a restart is finished. A download of a document not yet made makes it at once (sharing any
 * making already under way) and waits a little for it.
 */

export type DocumentFormat = "docx" | "pdf";
export const FORMATS: DocumentFormat[] = ["docx", "pdf"];
export const EDITIONS: Edition[] = ["partner", "internal"];

/** A version cut for a reader (docs/domain.md §9.4): the partner version, or for our staff the internal briefing. */
export type EditionOf = {
  edition: Edition;
  content: ProposalContent;
  approval: ApprovalState;
  comments?: InternalComment[];
  /** The partner version's: where its draft stands, which its next steps say though its approval as the partner sees it does not. */
  review?: ReviewStage;
};

/** Where a draft stands (shared, with our leadership…), which the partner version's words follow; absent otherwise. */
const reviewOf = (approval: ApprovalState): ReviewStage | undefined => (approval.status === "draft" ? approval.review : undefined);

/** One of our internal comments as the briefing's annex lists it. */
type InternalComment = { section: string; author: string; body: string };

/** The edition asked for, if this reader may have it: only our staff read the internal briefing. */
export function editionOf(actor: Actor, version: FrozenVersion, edition: Edition): EditionOf {
  requireEdition(actor, edition);
  return editionFor(version, edition);
}

/** Throws 404 unless this reader may have the edition asked for. */
export function requireEdition(actor: Actor, edition: Edition): void {
  if (edition === "internal" && !mayEver(actor, "proposal:brief")) throw notFound("No such proposal version.");
}

/** Our internal comments on one version, oldest first, as the briefing's annex lists them. */
function internalComments(versionId: number): InternalComment[] {
  return builtQuery("internal comments", internalCommentsQuery).all({ versionId });
}

const internalCommentsQuery = (db: DB) =>
  db
    .select({ section: comments.sectionKey, author: users.name, body: comments.body })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.proposalVersionId, sql.placeholder("versionId")), eq(comments.visibility, "internal")))
    .orderBy(asc(comments.id))
    .prepare();

function editionFor(version: FrozenVersion, edition: Edition): EditionOf {
  const approval = approvalStateOf(version.id);
  // Once accepted, the option the partner chose is presented as chosen, with its commitment (docs/domain.md §9.13); the frozen content and its hash are unchanged.
  const content = presentVersion(version.content, approval, version.snapshot);
  if (edition === "partner") {
    const review = reviewOf(approval);
    return { edition, content: partnerEdition(content), approval: partnerApproval(approval), ...(review ? { review } : {}) };
  }
  const said = internalComments(version.id);
  return { edition, content: internalBriefing(content, { approval, comments: said }), approval, comments: said };
}

// Pictures are named, not hashed: a version's pictures are only ever added (savePictures never
// overwrites one, and a trigger refuses updates), so the names present say which ones it has.
function pictureNames(versionId: number): string[] {
  return builtQuery("picture names", pictureNamesQuery)
    .all({ versionId })
    .map((p) => p.picture)
    .sort();
}

const pictureNamesQuery = (db: DB) =>
  db
    .select({ picture: proposalPictures.picture })
    .from(proposalPictures)
    .where(eq(proposalPictures.proposalVersionId, sql.placeholder("versionId")))
    .prepare();

/** What a document says beyond its frozen content, fingerprinted: equal fingerprints, equal documents. */
function madeFor(version: Pick<FrozenVersion, "contentHash">, made: EditionOf, pictures: string[]): string {
  // The internal briefing's annex carries leadership's conditions and our comments: it is keyed by what it says.
  const annex = made.edition === "internal" ? made.content.sections.at(-1) : null;
  return fingerprint(version.contentHash, made.edition, made.approval, pictures, annex, made.review);
}

function fingerprint(hash: string, edition: Edition, approval: ApprovalState, pictures: string[], annex: unknown, review?: ReviewStage): string {
  // `review` only when there is one: the documents of versions never shared, and of approved ones, keep the fingerprints they were made with.
  return digest({ hash, edition, approval, pictures, annex, ...(review ? { review } : {}) });
}

/** SHA-256 of facts in canonical JSON: equal facts, equal digests. */
function digest(facts: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(facts)).digest("hex");
}

/**
 * The internal briefing's key from small rows (proposal_documents.facts): what its annex is drawn from
 * (the approval and our internal comments) in place of the annex itself, beside the version's
 * fingerprint and pictures. The rest of what the annex says is the version's frozen content.
 */
function internalFacts(hash: string, approval: ApprovalState, pictures: string[], said: InternalComment[]): string {
  return digest({ hash, edition: "internal", approval, pictures, comments: said });
}

/** A stored document with what its download needs: the bytes, their SHA-256, and the edition and approval that name the file. */
export type StoredDocument = {
  bytes: Uint8Array;
  sha256: string;
  edition: Edition;
  approval: ApprovalState;
  title: string;
  /** Our leadership declined the version: its file is named so, not as a draft. */
  declined: boolean;
};

/** The fingerprint a stored document was made for, if one is stored; read without reaching its bytes, which come after it in the row. */
function stored(versionId: number, edition: Edition, format: DocumentFormat): { madeFor: string } | undefined {
  return builtQuery("stored made_for", storedMadeForQuery).get({ versionId, edition, format });
}

/** One stored document: a version's, in an edition and a format. */
const oneDocument = () =>
  and(
    eq(proposalDocuments.proposalVersionId, sql.placeholder("versionId")),
    eq(proposalDocuments.edition, sql.placeholder("edition")),
    eq(proposalDocuments.format, sql.placeholder("format"))
  );

const storedMadeForQuery = (db: DB) => db.select({ madeFor: proposalDocuments.madeFor }).from(proposalDocuments).where(oneDocument()).prepare();

/** A stored document in one read: the fingerprint it was made for, its bytes and SHA-256, and the title kept beside it. */
const storedDocumentQuery = (db: DB) =>
  db
    .select({
      madeFor: proposalDocuments.madeFor,
      sha256: proposalDocuments.sha256,
      title: proposalDocuments.title,
      facts: proposalDocuments.facts,
      bytes: proposalDocuments.bytes,
    })
    .from(proposalDocuments)
    .where(oneDocument())
    .prepare();

/**
 * The version's document in this edition, from storage, if it is current; null when it is not (or
 * was stored before its title and key were kept beside it): the caller then reads the version and
 * makes it.
 *
 * Neither check reads the version's content. The partner version's is madeFor's own: its fingerprint,
 * its approval as the partner sees it and its pictures (madeFor's annex is the internal briefing's
 * alone). The internal briefing's is its facts, taken with its madeFor when it was made. Either way
 * the bytes are served only for the facts they were made for.
 */
export function currentStoredDocument(version: VersionRef, edition: Edition, format: DocumentFormat): StoredDocument | null {
  if (picturesBeingDrawn(version.id)) return null;
  const full = approvalStateOf(version.id);
  const pictures = pictureNames(version.id);
  const approval = edition === "partner" ? partnerApproval(full) : full;
  const row = builtQuery("stored document", storedDocumentQuery).get({ versionId: version.id, edition, format });
  if (!row || row.title === null) return null;
  const current =
    edition === "partner"
      ? row.madeFor === fingerprint(version.contentHash, "partner", approval, pictures, null, reviewOf(full))
      : row.facts !== null && row.facts === internalFacts(version.contentHash, approval, pictures, internalComments(version.id));
  return current ? { bytes: row.bytes, sha256: row.sha256, edition, approval, title: row.title, declined: reviewOf(full) === "declined" } : null;
}

/** Counts of documents made, for tests and the benchmark: a download served from storage makes none. */
export const documentsMade = { docx: 0, pdf: 0 };

const making = new Map<string, Promise<void>>();

/** Makes one document of a version unless what is stored is already current; stores it. Concurrent calls share one making. */
function makeDocument(version: FrozenVersion, edition: Edition, format: DocumentFormat): Promise<void> {
  // Made once its pictures are drawn: the start-up work queues it then.
  if (picturesBeingDrawn(version.id)) return Promise.resolve();
  const made = editionFor(version, edition);
  const pictures = pictureNames(version.id);
  const key = madeFor(version, made, pictures);
  if (stored(version.id, edition, format)?.madeFor === key) return Promise.resolve();
  const facts = factsOf(version, made, pictures);
  const slot = `${version.id}/${edition}/${format}/${key}`;
  const pending = making.get(slot);
  if (pending) return pending;
  const promise = (async () => {
    const render = format === "docx" ? renderProposalDocx : renderProposalPdf;
    const bytes = await render(made.content, readPictures(getDb(), version.id), made.approval);
    documentsMade[format] += 1;
    const row = {
      madeFor: key,
      title: version.content.title,
      facts,
      bytes: Buffer.from(bytes),
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      madeAt: new Date().toISOString(),
    };
    getDb()
      .insert(proposalDocuments)
      .values({ proposalVersionId: version.id, edition, format, ...row })
      .onConflictDoUpdate({ target: [proposalDocuments.proposalVersionId, proposalDocuments.edition, proposalDocuments.format], set: row })
      .run();
  })().finally(() => making.delete(slot));
  making.set(slot, promise);
  return promise;
}

/** The internal briefing's facts, taken from what it is being made of; null for the partner version and a version whose content follows today's wording. */
function factsOf(version: FrozenVersion, made: EditionOf, pictures: string[]): string | null {
  if (made.edition !== "internal" || version.contentRebuilt) return null;
  return internalFacts(version.contentHash, made.approval, pictures, made.comments ?? []);
}

/** Whether each of a version's documents is stored and current: false while it is still to be made. */
export function documentsReady(version: FrozenVersion): Record<Edition, Record<DocumentFormat, boolean>> {
  const pictures = pictureNames(version.id);
  const drawing = picturesBeingDrawn(version.id);
  const ready = (edition: Edition) => {
    if (drawing) return { docx: false, pdf: false };
    const key = madeFor(version, editionFor(version, edition), pictures);
    return { docx: stored(version.id, edition, "docx")?.madeFor === key, pdf: stored(version.id, edition, "pdf")?.madeFor === key };
  };
  return { partner: ready("partner"), internal: ready("internal") };
}

const DOCUMENT_NAMES: Record<Edition, Record<DocumentFormat, string>> = {
  partner: { docx: "Word", pdf: "PDF" },
  internal: { docx: "internal briefing (Word)", pdf: "internal briefing (PDF)" },
};

/**
 * The version's documents, in the editions this reader gets, that are being made, named as the page
 * names them: not yet stored and current, and queued, being made or waiting for the version's
 * pictures. Showing the page queues a version whose documents nothing is making, unless the background
 * failed to make them since the server started (a change that calls for them, or the next start, tries
 * again): a page that polls would otherwise ask again every few seconds, and say they are being made
 * when nothing is. Empty when documents are not made ahead (each is then made on its first download).
 */
export function documentsPending(version: FrozenVersion, editions: Edition[]): string[] {
  if (!documentsAhead()) return [];
  const ready = documentsReady(version);
  const pending = editions.flatMap((e) => FORMATS.filter((f) => !ready[e][f]).map((f) => DOCUMENT_NAMES[e][f]));
  if (!pending.length) return [];
  if (!beingMade(version.id) && !failed.has(version.id)) scheduleDocuments(version.id);
  return beingMade(version.id) ? pending : [];
}

/** Whether documents are made ahead, in the background (DOCUMENTS_AHEAD; tests make them on first download). */
export function documentsAhead(): boolean {
  return getEnv().DOCUMENTS_AHEAD === "1";
}

const queue = new Set<number>();
let worker: Promise<void> | null = null;
/** The version whose documents the background is making now. */
let working: number | null = null;
/** Versions with a document the background could not make since the server started. */
const failed = new Set<number>();

/**
 * Queues a version's documents to be made in the background. Call it after the change that calls
 * for them has committed. Versions are made one at a time, partner version first.
 */
export function scheduleDocuments(versionId: number): void {
  if (!documentsAhead()) return;
  failed.delete(versionId);
  queue.add(versionId);
  worker ??= work().finally(() => (worker = null));
}

/** Whether anything is making the version's documents: queued, in the making (ahead or for a download), or waiting for its pictures. */
function beingMade(versionId: number): boolean {
  if (queue.has(versionId) || working === versionId || picturesBeingDrawn(versionId)) return true;
  const prefix = `${versionId}/`;
  return [...making.keys()].some((slot) => slot.startsWith(prefix));
}

async function work(): Promise<void> {
  // Let the request that queued the work finish first.
  await new Promise((resolve) => setImmediate(resolve));
  for (;;) {
    const next = queue.values().next();
    if (next.done) return;
    queue.delete(next.value);
    const version = versionById(next.value);
    if (!version) continue;
    working = version.id;
    try {
      for (const edition of EDITIONS) {
        for (const format of FORMATS) {
          try {
            await makeDocument(version, edition, format);
          } catch (e) {
            failed.add(version.id);
            console.warn(`The ${edition} ${format} of proposal version ${version.id} could not be made: ${(e as Error).message}`);
          }
        }
      }
    } finally {
      working = null;
    }
  }
}

/** Resolves once the background queue is empty: for tests, and for a clean stop. */
export async function documentsSettled(): Promise<void> {
  while (worker) await worker;
}

/**
 * Keeps the title, and the internal briefing's facts, beside each of the version's current documents
 * stored before they were kept there, so that they too are served without reading the version.
 */
function keepKeys(version: FrozenVersion): void {
  const db = getDb();
  db.update(proposalDocuments)
    .set({ title: version.content.title })
    .where(and(eq(proposalDocuments.proposalVersionId, version.id), isNull(proposalDocuments.title)))
    .run();
  const made = editionFor(version, "internal");
  const pictures = pictureNames(version.id);
  const facts = factsOf(version, made, pictures);
  if (facts === null) return;
  db.update(proposalDocuments)
    .set({ facts })
    .where(
      and(
        eq(proposalDocuments.proposalVersionId, version.id),
        eq(proposalDocuments.edition, "internal"),
        eq(proposalDocuments.madeFor, madeFor(version, made, pictures)),
        isNull(proposalDocuments.facts)
      )
    )
    .run();
}

/** Queues every version with a document missing or out of date: work a restart cut short is finished. */
export function queuePendingDocuments(): number {
  if (!documentsAhead()) return 0;
  const ids = getDb()
    .select({ id: proposalVersions.id })
    .from(proposalVersions)
    .orderBy(asc(proposalVersions.id))
    .all()
    .map((r) => r.id);
  const unkeyed = new Set(
    getDb()
      .selectDistinct({ id: proposalDocuments.proposalVersionId })
      .from(proposalDocuments)
      .where(or(isNull(proposalDocuments.title), and(eq(proposalDocuments.edition, "internal"), isNull(proposalDocuments.facts))))
      .all()
      .map((r) => r.id)
  );
  let queued = 0;
  for (const id of ids) {
    // One version that cannot be read (written by hand, or damaged) is reported and passed over: the
    // server still starts, and every other version's documents are still made.
    try {
      const version = versionById(id);
      if (!version) continue;
      if (unkeyed.has(id)) keepKeys(version);
      const ready = documentsReady(version);
      if (EDITIONS.every((e) => FORMATS.every((f) => ready[e][f]))) continue;
      scheduleDocuments(id);
      queued += 1;
    } catch (e) {
      console.warn(`Proposal version ${id}: its documents could not be checked at start-up (${(e as Error).message}); they will be made when first asked for.`);
    }
  }
  return queued;
}

/** How long a download waits for a document still being made before it answers that it is not ready yet. */
export const DOWNLOAD_WAIT_MS = 20_000;

/**
 * The version's document in the edition asked for, from storage. One not yet made (or out of date)
 * is made now, and waited for up to `waitMs`; null if it is still being made after that.
 */
export async function storedDocument(
  version: FrozenVersion,
  made: EditionOf,
  format: DocumentFormat,
  waitMs = DOWNLOAD_WAIT_MS
): Promise<StoredDocument | null> {
  const current = () =>
    !picturesBeingDrawn(version.id) && stored(version.id, made.edition, format)?.madeFor === madeFor(version, made, pictureNames(version.id));
  if (!current()) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), waitMs)));
    const outcome = await Promise.race([makeDocument(version, made.edition, format), timeout]).finally(() => clearTimeout(timer));
    if (outcome === "late" || !current()) return null;
  }
  // Read at once after the check: nothing can store another document in between.
  const row = builtQuery("stored document", storedDocumentQuery).get({ versionId: version.id, edition: made.edition, format })!;
  return {
    bytes: row.bytes,
    sha256: row.sha256,
    edition: made.edition,
    approval: made.approval,
    title: version.content.title,
    declined: made.content.state === "declined",
  };
}
