import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { comments, engagements, proposalVersions, users } from "../../db/schema";
import { Conflict } from "~/domain/errors";
import { readsSharedOnly } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb } from "~/services/db.server";
import { notFound } from "~/services/session.server";
import { requireEngagementAccess } from "./engagements.server";
import { scheduleDocuments } from "./proposal-documents.server";
import { versionOf } from "./workflow.server";
import { tellPartnerCommented } from "./mail-notices.server";
import { requirePartnerMayComment, sharedVersionForPartner } from "./sharing.server";

/** Comments on a proposal's versions: who reads which, replies into a thread, and resolving a thread. */

export type CommentView = {
  id: number;
  number: number;
  sectionKey: string;
  parentId: number | null;
  authorName: string;
  authorIsPartner: boolean;
  visibility: "partner" | "internal";
  body: string;
  createdAt: string;
  resolvedAt: string | null;
};

/** Comments on an engagement's versions. Partners get only partner-visible comments on shared versions of their own organisation. */
export function listComments(actor: Actor, engagementId: number): CommentView[] {
  const db = getDb();
  const base = db
    .select({
      id: comments.id,
      number: proposalVersions.number,
      sectionKey: comments.sectionKey,
      parentId: comments.parentId,
      authorName: users.name,
      authorRole: users.role,
      visibility: comments.visibility,
      body: comments.body,
      createdAt: comments.createdAt,
      resolvedAt: comments.resolvedAt,
    })
    .from(comments)
    .innerJoin(proposalVersions, eq(proposalVersions.id, comments.proposalVersionId))
    .innerJoin(engagements, eq(engagements.id, comments.engagementId))
    .innerJoin(users, eq(users.id, comments.authorId));
  let rows;
  if (readsSharedOnly(actor)) {
    rows = base
      .where(
        and(
          eq(comments.engagementId, engagementId),
          eq(comments.visibility, "partner"),
          isNotNull(proposalVersions.sharedAt),
          eq(engagements.organisationId, actor.organisationId ?? -1)
        )
      )
      .orderBy(asc(comments.id))
      .all();
  } else {
    requireEngagementAccess(actor, engagementId, "proposal:read");
    rows = base.where(eq(comments.engagementId, engagementId)).orderBy(asc(comments.id)).all();
  }
  return rows.map(({ authorRole, ...r }) => ({ ...r, authorIsPartner: readsSharedOnly({ role: authorRole }) }));
}

export function addComment(
  actor: Actor,
  engagementId: number,
  input: { number: number; sectionKey: string; body: string; parentId: number | null; visibility: "partner" | "internal" }
) {
  const added = getDb().transaction((tx) => {
    const partner = readsSharedOnly(actor);
    if (!partner) requireEngagementAccess(actor, engagementId, "proposal:comment");
    let versionId: number;
    let visibility = input.visibility;
    if (input.parentId !== null) {
      // A partner reaches only threads they can read: partner-visible, on a version shared with their
      // organisation. Any other parent, unknown or not, is the same 404, so ids cannot be probed.
      const parent = tx
        .select({
          visibility: comments.visibility,
          versionId: comments.proposalVersionId,
          number: proposalVersions.number,
          section: comments.sectionKey,
          resolvedAt: comments.resolvedAt,
        })
        .from(comments)
        .innerJoin(proposalVersions, eq(proposalVersions.id, comments.proposalVersionId))
        .innerJoin(engagements, eq(engagements.id, comments.engagementId))
        .where(
          and(
            eq(comments.id, input.parentId),
            eq(comments.engagementId, engagementId),
            ...(partner
              ? [eq(comments.visibility, "partner"), isNotNull(proposalVersions.sharedAt), eq(engagements.organisationId, actor.organisationId ?? -1)]
              : [])
          )
        )
        .get();
      if (!parent) throw notFound("No such comment.");
      if (partner) requirePartnerMayComment(tx, actor, engagementId, parent.number);
      if (parent.resolvedAt) throw new Conflict("This thread was marked resolved; start a new comment instead.");
      visibility = parent.visibility;
      versionId = parent.versionId;
      input = { ...input, sectionKey: parent.section };
    } else if (partner) {
      versionId = sharedVersionForPartner(tx, actor, engagementId, input.number).id;
      requirePartnerMayComment(tx, actor, engagementId, input.number);
      visibility = "partner";
    } else {
      versionId = versionOf(tx, engagementId, input.number).id;
    }
    const id = tx
      .insert(comments)
      .values({
        engagementId,
        proposalVersionId: versionId,
        sectionKey: input.sectionKey,
        parentId: input.parentId,
        authorId: actor.id,
        visibility,
        body: input.body,
        createdAt: new Date().toISOString(),
      })
      .returning({ id: comments.id })
      .get().id;
    writeAudit(tx, {
      userId: actor.id,
      action: "comment.add",
      engagementId,
      proposalVersionId: versionId,
      detail: { commentId: id, section: input.sectionKey, visibility, reply: input.parentId !== null },
    });
    if (partner) {
      const number = tx.select({ number: proposalVersions.number }).from(proposalVersions).where(eq(proposalVersions.id, versionId)).get()!.number;
      tellPartnerCommented(tx, actor, engagementId, number);
    }
    return { id, versionId, visibility };
  });
  // The internal briefing's annex lists our internal comments on its version: it is made again.
  if (added.visibility === "internal") scheduleDocuments(added.versionId);
  return added.id;
}

export function resolveThread(actor: Actor, engagementId: number, commentId: number) {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const updated = tx
      .update(comments)
      .set({ resolvedAt: new Date().toISOString(), resolvedById: actor.id })
      .where(and(eq(comments.id, commentId), eq(comments.engagementId, engagementId), isNull(comments.parentId), isNull(comments.resolvedAt)))
      .run();
    if (updated.changes !== 1) throw new Conflict("That thread is already resolved, or does not exist.");
    writeAudit(tx, { userId: actor.id, action: "comment.resolve", engagementId, detail: { commentId } });
  });
}
