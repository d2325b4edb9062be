import { z } from "zod";
import {
  addDays,
  addMonths,
  calendarMonths,
  daysBetween,
  formatDate,
  isIsoDate,
  isMonth,
  LAST_YEAR,
  monthOf,
  monthRange,
  monthsBetween,
  parseStart,
  type IsoDate,
  type Month,
} from "./calendar";
import { METHODS, METHOD_LABELS, type Method } from "./methods";
import { plural } from "./plural";
import { stripControlChars } from "./text";

/* ------------------------------------------------------------------------------------------------
 * Templates (docs-templates/timelines/*.json)
 * ---------------------------------------------------------------------------------------------- */

export const ITEM_KINDS = ["phase", "event", "milestone", "recurring"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  phase: "Phase",
  event: "Event",
  milestone: "Milestone",
  recurring: "Recurring activity",
};

export const RECURRENCES = ["weekly", "monthly", "quarterly"] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const ITEM_ID = /^[a-z][a-z0-9_]{0,63}$/;
const idSchema = (what: string) =>
  z.string({ error: `${what} is required.` }).regex(ITEM_ID, `${what} must be lower-case letters, digits and _ (at most 64), starting with a letter.`);

const SourceKeys = z.array(z.string().regex(/^[A-Z]{1,3}\d{1,3}$/, "Source keys look like S5 or C12 (docs/domain.md §12).")).default([]);

const TemplateItemSchema = z
  .object({
    key: idSchema("Item key"),
    label: z.string().min(1, "Label is required.").max(200),
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

export type Dependency = { on: string; lagDays: number };

export type TimelineItem = {
  id: string;
  label: string;
  kind: ItemKind;
  stream: string;
  /** First day. */
  start: IsoDate;
  /** Last day, included; a milestone's end is its start. */
  end: IsoDate;
  /** Finish to start: this item starts no earlier than `lagDays` after each of these finishes. */
  dependencies: Dependency[];
  /** What demand rules key on, e.g. "learning_session". */
  roleTags: string[];
  /** A recurring activity that takes its dates from other items: `from`'s start to `to`'s end. */
  alongside?: { from: string; to: string };
  recurrence?: Recurrence;
  /** For a wave: its share of the sites or teams (0–1]; demand per team uses it. */
  teamShare?: number;
  note?: string;
};

export type Timeline = {
  method: Method;
  streams: { key: string; label: string }[];
  items: TimelineItem[];
  /** The span the method's duration range is counted over, e.g. prework to congress. */
  span: { from: string; to: string; months: number; minMonths: number; maxMonths: number };
  generatedFrom: { start: IsoDate; horizonMonths: number | null; teams: number; templateVersion: number };
  warnings: string[];
};

export class TimelineError extends Error {
  override name = "TimelineError";
}

/**
 * A move to before the end of an item this one depends on. It is refused rather than quietly moved
 * back: the message names that item, and the dependency can be removed if it no longer holds.
 */
export class DependencyError extends TimelineError {
  override name = "DependencyError";
  constructor(readonly itemId: string, readonly dependency: { id: string; label: string }, message: string) {
    super(message);
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
      teams: z.number().int().min(1),
      templateVersion: z.number().int().positive(),
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
          ctx.addIssue({ code: "custom", path: ["items", i, "dependencies", j, "on"], message: `"${d.on}" is not an item this one can depend on.` });
        }
      });
      if (item.alongside) {
        if (item.dependencies.length)
          ctx.addIssue({ code: "custom", path: ["items", i, "dependencies"], message: "An item that runs alongside others cannot have dependencies." });
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
        message: `Dependencies go round in a circle: ${cycle.join(" → ")}.`,
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
          ctx.addIssue({ code: "custom", path: ["items", i, "start"], message: `${item.label} starts before ${before.label} finishes, which it depends on.` });
        }
      }
    });
  })
  .transform((t): Timeline => ({ ...t, items: placeAlongside(t.items) }));

/** Day after the last day (a milestone: its own day), the earliest a successor can start. */
function finishOf(item: Pick<TimelineItem, "kind" | "start" | "end">): IsoDate {
  return item.kind === "milestone" ? item.start : addDays(item.end, 1);
}

function durationDays(item: Pick<TimelineItem, "kind" | "start" | "end">): number {
  return item.kind === "milestone" ? 0 : daysBetween(item.start, item.end) + 1;
}

function findCycle(nodes: { id: string; deps: string[] }[]): string[] | null {
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
function topologicalOrder<T extends { id: string; dependencies: Dependency[] }>(items: T[]): T[] {
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

function placeAlongside(items: TimelineItem[]): TimelineItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return items.map((item) => {
    if (!item.alongside) return item;
    const from = byId.get(item.alongside.from)!;
    const to = byId.get(item.alongside.to)!;
    const end = daysBetween(from.start, to.end) >= 0 ? to.end : from.start;
    return { ...item, start: from.start, end: item.kind === "milestone" ? from.start : end };
  });
}

/* ------------------------------------------------------------------------------------------------
 * Generating a timeline from a template
 * ---------------------------------------------------------------------------------------------- */

type Draft = {
  id: string;
  tpl: TimelineTemplateItem;
  label: string;
  dependencies: Dependency[];
  alongside?: { from: string; to: string };
  months?: number;
  days?: number;
  teamShare?: number;
};

const DEFAULT_MIN_FLEX_DAYS = 14;

export type GenerateOptions = {
  /** "YYYY-MM" (its first day) or "YYYY-MM-DD". */
  start: string;
  /** The longest the partner can commit to, in months; the method's span is kept within it where the method allows. */
  horizonMonths?: number | null;
  /** Number of teams or sites. */
  teams?: number;
};

/**
 * Lays out a template from a start date. The method's span (e.g. prework to congress) is `defaultMonths`
 * long, shortened to the partner's horizon but never below the method's minimum; the planning phases
 * before it and the phases after it keep their template durations. The "flex" items absorb the change.
 */
export function generateTimeline(template: TimelineTemplate, options: GenerateOptions): Timeline {
  const start = parseStart(options.start);
  if (!start) throw new TimelineError(`"${options.start}" is not a start month (YYYY-MM) or date (YYYY-MM-DD).`);
  const horizon = options.horizonMonths ?? null;
  if (horizon !== null && !(Number.isInteger(horizon) && horizon >= 1)) throw new TimelineError("The horizon must be a whole number of months.");
  if (options.teams !== undefined && !(Number.isFinite(options.teams) && options.teams >= 1)) {
    throw new TimelineError(`The number of ${template.scale.noun} must be at least 1.`);
  }
  const teams = Math.round(options.teams ?? template.scale.defaultTeams);
  const range = template.durationRange;
  const warnings: string[] = [];
  const methodLabel = METHOD_LABELS[template.method];
  const spanLabel = (key: string) => template.items.find((i) => i.key === key)?.label ?? key;
  const spanWords = `from ${spanLabel(range.from)} to ${spanLabel(range.to)}`;

  let months = range.defaultMonths;
  if (horizon !== null && horizon < months) months = Math.max(horizon, range.minMonths);
  if (horizon !== null && horizon < range.minMonths) {
    warnings.push(
      `The partner can commit to ${horizon} months, but a ${methodLabel} needs at least ${range.minMonths} months ${spanWords}; the timeline uses ${range.minMonths}.`
    );
  }

  const { drafts, rename } = expandWaves(template, teams);
  const spanFrom = rename(range.from, "first");
  const spanTo = rename(range.to, "last");

  let scheduled = scheduleDrafts(drafts, start);
  for (let attempt = 0; attempt < 5; attempt++) {
    const from = scheduled.get(spanFrom)!;
    const to = scheduled.get(spanTo)!;
    const target = daysBetween(from.start, addMonths(from.start, months));
    const diff = target - daysBetween(from.start, finishOf(to));
    if (diff === 0 || !stretch(drafts, scheduled, diff)) break;
    scheduled = scheduleDrafts(drafts, start);
  }

  const items = placeAlongside(drafts.map((d) => scheduled.get(d.id)!));
  const from = items.find((i) => i.id === spanFrom)!;
  const to = items.find((i) => i.id === spanTo)!;
  const actualMonths = calendarMonths(from.start, finishOf(to));
  if (horizon !== null && actualMonths > Math.max(horizon, range.minMonths) + 0.001) {
    warnings.push(`The timeline runs ${actualMonths.toFixed(1)} months ${spanWords}, longer than the partner's horizon of ${horizon} months.`);
  }

  return {
    method: template.method,
    streams: template.streams.map((s) => ({ key: s.key, label: s.label })),
    items,
    span: { from: spanFrom, to: spanTo, months, minMonths: range.minMonths, maxMonths: range.maxMonths },
    generatedFrom: { start, horizonMonths: horizon, teams, templateVersion: template.version },
    warnings,
  };
}

/** Splits the item marked `waves` into one item per wave, by the number of teams, and rewires what refers to it. */
function expandWaves(template: TimelineTemplate, teams: number) {
  const waved = template.items.find((i) => i.waves);
  const count = waved?.waves ? Math.min(waved.waves.maxWaves, Math.max(1, Math.ceil(teams / waved.waves.teamsPerWave))) : 1;
  const split = waved && count > 1;
  const waveId = (n: number) => `${waved!.key}_wave_${n}`;
  const rename = (key: string, end: "first" | "last") => (split && key === waved!.key ? waveId(end === "first" ? 1 : count) : key);
  const drafts: Draft[] = [];
  for (const tpl of template.items) {
    const dependencies = tpl.dependsOn.map((d) => ({ on: rename(d.key, "last"), lagDays: d.lagDays }));
    const alongside = tpl.alongside ? { from: rename(tpl.alongside.from, "first"), to: rename(tpl.alongside.to, "last") } : undefined;
    if (split && tpl === waved) {
      const totalDays = tpl.duration?.days ?? Math.round((tpl.duration?.months ?? 1) * (365.25 / 12));
      for (let n = 1; n <= count; n++) {
        drafts.push({
          id: waveId(n),
          tpl,
          label: `${tpl.label}: wave ${n} of ${count}`,
          dependencies: n === 1 ? dependencies : [{ on: waveId(n - 1), lagDays: 0 }],
          days: Math.max(1, Math.round(totalDays / count)),
          teamShare: 1 / count,
        });
      }
      continue;
    }
    drafts.push({
      id: tpl.key,
      tpl,
      label: tpl.label,
      dependencies,
      alongside,
      months: tpl.duration?.months,
      days: tpl.duration?.days,
      teamShare: tpl === waved ? 1 : undefined,
    });
  }
  return { drafts, rename };
}

/** Each item as early as its dependencies allow (items without any start on the timeline's start). */
function scheduleDrafts(drafts: Draft[], start: IsoDate): Map<string, TimelineItem> {
  const out = new Map<string, TimelineItem>();
  for (const d of topologicalOrder(drafts)) {
    let s = start;
    for (const dep of d.dependencies) {
      const before = out.get(dep.on);
      if (!before) continue;
      const earliest = addDays(finishOf(before), dep.lagDays);
      if (daysBetween(s, earliest) > 0) s = earliest;
    }
    const kind = d.tpl.kind;
    const end = kind === "milestone" ? s : d.months !== undefined ? addDays(addMonths(s, d.months), -1) : addDays(s, Math.max(1, d.days ?? 1) - 1);
    const item: TimelineItem = {
      id: d.id,
      label: d.label,
      kind,
      stream: d.tpl.stream,
      start: s,
      end,
      dependencies: d.dependencies,
      roleTags: [...d.tpl.roleTags],
    };
    if (d.alongside) item.alongside = d.alongside;
    if (d.tpl.recurrence) item.recurrence = d.tpl.recurrence;
    if (d.teamShare !== undefined) item.teamShare = d.teamShare;
    if (d.tpl.note) item.note = d.tpl.note;
    out.set(d.id, item);
  }
  return out;
}

/** Spreads `diff` days over the flex items in proportion to their length. False when nothing could change. */
function stretch(drafts: Draft[], scheduled: Map<string, TimelineItem>, diff: number): boolean {
  const flex = drafts.filter((d) => d.tpl.flex && !d.alongside);
  if (!flex.length) return false;
  const lengths = flex.map((d) => durationDays(scheduled.get(d.id)!));
  const total = lengths.reduce((a, b) => a + b, 0);
  const shares = lengths.map((len) => Math.trunc((diff * len) / total));
  shares[lengths.indexOf(Math.max(...lengths))] += diff - shares.reduce((a, b) => a + b, 0);
  let changed = false;
  flex.forEach((d, i) => {
    const next = Math.max(d.tpl.minDays ?? DEFAULT_MIN_FLEX_DAYS, lengths[i] + shares[i]);
    if (next !== lengths[i]) changed = true;
    d.days = next;
    d.months = undefined;
  });
  return changed;
}

/* ------------------------------------------------------------------------------------------------
 * Editing: moving an item moves what depends on it
 * ---------------------------------------------------------------------------------------------- */

function findItem(timeline: Timeline, itemId: string): TimelineItem {
  const item = timeline.items.find((i) => i.id === itemId);
  if (!item) throw new TimelineError(`There is no item "${itemId}" on this timeline.`);
  return item;
}

function requireDate(value: string, what: string): IsoDate {
  if (!isIsoDate(value)) throw new TimelineError(`${what} must be a date in the form YYYY-MM-DD.`);
  return value;
}

/** The earliest day an item can start, given what it depends on (null when it depends on nothing). */
export function earliestStartFor(timeline: Timeline, itemId: string): IsoDate | null {
  const item = findItem(timeline, itemId);
  let earliest: IsoDate | null = null;
  for (const d of item.dependencies) {
    const candidate = addDays(finishOf(findItem(timeline, d.on)), d.lagDays);
    if (earliest === null || daysBetween(earliest, candidate) > 0) earliest = candidate;
  }
  return earliest;
}

/**
 * Moves an item, keeping its length. It never starts before what it depends on ends (that is refused,
 * see DependencyError). What depends on it moves with it, keeping its gap after the latest of its own
 * dependencies.
 */
export function moveItem(timeline: Timeline, itemId: string, newStart: IsoDate): Timeline {
  const item = findItem(timeline, itemId);
  requireDate(newStart, "The new start");
  const length = daysBetween(item.start, item.end);
  return reschedule(timeline, item, newStart, (start) => addDays(start, length));
}

/** Sets an item's start and end (its length may change); what depends on it keeps its gap to its finish. */
export function setItemDates(timeline: Timeline, itemId: string, dates: { start: IsoDate; end: IsoDate }): Timeline {
  const item = findItem(timeline, itemId);
  requireDate(dates.start, "The start");
  requireDate(dates.end, "The end");
  if (daysBetween(dates.start, dates.end) < 0) throw new TimelineError(`${item.label} cannot end before it starts.`);
  const length = daysBetween(dates.start, dates.end);
  return reschedule(timeline, item, dates.start, (start) => addDays(start, length));
}

export function setItemLabel(timeline: Timeline, itemId: string, label: string): Timeline {
  findItem(timeline, itemId);
  const clean = Array.from(stripControlChars(label).replace(/\s+/g, " ").trim()).slice(0, 300).join("").trim();
  if (!clean) throw new TimelineError("A label is required.");
  return { ...timeline, items: timeline.items.map((i) => (i.id === itemId ? { ...i, label: clean } : i)) };
}

/** Removes one of an item's dependencies: it may then start before that item ends. */
export function removeDependency(timeline: Timeline, itemId: string, on: string): Timeline {
  const item = findItem(timeline, itemId);
  if (!item.dependencies.some((d) => d.on === on)) throw new TimelineError(`${item.label} does not depend on that item any more.`);
  return { ...timeline, items: timeline.items.map((i) => (i.id === itemId ? { ...i, dependencies: i.dependencies.filter((d) => d.on !== on) } : i)) };
}

/** Refuses a start before the end (and the gap after it) of what the item depends on, naming the latest such item. */
function requireAfterDependencies(timeline: Timeline, item: TimelineItem, start: IsoDate) {
  let blocking: { dep: TimelineItem; earliest: IsoDate; lagDays: number } | null = null;
  for (const d of item.dependencies) {
    const dep = findItem(timeline, d.on);
    const earliest = addDays(finishOf(dep), d.lagDays);
    if (daysBetween(start, earliest) > 0 && (!blocking || daysBetween(blocking.earliest, earliest) > 0)) blocking = { dep, earliest, lagDays: d.lagDays };
  }
  if (!blocking) return;
  const { dep, earliest, lagDays } = blocking;
  const after = lagDays
    ? `${lagDays} days after ${dep.label} ends (on ${formatDate(dep.kind === "milestone" ? dep.start : dep.end)})`
    : `${dep.label} ends (on ${formatDate(dep.kind === "milestone" ? dep.start : dep.end)})`;
  throw new DependencyError(
    item.id,
    { id: dep.id, label: dep.label },
    `${item.label} comes after ${dep.label}: it cannot start before ${after}. Choose ${formatDate(earliest)} or later, or remove that dependency.`
  );
}

function reschedule(timeline: Timeline, item: TimelineItem, requestedStart: IsoDate, endFor: (start: IsoDate) => IsoDate): Timeline {
  if (item.alongside) {
    const byId = new Map(timeline.items.map((i) => [i.id, i]));
    throw new TimelineError(
      `${item.label} runs alongside ${byId.get(item.alongside.from)?.label} to ${byId.get(item.alongside.to)?.label}; move those instead.`
    );
  }
  requireAfterDependencies(timeline, item, requestedStart);
  const start = requestedStart;
  const moved: TimelineItem = { ...item, start, end: item.kind === "milestone" ? start : endFor(start) };

  const before = new Map(timeline.items.map((i) => [i.id, i]));
  const after = new Map(before);
  after.set(item.id, moved);
  for (const next of topologicalOrder(timeline.items)) {
    if (next.alongside || next.id === item.id) continue;
    if (!next.dependencies.some((d) => after.get(d.on) !== before.get(d.on))) continue;
    // The item keeps its own gap after whichever dependency drives it, and follows the driving one.
    const latestFinish = (dates: Map<string, TimelineItem>) =>
      next.dependencies.reduce<IsoDate | null>((max, d) => {
        const candidate = addDays(finishOf(dates.get(d.on)!), d.lagDays);
        return max === null || candidate > max ? candidate : max;
      }, null)!;
    const gap = Math.max(0, daysBetween(latestFinish(before), next.start));
    const newStart = addDays(latestFinish(after), gap);
    if (newStart === next.start) continue;
    const shift = daysBetween(next.start, newStart);
    after.set(next.id, { ...next, start: newStart, end: addDays(next.end, shift) });
  }
  const result = { ...timeline, items: placeAlongside(timeline.items.map((i) => after.get(i.id)!)) };
  const end = timelineEnd(result);
  if (!isIsoDate(end)) throw new TimelineError(`${item.label} cannot move there: the timeline would end on ${end}, after ${LAST_YEAR}.`);
  return result;
}

/** The whole timeline moved so that it starts at `newStart` (a month keeps the day of the month). */
export function shiftTimeline(timeline: Timeline, newStart: Month | IsoDate): Timeline {
  const first = timelineStart(timeline);
  const target = isMonth(newStart) ? addMonths(first, monthsBetween(monthOf(first), newStart)) : requireDate(newStart, "The new start");
  const shift = daysBetween(first, target);
  if (shift === 0) return timeline;
  return {
    ...timeline,
    items: timeline.items.map((i) => ({ ...i, start: addDays(i.start, shift), end: addDays(i.end, shift) })),
    generatedFrom: { ...timeline.generatedFrom, start: addDays(timeline.generatedFrom.start, shift) },
  };
}

export function timelineStart(timeline: Timeline): IsoDate {
  return timeline.items.reduce((min, i) => (i.start < min ? i.start : min), timeline.items[0].start);
}

export function timelineEnd(timeline: Timeline): IsoDate {
  return timeline.items.reduce((max, i) => (i.end > max ? i.end : max), timeline.items[0].end);
}

/** Every month the timeline touches, in order. */
export function timelineMonths(timeline: Timeline): Month[] {
  return monthRange(monthOf(timelineStart(timeline)), monthOf(timelineEnd(timeline)));
}

/** Length of the method's span (e.g. prework to congress) in months, to one decimal. */
export function spanMonths(timeline: Timeline): number {
  const from = findItem(timeline, timeline.span.from);
  const to = findItem(timeline, timeline.span.to);
  return Math.round(calendarMonths(from.start, finishOf(to)) * 10) / 10;
}

/** Why a generated timeline no longer matches the engagement; empty when it still does. */
export function staleReasons(timeline: Timeline, current: { method: Method; start: string; horizonMonths?: number | null; teams?: number }): string[] {
  const reasons: string[] = [];
  const g = timeline.generatedFrom;
  if (current.method !== timeline.method) {
    reasons.push(`The method changed from ${METHOD_LABELS[timeline.method]} to ${METHOD_LABELS[current.method]}.`);
  }
  const start = parseStart(current.start);
  if (start && start !== g.start) reasons.push(`The start changed from ${formatDate(g.start)} to ${formatDate(start)}.`);
  if (current.horizonMonths !== undefined && (current.horizonMonths ?? null) !== g.horizonMonths) {
    reasons.push(`The partner's horizon changed from ${g.horizonMonths ?? "none"} to ${current.horizonMonths ?? "none"} months.`);
  }
  if (current.teams !== undefined && current.teams !== g.teams) reasons.push(`The scale changed from ${g.teams} to ${current.teams}.`);
  return reasons;
}

/* ------------------------------------------------------------------------------------------------
 * Critical path
 * ---------------------------------------------------------------------------------------------- */

export type CriticalPath = {
  /** Items with no slack, in date order. */
  itemIds: string[];
  /** Days each item could slip without delaying the end of the timeline. */
  floatDays: Record<string, number>;
  /** The day after the last item finishes. */
  finish: IsoDate;
};

/**
 * Backward pass over the dates as they are: an item is critical when slipping it by a day delays the
 * timeline's finish. Items running alongside others follow their anchors and are never critical.
 */
export function criticalPath(timeline: Timeline): CriticalPath {
  const items = timeline.items.filter((i) => !i.alongside);
  const finish = items.reduce((max, i) => (finishOf(i) > max ? finishOf(i) : max), finishOf(items[0]));
  const successors = new Map<string, { item: TimelineItem; lagDays: number }[]>();
  for (const item of items) {
    for (const d of item.dependencies) successors.set(d.on, [...(successors.get(d.on) ?? []), { item, lagDays: d.lagDays }]);
  }
  const latestFinish = new Map<string, IsoDate>();
  for (const item of topologicalOrder(items).reverse()) {
    let lf = finish;
    for (const s of successors.get(item.id) ?? []) {
      const latestStart = addDays(latestFinish.get(s.item.id)!, -durationDays(s.item) - s.lagDays);
      if (latestStart < lf) lf = latestStart;
    }
    latestFinish.set(item.id, lf);
  }
  const floatDays: Record<string, number> = {};
  for (const item of items) floatDays[item.id] = daysBetween(finishOf(item), latestFinish.get(item.id)!);
  const itemIds = items
    .filter((i) => floatDays[i.id] <= 0)
    .sort((a, b) => (a.start === b.start ? durationDays(a) - durationDays(b) : a.start < b.start ? -1 : 1))
    .map((i) => i.id);
  return { itemIds, floatDays, finish };
}

/* ------------------------------------------------------------------------------------------------
 * What changes when a timeline is regenerated
 * ---------------------------------------------------------------------------------------------- */

export type TimelineChange =
  | { type: "added"; id: string; label: string; start: IsoDate; end: IsoDate; description: string }
  | { type: "removed"; id: string; label: string; start: IsoDate; end: IsoDate; description: string }
  | {
      type: "moved";
      id: string;
      label: string;
      from: { start: IsoDate; end: IsoDate };
      to: { start: IsoDate; end: IsoDate };
      startShiftDays: number;
      endShiftDays: number;
      description: string;
    }
  | { type: "renamed"; id: string; label: string; previousLabel: string; description: string };

export type TimelineDiff = {
  changes: TimelineChange[];
  added: number;
  removed: number;
  moved: number;
  unchanged: number;
  isEmpty: boolean;
  /** One sentence per change, e.g. "Learning Session 2 moves 3 weeks later". */
  summary: string[];
};

/** How far a date moves, in words: "3 days later", "3 weeks later", "about 2 months earlier". */
export function describeShift(from: IsoDate, to: IsoDate): string {
  const days = daysBetween(from, to);
  const n = Math.abs(days);
  const direction = days > 0 ? "later" : "earlier";
  if (n === 0) return "the same day";
  const months = monthsBetween(monthOf(from), monthOf(to));
  if (n >= 28 && months !== 0 && addMonths(from, months) === to) return `${plural(Math.abs(months), "month")} ${direction}`;
  if (n < 14) return `${plural(n, "day")} ${direction}`;
  if (n < 63) return `${n % 7 === 0 ? "" : "about "}${plural(Math.round(n / 7), "week")} ${direction}`;
  return `about ${plural(Math.round(n / (365.25 / 12)), "month")} ${direction}`;
}

export function diffTimelines(previous: Timeline, next: Timeline): TimelineDiff {
  const old = new Map(previous.items.map((i) => [i.id, i]));
  const now = new Map(next.items.map((i) => [i.id, i]));
  const changes: TimelineChange[] = [];
  let unchanged = 0;
  const when = (i: TimelineItem) =>
    i.kind === "milestone" || i.start === i.end ? `on ${formatDate(i.start)}` : `from ${formatDate(i.start)} to ${formatDate(i.end)}`;

  for (const item of previous.items) {
    if (!now.has(item.id)) {
      changes.push({
        type: "removed",
        id: item.id,
        label: item.label,
        start: item.start,
        end: item.end,
        description: `${item.label} is removed (it was ${when(item)})`,
      });
    }
  }
  for (const item of next.items) {
    const was = old.get(item.id);
    if (!was) {
      changes.push({ type: "added", id: item.id, label: item.label, start: item.start, end: item.end, description: `${item.label} is added, ${when(item)}` });
      continue;
    }
    let same = true;
    if (was.label !== item.label) {
      same = false;
      changes.push({ type: "renamed", id: item.id, label: item.label, previousLabel: was.label, description: `${was.label} is now called ${item.label}` });
    }
    if (was.start !== item.start || was.end !== item.end) {
      same = false;
      const startShiftDays = daysBetween(was.start, item.start);
      const endShiftDays = daysBetween(was.end, item.end);
      let description: string;
      if (startShiftDays === 0) description = `${item.label} now ends ${describeShift(was.end, item.end)}`;
      else if (endShiftDays === startShiftDays) description = `${item.label} moves ${describeShift(was.start, item.start)}`;
      else description = `${item.label} moves ${describeShift(was.start, item.start)} and now ends ${describeShift(was.end, item.end)}`;
      changes.push({
        type: "moved",
        id: item.id,
        label: item.label,
        from: { start: was.start, end: was.end },
        to: { start: item.start, end: item.end },
        startShiftDays,
        endShiftDays,
        description,
      });
    }
    if (same) unchanged++;
  }
  const count = (type: TimelineChange["type"]) => changes.filter((c) => c.type === type).length;
  return {
    changes,
    added: count("added"),
    removed: count("removed"),
    moved: count("moved"),
    unchanged,
    isEmpty: changes.length === 0,
    summary: changes.map((c) => c.description),
  };
}

/** Zod issues as "items[3].start: Start must be a date…" lines, for error messages that name the field. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), "");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** One row of the timeline table as posted: the item's new label and dates, and the values the user started from. */
export type ItemForm = {
  itemId: string;
  label: string;
  start: IsoDate;
  end?: IsoDate;
  originalLabel?: string;
  originalStart?: IsoDate;
  originalEnd?: IsoDate;
};

/**
 * Applies a table row's changes as one edit: a new label renames; a new end sets both dates (the item's
 * length may change); a new start alone moves the item, keeping its length. What depends on a moved
 * item moves with it. Returns what kind of change it was, for the audit trail.
 */
export function applyItemForm(timeline: Timeline, form: ItemForm): { timeline: Timeline; changes: ("rename" | "move")[] } {
  let next = timeline;
  const changes: ("rename" | "move")[] = [];
  if (form.label !== (form.originalLabel ?? form.label)) {
    next = setItemLabel(next, form.itemId, form.label);
    changes.push("rename");
  }
  if (form.end !== undefined && form.end !== form.originalEnd) {
    next = setItemDates(next, form.itemId, { start: form.start, end: form.end });
    changes.push("move");
  } else if (form.start !== form.originalStart) {
    next = moveItem(next, form.itemId, form.start);
    changes.push("move");
  }
  return { timeline: next, changes };
}
