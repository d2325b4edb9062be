import { and, eq, sql } from "drizzle-orm";
import { methodDecisions, users } from "../../db/schema";
import { firstDayOf } from "~/domain/calendar";
import { Conflict, Refusal } from "~/domain/errors";
import { priorityKey, type Intake } from "~/domain/intake";
import { ownPlanWords, recommendMethod, type MethodRecommendation, type PartnerTimeFit } from "~/domain/method-recommendation";
import { METHOD_LABELS, type Method } from "~/domain/methods";
import { smallRequestRecommended, takesRecommendation } from "~/domain/method-variants";
import { priorityInSentence } from "~/domain/priority-words";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import type { ReadinessVerdict } from "~/domain/readiness";
import type { Actor } from "~/domain/roles";
import { smallRequestOffer, VARIANT_METHOD, type MethodVariant, type SmallRequestOffer } from "~/domain/small-requests";
import { writeAudit } from "~/services/audit.server";
import { builtQuery, getDb, type DB, type Tx } from "~/services/db.server";
import { getMethodWeights } from "~/services/templates.server";
import { getFitView, methodFeasibility, methodSearchWindow, partnerSitesOf, readinessByMethod } from "./fit.server";
import type { BindingDeadline, SearchWindow } from "~/domain/fit-words";
import { methodPageNotes, type PlanFit } from "~/domain/chosen-method-notes";
import { requireEngagementAccess } from "./engagements.server";
import { methodTimes, readTimelineView } from "./timeline.server";
import { readIntake } from "./intake.server";
import { readOpenCollaborative, readOpenCollaboratives } from "./open-collaboratives.server";

export type StoredDecision = {
  recommended: Method;
  chosen: Method;
  overrideReason: string | null;
  intakeVersion: number;
  decidedByName: string;
  decidedAt: string;
  version: number;
  /** For a small request: the form of the method chosen (docs/domain.md §2.5); null for the full method. */
  variant: MethodVariant | null;
  openCollaborativeId: number | null;
};

// Built once per connection (every engagement page reads the decision, for its steps).
const decisionQuery = (db: DB | Tx) =>
  db
    .select({
      recommended: methodDecisions.recommended,
      chosen: methodDecisions.chosen,
      overrideReason: methodDecisions.overrideReason,
      intakeVersion: methodDecisions.intakeVersion,
      decidedByName: users.name,
      decidedAt: methodDecisions.decidedAt,
      version: methodDecisions.version,
      variant: methodDecisions.variant,
      openCollaborativeId: methodDecisions.openCollaborativeId,
    })
    .from(methodDecisions)
    .innerJoin(users, eq(users.id, methodDecisions.decidedById))
    .where(eq(methodDecisions.engagementId, sql.placeholder("engagementId")))
    .prepare();

export function readDecision(db: DB | Tx, engagementId: number): StoredDecision | null {
  return builtQuery("method decision", decisionQuery, db).get({ engagementId }) ?? null;
}

export type MethodView = {
  recommendation: MethodRecommendation;
  /** The partner's readiness for each method, in short: it reads differently per method. */
  readiness: Record<Method, { verdict: ReadinessVerdict; conditions: number; blockers: number }>;
  intakeVersion: number;
  decision: StoredDecision | null;
  /** The intake changed after the decision was taken. */
  stale: boolean;
  /** What a small request is offered instead of a collaborative of its own; null when the request is not small. */
  smallRequest: SmallRequestOffer | null;
  /** What a small request is recommended, in place of the full method the ranking puts first (smallRequestRecommended); null when the request is not small. */
  smallRequestRecommendation: string | null;
  /** The open collaborative the decision joins, as listed now (null when none, or no longer listed). */
  joined: { id: number; title: string; host: string } | null;
  /** The months the searches for a start with room to spare went through. */
  searched: SearchWindow;
  /** The deadline a later start is judged too late for: the hard deadline, or the aim's date (docs/domain.md §8.6). */
  deadline: BindingDeadline;
  /** The chosen method's own timeline against the partner's time where it differs from its template's plan (ownPlanWords). */
  ownPlan: { method: Method; words: string } | null;
  /** The note on our capacity and the advice on putting the method together, about the method decided on (methodPageNotes). */
  notes: { capacity: string | null; composition: string[] };
};

/** The recommendation on fitness for purpose, with our capacity for each method beside it. `today` is YYYY-MM. */
export function getMethodView(actor: Actor, engagementId: number, today: string): MethodView {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const { intake, version } = readIntake(db, engagementId);
  const decision = readDecision(db, engagementId);
  const joined = joinedCollaborative(db, decision);
  const searched = methodSearchWindow(db, engagementId, today);
  const time = methodTimes(db, engagementId, intake, today);
  const deadline = time.deadline ?? null;
  const offer = offerFor(db, intake, engagementId, today);
  const recommendation = recommendMethod(intake, getMethodWeights(), {
    today,
    time,
    feasibility: methodFeasibility(db, engagementId, today),
    joining: joined ? { title: joined.title } : null,
    shortTailored: decision?.variant === "short_tailored",
    searched,
  });
  return {
    recommendation,
    searched,
    deadline,
    ownPlan: ownPlanOf(db, engagementId, decision, time, today),
    notes: methodPageNotes(
      recommendation,
      decision?.chosen ?? null,
      searched,
      deadline,
      decision?.variant
        ? {
            variant: decision.variant,
            joinedTitle: joined?.title ?? null,
            plan: planFit(actor, engagementId, today),
            asRecommended: takesRecommendation({ ...decision, variant: decision.variant }, recommendation.fewTeams?.small === true),
          }
        : undefined
    ),
    readiness: Object.fromEntries(
      Object.entries(readinessByMethod(intake, partnerSitesOf(db, engagementId))).map(([m, r]) => [
        m,
        { verdict: r.verdict, conditions: r.conditions.length, blockers: r.blockers.length },
      ])
    ) as MethodView["readiness"],
    intakeVersion: version,
    decision,
    stale: decision !== null && decision.intakeVersion !== version,
    smallRequest: offer,
    // The offer is recommended to a small request; to a request of few teams that gives a programme's time, it is the alternative.
    smallRequestRecommendation: offer && recommendation.fewTeams?.small !== false ? smallRequestRecommended(offer.joinable.length) : null,
    joined,
  };
}

/** The decided method's own timeline, judged as the Timeline page judges it, where it differs from the template's plan. */
function ownPlanOf(db: DB | Tx, engagementId: number, decision: StoredDecision | null, time: PartnerTimeFit, today: string): MethodView["ownPlan"] {
  if (!decision || decision.variant) return null;
  const tl = readTimelineView(db, engagementId, today);
  if (!tl.stored || !tl.timeCheck || tl.stored.timeline.method !== decision.chosen) return null;
  const words = ownPlanWords(decision.chosen, tl.timeCheck, time);
  return words ? { method: decision.chosen, words } : null;
}

/** The plan as the Fit page judges it: its own timeline as it stands, and its earliest fully staffed start. */
function planFit(actor: Actor, engagementId: number, today: string): PlanFit | null {
  const plan = getFitView(actor, engagementId, today).plan;
  if (!plan) return null;
  return { verdict: plan.assessment.verdict, summary: plan.assessment.summary, earliestStart: plan.earliestStart };
}

/** The small-request offer for this intake: its teams as the timeline counts them, its topics in order. */
function offerFor(db: DB | Tx, intake: Intake, engagementId: number, today: string): SmallRequestOffer | null {
  const priorities = intake.needs.priorities;
  return smallRequestOffer({
    teams: intake.scale.expectedSites ?? intake.context.sites ?? partnerSitesOf(db, engagementId),
    topics: priorities.map(priorityKey),
    topicLabels: priorities.map((p) => priorityInSentence(p)),
    openCollaboratives: readOpenCollaboratives(db),
    today: today.length === 7 ? firstDayOf(today) : today,
  });
}

/** The open collaborative the decision joins, as listed now: null when none, or no longer listed. */
export function joinedCollaborative(db: DB | Tx, decision: StoredDecision | null) {
  if (decision?.variant !== "join_open_collaborative" || decision.openCollaborativeId === null) return null;
  const oc = readOpenCollaborative(db, decision.openCollaborativeId);
  return oc ? { id: oc.id, title: oc.title, host: oc.host } : null;
}

/**
 * What a snapshot records of the decision's form of the method (docs/domain.md §2.5): nothing for the
 * full method, so that its versions read as before; the variant, and for joining the collaborative as
 * the proposal names it.
 */
export function snapshotVariant(
  decision: StoredDecision | null,
  joined: ReturnType<typeof joinedCollaborative>,
  recommendation: Pick<MethodRecommendation, "fewTeams">
): Pick<EngagementSnapshot["method"], "variant" | "joining" | "asRecommended"> {
  if (!decision?.variant) return {};
  const asRecommended = takesRecommendation({ ...decision, variant: decision.variant }, recommendation.fewTeams?.small === true);
  if (decision.variant !== "join_open_collaborative") return { variant: decision.variant, asRecommended };
  return { variant: decision.variant, asRecommended, joining: joined ? { title: joined.title, host: joined.host } : null };
}

/** "recommended" accepts whatever the intake version the manager was looking at recommends. */
export type DecisionInput = {
  chosen: Method | "recommended";
  overrideReason: string | null;
  intakeVersion: number;
  decisionVersion: number;
  /** The recommendation the manager was shown, when the page sent it: a decision taken on another one is refused. */
  recommended?: Method;
  /** A small request's choice: the variant, and for joining, which open collaborative. */
  smallRequest?: { variant: MethodVariant; openCollaborativeId: number | null };
  /** A variant brought in by an import, recorded as the bundle gives it (the offer is not checked again). */
  imported?: { variant: MethodVariant; openCollaborativeId: number | null };
};

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
  const recommendation = recommendMethod(intake, getMethodWeights(), { today, time: methodTimes(tx, engagementId, intake, today) });
  // The intake version alone does not fix the recommendation (the month the partner's time is judged
  // in weighs too): a method taken without a justification because it was recommended must still be.
  if (input.recommended && input.recommended !== recommendation.recommended)
    throw new Conflict(
      `The recommendation is now the ${METHOD_LABELS[recommendation.recommended]}, not the ${
        METHOD_LABELS[input.recommended]
      } shown when you opened this page. Review it below and decide again.`
    );
  const existing = readDecision(tx, engagementId);
  if ((existing?.version ?? 0) !== input.decisionVersion)
    throw new Conflict("Someone else recorded a decision while you were deciding. Review it below before changing it.");
  const small = input.smallRequest ? smallRequestChoice(tx, intake, engagementId, input.smallRequest, today) : null;
  // A small request is recommended its offer, not the full method the ranking puts first (docs/domain.md §2.5):
  // a method of its own is chosen on purpose, with a justification, as any method other than the recommendation is.
  const offerRecommended = recommendation.fewTeams?.small !== false && offerFor(tx, intake, engagementId, today) !== null;
  const ownMethodForSmall = !small && !input.imported && offerRecommended;
  if (ownMethodForSmall && input.chosen === "recommended")
    throw new Refusal(
      "A request this small is recommended joining an open collaborative or a short tailored engagement: record one of the offers, or choose a method of its own and say why."
    );
  if (ownMethodForSmall && input.recommended !== undefined && (input.overrideReason ?? "").trim().length < 20)
    throw new Refusal(
      "Explain in a sentence or two (at least 20 characters) why a method of its own suits the partner better than the offers for a small request.",
      "overrideReason"
    );
  const chosen = small ? small.method : input.chosen === "recommended" ? recommendation.recommended : input.chosen;
  // A small request's offer is its recommendation; to fewer teams given a programme's time, the short engagement is the alternative.
  const asRecommended = offerRecommended ? small !== null : !small && chosen === recommendation.recommended;
  const values = {
    recommended: recommendation.recommended,
    chosen,
    overrideReason: small ? small.reason : ownMethodForSmall ? input.overrideReason : asRecommended ? null : input.overrideReason,
    variant: small?.variant ?? input.imported?.variant ?? null,
    openCollaborativeId: small?.openCollaborativeId ?? input.imported?.openCollaborativeId ?? null,
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
    action: asRecommended ? "method.accept" : "method.override",
    engagementId,
    detail: { recommended: recommendation.recommended, chosen, variant: values.variant, overrideReason: values.overrideReason, intakeVersion: version },
  });
  return chosen;
}

/**
 * Checks a small request's choice against the offer as it stands (docs/domain.md §2.5): the request
 * is still small, and the open collaborative is still on one of the partner's topics with a place.
 * The reason recorded with the decision is the offer's own.
 */
function smallRequestChoice(
  tx: Tx,
  intake: Intake,
  engagementId: number,
  choice: { variant: MethodVariant; openCollaborativeId: number | null },
  today: string
): { method: Method; variant: MethodVariant; openCollaborativeId: number | null; reason: string } {
  const offer = offerFor(tx, intake, engagementId, today);
  if (!offer) throw new Refusal("The intake no longer describes a small request: choose a method above instead.", "choice");
  const method = VARIANT_METHOD[choice.variant];
  if (choice.variant === "short_tailored") {
    // The decision names the short engagement; its reason is the offer's, not the name again.
    return { method, variant: choice.variant, openCollaborativeId: null, reason: offer.reason };
  }
  const oc = offer.joinable.find((o) => o.id === choice.openCollaborativeId);
  if (!oc) throw new Refusal("That open collaborative is no longer open to this partner's topics: choose another offer.", "choice");
  return {
    method,
    variant: choice.variant,
    openCollaborativeId: oc.id,
    reason: `Joining the open collaborative ${oc.title} (${oc.host}), a form of the ${METHOD_LABELS[method]}: ${offer.reason}`,
  };
}
