/*
 * The straightforward way to generate a timeline from a template, kept as the reference the fast one
 * (app/domain/timeline-generate.ts, which schedules on day numbers) must agree with, item for item:
 * every date worked out on "YYYY-MM-DD" strings, each schedule written out in full.
 */
import { addDays, addMonths, daysBetween, parseStart, type IsoDate } from "~/domain/calendar";
import { hasLimits, keepsTime, timeLimits } from "~/domain/timeline-constraints";
import {
  durationDays,
  finishOf,
  inYearEndBreak,
  placeAlongside,
  TimelineError,
  topologicalOrder,
  workingDays,
  type Dependency,
  type Timeline,
  type TimelineItem,
  type TimelineTemplate,
  type TimelineTemplateItem,
} from "~/domain/timeline";

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
};

/**
 * Lays out a template from a start date, keeping the partner's time (docs/domain.md §8.6). The method's
 * span (e.g. prework to congress) is its default length (a method that takes the time available, such as
 * a campaign, starts from its maximum); when the whole plan would not fit the longest duration, or its
 * deadline point would fall after the deadline, the span is shortened a month at a time down to the
 * method's minimum. The planning phases before the span and the phases after it keep their template
 * durations; the "flex" items absorb the change. Whether the result keeps the partner's time is said by
 * checkTime (timeline-constraints.ts).
 */
export function generateTimelineReference(template: TimelineTemplate, options: GenerateOptions): Timeline {
  const start = parseStart(options.start);
  if (!start) throw new TimelineError(`"${options.start}" is not a start month (YYYY-MM) or date (YYYY-MM-DD).`);
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

  const working = workingDays(options.country);
  let timeline = layOut(template, start, teams, longest, working);
  if (limited) {
    for (let months = longest - 1; months >= range.minMonths && !keepsTime(timeline, limits); months--)
      timeline = layOut(template, start, teams, months, working);
  }
  timeline.generatedFrom = {
    ...timeline.generatedFrom,
    horizonMonths: horizon,
    hardDeadline: limits.hardDeadline,
    aimBy: limits.aimBy,
    country: options.country ?? null,
  };
  return timeline;
}

function layOut(template: TimelineTemplate, start: IsoDate, teams: number, months: number, working: (date: IsoDate) => boolean): Timeline {
  const range = template.durationRange;
  const { drafts, rename } = expandWaves(template, teams);
  const spanFrom = rename(range.from, "first");
  const spanTo = rename(range.to, "last");

  let scheduled = scheduleDrafts(drafts, start, working);
  // The span ends on its target day, or up to a week after it when its last event waits for a run of
  // working days: the closest such schedule is kept.
  let best: { diff: number; scheduled: Map<string, TimelineItem> } | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const from = scheduled.get(spanFrom)!;
    const to = scheduled.get(spanTo)!;
    const target = daysBetween(from.start, addMonths(from.start, months));
    const diff = target - daysBetween(from.start, finishOf(to));
    if (diff <= 0 && diff > -WORKING_SLACK_DAYS && (!best || diff > best.diff)) best = { diff, scheduled };
    if (diff === 0 || !stretch(drafts, scheduled, diff)) break;
    scheduled = scheduleDrafts(drafts, start, working);
  }
  if (best) scheduled = best.scheduled;

  const items = placeAlongside(drafts.map((d) => scheduled.get(d.id)!));
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

/** The first day on or after `from` that begins `days` consecutive working days. */
function nextWorkingRun(from: IsoDate, days: number, working: (date: IsoDate) => boolean): IsoDate {
  let s = from;
  for (;;) {
    let ok = true;
    for (let d = 0; d < days; d++) {
      if (!working(addDays(s, d))) {
        s = addDays(s, d + 1);
        ok = false;
        break;
      }
    }
    if (ok) return s;
  }
}

/**
 * Each item as early as its dependencies allow (items without any start on the timeline's start).
 * Events and milestones fall on working days, a multi-day event on consecutive ones, and no event in the
 * year-end break (docs/domain.md §8.6).
 */
function scheduleDrafts(drafts: Draft[], start: IsoDate, working: (date: IsoDate) => boolean): Map<string, TimelineItem> {
  const eventDay = (date: IsoDate) => working(date) && !inYearEndBreak(date);
  const out = new Map<string, TimelineItem>();
  const successors = new Map<string, number>();
  for (const d of drafts) for (const dep of d.dependencies) successors.set(dep.on, (successors.get(dep.on) ?? 0) + 1);
  for (const d of topologicalOrder(drafts)) {
    let s = start;
    let driver: { id: string; lagDays: number } | null = null;
    for (const dep of d.dependencies) {
      const before = out.get(dep.on);
      if (!before) continue;
      const earliest = addDays(finishOf(before), dep.lagDays);
      if (daysBetween(s, earliest) > 0 || (driver === null && s === earliest)) {
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
      if (s !== wanted && before && driver!.lagDays === 0 && before.kind === "phase" && successors.get(before.id) === 1 && finishOf(before) === wanted) {
        out.set(before.id, { ...before, end: addDays(s, -1) });
      }
    }
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
