import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { intakes, methodDecisions, timelines } from "../../db/schema";
import * as layout from "~/routes/engagements.$id";
import * as overview from "~/routes/engagements.$id._index";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as portfolioRoute from "~/routes/portfolio";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, formAnswer } from "../helpers/requests";
import { engagementSteps } from "~/models/engagement-steps.server";
import { readTimelineView } from "~/models/timeline.server";
import { MIGRATIONS_DIR } from "~/services/db.server";
import { reachOf } from "~/domain/timeline-constraints";

/*
 * Whether the timeline needs review is one rule, read in three places: the Timeline page's reasons,
 * the stepper above every engagement page, and the portfolio's engagements at risk. The stepper and
 * the portfolio used to look only at the method and the start, so a plan made for another country,
 * horizon or deadline still read "Complete" there while its own page asked for review.
 */

useTestDatabase();

const id = () => demoEngagementId();
const params = () => ({ id: String(id()) });
const TITLE = "Northshire patient safety partnership";

async function timelineReasons(): Promise<string[]> {
  return (await callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline`, params: params(), as: "manager@demo.test" })).data.staleReasons;
}

/** What the Proposal page says before a version is made: the timeline's reasons, or none. */
async function proposalReasons(): Promise<string[]> {
  return (await callLoader(proposalRoute.loader, { path: `/engagements/${id()}/proposal`, params: params(), as: "manager@demo.test" })).data.timelineStale;
}

/** The status of each step in the stepper, as the leader sees it. */
async function stepper(): Promise<Record<string, string>> {
  const steps = (await callLoader(layout.loader, { path: `/engagements/${id()}`, params: params(), as: "leader@demo.test" })).data.steps;
  return Object.fromEntries(steps.map((s: { key: string; status: string }) => [s.key, s.status]));
}

/** What the stepper says of one step, as the leader sees it. */
async function stepWords(key: string): Promise<string> {
  const steps = (await callLoader(layout.loader, { path: `/engagements/${id()}`, params: params(), as: "leader@demo.test" })).data.steps;
  return steps.find((s: { key: string }) => s.key === key).words;
}

/** What the portfolio says of the demo engagement, among every engagement at risk. */
async function portfolioReasons(): Promise<string[]> {
  const data = (await callLoader(portfolioRoute.loader, { path: "/portfolio?risks=all", as: "leader@demo.test" })).data;
  const row = data.atRisk.find((e: { title: string }) => e.title === TITLE);
  return row ? row.reasons.map((r: { text: string }) => r.text) : [];
}

async function saveScale(fields: Record<string, string>) {
  const version = db().select({ v: intakes.version }).from(intakes).where(eq(intakes.engagementId, id())).get()!.v;
  const res = await callAction(intakeRoute.action, {
    path: `/engagements/${id()}/intake?section=scale`,
    params: params(),
    as: "manager@demo.test",
    form: intakeForm("scale", { version: String(version), expectedSites: "14", desiredStart: "2027-03", longestDurationMonths: "18", ...fields }),
  });
  expect(res.status).toBe(303);
}

async function expectCurrent() {
  expect(await timelineReasons()).toEqual([]);
  expect(await proposalReasons()).toEqual([]);
  expect(await stepper()).toMatchObject({ timeline: "complete", fit: "complete" });
  expect((await portfolioReasons()).join(" ")).not.toMatch(/Timeline|Fit/);
}

async function expectNeedsReview(reason: RegExp) {
  expect((await timelineReasons()).join(" ")).toMatch(reason);
  // Before a version freezes a summary and workplan from the timeline beside sections from the intake.
  expect((await proposalReasons()).join(" ")).toMatch(reason);
  expect(await stepper()).toMatchObject({ timeline: "stale", fit: "stale" });
  const stale = (await portfolioReasons()).find((r) => r.endsWith("need review: what they rest on has changed."));
  expect(stale?.split(" need review")[0]!.split(/, | and /)).toEqual(expect.arrayContaining(["Fit", "Timeline"]));
}

describe("a timeline made for what the engagement no longer is", () => {
  it("needs review on its page, in the stepper and in the portfolio once the partner's country changes, and no longer once it is changed back", async () => {
    await expectCurrent();
    const country = (code: string, version: string) =>
      callAction(overview.action, {
        path: `/engagements/${id()}`,
        params: params(),
        as: "manager@demo.test",
        form: { intent: "set-country", orgCountry: code, orgVersion: version },
      });
    expect((await country("NZ", "1")).status).toBe(303);
    await expectNeedsReview(/country changed from United Kingdom to New Zealand/);
    expect((await country("GB", "2")).status).toBe(303);
    await expectCurrent();
  });

  it("needs review everywhere once the partner's longest duration or hard deadline changes", async () => {
    await saveScale({ longestDurationMonths: "12" });
    await expectNeedsReview(/longest duration changed from 18 to 12 months/);
    await saveScale({ hardDeadline: "2028-06-30" });
    await expectNeedsReview(/hard deadline changed from none to 30 June 2028/);
    await saveScale({});
    await expectCurrent();
  });

  it("needs review everywhere, the Proposal page included, once more sites or teams are expected", async () => {
    await saveScale({ expectedSites: "30" });
    await expectNeedsReview(/The scale changed from 14 to 30 sites or teams\./);
  });
});

describe("a timeline kept as it is for the partner's new time", () => {
  const timelineRow = () =>
    db().select({ version: timelines.version, data: timelines.dataJson }).from(timelines).where(eq(timelines.engagementId, id())).get()!;
  /** What the Timeline page's preview shows: whether it offers to keep, and the partner's time it was drawn for. */
  const preview = async (): Promise<{
    keepable: boolean;
    keepRefused: string | null;
    limits: string;
    preview: { edits: string[] } | null;
    previewTime: { holds: boolean; words: string } | null;
  }> => (await callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline?preview=regenerate`, params: params(), as: "manager@demo.test" })).data;
  /** Presses "Keep the current timeline" on the page as drawn now, or with what an older page showed. */
  const keep = async (seen?: { version?: number; limits?: string }) =>
    callAction(timelineRoute.action, {
      path: `/engagements/${id()}/timeline`,
      params: params(),
      as: "manager@demo.test",
      form: { intent: "keep", version: String(seen?.version ?? timelineRow().version), limits: seen?.limits ?? (await preview()).limits },
    });
  const country = (code: string) =>
    callAction(overview.action, {
      path: `/engagements/${id()}`,
      params: params(),
      as: "manager@demo.test",
      form: { intent: "set-country", orgCountry: code, orgVersion: "1" },
    });

  it("clears the review everywhere when only the partner's time changed, the plan and its edits as they were", async () => {
    const before = timelineRow();
    await saveScale({ longestDurationMonths: "12", hardDeadline: "2028-06-30" });
    await expectNeedsReview(/longest duration changed from 18 to 12 months/);
    expect((await preview()).keepable).toBe(true);
    expect((await keep()).status).toBe(303);
    // Nothing it rests on has changed since; but the plan, kept as it was, runs past the partner's new
    // twelve months most, and the stepper says so rather than "Complete".
    expect(await timelineReasons()).toEqual([]);
    expect(await proposalReasons()).toEqual([]);
    expect((await portfolioReasons()).join(" ")).not.toMatch(/Timeline|Fit/);
    expect(await stepper()).toMatchObject({ timeline: "stale", fit: "complete" });
    expect(await stepWords("timeline")).toBe("Longer than the partner can commit to");
    const after = timelineRow();
    expect(after.version).toBe(before.version + 1);
    // The same items, dates and edits; only what it counts as made for has moved to the new time.
    const was = JSON.parse(before.data);
    const now = JSON.parse(after.data);
    expect(now.items).toEqual(was.items);
    // What it was laid out for stays; the time it was kept for is recorded beside it.
    expect(now.generatedFrom).toEqual({ ...was.generatedFrom, keptFor: { horizonMonths: 12, hardDeadline: "2028-06-30", aimBy: was.generatedFrom.aimBy } });

    // Later, what regenerating would undo is still only the manager's own edits, not the distance between the plan and one made for the time it was kept for.
    // Each edited item is named once, with what regenerating does to it.
    const itemsOf = (lines: string[]) => lines.map((l) => l.split(/ (moves|now ends|is now called|is removed|is added)\b/)[0]).sort();
    const edits = (await preview()).preview!.edits;
    expect(edits.length).toBeGreaterThan(0);
    await saveScale({ longestDurationMonths: "20", hardDeadline: "2028-06-30" });
    await expectNeedsReview(/longest duration changed from 12 to 20 months/);
    expect(itemsOf((await preview()).preview!.edits)).toEqual(itemsOf(edits));
  });

  it("says in the stepper which of the partner's limits a kept plan runs past, and reads Complete once the plan keeps them again", async () => {
    await saveScale({ hardDeadline: "2027-12-31" });
    expect((await keep()).status).toBe(303);
    expect(await stepper()).toMatchObject({ timeline: "stale", fit: "complete" });
    expect(await stepWords("timeline")).toBe("Runs past the deadline");
    // The Timeline page's own check says the same.
    const page = (await callLoader(timelineRoute.loader, { path: `/engagements/${id()}/timeline`, params: params(), as: "manager@demo.test" })).data;
    expect(page.timeCheck.holds).toBe(false);

    await saveScale({});
    expect(await stepWords("timeline")).toBe("Needs review");
    expect((await keep()).status).toBe(303);
    await expectCurrent();
    expect(await stepWords("timeline")).toBe("Complete");
  });

  it("is refused when nothing needs review", async () => {
    const before = timelineRow();
    const refused = await keep();
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[""]).toBe("The timeline was made for the engagement as it is now: there is no review to clear.");
    expect(timelineRow()).toEqual(before);
  });

  it.each([
    ["the scale", () => saveScale({ longestDurationMonths: "12", expectedSites: "20" }), /The scale changed from 14 to 20 sites or teams\./],
    ["the start", () => saveScale({ longestDurationMonths: "12", desiredStart: "2027-05" }), /The start changed/],
    ["the country", async () => (await saveScale({ longestDurationMonths: "12" }), await country("NZ")), /country changed from United Kingdom to New Zealand/],
  ])("is refused, and nothing changes, when %s changed beside the partner's time", async (_what, changeIt, reason) => {
    const before = timelineRow();
    await changeIt();
    const drawn = await preview();
    expect(drawn.keepable).toBe(false);
    // The page names the change keeping cannot answer, apart from the partner's time listed beside it.
    expect(drawn.keepRefused).toMatch(
      /^It stays marked for review until it is regenerated: keeping it as it is answers only a change to the partner's time, not to the method, the start, the scale or the partner's country\. /
    );
    expect(drawn.keepRefused).toMatch(reason);
    expect(drawn.keepRefused).not.toMatch(/longest duration/);
    const refused = await keep();
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[""]).toBe("More than the partner's time has changed since the timeline was made: regenerate it to clear the review.");
    expect(timelineRow()).toEqual(before);
    await expectNeedsReview(reason);
  });

  it("says, when only what the plan is generated from changed, that keeping answers a change to the partner's time only", async () => {
    await saveScale({ expectedSites: "20" });
    const drawn = await preview();
    expect(drawn.keepable).toBe(false);
    // The change is listed in the notice above, and is not said twice.
    expect(drawn.keepRefused).toBe(
      "It stays marked for review until it is regenerated: keeping it as it is answers only a change to the partner's time, not to the method, the start, the scale or the partner's country, which the notice above names."
    );
  });

  it("says before regenerating whether the regenerated plan would keep the partner's time", async () => {
    // A hard deadline no plan of the method can keep from its start.
    await saveScale({ hardDeadline: "2027-09-30" });
    const tight = (await preview()).previewTime!;
    expect(tight.holds).toBe(false);
    expect(tight.words).toMatch(/^Regenerated, the plan cannot keep the partner's time: .*30 September 2027/);
    // Time enough: regenerated, the plan keeps it.
    await saveScale({ hardDeadline: "2029-12-31" });
    const ample = (await preview()).previewTime!;
    expect(ample.holds).toBe(true);
    expect(ample.words).toMatch(/^Regenerated, the plan keeps the partner's time/);
  });

  it("is a conflict when the timeline, or the partner's time, changed after the page was drawn", async () => {
    const before = timelineRow();
    await saveScale({ longestDurationMonths: "12" });
    const drawn = await preview();
    expect((await keep({ version: before.version - 1, limits: drawn.limits })).status).toBe(409);
    // Another change to the partner's time meanwhile: what the manager saw is not what they would keep it for.
    await saveScale({ longestDurationMonths: "10" });
    const stale = await keep({ limits: drawn.limits });
    expect(stale.status).toBe(409);
    expect(timelineRow()).toEqual(before);
    expect((await keep()).status).toBe(303);
  });
});

describe("as the months pass", () => {
  /** The Timeline page's reasons and the stepper's statuses as of a month. */
  const asOf = (month: string) => ({
    reasons: readTimelineView(db(), id(), month).staleReasons,
    steps: Object.fromEntries(engagementSteps(id(), month).steps.map((s) => [s.key, s.status])),
  });

  it("a plan whose partner asked for no start does not need review because next month moved on", async () => {
    await saveScale({ desiredStart: "" });
    for (const month of ["2026-12", "2027-02", "2027-09"])
      expect(asOf(month), month).toMatchObject({ reasons: [], steps: { timeline: "complete", fit: "complete" } });
  });

  it("a timeline with no method chosen any more says so on its page and in the stepper", () => {
    db().delete(methodDecisions).where(eq(methodDecisions.engagementId, id())).run();
    expect(asOf("2026-12")).toMatchObject({
      reasons: ["No method is chosen; the timeline was made for Breakthrough Series collaborative."],
      steps: { timeline: "stale", fit: "stale" },
    });
  });
});

describe("the basis kept beside each timeline", () => {
  /** Each timeline's basis as stored, and as its own document says it should be. */
  function bases() {
    return db()
      .select({ id: timelines.engagementId, data: timelines.dataJson, basis: timelines.basisJson })
      .from(timelines)
      .all()
      .map((r) => {
        const t = JSON.parse(r.data);
        return { id: r.id, stored: JSON.parse(r.basis), expected: { ...t.generatedFrom, spanFrom: t.span.from, reach: reachOf(t) } };
      });
  }

  it("is kept by the database from the timeline's own document: as written, whenever the document changes, and for timelines stored before it was kept", () => {
    const written = bases();
    expect(written.length).toBeGreaterThan(3);
    for (const row of written) expect(row.stored, `engagement ${row.id}`).toEqual(row.expected);

    // A document changed by any means, not only the app's own save.
    const row = db().select({ data: timelines.dataJson }).from(timelines).where(eq(timelines.engagementId, id())).get()!;
    const changed = JSON.parse(row.data);
    changed.generatedFrom = { ...changed.generatedFrom, country: "NZ", horizonMonths: 12 };
    db()
      .update(timelines)
      .set({ dataJson: JSON.stringify(changed) })
      .where(eq(timelines.engagementId, id()))
      .run();
    expect(bases().find((r) => r.id === id())!.stored).toMatchObject({ country: "NZ", horizonMonths: 12, spanFrom: changed.span.from });
    // Where the plan reaches follows its items: a phase or an event that ends its span counts to the day
    // after its last, a milestone its own day.
    const moved = structuredClone(changed);
    const last = moved.items.find((i: { id: string }) => i.id === moved.span.to);
    const write = (doc: unknown) =>
      db()
        .update(timelines)
        .set({ dataJson: JSON.stringify(doc) })
        .where(eq(timelines.engagementId, id()))
        .run();
    Object.assign(last, { kind: "phase", start: "2029-01-02", end: "2029-02-13" });
    write(moved);
    expect(bases().find((r) => r.id === id())!.stored.reach).toMatchObject({ end: "2029-02-13", deadlinePointFinish: "2029-02-14" });
    Object.assign(last, { kind: "milestone", start: "2029-02-20", end: "2029-02-20" });
    write(moved);
    expect(bases().find((r) => r.id === id())!.stored.reach).toMatchObject({ end: "2029-02-20", deadlinePointFinish: "2029-02-20" });
    for (const row of bases()) expect(row.stored, `engagement ${row.id}`).toEqual(row.expected);

    // The migration that last changed it fills it for the timelines stored before.
    const backfill = fs
      .readFileSync(path.join(MIGRATIONS_DIR, "0029_timeline_reach.sql"), "utf8")
      .split("--> statement-breakpoint")
      .find((statement) => /^UPDATE/m.test(statement) && !statement.includes("CREATE TRIGGER"))!;
    db().update(timelines).set({ basisJson: "{}" }).run();
    db().$client.exec(backfill);
    for (const r of bases()) expect(r.stored, `engagement ${r.id}`).toEqual(r.expected);
  });
});
