/**
 * Behind one address (an office, a hospital's proxy) many people sign in. Their typos lock only
 * their own accounts; the address is held back only when ten or more different accounts fail from
 * it within 15 minutes, the pattern of someone trying a list of stolen credentials.
 */
import { describe, expect, it, vi } from "vitest";
import { attemptLogin } from "~/services/login.server";
import { useTestDatabase } from "../helpers/db";

// Unknown accounts are checked against a dummy hash at full cost, on purpose; here that cost is not the point.
vi.mock("~/services/password.server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/services/password.server")>()),
  verifyAgainstDummy: async () => false as const,
}));

useTestDatabase();

const OFFICE = "203.0.113.7";
const PASSWORD = "planner-demo-2026";
const t0 = Date.parse("2026-11-25T09:00:00Z");

describe("login throttling by address", () => {
  it("one person's typos, and several people's, never lock a colleague at the same address", async () => {
    // Four people mistype five times each: twenty failures from the office, four accounts locked.
    for (const person of ["ann", "bob", "cai", "dee"]) {
      for (let i = 0; i < 5; i++) expect(await attemptLogin(`${person}@hospital.example`, "wrong", OFFICE, t0 + i)).toMatchObject({ status: 400 });
      expect(await attemptLogin(`${person}@hospital.example`, "wrong", OFFICE, t0 + 10)).toMatchObject({ status: 429 });
    }
    const colleague = await attemptLogin("manager@demo.test", PASSWORD, OFFICE, t0 + 20);
    expect(colleague.ok).toBe(true);
  });

  it("ten different accounts failing from one address hold it back, for everyone there, until the window passes", async () => {
    for (let i = 0; i < 9; i++) await attemptLogin(`user${i}@list.example`, "guess", OFFICE, t0 + i * 1000);
    expect((await attemptLogin("manager@demo.test", PASSWORD, OFFICE, t0 + 9_500)).ok).toBe(true);
    await attemptLogin("user9@list.example", "guess", OFFICE, t0 + 9_000);
    const held = await attemptLogin("manager@demo.test", PASSWORD, OFFICE, t0 + 10_000);
    expect(held).toMatchObject({ ok: false, status: 429, message: "Too many failed sign-in attempts. Please wait 15 minutes and try again." });
    // Another address is not affected, and the office opens again once the first failure is 15 minutes old.
    expect((await attemptLogin("manager@demo.test", PASSWORD, "198.51.100.2", t0 + 10_000)).ok).toBe(true);
    expect((await attemptLogin("manager@demo.test", PASSWORD, OFFICE, t0 + 15 * 60_000 + 1)).ok).toBe(true);
  });

  it("keeps the per-account limit", async () => {
    for (let i = 0; i < 5; i++) await attemptLogin("leader@demo.test", "wrong", `192.0.2.${i}`, t0 + i);
    expect(await attemptLogin("leader@demo.test", PASSWORD, "192.0.2.99", t0 + 10)).toMatchObject({ ok: false, status: 429 });
  });
});
