import { and, eq, gt, lte } from "drizzle-orm";
import { loginAddressFailures, loginFailures } from "../../db/schema";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  addressRetryAfterSeconds,
  recordFailure,
  retryAfterSeconds,
  type ThrottlePolicy,
  type ThrottleState,
} from "~/domain/login-throttle";
import type { Role } from "~/domain/roles";
import { writeAudit } from "./audit.server";
import { getDb } from "./db.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { findActiveUserByEmail } from "./session.server";

export type LoginResult =
  | { ok: true; userId: number; role: Role }
  | { ok: false; status: 400; message: string }
  | { ok: false; status: 429; message: string; retryAfter: number };

const BAD_CREDENTIALS = "That email and password do not match an active account.";

function readState(key: string): ThrottleState | undefined {
  const row = getDb().select().from(loginFailures).where(eq(loginFailures.key, key)).get();
  if (!row) return undefined;
  return {
    failures: row.failures,
    windowStartedAt: Date.parse(row.windowStartedAt),
    lockedUntil: row.lockedUntil ? Date.parse(row.lockedUntil) : null,
  };
}

function saveFailure(key: string, policy: ThrottlePolicy, now: number) {
  const next = recordFailure(readState(key), now, policy);
  const values = {
    failures: next.failures,
    windowStartedAt: new Date(next.windowStartedAt).toISOString(),
    lockedUntil: next.lockedUntil ? new Date(next.lockedUntil).toISOString() : null,
  };
  getDb()
    .insert(loginFailures)
    .values({ key, ...values })
    .onConflictDoUpdate({ target: loginFailures.key, set: values })
    .run();
}

/** The last failure of each account that failed from this address within the window. */
function addressFailures(address: string, now: number): number[] {
  return getDb()
    .select({ at: loginAddressFailures.lastFailedAt })
    .from(loginAddressFailures)
    .where(and(eq(loginAddressFailures.address, address), gt(loginAddressFailures.lastFailedAt, new Date(now - ADDRESS_POLICY.windowMs).toISOString())))
    .all()
    .map((r) => Date.parse(r.at));
}

function saveAddressFailure(address: string, account: string, now: number) {
  const at = new Date(now).toISOString();
  const db = getDb();
  db.transaction((tx) => {
    tx.insert(loginAddressFailures)
      .values({ address, account, lastFailedAt: at })
      .onConflictDoUpdate({ target: [loginAddressFailures.address, loginAddressFailures.account], set: { lastFailedAt: at } })
      .run();
    // What has left the window no longer counts: it need not be kept.
    tx.delete(loginAddressFailures)
      .where(and(eq(loginAddressFailures.address, address), lte(loginAddressFailures.lastFailedAt, new Date(now - ADDRESS_POLICY.windowMs).toISOString())))
      .run();
  });
}

/**
 * Counts one request against `key` and answers the seconds to wait before the next is let through
 * (0 when this one may go ahead): the login throttle's policy, applied to requests that are not sign-ins
 * (a password reset asked for an account, or from an address).
 */
export function countRequest(key: string, policy: ThrottlePolicy, now = Date.now()): number {
  const wait = retryAfterSeconds(readState(key), now);
  if (wait > 0) return wait;
  saveFailure(key, policy, now);
  return 0;
}

function waitMessage(seconds: number) {
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return `Too many failed sign-in attempts. Please wait ${wait} and try again.`;
}

/**
 * Checks credentials with throttling per account and per client address. The same message and
 * the same effort answer a wrong password and an unknown account.
 */
export async function attemptLogin(email: string, password: string, address: string, now = Date.now()): Promise<LoginResult> {
  const account = email.trim().toLowerCase();
  const accountKey = `account:${account}`;
  const wait = Math.max(retryAfterSeconds(readState(accountKey), now), addressRetryAfterSeconds(addressFailures(address, now), now));
  if (wait > 0) return { ok: false, status: 429, message: waitMessage(wait), retryAfter: wait };

  const user = findActiveUserByEmail(email);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    saveFailure(accountKey, ACCOUNT_POLICY, now);
    saveAddressFailure(address, account, now);
    return { ok: false, status: 400, message: BAD_CREDENTIALS };
  }
  const db = getDb();
  db.transaction((tx) => {
    tx.delete(loginFailures).where(eq(loginFailures.key, accountKey)).run();
    writeAudit(tx, { userId: user.id, action: "user.login" });
  });
  return { ok: true, userId: user.id, role: user.role };
}
