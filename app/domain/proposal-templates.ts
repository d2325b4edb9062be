import { z } from "zod";
import { escapeRegExp, ofName } from "./text";
import { METHODS, type Method } from "./methods";
import { METHOD_VARIANTS, type MethodVariant } from "./method-variants";
import { PRIORITY_TOPICS, type PartnerCapacity } from "./intake";
import type { ANSWER_LABELS } from "./intake-labels";
import { plural } from "./plural";
import { VERSION_STATES, WITH_CONDITIONS, type WordedState } from "./proposal-content";

export const PROPOSAL_SECTION_KEYS = [
  "executive-summary",
  "context",
  "priorities",
  "aims",
  "approach",
  "theory-of-change",
  "measurement",
  "workplan",
  "governance",
  "resourcing",
  "capability",
  "budget",
  "risks",
  "next-steps",
] as const;
export type ProposalSectionKey = (typeof PROPOSAL_SECTION_KEYS)[number];

/**
 * The placeholders filled with a count and its noun, in the singular for one ("1 FTE-month", "12
 * faculty days"), and that noun. A template that writes the noun after one again would read "1
 * FTE-month FTE-months": it is refused when it loads.
 */
export const COUNTED_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  fteMonths: ["FTE-month"],
  facultyDays: ["faculty day"],
  siteCount: ["site", "team"],
  sites: ["site"],
  teamCount: ["team"],
  months: ["month"],
  spanMonths: ["month"],
  laterWave: ["site", "team"],
  longerPhasing: ["month"],
};

/** Where a template writes a counted placeholder's noun after it (or the noun's last word: "{facultyDays} days"), a message each. */
export function nounsAfterCounts(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z]+)\}/g)].flatMap((m) => {
    const nouns = COUNTED_PLACEHOLDERS[m[1]!];
    if (!nouns) return [];
    const words = nouns.flatMap((n) => [n, n.split(/[\s-]/).at(-1)!]).map(escapeRegExp);
    const after = new RegExp(`^\\s+(?:${words.join("|")})s?\\b`, "i").exec(template.slice(m.index + m[0].length));
    return after
      ? [`${m[0]} already says its noun ("${plural(12, nouns[0]!)}", "${plural(1, nouns[0]!)}"): write it without "${after[0].trim()}" after it.`]
      : [];
  });
}

const text = z
  .string()
  .min(1)
  .max(4000)
  .superRefine((v, ctx) => {
    for (const message of [...nounsAfterCounts(v), ...possessivesOutside(v)]) ctx.addIssue({ code: "custom", message });
  });

/** The states after the draft, each with its own next steps (docs/domain.md §9.9); the draft's are `nextSteps`. */
const LATER_STATES = [...VERSION_STATES.filter((s) => s !== "draft"), ...Object.values(WITH_CONDITIONS)] as [
  Exclude<WordedState, "draft">,
  ...Exclude<WordedState, "draft">[]
];

export const CommonWordingSchema = z.strictObject({
  version: z.literal(1),
  note: z.string().optional(),
  sections: z.record(z.enum(PROPOSAL_SECTION_KEYS), z.strictObject({ title: z.string().min(1).max(120) })),
  text: z.record(z.string(), text),
  nextSteps: z.array(text).min(1),
  nextStepsByState: z.record(z.enum(LATER_STATES), z.strictObject({ lead: text, steps: z.array(text).min(1) })),
});

/** The intake's answers on the partner's own roles (docs/domain.md §7) that the table of partner roles can show. */
export const PARTNER_ROLE_ANSWERS = [
  "seniorSponsor",
  "projectLeads",
  "dataLead",
  "canReleaseTeams",
  "willingToShare",
  "enrolmentChannel",
  "nodePartners",
  "dataPlatform",
  "mentorSites",
  "governance",
  "capabilityPlan",
] as const satisfies readonly (keyof PartnerCapacity & keyof typeof ANSWER_LABELS)[];

const PartnerRoleAnswersSchema = z.array(z.strictObject({ role: z.string().min(1).max(120), reads: z.enum(PARTNER_ROLE_ANSWERS) })).min(1);

export const MethodWordingSchema = z.strictObject({
  version: z.literal(1),
  method: z.enum(METHODS),
  name: z.string().min(1),
  approach: z.array(text).min(1),
  governance: z.array(text).min(1),
  capability: z.array(text).min(1),
  sustainability: z.array(text).min(1),
  budgetIncludes: z.array(text).min(1),
  /** What the method asks of the partner (docs/domain.md §9.2): a collaborative's teams at learning sessions, a campaign's enrolled sites, a tailored initiative's workstream leads. */
  partnerRoles: z.array(text).min(1),
  /** The table beside it: each of those roles and the intake answer that says where it stands. */
  partnerRoleAnswers: PartnerRoleAnswersSchema,
  /**
   * A role of ours (docs-templates/staff-roles.json) named as this method uses it, where the roster's name
   * says work the method does not do: a collaborative's "communications / campaign lead" enrols teams and
   * runs no campaign. The resourcing table and the fee's sentence say it so.
   */
  roleNames: z.record(z.string(), z.string().min(1).max(80)).optional(),
  /** Common sentences said otherwise of this method (keys of common.json's `text`): a campaign's sites are supported, not a first wave. */
  text: z.record(z.string(), text).optional(),
  /**
   * Its own sentences said otherwise where the partner is one site (docs/domain.md §5.5): a tailored
   * initiative's scale-up then runs across the organisation's wards and units, not across sites it does not have.
   */
  oneSite: z.record(z.string(), text).optional(),
});

/**
 * The wording of a form of a method offered to a small request (docs/domain.md §2.5), in place of its
 * method's: the method's name where the proposal names what is proposed, its own approach, governance,
 * capability, sustainability and what the fee covers, what it asks of the partner when that differs
 * from the method's, and the common sentences it says otherwise.
 */
export const VariantWordingSchema = z
  .strictObject({
    version: z.literal(1),
    note: z.string().optional(),
    variant: z.enum(METHOD_VARIANTS),
    method: z.enum(METHODS),
    /** The subtitle of the document: "A proposal to join {collaborative}". */
    subtitle: text,
    /** What it is called, after "a", where the internal briefing says what is proposed instead of the recommendation; absent, its method's name. */
    name: text.optional(),
    /** The executive summary's fact for the method. */
    methodFact: text,
    /** The alternative of the full method, listed first among those considered and not proposed. */
    alternative: text,
    /** Common sentences said otherwise (keys of common.json's `text`). */
    text: z.record(z.string(), text),
    /**
     * Sentences of the method recommendation's reasons (docs-templates/method-recommendation.json) that
     * describe the full method and are said otherwise of this form of it, where "Why this method fits"
     * quotes them: a joining site has no planning of its own and does not attend every session.
     */
    methodSentences: z.record(z.string(), text).optional(),
    approach: z.array(text).min(1),
    governance: z.array(text).min(1),
    capability: z.array(text).min(1),
    sustainability: z.array(text).min(1),
    budgetIncludes: z.array(text).min(1),
    /** What this form asks of the partner (docs/domain.md §9.2), with its table; absent, the method's are asked. */
    partnerRoles: z.array(text).min(1).optional(),
    partnerRoleAnswers: PartnerRoleAnswersSchema.optional(),
    /**
     * The results that speak to this form of the method first: "unit" for a form on one site or a few,
     * whose partner is shown only the method's own results, what one hospital or unit achieved before
     * what a whole country did.
     */
    resultsScale: z.enum(["unit"]).optional(),
    /** The internal briefing's words for this form of the method, where they differ from the full method's. */
    internal: z
      .strictObject({
        /** The lead of the planning assumptions this plan rests on. */
        assumptionsLead: text,
        /** In the table of our capacity for each method: the row of the plan proposed, judged on this form's own demand. */
        capacityPlan: text,
        /** In the same table: the row of the full method, which is not what is proposed. */
        capacityFullMethod: text,
      })
      .optional(),
  })
  .refine((w) => (w.partnerRoles === undefined) === (w.partnerRoleAnswers === undefined), {
    message: "partnerRoles and partnerRoleAnswers go together: give both, or neither to ask what the method asks.",
    path: ["partnerRoleAnswers"],
  });

const TOPIC_KEYS = PRIORITY_TOPICS.map((t) => t.key) as [string, ...string[]];

/** A published source a partner can look up (docs/domain.md §9.12): "n.d." when the source gives no year. */
export const ReferenceSchema = z.strictObject({
  title: z.string().trim().min(3).max(300),
  publisher: z.string().trim().min(2).max(200),
  year: z.union([z.number().int().min(1900).max(2100), z.literal("n.d.")]),
  url: z.url({ protocol: /^https?$/, hostname: z.regexes.domain }),
});

export const ResultsLibrarySchema = z.strictObject({
  version: z.literal(1),
  note: z.string().optional(),
  entries: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/),
        finding: text,
        topics: z.array(z.enum(TOPIC_KEYS)),
        methods: z.array(z.enum(METHODS)).min(1),
        /**
         * Where the result was achieved: "unit" for one hospital, ward or unit (or a few, each reported
         * on its own), "system" for a health system, region or country taken whole (docs/domain.md §9.12).
         */
        scale: z.enum(["unit", "system"]).default("system"),
        /** The source in short, printed beside the figure; the full references are numbered at the end (docs/domain.md §9.12). */
        source: z
          .string()
          .min(3)
          .max(300)
          .refine((v) => !/\[[A-Z]+\d+\]/.test(v), "Name the source in words; its references carry the details, not a key in brackets."),
        /** Where a reader can look the figure up; an entry without one is never printed. */
        references: z.array(ReferenceSchema),
      })
    )
    .min(1),
});

export type CommonWording = z.infer<typeof CommonWordingSchema>;
export type MethodWording = z.infer<typeof MethodWordingSchema>;
export type ResultEntry = z.infer<typeof ResultsLibrarySchema>["entries"][number];
export type VariantWording = z.infer<typeof VariantWordingSchema>;
export type ProposalWording = {
  common: CommonWording;
  methods: Record<Method, MethodWording>;
  results: ResultEntry[];
  /** The wording of the forms of a method that have their own (absent: the method's applies). */
  variants?: Partial<Record<MethodVariant, VariantWording>>;
};

/**
 * A placeholder: "{partner}", or what is the partner's, "{partner's senior sponsor}", whose words may hold
 * placeholders of their own ("{partner's {teamNoun}}").
 */
const PLACEHOLDER = /\{([a-zA-Z]+)(?:'s ((?:[^{}]|\{[a-zA-Z]+\})+))?\}/g;

/** The placeholders a sentence uses. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z]+)(?=\}|'s )/g)].map((m) => m[1]!);
}

/**
 * Where a wording writes what is the partner's after its placeholder ("{partner}'s senior sponsor")
 * rather than inside it ("{partner's senior sponsor}"), a message each: a name ending in a quotation
 * mark would read "…"'s senior sponsor".
 */
export function possessivesOutside(template: string): string[] {
  return [...template.matchAll(/\{partner\}['’]s\b/g)].map(
    () =>
      `write what is the partner's inside its placeholder, "{partner's senior sponsor}", not "{partner}'s senior sponsor": a name ending in a quotation mark then reads "the senior sponsor of …".`
  );
}

/**
 * Fills {placeholders}; returns null when one has no value, so the caller can mark it "to be completed".
 * What is someone's is said as their name allows (docs/domain.md §9.1): "Northshire Health System's
 * senior sponsor", "Improvement Partners' board", "the senior sponsor of Partners' "Network"".
 */
export function fill(template: string, values: Record<string, string | null | undefined>): string | null {
  let missing = false;
  const value = (key: string): string => {
    const v = values[key];
    if (v === null || v === undefined || v === "") {
      missing = true;
      return "";
    }
    return v;
  };
  // One pass over the wording: a value is never read again as wording.
  const out = template.replace(PLACEHOLDER, (_m, key: string, owned: string | undefined, at: number) => {
    const v = value(key);
    if (owned === undefined) return v;
    const phrase = owned.replace(/\{([a-zA-Z]+)\}/g, (_n, k: string) => value(k));
    return ofName(v, phrase, { capital: at === 0 || /[.!?]\s+$/.test(template.slice(0, at)) });
  });
  return missing ? null : out;
}

/**
 * Entries that match the partner's priorities and the chosen method, most specific first. With
 * `preferScale` (a form of the method on one site or a few), only the method's own results, those
 * achieved at that scale first: a national campaign of thousands of hospitals is no comparison for one.
 */
export function matchingResults(
  results: ResultEntry[],
  topics: string[],
  method: Method | null,
  { limit = 5, preferScale }: { limit?: number; preferScale?: ResultEntry["scale"] } = {}
): ResultEntry[] {
  const atScale = (r: ResultEntry) => (preferScale && r.scale === preferScale ? 1 : 0);
  const scored = results
    .map((r) => {
      const topicHit = r.topics.some((t) => topics.includes(t));
      const methodHit = method ? r.methods.includes(method) : true;
      return {
        r,
        score: (topicHit ? 2 : 0) + (methodHit ? 1 : 0),
        topicIndex: Math.min(...r.topics.map((t) => (topics.indexOf(t) < 0 ? 99 : topics.indexOf(t))), 99),
      };
    })
    .filter((x) => x.score >= 2 || (x.score === 1 && x.r.topics.length === 0))
    .filter((x) => !preferScale || !method || x.r.methods.includes(method));
  return scored
    .sort((a, b) => b.score - a.score || a.topicIndex - b.topicIndex || atScale(b.r) - atScale(a.r))
    .slice(0, limit)
    .map((x) => x.r);
}
