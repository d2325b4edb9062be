/**
 * Once the partner accepts a version choosing one of its options, what is agreed states that option's
 * commitment (docs/domain.md §9.13): the documents' executive summary and resourcing, and the approval
 * page the leaders decide on, give the chosen option's sites, staff and faculty days, the ones its
 * bookings hold. Before the choice they give the largest option's, as the version states it.
 */
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { approvalRequests, bookings, proposalVersions } from "../../db/schema";
import { buildProposal } from "~/domain/proposal";
import { ANNEX_TITLE } from "~/domain/proposal-audience";
import type { Block } from "~/domain/proposal-content";
import { presentVersion } from "~/domain/proposal-state";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import type { SnapshotOption } from "~/domain/proposal-options";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { shareVersion } from "~/models/sharing.server";
import * as approvalPage from "~/routes/approvals.$requestId";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import { action as proposalAction, loader as proposalLoader } from "~/routes/engagements.$id.proposal";
import { pinToday } from "../helpers/clock";
import { partnerAccepts } from "../helpers/partner-answers";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, callLoader, sessionCookie } from "../helpers/requests";
import { getProposalWording } from "~/services/templates.server";

useTestDatabase();
pinToday("2026-12");

const MANAGER = "manager@demo.test";
const PARTNER = "partner@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });

const proposalPage = async (id: number) =>
  (await callLoader(proposalLoader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data;
const post = (id: number, form: Record<string, string>) =>
  callAction(proposalAction as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) }, form });

/** Two options on the demo proposal: the full programme, and a focused start on fewer sites with less faculty time. */
async function fullOrFocused(id: number) {
  for (const [name, scope] of [
    ["Full programme", "The collaborative as planned, every site from the start."],
    ["Focused start", "A first wave of fewer sites, with the faculty's time trimmed."],
  ])
    expect((await post(id, { form: "option-new", intent: "add-option", name, scope, leavesOut: "" })).status).toBe(303);
  for (const lever of ["fewer_sites", "fewer_faculty_days"]) {
    const focused = (await proposalPage(id)).options.options[1];
    const res = await post(id, {
      form: `option-${focused.id}`,
      intent: "apply-option-lever",
      option: String(focused.id),
      version: String(focused.version),
      lever,
    });
    expect(res.status).toBe(303);
  }
}

/** The Word document's body text as its reader would read it, one line a paragraph or table cell. */
async function docxText(id: number, number: number, as: string, query = ""): Promise<string> {
  const res = (await docxRoute.loader({
    request: new Request(`${BASE}/engagements/${id}/versions/${number}/docx${query}`, { headers: { Cookie: sessionCookie(as) } }),
    params: { id: String(id), number: String(number) },
    context: {},
  })) as Response;
  expect(res.status).toBe(200);
  return strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))["word/document.xml"]!)
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** One section of the proposal, from its heading to the next one's: our internal annex, which names some sections again, is left out. */
function section(text: string, title: string, next: string): string {
  const annex = text.indexOf(`\n${ANNEX_TITLE}\n`);
  const body = annex < 0 ? text : text.slice(0, annex);
  const at = body.lastIndexOf(`\n${title}\n`);
  return body.slice(at, body.indexOf(`\n${next}\n`, at));
}

const approvalView = async (requestId: number) =>
  (await callLoader(approvalPage.loader as never, { as: "leader@demo.test", path: `/approvals/${requestId}`, params: { requestId: String(requestId) } })).data
    .view;

/** The demo's version 2 offering the two options, shared and submitted for approval, with what it freezes of each. */
async function offeredAndSubmitted() {
  const id = demoEngagementId();
  await fullOrFocused(id);
  const version = createVersion(manager(), id, "2026-12-01", "2026-12");
  shareVersion(manager(), id, version.number);
  const requestId = submitForApproval(manager(), id, version.number);
  const options = JSON.parse(db().select().from(proposalVersions).where(eq(proposalVersions.id, version.id)).get()!.snapshotJson).options as SnapshotOption[];
  const [full, focused] = options as [SnapshotOption, SnapshotOption];
  // The focused start asks less of our staff, on fewer sites: the full programme is the largest.
  expect(focused.teams).toBeLessThan(full.teams);
  expect(focused.facultyDays).toBeLessThan(full.facultyDays);
  expect(focused.fteMonths).toBeLessThan(full.fteMonths);
  return { id, number: version.number, requestId, full, focused };
}

/** As many leaders as the request needs approve it. */
function approvedByLeadership(requestId: number) {
  const request = db().select().from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!;
  for (const who of ["leader@demo.test", "leader2@demo.test"].slice(0, request.requiredApprovals)) {
    const current = db().select({ version: approvalRequests.version }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!;
    decideApproval(leader(who), requestId, {
      decision: "approve",
      conditions: "",
      reason: "Fits.",
      acknowledgedConflict: true,
      requestVersion: current.version,
    });
  }
}

/** The partner accepts the version, choosing the focused start. */
async function acceptFocusedStart(id: number, number: number) {
  const accepted = await partnerAccepts(id, number, { option: "B" });
  expect(accepted.status, JSON.stringify(accepted.data)).toBe(303);
}

describe("a version whose partner chose an option", () => {
  it(
    "shows the leaders deciding on it the chosen option's resourcing, named, as its bookings hold it; the largest option's before",
    { timeout: 120_000 },
    async () => {
      const { id, number, requestId, full, focused } = await offeredAndSubmitted();
      const undecided = await approvalView(requestId);
      expect(undecided.plan.plan).toBe(`Breakthrough Series collaborative, ${full.teams} teams (Option A: Full programme, the largest of 2 options)`);
      expect([undecided.commits.fteMonths, undecided.commits.facultyDays]).toEqual([full.fteMonths, full.facultyDays]);
      expect(undecided.chosenOption).toBeFalsy();

      await acceptFocusedStart(id, number);
      const chosen = await approvalView(requestId);
      expect(chosen.plan.plan).toBe(
        `Breakthrough Series collaborative, ${focused.teams} teams (Option B: Focused start, the one of 2 options the partner chose)`
      );
      expect(chosen.chosenOption).toBe("Option B: Focused start");
      expect([chosen.commits.fteMonths, chosen.commits.facultyDays]).toEqual([focused.fteMonths, focused.facultyDays]);
      expect(chosen.staffing).toEqual(focused.staffing);
      // The approval gate judged the largest option when the version was submitted: its reasons say whose figures they give.
      expect(chosen.gateJudged).toBe(
        "These reasons judge Option A: Full programme, the largest option, as the approval gate does for a version with options; the partner chose Option B: Focused start, whose staff and fee are stated beside."
      );
      // Its demand by role and month is what the engagement has booked.
      const booked = db().select().from(bookings).where(eq(bookings.engagementId, id)).all();
      const bookedFte = (role: string, month: string) => booked.find((b) => b.role === role && b.month === month)?.fte ?? 0;
      for (const r of chosen.byRole as { role: string; cells: number[] }[])
        chosen.months.forEach((month: string, i: number) => expect(r.cells[i], `${r.role} in ${month}`).toBe(bookedFte(r.role, month)));
    }
  );

  it(
    "holds, once leadership approved before the partner chose, the chosen option's demand as confirmed, not the largest option's",
    { timeout: 120_000 },
    async () => {
      const { id, number, requestId } = await offeredAndSubmitted();
      approvedByLeadership(requestId);
      const held = () =>
        db()
          .select()
          .from(bookings)
          .where(eq(bookings.engagementId, id))
          .all()
          .map((b) => `${b.status} ${b.role} ${b.month} ${b.fte}`)
          .sort();
      const approvedLargest = held();
      expect(approvedLargest.every((b) => b.startsWith("confirmed "))).toBe(true);

      await acceptFocusedStart(id, number);
      const chosen = await approvalView(requestId);
      const booked = held();
      // Still confirmed, and now the focused start's: what the approval page states is what is held.
      expect(booked.every((b) => b.startsWith("confirmed "))).toBe(true);
      expect(booked).not.toEqual(approvedLargest);
      const stated = (chosen.byRole as { role: string; cells: number[] }[])
        .flatMap((r) => chosen.months.map((month: string, i: number) => (r.cells[i] ? `confirmed ${r.role} ${month} ${r.cells[i]}` : null)))
        .filter(Boolean)
        .sort();
      expect(booked).toEqual(stated);
    }
  );

  it(
    "states the chosen option's sites, staff and faculty days in its agreed documents, the partner's and our own; the largest option's before",
    { timeout: 300_000 },
    async () => {
      const { id, number, requestId, full, focused } = await offeredAndSubmitted();
      const offered = section(await docxText(id, number, PARTNER), "Executive summary", "Context and needs");
      expect(offered).toContain(
        `would commit ${full.fteMonths} FTE-months of its faculty, improvement advisors and staff, including ${full.facultyDays} faculty days`
      );
      expect(offered).toContain("These figures are for Option A: Full programme, the option that asks most of our staff.");
      expect(offered).toContain(`It involves ${full.teams} sites`);

      await acceptFocusedStart(id, number);
      approvedByLeadership(requestId);

      const whose = /These figures are for Option B: Focused start, which Northshire Health System accepted on \d{1,2} December 2026\./;
      const partnerText = await docxText(id, number, PARTNER);
      for (const [edition, text] of [
        ["partner", partnerText],
        ["internal", await docxText(id, number, MANAGER, "?edition=internal")],
      ] as const) {
        const summary = section(text, "Executive summary", "Context and needs");
        expect(summary, edition).toContain(
          `Northbridge commits ${focused.fteMonths} FTE-months of its faculty, improvement advisors and staff, including ${focused.facultyDays} faculty days`
        );
        expect(summary, edition).toContain(`It involves ${focused.teams} sites`);
        // Said once: the summary's next sentence says who chose the option and when.
        expect(summary, edition).toContain("These figures are for Option B: Focused start, the option chosen.");
        expect(summary, edition).not.toMatch(whose);
        expect(summary, edition).toMatch(/Northshire Health System chose Option B: Focused start on \d{1,2} December 2026, for a fee of/);
        expect(summary, edition).toContain(`\nSites or teams\n${focused.teams}\n`);
        expect(summary, edition).toContain(`\nOur staff\n${focused.fteMonths} FTE-months\n`);
        expect(summary, edition).toMatch(/\nOption chosen\nOption B: Focused start, for a fee of USD\s[\d,]+\n/);
        expect(summary, edition).not.toContain("Option A: Full programme, the option that asks most");

        const resourcing = section(text, "Roles and resourcing", "Capability building and sustainability");
        const faculty = focused.staffing.find((l) => l.role === "faculty")!;
        expect(resourcing, edition).toContain(`\nFaculty\n${Math.round(faculty.days)}\n`);
        expect(resourcing, edition).toMatch(whose);
      }
      // The partner reads none of the full programme's figures for our staff.
      expect(partnerText).not.toContain(`${full.fteMonths} FTE-months`);
      expect(partnerText).not.toContain(`${full.facultyDays} faculty days`);
    }
  );

  it("keeps the words the figures were not given in: an aim naming the largest option's sites, a summary its managers wrote", async () => {
    const { id, number, focused, full } = await offeredAndSubmitted();
    const frozen = JSON.parse(
      db()
        .select()
        .from(proposalVersions)
        .where(eq(proposalVersions.engagementId, id))
        .all()
        .find((v) => v.number === number)!.snapshotJson
    ) as EngagementSnapshot;
    const accepted = {
      status: "draft" as const,
      acceptance: {
        signerName: "Helen Marsh",
        signerTitle: "Chief Executive",
        account: "Helen Marsh",
        at: "2026-12-07T10:00:00.000Z",
        option: "Option B: Focused start, for a fee of USD 1,450,000",
        fingerprint: "f",
        optionKey: "B",
      },
    };
    const summaryOf = (s: EngagementSnapshot) =>
      presentVersion(buildProposal(s, getProposalWording(), { versionLabel: "Version 2" }), accepted, s).sections.find((x) => x.key === "executive-summary")!
        .blocks;
    const text = (b: Block) => (b.type === "paragraph" ? b.text : "");

    // The partner's aim says "14 sites" too: it stays theirs; what the work involves is the chosen option's.
    const aimed = {
      ...frozen,
      driverDiagram: { ...frozen.driverDiagram!, aim: { ...frozen.driverDiagram!.aim, statement: `Halve VAP across all ${full.teams} sites by August 2028.` } },
    };
    expect(text(summaryOf(aimed)[0]!)).toContain(
      `Its aim: halve VAP across all ${full.teams} sites by August 2028. It involves ${focused.teams} sites and runs for`
    );

    // A summary in its managers' own words keeps them; its table, and whose figures it gives, follow the choice.
    const edited = {
      ...frozen,
      sectionEdits: [
        {
          section: "executive-summary",
          title: "Executive summary",
          markdown: "Our own words on the work.",
          base: "",
          by: "Maya Okafor",
          at: "2026-12-01T09:00:00.000Z",
        },
      ],
    };
    const blocks = summaryOf(edited);
    expect(JSON.stringify(blocks)).toContain("Our own words on the work.");
    const table = blocks.findIndex((b) => b.type === "facts");
    expect(text(blocks[table - 1]!)).toBe("These figures are for Option B: Focused start, which Northshire Health System accepted on 7 December 2026.");
    expect((blocks[table] as Extract<Block, { type: "facts" }>).rows).toContainEqual(["Our staff", `${focused.fteMonths} FTE-months`]);
  });
});
