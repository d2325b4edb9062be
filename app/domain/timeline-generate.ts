import { addDays, addMonthsToDay, calendarMonths, dateOfDay, dayOf, formatDate, formatMonth, monthOf, parseStart, type IsoDate } from "./calendar";
import { LRUCache } from "lru-cache";
import { collaborativeWaves, METHOD_LABELS, type Method } from "./methods";
import { countryName } from "./countries";
import { formatCount, plural } from "./plural";
import type { PartnerTimeFit } from "./method-recommendation";
import { bindingDeadline, deadlinePointOf, hasLimits, keepsTime, partnerTime, timeLimits, type MethodLength } from "./timeline-constraints";
import {
  findItem,
  inYearEndBreak,
  placeAlongside,
  timelineEnd,
  TimelineError,
  timelineStart,
  topologicalOrder,
  workingDayNumbers,
  type Dependency,
  type Timeline,
  type TimelineItem,
  type TimelineTemplate,
  type TimelineTemplateItem,
} from "./timeline";

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
/** How far past its target day a span may end when its last event waits for a run of working days. */
const WORKING_SLACK_DAYS = 7;

export type GenerateOptions = {
  /** "YYYY-MM" (its first day) or "YYYY-MM-DD". */
  start: string;
  /** The longest the partner can commit to, in months, for the whole plan (docs/domain.md §8.6). */
  horizonMonths?: number | null;
  /** YYYY-MM-DD: the method's deadline point falls on or before it. */
  hardDeadline?: string | null;
  /** YYYY-MM: the aim's "by when"; the deadline point falls within that month or before. */
  aimBy?: string | null;
  /** Number of teams or sites. */
  teams?: number;
  /** The organisation's country (ISO 3166 code): events avoid its public holidays; none or unknown → weekends only (docs/domain.md §8.6). */
  country?: string | null;
  /**
   * The first day the plan may begin, when later than the start's (planning-inputs.ts `firstPlanDay`:
   * a start in the month under way begins on the next working day). The plan is laid out from it, and
   * remembers it (`generatedFrom.laidOutFrom`); what it was generated from stays the start.
   */
  notBefore?: IsoDate | null;
};

/**
 * Lays out a template from a start date, keeping the partner's time (docs/domain.md §8.6). The method's
 * span (e.g. prework to congress) is its default length (a method that takes the time available, such as
 * a campaign, starts from its maximum); when the whole plan would not fit the longest duration, or its
 * deadline point would fall after the deadline, the span is the longest that keeps them, down to the
 * method's minimum. The planning phases before the span and the phases after it keep their template
 * durations; the "flex" items absorb the change. Whether the result keeps the partner's time is said by
 * checkTime (timeline-constraints.ts).
 */
export function generateTimeline(template: TimelineTemplate, options: GenerateOptions): Timeline {
  return generate(template, options, copyOfLayout);
}

/**
 * The timeline generateTimeline gives, sharing its items with every other reader of the same layout:
 * for code that only reads it (the fit searches, which lay out every method at every start month they
 * try). Its items are frozen: changing one throws.
 */
export function generateTimelineToRead(template: TimelineTemplate, options: GenerateOptions): Timeline {
  return generate(template, options, (kept, generatedFrom) => ({ ...kept, generatedFrom }));
}

function generate(
  template: TimelineTemplate,
  options: GenerateOptions,
  give: (kept: Timeline, generatedFrom: Timeline["generatedFrom"]) => Timeline
): Timeline {
  const asked = parseStart(options.start);
  if (!asked) throw new TimelineError(`"${options.start}" is not a start month (YYYY-MM) or date (YYYY-MM-DD).`);
  const start = options.notBefore && options.notBefore > asked ? options.notBefore : asked;
  const horizon = options.horizonMonths ?? null;
  if (horizon !== null && !(Number.isInteger(horizon) && horizon >= 1)) throw new TimelineError("The horizon must be a whole number of months.");
  if (options.teams !== undefined && !(Number.isFinite(options.teams) && options.teams >= 1)) {
    throw new TimelineError(`The number of ${template.scale.noun} must be at least 1.`);
  }
  const teams = Math.round(options.teams ?? template.scale.defaultTeams);
  const limits = timeLimits({ horizonMonths: horizon, hardDeadline: options.hardDeadline, aimBy: options.aimBy });
  const range = template.durationRange;
  const limited = hasLimits(limits);
  const longest = limited && range.fill === "available" ? range.maxMonths : range.defaultMonths;

  const laidOut = (months: number) => keptLayOut(template, start, teams, months, options.country ?? null);
  let timeline = laidOut(longest);
  if (limited && !keepsTime(timeline, limits) && longest > range.minMonths) {
    // A shorter span never ends the plan later, so the lengths that keep the partner's time are the
    // shortest ones: the longest of them is found by halving, not by trying each month in turn. None
    // keeps it: the shortest, the closest the method comes.
    let low = range.minMonths;
    let high = longest - 1;
    let kept: Timeline | null = null;
    let shortest: Timeline | null = null;
    while (low <= high) {
      const months = Math.floor((low + high) / 2);
      const candidate = laidOut(months);
      if (months === range.minMonths) shortest = candidate;
      if (keepsTime(candidate, limits)) {
        kept = candidate;
        low = months + 1;
      } else high = months - 1;
    }
    // When no length keeps it, the halving has come down to the shortest and laid it out.
    timeline = kept ?? shortest!;
  }
  // The layouts are kept and shared: the caller is given its own copy, or the kept one to read.
  return give(timeline, {
    ...timeline.generatedFrom,
    start: asked,
    ...(start !== asked ? { laidOutFrom: start } : {}),
    teams,
    horizonMonths: horizon,
    hardDeadline: limits.hardDeadline,
    aimBy: limits.aimBy,
    country: options.country ?? null,
  });
}

/** The method's plan with its span at its minimum (a kept layout: read it, never change it). */
function shortestPlan(template: TimelineTemplate, teams?: number): Timeline {
  return keptLayOut(template, "2027-01-01", Math.round(teams ?? template.scale.defaultTeams), template.durationRange.minMonths, null);
}

/**
 * Whether every plan laid out from the template begins on its start's first day: it has a phase that
 * waits for nothing, which is laid out there (phases keep to the calendar, not to working days), and
 * nothing is laid out before the start (dependencies only ever delay). A start given as a month
 * begins on its first day, so the plan's whole span begins in that month (demand.ts `firstMonthFloor`).
 */
export function beginsOnItsStart(template: TimelineTemplate): boolean {
  return template.items.some((i) => i.kind === "phase" && i.dependsOn.length === 0 && !i.alongside);
}

/** Where and within what a method's plan is judged: a start, the partner's time and the country's working days. */
export type PlanAt = Pick<GenerateOptions, "start" | "horizonMonths" | "hardDeadline" | "aimBy" | "country">;

/**
 * Each method's shortest whole plan (its span at its minimum, with its planning and follow-on), and that
 * span within it, for the "another method" choice of a time check and the Method page. Given `at`, also
 * whether the method's plan generated at that start keeps the partner's time (`keeps`): the verdict its
 * own timeline would be given, so that no page offers a method its timeline then says cannot keep it;
 * and whether its core does (`fits`): its span at its minimum within the months the partner's time gives
 * from that start (`partnerTime`), leaving only planning and follow-on that could be agreed or shortened.
 */
export function methodLengths(templates: TimelineTemplate[], teams?: number, at?: PlanAt): MethodLength[] {
  return templates.map((template) => {
    const t = shortestPlan(template, teams);
    const length: MethodLength = {
      method: template.method,
      minMonths: calendarMonths(timelineStart(t), addDays(timelineEnd(t), 1)),
      leadMonths: calendarMonths(timelineStart(t), findItem(t, t.span.from).start),
      ...(template.method === "collaborative" && collaborativeWaves(teams) > 1 ? { waves: collaborativeWaves(teams) } : {}),
      span: { months: template.durationRange.minMonths, from: findItem(t, t.span.from).label, to: findItem(t, t.span.to).label },
    };
    if (at) {
      const limits = timeLimits(at);
      const generated = hasLimits(limits) ? generateTimelineToRead(template, { ...at, teams }) : null;
      length.keeps = !generated || keepsTime(generated, limits);
      if (generated) length.deadlinePoint = deadlinePointOf(generated);
      // The months the partner's time gives from this start, as the Method, Fit and Timeline pages name them.
      const months = partnerTime(limits, monthOf(parseStart(at.start) ?? at.start)).months;
      length.fits = months === null || template.durationRange.minMonths <= months;
    }
    return length;
  });
}

/**
 * Whether each method's plan from `at` keeps the partner's time, its shortest whole plan and its
 * span, and the partner's time in words: what the method ranking weighs (docs/domain.md §2.2), for the
 * Method page, a frozen version and an imported bundle alike.
 */
export function partnerTimeFit(templates: TimelineTemplate[], teams: number | undefined, at: PlanAt): PartnerTimeFit {
  return {
    methods: Object.fromEntries(
      methodLengths(templates, teams, at).map((l) => [
        l.method,
        {
          keeps: l.keeps ?? true,
          fits: l.fits ?? true,
          minMonths: Math.round(l.minMonths),
          spanMonths: l.span?.months ?? 0,
          leadMonths: Math.round(l.leadMonths ?? 0),
          ...(l.deadlinePoint ? { deadlinePoint: l.deadlinePoint } : {}),
        },
      ])
    ),
    words: partnerTime(timeLimits(at), monthOf(parseStart(at.start) ?? at.start)).words,
    deadline: bindingDeadline(timeLimits(at)),
    ...(teams !== undefined ? { teams } : {}),
  };
}

/*
 * A template's layout is a pure function of the template, the start, the number of waves its teams make,
 * whether it is for one site (whose items may be worded for its wards and units), the span's length and
 * the country's working days: the number of teams itself only names how many the plan is for. The fit searches lay out every method at every start month they try, for each engagement
 * (docs/domain.md §8.3), and engagements share starts, countries and wave counts: a layout is kept
 * between requests, the least recently used forgotten first, and each caller given its own copy.
 * Templates are read once and never changed (a changed file is read into new objects), so a kept
 * layout cannot go stale.
 */
const KEPT_LAYOUTS = 4_000;
const keptLayouts = new LRUCache<string, Timeline>({ max: KEPT_LAYOUTS });
const templateIds = new WeakMap<TimelineTemplate, number>();
let nextTemplateId = 1;

/** The template laid out (`layOut`), kept: read it, never change it (generateTimeline hands out copies). */
function keptLayOut(template: TimelineTemplate, start: IsoDate, teams: number, months: number, country: string | null): Timeline {
  let id = templateIds.get(template);
  if (id === undefined) templateIds.set(template, (id = nextTemplateId++));
  // A plan of one site is worded for its wards and units (labelOf): its layout is its own.
  const key = `${id}|${start}|${waveCount(template, teams)}${teams === 1 ? "|one site" : ""}|${months}|${country ?? ""}`;
  let kept = keptLayouts.get(key);
  if (!kept) keptLayouts.set(key, (kept = frozen(layOut(template, start, teams, months, workingDayNumbers(country)))));
  return kept;
}

/** A kept layout as a timeline of its own: nothing in it shared with the kept one or another copy but the template's own parts. */
function copyOfLayout(kept: Timeline, generatedFrom: Timeline["generatedFrom"]): Timeline {
  return {
    ...kept,
    streams: kept.streams.map((s) => ({ ...s })),
    items: kept.items.map((item) => {
      const copy = { ...item, dependencies: item.dependencies.map((d) => ({ ...d })), roleTags: [...item.roleTags] };
      if (item.alongside) copy.alongside = { ...item.alongside };
      return copy;
    }),
    span: { ...kept.span },
    generatedFrom,
    warnings: [],
  };
}

/** A layout made read-only, all but the template's own parts it shares (an item's recurrence). */
function frozen(layout: Timeline): Timeline {
  for (const item of layout.items) {
    for (const d of item.dependencies) Object.freeze(d);
    Object.freeze(item.dependencies);
    Object.freeze(item.roleTags);
    if (item.alongside) Object.freeze(item.alongside);
    Object.freeze(item);
  }
  for (const stream of layout.streams) Object.freeze(stream);
  Object.freeze(layout.items);
  Object.freeze(layout.streams);
  Object.freeze(layout.span);
  Object.freeze(layout.warnings);
  return Object.freeze(layout);
}

/** How many waves the template's waved item is split into for `teams` (one when it has none). */
function waveCount(template: TimelineTemplate, teams: number): number {
  const waved = template.items.find((i) => i.waves);
  return waved?.waves ? Math.min(waved.waves.maxWaves, Math.max(1, Math.ceil(teams / waved.waves.teamsPerWave))) : 1;
}

function layOut(template: TimelineTemplate, start: IsoDate, teams: number, months: number, working: (day: number) => boolean): Timeline {
  const range = template.durationRange;
  const { drafts, rename } = expandWaves(template, teams);
  const spanFrom = rename(range.from, "first");
  const spanTo = rename(range.to, "last");
  const order = topologicalOrder(drafts);
  const first = dayOf(start);

  let scheduled = scheduleDrafts(order, first, working);
  // The span ends on its target day, or up to a week after it when its last event waits for a run of
  // working days: the closest such schedule is kept.
  let best: { diff: number; scheduled: Map<string, Slot> } | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const from = scheduled.get(spanFrom)!;
    const to = scheduled.get(spanTo)!;
    const target = addMonthsToDay(from.start, months) - from.start;
    const diff = target - (finish(to) - from.start);
    if (diff <= 0 && diff > -WORKING_SLACK_DAYS && (!best || diff > best.diff)) best = { diff, scheduled };
    if (diff === 0 || !stretch(drafts, scheduled, diff)) break;
    scheduled = scheduleDrafts(order, first, working);
  }
  if (best) scheduled = best.scheduled;

  const items = placeAlongside(drafts.map((d) => itemOf(d, scheduled.get(d.id)!)));
  return {
    method: template.method,
    streams: template.streams.map((s) => ({ key: s.key, label: s.label })),
    items,
    span: { from: spanFrom, to: spanTo, months, minMonths: range.minMonths, maxMonths: range.maxMonths },
    generatedFrom: { start, horizonMonths: null, teams, templateVersion: template.version },
    warnings: [],
  };
}

/** An item's label: for a plan of one site, the words its template gives one site, whose units it scales across (docs/domain.md §5.5). */
function labelOf(tpl: TimelineTemplate["items"][number], teams: number): string {
  return teams === 1 && tpl.oneSiteLabel ? tpl.oneSiteLabel : tpl.label;
}

/** Splits the item marked `waves` into one item per wave, by the number of teams, and rewires what refers to it. */
function expandWaves(template: TimelineTemplate, teams: number) {
  const waved = template.items.find((i) => i.waves);
  const count = waveCount(template, teams);
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
          label: `${labelOf(tpl, teams)}: wave ${n} of ${count}`,
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
      label: labelOf(tpl, teams),
      dependencies,
      alongside,
      months: tpl.duration?.months,
      days: tpl.duration?.days,
      teamShare: tpl === waved ? 1 : undefined,
    });
  }
  return { drafts, rename };
}

/**
 * Where a draft falls while a layout is worked out: its first and last days as day numbers (calendar.ts
 * `dayOf`; a milestone's last day is its first), written out as dates only once the layout is chosen.
 */
type Slot = { kind: TimelineItem["kind"]; start: number; end: number };

/** The day after a slot, or a milestone's own day: when what depends on it may start (timeline-view.ts `finishOf`). */
function finish(slot: Slot): number {
  return slot.kind === "milestone" ? slot.start : slot.end + 1;
}

/** Days a slot lasts (timeline-view.ts `durationDays`). */
function lengthOf(slot: Slot): number {
  return slot.kind === "milestone" ? 0 : slot.end - slot.start + 1;
}

/** The first day on or after `from` that begins `days` consecutive working days. */
function nextWorkingRun(from: number, days: number, working: (day: number) => boolean): number {
  let s = from;
  for (;;) {
    let ok = true;
    for (let d = 0; d < days; d++) {
      if (!working(s + d)) {
        s = s + d + 1;
        ok = false;
        break;
      }
    }
    if (ok) return s;
  }
}

/**
 * Each item as early as its dependencies allow (items without any start on the timeline's start), the
 * drafts given in dependency order. Events and milestones fall on working days, a multi-day event on
 * consecutive ones, and no event in the year-end break (docs/domain.md §8.6).
 */
function scheduleDrafts(order: Draft[], start: number, working: (day: number) => boolean): Map<string, Slot> {
  const eventDay = (day: number) => working(day) && !inYearEndBreak(dateOfDay(day));
  const out = new Map<string, Slot>();
  const successors = new Map<string, number>();
  for (const d of order) for (const dep of d.dependencies) successors.set(dep.on, (successors.get(dep.on) ?? 0) + 1);
  for (const d of order) {
    let s = start;
    let driver: { id: string; lagDays: number } | null = null;
    for (const dep of d.dependencies) {
      const before = out.get(dep.on);
      if (!before) continue;
      const earliest = finish(before) + dep.lagDays;
      if (earliest > s || (driver === null && s === earliest)) {
        s = earliest;
        driver = { id: dep.on, lagDays: dep.lagDays };
      }
    }
    const kind = d.tpl.kind;
    if ((kind === "event" || kind === "milestone") && !d.alongside) {
      const wanted = s;
      s = kind === "milestone" ? nextWorkingRun(s, 1, working) : nextWorkingRun(s, Math.max(1, d.days ?? 1), eventDay);
      // The phase that leads straight into the event runs on to it, rather than leaving a gap.
      const before = driver ? out.get(driver.id) : undefined;
      if (s !== wanted && before && driver!.lagDays === 0 && before.kind === "phase" && successors.get(driver!.id) === 1 && finish(before) === wanted) {
        out.set(driver!.id, { ...before, end: s - 1 });
      }
    }
    const end = kind === "milestone" ? s : d.months !== undefined ? addMonthsToDay(s, d.months) - 1 : s + Math.max(1, d.days ?? 1) - 1;
    out.set(d.id, { kind, start: s, end });
  }
  return out;
}

/** A draft where it was scheduled, as a timeline item. */
function itemOf(d: Draft, slot: Slot): TimelineItem {
  const item: TimelineItem = {
    id: d.id,
    label: d.label,
    kind: slot.kind,
    stream: d.tpl.stream,
    start: dateOfDay(slot.start),
    end: dateOfDay(slot.end),
    dependencies: d.dependencies,
    roleTags: [...d.tpl.roleTags],
  };
  if (d.alongside) item.alongside = d.alongside;
  if (d.tpl.recurrence) item.recurrence = d.tpl.recurrence;
  if (d.teamShare !== undefined) item.teamShare = d.teamShare;
  if (d.tpl.note) item.note = d.tpl.note;
  return item;
}

/** Spreads `diff` days over the flex items in proportion to their length. False when nothing could change. */
function stretch(drafts: Draft[], scheduled: Map<string, Slot>, diff: number): boolean {
  const flex = drafts.filter((d) => d.tpl.flex && !d.alongside);
  if (!flex.length) return false;
  const lengths = flex.map((d) => lengthOf(scheduled.get(d.id)!));
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

/** Why a generated timeline no longer matches the engagement; empty when it still does. */
export function staleReasons(
  timeline: Pick<Timeline, "method" | "generatedFrom">,
  current: Pick<GenerateOptions, "start" | "horizonMonths" | "hardDeadline" | "aimBy" | "teams" | "country"> & { method: Method },
  /** The names of the timeline's plan and of the current one, where a form of a method has its own (docs/domain.md §2.5). */
  names?: { was: string | null; now: string | null }
): string[] {
  const reasons: string[] = [];
  // A plan kept for the partner's time as it changed is judged against that time (docs/domain.md §8.12).
  const g = timeline.generatedFrom.keptFor ? { ...timeline.generatedFrom, ...timeline.generatedFrom.keptFor } : timeline.generatedFrom;
  if (current.method !== timeline.method) {
    reasons.push(`The method changed from ${names?.was ?? METHOD_LABELS[timeline.method]} to ${names?.now ?? METHOD_LABELS[current.method]}.`);
  }
  const start = parseStart(current.start);
  if (start && start !== g.start) reasons.push(`The start changed from ${formatDate(g.start)} to ${formatDate(start)}.`);
  if (current.horizonMonths !== undefined && (current.horizonMonths ?? null) !== g.horizonMonths) {
    const to = current.horizonMonths ?? null;
    reasons.push(`The partner's longest duration changed from ${g.horizonMonths ?? "none"} to ${to === null ? "none" : plural(to, "month")}.`);
  }
  // Timelines made before the deadline and the aim date were kept carry neither; they are not stale for it.
  if (current.hardDeadline !== undefined && g.hardDeadline !== undefined && (current.hardDeadline ?? null) !== g.hardDeadline) {
    reasons.push(
      `The hard deadline changed from ${g.hardDeadline ? formatDate(g.hardDeadline) : "none"} to ${
        current.hardDeadline ? formatDate(current.hardDeadline) : "none"
      }.`
    );
  }
  if (current.aimBy !== undefined && g.aimBy !== undefined && (current.aimBy ?? null) !== g.aimBy) {
    reasons.push(`The aim's date changed from ${g.aimBy ? formatMonth(g.aimBy) : "none"} to ${current.aimBy ? formatMonth(current.aimBy) : "none"}.`);
  }
  if (current.teams !== undefined && current.teams !== g.teams)
    reasons.push(`The scale changed from ${formatCount(g.teams)} to ${formatCount(current.teams)} sites or teams.`);
  // Its events avoid the public holidays of the country it was made for (docs/domain.md §8.6); those made before carry none.
  if (current.country !== undefined && g.country !== undefined && (current.country ?? null) !== g.country) {
    reasons.push(
      `The partner's country changed from ${g.country ? countryName(g.country) : "none chosen"} to ${
        current.country ? countryName(current.country) : "none chosen"
      }: its working days and public holidays differ.`
    );
  }
  return reasons;
}
