import { asc, eq } from "drizzle-orm";
import { proposalOptions } from "../../db/schema";
import { LeverSettingsSchema, NO_LEVERS } from "~/domain/levers";
import type { DraftOption } from "~/domain/proposal-options";
import type { DB, Tx } from "~/services/db.server";

/** The draft's options in their order, each with its levers (docs/domain.md §9.13). Staff only. */
export function readDraftOptions(db: DB | Tx, engagementId: number): DraftOption[] {
  return db
    .select()
    .from(proposalOptions)
    .where(eq(proposalOptions.engagementId, engagementId))
    .orderBy(asc(proposalOptions.position), asc(proposalOptions.id))
    .all()
    .map((r) => ({
      id: r.id,
      position: r.position,
      name: r.name,
      scope: r.scope,
      leavesOut: r.leavesOut,
      levers: LeverSettingsSchema.parse({ ...NO_LEVERS, ...JSON.parse(r.leversJson) }),
      version: r.version,
    }));
}
