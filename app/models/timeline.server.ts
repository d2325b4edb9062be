import { and, eq } from "drizzle-orm";
import { engagements, organisations, overrunAgreements, timelines, users } from "../../db/schema";
import { firstDayOf, formatDate, isIsoDate, LAST_YEAR, monthOf, parseStart, type IsoDate } from "~/domain/calendar";
import type { Intake } from "~/domain/intake";
import { METHODS } from "~/domain/methods";
import { planName } from "~/domain/method-variants";
import type { Actor } from "~/domain/roles";
import { alignToSessions, isSmallRequest, joinSchedule, preworkDays, upcomingSessions, variantOfTimeline, type MethodVariant } from "~/domain/small-requests";
import { Conflict, Refusal } from "~/domain/errors";
import { describeIssues, timelineEnd, TimelineError, TimelineSchema, timelineStart, workingDays, type Timeline } from "~/domain/timeline";
import { criticalPath } from "~/domain/timeline-critical-path";
import { timelineToMermaidGantt, type GanttMarks } from "~/domain/timeline-gantt";
import { regenerationPreview, type RegenerationPreview } from "~/domain/timeline-diff";
import {
  addDependency,
  addItem,
  addStream,
  applyItemForm,
  deleteItem,
  deleteStream,
  durationOf,
  removeDependency,
  renameStream,
  setItemLabel,
  type ItemForm,
  type NewItem,
} from "~/domain/timeline-edit";
import {
  agreedOnProblem,
  checkTime,
  lapsedAgreementWords,
  partnerTime,
  timeLimits,
  timeOverruns,
  type OverrunAgreement,
  type TimeCheck,
} from "~/domain/timeline-constraints";
import type { PartnerTimeFit } from "~/domain/method-recommendation";
import { generateTimeline, methodLengths, partnerTimeFit } from "~/domain/timeline-generate";
import {
  basisOf,
  firstPlanDay,
  generateOptions,
  keepRefusedWords,
  keptForNewLimits,
  planChanges,
  limitsSeen,
  planAt,
  planningInputs,
  planStartWhy,
  timelineStaleReasons,
  type OrganisationFacts,
  type PlanningInputs,
  type PlanningIntake,
} from "~/domain/planning-inputs";
import { writeAudit } from "~/services/audit.server";
import { currentDay } from "~/services/clock.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { keptViews } from "~/services/kept-views.server";
import { getTimelineTemplate, getTimelineTemplates, getTimelineVariantTemplates } from "~/services/templates.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake } from "./intake.server";
import { readDecision, type StoredDecision } from "./method.server";
import { readOpenCollaborative } from "./open-collaboratives.server";

export type StoredTimeline = { timeline: Timeline; version: number };

export function readTimeline(db: DB | Tx, engagementId: number): StoredTimeline | null {
  const row = db.select({ dataJson: timelines.dataJson, version: timelines.version }).from(timelines).where(eq(timelines.engagementId, engagementId)).get();
  if (!row) return null;
  return { timeline: TimelineSchema.parse(JSON.parse(row.dataJson)) as Timeline, version: row.version };
}

/** What a timeline is generated from: the chosen method, the intake's start, the partner's time (docs/domain.md §8.6) and scale. */

function organisationFacts(db: DB | Tx, engagementId: number): OrganisationFacts {
  const row = db
    .select({ sites: organisations.sites, country: organisations.country })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(eq(engagements.id, engagementId))
    .get();
  return { sites: row?.sites ?? 1, country: row?.country ?? null };
}

/** The partner's time from the plan's start, in the one sentence the Method, Fit and Timeline pages all give (docs/domain.md §8.6). */
export function partnerTimeWords(inputs: PlanningInputs): string | null {
  return partnerTime(timeLimits(inputs), monthOf(inputs.start), planStartWhy(inputs)).words;
}

/**
 * Whether each method's plan at the desired start keeps the partner's time, its shortest whole plan, and
 * the partner's time in words: for the Method page's recommendation (docs/domain.md §2.2) and whoever
 * records it, so that the method recommended is the one the page showed.
 */
export function methodTimes(db: DB | Tx, engagementId: number, intake: Intake, today: string): PartnerTimeFit {
  const inputs = planningInputs(intake, null, organisationFacts(db, engagementId), today);
  return methodTimesFor(inputs);
}

export function methodTimesFor(inputs: PlanningInputs): PartnerTimeFit {
  const templates = getTimelineTemplates();
  return partnerTimeFit(
    METHODS.map((m) => templates[m]),
    inputs.teams,
    planAt(inputs)
  );
}

/**
 * How a timeline keeps the partner's time, with the other methods' shortest plans for the choices
 * (docs/domain.md §8.6). No start before `today` is offered; a site joining an open collaborative is
 * offered the short tailored engagement beside the other methods, never a move of the collaborative's dates.
 */
export function timeCheckFor(timeline: Timeline, inputs: PlanningInputs, today: string, agreement: OverrunAgreement | null): TimeCheck {
  const templates = getTimelineTemplates();
  const variant = timelineVariant(timeline);
  const joining = variant === "join_open_collaborative";
  // A small request is not offered a collaborative of its own, but the short tailored engagement (docs/domain.md §2.5).
  const small = isSmallRequest(inputs.teams);
  const at = planAt(inputs, timelineStart(timeline));
  // Each other method generated at this plan's start, judged as its own timeline would be.
  const others = methodLengths(
    METHODS.filter((m) => !(small && m === "collaborative")).map((m) => templates[m]),
    inputs.teams,
    at
  );
  if ((joining || small) && variant !== "short_tailored")
    others.push({ ...methodLengths([getTimelineVariantTemplates().short_tailored], inputs.teams, at)[0]!, variant: "short_tailored" });
  return checkTime(timeline, timeLimits(inputs), others, {
    today: monthOf(today),
    joining: joining ? { title: inputs.join?.title ?? null } : null,
    variant,
    agreement,
  });
}

export type TimelineView = {
  inputs: PlanningInputs;
  stored: StoredTimeline | null;
  staleReasons: string[];
  /** Whether what needs review is the partner's time alone, so the timeline may be kept as it is (keepTimeline). */
  keepable: boolean;
  /** Why the timeline cannot be kept as it is, naming what changed besides the partner's time (`keepRefusedWords`); null when it can, or nothing needs review. */
  keepRefused: string | null;
  /** The stored timeline against the partner's time, as it stands now. */
  timeCheck: TimeCheck | null;
  /** The partner's agreement to the plan running past their time, as recorded, whether or not it still covers the plan (`timeCheck.agreed` says). */
  agreement: RecordedAgreement | null;
};

/** An agreement to an overrun as the Timeline page shows it to staff: what was agreed, who recorded it, and how the partner agreed. */
export type RecordedAgreement = OverrunAgreement & { how: string; recordedBy: string | null };

/** The partner's agreement to the plan running past their time, as recorded for the engagement (docs/domain.md §8.6). */
export function readOverrunAgreement(db: DB | Tx, engagementId: number): RecordedAgreement | null {
  const row = db
    .select({
      horizonMonths: overrunAgreements.horizonMonths,
      hardDeadline: overrunAgreements.hardDeadline,
      aimBy: overrunAgreements.aimBy,
      durationMonths: overrunAgreements.durationMonths,
      deadlineMonths: overrunAgreements.deadlineMonths,
      how: overrunAgreements.how,
      agreedOn: overrunAgreements.agreedOn,
      recordedBy: users.name,
    })
    .from(overrunAgreements)
    .leftJoin(users, eq(users.id, overrunAgreements.recordedById))
    .where(eq(overrunAgreements.engagementId, engagementId))
    .get();
  if (!row) return null;
  return {
    limits: { horizonMonths: row.horizonMonths, hardDeadline: row.hardDeadline, aimBy: row.aimBy },
    durationMonths: row.durationMonths,
    deadlineMonths: row.deadlineMonths,
    agreedOn: row.agreedOn,
    how: row.how,
    recordedBy: row.recordedBy,
  };
}

/** The partner's agreement as the Timeline page shows it: how they agreed, who recorded it, and why it no longer covers the plan, if it does not. */
export type AgreementOnPage = { how: string; recordedBy: string | null; lapsed: string | null };

/**
 * The recorded agreement under the time check of a plan that runs past the partner's time (docs/domain.md
 * §8.6), with why it lapsed where it no longer covers the plan (`lapsedAgreementWords`); null when none
 * is recorded, or the plan keeps their time.
 */
export function agreementOnPage(view: TimelineView): AgreementOnPage | null {
  if (!view.agreement || !view.timeCheck || view.timeCheck.holds) return null;
  const { how, recordedBy } = view.agreement;
  return { how, recordedBy, lapsed: view.timeCheck.agreed ? null : lapsedAgreementWords(view.agreement, timeLimits(view.inputs)) };
}

/**
 * The timeline view read through `db`. Read through the server's own connection it is kept while the
 * database is unchanged (docs/decisions/0019), so that the snapshot, the budget panel, the options and
 * the page a request draws read it once between them; callers only read what they get.
 */
export function readTimelineView(db: DB | Tx, engagementId: number, today: string): TimelineView {
  return keptTimelineViews.get(`${engagementId}|${today}`, () => timelineViewFrom(db, engagementId, today), { from: db, copy: false });
}

function timelineViewFrom(db: DB | Tx, engagementId: number, today: string): TimelineView {
  const { intake } = readIntake(db, engagementId);
  const inputs = planningInputsNow(db, intake, readDecision(db, engagementId), organisationFacts(db, engagementId), today);
  const stored = readTimeline(db, engagementId);
  const staleReasons = stored ? timelineStaleReasons(basisOf(stored.timeline), inputs, getTimelineVariantTemplates()) : [];
  const changed = stored && staleReasons.length ? planChanges(stored.timeline, inputs, getTimelineVariantTemplates()) : [];
  const agreement = stored ? readOverrunAgreement(db, engagementId) : null;
  return {
    inputs,
    stored,
    staleReasons,
    // What keptForNewLimits asks: something needs review, and nothing but the partner's time.
    keepable: stored !== null && staleReasons.length > 0 && changed.length === 0,
    keepRefused: keepRefusedWords(changed, staleReasons.length > changed.length),
    timeCheck: stored ? timeCheckFor(stored.timeline, inputs, today, agreement) : null,
    agreement,
  };
}

/** What a timeline would be generated from now: the intake, the method chosen and its form, the organisation. */
export function planningInputsNow(
  db: DB | Tx,
  intake: PlanningIntake,
  decision: Pick<StoredDecision, "chosen" | "variant" | "openCollaborativeId"> | null,
  organisation: OrganisationFacts,
  today: string
): PlanningInputs {
  return withVariant(db, planningInputs(intake, decision?.chosen ?? null, organisation, today), decision);
}

/**
 * A small request's form of the method (docs/domain.md §2.5). Joining an open collaborative starts
 * prework so that the team joins at the first listed session that leaves time for it.
 */
function withVariant(db: DB | Tx, inputs: PlanningInputs, decision: Pick<StoredDecision, "variant" | "openCollaborativeId"> | null): PlanningInputs {
  const variant = decision?.variant ?? null;
  if (!variant || !inputs.method) return inputs;
  if (variant !== "join_open_collaborative") return { ...inputs, variant };
  const oc = decision?.openCollaborativeId ? readOpenCollaborative(db, decision.openCollaborativeId) : null;
  if (!oc)
    return {
      ...inputs,
      variant,
      join: { title: null, listedSessions: [], warning: "The open collaborative chosen is no longer listed: the dates follow the template." },
    };
  const earliest = parseStart(inputs.start) ?? firstDayOf(inputs.start);
  const sessions = upcomingSessions(oc, earliest);
  const schedule = joinSchedule(sessions, earliest, preworkDays(getTimelineVariantTemplates()[variant]));
  if (!schedule)
    return {
      ...inputs,
      variant,
      join: {
        title: oc.title,
        listedSessions: [],
        warning: `No listed session of ${oc.title} leaves time for prework after ${formatDate(
          earliest
        )}: the dates follow the template; ask its host for later dates.`,
      },
    };
  return { ...inputs, variant, start: schedule.start, join: { title: oc.title, listedSessions: sessions.filter((d) => d >= schedule.joinsAt), warning: null } };
}

/**
 * Before a timeline is generated: the partner's time in words (which limit binds), and whether the
 * chosen method's plan generated now would keep it, so the page promises only what the plan can do.
 */
export function timeBeforeGenerating(view: TimelineView, today: string): { partnerTime: string | null; holds: boolean; summary: string } | null {
  if (view.stored || !view.inputs.method) return null;
  const check = timeCheckFor(generateFrom(view.inputs), view.inputs, today, view.agreement);
  return { partnerTime: partnerTimeWords(view.inputs), holds: check.holds, summary: check.summary };
}

/** The timeline view for a reader allowed to read the engagement, shared with every other reader while the database is unchanged: callers only read it. */
export function getTimelineView(actor: Actor, engagementId: number, today: string): TimelineView {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  return keptTimelineViews.get(`${engagementId}|${today}`, () => timelineViewFrom(getDb(), engagementId, today), { copy: false });
}

/** What the Timeline page draws from a stored timeline besides its items: its Gantt chart's source, its critical path and each item's length in the unit that fits it. */
export type TimelineDrawn = {
  gantt: string;
  critical: ReturnType<typeof criticalPath>;
  durations: Record<string, ReturnType<typeof durationOf>>;
};

/** Worked out once for each stored timeline a shared view holds and the partner's time it is marked with (a pure function of both), as the view itself is kept. */
const drawnTimelines = new WeakMap<Timeline, { marks: string; drawn: TimelineDrawn }>();

/** What the page draws from `timeline`, its chart marking the partner's time (`marks`) as the time check judges the plan by it. */
export function timelineDrawn(timeline: Timeline, marks: GanttMarks): TimelineDrawn {
  const key = `${marks.hardDeadline ?? ""}|${marks.aimBy ?? ""}`;
  let drawn = drawnTimelines.get(timeline)?.marks === key ? drawnTimelines.get(timeline)!.drawn : undefined;
  if (!drawn) {
    const days = workingDays(timeline.generatedFrom.country);
    drawn = {
      gantt: timelineToMermaidGantt(timeline, marks),
      critical: criticalPath(timeline),
      durations: Object.fromEntries(timeline.items.map((i) => [i.id, durationOf(i, days)])),
    };
    drawnTimelines.set(timeline, { marks: key, drawn });
  }
  return drawn;
}

/** Timeline views kept while the database is unchanged (docs/decisions/0019): the same for every reader allowed to see them. */
const keptTimelineViews = keptViews<TimelineView>(100);

/** The live timeline with when it was last saved, for staff allowed to read the engagement; null before one is generated. */
export function getTimelineForCalendar(actor: Actor, engagementId: number): (StoredTimeline & { updatedAt: string }) | null {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const row = getDb()
    .select({ dataJson: timelines.dataJson, version: timelines.version, updatedAt: timelines.updatedAt })
    .from(timelines)
    .where(eq(timelines.engagementId, engagementId))
    .get();
  if (!row) return null;
  return { timeline: TimelineSchema.parse(JSON.parse(row.dataJson)) as Timeline, version: row.version, updatedAt: row.updatedAt };
}

/** The form of the method a timeline was generated as (docs/domain.md §2.5), whose demand rules apply; null for a full method. */
export function timelineVariant(timeline: Pick<Timeline, "method"> & { span: Pick<Timeline["span"], "from"> }): MethodVariant | null {
  return variantOfTimeline(timeline, getTimelineVariantTemplates());
}

/**
 * The timeline the inputs generate: the variant's template for a small request's form of the method,
 * else the method's. Laid out from `notBefore` when given and later than the start; a new plan asks
 * `firstPlanDay` (a start in the month under way begins on the next working day), the plan as generated
 * before its own day (`generatedFrom.laidOutFrom`).
 */
export function generateFrom(inputs: PlanningInputs, notBefore: IsoDate | null = firstPlanDay(inputs, currentDay())): Timeline {
  if (!inputs.method) throw new Response("Choose a method before generating the timeline.", { status: 400 });
  const template = inputs.variant ? getTimelineVariantTemplates()[inputs.variant] : getTimelineTemplate(inputs.method);
  const timeline = generateTimeline(template, { ...generateOptions(inputs), notBefore });
  if (!inputs.join) return timeline;
  const aligned = alignToSessions(timeline, inputs.join.listedSessions);
  return inputs.join.warning ? { ...aligned, warnings: [...aligned.warnings, inputs.join.warning] } : aligned;
}

/** What regenerating would change, shown before anything is replaced: the change of method, if any, and the manager's own edits it would undo. */
export function previewRegeneration(
  actor: Actor,
  engagementId: number,
  today: string
): { next: Timeline; preview: RegenerationPreview | null; time: RegeneratedTime | null; worthDoing: boolean } {
  const view = getTimelineView(actor, engagementId, today);
  const next = generateFrom(view.inputs);
  if (!view.stored) return { next, preview: null, time: null, worthDoing: true };
  const stored = view.stored.timeline;
  const variants = { stored: timelineVariant(stored), next: view.inputs.variant ?? null };
  const preview = regenerationPreview(stored, next, asGenerated(stored, view.inputs), (m, which) => planName(m, variants[which]));
  // Whether the regenerated plan would keep the partner's time: a manager weighing regenerating against keeping needs to know.
  const check = timeCheckFor(next, view.inputs, today, view.agreement);
  const said = check.summary.charAt(0).toLowerCase() + check.summary.slice(1);
  // Where nothing would change, the regenerated plan is the plan as it is, and regenerating does
  // something only where it clears a review.
  return {
    next,
    preview,
    time: check.limited ? { holds: check.holds, words: `${preview.isEmpty ? "As it is now" : "Regenerated"}, ${said}` } : null,
    worthDoing: !preview.isEmpty || view.staleReasons.length > 0,
  };
}

/** The regenerated plan against the partner's time, in the time check's own words; null when the partner gave no limit. */
export type RegeneratedTime = { holds: boolean; words: string };

/**
 * The stored timeline as the generator made it, from its own inputs (its method, start, scale and the
 * partner's time it was made for): where the stored one differs, the manager edited it. Null when it
 * cannot be made again (a template that no longer lays out from those inputs).
 */
function asGenerated(stored: Timeline, inputs: PlanningInputs): Timeline | null {
  const from = stored.generatedFrom;
  const sameMethod = stored.method === inputs.method;
  try {
    return generateFrom(
      {
        ...inputs,
        method: stored.method,
        variant: sameMethod ? inputs.variant ?? null : variantOfTimeline(stored, getTimelineVariantTemplates()),
        join: sameMethod ? inputs.join : null,
        start: from.start,
        horizonMonths: from.horizonMonths,
        hardDeadline: from.hardDeadline ?? null,
        aimBy: from.aimBy ?? null,
        teams: from.teams,
        country: from.country ?? inputs.country,
      },
      from.laidOutFrom ?? null
    );
  } catch {
    return null;
  }
}

export type TimelineSaveResult = { ok: true; version: number } | { ok: false; reason: "conflict" };

function save(
  tx: Tx,
  actor: Actor,
  engagementId: number,
  timeline: Timeline,
  expectedVersion: number,
  action: string,
  detail: Record<string, unknown>
): TimelineSaveResult {
  const end = timelineEnd(timeline);
  if (!isIsoDate(end)) throw new Response(`The timeline would end on ${end}, after ${LAST_YEAR}. Choose an earlier start in the intake.`, { status: 400 });
  const values = {
    method: timeline.method,
    dataJson: JSON.stringify(timeline),
    updatedById: actor.id,
    updatedAt: new Date().toISOString(),
  };
  if (expectedVersion === 0) {
    const inserted = tx
      .insert(timelines)
      .values({ engagementId, ...values, version: 1 })
      .onConflictDoNothing()
      .run();
    if (inserted.changes !== 1) return { ok: false, reason: "conflict" };
  } else {
    const updated = tx
      .update(timelines)
      .set({ ...values, version: expectedVersion + 1 })
      .where(and(eq(timelines.engagementId, engagementId), eq(timelines.version, expectedVersion)))
      .run();
    if (updated.changes !== 1) return { ok: false, reason: "conflict" };
  }
  writeAudit(tx, { userId: actor.id, action, engagementId, detail: { ...detail, version: expectedVersion + 1 } });
  return { ok: true, version: expectedVersion + 1 };
}

/** Stores a timeline built elsewhere (the demo seed, an import), as version 1. */
export function writeNewTimeline(tx: Tx, actor: Actor, engagementId: number, timeline: Timeline) {
  return save(tx, actor, engagementId, timeline, 0, "timeline.generate", { method: timeline.method, start: timeline.generatedFrom.start });
}

/** Renames one item of a stored timeline inside the caller's transaction (the demo seed's edit after its version 1). */
export function renameTimelineItem(tx: Tx, actor: Actor, engagementId: number, itemId: string, label: string) {
  const stored = readTimeline(tx, engagementId)!;
  const item = stored.timeline.items.find((i) => i.id === itemId)!;
  return save(tx, actor, engagementId, setItemLabel(stored.timeline, itemId, label), stored.version, "timeline.rename", { item: item.label, label });
}

const CHANGED_MEANWHILE = "Someone else changed the timeline while you were editing. Your change was not saved; the table shows theirs.";

/** A save that found the timeline changed since the page was drawn. */
function saved(result: TimelineSaveResult, message = CHANGED_MEANWHILE): number {
  if (!result.ok) throw new Conflict(message);
  return result.version;
}

/** Generates (or regenerates, replacing edits) the timeline from the current method and intake; someone's change meanwhile is a `Conflict`. */
export function regenerateTimeline(actor: Actor, engagementId: number, expectedVersion: number, today: string): number {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const result = getDb().transaction((tx) => {
    const view = readTimelineView(tx, engagementId, today);
    const next = generateFrom(view.inputs);
    return save(tx, actor, engagementId, next, expectedVersion, expectedVersion === 0 ? "timeline.generate" : "timeline.regenerate", {
      method: next.method,
      start: next.generatedFrom.start,
    });
  });
  return saved(result, "Someone else changed the timeline meanwhile. Review it again before regenerating.");
}

/**
 * Keeps the timeline as it is, edits and all, for the partner's time as it is now, where that time is
 * all that changed since it was generated (keptForNewLimits, docs/domain.md §8.12): the review is
 * cleared without regenerating. Anything else changed is a `Refusal`: only regenerating takes it.
 */
export function keepTimeline(actor: Actor, engagementId: number, expectedVersion: number, seen: string, today: string): number {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const result = getDb().transaction((tx) => {
    const view = readTimelineView(tx, engagementId, today);
    if (!view.stored || view.stored.version !== expectedVersion) return { ok: false as const, reason: "conflict" as const };
    if (view.staleReasons.length === 0) throw new Refusal("The timeline was made for the engagement as it is now: there is no review to clear.");
    // The partner's time changed again after the page was drawn: the manager has not seen what they would keep it for.
    if (limitsSeen(view.inputs) !== seen)
      throw new Conflict("The partner's time changed again since this page was drawn. Review it again before keeping the timeline.");
    const kept = keptForNewLimits(view.stored.timeline, view.inputs, getTimelineVariantTemplates());
    // The page names what else changed, beside the buttons (keepRefusedWords).
    if (!kept) throw new Refusal("More than the partner's time has changed since the timeline was made: regenerate it to clear the review.");
    return save(tx, actor, engagementId, kept, expectedVersion, "timeline.keep", { reasons: view.staleReasons });
  });
  return saved(result, "Someone else changed the timeline meanwhile. Review it again before keeping it.");
}

/**
 * Records that the partner agrees to the plan running past their time as it does now (docs/domain.md
 * §8.6): their time and how far past it the plan runs, with who agreed and how, in `how`. It replaces
 * an earlier record. Refused while the timeline needs review (the plan agreed to would not be the one
 * the partner is shown), when the plan keeps their time, and for a day they agreed still to come or
 * before the engagement was started (agreedOnProblem), beside the date; a change to the timeline since
 * the page was drawn is a `Conflict`.
 */
export function agreeOverrun(
  actor: Actor,
  engagementId: number,
  expectedVersion: number,
  agreement: { how: string; agreedOn: IsoDate },
  today: string,
  day: IsoDate
): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const { how, agreedOn } = agreement;
  getDb().transaction((tx) => {
    const { createdAt } = tx.select({ createdAt: engagements.createdAt }).from(engagements).where(eq(engagements.id, engagementId)).get()!;
    const wrongDay = agreedOnProblem(agreedOn, { today: day, startedOn: createdAt.slice(0, 10) });
    if (wrongDay) throw new Refusal(wrongDay, "agreedOn");
    const view = readTimelineView(tx, engagementId, today);
    if (!view.stored || view.stored.version !== expectedVersion)
      throw new Conflict("Someone else changed the timeline meanwhile. Read the time check again before recording the partner's agreement.");
    if (view.staleReasons.length)
      throw new Refusal("The timeline needs review first: keep or regenerate it, then record the partner's agreement to the plan as it is then.");
    if (!view.timeCheck || view.timeCheck.holds) throw new Refusal("The plan keeps the partner's time: there is no overrun for them to agree to.");
    const limits = timeLimits(view.inputs);
    const over = timeOverruns(view.stored.timeline, limits);
    const values = { ...limits, durationMonths: over.durationMonths, deadlineMonths: over.deadlineMonths, how, agreedOn, recordedById: actor.id };
    tx.insert(overrunAgreements)
      .values({ engagementId, ...values })
      .onConflictDoUpdate({ target: overrunAgreements.engagementId, set: values })
      .run();
    writeAudit(tx, { userId: actor.id, action: "timeline.overrun_agreed", engagementId, detail: { summary: view.timeCheck.summary, how, agreedOn } });
  });
}

/** Takes away the record of the partner's agreement to an overrun (recorded in error, or no longer true); nothing recorded is a `Conflict`. */
export function withdrawOverrunAgreement(actor: Actor, engagementId: number): void {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  getDb().transaction((tx) => {
    const removed = tx.delete(overrunAgreements).where(eq(overrunAgreements.engagementId, engagementId)).run();
    if (removed.changes !== 1) throw new Conflict("No agreement to the overrun is recorded: someone may have withdrawn it meanwhile.");
    writeAudit(tx, { userId: actor.id, action: "timeline.overrun_agreement_withdrawn", engagementId, detail: {} });
  });
}

/** Removes one dependency of an item (it may then start before that item ends), with one version check. */
export function removeTimelineDependency(actor: Actor, engagementId: number, input: { itemId: string; on: string }, expectedVersion: number): number {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const result = getDb().transaction((tx) => {
    const stored = readTimeline(tx, engagementId);
    if (!stored || stored.version !== expectedVersion) return { ok: false as const, reason: "conflict" as const };
    const byId = new Map(stored.timeline.items.map((i) => [i.id, i]));
    let next: Timeline;
    try {
      next = removeDependency(stored.timeline, input.itemId, input.on);
    } catch (e) {
      // The dependency went meanwhile (or never was): the page was drawn from another state of the timeline.
      if (e instanceof TimelineError) throw new Conflict(e.message, [], e.field);
      throw e;
    }
    return save(tx, actor, engagementId, next, expectedVersion, "timeline.remove_dependency", {
      item: byId.get(input.itemId)?.label,
      after: byId.get(input.on)?.label,
    });
  });
  return saved(result);
}

/**
 * Applies one table row's changes to the saved timeline, in one transaction with one version check.
 * A row saved as it was (or with changes that come to nothing, such as spaces round its label)
 * stores nothing and writes no audit entry: `changed` is false and the version stays.
 * A change the timeline cannot take is a `TimelineError` (a `DependencyError` names what the item
 * follows); someone's change meanwhile is a `Conflict`.
 */
export function editTimeline(
  actor: Actor,
  engagementId: number,
  form: ItemForm,
  expectedVersion: number
): { version: number; changed: boolean; carried: number } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  let changed = true;
  // How many other items the change carried to new dates: a rename carries none.
  let carried = 0;
  const result = getDb().transaction((tx) => {
    const stored = readTimeline(tx, engagementId);
    if (!stored || stored.version !== expectedVersion) return { ok: false as const, reason: "conflict" as const };
    const { timeline, changes } = applyItemForm(stored.timeline, form);
    if (changes.length === 0 || JSON.stringify(timeline) === JSON.stringify(stored.timeline)) {
      changed = false;
      return { ok: true as const, version: expectedVersion };
    }
    const item = stored.timeline.items.find((i) => i.id === form.itemId)!;
    const before = new Map(stored.timeline.items.map((i) => [i.id, i]));
    carried = timeline.items.filter((i) => i.id !== form.itemId && (before.get(i.id)?.start !== i.start || before.get(i.id)?.end !== i.end)).length;
    return save(tx, actor, engagementId, timeline, expectedVersion, `timeline.${changes.includes("move") ? "move" : "rename"}`, {
      item: item.label,
      ...form,
      changes,
    });
  });
  return { version: saved(result), changed, carried };
}

/** A manager's change to the timeline's shape (docs/domain.md §8.10), as the page sends it. */
export type TimelineShapeChange =
  | ({ intent: "add-item" } & NewItem)
  | { intent: "delete-item"; itemId: string }
  | { intent: "add-dependency"; itemId: string; on: string }
  | { intent: "add-stream"; label: string }
  | { intent: "rename-stream"; streamId: string; label: string }
  | { intent: "delete-stream"; streamId: string };

function applyShape(timeline: Timeline, change: TimelineShapeChange): { next: Timeline; action: string; detail: Record<string, unknown> } {
  const label = (id: string) => timeline.items.find((i) => i.id === id)?.label ?? id;
  const streamLabel = (key: string) => timeline.streams.find((s) => s.key === key)?.label ?? key;
  switch (change.intent) {
    case "add-item": {
      const { intent: _intent, ...input } = change;
      const { timeline: next, itemId } = addItem(timeline, input);
      const item = next.items.find((i) => i.id === itemId)!;
      return {
        next,
        action: "timeline.add_item",
        detail: { item: item.label, kind: item.kind, start: item.start, end: item.end, stream: streamLabel(item.stream) },
      };
    }
    case "delete-item":
      return { next: deleteItem(timeline, change.itemId), action: "timeline.delete_item", detail: { item: label(change.itemId) } };
    case "add-dependency":
      return {
        next: addDependency(timeline, change.itemId, change.on),
        action: "timeline.add_dependency",
        detail: { item: label(change.itemId), after: label(change.on) },
      };
    case "add-stream": {
      const { timeline: next, key } = addStream(timeline, change.label);
      return { next, action: "timeline.add_stream", detail: { stream: next.streams.find((s) => s.key === key)!.label } };
    }
    case "rename-stream": {
      const next = renameStream(timeline, change.streamId, change.label);
      return {
        next,
        action: "timeline.rename_stream",
        detail: { stream: streamLabel(change.streamId), label: next.streams.find((s) => s.key === change.streamId)!.label },
      };
    }
    case "delete-stream":
      return { next: deleteStream(timeline, change.streamId), action: "timeline.delete_stream", detail: { stream: streamLabel(change.streamId) } };
  }
}

/**
 * Adds, deletes or renames an item or a stream, or adds a dependency, in one transaction with one
 * version check. What the timeline cannot take is a `TimelineError` next to its field; someone's
 * change meanwhile is a `Conflict`.
 */
export function shapeTimeline(
  actor: Actor,
  engagementId: number,
  change: TimelineShapeChange,
  expectedVersion: number
): { version: number; item?: string; stream?: string } {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const result = getDb().transaction((tx) => {
    const stored = readTimeline(tx, engagementId);
    if (!stored) throw new TimelineError("Generate the timeline before adding to it.", null);
    if (stored.version !== expectedVersion) return { result: { ok: false as const, reason: "conflict" as const }, detail: {} };
    const { next, action, detail } = applyShape(stored.timeline, change);
    // What is stored is read back with this schema on every page: a change it would refuse is refused here.
    const checked = TimelineSchema.safeParse(next);
    if (!checked.success) throw new TimelineError(describeIssues(checked.error)[0]!, null);
    return { result: save(tx, actor, engagementId, next, expectedVersion, action, detail), detail };
  });
  // The item or stream changed, by its name, for the message that says what was done.
  const { item, stream } = result.detail as { item?: string; stream?: string };
  return { version: saved(result.result), item, stream };
}

/** What the Timeline and Proposal pages say of a plan still to be agreed that begins before today (timeline-constraints.ts). */
export { startPassedNotice } from "~/domain/timeline-constraints";
