import { beforeEach, describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { createEngagement } from "~/models/engagements.server";
import { saveIntakeSection } from "~/models/intake.server";
import { decideMethod } from "~/models/method.server";
import { regenerateTimeline } from "~/models/timeline.server";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as approvalRoute from "~/routes/approvals.$requestId";
import { editTimeline } from "~/models/timeline.server";
import { createVersion } from "~/models/proposal.server";
import type { ProposalContent } from "~/domain/proposal-content";
import { shareWarningsFor } from "~/models/sharing.server";
import { eq } from "drizzle-orm";
import { approvalRequests, engagements, methodDecisions } from "../../db/schema";
import { formatMonth } from "~/domain/calendar";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { callAction, callLoader, formAnswer } from "../helpers/requests";
import { engagementSteps } from "~/models/engagement-steps.server";
import { keepTimeline, getTimelineView } from "~/models/timeline.server";
import { limitsSeen } from "~/domain/planning-inputs";

useTestDatabase();

beforeEach(() => {
  process.env.PLANNER_TODAY = "2026-12";
});

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });

/**
 * A UK region of 14 sites whose evidence is immature and who want their own improvement capability:
 * the partner's situation points to a tailored initiative, but they want to start in March 2027 and
 * must be done by 4 February 2028, in at most 14 months.
 */
function regionEngagement(desiredStart = "2027-03"): number {
  const id = createEngagement(manager(), {
    title: "Southfen regional safety programme",
    partner: "new",
    orgName: "Southfen Regional Health Authority",
    orgKind: "region",
    orgCountry: "GB",
    orgSites: 14,
  } as never);
  const demo = demoIntake();
  const intake: Intake = {
    ...demo,
    context: { ...demo.context, partnerKind: "region", geographyScope: "region" },
    evidence: {
      ...demo.evidence,
      priorityEvidence: demo.evidence.priorityEvidence!.map((e) => ({ ...e, degreeOfBelief: "low", changePackage: "yes", brightSpots: "yes" })),
      aimStyle: "system",
      breadth: "focused",
      wantsCapabilityBuilding: "yes",
      aimByWhen: undefined,
    },
    scale: { expectedSites: 14, desiredStart, longestDurationMonths: 14, hardDeadline: "2028-02-04" },
    capacity: { ...demo.capacity, projectLeads: "partly", canReleaseTeams: "yes" },
  };
  let version = 0;
  for (const section of ["context", "needs", "evidence", "scale", "capacity", "budget"] as const)
    version = saveIntakeSection(manager(), id, section, intake[section] as never, version);
  return id;
}

/** The manager chooses a method other than the one recommended, saying why, over the decision at `decisionVersion`. */
function choose(id: number, chosen: "tailored" | "collaborative", overrideReason: string, decisionVersion: number): void {
  decideMethod(manager(), id, { chosen, overrideReason, intakeVersion: 6, decisionVersion } as never, "2026-12");
}

/** The manager overrides the recommendation: the partner's board asked for a tailored initiative. */
function chooseTailored(id: number): void {
  choose(id, "tailored", "The partner's board asked for it.", 0);
}

/** After the tailored plan: the manager chooses the collaborative, whose plan keeps the partner's time, and regenerates. */
function switchToCollaborative(id: number): void {
  choose(id, "collaborative", "It keeps the partner's time.", 1);
  regenerateTimeline(manager(), id, 1, "2026-12");
}

async function page(
  loader: typeof methodRoute.loader | typeof fitRoute.loader | typeof timelineRoute.loader | typeof proposalRoute.loader,
  id: number,
  name: string
) {
  return (await callLoader(loader as never, { path: `/engagements/${id}/${name}`, params: { id: String(id) }, as: "manager@demo.test" })).data;
}

const TIME =
  "The partner's time: 11 months from March 2027, to the hard deadline, 4 February 2028, which comes sooner than their longest duration of 14 months.";

describe("the partner's time, the same on the Method, Fit and Timeline pages", () => {
  it("recommends a method that can keep it, says why beside the recommendation, and gives one figure on every page", async () => {
    const id = regionEngagement();
    const { recommendation } = (await page(methodRoute.loader, id, "method")).view;
    // The partner's situation alone would put a tailored initiative first; its plan runs years.
    const tailored = recommendation.ranked.find((r: { method: string }) => r.method === "tailored");
    const collaborative = recommendation.ranked.find((r: { method: string }) => r.method === "collaborative");
    expect(tailored.score).toBeGreaterThan(collaborative.score);
    expect(recommendation.recommended).toBe("collaborative");
    expect(recommendation.partnerTime).toBe(TIME);
    expect(recommendation.timeNote).toBe(
      `A tailored initiative (${tailored.score}/100) scores higher on the partner's situation but cannot keep the partner's time: its plan needs at least 36 months in all. A collaborative is recommended because its plan can keep that time: it needs at least 11 months in all.`
    );
    // Beside its own score too: what ranks it after a method that scores lower.
    expect(tailored.rankedByTime).toBe(
      `Ranked after a collaborative (${collaborative.score}/100), which scores lower, because a tailored initiative's core needs at least 36 months, more than the partner's time, and a collaborative's fits.`
    );
    expect(collaborative.rankedByTime).toBeNull();
    const fit = await page(fitRoute.loader, id, "fit");
    expect(fit.partnerTime).toBe(TIME);
    expect(fit.fitness.collaborative.rank).toBe(1);
    // The Fit page ranks the higher-scoring tailored initiative second and says why, in the Method page's words.
    expect(fit.fitness.tailored.rank).toBe(2);
    expect(fit.fitness.tailored.rankedByTime).toBe(tailored.rankedByTime);
    expect(fit.fitness.collaborative.rankedByTime).toBeNull();

    // Before generating, the Timeline page promises only what the collaborative's plan does.
    decideMethod(manager(), id, { chosen: "recommended", overrideReason: null, intakeVersion: 6, decisionVersion: 0 } as never, "2026-12");
    const before = await page(timelineRoute.loader, id, "timeline");
    expect(before.beforeGenerating).toMatchObject({ partnerTime: TIME, holds: true });
    regenerateTimeline(manager(), id, 0, "2026-12");
    const after = await page(timelineRoute.loader, id, "timeline");
    expect(after.timeCheck.holds).toBe(true);
    expect(after.timeCheck.summary).toMatch(
      /^The plan keeps the partner's time: 12 months in all, within the longest duration of 14 months; “Summative congress”, the milestone the deadline is judged on, falls on 1 February 2028, on or before the hard deadline \(4 February 2028\)\./
    );
  });

  it("before generating a method that cannot keep it, the Timeline page says so instead of promising it", async () => {
    const id = regionEngagement();
    chooseTailored(id);
    const before = (await page(timelineRoute.loader, id, "timeline")).beforeGenerating;
    expect(before.holds).toBe(false);
    expect(before.summary).toMatch(/^The plan cannot keep the partner's time: it runs \d+ months over the partner's longest duration of 14 months/);
  });

  it("offers, when the plan cannot keep it, the other method whose own timeline does", async () => {
    const id = regionEngagement();
    chooseTailored(id);
    regenerateTimeline(manager(), id, 0, "2026-12");
    const tailored = (await page(timelineRoute.loader, id, "timeline")).timeCheck;
    const another = tailored.choices.find((c: { kind: string }) => c.kind === "another_method");
    // Its shortest plan (about 12 months, its final report after the congress) is more than the 11 months to
    // the deadline, but the deadline is for the congress: generated, it keeps the partner's time.
    expect(another.text).toBe(
      "Another method: a collaborative needs at least 11 months in all, of which at least 6 run from “Prework (aims, baseline data, team)” to “Summative congress”. That is within the partner's time."
    );
    // …and the collaborative, generated, keeps it.
    switchToCollaborative(id);
    expect((await page(timelineRoute.loader, id, "timeline")).timeCheck.holds).toBe(true);
  });

  it("is said before sharing a version whose plan runs past it, with the overruns that version froze", async () => {
    const id = regionEngagement();
    chooseTailored(id);
    regenerateTimeline(manager(), id, 0, "2026-12");
    const { number } = createVersion(manager(), id, "2026-12-01", "2026-12");
    const said = shareWarningsFor(id, number, { day: "2026-12-01", month: "2026-12" }).filter((w) => w.includes("time"));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(`^Version ${number}'s plan runs past Southfen Regional Health Authority's time: it runs \\d+ months over their longest duration of 14 months`)
    );
    expect(said[0]).toMatch(
      /The proposal says so among its risks, for both parties to agree to; the Timeline page's time check says what would keep their time, and a new version can carry it\.$/
    );
    // The collaborative keeps their time: its version says nothing of it.
    switchToCollaborative(id);
    const kept = createVersion(manager(), id, "2026-12-01", "2026-12").number;
    expect(shareWarningsFor(id, kept, { day: "2026-12-01", month: "2026-12" }).filter((w) => w.includes("runs past"))).toEqual([]);
  });
});

describe("what would make the plan fit, on the Fit page", () => {
  it("says when a later start, or another method, would break the partner's time instead of offering it as a fix", async () => {
    const id = regionEngagement();
    decideMethod(manager(), id, { chosen: "recommended", overrideReason: null, intakeVersion: 6, decisionVersion: 0 } as never, "2026-12");
    const { plan } = await page(fitRoute.loader, id, "fit");
    expect(plan.whatIfs.summary).toEqual([
      "Starting in September 2027, 6 months later, our staff could take it on, but that is too late to keep the partner's deadline.",
      "Tailored large-scale initiative: our staff could take it on from December 2027, but its plan cannot keep the partner's time.",
    ]);
  });
});

describe("a start too late for the partner's time, when only the aim names a date", () => {
  it("is said to be late for the aim by its month, on the Fit and Method pages, never for a deadline the partner did not set", async () => {
    // Northshire set no hard deadline; its aim is to be met by August 2028.
    const fit = await page(fitRoute.loader, 1, "fit");
    expect(fit.inputs.hardDeadline).toBeNull();
    // A tailored initiative needs longer than the partner's time from the desired start on: its length, not a wait, makes it late.
    expect(fit.perMethod.tailored.tooLate).toBe("but the plan takes too long to meet the aim by August 2028 even from March 2027");
    const method = (await page(methodRoute.loader, 1, "method")).view;
    expect(method.deadline).toEqual({ date: "2028-08-31", from: "aim" });
    // The Kestrel campaign's own plan, at its desired start, is already past the aim's date (January 2029): its length, not a wait for staff.
    const kestrel = await page(fitRoute.loader, 3, "fit");
    expect(kestrel.plan.earliestStart).toBe(kestrel.plan.searched.from);
    expect(kestrel.plan.tooLate).toBe("but even from then the plan takes too long to meet the aim by January 2029");
    expect(JSON.stringify([fit, kestrel])).not.toContain("the partner's deadline");
  });
});

describe("a plan that begins before today", () => {
  it("is said on the Timeline and Proposal pages, before sharing and to the leaders who decide on it, until its start is moved", async () => {
    // Today is 1 December 2026 (the month pinned); the partner wanted to start in November, as the intake
    // saved in October said, when November was still to come.
    const pinned = process.env.PLANNER_TODAY;
    process.env.PLANNER_TODAY = "2026-10";
    const id = regionEngagement("2026-11");
    process.env.PLANNER_TODAY = pinned;
    decideMethod(manager(), id, { chosen: "recommended", overrideReason: null, intakeVersion: 6, decisionVersion: 0 } as never, "2026-12");
    regenerateTimeline(manager(), id, 0, "2026-12");
    const timeline = await page(timelineRoute.loader, id, "timeline");
    const first = timeline.timeline.items.find((i: { start: string }) => i.start === timeline.timeline.items.map((x: { start: string }) => x.start).sort()[0]);
    expect(first.start < "2026-12-01").toBe(true);
    const words = `The plan begins on ${Number(first.start.slice(8))} November 2026, with “${
      first.label
    }”, before today (1 December 2026): the partner would read a plan already under way.`;
    expect(timeline.startPassed).toBe(words);
    expect((await page(proposalRoute.loader, id, "proposal")).startPassed).toBe(words);

    // Frozen in a version, the plan is said before it is shared…
    const { number } = createVersion(manager(), id, "2026-12-01", "2026-12");
    expect(shareWarningsFor(id, number, { day: "2026-12-01", month: "2026-12" })).toContain(
      `Version ${number}'s plan begins on ${Number(
        first.start.slice(8)
      )} November 2026, before today: Southfen Regional Health Authority would read a plan already under way. Move its start on the Timeline page and make a new version, or agree new dates with them.`
    );
    // A method chosen on an earlier intake is said too.
    db().update(methodDecisions).set({ intakeVersion: 5 }).where(eq(methodDecisions.engagementId, id)).run();
    expect(shareWarningsFor(id, number, { day: "2026-12-01", month: "2026-12" })).toContain(
      "The Method step needs review: what it rests on has changed since it was done. Review it and make a new version before sharing, or share this version as it stands."
    );
    // …and not on the day it begins.
    expect(shareWarningsFor(id, number, { day: first.start, month: "2026-12" }).filter((w) => w.includes("before today"))).toEqual([]);

    // Moved to start in January: nothing more to say on the pages that read the plan as it stands.
    const moved = await page(timelineRoute.loader, id, "timeline");
    editTimeline(manager(), id, { itemId: first.id, label: first.label, start: "2027-01-04", originalStart: first.start } as never, moved.version);
    const after = await page(timelineRoute.loader, id, "timeline");
    expect(after.timeline.items.every((i: { start: string }) => i.start >= "2027-01-04")).toBe(true);
    expect(after.startPassed).toBeNull();
    expect((await page(proposalRoute.loader, id, "proposal")).startPassed).toBeNull();
  });
});

describe("a plan awaiting leadership's decision that begins before today", () => {
  it("is said to the leaders on the request's page, and no longer once they have decided", async () => {
    const pending = db().select().from(approvalRequests).where(eq(approvalRequests.status, "pending")).get()!;
    const request = async () =>
      (await callLoader(approvalRoute.loader as never, { path: `/approvals/${pending.id}`, params: { requestId: String(pending.id) }, as: "leader@demo.test" }))
        .data.view;
    expect((await request()).startPassed).toBeNull();
    process.env.PLANNER_TODAY = "2030-01";
    expect((await request()).startPassed).toMatch(
      /^The plan begins on \d{1,2} \w+ 20\d\d, with “[^”]+”, before today \(1 January 2030\): the partner would read a plan already under way\.$/
    );
    db().update(approvalRequests).set({ status: "approved" }).where(eq(approvalRequests.id, pending.id)).run();
    expect((await request()).startPassed).toBeNull();
  });
});

describe("a site joining an open collaborative", () => {
  it("has its time counted from its prework on the Fit page, and says so beside the Method page's desired start", async () => {
    const ashford = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Ashford Valley sepsis on the wards")).get()!.id;
    const method = (await page(methodRoute.loader, ashford, "method")).view.recommendation.partnerTime as string;
    const fit = await page(fitRoute.loader, ashford, "fit");
    const desired = /from (\w+ \d{4})\.$/.exec(method)?.[1];
    expect(method).toBe(`The partner's time: their longest duration of 12 months, from ${desired}.`);
    // The desired start comes before the session the site can join at: the two pages count from different months.
    const prework = formatMonth(fit.inputs.start.slice(0, 7));
    expect(prework).not.toBe(desired);
    const joined = `The partner's time: their longest duration of 12 months, from ${prework} (when the team's prework for the Sepsis Early Recognition Collaborative begins).`;
    expect(fit.partnerTime).toBe(joined);
  });
});

describe("the partner's agreement to a plan that runs past their time", () => {
  const HOW = `Chief executive, by email on 3 December <script>alert("x")</script> & "board minutes"`;

  /** Records the partner's agreement as the Timeline page's form sends it: the day they agreed is today (1 December 2026) unless given. */
  async function agree(id: number, version: number, how: string, agreedOn = "2026-12-01") {
    return callAction(timelineRoute.action as never, {
      path: `/engagements/${id}/timeline`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { intent: "agree-overrun", version: String(version), how, agreedOn },
    });
  }

  /**
   * The region's engagement, started on 20 November 2026, before today (1 December), with a tailored
   * plan that runs past its time.
   */
  function overrunEngagement(): number {
    const id = regionEngagement();
    db().update(engagements).set({ createdAt: "2026-11-20T09:30:00.000Z" }).where(eq(engagements.id, id)).run();
    chooseTailored(id);
    regenerateTimeline(manager(), id, 0, "2026-12");
    return id;
  }

  function risks(content: ProposalContent): string[] {
    return content.sections.find((s) => s.key === "risks")!.blocks.flatMap((b) => (b.type === "bullets" ? b.items : []));
  }

  it("is recorded under the time check, completes the Timeline step, and the proposal's risks say they agreed", async () => {
    const id = overrunEngagement();
    const before = await page(timelineRoute.loader, id, "timeline");
    expect(before.timeCheck.agreed).toBeNull();
    expect(engagementSteps(id, "2026-12").steps.find((s) => s.key === "timeline")).toMatchObject({ status: "stale", words: "Runs past the deadline" });

    // Left empty, the field says so and nothing is recorded.
    const empty = await agree(id, 1, "  ");
    expect(empty.status).toBe(400);
    expect(formAnswer(empty).errors.how).toBe("How the partner agreed is required.");
    // A day still to come, or no day at all, is refused beside the date, and nothing is recorded.
    const tomorrow = await agree(id, 1, HOW, "2026-12-02");
    expect(tomorrow.status).toBe(400);
    expect(formAnswer(tomorrow).errors.agreedOn).toBe("The day they agreed cannot be after today, 1 December 2026.");
    const notADay = await agree(id, 1, HOW, "2026-02-30");
    expect(notADay.status).toBe(400);
    expect(formAnswer(notADay).errors.agreedOn).toBe("2026-02-30 does not exist: enter the day they agreed as a date.");
    // Nor a day before the engagement was started, when there was no plan for them to agree to: what was typed is kept.
    const beforeStarted = await agree(id, 1, HOW, "2026-11-19");
    expect(beforeStarted.status).toBe(400);
    expect(formAnswer(beforeStarted).errors.agreedOn).toBe("The day they agreed cannot be before 20 November 2026, the day this engagement was started.");
    expect(formAnswer(beforeStarted).values).toMatchObject({ how: HOW, agreedOn: "2026-11-19" });
    expect((await page(timelineRoute.loader, id, "timeline")).timeCheck.agreed).toBeNull();

    // They agreed a few days before it was recorded: that day is the one the pages and the proposal name.
    expect((await agree(id, 1, HOW, "2026-11-27")).status).toBe(303);
    const after = await page(timelineRoute.loader, id, "timeline");
    expect(after.timeCheck.agreed).toEqual({ on: "2026-11-27" });
    // Their words are kept as typed, beside the name of who recorded them, for staff only.
    expect(after.agreement).toEqual({ how: HOW, recordedBy: "Maya Okafor", lapsed: null });
    // Accepting the overrun is no longer a choice still to make; the ways to keep their time stay.
    expect(after.timeCheck.choices.map((c: { kind: string }) => c.kind)).not.toContain("accept_overrun");
    expect(after.timeCheck.choices.map((c: { kind: string }) => c.kind)).toContain("another_method");
    expect(engagementSteps(id, "2026-12").steps.find((s) => s.key === "timeline")).toMatchObject({ status: "complete", words: "Overrun agreed" });
    // The Fit page judges the same plan, and says the same.
    expect((await page(fitRoute.loader, id, "fit")).plan.timeCheck).toMatchObject({ agreed: { on: "2026-11-27" }, summary: after.timeCheck.summary });

    // The version frozen now tells the partner they agreed, and when, and nothing of how; sharing it is not warned of.
    const version = createVersion(manager(), id, "2026-12-01", "2026-12");
    const time = risks(version.content).find((r) => r.startsWith("Time:"))!;
    expect(time).toMatch(/^Time: The plan runs past Southfen Regional Health Authority's time: it runs \d+ months over/);
    expect(time).toMatch(/ Southfen agreed to this on 27 November 2026\.$/);
    expect(JSON.stringify(version.content)).not.toContain("Chief executive, by email");
    expect(shareWarningsFor(id, version.number, { day: "2026-12-01", month: "2026-12" }).filter((w) => w.includes("runs past"))).toEqual([]);
  });

  it("no longer covers the plan once their time changes, and says why where it was recorded", async () => {
    const id = overrunEngagement();
    expect((await agree(id, 1, "Chief executive, by phone")).status).toBe(303);
    // The partner can now commit to 13 months, not 14: the manager keeps the plan for the new time.
    saveIntakeSection(
      manager(),
      id,
      "scale",
      { expectedSites: 14, desiredStart: "2027-03", longestDurationMonths: 13, hardDeadline: "2028-02-04" } as never,
      6
    );
    const view = getTimelineView(manager(), id, "2026-12");
    keepTimeline(manager(), id, 1, limitsSeen(view.inputs), "2026-12");
    const after = await page(timelineRoute.loader, id, "timeline");
    expect(after.timeCheck.agreed).toBeNull();
    expect(after.agreement.lapsed).toMatch(
      /^The partner agreed on 1 December 2026 to the plan running \d+ months over their longest duration and \d+ months past the hard deadline\. Their time has changed since, so that agreement no longer covers it: ask them again, or change the plan\.$/
    );
    expect(after.timeCheck.choices.map((c: { kind: string }) => c.kind)).toContain("accept_overrun");
    expect(engagementSteps(id, "2026-12").steps.find((s) => s.key === "timeline")).toMatchObject({ status: "stale", words: "Runs past the deadline" });
    // Recorded again, it covers the plan as it is now.
    expect((await agree(id, 2, "Chief executive, at the board on 10 December")).status).toBe(303);
    expect((await page(timelineRoute.loader, id, "timeline")).timeCheck.agreed).toEqual({ on: "2026-12-01" });
  });

  it("is refused for a plan that keeps their time, and can be withdrawn", async () => {
    const id = overrunEngagement();
    expect((await agree(id, 1, "Chief executive")).status).toBe(303);
    const withdraw = () =>
      callAction(timelineRoute.action as never, {
        path: `/engagements/${id}/timeline`,
        params: { id: String(id) },
        as: "manager@demo.test",
        form: { intent: "withdraw-agreement" },
      });
    expect((await withdraw()).status).toBe(303);
    expect((await page(timelineRoute.loader, id, "timeline")).timeCheck.agreed).toBeNull();
    // Withdrawn twice: nothing is left to withdraw.
    expect((await withdraw()).status).toBe(409);
    switchToCollaborative(id);
    const refused = await agree(id, 2, "Chief executive");
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[""]).toBe("The plan keeps the partner's time: there is no overrun for them to agree to.");
  });
});
