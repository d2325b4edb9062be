import { eq } from "drizzle-orm";
import { engagements, organisations } from "../../db/schema";
import type { PlanningInputs } from "~/domain/planning-inputs";
import { computeDemand, demandParametersFor, oneOrganisationOf, oneOrganisationSizing, type DemandEntry, type DemandParameters } from "~/domain/demand";
import type { Feasibility } from "~/domain/method-recommendation";
import type { Method } from "~/domain/methods";
import type { MethodVariant } from "~/domain/method-variants";
import { METHODS } from "~/domain/methods";
import { recommendMethod } from "~/domain/method-recommendation";
import { assessReadiness, type Readiness } from "~/domain/readiness";
import {
  assessFit,
  dayRatesFromRoster,
  demandFromTemplate,
  earlierStartOffer,
  earliestFeasibleStart,
  estimateCost,
  fitForEachMethod,
  heatmap,
  tightestHeatmapRow,
  type HeatmapRow,
  memoised,
  whatIfs,
  type DemandSource,
  type MethodFit,
} from "~/domain/resource-fit";
import { searchWindow, tooLateFor, type SearchWindow } from "~/domain/fit-words";
import { capacityByRoleMonth } from "~/domain/capacity";
import type { Actor } from "~/domain/roles";
import { monthOf, monthRange } from "~/domain/calendar";
import { methodChartMonths } from "~/domain/fit-charts";
import { timelineMonths } from "~/domain/timeline";
import { bindingDeadline, keepsTime, timeLimits, timeOverruns, type TimeCheck } from "~/domain/timeline-constraints";
import { generateTimelineToRead } from "~/domain/timeline-generate";
import { shiftTimeline } from "~/domain/timeline-edit";
import { keptViews } from "~/services/kept-views.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getDemandParameters, getMethodWeights, getPricingRules, getReadinessTemplate, getStaffRoles, getTimelineTemplates } from "~/services/templates.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake } from "./intake.server";
import { applyLevers } from "~/domain/levers";
import { readPricing } from "./pricing.server";
import { keptDemandFromTimeline } from "./kept-demand.server";
import { readOtherBookings, readRoster } from "./roster.server";
import { generateFrom, methodTimesFor, partnerTimeWords, readTimelineView, timeCheckFor, timelineVariant } from "./timeline.server";

/** The partner's time, which every template timeline is generated within (docs/domain.md §8.6). */
function partnerTime(inputs: PlanningInputs) {
  return { horizonMonths: inputs.horizonMonths, hardDeadline: inputs.hardDeadline, aimBy: inputs.aimBy, country: inputs.country };
}

export type FitInputs = {
  view: ReturnType<typeof readTimelineView>;
  roster: ReturnType<typeof readRoster>;
  bookings: ReturnType<typeof readOtherBookings>;
  /** The demand rules as the partner's regional partners shape them, and its being one organisation (docs/domain.md §8.2, §5.5). */
  params: DemandParameters;
};

function readFitInputs(db: DB | Tx, engagementId: number, today: string): FitInputs {
  const { intake } = readIntake(db, engagementId);
  return {
    view: readTimelineView(db, engagementId, today),
    roster: readRoster(db),
    bookings: readOtherBookings(engagementId, db),
    params: demandParametersFor(getDemandParameters(), intake.capacity, oneOrganisationOf(intake, partnerSitesOf(db, engagementId))),
  };
}

/** Each method's fit, and the months its search for a start with room to spare went through. */
type MethodFits = { perMethod: Record<Method, MethodFit>; rosterEmpty: boolean; searched: SearchWindow };

/**
 * Each method's fit, kept while the database is unchanged (decision 19): the Method page, the Fit page
 * and the live proposal each ask for it, and a manager goes from one to the next. Given out as kept:
 * readers only read it.
 */
const keptMethodFits = keptViews<MethodFits>(100);

/** Capacity fit of each candidate method's template timeline at the desired start. */
export function readMethodFits(db: DB | Tx, engagementId: number, today: string, inputs?: FitInputs, sources?: Record<Method, DemandSource>): MethodFits {
  const compute = () => methodFits(today, inputs ?? readFitInputs(db, engagementId, today), sources);
  return keptMethodFits.get(`${engagementId}|${today}`, compute, { copy: false, from: db });
}

function methodFits(today: string, { view, roster, bookings, params }: FitInputs, sources?: Record<Method, DemandSource>): MethodFits {
  const roles = getStaffRoles().roles;
  const perMethod = fitForEachMethod({
    templates: getTimelineTemplates(),
    params,
    roster,
    bookings,
    roles,
    desiredStart: view.inputs.start.slice(0, 7),
    today,
    scale: view.inputs.teams,
    time: partnerTime(view.inputs),
    sources,
  });
  return { perMethod, rosterEmpty: roster.length === 0, searched: searchWindow(today, view.inputs.start.slice(0, 7)) };
}

/** The months each method's search for a start with room to spare went through, for the words when none has. */
export function methodSearchWindow(db: DB | Tx, engagementId: number, today: string): SearchWindow {
  return readMethodFits(db, engagementId, today).searched;
}

/** Our staff capacity for each method, shown beside the recommendation (never scored); undefined with no roster. */
export function methodFeasibility(db: DB | Tx, engagementId: number, today: string, inputs?: FitInputs): Record<Method, Feasibility> | undefined {
  const { perMethod, rosterEmpty } = readMethodFits(db, engagementId, today, inputs);
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

/**
 * The partner's readiness for each method: the criteria and their wording depend on the method, and on
 * whether the partner is one site (`partnerSites`, the record's, where the intake does not say).
 */
export function readinessByMethod(intake: Parameters<typeof assessReadiness>[0], partnerSites?: number | null): Record<Method, Readiness> {
  return Object.fromEntries(METHODS.map((m) => [m, assessReadiness(intake, getReadinessTemplate(m), partnerSites)])) as Record<Method, Readiness>;
}

/** The partner organisation's sites as its record holds them; undefined when it does not say. */
export function partnerSitesOf(db: DB | Tx, engagementId: number): number | undefined {
  return (
    db
      .select({ sites: organisations.sites })
      .from(engagements)
      .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
      .where(eq(engagements.id, engagementId))
      .get()?.sites ?? undefined
  );
}

/** Everything the Fit page shows. Internal: cost and day rates never reach partners. */
export function getFitView(actor: Actor, engagementId: number, today: string): FitView {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  return keptFitViews.get(`${engagementId}|${today}`, () => fitView(engagementId, today));
}

export type FitView = ReturnType<typeof fitView>;

/** Fit views kept while the database is unchanged: a few engagements' each, about 80 KiB a view. */
const keptFitViews = keptViews<FitView>(50);

function fitView(engagementId: number, today: string) {
  const db = getDb();
  const { intake, version: intakeVersion } = readIntake(db, engagementId);
  const partnerSites = partnerSitesOf(db, engagementId);
  const inputs = readFitInputs(db, engagementId, today);
  const { view, roster, bookings } = inputs;
  const rolesFile = getStaffRoles();
  const roles = rolesFile.roles;
  const params = inputs.params;
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
      const row = tightestHeatmapRow(demand, capacityByRoleMonth(roster, bookings, months), { roles, months });
      return [m, row ? { row, desiredStart } : null];
    })
  ) as Record<Method, { row: HeatmapRow; desiredStart: string } | null>;

  let plan: null | {
    basis: "timeline" | "template";
    method: Method;
    demand: DemandEntry[];
    assessment: ReturnType<typeof assessFit>;
    /** The plan's own start, from which the search for a start with room to spare begins. */
    start: string;
    /** The nearest start at or after the plan's own with room to spare. */
    earliestStart: string | null;
    /** Starting then would end the plan after the partner's deadline. */
    earliestTooLate: boolean;
    /** So would starting at the first month the search tries: the plan itself is longer than the time to the deadline. */
    tooLongFromFirst: boolean;
    /** A start before the plan's own with room to spare, offered when waiting would break the partner's deadline. */
    earlierStart: string | null;
    /** The open collaborative the site joins (docs/domain.md §2.5), or null for a plan of our own. */
    joining: { title: string | null } | null;
    /** The small request's form of the method the plan is (docs/domain.md §2.5), or null for the full method. */
    variant: MethodVariant | null;
    /** How a partner of one site's full tailored initiative is sized as one organisation's work; none otherwise. */
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
    // A small request's form of the method (docs/domain.md §2.5) asks for its own demand: one team joining, not a collaborative.
    const variant = timelineVariant(planned);
    const levered = applyLevers(planned, params, readPricing(db, engagementId).settings, getPricingRules().levers);
    const timeline = levered.timeline;
    const teams = levered.teams;
    const demand = computeDemand(timeline, { method: planMethod, teams, variant }, levered.params);
    const months = timelineMonths(timeline);
    const capacity = capacityByRoleMonth(roster, bookings, months);
    const assessment = assessFit(demand, capacity, { roles });
    const demandFor = keptDemandFromTimeline(timeline, planMethod, levered.params, variant);
    const start = monthOf(timeline.generatedFrom.start);
    const otherMethods = Object.fromEntries(METHODS.filter((m) => m !== planMethod).map((m) => [m, templateDemand[m]]));
    const joining = variant === "join_open_collaborative" ? { title: view.inputs.join?.title ?? null } : null;
    const earliestStart = earliestFeasibleStart({ demandFor, teams, roster, bookings, roles, today, notBefore: start })?.month ?? null;
    const limits = timeLimits(view.inputs);
    const missesDeadline = (m: string) => timeOverruns(shiftTimeline(timeline, m), limits).deadlineMonths > 0;
    const earliestTooLate = !joining && earliestStart !== null && missesDeadline(earliestStart);
    // A joining site's dates are its collaborative's: no other start is offered.
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
          missesDeadline,
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
      earliestTooLate,
      tooLongFromFirst: earliestTooLate && missesDeadline(searchWindow(today, start).from),
      joining,
      variant,
      // A partner of one site's full tailored initiative is sized as one organisation's work, and says how (docs/domain.md §5.5).
      sizing: oneOrganisationSizing(levered.params, planMethod, variant),
      whatIfs: whatIfs({
        method: planMethod,
        demandFor,
        start,
        teams,
        today: monthOf(today),
        roster,
        bookings,
        roles,
        scaleNoun: "sites",
        otherMethods,
        joining,
        tooLate: tooLateFor(bindingDeadline(limits)),
        missesDeadline,
        keepsTime: Object.fromEntries(
          METHODS.map((m) => [
            m,
            (at: string) => keepsTime(generateTimelineToRead(templates[m], { start: at, ...partnerTime(view.inputs), teams: view.inputs.teams }), limits),
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
  const recommendation = recommendMethod(intake, getMethodWeights(), { today, time: methodTimesFor(view.inputs) });
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
    readiness: readinessByMethod(intake, partnerSites),
    readinessOfForm: form?.variant ? { variant: form.variant, readiness: assessReadiness(intake, form, partnerSites) } : null,
    fitness,
    inputs: view.inputs,
    /** The partner's time from the desired start, and which limit binds: the Method page says it in the same words. */
    partnerTime: partnerTimeWords(view.inputs),
    timelineStale: view.staleReasons,
    hasTimeline: Boolean(view.stored),
    rosterEmpty,
    perMethod,
    methodCharts,
    plan,
    today,
  };
}
