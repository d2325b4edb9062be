import { auditLog } from "../../db/schema";
import type { DB, Tx } from "./db.server";

export type AuditEntry = {
  userId: number | null;
  action: string;
  engagementId?: number | null;
  proposalVersionId?: number | null;
  detail?: Record<string, unknown>;
  at?: string;
};

/** Appends an audit row; call it inside the transaction that makes the change. */
export function writeAudit(db: DB | Tx, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      at: entry.at ?? new Date().toISOString(),
      userId: entry.userId,
      action: entry.action,
      engagementId: entry.engagementId ?? null,
      proposalVersionId: entry.proposalVersionId ?? null,
      detailJson: JSON.stringify(entry.detail ?? {}),
    })
    .run();
}
