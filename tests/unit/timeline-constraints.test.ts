import { describe, expect, test } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import joinJson from "../../docs-templates/timelines/join_open_collaborative.json";
import shortJson from "../../docs-templates/timelines/short_tailored.json";
import { addDays, addMonths, describeMonths } from "~/domain/calendar";
import { spanMonths, TimelineTemplateSchema, timelineEnd, timelineStart, workingDays, type Timeline } from "~/domain/timeline";
import {
  agreedOnProblem,
  agreementCovers,
  bindingDeadline,
  checkTime,
  describeNeeded,
  keepsTime,
  lapsedAgreementWords,
  overrunRisk,
  overrunStepWords,
  reachOf,
  spanWords,
  startPassed,
  startPassedNotice,
  startPassedWords,
  timeLimits,
  timeOverruns,
  type OverrunAgreement,
} from "~/domain/timeline-constraints";
import { setItemDates } from "~/domain/timeline-edit";
import { generateTimeline, methodLengths, staleReasons } from "~/domain/timeline-generate";
import { alignToSessions } from "~/domain/small-requests";
import { timelineStep } from "~/domain/steps";

const templates = {
  collaborative: TimelineTemplateSchema.parse(collaborativeJson),
  campaign: TimelineTemplateSchema.parse(campaignJson),
  tailored: TimelineTemplateSchema.parse(tailoredJson),
};
const lengths = methodLengths(Object.values(templates), 30);
const item = (t: Timeline, id: string) => t.items.find((i) => i.id === id)!;

describe("a plan that begins before today", () => {
  test("is named by its earliest item, wherever it stands in the plan, and not on the day it begins", () => {
    const t = generateTimeline(templates.collaborative, { start: "2026-12", teams: 30 });
    // The collaborative's plan opens with its topic selection, on the first working day of the month.
    const first = { date: "2026-12-01", label: "Topic selection and charter" };
    expect(startPassed(t, "2026-12-02")).toEqual(first);
    // Listed last, the earliest item is still the one named.
    const moved = { ...t, items: [...t.items.filter((i) => i.label !== first.label), t.items.find((i) => i.label === first.label)!] };
    expect(startPassed(moved, "2026-12-02")).toEqual(first);
    expect(startPassed(t, "2026-12-01")).toBeNull();
    expect(startPassedWords(t, "2026-12-05")).toBe(
      "The plan begins on 1 December 2026, with “Topic selection and charter”, before today (5 December 2026): the partner would read a plan already under way."
    );
    expect(startPassedWords(null, "2026-12-05")).toBeNull();
    // Said while the engagement is still to be agreed; an approved or declined plan may be dated as it happened.
    expect(startPassedNotice("shared", t, "2026-12-05")).toBe(startPassedWords(t, "2026-12-05"));
    expect(startPassedNotice("approved", t, "2026-12-05")).toBeNull();
    expect(startPassedNotice("declined", t, "2026-12-05")).toBeNull();
  });
});

describe("the partner's time", () => {
  test("the binding deadline is the earlier of the hard deadline and the end of the aim's month", () => {
    expect(bindingDeadline(timeLimits({ hardDeadline: "2028-06-14", aimBy: "2028-09" }))).toEqual({ date: "2028-06-14", from: "hard_deadline" });
    expect(bindingDeadline(timeLimits({ hardDeadline: "2028-06-14", aimBy: "2028-02" }))).toEqual({ date: "2028-02-29", from: "aim" });
    expect(bindingDeadline(timeLimits({}))).toBeNull();
    // Malformed values are no limit at all.
    expect(timeLimits({ horizonMonths: 0, hardDeadline: "soon", aimBy: "2028-13" })).toEqual({ horizonMonths: null, hardDeadline: null, aimBy: null });
  });

  test("months over are said in whole months, days under a month", () => {
    expect(describeMonths(3.5)).toBe("4 months");
    expect(describeMonths(10.1)).toBe("10 months");
    expect(describeMonths(1)).toBe("1 month");
    expect(describeMonths(0.1)).toBe("4 days");
  });

  test("a plan within the partner's time says so, in plain words", () => {
    const limits = timeLimits({ horizonMonths: 18 });
    const t = generateTimeline(templates.collaborative, { start: "2027-01", horizonMonths: 18, teams: 30 });
    const check = checkTime(t, limits, lengths);
    expect(check.holds).toBe(true);
    expect(check.choices).toEqual([]);
    expect(check.summary).toMatch(/keeps the partner's time: 17(\.\d)? months in all, within the longest duration of 18 months/);
  });

  test("a plan that keeps the deadline names the milestone judged and its date, and says when the follow-on runs past the deadline", () => {
    // docs/domain.md §8.6: the deadline is for the congress; the final report after it is follow-on, counted in the longest duration only.
    const limits = timeLimits({ horizonMonths: 18, hardDeadline: "2028-06-30" });
    const t = generateTimeline(templates.collaborative, { start: "2027-02", ...limits, teams: 30 });
    const check = checkTime(t, limits, lengths);
    expect(check.holds).toBe(true);
    expect(check.deadlineItem).toMatchObject({ id: "congress", date: "2028-06-01" });
    expect(item(t, "final_report").end).toBe("2028-07-01");
    expect(check.summary).toBe(
      "The plan keeps the partner's time: 17 months in all, within the longest duration of 18 months; “Summative congress”, the milestone the deadline is judged on, falls on 1 June 2028, on or before the hard deadline (30 June 2028). “Final report and spread plan” runs on after it, to 1 July 2028: the deadline is for “Summative congress”, and this follow-on comes after it."
    );
    // With the whole plan inside the deadline, nothing more is said.
    const loose = timeLimits({ hardDeadline: "2029-12-31" });
    expect(checkTime(generateTimeline(templates.collaborative, { start: "2027-02", ...loose, teams: 30 }), loose, lengths).summary).toBe(
      "The plan keeps the partner's time: “Summative congress”, the milestone the deadline is judged on, falls on 1 June 2028, on or before the hard deadline (31 December 2029)."
    );
  });

  test("a campaign asked to fit 18 months with its deadline says by how much it cannot, and the choices", () => {
    // As 100,000 Lives was entered: launch wanted in December 2004, 18 months, results by 14 June 2006.
    const limits = timeLimits({ horizonMonths: 18, hardDeadline: "2006-06-14", aimBy: "2006-06" });
    const t = generateTimeline(templates.campaign, { start: "2004-12", ...limits, teams: 2000 });
    const check = checkTime(t, limits, lengths);
    expect(check.holds).toBe(false);
    expect(check.overruns.map((o) => o.kind)).toEqual(["duration", "deadline"]);
    expect(check.overruns[0].months).toBeCloseTo(10, 0);
    expect(check.overruns[1].months).toBeCloseTo(3.5, 0);
    expect(check.summary).toContain("it runs 10 months over the partner's longest duration of 18 months");
    expect(check.summary).toContain("and “Deadline event with results” falls on 2 October 2006, 4 months after the hard deadline (14 June 2006)");
    expect(check.choices.map((c) => c.kind)).toEqual(["shorter_planning", "earlier_start", "accept_overrun", "another_method"]);
    expect(check.choices.find((c) => c.kind === "earlier_start")!.text).toContain("starting in August 2004 rather than December 2004");
    expect(check.choices.find((c) => c.kind === "another_method")!.text).toMatch(
      /a collaborative needs at least 11 months in all, of which at least 6 run from “Prework \(aims, baseline data, team\)” to “Summative congress”\. That is within the partner's time\.$/
    );
    // The Fit page says whether our staff could take it on: the choice links there rather than naming it.
    expect(check.choices.find((c) => c.kind === "another_method")!.link).toEqual({
      page: "fit",
      anchor: "capacity-heading",
      text: "See whether our staff can take it on, on the Fit page.",
      here: "See whether our staff can take it on, above.",
    });
    // The overrun it would accept reads in one sentence, without brackets inside brackets.
    expect(check.choices.find((c) => c.kind === "accept_overrun")!.text).toBe(
      "Accept the overrun: agree with the partner that the plan runs past their time as it stands, 10 months over their longest duration of 18 months and with “Deadline event with results” 4 months after the hard deadline."
    );
  });

  test("the method's span is said between its two items, named as the timeline names them", () => {
    const t = generateTimeline(templates.campaign, { start: "2027-05", horizonMonths: 20, aimBy: "2029-01", teams: 60 });
    expect(spanWords(t, spanMonths(t))).toBe("18 months from “Launch event” to “Deadline event with results” (the method's range is 18–24 months)");
  });

  test("a campaign with time to spare takes it, up to 24 months", () => {
    const limits = timeLimits({ horizonMonths: 40 });
    const t = generateTimeline(templates.campaign, { start: "2027-01", ...limits, teams: 400 });
    const check = checkTime(t, limits, lengths);
    expect(check.holds).toBe(true);
    expect(t.span.months).toBe(24);
  });

  test("the same rule for every method: generated plans keep the limits whenever the method's minimum allows", () => {
    for (const template of Object.values(templates)) {
      for (const horizon of [6, 12, 18, 24, 36, 48, 60, 72]) {
        for (const hardDeadline of [null, "2029-06-30", "2031-12-31"]) {
          const limits = timeLimits({ horizonMonths: horizon, hardDeadline });
          const t = generateTimeline(template, { start: "2027-03", ...limits, teams: 40 });
          const check = checkTime(t, limits, lengths);
          const label = `${template.method} ${horizon} ${hardDeadline}`;
          expect(check.holds, label).toBe(keepsTime(t, limits));
          if (check.holds) {
            expect(timelineEnd(t) < `${2027 + Math.floor((2 + horizon) / 12)}-${String(((2 + horizon) % 12) + 1).padStart(2, "0")}-01`, label).toBe(true);
            if (hardDeadline) expect(item(t, t.span.to).end <= hardDeadline, label).toBe(true);
          } else {
            // Only when even the method's minimum does not fit; then the check says by how much, with the choices.
            expect(t.span.months, label).toBe(template.durationRange.minMonths);
            expect(check.overruns.length, label).toBeGreaterThan(0);
            expect(check.summary, label).toMatch(/\d+ (months?|days?) (over|after)/);
            expect(
              check.choices.map((c) => c.kind),
              label
            ).toEqual(expect.arrayContaining(["accept_overrun", "another_method"]));
            // A page is reached by its link, never named as somewhere to go and look; no jargon stands for a plain sentence.
            for (const c of check.choices) expect(c.text, `${label} ${c.kind}`).not.toMatch(/judged apart|Method page|Fit page/);
          }
        }
      }
    }
  });

  test("an edit that stretches the plan past the partner's limit is reported", () => {
    const limits = timeLimits({ horizonMonths: 18 });
    const t = generateTimeline(templates.collaborative, { start: "2027-01", ...limits, teams: 30 });
    expect(checkTime(t, limits).holds).toBe(true);
    const report = item(t, "final_report");
    const stretched = setItemDates(t, "final_report", { start: report.start, end: "2028-09-30" });
    const check = checkTime(stretched, limits, lengths);
    expect(check.holds).toBe(false);
    expect(check.summary).toContain("over the partner's longest duration of 18 months");
    expect(timelineStart(stretched)).toBe(timelineStart(t));
  });

  test("a change of deadline or aim date makes a generated timeline stale", () => {
    const t = generateTimeline(templates.collaborative, { start: "2027-01", hardDeadline: "2028-06-30", teams: 30 });
    const same = { method: "collaborative" as const, start: "2027-01", teams: 30, horizonMonths: null, hardDeadline: "2028-06-30", aimBy: null };
    expect(staleReasons(t, same)).toEqual([]);
    expect(staleReasons(t, { ...same, hardDeadline: "2028-03-31" })).toEqual(["The hard deadline changed from 30 June 2028 to 31 March 2028."]);
    expect(staleReasons(t, { ...same, aimBy: "2028-05" })).toEqual(["The aim's date changed from none to May 2028."]);
  });
});

describe("what the manager is offered when the plan cannot keep the partner's time", () => {
  const join = TimelineTemplateSchema.parse(joinJson);
  const short = TimelineTemplateSchema.parse(shortJson);
  // A hospital joining the demo's sepsis collaborative (sessions 16 March and 13 July 2027), asked in
  // December 2026 to finish by 30 June 2027: the collaborative closes in the autumn.
  const joinLimits = timeLimits({ hardDeadline: "2027-06-30" });
  const joined = alignToSessions(generateTimeline(join, { start: "2027-02-02", ...joinLimits, teams: 1, country: "IE" }), ["2027-03-16", "2027-07-13"]);
  const joinOthers = [...methodLengths(Object.values(templates), 1), { ...methodLengths([short], 1)[0]!, variant: "short_tailored" as const }];
  const joinCheck = checkTime(joined, joinLimits, joinOthers, { today: "2026-12", joining: { title: "Sepsis Early Recognition Collaborative" } });

  test("a joining site is told the collaborative ends after the deadline, and that its dates are fixed", () => {
    expect(joinCheck.holds).toBe(false);
    expect(joinCheck.summary).toMatch(
      /^The plan cannot keep the partner's time: Sepsis Early Recognition Collaborative, which the team joins, ends after the hard deadline\. “Closing session of the collaborative” falls on \d+ (September|October) 2027, \d months after 30 June 2027\. /
    );
    expect(joinCheck.summary).toMatch(/The collaborative's dates are its own: the plan cannot move them or run a shorter collaborative\.$/);
  });

  test("a joining site is never offered an earlier start, a shorter collaborative or shorter planning, but another collaborative or a short tailored engagement", () => {
    const kinds = joinCheck.choices.map((c) => c.kind);
    expect(kinds).toEqual(["another_collaborative", "accept_overrun", "another_method"]);
    expect(joinCheck.choices[0]!.text).toBe(
      "Another open collaborative: one on the same topic whose closing session falls on or before 30 June 2027; an administrator adds new ones."
    );
    // Where the open collaboratives are listed is a link to them, not the name of a page to go and find.
    expect(joinCheck.choices[0]!.link).toEqual({
      page: "method",
      anchor: "open-collaboratives",
      text: "See the open collaboratives with places left, on the Method page.",
    });
    expect(joinCheck.choices[2]!.text).toMatch(/^Another method(: | does not help: ).*a short tailored engagement needs at least \d+ months/);
    for (const c of joinCheck.choices) expect(c.text, c.kind).not.toMatch(/earlier start|November 2026|A shorter/);
  });

  test("no start before this month is offered; when the start that would keep the deadline has passed, starting now is offered for what it is", () => {
    const limits = timeLimits({ hardDeadline: "2027-08-31" });
    // A collaborative of its own from February 2027 holds its congress in November: it would have to start in November 2026.
    const t = generateTimeline(templates.collaborative, { start: "2027-02", ...limits, teams: 30 });
    const unbounded = checkTime(t, limits, lengths).choices.find((c) => c.kind === "earlier_start")!.text;
    expect(unbounded).toMatch(/^An earlier start: starting in November 2026 rather than February 2027/);
    const now = checkTime(t, limits, lengths, { today: "2026-12" }).choices.find((c) => c.kind === "earlier_start")!.text;
    expect(now).toBe(
      "An earlier start helps only in part: the earliest is this month, December 2026, rather than February 2027, which still puts “Summative congress” about 1 month after the hard deadline."
    );
    // Planned to start this month already: no earlier start at all.
    const fromNow = generateTimeline(templates.collaborative, { start: "2026-12", ...limits, teams: 30 });
    expect(checkTime(fromNow, limits, lengths, { today: "2026-12" }).holds).toBe(false);
    const kinds = checkTime(fromNow, limits, lengths, { today: "2026-12" }).choices.map((c) => c.kind);
    expect(kinds).not.toContain("earlier_start");
    expect(kinds).toContain("accept_overrun");
  });

  test("other methods that fit are said to fit, one or several", () => {
    const limits = timeLimits({ hardDeadline: "2029-12-31" });
    const t = generateTimeline(templates.tailored, { start: "2027-02", ...limits, teams: 30 });
    const text = checkTime(t, limits, lengths, { today: "2026-12" }).choices.find((c) => c.kind === "another_method")!.text;
    expect(text).toBe(
      "Another method: a collaborative needs at least 11 months in all, of which at least 6 run from “Prework (aims, baseline data, team)” to “Summative congress”; a campaign needs at least 28 months in all, of which at least 18 run from “Launch event” to “Deadline event with results”. Each is within the partner's time."
    );
    expect(text).not.toMatch(/\bfits?\b/);
  });

  test("shorter planning reads as a sentence, and only the planning before the congress is offered against a deadline", () => {
    const limits = timeLimits({ hardDeadline: "2027-04-30" });
    const t = generateTimeline(templates.collaborative, { start: "2026-12", ...limits, teams: 30 });
    const text = checkTime(t, limits, lengths, { today: "2026-12" }).choices.find((c) => c.kind === "shorter_planning")!.text;
    expect(text).toMatch(
      /^Shorter planning is not enough on its own\. “Topic selection and charter”, “Expert meeting”, “Planning group \(framework, change package and measures\)” and “Enrolment of teams” take \d+ months before “Prework \(aims, baseline data, team\)”\. “Summative congress” would have to come \d+ months sooner: more than all of that planning\.$/
    );
    expect(text).not.toContain("Final report");
  });

  test("shorter planning that would be enough says each thing in a sentence of its own", () => {
    // A campaign from February 2027 with 30 months and results by October 2028: one month late, with four months of design before the launch.
    const limits = timeLimits({ horizonMonths: 30, hardDeadline: "2028-10-31" });
    const t = generateTimeline(templates.campaign, { start: "2027-02", ...limits, teams: 30 });
    const text = checkTime(t, limits, lengths, { today: "2026-12" }).choices.find((c) => c.kind === "shorter_planning")!.text;
    expect(text.split(/(?<=\.) /)).toEqual([
      "Shorter planning: “Design the platform (interventions and how-to guides)” takes 4 months before “Launch event”.",
      "Shortening the planning before “Launch event” by 1 month would bring “Launch event”, and with it “Deadline event with results”, 1 month sooner.",
      "That would keep the plan within the partner's time.",
    ]);
  });

  test("shorter planning asks for enough: the days beyond whole months are said, counted up, not rounded away", () => {
    // The same campaign with its hard deadline a week sooner: a month and some days late.
    const limits = timeLimits({ horizonMonths: 30, hardDeadline: "2028-10-24" });
    const t = generateTimeline(templates.campaign, { start: "2027-02", ...limits, teams: 30 });
    const text = checkTime(t, limits, lengths, { today: "2026-12" }).choices.find((c) => c.kind === "shorter_planning")!.text;
    const asked = /before “Launch event” by 1 month and (\d+) days? would bring/.exec(text);
    expect(asked, text).not.toBeNull();
    const days = Number(asked![1]);
    // The deadline point brought that much sooner keeps the deadline; a month alone would not.
    const point = item(t, t.span.to);
    const keeps = (earlier: { months: number; days: number }) => addMonths(addDays(point.end, -earlier.days), -earlier.months) <= "2028-10-24";
    expect(keeps({ months: 1, days })).toBe(true);
    expect(keeps({ months: 1, days: 0 })).toBe(false);
  });

  test("shorter planning against both limits says what is to be shortened, and why only part of the cut brings the deadline point sooner", () => {
    // The demo's national campaign: 20 months at most, results by January 2029, from May 2027: 8 months too long, 1 month late.
    const limits = timeLimits({ horizonMonths: 20, aimBy: "2029-01" });
    const t = generateTimeline(templates.campaign, { start: "2027-05", ...limits, teams: 60 });
    const check = checkTime(t, limits, lengths, { today: "2026-11" });
    const text = check.choices.find((c) => c.kind === "shorter_planning")!.text;
    expect(text.split(/(?<=\.) /)).toEqual([
      "Shorter planning: “Design the platform (interventions and how-to guides)” takes 4 months before “Launch event”.",
      "“Sustain and spread” takes 6 months after “Deadline event with results”.",
      "Shortening the planning before “Launch event” and the follow-on after “Deadline event with results” by 8 months in all would keep the plan within the partner's time, so long as at least 1 month of it comes off the planning: only the planning brings “Launch event”, and with it “Deadline event with results”, sooner.",
    ]);
    expect(text).not.toMatch(/\bthem\b/);
  });
});

describe("the working-day calendar", () => {
  const countries = ["US", "GB", "IE", "CA", "AU", "NZ", null];
  const starts = ["2026-12", "2027-01", "2027-03-27", "2027-12", "2028-04", "2029-12-20", "2031-06"];

  test("generated events and milestones fall on working days, a multi-day event on consecutive ones, for every method and country", () => {
    for (const template of Object.values(templates)) {
      for (const country of countries) {
        const working = workingDays(country);
        for (const start of starts) {
          for (const limits of [{}, { horizonMonths: 18, hardDeadline: "2029-12-24" }]) {
            const t = generateTimeline(template, { start, teams: 60, country, ...limits });
            for (const i of t.items.filter((x) => (x.kind === "event" || x.kind === "milestone") && !x.alongside)) {
              for (let d = i.start; d <= i.end; d = addDays(d, 1)) expect(working(d), `${template.method} ${country} ${start}: ${i.label} on ${d}`).toBe(true);
            }
          }
        }
      }
    }
  });

  test("a holiday moves an event to the next working day: Independence Day in the United States, not in Great Britain; the year-end break everywhere", () => {
    const launch = (start: string, country: string | null) => item(generateTimeline(templates.campaign, { start, teams: 400, country }), "launch").start;
    // A one-day event due on 4 July 2028 (a Tuesday).
    expect(launch("2028-03-04", "US")).toBe("2028-07-05");
    expect(launch("2028-03-04", "GB")).toBe("2028-07-04");
    // One due on Christmas Day 2028 (a Monday): past Boxing Day in Great Britain, and past 27 December
    // in the United States, to the first working day of 2029 in every country (docs/domain.md §8.6).
    for (const country of ["GB", "US", null]) expect(launch("2028-08-25", country)).toBe("2029-01-02");
    expect(workingDays("GB")("2028-12-26")).toBe(false);
    expect(workingDays(null)("2028-12-26")).toBe(true);
    expect(workingDays("FR")("2028-12-30")).toBe(false);
  });

  test("an event due on Madaraka Day moves to the next working day for a partner in Kenya, not elsewhere", () => {
    const launch = (country: string | null) => item(generateTimeline(templates.campaign, { start: "2027-02-01", teams: 400, country }), "launch").start;
    // A one-day event due on 1 June 2027, a Tuesday: Madaraka Day in Kenya.
    expect(launch(null)).toBe("2027-06-01");
    expect(launch("ZA")).toBe("2027-06-01");
    expect(launch("KE")).toBe("2027-06-02");
  });
});

describe("the stepper's words for a plan that does not keep the partner's time", () => {
  const t = generateTimeline(templates.collaborative, { start: "2027-03", teams: 30 });
  const reach = reachOf(t);
  const point = item(t, t.span.to);

  test("where the plan reaches is its first day, its last, and the day after the item its span ends with", () => {
    expect(reach).toEqual({
      start: timelineStart(t),
      end: timelineEnd(t),
      deadlinePointFinish: point.kind === "milestone" ? point.start : addDays(point.end, 1),
    });
  });

  test("name the limit broken, the deadline before the duration, and agree with the Timeline page's check", () => {
    const lastDay = point.kind === "milestone" ? point.start : point.end;
    const cases: [Parameters<typeof timeLimits>[0], string | null][] = [
      [{}, null],
      [{ hardDeadline: lastDay }, null],
      [{ hardDeadline: addDays(lastDay, -1) }, "Runs past the deadline"],
      [{ aimBy: "2027-06" }, "Runs past the aim's date"],
      // The aim's date is binding when it comes before the hard deadline.
      [{ aimBy: "2027-06", hardDeadline: "2031-01-01" }, "Runs past the aim's date"],
      [{ horizonMonths: 6 }, "Longer than the partner can commit to"],
      [{ horizonMonths: 6, hardDeadline: "2027-06-30" }, "Runs past the deadline"],
      [{ horizonMonths: 240 }, null],
    ];
    // The limit each words name is among the overruns the Timeline page's check lists.
    const kindNamed = (words: string | null) => (words === null ? null : words.startsWith("Runs past") ? "deadline" : "duration");
    for (const [given, words] of cases) {
      const limits = timeLimits(given);
      expect(overrunStepWords(reach, limits), JSON.stringify(given)).toBe(words);
      const check = checkTime(t, limits);
      expect(check.holds, JSON.stringify(given)).toBe(words === null);
      if (words)
        expect(
          check.overruns.map((o) => o.kind),
          JSON.stringify(given)
        ).toContain(kindNamed(words));
      if (words === "Runs past the aim's date") expect(check.deadline?.from).toBe("aim");
      if (words === "Runs past the deadline") expect(check.deadline?.from).toBe("hard_deadline");
    }
  });

  test("the Timeline step needs review when its basis changed, and says which limit a current plan breaks", () => {
    expect(timelineStep(false, null)).toEqual({ status: "complete" });
    expect(timelineStep(false, "Runs past the deadline")).toEqual({ status: "stale", words: "Runs past the deadline" });
    // What it rests on changed: that is the review to do first.
    expect(timelineStep(true, "Runs past the deadline")).toEqual({ status: "stale" });
    // The partner agreed to the plan running this far past their time: nothing is left to do.
    expect(timelineStep(false, "Runs past the deadline", true)).toEqual({ status: "complete", words: "Overrun agreed" });
    expect(timelineStep(true, "Runs past the deadline", true)).toEqual({ status: "stale" });
  });
});

describe("the partner's agreement to a plan that runs past their time", () => {
  const t = generateTimeline(templates.collaborative, { start: "2027-03", teams: 30 });
  const point = item(t, t.span.to);
  const pointDay = point.kind === "milestone" ? point.start : point.end;
  // Six months is less than the plan, and the deadline comes a month before its deadline point.
  const limits = timeLimits({ horizonMonths: 6, hardDeadline: addMonths(pointDay, -1) });
  const over = timeOverruns(t, limits);
  const agreement: OverrunAgreement = { limits, ...over, agreedOn: "2026-12-03" };

  test("covers the plan while their time is unchanged and the plan runs no further past it", () => {
    expect(over.durationMonths).toBeGreaterThan(0);
    expect(over.deadlineMonths).toBeGreaterThan(0);
    expect(agreementCovers(agreement, limits, over)).toBe(true);
    // Less far past either limit: still covered.
    expect(agreementCovers(agreement, limits, { durationMonths: over.durationMonths - 1, deadlineMonths: 0 })).toBe(true);
    // A day further past the deadline, or a month over the duration: not what they agreed to.
    expect(agreementCovers(agreement, limits, { ...over, deadlineMonths: over.deadlineMonths + 1 / 30 })).toBe(false);
    expect(agreementCovers(agreement, limits, { ...over, durationMonths: over.durationMonths + 1 })).toBe(false);
    // Their time changed, even to more of it: they agreed to the plan against the time they gave then.
    expect(agreementCovers(agreement, { ...limits, horizonMonths: 7 }, { durationMonths: 0, deadlineMonths: 0 })).toBe(false);
    expect(agreementCovers(null, limits, over)).toBe(false);
  });

  test("is dated no later than today and no earlier than the day the engagement was started, when there was no plan to agree to", () => {
    const days = { today: "2026-12-07", startedOn: "2026-11-13" };
    expect(agreedOnProblem("2026-12-07", days)).toBeNull();
    expect(agreedOnProblem("2026-11-13", days)).toBeNull();
    expect(agreedOnProblem("2026-12-08", days)).toBe("The day they agreed cannot be after today, 7 December 2026.");
    expect(agreedOnProblem("2026-11-12", days)).toBe("The day they agreed cannot be before 13 November 2026, the day this engagement was started.");
    expect(agreedOnProblem("2001-01-01", days)).toBe("The day they agreed cannot be before 13 November 2026, the day this engagement was started.");
    // With the clock pinned to a month before the engagement was started, today is still taken, and only today.
    const pinned = { today: "2026-11-01", startedOn: "2026-11-13" };
    expect(agreedOnProblem("2026-11-01", pinned)).toBeNull();
    expect(agreedOnProblem("2026-10-29", pinned)).toBe("The day they agreed cannot be before 13 November 2026, the day this engagement was started.");
  });

  test("the check says so, no longer offers accepting the overrun, and the proposal's risk says when they agreed", () => {
    const unagreed = checkTime(t, limits, lengths);
    expect(unagreed.agreed).toBeNull();
    expect(unagreed.choices.map((c) => c.kind)).toContain("accept_overrun");
    expect(overrunRisk(unagreed, "Kestrel")).toMatch(/\. Both parties agree to this, or the plan changes, before the proposal is agreed\.$/);

    const agreed = checkTime(t, limits, lengths, { agreement });
    expect(agreed.agreed).toEqual({ on: "2026-12-03" });
    expect(agreed.summary).toBe(unagreed.summary);
    expect(agreed.choices.map((c) => c.kind)).toEqual(unagreed.choices.map((c) => c.kind).filter((k) => k !== "accept_overrun"));
    // The partner named where the page says "the partner", and the day, in place of asking both parties to agree.
    expect(overrunRisk(agreed, "Kestrel")).toMatch(
      /^The plan runs past Kestrel's time: it runs \d+ months over Kestrel's longest duration of 6 months \([\d.]+ months in all, planning included\) and “.+” falls on .+, 1 month after the hard deadline \(.+\)\. Kestrel agreed to this on 3 December 2026\.$/
    );
    // Their deadline a day sooner: not the time they agreed against.
    const later = checkTime(t, { ...limits, hardDeadline: addDays(limits.hardDeadline!, -1) }, lengths, { agreement });
    expect(later.agreed).toBeNull();
    // A plan that keeps their time has nothing agreed.
    expect(checkTime(t, timeLimits({}), lengths, { agreement }).agreed).toBeNull();
  });

  test("once it no longer covers the plan, staff are told what it was to and why", () => {
    expect(lapsedAgreementWords(agreement, limits)).toMatch(
      /^The partner agreed on 3 December 2026 to the plan running \d+ months over their longest duration and 1 month past the hard deadline\. It now runs further past their time, so that agreement no longer covers it: ask them again, or change the plan\.$/
    );
    expect(lapsedAgreementWords(agreement, { ...limits, horizonMonths: 9 })).toContain(". Their time has changed since, so that agreement");
  });
});

describe("how much a plan needs to lose, in words", () => {
  test("never less than it is: days beyond whole months counted up, thirty or more as a month", () => {
    expect(describeNeeded(0.1)).toBe("4 days");
    expect(describeNeeded(0.99)).toBe("1 month");
    expect(describeNeeded(1)).toBe("1 month");
    expect(describeNeeded(1.1)).toBe("1 month and 4 days");
    expect(describeNeeded(1.97)).toBe("2 months");
    expect(describeNeeded(2)).toBe("2 months");
    expect(describeNeeded(2.5)).toBe("2 months and 16 days");
  });
});
