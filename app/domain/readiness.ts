import { z } from "zod";
import { capitalise, listOf, type Intake, type PartnerCapacity, type PriorityEvidence } from "./intake";
import { METHODS, type Method } from "./methods";
import { prioritiesInSentences } from "./priority-words";
import { METHOD_VARIANTS, type MethodVariant } from "./method-variants";

/**
 * Partner readiness for one method (docs/domain.md §7). What is judged, and in which words, depends
 * on the method: a campaign needs an enrolment channel, node partners, a data platform and mentor
 * sites; a collaborative a project lead and a team released at every site; a tailored initiative
 * governance, a sponsor and a capability plan; a short tailored engagement, a form of the tailored
 * initiative, a sponsor, a project lead and a data lead for its own sites. The criteria and their
 * wording are data, one file per method (and per form of a method with its own) in
 * docs-templates/readiness/; this module reads the intake's answers (the "readers") and applies the
 * file. An unanswered question is never counted as met.
 */

import type { ReadinessStatus, ReadinessVerdict } from "./readiness-labels";

export { READINESS_STATUS_LABELS, READINESS_VERDICT_LABELS, type ReadinessStatus, type ReadinessVerdict } from "./readiness-labels";

export type ReadinessCriterion = {
  key: string;
  label: string;
  status: ReadinessStatus;
  reason: string;
  /** Keys of docs/domain.md §12 the criterion rests on; empty when it is our assumption. */
  sources: string[];
  assumption: boolean;
  /**
   * What the criterion still needs, worded for both parties: its blocker when it stops the work, else
   * its condition; absent when met (and in versions frozen before it was kept).
   */
  needs?: string;
};

export type Readiness = {
  /** The method judged (absent in proposal versions made before readiness depended on the method). */
  method?: Method;
  /** The form of the method judged on criteria of its own (a short tailored engagement, docs/domain.md §2.5); absent for the full method. */
  variant?: MethodVariant;
  verdict: ReadinessVerdict;
  criteria: ReadinessCriterion[];
  /** What must be put right or confirmed before (or as) the engagement starts. */
  conditions: string[];
  /** Why the partner is not ready; empty unless the verdict is "not_ready". */
  blockers: string[];
};

// Readers: each turns the intake into one answer, and the facts its wording may quote as {name}

type Reading = { answer: string; facts?: Record<string, string> };
type Reader = { answers: readonly string[]; facts: readonly string[]; read: (intake: Intake) => Reading };

const YES_PARTLY_NO_UNKNOWN = ["yes", "partly", "no", "unknown"] as const;

function capacityAnswer(field: keyof PartnerCapacity): Reader {
  return { answers: YES_PARTLY_NO_UNKNOWN, facts: [], read: (intake) => ({ answer: intake.capacity[field] ?? "unknown" }) };
}

const isImmature = (e?: PriorityEvidence) => e?.degreeOfBelief === "low" || e?.changePackage === "no";
const isMature = (e?: PriorityEvidence) => (e?.degreeOfBelief === "high" || e?.degreeOfBelief === "moderate") && e?.changePackage === "yes";
const isProven = (e?: PriorityEvidence) => e?.degreeOfBelief === "high" && e?.changePackage === "yes" && e?.brightSpots !== "no";
const isUnanswered = (e?: PriorityEvidence) => e?.degreeOfBelief === undefined && e?.changePackage === undefined;

function readChangePackage(intake: Intake): Reading {
  const ranked = prioritiesInSentences(intake);
  if (ranked.length === 0) return { answer: "no_priorities" };
  const names = (pick: (e?: PriorityEvidence) => boolean) => ranked.filter((r) => pick(r.evidence)).map((r) => r.short);
  const mature = names(isMature);
  // Each with its belief as the intake answered it, "high" or "moderate", never a range that blurs which.
  const matureWithBelief = ranked.filter((r) => isMature(r.evidence)).map((r) => `${r.short} (${r.evidence!.degreeOfBelief} belief)`);
  const immature = names(isImmature);
  const unknown = names(isUnanswered);
  const between = ranked.filter((r) => !isMature(r.evidence) && !isImmature(r.evidence) && !isUnanswered(r.evidence)).map((r) => r.short);
  const unfinished = [...between, ...immature, ...unknown];
  const notProven = names((e) => !isProven(e));
  const evidence = [
    mature.length && `a proven change package for ${listOf(matureWithBelief)}`,
    between.length && `a partial change package or belief for ${listOf(between)}`,
    immature.length && `low belief or no change package for ${listOf(immature)}`,
    unknown.length && `no evidence answers yet for ${listOf(unknown)}`,
  ].filter(Boolean);
  const facts = {
    evidence: `${capitalise(evidence.join("; "))}.`,
    immature: listOf(immature),
    unfinished: listOf(unfinished),
    notProven: listOf(notProven),
    them: unfinished.length === 1 ? "it" : "them",
  };
  if (unknown.length === ranked.length) return { answer: "unknown", facts };
  if (isImmature(ranked[0].evidence)) return { answer: "immature_first", facts };
  if (mature.length === ranked.length) return { answer: notProven.length ? "all_mature" : "all_proven", facts };
  // Some answered, none with a tested change package and belief: nothing is ready to spread yet.
  return { answer: mature.length ? "partial" : "none_ready", facts };
}

function readDataLead(intake: Intake): Reading {
  const priorities = intake.needs.priorities;
  const withBaseline = priorities.filter((p) => p.baselineValue !== undefined).length;
  const baseline = priorities.length
    ? ` Baseline data is recorded for ${withBaseline} of ${priorities.length} ${priorities.length === 1 ? "priority" : "priorities"}.`
    : "";
  const lead = intake.capacity.dataLead;
  const answer = lead === "yes" && priorities.length > 0 && withBaseline === 0 ? "yes_without_baseline" : lead ?? "unknown";
  return { answer, facts: { baseline } };
}

function readImprovementExperience(intake: Intake): Reading {
  const { improvementExperience, hasImprovementTeam, hasLearningSystem } = intake.context;
  const infrastructure = [hasImprovementTeam && "an improvement team", hasLearningSystem && "a learning system"].filter((s): s is string => Boolean(s));
  const facts = { infrastructure: infrastructure.length ? ` It has ${infrastructure.join(" and ")}.` : "" };
  if (improvementExperience === "some") return { answer: infrastructure.length ? "some_with_support" : "some", facts };
  return { answer: improvementExperience ?? "unknown", facts };
}

export const READINESS_READERS = {
  seniorSponsor: capacityAnswer("seniorSponsor"),
  projectLeads: capacityAnswer("projectLeads"),
  canReleaseTeams: capacityAnswer("canReleaseTeams"),
  willingToShare: capacityAnswer("willingToShare"),
  enrolmentChannel: capacityAnswer("enrolmentChannel"),
  nodePartners: capacityAnswer("nodePartners"),
  dataPlatform: capacityAnswer("dataPlatform"),
  mentorSites: capacityAnswer("mentorSites"),
  governance: capacityAnswer("governance"),
  capabilityPlan: capacityAnswer("capabilityPlan"),
  dataLead: { answers: ["yes", "yes_without_baseline", "partly", "no", "unknown"], facts: ["baseline"], read: readDataLead },
  improvementExperience: {
    answers: ["extensive", "some_with_support", "some", "none", "unknown"],
    facts: ["infrastructure"],
    read: readImprovementExperience,
  },
  changePackage: {
    answers: ["no_priorities", "unknown", "all_proven", "all_mature", "partial", "none_ready", "immature_first"],
    facts: ["evidence", "immature", "unfinished", "notProven", "them"],
    read: readChangePackage,
  },
} satisfies Record<string, Reader>;
export type ReadinessReader = keyof typeof READINESS_READERS;
const READER_NAMES = Object.keys(READINESS_READERS) as [ReadinessReader, ...ReadinessReader[]];

// The template: docs-templates/readiness/<method>.json

const text = z.string().min(1);
const AnswerWordingSchema = z.strictObject({
  status: z.enum(["met", "partly", "not_met", "unknown"], { error: "A status is met, partly, not_met or unknown." }),
  reason: text,
  /** What to put right or confirm: listed as a condition unless the status is met. */
  condition: text.optional(),
  /** Why the partner is not ready: only for an essential criterion that is not met. */
  blocker: text.optional(),
});

const CriterionTemplateSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z_]*$/, "A key is lower case with underscores."),
    label: text,
    reads: z.enum(READER_NAMES, { error: `What the criterion reads is one of: ${READER_NAMES.join(", ")}.` }),
    /** Not met, it makes the partner not ready; otherwise it becomes a condition. */
    essential: z.boolean(),
    /** Said after every reason: what the criterion rests on. */
    basis: text,
    sources: z.array(z.string().regex(/^[A-Z]{1,3}\d{1,3}$/, "A source is a key of docs/domain.md §12, such as S17.")),
    assumption: z.boolean(),
    answers: z.record(z.string(), AnswerWordingSchema),
  })
  .superRefine((c, ctx) => {
    if (!c.assumption && c.sources.length === 0)
      ctx.addIssue({ code: "custom", path: ["sources"], message: "A criterion that is not an assumption names its sources." });
    const reader = READINESS_READERS[c.reads];
    for (const answer of reader.answers)
      if (!c.answers[answer]) ctx.addIssue({ code: "custom", path: ["answers", answer], message: `Wording is needed for the answer "${answer}".` });
    for (const [answer, wording] of Object.entries(c.answers)) {
      const at = (field: string) => ["answers", answer, field];
      if (!reader.answers.includes(answer))
        ctx.addIssue({
          code: "custom",
          path: ["answers", answer],
          message: `"${c.reads}" never answers "${answer}" (it answers ${reader.answers.join(", ")}).`,
        });
      if (wording.status === "met" && (wording.condition || wording.blocker))
        ctx.addIssue({ code: "custom", path: at("status"), message: "A met criterion has no condition or blocker." });
      if (wording.blocker && !(c.essential && wording.status === "not_met"))
        ctx.addIssue({ code: "custom", path: at("blocker"), message: "Only an essential criterion that is not met has a blocker." });
      for (const field of ["reason", "condition", "blocker"] as const)
        for (const [, name] of (wording[field] ?? "").matchAll(/\{(\w+)\}/g))
          if (!reader.facts.includes(name))
            ctx.addIssue({
              code: "custom",
              path: at(field),
              message: `{${name}} is not something "${c.reads}" can say (it has ${reader.facts.join(", ") || "none"}).`,
            });
    }
  });

export const ReadinessTemplateSchema = z
  .strictObject({
    version: z.literal(1),
    /** A form of the method with readiness of its own (docs-templates/readiness/<variant>.json); absent in a method's own file. */
    variant: z.enum(METHOD_VARIANTS).optional(),
    method: z.enum(METHODS),
    note: z.string().optional(),
    /** With this many criteria unanswered there is too little to judge. */
    tooLittleKnown: z.number().int().min(1),
    criteria: z.array(CriterionTemplateSchema).min(1),
    /**
     * Its words said otherwise where the partner is one site (docs/domain.md §5.5, §7): a label, basis,
     * reason, condition or blocker, whole, and what is said in its place.
     */
    oneSite: z.record(z.string(), text).optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.criteria.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: "custom", path: ["criteria", i, "key"], message: `"${c.key}" is already a criterion.` });
      seen.add(c.key);
    });
    // A sentence changed in one place and not in the other would be said as before: each must be one the template says.
    const said = new Set(t.criteria.flatMap((c) => [c.label, c.basis, ...Object.values(c.answers).flatMap((a) => [a.reason, a.condition, a.blocker])]));
    for (const sentence of Object.keys(t.oneSite ?? {}))
      if (!said.has(sentence)) ctx.addIssue({ code: "custom", path: ["oneSite", sentence], message: "No criterion says this, word for word." });
  });
export type ReadinessTemplate = z.infer<typeof ReadinessTemplateSchema>;

const fill = (wording: string, facts: Record<string, string> = {}) => wording.replace(/\{(\w+)\}/g, (_, name: string) => facts[name] ?? "");

/**
 * The partner's readiness for the template's method. A partner of one site (the intake's sites, else
 * `partnerSites`, the record's) is judged in the words the template's `oneSite` gives it: a hospital's
 * results are shared across its wards and units, not across a system it does not have.
 */
export function assessReadiness(intake: Intake, template: ReadinessTemplate, partnerSites?: number | null): Readiness {
  const own = (intake.context.sites ?? partnerSites) === 1 ? template.oneSite : undefined;
  const say = <T extends string | undefined>(words: T): T => ((words !== undefined && own?.[words]) || words) as T;
  const assessed = template.criteria.map((c) => {
    const reading = READINESS_READERS[c.reads].read(intake);
    const wording = c.answers[reading.answer]!;
    const condition = say(wording.condition);
    const blocker = say(wording.blocker);
    return {
      key: c.key,
      label: say(c.label),
      essential: c.essential,
      status: wording.status,
      reason: `${fill(say(wording.reason), reading.facts)} ${say(c.basis)}`,
      sources: c.sources,
      assumption: c.assumption,
      condition: condition && fill(condition, reading.facts),
      blocker: blocker && fill(blocker, reading.facts),
    };
  });
  const blocks = (c: (typeof assessed)[number]) => c.status === "not_met" && c.essential && !!c.blocker;
  const needs = (c: (typeof assessed)[number]) => (blocks(c) ? c.blocker! : c.status !== "met" ? c.condition : undefined);
  const criteria = assessed.map((c) => {
    const { key, label, status, reason, sources, assumption } = c;
    const need = needs(c);
    return { key, label, status, reason, sources, assumption, ...(need ? { needs: need } : {}) };
  });
  const blockers = assessed.filter(blocks).map((c) => c.blocker!);
  const unknown = assessed.filter((c) => c.status === "unknown");
  if (unknown.length >= template.tooLittleKnown)
    blockers.push(
      `Too little is known yet: ${unknown.length} of ${assessed.length} readiness criteria are unanswered (${listOf(
        unknown.map((c) => c.label.toLowerCase())
      )}).`
    );
  const conditions = assessed.filter((c) => c.condition && c.status !== "met").map((c) => c.condition!);
  const verdict: ReadinessVerdict = blockers.length ? "not_ready" : conditions.length ? "ready_with_conditions" : "ready";
  return { method: template.method, ...(template.variant ? { variant: template.variant } : {}), verdict, criteria, conditions, blockers };
}
