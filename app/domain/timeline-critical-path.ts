import { addDays, daysBetween, type IsoDate } from "./calendar";
import { durationDays, finishOf, topologicalOrder, workingDays, type Timeline, type TimelineItem } from "./timeline";

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
 * Backward pass over the dates as they are: an item is critical when slipping it by a working day
 * delays the timeline's finish — a weekend or holiday an event waits over is no slack (docs/domain.md
 * §8.6). Items running alongside others follow their anchors and are never critical.
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
  const working = workingDays(timeline.generatedFrom.country);
  const noWorkingSlack = (item: TimelineItem) => {
    const lf = latestFinish.get(item.id)!;
    for (let d = finishOf(item); d < lf; d = addDays(d, 1)) if (working(d)) return false;
    return true;
  };
  const itemIds = items
    .filter((i) => floatDays[i.id] <= 0 || noWorkingSlack(i))
    .sort((a, b) => (a.start === b.start ? durationDays(a) - durationDays(b) : a.start < b.start ? -1 : 1))
    .map((i) => i.id);
  return { itemIds, floatDays, finish };
}
