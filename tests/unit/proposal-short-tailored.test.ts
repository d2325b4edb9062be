/**
 * A proposal for a short tailored engagement (docs/domain.md §2.5) says what the partner's CEO is
 * asked to agree: a diagnostic, an aim agreed with its leaders, months of testing changes with our
 * coaching and a hand-over, on its own site or a few, within a year. It never reads as the tailored
 * initiative it is a form of: no multi-year programme, no waves, no programme board meeting quarterly.
 */
import { describe, expect, it } from "vitest";
import { emptyIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import { partnerEdition } from "~/domain/proposal-audience";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import type { Timeline } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate, getTimelineVariantTemplates } from "~/services/templates.server";

const PARTNER = "Ashford Valley Hospital";

function intake(sites: number): Intake {
  const i = emptyIntake();
  i.scale.expectedSites = sites;
  i.needs.priorities = [{ topic: "sepsis" }] as Intake["needs"]["priorities"];
  i.evidence.aimHowMuch = "Nine in ten patients with suspected sepsis given antibiotics within one hour";
  i.evidence.aimForWhom = "adult inpatients";
  i.evidence.aimByWhen = "2027-11";
  i.scale.longestDurationMonths = 12;
  i.evidence.aimStyle = "team";
  i.evidence.breadth = "focused";
  i.capacity.seniorSponsor = "yes";
  i.capacity.projectLeads = "partly";
  i.capacity.canReleaseTeams = "yes";
  i.capacity.dataLead = "no";
  return i;
}

const plan = (variant: boolean, teams: number): Timeline =>
  generateTimeline(variant ? getTimelineVariantTemplates().short_tailored : getTimelineTemplate("tailored"), {
    start: "2027-02-01",
    horizonMonths: null,
    hardDeadline: null,
    aimBy: null,
    teams,
    country: "GB",
  });

function snapshot({ variant = true, teams = 1, partner = { kind: "hospital", sites: 1, scope: "organisation" } } = {}): EngagementSnapshot {
  const i = intake(teams);
  i.context.geographyScope = partner.scope as Intake["context"]["geographyScope"];
  return {
    schema: 1,
    date: "2026-12-03",
    engagement: { title: "Ashford Valley sepsis on the wards" },
    partner: { name: PARTNER, kind: partner.kind, country: "GB", sites: partner.sites, population: 180_000 },
    intake: i,
    // Judged, as the app judges it (app/models/snapshot.server.ts), on the form's own readiness.
    readiness: assessReadiness(i, getReadinessTemplate("tailored", variant ? "short_tailored" : null)),
    method: {
      // Told of the form decided, as the app tells it (app/models/snapshot.server.ts).
      ...methodSummary(recommendMethod(i, getMethodWeights(), { shortTailored: variant }), "tailored", null),
      ...(variant ? { variant: "short_tailored" as const } : {}),
    },
    driverDiagram: null,
    timeline: plan(variant, teams),
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

const partnerReads = (s: EngagementSnapshot) => partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }));

/** Every word of the content, as one text. */
function words(content: ProposalContent): string {
  const of = (b: Block): string[] =>
    b.type === "paragraph" || b.type === "todo" || b.type === "quote"
      ? [b.text]
      : b.type === "bullets" || b.type === "numbered"
      ? b.items
      : b.type === "facts" || b.type === "table"
      ? b.rows.flat()
      : [];
  return [content.subtitle, ...content.sections.flatMap((s) => s.blocks.flatMap(of))].join("\n");
}

const section = (content: ProposalContent, key: string) => content.sections.find((s) => s.key === key)!;
const sectionWords = (content: ProposalContent, key: string) => words({ ...content, subtitle: "", sections: [section(content, key)] });

/** What a multi-year, system-wide initiative says of itself and a short engagement never does. */
const FULL_INITIATIVE = /multi-year|waves?\b|full scale|programme board|quarterly|annually|cadre|phase of its own/i;
/** The same, and the initiative's system-wide roles, in the sections its words write, its readiness in the risks included (docs/domain.md §2.5, §7). */
const SYSTEM_WIDE = /system-level aims|workstream|measurement group|across the system|Scottish Patient Safety Programme/i;
const WORDED = ["executive-summary", "context", "approach", "workplan", "governance", "resourcing", "capability", "budget", "risks", "next-steps"];

describe("a proposal for a short tailored engagement, as the partner reads it", () => {
  it("says what a short engagement is: a diagnostic, an agreed aim, testing with coaching, a review and a hand-over, within a year", () => {
    const content = partnerReads(snapshot());
    expect(content.subtitle).toBe("A proposal for a short tailored engagement");
    const summary = section(content, "executive-summary").blocks[0]!;
    expect(summary.type === "paragraph" && summary.text).toMatch(
      /^Ashford Valley Hospital and the Institute propose a short tailored engagement\. Its aim: .+\. It involves 1 site and runs for \d+ months\.$/
    );
    const approach = sectionWords(content, "approach");
    expect(approach).toMatch(/one site or a few/);
    expect(approach).toMatch(/within a year/);
    expect(approach).toMatch(/diagnostic/);
    expect(approach).toMatch(/agree the aim/);
    expect(approach).toMatch(/Plan–Do–Study–Act/);
    expect(approach).toMatch(/hand-over/);
    expect(words(content)).toMatch(/^Both parties sign; the diagnostic starts in February 2027\.$/m);
  });

  it("says nothing of waves, a multi-year programme or a board meeting quarterly, in any section", () => {
    const content = partnerReads(snapshot());
    const text = words(content);
    expect(text).not.toMatch(FULL_INITIATIVE);
    for (const key of WORDED) expect(sectionWords(content, key), key).not.toMatch(SYSTEM_WIDE);
    // The full initiative is named once, among the alternatives not proposed.
    const alternative = section(content, "approach").blocks.find(
      (b, i, all) => b.type === "bullets" && all[i - 1]?.type === "paragraph" && /alternatives we considered/.test((all[i - 1] as { text: string }).text)
    );
    expect(alternative?.type === "bullets" && alternative.items[0]).toMatch(/^A tailored large-scale initiative: /);
    expect(text.split(/tailored large-scale initiative/i)).toHaveLength(2);
  });

  it("says why a short engagement fits: one site, an aim of its own, within a year; nothing of a whole system or learning sessions", () => {
    const blocks = section(partnerReads(snapshot()), "approach").blocks;
    const why = blocks[blocks.findIndex((b) => b.type === "paragraph" && b.text === "Why this method fits:") + 1]!;
    expect(why.type === "bullets" && why.items.map((r) => r.split(". ").at(-1))).toEqual([
      "A short tailored engagement is for one site or a few: it does the diagnostic and the testing there, without the stages that spread the work further.",
      "A short tailored engagement is planned to finish within a year, from the diagnostic to the hand-over.",
      "A short tailored engagement works to an aim agreed after the diagnostic with the leaders of the sites taking part.",
      "A short tailored engagement tests changes for months, not years: one focused topic suits it.",
    ]);
    expect(why.type === "bullets" && why.items.join("\n")).not.toMatch(
      /whole system or country|learning sessions|scalable unit|spread(ing)? it|A tailored initiative/
    );
  });

  it("warns in its assumptions and risks of what a short engagement needs, never of a programme that runs for years", () => {
    const risks = sectionWords(partnerReads(snapshot()), "risks");
    expect(risks).not.toMatch(/several years|Scottish Patient Safety Programme|scope a first phase/);
    expect(risks).not.toMatch(/^(Method: )?(A short tailored engagement|Tailored initiatives|A tailored initiative) /m);
    // A sponsor not yet committed is the short engagement's caveat, in its own words.
    const s = snapshot();
    s.intake.capacity.seniorSponsor = "partly";
    s.method = { ...methodSummary(recommendMethod(s.intake, getMethodWeights(), { shortTailored: true }), "tailored", null), variant: "short_tailored" };
    expect(sectionWords(partnerReads(s), "risks")).toMatch(
      /^A short tailored engagement is steered each month by the partner's senior sponsor, who agrees the aim and reviews the results; the senior sponsor is not yet committed: secure a committed sponsor before the diagnostic\.$/m
    );
    // What the method needs is said in its own sentence, without a label that reads as a note of ours.
    expect(sectionWords(partnerReads(s), "risks")).not.toMatch(/^Method: /m);
  });

  it("judges readiness on what a short engagement asks of its own sites: a sponsor, a project lead, data for its aim", () => {
    const blocks = section(partnerReads(snapshot()), "risks").blocks;
    const table = blocks.find((b) => b.type === "table" && b.caption === "Readiness");
    expect(table?.type === "table" && table.rows).toEqual([
      ["A senior sponsor", "Met", "—"],
      ["A project lead for the work", "Partly met", "Name a project lead at each site taking part, with the time to lead the testing day to day."],
      ["Data to follow the aim", "Not met", "Name a data lead to report the aim's measures each month."],
      ["Improvement experience to build on", "Not known yet", "Describe the improvement experience already in place, so that the coaching builds on it."],
      ["Sharing the measures with us", "Not known yet", "Confirm that the aim's measures and results will be shared with us."],
      ["Changes to test", "Not known yet", "Assess the evidence for each priority: is there a proven change package, and how strong is the degree of belief?"],
    ]);
  });

  it("answers a wish for improvement advisors of the partner's own: not part of this engagement, a programme after the hand-over", () => {
    const s = snapshot();
    s.intake.evidence.wantsCapabilityBuilding = "yes";
    const said = section(partnerReads(s), "capability").blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
    expect(said).toContain(
      "Ashford Valley Hospital wants improvement advisors and coaches of its own. Training them is not part of this engagement; as said above, a programme to train them can be agreed after the hand-over."
    );
    // Its coaching of the site's team is no stream that trains them.
    expect(said.join("\n")).not.toMatch(/capability-building stream|cadre/);
  });

  it("governs the work with the senior sponsor monthly, and covers in its fee only what a short engagement needs", () => {
    const content = partnerReads(snapshot());
    expect(sectionWords(content, "governance")).toMatch(/senior sponsor steers the work .* monthly/);
    expect(sectionWords(content, "governance")).toMatch(/review of the results with the senior sponsor/);
    expect(sectionWords(content, "capability")).toMatch(/coached each month/);
    expect(sectionWords(content, "capability")).toMatch(/ends with a hand-over/);
    const covers = section(content, "budget").blocks.at(-1)!;
    expect(covers.type === "bullets" && covers.items).toEqual([
      "Senior faculty for the diagnostic, for agreeing the aim and plan, and for coaching Ashford Valley Hospital's leaders",
      "Faculty and an improvement advisor to coach Ashford Valley Hospital's team through the testing and the hand-over",
      "Direction of the engagement, data analysis and project management",
    ]);
  });

  it("asks of the partner what a short engagement needs, with where each role stands on the proposal's date", () => {
    const content = partnerReads(snapshot());
    const blocks = section(content, "resourcing").blocks;
    const asked = blocks[blocks.findIndex((b) => b.type === "paragraph" && b.text === `What it asks of ${PARTNER}:`) + 1]!;
    expect(asked.type === "bullets" && asked.items.join("\n")).toMatch(/A senior sponsor who agrees the aim/);
    expect(asked.type === "bullets" && asked.items.join("\n")).not.toMatch(FULL_INITIATIVE);
    expect(asked.type === "bullets" && asked.items.join("\n")).not.toMatch(SYSTEM_WIDE);
    const table = blocks.find((b) => b.type === "table" && b.caption === "Partner roles at the date of this proposal");
    expect(table?.type === "table" && table.rows).toEqual([
      ["Senior sponsor", "Yes, named and committed"],
      ["Project lead", "At some sites, or with less time"],
      ["Data lead", "No"],
    ]);
  });

  it("quotes what one hospital or unit achieved before what a whole country did, and says a country's figure is no promise", () => {
    const quoted = (s: EngagementSnapshot, wording = getProposalWording()) => {
      const blocks = section(partnerEdition(buildProposal(s, wording, { versionLabel: "Version 1" })), "approach").blocks;
      const first = blocks.findIndex((b) => b.type === "quote");
      const lead = blocks[first - 1];
      return { lead: lead?.type === "paragraph" ? lead.text : null, quotes: blocks.flatMap((b) => (b.type === "quote" ? [b.text.slice(0, 32)] : [])) };
    };
    const withPriorities = (s: EngagementSnapshot) => {
      s.intake.needs.priorities = [{ topic: "vap" }, { topic: "readmissions" }] as Intake["needs"]["priorities"];
      return s;
    };
    const short = quoted(withPriorities(snapshot()));
    expect(short.quotes).toEqual([
      "Two Scottish ICUs cut VAP from 6",
      "The Scottish Patient Safety Prog",
      "A STAAR hospital (Massachusetts ",
      "Two years into STAAR, 148 hospit",
      "Hospital standardised mortality ",
    ]);
    expect(short.lead).toBe(
      "What comparable initiatives achieved, each figure with its source. A figure for a whole health system or country shows what such work can do at that scale, not a result this engagement promises:"
    );
    // Nothing quoted for a whole system or country: the common words.
    const wording = getProposalWording();
    const unitsOnly = { ...wording, results: wording.results.filter((r) => r.scale === "unit") };
    expect(quoted(withPriorities(snapshot()), unitsOnly)).toEqual({
      lead: "What comparable initiatives achieved (each figure with its source):",
      quotes: ["Two Scottish ICUs cut VAP from 6", "A STAAR hospital (Massachusetts "],
    });
    // The full initiative quotes the library in its own order, under the common words.
    const full = quoted(withPriorities(snapshot({ variant: false, teams: 12, partner: { kind: "nation", sites: 40, scope: "nation" } })));
    expect(full.quotes.slice(0, 2)).toEqual(["The Scottish Patient Safety Prog", "Two Scottish ICUs cut VAP from 6"]);
    expect(full.lead).toBe("What comparable initiatives achieved (each figure with its source):");
    // Only the short engagement leaves out another method's results: a campaign of 3,000 hospitals is no comparison for one.
    expect(full.quotes).toContain("The 100,000 Lives Campaign enrol");
  });

  it("says that a health system's engagement works with a few of its sites, not across the whole system", () => {
    const content = partnerReads(snapshot({ teams: 3, partner: { kind: "health_system", sites: 14, scope: "system" } }));
    const context = section(content, "context").blocks[0]!;
    expect(context.type === "paragraph" && context.text).toMatch(
      /across 14 sites\. The engagement works with 3 sites within the health system; spreading what works to the rest of it is not part of this proposal\.$/
    );
    expect(words(content)).not.toMatch(/spans the whole health system/);
    expect(sectionWords(content, "capability")).toMatch(/The members of Ashford Valley Hospital's teams learn/);
  });

  it("names in the internal briefing the plan proposed beside the full initiative, and what its planning assumptions are", () => {
    const s = snapshot();
    s.fit = { verdict: "fits", summary: "Fits with room to spare.", shortfalls: [], tightSpots: [], earliestStart: "2027-02" };
    s.method.ranked = s.method.ranked.map((r) => ({ ...r, feasibility: { verdict: "tight", earliestStart: "2027-09", summary: "Tight." } }));
    s.assumptions = [
      "2 days a month: A share of a programme director: the monthly steering with the partner's senior sponsor, the review of results and oversight of the work.",
    ];
    const content = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });
    const capacity = section(content, "approach").blocks.find((b) => b.type === "table" && b.caption === "Our capacity for each method");
    const rows = capacity?.type === "table" ? capacity.rows.map((r) => r.slice(0, 2)) : [];
    expect(rows[0]).toEqual(["A short tailored engagement with 1 site, as proposed", "Fits with room to spare."]);
    expect(rows.slice(1).sort()).toEqual([
      ["A tailored large-scale initiative (not proposed)", "Tight."],
      ["Breakthrough Series collaborative", "Tight."],
      ["Campaign", "Tight."],
    ]);
    expect(sectionWords(content, "risks")).toMatch(/^Planning assumptions for a short tailored engagement, sized for its own site or sites \(/m);
    expect(words(partnerEdition(content))).not.toMatch(/as proposed|Planning assumptions/);
  });

  it("names in the internal briefing the short engagement proposed instead of the method recommended, with the reason said once", () => {
    const offer =
      "1 team or site is fewer than the 12 a collaborative of its own needs: learning between teams would be thin, and the planning alone would take months.";
    const override = (s: EngagementSnapshot, reason: string) => {
      s.method = { ...s.method, recommended: "collaborative", overrideReason: reason };
      const content = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });
      return section(content, "approach").blocks.find((b) => b.type === "paragraph" && b.audience === "internal" && /^The intake pointed to/.test(b.text));
    };
    const short = override(snapshot(), `Short tailored engagement: ${offer}`);
    expect(short?.type === "paragraph" && short.text).toBe(
      `The intake pointed to a Breakthrough Series collaborative; we propose a short tailored engagement instead, because: ${offer}`
    );
    // A full tailored initiative chosen over the recommendation is named as before, with the manager's reason as written.
    const full = override(
      snapshot({ variant: false, teams: 14, partner: { kind: "health_system", sites: 14, scope: "system" } }),
      "The ministry asked for it."
    );
    expect(full?.type === "paragraph" && full.text).toBe(
      "The intake pointed to a Breakthrough Series collaborative; we propose a tailored large-scale initiative instead, because: The ministry asked for it."
    );
  });

  it("leaves the full tailored initiative in its own words", () => {
    const content = partnerReads(snapshot({ variant: false, teams: 14, partner: { kind: "health_system", sites: 14, scope: "system" } }));
    expect(content.subtitle).toBe("A tailored large-scale initiative proposal");
    expect(words(content)).toMatch(/multi-year programme/);
    expect(words(content)).toMatch(/programme board/);
    expect(words(content)).toMatch(/spans the whole health system/);
    const readiness = section(content, "risks").blocks.find((b) => b.type === "table" && b.caption === "Readiness");
    expect(readiness?.type === "table" && readiness.rows.map((r) => r[0])).toEqual([
      "A senior sponsor",
      "Governance",
      "A capability plan",
      "Data for system-level aims",
      "Improvement experience to build on",
      "Sharing results across the system",
      "The change package, or a plan to develop it",
    ]);
    const blocks = section(content, "approach").blocks;
    const why = blocks[blocks.findIndex((b) => b.type === "paragraph" && b.text === "Why this method fits:") + 1]!;
    expect(why.type === "bullets" && why.items.join("\n")).toMatch(/A tailored initiative stages the work across a whole system or country\./);
    expect(sectionWords(content, "risks")).toMatch(
      /^Tailored initiatives run several years \(the Scottish Patient Safety Programme ran five\); in 12 months, scope a first phase and agree what follows\.$/m
    );
  });
});
