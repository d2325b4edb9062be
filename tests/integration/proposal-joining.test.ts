/**
 * The demo's one-site request joins an open collaborative that our organisation runs (docs/domain.md
 * §2.5): its partner document names that collaborative, and nothing reads as a collaborative of its
 * own; our other engagements' proposals record no variant.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements } from "../../db/schema";
import { getMethodView } from "~/models/method.server";
import { readProposer } from "~/models/organisation-profile.server";
import { liveProposal } from "~/models/proposal.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { liveDocxText } from "../helpers/docx-text";
import { getProposalWording } from "~/services/templates.server";

useTestDatabase();

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const idOf = (title: string) => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, title)).get()!.id;
const ashford = () => idOf("Ashford Valley sepsis on the wards");

/** The words of the Word document's body, one paragraph a line (a table cell is a paragraph). */
function partnerDocxText(engagementId: number, edition: "partner" | "internal" = "partner"): Promise<string> {
  return liveDocxText(manager(), engagementId, edition);
}

describe("a site joining an open collaborative", () => {
  it("reads in the partner's Word document as joining that collaborative, run by our organisation, never as a collaborative of its own", async () => {
    const us = readProposer(db())!.name;
    const text = await partnerDocxText(ashford());
    expect(text).toContain("A proposal to join the Sepsis Early Recognition Collaborative");
    expect(text).toContain(
      `Ashford Valley Hospital and Northbridge propose that Ashford Valley Hospital join the Sepsis Early Recognition Collaborative, an open Breakthrough Series collaborative run by ${us}, with 1 team of its own.`
    );
    expect(text).toMatch(/The collaborative's learning sessions for Ashford Valley Hospital fall on .+ and .+, and its closing session on \d+ \w+ \d{4}\./);
    expect(text).not.toContain("brings together teams from many sites");
    expect(text).not.toContain("consider inviting teams from other organisations");
    expect(text).not.toContain("It involves 1 site");
    expect(text).toContain("Ashford Valley Hospital serves a population of 180,000 across 1 site in the United Kingdom.");
    expect(text).not.toContain("planning phase");
    expect(text).not.toContain("Partnership Planner");
  });

  it("says why the method fits in the words of joining, not of a collaborative of its own with its planning and every session", async () => {
    const text = await partnerDocxText(ashford());
    expect(text).toContain(
      "Joining an open collaborative takes the team's prework and the collaborative's sessions still to come, in under a year: the planning was its host's."
    );
    expect(text).toContain(
      "Joining asks of the site a project lead at 20–40% of their time and a team of about three at the collaborative's learning sessions still to come."
    );
    expect(text).not.toContain("after months of planning");
    expect(text).not.toContain("three in-person learning sessions");
    // Each sentence said otherwise is one the recommendation's template says, so none stops applying unseen.
    const recommendation = fs.readFileSync(path.join(process.cwd(), "docs-templates/method-recommendation.json"), "utf8");
    const variants = Object.values(getProposalWording().variants ?? {});
    const sentences = variants.flatMap((v) => Object.keys(v.methodSentences ?? {}));
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(recommendation, sentence).toContain(JSON.stringify(sentence).slice(1, -1));
  });

  it("shows on the Method page the collaborative's host as our organisation, not the product", () => {
    const view = getMethodView(manager(), ashford(), "2026-12");
    expect(view.joined).toMatchObject({ title: "Sepsis Early Recognition Collaborative", host: readProposer(db())!.name });
    // The collaborative it joins has its teams: the ranking's collaborative is not told to find more.
    expect(view.recommendation.ranked.find((r) => r.method === "collaborative")!.caveats.join(" ")).not.toMatch(/inviting teams/);
  });

  it("is recorded with the version: the variant and the collaborative as named; a full method's snapshot records neither", () => {
    const { snapshot } = liveProposal(manager(), ashford(), "2026-12-03", "2026-12");
    expect(snapshot.method).toMatchObject({
      variant: "join_open_collaborative",
      joining: { title: "Sepsis Early Recognition Collaborative", host: readProposer(db())!.name },
    });
    const northshire = liveProposal(manager(), idOf("Northshire patient safety partnership"), "2026-12-03", "2026-12").snapshot;
    expect(Object.keys(northshire.method)).not.toContain("variant");
    expect(Object.keys(northshire.method)).not.toContain("joining");
  });

  it("reads in the internal briefing as the site's share of the collaborative: its capacity row, its own planning assumptions, and no page of the app", async () => {
    const text = await partnerDocxText(ashford(), "internal");
    const lines = text.split("\n");
    // The capacity table names the plan proposed as the site's share, and the full method's row as one of its own, not proposed.
    expect(lines).toContain("Joining the Sepsis Early Recognition Collaborative: Ashford Valley Hospital's share of it, as proposed");
    expect(lines).toContain("A Breakthrough Series collaborative of its own (not proposed)");
    expect(lines).not.toContain("Breakthrough Series collaborative");
    // Its months come from two searches, each said under the table in the Fit page's words; no column is a bare "Earliest start".
    expect(lines).toContain("Start with room to spare");
    expect(lines).not.toContain("Earliest start");
    expect(lines).toContain(
      "Start with room to spare: for the plan as proposed, its earliest fully staffed start, at or after its start, as given with the resourcing; for each method, the nearest start with room to spare for its template timeline, at or after the desired start."
    );
    // Its assumptions are its own share's, not those of convening a whole collaborative.
    expect(text).toContain("Planning assumptions for Ashford Valley Hospital's share of the Sepsis Early Recognition Collaborative");
    expect(text).toContain("20 teams in the collaborative:");
    expect(text).toContain("1 day a month: A project manager's liaison with the collaborative's host");
    expect(text).not.toContain("Recruiting and enrolling teams");
    expect(text).not.toContain("A director for the whole collaborative");
    expect(text).not.toContain("Faculty time in the planning group");
    // A document does not send its reader to a page of the app.
    expect(text).not.toMatch(/\bon Fit\b|\(see Fit\)|Fit page|Method page/);
    // Joining is the offer its small request is recommended (decision 36): no note on our capacity for a
    // collaborative of its own, which is not what is proposed.
    expect(text).not.toContain("Our staff capacity for a collaborative of its own");
    expect(text).not.toContain("Our staff cannot take on a collaborative of its own");
  });

  it("lists in its staff table the little a role gives as that little, never as a row of zeros", async () => {
    const text = await partnerDocxText(ashford());
    const lines = text.split("\n");
    const chair = lines.indexOf("Collaborative chair");
    expect(chair).toBeGreaterThan(0);
    // Role, days, FTE-months, peak FTE: the chair's share of three sessions' days is under a day.
    expect(lines.slice(chair + 1, chair + 4)).toEqual(["0.4", "<0.1", "0.01"]);
    // Every role listed gives some time: no cell of the table reads a bare 0.
    const table = lines.slice(lines.indexOf("Role"), lines.indexOf("Data analyst") + 6);
    expect(table).not.toContain("0");
  });

  it("keeps the planning assumptions of a whole collaborative for our own", async () => {
    const text = await partnerDocxText(idOf("Northshire patient safety partnership"), "internal");
    expect(text).toContain("Planning assumptions (no public figure exists; to be confirmed with faculty):");
    expect(text).toContain("Recruiting and enrolling teams.");
    expect(text).not.toContain("(not proposed)");
  });

  it("says of our own collaborative's document what it said before: teams from many sites and a planning phase", async () => {
    const text = await partnerDocxText(idOf("Northshire patient safety partnership"));
    expect(text).toContain("brings together teams from many sites");
    expect(text).toContain("the planning phase starts in");
    expect(text).toContain("A Breakthrough Series collaborative proposal");
  });
});
