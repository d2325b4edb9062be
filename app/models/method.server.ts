import { and, eq } from "drizzle-orm";
import { methodDecisions, users } from "../../db/schema";
import { Conflict } from "~/domain/errors";
import { recommendMethod, type MethodRecommendation } from "~/domain/method-recommendation";
import type { Method } from "~/domain/methods";
import type { ReadinessVerdict } from "~/domain/readiness";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getMethodWeights } from "~/services/templates.server";
import { methodFeasibility, readinessByMethod } from "./fit.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake } from "./intake.server";

export type StoredDecision = {
  recommended: Method;
  chosen: Method;
  overrideReason: string | null;
  intakeVersion: number;
  decidedByName: string;
  decidedAt: string;
  version: number;
};

export function readDecision(db: DB | Tx, engagementId: number): StoredDecision | null {
  const row = db
    .select({
      recommended: methodDecisions.recommended,
      chosen: methodDecisions.chosen,
      overrideReason: methodDecisions.overrideReason,
      intakeVersion: methodDecisions.intakeVersion,
      decidedByName: users.name,
      decidedAt: methodDecisions.decidedAt,
      version: methodDecisions.version,
    })
    .from(methodDecisions)
    .innerJoin(users, eq(users.id, methodDecisions.decidedById))
    .where(eq(methodDecisions.engagementId, engagementId))
    .get();
  return row ?? null;
}

export type MethodView = {
  recommendation: MethodRecommendation;
  /** The partner's readiness for each method, in short: it reads differently per method. */
  readiness: Record<Method, { verdict: ReadinessVerdict; conditions: number; blockers: number }>;
  intakeVersion: number;
  decision: StoredDecision | null;
  /** The intake changed after the decision was taken. */
  stale: boolean;
};

/** The recommendation on fitness for purpose, with our capacity for each method beside it. `today` is YYYY-MM. */
export function getMethodView(actor: Actor, engagementId: number, today: string): MethodView {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const { intake, version } = readIntake(db, engagementId);
  const decision = readDecision(db, engagementId);
  return {
    recommendation: recommendMethod(intake, getMethodWeights(), { today, feasibility: methodFeasibility(db, engagementId, today) }),
    readiness: Object.fromEntries(
      Object.entries(readinessByMethod(intake)).map(([m, r]) => [m, { verdict: r.verdict, conditions: r.conditions.length, blockers: r.blockers.length }])
    ) as MethodView["readiness"],
    intakeVersion: version,
    decision,
    stale: decision !== null && decision.intakeVersion !== version,
  };
}

/** "recommended" accepts whatever the intake version the manager was looking at recommends. */
export type DecisionInput = { chosen: Method | "recommended"; overrideReason: string | null; intakeVersion: number; decisionVersion: number };

/**
 * Records the manager's choice against the recommendation computed from the intake version they
 * were looking at, and returns the method chosen; a Conflict if the intake or the decision changed
 * in the meantime.
 */
export function decideMethod(actor: Actor, engagementId: number, input: DecisionInput, today: string, db: DB | Tx = getDb()): Method {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return db.transaction((tx) => writeDecision(tx, actor, engagementId, input, today));
}

export function writeDecision(tx: Tx, actor: Actor, engagementId: number, input: DecisionInput, today: string): Method {
  const { intake, version } = readIntake(tx, engagementId);
  if (version !== input.intakeVersion)
    throw new Conflict("The intake changed since you opened this page, so the recommendation may have changed. Review it below and decide again.");
  const recommendation = recommendMethod(intake, getMethodWeights(), { today });
  const existing = readDecision(tx, engagementId);
  if ((existing?.version ?? 0) !== input.decisionVersion)
    throw new Conflict("Someone else recorded a decision while you were deciding. Review it below before changing it.");
  const chosen = input.chosen === "recommended" ? recommendation.recommended : input.chosen;
  const values = {
    recommended: recommendation.recommended,
    chosen,
    overrideReason: chosen === recommendation.recommended ? null : input.overrideReason,
    scoresJson: JSON.stringify(recommendation.ranked.map((r) => ({ method: r.method, score: r.score }))),
    intakeVersion: version,
    decidedById: actor.id,
    decidedAt: new Date().toISOString(),
  };
  if (existing) {
    tx.update(methodDecisions)
      .set({ ...values, version: existing.version + 1 })
      .where(and(eq(methodDecisions.engagementId, engagementId), eq(methodDecisions.version, existing.version)))
      .run();
  } else {
    tx.insert(methodDecisions)
      .values({ engagementId, ...values, version: 1 })
      .run();
  }
  writeAudit(tx, {
    userId: actor.id,
    action: chosen === recommendation.recommended ? "method.accept" : "method.override",
    engagementId,
    detail: { recommended: recommendation.recommended, chosen, overrideReason: values.overrideReason, intakeVersion: version },
  });
  return chosen;
}
