/**
 * Login throttling policy. Per account: failures within a window; past a threshold the account is
 * locked, for longer the more it fails. Per client address: not failures, but how many different
 * accounts failed from it, since one address may be a whole office or a hospital's proxy, where one
 * person's typos must never lock their colleagues out; many accounts failing from one address is
 * credential stuffing. Pure: callers pass "now" and persist what they record.
 */
export type ThrottleState = { failures: number; windowStartedAt: number; lockedUntil: number | null };

export type ThrottlePolicy = { threshold: number; windowMs: number; baseLockMs: number; maxLockMs: number };

export const ACCOUNT_POLICY: ThrottlePolicy = {
  threshold: 5,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
};

export type AddressPolicy = { distinctAccounts: number; windowMs: number };

export const ADDRESS_POLICY: AddressPolicy = { distinctAccounts: 10, windowMs: 15 * 60_000 };

/**
 * Seconds before anyone may sign in from an address from which `distinctAccounts` or more different
 * accounts failed within the window, given each account's last failure there (ms); 0 otherwise. It
 * opens again when the oldest of those failures leaves the window.
 */
export function addressRetryAfterSeconds(lastFailures: readonly number[], now: number, policy: AddressPolicy = ADDRESS_POLICY): number {
  const recent = lastFailures.filter((t) => now - t < policy.windowMs).sort((a, b) => b - a);
  if (recent.length < policy.distinctAccounts) return 0;
  const opensAt = recent[policy.distinctAccounts - 1]! + policy.windowMs;
  return Math.max(1, Math.ceil((opensAt - now) / 1000));
}

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
