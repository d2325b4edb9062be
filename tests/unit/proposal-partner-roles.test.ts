/**
 * §10 of the proposal, "Roles and resourcing", as the partner reads what it is asked to commit: what
 * the method itself asks of a partner (docs/domain.md §9.2), and the intake's answers on those roles.
 * Learning sessions belong to a collaborative; a campaign and a tailored initiative ask for other things,
 * and a short tailored engagement for what one site or a few need.
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
import { getMethodWeights, getProposalWording, getReadinessTemplate } from "~/services/templates.server";

const PARTNER = "Northshire Health System";

function intake(): Intake {
  const i = demoIntake();
  i.capacity = {
    ...i.capacity,
    enrolmentChannel: "yes",
    nodePartners: "partly",
    dataPlatform: "no",
    mentorSites: "partly",
    governance: "partly",
    capabilityPlan: "no",
  };
  return i;
}

function snapshot(method: Method | null, variant?: "join_open_collaborative" | "short_tailored"): EngagementSnapshot {
  const i = intake();
  return {
    schema: 1,
    date: "2026-11-20",
    engagement: { title: "Northshire patient safety partnership" },
    partner: { name: PARTNER, kind: "health_system", country: "GB", sites: 14, population: 2_100_000 },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate(method ?? "collaborative")),
    method: {
      ...methodSummary(recommendMethod(i, getMethodWeights(), { today: "2026-11" }), method, null),
      ...(variant ? { variant } : {}),
      ...(variant === "join_open_collaborative" ? { joining: { title: "Sepsis Early Recognition Collaborative", host: "Northbridge Institute" } } : {}),
    },
    driverDiagram: null,
    timeline: null,
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

/** What the partner reads of §10 about its own side: the list of what it is asked for, and the table of where each role stands. */
function partnerSide(method: Method | null, variant?: "join_open_collaborative" | "short_tailored") {
  const content = partnerEdition(buildProposal(snapshot(method, variant), getProposalWording(), { versionLabel: "Version 1" }));
  const blocks = content.sections.find((s) => s.key === "resourcing")!.blocks;
  const from = blocks.findIndex((b) => b.type === "paragraph" && b.text === `What it asks of ${PARTNER}:`);
  const asked = blocks[from + 1];
  const table = blocks.find((b): b is Extract<Block, { type: "table" }> => b.type === "table" && b.caption === "Partner roles at the date of this proposal");
  return {
    asked: asked?.type === "bullets" ? asked.items : [],
    todo: blocks.filter((b) => b.type === "todo").map((b) => (b.type === "todo" ? b.text : "")),
    table: table?.rows ?? [],
    missing: content.missing,
  };
}

describe("what the proposal asks of the partner", () => {
  it("asks a collaborative's sites for teams at the learning sessions, and shows whether they can be released", () => {
    const { asked, table } = partnerSide("collaborative");
    expect(asked).toContain("At each site, a project lead able to give 20–40% of their time to the work.");
    expect(asked).toContain("At each site, a multidisciplinary team of about three to attend learning sessions, and six to ten at home.");
    expect(table).toContainEqual(["Teams released for learning sessions", "Yes, every site"]);
    expect(table).toContainEqual(["Project leads (20–40% of their time)", "Yes, at every site"]);
  });

  it("asks the same of a site joining an open collaborative, whose teams attend its learning sessions", () => {
    const { asked, table } = partnerSide("collaborative", "join_open_collaborative");
    expect(asked.join("\n")).toMatch(/to attend learning sessions/);
    expect(table).toContainEqual(["Teams released for learning sessions", "Yes, every site"]);
  });

  it("asks a campaign's partner to enrol sites that adopt its interventions, join its calls and report its measure monthly, not for learning sessions", () => {
    const { asked, table } = partnerSide("campaign");
    const text = [...asked, ...table.flat()].join("\n");
    expect(text).not.toMatch(/learning session/i);
    expect(text).not.toMatch(/20–40%/);
    expect(asked.join("\n")).toMatch(/endorses the campaign's aim and deadline in public/);
    expect(asked.join("\n")).toMatch(/at least one of the campaign's interventions/);
    expect(asked.join("\n")).toMatch(/regular calls/);
    expect(asked.join("\n")).toMatch(/common outcome measure each month/);
    expect(asked.join("\n")).toMatch(/Regional partners \(nodes\)/);
    // The table shows the campaign's own roles, with the partner's answers to the campaign's questions.
    expect(table).toEqual([
      ["Senior sponsor", "Yes, named and committed"],
      ["A channel to enrol institutions", "Yes, one that reaches most of them"],
      ["Node partners", "In some parts of it"],
      ["Monthly reporting from every site", "No"],
      ["Mentor sites", "One or two"],
    ]);
  });

  it("asks a tailored initiative's partner for workstream leads, time for coaching and its own improvement advisors, not for learning sessions", () => {
    const { asked, table } = partnerSide("tailored");
    const text = [...asked, ...table.flat()].join("\n");
    expect(text).not.toMatch(/learning session/i);
    expect(asked.join("\n")).toMatch(/chairs the programme board/);
    expect(asked.join("\n")).toMatch(/For each workstream, a lead of Northshire Health System's own/);
    expect(asked.join("\n")).toMatch(/time released for coaching and working sessions/);
    expect(asked.join("\n")).toMatch(/improvement advisors and coaches/);
    expect(table).toEqual([
      ["Senior sponsor", "Yes, named and committed"],
      ["Governance to steer the work", "Being set up"],
      ["Data lead", "Part-time or shared"],
      ["A plan to build improvement capability", "No"],
    ]);
  });

  it("asks a short tailored engagement's partner for a sponsor, a project lead, a team released to test changes and a data lead, not for a programme board", () => {
    const { asked, table } = partnerSide("tailored", "short_tailored");
    const text = [...asked, ...table.flat()].join("\n");
    expect(text).not.toMatch(/learning session|programme board|workstream|improvement advisors and coaches|across the system/i);
    expect(asked.join("\n")).toMatch(/A senior sponsor who agrees the aim, steers the work each month/);
    expect(asked.join("\n")).toMatch(/A project lead of Northshire Health System's own/);
    expect(asked.join("\n")).toMatch(/time released to test changes and for coaching/);
    expect(table).toEqual([
      ["Senior sponsor", "Yes, named and committed"],
      ["Project lead", "Yes, at every site"],
      ["Data lead", "Part-time or shared"],
    ]);
  });

  it("leaves what is asked of the partner to be completed until a method is chosen", () => {
    const { asked, table, todo, missing } = partnerSide(null);
    expect(asked).toEqual([]);
    expect(table).toEqual([]);
    expect(todo).toContain("What the work asks of the partner, from the chosen method");
    expect(missing).toContainEqual({ section: "Roles and resourcing", item: "What the work asks of the partner, from the chosen method" });
  });
});
