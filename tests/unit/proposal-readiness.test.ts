/**
 * §13 of the proposal, as the partner reads it: each readiness criterion with its status and, beside
 * it, what it still needs, so a grade such as "Partly met" never stands without its reason; what
 * belongs to no one criterion stays in the list above the table.
 */
import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import { partnerEdition } from "~/domain/proposal-audience";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { DEFAULT_PROPOSER } from "~/domain/organisation-profile";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness, type Readiness } from "~/domain/readiness";
import { getMethodWeights, getProposalWording, getReadinessTemplate } from "~/services/templates.server";

const PARTNER = "Northshire Health System";

function snapshot(i: Intake, readiness: Readiness = assessReadiness(i, getReadinessTemplate("collaborative"))): EngagementSnapshot {
  return {
    schema: 1,
    date: "2026-11-20",
    engagement: { title: "Northshire patient safety partnership" },
    partner: { name: PARTNER, kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
    intake: i,
    readiness,
    method: methodSummary(
      recommendMethod(i, getMethodWeights(), { today: "2026-11", document: { partnerName: PARTNER, date: "2026-11-20" } }),
      "collaborative",
      null
    ),
    driverDiagram: null,
    timeline: null,
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

/** The partner edition's §13: its list (empty when there is none) and its readiness table. */
function risks(s: EngagementSnapshot) {
  const content: ProposalContent = buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });
  const blocks = partnerEdition(content).sections.find((x) => x.key === "risks")!.blocks;
  const list = blocks.filter((b): b is Extract<Block, { type: "bullets" }> => b.type === "bullets").flatMap((b) => b.items);
  const paragraphs = blocks.filter((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph").map((b) => b.text);
  const table = blocks.find((b): b is Extract<Block, { type: "table" }> => b.type === "table" && b.caption === "Readiness")!;
  return { list, paragraphs, table };
}

describe("readiness in the partner's proposal", () => {
  it("lists a fee above the partner's budget among the risks, leaving the Budget section to say by how much, in place of saying there are none", () => {
    const i = demoIntake();
    const priced = (fee: number): EngagementSnapshot => ({
      ...snapshot(i),
      price: { fee, currency: "USD", schedule: [], internal: { buildUp: fee, adjustment: null, ruleFee: fee } },
    });
    const above = risks(priced(1_590_000));
    // Each amount keeps its currency on its line (a no-break space between them).
    expect(above.list[0]).toBe("Budget: The fee is above the top of Northshire Health System's budget, by as much as the Budget section says.");
    // The gap is said once in the partner's document, in the Budget section.
    const whole = JSON.stringify(partnerEdition(buildProposal(priced(1_590_000), getProposalWording(), { versionLabel: "Version 1" })).sections);
    expect(whole.split("90,000 above").length - 1).toBe(1);
    expect(above.paragraphs.join(" ")).not.toContain("found no risks");
    expect(risks(priced(1_400_000)).list.join(" ")).not.toContain("Budget:");
  });

  it("says beside a criterion partly met what it needs, and does not say it again in the list", () => {
    const { list, paragraphs, table } = risks(snapshot(demoIntake()));
    expect(table.columns).toEqual(["Criterion", "Status", "What it needs"]);
    expect(table.rows.find((r) => r[0] === "Data capability")).toEqual([
      "Data capability",
      "Partly met",
      "Give a data lead enough time to collect baseline data and report monthly.",
    ]);
    expect(table.rows.find((r) => r[0] === "Leadership commitment")).toEqual(["Leadership commitment", "Met", "—"]);
    expect(list.join("\n")).not.toContain("Give a data lead enough time");
    expect(paragraphs).not.toContain("No readiness gaps or capacity shortfalls were found.");
    // Said plainly, by whoever proposes: the Institute in a version made before our profile, our short name after it.
    expect(paragraphs).toContain("The Institute found no risks beyond the readiness criteria below that are still to be met.");
    const ours = { ...snapshot(demoIntake()), proposer: { ...DEFAULT_PROPOSER, name: "Northbridge Improvement Institute", shortName: "Northbridge" } };
    const content: ProposalContent = buildProposal(ours, getProposalWording(), { versionLabel: "Version 1" });
    expect(JSON.stringify(partnerEdition(content).sections.find((x) => x.key === "risks")!.blocks)).toContain(
      '"Northbridge found no risks beyond the readiness criteria below that are still to be met."'
    );
  });

  it("says beside a criterion that stops the work why, and keeps in the list what belongs to no one criterion", () => {
    const intake = demoIntake();
    intake.capacity.seniorSponsor = "no";
    const { list, table } = risks(snapshot(intake));
    const leadership = table.rows.find((r) => r[0] === "Leadership commitment")!;
    expect(leadership[1]).toBe("Not met");
    expect(leadership[2]).toMatch(/^No senior sponsor/);
    expect(list.some((l) => l.includes("No senior sponsor"))).toBe(false);

    const unknown = demoIntake();
    unknown.capacity = {} as Intake["capacity"];
    const tooLittle = risks(snapshot(unknown));
    expect(tooLittle.list).toEqual(expect.arrayContaining([expect.stringMatching(/^Too little is known yet: \d of 7 readiness criteria are unanswered/)]));
    expect(tooLittle.table.rows.find((r) => r[0] === "Leadership commitment")![2]).toBe("Confirm a named, committed senior sponsor.");
  });

  it("says there is nothing in the way when every criterion is met, in a table of criteria and status", () => {
    const intake = demoIntake();
    intake.capacity.dataLead = "yes";
    const { paragraphs, table } = risks(snapshot(intake));
    expect(paragraphs).toContain("No readiness gaps or capacity shortfalls were found.");
    expect(table.columns).toEqual(["Criterion", "Status"]);
  });

  it("reads a version frozen before each criterion kept what it needs as it was written then: the list, and criteria with their status", () => {
    const intake = demoIntake();
    const then = assessReadiness(intake, getReadinessTemplate("collaborative"));
    const frozen: Readiness = { ...then, criteria: then.criteria.map(({ needs: _needs, ...c }) => c) };
    const { list, table } = risks(snapshot(intake, frozen));
    expect(list).toContain("Condition: Give a data lead enough time to collect baseline data and report monthly.");
    expect(table.columns).toEqual(["Criterion", "Status"]);
  });
});
