/**
 * When the partner wants improvement advisors and coaches of its own, the proposal says what it does
 * about it (docs/domain.md §5.4, §9.1): the capability-building stream its plan holds, with its months,
 * or that training them is not yet part of the plan and that we propose a stream that would. It never states the wish and
 * stops.
 */
import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import type { Method } from "~/domain/methods";
import { buildProposal } from "~/domain/proposal";
import { partnerEdition } from "~/domain/proposal-audience";
import type { Block } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import type { Timeline } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate } from "~/services/templates.server";

const PARTNER = "Northshire Health System";
const DATE = "2026-11-20";

function snapshot(method: Method, wants: Intake["evidence"]["wantsCapabilityBuilding"] = "yes", shape = (t: Timeline) => t): EngagementSnapshot {
  const i = demoIntake();
  i.evidence.wantsCapabilityBuilding = wants;
  return {
    schema: 1,
    date: DATE,
    engagement: { title: "Northshire patient safety partnership" },
    partner: { name: PARTNER, kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate(method)),
    method: methodSummary(recommendMethod(i, getMethodWeights(), { today: "2026-11", document: { partnerName: PARTNER, date: DATE } }), method, null),
    driverDiagram: null,
    timeline: shape(
      generateTimeline(getTimelineTemplate(method), { start: "2027-03-01", horizonMonths: 60, hardDeadline: null, aimBy: null, teams: 14, country: "GB" })
    ),
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

/** The capability section's paragraphs, as the partner reads them. */
function capability(s: EngagementSnapshot): string[] {
  const content = partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }));
  return content.sections.find((x) => x.key === "capability")!.blocks.flatMap((b: Block) => (b.type === "paragraph" ? [b.text] : []));
}

const WISH = `${PARTNER} wants to build its own improvement capability: a cadre of improvement advisors and coaches.`;

describe("a partner that wants its own improvement advisors and coaches", () => {
  it("is told, beside its wish, that a collaborative's or a campaign's plan does not train them yet and that we propose a stream that would", () => {
    expect(capability(snapshot("collaborative"))).toContain(
      `${WISH} Training them is not yet part of this plan or its fee: we propose adding a capability-building stream to it, alongside the Breakthrough Series collaborative.`
    );
    expect(capability(snapshot("campaign"))).toContain(
      `${WISH} Training them is not yet part of this plan or its fee: we propose adding a capability-building stream to it, alongside the campaign.`
    );
  });

  it("is told that a tailored initiative's plan trains them, in its capability-building stream and its months", () => {
    const said = capability(snapshot("tailored")).find((p) => p.startsWith(WISH));
    expect(said).toMatch(
      new RegExp(
        `^${WISH.replace(
          /[.*+?^${}()|[\]\\]/g,
          "\\$&"
        )} The plan trains them in its capability-building stream, from [A-Z][a-z]+ \\d{4} to [A-Z][a-z]+ \\d{4}, as the workplan shows\\.$`
      )
    );
  });

  it("reads who takes over the teaching in words any organisation has, the programme named in full", () => {
    const content = partnerEdition(buildProposal(snapshot("tailored"), getProposalWording(), { versionLabel: "Version 1" }));
    const said = JSON.stringify(content.sections.find((x) => x.key === "capability")!.blocks);
    expect(said).toMatch(
      /Our faculty teach at first; [^;]+'s own improvement advisors and coaches take over from them, as Scotland's own did in the Scottish Patient Safety Programme\./
    );
    expect(said).not.toMatch(/SPSP|'s faculty take over/);
  });

  it("is not promised a stream the plan no longer holds", () => {
    const without = snapshot("tailored", "yes", (t) => ({ ...t, items: t.items.filter((i) => i.stream !== "capability") }));
    expect(capability(without)).toContain(
      `${WISH} Training them is not yet part of this plan or its fee: we propose adding a capability-building stream to it, alongside the tailored large-scale initiative.`
    );
  });

  it("says nothing of it when the partner does not want it", () => {
    expect(capability(snapshot("collaborative", "no")).join("\n")).not.toMatch(/wants to build|capability-building stream/);
  });
});
