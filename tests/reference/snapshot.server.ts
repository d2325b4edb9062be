import { deadlinePointOf } from "~/domain/timeline-constraints";
/*
 * The reference live proposal: the snapshot of the engagement as it stands and the proposal built from
 * it, as they were computed before the snapshot shared its searches with the Fit page's, over the
 * reference searches (./resource-fit, ./fit.server). The golden test compares the app's answers with
 * these, as JSON.
 * It follows what the snapshot holds (options, a method's variant) but not how it is made faster.
 */
import { eq } from "drizzle-orm";
import { engagements, organisations, proposalSectionEdits, users } from "../../db/schema";
import { demandParametersFor, oneOrganisationOf, planAssumptions, assumptionWords } from "~/domain/demand";
import { computeDemand } from "./demand";
import { recommendMethod } from "~/domain/method-recommendation";
import { referenceTimes } from "./method-times";
import { methodSummary, staffingFromDemand, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { assessFit, dayRatesFromRoster, demandFromTimeline, earliestFeasibleStart, estimateCost } from "./resource-fit";
import { capacityByRoleMonth } from "./capacity";
import { applyLevers, appliedWords, leversStated, type LeverSettings } from "~/domain/levers";
import { largestOption, optionKey, type SnapshotOption } from "~/domain/proposal-options";
import { priceFromCost, snapshotPrice } from "~/domain/pricing";
import { timelineEnd, timelineMonths, timelineStart, wholeMonths } from "~/domain/timeline";
import type { DB, Tx } from "~/services/db.server";
import { getDemandParameters, getMethodWeights, getPricingRules, getProposalWording, getReadinessTemplate, getStaffRoles } from "~/services/templates.server";
import type { ProposalSectionKey } from "~/domain/proposal-templates";
import type { SectionEdit } from "~/domain/section-edits";
import { readDriverDiagram } from "~/models/driver-diagram.server";
import { methodFeasibility } from "./fit.server";
import { buildProposal } from "~/domain/proposal";
import type { ProposalContent } from "~/domain/proposal-content";
import type { Actor } from "~/domain/roles";
import { getDb } from "~/services/db.server";
import { requireEngagementAccess } from "~/models/engagements.server";
import { readIntake } from "~/models/intake.server";
import { readProposer } from "~/models/organisation-profile.server";
import { joinedCollaborative, readDecision, snapshotVariant } from "~/models/method.server";
import { organisationColumns } from "~/models/organisation-columns.server";
import { readExchangeRate, readPricing } from "~/models/pricing.server";
import { rateBetween } from "~/domain/exchange-rate";
import { readDraftOptions } from "~/models/draft-options.server";
import { readOtherBookings, readRoster } from "~/models/roster.server";
import { readTimelineView, timeCheckFor, timelineVariant } from "~/models/timeline.server";
import { monthOf } from "~/domain/calendar";

/** Gathers the engagement as it stands into a snapshot. `date` (YYYY-MM-DD) and `today` (YYYY-MM) are passed in. */
export function buildSnapshot(db: DB | Tx, engagementId: number, date: string, today: string): EngagementSnapshot {
  const row = db
    .select({
      title: engagements.title,
      partner: organisationColumns,
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(eq(engagements.id, engagementId))
    .get();
  if (!row) throw new Response("No such engagement.", { status: 404 });
  const { intake } = readIntake(db, engagementId);
  const decision = readDecision(db, engagementId);
  const joined = joinedCollaborative(db, decision);
  // Read once: the method fits, the plan's fit and its earliest start all judge against the same capacity.
  const view = readTimelineView(db, engagementId, today);
  const roster = readRoster(db);
  const bookings = readOtherBookings(engagementId, db);
  const recommendation = recommendMethod(intake, getMethodWeights(), {
    today,
    time: referenceTimes(view.inputs),
    plan: view.stored ? { method: view.stored.timeline.method, deadlinePoint: deadlinePointOf(view.stored.timeline) } : undefined,
    feasibility: methodFeasibility(db, engagementId, today),
    joining: joined ? { title: joined.title } : null,
    shortTailored: decision?.variant === "short_tailored",
    document: { partnerName: row.partner.name, date },
  });
  const diagram = readDriverDiagram(db, engagementId);
  const stored = view.stored;
  const rolesFile = getStaffRoles();
  const roles = rolesFile.roles;
  const params = demandParametersFor(getDemandParameters(), intake.capacity, oneOrganisationOf(intake, row.partner.sites));

  let staffing: EngagementSnapshot["staffing"] = [];
  let demand: EngagementSnapshot["demand"] = [];
  let fit: EngagementSnapshot["fit"] = null;
  let cost: EngagementSnapshot["cost"] = null;
  let price: EngagementSnapshot["price"] = null;
  let plan: EngagementSnapshot["timeline"] = null;
  let options: SnapshotOption[] = [];
  let firstWave: EngagementSnapshot["firstWave"];
  let levers: EngagementSnapshot["levers"];
  // The teams the plan as stated is for (its first wave's, with that lever): what its assumptions rest on.
  let plannedTeams: number | undefined;
  if (stored) {
    const rules = getPricingRules();
    const budget = { min: intake.budget.budgetMin ?? null, max: intake.budget.budgetMax ?? null, currency: intake.budget.currency ?? null };
    /** The plan with these levers: its timeline, demand, fit, cost and price. */
    const priced = (levers: LeverSettings, override: { fee: number; reason: string } | null) => {
      const levered = applyLevers(stored.timeline, params, levers, rules.levers);
      const timeline = levered.timeline;
      const entries = computeDemand(timeline, { method: timeline.method, teams: levered.teams, variant: timelineVariant(timeline) }, levered.params);
      const assessment = assessFit(entries, capacityByRoleMonth(roster, bookings, timelineMonths(timeline)), { roles });
      const estimate = estimateCost(entries, { roles, currency: rolesFile.currency, dayRates: dayRatesFromRoster(roster, roles), budget });
      const lines = staffingFromDemand(entries, roles);
      return {
        levered,
        timeline,
        staffing: lines,
        demand: entries.filter((e) => e.fte > 0).map((e) => ({ role: e.role, month: e.month, fte: Math.round(e.fte * 1000) / 1000 })),
        assessment,
        cost: { total: estimate.total, currency: estimate.currency, verdict: estimate.verdict, description: estimate.description },
        price: snapshotPrice(
          priceFromCost(estimate.total, estimate.currency, row.partner.kind, rules),
          rules,
          {
            start: timelineStart(timeline),
            end: timelineEnd(timeline),
            milestones: timeline.items.filter((i) => i.kind === "milestone").map((i) => ({ label: i.label, date: i.start })),
          },
          override
        ),
        fteMonths: Math.round(lines.reduce((sum, l) => sum + l.fteMonths, 0) * 10) / 10,
        facultyDays: Math.round(lines.find((l) => l.role === "faculty")?.days ?? 0),
      };
    };
    // The draft's levers (docs/domain.md §8.8) shape the plan the version states and is priced on; with
    // options, each option's own levers do, and the plan stated is the largest option's (§9.13).
    const pricing = readPricing(db, engagementId);
    const drafted = readDraftOptions(db, engagementId);
    const plans = drafted.map((o) => ({ o, p: priced(o.levers, null) }));
    options = plans.map(({ o, p }, i) => ({
      key: optionKey(i),
      name: o.name,
      scope: o.scope,
      leavesOut: o.leavesOut,
      levers: appliedWords(o.levers, rules.levers.longerPhasing.extraMonths, stored.timeline.method),
      start: timelineStart(p.timeline),
      end: timelineEnd(p.timeline),
      months: wholeMonths(p.timeline),
      teams: p.levered.teams,
      price: p.price,
      staffing: p.staffing,
      demand: p.demand,
      fteMonths: p.fteMonths,
      facultyDays: p.facultyDays,
      fit: { verdict: p.assessment.verdict, summary: p.assessment.summary },
    }));
    const main = largestOption(plans.map(({ p }) => p)) ?? priced(pricing.settings, pricing.override);
    const { timeline, levered, assessment } = main;
    plannedTeams = levered.teams;
    // A plan whose first wave takes fewer sites than it was made for says so (docs/domain.md §8.8); options state their own levers.
    if (!options.length && levered.teams < stored.timeline.generatedFrom.teams) firstWave = { sites: levered.teams, of: stored.timeline.generatedFrom.teams };
    if (!options.length) levers = leversStated(pricing.settings, rules.levers);
    staffing = main.staffing;
    demand = main.demand;
    const earliest = earliestFeasibleStart({
      demandFor: demandFromTimeline(timeline, timeline.method, levered.params, timelineVariant(timeline)),
      teams: levered.teams,
      roster,
      bookings,
      roles,
      today,
      // From the plan's own start (the partner's desired start), as the Fit page searches.
      notBefore: monthOf(timeline.generatedFrom.start),
    });
    fit = {
      verdict: assessment.verdict,
      summary: assessment.summary,
      shortfalls: assessment.shortfalls.map((s) => s.description),
      tightSpots: assessment.tightSpots.map((s) => s.description),
      earliestStart: earliest?.month ?? null,
    };
    cost = main.cost;
    plan = timeline;
    price = main.price;
  }
  const sectionEdits = readSectionEdits(db, engagementId);
  const exchangeRate = rateBetween(readExchangeRate(db, engagementId), rolesFile.currency, intake.budget.currency);
  return {
    schema: 1,
    date,
    engagement: { title: row.title },
    proposer: readProposer(db),
    partner: row.partner,
    intake,
    readiness: assessReadiness(intake, getReadinessTemplate(decision?.chosen ?? recommendation.recommended, decision?.variant), row.partner.sites),
    method: {
      ...methodSummary(recommendation, decision?.chosen ?? null, decision?.overrideReason ?? null),
      ...snapshotVariant(decision, joined, recommendation),
    },
    driverDiagram: diagram?.diagram ?? null,
    timeline: plan,
    ...(firstWave ? { firstWave } : {}),
    ...(levers ? { levers } : {}),
    // The plan as proposed against the partner's time: the stored timeline's check, unless a lever (longer phasing) changed its dates.
    timeCheck: stored && plan ? (plan.items === stored.timeline.items ? view.timeCheck : timeCheckFor(plan, view.inputs, today, view.agreement)) : null,
    staffing,
    demand,
    fit,
    cost,
    price,
    // The rate recorded for the fee's currency and the budget's, frozen with the version (docs/domain.md §8.7).
    ...(exchangeRate ? { exchangeRate } : {}),
    ...(options.length ? { options } : {}),
    ...(sectionEdits.length ? { sectionEdits } : {}),
    assumptions: stored
      ? planAssumptions(
          params,
          stored.timeline.method,
          timelineVariant(stored.timeline),
          new Set(stored.timeline.items.flatMap((i) => i.roleTags)),
          plannedTeams
        ).map(({ parameter }) =>
          // A partner of one site reads them in its own words, as its proposal does (docs/domain.md §5.5).
          assumptionWords(parameter, (intake.context.sites ?? row.partner.sites) === 1)
        )
      : [],
  };
}

/** The edits of an engagement's live draft, as a snapshot freezes them. */
function readSectionEdits(db: DB | Tx, engagementId: number): SectionEdit[] {
  const titles = getProposalWording().common.sections;
  return db
    .select({
      section: proposalSectionEdits.sectionKey,
      markdown: proposalSectionEdits.markdown,
      base: proposalSectionEdits.baseMarkdown,
      by: users.name,
      at: proposalSectionEdits.editedAt,
    })
    .from(proposalSectionEdits)
    .innerJoin(users, eq(users.id, proposalSectionEdits.editedById))
    .where(eq(proposalSectionEdits.engagementId, engagementId))
    .orderBy(proposalSectionEdits.sectionKey)
    .all()
    .map((e) => ({ ...e, title: titles[e.section as ProposalSectionKey]?.title ?? e.section }));
}

/** The live draft as the proposal page shows it. */
export function liveProposal(actor: Actor, engagementId: number, date: string, today: string): { snapshot: EngagementSnapshot; content: ProposalContent } {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const snapshot = buildSnapshot(getDb(), engagementId, date, today);
  return { snapshot, content: buildProposal(snapshot, getProposalWording(), { versionLabel: "Live draft" }) };
}
