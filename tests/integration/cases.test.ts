import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { METHODS } from "~/domain/methods";
import * as api from "~/routes/api.engagements";
import * as apiOne from "~/routes/api.engagements.$id";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { addDays, calendarMonths, lastDayOf } from "~/domain/calendar";
import { workingDays, type Timeline } from "~/domain/timeline";
import { useTestDatabase } from "../helpers/db";
import { callAction, callLoader } from "../helpers/requests";

/**
 * Historical engagements from public record (tests/cases/, listed in its README), entered through
 * the bundle import as a user would. The app's recommendation must be the method history chose, both
 * on fitness for purpose (the bundle) and on the Method page, where our staff capacity is shown beside
 * the ranking and never changes it.
 */

useTestDatabase();

// "Today" is pinned, so the demo roster's bookings (the Method page's feasibility) and urgency read the same every run.
const TODAY = "2026-06";
let pinned: string | undefined;
beforeAll(() => {
  pinned = process.env.PLANNER_TODAY;
  process.env.PLANNER_TODAY = TODAY;
});
afterAll(() => {
  if (pinned === undefined) delete process.env.PLANNER_TODAY;
  else process.env.PLANNER_TODAY = pinned;
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/);

const CaseSchema = z.strictObject({
  case: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(10),
  kind: z.string().min(10),
  summary: z.string().min(20),
  bundle: z.looseObject({ intake: z.looseObject({ scale: z.looseObject({}) }) }),
  history: z.strictObject({
    method: z.enum(METHODS),
    methodInWords: z.string().min(20),
    start: month.nullable(),
    durationMonths: z.number().int().positive(),
    sites: z.number().int().positive(),
    sitesInWords: z.string().min(5),
    deadline: date.nullable(),
    timelineShape: z.string().min(40),
  }),
  /** What a later planning change must honour. */
  timelineFacts: z.strictObject({ hardDeadline: date.nullable(), longestDurationMonths: z.number().int().positive().nullable() }),
  assumptions: z.array(z.string().min(10)),
  sources: z
    .array(
      z.strictObject({
        title: z.string().min(10),
        publisher: z.string().min(3),
        year: z.number().int().min(1990).max(2100),
        url: z.url({ protocol: /^https?$/ }).optional(),
        domainKey: z
          .string()
          .regex(/^[A-Z]{1,3}\d{1,3}$/)
          .optional(),
      })
    )
    .min(1),
});

type Case = z.infer<typeof CaseSchema>;

const dir = path.join(process.cwd(), "tests", "cases");
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const cases: Case[] = files.map((f) => {
  const parsed = CaseSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
  if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  if (`${parsed.data.case}.json` !== f) throw new Error(`${f}: "case" must match the file name.`);
  return parsed.data;
});

const MANAGER = "manager@demo.test";

async function importCase(c: Case) {
  const created = await callAction(api.action, { path: "/api/engagements", as: MANAGER, json: c.bundle });
  expect(created.status, JSON.stringify(created.data)).toBe(201);
  const id = String(created.data.id);
  const exported = await callLoader(apiOne.loader, { path: `/api/engagements/${id}`, params: { id }, as: MANAGER });
  expect(exported.status).toBe(200);
  const methodPage = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id }, as: MANAGER });
  expect(methodPage.status).toBe(200);
  const recommendation = methodPage.data.view.recommendation as { recommended: string; ranked: { method: string; feasibility: unknown }[] };
  return { id, bundle: exported.data, methodPage: recommendation };
}

/**
 * Accepts the recommendation and generates the timeline, as a manager would; returns the Timeline page's
 * data. A request too small for a collaborative of its own is recommended the small request's offer
 * (docs/domain.md §2.5): the manager records the short tailored engagement, a tailored engagement for
 * its own site.
 */
async function planCase(id: string) {
  const methodPage = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params: { id }, as: MANAGER });
  const small = methodPage.data.view.smallRequest !== null;
  const accepted = await callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params: { id },
    as: MANAGER,
    form: small
      ? { form: "small", intent: "small", choice: "short_tailored", intakeVersion: "1", decisionVersion: "0" }
      : { intent: "accept", intakeVersion: "1", decisionVersion: "0", overrideReason: "" },
  });
  expect(accepted.status).toBe(303);
  const generated = await callAction(timelineRoute.action, {
    path: `/engagements/${id}/timeline`,
    params: { id },
    as: MANAGER,
    form: { intent: "regenerate", version: "0" },
  });
  expect(generated.status).toBe(303);
  const page = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params: { id }, as: MANAGER });
  expect(page.status).toBe(200);
  return page.data as {
    timeline: Timeline;
    timeCheck: { holds: boolean; summary: string; choices: { kind: string; text: string }[] };
  };
}

describe("the cases suite", () => {
  it("holds at least eight engagements of different kinds, between them every method, each with its sources", () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((c) => c.kind)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.history.method))).toEqual(new Set(METHODS));
    for (const c of cases)
      expect(
        c.sources.some((s) => s.url),
        c.case
      ).toBe(true);
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    for (const c of cases) expect(readme, c.case).toContain(`${c.case}.json`);
  });

  it.each(cases.map((c) => [c.case, c] as const))("%s: its timeline facts are the ones the partner gave, and history kept within them", (_name, c) => {
    const scale = c.bundle.intake.scale as { hardDeadline?: string; longestDurationMonths?: number };
    expect(c.timelineFacts).toEqual({ hardDeadline: scale.hardDeadline ?? null, longestDurationMonths: scale.longestDurationMonths ?? null });
    if (c.timelineFacts.hardDeadline) expect(c.history.deadline).toBe(c.timelineFacts.hardDeadline);
    // Where history ran longer than first planned, the case says so in its assumptions.
    if (c.timelineFacts.longestDurationMonths && c.history.durationMonths > c.timelineFacts.longestDurationMonths)
      expect(c.assumptions.join(" ")).toMatch(/first planned|planned/);
  });

  it.each(cases.map((c) => [c.case, c] as const))("%s: imports through the API and gets the method history chose", async (_name, c) => {
    const { bundle, methodPage } = await importCase(c);
    // The import keeps what the partner said about time.
    expect(bundle.intake.scale).toEqual(c.bundle.intake.scale);
    expect(bundle.method.recommended, `${c.title}: fitness for purpose`).toBe(c.history.method);
    expect(methodPage.recommended, `${c.title}: the Method page`).toBe(c.history.method);
    // Our capacity is judged for every method and shown beside the ranking.
    for (const r of methodPage.ranked)
      expect(r.feasibility, `${c.title}: ${r.method}`).toMatchObject({ verdict: expect.stringMatching(/^(fits|tight|does_not_fit)$/) });
  });

  it.each(cases.map((c) => [c.case, c] as const))(
    "%s: its timeline keeps the partner's deadline and longest duration, or says by how many months it cannot, with the choices",
    async (_name, c) => {
      const { id } = await importCase(c);
      const { timeline, timeCheck } = await planCase(id);
      expect(timeline.method).toBe(c.history.method);
      const { hardDeadline, longestDurationMonths } = c.timelineFacts;
      const aimBy = (c.bundle.intake as { evidence?: { aimByWhen?: string } }).evidence?.aimByWhen ?? null;
      const deadline = [hardDeadline, aimBy ? lastDayOf(aimBy) : null].filter((d): d is string => d !== null).sort()[0] ?? null;
      const starts = timeline.items.map((i) => i.start).sort();
      const ends = timeline.items.map((i) => i.end).sort();
      const months = calendarMonths(starts[0]!, addDays(ends.at(-1)!, 1));
      const point = timeline.items.find((i) => i.id === timeline.span.to)!;
      const keepsDuration = longestDurationMonths === null || months <= longestDurationMonths + 0.001;
      const keepsDeadline = deadline === null || point.end <= deadline;
      expect(timeCheck.holds, `${c.title}: ${timeCheck.summary}`).toBe(keepsDuration && keepsDeadline);
      if (timeCheck.holds) {
        expect(timeCheck.choices).toEqual([]);
      } else {
        // By how much, in months (or days under a month), and what the manager can do.
        if (!keepsDuration)
          expect(timeCheck.summary).toMatch(new RegExp(`runs \\d+ (months?|days?) over the partner's longest duration of ${longestDurationMonths} months`));
        if (!keepsDeadline) expect(timeCheck.summary).toMatch(/falls on .*, \d+ (months?|days?) after the (hard deadline|date the aim names)/);
        const kinds = timeCheck.choices.map((ch) => ch.kind);
        expect(kinds).toEqual(expect.arrayContaining(["accept_overrun", "another_method"]));
        // An earlier start is offered only from this month on: these plans start in the past already.
        if (!keepsDeadline) expect(kinds.includes("earlier_start")).toBe(starts[0]!.slice(0, 7) > TODAY);
        if (timeline.items.some((i) => i.end < timeline.items.find((x) => x.id === timeline.span.from)!.start)) expect(kinds).toContain("shorter_planning");
      }
      // Events fall on working days in the partner's country.
      const working = workingDays((c.bundle as unknown as { partner: { country?: string } }).partner.country ?? null);
      for (const i of timeline.items.filter((x) => (x.kind === "event" || x.kind === "milestone") && !x.alongside))
        for (let d = i.start; d <= i.end; d = addDays(d, 1)) expect(working(d), `${c.title}: ${i.label} on ${d}`).toBe(true);
    }
  );
});
