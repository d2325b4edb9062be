import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, bookings, engagements, intakes, methodDecisions, organisations, staff, timelines } from "../../db/schema";
import { addDays } from "~/domain/calendar";
import { TimelineSchema, workingDays } from "~/domain/timeline";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as fitCharts from "~/routes/engagements.$id.fit.charts.$role.$format";
import * as methodCharts from "~/routes/engagements.$id.fit.methods.$method.$format";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { pinToday } from "../helpers/clock";
import { decideMethod } from "~/models/method.server";
import { readIntake } from "~/models/intake.server";
import { regenerateTimeline } from "~/models/timeline.server";
import { applyLever, readPricing, writeImportedPricing } from "~/models/pricing.server";
import { NO_LEVERS } from "~/domain/levers";
import { liveProposal } from "~/models/proposal.server";
import { internalBriefing } from "~/domain/proposal-audience";
import { demoEngagementId } from "../helpers/fixtures";
import { ganttText } from "~/domain/timeline-gantt";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, formAnswer } from "../helpers/requests";
import { buildSnapshot } from "~/models/snapshot.server";

useTestDatabase();

pinToday("2026-11");

const id = () => demoEngagementId();
const p = () => ({ id: String(id()) });

async function timelineData(as = "manager@demo.test", query = "") {
  return (await callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline${query}`, params: p(), as })).data;
}

async function fitData() {
  return (await callLoader(fitRoute.loader, { path: `/engagements/${id()}/fit`, params: p(), as: "leader@demo.test" })).data;
}

function item(t: { items: { id: string; label: string; start: string; end: string }[] }, label: string) {
  return t.items.find((i) => i.label === label)!;
}

describe("the nearest start with room to spare", () => {
  it("is looked for from the desired start on: the demo campaign wanted for May 2027 is not offered November 2026", async () => {
    const rows = db().select({ id: engagements.id, title: engagements.title }).from(engagements).all();
    const campaign = rows.find((r) => r.title === "National sepsis campaign")!.id;
    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${campaign}/fit`, params: { id: String(campaign) }, as: "leader@demo.test" })).data;
    expect(fit.inputs.start.slice(0, 7)).toBe("2027-05");
    expect(fit.perMethod.campaign).toMatchObject({ verdict: "fits", earliestStart: "2027-05", earlierStart: null });
    for (const m of ["collaborative", "campaign", "tailored"] as const) {
      const f = fit.perMethod[m];
      expect(f.earliestStart === null || f.earliestStart >= "2027-05", `${m}: ${f.earliestStart}`).toBe(true);
    }
    expect(fit.plan.earliestStart).toBe("2027-05");
    // The words for no start name the months searched: from the desired start, not from this month.
    expect(fit.plan.searched).toEqual({ from: "2027-05", to: "2028-10" });
    expect(fit.methodsSearched).toEqual({ from: "2027-05", to: "2028-10" });
  });

  it("is looked for from the desired start in the proposal too: its earliest fully staffed start is May 2027, not this month", () => {
    const campaign = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    expect(buildSnapshot(db(), campaign, "2026-11-25", "2026-11").fit?.earliestStart).toBe("2027-05");
  });

  it("is told apart from the plan's earliest fully staffed start when a lever makes the two differ, on the Fit page and in the internal briefing", async () => {
    // Westvale's manager chooses a tailored initiative, generates its timeline and trims the faculty days to the budget.
    const westvale = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const version = (table: typeof methodDecisions | typeof timelines) =>
      db().select({ version: table.version }).from(table).where(eq(table.engagementId, westvale)).get()?.version ?? 0;
    decideMethod(
      manager,
      westvale,
      {
        chosen: "tailored",
        overrideReason: "The partner wants its own improvement advisors.",
        intakeVersion: readIntake(db(), westvale).version,
        decisionVersion: version(methodDecisions),
      },
      "2026-11"
    );
    regenerateTimeline(manager, westvale, version(timelines), "2026-11");
    applyLever(manager, westvale, "fewer_faculty_days", readPricing(db(), westvale).version, "2026-11");

    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${westvale}/fit`, params: { id: String(westvale) }, as: "leader@demo.test" })).data;
    expect(fit.perMethod.tailored.earliestStart).toBe("2027-12");
    expect(fit.plan.earliestStart).toBe("2027-11");
    expect(fit.plan.startsApart).toBe(
      "The method's template timeline, above, has its nearest start with room to spare in December 2027: this plan is judged on its own timeline as it stands, with its edits, levers and start, so its earliest fully staffed start differs."
    );
    // The briefing names December 2027 as the template's and November 2027 as this plan's own.
    const { content } = liveProposal(manager, westvale, "2026-11-25", "2026-11");
    const briefing = JSON.stringify(internalBriefing(content));
    expect(briefing).toContain(
      "On that template timeline, the nearest start with room to spare is December 2027; the earliest fully staffed start given with the resourcing is this plan's own, judged on its timeline as it stands."
    );
    expect(briefing).toContain(JSON.stringify(["Earliest fully staffed start", "November 2027"]));
    expect(briefing).not.toMatch(/at the desired start: Tight:/);
    // The table of our capacity for each method gives the template's month under a name of its own, and says which search it is.
    const blocks = internalBriefing(content).sections.flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((sub) => sub.blocks)]);
    const at = blocks.findIndex((b) => b.type === "table" && b.caption === "Our capacity for each method");
    const table = blocks[at];
    expect(table?.type === "table" && table.columns).toEqual(["Method", "Our capacity", "Start with room to spare"]);
    expect(table?.type === "table" && table.rows.find((r) => r[0] === "Tailored large-scale initiative")?.[2]).toBe("December 2027");
    expect(blocks[at + 1]).toEqual({
      type: "paragraph",
      tone: "note",
      audience: "internal",
      text: "Start with room to spare: for each method, the nearest start with room to spare for its template timeline, at or after the desired start. This plan's earliest fully staffed start, on its own timeline as it stands, is given with the resourcing.",
    });
    expect(briefing).not.toContain('"Earliest start"');
  });

  it("judges a timeline left from a method no longer chosen as that method's plan, on the Fit page as in the internal briefing", async () => {
    // Northshire's manager chooses a tailored initiative and has not regenerated the collaborative's timeline yet.
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const decision = db().select({ version: methodDecisions.version }).from(methodDecisions).where(eq(methodDecisions.engagementId, id())).get()!.version;
    decideMethod(
      manager,
      id(),
      {
        chosen: "tailored",
        overrideReason: "The board wants a programme of its own.",
        intakeVersion: readIntake(db(), id()).version,
        decisionVersion: decision,
      },
      "2026-11"
    );
    const fit = await fitData();
    expect(fit.timelineStale).toEqual(["The method changed from Breakthrough Series collaborative to Tailored large-scale initiative."]);
    // The plan below the notice is the collaborative's timeline as it stands, costed and staffed as a collaborative,
    // as the internal briefing costs it: not a tailored initiative's rules laid over a collaborative's items.
    expect(fit.plan.method).toBe("collaborative");
    expect(fit.readinessFor).toBe("tailored");
    const snapshot = buildSnapshot(db(), id(), "2026-11-25", "2026-11");
    expect(fit.plan.cost.total).toBe(snapshot.cost!.total);
    expect(fit.plan.assessment.summary).toBe(snapshot.fit!.summary);
    expect(fit.plan.earliestStart).toBe(snapshot.fit!.earliestStart);
  });

  it("is not set apart from the plan's when the two agree", async () => {
    expect((await fitData()).plan.startsApart).toBeNull();
  });
});

describe("the plan's verdict", () => {
  it("does not read as all-clear when our staff fit but the plan cannot keep the partner's time (the demo campaign)", async () => {
    const campaign = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${campaign}/fit`, params: { id: String(campaign) }, as: "leader@demo.test" })).data;
    expect(fit.plan.assessment.verdict).toBe("fits");
    expect(fit.plan.timeCheck.holds).toBe(false);
    expect(fit.plan.verdict).toMatchObject({ label: "Fits our staff; over the partner's time", tone: "warning" });
    expect(fit.plan.verdict.apart).toBe("Our staff can take it on as planned, but the plan cannot keep the partner's time.");
    // A plan that keeps the partner's time and fits says so plainly.
    expect((await fitData()).plan.verdict).toEqual({ label: "Fits", tone: "success", apart: null });
  });
});

describe("the demo timeline", () => {
  it("is a collaborative: three learning sessions, each followed by an action period, within 6–15 months", async () => {
    const data = await timelineData();
    const t = data.timeline;
    expect(t.method).toBe("collaborative");
    const labels = t.items.map((i: { label: string }) => i.label);
    for (const n of [1, 2, 3]) {
      const ls = item(t, `Learning Session ${n}`);
      const ap = t.items.find((i: { label: string }) => i.label.startsWith(`Action Period ${n}`));
      expect(ls, `LS${n}`).toBeDefined();
      expect(ap.start > ls.end || ap.start === ls.end).toBe(true);
    }
    expect(labels).toContain("Summative congress");
    expect(data.span).toBeGreaterThanOrEqual(6);
    expect(data.span).toBeLessThanOrEqual(15);
    // The gantt draws every item on its start date.
    const ganttLines: string[] = data.gantt.split("\n");
    expect(ganttLines[0]).toBe("gantt");
    for (const i of t.items as { label: string; start: string; recurrence?: string }[]) {
      const label = ganttText(i.recurrence ? `${i.label} (${i.recurrence})` : i.label);
      expect(
        ganttLines.some((l) => l.trimStart().startsWith(`${label} :`) && l.includes(i.start)),
        `${i.label} on ${i.start}`
      ).toBe(true);
    }
  });
});

describe("editing the timeline", () => {
  it("moving Learning Session 2 moves what depends on it, and its faculty days with it", async () => {
    const before = await timelineData();
    const ls2 = item(before.timeline, "Learning Session 2");
    const ap2Before = item(before.timeline, "Action Period 2");
    const fitBefore = await fitData();
    const facultyIn = (fit: typeof fitBefore, month: string) =>
      fit.plan.heatmap.rows.find((r: { role: string }) => r.role === "faculty").cells.find((c: { month: string }) => c.month === month)?.needed ?? 0;
    const oldMonth = ls2.start.slice(0, 7);
    const newStart = "2028-01-20";

    const res = await callAction(timelineRoute.action, {
      path: `/engagements/${id()}/timeline`,
      params: p(),
      as: "manager@demo.test",
      form: {
        intent: "edit-item",
        version: String(before.version),
        itemId: ls2.id,
        start: newStart,
        end: ls2.end,
        originalStart: ls2.start,
        originalEnd: ls2.end,
        label: ls2.label,
        originalLabel: ls2.label,
      },
    });
    expect(res.status).toBe(303);
    const after = await timelineData();
    expect(item(after.timeline, "Learning Session 2").start).toBe(newStart);
    expect(item(after.timeline, "Action Period 2").start > ap2Before.start).toBe(true);
    expect(after.version).toBe(before.version + 1);

    const fitAfter = await fitData();
    expect(facultyIn(fitAfter, oldMonth)).toBeLessThan(facultyIn(fitBefore, oldMonth));
    expect(facultyIn(fitAfter, "2028-01")).toBeGreaterThan(facultyIn(fitBefore, "2028-01"));
    expect(db().select().from(auditLog).where(eq(auditLog.action, "timeline.move")).all()).toHaveLength(1);
  });

  it("refuses an impossible date with a message next to the item, and a stale save with 409", async () => {
    const t = await timelineData();
    const ap1 = item(t.timeline, "Action Period 1");
    const bad = await callAction(timelineRoute.action, {
      path: `/engagements/${id()}/timeline`,
      params: p(),
      as: "manager@demo.test",
      form: {
        intent: "edit-item",
        version: String(t.version),
        itemId: ap1.id,
        start: ap1.start,
        end: "2020-01-01",
        originalStart: ap1.start,
        originalEnd: ap1.end,
        label: ap1.label,
        originalLabel: ap1.label,
      },
    });
    expect(bad.status).toBe(400);
    expect(formAnswer(bad).errors.start).toMatch(/cannot end before it starts/);
    expect(formAnswer(bad).values.itemId).toBe(ap1.id);

    const save = (label: string) =>
      callAction(timelineRoute.action, {
        path: `/engagements/${id()}/timeline`,
        params: p(),
        as: "manager@demo.test",
        form: {
          intent: "edit-item",
          version: String(t.version),
          itemId: ap1.id,
          start: ap1.start,
          end: ap1.end,
          originalStart: ap1.start,
          originalEnd: ap1.end,
          label,
          originalLabel: ap1.label,
        },
      });
    expect((await save("Action Period 1 (PDSA)")).status).toBe(303);
    const second = await save("Action Period 1 (tests of change)");
    expect(second.status).toBe(409);
    expect(formAnswer(second).values.label).toBe("Action Period 1 (tests of change)");
  });

  it("is marked stale when the start changes, and shows what regenerating would change before doing it", async () => {
    const version = db().select({ v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!.v;
    const saved = await callAction(intakeRoute.action, {
      path: `/engagements/${id()}/intake?section=scale`,
      params: p(),
      as: "manager@demo.test",
      form: intakeForm("scale", { version: String(version), expectedSites: "14", desiredStart: "2027-06", longestDurationMonths: "18" }),
    });
    expect(saved.status).toBe(303);
    const stale = await timelineData();
    expect(stale.staleReasons.join(" ")).toMatch(/start changed/);
    const preview = await timelineData("manager@demo.test", "?preview=regenerate");
    expect(preview.preview.changes.some((s: string) => /Learning Session 1 moves/.test(s))).toBe(true);
    expect(preview.preview.methodChanged).toBeNull();
    // Nothing was replaced by looking.
    expect(db().select({ v: timelines.version }).from(timelines).where(eq(timelines.engagementId, id())).get()!.v).toBe(stale.version);

    const regen = await regenerate(stale.version);
    expect(regen.status).toBe(303);
    const fresh = await timelineData();
    expect(fresh.staleReasons).toEqual([]);
    expect(fresh.timeline.generatedFrom.start).toBe("2027-06-01");
  });
});

/** The demo engagement's desired start and longest duration saved as a manager would, through the intake's scale section. */
async function saveStart(desiredStart: string, longestDurationMonths: number) {
  const version = db().select({ v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!.v;
  return callAction(intakeRoute.action, {
    path: `/engagements/${id()}/intake?section=scale`,
    params: p(),
    as: "manager@demo.test",
    form: intakeForm("scale", { version: String(version), expectedSites: "14", desiredStart, longestDurationMonths: String(longestDurationMonths) }),
  });
}

/** The demo engagement's timeline generated again from its intake, from the version the page showed. */
/**
 * The demo engagement's desired start and longest duration as stored, past what the intake's form now
 * takes (at most ten years ahead): an intake saved before that bound, or imported, may still hold them.
 */
function storeStart(desiredStart: string, longestDurationMonths: number) {
  const row = db().select({ data: intakes.dataJson, v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!;
  const data = JSON.parse(row.data);
  data.scale = { ...data.scale, desiredStart, longestDurationMonths };
  db()
    .update(intakes)
    .set({ dataJson: JSON.stringify(data), version: row.v + 1 })
    .where(eq(intakes.engagementId, id()))
    .run();
}

const regenerate = (version: number) =>
  callAction(timelineRoute.action, {
    path: `/engagements/${id()}/timeline`,
    params: p(),
    as: "manager@demo.test",
    form: { intent: "regenerate", version: String(version) },
  });

const methodPage = () => callLoader(methodRoute.loader, { path: `/engagements/${id()}/method`, params: p(), as: "manager@demo.test" });

describe("the calendar's last year", () => {
  it("refuses a move or a start that would run the plan past it, and the saved timeline still opens", async () => {
    const t = await timelineData();
    const ls2 = item(t.timeline, "Learning Session 2");
    const move = await callAction(timelineRoute.action, {
      path: `/engagements/${id()}/timeline`,
      params: p(),
      as: "manager@demo.test",
      form: {
        intent: "edit-item",
        version: String(t.version),
        itemId: ls2.id,
        start: "2199-12-01",
        end: ls2.end,
        originalStart: ls2.start,
        originalEnd: ls2.end,
        label: ls2.label,
        originalLabel: ls2.label,
      },
    });
    expect(move.status).toBe(400);
    expect(formAnswer(move).errors.start).toMatch(/after 2199/);

    // The form refuses a start so far ahead; one stored before it did is still judged.
    expect((await saveStart("2199-06", 18)).status).toBe(400);
    storeStart("2199-06", 18);
    // Each method's plan from June 2199 runs past the calendar: the Method and Fit pages still judge it.
    const method = await methodPage();
    expect(method.status).toBe(200);
    expect(method.data.view.recommendation.recommended).toMatch(/^(collaborative|campaign|tailored)$/);
    expect((await fitData()).perMethod.collaborative.verdict).toMatch(/^(fits|tight|does_not_fit)$/);
    const regen = await regenerate(t.version);
    expect(regen.status).toBe(400);
    expect(regen.data).toMatch(/after 2199/);

    const after = await timelineData();
    expect(after.version).toBe(t.version);
    expect(item(after.timeline, "Learning Session 2").start).toBe(ls2.start);
  });
});

describe("a holiday whose dates are known only so far", () => {
  it("a New Zealand partner's plan running past the last Matariki listed (2052) is judged on the holidays known, and every page opens", async () => {
    const organisationId = db().select({ o: engagements.organisationId }).from(engagements).where(eq(engagements.id, id())).get()!.o;
    db().update(organisations).set({ country: "NZ" }).where(eq(organisations.id, organisationId)).run();
    storeStart("2052-06", 30);
    expect((await methodPage()).status).toBe(200);
    expect((await fitData()).perMethod.collaborative.verdict).toMatch(/^(fits|tight|does_not_fit)$/);
    const t = await timelineData();
    const regen = await regenerate(t.version);
    expect(regen.status).toBe(303);
    const after = (await timelineData()).timeline;
    expect(after.items.some((i: { end: string }) => i.end >= "2053-01-01")).toBe(true);
    // Its events still fall on New Zealand's working days: never a weekend, Waitangi Day or Anzac Day.
    const working = workingDays("NZ");
    for (const event of after.items.filter((i: { kind: string }) => i.kind === "event")) {
      for (let day = event.start; day <= event.end; day = addDays(day, 1)) expect(working(day), `${event.label} on ${day}`).toBe(true);
    }
  });
});

describe("resource fit", () => {
  it("says for each method whether we can support it and from when, and explains shortfalls", async () => {
    const fit = await fitData();
    for (const m of ["collaborative", "campaign", "tailored"]) {
      expect(["fits", "tight", "does_not_fit"]).toContain(fit.perMethod[m].verdict);
      expect(fit.perMethod[m].summary.length).toBeGreaterThan(10);
    }
    expect(fit.plan.method).toBe("collaborative");
    expect(fit.plan.basis).toBe("timeline");
    expect(fit.plan.cost.lines.length).toBeGreaterThan(3);
  });

  it("judges an approved engagement at its settled start: no other start is looked for, on the page or its charts", async () => {
    const westvale = db()
      .select({ id: engagements.id, stage: engagements.stage })
      .from(engagements)
      .where(eq(engagements.title, "Westvale pressure ulcer collaborative"))
      .get()!;
    expect(westvale.stage).toBe("approved");
    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${westvale.id}/fit`, params: { id: String(westvale.id) }, as: "leader@demo.test" }))
      .data;
    expect(fit.approved).toBe(true);
    expect(fit.plan.approvedStart).toBe("September 2026, as approved: the start is settled, so no other is looked for");
    for (const chart of fit.plan.charts) {
      expect(chart.svg).toContain("Approved start");
      expect(chart.svg).toContain("approved to start in Sep 2026");
      expect(chart.svg).not.toContain("Earliest fully staffed start");
    }
    for (const m of ["collaborative", "campaign", "tailored"] as const) {
      const svg: string = fit.perMethod[m].chart!.svg;
      expect(svg).toContain("The engagement is approved: no other start is tried.");
      expect(svg).not.toContain("Nearest start with room to spare");
      expect(svg).not.toContain("data-marker");
    }
    // The charts as files say the same.
    const params = { id: String(westvale.id), format: "svg" };
    const role = fit.plan.charts[0].id.replace(/^fit-/, "");
    const planFile = await callLoader(fitCharts.loader, {
      path: `/engagements/${westvale.id}/fit/charts/${role}/svg`,
      params: { ...params, role },
      as: "leader@demo.test",
    });
    expect(String(planFile.data)).toContain("Approved start");
    const methodFile = await callLoader(methodCharts.loader, {
      path: `/engagements/${westvale.id}/fit/methods/campaign/svg`,
      params: { ...params, method: "campaign" },
      as: "leader@demo.test",
    });
    expect(String(methodFile.data)).toContain("The engagement is approved: no other start is tried.");
    // An engagement still being agreed keeps its searches.
    const open = (await fitData()).plan;
    expect(open.approvedStart).toBeNull();
    expect(open.charts[0].svg).toContain("Earliest fully staffed start");
  });

  it("finds shortfalls and a later earliest start when improvement advisors are booked elsewhere", async () => {
    const engagementId = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    for (const month of [
      "2026-11",
      "2026-12",
      ...Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`),
      ...Array.from({ length: 8 }, (_, i) => `2028-0${i + 1}`),
    ]) {
      db().insert(bookings).values({ engagementId, role: "improvement_advisor", month, fte: 7.5, status: "confirmed" }).run();
    }
    const fit = await fitData();
    expect(fit.plan.assessment.verdict).toBe("does_not_fit");
    expect(fit.plan.assessment.summary).toMatch(/^Does not fit: \d+ shortfalls?, the first: Improvement advisors short by [\d.]+ FTE in [A-Z][a-z]+ \d{4}\.$/);
    // The page lists them one line per role, with the months as ranges.
    expect(fit.plan.shortfallsByRole.map((r: { role: string }) => r.role)).toContain("improvement_advisor");
    expect(fit.plan.shortfallsByRole.find((r: { role: string }) => r.role === "improvement_advisor").description).toMatch(
      /^Improvement advisors short by (up to )?[\d.]+ FTE in (\d+ months: )?[A-Z][a-z]+ \d{4}/
    );
    expect(fit.plan.earliestStart, JSON.stringify(fit.plan.shortfallsByRole)).toSatisfy((m: string | null) => m === null || m >= "2028-08");
  });

  it("shows our capacity running out beside the recommendation, without moving it", async () => {
    const method = async () =>
      (await callLoader(methodRoute.loader, { path: `/engagements/${id()}/method`, params: p(), as: "manager@demo.test" })).data.view.recommendation;
    const before = await method();
    expect(before.recommended).toBe("collaborative");
    db().delete(staff).where(eq(staff.role, "improvement_advisor")).run();
    const after = await method();
    const collaborative = after.ranked.find((r: { method: string }) => r.method === "collaborative");
    expect(collaborative.feasibility).toMatchObject({ verdict: "does_not_fit", label: "Does not fit" });
    expect(after.feasibilityNote).toMatch(/^Our staff cannot take on a collaborative at the desired start\..*The ranking stays on the partner's situation/);
    // Fitness for purpose is untouched: same lead, same scores, no criterion for our capacity, nothing about staff in what would change it.
    expect(after.recommended).toBe("collaborative");
    expect(after.ranked.map((r: { method: string; score: number }) => [r.method, r.score])).toEqual(
      before.ranked.map((r: { method: string; score: number }) => [r.method, r.score])
    );
    expect(collaborative.contributions.map((c: { criterion: string }) => c.criterion)).not.toContain("staff_capacity");
    expect(after.whatWouldChange.join(" ")).not.toMatch(/staff/);
  });
});

describe("the partner's time", () => {
  async function saveScale(fields: Record<string, string>) {
    const version = db().select({ v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!.v;
    const saved = await callAction(intakeRoute.action, {
      path: `/engagements/${id()}/intake?section=scale`,
      params: p(),
      as: "manager@demo.test",
      form: intakeForm("scale", { version: String(version), expectedSites: "14", desiredStart: "2027-03", ...fields }),
    });
    expect(saved.status).toBe(303);
  }

  it("the demo plan keeps the partner's 18 months, and the Timeline and Fit pages say so", async () => {
    const data = await timelineData();
    expect(data.timeCheck).toMatchObject({ holds: true, choices: [] });
    expect(data.timeCheck.summary).toMatch(/keeps the partner's time: .*within the longest duration of 18 months/);
    expect((await fitData()).plan.timeCheck.holds).toBe(true);
  });

  it("a longer phasing is judged against the partner's time as the plan the proposal states, as the Fit page judges it", async () => {
    // The demo's campaign, its draft's levers set as an imported bundle states them (a longer phasing is offered only where it lowers the fee).
    const campaign = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    const before = buildSnapshot(db(), campaign, "2026-11-25", "2026-11").timeCheck!;
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    db().transaction((tx) => writeImportedPricing(tx, manager, campaign, { settings: { ...NO_LEVERS, longerPhasing: true }, override: null }));
    const snapshot = buildSnapshot(db(), campaign, "2026-11-25", "2026-11");
    // The stated plan is the stretched one, and so is the plan its time check judged.
    expect(snapshot.timeCheck!.totalMonths).toBeGreaterThan(before.totalMonths);
    expect(snapshot.timeCheck!.deadlineItem.date).toBe(snapshot.timeline!.items.find((i) => i.id === snapshot.timeCheck!.deadlineItem.id)!.start);
    const fit = (await callLoader(fitRoute.loader, { path: `/engagements/${campaign}/fit`, params: { id: String(campaign) }, as: "leader@demo.test" })).data;
    expect(fit.plan.timeCheck.summary).toBe(snapshot.timeCheck!.summary);
  });

  it("a shorter longest duration and a deadline are reported by how many months, with the choices, on both pages and in the proposal's data", async () => {
    await saveScale({ longestDurationMonths: "9", hardDeadline: "2027-10-31" });
    const data = await timelineData();
    expect(data.staleReasons.join(" ")).toMatch(/longest duration changed from 18 to 9/);
    // The stored timeline, as it stands, against the partner's time.
    expect(data.timeCheck.holds).toBe(false);
    expect(data.timeCheck.summary).toMatch(/it runs \d+ months over the partner's longest duration of 9 months/);
    expect(data.timeCheck.summary).toMatch(/“Summative congress” falls on .*, \d+ months after the hard deadline \(31 October 2027\)/);
    expect(data.timeCheck.choices.map((c: { kind: string }) => c.kind)).toEqual(
      expect.arrayContaining(["shorter_planning", "earlier_start", "accept_overrun", "another_method"])
    );
    const fit = await fitData();
    expect(fit.plan.timeCheck.summary).toBe(data.timeCheck.summary);

    // Regenerated, the plan shortens what it can; a collaborative's minimum still does not fit 9 months.
    const regen = await regenerate(data.version);
    expect(regen.status).toBe(303);
    const after = await timelineData();
    // Its minimum of 6 months, or a few days more where the congress waits for working days: here it
    // would fall in the year-end break, and opens the new year instead (docs/domain.md §8.6).
    expect(after.span).toBeGreaterThanOrEqual(6);
    expect(after.span).toBeLessThan(6.3);
    const congress = after.timeline.items.find((i: { label: string }) => i.label === "Summative congress");
    expect(congress.start.slice(5) >= "12-24" || congress.start.slice(5) === "01-01").toBe(false);
    expect(after.timeCheck.holds).toBe(false);
    expect(after.staleReasons).toEqual([]);

    const snapshot = buildSnapshot(db(), id(), "2026-11-25", "2026-11");
    expect(snapshot.timeCheck?.holds).toBe(false);
    expect(snapshot.timeCheck?.summary).toBe(after.timeCheck.summary);
  });
});

describe("the working-day calendar", () => {
  it("no generated event or milestone of a demo engagement falls on a weekend or on its country's public holidays", async () => {
    const rows = db()
      .select({ dataJson: timelines.dataJson, country: organisations.country })
      .from(timelines)
      .innerJoin(engagements, eq(engagements.id, timelines.engagementId))
      .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
      .all();
    expect(rows.length).toBeGreaterThan(1);
    const countries = new Set<string | null>();
    for (const row of rows) {
      const t = TimelineSchema.parse(JSON.parse(row.dataJson));
      countries.add(row.country);
      const working = workingDays(row.country);
      for (const i of t.items.filter((x) => (x.kind === "event" || x.kind === "milestone") && !x.alongside)) {
        for (let d = i.start; d <= i.end; d = addDays(d, 1)) expect(working(d), `${row.country}: ${i.label} on ${d}`).toBe(true);
      }
    }
    expect(countries.size).toBeGreaterThan(1);
  });
});
