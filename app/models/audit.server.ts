import { asc, eq } from "drizzle-orm";
import { auditLog, proposalVersions, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { getDb } from "~/services/db.server";
import { requireEngagementAccess } from "./engagements.server";

export type AuditRow = { id: number; at: string; who: string; action: string; version: number | null; detail: Record<string, unknown> };

/** The engagement's append-only trail, oldest first. Managers and leaders only. */
export function listAudit(actor: Actor, engagementId: number): AuditRow[] {
  requireEngagementAccess(actor, engagementId, "audit:read");
  return getDb()
    .select({ id: auditLog.id, at: auditLog.at, who: users.name, action: auditLog.action, version: proposalVersions.number, detailJson: auditLog.detailJson })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(proposalVersions, eq(proposalVersions.id, auditLog.proposalVersionId))
    .where(eq(auditLog.engagementId, engagementId))
    .orderBy(asc(auditLog.id))
    .all()
    .map(({ detailJson, who, ...r }) => ({ ...r, who: who ?? "System", detail: JSON.parse(detailJson) as Record<string, unknown> }));
}
