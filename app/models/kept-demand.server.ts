import crypto from "node:crypto";
import { LRUCache } from "lru-cache";
import type { DemandEntry, DemandParameters } from "~/domain/demand";
import type { MethodVariant } from "~/domain/method-variants";
import type { Method } from "~/domain/methods";
import { demandFromTimeline, type DemandSource } from "~/domain/resource-fit";
import type { Timeline } from "~/domain/timeline";

/*
 * The demand of an engagement's own timeline shifted to another start, at a scale, is a pure function
 * of the timeline, the method and its variant, the demand parameters, the start and the scale (docs/domain.md §8.2–8.3).
 * The earliest-start and later-start searches of the Fit page and of the live proposal ask for the same
 * shifted demands on every request, so they are kept between requests under a digest of everything
 * they depend on, the least recently used forgotten first. A timeline or lever changed in any way has
 * another digest: nothing kept can be out of date. About 100 bytes a demand cell; at most KEPT_CELLS
 * cells in all.
 */
const KEPT_CELLS = 100_000;
const kept = new LRUCache<string, DemandEntry[]>({ maxSize: KEPT_CELLS, sizeCalculation: (d) => Math.max(1, d.length) });

/** `demandFromTimeline`, each answer kept between requests. Callers never change the demand they are given. */
export function keptDemandFromTimeline(timeline: Timeline, method: Method, params: DemandParameters, variant: MethodVariant | null = null): DemandSource {
  const source = demandFromTimeline(timeline, method, params, variant);
  const digest = crypto
    .createHash("sha256")
    .update(JSON.stringify([timeline, method, params, variant]))
    .digest("base64");
  return (s) => {
    const key = `${digest}|${s.start}|${s.teams}`;
    let demand = kept.get(key);
    if (!demand) kept.set(key, (demand = source(s)));
    return demand;
  };
}
