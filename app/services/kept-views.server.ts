import { LRUCache } from "lru-cache";
import { databaseStamp, getDb, openedDb, type DB, type Tx } from "./db.server";

/*
 * Views worked out from the database, kept until the database changes (docs/decisions/0019).
 *
 * The Fit page, the live proposal and the budget panel read nearly the whole planning database (any
 * booking, roster or engagement change anywhere changes every engagement's fit), so they cannot be
 * kept by what they read. They are kept under the database's stamp instead: it changes with every
 * write through this server's connection and every commit by another, so a kept view is served only
 * while nothing at all has been written since it was worked out. Inside a transaction nothing is kept
 * or served (what it wrote may yet be rolled back). Each reader gets its own copy.
 */

export type KeptViews<V extends object> = {
  /**
   * The view under `key` (everything it depends on besides the database), worked out by `compute`
   * unless kept. A copy unless `copy: false`, for callers that only ever read what they get. Given
   * `from`, the connection or transaction the caller reads: only the server's own is kept.
   */
  get(key: string, compute: () => V, options?: { copy?: boolean; from?: DB | Tx }): V;
};

/** A bounded store of one kind of view; `max` views at most, least recently used forgotten. */
export function keptViews<V extends object>(max: number): KeptViews<V> {
  const kept = new LRUCache<string, V>({ max });
  let keptUnder = "";
  return {
    get(key, compute, options) {
      if ((options?.from && options.from !== openedDb()) || getDb().$client.inTransaction) return compute();
      const stamp = databaseStamp();
      // Views kept under an earlier stamp can never be served again: they go at once, not when newer ones push them out.
      if (stamp !== keptUnder) {
        kept.clear();
        keptUnder = stamp;
      }
      const stamped = `${stamp}|${key}`;
      let view = kept.get(stamped);
      if (!view) kept.set(stamped, (view = compute()));
      if (FREEZE_KEPT) deepFreeze(view);
      return options?.copy === false ? view : structuredClone(view);
    },
  };
}

/*
 * Under test, what is kept is frozen: a reader that changed a view it shares with others (`copy:
 * false`) would change what the next reader is served, and fails at once instead.
 */
const FREEZE_KEPT = process.env.NODE_ENV === "test";

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
