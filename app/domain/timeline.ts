import { Refusal } from "./errors";
import { z } from "zod";
import { addDays, calendarMonths, dateOfDay, daysBetween, isIsoDate, isMonth, monthOf, notADateWords, monthRange, type IsoDate, type Month } from "./calendar";
import { isHolidayCountry, isWorkingDay, type HolidayCountry } from "./holidays";
import { METHODS } from "./methods";
import { stripControlChars } from "./text";

export * from "./timeline-view";
import { ITEM_KINDS, RECURRENCES, finishOf, timelineStart, timelineEnd, type Timeline, type TimelineItem, type Dependency } from "./timeline-view";

/* ------------------------------------------------------------------------------------------------
 * Templates (docs-templates/timelines/*.json)
 * ---------------------------------------------------------------------------------------------- */

const ITEM_ID = /^[a-z][a-z0-9_]{0,63}$/;
const idSchema = (what: string) =>
  z.string({ error: `${what} is required.` }).regex(ITEM_ID, `${what} must be lower-case letters, digits and _ (at most 64), starting with a letter.`);

const SourceKeys = z.array(z.string().regex(/^[A-Z]{1,3}\d{1,3}$/, "Source keys look like S5 or C12 (docs/domain.md §12).")).default([]);

const TemplateItemSchema = z
  .object({
    key: idSchema("Item key"),
    label: z.string().min(1, "Label is required.").max(200),
    /** The label where the plan is for one site, whose wards and units are the sites it scales across (docs/domain.md §5.5). */
    oneSiteLabel: z.string().min(1).max(200).optional(),
    kind: z.enum(ITEM_KINDS, { error: `Kind must be one of ${ITEM_KINDS.join(", ")}.` }),
    stream: idSchema("Stream"),
    duration: z
      .object({
        days: z.number().int().min(0).max(3650).optional(),
        months: z.number().int().min(1).max(120).optional(),
      })
      .optional(),
    dependsOn: z.array(z.object({ key: idSchema("Dependency key"), lagDays: z.number().int().min(0).max(730).default(0) })).default([]),
    alongside: z.object({ from: idSchema("Alongside from"), to: idSchema("Alongside to") }).optional(),
    recurrence: z.enum(RECURRENCES).optional(),
    flex: z.boolean().default(false),
    minDays: z.number().int().min(1).max(3650).optional(),
    waves: z.object({ teamsPerWave: z.number().int().min(1), maxWaves: z.number().int().min(1).max(12) }).optional(),
    roleTags: z.array(idSchema("Role tag")).default([]),
    note: z.string().max(1000).optional(),
    sources: SourceKeys,
  })
  .superRefine((item, ctx) => {
    const hasDuration = item.duration?.days !== undefined || item.duration?.months !== undefined;
    if (item.alongside) {
      if (hasDuration)
        ctx.addIssue({ code: "custom", path: ["duration"], message: "An item that runs alongside others takes its dates from them; leave out its duration." });
      if (item.dependsOn.length) ctx.addIssue({ code: "custom", path: ["dependsOn"], message: "An item that runs alongside others cannot have dependencies." });
      return;
    }
    if (!hasDuration) {
      ctx.addIssue({ code: "custom", path: ["duration"], message: "Give the duration in days or in months." });
    } else if (item.duration?.days !== undefined && item.duration?.months !== undefined) {
      ctx.addIssue({ code: "custom", path: ["duration"], message: "Give the duration in days or in months, not both." });
    }
    if (item.kind === "milestone" && item.duration?.days !== 0) {
      ctx.addIssue({ code: "custom", path: ["duration", "days"], message: "A milestone has a duration of 0 days." });
    }
    if (item.kind !== "milestone" && item.duration?.days === 0) {
      ctx.addIssue({ code: "custom", path: ["duration", "days"], message: "Only a milestone can last 0 days." });
    }
  });

export const TimelineTemplateSchema = z
  .object({
    method: z.enum(METHODS, { error: `Method must be one of ${METHODS.join(", ")}.` }),
    version: z.number().int().positive(),
    label: z.string().min(1),
    scale: z.object({ noun: z.string().min(1), defaultTeams: z.number().int().min(1) }),
    durationRange: z.object({
      minMonths: z.number().int().min(1),
      maxMonths: z.number().int().min(1),
      defaultMonths: z.number().int().min(1),
      from: idSchema("durationRange.from"),
      to: idSchema("durationRange.to"),
      /** "available": with the partner's time given, the span takes as much of it as the range allows (a campaign); else its default. */
      fill: z.enum(["default", "available"]).default("default"),
      basis: z.string().min(1),
      sources: SourceKeys,
    }),
    streams: z.array(z.object({ key: idSchema("Stream key"), label: z.string().min(1).max(80) })).min(1),
    items: z.array(TemplateItemSchema).min(1),
    notes: z.array(z.object({ text: z.string().min(1), assumption: z.boolean(), sources: SourceKeys })).default([]),
  })
  .superRefine((t, ctx) => {
    const r = t.durationRange;
    if (!(r.minMonths <= r.defaultMonths && r.defaultMonths <= r.maxMonths)) {
      ctx.addIssue({ code: "custom", path: ["durationRange", "defaultMonths"], message: "defaultMonths must lie between minMonths and maxMonths." });
    }
    const streams = new Set(t.streams.map((s) => s.key));
    const keys = new Map<string, number>();
    t.items.forEach((item, i) => {
      if (keys.has(item.key)) ctx.addIssue({ code: "custom", path: ["items", i, "key"], message: `Item key "${item.key}" is used twice.` });
      keys.set(item.key, i);
      if (!streams.has(item.stream)) ctx.addIssue({ code: "custom", path: ["items", i, "stream"], message: `Unknown stream "${item.stream}".` });
    });
    t.items.forEach((item, i) => {
      item.dependsOn.forEach((d, j) => {
        if (!keys.has(d.key)) ctx.addIssue({ code: "custom", path: ["items", i, "dependsOn", j, "key"], message: `Unknown item "${d.key}".` });
        else if (t.items[keys.get(d.key)!].alongside)
          ctx.addIssue({
            code: "custom",
            path: ["items", i, "dependsOn", j, "key"],
            message: `"${d.key}" runs alongside others; depend on what it runs alongside instead.`,
          });
      });
      if (item.alongside) {
        for (const end of ["from", "to"] as const) {
          const ref = item.alongside[end];
          if (!keys.has(ref) || t.items[keys.get(ref)!].alongside) {
            ctx.addIssue({ code: "custom", path: ["items", i, "alongside", end], message: `Unknown item "${ref}".` });
          }
        }
      }
    });
    for (const end of ["from", "to"] as const) {
      if (!keys.has(r[end])) ctx.addIssue({ code: "custom", path: ["durationRange", end], message: `Unknown item "${r[end]}".` });
    }
    if (t.items.filter((i) => i.waves).length > 1) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "Only one item can be split into waves." });
    }
    const cycle = findCycle(t.items.map((i) => ({ id: i.key, deps: i.dependsOn.map((d) => d.key) })));
    if (cycle)
      ctx.addIssue({
        code: "custom",
        path: ["items", keys.get(cycle[0]) ?? 0, "dependsOn"],
        message: `Dependencies go round in a circle: ${cycle.join(" → ")}.`,
      });
  });

export type TimelineTemplate = z.infer<typeof TimelineTemplateSchema>;
export type TimelineTemplateItem = TimelineTemplate["items"][number];

/* ------------------------------------------------------------------------------------------------
 * Timelines
 * ---------------------------------------------------------------------------------------------- */

/** A timeline or a change to it that cannot be: a refusal, next to the field of the item's row it concerns ("start" unless said). */
export class TimelineError extends Refusal {
  constructor(
    message: string,
    field: "start" | "end" | "label" | "stream" | "after" | "staffLike" | "duration" | "on" | "itemId" | "streamKey" | null = "start"
  ) {
    super(message, field);
  }
}

/**
 * A move to before the end of an item this one depends on. It is refused rather than quietly moved
 * back: the message names that item, and the dependency can be removed if it no longer holds.
 */
export class DependencyError extends TimelineError {
  constructor(readonly itemId: string, readonly dependency: { id: string; label: string }, message: string) {
    super(message, "start");
  }
}

const isoDate = (what: string) => z.string({ error: `${what} is required.` }).refine(isIsoDate, `${what} must be a date in the form YYYY-MM-DD.`);

const TimelineItemSchema = z.object({
  id: idSchema("Item id"),
  label: z
    .string({ error: "Label is required." })
    .transform((v) => stripControlChars(v).replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "Label is required.").max(300, "Label must be at most 300 characters.")),
  kind: z.enum(ITEM_KINDS, { error: `Kind must be one of ${ITEM_KINDS.join(", ")}.` }),
  stream: idSchema("Stream"),
  start: isoDate("Start"),
  end: isoDate("End"),
  dependencies: z.array(z.object({ on: idSchema("Dependency"), lagDays: z.number().int().min(0).max(730) })).default([]),
  roleTags: z.array(idSchema("Role tag")).default([]),
  alongside: z.object({ from: idSchema("Alongside from"), to: idSchema("Alongside to") }).optional(),
  recurrence: z.enum(RECURRENCES).optional(),
  teamShare: z.number().gt(0).max(1).optional(),
  note: z.string().transform(stripControlChars).pipe(z.string().max(1000, "Note must be at most 1,000 characters.")).optional(),
  carriedPast: z.number().int().min(1).max(366).optional(),
});

/** A timeline read back from storage or from an imported bundle. Error paths name the field. */
export const TimelineSchema = z
  .object({
    method: z.enum(METHODS, { error: `Method must be one of ${METHODS.join(", ")}.` }),
    streams: z
      .array(
        z.object({
          key: idSchema("Stream key"),
          label: z
            .string()
            .transform((v) => stripControlChars(v).replace(/\s+/g, " ").trim())
            .pipe(z.string().min(1, "Stream label is required.").max(80, "Stream label must be at most 80 characters.")),
        })
      )
      .min(1, "A timeline needs at least one stream."),
    items: z.array(TimelineItemSchema).min(1, "A timeline needs at least one item.").max(500),
    span: z.object({
      from: idSchema("Span from"),
      to: idSchema("Span to"),
      months: z.number().int().min(1),
      minMonths: z.number().int().min(1),
      maxMonths: z.number().int().min(1),
    }),
    generatedFrom: z.object({
      start: isoDate("Generated start"),
      horizonMonths: z.number().int().min(1).nullable(),
      hardDeadline: isoDate("Generated hard deadline").nullable().optional(),
      aimBy: z.string().refine(isMonth, "The aim's date must be a month in the form YYYY-MM.").nullable().optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, "The country must be a two-letter ISO 3166 code.")
        .nullable()
        .optional(),
      teams: z.number().int().min(1),
      templateVersion: z.number().int().positive(),
      /**
       * The partner's time the manager kept the plan for, as it was, after it changed (docs/domain.md
       * §8.12): what it is judged stale against in place of the limits above, which stay the ones it
       * was laid out for, so that what regenerating would undo is told from the manager's own edits.
       */
      keptFor: z
        .object({
          horizonMonths: z.number().int().min(1).nullable(),
          hardDeadline: isoDate("Kept-for hard deadline").nullable(),
          aimBy: z.string().refine(isMonth, "The aim's date must be a month in the form YYYY-MM.").nullable(),
        })
        .optional(),
      /** The day the plan was laid out from, when later than its start: a start in the month under way begins on the next working day. */
      laidOutFrom: isoDate("Laid-out-from day").optional(),
    }),
    warnings: z.array(z.string().transform(stripControlChars).pipe(z.string().max(1000))).default([]),
  })
  .superRefine((t, ctx) => {
    const streams = new Set(t.streams.map((s) => s.key));
    const index = new Map<string, number>();
    t.items.forEach((item, i) => {
      if (index.has(item.id)) ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: `Item id "${item.id}" is used twice.` });
      index.set(item.id, i);
      if (!streams.has(item.stream)) ctx.addIssue({ code: "custom", path: ["items", i, "stream"], message: `Unknown stream "${item.stream}".` });
      if (isIsoDate(item.start) && isIsoDate(item.end)) {
        if (item.kind === "milestone" && item.end !== item.start)
          ctx.addIssue({ code: "custom", path: ["items", i, "end"], message: "A milestone ends on the day it starts." });
        if (daysBetween(item.start, item.end) < 0) ctx.addIssue({ code: "custom", path: ["items", i, "end"], message: "End must not be before start." });
      }
    });
    let refsOk = true;
    t.items.forEach((item, i) => {
      item.dependencies.forEach((d, j) => {
        const target = index.get(d.on);
        if (target === undefined || d.on === item.id || t.items[target].alongside) {
          refsOk = false;
          ctx.addIssue({ code: "custom", path: ["items", i, "dependencies", j, "on"], message: `"${d.on}" is not an item this one can come after.` });
        }
      });
      if (item.alongside) {
        if (item.dependencies.length)
          ctx.addIssue({ code: "custom", path: ["items", i, "dependencies"], message: "An item that runs alongside others cannot come after another item." });
        for (const end of ["from", "to"] as const) {
          const target = index.get(item.alongside[end]);
          if (target === undefined || t.items[target].alongside) {
            refsOk = false;
            ctx.addIssue({ code: "custom", path: ["items", i, "alongside", end], message: `Unknown item "${item.alongside[end]}".` });
          }
        }
      }
    });
    for (const end of ["from", "to"] as const) {
      if (!index.has(t.span[end])) ctx.addIssue({ code: "custom", path: ["span", end], message: `Unknown item "${t.span[end]}".` });
    }
    if (!refsOk) return;
    const cycle = findCycle(t.items.map((i) => ({ id: i.id, deps: i.dependencies.map((d) => d.on) })));
    if (cycle) {
      ctx.addIssue({
        code: "custom",
        path: ["items", index.get(cycle[0])!, "dependencies"],
        message: `Items come after each other in a circle: ${cycle.join(" → ")}.`,
      });
      return;
    }
    const byId = new Map(t.items.map((i) => [i.id, i]));
    t.items.forEach((item, i) => {
      if (!isIsoDate(item.start)) return;
      for (const d of item.dependencies) {
        const before = byId.get(d.on)!;
        // Zod still runs this check when lagDays failed its own (0 to 730); a huge lag is no date at all.
        if (!isIsoDate(before.start) || !isIsoDate(before.end) || !Number.isInteger(d.lagDays) || d.lagDays < 0 || d.lagDays > 730) continue;
        if (daysBetween(addDays(finishOf(before), d.lagDays), item.start) < 0) {
          ctx.addIssue({ code: "custom", path: ["items", i, "start"], message: `${item.label} comes after ${before.label} but starts before it finishes.` });
        }
      }
    });
  })
  .transform((t): Timeline => ({ ...t, items: placeAlongside(t.items) }));

export function findCycle(nodes: { id: string; deps: string[] }[]): string[] | null {
  const deps = new Map(nodes.map((n) => [n.id, n.deps]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      const c = deps.has(d) ? visit(d) : null;
      if (c) return c;
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const n of nodes) {
    const c = visit(n.id);
    if (c) return c;
  }
  return null;
}

/** Items ordered so that every item comes after what it depends on. */
export function topologicalOrder<T extends { id: string; dependencies: Dependency[] }>(items: T[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (item: T) => {
    if (done.has(item.id)) return;
    done.add(item.id);
    for (const d of item.dependencies) {
      const dep = byId.get(d.on);
      if (dep) visit(dep);
    }
    out.push(item);
  };
  items.forEach(visit);
  return out;
}

export function placeAlongside(items: TimelineItem[]): TimelineItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return items.map((item) => {
    if (!item.alongside) return item;
    const from = byId.get(item.alongside.from)!;
    const to = byId.get(item.alongside.to)!;
    const end = daysBetween(from.start, to.end) >= 0 ? to.end : from.start;
    return { ...item, start: from.start, end: item.kind === "milestone" ? from.start : end };
  });
}

export function findItem(timeline: Timeline, itemId: string): TimelineItem {
  const item = timeline.items.find((i) => i.id === itemId);
  if (!item) throw new TimelineError(`There is no item "${itemId}" on this timeline.`);
  return item;
}

export function requireDate(value: string, what: string): IsoDate {
  if (!isIsoDate(value)) throw new TimelineError(notADateWords(what, value), what === "The end" ? "end" : "start");
  return value;
}

/** The earliest day an item can start, given what it depends on (null when it depends on nothing). */

/** Every month the timeline touches, in order. */
export function timelineMonths(timeline: Timeline): Month[] {
  return monthRange(monthOf(timelineStart(timeline)), monthOf(timelineEnd(timeline)));
}

/**
 * How long the plan runs, in whole months, as the proposal says it ("runs for 17 months") and the
 * options on the Proposal page count it: first day to last, rounded.
 */
export function wholeMonths(t: Timeline): number {
  return Math.round(calendarMonths(timelineStart(t), addDays(timelineEnd(t), 1)));
}

/** Length of the method's span (e.g. prework to congress) in months, to one decimal. */
export function spanMonths(timeline: Timeline): number {
  const from = findItem(timeline, timeline.span.from);
  const to = findItem(timeline, timeline.span.to);
  return Math.round(calendarMonths(from.start, finishOf(to)) * 10) / 10;
}

/** Zod issues as "items[3].start: Start must be a date…" lines, for error messages that name the field. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/**
 * Whether a day falls in the year-end break, 24 December to 1 January, when most of the people an event
 * brings together are away: a generated event is not placed in it (docs/domain.md §8.6).
 */
export function inYearEndBreak(date: IsoDate): boolean {
  const monthDay = date.slice(5);
  return monthDay >= "12-24" || monthDay === "01-01";
}

/**
 * The working-day test for a country: weekdays that are not its listed public holidays; a country
 * with no holiday data, or none, has weekends only (docs/domain.md §8.6).
 */
export function workingDays(country: string | null | undefined): (date: IsoDate) => boolean {
  const calendar: HolidayCountry = country && isHolidayCountry(country) ? country : "none";
  return (date) => isWorkingDay(date, calendar);
}

/**
 * The same test on day numbers (calendar.ts `dayOf`), for timeline generation, which asks about the
 * same days many times over. A day's answer never changes (holidays are fixed data), so it is kept.
 * Days past what the holiday data knows are judged as holidays.ts `isWorkingDay` says.
 */
export function workingDayNumbers(country: string | null | undefined): (day: number) => boolean {
  const calendar: HolidayCountry = country && isHolidayCountry(country) ? country : "none";
  let known = workingDayNumberMemo.get(calendar);
  if (!known) workingDayNumberMemo.set(calendar, (known = new Map()));
  const days = known;
  return (day) => {
    let working = days.get(day);
    if (working === undefined) {
      const date = dateOfDay(day);
      working = isWorkingDay(date, calendar);
      if (days.size >= WORKING_DAY_NUMBER_MEMO_LIMIT) days.clear();
      days.set(day, working);
    }
    return working;
  };
}

/** About 27 years of days per calendar. */
const WORKING_DAY_NUMBER_MEMO_LIMIT = 10_000;
const workingDayNumberMemo = new Map<HolidayCountry, Map<number, boolean>>();
