/**
 * The internal briefing dates its claim about our capacity: the roster and the other engagements'
 * bookings move after a version is frozen, so "Fits" is said as judged on the day the version was
 * made (docs/domain.md §8.1), never as though it held now.
 */
import { describe, expect, it } from "vitest";
import { demoIntake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import { internalBriefing } from "~/domain/proposal-audience";
import type { Block } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { getMethodWeights, getProposalWording, getReadinessTemplate } from "~/services/templates.server";

function frozenOn(date: string): EngagementSnapshot {
  const intake = demoIntake();
  return {
    schema: 1,
    date,
    engagement: { title: "National sepsis campaign" },
    partner: { name: "Eastmere Ministry of Health", kind: "ministry", country: "GB", sites: 40, population: 5_000_000 },
    intake,
    readiness: assessReadiness(intake, getReadinessTemplate("campaign")),
    method: methodSummary(recommendMethod(intake, getMethodWeights(), { today: "2026-11" }), "campaign", null),
    driverDiagram: null,
    timeline: null,
    staffing: [],
    demand: [],
    fit: {
      verdict: "fits",
      summary: "Fits: every role has the free capacity this engagement needs, with room to spare.",
      shortfalls: [],
      tightSpots: [],
      earliestStart: "2027-05",
    },
    cost: null,
    assumptions: [],
  };
}

/** Every fact the internal briefing states, section by section and in its annex. */
function briefingFacts(snapshot: EngagementSnapshot): string[][] {
  const content = internalBriefing(buildProposal(snapshot, getProposalWording(), { versionLabel: "Version 1" }));
  const blocks = content.sections.flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)]);
  return blocks.filter((b): b is Extract<Block, { type: "facts" }> => b.type === "facts").flatMap((b) => b.rows);
}

describe("the internal briefing's capacity claim", () => {
  it("names the day the version was frozen, on which the fit was judged", () => {
    const rows = briefingFacts(frozenOn("2026-11-18"));
    expect(rows).toContainEqual([
      "Our capacity (as judged on 18 November 2026, when this version was frozen)",
      "Fits: every role has the free capacity this engagement needs, with room to spare.",
    ]);
    expect(rows.some(([label]) => label === "Our capacity")).toBe(false);
  });
});
