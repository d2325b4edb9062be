/**
 * Login throttling policy: failures are counted per account and per client address within a
 * window; past a threshold the key is locked, for longer the more it fails. Pure: callers pass
 * "now" and persist the returned state.
 */
export type ThrottleState = { failures: number; windowStartedAt: number; lockedUntil: number | null };

export type ThrottlePolicy = { threshold: number; windowMs: number; baseLockMs: number; maxLockMs: number };

export const ACCOUNT_POLICY: ThrottlePolicy = {
  threshold: 5,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};

export const ADDRESS_POLICY: ThrottlePolicy = {
  threshold: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 15 * 60_000,
};

/** Seconds the caller must wait, or 0 when a login attempt may proceed. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: number): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil - now) / 1000);
}

export function recordFailure(state: ThrottleState | undefined, now: number, policy: ThrottlePolicy): ThrottleState {
  const inWindow = state && now - state.windowStartedAt < policy.windowMs;
  const failures = inWindow ? state.failures + 1 : 1;
  const windowStartedAt = inWindow ? state.windowStartedAt : now;
  if (failures < policy.threshold) return { failures, windowStartedAt, lockedUntil: null };
  const lockMs = Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** (failures - policy.threshold));
  return { failures, windowStartedAt, lockedUntil: now + lockMs };
}
