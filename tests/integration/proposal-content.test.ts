import { internalBriefing, partnerEdition } from "~/domain/proposal-audience";
import { describe, expect, it } from "vitest";
import { buildProposal } from "~/domain/proposal";
import { diffSnapshots } from "~/domain/proposal-diff";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { addDays, addMonths, formatMonth } from "~/domain/calendar";
import { moveItem } from "~/domain/timeline-edit";
import { checkTime, timeLimits } from "~/domain/timeline-constraints";
import { buildSnapshot } from "~/models/snapshot.server";
import { methodFeasibility } from "~/models/fit.server";
import { money } from "~/domain/money";
import { shortName } from "~/domain/short-names";
import { whereCompleted } from "~/domain/missing-parts";
import { priceFromCost } from "~/domain/pricing";
import { getPricingRules, getProposalWording, getTimelineTemplate } from "~/services/templates.server";
import { generateTimeline } from "~/domain/timeline-generate";
import { eq } from "drizzle-orm";
import { engagements, intakes } from "../../db/schema";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";

useTestDatabase();

function demo(): EngagementSnapshot {
  return buildSnapshot(db(), demoEngagementId(), "2026-11-25", "2026-11");
}

/** Gives the engagement's intake a hard deadline, as the intake form would save it; returns what puts the intake back. */
function withHardDeadline(engagementId: number, hardDeadline: string): () => void {
  const row = db().select({ dataJson: intakes.dataJson }).from(intakes).where(eq(intakes.engagementId, engagementId)).get()!;
  const intake = JSON.parse(row.dataJson);
  intake.scale.hardDeadline = hardDeadline;
  const write = (dataJson: string) => db().update(intakes).set({ dataJson }).where(eq(intakes.engagementId, engagementId)).run();
  write(JSON.stringify(intake));
  return () => write(row.dataJson);
}

const engagementIdByTitle = (title: string) => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, title)).get()!.id;

const text = (content: ReturnType<typeof buildProposal>) => JSON.stringify(content.sections);

describe("the proposal content", () => {
  it("has every section, each with real content from the demo engagement and nothing left to complete", () => {
    const content = buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" });
    expect(content.sections.map((s) => s.title)).toEqual([
      "Executive summary",
      "Context and needs",
      "Priorities",
      "Aims",
      "Approach and rationale",
      "Theory of change",
      "Measurement plan",
      "Workplan and timeline",
      "Governance",
      "Roles and resourcing",
      "Capability building and sustainability",
      "Budget",
      "Assumptions and risks",
      "Next steps and approval",
      "References",
    ]);
    expect(content.missing).toEqual([]);
    const all = text(content);
    expect(all).toContain("Northshire Health System");
    // The duration is the whole engagement, with the method's own span beside it, its ends named as the workplan names them.
    expect(all).toMatch(
      /runs for \d+ months\. The Breakthrough Series collaborative itself takes \d+ months of that time, from “Prework .+” to “Summative congress”/
    );
    expect(all).toContain("Breakthrough Series collaborative");
    for (const ls of ["Learning Session 1", "Learning Session 2", "Learning Session 3"]) expect(all).toContain(ls);
    expect(all).toContain("Improvement advisor");
    expect(content.pictureSources["driver-diagram"]?.startsWith("flowchart LR")).toBe(true);
    // The timeline picture shows the learning sessions the text names, each on its date.
    const gantt = content.pictureSources.timeline ?? "";
    expect(gantt.split("\n")[0]).toBe("gantt");
    for (const ls of ["Learning Session 1", "Learning Session 2", "Learning Session 3"])
      expect(gantt).toMatch(new RegExp(`^\\s*${ls} :.*\\d{4}-\\d{2}-\\d{2}`, "m"));
  });

  it("opens the executive summary with short sentences, each saying one thing, and keeps every fact of the lead", () => {
    const lead = (id: number) => {
      const first = buildProposal(buildSnapshot(db(), id, "2026-11-25", "2026-11"), getProposalWording(), { versionLabel: "Version 1" }).sections[0]!
        .blocks[0]!;
      return first.type === "paragraph" ? first.text.split(/(?<=\.) (?=[A-Z])/) : [];
    };
    expect(lead(demoEngagementId())).toEqual([
      "Northshire Health System and Northbridge propose a Breakthrough Series collaborative.",
      "Its aim: halve VAP and CLABSI rates and cut sepsis mortality by 15% for adult patients in Northshire's 14 hospitals by August 2028.",
      expect.stringMatching(/^It involves 14 sites and runs for \d+ months\.$/),
      expect.stringMatching(
        /^The Breakthrough Series collaborative itself takes \d+ months of that time, from “Prework \(aims, baseline data, team\)” to “Summative congress”\.$/
      ),
    ]);
    expect(lead(engagementIdByTitle("National sepsis campaign"))).toEqual([
      "Kestrel Hospital Association and Northbridge propose a campaign.",
      "Its aim: cut sepsis mortality by 20% for patients in every hospital that joins by January 2029.",
      expect.stringMatching(/^It involves 60 sites and runs for \d+ months\.$/),
      // The ends of the span are names of workplan items, quoted in the prose rather than written as if they were words of the sentence.
      expect.stringMatching(/^The campaign itself takes \d+ months of that time, from “Launch event” to “Deadline event with results”\.$/),
    ]);
    // An aim that is not worded as a verb still reads. A site joining an open collaborative joins it with its one team, on the collaborative's dates.
    expect(lead(engagementIdByTitle("Ashford Valley sepsis on the wards"))).toEqual([
      "Ashford Valley Hospital and Northbridge propose that Ashford Valley Hospital join the Sepsis Early Recognition Collaborative, an open Breakthrough Series collaborative run by Northbridge Institute for Health Improvement, with 1 team of its own.",
      expect.stringMatching(/^Its aim: nine in ten patients with suspected sepsis .+\.$/),
      expect.stringMatching(/^The work runs for \d+ months\.$/),
      expect.stringMatching(
        /^The collaborative's learning sessions for Ashford Valley Hospital fall on .+ and .+, and its closing session on \d+ \w+ \d{4}\.$/
      ),
    ]);
  });

  it("counts teams, not sites, where more take part than the partner has sites", () => {
    const s = demo();
    const text = (snapshot: EngagementSnapshot) =>
      buildProposal(snapshot, getProposalWording(), { versionLabel: "Version 1" })
        .sections.flatMap((x) => x.blocks)
        .map((b) => (b.type === "paragraph" ? b.text : ""))
        .join("\n");
    const fewerSites = text({ ...s, partner: { ...s.partner, sites: 10 }, intake: { ...s.intake, context: { ...s.intake.context, sites: 10 } } });
    expect(fewerSites).toContain("across 10 sites");
    expect(fewerSites).toContain("It involves 14 teams");
    expect(fewerSites).not.toContain("It involves 14 sites");
    expect(text(s)).toContain("It involves 14 sites");
    // The partner's own count in the intake is the one the context gives, over the organisation's record.
    const counted = text({ ...s, intake: { ...s.intake, context: { ...s.intake.context, sites: 20 } } });
    expect(counted).toContain("across 20 sites");
    expect(counted).toContain("It involves 14 sites");
  });

  it("leaves out the method's own span when it is the whole engagement", () => {
    const s = demo();
    const timeline = generateTimeline(getTimelineTemplate("tailored"), {
      start: "2027-03-01",
      horizonMonths: null,
      hardDeadline: null,
      aimBy: null,
      teams: 14,
      country: "GB",
    });
    const content = buildProposal({ ...s, method: { ...s.method, chosen: "tailored" }, timeline }, getProposalWording(), { versionLabel: "Version 1" });
    const first = content.sections[0]!.blocks[0]!;
    expect(first.type === "paragraph" ? first.text : "").toMatch(
      /propose a tailored large-scale initiative\. Its aim: .+\. It involves 14 sites and runs for \d+ months\.$/
    );
  });

  it("cites comparable initiatives matching the partner's priorities and the method, each with a source", () => {
    const content = buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" });
    const quotes = content.sections.find((s) => s.key === "approach")!.blocks.filter((b) => b.type === "quote");
    expect(quotes.length).toBeGreaterThanOrEqual(2);
    expect(quotes.map((q) => (q as { text: string }).text).join(" ")).toMatch(/VAP|ventilator/);
    // Each figure names its source in words and points to numbered references at the end (docs/domain.md §9.12).
    const references = content.sections.at(-1)!;
    expect(references.title).toBe("References");
    const listed = references.blocks.flatMap((b) => (b.type === "references" ? b.items.map((r) => r.number) : []));
    for (const q of quotes) {
      const quote = q as Extract<typeof q, { type: "quote" }>;
      expect(quote.source).not.toMatch(/\[[A-Z]+\d+\]/);
      expect(quote.refs?.length).toBeGreaterThan(0);
      for (const n of quote.refs ?? []) expect(listed).toContain(n);
    }
    expect(listed).toEqual(listed.map((_, i) => i + 1));
  });

  it("marks what is missing as to be completed, and lists it", () => {
    const s = demo();
    const bare: EngagementSnapshot = {
      ...s,
      driverDiagram: null,
      timeline: null,
      staffing: [],
      cost: null,
      method: { ...s.method, chosen: null },
      intake: { ...s.intake, budget: {} },
    };
    const content = buildProposal(bare, getProposalWording(), { versionLabel: "Live draft" });
    const items = content.missing.map((m) => `${m.section}: ${m.item}`);
    expect(items).toEqual(
      expect.arrayContaining([
        "Theory of change: The driver diagram",
        "Workplan and timeline: The timeline, generated from the chosen method",
        "Budget: The partner's budget range and currency",
        "Approach and rationale: The method: choose it on the Method step",
      ])
    );
    expect(text(content)).toContain('"type":"todo"');
  });

  it("never shows day rates or the cost build-up, only the total fee", () => {
    const content = buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" });
    const all = text(content);
    expect(all).not.toMatch(/day rate/i);
    expect(all).not.toContain("2,600");
  });

  it("states the fee the pricing rules give and its payment schedule, never the build-up or the margin", () => {
    const s = demo();
    const rules = getPricingRules();
    const price = priceFromCost(s.cost!.total, s.cost!.currency, s.partner.kind, rules);
    expect(price.fee).toBeGreaterThan(s.cost!.total);
    expect(price.fee % rules.rounding.to).toBe(0);
    expect(s.price?.fee).toBe(price.fee);
    const content = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });
    // What the partner reads of the budget section: the fee and its schedule; the build-up stays in the internal briefing.
    const budget = partnerEdition(content).sections.find((x) => x.key === "budget")!;
    const all = JSON.stringify(budget.blocks);
    expect(all).toContain(money(price.fee, "USD"));
    const internal = JSON.stringify(content.sections.find((x) => x.key === "budget")!.blocks);
    expect(internal).toContain(money(s.cost!.total, "USD"));
    expect(all).not.toContain(money(s.cost!.total, "USD"));
    expect(all).not.toMatch(/margin|discount/i);
    const schedule = budget.blocks.find((b) => b.type === "table" && b.caption === "Payment schedule");
    if (schedule?.type !== "table") throw new Error("No payment schedule in the budget section.");
    expect(schedule.rows.map((r) => r[0])).toEqual(rules.paymentSchedule.map((i) => i.label));
    const sum = schedule.rows.reduce((t, r) => t + Number(r[3]!.replace(/,/g, "")), 0);
    expect(sum).toBe(price.fee);
  });
});

describe("the payment schedule of a plan of more than 18 months", () => {
  it("asks a national partner for a payment on signature and then one a year of the work, each in that year, at a milestone of its plan", () => {
    const s = buildSnapshot(db(), engagementIdByTitle("National sepsis campaign"), "2026-11-25", "2026-11");
    const budget = partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" })).sections.find((x) => x.key === "budget")!;
    const schedule = budget.blocks.find((b) => b.type === "table" && b.caption === "Payment schedule");
    if (schedule?.type !== "table") throw new Error("No payment schedule in the budget section.");
    const milestones = s.timeline!.items.filter((i) => i.kind === "milestone");
    const first = s.timeline!.items.reduce((a, i) => (i.start < a ? i.start : a), "9999-12-31");
    const firstYear = milestones.filter((m) => m.start < addMonths(first, 12));
    const last = firstYear[firstYear.length - 1]!;
    expect(schedule.rows[0]!.slice(0, 3)).toEqual(["On signature of the agreement", "On signature", "20%"]);
    expect(schedule.rows[1]!.slice(0, 2)).toEqual([
      `End of year 1 of the work, after the milestone “${last.label}”`,
      formatMonth(addMonths(first, 11).slice(0, 7)),
    ]);
    expect(schedule.rows.map((r) => r[0]).slice(1)).toEqual(
      schedule.rows.slice(1).map((_, k) => expect.stringMatching(new RegExp(`year ${k + 1} of the work`, "i")))
    );
    expect(schedule.rows.reduce((t, r) => t + Number(r[3]!.replace(/,/g, "")), 0)).toBe(s.price!.fee);
  });
});

describe("the partner's context, as their CEO reads it", () => {
  const context = (s: EngagementSnapshot) =>
    partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" })).sections.find((x) => x.key === "context")!;

  it("says how far the work reaches in a sentence, not as the intake's answer after a label", () => {
    const s = demo();
    const lead = context(s).blocks[0]!;
    expect(lead.type === "paragraph" && lead.text).toBe(
      "Northshire Health System serves a population of 2,100,000 across 14 sites in the United Kingdom. The work spans the whole health system."
    );
    const facts = context(s).blocks.find((b) => b.type === "facts");
    expect(facts?.type === "facts" && facts.rows.map((r) => r[0])).not.toContain("Geography");
    expect(JSON.stringify(context(s).blocks)).not.toMatch(/"A system"|"One organisation"|"A region"|"A nation"/);
    const said = (geographyScope: "organisation" | "region" | "nation") => {
      const lead = context({ ...s, intake: { ...s.intake, context: { ...s.intake.context, geographyScope } } }).blocks[0]!;
      return lead.type === "paragraph" ? lead.text.replace(/^.*?\. /, "") : "";
    };
    expect(said("organisation")).toBe("The work is within one organisation.");
    expect(said("region")).toBe("The work spans the whole region.");
    expect(said("nation")).toBe("The work spans the whole nation.");
    // The kind takes its own article: never "is a association".
    const association = context({ ...s, partner: { ...s.partner, kind: "association" } }).blocks[0]!;
    expect(association.type === "paragraph" && association.text).toMatch(/^Northshire Health System is an association or network of hospitals in /);
    // A region's or a nation's partner is an organisation, not the place it serves.
    const kind = (k: "region" | "nation") => {
      const lead = context({ ...s, partner: { ...s.partner, kind: k } }).blocks[0]!;
      return lead.type === "paragraph" ? lead.text : "";
    };
    expect(kind("region")).toMatch(/^Northshire Health System is a regional health body in the United Kingdom serving /);
    expect(kind("nation")).toMatch(/^Northshire Health System is a national ministry of health in the United Kingdom serving /);
    // A name that already says the kind is not told it ("… Health System is a health system"), whatever the kind and the name.
    const named = (name: string, k: "hospital" | "association" | "health_system") => {
      const lead = context({ ...s, partner: { ...s.partner, name, kind: k } }).blocks[0]!;
      return lead.type === "paragraph" ? lead.text : "";
    };
    expect(named("Kestrel Hospital Association", "association")).toMatch(
      /^Kestrel Hospital Association serves a population of 2,100,000 across 14 sites in the United Kingdom\./
    );
    expect(named("Northern Hospitals Network", "association")).toMatch(/^Northern Hospitals Network serves a population of /);
    expect(named("St Mary's Hospital", "hospital")).toMatch(/^St Mary's Hospital serves a population of /);
    expect(named("Westvale Health Partnership", "health_system")).toMatch(/^Westvale Health Partnership is a health system in the United Kingdom serving /);
    expect(named("Northshire Health System", "hospital")).toMatch(/^Northshire Health System is a hospital in /);
  });

  it("gives the improvement work under way beside the other facts of its experience, not as a label left in its prose", () => {
    const blocks = context(demo()).blocks;
    const prose = blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
    expect(prose.join("\n")).not.toMatch(/Existing work:|Existing improvement work:/);
    const facts = blocks.find((b) => b.type === "facts");
    expect(facts?.type === "facts" && facts.rows.slice(0, 2)).toEqual([
      ["Improvement experience", "Some improvement projects and a few trained people"],
      [
        "Improvement work already under way",
        "A central quality improvement team of six. Two hospitals ran ICU bundle projects in 2025; results were not sustained.",
      ],
    ]);
  });
});

describe("the aim, as the partner's CEO reads it", () => {
  it("gives a baseline for each measure the aim covers, each named, not the top priority's alone", () => {
    const aims = partnerEdition(buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" })).sections.find((x) => x.key === "aims")!;
    const facts = aims.blocks.find((b) => b.type === "facts");
    const baseline = facts?.type === "facts" ? facts.rows.find((r) => r[0] === "Baseline")?.[1] : undefined;
    // The demo's aim: halve VAP and CLABSI rates and cut sepsis mortality by 15%.
    // Each figure with its unit after what it measures, as a reader expects it: "18.4%", never "(%): 18.4".
    expect(baseline).toBe(
      "VAP: 7.2 per 1,000 ventilator days (September 2026); CLABSI: 2.9 per 1,000 central-line days (September 2026); In-hospital sepsis mortality: 18.4% (June 2026)"
    );
    expect(baseline).not.toMatch(/\)\s*:|%\s*:/);
  });

  it("measures each priority the aim names, each outcome measure with its own part of the aim as its target", () => {
    const content = partnerEdition(buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" }));
    const measurement = content.sections.find((x) => x.key === "measurement")!;
    const table = measurement.blocks.find((b): b is Extract<typeof b, { type: "table" }> => b.type === "table")!;
    const target = table.columns.indexOf("Target");
    const outcomes = table.rows.filter((r) => r[0] === "Outcome").map((r) => [r[1], r[target]]);
    // The demo's aim: halve VAP and CLABSI rates and cut sepsis mortality by 15%.
    expect(outcomes).toEqual([
      ["VAP rate per 1,000 ventilator days", "Halve VAP rates"],
      ["Days between VAPs", "At least 300 days"],
      ["CLABSI per 1,000 central-line days", "Halve CLABSI rates"],
      ["Sepsis mortality", "Cut sepsis mortality by 15%"],
    ]);
    expect(table.rows.map((r) => r[target])).not.toContain("Halve VAP and CLABSI rates and cut sepsis mortality by 15%");
  });

  it("states the part of the aim a measure measures, for a diagram that gave it the whole aim, and lists a priority no measure measures as still to be completed", () => {
    const s = demo();
    const d = s.driverDiagram!;
    // As a diagram started before each measure took its part read: the VAP measure with the whole aim, no measure of CLABSI or sepsis.
    const before = {
      ...d,
      measures: d.measures
        .filter((m) => !/CLABSI|Sepsis/.test(m.name))
        .map((m) => (m.name === "VAP rate per 1,000 ventilator days" ? { ...m, target: d.aim.target } : m)),
    };
    const content = buildProposal({ ...s, driverDiagram: before }, getProposalWording(), { versionLabel: "Version 1" });
    const measurement = content.sections.find((x) => x.key === "measurement")!;
    const table = measurement.blocks.find((b): b is Extract<typeof b, { type: "table" }> => b.type === "table")!;
    expect(table.rows.find((r) => r[1] === "VAP rate per 1,000 ventilator days")!.at(-1)).toBe("Halve VAP rates");
    // The parts no measure measures are not left out unsaid: the version cannot be shared until each is measured.
    expect(content.missing).toEqual([
      {
        section: "Measurement plan",
        item: "The aim speaks of CLABSI, but no outcome measure measures it. Add one with “Halve CLABSI rates” as its target, so that the plan measures the whole aim.",
      },
      {
        section: "Measurement plan",
        item: "The aim speaks of sepsis, but no outcome measure measures it. Add one with “Cut sepsis mortality by 15%” as its target, so that the plan measures the whole aim.",
      },
    ]);
    expect(measurement.blocks.filter((b) => b.type === "todo").map((b) => b.type === "todo" && b.text)).toEqual(content.missing.map((m) => m.item));
    // Completed on the driver diagram, as every finding of its checker.
    expect(whereCompleted(content.missing[0]!)).toEqual([{ page: "driver-diagram" }]);
  });
});

describe("what changed between versions", () => {
  it("finds nothing between identical snapshots", () => {
    expect(diffSnapshots(demo(), demo())).toEqual({ sections: [], isEmpty: true });
  });

  it("finds constructed changes, in the users' terms, and nothing else", () => {
    const a = demo();
    const b: EngagementSnapshot = structuredClone(a);
    b.driverDiagram!.aim.target = "0.5 per 1,000 ventilator days";
    const ls2 = b.timeline!.items.find((i) => i.label === "Learning Session 2")!;
    // Four weeks keeps every item it carries on working days (three would carry Learning Session 3 onto Easter Monday).
    b.timeline = moveItem(b.timeline!, ls2.id, addDays(ls2.start, 28));
    const ia = b.staffing.find((l) => l.role === "improvement_advisor")!;
    ia.peakFte = Math.round((ia.peakFte + 0.2) * 100) / 100;
    b.driverDiagram!.measures.push({
      ...b.driverDiagram!.measures.find((m) => m.kind === "balancing")!,
      id: "m999",
      name: "Unplanned extubations per 100 ventilator days",
    });

    const diff = diffSnapshots(a, b);
    const bySection = Object.fromEntries(diff.sections.map((s) => [s.section, s.changes]));
    expect(Object.keys(bySection).sort()).toEqual(["Aims", "Measurement plan", "Roles and resourcing", "Workplan and timeline"]);
    expect(bySection["Aims"]).toEqual([expect.stringMatching(/^The aim's target changed from “.*” to “0\.5 per 1,000 ventilator days”\.$/)]);
    expect(bySection["Workplan and timeline"]![0]).toMatch(/^\d+ items move 4 weeks later: Learning Session 2; /);
    expect(bySection["Workplan and timeline"]).toContainEqual(expect.stringMatching(/^The plan now ends on .+ \(it ended on .+\)\.$/));
    expect(bySection["Roles and resourcing"]).toEqual(["+0.2 FTE improvement advisor at peak."]);
    expect(bySection["Measurement plan"]).toEqual(["New balancing measure: Unplanned extubations per 100 ventilator days."]);
  });

  it("says when the exchange rate the fee is stated at in the partner's currency is first given, changed or no longer given", () => {
    const wording = getProposalWording();
    const inEuros = (s: EngagementSnapshot, exchangeRate: EngagementSnapshot["exchangeRate"]): EngagementSnapshot => ({
      ...s,
      intake: { ...s.intake, budget: { ...s.intake.budget, currency: "EUR" } },
      ...(exchangeRate ? { exchangeRate } : {}),
    });
    const rate = { from: "USD", to: "EUR", rate: 0.92, on: "2026-12-01", source: null };
    const [none, first, second] = [inEuros(demo(), null), inEuros(demo(), rate), inEuros(demo(), { ...rate, rate: 0.95, on: "2026-12-07" })];
    const budgetChanges = (a: EngagementSnapshot, b: EngagementSnapshot) =>
      diffSnapshots(a, b, "partner", {
        from: buildProposal(a, wording, { versionLabel: "Version 1" }),
        to: buildProposal(b, wording, { versionLabel: "Version 2" }),
      }).sections.find((x) => x.section === "Budget")?.changes;
    expect(budgetChanges(none, first)).toEqual(["The fee is stated in EUR too, at 1 USD = 0.92 EUR, the rate of 1 December 2026."]);
    expect(budgetChanges(first, second)).toEqual([
      "The exchange rate is now 1 USD = 0.95 EUR, the rate of 7 December 2026, in place of 1 USD = 0.92 EUR, the rate of 1 December 2026.",
    ]);
    expect(budgetChanges(second, none)).toEqual(["The fee is no longer stated in EUR."]);
    expect(budgetChanges(first, first)).toBeUndefined();
  });

  it("tells the partner nothing changed of a version made a month later from the same engagement", () => {
    const wording = getProposalWording();
    const a = demo();
    const b = buildSnapshot(db(), demoEngagementId(), "2026-12-20", "2026-12");
    const content = (s: EngagementSnapshot, n: number) => buildProposal(s, wording, { versionLabel: `Version ${n}` });
    const partner = diffSnapshots(a, b, "partner", { from: content(a, 1), to: content(b, 2) });
    expect(partner.sections).toEqual([]);
  });

  it("never says nothing changed of two versions that read differently: months later, the words that count from the date are named", () => {
    const wording = getProposalWording();
    // With a hard deadline within two years, the start's urgency is a reason against a tailored initiative's build-up.
    const restore = withHardDeadline(demoEngagementId(), "2028-08-31");
    // The same engagement frozen in November and again the next August, after the partner's desired start.
    const a = demo();
    const b = buildSnapshot(db(), demoEngagementId(), "2027-08-20", "2027-08");
    restore();
    const content = (s: EngagementSnapshot, n: number) => buildProposal(s, wording, { versionLabel: `Version ${n}` });
    const contents = { from: content(a, 1), to: content(b, 2) };
    // Nothing the rules above name changed for the partner…
    expect(diffSnapshots(a, b, "partner").isEmpty).toBe(true);
    // …but the reasons against the other methods now count from a date after the desired start.
    const partner = diffSnapshots(a, b, "partner", contents);
    expect(partner.sections.map((x) => x.section)).toEqual(["Approach and rationale"]);
    // From the sentence the change is in to the end of a sentence, under the label of the method it is about.
    expect(partner.sections[0]!.changes).toEqual([
      "Now reads: “Tailored large-scale initiative: …Northshire wants to start at once: it asked to start in March 2027, before the date of this proposal.” (it read: “Tailored large-scale initiative: …Northshire wants to start in March 2027, within 6 months of the date of this proposal.”)",
    ]);
    expect(JSON.stringify(partner)).not.toMatch(/room to spare|capacity|staffed/i);
    // Staff also read where our capacity moved, in the proposal's order of sections.
    const staff = diffSnapshots(a, b, "staff", contents);
    expect(staff.sections.map((x) => x.section)).toEqual(["Approach and rationale", "Roles and resourcing", "Assumptions and risks"]);
    expect(staff.sections[2]!.changes).toEqual(["The earliest fully staffed start is now August 2027 (it was March 2027)."]);
    // A table's row says which cells changed, by their columns' names.
    expect(staff.sections[0]!.changes).toContain("Breakthrough Series collaborative — Start with room to spare: now August 2027, was March 2027.");
  });

  it("compares versions as drafted, and quotes each in the words of its own state: an agreed version's next steps as agreed", () => {
    const a = demo();
    const from = buildProposal(a, getProposalWording(), { versionLabel: "Version 1" });
    // The same words in two states differ only by where each version stands: nothing changed.
    expect(diffSnapshots(a, a, "partner", { from, to: from, fromState: "approved", toState: "draft" }).isEmpty).toBe(true);
    // A next step reworded in the draft's words is quoted as the agreed version shows it.
    const to: typeof from = structuredClone(from);
    const steps = to.sections.find((x) => x.key === "next-steps")!;
    const block = steps.blocks.find((b): b is Extract<typeof b, { type: "paragraph" }> => b.type === "paragraph" && b.byState?.agreed !== undefined)!;
    block.text = `${block.text} (reworded)`;
    block.byState = { ...block.byState, agreed: "Both parties signed; the work starts as planned." };
    const diff = diffSnapshots(a, a, "partner", { from, to, fromState: "draft", toState: "agreed" });
    expect(diff.sections).toEqual([{ section: "Next steps and approval", changes: ["Now reads: “Both parties signed; the work starts as planned.”"] }]);
  });

  it("tells staff when the plan stops keeping the partner's time, and when it keeps it again; the partner reads their own dates in the plan", () => {
    const a = demo();
    expect(a.timeCheck?.holds).toBe(true);
    const summary = "The plan cannot keep the partner's time: the Summative congress, 1 December 2027, is after the aim's date, 31 October 2027.";
    const b: EngagementSnapshot = { ...a, timeCheck: { ...a.timeCheck!, holds: false, summary } };
    const workplan = (x: EngagementSnapshot, y: EngagementSnapshot, audience: "staff" | "partner" = "staff") =>
      diffSnapshots(x, y, audience).sections.find((s) => s.section === "Workplan and timeline")?.changes ?? [];
    expect(workplan(a, b)).toEqual([summary]);
    expect(workplan(b, a)).toEqual(["The plan now keeps the partner's time."]);
    expect(workplan(b, b)).toEqual([]);
    expect(workplan(a, b, "partner")).toEqual([]);
  });

  it("tells the partner what a hand-edited section now says, and staff also that it was edited by hand", () => {
    const a = demo();
    const b: EngagementSnapshot = {
      ...a,
      sectionEdits: [
        { section: "context", title: "Context and needs", markdown: "Northshire asked us for help with falls.", base: "", by: "Maya Okafor", at: "2026-11-26" },
      ],
    };
    const wording = getProposalWording();
    const contents = { from: buildProposal(a, wording, { versionLabel: "Version 1" }), to: buildProposal(b, wording, { versionLabel: "Version 2" }) };
    const context = (audience: "partner" | "staff") => diffSnapshots(a, b, audience, contents).sections.find((x) => x.section === "Context and needs")!.changes;
    expect(context("partner")).toContain("New: “Northshire asked us for help with falls.”");
    expect(context("partner").join(" ")).not.toMatch(/by hand/);
    expect(context("staff")[0]).toBe("The wording of “Context and needs” was edited by hand.");
    expect(context("staff")).toContain("New: “Northshire asked us for help with falls.”");
  });

  it("quotes a short reworded passage whole, and says what a section no longer says", () => {
    const a = demo();
    const from = buildProposal(a, getProposalWording(), { versionLabel: "Version 1" });
    const to: typeof from = structuredClone(from);
    const governance = to.sections.find((x) => x.key === "governance")!;
    governance.blocks.push({ type: "paragraph", text: "The steering group meets every second month.", audience: "partner" });
    const long = (b: (typeof from.sections)[number]["blocks"][number]) => b.type === "paragraph" && b.text.length > 40 && b.text.length < 200;
    const shortened = to.sections.find((x) => x.key !== "governance" && x.key !== "executive-summary" && x.blocks.some(long))!;
    const [droppedBlock] = shortened.blocks.splice(shortened.blocks.findIndex(long), 1);
    const diff = diffSnapshots(a, a, "staff", { from, to });
    // In the proposal's order: "Context and needs" comes before "Governance".
    expect(diff.sections).toEqual([
      { section: shortened.title, changes: [`No longer says: “${(droppedBlock as { text: string }).text}”`] },
      { section: "Governance", changes: ["New: “The steering group meets every second month.”"] },
    ]);
    expect(shortened.title).toBe("Context and needs");
    // A section dropped whole is named too.
    const without = { ...to, sections: to.sections.filter((x) => x.key !== "governance") };
    expect(diffSnapshots(a, a, "staff", { from, to: without }).sections.find((x) => x.section === "Governance")).toEqual({
      section: "Governance",
      changes: ["This section is no longer in the proposal."],
    });
    // The same content twice: nothing changed.
    expect(diffSnapshots(a, a, "staff", { from, to: from }).isEmpty).toBe(true);
  });
});

describe("a fee above the partner's budget", () => {
  it("is said in one plain sentence of the partner's edition, with by how much, and nothing of how the fee is built", () => {
    const s = demo();
    const fee = s.price!.fee;
    const over: EngagementSnapshot = {
      ...s,
      intake: { ...s.intake, budget: { ...s.intake.budget, budgetMin: undefined, budgetMax: fee - 90_000, currency: "USD" } },
    };
    const budget = partnerEdition(buildProposal(over, getProposalWording(), { versionLabel: "Version 1" })).sections.find((x) => x.key === "budget")!;
    const paragraphs = budget.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
    expect(paragraphs).toContain(
      `The fee of ${money(fee, "USD")} is ${money(90_000, "USD")} above the top of Northshire Health System's budget (${money(fee - 90_000, "USD")}).`
    );
    expect(JSON.stringify(budget.blocks)).not.toMatch(/margin|build-up|day rate/i);
    // Within the budget, no such sentence.
    const within: EngagementSnapshot = { ...s, intake: { ...s.intake, budget: { ...s.intake.budget, budgetMax: fee, currency: "USD" } } };
    const plain = buildProposal(within, getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === "budget")!;
    expect(JSON.stringify(plain.blocks)).not.toContain("above the top of");
  });
});

describe("the budget, in the partner version and in the internal briefing", () => {
  /** Every line of an edition: its paragraphs, list items, table cells and facts, its annex's too. */
  const lines = (content: ReturnType<typeof buildProposal>) =>
    content.sections
      .flatMap((x) => [...x.blocks, ...(x.subsections ?? []).flatMap((sub) => sub.blocks)])
      .flatMap((b) =>
        b.type === "paragraph"
          ? [b.text]
          : b.type === "bullets"
          ? b.items
          : b.type === "table"
          ? b.rows.flat()
          : b.type === "facts"
          ? b.rows.map((r) => r.join(": "))
          : []
      );

  it("says one thing of the budget, the fee against it; the cost estimate is ours, said beside the fee and never set against the budget", () => {
    const s = demo();
    // The demo's cost is within the budget, its fee above it: the two once read "within" and "above" on adjacent lines.
    expect(s.cost!.total).toBeLessThanOrEqual(s.intake.budget.budgetMax!);
    expect(s.price!.fee).toBeGreaterThan(s.intake.budget.budgetMax!);
    const content = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });
    for (const [edition, read] of [
      ["partner version", lines(partnerEdition(content))],
      ["internal briefing", lines(internalBriefing(content))],
    ] as const) {
      const judged = read.filter((l) => /budget/i.test(l) && /\b(within|above|below)\b/i.test(l));
      expect(judged.length, edition).toBeGreaterThan(0);
      for (const line of judged) {
        expect(line, edition).toMatch(/fee/i);
        expect(line, edition).toMatch(/above/);
        expect(line, edition).not.toMatch(/within|below|cost/i);
      }
    }
    // The internal briefing still gives the cost estimate, by its amount.
    expect(lines(internalBriefing(content)).join("\n")).toContain(money(s.cost!.total, "USD"));
  });
});

describe("a fee and a budget in different currencies", () => {
  it("says so in the budget section instead of setting them side by side", () => {
    const s = demo();
    const wording = getProposalWording();
    const same = text(buildProposal(s, wording, { versionLabel: "Version 1" }));
    expect(same).not.toContain("exchange rate");
    const other: EngagementSnapshot = {
      ...s,
      intake: { ...s.intake, budget: { ...s.intake.budget, currency: "EUR" } },
      cost: s.cost ? { ...s.cost, verdict: "other_currency" } : s.cost,
    };
    expect(s.cost, "the demo has a fee").not.toBeNull();
    const budget = buildProposal(other, wording, { versionLabel: "Version 1" }).sections.find((x) => x.key === "budget")!;
    expect(JSON.stringify(budget.blocks)).toContain(`The fee is estimated in ${s.cost!.currency} and Northshire Health System's budget is stated in EUR`);
  });
});

describe("why the method suits the partner, as the partner reads it", () => {
  const approachLines = (content: ReturnType<typeof buildProposal>) =>
    partnerEdition(content)
      .sections.find((x) => x.key === "approach")!
      .blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : b.type === "bullets" ? b.items : []));

  it("says in whole sentences, with dates in words, why each method fits or not, for every demo engagement and every method", () => {
    const ids = db().select({ id: engagements.id }).from(engagements).all();
    let read = 0;
    for (const { id } of ids) {
      const s = buildSnapshot(db(), id, "2026-11-25", "2026-11");
      for (const method of ["collaborative", "campaign", "tailored"] as const) {
        const lines = approachLines(
          buildProposal({ ...s, method: { ...s.method, chosen: method, variant: undefined } }, getProposalWording(), { versionLabel: "Version 1" })
        );
        const reasons = lines.slice(lines.indexOf("Why this method fits:") + 1);
        for (const line of reasons) {
          read += 1;
          // Dates as the partner's documents write them ("4 February 2028"), never as a database stores them.
          expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          // The judging shorthand of the recommendation ("Project leads at 20–40% of their time: at some sites…") is not a sentence.
          expect(line).not.toMatch(/Project leads at|teams released for|^A hard deadline \(|^The aim: /);
          // Each sentence starts with a capital (or a figure) and ends with a full stop.
          for (const sentence of line.replace(/^[^:]+: (?=[A-Z])/, "").split(/(?<=\.) (?=\S)/)) expect(sentence).toMatch(/^["'A-Z0-9].*[.:]$|^[A-Z0-9].*\.$/s);
        }
      }
    }
    expect(read).toBeGreaterThan(20);
  });

  it("speaks of the partner by name and of time by dates, never as “the partner” or “from now”, for every demo engagement and every method", () => {
    let reasons = 0;
    for (const { id } of db().select({ id: engagements.id }).from(engagements).all()) {
      const s = buildSnapshot(db(), id, "2026-11-25", "2026-11");
      for (const method of ["collaborative", "campaign", "tailored"] as const) {
        const content = partnerEdition(
          buildProposal({ ...s, method: { ...s.method, chosen: method, variant: undefined } }, getProposalWording(), { versionLabel: "Version 1" })
        );
        const lines = content.sections.flatMap((x) =>
          [...x.blocks, ...(x.subsections ?? []).flatMap((sub) => sub.blocks)].flatMap((b) =>
            // Not read here: a part still to be completed (said to the manager; a version with any cannot be shared), the
            // partner's own words and the titles of sources.
            b.type === "paragraph"
              ? [b.text]
              : b.type === "bullets"
              ? b.items
              : b.type === "table"
              ? [b.caption, ...b.rows.flat()]
              : b.type === "facts"
              ? b.rows.flat()
              : []
          )
        );
        for (const line of lines) {
          expect(line).not.toMatch(/\bthe partner\b/i);
          // A frozen version is read months after its date: time is said against dates, never against the day it is read.
          expect(line).not.toMatch(/from now|\bago\b|\btoday\b|\bmonths? away\b|\byesterday\b|\btomorrow\b/i);
          // The evidence in sentences, not the intake's shorthand priority by priority ("VAP: high degree of belief, …; CLABSI: …").
          expect(line).not.toMatch(/\b(high|moderate|low) degree of belief, |: (high|moderate|low) degree of belief\b/);
        }
        // By name in full, or by its short name once named in full (docs/domain.md §9.1).
        reasons += approachLines(content).filter((l) => l.includes(s.partner.name) || l.includes(shortName(s.partner.name) ?? s.partner.name)).length;
      }
    }
    // The reasons name the partner: this reads them, not an empty section.
    expect(reasons).toBeGreaterThan(20);
  });

  it("names the partner in full once, then by its short name, never in full in sentence after sentence", () => {
    const lines = approachLines(buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" }));
    expect(lines).toContain(
      "Tailored large-scale initiative: Northshire can commit to at most 18 months. A tailored initiative runs several years (the Scottish Patient Safety Programme ran five). " +
        "Northshire does not plan to train improvement advisors and coaches of its own. A tailored initiative builds capability explicitly: improvement advisors, coaches and fellows."
    );
    let read = 0;
    for (const { id } of db().select({ id: engagements.id }).from(engagements).all()) {
      const s = buildSnapshot(db(), id, "2026-11-25", "2026-11");
      for (const method of ["collaborative", "campaign", "tailored"] as const) {
        const said = approachLines(
          buildProposal({ ...s, method: { ...s.method, chosen: method, variant: undefined } }, getProposalWording(), { versionLabel: "Version 1" })
        ).join("\n");
        const inFull = said.split(s.partner.name).length - 1;
        if (inFull === 0) continue;
        read += 1;
        expect(inFull, `${s.partner.name}, ${method}`).toBe(1);
      }
    }
    expect(read).toBeGreaterThan(10);
    // So do the next steps, state by state: the partner named in full in the lead, then by its short name.
    const next = buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === "next-steps")!.blocks;
    const lead = next.find((b) => b.type === "paragraph");
    const steps = next.find((b) => b.type === "numbered");
    expect(lead?.type === "paragraph" && lead.byState?.shared).toBe(
      "Northshire Health System is reviewing this version. To move from here to an agreed partnership:"
    );
    expect(steps?.type === "numbered" && steps.byState?.shared).toEqual([
      "Northshire's executives read this version, comment on it section by section, and accept it or ask for changes.",
      "If changes are asked for, Northbridge revises the proposal with the senior sponsor and shares a new version.",
      "Northbridge's leadership approves the resourcing the proposal commits.",
      "Once Northshire has accepted and Northbridge's leadership has approved, the proposal is agreed and the planning phase starts in March 2027.",
    ]);
  });

  it("names the first phase of the method's own plan in the next steps: a tailored initiative begins with its diagnostic, a campaign with its design", () => {
    const firstStep = (method: "collaborative" | "campaign" | "tailored") => {
      const s = demo();
      const next = buildProposal({ ...s, method: { ...s.method, chosen: method, variant: undefined } }, getProposalWording(), {
        versionLabel: "Version 1",
      }).sections.find((x) => x.key === "next-steps")!.blocks;
      const steps = next.find((b) => b.type === "numbered");
      return steps?.type === "numbered" ? steps.byState?.shared?.at(-1) : undefined;
    };
    expect(firstStep("collaborative")).toMatch(/the planning phase starts in/);
    expect(firstStep("tailored")).toMatch(/, the proposal is agreed and the diagnostic starts in /);
    expect(firstStep("campaign")).toMatch(/, the proposal is agreed and the campaign's design phase starts in /);
  });

  it("names the deadline by which the Fit page finds a tailored initiative's start too late, and never says there is none", () => {
    const s = demo();
    // The Fit page: the nearest start with room to spare for a tailored initiative is "too late to meet the aim by August 2028".
    expect(methodFeasibility(db(), demoEngagementId(), "2026-11")?.tailored.earliestTooLate).toBe(true);
    const read = approachLines(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" })).join("\n");
    expect(read).not.toMatch(/no hard deadline/i);
    // With a hard deadline within two years, the urgency counts against its build-up, and the deadline is named.
    const restore = withHardDeadline(demoEngagementId(), "2028-08-31");
    const near = approachLines(buildProposal(demo(), getProposalWording(), { versionLabel: "Version 1" })).join("\n");
    restore();
    expect(near).toContain("The hard deadline, 31 August 2028, comes 18 months after the start in March 2027.");
    expect(near).toMatch(/Tailored large-scale initiative: .*A tailored initiative builds up slowly/);
  });

  it("keeps the recommendation's advice on putting the method together in the internal briefing, not among the reasons the partner reads", () => {
    const ids = db().select({ id: engagements.id }).from(engagements).all();
    let advised = 0;
    for (const { id } of ids) {
      for (const method of ["collaborative", "campaign", "tailored"] as const) {
        const s = buildSnapshot(db(), id, "2026-11-25", "2026-11");
        const content = buildProposal({ ...s, method: { ...s.method, chosen: method, variant: undefined } }, getProposalWording(), {
          versionLabel: "Version 1",
        });
        for (const advice of s.method.composition) {
          advised += 1;
          expect(approachLines(content).join("\n")).not.toContain(advice);
          const internal = JSON.stringify(content.sections.find((x) => x.key === "approach")!.blocks.filter((b) => b.audience === "internal"));
          // Advice on putting together the recommended method is about a method not proposed once another is chosen.
          if (method === s.method.recommended) expect(internal).toContain(JSON.stringify(advice).slice(1, -1));
          else expect(internal).not.toContain(JSON.stringify(advice).slice(1, -1));
        }
      }
    }
    expect(advised).toBeGreaterThan(0);
  });

  it("never tells the partner how to use the app", () => {
    for (const { id } of db().select({ id: engagements.id }).from(engagements).all()) {
      const content = partnerEdition(buildProposal(buildSnapshot(db(), id, "2026-11-25", "2026-11"), getProposalWording(), { versionLabel: "Version 1" }));
      // A part still to be completed is said to the manager, and a version with any cannot be shared: not read here.
      const read = content.sections.map((x) => ({ ...x, blocks: x.blocks.filter((b) => b.type !== "todo") }));
      expect(JSON.stringify(read)).not.toMatch(/can be edited|\bclick\b|on the \w+ step|reload the page/i);
    }
  });
});

describe("the workplan's key dates", () => {
  it("are listed in date order, whatever order the items were added in", () => {
    const s = demo();
    const items = s.timeline!.items;
    // A board briefing added by hand after everything else, dated before most of it.
    const briefing = { ...items.find((i) => i.kind === "milestone")!, id: "briefing", label: "Board briefing", start: "2027-06-01", end: "2027-06-01" };
    const content = buildProposal({ ...s, timeline: { ...s.timeline!, items: [...items, briefing] } }, getProposalWording(), { versionLabel: "Version 1" });
    const blocks = content.sections.flatMap((x) => [...x.blocks, ...(x.subsections ?? []).flatMap((sub) => sub.blocks)]);
    const table = blocks.find((b) => b.type === "table" && b.caption === "Key dates");
    const rows = table?.type === "table" ? table.rows : [];
    expect(rows.map((r) => r[1])).toContain("Board briefing");
    // A span's first day, its month and year said once: "6–7 September 2027" starts on 6 September 2027.
    const starts = rows.map((r) => Date.parse(r[0]!.split(" – ")[0]!.replace(/^(\d{1,2})–\d{1,2}( \w+ \d{4})$/, "$1$2")));
    expect(starts.every((d) => !Number.isNaN(d))).toBe(true);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Within a month, the month and the year are said once; across months, the year is.
    expect(rows.map((r) => r[0])).toContain("6–7 September 2027");
    expect(rows.map((r) => r[0]).join("\n")).not.toMatch(/(\w+ \d{4}) – \d{1,2} \1/);
  });
});

describe("the workplan's tables", () => {
  it("hold every item the chart shows, each recurring one said once with how often and from when to when", () => {
    let recurring = 0;
    for (const { id } of db().select({ id: engagements.id }).from(engagements).all()) {
      const s = buildSnapshot(db(), id, "2026-11-25", "2026-11");
      if (!s.timeline) continue;
      const section = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === "workplan")!;
      const inTables = section.blocks.flatMap((b) =>
        b.type === "gantt" ? b.rows.map((r) => r.label) : b.type === "table" ? b.rows.map((r) => r.join(" | ")) : []
      );
      // The chart draws every item of the timeline (docs/domain.md §9.7).
      for (const item of s.timeline.items) expect(inTables.join("\n"), `${s.partner.name}: ${item.label}`).toContain(item.label);
      const table = section.blocks.find((b) => b.type === "table" && b.caption === "Recurring activities");
      const rows = table?.type === "table" ? table.rows : [];
      for (const item of s.timeline.items.filter((i) => i.kind === "recurring")) {
        recurring += 1;
        expect(
          rows.filter((r) => r[0] === item.label),
          `${s.partner.name}: ${item.label}`
        ).toHaveLength(1);
      }
    }
    expect(recurring).toBeGreaterThan(2);
    // Northshire's calls with teams run through the action periods, month by month.
    const s = demo();
    const calls = s.timeline!.items.find((i) => i.label === "Calls with teams")!;
    const section = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === "workplan")!;
    const table = section.blocks.find((b) => b.type === "table" && b.caption === "Recurring activities");
    expect(table?.type === "table" && table.rows.find((r) => r[0] === "Calls with teams")).toEqual([
      "Calls with teams",
      `Monthly, ${formatMonth(calls.start.slice(0, 7))} – ${formatMonth(calls.end.slice(0, 7))}`,
    ]);
  });
});

describe("the workplan's table", () => {
  it("is introduced as it counts time, month by month or quarter by quarter, and as what it lists", () => {
    const workplan = (title: string) => {
      const s = buildSnapshot(db(), engagementIdByTitle(title), "2026-11-25", "2026-11");
      const section = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === "workplan")!;
      const lead = section.blocks[0]!;
      const table = section.blocks.find((b) => b.type === "gantt");
      return { lead: lead.type === "paragraph" ? lead.text : "", caption: table?.type === "gantt" ? table.caption : "" };
    };
    // Northshire's collaborative runs under two years: its table is by month.
    expect(workplan("Northshire patient safety partnership")).toEqual({
      lead: expect.stringMatching(/The chart shows the plan; the table gives its phases, events and milestones month by month\.$/),
      caption: "Workplan by month",
    });
    // Kestrel's campaign runs over two years: by quarter, as its table's caption says.
    expect(workplan("National sepsis campaign")).toEqual({
      lead: expect.stringMatching(/The chart shows the plan; the table gives its phases, events and milestones quarter by quarter\.$/),
      caption: "Workplan by quarter",
    });
  });
});

describe("the fee's sentence", () => {
  it("names every role the resourcing table lists as the time the fee covers, a campaign's communications lead too", () => {
    const s = buildSnapshot(db(), engagementIdByTitle("National sepsis campaign"), "2026-11-25", "2026-11");
    const budget = JSON.stringify(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === "budget")!.blocks);
    const roles = s.staffing.map((l) => l.label.toLowerCase());
    expect(roles).toContain("communications / campaign lead");
    expect(budget).toContain(`covering the time of the ${roles.slice(0, -1).join(", ")} and ${roles.at(-1)} in the resourcing table.`);
  });

  it("names a role as the method uses it: a collaborative's communications lead enrols teams and runs no campaign", () => {
    const s = demo();
    expect(s.method.chosen).toBe("collaborative");
    expect(s.staffing.map((l) => l.role)).toContain("campaign_lead");
    const content = partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }));
    const budget = JSON.stringify(content.sections.find((x) => x.key === "budget")!.blocks);
    expect(budget).toContain(
      "covering the time of the collaborative chair, faculty, improvement advisor, programme director, project manager, data analyst and communications lead in the resourcing table."
    );
    const table = content.sections.find((x) => x.key === "resourcing")!.blocks.find((b) => b.type === "table" && b.caption === "Our staff by role");
    expect(table?.type === "table" && table.rows.map((r) => r[0])).toContain("Communications lead");
    expect(JSON.stringify(content.sections)).not.toMatch(/campaign lead/i);
  });
});

describe("a plan that runs past the partner's time", () => {
  it("is said among the risks the partner reads, naming the partner; a plan that keeps it says nothing of it", () => {
    const s = demo();
    const risks = (snapshot: EngagementSnapshot) =>
      JSON.stringify(
        partnerEdition(buildProposal(snapshot, getProposalWording(), { versionLabel: "Version 1" })).sections.find((x) => x.key === "risks")!.blocks
      );
    const over = checkTime(s.timeline!, timeLimits({ horizonMonths: 6 }));
    expect(over.holds).toBe(false);
    expect(risks({ ...s, timeCheck: over })).toContain(`Time: The plan runs past ${s.partner.name}'s time: it runs `);
    expect(risks({ ...s, timeCheck: checkTime(s.timeline!, timeLimits({ horizonMonths: 60 })) })).not.toContain("Time: ");
  });
});

describe("the aim's baseline, as the partner reads it", () => {
  type Priority = EngagementSnapshot["intake"]["needs"]["priorities"][number];
  /** The demo's proposal for a partner with these priorities, under this aim and the baseline its diagram says. */
  function aimsOf(priorities: Priority[], aim: { statement: string; target: string; baseline: string }) {
    const s = demo();
    s.intake.needs.priorities = priorities;
    s.driverDiagram = { ...s.driverDiagram!, aim: { ...s.driverDiagram!.aim, ...aim } };
    const content = partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }));
    const facts = content.sections.find((x) => x.key === "aims")!.blocks.find((b) => b.type === "facts");
    const baseline = facts?.type === "facts" ? facts.rows.find((r) => r[0] === "Baseline")?.[1] : undefined;
    const internal = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });
    return { baseline, missing: internal.missing.filter((m) => m.section === "Aims").map((m) => m.item) };
  }
  const hsmr: Priority = { topic: "other", custom: "Hospital mortality (HSMR)", baselineMeasure: "HSMR", baselineValue: 1.0, baselineDate: "2026-06-30" };
  const adverseEvents: Priority = { topic: "other", custom: "Adverse events", baselineDue: "2027-09" };

  it("says that a baseline is to be measured by the month the intake gives, never 'Not stated'", () => {
    const { baseline, missing } = aimsOf([hsmr, adverseEvents], {
      statement: "Halve adverse events by December 2028",
      target: "Halve adverse events",
      baseline: "",
    });
    expect(baseline).toBe("Adverse events: to be measured by September 2027");
    expect(missing.join(" ")).toMatch(/does not give the intake's baseline for adverse events/);
  });

  it("gives no priority's baseline as the baseline of an aim stated in another measure, and lists the aim's own as missing", () => {
    const discharges: Priority = {
      topic: "other",
      custom: "Delayed discharges",
      baselineMeasure: "Bed days lost to delayed discharge per month",
      baselineValue: 1900,
    };
    const fourHours = aimsOf([discharges], {
      statement: "Raise 4-hour performance from 62% to 78% by March 2028",
      target: "78%",
      baseline: "Bed days lost to delayed discharge: 1,900 per month",
    });
    expect(fourHours.baseline).toBe("Not stated");
    expect(fourHours.missing.join(" ")).toMatch(/The aim's baseline is that of delayed discharges, but the aim is stated in another measure/);

    const arrests: Priority = {
      topic: "other",
      custom: "Cardiac arrests outside the ICU",
      baselineMeasure: "Cardiac arrests per 1,000 admissions",
      baselineValue: 3.5,
    };
    const deaths = aimsOf([arrests], {
      statement: "100,000 fewer deaths by June 2028",
      target: "100,000 fewer deaths",
      baseline: "Cardiac arrests outside the ICU: 3.5",
    });
    expect(deaths.baseline).toBe("Not stated");
    expect(deaths.missing.join(" ")).toMatch(/is that of cardiac arrests outside the ICU/);
    // With no baseline at all, the proposal still says what is missing.
    const none = aimsOf([arrests], { statement: "100,000 fewer deaths by June 2028", target: "100,000 fewer deaths", baseline: "" });
    expect(none.missing.join(" ")).toMatch(/The aim gives no baseline/);
  });

  it("keeps the baseline of a priority the aim speaks of without naming it", () => {
    const { baseline, missing } = aimsOf([hsmr], {
      statement: "Reduce hospital mortality by 10% by August 2028",
      target: "10% lower mortality",
      baseline: "HSMR: 1 (June 2026)",
    });
    expect(baseline).toBe("HSMR: 1 (June 2026)");
    expect(missing).toEqual([]);
  });
});
