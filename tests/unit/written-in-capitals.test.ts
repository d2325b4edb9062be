/**
 * Capitals in generated text: a topic the partner wrote in reads inside a sentence as the listed topics
 * do ("falls and delirium", not "falls and Delirium"), an acronym keeping its capitals; an aim typed in
 * lower case starts with a capital wherever it stands alone, on the diagram, in the proposal and on an
 * approval request, while what was typed is stored as typed.
 */
import { describe, expect, it } from "vitest";
import { driverDiagramToMermaid } from "~/domain/driver-diagram-mermaid";
import { startingDiagram } from "~/domain/driver-diagram-start";
import { diagramTableRows } from "~/domain/driver-diagram-view";
import { emptyIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { planInBrief } from "~/domain/plan-in-brief";
import { buildProposal } from "~/domain/proposal";
import type { Block } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { nameInSentence, sentenceStart } from "~/domain/text";
import { generateTimeline } from "~/domain/timeline-generate";
import { getDriverDiagramTemplate, getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate } from "~/services/templates.server";

/** Falls from the list, then two topics written in: an ordinary word with a capital, and one led by an acronym. */
function intake(): Intake {
  const i = emptyIntake();
  i.context.partnerKind = "health_system";
  i.needs.priorities = [
    { topic: "falls", baselineValue: 7 },
    { topic: "other", custom: "Delirium", id: "other:Delirium" },
    { topic: "other", custom: "COVID-19 infection control", id: "other:COVID-19 infection control" },
  ];
  i.evidence.priorityEvidence = [
    { priority: "falls", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
    { priority: "other:Delirium", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
    { priority: "other:COVID-19 infection control", changePackage: "partly", degreeOfBelief: "moderate" },
  ];
  i.evidence.aimHowMuch = "reduce falls with harm by 40%";
  i.evidence.aimForWhom = "older inpatients";
  i.evidence.aimByWhen = "2028-06";
  i.scale.expectedSites = 12;
  return i;
}

function snapshot(i: Intake, driverDiagram: EngagementSnapshot["driverDiagram"] = null): EngagementSnapshot {
  return {
    schema: 1,
    date: "2026-12-05",
    engagement: { title: "Westvale falls collaborative" },
    partner: { name: "Westvale Health", kind: "health_system", country: "GB", sites: 12, population: null },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate("collaborative")),
    method: methodSummary(recommendMethod(i, getMethodWeights(), {}), "collaborative", null),
    driverDiagram,
    timeline: generateTimeline(getTimelineTemplate("collaborative"), { start: "2027-03", teams: 12, country: "GB" }),
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

const blocksOf = (s: EngagementSnapshot, key: string) =>
  buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }).sections.find((x) => x.key === key)!.blocks;
const textOf = (blocks: Block[]) => JSON.stringify(blocks);

describe("a name written in, inside a sentence", () => {
  it("loses the capital of an ordinary first word, and keeps an acronym's, a possessive's or a joined word's", () => {
    expect(nameInSentence("Delirium")).toBe("delirium");
    expect(nameInSentence("Dementia care")).toBe("dementia care");
    expect(nameInSentence("COVID-19 infection control")).toBe("COVID-19 infection control");
    expect(nameInSentence("MRSA")).toBe("MRSA");
    expect(nameInSentence("Parkinson's disease")).toBe("Parkinson's disease");
    expect(nameInSentence("Covid-19")).toBe("Covid-19");
    expect(nameInSentence("delirium")).toBe("delirium");
  });

  it("reads as the listed topics do in the recommendation and the readiness: falls and delirium", () => {
    const i = intake();
    const document = recommendMethod(i, getMethodWeights(), { document: { partnerName: "Westvale Health", date: "2026-12-05" } });
    const staff = recommendMethod(i, getMethodWeights(), {});
    const readiness = assessReadiness(i, getReadinessTemplate("collaborative"));
    const said = [document, staff].flatMap((r) => r.ranked.flatMap((m) => [...m.contributions.map((c) => c.reason), ...m.caveats]));
    const readinessSaid = readiness.criteria.map((c) => c.reason);
    expect(said.join(" ")).toContain("There is a proven change package for falls and delirium");
    expect(readinessSaid.join(" ")).toContain("A proven change package for falls (high belief) and delirium (high belief)");
    for (const words of [...said, ...readinessSaid]) expect(words).not.toMatch(/\bDelirium\b/);
    // The acronym leads its topic as typed.
    expect(readinessSaid.join(" ")).toContain("a partial change package or belief for COVID-19 infection control");
  });
});

describe("an aim typed in lower case", () => {
  it("starts with a capital where it stands alone, and not inside a sentence", () => {
    expect(sentenceStart("reduce falls with harm by 40%")).toBe("Reduce falls with harm by 40%");
    expect(sentenceStart("eGFR checked in every patient")).toBe("eGFR checked in every patient");
    expect(sentenceStart("90% of patients")).toBe("90% of patients");
  });

  it("is stored as typed but drawn with a capital on the driver diagram, its table and its picture", () => {
    const d = startingDiagram(getDriverDiagramTemplate("falls")!, intake());
    expect(d.aim.statement).toBe("reduce falls with harm by 40% for older inpatients by June 2028");
    expect(diagramTableRows(d)[0]!.label).toBe("Reduce falls with harm by 40% for older inpatients by June 2028");
    expect(driverDiagramToMermaid(d)).toContain('aim["Aim<br/>Reduce falls with');
  });

  it("starts with a capital in the proposal's summary facts and its Aims, and on an approval request; the summary's sentence keeps it inside", () => {
    for (const s of [snapshot(intake()), snapshot(intake(), startingDiagram(getDriverDiagramTemplate("falls")!, intake()))]) {
      const summary = blocksOf(s, "executive-summary");
      const facts = summary.find((b): b is Extract<Block, { type: "facts" }> => b.type === "facts")!;
      expect(facts.rows.find(([label]) => label === "Aim")![1]).toMatch(/^Reduce falls with harm by 40% for older inpatients by June 2028\.?$/);
      expect(textOf(summary)).toContain("Its aim: reduce falls with harm by 40%");
      const aims = blocksOf(s, "aims").filter((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph");
      expect(aims.map((b) => b.text)).toContainEqual(expect.stringMatching(/^Reduce falls with harm by 40%/));
      expect(planInBrief(s, { method: "collaborative", variant: null, scaleNoun: "teams" }).aim).toMatch(/^Reduce falls with harm by 40%/);
    }
  });
});
