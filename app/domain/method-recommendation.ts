import { isIsoDate, isMonth, monthsUntil } from "./calendar";
import {
  ANSWER_LABELS,
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
import { METHOD_LABELS, METHODS, type Method } from "./methods";
import { plural } from "./plural";

/**
 * Which method suits the partner: collaborative, campaign or tailored large-scale initiative. Each
 * method starts at 50; every criterion of docs/domain.md §2.2 adds or takes away the points in the table
 * below; the score is kept within 0–100. An unanswered criterion gives no points to anyone.
 * Equal scores are ranked in the order of METHODS: collaborative, campaign, tailored.
 */

// The weights are assumptions (docs/domain.md §2.4): the criteria synthesise IHI sources, they are not an IHI rule.
// The largest number in a row is in effect the criterion's weight. Evidence weighs most because IHI is
// explicit that a collaborative (and a campaign) is the wrong method without a change package
// people believe in.
//                                  [collaborative, campaign, tailored]
const POINTS = {
  evidence: {
    proven: [12, 12, 4],
    promising: [8, -6, 4],
    mixed: [0, -10, 12],
    immature: [-25, -25, 10],
  },
  sites: {
    "1–5": [-6, -10, 6],
    "6–11": [2, -10, 4],
    "12–60": [10, -8, 2],
    "61–160": [8, -2, 4],
    "161–299": [-2, 6, 6],
    "300+": [-6, 10, 5],
  },
  support: {
    high: [5, 0, 3],
    medium: [1, 2, 2],
    low: [-5, 5, -1],
  },
  duration: {
    "under 6": [-5, -6, -6],
    "6–11": [6, -4, -5],
    "12–15": [6, -1, -4],
    "16–24": [2, 6, -1],
    "25–35": [0, 1, 4],
    "36+": [-2, -2, 8],
  },
  partner_type: {
    hospital: [-2, -4, -1],
    health_system: [4, -2, 2],
    association: [2, 4, 0],
    region: [2, 1, 3],
    nation: [0, 2, 4],
  },
  aim_style: {
    team: [4, -2, 0],
    bold: [-1, 4, 0],
    system: [-1, 0, 4],
  },
  breadth: {
    focused: [3, 1, -1],
    several: [-1, 1, 3],
  },
  capability: {
    yes: [-2, -3, 6],
    no: [1, 1, -2],
  },
  mobilisation: {
    yes: [-2, 4, 0],
    no: [1, -4, 1],
  },
} as const satisfies Record<string, Record<string, readonly [number, number, number]>>;

/** Our own staff, from the Fit step: a method we cannot staff loses most of its lead. */
const STAFF_CAPACITY_POINTS = { fits: 3, tight: -10, does_not_fit: -45 } as const;

const BASE_SCORE = 50;

export type StaffCapacityFit = keyof typeof STAFF_CAPACITY_POINTS;
export type StaffCapacity = Partial<Record<Method, StaffCapacityFit | { fit: StaffCapacityFit; reason?: string }>>;
export type RecommendOptions = { capacity?: StaffCapacity };

type IntakeCriterion = keyof typeof POINTS;
export type RecommendationCriterion = IntakeCriterion | "staff_capacity";

export const CRITERION_LABELS: Record<RecommendationCriterion, string> = {
  evidence: "Evidence and degree of belief",
  sites: "Number of sites",
  support: "Support the partner can absorb",
  duration: "Duration",
  partner_type: "Kind of partner",
  aim_style: "Style of aim",
  breadth: "Breadth",
  capability: "Building improvement capability",
  mobilisation: "Public mobilisation",
  staff_capacity: "Our staff capacity",
};

/** Where each criterion is answered in the intake, for "not answered yet". */
const CRITERION_QUESTIONS: Record<IntakeCriterion, string> = {
  evidence: "the degree of belief and change package for each priority",
  sites: "the sites or teams expected to take part",
  support: "project leads and releasing teams for learning sessions",
  duration: "the longest duration or a hard deadline",
  partner_type: "the kind of partner",
  aim_style: "the kind of aim",
  breadth: "one focused topic or several workstreams",
  capability: "whether the partner wants to build its own improvement capability",
  mobilisation: "whether the partner wants public mobilisation",
};

/** What each method asks of each criterion (docs/domain.md §2.2), said after the partner's answer. */
const METHOD_RULES: Record<IntakeCriterion, Record<Method, string>> = {
  evidence: {
    collaborative: "A collaborative spreads changes already proven elsewhere: IHI starts one only at a moderate to high degree of belief.",
    campaign: "A campaign needs a few simple interventions with a very high degree of belief.",
    tailored: "A tailored initiative can develop and test the change package in a scalable unit before spreading it.",
  },
  sites: {
    collaborative: "A collaborative brings together 12 to 160 teams.",
    campaign: "A campaign mobilises hundreds to thousands of hospitals.",
    tailored: "A tailored initiative stages the work across a whole system or country.",
  },
  support: {
    collaborative:
      "A collaborative asks a lot of each site: a project lead at 20–40% of their time and a team of about three at three in-person learning sessions.",
    campaign: "A campaign asks little of each site: how-to guides, calls and mentor sites.",
    tailored: "A tailored initiative needs strong support at leadership level as well as capability building.",
  },
  duration: {
    collaborative: "A collaborative runs 6 to 15 months.",
    campaign: "A campaign runs 18 to 24 months to a fixed deadline.",
    tailored: "A tailored initiative runs several years (the Scottish Patient Safety Programme ran five).",
  },
  partner_type: {
    collaborative: "Collaboratives suit a health system or network with several units.",
    campaign: "Campaigns suit national or regional associations able to mobilise many hospitals.",
    tailored: "Tailored initiatives suit a ministry, region or large system with the will and governance to lead.",
  },
  aim_style: {
    collaborative: "A collaborative works to team-level aims under a shared collaborative aim.",
    campaign: "A campaign works to a single bold numeric aim with a deadline.",
    tailored: "A tailored initiative works to system-level aims, such as hospital mortality.",
  },
  breadth: {
    collaborative: "A collaborative works best on one focused topic.",
    campaign: "A campaign offers a small platform of a few interventions.",
    tailored: "A tailored initiative can run several workstreams side by side.",
  },
  capability: {
    collaborative: "A collaborative builds team-level improvement skills only.",
    campaign: "A campaign builds little improvement capability.",
    tailored: "A tailored initiative builds capability explicitly: improvement advisors, coaches and fellows.",
  },
  mobilisation: {
    collaborative: "A collaborative enrols a defined set of teams.",
    campaign: "A campaign is built on public, voluntary enrolment.",
    tailored: "A tailored initiative can include campaign elements for public mobilisation.",
  },
};

const METHOD_NOUNS: Record<Method, string> = {
  collaborative: "a collaborative",
  campaign: "a campaign",
  tailored: "a tailored initiative",
};

// What the intake says, reduced to one answer per criterion

type EvidenceLevel = keyof typeof POINTS.evidence;
type SupportLevel = keyof typeof POINTS.support;

type Profile = {
  evidence?: EvidenceLevel;
  sites?: number;
  support?: SupportLevel;
  horizonMonths?: number;
  partnerType?: PartnerKind;
  aimStyle?: AimStyle;
  breadth?: Breadth;
  capability?: YesNo;
  mobilisation?: YesNo;
  staff: Partial<Record<Method, StaffCapacityFit>>;
};

type Maturity = "proven" | "promising" | "immature";

function maturity(e?: PriorityEvidence): Maturity | undefined {
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

function deadlineMonths(intake: Intake): number | undefined {
  const { desiredStart, hardDeadline } = intake.scale;
  return isMonth(desiredStart) && isIsoDate(hardDeadline) ? monthsUntil(desiredStart, hardDeadline) : undefined;
}

const KIND_FROM_GEOGRAPHY = { organisation: "hospital", system: "health_system", region: "region", nation: "nation" } as const;

function staffFits(capacity: StaffCapacity | undefined): Partial<Record<Method, StaffCapacityFit>> {
  const fits: Partial<Record<Method, StaffCapacityFit>> = {};
  for (const m of METHODS) {
    const entry = capacity?.[m];
    if (entry) fits[m] = typeof entry === "string" ? entry : entry.fit;
  }
  return fits;
}

function profileOf(intake: Intake, options: RecommendOptions): Profile {
  const maturities = prioritiesWithEvidence(intake)
    .map((p) => maturity(p.evidence))
    .filter((m): m is Maturity => m !== undefined);
  const horizons = [intake.scale.longestDurationMonths, deadlineMonths(intake)].filter((h): h is number => h !== undefined);
  const geography = intake.context.geographyScope;
  return {
    evidence: evidenceLevel(maturities),
    sites: intake.scale.expectedSites ?? intake.context.sites,
    support: supportLevel(intake.capacity.projectLeads, intake.capacity.canReleaseTeams),
    horizonMonths: horizons.length ? Math.max(0, Math.min(...horizons)) : undefined,
    partnerType: intake.context.partnerKind ?? (geography && KIND_FROM_GEOGRAPHY[geography]),
    aimStyle: intake.evidence.aimStyle,
    breadth: intake.evidence.breadth,
    capability: intake.evidence.wantsCapabilityBuilding,
    mobilisation: intake.evidence.wantsPublicMobilisation,
    staff: staffFits(options.capacity),
  };
}

/** The row of the points table that applies, or undefined when the criterion is unanswered. */
function answerOf(profile: Profile, criterion: IntakeCriterion): string | undefined {
  const { sites, horizonMonths: h } = profile;
  switch (criterion) {
    case "evidence":
      return profile.evidence;
    case "sites":
      if (sites === undefined) return undefined;
      return sites <= 5 ? "1–5" : sites <= 11 ? "6–11" : sites <= 60 ? "12–60" : sites <= 160 ? "61–160" : sites < 300 ? "161–299" : "300+";
    case "support":
      return profile.support;
    case "duration":
      if (h === undefined) return undefined;
      return h < 6 ? "under 6" : h <= 11 ? "6–11" : h <= 15 ? "12–15" : h <= 24 ? "16–24" : h <= 35 ? "25–35" : "36+";
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

const INTAKE_CRITERIA = Object.keys(POINTS) as IntakeCriterion[];

function pointsOf(profile: Profile, criterion: IntakeCriterion, method: Method): number | undefined {
  const answer = answerOf(profile, criterion);
  if (answer === undefined) return undefined;
  const row = (POINTS[criterion] as Record<string, readonly [number, number, number]>)[answer];
  return row[METHODS.indexOf(method)];
}

function scoresOf(profile: Profile): Record<Method, number> {
  const scores = {} as Record<Method, number>;
  for (const m of METHODS) {
    let total = BASE_SCORE;
    for (const c of INTAKE_CRITERIA) total += pointsOf(profile, c, m) ?? 0;
    const staff = profile.staff[m];
    if (staff) total += STAFF_CAPACITY_POINTS[staff];
    scores[m] = Math.max(0, Math.min(100, Math.round(total)));
  }
  return scores;
}

function rankOf(scores: Record<Method, number>): Method[] {
  return [...METHODS].sort((a, b) => scores[b] - scores[a] || METHODS.indexOf(a) - METHODS.indexOf(b));
}

// Reasons: what the partner said, in words

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function evidenceFacts(intake: Intake): string {
  const packages = { yes: "a proven change package", partly: "a change package still being developed", no: "no change package yet" };
  const facts = prioritiesWithEvidence(intake)
    .filter((p) => maturity(p.evidence) !== undefined)
    .map(({ short, evidence: e }) => {
      const parts = [
        e?.degreeOfBelief && `${e.degreeOfBelief} degree of belief`,
        e?.changePackage && packages[e.changePackage],
        e?.brightSpots === "yes" && "some sites already much better",
        e?.brightSpots === "no" && "no sites yet much better",
      ].filter(Boolean);
      return `${short}: ${parts.join(", ")}`;
    });
  return `${capitalise(facts.join("; "))}.`;
}

function factsOf(intake: Intake, profile: Profile): Record<IntakeCriterion, string> {
  const { scale, context, capacity } = intake;
  const deadline = deadlineMonths(intake);
  const duration = [
    scale.longestDurationMonths !== undefined && `The partner can commit to at most ${plural(scale.longestDurationMonths, "month", "months")}.`,
    deadline !== undefined && `The hard deadline (${scale.hardDeadline}) leaves ${plural(Math.max(0, deadline), "month", "months")} from the desired start.`,
  ].filter(Boolean);
  const sites =
    scale.expectedSites !== undefined
      ? `${plural(scale.expectedSites, "site or team", "sites or teams")} expected to take part.`
      : `${plural(context.sites ?? 0, "site", "sites")} in all (how many will take part is not answered yet).`;
  const kind = profile.partnerType && lower(ANSWER_LABELS.partnerKind[profile.partnerType]);
  return {
    evidence: evidenceFacts(intake),
    sites,
    support: `Project leads at 20–40% of their time: ${lower(
      capacity.projectLeads ? ANSWER_LABELS.projectLeads[capacity.projectLeads] : "not answered"
    )}; teams released for learning sessions: ${lower(capacity.canReleaseTeams ? ANSWER_LABELS.canReleaseTeams[capacity.canReleaseTeams] : "not answered")}.`,
    duration: duration.join(" "),
    partner_type: context.partnerKind ? `The partner is ${kind}.` : `The partner works at the scale of ${kind}.`,
    aim_style: profile.aimStyle ? `The aim: ${lower(ANSWER_LABELS.aimStyle[profile.aimStyle])}.` : "",
    breadth: profile.breadth ? `${ANSWER_LABELS.breadth[profile.breadth]}.` : "",
    capability:
      profile.capability === "yes"
        ? "The partner wants to build its own improvement capability (a cadre of improvement advisors and coaches)."
        : "The partner does not plan to build its own improvement capability.",
    mobilisation:
      profile.mobilisation === "yes"
        ? "The partner wants public, voluntary mobilisation of many institutions."
        : "The partner does not want public mobilisation.",
  };
}

const STAFF_DEFAULT_REASONS: Record<StaffCapacityFit, string> = {
  fits: "Our staff can take this on at the desired start.",
  tight: "Our staff capacity for this is tight at the desired start.",
  does_not_fit: "Our staff cannot take this on at the desired start.",
};

// Caveats: the known limits of each method, given this intake

function topicsWhere(intake: Intake, pick: (e?: PriorityEvidence) => boolean): string[] {
  return prioritiesWithEvidence(intake)
    .filter((p) => pick(p.evidence))
    .map((p) => p.short);
}

function caveatsFor(method: Method, intake: Intake, profile: Profile): string[] {
  const { sites, horizonMonths: h } = profile;
  const immature = topicsWhere(intake, (e) => maturity(e) === "immature");
  const unfinished = topicsWhere(intake, (e) => maturity(e) === "promising" && e?.changePackage !== "yes");
  const notProven = topicsWhere(intake, (e) => maturity(e) !== undefined && maturity(e) !== "proven");
  const { projectLeads, canReleaseTeams, seniorSponsor } = intake.capacity;
  const caveats: (string | false)[] = [];
  if (method === "collaborative")
    caveats.push(
      sites !== undefined &&
        sites < 12 &&
        `${plural(sites, "team", "teams")} is ${
          sites < 10 ? "far " : ""
        }fewer than the dozen a collaborative usually needs (IHI collaboratives bring 12 to 160 teams): learning between teams will be thin; consider inviting teams from other organisations.`,
      sites !== undefined && sites > 160 && `${plural(sites, "team", "teams")} is more than the 160 an IHI collaborative has held: run it in waves.`,
      immature.length > 0 &&
        `Degree of belief is low, or there is no change package, for ${listOf(
          immature
        )}: develop and test the change package first (idea generation, prototyping or a scalable unit) before a collaborative spreads it.`,
      unfinished.length > 0 &&
        `The change package for ${listOf(
          unfinished
        )} is not finished: complete it with an expert meeting and a planning group before the first learning session.`,
      (canReleaseTeams === "no" || canReleaseTeams === "partly") &&
        "Not every site can release a team of about three for the three in-person learning sessions: plan virtual sessions or regional hubs.",
      (projectLeads === "no" || projectLeads === "partly") &&
        "A collaborative needs a project lead at every site giving 20–40% of their time; not every site has one yet.",
      h !== undefined &&
        h < 6 &&
        `A collaborative needs 6 to 15 months (three learning sessions with action periods between); ${plural(h, "month", "months")} is too short.`
    );
  if (method === "campaign")
    caveats.push(
      notProven.length > 0 &&
        `A campaign needs a few simple interventions with a very high degree of belief; ${listOf(notProven)} ${
          notProven.length === 1 ? "is" : "are"
        } not there yet.`,
      sites !== undefined &&
        sites < 100 &&
        `A campaign draws its force from hundreds of institutions joining in public; ${plural(sites, "site", "sites")} is few for a campaign.`,
      h !== undefined && h < 18 && `IHI campaigns ran 18 to 24 months to a fixed deadline; ${plural(h, "month", "months")} is short.`,
      intake.scale.hardDeadline === undefined && "A campaign needs a bold aim with a fixed, public deadline; none is set yet.",
      profile.capability === "yes" &&
        "A campaign builds little improvement capability: add a capability-building stream if the partner wants its own improvement advisors and coaches."
    );
  if (method === "tailored")
    caveats.push(
      h !== undefined &&
        h < 36 &&
        `Tailored initiatives run several years (the Scottish Patient Safety Programme ran five); in ${plural(
          h,
          "month",
          "months"
        )}, scope a first phase and agree what follows.`,
      seniorSponsor !== "yes" &&
        `A tailored initiative rests on committed leadership at all levels; ${
          seniorSponsor === "partly"
            ? "the senior sponsor is not yet committed"
            : seniorSponsor === "no"
            ? "there is no senior sponsor"
            : "a senior sponsor is not confirmed yet"
        }.`
    );
  return caveats.filter((c): c is string => typeof c === "string");
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
      sites > 160 && "Run the collaborative in waves of at most 160 teams.",
      immature.length > 0 && `Leave ${listOf(immature)} out of the first wave until ${immature.length === 1 ? "its" : "their"} change package is tested.`,
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

// What would change the recommendation: for each other method, up to three changes of answer that put
// it first, each chosen greedily as the one that helps it most

type Change = { group: string; text: string; apply: (p: Profile) => Profile };

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
    { group: "duration", text: "a horizon of about a year", apply: (p) => ({ ...p, horizonMonths: 12 }) },
    { group: "duration", text: "a horizon of 18 to 24 months", apply: (p) => ({ ...p, horizonMonths: 20 }) },
    { group: "duration", text: "a horizon of several years", apply: (p) => ({ ...p, horizonMonths: 48 }) },
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
  for (const m of METHODS)
    if (profile.staff[m] === "tight" || profile.staff[m] === "does_not_fit")
      changes.push({
        group: `staff:${m}`,
        text: `enough of our staff free for ${METHOD_NOUNS[m]}`,
        apply: (p) => ({ ...p, staff: { ...p.staff, [m]: "fits" } }),
      });
  const criterionOf = (group: string) => (group.startsWith("staff:") ? undefined : (group as IntakeCriterion));
  // A change that lands in the same row of the points table as today's answer changes nothing.
  return changes.filter((c) => {
    const criterion = criterionOf(c.group);
    return criterion === undefined || answerOf(c.apply(profile), criterion) !== answerOf(profile, criterion);
  });
}

const MAX_CHANGES = 3;

function whatWouldChange(profile: Profile, leader: Method): string[] {
  const sentences: string[] = [];
  const candidates = changesFor(profile);
  for (const target of METHODS) {
    if (target === leader) continue;
    let current = profile;
    const used: Change[] = [];
    while (rankOf(scoresOf(current))[0] !== target && used.length < MAX_CHANGES) {
      let best: { change: Change; margin: number } | undefined;
      for (const change of candidates) {
        if (used.some((u) => u.group === change.group)) continue;
        const scores = scoresOf(change.apply(current));
        const margin = scores[target] - Math.max(...METHODS.filter((m) => m !== target).map((m) => scores[m]));
        if (!best || margin > best.margin) best = { change, margin };
      }
      if (!best) break;
      used.push(best.change);
      current = best.change.apply(current);
    }
    if (rankOf(scoresOf(current))[0] === target) sentences.push(`With ${listOf(used.map((c) => c.text))}, ${METHOD_NOUNS[target]} would lead.`);
  }
  return sentences;
}

export type Contribution = {
  criterion: RecommendationCriterion;
  label: string;
  points: number;
  direction: "for" | "against" | "neutral";
  reason: string;
};

export type RankedMethod = {
  method: Method;
  score: number;
  label: string;
  contributions: Contribution[];
  caveats: string[];
};

export type MethodRecommendation = {
  /** Best first; equal scores in the order of METHODS. */
  ranked: RankedMethod[];
  recommended: Method;
  /** How the recommended method should be put together (waves, campaign elements, a scalable unit first). */
  composition: string[];
  whatWouldChange: string[];
  /** Criteria the intake has not answered yet: they count for no method. */
  unanswered: string[];
};

const direction = (points: number): Contribution["direction"] => (points > 0 ? "for" : points < 0 ? "against" : "neutral");

export function recommendMethod(intake: Intake, options: RecommendOptions = {}): MethodRecommendation {
  const profile = profileOf(intake, options);
  const facts = factsOf(intake, profile);
  const scores = scoresOf(profile);
  const order = rankOf(scores);
  const unanswered = INTAKE_CRITERIA.filter((c) => answerOf(profile, c) === undefined);

  const ranked = order.map((method): RankedMethod => {
    const contributions: Contribution[] = INTAKE_CRITERIA.map((criterion) => {
      const points = pointsOf(profile, criterion, method);
      const label = CRITERION_LABELS[criterion];
      if (points === undefined) return { criterion, label, points: 0, direction: "neutral", reason: `Not answered yet: ${CRITERION_QUESTIONS[criterion]}.` };
      return { criterion, label, points, direction: direction(points), reason: `${facts[criterion]} ${METHOD_RULES[criterion][method]}` };
    });
    if (options.capacity) {
      const entry = options.capacity[method];
      const fit = profile.staff[method];
      const reason = typeof entry === "object" && entry.reason ? entry.reason : fit ? STAFF_DEFAULT_REASONS[fit] : "Not assessed for this method.";
      const points = fit ? STAFF_CAPACITY_POINTS[fit] : 0;
      contributions.push({ criterion: "staff_capacity", label: CRITERION_LABELS.staff_capacity, points, direction: direction(points), reason });
    }
    const caveats = caveatsFor(method, intake, profile);
    if (profile.staff[method] === "does_not_fit") caveats.unshift(`Our staff cannot take on ${METHOD_NOUNS[method]} at the desired start.`);
    return { method, score: scores[method], label: METHOD_LABELS[method], contributions, caveats };
  });

  const recommended = order[0];
  const lead = scores[order[0]] - scores[order[1]];
  // With most criteria unanswered, "what would change" would only list guesses.
  const changes = unanswered.length * 2 > INTAKE_CRITERIA.length ? [] : whatWouldChange(profile, recommended);
  if (lead === 0)
    changes.unshift(
      `${capitalise(METHOD_NOUNS[recommended])} and ${
        METHOD_NOUNS[order[1]]
      } score the same; the tie goes to the first in the order collaborative, campaign, tailored.`
    );
  else if (lead <= 5)
    changes.unshift(
      `${capitalise(METHOD_NOUNS[recommended])} leads ${METHOD_NOUNS[order[1]]} by only ${plural(
        lead,
        "point",
        "points"
      )}: a small change in the answers could swap them.`
    );
  if (unanswered.length) changes.push(`Still unanswered, and able to move the ranking: ${listOf(unanswered.map((c) => lower(CRITERION_LABELS[c])))}.`);

  return {
    ranked,
    recommended,
    composition: compositionFor(recommended, intake, profile),
    whatWouldChange: changes,
    unanswered: unanswered.map((c) => CRITERION_LABELS[c]),
  };
}
