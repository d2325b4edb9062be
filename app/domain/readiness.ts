import { capitalise, listOf, prioritiesWithEvidence, type Intake, type PriorityEvidence } from "./intake";

/**
 * Partner readiness, scored against the criteria of docs/domain.md §7: what IHI asks of strategic
 * partners and of collaborative participants. An unanswered question is never counted as met.
 */

export type ReadinessStatus = "met" | "partly" | "not_met" | "unknown";
export type ReadinessVerdict = "ready" | "ready_with_conditions" | "not_ready";
export type ReadinessKey = "leadership" | "project_lead" | "data" | "improvement_experience" | "sharing" | "change_package";

export type ReadinessCriterion = { key: ReadinessKey; label: string; status: ReadinessStatus; reason: string };

export type Readiness = {
  verdict: ReadinessVerdict;
  criteria: ReadinessCriterion[];
  /** What must be put right or confirmed before (or as) the engagement starts. */
  conditions: string[];
  /** Why the partner is not ready; empty unless the verdict is "not_ready". */
  blockers: string[];
};

export const READINESS_VERDICT_LABELS: Record<ReadinessVerdict, string> = {
  ready: "Ready",
  ready_with_conditions: "Ready with conditions",
  not_ready: "Not ready",
};

export const READINESS_STATUS_LABELS: Record<ReadinessStatus, string> = {
  met: "Met",
  partly: "Partly met",
  not_met: "Not met",
  unknown: "Not known yet",
};

/** Without these the engagement cannot work at all; the other criteria can be built up as conditions. */
const ESSENTIAL: ReadonlySet<ReadinessKey> = new Set(["leadership", "project_lead", "sharing"]);

/** With this many criteria unanswered there is too little to judge. */
const TOO_LITTLE_KNOWN = 4;

type Assessment = { status: ReadinessStatus; reason: string; condition?: string; blocker?: string };

const notAnswered = (where: string) => `Not answered yet (${where}), so it does not count as met.`;

function leadership(intake: Intake): Assessment {
  const basis =
    "IHI expects the work to be a recognised priority of senior leadership and the board; lack of board engagement was a key barrier in an English collaborative.";
  switch (intake.capacity.seniorSponsor) {
    case "yes":
      return { status: "met", reason: `A senior sponsor is named and committed. ${basis}` };
    case "partly":
      return {
        status: "partly",
        reason: `A senior sponsor is identified but not yet committed. ${basis}`,
        condition: "Secure the senior sponsor's commitment, so that the work is a recognised priority of senior leadership and the board.",
      };
    case "no":
      return {
        status: "not_met",
        reason: `No senior sponsor. ${basis}`,
        blocker: "No senior sponsor: without senior leadership and board commitment the work will not be a recognised priority.",
      };
    default:
      return {
        status: "unknown",
        reason: `${notAnswered("Partner capacity: senior sponsor")} ${basis}`,
        condition: "Confirm a named, committed senior sponsor.",
      };
  }
}

function projectLead(intake: Intake): Assessment {
  const basis = "IHI collaboratives expect a project lead giving 20–40% of their time to oversee the day-to-day work.";
  switch (intake.capacity.projectLeads) {
    case "yes":
      return { status: "met", reason: `Every site has a project lead able to give 20–40% of their time. ${basis}` };
    case "partly":
      return {
        status: "partly",
        reason: `Only some sites have a project lead, or with less than 20–40% of their time. ${basis}`,
        condition: "Name a project lead at every site, able to give 20–40% of their time.",
      };
    case "no":
      return {
        status: "not_met",
        reason: `No site can give a project lead 20–40% of their time. ${basis}`,
        blocker: "No dedicated project lead: IHI collaboratives expect one at every site, giving 20–40% of their time.",
      };
    default:
      return {
        status: "unknown",
        reason: `${notAnswered("Partner capacity: project lead at each site")} ${basis}`,
        condition: "Confirm that each site has a project lead able to give 20–40% of their time.",
      };
  }
}

function data(intake: Intake): Assessment {
  const priorities = intake.needs.priorities;
  const withBaseline = priorities.filter((p) => p.baselineValue !== undefined).length;
  const baseline = priorities.length
    ? ` Baseline data is recorded for ${withBaseline} of ${priorities.length} ${priorities.length === 1 ? "priority" : "priorities"}.`
    : "";
  const basis = "IHI strongly recommends a designated data and measurement lead: teams report data monthly.";
  switch (intake.capacity.dataLead) {
    case "yes":
      if (priorities.length > 0 && withBaseline === 0)
        return {
          status: "partly",
          reason: `A data lead is named, but there is no baseline data yet.${baseline} ${basis}`,
          condition: "Collect baseline data for each priority before the work starts.",
        };
      return { status: "met", reason: `A data lead is named.${baseline} ${basis}` };
    case "partly":
      return {
        status: "partly",
        reason: `Data leadership is part-time or shared.${baseline} ${basis}`,
        condition: "Give a data lead enough time to collect baseline data and report monthly.",
      };
    case "no":
      return {
        status: "not_met",
        reason: `No data lead.${baseline} ${basis}`,
        condition: "Appoint a data lead to collect baseline data and report monthly.",
      };
    default:
      return {
        status: "unknown",
        reason: `${notAnswered("Partner capacity: data lead")}${baseline} ${basis}`,
        condition: "Confirm who will lead data and measurement.",
      };
  }
}

function improvementExperience(intake: Intake): Assessment {
  const { improvementExperience, hasImprovementTeam, hasLearningSystem } = intake.context;
  const infrastructure = [hasImprovementTeam && "an improvement team", hasLearningSystem && "a learning system"].filter(Boolean);
  const has = infrastructure.length ? ` It has ${infrastructure.join(" and ")}.` : "";
  const basis = "IHI looks for prior experience of improvement work, or at least a commitment to learn improvement skills.";
  switch (improvementExperience) {
    case "extensive":
      return { status: "met", reason: `Years of improvement work across the organisation.${has} ${basis}` };
    case "some":
      return infrastructure.length
        ? { status: "met", reason: `Some improvement projects and trained people.${has} ${basis}` }
        : {
            status: "partly",
            reason: `Some improvement projects, but no improvement team or learning system to build on. ${basis}`,
            condition: "Plan coaching in the Model for Improvement for project leads, and name who will support teams between learning sessions.",
          };
    case "none":
      return {
        status: "not_met",
        reason: `No structured improvement work yet.${has} ${basis}`,
        condition: "Build improvement skills from the start: train project leads in the Model for Improvement before the work begins.",
      };
    default:
      return {
        status: "unknown",
        reason: `${notAnswered("Partner context: improvement experience")} ${basis}`,
        condition: "Ask about the partner's improvement experience and infrastructure.",
      };
  }
}

function sharing(intake: Intake): Assessment {
  const basis = 'IHI partners share results ("all teach, all learn"); learning across sites depends on it.';
  switch (intake.capacity.willingToShare) {
    case "yes":
      return { status: "met", reason: `Willing to share data and results with us and with other participants. ${basis}` };
    case "partly":
      return {
        status: "partly",
        reason: `Willing to share data and results with us, but not with other participants. ${basis}`,
        condition: "Agree that data and results are shared with other participants, not only with us.",
      };
    case "no":
      return {
        status: "not_met",
        reason: `Not willing to share data and results. ${basis}`,
        blocker: "Not willing to share data and results: learning across sites and showing results both depend on it.",
      };
    default:
      return {
        status: "unknown",
        reason: `${notAnswered("Partner capacity: willing to share data and results")} ${basis}`,
        condition: "Confirm willingness to share data and results with us and with other participants.",
      };
  }
}

const isImmature = (e?: PriorityEvidence) => e?.degreeOfBelief === "low" || e?.changePackage === "no";
const isMature = (e?: PriorityEvidence) => (e?.degreeOfBelief === "high" || e?.degreeOfBelief === "moderate") && e?.changePackage === "yes";
const isUnknown = (e?: PriorityEvidence) => e?.degreeOfBelief === undefined && e?.changePackage === undefined;

function changePackage(intake: Intake): Assessment {
  const ranked = prioritiesWithEvidence(intake);
  const basis =
    "IHI starts a collaborative only when the degree of belief in the change package is moderate to high; at low belief the changes must be developed and tested first.";
  if (ranked.length === 0)
    return {
      status: "unknown",
      reason: `No priorities chosen yet, so there is no change package to judge. ${basis}`,
      condition: "Choose the priorities, then assess the evidence for each.",
    };
  const names = (pick: (e?: PriorityEvidence) => boolean) => ranked.filter((r) => pick(r.evidence)).map((r) => r.short);
  const mature = names(isMature);
  const immature = names(isImmature);
  const unknown = names(isUnknown);
  const between = ranked.filter((r) => !isMature(r.evidence) && !isImmature(r.evidence) && !isUnknown(r.evidence)).map((r) => r.short);
  const facts = [
    mature.length && `a proven change package with moderate to high belief for ${listOf(mature)}`,
    between.length && `a partial change package or belief for ${listOf(between)}`,
    immature.length && `low belief or no change package for ${listOf(immature)}`,
    unknown.length && `no evidence answers yet for ${listOf(unknown)}`,
  ].filter(Boolean);
  const reason = `${capitalise(facts.join("; "))}. ${basis}`;
  if (unknown.length === ranked.length)
    return {
      status: "unknown",
      reason: `${notAnswered("Evidence and ambition")} ${basis}`,
      condition: "Assess the evidence for each priority: is there a proven change package, and how strong is the degree of belief?",
    };
  if (isImmature(ranked[0].evidence))
    return {
      status: "not_met",
      reason,
      condition: `Develop and test the change package for ${listOf(immature)} before spreading it (idea generation, prototyping or a scalable-unit phase).`,
    };
  if (mature.length === ranked.length) return { status: "met", reason };
  const toFinish = [...between, ...immature, ...unknown];
  return {
    status: "partly",
    reason,
    condition: `Complete and test the change package for ${listOf(toFinish)}, and confirm the degree of belief, before ${
      toFinish.length === 1 ? "it joins" : "they join"
    } the spread.`,
  };
}

const CRITERIA: { key: ReadinessKey; label: string; assess: (intake: Intake) => Assessment }[] = [
  { key: "leadership", label: "Leadership commitment", assess: leadership },
  { key: "project_lead", label: "A dedicated project lead", assess: projectLead },
  { key: "data", label: "Data capability", assess: data },
  { key: "improvement_experience", label: "Improvement experience", assess: improvementExperience },
  { key: "sharing", label: "Willingness to share results", assess: sharing },
  { key: "change_package", label: "Maturity of the change package", assess: changePackage },
];

export function assessReadiness(intake: Intake): Readiness {
  const assessed = CRITERIA.map((c) => ({ ...c, ...c.assess(intake) }));
  const criteria = assessed.map(({ key, label, status, reason }) => ({ key, label, status, reason }));
  const blockers = assessed.filter((c) => c.status === "not_met" && ESSENTIAL.has(c.key) && c.blocker).map((c) => c.blocker!);
  const unknown = assessed.filter((c) => c.status === "unknown");
  if (unknown.length >= TOO_LITTLE_KNOWN)
    blockers.push(
      `Too little is known yet: ${unknown.length} of ${assessed.length} readiness criteria are unanswered (${listOf(
        unknown.map((c) => c.label.toLowerCase())
      )}).`
    );
  const conditions = assessed.filter((c) => c.condition && c.status !== "met").map((c) => c.condition!);
  const verdict: ReadinessVerdict = blockers.length ? "not_ready" : conditions.length ? "ready_with_conditions" : "ready";
  return { verdict, criteria, conditions, blockers };
}
