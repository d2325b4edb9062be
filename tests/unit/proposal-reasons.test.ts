/**
 * Why the method suits the partner, as the partner's document says it (§5 "Approach and rationale"
 * and the summary): the evidence in whole sentences, the partner by name, and time against the
 * document's own date, for every method. The staff pages keep their own words.
 */
import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod, type RecommendOptions } from "~/domain/method-recommendation";
import { METHODS, type Method } from "~/domain/methods";
import { buildProposal } from "~/domain/proposal";
import { internalBriefing, partnerEdition } from "~/domain/proposal-audience";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { ofName } from "~/domain/text";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate } from "~/services/templates.server";

const PARTNER = "Northshire Health System";
/** How the proposal names the partner once it has named it in full (docs/domain.md §9.1). */
const SHORT = "Northshire";
/** The version's date; the month the recommendation was made in is the same. */
const DATE = "2026-11-20";

/** Northshire, with sepsis not yet ready: VAP and CLABSI have a proven change package, sepsis none. */
function intake(): Intake {
  const i = demoIntake();
  i.evidence.priorityEvidence = [
    { priority: "vap", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
    { priority: "clabsi", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
    { priority: "sepsis", changePackage: "no", degreeOfBelief: "low", brightSpots: "no" },
  ];
  return i;
}

const inDocument: RecommendOptions = { today: "2026-11", document: { partnerName: PARTNER, date: DATE } };

function snapshot(method: Method, i: Intake = intake(), options: RecommendOptions = inDocument): EngagementSnapshot {
  return {
    schema: 1,
    date: DATE,
    engagement: { title: "Northshire patient safety partnership" },
    partner: { name: PARTNER, kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate(method)),
    method: methodSummary(recommendMethod(i, getMethodWeights(), options), method, null),
    driverDiagram: null,
    timeline: generateTimeline(getTimelineTemplate(method), {
      start: "2027-03-01",
      horizonMonths: 30,
      hardDeadline: null,
      aimBy: null,
      teams: 14,
      country: "GB",
    }),
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

const build = (s: EngagementSnapshot) => buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });

const textOf = (b: Block): string[] =>
  b.type === "paragraph" ? [b.text] : b.type === "bullets" ? b.items : b.type === "table" ? b.rows.flat() : b.type === "facts" ? b.rows.flat() : [];

/** What the partner reads in a section: every block of the partner edition, as lines. */
const partnerLines = (content: ProposalContent, key: string) =>
  partnerEdition(content)
    .sections.find((s) => s.key === key)!
    .blocks.flatMap(textOf);

/** The reasons §5 gives: why the method fits, and each alternative's. */
function reasons(content: ProposalContent): string[] {
  const lines = partnerLines(content, "approach");
  const from = lines.indexOf("Why this method fits:");
  expect(from, "§5 gives the reasons the method fits").toBeGreaterThanOrEqual(0);
  return lines.slice(from + 1);
}

describe("the evidence reason, as the partner reads it", () => {
  it("says in whole sentences which priorities have a tested change package and what that means, for every method", () => {
    // Wherever §5 gives the evidence as a reason (for the method proposed, or against an alternative).
    const said = METHODS.flatMap((method) => reasons(build(snapshot(method))).filter((r) => /change package/.test(r)));
    expect(said.length).toBeGreaterThanOrEqual(METHODS.length);
    for (const evidence of said) {
      expect(evidence).toContain("There is a proven change package for VAP and CLABSI: changes already tested elsewhere, to adopt rather than invent.");
      expect(evidence).toContain("There is no change package yet for sepsis: the changes that would improve it still have to be developed and tested.");
      expect(evidence).toContain("The degree of belief that the changes will work is high for VAP and CLABSI, and low for sepsis.");
      expect(evidence).toContain("Some sites or teams already achieve much better results on VAP and CLABSI; none yet on sepsis.");
      // Not the intake's shorthand, priority by priority.
      expect(evidence).not.toMatch(/VAP: |; CLABSI|high degree of belief, a proven change package/);
    }
  });

  it("says once what is true of every priority, instead of listing them in each sentence", () => {
    const evidence = reasons(build(snapshot("collaborative", demoIntake()))).find((r) => /change package/.test(r))!;
    expect(evidence).toMatch(
      /^There is a proven change package for all three priorities \(VAP, CLABSI and sepsis\): .+ The degree of belief that the changes will work is high for all three priorities\. Some sites or teams already achieve much better results on all three priorities\./
    );
  });

  it("keeps the detail, priority by priority, for the internal briefing", () => {
    const content = build(snapshot("collaborative"));
    const annex = internalBriefing(content).sections.at(-1)!;
    const approach = annex.subsections!.find((s) => s.title === "Approach and rationale")!;
    const table = approach.blocks.find((b) => b.type === "table" && b.caption === "Evidence by priority");
    expect(table && table.type === "table" ? table.rows : []).toEqual([
      ["Ventilator-associated pneumonia (VAP)", "Proven", "High degree of belief, a proven change package, some sites already much better"],
      ["Central line–associated bloodstream infection (CLABSI)", "Proven", "High degree of belief, a proven change package, some sites already much better"],
      ["Sepsis", "Immature", "Low degree of belief, no change package yet, no sites yet much better"],
    ]);
    expect(JSON.stringify(partnerEdition(content).sections)).not.toContain("Evidence by priority");
  });

  it("leaves our staff's pages their detail", () => {
    const staff = recommendMethod(intake(), getMethodWeights(), { today: "2026-11" });
    const evidence = staff.ranked[0]!.contributions.find((c) => c.criterion === "evidence")!;
    expect(evidence.reason).toMatch(/^VAP: high degree of belief, a proven change package, some sites already much better; CLABSI: /);
  });
});

describe("whom the reasons speak of", () => {
  it("names the partner, never “the partner”, in the summary and the approach, for every method", () => {
    for (const method of METHODS) {
      const content = build(snapshot(method));
      const read = [...partnerLines(content, "executive-summary"), ...partnerLines(content, "approach")].join("\n");
      expect(read, method).not.toMatch(/\bthe partner\b/i);
      // By name: in full the first time, then by its short name, in the reasons as in the rest of the section.
      expect(reasons(content).join("\n"), method).toMatch(new RegExp(`\\b${SHORT}\\b`));
      expect(partnerLines(content, "approach").join("\n").split(PARTNER).length - 1, method).toBe(1);
    }
    // The tailored initiative's own description, too, which names the partner before the reasons do.
    expect(partnerLines(build(snapshot("tailored")), "approach").join("\n")).toContain(`so that ${SHORT} can carry the work on without us`);
  });

  it("says what kind of partner it is in words that fit the partner's name", () => {
    const i = intake();
    i.context.partnerKind = "region";
    const name = "Eastmere Regional Health Authority";
    const s = {
      ...snapshot("tailored", i, { ...inDocument, document: { partnerName: name, date: DATE } }),
      partner: { name, kind: "region", country: "GB", sites: 9, population: null },
    };
    // Named in full before this reason, in the approach's own description, and by its short name after.
    expect(reasons(build(s)).join("\n")).toMatch(/Eastmere works across a region\. /);
  });

  it("does not tell a partner whose name says its kind what it is: the rule on that kind stands alone", () => {
    const said = reasons(build(snapshot("collaborative")));
    expect(said.join("\n")).not.toMatch(/Northshire Health System is a health system/);
    expect(said).toContain("Collaboratives suit a health system or network with several units.");
    // A name that does not say it keeps the fact: "Westvale Health Partnership is a health system."
    const name = "Westvale Health Partnership";
    const other = { ...snapshot("collaborative", intake(), { ...inDocument, document: { partnerName: name, date: DATE } }) };
    expect(reasons(build({ ...other, partner: { ...other.partner, name } }))).toContain(
      "Westvale Health Partnership is a health system. Collaboratives suit a health system or network with several units."
    );
  });

  it("keeps the third person on our staff's pages", () => {
    const staff = recommendMethod(intake(), getMethodWeights(), { today: "2026-11" });
    expect(staff.ranked[0]!.contributions.find((c) => c.criterion === "partner_type")!.reason).toMatch(/^The partner is a health system\./);
  });
});

describe("time in a frozen document", () => {
  const urgency = (options: RecommendOptions) =>
    recommendMethod(intake(), getMethodWeights(), options)
      .ranked.flatMap((r) => r.contributions)
      .find((c) => c.criterion === "urgency")!.reason;

  it("counts the months to the desired start from the document's date, not from now", () => {
    // A hard deadline within two years makes the urgency a reason against a tailored initiative's build-up, which the partner reads.
    const near = intake();
    near.scale.hardDeadline = "2028-08-31";
    const said = partnerLines(build(snapshot("collaborative", near)), "approach").join("\n");
    expect(said).toContain(`${SHORT} wants to start in March 2027, within 6 months of the date of this proposal.`);
    expect(said).not.toMatch(/from now|\bago\b|\btoday\b|months away/);
    // Made later from the same date, the words stay the same: they never count from the day they are read.
    expect(urgency({ ...inDocument, today: "2027-01" })).toContain("March 2027, within 6 months of the date of this proposal.");
  });

  it("reads the same in a version made a month later, unless the start is no longer far off", () => {
    const at = (date: string) => urgency({ today: date.slice(0, 7), document: { partnerName: PARTNER, date } });
    expect(at("2026-12-02")).toBe(at("2026-11-02"));
    expect(at("2026-08-02")).toContain(
      `${PARTNER} wants to start in March 2027, more than 6 months after the date of this proposal, which leaves time to prepare.`
    );
    expect(at("2026-09-02")).toContain(`${PARTNER} wants to start in March 2027, within 6 months of the date of this proposal.`);
  });

  it("says a start in the document's month, or before it, without counting from now", () => {
    expect(urgency({ today: "2027-03", document: { partnerName: PARTNER, date: "2027-03-02" } })).toContain(
      `${PARTNER} wants to start in March 2027, the month of this proposal.`
    );
    expect(urgency({ today: "2027-05", document: { partnerName: PARTNER, date: "2027-05-02" } })).toContain(
      `${PARTNER} wants to start at once: it asked to start in March 2027, before the date of this proposal.`
    );
  });

  it("names the deadline the aim sets when no hard deadline is agreed, and never gives the want of a deadline as a reason against a method", () => {
    // Northshire agreed no hard deadline, but its aim is for August 2028: that is the deadline its plan is judged by.
    expect(intake().scale.hardDeadline).toBeUndefined();
    for (const method of METHODS) {
      const read = reasons(build(snapshot(method))).join("\n");
      expect(read, method).not.toMatch(/no hard deadline/i);
    }
    expect(urgency(inDocument)).toContain(`${ofName(PARTNER, "aim", { capital: true })} is to be met by August 2028, 18 months from March 2027.`);
    // Our staff read the same, from the desired start.
    expect(urgency({ today: "2026-11" })).toMatch(/^The partner's aim is to be met by August 2028, 18 months from the desired start\. /);
    // With neither a hard deadline nor a date for the aim, its want may be said, but never as a reason against a method.
    const open = intake();
    open.evidence.aimByWhen = undefined;
    const contributions = recommendMethod(open, getMethodWeights(), inDocument).ranked.flatMap((r) => r.contributions.filter((c) => c.criterion === "urgency"));
    // Without a deadline, a start however soon counts against no method: the build-up's time is the duration's to weigh.
    for (const c of contributions) expect(c.direction).not.toBe("against");
  });

  it("keeps relative words on our staff's pages, which are read live", () => {
    expect(urgency({ today: "2026-11" })).toContain("The partner wants to start in March 2027, 4 months from now.");
  });
});

describe("the summary", () => {
  it("names the method's own span by the workplan items that bound it, quoted as names, for every method with a span", () => {
    const spans: Record<Method, RegExp> = {
      collaborative: /from “Prework \(aims, baseline data, team\)” to “Summative congress”\.$/,
      campaign: /from “Launch event” to “Deadline event with results”\.$/,
      tailored: /from “Diagnostic” to “Sustainability and hand-over”\.$/,
    };
    let read = 0;
    for (const method of METHODS) {
      const lead = partnerLines(build(snapshot(method)), "executive-summary")[0]!;
      if (!/itself takes/.test(lead)) continue;
      read += 1;
      expect(lead, method).toMatch(spans[method]);
    }
    expect(read).toBeGreaterThan(0);
  });
});

describe("the aim, before there is a driver diagram", () => {
  it("is the intake's draft aim, its population without a capital in the middle of the sentence", () => {
    const aims = Object.values(build(snapshot("collaborative")).sections)
      .flatMap((section) => section.blocks.flatMap(textOf))
      .filter((line) => line.includes("Northshire's 14 hospitals by August 2028"));
    expect(aims.length).toBeGreaterThan(0);
    for (const line of aims) expect(line).toContain("by 15% for adult patients in Northshire's 14 hospitals by August 2028");
  });
});

describe("the support reason, as the partner reads it", () => {
  const support = (method: Method) => reasons(build(snapshot(method))).filter((r) => /release a team/.test(r));

  it("asks a tailored initiative's teams for the work, not for learning sessions it does not have", () => {
    expect(support("tailored")).toHaveLength(1);
    expect(support("tailored")[0]).toMatch(/^Every site can give a project lead 20–40% of their time\. Every site can release a team for the work\. /);
    // A campaign has no learning sessions either.
    const staff = recommendMethod(intake(), getMethodWeights(), { today: "2026-11" });
    const campaign = staff.ranked.find((r) => r.method === "campaign")!.contributions.find((c) => c.criterion === "support")!;
    expect(campaign.reason).toContain("Every site can release a team for the work.");
  });

  it("keeps the collaborative's learning sessions", () => {
    expect(support("collaborative")[0]).toContain("Every site can release a team for the learning sessions.");
  });
});

describe("the hard deadline, as the partner reads it", () => {
  /** Northshire with a hard deadline 19 months after its start, which a tailored initiative's plan cannot keep. */
  function withDeadline(): Intake {
    const i = intake();
    i.scale.desiredStart = "2026-12";
    i.scale.hardDeadline = "2028-06-30";
    return i;
  }
  const time: RecommendOptions["time"] = {
    methods: {
      collaborative: { keeps: true, fits: true, minMonths: 14, spanMonths: 10 },
      campaign: { keeps: true, fits: true, minMonths: 19, spanMonths: 18 },
      tailored: { keeps: false, fits: false, minMonths: 36, spanMonths: 30 },
    },
    words: null,
  };
  const DEADLINE = "The hard deadline, 30 June 2028, comes 19 months after the start in December 2026.";
  const read = (method: Method) => reasons(build(snapshot(method, withDeadline(), { ...inDocument, time })));

  it("is said once in an alternative's reasons, though both its duration and its urgency weigh it", () => {
    const tailored = read("collaborative").find((r) => r.startsWith("Tailored large-scale initiative: "))!;
    expect(tailored).toBe(
      `Tailored large-scale initiative: ${SHORT} can commit to at most 18 months. ${DEADLINE} A tailored initiative runs several years (the Scottish Patient Safety Programme ran five). The 18 months count from the start in December 2026 to the end of all the work: a tailored initiative's set-up and follow-on take 6 of them, leaving 12 for the initiative itself (its whole plan needs at least 36 months). ${SHORT} wants to start in December 2026, within 6 months of the date of this proposal. A tailored initiative builds up slowly: a diagnostic, governance and a scalable unit come before results at scale.`
    );
  });

  it("is said once in the reasons the method fits", () => {
    const all = read("campaign");
    const campaign = all.slice(
      0,
      all.findIndex((r) => r.startsWith("The alternatives we considered"))
    );
    expect(campaign.filter((r) => r.includes("The hard deadline"))).toEqual([
      `${PARTNER} can commit to at most 18 months. ${DEADLINE} A campaign runs 18 to 24 months from its launch to a fixed deadline, after months of design. The 18 months count from the start in December 2026 to the end of all the work: a campaign's design and sustain period takes 1 of them, leaving 17 for the campaign from its launch to its deadline (its whole plan needs at least 19 months).`,
    ]);
    expect(campaign).toContain(
      `${SHORT} wants to start in December 2026, within 6 months of the date of this proposal. A campaign is built around a bold aim with a fixed, public deadline.`
    );
  });

  it("stays in each reason on our staff's pages, where every criterion has a line of its own", () => {
    const staff = recommendMethod(withDeadline(), getMethodWeights(), { today: "2026-11", time }).ranked.find((r) => r.method === "tailored")!;
    const said = (criterion: string) => staff.contributions.find((c) => c.criterion === criterion)!.reason;
    expect(said("duration")).toContain("The hard deadline, 30 June 2028, comes 19 months after the desired start.");
    expect(said("urgency")).toMatch(/^The hard deadline, 30 June 2028, comes 19 months after the desired start\. /);
  });
});
