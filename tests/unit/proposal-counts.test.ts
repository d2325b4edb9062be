/**
 * A count in the proposal's sentences reads in the singular for one: "1 FTE-month", "1 faculty day",
 * never "1 FTE-months". The placeholder carries the count with its noun, so the wording in
 * docs-templates/ stays data, and a template that writes the noun after it again is refused when it loads.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { demoIntake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import type { Block } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot, type StaffingLine } from "~/domain/proposal-snapshot";
import { CommonWordingSchema, VariantWordingSchema, nounsAfterCounts } from "~/domain/proposal-templates";
import { assessReadiness } from "~/domain/readiness";
import { generateTimeline } from "~/domain/timeline-generate";
import { TemplateError, getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate, parseTemplate } from "~/services/templates.server";

const line = (role: string, days: number, fteMonths: number): StaffingLine => ({
  role,
  label: role,
  days,
  fteMonths,
  peakFte: fteMonths,
  from: "2027-03",
  to: "2027-08",
});

function snapshot(staffing: StaffingLine[]): EngagementSnapshot {
  const intake = demoIntake();
  return {
    schema: 1,
    date: "2026-11-20",
    engagement: { title: "Northshire patient safety partnership" },
    partner: { name: "Northshire Health System", kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
    intake,
    readiness: assessReadiness(intake, getReadinessTemplate("tailored")),
    method: methodSummary(recommendMethod(intake, getMethodWeights(), { today: "2026-11" }), "tailored", null),
    driverDiagram: null,
    timeline: generateTimeline(getTimelineTemplate("tailored"), {
      start: "2027-03-01",
      horizonMonths: 30,
      hardDeadline: null,
      aimBy: null,
      teams: 14,
      country: "GB",
    }),
    staffing,
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

/** The summary's sentence on our staff, as a draft says it and as an approved and an agreed version say it. */
function resourcing(staffing: StaffingLine[]): string[] {
  const content = buildProposal(snapshot(staffing), getProposalWording(), { versionLabel: "Version 1" });
  const blocks = content.sections.find((s) => s.key === "executive-summary")!.blocks;
  const block = blocks.find((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph" && /commit/.test(b.text))!;
  expect(block, "the summary says what we commit").toBeDefined();
  return [block.text, ...Object.values(block.byState ?? {})];
}

describe("what the proposal's summary says we commit", () => {
  it("reads 1 FTE-month and 1 faculty day for a count of one, in every state of the version", () => {
    const sentences = resourcing([line("faculty", 1, 0.1), line("improvement_advisor", 18, 0.9)]);
    expect(sentences).toHaveLength(3);
    for (const sentence of sentences) {
      expect(sentence).toMatch(/ commits? 1 FTE-month of its faculty, improvement advisors and staff, including 1 faculty day, between /);
      expect(sentence).not.toMatch(/\b1 (FTE-months|faculty days)\b/);
    }
  });

  it("reads in the plural for any other count", () => {
    for (const sentence of resourcing([line("faculty", 12.4, 0.6), line("improvement_advisor", 240, 11.9)]))
      expect(sentence).toMatch(/ commits? 12\.5 FTE-months of its faculty, improvement advisors and staff, including 12 faculty days, between /);
  });
});

describe("a proposal template that writes a count's noun after it", () => {
  it("is named: the noun, or its last word, after the placeholder that carries it", () => {
    expect(nounsAfterCounts("{Us} would commit {fteMonths} FTE-months of its staff, including {facultyDays} faculty days.")).toEqual([
      '{fteMonths} already says its noun ("12 FTE-months", "1 FTE-month"): write it without "FTE-months" after it.',
      '{facultyDays} already says its noun ("12 faculty days", "1 faculty day"): write it without "faculty days" after it.',
    ]);
    expect(nounsAfterCounts("including {facultyDays} days")).toHaveLength(1);
    expect(nounsAfterCounts("It involves {siteCount} and runs for {months}. With {teamCount} of its own.")).toEqual([]);
  });

  it("stops the wording loading, naming the file and the sentence", () => {
    const file = "docs-templates/proposal/common.json";
    const common = JSON.parse(readFileSync(file, "utf8")) as { text: Record<string, string> };
    expect(() => parseTemplate(file, JSON.stringify(common), CommonWordingSchema)).not.toThrow();
    common.text.summaryResourcing = "{Us} would commit {fteMonths} FTE-months of its faculty, including {facultyDays} faculty days.";
    expect(() => parseTemplate(file, JSON.stringify(common), CommonWordingSchema)).toThrow(TemplateError);
    expect(() => parseTemplate(file, JSON.stringify(common), CommonWordingSchema)).toThrow(
      /common\.json is not valid:\n {2}text\.summaryResourcing: \{fteMonths\} already says its noun/
    );
    const joining = "docs-templates/proposal/join_open_collaborative.json";
    const variant = JSON.parse(readFileSync(joining, "utf8")) as { approach: string[] };
    expect(() => parseTemplate(joining, JSON.stringify(variant), VariantWordingSchema)).not.toThrow();
    variant.approach[0] = `${variant.approach[0]} It joins with {teamCount} teams.`;
    expect(() => parseTemplate(joining, JSON.stringify(variant), VariantWordingSchema)).toThrow(/approach\[0\]: \{teamCount\} already says its noun/);
  });
});

describe("counts in the proposal's tables", () => {
  /** The rows of the section's tables and facts, as the documents print them. */
  function rowsOf(staffing: StaffingLine[], teams: number, firstWave?: { sites: number; of: number }): string[][] {
    const s = snapshot(staffing);
    const content = buildProposal(
      { ...s, timeline: { ...s.timeline!, generatedFrom: { ...s.timeline!.generatedFrom, teams } }, ...(firstWave ? { firstWave } : {}) },
      getProposalWording(),
      { versionLabel: "Version 1" }
    );
    return content.sections.flatMap((section) =>
      section.blocks.flatMap((b) => (b.type === "facts" ? b.rows.map((r) => [...r]) : b.type === "table" ? b.rows.map((r) => r.map(String)) : []))
    );
  }

  it("set thousands apart, as the sentences do: 'Sites or teams 2,000', 'Days 2,227'", () => {
    const rows = rowsOf([line("improvement_advisor", 2227.4, 1210.5)], 2000);
    expect(rows).toContainEqual(["Sites or teams", "2,000"]);
    const staff = rows.find((r) => r[1] === "2,227");
    expect(staff, "the staff table's days").toBeDefined();
    expect(staff!.slice(1, 4)).toEqual(["2,227", "1,210.5", "1,210.5"]);
    expect(rowsOf([line("faculty", 40, 2)], 1200, { sites: 1200, of: 2000 })).toContainEqual(["Sites or teams", "1,200 in the first wave, of 2,000"]);
  });
});

describe("a campaign's sites supported by our staff, in the proposal (docs/domain.md §8.8)", () => {
  it("says how many of the sites our staff support, and what the others may still do, never a first wave", () => {
    const s = snapshot([line("improvement_advisor", 400, 20)]);
    const campaign: EngagementSnapshot = {
      ...s,
      partner: { ...s.partner, sites: 3000 },
      intake: { ...s.intake, context: { ...s.intake.context, sites: 3000 }, scale: { ...s.intake.scale, expectedSites: 3000 } },
      method: methodSummary(recommendMethod(s.intake, getMethodWeights(), { today: "2026-11" }), "campaign", "A national aim with a public deadline."),
      timeline: generateTimeline(getTimelineTemplate("campaign"), { start: "2027-03-01", teams: 1200, country: "GB" }),
      firstWave: { sites: 1200, of: 3000 },
    };
    const content = buildProposal(campaign, getProposalWording(), { versionLabel: "Version 1" });
    const summary = content.sections.find((section) => section.key === "executive-summary")!.blocks;
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/wave/i);
    expect(text).toContain(
      "This proposal has the Institute support 1,200 of the 3,000 sites, through their nodes and their monthly data; the other 1,800 sites may still enrol and use the campaign's how-to guides, calls and events, but their support is not part of this proposal."
    );
    const facts = summary.find((b): b is Extract<Block, { type: "facts" }> => b.type === "facts")!;
    expect(facts.rows).toContainEqual(["Sites or teams", "1,200 supported by the Institute, of 3,000"]);
  });
});

describe("a collaborative's first wave, in the proposal (docs/domain.md §8.8)", () => {
  /** The summary of a collaborative of `of` teams proposing a first wave of `sites`, in words. */
  function summaryOf(sites: number, of: number): string {
    const s = snapshot([line("faculty", 40, 2)]);
    const national: EngagementSnapshot = {
      ...s,
      partner: { ...s.partner, sites: of },
      intake: { ...s.intake, context: { ...s.intake.context, sites: of }, scale: { ...s.intake.scale, expectedSites: of } },
      method: methodSummary(recommendMethod(s.intake, getMethodWeights(), { today: "2026-11" }), "collaborative", "Teams learning together."),
      timeline: generateTimeline(getTimelineTemplate("collaborative"), { start: "2027-03-01", teams: sites, country: "GB" }),
      firstWave: { sites, of },
    };
    const content = buildProposal(national, getProposalWording(), { versionLabel: "Version 1" });
    return JSON.stringify(content.sections.find((section) => section.key === "executive-summary")!.blocks);
  }

  it("says the teams left for more than one wave holds join later waves, as the lever that proposed it does", () => {
    expect(summaryOf(160, 3000)).toContain(
      "This proposal is for a first wave of 160 of the 3,000 sites; the other 2,840 sites would join later waves, proposed and priced apart."
    );
    // Those one wave holds join a later wave, as before.
    expect(summaryOf(100, 200)).toContain("the other 100 sites would join a later wave, proposed and priced apart.");
  });
});
