import { AsyncLocalStorage } from "node:async_hooks";

/*
 * What one HTTP request works out once for all its loaders (its session, its notices). Remix hands
 * each loader a Request object of its own (the address stripped of its own parameters), so a memo kept
 * by Request is not found by the next loader: server.js runs each request inside this scope instead
 * (inRequestScope, exported by entry.server). Outside a scope, as when a test calls a loader itself,
 * each Request keeps its own.
 */
const scope = new AsyncLocalStorage<Map<string, unknown>>();
const byRequest = new WeakMap<Request, Map<string, unknown>>();

const ORIGIN = "request:origin";

/** Runs one HTTP request's handling in a scope of its own; `origin` is where the app was opened ("http://127.0.0.1:3000"). */
export function inRequestScope<T>(handle: () => T, origin?: string): T {
  const store = new Map<string, unknown>();
  if (origin) store.set(ORIGIN, origin);
  return scope.run(store, handle);
}

/** The origin the request being handled was sent to, as the person's browser addressed the app; none outside a request. */
export function requestOrigin(): string | undefined {
  return scope.getStore()?.get(ORIGIN) as string | undefined;
}

function storeOf(request: Request): Map<string, unknown> {
  const current = scope.getStore();
  if (current) return current;
  let kept = byRequest.get(request);
  if (!kept) byRequest.set(request, (kept = new Map()));
  return kept;
}

/** The value under `key` for this request, worked out by `compute` the first time it is asked for. */
export function oncePerRequest<T>(request: Request, key: string, compute: () => T): T {
  const store = storeOf(request);
  if (store.has(key)) return store.get(key) as T;
  const value = compute();
  store.set(key, value);
  return value;
}

/** Forgets `key` for this request (or, without one, for the request being handled), so that it is worked out afresh. */
export function forgetForRequest(key: string, request?: Request): void {
  if (request) storeOf(request).delete(key);
  else scope.getStore()?.delete(key);
}
