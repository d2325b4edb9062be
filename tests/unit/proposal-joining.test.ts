/**
 * A proposal for a site joining an open collaborative (docs/domain.md §2.5) speaks of that
 * collaborative: its name, who runs it, the partner's teams in it and the dates of its sessions; it
 * never reads as a collaborative of the partner's own.
 */
import { describe, expect, it } from "vitest";
import { formatDate } from "~/domain/calendar";
import { emptyIntake, type Intake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { buildProposal } from "~/domain/proposal";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import type { Timeline } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";
import { getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate, getTimelineVariantTemplates } from "~/services/templates.server";

const COLLABORATIVE = { title: "Sepsis Early Recognition Collaborative", host: "Northbridge Institute for Health Improvement" };

function intake(): Intake {
  const i = emptyIntake();
  i.scale.expectedSites = 1;
  i.needs.priorities = [{ topic: "sepsis" }] as Intake["needs"]["priorities"];
  i.evidence.aimHowMuch = "Nine in ten patients with suspected sepsis given antibiotics within one hour";
  i.evidence.aimForWhom = "adult inpatients";
  i.evidence.aimByWhen = "2027-11";
  return i;
}

const plan = (template = getTimelineVariantTemplates().join_open_collaborative): Timeline =>
  generateTimeline(template, { start: "2027-02-01", horizonMonths: null, hardDeadline: null, aimBy: null, teams: 1, country: "GB" });

function snapshot(method: Partial<EngagementSnapshot["method"]> = {}, timeline: Timeline = plan()): EngagementSnapshot {
  const i = intake();
  const joining = "joining" in method ? method.joining : COLLABORATIVE;
  const recommendation = recommendMethod(i, getMethodWeights(), { joining: joining ? { title: joining.title } : null });
  return {
    schema: 1,
    date: "2026-12-03",
    engagement: { title: "Ashford Valley sepsis on the wards" },
    partner: { name: "Ashford Valley Hospital", kind: "hospital", country: "GB", sites: 1, population: 180_000 },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate("collaborative")),
    method: { ...methodSummary(recommendation, "collaborative", null), variant: "join_open_collaborative", joining, ...method },
    driverDiagram: null,
    timeline,
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

const build = (s: EngagementSnapshot) => buildProposal(s, getProposalWording(), { versionLabel: "Version 1" });

/** Every word of the content, as one text. */
function words(content: ProposalContent): string {
  const of = (b: Block): string[] =>
    b.type === "paragraph" || b.type === "todo" || b.type === "quote"
      ? [b.text]
      : b.type === "bullets" || b.type === "numbered"
      ? b.items
      : b.type === "facts"
      ? b.rows.flat()
      : b.type === "table"
      ? b.rows.flat()
      : [];
  return [content.subtitle, ...content.sections.flatMap((s) => s.blocks.flatMap(of))].join("\n");
}

const section = (content: ProposalContent, key: string) => content.sections.find((s) => s.key === key)!;
const firstParagraph = (content: ProposalContent, key: string) => {
  const b = section(content, key).blocks[0]!;
  return b.type === "paragraph" ? b.text : "";
};

describe("a proposal to join an open collaborative", () => {
  it("says in its summary that the partner joins the collaborative, who runs it, with how many teams, and when its sessions fall", () => {
    const content = build(snapshot());
    expect(content.subtitle).toBe("A proposal to join the Sepsis Early Recognition Collaborative");
    // The template puts two-day sessions within a month from this start, and a one-day closing session.
    const sessions = plan().items.filter((i) => i.roleTags.includes("learning_session"));
    expect(sessions).toHaveLength(2);
    const closing = plan().items.find((i) => i.roleTags.includes("congress"))!;
    expect(firstParagraph(content, "executive-summary").split(/(?<=\.) (?=[A-Z])/)).toEqual([
      "Ashford Valley Hospital and the Institute propose that Ashford Valley Hospital join the Sepsis Early Recognition Collaborative, an open Breakthrough Series collaborative run by Northbridge Institute for Health Improvement, with 1 team of its own.",
      "Its aim: nine in ten patients with suspected sepsis given antibiotics within one hour for adult inpatients by November 2027.",
      expect.stringMatching(/^The work runs for \d+ months\.$/),
      `The collaborative's learning sessions for Ashford Valley Hospital fall on ${sessions
        .map((i) => `${Number(i.start.slice(8))}–${formatDate(i.end)}`)
        .join(" and ")}, and its closing session on ${formatDate(closing.start)}.`,
    ]);
    const facts = section(content, "executive-summary").blocks.find((b) => b.type === "facts");
    expect(facts?.type === "facts" && facts.rows.find(([label]) => label === "Method")?.[1]).toBe(
      "Joining the Sepsis Early Recognition Collaborative, an open Breakthrough Series collaborative run by Northbridge Institute for Health Improvement"
    );
  });

  it("drops what only fits convening a collaborative of its own, and lists that as an alternative not proposed", () => {
    const text = words(build(snapshot()));
    expect(text).not.toMatch(/brings together teams from many sites/);
    expect(text).not.toMatch(/consider inviting teams from other organisations/);
    expect(text).not.toMatch(/It involves 1 site/);
    expect(text).not.toMatch(/planning phase/);
    expect(text).not.toMatch(/Action period 3|three learning sessions and the congress|programme director/);
    expect(text).toMatch(/^Both parties sign; prework starts in February 2027\.$/m);
    const alternatives = section(build(snapshot()), "approach").blocks.find(
      (b, i, all) => b.type === "bullets" && all[i - 1]?.type === "paragraph" && /alternatives we considered/.test((all[i - 1] as { text: string }).text)
    );
    expect(alternatives?.type === "bullets" && alternatives.items[0]).toMatch(
      /^A Breakthrough Series collaborative of its own: 1 team would be far fewer than the 12/
    );
  });

  it("answers a wish for improvement advisors of the partner's own: not part of joining, and could be added", () => {
    const s = snapshot();
    s.intake.evidence.wantsCapabilityBuilding = "yes";
    expect(words({ ...build(s), subtitle: "", sections: [section(build(s), "capability")] })).toContain(
      "Ashford Valley Hospital wants to build its own improvement capability: a cadre of improvement advisors and coaches. Training them is not part of joining the Sepsis Early Recognition Collaborative: we propose adding a programme to train them alongside it."
    );
  });

  it("names the learning sessions' dates as the plan holds them, across a month's end too", () => {
    const timeline = plan();
    const next = timeline.items.filter((i) => i.roleTags.includes("learning_session"))[1]!;
    const moved = { ...timeline, items: timeline.items.map((i) => (i.id === next.id ? { ...i, start: "2027-06-30", end: "2027-07-01" } : i)) };
    expect(firstParagraph(build(snapshot({}, moved)), "executive-summary")).toMatch(/ and 30 June – 1 July 2027, and its closing session on /);
  });

  it("marks the collaborative as to be completed when it is no longer listed", () => {
    const content = build(snapshot({ joining: null }));
    expect(content.missing).toContainEqual({ section: "Approach and rationale", item: "The open collaborative the partner joins" });
    expect(content.subtitle).toBe("A Breakthrough Series collaborative proposal");
    expect(words(content)).not.toMatch(/\{collaborative\}|undefined|null/);
  });

  it("leaves a collaborative of the partner's own, and a plan not of the variant's method, in the method's own words", () => {
    const own = snapshot(
      { variant: undefined, joining: undefined },
      generateTimeline(getTimelineTemplate("collaborative"), {
        start: "2027-02-01",
        horizonMonths: null,
        hardDeadline: null,
        aimBy: null,
        teams: 14,
        country: "GB",
      })
    );
    delete own.method.variant;
    delete own.method.joining;
    const text = words(build(own));
    expect(text).toMatch(/brings together teams from many sites/);
    expect(text).toMatch(/the planning phase starts in/);
    expect(build(own).subtitle).toBe("A Breakthrough Series collaborative proposal");
    // A joining variant recorded beside another method (a bundle's mismatch) is not spoken of.
    const tailored = snapshot();
    tailored.method.chosen = "tailored";
    expect(build(tailored).subtitle).toBe("A tailored large-scale initiative proposal");
    expect(words(build(tailored))).not.toMatch(/Sepsis Early Recognition Collaborative/);
  });
});
