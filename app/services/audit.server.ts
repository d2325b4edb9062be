import { auditLog } from "../../db/schema";
import { sql } from "drizzle-orm";
import { builtQuery, type DB, type Tx } from "./db.server";

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
  builtQuery("audit row", insertAudit, db).run({
    at: entry.at ?? new Date().toISOString(),
    userId: entry.userId,
    action: entry.action,
    engagementId: entry.engagementId ?? null,
    proposalVersionId: entry.proposalVersionId ?? null,
    detailJson: JSON.stringify(entry.detail ?? {}),
  });
}

/** The insert, built once per connection (a transaction builds its own): a download writes one on every request. */
const insertAudit = (db: DB | Tx) =>
  db
    .insert(auditLog)
    .values({
      at: sql.placeholder("at"),
      userId: sql.placeholder("userId"),
      action: sql.placeholder("action"),
      engagementId: sql.placeholder("engagementId"),
      proposalVersionId: sql.placeholder("proposalVersionId"),
      detailJson: sql.placeholder("detailJson"),
    })
    .prepare();
