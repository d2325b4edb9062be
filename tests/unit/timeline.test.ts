import { describe, expect, test } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { addDays, addMonths, daysBetween, formatDate } from "~/domain/calendar";
import {
  DependencyError,
  TimelineError,
  TimelineSchema,
  TimelineTemplateSchema,
  describeIssues,
  spanMonths,
  timelineEnd,
  timelineMonths,
  workingDays,
  type Timeline,
  type TimelineItem,
} from "~/domain/timeline";
import { criticalPath } from "~/domain/timeline-critical-path";
import { describeShift, diffTimelines, groupedSummary, regenerationPreview } from "~/domain/timeline-diff";
import { addItem, durationOf, earliestStartFor, moveItem, removeDependency, setItemDates, shiftTimeline } from "~/domain/timeline-edit";
import { generateTimeline, staleReasons } from "~/domain/timeline-generate";

const collaborative = TimelineTemplateSchema.parse(collaborativeJson);
const campaign = TimelineTemplateSchema.parse(campaignJson);
const tailored = TimelineTemplateSchema.parse(tailoredJson);

function item(timeline: Timeline, id: string): TimelineItem {
  const found = timeline.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

/** Every finish-to-start dependency that is broken, as "a → b". */
function violations(timeline: Timeline): string[] {
  const out: string[] = [];
  for (const i of timeline.items) {
    for (const d of i.dependencies) {
      const before = item(timeline, d.on);
      const finish = before.kind === "milestone" ? before.start : addDays(before.end, 1);
      if (daysBetween(addDays(finish, d.lagDays), i.start) < 0) out.push(`${d.on} → ${i.id}`);
    }
  }
  return out;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const weekday = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];

const byTag = (timeline: Timeline, tag: string) => timeline.items.filter((i) => i.roleTags.includes(tag)).sort((a, b) => (a.start < b.start ? -1 : 1));

describe("a collaborative", () => {
  const timeline = generateTimeline(collaborative, { start: "2027-01", teams: 30 });

  test("has three two-day learning sessions, each followed straight away by an action period", () => {
    const sessions = byTag(timeline, "learning_session");
    const periods = byTag(timeline, "action_period");
    expect(sessions.map((s) => s.label)).toEqual(["Learning Session 1", "Learning Session 2", "Learning Session 3"]);
    expect(periods).toHaveLength(3);
    sessions.forEach((ls, n) => {
      expect(daysBetween(ls.start, ls.end) + 1).toBe(2);
      expect(periods[n].start).toBe(addDays(ls.end, 1));
      expect(periods[n].dependencies.map((d) => d.on)).toContain(ls.id);
    });
    expect(sessions[1].start).toBe(addDays(periods[0].end, 1));
  });

  test("runs 12 months from prework to the summative congress by default, within the 6–15 months of the method", () => {
    const prework = item(timeline, "prework");
    const congress = item(timeline, "congress");
    expect(spanMonths(timeline)).toBeCloseTo(12, 0);
    // Twelve months to the day, or a few days more when the congress waits for two working days in a row.
    const late = daysBetween(addMonths(prework.start, 12), addDays(congress.end, 1));
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(7);
    expect(prework.start < item(timeline, "ls1").start).toBe(true);
  });

  test("plans before prework: topic and charter, expert meeting, planning group and enrolment", () => {
    const prework = item(timeline, "prework");
    expect(item(timeline, "topic_charter").start).toBe("2027-01-01");
    for (const id of ["topic_charter", "expert_meeting", "planning_group", "enrolment"]) {
      expect(item(timeline, id).end < prework.start, id).toBe(true);
    }
    expect(item(timeline, "expert_meeting").start > item(timeline, "topic_charter").end).toBe(true);
  });

  test("has monthly team reports, assessments and calls through the action periods", () => {
    const reports = item(timeline, "team_reports");
    expect(reports.kind).toBe("recurring");
    expect(reports.recurrence).toBe("monthly");
    expect(reports.start).toBe(item(timeline, "ap1").start);
    expect(reports.end).toBe(item(timeline, "ap3").end);
    expect(item(timeline, "team_calls").end).toBe(item(timeline, "ap3").end);
  });

  test("fits the whole plan, planning included, into the partner's longest duration, but never below the method's minimum", () => {
    const twelve = generateTimeline(collaborative, { start: "2027-01", horizonMonths: 12, teams: 30 });
    expect(spanMonths(twelve)).toBeLessThan(12);
    expect(spanMonths(twelve)).toBeGreaterThanOrEqual(6);
    expect(timelineEnd(twelve) < "2028-01-01").toBe(true);
    expect(byTag(twelve, "learning_session")).toHaveLength(3);

    const four = generateTimeline(collaborative, { start: "2027-01", horizonMonths: 4, teams: 30 });
    expect(spanMonths(four)).toBe(6);

    const long = generateTimeline(collaborative, { start: "2027-01", horizonMonths: 36, teams: 30 });
    expect(spanMonths(long)).toBe(12);
    expect(long.generatedFrom).toMatchObject({ horizonMonths: 36, hardDeadline: null, aimBy: null });
  });

  test("puts the summative congress on or before the hard deadline, shortening the action periods", () => {
    const free = generateTimeline(collaborative, { start: "2027-01", teams: 30 });
    expect(item(free, "congress").end > "2028-01-31").toBe(true);
    const bounded = generateTimeline(collaborative, { start: "2027-01", hardDeadline: "2028-01-31", teams: 30 });
    expect(item(bounded, "congress").end <= "2028-01-31").toBe(true);
    expect(spanMonths(bounded)).toBeLessThan(12);
    // The aim's month works the same way when there is no hard deadline.
    const aim = generateTimeline(collaborative, { start: "2027-01", aimBy: "2028-01", teams: 30 });
    expect(item(aim, "congress").end <= "2028-01-31").toBe(true);
  });

  test("starts on the given date, or on the first of the given month", () => {
    expect(item(generateTimeline(collaborative, { start: "2027-03-15" }), "topic_charter").start).toBe("2027-03-15");
    expect(timelineMonths(timeline)[0]).toBe("2027-01");
    expect(() => generateTimeline(collaborative, { start: "2027-13" })).toThrow(TimelineError);
    expect(() => generateTimeline(collaborative, { start: "next spring" })).toThrow(/not a start month/);
    expect(() => generateTimeline(collaborative, { start: "2027-01", teams: 0 })).toThrow("The number of teams must be at least 1.");
    expect(() => generateTimeline(collaborative, { start: "2027-01", horizonMonths: 0 })).toThrow(TimelineError);
  });

  test("keeps every dependency, and lists every month it touches", () => {
    expect(violations(timeline)).toEqual([]);
    const months = timelineMonths(timeline);
    expect(months[0]).toBe("2027-01");
    expect(months.at(-1)).toBe(item(timeline, "final_report").end.slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
  });
});

describe("a campaign", () => {
  const timeline = generateTimeline(campaign, { start: "2027-01", teams: 400 });

  test("runs 18 to 24 months from launch to the deadline event", () => {
    expect(spanMonths(timeline)).toBeGreaterThanOrEqual(18);
    expect(spanMonths(timeline)).toBeLessThanOrEqual(24);
    const longest = generateTimeline(campaign, { start: "2027-01", horizonMonths: 30 });
    expect(timelineEnd(longest) < "2029-07-01").toBe(true);
    expect(spanMonths(longest)).toBeGreaterThanOrEqual(19);
    const short = generateTimeline(campaign, { start: "2027-01", horizonMonths: 12 });
    expect(spanMonths(short)).toBe(18);
  });

  test("takes the time available within its 18 to 24 months, and no more than the deadline allows", () => {
    expect(spanMonths(generateTimeline(campaign, { start: "2027-01", teams: 400 }))).toBe(18);
    const roomy = generateTimeline(campaign, { start: "2027-01", horizonMonths: 40, teams: 400 });
    expect(spanMonths(roomy)).toBe(24);
    const deadline = generateTimeline(campaign, { start: "2027-01", hardDeadline: "2029-01-15", teams: 400 });
    expect(item(deadline, "deadline_event").end <= "2029-01-15").toBe(true);
    expect(spanMonths(deadline)).toBeCloseTo(20, 0);
  });

  test("designs the platform, launches, enrols with a milestone, reports at mid-point and sustains after the deadline", () => {
    const order = ["design_platform", "launch", "implementation_first", "midpoint_report", "implementation_second", "deadline_event", "sustain"];
    const starts = order.map((id) => item(timeline, id).start);
    expect([...starts].sort()).toEqual(starts);
    expect(item(timeline, "enrolment_milestone").kind).toBe("milestone");
    // 60 days after the launch, on the next working day.
    const milestone = daysBetween(item(timeline, "launch").start, item(timeline, "enrolment_milestone").start);
    expect(milestone).toBeGreaterThanOrEqual(61);
    expect(milestone).toBeLessThan(66);
    expect(item(timeline, "node_network").start).toBe(addDays(item(timeline, "launch").end, 1));
    expect(item(timeline, "monthly_data").end).toBe(item(timeline, "implementation_second").end);
    expect(violations(timeline)).toEqual([]);
  });
});

describe("a tailored initiative", () => {
  const timeline = generateTimeline(tailored, { start: "2027-01", teams: 120 });

  test("runs for years, 36 to 60 months from the diagnostic to hand-over, four years by default", () => {
    expect(spanMonths(timeline)).toBe(48);
    expect(spanMonths(generateTimeline(tailored, { start: "2027-01", horizonMonths: 40 }))).toBe(40);
    expect(spanMonths(generateTimeline(tailored, { start: "2027-01", horizonMonths: 24 }))).toBe(36);
    const handover = generateTimeline(tailored, { start: "2027-01", hardDeadline: "2030-06-30" });
    expect(timelineEnd(handover) <= "2030-06-30").toBe(true);
    expect(spanMonths(handover)).toBe(42);
  });

  test("goes from set-up through the scalable unit and test of scale-up to full scale in waves by number of sites", () => {
    const waves = byTag(timeline, "full_scale");
    expect(waves.map((w) => w.label)).toEqual([1, 2, 3].map((n) => `Go to full scale: wave ${n} of 3`));
    expect(waves.reduce((s, w) => s + (w.teamShare ?? 0), 0)).toBeCloseTo(1);
    expect(waves[0].start).toBe(addDays(item(timeline, "test_scale_up").end, 1));
    expect(item(timeline, "handover").start).toBe(addDays(waves[2].end, 1));
    expect(item(timeline, "scalable_unit").start > item(timeline, "diagnostic").end).toBe(true);

    expect(byTag(generateTimeline(tailored, { start: "2027-01", teams: 30 }), "full_scale").map((w) => w.id)).toEqual(["full_scale"]);
    expect(byTag(generateTimeline(tailored, { start: "2027-01", teams: 5000 }), "full_scale")).toHaveLength(4);
    expect(generateTimeline(tailored, { start: "2027-01", teams: 30 }).generatedFrom.teams).toBe(30);
  });

  test("builds capability alongside, from the scalable unit to the end of full scale", () => {
    const capability = timeline.items.filter((i) => i.stream === "capability");
    expect(capability.map((i) => i.id)).toEqual(expect.arrayContaining(["capability_design", "capability_programme", "first_advisors"]));
    const programme = item(timeline, "capability_programme");
    expect(programme.start).toBe(item(timeline, "scalable_unit").start);
    expect(programme.end).toBe(item(timeline, "full_scale_wave_3").end);
    expect(violations(timeline)).toEqual([]);
  });
});

describe("moving items", () => {
  const timeline = generateTimeline(collaborative, { start: "2027-01", teams: 30 });
  const ls2 = item(timeline, "ls2");

  test("moving Learning Session 2 three weeks later moves everything after it by three weeks, all still on working days, and nothing before it", () => {
    const moved = moveItem(timeline, "ls2", addDays(ls2.start, 21));
    for (const id of ["ls2", "ap2", "ls3", "ap3", "congress", "final_report"]) {
      expect(daysBetween(item(timeline, id).start, item(moved, id).start), id).toBe(21);
      expect(daysBetween(item(timeline, id).end, item(moved, id).end), id).toBe(21);
    }
    for (const id of ["prework", "ls1", "ap1", "topic_charter"]) expect(item(moved, id)).toEqual(item(timeline, id));
    expect(daysBetween(item(timeline, "team_reports").end, item(moved, "team_reports").end)).toBe(21);
    expect(violations(moved)).toEqual([]);
  });

  test("moving it back brings what depends on it back too", () => {
    const there = moveItem(timeline, "ls2", addDays(ls2.start, 21));
    expect(moveItem(there, "ls2", ls2.start)).toEqual(timeline);
  });

  test("refuses to move an item before the end of what it depends on, naming it; without the dependency it may", () => {
    const ap1 = item(timeline, "ap1");
    let refusal: unknown;
    try {
      moveItem(timeline, "ls2", item(timeline, "ls1").start);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(DependencyError);
    expect(refusal).toMatchObject({ itemId: "ls2", dependency: { id: "ap1", label: "Action Period 1" } });
    expect((refusal as Error).message).toBe(
      `Learning Session 2 comes after Action Period 1: it cannot start before Action Period 1 ends (on ${formatDate(ap1.end)}). Choose ${formatDate(
        addDays(ap1.end, 1)
      )} or later, or let it no longer come after Action Period 1.`
    );
    expect(() => setItemDates(timeline, "ls2", { start: ap1.end, end: addDays(ap1.end, 1) })).toThrow(DependencyError);
    expect(earliestStartFor(timeline, "ls2")).toBe(addDays(ap1.end, 1));
    expect(earliestStartFor(timeline, "topic_charter")).toBeNull();
    // Once it no longer comes after Action Period 1, it may start during it.
    const freed = moveItem(removeDependency(timeline, "ls2", "ap1"), "ls2", ap1.start);
    expect(item(freed, "ls2").start).toBe(ap1.start);
    expect(() => removeDependency(freed, "ls2", "ap1")).toThrow("Learning Session 2 no longer comes after that item.");
  });

  test("a move later carries what depends on it, each keeping its gap exactly where it lands on working days", () => {
    const moved = moveItem(timeline, "ap1", addDays(item(timeline, "ap1").start, 21));
    for (const id of ["ls2", "ap2", "ls3"]) expect(daysBetween(item(timeline, id).start, item(moved, id).start), id).toBe(21);
    for (const id of ["ls2", "ls3"]) expect(weekday(item(moved, id).start), id).not.toMatch(/Sat|Sun/);
    expect(item(moved, "ls1")).toEqual(item(timeline, "ls1"));
    expect(violations(moved)).toEqual([]);
  });

  test("an event carried onto a Saturday moves on to the Monday with as many days; what comes after it follows its new dates", () => {
    // Action Period 1 moved two days later: it would end on a Friday and Learning Session 2 start on the Saturday.
    const ap1 = item(timeline, "ap1");
    const ls2Before = item(timeline, "ls2");
    expect([weekday(ls2Before.start), weekday(ls2Before.end)]).toEqual(["Thu", "Fri"]);
    const moved = moveItem(timeline, "ap1", addDays(ap1.start, 2));
    expect(item(moved, "ap1")).toMatchObject({ start: addDays(ap1.start, 2), end: addDays(ap1.end, 2) });
    expect(weekday(addDays(ap1.end, 3))).toBe("Sat");
    expect(item(moved, "ls2")).toMatchObject({ start: addDays(ap1.end, 5), end: addDays(ap1.end, 6) });
    expect([weekday(item(moved, "ls2").start), weekday(item(moved, "ls2").end)]).toEqual(["Mon", "Tue"]);
    expect(durationOf(item(moved, "ls2"), workingDays(null))).toEqual(durationOf(ls2Before, workingDays(null)));
    // Action Period 2, a phase, starts the day after and keeps its length in calendar days.
    const ap2 = item(moved, "ap2");
    expect(ap2.start).toBe(addDays(item(moved, "ls2").end, 1));
    expect(daysBetween(ap2.start, ap2.end)).toBe(daysBetween(item(timeline, "ap2").start, item(timeline, "ap2").end));
    expect(violations(moved)).toEqual([]);
  });

  test("the item moved stays where the manager put it, even on a weekend", () => {
    const saturday = addDays(ls2.start, 2);
    expect(weekday(saturday)).toBe("Sat");
    const moved = moveItem(timeline, "ls2", saturday);
    expect(item(moved, "ls2")).toMatchObject({ start: saturday, end: addDays(ls2.end, 2) });
    // What it carries lands on working days: Action Period 2, a phase, keeps its calendar days; Learning Session 3 its weekdays.
    expect(daysBetween(item(timeline, "ap2").start, item(moved, "ap2").start)).toBe(2);
    expect(weekday(item(moved, "ls3").start)).not.toMatch(/Sat|Sun/);
  });

  test("a milestone carried onto a Sunday lands on the Monday, and what comes after it counts from there", () => {
    // The topic charter, six days longer, would end on a Saturday: the charter would be agreed on the Sunday.
    const charter = item(timeline, "topic_charter");
    const longer = setItemDates(timeline, "topic_charter", { start: charter.start, end: addDays(charter.end, 6) });
    expect(weekday(addDays(charter.end, 7))).toBe("Sun");
    const agreed = item(longer, "charter_agreed");
    expect(agreed).toMatchObject({ start: addDays(charter.end, 8), end: addDays(charter.end, 8) });
    expect(weekday(agreed.start)).toBe("Mon");
    // The expert meeting keeps its fortnight after the charter is agreed.
    expect(item(longer, "expert_meeting").start).toBe(addDays(agreed.start, 14));
    expect(violations(longer)).toEqual([]);
  });

  test("an event carried into the year-end break moves on to the first working days of January", () => {
    // Action Period 1 lengthened so that Learning Session 2 would start on Monday 27 December 2027.
    const ap1 = item(timeline, "ap1");
    const longer = setItemDates(timeline, "ap1", { start: ap1.start, end: "2027-12-26" });
    expect(item(longer, "ls2")).toMatchObject({ start: "2028-01-03", end: "2028-01-04" });
    // A manager may still hold it there.
    expect(item(moveItem(longer, "ls2", "2027-12-27"), "ls2")).toMatchObject({ start: "2027-12-27", end: "2027-12-28" });
  });

  test("a move undone brings back what it carried past the year-end break, and the plan ends where it did", () => {
    // Action Period 1 lengthened so that Learning Session 2 would start on Monday 27 December 2027: it is
    // carried a week on, past the break, and everything after it with it.
    const ap1 = item(timeline, "ap1");
    const longer = setItemDates(timeline, "ap1", { start: ap1.start, end: "2027-12-26" });
    expect(item(longer, "ls2")).toMatchObject({ start: "2028-01-03", carriedPast: 7 });
    const back = setItemDates(longer, "ap1", { start: ap1.start, end: ap1.end });
    expect(back).toEqual(timeline);
    expect(timelineEnd(back)).toBe(timelineEnd(timeline));
  });

  test("moving an item any number of days later and back again leaves the whole plan as it was", () => {
    // Across weekends, bank holidays and the year-end break, by each of the first sixty days.
    const gb = generateTimeline(collaborative, { start: "2027-01", teams: 30, country: "GB" });
    for (const id of ["ap1", "ls2", "ap3"]) {
      const start = item(gb, id).start;
      for (let days = 1; days <= 60; days++) expect(moveItem(moveItem(gb, id, addDays(start, days)), id, start), `${id} +${days}`).toEqual(gb);
    }
  });

  test("a carried item counts its gap from the day it would have started: moves in turn land where one move would", () => {
    // Learning Session 2 is carried from a Saturday to the Monday, two days past where its gap put it.
    const ap1 = item(timeline, "ap1");
    const twoLater = moveItem(timeline, "ap1", addDays(ap1.start, 2));
    expect(item(twoLater, "ls2")).toMatchObject({ start: addDays(ap1.end, 5), carriedPast: 2 });
    for (const days of [0, 1, 3, 9, 30])
      expect(moveItem(twoLater, "ap1", addDays(ap1.start, days)), `${days}`).toEqual(moveItem(timeline, "ap1", addDays(ap1.start, days)));
  });

  test("an item the manager moves, or whose dependencies change, stands where it is", () => {
    const ap1 = item(timeline, "ap1");
    const carried = moveItem(timeline, "ap1", addDays(ap1.start, 2));
    const ls2Carried = item(carried, "ls2");
    expect(ls2Carried.carriedPast).toBe(2);
    expect(item(moveItem(carried, "ls2", addDays(ls2Carried.start, 7)), "ls2").carriedPast).toBeUndefined();
    expect(item(removeDependency(carried, "ls2", "ap1"), "ls2")).toMatchObject({ start: ls2Carried.start, end: ls2Carried.end });
    expect(item(removeDependency(carried, "ls2", "ap1"), "ls2").carriedPast).toBeUndefined();
    // Kept with the plan when it is stored and read back.
    expect(item(TimelineSchema.parse(JSON.parse(JSON.stringify(carried))) as Timeline, "ls2").carriedPast).toBe(2);
  });

  test("an event carried onto a public holiday of the partner's country moves past it, keeping its days", () => {
    // Learning Session 3 carried onto Easter Monday 2028 (17 April): a holiday in Great Britain, not in the United States.
    const carried = (country: string) => {
      const t = generateTimeline(collaborative, { start: "2027-01", teams: 30, country });
      return item(setItemDates(t, "ap2", { start: item(t, "ap2").start, end: "2028-04-16" }), "ls3");
    };
    expect(carried("GB")).toMatchObject({ start: "2028-04-18", end: "2028-04-19" });
    expect(carried("US")).toMatchObject({ start: "2028-04-17", end: "2028-04-18" });
  });

  test("an event held over a weekend keeps its number of working days when carried", () => {
    // A three-day event from the Thursday after Action Period 2: Thursday, Friday and Monday.
    const ap2 = item(timeline, "ap2");
    const thursday = addDays(ap2.end, 4);
    expect(weekday(thursday)).toBe("Thu");
    const withEvent = addItem(timeline, {
      label: "Faculty retreat",
      kind: "event",
      stream: item(timeline, "ls2").stream,
      start: thursday,
      duration: 3,
      unit: "days",
      after: "ap2",
      staffLike: null,
    });
    const retreat = item(withEvent.timeline, withEvent.itemId);
    expect([weekday(retreat.start), weekday(retreat.end)]).toEqual(["Thu", "Mon"]);
    const carriedBy = (days: number) => item(setItemDates(withEvent.timeline, "ap2", { start: ap2.start, end: addDays(ap2.end, days) }), withEvent.itemId);
    // A day later it starts on the Friday and still holds three working days: Friday, Monday, Tuesday.
    expect(carriedBy(1)).toMatchObject({ start: addDays(retreat.start, 1), end: addDays(retreat.end, 1) });
    // Two days later it would start on the Saturday: it runs Monday to Wednesday, three working days as before.
    const later = carriedBy(2);
    expect(later).toMatchObject({ start: addDays(retreat.start, 4), end: addDays(retreat.start, 6) });
    expect(durationOf(later, workingDays(null))).toEqual({ amount: 3, unit: "days" });
  });

  test("an item with two dependencies follows the one that drives it", () => {
    // Prework waits for enrolment; the change package is ready a few days earlier.
    const slack = daysBetween(item(timeline, "change_package_ready").start, item(timeline, "prework").start);
    expect(slack).toBeGreaterThan(2);
    // Moved by less than that, the milestone it leads to still falls on a working day before enrolment ends.
    const small = moveItem(timeline, "planning_group", addDays(item(timeline, "planning_group").start, slack - 2));
    expect(weekday(item(small, "change_package_ready").start)).not.toMatch(/Sat|Sun/);
    expect(item(small, "prework").start).toBe(item(timeline, "prework").start);
    const big = moveItem(timeline, "planning_group", addDays(item(timeline, "planning_group").start, slack + 10));
    expect(daysBetween(item(timeline, "prework").start, item(big, "prework").start)).toBe(10);
  });

  test("no sequence of moves breaks a finish-to-start dependency", () => {
    let t = generateTimeline(tailored, { start: "2027-01", teams: 120 });
    const movable = t.items.filter((i) => !i.alongside).map((i) => i.id);
    let refused = 0;
    movable.forEach((id, n) => {
      const shift = (n % 2 === 0 ? 1 : -1) * (15 + 7 * n);
      try {
        t = moveItem(t, id, addDays(item(t, id).start, shift));
      } catch (e) {
        if (!(e instanceof DependencyError)) throw e;
        refused++;
      }
      expect(violations(t), `after moving ${id}`).toEqual([]);
    });
    expect(refused).toBeGreaterThan(0);
  });

  test("lengthening an action period pushes the next learning session", () => {
    const ap1 = item(timeline, "ap1");
    const longer = setItemDates(timeline, "ap1", { start: ap1.start, end: addDays(ap1.end, 14) });
    expect(daysBetween(ls2.start, item(longer, "ls2").start)).toBe(14);
    expect(item(longer, "ls1")).toEqual(item(timeline, "ls1"));
    expect(() => setItemDates(timeline, "ap1", { start: ap1.end, end: ap1.start })).toThrow(/cannot end before it starts/);
  });

  test("a recurring activity follows what it runs alongside and cannot be moved by itself", () => {
    expect(() => moveItem(timeline, "team_calls", "2027-09-01")).toThrow(/runs alongside Action Period 1 to Action Period 3/);
    expect(() => moveItem(timeline, "nope", "2027-09-01")).toThrow(TimelineError);
    expect(() => moveItem(timeline, "ls2", "2027-02-30")).toThrow("2027-02-30 does not exist: enter the new start as a date.");
  });

  test("shifting the whole timeline keeps every gap", () => {
    const later = shiftTimeline(timeline, "2027-04");
    expect(item(later, "topic_charter").start).toBe("2027-04-01");
    expect(daysBetween(item(later, "ls1").start, item(later, "ls2").start)).toBe(daysBetween(item(timeline, "ls1").start, ls2.start));
  });
});

describe("the critical path", () => {
  const timeline = generateTimeline(collaborative, { start: "2027-01", teams: 30 });

  test("runs through the learning sessions, action periods and congress; parallel work with slack is off it", () => {
    const path = criticalPath(timeline);
    expect(path.itemIds).toEqual(expect.arrayContaining(["topic_charter", "prework", "ls1", "ap1", "ls2", "ap2", "ls3", "ap3", "congress", "final_report"]));
    expect(path.itemIds).not.toContain("planning_group");
    expect(path.itemIds).not.toContain("team_reports");
    const slack = daysBetween(item(timeline, "change_package_ready").start, item(timeline, "prework").start);
    expect(path.floatDays.planning_group).toBe(slack);
    expect(path.finish).toBe(addDays(item(timeline, "final_report").end, 1));
  });

  test("changes when a parallel item is delayed past its slack", () => {
    const before = criticalPath(timeline);
    const late = moveItem(timeline, "planning_group", addDays(item(timeline, "planning_group").start, 28));
    const path = criticalPath(late);
    // The planning group now drives prework: it has no more slack than prework has, and enrolment, which
    // drove prework before, now has some. (What is left is the weekend a learning session carried onto a
    // Saturday now waits over, further on: a slip of a day or two upstream would not move it.)
    expect(path.floatDays.planning_group).toBe(path.floatDays.prework);
    expect(path.floatDays.planning_group).toBeLessThan(before.floatDays.planning_group);
    expect(before.floatDays.enrolment).toBe(0);
    expect(path.floatDays.enrolment).toBeGreaterThan(path.floatDays.planning_group);
    expect(path.itemIds).not.toContain("enrolment");
  });

  test("a gap a person leaves before an item puts what comes before the gap off the path", () => {
    const gap = moveItem(timeline, "ls2", addDays(item(timeline, "ls2").start, 14));
    const path = criticalPath(gap);
    expect(path.itemIds).not.toContain("ap1");
    expect(path.floatDays.ap1).toBe(14);
    expect(path.itemIds).toContain("ls2");
  });
});

describe("what changes when the timeline is regenerated", () => {
  const timeline = generateTimeline(collaborative, { start: "2027-01", teams: 30 });

  test("says in plain words how far each item moves", () => {
    const moved = moveItem(timeline, "ls2", addDays(item(timeline, "ls2").start, 21));
    const diff = diffTimelines(timeline, moved);
    expect(diff.summary).toContain("Learning Session 2 moves 3 weeks later");
    expect(diff.summary).toContain("Summative congress moves 3 weeks later");
    expect(diff.summary).toContain("Team reports and assessments now ends 3 weeks later");
    expect(diff.summary.join("\n")).not.toMatch(/Learning Session 1/);
    expect(diff.moved).toBe(8);
    expect(diff.isEmpty).toBe(false);
    expect(diffTimelines(timeline, timeline).isEmpty).toBe(true);
  });

  test("says a move of two months once, when its start lands exactly and its end on a working day near it", () => {
    const ls2 = item(timeline, "ls2");
    const shifted = {
      ...timeline,
      items: timeline.items.map((i) =>
        i.id === "ls2" ? { ...i, start: addMonths(i.start, 2), end: addDays(addMonths(i.start, 2), daysBetween(i.start, i.end) + 3) } : i
      ),
    };
    expect(diffTimelines(timeline, shifted).summary).toContain(`${ls2.label} moves about 2 months later`);
  });

  test("for the proposal's changes, says items that move alike in one sentence naming each, and every other change on its own", () => {
    const moved = moveItem(timeline, "ls2", addDays(item(timeline, "ls2").start, 21));
    const diff = diffTimelines(timeline, moved);
    const lines = groupedSummary(diff);
    const alike = diff.changes
      .filter((c): c is Extract<typeof c, { type: "moved" }> => c.type === "moved" && c.startShiftDays === 21 && c.endShiftDays === 21)
      .sort((a, b) => a.from.start.localeCompare(b.from.start));
    expect(alike.length).toBeGreaterThanOrEqual(3);
    // Every item named, earliest first, between semicolons (a name may hold commas and "and"); nothing said of why they moved.
    expect(lines).toContain(`${alike.length} items move 3 weeks later: ${alike.map((c) => c.label).join("; ")}`);
    expect(lines.join("\n")).toContain("Learning Session 2; Action Period 2; ");
    expect(lines.join("\n")).toContain("Summative congress");
    expect(lines).not.toContain("Summative congress moves 3 weeks later");
    // What moves differently keeps its own line.
    expect(lines).toContain("Team reports and assessments now ends 3 weeks later");
    expect(lines).toHaveLength(diff.changes.length - alike.length + 1);
    // Two items moving alike are not a group.
    const two = { ...diff, changes: diff.changes.filter((c) => !alike.slice(2).includes(c as (typeof alike)[number])) };
    expect(groupedSummary(two)).toEqual(two.changes.map((c) => c.description));
  });

  test("lists items added and removed when the scale changes the number of waves", () => {
    const before = generateTimeline(tailored, { start: "2027-01", teams: 120 });
    const after = generateTimeline(tailored, { start: "2027-01", teams: 180 });
    const diff = diffTimelines(before, after);
    expect(diff.added).toBe(1);
    expect(diff.summary.find((s) => s.startsWith("Go to full scale: wave 4 of 4 is added, from "))).toBeTruthy();
    expect(diff.summary).toContain("Go to full scale: wave 1 of 3 is now called Go to full scale: wave 1 of 4");
    const back = diffTimelines(after, before);
    expect(back.removed).toBe(1);
    expect(back.summary.some((s) => /^Go to full scale: wave 4 of 4 is removed \(it was from .+ to .+\)$/.test(s))).toBe(true);
  });

  test("before regenerating after a change of method: the new template replaces the timeline, and only edits made are listed as edits", () => {
    const name = (m: string) => ({ collaborative: "Collaborative", campaign: "Campaign", tailored: "Tailored" }[m] ?? m);
    const next = generateTimeline(campaign, { start: "2027-01", teams: 30 });
    // Never edited: the method's change is said once, and no edit is blamed.
    const untouched = regenerationPreview(timeline, next, timeline, name);
    expect(untouched).toEqual({ methodChanged: { from: "Collaborative", to: "Campaign" }, changes: [], edits: [], isEmpty: false });
    // One item moved by the manager: that, and only that, is the edit regenerating would undo.
    const edited = moveItem(timeline, "ls2", addDays(item(timeline, "ls2").start, 21));
    const preview = regenerationPreview(edited, next, timeline, name);
    expect(preview.edits).toContain("Learning Session 2 moves 3 weeks later");
    expect(preview.edits.join("\n")).not.toMatch(/Learning Session 1|is removed|is added/);
  });

  test("before regenerating with the same method: what would change, and the manager's edits among it", () => {
    const name = (m: string) => m;
    const edited = moveItem(timeline, "ls2", addDays(item(timeline, "ls2").start, 21));
    const preview = regenerationPreview(edited, timeline, timeline, name);
    expect(preview.methodChanged).toBeNull();
    // With the inputs unchanged, all that would change is the edit (and what moved with it) undone: each
    // item listed once, among the edited ones, with what regenerating does to it.
    expect(preview.isEmpty).toBe(false);
    expect(preview.changes).toEqual([]);
    expect(preview.edits).toContain("Learning Session 2 moves 3 weeks earlier");
    expect(preview.edits).toContain("Summative congress moves 3 weeks earlier");
    // Changed inputs as well (a later start): the items not edited are listed as what else would change,
    // and an edited item says where regenerating puts it, not how far the manager had moved it.
    const later = generateTimeline(collaborative, { start: "2027-03", teams: 30 });
    const both = regenerationPreview(edited, later, timeline, name);
    expect(both.changes).toContain("Topic selection and charter moves 2 months later");
    expect(both.changes.join("\n")).not.toMatch(/Learning Session 2/);
    const ls2 = both.edits.find((e) => e.startsWith("Learning Session 2 "));
    expect(ls2).toBe("Learning Session 2 moves 5 weeks later");
    expect(ls2).not.toBe("Learning Session 2 moves 3 weeks earlier");
    expect(regenerationPreview(timeline, timeline, timeline, name)).toMatchObject({ isEmpty: true, changes: [], edits: [] });
  });

  test("a later start moves everything later", () => {
    const later = generateTimeline(collaborative, { start: "2027-03", teams: 30 });
    const diff = diffTimelines(timeline, later);
    expect(diff.summary).toContain("Topic selection and charter moves 2 months later");
    expect(diff.changes.filter((c) => c.type === "moved").every((c) => c.type === "moved" && c.startShiftDays > 0)).toBe(true);
  });

  test("describes shifts in days, weeks and months", () => {
    expect(describeShift("2027-01-10", "2027-01-11")).toBe("1 day later");
    expect(describeShift("2027-01-10", "2027-01-05")).toBe("5 days earlier");
    expect(describeShift("2027-01-10", "2027-01-31")).toBe("3 weeks later");
    expect(describeShift("2027-01-10", "2027-01-30")).toBe("about 3 weeks later");
    expect(describeShift("2027-01-10", "2027-04-10")).toBe("3 months later");
    expect(describeShift("2027-01-10", "2027-02-07")).toBe("4 weeks later");
    expect(describeShift("2027-02-10", "2027-03-10")).toBe("1 month later");
    expect(describeShift("2027-05-10", "2027-01-12")).toBe("about 4 months earlier");
    // A plan moved two months earlier, each item on a working day: months for every item, never weeks.
    expect(describeShift("2027-03-01", "2027-01-04")).toBe("about 2 months earlier");
    expect(describeShift("2027-03-15", "2027-01-15")).toBe("2 months earlier");
    expect(describeShift("2027-03-22", "2027-01-21")).toBe("about 2 months earlier");
    expect(describeShift("2027-01-10", "2027-02-21")).toBe("6 weeks later");
    expect(describeShift("2027-03-06", "2027-05-01")).toBe("about 2 months later");
    expect(describeShift("2027-01-10", "2027-02-14")).toBe("5 weeks later");
  });

  test("a timeline is stale when the method, start, horizon or scale it was made from changes", () => {
    expect(staleReasons(timeline, { method: "collaborative", start: "2027-01", teams: 30, horizonMonths: null })).toEqual([]);
    const reasons = staleReasons(timeline, { method: "campaign", start: "2027-02-01", teams: 30 });
    expect(reasons).toEqual([
      "The method changed from Breakthrough Series collaborative to Campaign.",
      "The start changed from 1 January 2027 to 1 February 2027.",
    ]);
  });
});

describe("stored and imported timelines", () => {
  const timeline = generateTimeline(tailored, { start: "2027-01", teams: 120 });

  test("read back unchanged", () => {
    expect(TimelineSchema.parse(JSON.parse(JSON.stringify(timeline)))).toEqual(timeline);
  });

  test("errors name the field", () => {
    const broken = JSON.parse(JSON.stringify(timeline)) as Timeline;
    broken.items[1].end = "2026-01-01";
    broken.items[2].dependencies = [{ on: "nothing_here", lagDays: 0 }];
    broken.items[3].start = "2027-02-30";
    const result = TimelineSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = describeIssues(result.error!);
    expect(messages).toContain("items[1].end: End must not be before start.");
    expect(messages).toContain('items[2].dependencies[0].on: "nothing_here" is not an item this one can come after.');
    expect(messages).toContain("items[3].start: Start must be a date in the form YYYY-MM-DD.");
  });

  test("a circle of dependencies and a broken finish-to-start are refused", () => {
    const circle = JSON.parse(JSON.stringify(timeline)) as Timeline;
    circle.items.find((i) => i.id === "diagnostic")!.dependencies = [{ on: "handover", lagDays: 0 }];
    expect(describeIssues(TimelineSchema.safeParse(circle).error!).join("\n")).toMatch(
      /^items\[\d+\]\.dependencies: Items come after each other in a circle: /m
    );

    const early = JSON.parse(JSON.stringify(timeline)) as Timeline;
    const index = early.items.findIndex((i) => i.id === "test_scale_up");
    early.items[index].start = early.items.find((i) => i.id === "scalable_unit")!.start;
    expect(describeIssues(TimelineSchema.safeParse(early).error!)).toContain(
      `items[${index}].start: Test of scale-up comes after Develop the scalable unit in pilot sites but starts before it finishes.`
    );
  });

  test("labels lose control characters and line breaks", () => {
    const messy = JSON.parse(JSON.stringify(timeline)) as Timeline;
    messy.items[0].label = "Diag\u0000nostic\nvisit";
    expect(TimelineSchema.parse(messy).items[0].label).toBe("Diagnostic visit");
  });
});

describe("a timeline table row as one edit", () => {
  const t = generateTimeline(TimelineTemplateSchema.parse(collaborativeJson), { start: "2027-03", teams: 20 });
  const ls2 = t.items.find((i) => i.label === "Learning Session 2")!;
  const row = { itemId: ls2.id, label: ls2.label, start: ls2.start, end: ls2.end, originalLabel: ls2.label, originalStart: ls2.start, originalEnd: ls2.end };

  test("renames and moves together, and what depends on it moves too", async () => {
    const { applyItemForm } = await import("~/domain/timeline-edit");
    const later = addDays(ls2.start, 21);
    const { timeline, changes } = applyItemForm(t, {
      ...row,
      label: "Learning Session 2 (Leeds)",
      start: later,
      end: addDays(ls2.end, 21),
      originalEnd: ls2.end,
    });
    expect(changes).toEqual(["rename", "move"]);
    const moved = timeline.items.find((i) => i.id === ls2.id)!;
    expect(moved).toMatchObject({ label: "Learning Session 2 (Leeds)", start: later });
    const ap2 = (x: typeof t) => x.items.find((i) => i.label.startsWith("Action Period 2"))!.start;
    expect(daysBetween(ap2(t), ap2(timeline))).toBe(21);
  });

  test("an unchanged row changes nothing", async () => {
    const { applyItemForm } = await import("~/domain/timeline-edit");
    expect(applyItemForm(t, row)).toEqual({ timeline: t, changes: [] });
  });
});
