/** The words the intake shows: each answer's label, per question, and each field's label. */

/** The words shown for each answer, per question: the form's options and the readers' summaries. */
export const ANSWER_LABELS = {
  partnerKind: {
    hospital: "A hospital",
    health_system: "A health system",
    association: "An association or network of hospitals",
    region: "A region",
    nation: "A nation (ministry of health)",
  },
  geographyScope: {
    organisation: "One organisation",
    system: "A system",
    region: "A region",
    nation: "A nation",
  },
  improvementExperience: {
    none: "No structured improvement work yet",
    some: "Some improvement projects and a few trained people",
    extensive: "Years of improvement work across the organisation",
  },
  changePackage: { yes: "Yes, a proven change package", partly: "Partly, still being developed", no: "No" },
  degreeOfBelief: { low: "Low", moderate: "Moderate", high: "High" },
  brightSpots: { yes: "Yes", no: "No", unsure: "Not known" },
  aimStyle: {
    team: "Each team sets its own aims under a shared aim",
    bold: "One bold numeric aim with a public deadline",
    system: "System-level aims (for example hospital mortality)",
  },
  breadth: { focused: "One focused topic", several: "Several workstreams" },
  wantsCapabilityBuilding: { yes: "Yes", no: "No" },
  wantsPublicMobilisation: { yes: "Yes", no: "No" },
  seniorSponsor: { yes: "Yes, named and committed", partly: "Identified, not yet committed", no: "No" },
  projectLeads: {
    yes: "Yes, at every site",
    partly: "At some sites, or with less time",
    no: "No",
  },
  dataLead: { yes: "Yes", partly: "Part-time or shared", no: "No" },
  canReleaseTeams: { yes: "Yes, every site", partly: "Some sites", no: "No" },
  willingToShare: { yes: "With us and with other participants", partly: "With us only", no: "No" },
  enrolmentChannel: { yes: "Yes, one that reaches most of them", partly: "One that reaches some of them", no: "No" },
  nodePartners: { yes: "Yes, across the whole area", partly: "In some parts of it", no: "No" },
  dataPlatform: { yes: "Yes, in place", partly: "Partly, or being built", no: "No" },
  mentorSites: { yes: "Yes, several", partly: "One or two", no: "No" },
  governance: { yes: "Yes, in place", partly: "Being set up", no: "No" },
  capabilityPlan: { yes: "Yes, agreed and funded", partly: "An intention, not yet a plan", no: "No" },
  budgetSecured: { yes: "Secured", partly: "Partly secured", no: "Not yet secured" },
} as const;

/** Field labels, used in error messages and in the completeness indicator; the form can use them too. */
export const FIELD_LABELS = {
  partnerKind: "Kind of partner",
  sites: "Number of sites",
  population: "Population served",
  geographyScope: "Geography",
  improvementExperience: "Improvement experience",
  hasLearningSystem: "Has a learning system",
  hasImprovementTeam: "Has an improvement team",
  existingWork: "Existing improvement work",
  previousWorkWithUs: "Has worked with us before",
  problems: "Problems in the partner's words",
  topic: "Topic",
  custom: "Written-in topic",
  baselineMeasure: "Baseline measure",
  baselineValue: "Baseline value",
  baselineDate: "Baseline date",
  baselineSource: "Baseline source",
  baselineDue: "To be measured by (month)",
  changePackage: "Proven change package",
  degreeOfBelief: "Degree of belief",
  brightSpots: "Sites already performing much better",
  aimHowMuch: "Aim: how much",
  aimByWhen: "Aim: by when",
  aimForWhom: "Aim: for whom",
  aimStyle: "Kind of aim",
  breadth: "Breadth",
  wantsCapabilityBuilding: "Build the partner's own improvement capability",
  wantsPublicMobilisation: "Public, voluntary mobilisation of many institutions",
  expectedSites: "Sites or teams expected to take part",
  desiredStart: "Desired start",
  longestDurationMonths: "Longest duration the partner can commit to",
  hardDeadline: "Hard deadline",
  seniorSponsor: "Senior sponsor",
  sponsorName: "Executive sponsor's name",
  sponsorTitle: "Executive sponsor's title",
  sponsorEmail: "Executive sponsor's email",
  projectLeads: "Project lead at each site (20–40% of their time)",
  dataLead: "Data lead",
  canReleaseTeams: "Sites can release a team of about three for learning sessions",
  willingToShare: "Willing to share data and results",
  enrolmentChannel: "A channel to enrol many institutions (a membership, network or mandate)",
  nodePartners: "Regional partners (nodes) able to recruit and support sites",
  dataPlatform: "A way for every site to report a simple measure each month",
  mentorSites: "Sites with results that can mentor others",
  governance: "A governance structure to steer the work (a steering group, an accountable executive)",
  capabilityPlan: "A plan to build the partner's own improvement capability (advisors, coaches, fellows)",
  budgetMin: "Minimum budget",
  budgetMax: "Maximum budget",
  currency: "Currency",
  budgetSecured: "Budget secured",
} as const;

/**
 * What the longest duration counts (docs/domain.md §8.6): the whole plan from the desired start, its
 * preparation and follow-up included, as the Timeline and Fit pages judge it. One instruction for every
 * method, since none is chosen while the intake is filled in; what a method's own months mean for it is
 * said where the method is known.
 */
export const DURATION_HINT = "Months from the desired start to the end of all the work, preparation and follow-up included.";

/*
 * The partner's executives fill in sections of the intake themselves (docs/domain.md §9.10), on a page
 * addressed to them: the intake's words for "the partner" are said to them as "your organisation".
 * The most particular phrases first; the rest follow the general rule.
 */
const PARTNER_WORDS: [RegExp, string][] = [
  [/What the partner wants to solve, as they put it\./g, "What your organisation wants to solve, as you would put it."],
  [/in the partner's words/g, "in your own words"],
  [/Kind of partner/g, "Kind of organisation"],
  [/kind of partner/g, "kind of organisation"],
  [/The partner's/g, "Your organisation's"],
  [/the partner's/g, "your organisation's"],
  [/The partner\b/g, "Your organisation"],
  [/the partner\b/g, "your organisation"],
];

/** An intake label, hint or error as the partner reads it on their own page ("Longest duration your organisation can commit to"). */
export function inPartnerWords(text: string): string {
  return PARTNER_WORDS.reduce((t, [pattern, words]) => t.replace(pattern, words), text);
}

/** The field labels as the partner's own intake page gives them. */
export const PARTNER_FIELD_LABELS = Object.fromEntries(Object.entries(FIELD_LABELS).map(([k, v]) => [k, inPartnerWords(v)])) as Record<
  keyof typeof FIELD_LABELS,
  string
>;
