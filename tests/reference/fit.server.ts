import { eq } from "drizzle-orm";
import { engagements, organisations } from "../../db/schema";
import type { MethodVariant } from "~/domain/method-variants";
import { planStartWhy, type PlanningInputs } from "~/domain/planning-inputs";
/*
 * The reference Fit loaders: the app's Fit view and method fits as they were computed before demand was
 * memoised per method and start within a request (docs/decisions/0013-fast-and-proven-the-same.md), over
 * the reference searches. The golden test compares the app's answers with these, as JSON.
 */
import { demandParametersFor, oneOrganisationSizing, type DemandEntry } from "~/domain/demand";
import { computeDemand } from "./demand";
import type { Feasibility } from "~/domain/method-recommendation";
import { SEARCH_MONTHS, tooLateFor, type SearchWindow } from "~/domain/fit-words";
import type { Method } from "~/domain/methods";
import { METHODS } from "~/domain/methods";
import { recommendMethod } from "~/domain/method-recommendation";
import { assessReadiness, type Readiness } from "~/domain/readiness";
import {
  assessFit,
  dayRatesFromRoster,
  demandFromTemplate,
  demandFromTimeline,
  earlierStartOffer,
  earliestFeasibleStart,
  estimateCost,
  fitForEachMethod,
  heatmap,
  memoised,
  whatIfs,
  type DemandSource,
  type MethodFit,
} from "./resource-fit";
import { capacityByRoleMonth } from "./capacity";
import { methodChartMonths, tightestRole } from "~/domain/fit-charts";
import type { Actor } from "~/domain/roles";
import { addMonthsToMonth, monthOf, monthRange } from "~/domain/calendar";
import { timelineMonths } from "~/domain/timeline";
import { bindingDeadline, keepsTime, partnerTime as partnerTimeWords, timeLimits, timeOverruns, type TimeCheck } from "~/domain/timeline-constraints";
import { generateTimeline } from "~/domain/timeline-generate";
import { referenceTimes } from "./method-times";
import { shiftTimeline } from "~/domain/timeline-edit";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getDemandParameters, getMethodWeights, getPricingRules, getReadinessTemplate, getStaffRoles, getTimelineTemplates } from "~/services/templates.server";
import { requireEngagementAccess } from "~/models/engagements.server";
import { readIntake } from "~/models/intake.server";
import { applyLevers } from "~/domain/levers";
import { readPricing } from "~/models/pricing.server";
import { readOtherBookings, readRoster } from "~/models/roster.server";
import { generateFrom, readTimelineView, timeCheckFor, timelineVariant } from "~/models/timeline.server";

/** The partner's time, which every template timeline is generated within (docs/domain.md §8.6). */
function partnerTime(inputs: PlanningInputs) {
  return { horizonMonths: inputs.horizonMonths, hardDeadline: inputs.hardDeadline, aimBy: inputs.aimBy, country: inputs.country };
}

type FitInputs = { view: ReturnType<typeof readTimelineView>; roster: ReturnType<typeof readRoster>; bookings: ReturnType<typeof readOtherBookings> };

function readFitInputs(db: DB | Tx, engagementId: number, today: string): FitInputs {
  return { view: readTimelineView(db, engagementId, today), roster: readRoster(db), bookings: readOtherBookings(engagementId, db) };
}

/**
 * The demand rules for the engagement's partner: as its regional partners shape them, and one
 * organisation's where it is one site, the intake's sites else its record's (docs/domain.md §8.2, §5.5).
 */
function referenceParams(db: DB | Tx, engagementId: number) {
  const { intake } = readIntake(db, engagementId);
  const record = db
    .select({ sites: organisations.sites })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(eq(engagements.id, engagementId))
    .get();
  const oneSite = (intake.context.sites ?? record?.sites) === 1;
  return demandParametersFor(getDemandParameters(), intake.capacity, oneSite ? { priorityAreas: intake.needs.priorities.length } : null);
}

/** Capacity fit of each candidate method's template timeline at the desired start. */
export function readMethodFits(
  db: DB | Tx,
  engagementId: number,
  today: string,
  { view, roster, bookings }: FitInputs = readFitInputs(db, engagementId, today),
  sources?: Record<Method, DemandSource>
): { perMethod: Record<Method, MethodFit>; rosterEmpty: boolean; searched: SearchWindow } {
  const roles = getStaffRoles().roles;
  const perMethod = fitForEachMethod({
    templates: getTimelineTemplates(),
    // The partner's regional partners shape the rules (docs/domain.md §8.2).
    params: referenceParams(db, engagementId),
    roster,
    bookings,
    roles,
    desiredStart: view.inputs.start.slice(0, 7),
    today,
    scale: view.inputs.teams,
    time: partnerTime(view.inputs),
    sources,
  });
  const desired = view.inputs.start.slice(0, 7);
  return { perMethod, rosterEmpty: roster.length === 0, searched: { from: desired > today ? desired : today, to: addMonthsToMonth(today, SEARCH_MONTHS - 1) } };
}

/** Our staff capacity for each method, shown beside the recommendation (never scored); undefined with no roster. */
export function methodFeasibility(db: DB | Tx, engagementId: number, today: string): Record<Method, Feasibility> | undefined {
  const { perMethod, rosterEmpty } = readMethodFits(db, engagementId, today);
  if (rosterEmpty) return undefined;
  return Object.fromEntries(
    METHODS.map((m) => [
      m,
      {
        verdict: perMethod[m].verdict,
        earliestStart: perMethod[m].earliestStart,
        earlierStart: perMethod[m].earlierStart,
        earliestTooLate: perMethod[m].earliestTooLate,
        tooLongFromFirst: perMethod[m].tooLongFromFirst,
        summary: perMethod[m].summary,
      },
    ])
  ) as Record<Method, Feasibility>;
}

/** The partner's readiness for each method: the criteria and their wording depend on the method. */
export function readinessByMethod(intake: Parameters<typeof assessReadiness>[0]): Record<Method, Readiness> {
  return Object.fromEntries(METHODS.map((m) => [m, assessReadiness(intake, getReadinessTemplate(m))])) as Record<Method, Readiness>;
}

/** Everything the Fit page shows. Internal: cost and day rates never reach partners. */
export function getFitView(actor: Actor, engagementId: number, today: string) {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const { intake, version: intakeVersion } = readIntake(db, engagementId);
  const inputs = readFitInputs(db, engagementId, today);
  const { view, roster, bookings } = inputs;
  const rolesFile = getStaffRoles();
  const roles = rolesFile.roles;
  const params = referenceParams(db, engagementId);
  const templates = getTimelineTemplates();
  // Each template's demand is shared by the per-method searches and the plan's what-ifs.
  const templateDemand = Object.fromEntries(METHODS.map((m) => [m, memoised(demandFromTemplate(templates[m], params, partnerTime(view.inputs)))])) as Record<
    Method,
    DemandSource
  >;
  const { perMethod, rosterEmpty } = readMethodFits(db, engagementId, today, inputs, templateDemand);
  const method = view.inputs.method;
  // Each method's demand at the desired start, in the role it turns on, for its small chart (docs/domain.md §8.11).
  const desiredStart = view.inputs.start.slice(0, 7);
  const methodCharts = Object.fromEntries(
    METHODS.map((m) => {
      const demand = templateDemand[m]({ start: desiredStart, teams: view.inputs.teams });
      const span = methodChartMonths(
        demand.filter((d) => d.fte > 0).map((d) => d.month),
        perMethod[m].earliestStart
      );
      if (!span || rosterEmpty) return [m, null];
      const months = monthRange(span.from, span.to);
      const row = tightestRole(heatmap(demand, capacityByRoleMonth(roster, bookings, months), { roles, months }).rows);
      return [m, row ? { row, desiredStart } : null];
    })
  ) as Record<Method, { row: ReturnType<typeof heatmap>["rows"][number]; desiredStart: string } | null>;

  let plan: null | {
    basis: "timeline" | "template";
    method: Method;
    demand: DemandEntry[];
    assessment: ReturnType<typeof assessFit>;
    start: string;
    earliestStart: string | null;
    earlierStart: string | null;
    earliestTooLate: boolean;
    tooLongFromFirst: boolean;
    joining: { title: string | null } | null;
    variant: MethodVariant | null;
    sizing: string[];
    whatIfs: ReturnType<typeof whatIfs>;
    heatmap: ReturnType<typeof heatmap>;
    cost: ReturnType<typeof estimateCost>;
    timeCheck: TimeCheck;
  } = null;

  if (method) {
    // The proposal draft's levers (docs/domain.md §8.8) shape the plan judged here.
    const planned = view.stored?.timeline ?? generateFrom(view.inputs);
    // Judged as it stands, on its own method's rules: a timeline left from a method no longer chosen is that method's plan (docs/domain.md §8.12).
    const planMethod = planned.method;
    const variant = timelineVariant(planned);
    const levered = applyLevers(planned, params, readPricing(db, engagementId).settings, getPricingRules().levers);
    const timeline = levered.timeline;
    const teams = levered.teams;
    const demand = computeDemand(timeline, { method: planMethod, teams, variant }, levered.params);
    const months = timelineMonths(timeline);
    const capacity = capacityByRoleMonth(roster, bookings, months);
    const assessment = assessFit(demand, capacity, { roles });
    const demandFor = memoised(demandFromTimeline(timeline, planMethod, levered.params, variant));
    const start = monthOf(timeline.generatedFrom.start);
    const otherMethods = Object.fromEntries(METHODS.filter((m) => m !== planMethod).map((m) => [m, templateDemand[m]]));
    const joining = variant === "join_open_collaborative" ? { title: view.inputs.join?.title ?? null } : null;
    const earliestStart = earliestFeasibleStart({ demandFor, teams, roster, bookings, roles, today, notBefore: start })?.month ?? null;
    const limits = timeLimits(view.inputs);
    const earlierStart = joining
      ? null
      : earlierStartOffer({
          demandFor,
          teams,
          roster,
          bookings,
          roles,
          today,
          desiredStart: start,
          verdict: assessment.verdict,
          nearest: earliestStart,
          missesDeadline: (m: string) => timeOverruns(shiftTimeline(timeline, m), limits).deadlineMonths > 0,
        });
    plan = {
      timeCheck: timeCheckFor(timeline, view.inputs, today, view.agreement),
      basis: view.stored ? "timeline" : "template",
      method: planMethod,
      demand,
      assessment,
      start,
      earliestStart,
      earlierStart,
      earliestTooLate: !joining && earliestStart !== null && timeOverruns(shiftTimeline(timeline, earliestStart), limits).deadlineMonths > 0,
      tooLongFromFirst:
        !joining &&
        earliestStart !== null &&
        timeOverruns(shiftTimeline(timeline, earliestStart), limits).deadlineMonths > 0 &&
        timeOverruns(shiftTimeline(timeline, start > today ? start : today), limits).deadlineMonths > 0,
      joining,
      variant,
      sizing: oneOrganisationSizing(levered.params, planMethod, variant),
      whatIfs: whatIfs({
        method: planMethod,
        demandFor,
        start,
        teams,
        today,
        roster,
        bookings,
        roles,
        scaleNoun: "sites",
        otherMethods,
        joining,
        tooLate: tooLateFor(bindingDeadline(limits)),
        missesDeadline: (m: string) => timeOverruns(shiftTimeline(timeline, m), limits).deadlineMonths > 0,
        keepsTime: Object.fromEntries(
          METHODS.map((m) => [
            m,
            (at: string) => keepsTime(generateTimeline(templates[m], { start: at, ...partnerTime(view.inputs), teams: view.inputs.teams }), limits),
          ])
        ),
      }),
      heatmap: heatmap(demand, capacity, { roles, months }),
      cost: estimateCost(demand, {
        roles,
        currency: rolesFile.currency,
        dayRates: dayRatesFromRoster(roster, roles),
        budget: { min: intake.budget.budgetMin ?? null, max: intake.budget.budgetMax ?? null, currency: intake.budget.currency ?? null },
      }),
    };
  }
  // Fitness for purpose beside our capacity: the two dimensions, each method's rank on the partner's situation.
  const recommendation = recommendMethod(intake, getMethodWeights(), { today, time: referenceTimes(view.inputs) });
  // Why a method is ranked after one that scores lower, in the Method page's words (docs/domain.md §2.2).
  const fitness = Object.fromEntries(recommendation.ranked.map((r, i) => [r.method, { rank: i + 1, score: r.score, rankedByTime: r.rankedByTime }])) as Record<
    Method,
    { rank: number; score: number; rankedByTime: string | null }
  >;
  const readinessFor = method ?? recommendation.recommended;
  // A form of the method chosen with readiness of its own (a short tailored engagement) is judged on it, as its proposal is (docs/domain.md §7).
  const form = method ? getReadinessTemplate(method, view.inputs.variant) : null;
  return {
    intakeSaved: intakeVersion > 0,
    readinessFor,
    readinessChosen: Boolean(method),
    readiness: readinessByMethod(intake),
    readinessOfForm: form?.variant ? { variant: form.variant, readiness: assessReadiness(intake, form) } : null,
    fitness,
    inputs: view.inputs,
    partnerTime: partnerTimeWords(timeLimits(view.inputs), monthOf(view.inputs.start), planStartWhy(view.inputs)).words,
    timelineStale: view.staleReasons,
    hasTimeline: Boolean(view.stored),
    rosterEmpty,
    perMethod,
    methodCharts,
    plan,
    today,
  };
}
