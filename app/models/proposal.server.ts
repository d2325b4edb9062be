import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, max, sql, type SQL } from "drizzle-orm";
import { engagements, partnerResponses, proposalPictures, proposalVersions, users } from "../../db/schema";
import { buildProposal, samePartnerContent } from "~/domain/proposal";
import { staleEditsRefusal } from "~/domain/section-edits";
import { Refusal } from "~/domain/errors";
import { versionState, type ApprovalState, type PictureKey, type Pictures, type ProposalContent } from "~/domain/proposal-content";
import { diffSnapshots, type SnapshotDiff } from "~/domain/proposal-diff";
import { canonicalJson, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { mayEver, readsSharedOnly } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { keptViews } from "~/services/kept-views.server";
import { builtQuery, getDb, inIds, qualified, recordWithoutWaitingForDisk, type DB, type Tx } from "~/services/db.server";
import { getProposalWording } from "~/services/templates.server";
import { notFound } from "~/services/session.server";
import { requireEngagementAccess } from "./engagements.server";
import { approvalStateFor, listRequests } from "./approvals.server";
import { approves, versionStatusBadge } from "~/domain/workflow";
import { requireNewVersion } from "./workflow.server";
import { frozenContent } from "./frozen-content.server";
import { buildSnapshot } from "./snapshot.server";

/** The live draft: what a version created now would say. Shared with every reader while kept: read it, never change it. */
export function liveProposal(actor: Actor, engagementId: number, date: string, today: string): Readonly<LiveProposal> {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  return keptLiveProposals.get(
    `${engagementId}|${date}|${today}`,
    () => {
      const snapshot = buildSnapshot(getDb(), engagementId, date, today);
      return { snapshot, content: buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" }) };
    },
    // The page only reads the draft; a copy of it cost each visit some 1.6 ms of CPU (benchmarks, item 54).
    { copy: false }
  );
}

export type LiveProposal = { snapshot: EngagementSnapshot; content: ProposalContent };

/** Live drafts kept while the database is unchanged (docs/decisions/0019). */
const keptLiveProposals = keptViews<LiveProposal>(50);

export type VersionSummary = {
  id: number;
  number: number;
  createdAt: string;
  createdByName: string;
  contentHash: string;
  sharedAt: string | null;
  pictures: PictureKey[];
  missing: number;
  /** The document's sections, in its order: what a comment on the version may be about. */
  sections: { key: string; title: string }[];
};

/**
 * The versions as our staff's Proposal page lists them, each with its status (a version our leadership
 * declined says so, not that it was shared), worked out here so that the page's own code never loads
 * the workflow table.
 */
export function listVersionsWithStatus(actor: Actor, engagementId: number) {
  const versions = listVersions(actor, engagementId);
  const requests = listRequests({ engagementId });
  const numbers = (which: (status: string) => boolean) => new Set(requests.filter((r) => which(r.status)).map((r) => r.number));
  const [approved, declined, pending] = [numbers(approves), numbers((s) => s === "declined"), numbers((s) => s === "pending")];
  const answers = latestAnswers(versions.map((v) => v.id));
  // The partner reads an earlier shared version as replaced by the newest one shared with them, unless it is the version in force
  // and they accepted it: that one stays agreed while an amendment is decided on (docs/domain.md §9.9).
  const latestShared = Math.max(0, ...versions.filter((v) => v.sharedAt !== null).map((v) => v.number));
  const inForce = Math.max(0, ...approved);
  const agreed = versions.find((v) => v.number === inForce && answers.get(v.id) === "accepted")?.number ?? null;
  return versions.map((v) => ({
    ...v,
    status: versionStatusBadge({
      shared: v.sharedAt !== null,
      declined: declined.has(v.number),
      approved: approved.has(v.number),
      awaitingApproval: pending.has(v.number),
      answer: answers.get(v.id) ?? null,
      replacedBy: v.sharedAt !== null && v.number < latestShared && v.number !== agreed ? latestShared : null,
      inForce: v.number === inForce,
    }),
  }));
}

/** The partner's latest answer to each of these versions that has one. */
function latestAnswers(versionIds: number[]): Map<number, "accepted" | "changes_requested"> {
  if (!versionIds.length) return new Map();
  const rows = getDb()
    .select({ versionId: partnerResponses.proposalVersionId, response: partnerResponses.response })
    .from(partnerResponses)
    .where(inIds(partnerResponses.proposalVersionId, versionIds))
    .orderBy(asc(partnerResponses.id))
    .all();
  // In order of answer: the last one read for a version is its latest.
  return new Map(rows.map((r) => [r.versionId, r.response]));
}

/** Versions of an engagement, newest first. Partners see only their own organisation's shared ones. */
export function listVersions(actor: Actor, engagementId: number): VersionSummary[] {
  const db = getDb();
  const scope = readsSharedOnly(actor)
    ? and(eq(proposalVersions.engagementId, engagementId), isNotNull(proposalVersions.sharedAt), eq(engagements.organisationId, actor.organisationId ?? -1))
    : eq(proposalVersions.engagementId, engagementId);
  if (!readsSharedOnly(actor)) requireEngagementAccess(actor, engagementId, "proposal:read");
  const rows = db
    .select({
      id: proposalVersions.id,
      number: proposalVersions.number,
      createdAt: proposalVersions.createdAt,
      createdByName: users.name,
      contentHash: proposalVersions.contentHash,
      sharedAt: proposalVersions.sharedAt,
      // Only what the list shows of each frozen document, read by SQLite rather than parsed whole here.
      missing: sql<number | null>`json_array_length(${proposalVersions.contentJson}, '$.missing')`,
      sectionsJson: sql<
        string | null
      >`(select json_group_array(json_object('key', json_extract(value, '$.key'), 'title', json_extract(value, '$.title')) order by key) from json_each(${qualified(
        proposalVersions.contentJson
      )}, '$.sections'))`,
    })
    .from(proposalVersions)
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .innerJoin(users, eq(users.id, proposalVersions.createdById))
    .where(scope)
    .orderBy(desc(proposalVersions.number))
    .all();
  const pictures = rows.length
    ? db
        .select({ id: proposalPictures.proposalVersionId, picture: proposalPictures.picture })
        .from(proposalPictures)
        .where(
          inArray(
            proposalPictures.proposalVersionId,
            rows.map((r) => r.id)
          )
        )
        .all()
    : [];
  return rows.map(({ missing, sectionsJson, ...r }) => ({
    ...r,
    pictures: pictures.filter((p) => p.id === r.id).map((p) => p.picture),
    missing: missing ?? 0,
    sections: sectionsJson ? (JSON.parse(sectionsJson) as { key: string; title: string }[]) : [],
  }));
}

export type FrozenVersion = {
  id: number;
  engagementId: number;
  number: number;
  createdAt: string;
  createdByName: string;
  contentHash: string;
  sharedAt: string | null;
  snapshot: EngagementSnapshot;
  content: ProposalContent;
  /** Whether the content was read again from the snapshot (a version frozen before blocks said whom they are for): then it follows today's wording. */
  contentRebuilt?: boolean;
};

/**
 * One frozen version, for someone allowed to read it: staff any version, a partner only a shared
 * version of their own organisation's engagement (the organisation is in the query).
 */
export function getVersion(actor: Actor, engagementId: number, number: number): FrozenVersion {
  const conditions = [eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)];
  if (readsSharedOnlyVersions(actor, engagementId))
    conditions.push(isNotNull(proposalVersions.sharedAt), eq(engagements.organisationId, actor.organisationId ?? -1));
  const version = readVersion(and(...conditions)!);
  if (!version) throw notFound("No such proposal version.");
  return version;
}

/**
 * 404 or 403 when the reader may not read this engagement's versions at all; otherwise whether they
 * read only versions shared with their own organisation (a partner), which the query then says.
 */
function readsSharedOnlyVersions(actor: Actor, engagementId: number): boolean {
  if (!mayEver(actor, "proposal:read")) throw notFound("No such proposal version.");
  const partner = readsSharedOnly(actor);
  if (!partner) requireEngagementAccess(actor, engagementId, "proposal:read");
  return partner;
}

/** A frozen version named without its content: what finding and recording a download of its stored documents needs. */
export type VersionRef = Pick<FrozenVersion, "id" | "engagementId" | "number" | "contentHash">;

// getVersion's query without the content, answered from proposal_versions_ref_idx alone. The index is
// named: SQLite would otherwise find the row by proposal_versions_number_unique and walk it past the
// snapshot's overflow pages to read content_hash.
const REF = `select v.id, v.engagement_id as engagementId, v.number, v.content_hash as contentHash
  from proposal_versions v indexed by proposal_versions_ref_idx join engagements e on e.id = v.engagement_id
  where v.engagement_id = @engagementId and v.number = @number`;
const versionRefQueries = (db: DB) => ({
  staff: db.$client.prepare<{ engagementId: number; number: number }, VersionRef>(REF),
  partner: db.$client.prepare<{ engagementId: number; number: number; organisationId: number }, VersionRef>(
    `${REF} and v.shared_at is not null and e.organisation_id = @organisationId`
  ),
});

/**
 * The version as getVersion finds it, for the same readers with the same answers (404, 403), but
 * only its identity and fingerprint: its snapshot and content (some 80 KiB) are neither read nor parsed.
 */
export function getVersionRef(actor: Actor, engagementId: number, number: number): VersionRef {
  const queries = builtQuery("version ref", versionRefQueries);
  const version = readsSharedOnlyVersions(actor, engagementId)
    ? queries.partner.get({ engagementId, number, organisationId: actor.organisationId ?? -1 })
    : queries.staff.get({ engagementId, number });
  if (!version) throw notFound("No such proposal version.");
  return version;
}

/** What a frozen version still needs before it may be shared, each part's section and item, for staff who read the engagement; read by SQLite, not parsed whole. */
export function missingParts(actor: Actor, engagementId: number, number: number): ProposalContent["missing"] {
  requireEngagementAccess(actor, engagementId, "proposal:read");
  const row = getDb()
    .select({ missing: sql<string | null>`json_extract(${proposalVersions.contentJson}, '$.missing')` })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, number)))
    .get();
  return row?.missing ? (JSON.parse(row.missing) as ProposalContent["missing"]) : [];
}

/** One frozen version by its id, for the work the app does itself (making its documents); no reader's access is checked. */
export function versionById(id: number): FrozenVersion | null {
  return readVersion(eq(proposalVersions.id, id));
}

function readVersion(where: SQL): FrozenVersion | null {
  const row = getDb()
    .select({
      id: proposalVersions.id,
      engagementId: proposalVersions.engagementId,
      number: proposalVersions.number,
      createdAt: proposalVersions.createdAt,
      createdByName: users.name,
      contentHash: proposalVersions.contentHash,
      sharedAt: proposalVersions.sharedAt,
      snapshotJson: proposalVersions.snapshotJson,
      contentJson: proposalVersions.contentJson,
    })
    .from(proposalVersions)
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .innerJoin(users, eq(users.id, proposalVersions.createdById))
    .where(where)
    .get();
  if (!row) return null;
  const { snapshotJson, contentJson, ...rest } = row;
  const snapshot = JSON.parse(snapshotJson) as EngagementSnapshot;
  const { content, rebuilt } = frozenContent(snapshot, contentJson);
  return { ...rest, snapshot, content, contentRebuilt: rebuilt };
}

export function readPictures(db: DB | Tx, versionId: number): Pictures {
  const rows = db.select().from(proposalPictures).where(eq(proposalPictures.proposalVersionId, versionId)).all();
  return Object.fromEntries(rows.map((r) => [r.picture, { svg: r.svg, png: new Uint8Array(r.png), width: r.width, height: r.height }]));
}

export function savePictures(versionId: number, pictures: Pictures) {
  const db = getDb();
  db.transaction((tx) => {
    for (const [picture, p] of Object.entries(pictures)) {
      if (!p) continue;
      tx.insert(proposalPictures)
        .values({ proposalVersionId: versionId, picture: picture as PictureKey, svg: p.svg, png: Buffer.from(p.png), width: p.width, height: p.height })
        .onConflictDoNothing()
        .run();
    }
  });
}

/** The approval state the document shows: DRAFT until leadership approved this very version. */
export function approvalStateOf(versionId: number): ApprovalState {
  return approvalStateFor(versionId);
}

export function hashVersion(snapshot: EngagementSnapshot, content: ProposalContent): string {
  return crypto.createHash("sha256").update(canonicalJson({ snapshot, content })).digest("hex");
}

/**
 * Freezes the engagement as it stands into the next numbered version, if the workflow allows it and
 * the partner would see something the latest version does not already say.
 */
export function createVersion(actor: Actor, engagementId: number, date: string, today: string): { id: number; number: number; content: ProposalContent } {
  requireEngagementAccess(actor, engagementId, "proposal:generate");
  return getDb().transaction((tx) => {
    const snapshot = buildSnapshot(tx, engagementId, date, today);
    const latest = tx
      .select({ number: proposalVersions.number, snapshotJson: proposalVersions.snapshotJson })
      .from(proposalVersions)
      .where(eq(proposalVersions.engagementId, engagementId))
      .orderBy(desc(proposalVersions.number))
      .get();
    const identical = latest && samePartnerContent(JSON.parse(latest.snapshotJson), snapshot, getProposalWording());
    requireNewVersion(tx, actor, engagementId, identical ? latest.number : null);
    return freezeVersion(tx, actor.id, engagementId, date, today, new Date().toISOString(), snapshot, refuseStaleEdits);
  });
}

/** A section edited by hand before the engagement changed must be settled first: a version must not say two different things. */
function refuseStaleEdits(content: ProposalContent): void {
  const stale = staleEditsRefusal(content.sections);
  if (stale) throw new Refusal(stale);
}

/** Writes the next version inside the caller's transaction (also used by the demo seed). */
export function freezeVersion(
  tx: Tx,
  userId: number,
  engagementId: number,
  date: string,
  today: string,
  createdAt = new Date().toISOString(),
  snapshot = buildSnapshot(tx, engagementId, date, today),
  /** Checks the content built, before anything is written; it throws to refuse the version. */
  check: (content: ProposalContent) => void = () => {}
) {
  const number =
    (tx
      .select({ n: max(proposalVersions.number) })
      .from(proposalVersions)
      .where(eq(proposalVersions.engagementId, engagementId))
      .get()?.n ?? 0) + 1;
  const content = buildProposal(snapshot, getProposalWording(), { versionLabel: `Version ${number}` });
  check(content);
  const contentHash = hashVersion(snapshot, content);
  const id = tx
    .insert(proposalVersions)
    .values({
      engagementId,
      number,
      snapshotJson: JSON.stringify(snapshot),
      contentJson: JSON.stringify(content),
      contentHash,
      createdById: userId,
      createdAt,
    })
    .returning({ id: proposalVersions.id })
    .get().id;
  writeAudit(tx, {
    userId,
    action: "proposal.version.create",
    engagementId,
    proposalVersionId: id,
    detail: { number, contentHash, missing: content.missing.length },
  });
  return { id, number, content };
}

/** Versions whose pictures were never drawn (created without a browser, or by the demo seed). */
export function versionsWithoutPictures(db: DB | Tx = getDb()): { id: number; content: ProposalContent }[] {
  const drawn = new Set(
    db
      .select({ id: proposalPictures.proposalVersionId })
      .from(proposalPictures)
      .all()
      .map((r) => r.id)
  );
  return db
    .select({ id: proposalVersions.id, contentJson: proposalVersions.contentJson })
    .from(proposalVersions)
    .all()
    .filter((v) => !drawn.has(v.id))
    .map((v) => ({ id: v.id, content: JSON.parse(v.contentJson) as ProposalContent }))
    .filter((v) => Object.keys(v.content.pictureSources ?? {}).length + Object.keys(v.content.chartSources ?? {}).length > 0);
}

/** What changed between two versions of the same engagement, section by section. */
export function compareVersions(actor: Actor, engagementId: number, from: number, to: number): { from: FrozenVersion; to: FrozenVersion; diff: SnapshotDiff } {
  const a = getVersion(actor, engagementId, from);
  const b = getVersion(actor, engagementId, to);
  // Compared as drafted; quoted in the words each is shown in, in its own state (docs/domain.md §9.9).
  const contents = { from: a.content, to: b.content, fromState: versionState(approvalStateFor(a.id)), toState: versionState(approvalStateFor(b.id)) };
  return { from: a, to: b, diff: diffSnapshots(a.snapshot, b.snapshot, readsSharedOnly(actor) ? "partner" : "staff", contents) };
}

/**
 * What the live draft says that version `number` does not, for the owners about to share or submit that
 * version: null when a version created now would say to the partner what it says (the same test that
 * refuses such a version). With the draft's parts still to be completed, which a new version would lack.
 */
export function draftChangesSince(
  actor: Actor,
  engagementId: number,
  number: number,
  date: string,
  today: string
): { diff: SnapshotDiff; missing: number } | null {
  const version = getVersion(actor, engagementId, number);
  const live = liveProposal(actor, engagementId, date, today);
  if (samePartnerContent(version.snapshot, live.snapshot, getProposalWording())) return null;
  // Quoted in the words each is shown in: the version in its own state, the draft as a draft (docs/domain.md §9.9).
  const contents = { from: version.content, to: live.content, fromState: versionState(approvalStateFor(version.id)), toState: "draft" as const };
  return { diff: diffSnapshots(version.snapshot, live.snapshot, "staff", contents), missing: live.content.missing.length };
}

/** Records who downloaded which document: a record of a read, written without waiting for the disk (decision 21). */
export function auditDownload(actor: Actor, version: VersionRef, format: "docx" | "pdf", edition: "partner" | "internal" = "partner") {
  const db = getDb();
  recordWithoutWaitingForDisk(db, () =>
    writeAudit(db, {
      userId: actor.id,
      action: "proposal.download",
      engagementId: version.engagementId,
      proposalVersionId: version.id,
      detail: { number: version.number, format, edition },
    })
  );
}

/** The newest version number shared with the partner, if any. */
export function latestSharedNumber(db: DB | Tx, engagementId: number): number | null {
  return (
    db
      .select({ n: max(proposalVersions.number) })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, engagementId), isNotNull(proposalVersions.sharedAt)))
      .get()?.n ?? null
  );
}
