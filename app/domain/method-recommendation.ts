/**
 * The method recommendation: each method scored on the partner's situation, criterion by
 * criterion, with the reasons a manager reads and what would change the ranking (docs/domain.md
 * §2.2–2.4). Long because every criterion's reading of the intake is written here next to its reason; the
 * weights are data (./method-weights, docs-templates/).
 */
import {
  describeMonths,
  formatDate,
  formatMonth,
  isIsoDate,
  isMonth,
  lastDayOf,
  monthOf,
  monthsBetween,
  monthsPast,
  monthsUntil,
  type Month,
} from "./calendar";
import { ANSWER_LABELS } from "./intake-labels";
import {
  capitalise,
  listOf,
  prioritiesWithEvidence,
  type AimStyle,
  type Breadth,
  type Intake,
  type PartnerKind,
  type PriorityEvidence,
  type YesNo,
  type YesPartlyNo,
} from "./intake";
import { CRITERIA, type CRITERION_ROWS, type Criterion, type FormReason, type MethodWeights } from "./method-weights";
import { collaborativeWaves, collaborativeWavesWords, COLLABORATIVE_MAX_TEAMS, METHOD_LABELS, METHOD_NOUNS, METHODS, type Method } from "./methods";
import { nameSaysKind } from "./partner-kinds";
import { plural } from "./plural";
import { prioritiesInSentences } from "./priority-words";
import { DEFAULT_TIGHT_HEADROOM, FIT_VERDICT_LABELS, type FitVerdict } from "./capacity";
import { lateStartWords, noStartWithin, SEARCH_MONTHS, tooLateFor, type BindingDeadline, type SearchWindow } from "./fit-words";
import { lowerFirst, ofName } from "./text";
import { COLLABORATIVE_MIN_TEAMS, SMALL_REQUEST_MAX_MONTHS } from "./method-variants";
import type { DeadlinePoint } from "./timeline-constraints";

/**
 * Which method suits the partner: collaborative, campaign or tailored large-scale initiative. Each
 * method starts at the base score; every criterion of docs/domain.md §2.2 adds or takes away the
 * points of its row in docs-templates/method-recommendation.json; the score is kept within 0–100.
 * An unanswered criterion gives no points to anyone. Equal scores are ranked in the order of METHODS.
 *
 * Our staff capacity is not a criterion (docs/decisions/0010-capacity-beside-fitness.md): it is reported beside each method as
 * feasibility, so it can never make a method that does not suit the partner lead.
 */

export type RecommendationCriterion = Criterion;

/** Our capacity for a method, from the Fit step: shown beside the ranking, never scored. */
export type Feasibility = {
  verdict: FitVerdict;
  /** The nearest start at or after the desired one with room to spare. */
  earliestStart: string | null;
  /** A start before the desired one with room to spare, offered when waiting would break the partner's deadline. */
  earlierStart?: string | null;
  /** Starting at the nearest start with room to spare would end the plan after the partner's deadline. */
  earliestTooLate?: boolean;
  /** So would starting at the first month the search tries: the plan's length, not a wait, makes it late. */
  tooLongFromFirst?: boolean;
  summary: string;
};

export type RecommendOptions = {
  /** This month (YYYY-MM): whether the desired start is soon. Without it, only a deadline counts as urgency. */
  today?: Month;
  feasibility?: Partial<Record<Method, Feasibility>>;
  /**
   * The site joins an open collaborative (docs/domain.md §2.5): it cannot change that collaborative's
   * size or dates, so capacity advice speaks of its own participation instead, and the collaborative's
   * caveats leave out what only fits convening one of its own.
   */
  joining?: { title: string } | null;
  /**
   * The engagement is a short tailored engagement (docs/domain.md §2.5): one site or a few, within a
   * year, without scale-up. The tailored initiative's caveats are then the short engagement's, not
   * those of a multi-year programme across a system, and it carries the short engagement's own
   * reasons (`formReasons`) beside its scored ones.
   */
  shortTailored?: boolean;
  /** The months the searches for a start with room to spare went through, named when none has it. */
  searched?: SearchWindow;
  /**
   * The reasons are for a proposal document rather than our staff's pages: they name the partner
   * instead of saying "the partner", say its evidence in whole sentences, and count months from the
   * document's date (YYYY-MM-DD), never from "now": a frozen version is read months later.
   */
  document?: { partnerName: string; date: string };
  /**
   * The partner's time (docs/domain.md §2.2, §8.6): for each method, whether its plan generated at the
   * desired start keeps it, and its shortest whole plan in months; and the partner's time in one
   * sentence. A method that cannot keep it is ranked after every method that can.
   */
  time?: PartnerTimeFit;
  /**
   * The engagement's own timeline, where it has one: its method and its deadline point, which the
   * caveats name for that method in place of the plan generated at the desired start.
   */
  plan?: { method: Method; deadlinePoint: DeadlinePoint };
};

/**
 * Whom the reasons speak of and from when they count: "The partner" and today on our staff's pages;
 * the partner's name and the document's month in a proposal.
 */
type Voice = { who: string; document: boolean; from?: Month };

function voiceOf(options: RecommendOptions): Voice {
  const doc = options.document;
  if (doc) return { who: doc.partnerName, document: true, from: isIsoDate(doc.date) ? monthOf(doc.date) : options.today };
  return { who: "The partner", document: false, from: options.today };
}

export type PartnerTimeFit = {
  /**
   * `fits`: its span at its minimum within the months the partner's time gives (the ranking turns on this); `keeps`: its whole plan, planning and follow-on included, keeps the time
   * (said beside the recommendation when it does not); `minMonths`: its shortest whole plan;
   * `spanMonths`: its span's minimum; `leadMonths`: its planning before the span; `deadlinePoint`: the item that plan's span ends with and its day.
   */
  methods: Partial<
    Record<Method, { keeps: boolean; fits: boolean; minMonths: number; spanMonths: number; leadMonths?: number; deadlinePoint?: DeadlinePoint }>
  >;
  /** "The partner's time: 11 months from March 2027, to the hard deadline, …" (partnerTime). */
  words: string | null;
  /** The deadline a later start is judged too late for: the hard deadline, or the aim's date (docs/domain.md §8.6). */
  deadline?: BindingDeadline;
  /**
   * The teams or sites the plans were laid out for: the intake's count, or the partner record's where the
   * intake gives none (planning-inputs.ts), as the small request's offer counts them.
   */
  teams?: number;
};

/** Whether a method's core fits the partner's time under a profile: as judged, or, for another horizon, by its span's minimum. */
type FitsTime = (profile: Profile, method: Method) => boolean;

function fitsTimeFor(base: Profile, time: PartnerTimeFit | undefined): FitsTime {
  return (profile, method) => {
    const t = time?.methods[method];
    if (!t) return true;
    return profile.horizonMonths === base.horizonMonths ? t.fits : profile.horizonMonths === undefined || profile.horizonMonths >= t.spanMonths;
  };
}

// What the intake says, reduced to one answer per criterion

type EvidenceLevel = (typeof CRITERION_ROWS.evidence)[number];
type SupportLevel = (typeof CRITERION_ROWS.support)[number];
type Urgency = (typeof CRITERION_ROWS.urgency)[number];

type Profile = {
  evidence?: EvidenceLevel;
  sites?: number;
  support?: SupportLevel;
  /** The partner's time: the months from the desired start to the limit that binds (the longest duration, or the hard deadline). */
  horizonMonths?: number;
  /** The longest duration, and the months from the desired start to the hard deadline: each limit on its own. */
  longestMonths?: number;
  deadlineMonths?: number;
  /**
   * Each method's plan outside its span: `outside`, its planning and follow-on, which the longest duration
   * counts too; `lead`, its planning before the span, which the hard deadline counts (docs/domain.md §8.6);
   * `min`, its shortest whole plan.
   */
  plans?: Partial<Record<Method, { outside: number; lead: number; min: number }>>;
  urgency?: Urgency;
  partnerType?: PartnerKind;
  aimStyle?: AimStyle;
  breadth?: Breadth;
  capability?: YesNo;
  mobilisation?: YesNo;
};

export type Maturity = "proven" | "promising" | "immature";

export const MATURITY_LABELS: Record<Maturity, string> = { proven: "Proven", promising: "Promising", immature: "Immature" };

/** One priority's maturity, by the rule the weights file states (`evidenceRule`). */
export function maturity(e?: PriorityEvidence): Maturity | undefined {
  if (!e) return undefined;
  if (e.degreeOfBelief === "low" || e.changePackage === "no") return "immature";
  if (e.degreeOfBelief === "high" && e.changePackage === "yes" && e.brightSpots !== "no") return "proven";
  if (e.degreeOfBelief || e.changePackage) return "promising";
  return undefined;
}

function evidenceLevel(maturities: Maturity[]): EvidenceLevel | undefined {
  if (maturities.length === 0) return undefined;
  if (maturities.every((m) => m === "proven")) return "proven";
  if (maturities.every((m) => m === "immature")) return "immature";
  return maturities.includes("immature") ? "mixed" : "promising";
}

function supportLevel(projectLeads?: YesPartlyNo, canReleaseTeams?: YesPartlyNo): SupportLevel | undefined {
  if (projectLeads === undefined && canReleaseTeams === undefined) return undefined;
  if (projectLeads === "yes" && canReleaseTeams === "yes") return "high";
  if ((projectLeads ?? "no") !== "yes" && (canReleaseTeams ?? "no") !== "yes" && [projectLeads, canReleaseTeams].includes("no")) return "low";
  return "medium";
}

/**
 * Months from the desired start to the hard deadline, or from this month while no start is given: the
 * horizon (the duration criterion) and the urgency count the same months, so that a deadline near
 * enough to count against a long build-up also shortens the horizon a long plan is scored on.
 */
function deadlineMonths(intake: Intake, today: Month | undefined): number | undefined {
  const { desiredStart, hardDeadline } = intake.scale;
  if (!isIsoDate(hardDeadline)) return undefined;
  if (isMonth(desiredStart)) return monthsUntil(desiredStart, hardDeadline);
  return today && isMonth(today) ? monthsUntil(today, hardDeadline) : undefined;
}

/** Months from today to the desired start; a start already past counts as now. */
function monthsToStart(intake: Intake, today?: Month): number | undefined {
  const { desiredStart } = intake.scale;
  return isMonth(desiredStart) && today && isMonth(today) ? Math.max(0, monthsBetween(today, desiredStart)) : undefined;
}

/**
 * Urgency: a hard deadline near the start (within `deadlineWithinMonths`), a desired start soon
 * (within `startSoonMonths` of today), both, or neither. Unanswered while neither can be known.
 */
function urgencyOf(intake: Intake, weights: MethodWeights, today?: Month): Urgency | undefined {
  const { deadlineWithinMonths, startSoonMonths } = weights.urgency;
  const untilDeadline = deadlineMonths(intake, today);
  const toStart = monthsToStart(intake, today);
  if (untilDeadline === undefined && toStart === undefined) return undefined;
  const near = untilDeadline !== undefined && untilDeadline <= deadlineWithinMonths;
  const soon = toStart !== undefined && toStart <= startSoonMonths;
  return near && soon ? "deadline and soon" : near ? "deadline" : soon ? "soon" : "no pressure";
}

const KIND_FROM_GEOGRAPHY = { organisation: "hospital", system: "health_system", region: "region", nation: "nation" } as const;

function profileOf(intake: Intake, weights: MethodWeights, options: RecommendOptions): Profile {
  const maturities = prioritiesWithEvidence(intake)
    .map((p) => maturity(p.evidence))
    .filter((m): m is Maturity => m !== undefined);
  const longest = intake.scale.longestDurationMonths;
  const deadline = deadlineMonths(intake, options.today);
  const horizons = [longest, deadline].filter((h): h is number => h !== undefined);
  const plans = Object.fromEntries(
    Object.entries(options.time?.methods ?? {}).map(([m, t]) => [
      m,
      { outside: Math.max(0, t.minMonths - t.spanMonths), lead: t.leadMonths ?? 0, min: t.minMonths },
    ])
  );
  const geography = intake.context.geographyScope;
  return {
    evidence: evidenceLevel(maturities),
    sites: intake.scale.expectedSites ?? intake.context.sites,
    support: supportLevel(intake.capacity.projectLeads, intake.capacity.canReleaseTeams),
    horizonMonths: horizons.length ? Math.max(0, Math.min(...horizons)) : undefined,
    longestMonths: longest,
    deadlineMonths: deadline,
    plans,
    urgency: urgencyOf(intake, weights, options.today),
    partnerType: intake.context.partnerKind ?? (geography && KIND_FROM_GEOGRAPHY[geography]),
    aimStyle: intake.evidence.aimStyle,
    breadth: intake.evidence.breadth,
    capability: intake.evidence.wantsCapabilityBuilding,
    mobilisation: intake.evidence.wantsPublicMobilisation,
  };
}

/**
 * The months the partner's time leaves a method's span, its core (docs/domain.md §2.2): the longest
 * duration counts the whole plan from the desired start, planning and follow-on included, so they are
 * taken from it; the hard deadline counts to the span's end, so only the planning before it is. Without
 * the method's plan, the partner's time itself.
 */
function coreMonths(profile: Profile, method: Method): number | undefined {
  const plan = profile.plans?.[method];
  if (!plan || profile.horizonMonths === undefined) return profile.horizonMonths;
  const limits = [
    profile.longestMonths !== undefined && profile.longestMonths - plan.outside,
    profile.deadlineMonths !== undefined && profile.deadlineMonths - plan.lead,
  ].filter((m): m is number => typeof m === "number");
  return limits.length ? Math.max(0, Math.min(...limits)) : profile.horizonMonths;
}

/** The row of the weights that applies, or undefined when the criterion is unanswered; the duration's by the method's core months when a method is given. */
function answerOf(profile: Profile, criterion: Criterion, method?: Method): string | undefined {
  const { sites } = profile;
  const h = method ? coreMonths(profile, method) : profile.horizonMonths;
  switch (criterion) {
    case "evidence":
      return profile.evidence;
    case "sites":
      if (sites === undefined) return undefined;
      return sites <= 5
        ? "1–5"
        : sites <= 11
        ? "6–11"
        : sites <= 60
        ? "12–60"
        : sites <= 160
        ? "61–160"
        : sites < 300
        ? "161–299"
        : sites < 1000
        ? "300–999"
        : "1,000+";
    case "support":
      return profile.support;
    case "duration":
      if (h === undefined) return undefined;
      return h < 6 ? "under 6" : h <= 11 ? "6–11" : h <= 15 ? "12–15" : h <= 24 ? "16–24" : h <= 35 ? "25–35" : "36+";
    case "urgency":
      return profile.urgency;
    case "partner_type":
      return profile.partnerType;
    case "aim_style":
      return profile.aimStyle;
    case "breadth":
      return profile.breadth;
    case "capability":
      return profile.capability;
    case "mobilisation":
      return profile.mobilisation;
  }
}

function pointsOf(weights: MethodWeights, profile: Profile, criterion: Criterion, method: Method): number | undefined {
  const answer = answerOf(profile, criterion, method);
  return answer === undefined ? undefined : weights.criteria[criterion].rows[answer]!.points[method];
}

function scoresOf(weights: MethodWeights, profile: Profile): Record<Method, number> {
  const scores = {} as Record<Method, number>;
  for (const m of METHODS) {
    let total = weights.baseScore;
    for (const c of CRITERIA) total += pointsOf(weights, profile, c, m) ?? 0;
    scores[m] = Math.max(0, Math.min(100, Math.round(total)));
  }
  return scores;
}

/**
 * Best first. A method that can keep the partner's time comes before any that cannot (docs/domain.md
 * §2.2): a score cannot buy the months a method's shortest plan needs. When none can, the scores alone rank.
 */
function rankOf(scores: Record<Method, number>, keeps: (m: Method) => boolean = () => true): Method[] {
  const anyKeeps = METHODS.some(keeps);
  const timeRank = (m: Method) => (anyKeeps && !keeps(m) ? 1 : 0);
  return [...METHODS].sort((a, b) => timeRank(a) - timeRank(b) || scores[b] - scores[a] || METHODS.indexOf(a) - METHODS.indexOf(b));
}

// Reasons: what the partner said, in words

const PACKAGE_WORDS = { yes: "a proven change package", partly: "a change package still being developed", no: "no change package yet" };

function evidenceWords(e?: PriorityEvidence): string[] {
  return [
    e?.degreeOfBelief && `${e.degreeOfBelief} degree of belief`,
    e?.changePackage && PACKAGE_WORDS[e.changePackage],
    e?.brightSpots === "yes" && "some sites already much better",
    e?.brightSpots === "no" && "no sites yet much better",
  ].filter((w): w is string => typeof w === "string");
}

function evidenceFacts(intake: Intake, voice: Voice): string {
  const judged = prioritiesInSentences(intake).filter((p) => maturity(p.evidence) !== undefined);
  if (voice.document) return evidenceSentences(judged);
  const facts = judged.map(({ short, evidence: e }) => `${short}: ${evidenceWords(e).join(", ")}`);
  return `${capitalise(facts.join("; "))}.`;
}

const BELIEF_ORDER = ["high", "moderate", "low"] as const;

/** "a", "a, and b", "a, b, and c": for items that are lists themselves ("high for A and B, and moderate for C"). */
const serialList = (items: string[]) => (items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")}, and ${items.at(-1)}`);

/**
 * The evidence as a partner reads it: which priorities have a tested change package and what that
 * means, how strongly the changes are believed to work, and where sites already do much better. Whole
 * sentences; the priority-by-priority detail is in the internal briefing (`evidenceByPriority`). A
 * statement true of every priority says so ("all three priorities") instead of listing them again.
 */
function evidenceSentences(judged: { short: string; evidence?: PriorityEvidence }[]): string {
  const where = (pick: (e: PriorityEvidence) => boolean) => judged.filter((p) => p.evidence && pick(p.evidence)).map((p) => p.short);
  const every = judged.length === 2 ? "both priorities" : `all ${NUMBER_WORDS[judged.length] ?? judged.length} priorities`;
  let named = false;
  /** The priorities a statement is about: "VAP and sepsis"; "all three priorities (VAP, CLABSI and sepsis)" the first time it is all of them, "all three priorities" after. */
  const topics = (list: string[]) => {
    if (judged.length < 2 || list.length < judged.length) return listOf(list);
    if (named) return every;
    named = true;
    return `${every} (${listOf(list)})`;
  };
  /** " for VAP", " for all three priorities", or nothing when the sentence before named the one priority. */
  const about = (word: string, list: string[]) => (judged.length === 1 ? "" : ` ${word} ${topics(list)}`);
  const proven = where((e) => e.changePackage === "yes");
  const developing = where((e) => e.changePackage === "partly");
  const none = where((e) => e.changePackage === "no");
  const many = (list: string[]) => list.length > 1;
  const beliefs = BELIEF_ORDER.map((level) => ({ level, topics: where((e) => e.degreeOfBelief === level) })).filter((b) => b.topics.length);
  const better = where((e) => e.brightSpots === "yes");
  const notBetter = where((e) => e.brightSpots === "no");
  return [
    proven.length && `There is a proven change package for ${topics(proven)}: changes already tested elsewhere, to adopt rather than invent.`,
    developing.length &&
      `The change package${many(developing) ? "s" : ""} for ${topics(developing)} ${many(developing) ? "are" : "is"} still being developed, so ${
        many(developing) ? "they need" : "it needs"
      } finishing and testing before ${many(developing) ? "they are" : "it is"} spread.`,
    none.length &&
      `There is no change package yet for ${topics(none)}: the changes that would improve ${many(none) ? "them" : "it"} still have to be developed and tested.`,
    beliefs.length &&
      `The degree of belief that the changes will work is ${
        beliefs.length === 1 ? `${beliefs[0]!.level}${about("for", beliefs[0]!.topics)}` : serialList(beliefs.map((b) => `${b.level} for ${topics(b.topics)}`))
      }.`,
    better.length
      ? `Some sites or teams already achieve much better results on ${topics(better)}${notBetter.length ? `; none yet on ${topics(notBetter)}` : ""}.`
      : notBetter.length && `No site or team is yet much better than the others on ${topics(notBetter)}.`,
  ]
    .filter((t): t is string => typeof t === "string")
    .join(" ");
}

const NUMBER_WORDS: Record<number, string> = { 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten" };

/**
 * The partner's time to their deadline and to their start. Without a hard deadline, the date the aim
 * names is the deadline a plan is judged by (docs/domain.md §8.6), so it is said as one; that there is
 * no deadline at all is said only where it is not a reason against the method (`against`): it never
 * counts against one.
 */
function urgencyFacts(intake: Intake, weights: MethodWeights, voice: Voice, today: Month | undefined, against: boolean): string {
  const { desiredStart, hardDeadline } = intake.scale;
  const aimBy = intake.evidence.aimByWhen;
  const deadline = deadlineMonths(intake, today);
  const toStart = monthsToStart(intake, today);
  const start = voice.document && isMonth(desiredStart) ? formatMonth(desiredStart) : "the desired start";
  const aimIn = isMonth(desiredStart) && isMonth(aimBy) ? monthsUntil(desiredStart, lastDayOf(aimBy)) : undefined;
  const parts = [
    hardDeadline &&
      (deadline !== undefined
        ? `${deadlineClause(intake, voice, today)}${deadline <= weights.urgency.deadlineWithinMonths ? "" : ", which leaves time"}.`
        : `There is a hard deadline: ${formatDate(hardDeadline)}.`),
    !hardDeadline &&
      isMonth(aimBy) &&
      `${ofName(voice.who, "aim", { capital: true })} is to be met by ${formatMonth(aimBy)}${
        aimIn !== undefined ? `, ${plural(Math.max(0, aimIn), "month", "months")} from ${start}` : ""
      }.`,
    !hardDeadline && !isMonth(aimBy) && !against && "There is no hard deadline.",
    voice.document ? startInDocument(intake, weights, voice) : toStart !== undefined && startFromNow(desiredStart ?? "", toStart, weights),
  ];
  return parts.filter(Boolean).join(" ");
}

/**
 * The hard deadline counted from the start, in the same words in the duration and the urgency reasons
 * (docs/domain.md §8.6): where both are read together, the sentence is said once (`sharedFact`).
 */
function deadlineClause(intake: Intake, voice: Voice, today: Month | undefined): string {
  const { desiredStart, hardDeadline } = intake.scale;
  const months = plural(Math.max(0, deadlineMonths(intake, today) ?? 0), "month", "months");
  // Without a desired start, the months count from now (from the document's date in a proposal).
  if (!isMonth(desiredStart))
    return `The hard deadline, ${formatDate(hardDeadline ?? "")}, is ${months} ${voice.document ? "after the date of this proposal" : "from now"}`;
  const start = voice.document ? `the start in ${formatMonth(desiredStart)}` : "the desired start";
  return `The hard deadline, ${formatDate(hardDeadline ?? "")}, comes ${months} after ${start}`;
}

/** The start the partner's time counts from: "the desired start" on our staff's pages, "the start in March 2027" in a proposal. */
function startWords(intake: Intake, voice: Voice): string {
  const { desiredStart } = intake.scale;
  return voice.document && isMonth(desiredStart) ? `the start in ${formatMonth(desiredStart)}` : "the desired start";
}

/** When the partner wants to start, counted from today: for our staff's pages, which are read live. */
function startFromNow(desiredStart: Month, toStart: number, weights: MethodWeights): string {
  if (toStart === 0) return `The partner wants to start now (${formatMonth(desiredStart)}).`;
  const from = `The partner wants to start in ${formatMonth(desiredStart)}, ${plural(toStart, "month", "months")} from now`;
  return toStart <= weights.urgency.startSoonMonths ? `${from}.` : `${from}, which is not soon.`;
}

/** When the partner wants to start, counted from the document's own date: it stays true however late the version is read. */
function startInDocument(intake: Intake, weights: MethodWeights, voice: Voice): string | undefined {
  const { desiredStart } = intake.scale;
  if (!isMonth(desiredStart) || !voice.from || !isMonth(voice.from)) return undefined;
  const month = formatMonth(desiredStart);
  const after = monthsBetween(voice.from, desiredStart);
  if (after < 0) return `${voice.who} wants to start at once: it asked to start in ${month}, before the date of this proposal.`;
  if (after === 0) return `${voice.who} wants to start in ${month}, the month of this proposal.`;
  // Said by the threshold the urgency is judged by, not by the count of months: a version made a month
  // later reads the same unless the judgement itself changed.
  const soon = plural(weights.urgency.startSoonMonths, "month", "months");
  return after <= weights.urgency.startSoonMonths
    ? `${voice.who} wants to start in ${month}, within ${soon} of the date of this proposal.`
    : `${voice.who} wants to start in ${month}, more than ${soon} after the date of this proposal, which leaves time to prepare.`;
}

/** Whether the sites can give a project lead time, and release teams for learning sessions, in whole sentences. */
const PROJECT_LEAD_WORDS: Record<YesPartlyNo, string> = {
  yes: "Every site can give a project lead 20–40% of their time.",
  partly: "Only some sites can give a project lead 20–40% of their time, or they can give less time.",
  no: "The sites cannot give a project lead 20–40% of their time.",
};
/** Whether the sites can release a team, for what the method has them do: a collaborative's learning sessions, or the work. */
const RELEASE_TEAM_WORDS: Record<YesPartlyNo, (forWhat: string) => string> = {
  yes: (forWhat) => `Every site can release a team for ${forWhat}.`,
  partly: (forWhat) => `Only some sites can release a team for ${forWhat}.`,
  no: (forWhat) => `The sites cannot release teams for ${forWhat}.`,
};
const AIM_STYLE_WORDS: Record<AimStyle, (who: string) => string> = {
  team: () => "Each team is to set its own aims under a shared aim.",
  bold: (who) => `${who} wants one bold numeric aim with a public deadline.`,
  system: (who) => `${ofName(who, "aims", { capital: true })} are system-level, such as hospital mortality.`,
};
/** The kind of partner as a proposal says it of the partner by name ("Eastmere Regional Health Authority works across a region"). */
const KIND_IN_DOCUMENT: Record<PartnerKind, string> = {
  hospital: "is a hospital",
  health_system: "is a health system",
  association: "is an association or network of hospitals",
  region: "works across a region",
  nation: "works across a nation",
};
/** The same, when only the geography of the work is known. */
const SCALE_IN_DOCUMENT: Record<PartnerKind, string> = {
  hospital: "works at the scale of one organisation",
  health_system: "works at the scale of a health system",
  association: "works at the scale of a network of hospitals",
  region: "works at the scale of a region",
  nation: "works at the scale of a nation",
};
const BREADTH_WORDS: Record<Breadth, string> = {
  focused: "The work is on one focused topic.",
  several: "The work spans several workstreams.",
};

/** What each method's plan holds besides its span (with the verb it takes), and what its span is, as the duration's reason names them. */
const OUTSIDE_WORDS: Record<Method, { outside: string; take: string; lead: string; core: string }> = {
  collaborative: { outside: "planning and final report", take: "take", lead: "its planning", core: "the collaborative from prework to the summative congress" },
  campaign: { outside: "design and sustain period", take: "takes", lead: "its design before the launch", core: "the campaign from its launch to its deadline" },
  tailored: { outside: "set-up and follow-on", take: "take", lead: "its set-up", core: "the initiative itself" },
};

/**
 * The duration judged by the method's whole plan (docs/domain.md §2.2): what its planning and follow-on
 * take of the partner's time, counted as the longest duration counts it, from the start to the end of
 * all the work, and what they leave its span, which the points are given for. `from` is the start the
 * months count from ("the desired start"; "the start in March 2027" in a proposal). Nothing when its
 * plan holds nothing outside its span, or is not known.
 */
function wholePlanWords(method: Method, profile: Profile, from: string): string | undefined {
  const plan = profile.plans?.[method];
  const core = coreMonths(profile, method);
  if (!plan || core === undefined) return undefined;
  const words = OUTSIDE_WORDS[method];
  const byLongest = profile.longestMonths !== undefined && profile.longestMonths - plan.outside === core;
  if (byLongest && plan.outside > 0)
    return `The ${plural(profile.longestMonths!, "month", "months")} count from ${from} to the end of all the work: ${METHOD_NOUNS[method]}'s ${
      words.outside
    } ${words.take} ${plan.outside} of them, leaving ${core > 0 ? core : "none"} for ${words.core} (its whole plan needs at least ${plural(
      plan.min,
      "month",
      "months"
    )}).`;
  if (!byLongest && profile.deadlineMonths !== undefined && plan.lead > 0)
    return `${capitalise(words.lead)} takes ${plural(plan.lead, "month", "months")}, ${core > 0 ? `leaving ${core}` : "leaving none"} of the ${plural(
      profile.deadlineMonths,
      "month",
      "months"
    )} to the hard deadline for ${words.core}.`;
  return undefined;
}

/** What the intake says, criterion by criterion, as the reasons state it; `urgencyAgainst`, the urgency as a reason against a method. */
function factsOf(
  intake: Intake,
  profile: Profile,
  weights: MethodWeights,
  voice: Voice,
  today?: Month
): Record<Criterion, string> & { urgencyAgainst: string; supportWithoutSessions: string; sharedFact: string | undefined } {
  const { scale, context, capacity } = intake;
  const { who } = voice;
  const deadline = deadlineMonths(intake, today);
  // The hard deadline counted from the start: the duration's reason and the urgency's both say it.
  const sharedFact = deadline !== undefined ? `${deadlineClause(intake, voice, today)}.` : undefined;
  // Our staff read that the intake has not answered a question yet; the partner reads that it is not yet known.
  const unknown = voice.document ? "is not yet known" : "is not answered yet";
  // An aim due before the hard deadline is what the plan is judged by (docs/domain.md §8.6): said beside the deadline.
  const aimBy = intake.evidence.aimByWhen;
  const aimFirst =
    scale.hardDeadline && isMonth(aimBy) && isMonth(scale.desiredStart) && lastDayOf(aimBy) < scale.hardDeadline
      ? `${ofName(who, "aim", { capital: true })} is to be met by ${formatMonth(aimBy)}, ${plural(
          Math.max(0, monthsUntil(scale.desiredStart, lastDayOf(aimBy))),
          "month",
          "months"
        )} after ${voice.document ? `the start in ${formatMonth(scale.desiredStart)}` : "the desired start"}, before the hard deadline.`
      : undefined;
  const duration = [
    scale.longestDurationMonths !== undefined && `${who} can commit to at most ${plural(scale.longestDurationMonths, "month", "months")}.`,
    sharedFact,
    aimFirst,
  ].filter(Boolean);
  const sites =
    scale.expectedSites !== undefined
      ? `${plural(scale.expectedSites, "site or team is", "sites or teams are")} expected to take part.`
      : `${who} has ${plural(context.sites ?? 0, "site", "sites")} in all; how many will take part ${unknown}.`;
  const kind = profile.partnerType && lowerFirst(ANSWER_LABELS.partnerKind[profile.partnerType]);
  const projectLead = capacity.projectLeads
    ? PROJECT_LEAD_WORDS[capacity.projectLeads]
    : `Whether the sites can give a project lead 20–40% of their time ${unknown}.`;
  const support = (forWhat: string) =>
    [
      projectLead,
      capacity.canReleaseTeams ? RELEASE_TEAM_WORDS[capacity.canReleaseTeams](forWhat) : `Whether the sites can release teams for ${forWhat} ${unknown}.`,
    ].join(" ");
  return {
    evidence: evidenceFacts(intake, voice),
    sites,
    support: support("the learning sessions"),
    supportWithoutSessions: support("the work"),
    duration: duration.join(" "),
    urgency: urgencyFacts(intake, weights, voice, today, false),
    // A name that already says the kind ("Northshire Health System") is not told it: the rule on that kind says the rest.
    partner_type: voice.document
      ? profile.partnerType && context.partnerKind && nameSaysKind(who, profile.partnerType)
        ? ""
        : `${who} ${profile.partnerType ? (context.partnerKind ? KIND_IN_DOCUMENT : SCALE_IN_DOCUMENT)[profile.partnerType] : ""}.`
      : context.partnerKind
      ? `${who} is ${kind}.`
      : `${who} works at the scale of ${kind}.`,
    aim_style: profile.aimStyle ? AIM_STYLE_WORDS[profile.aimStyle](who) : "",
    breadth: profile.breadth ? BREADTH_WORDS[profile.breadth] : "",
    capability:
      profile.capability === "yes"
        ? `${who} wants to build its own improvement capability (a cadre of improvement advisors and coaches).`
        : `${who} does not plan to train improvement advisors and coaches of its own.`,
    mobilisation:
      profile.mobilisation === "yes" ? `${who} wants public, voluntary mobilisation of many institutions.` : `${who} does not want public mobilisation.`,
    urgencyAgainst: urgencyFacts(intake, weights, voice, today, true),
    sharedFact,
  };
}

/** A form's own reasons (docs/domain.md §2.5): each one whose answers hold the partner's, said as the partner's answer and what the form does. */
function formReasonsOf(reasons: FormReason[], profile: Profile, facts: Record<Criterion, string>): string[] {
  return reasons
    .filter((r) => r.answers.includes(answerOf(profile, r.criterion) ?? ""))
    .map((r) => [r.said ?? facts[r.criterion], r.rule].filter(Boolean).join(" "));
}

// Caveats: the known limits of each method, given this intake

function topicsWhere(intake: Intake, pick: (e?: PriorityEvidence) => boolean): string[] {
  return prioritiesInSentences(intake)
    .filter((p) => pick(p.evidence))
    .map((p) => p.short);
}

/**
 * What to watch for in each method. A site joining an open collaborative (`joining`) is not told what
 * only fits convening a collaborative of its own: to find more teams, or to finish the change package
 * with a planning group (the collaborative it joins has its teams and its change package). A short
 * tailored engagement (`short`) is told what a short engagement needs, not what a multi-year
 * initiative does (docs/domain.md §2.3).
 */
/** The deadline point a method's plan keeps: the engagement's own timeline's when it is of that method, else the plan generated at the desired start. */
function planDeadlinePoint(method: Method, options: RecommendOptions): DeadlinePoint | undefined {
  return options.plan?.method === method ? options.plan.deadlinePoint : options.time?.methods[method]?.deadlinePoint;
}

/**
 * A campaign's deadline, to announce at its launch, when no hard deadline is set: the aim's month, said
 * with the day the plan's deadline point keeps, and how far the two differ when they do (docs/domain.md
 * §2.3): the plan may run past the aim's month, with the partner's agreement.
 */
function campaignDeadlineWords(aimBy: Month, point: DeadlinePoint | undefined, voice: Voice): string {
  const aim = formatMonth(aimBy);
  const agree = (what: string) =>
    advise(
      voice,
      `agree ${what} as the campaign's deadline and announce it at the launch`,
      `we propose agreeing ${what} as the campaign's deadline and announcing it at the launch`
    );
  if (!point || !isIsoDate(point.date)) return `A campaign needs a bold aim with a fixed, public deadline; the aim is set for ${aim}: ${agree("that date")}.`;
  const day = formatDate(point.date);
  const event = `the plan's “${point.label}”`;
  // Counted as the time check counts it, from the last day of the aim's month ("3 months after the date the aim names").
  const after = monthsPast(lastDayOf(aimBy), point.date);
  if (after <= 0)
    return `A campaign needs a bold aim with a fixed, public deadline; the aim is set for ${aim}, and ${event} is held on ${day}: ${agree("that day")}.`;
  return `A campaign needs a bold aim with a fixed, public deadline; the aim is set for ${aim}, but ${event} is held on ${day}, ${describeMonths(
    after
  )} after the aim's month: ${advise(
    voice,
    `announce ${day} as the campaign's deadline at the launch, as the plan keeps it, or shorten the plan to meet ${aim} and announce that`,
    `we propose announcing ${day} as the campaign's deadline at the launch, as the plan keeps it, or shortening the plan to meet ${aim} and announcing that`
  )}.`;
}

/**
 * What to do about a limit, said to whom it is addressed: an instruction to our staff on their pages;
 * in a proposal, what we propose to the partner, never a note to ourselves ("add a stream if …").
 */
const advise = (voice: Voice, toStaff: string, toPartner: string) => (voice.document ? toPartner : toStaff);

function caveatsFor(
  method: Method,
  intake: Intake,
  profile: Profile,
  joining: RecommendOptions["joining"],
  short: boolean,
  voice: Voice,
  deadlinePoint?: DeadlinePoint
): string[] {
  const { sites, horizonMonths: h } = profile;
  const immature = topicsWhere(intake, (e) => maturity(e) === "immature");
  const unfinished = topicsWhere(intake, (e) => maturity(e) === "promising" && e?.changePackage !== "yes");
  const notProven = topicsWhere(intake, (e) => maturity(e) !== undefined && maturity(e) !== "proven");
  const { projectLeads, canReleaseTeams, seniorSponsor } = intake.capacity;
  const caveats: (string | false)[] = [];
  const convening = !joining;
  if (method === "collaborative")
    caveats.push(
      convening &&
        sites !== undefined &&
        sites < 12 &&
        `${plural(sites, "team", "teams")} is ${
          sites < 10 ? "far " : ""
        }fewer than the dozen a collaborative usually needs (IHI collaboratives bring 12 to 160 teams): learning between teams will be thin; ${advise(
          voice,
          "consider inviting teams from other organisations",
          "we propose inviting teams from other organisations to join"
        )}.`,
      sites !== undefined &&
        sites > 160 &&
        (voice.document
          ? // Our staff for each wave's sessions are ours to find, and another method is not what this proposal offers.
            `${plural(
              sites,
              "team",
              "teams"
            )} is more than the ${COLLABORATIVE_MAX_TEAMS} an IHI collaborative has held: the collaborative runs in ${collaborativeWavesWords(
              sites
            )}, each wave with its own learning sessions and calls, in one collaborative's time${
              profile.plans?.collaborative ? ` (at least ${plural(profile.plans.collaborative.min, "month")} in all)` : ""
            }.`
          : `${plural(sites, "team", "teams")} is more than the ${COLLABORATIVE_MAX_TEAMS} an IHI collaborative has held: run it in ${collaborativeWavesWords(
              sites
            )}, each wave with its own learning sessions and calls, as the plan does: it takes one collaborative's time${
              profile.plans?.collaborative ? ` (at least ${plural(profile.plans.collaborative.min, "month")} in all)` : ""
            }, and our faculty and project manager for ${collaborativeWaves(
              sites
            )} sets of sessions, our chair leading the first wave's and one of each other wave's faculty its own${
              sites >= 1000 ? "; or reach the sites through a campaign's regional nodes" : ""
            }.`),
      immature.length > 0 &&
        `Degree of belief is low, or there is no change package, for ${listOf(immature)}: ${advise(
          voice,
          "develop and test the change package first (idea generation, prototyping or a scalable unit) before a collaborative spreads it",
          "we propose developing and testing the change package first (idea generation, prototyping or a scalable unit) before the collaborative spreads it"
        )}.`,
      convening &&
        unfinished.length > 0 &&
        `The change package for ${listOf(unfinished)} is not finished: ${advise(
          voice,
          "complete it with an expert meeting and a planning group",
          "we propose completing it with an expert meeting and a planning group"
        )} before the first learning session.`,
      (canReleaseTeams === "no" || canReleaseTeams === "partly") &&
        `Not every site can release a team of about three for the three in-person learning sessions: ${advise(
          voice,
          "plan virtual sessions or regional hubs",
          "we propose virtual sessions or regional hubs for the sites that cannot"
        )}.`,
      (projectLeads === "no" || projectLeads === "partly") &&
        `A collaborative needs a project lead at every site giving 20–40% of their time; not every site has one yet${advise(
          voice,
          "",
          ": we ask each site to name one before the first learning session"
        )}.`,
      h !== undefined &&
        h < 6 &&
        `A collaborative needs 6 to 15 months (three learning sessions with action periods between); in ${plural(h, "month", "months")}, ${advise(
          voice,
          "agree a longer commitment or run a shorter learning series",
          "we propose agreeing a longer commitment or running a shorter learning series"
        )}.`
    );
  if (method === "campaign")
    caveats.push(
      notProven.length > 0 &&
        `A campaign needs a few simple interventions with a very high degree of belief; ${listOf(notProven)} ${
          notProven.length === 1 ? "is" : "are"
        } not there yet: ${advise(
          voice,
          "test the changes",
          "we propose testing the changes"
        )} at a few sites before the campaign asks every site to adopt them.`,
      sites !== undefined &&
        sites < 100 &&
        (sites < 20
          ? `A campaign draws its force from hundreds of institutions joining in public; ${plural(sites, "site", "sites")} cannot give it that: ${advise(
              voice,
              "a collaborative or a tailored initiative fits better, unless many other organisations join",
              "we propose opening it to many other organisations; without them, a collaborative or a tailored initiative would fit better"
            )}.`
          : `A campaign draws its force from hundreds of institutions joining in public; with ${plural(sites, "site", "sites")}, ${advise(
              voice,
              "open it to other organisations and name mentor sites",
              "we propose opening it to other organisations and naming mentor sites"
            )} so that it reaches that scale.`),
      h !== undefined &&
        h < 18 &&
        `IHI campaigns ran 18 to 24 months to a fixed deadline; in ${plural(h, "month", "months")}, ${advise(
          voice,
          "keep to fewer interventions and a deadline the sites can meet",
          "we propose fewer interventions and a deadline the sites can meet"
        )}.`,
      intake.scale.hardDeadline === undefined &&
        (intake.evidence.aimByWhen
          ? campaignDeadlineWords(intake.evidence.aimByWhen, deadlinePoint, voice)
          : `A campaign needs a bold aim with a fixed, public deadline; none is set yet: ${advise(
              voice,
              "agree one and announce it at the launch",
              "we propose agreeing one together and announcing it at the launch"
            )}.`),
      // The partner said it wants its own improvement advisors and coaches (the intake): a proposal says what we propose for it,
      // as its capability section does, never "if" it wants them.
      profile.capability === "yes" &&
        (voice.document
          ? `A campaign alone builds little improvement capability, and ${voice.who} wants improvement advisors and coaches of its own: we propose training them in a capability-building stream alongside the campaign, as the section on capability building says.`
          : "A campaign builds little improvement capability, and the partner wants its own improvement advisors and coaches: add a capability-building stream alongside the campaign.")
    );
  if (method === "tailored" && short) caveats.push(...shortCaveats(intake, profile, voice));
  else if (method === "tailored")
    caveats.push(
      h !== undefined &&
        h < 36 &&
        `Tailored initiatives run several years (the Scottish Patient Safety Programme ran five); in ${plural(h, "month", "months")}, ${advise(
          voice,
          "scope a first phase and agree what follows",
          "we propose scoping a first phase within them and agreeing what follows"
        )}.`,
      seniorSponsor !== "yes" &&
        `A tailored initiative rests on committed leadership at all levels; ${
          seniorSponsor === "partly"
            ? "the senior sponsor is not yet committed"
            : seniorSponsor === "no"
            ? "there is no senior sponsor"
            : "a senior sponsor is not confirmed yet"
        }: ${advise(voice, "secure a committed sponsor", `we ask ${voice.who} to secure a committed sponsor`)} before the work starts.`
    );
  return caveats.filter((c): c is string => typeof c === "string");
}

/**
 * A short tailored engagement's limits (docs/domain.md §2.3, §2.5): it is for one site or a few, it is
 * steered monthly by the partner's senior sponsor, it works to an aim agreed for its own sites, and it
 * ends before improvement advisors of the partner's own could be trained. Its time is judged with its
 * own plan (the proposal's time risk), not against a tailored initiative's years.
 */
function shortCaveats(intake: Intake, profile: Profile, voice: Voice): (string | false)[] {
  const { sites } = profile;
  const { seniorSponsor } = intake.capacity;
  const who = voice.document ? voice.who : "the partner";
  const Who = capitalise(who);
  const theirAims = ofName(Who, "aims", { capital: true });
  return [
    sites !== undefined &&
      sites >= 12 &&
      `A short tailored engagement is for one site or a few and does not spread the work further; with ${plural(sites, "site")}, ${advise(
        voice,
        "choose the few it works with, or plan a tailored initiative that spreads the work to the others",
        "we propose choosing the few it works with, or a tailored initiative that spreads the work to the others"
      )}.`,
    seniorSponsor !== "yes" &&
      `A short tailored engagement is steered each month by ${ofName(who, "senior sponsor")}, who agrees the aim and reviews the results; ${
        seniorSponsor === "partly"
          ? "the senior sponsor is not yet committed"
          : seniorSponsor === "no"
          ? "there is no senior sponsor"
          : "a senior sponsor is not confirmed yet"
      }: ${advise(voice, "secure a committed sponsor", `we ask ${who} to secure a committed sponsor`)} before the diagnostic.`,
    profile.aimStyle === "system" &&
      `${theirAims} are system-level; a short tailored engagement works to an aim for the sites taking part: ${advise(
        voice,
        "agree it with their leaders",
        "we propose agreeing it with their leaders"
      )} after the diagnostic.`,
    profile.capability === "yes" &&
      `${Who} wants improvement advisors of its own; they take about a year to develop, longer than a short tailored engagement: ${advise(
        voice,
        "agree a programme to train them",
        "we propose agreeing a programme to train them"
      )} after the hand-over.`,
  ];
}

// Composition: a tailored initiative can hold collaborative waves and campaign elements (docs/domain.md §2.3)

function compositionFor(method: Method, intake: Intake, profile: Profile): string[] {
  const ready = topicsWhere(intake, (e) => maturity(e) === "proven" || maturity(e) === "promising");
  const immature = topicsWhere(intake, (e) => maturity(e) === "immature");
  const sites = profile.sites ?? 0;
  const parts: (string | false)[] = [];
  if (method === "tailored")
    parts.push(
      immature.length > 0 &&
        `Begin with a scalable unit: develop and test the change package for ${listOf(immature)} in a few pilot sites before spreading it.`,
      sites >= 12 && ready.length > 0 && `Run ${listOf(ready)} as collaborative waves of 12 to 160 teams inside the initiative.`,
      (profile.mobilisation === "yes" || sites >= 200) &&
        ready.length > 0 &&
        `Add campaign elements for ${listOf(ready)}: a public aim with a deadline, open enrolment and mentor sites.`,
      profile.capability === "yes" && "Run a capability-building stream from the first year: improvement advisors, coaches and fellows."
    );
  if (method === "collaborative")
    parts.push(
      sites > COLLABORATIVE_MAX_TEAMS && `Run the collaborative in ${collaborativeWavesWords(sites)}.`,
      // Leaving out every priority would leave the first wave nothing to work on: the package is tested first.
      immature.length > 0 &&
        (ready.length > 0
          ? `Leave ${listOf(immature)} out of the first wave until ${immature.length === 1 ? "its" : "their"} change package is tested.`
          : `No priority has a tested change package yet: test one for ${listOf(immature)} at a few pilot sites before the collaborative's first wave.`),
      profile.capability === "yes" &&
        "Add a capability-building stream (improvement advisors and coaches) alongside the collaborative, or make it a wave inside a tailored initiative.",
      profile.mobilisation === "yes" && "Add campaign elements (a public aim, open enrolment) to reach institutions beyond the collaborative."
    );
  if (method === "campaign") {
    const unproven = topicsWhere(intake, (e) => maturity(e) !== undefined && maturity(e) !== "proven");
    parts.push(
      unproven.length > 0 &&
        `Keep ${listOf(unproven)} out of the campaign's interventions until a collaborative has proven ${unproven.length === 1 ? "it" : "them"}.`,
      profile.capability === "yes" && "Add a capability-building stream: a campaign alone builds little improvement capability."
    );
  }
  return parts.filter((p): p is string => typeof p === "string");
}

// What would change the recommendation: for each other method, up to three changes of the partner's
// answers that put it first, each chosen greedily as the one that helps it most. Our capacity is never
// one of them.

type Change = { group: Criterion; text: string; apply: (p: Profile) => Profile };

/** The partner's time as a longest duration of `months`, with no nearer deadline. */
const moreTime = (p: Profile, months: number): Profile => ({ ...p, horizonMonths: months, longestMonths: months, deadlineMonths: undefined });

function changesFor(profile: Profile): Change[] {
  const changes: Change[] = [
    { group: "evidence", text: "a high degree of belief in a proven change package", apply: (p) => ({ ...p, evidence: "proven" }) },
    { group: "evidence", text: "a moderate degree of belief", apply: (p) => ({ ...p, evidence: "promising" }) },
    { group: "evidence", text: "evidence that is strong for some priorities and weak for others", apply: (p) => ({ ...p, evidence: "mixed" }) },
    { group: "evidence", text: "a low degree of belief (no tested change package yet)", apply: (p) => ({ ...p, evidence: "immature" }) },
    { group: "sites", text: "fewer than a dozen sites", apply: (p) => ({ ...p, sites: 8 }) },
    { group: "sites", text: "a few dozen sites", apply: (p) => ({ ...p, sites: 30 }) },
    { group: "sites", text: "about 100 sites", apply: (p) => ({ ...p, sites: 100 }) },
    { group: "sites", text: "200+ sites", apply: (p) => ({ ...p, sites: 250 }) },
    { group: "sites", text: "several hundred sites", apply: (p) => ({ ...p, sites: 500 }) },
    { group: "sites", text: "thousands of sites", apply: (p) => ({ ...p, sites: 2000 }) },
    // The partner's time in all, planning and follow-on included, as the longest duration counts it.
    { group: "duration", text: "about a year in all", apply: (p) => moreTime(p, 12) },
    { group: "duration", text: "two to three years in all", apply: (p) => moreTime(p, 30) },
    { group: "duration", text: "several years in all", apply: (p) => moreTime(p, 48) },
    { group: "urgency", text: "a hard deadline within two years", apply: (p) => ({ ...p, urgency: "deadline" }) },
    { group: "urgency", text: "no near deadline and no rush to start", apply: (p) => ({ ...p, urgency: "no pressure" }) },
    {
      group: "support",
      text: "a project lead and a team for learning sessions at every site",
      apply: (p) => ({ ...p, support: "high" }),
    },
    { group: "support", text: "sites unable to give project leads time or release teams", apply: (p) => ({ ...p, support: "low" }) },
    { group: "aim_style", text: "team-level aims under a shared aim", apply: (p) => ({ ...p, aimStyle: "team" }) },
    { group: "aim_style", text: "one bold numeric aim with a public deadline", apply: (p) => ({ ...p, aimStyle: "bold" }) },
    { group: "aim_style", text: "system-level aims", apply: (p) => ({ ...p, aimStyle: "system" }) },
    { group: "breadth", text: "one focused topic", apply: (p) => ({ ...p, breadth: "focused" }) },
    { group: "breadth", text: "several workstreams", apply: (p) => ({ ...p, breadth: "several" }) },
    { group: "capability", text: "a wish to build the partner's own improvement capability", apply: (p) => ({ ...p, capability: "yes" }) },
    { group: "capability", text: "no wish to build its own improvement capability", apply: (p) => ({ ...p, capability: "no" }) },
    { group: "mobilisation", text: "public, voluntary mobilisation of many institutions", apply: (p) => ({ ...p, mobilisation: "yes" }) },
    { group: "mobilisation", text: "no public mobilisation", apply: (p) => ({ ...p, mobilisation: "no" }) },
  ];
  // A change that lands in the same row as today's answer changes nothing.
  return changes.filter((c) => answerOf(c.apply(profile), c.group) !== answerOf(profile, c.group));
}

const MAX_CHANGES = 3;
/** More than any score can make up: how far behind a method is that cannot keep the partner's time while another can. */
const TIME_PENALTY = 1_000;

function whatWouldChange(weights: MethodWeights, profile: Profile, leader: Method, fitsTime: FitsTime): string[] {
  const sentences: string[] = [];
  const candidates = changesFor(profile);
  const scores = (p: Profile) => scoresOf(weights, p);
  const first = (p: Profile) => rankOf(scores(p), (m) => fitsTime(p, m))[0];
  for (const target of METHODS) {
    if (target === leader) continue;
    let current = profile;
    const used: Change[] = [];
    while (first(current) !== target && used.length < MAX_CHANGES) {
      let best: { change: Change; margin: number } | undefined;
      for (const change of candidates) {
        if (used.some((u) => u.group === change.group)) continue;
        const changed = change.apply(current);
        const s = scores(changed);
        // A method that cannot keep the partner's time is behind every one that can, whatever its score:
        // such a change counts as far behind, by its score all the same.
        const others = METHODS.filter((m) => m !== target);
        const outranked = !fitsTime(changed, target) && others.some((m) => fitsTime(changed, m));
        const margin = s[target] - Math.max(...others.map((m) => s[m])) - (outranked ? TIME_PENALTY : 0);
        if (!best || margin > best.margin) best = { change, margin };
      }
      if (!best) break;
      used.push(best.change);
      current = best.change.apply(current);
    }
    if (first(current) === target) sentences.push(`With ${listOf(used.map((c) => c.text))}, ${METHOD_NOUNS[target]} would lead.`);
  }
  return sentences;
}

export type Contribution = {
  criterion: RecommendationCriterion;
  label: string;
  points: number;
  direction: "for" | "against" | "neutral";
  reason: string;
  /** A sentence of `reason` that another criterion's reason says too (the hard deadline): where reasons are read together, said once. */
  sharedFact?: string;
};

export type RankedMethod = {
  method: Method;
  score: number;
  label: string;
  contributions: Contribution[];
  caveats: string[];
  /** Our capacity for it, beside the score: null when the Fit step could not judge it. */
  feasibility: (Feasibility & { label: string }) | null;
  /** Whether its whole plan at the desired start keeps the partner's time; null when not judged. */
  keepsTime: boolean | null;
  /** Whether its core does: its span at its minimum within the months the partner's time gives; null when not judged. */
  fitsTime: boolean | null;
  /**
   * The reasons the form of this method decided suits the partner (a short tailored engagement,
   * docs/domain.md §2.5), in the weights file's order: what its proposal says in place of the reasons
   * for the full method, which are scored on a programme across a system. Absent for a full method.
   */
  formReasons?: string[];
  /**
   * Beside its score, when it is ranked after a method that scores lower: that its plan cannot keep the
   * partner's time, which puts it there. Null when its score alone places it.
   */
  rankedByTime: string | null;
};

export type PriorityMaturity = { rank: number; label: string; maturity: Maturity | null; reason: string };

export type MethodRecommendation = {
  /** Best first on fitness for purpose; equal scores in the order of METHODS. */
  ranked: RankedMethod[];
  recommended: Method;
  /** How the recommended method should be put together (waves, campaign elements, a scalable unit first). */
  composition: string[];
  whatWouldChange: string[];
  /** Criteria the intake has not answered yet: they count for no method. */
  unanswered: string[];
  /** Evidence maturity judged priority by priority, and the rule that judges it. */
  evidence: { rule: string; priorities: PriorityMaturity[] };
  /** When our staff cannot take on the recommended method: what that means, without changing the ranking. */
  feasibilityNote: string | null;
  /**
   * The partner's time beside the recommendation, when it decides or limits it: a method that scores
   * higher but cannot keep the time, or a recommended method that cannot keep it either.
   */
  timeNote: string | null;
  /** The partner's time in one sentence, which limit binds (the Fit page says it in the same words). */
  partnerTime: string | null;
  /**
   * A request of fewer than 12 teams or sites (docs/domain.md §2.5), for which the recommendation is
   * decided before the ranking: null for a request of 12 or more, or of no count yet.
   */
  fewTeams: FewTeams | null;
};

/**
 * A request of fewer than the 12 teams a collaborative of its own needs (docs/domain.md §2.5). It is
 * never recommended a collaborative of its own, whatever the ranking of the three methods planned in
 * full: `small`, with the partner's time at most a short engagement's (or not given), it is recommended
 * the offer for a small request, whose method is the tailored one (a short tailored engagement, or
 * joining an open collaborative where one can take a team); given more time it is asking for a
 * programme, and is recommended a tailored initiative of its own, with the short engagement as the
 * alternative. `why` says the second in words; the offer says the first.
 */
export type FewTeams = { teams: number; small: boolean; why: string | null };

function fewTeamsOf(profile: Profile, time: PartnerTimeFit | undefined): FewTeams | null {
  // Counted as the small request's offer and the plans count them: the intake's, else the partner record's.
  const teams = profile.sites ?? time?.teams;
  if (teams === undefined || !Number.isFinite(teams) || teams < 1 || teams >= COLLABORATIVE_MIN_TEAMS) return null;
  const h = profile.horizonMonths;
  if (h === undefined || h <= SMALL_REQUEST_MAX_MONTHS) return { teams, small: true, why: null };
  const one = teams === 1;
  return {
    teams,
    small: false,
    why: `${plural(teams, "team or site", "teams or sites")} ${
      one ? "is" : "are"
    } fewer than the ${COLLABORATIVE_MIN_TEAMS} a collaborative of its own needs, but the partner's time, ${plural(
      Math.round(h),
      "month"
    )}, is more than a short tailored engagement holds: it is planned within a year, for a horizon of at most ${SMALL_REQUEST_MAX_MONTHS} months. A partner giving that much time is asking for a programme, not a small request, so a tailored initiative of its own is recommended${
      one ? ", spreading across the organisation's wards and units and sized as one organisation's work" : `, across its ${teams} sites`
    }. The short tailored engagement, a diagnostic and the first scalable unit, is the alternative.`,
  };
}

/**
 * The partner's time beside a tailored initiative recommended to a request of fewer than 12 teams
 * that is not small (docs/domain.md §2.5): whether its plan keeps the time, and if not, what to do.
 */
function fewTeamsTimeNote(time: PartnerTimeFit | undefined): string | null {
  const t = time?.methods.tailored;
  if (!t || t.keeps) return null;
  return `A tailored initiative's plan, as its template lays it out, needs at least ${plural(
    Math.round(t.minMonths),
    "month"
  )} in all: more than the partner's time. Shorten its phases on the Timeline page once it is chosen, agree more time with the partner, or take the short tailored engagement, which keeps the time but stops after the first scalable unit.`;
}

const direction = (points: number): Contribution["direction"] => (points > 0 ? "for" : points < 0 ? "against" : "neutral");

/** Each priority's evidence and the maturity it gives, in the words of the intake: the detail behind the evidence reason. */
export function evidenceByPriority(intake: Intake): PriorityMaturity[] {
  return prioritiesWithEvidence(intake).map(({ rank, label, evidence }) => {
    const m = maturity(evidence);
    const words = evidenceWords(evidence);
    return { rank, label, maturity: m ?? null, reason: m ? capitalise(words.join(", ")) : "No evidence answers yet." };
  });
}

/** No later start with room to spare: in the months searched, when the caller says which (docs/domain.md §8.3). */
function noLaterStart(searched: SearchWindow | undefined): string {
  return searched ? `no later start leaves room to spare (${noStartWithin(searched)})` : `no later start within ${SEARCH_MONTHS} months leaves room to spare`;
}

/**
 * Our capacity for a method in words, to follow its badge ("Tight at the desired start: …"): from
 * the one verdict at the desired start the badge shows, and the nearest start at or after it with
 * room to spare (docs/domain.md §8.3). A tight fit is a fit: it fits only if tentative bookings do
 * not go ahead, or with less than 10% to spare. The nearest start is the first at which it fits with
 * room to spare, so a method tight at every later start has none, and the words say so rather than
 * that it fits nowhere. A start before the desired one is a separate option, said only when offered.
 */
export function feasibilityWords(
  feasibility: Pick<Feasibility, "verdict" | "earliestStart" | "earlierStart" | "earliestTooLate" | "tooLongFromFirst">,
  searched?: SearchWindow,
  deadline?: BindingDeadline
): string {
  const spare = `${Math.round(DEFAULT_TIGHT_HEADROOM * 100)}%`;
  const later = feasibility.earliestStart
    ? `the nearest later start with room to spare is ${formatMonth(feasibility.earliestStart)}${
        feasibility.earliestTooLate ? `, ${lateWords(feasibility, searched, deadline)}` : ""
      }.`
    : `${noLaterStart(searched)}.`;
  const earlier = feasibility.earlierStart ? ` ${earlierWords(feasibility.earlierStart)}` : "";
  switch (feasibility.verdict) {
    case "fits":
      return "at the desired start, with room to spare.";
    case "tight":
      return `at the desired start: it fits only if tentative bookings do not go ahead, or with less than ${spare} to spare; ${later}${earlier}`;
    case "does_not_fit":
      return `at the desired start: a role is short even counting confirmed bookings only; ${later}${earlier}`;
  }
}

/** Why the nearest later start is late: the wait for our staff, or the plan's own length from the first month tried (fit-words `lateStartWords`). */
function lateWords(
  feasibility: Pick<Feasibility, "earliestStart" | "tooLongFromFirst">,
  searched: SearchWindow | undefined,
  deadline: BindingDeadline | undefined
): string {
  return searched && feasibility.earliestStart
    ? lateStartWords(deadline, feasibility.earliestStart, searched, feasibility.tooLongFromFirst ?? false)
    : tooLateFor(deadline);
}

const earlierWords = (month: string) => `Starting earlier, in ${formatMonth(month)}, would fit with room to spare.`;

function feasibilityNote(
  recommended: Method,
  feasibility: RankedMethod["feasibility"],
  joining: RecommendOptions["joining"],
  searched: SearchWindow | undefined,
  deadline: BindingDeadline | undefined
): string | null {
  if (!feasibility || feasibility.verdict === "fits") return null;
  const noun = joining && recommended === "collaborative" ? "a collaborative of its own" : METHOD_NOUNS[recommended];
  const state =
    feasibility.verdict === "tight"
      ? `Our staff capacity for ${noun} is tight at the desired start.`
      : `Our staff cannot take on ${noun} at the desired start.`;
  if (joining) {
    // Said in its own terms, not by a page of the app: the note is also read in the internal briefing.
    return `${state} This site joins the ${joining.title} instead, whose size and dates are that collaborative's own: what it asks of our staff is only its own teams' share, and our capacity is judged on that share.`;
  }
  const when = feasibility.earliestStart
    ? ` On its template timeline, the nearest later start with room to spare is ${formatMonth(feasibility.earliestStart)}${
        feasibility.earliestTooLate ? `, ${lateWords(feasibility, searched, deadline)}` : ""
      }.`
    : ` ${capitalise(noLaterStart(searched))}.`;
  const earlier = feasibility.earlierStart ? ` ${earlierWords(feasibility.earlierStart)}` : "";
  const start = feasibility.earlierStart ? "an earlier or later start" : "a later start";
  return `${state}${when}${earlier} The ranking stays on the partner's situation: plan ${start}, fewer sites, or more staff.`;
}

/** "a tailored initiative needs at least 40 months in all" */
function needsWords(method: Method, time: PartnerTimeFit): string {
  const min = time.methods[method]?.minMonths;
  return min === undefined ? `${METHOD_NOUNS[method]} cannot keep it` : `${METHOD_NOUNS[method]} needs at least ${plural(Math.round(min), "month")} in all`;
}

/**
 * Why a method is ranked after a tailored initiative of its own, recommended before the ranking to fewer
 * than 12 teams giving a programme's time (docs/domain.md §2.5), when that method scores lower. Null otherwise.
 */
function rankedByFewTeamsWords(method: Method, above: Method[], scores: Record<Method, number>, few: FewTeams): string | null {
  if (!above.includes("tailored") || scores.tailored >= scores[method]) return null;
  return `Ranked after ${METHOD_NOUNS.tailored} (${scores.tailored}/100), which scores lower, because ${plural(
    few.teams,
    "team or site is",
    "teams or sites are"
  )} fewer than the ${COLLABORATIVE_MIN_TEAMS} a collaborative of its own needs: given a programme's time, such a request is recommended a tailored initiative of its own, whatever the scores.`;
}

/**
 * Why a method is ranked after methods that score lower (docs/domain.md §2.2): its core, the method's
 * span at its minimum, does not fit the partner's time while theirs does. The ranking turns on the
 * core, not the whole plan: a method ranked above it may still need more than the partner's time with
 * its planning and follow-on, which the sentence then says too. Each method is named, never
 * "it", since the sentence speaks of two or more. Null when no method above it scores lower (a method
 * whose time was not judged is taken to fit, so is never ranked after one that scores lower).
 */
function rankedByTimeWords(method: Method, above: Method[], scores: Record<Method, number>, time: PartnerTimeFit | undefined): string | null {
  const lower = above.filter((m) => scores[m] < scores[method]);
  const t = time?.methods[method];
  if (!t || !lower.length) return null;
  const scored = lower.map((m) => `${METHOD_NOUNS[m]} (${scores[m]}/100)`);
  const own = METHOD_NOUNS[method];
  // A method ranked above it whose whole plan runs over says so here too: "fits" alone would read as the plan keeping the time.
  const over = lower.filter((m) => time?.methods[m]?.keeps === false);
  const overWords = (m: Method) =>
    `${METHOD_NOUNS[m]}'s whole plan, planning and follow-on included, needs at least ${plural(Math.round(time!.methods[m]!.minMonths), "month")}`;
  const though = over.length ? `, though ${listOf(over.map(overWords))}` : "";
  const theirs =
    lower.length === 1
      ? `${METHOD_NOUNS[lower[0]!]}'s ${over.length ? "core fits" : "fits"}${though}`
      : `the cores of ${listOf(lower.map((m) => METHOD_NOUNS[m]))} fit${though}`;
  const [core, all] = [Math.round(t.spanMonths), Math.round(t.minMonths)];
  const needs = `${own}'s core needs at least ${plural(core, "month")}, more than the partner's time`;
  const inAll = core === all ? "" : `; ${own}'s plan needs at least ${plural(all, "month")} in all`;
  return `Ranked after ${listOf(scored)}, which ${lower.length === 1 ? "scores" : "score"} lower, because ${needs}, and ${theirs}${inAll}.`;
}

/**
 * The partner's time beside the recommendation (docs/domain.md §2.2): said when a method scoring higher
 * than the recommended one cannot keep it, or when the recommended one cannot either. A recommended
 * method whose core fits but whose whole plan does not is never said to keep the time: the note says
 * what fits (its core) and what does not (its whole plan), and which method's whole plan would keep the
 * time, or that none would. Null when the time was not judged, or every method above the recommended
 * keeps it.
 */
function timeNote(ranked: RankedMethod[], time: PartnerTimeFit | undefined): string | null {
  if (!time) return null;
  const [first] = ranked;
  const noun = capitalise(METHOD_NOUNS[first.method]);
  if (first.fitsTime === false) {
    const all = ranked.map((r) => needsWords(r.method, time));
    return `No method's plan can keep the partner's time: ${listOf(
      all
    )}. ${noun} is recommended on the partner's situation alone; agree more time with the partner, or scope a first phase that fits.`;
  }
  const sentences: string[] = [];
  const whole = first.keepsTime !== false;
  const others = ranked.slice(1);
  // Its whole plan runs over: whether another method's would keep the time, said first when none would.
  const keepers = whole ? [] : others.filter((r) => r.keepsTime === true);
  if (!whole && !keepers.length) sentences.push(`No method's whole plan keeps the partner's time: ${listOf(ranked.map((r) => needsWords(r.method, time)))}.`);
  const higher = ranked.filter((r) => r.fitsTime === false && r.score > first.score);
  const min = (m: Method) => plural(Math.round(time.methods[m]?.minMonths ?? 0), "month");
  const core = plural(Math.round(time.methods[first.method]?.spanMonths ?? 0), "month");
  if (higher.length) {
    const scored = higher.map((r) => `${METHOD_NOUNS[r.method]} (${r.score}/100)`);
    const needs =
      higher.length === 1
        ? needsWords(higher[0].method, time).replace(METHOD_NOUNS[higher[0].method], "its plan")
        : listOf(higher.map((r) => needsWords(r.method, time)));
    const because = whole
      ? `because its plan can keep that time: it needs at least ${min(first.method)} in all`
      : `because its core, at least ${core}, fits within the partner's time; its whole plan does not: with its planning and follow-on it needs at least ${min(
          first.method
        )} in all`;
    sentences.push(
      `${capitalise(listOf(scored))} ${
        higher.length === 1 ? "scores" : "score"
      } higher on the partner's situation but cannot keep the partner's time: ${needs}. ${noun} is recommended ${because}.`
    );
  } else if (!whole)
    sentences.push(
      `${noun}'s plan, with its planning and follow-on, needs at least ${min(
        first.method
      )} in all: more than the partner's time, though its core of at least ${core} fits within it.`
    );
  if (!whole) {
    if (keepers.length)
      sentences.push(
        `${capitalise(listOf(keepers.map((r) => `${METHOD_NOUNS[r.method]} (${r.score}/100)`)))} ${
          keepers.length === 1 ? "scores" : "score"
        } lower, but ${listOf(keepers.map((r) => `${METHOD_NOUNS[r.method]}'s plan`))} would keep the partner's time: ${listOf(
          keepers.map((r) => `at least ${min(r.method)} in all`)
        )}.`
      );
    sentences.push("Agree the whole plan with the partner, or shorten its planning; the Timeline page sets out the choices.");
  }
  return sentences.length ? sentences.join(" ") : null;
}

/**
 * The chosen method's own timeline against the partner's time, as the Timeline and Fit pages judge it
 * (docs/domain.md §8.6), said on the Method page beside the ranking, which judges every method by the
 * plan its template would generate: where the two differ (a plan shortened or lengthened by hand), both
 * are said, so that the Method page never contradicts the Timeline. Null where they agree.
 */
export function ownPlanWords(method: Method, check: { holds: boolean; limited: boolean; summary: string }, time: PartnerTimeFit | undefined): string | null {
  const t = time?.methods[method];
  if (!check.limited || !t || t.keeps === check.holds) return null;
  const noun = capitalise(METHOD_NOUNS[method]);
  return check.holds
    ? `${noun}'s own timeline, as it stands, shortened by hand, keeps the partner's time, as the Timeline and Fit pages say: ${lowerFirst(
        check.summary.replace(/^The plan keeps the partner's time: /, "")
      )} The ${plural(Math.round(t.minMonths), "month")} said here are the least its template's plan needs, generated afresh.`
    : `${noun}'s own timeline, as it stands, does not keep the partner's time, though its template's plan would (at least ${plural(
        Math.round(t.minMonths),
        "month"
      )} in all): ${lowerFirst(check.summary)}`;
}

/** What would change the recommendation for fewer than 12 teams: the count of teams, and the partner's time. */
function fewTeamsChanges(few: FewTeams): string[] {
  const more = `With ${COLLABORATIVE_MIN_TEAMS} or more teams or sites, a collaborative of its own would be possible, and the method the ranking puts first would be recommended, planned in full.`;
  if (few.small) return [more];
  return [
    more,
    `With the partner's time at ${SMALL_REQUEST_MAX_MONTHS} months or less, it would be a small request, recommended the short tailored engagement (or joining an open collaborative on its priorities).`,
  ];
}

/** How a method would be composed for this intake (what `recommendMethod` says of the method it recommends), for any method. */
export function compositionOf(method: Method, intake: Intake, weights: MethodWeights, options: RecommendOptions = {}): string[] {
  return compositionFor(method, intake, profileOf(intake, weights, options));
}

export function recommendMethod(intake: Intake, weights: MethodWeights, options: RecommendOptions = {}): MethodRecommendation {
  const profile = profileOf(intake, weights, options);
  const voice = voiceOf(options);
  const facts = factsOf(intake, profile, weights, voice, options.today);
  const scores = scoresOf(weights, profile);
  const fitsTime = fitsTimeFor(profile, options.time);
  const order = rankOf(scores, (m) => fitsTime(profile, m));
  const unanswered = CRITERIA.filter((c) => answerOf(profile, c) === undefined);

  const few = fewTeamsOf(profile, options.time);
  // Fewer than 12 teams are never recommended a collaborative of its own (docs/domain.md §2.5). Given a
  // programme's time, the recommendation is a tailored initiative of its own, decided before the ranking,
  // and the list puts it first; a small request is recommended its offer, beside the three as each would
  // be planned in full, in the ranking's order.
  const programme = few !== null && !few.small;
  const shown: Method[] = programme ? ["tailored", ...order.filter((m) => m !== "tailored")] : order;

  const ranked = shown.map((method, place): RankedMethod => {
    const contributions: Contribution[] = CRITERIA.map((criterion) => {
      const points = pointsOf(weights, profile, criterion, method);
      const { label, question, rules } = weights.criteria[criterion];
      if (points === undefined) return { criterion, label, points: 0, direction: "neutral", reason: `Not answered yet: ${question}.` };
      const said =
        criterion === "urgency" && points < 0
          ? facts.urgencyAgainst
          : criterion === "support" && method !== "collaborative" // only a collaborative has learning sessions
          ? facts.supportWithoutSessions
          : facts[criterion];
      // An answer's own words for the method, where the criterion's rule would argue the other way.
      // "{waves}" in a rule is the count of a collaborative's waves for these sites, by the one rule that counts them.
      const rule = (weights.criteria[criterion].rows[answerOf(profile, criterion, method)!]!.rules?.[method] ?? rules[method])?.replace(
        "{waves}",
        collaborativeWavesWords(profile.sites ?? 0)
      );
      const shared = facts.sharedFact && said.includes(facts.sharedFact) ? { sharedFact: facts.sharedFact } : {};
      const whole = criterion === "duration" ? wholePlanWords(method, profile, startWords(intake, voice)) : undefined;
      return { criterion, label, points, direction: direction(points), reason: [said, rule, whole].filter(Boolean).join(" "), ...shared };
    });
    const fit = options.feasibility?.[method];
    const form = options.shortTailored && method === "tailored" ? weights.variants?.short_tailored : undefined;
    return {
      method,
      score: scores[method],
      label: METHOD_LABELS[method],
      contributions,
      caveats: caveatsFor(method, intake, profile, options.joining, options.shortTailored ?? false, voice, planDeadlinePoint(method, options)),
      feasibility: fit ? { ...fit, label: FIT_VERDICT_LABELS[fit.verdict] } : null,
      keepsTime: options.time?.methods[method]?.keeps ?? null,
      fitsTime: options.time?.methods[method]?.fits ?? null,
      rankedByTime: programme
        ? rankedByFewTeamsWords(method, shown.slice(0, place), scores, few)
        : rankedByTimeWords(method, order.slice(0, place), scores, options.time),
      ...(form ? { formReasons: formReasonsOf(form.reasons, profile, facts) } : {}),
    };
  });

  // The small request's offer and a tailored initiative of its own are both forms of the tailored method.
  const recommended: Method = few ? "tailored" : order[0];
  const lead = scores[order[0]] - scores[order[1]];
  const sameTime = fitsTime(profile, order[0]) === fitsTime(profile, order[1]);
  // With most criteria unanswered, "what would change" would only list guesses.
  const changes = few ? fewTeamsChanges(few) : unanswered.length * 2 > CRITERIA.length ? [] : whatWouldChange(weights, profile, recommended, fitsTime);
  // When the partner's time, not the points, puts the recommended method first, the time note says so instead.
  // For fewer than 12 teams the ranking does not decide, so how close it is does not either.
  const close = !few && sameTime;
  if (close && lead === 0)
    changes.unshift(
      `${capitalise(METHOD_NOUNS[recommended])} and ${
        METHOD_NOUNS[order[1]]
      } score the same; the tie goes to the first in the order collaborative, campaign, tailored.`
    );
  else if (close && lead <= weights.closeLead)
    changes.unshift(
      `${capitalise(METHOD_NOUNS[recommended])} leads ${METHOD_NOUNS[order[1]]} by only ${plural(
        lead,
        "point",
        "points"
      )}: a small change in the answers could swap them.`
    );
  // A small request is recommended its offer, whose own plan (the short engagement, or the site's share of the
  // collaborative it joins) the Fit page judges: no note on our capacity for a method it is not recommended.
  const capacityOf: Method | null = few?.small ? null : recommended;
  if (unanswered.length)
    changes.push(`Still unanswered, and able to move the ranking: ${listOf(unanswered.map((c) => lowerFirst(weights.criteria[c].label)))}.`);

  return {
    ranked,
    recommended,
    // A small request's short engagement is put together by its own template, not a programme's composition.
    composition: few?.small ? [] : compositionFor(recommended, intake, profile),
    whatWouldChange: changes,
    unanswered: unanswered.map((c) => weights.criteria[c].label),
    evidence: { rule: weights.evidenceRule, priorities: evidenceByPriority(intake) },
    feasibilityNote: capacityOf
      ? feasibilityNote(capacityOf, ranked.find((r) => r.method === capacityOf)!.feasibility, options.joining, options.searched, options.time?.deadline)
      : null,
    timeNote: few ? (few.small ? null : fewTeamsTimeNote(options.time)) : timeNote(ranked, options.time),
    partnerTime: options.time?.words ?? null,
    fewTeams: few,
  };
}
