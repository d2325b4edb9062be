import { and, eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { intakes, methodDecisions, users } from "../../db/schema";
import { Conflict, Refusals } from "~/domain/errors";
import { answersDiffering } from "~/domain/intake-differences";
import { emptyIntake, intakeDatesRefused, INTAKE_SECTIONS, type Intake, type IntakeSectionKey } from "~/domain/intake";
import { IntakeSchema } from "~/domain/intake-schema";
import { sameMethodAdvice } from "~/domain/method-advice";
import { METHODS, type Method } from "~/domain/methods";
import type { ReadinessTemplate } from "~/domain/readiness";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { currentDay, currentMonth } from "~/services/clock.server";
import { getMethodWeights, getReadinessTemplate } from "~/services/templates.server";
import { builtQuery, getDb, type DB, type Tx } from "~/services/db.server";
import { fillPartnerPopulation, requireEngagementAccess } from "./engagements.server";
import { methodTimes } from "./timeline.server";

export type StoredIntake = { intake: Intake; version: number; updatedAt: string | null; updatedByName: string | null; updatedById?: number | null };

// Built once per connection (every engagement page reads the intake, for its steps).
const intakeQuery = (db: DB | Tx) =>
  db
    .select({ dataJson: intakes.dataJson, version: intakes.version, updatedAt: intakes.updatedAt, updatedByName: users.name, updatedById: intakes.updatedById })
    .from(intakes)
    .leftJoin(users, eq(users.id, intakes.updatedById))
    .where(eq(intakes.engagementId, sql.placeholder("engagementId")))
    .prepare();

/** The saved intake, or an empty one at version 0 when nothing was saved yet. */
export function readIntake(db: DB | Tx, engagementId: number): StoredIntake {
  const row = builtQuery("intake", intakeQuery, db).get({ engagementId });
  if (!row) return { intake: emptyIntake(), version: 0, updatedAt: null, updatedByName: null };
  return { intake: parsedIntake(row.dataJson), version: row.version, updatedAt: row.updatedAt, updatedByName: row.updatedByName, updatedById: row.updatedById };
}

/*
 * Parsing a stored intake is a pure function of its text, and one page reads the same intake several
 * times (the Fit page and the live proposal four times each). The parse of each recent text is kept,
 * and every reader gets its own copy, so nothing one reader changes reaches another.
 */
const parsedIntakes = new LRUCache<string, Intake>({ max: 500 });

function parsedIntake(dataJson: string): Intake {
  let parsed = parsedIntakes.get(dataJson);
  if (!parsed) parsedIntakes.set(dataJson, (parsed = IntakeSchema.parse(JSON.parse(dataJson))));
  return structuredClone(parsed);
}

export function getIntake(actor: Actor, engagementId: number): StoredIntake {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  return readIntake(getDb(), engagementId);
}

export type SaveResult = { ok: true; version: number } | { ok: false; current: StoredIntake };

/**
 * Writes a whole intake if it is still at `expectedVersion` (0 = never saved), and gives its population
 * to a partner organisation that has none yet. Call inside a transaction.
 */
export function writeIntake(tx: Tx | DB, actor: Actor, engagementId: number, intake: Intake, expectedVersion: number): SaveResult {
  const now = new Date().toISOString();
  const dataJson = JSON.stringify(intake);
  if (expectedVersion === 0) {
    const inserted = tx.insert(intakes).values({ engagementId, dataJson, version: 1, updatedById: actor.id, updatedAt: now }).onConflictDoNothing().run();
    if (inserted.changes !== 1) return { ok: false, current: readIntake(tx, engagementId) };
    fillPartnerPopulation(tx, actor, engagementId, intake.context.population);
    return { ok: true, version: 1 };
  }
  const before = readIntake(tx, engagementId);
  const updated = tx
    .update(intakes)
    .set({ dataJson, version: expectedVersion + 1, updatedById: actor.id, updatedAt: now })
    .where(and(eq(intakes.engagementId, engagementId), eq(intakes.version, expectedVersion)))
    .run();
  if (updated.changes !== 1) return { ok: false, current: readIntake(tx, engagementId) };
  keepMethodDecision(tx, engagementId, before.intake, intake, expectedVersion);
  fillPartnerPopulation(tx, actor, engagementId, intake.context.population);
  return { ok: true, version: expectedVersion + 1 };
}

/**
 * A method decision taken on the intake as it was stays current through a change that leaves the
 * Method page's advice as it was (docs/domain.md §2.6): it is carried to the new intake version.
 */
function keepMethodDecision(tx: Tx | DB, engagementId: number, before: Intake, after: Intake, beforeVersion: number): void {
  const decision = tx
    .select({ intakeVersion: methodDecisions.intakeVersion })
    .from(methodDecisions)
    .where(eq(methodDecisions.engagementId, engagementId))
    .get();
  if (decision?.intakeVersion !== beforeVersion) return;
  const readiness = Object.fromEntries(METHODS.map((m) => [m, getReadinessTemplate(m)])) as Record<Method, ReadinessTemplate>;
  const today = currentMonth();
  if (!sameMethodAdvice(before, after, getMethodWeights(), readiness, today, (intake) => methodTimes(tx, engagementId, intake, today))) return;
  tx.update(methodDecisions)
    .set({ intakeVersion: beforeVersion + 1 })
    .where(and(eq(methodDecisions.engagementId, engagementId), eq(methodDecisions.intakeVersion, beforeVersion)))
    .run();
}

/**
 * A section's answers refused, field by field, when one of its dates cannot be so (intakeDatesRefused):
 * a baseline still to come, or a date that must still come, newly given, that has passed. `before` is
 * the section as saved until now.
 */
export function refuseIntakeDates(section: IntakeSectionKey, data: unknown, before: unknown): void {
  const refused = intakeDatesRefused(section, data, before, currentDay());
  if (Object.keys(refused).length) throw new Refusals(refused);
}

/**
 * Saves one section of the intake, replacing it, if nobody saved since `expectedVersion`; answers the
 * new version. Someone else's save in between is a `Conflict` naming them and the version they made.
 */
export function saveIntakeSection<K extends IntakeSectionKey>(
  actor: Actor,
  engagementId: number,
  section: K,
  data: Intake[K],
  expectedVersion: number
): number {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const result = getDb().transaction((tx) => {
    const current = readIntake(tx, engagementId);
    if (current.version !== expectedVersion) return { ok: false as const, current };
    refuseIntakeDates(section, data, current.intake[section]);
    // Saved as it stands: no new version, so nothing that rests on this one needs review.
    if (JSON.stringify(current.intake[section] ?? null) === JSON.stringify(data ?? null)) return { ok: true as const, version: current.version };
    const written = writeIntake(tx, actor, engagementId, { ...current.intake, [section]: data }, expectedVersion);
    if (written.ok) {
      const label = INTAKE_SECTIONS.find((s) => s.key === section)!.label;
      writeAudit(tx, { userId: actor.id, action: "intake.update", engagementId, detail: { section, label, version: written.version } });
    }
    return written;
  });
  if (!result.ok) {
    const { updatedByName: by, version, intake } = result.current;
    // The same person saving from another window is told so, not named as if someone else.
    const who = result.current.updatedById === actor.id ? "You saved the intake in another window or tab" : `${by ?? "Someone else"} saved the intake`;
    // After the save itself, each answer of this section that differs from what is saved now, in words.
    const differing = answersDiffering(section, data, intake).map((d) => ({ summary: `${d.label}: ${d.saved}`, by, version }));
    throw new Conflict(`${who} while you were editing. Your answers are kept below and were not saved. Check them, then save again to keep yours.`, [
      { summary: `${who} while you were editing.`, by, version },
      ...differing,
    ]);
  }
  return result.version;
}
