import { addDays, addMonths, calendarMonths, daysBetween, formatDate, parseStart, type IsoDate } from "./calendar";
import { METHOD_LABELS, type Method } from "./methods";
import {
  durationDays,
  finishOf,
  placeAlongside,
  TimelineError,
  topologicalOrder,
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
