import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, ADDRESS_POLICY, addressRetryAfterSeconds, recordFailure, retryAfterSeconds, type ThrottleState } from "~/domain/login-throttle";

describe("login throttle", () => {
  it("locks an account after the threshold of failures, for longer each time", () => {
    let state: ThrottleState | undefined;
    const t0 = 1_000_000;
    for (let i = 1; i < ACCOUNT_POLICY.threshold; i++) {
      state = recordFailure(state, t0 + i, ACCOUNT_POLICY);
      expect(retryAfterSeconds(state, t0 + i)).toBe(0);
    }
    state = recordFailure(state, t0 + 10, ACCOUNT_POLICY);
    const first = retryAfterSeconds(state, t0 + 10);
    expect(first).toBe(ACCOUNT_POLICY.baseLockMs / 1000);
    state = recordFailure(state, t0 + 20, ACCOUNT_POLICY);
    expect(retryAfterSeconds(state, t0 + 20)).toBe(2 * first);
  });

  it("caps the lock and releases it when the time has passed", () => {
    let state: ThrottleState | undefined;
    for (let i = 0; i < 30; i++) state = recordFailure(state, 1000 + i, ACCOUNT_POLICY);
    expect(retryAfterSeconds(state, 1030)).toBeLessThanOrEqual(ACCOUNT_POLICY.maxLockMs / 1000);
    expect(retryAfterSeconds(state, 1030 + ACCOUNT_POLICY.maxLockMs + 1)).toBe(0);
  });

  it("starts counting again after the window", () => {
    let state = recordFailure(undefined, 0, ACCOUNT_POLICY);
    state = recordFailure(state, 1, ACCOUNT_POLICY);
    state = recordFailure(state, ACCOUNT_POLICY.windowMs + 5, ACCOUNT_POLICY);
    expect(state.failures).toBe(1);
  });
});

describe("login throttle by client address", () => {
  const t0 = 5_000_000;
  it("holds an address back once ten different accounts failed from it within 15 minutes", () => {
    const nine = Array.from({ length: 9 }, (_, i) => t0 + i * 1000);
    expect(addressRetryAfterSeconds(nine, t0 + 10_000)).toBe(0);
    const ten = [...nine, t0 + 9000];
    // Until the oldest of the ten leaves the window.
    expect(addressRetryAfterSeconds(ten, t0 + 10_000)).toBe((ADDRESS_POLICY.windowMs - 10_000) / 1000);
    expect(addressRetryAfterSeconds(ten, t0 + ADDRESS_POLICY.windowMs + 1)).toBe(0);
  });

  it("does not count failures older than the window", () => {
    const old = Array.from({ length: 5 }, (_, i) => t0 - ADDRESS_POLICY.windowMs - i);
    const recent = Array.from({ length: 9 }, (_, i) => t0 + i);
    expect(addressRetryAfterSeconds([...old, ...recent], t0 + 100)).toBe(0);
  });
});
