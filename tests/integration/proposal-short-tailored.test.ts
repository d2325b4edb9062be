/**
 * The demo's one-site request taken as a short tailored engagement (docs/domain.md §2.5): what its
 * partner reads says why a short engagement fits, what could stand in its way and how ready the
 * partner is, in a short engagement's terms; nothing there reads as a tailored initiative across a
 * system over years, which is named only among the alternatives not proposed.
 */
import { describe, expect, it } from "vitest";
import { partnerEdition } from "~/domain/proposal-audience";
import { liveProposal } from "~/models/proposal.server";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as methodRoute from "~/routes/engagements.$id.method";
import { proposalHtml } from "~/services/pdf.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callLoader } from "../helpers/requests";
import { liveDocxText } from "../helpers/docx-text";
import { ashfordTakenShort } from "../helpers/short-tailored";

useTestDatabase();

const as = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(as), role: "manager" as const, organisationId: null });
const ashford = () => (db().$client.prepare("select id from engagements where title = ?").get("Ashford Valley sepsis on the wards") as { id: number }).id;

/** The words of the Word document's body, one paragraph a line (a table cell is a paragraph). */
async function docxLines(engagementId: number, edition: "partner" | "internal" = "partner"): Promise<string[]> {
  return (await liveDocxText(manager(), engagementId, edition)).split("\n");
}

/** The lines after `lead`, up to the next line that is none of them. */
const after = (lines: string[], lead: string, count: number) => lines.slice(lines.indexOf(lead) + 1, lines.indexOf(lead) + 1 + count);

describe("a short tailored engagement, in the Word document its partner reads", () => {
  it("says why it fits, what to watch for and how ready the partner is, never as a programme across a system over years", async () => {
    const lines = await docxLines(await ashfordTakenShort());
    expect(lines).toContain("A proposal for a short tailored engagement");
    expect(after(lines, "Why this method fits:", 6)).toEqual([
      "1 site or team is expected to take part. A short tailored engagement is for one site or a few: it does the diagnostic and the testing there, without the stages that spread the work further.",
      // Named in full already ("… with Ashford Valley Hospital's own team"): by its short name here.
      "Ashford Valley can commit to at most 12 months. A short tailored engagement is planned to finish within a year, from the diagnostic to the hand-over.",
      "Each team is to set its own aims under a shared aim. A short tailored engagement works to an aim agreed after the diagnostic with the leaders of the sites taking part.",
      expect.stringMatching(
        /^There is a proven change package for sepsis: .* A short tailored engagement tests changes on the sites taking part until they work, and puts in place those that do\.$/
      ),
      "The work is on one focused topic. A short tailored engagement tests changes for months, not years: one focused topic suits it.",
      "Every site can give a project lead 20–40% of their time and release a team. A short tailored engagement needs a project lead to lead the work day to day, and a team with time released to test changes and for coaching.",
    ]);
    // The readiness table: criterion, status, what it needs; Ashford's data lead is part-time.
    const readiness = lines.slice(lines.indexOf("What it needs") + 1, lines.indexOf("What it needs") + 1 + 6 * 3);
    expect(readiness.filter((_, i) => i % 3 === 0)).toEqual([
      "A senior sponsor",
      "A project lead for the work",
      "Data to follow the aim",
      "Improvement experience to build on",
      "Sharing the measures with us",
      "Changes to test",
    ]);
    expect(readiness.slice(6, 9)).toEqual(["Data to follow the aim", "Partly met", "Give a data lead the time to report the aim's measures each month."]);
    // Only the full initiative, listed among the alternatives not proposed, is said to run for years across a system.
    const alternative = lines.filter((l) => l.startsWith("A tailored large-scale initiative: "));
    expect(alternative).toHaveLength(1);
    const rest = lines.filter((l) => !alternative.includes(l)).join("\n");
    expect(rest).not.toMatch(/several years|Scottish Patient Safety Programme ran|scope a first phase/);
    expect(rest).not.toMatch(/whole system or country|across the system|system-level aims/);
    expect(rest).not.toMatch(/learning sessions?|pilot sites|scalable unit/);
  });

  it("reads the same in the PDF's print, its workplan legend included: events and milestones, no learning sessions", async () => {
    const { content } = liveProposal(manager(), await ashfordTakenShort(), "2026-12-03", "2026-12");
    const lines = proposalHtml(partnerEdition(content), {}, { status: "draft" })
      .replace(/<style[\s\S]*?<\/style>/g, "")
      .replace(/<[^>]+>/g, "\n")
      .replace(/&#x27;/g, "'")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines).toContain("event or milestone in the month");
    const rest = lines.filter((l) => !l.startsWith("A tailored large-scale initiative: ")).join("\n");
    expect(rest).not.toMatch(/several years|whole system or country|across the system|learning sessions?|pilot sites/);
  });

  it("says nothing in the internal briefing of a collaborative the intake pointed to: the short engagement is what a small request is recommended", async () => {
    const lines = await docxLines(await ashfordTakenShort(), "internal");
    expect(lines.join("\n")).not.toMatch(/The intake pointed to a Breakthrough Series collaborative/);
  });

  it("shows on the Fit page the short engagement's readiness first, and the three methods' after it", async () => {
    const id = await ashfordTakenShort();
    const fit = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: { id: String(id) }, as });
    expect(fit.data.readinessFor).toBe("tailored");
    expect(fit.data.readinessOfForm.variant).toBe("short_tailored");
    expect(fit.data.readinessOfForm.readiness.criteria.map((c: { label: string }) => c.label)).toContain("Data to follow the aim");
    // Ashford is one hospital: the full initiative's readiness is worded for one organisation.
    expect(fit.data.readiness.tailored.criteria.map((c: { label: string }) => c.label)).toContain("Data for the organisation's aims");
    // The Method page's tailored initiative carries the short engagement's caveats once it is decided: none for Ashford.
    const method = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id: String(id) }, as });
    expect(method.data.view.recommendation.ranked.find((r: { method: string }) => r.method === "tailored").caveats).toEqual([]);
  });

  it("leaves the joining site's proposal as it was: readiness as a collaborative's, no reasons of a short engagement", async () => {
    const lines = await docxLines(ashford());
    expect(lines).toContain("A proposal to join the Sepsis Early Recognition Collaborative");
    expect(lines).toContain("A team released from every site");
    expect(lines.join("\n")).not.toMatch(/short tailored engagement (is for|is planned|works to)/);
  });
});
