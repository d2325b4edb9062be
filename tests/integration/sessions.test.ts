/**
 * Sessions (docs/decisions/0001-server-and-sessions.md): a new random id at every sign-in, only its hash stored,
 * revocation that takes effect at the next request (sign-out, disabling, a role change), and idle and
 * absolute limits. tests/integration/auth.test.ts covers the sign-in form and throttling.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessions, users } from "../../db/schema";
import * as apiEngagements from "~/routes/api.engagements";
import * as engagementsIndex from "~/routes/engagements._index";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as newEngagement from "~/routes/engagements.new";
import * as userPage from "~/routes/admin.users.$id";
import { handOverAll } from "~/models/owners.server";
import { resetEnvCache } from "~/services/env.server";
import { inRequestScope } from "~/services/request-scope.server";
import { FLASH_REPEAT_MS, FLASH_UNCLAIMED_MS, getSession, logout as signOut, revokeUserSessions, setFlash, takeFlash } from "~/services/session.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callAction, callLoader, sessionCookie } from "../helpers/requests";

useTestDatabase();

const PASSWORD = "planner-demo-2026";

function signIn(email: string, opts: { cookie?: string } = {}) {
  return callAction(login.action, { path: "/login", form: { email, password: PASSWORD }, cookie: opts.cookie, clientAddress: "10.1.1.1" });
}

const cookieOf = (res: { headers: Headers }) => res.headers.get("Set-Cookie")!.split(";")[0]!;
const idOf = (cookie: string) => decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

/** What a page and the API make of a cookie: 200 when the session is alive. */
async function pageStatus(cookie: string) {
  return (await callLoader(engagementsIndex.loader, { path: "/engagements", cookie })).status;
}
async function apiStatus(cookie: string) {
  return (await callLoader(apiEngagements.loader, { path: "/api/engagements", cookie })).status;
}
function sessionRows(email: string) {
  return db()
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userIdByEmail(email)))
    .all();
}

function setEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvCache();
}

afterEach(() => {
  vi.useRealTimers();
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_ABSOLUTE_HOURS;
  resetEnvCache();
});

describe("a new session at every sign-in", () => {
  it("issues a fresh 256-bit id each time and stores only its SHA-256", async () => {
    const a = cookieOf(await signIn("manager@demo.test"));
    const b = cookieOf(await signIn("manager@demo.test"));
    expect(a).not.toBe(b);
    for (const cookie of [a, b]) {
      expect(cookie).toMatch(/^pp_session=[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(idOf(cookie), "base64url")).toHaveLength(32);
    }
    const stored = sessionRows("manager@demo.test").map((r) => r.idHash);
    expect(stored).toContain(sha256(idOf(a)));
    expect(stored).toContain(sha256(idOf(b)));
    expect(stored).not.toContain(idOf(a));
    // Both devices stay signed in.
    expect(await pageStatus(a)).toBe(200);
    expect(await pageStatus(b)).toBe(200);
  });

  it("never continues the session the browser already had: its id is replaced and ended", async () => {
    const before = sessionCookie("leader@demo.test");
    const res = await signIn("manager@demo.test", { cookie: before });
    expect(res.status).toBe(303);
    const after = cookieOf(res);
    expect(after).not.toBe(before);
    expect(await pageStatus(before)).toBe(302);
    expect(
      db()
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, sha256(idOf(before))))
        .all()
    ).toHaveLength(0);
    expect(await pageStatus(after)).toBe(200);
  });

  it("sets the cookie HttpOnly, SameSite=Lax, for the whole site, for the absolute lifetime", async () => {
    setEnv({ SESSION_ABSOLUTE_HOURS: "2" });
    const header = (await signIn("manager@demo.test")).headers.get("Set-Cookie")!;
    expect(header).toContain("HttpOnly");
    expect(header).toContain("SameSite=Lax");
    expect(header).toContain("Path=/");
    expect(header).toContain("Max-Age=7200");
  });

  it("after signing in, goes only to a page of this site, however the address is dressed up", async () => {
    const go = async (redirectTo: string) =>
      (await callAction(login.action, { path: "/login", form: { email: "leader@demo.test", password: PASSWORD, redirectTo }, clientAddress: "10.1.1.3" }))
        .location;
    expect(await go("/engagements/3?tab=x#y")).toBe("/engagements/3?tab=x#y");
    for (const hostile of [
      "//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/.//evil.example",
      " /evil",
      "\u0000/evil",
      "",
    ]) {
      const location = await go(hostile);
      // The leader's own start page instead: the approvals queue, where the demo's Kestrel request waits for them.
      expect(location, JSON.stringify(hostile)).toBe("/approvals");
    }
  });

  it("a failed sign-in sets no cookie and creates no session", async () => {
    const count = db().select().from(sessions).all().length;
    const res = await callAction(login.action, { path: "/login", form: { email: "manager@demo.test", password: "wrong" }, clientAddress: "10.1.1.2" });
    expect(res.status).toBe(400);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(db().select().from(sessions).all()).toHaveLength(count);
  });
});

describe("revocation reaches the server at once", () => {
  it("signing out deletes the session row; the copied cookie is refused by pages and the API", async () => {
    const cookie = cookieOf(await signIn("manager@demo.test"));
    const stolen = cookie; // someone copied it before the user signed out
    expect(await apiStatus(stolen)).toBe(200);
    const out = await callAction(logout.action, { path: "/logout", cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(/^pp_session=;.*Max-Age=0/);
    expect(
      db()
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, sha256(idOf(cookie))))
        .all()
    ).toHaveLength(0);
    expect(await pageStatus(stolen)).toBe(302);
    expect(await apiStatus(stolen)).toBe(401);
  });

  it("signing out by GET changes nothing (a link cannot sign anyone out)", async () => {
    const cookie = sessionCookie("manager@demo.test");
    const res = await callLoader(logout.loader, { path: "/logout", cookie });
    expect(res.status).toBe(302);
    expect(await pageStatus(cookie)).toBe(200);
  });

  it("a stolen cookie for a session that was revoked stays refused, and a forged one never works", async () => {
    const cookie = sessionCookie("partner@demo.test");
    const row = db()
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, sha256(idOf(cookie))))
      .get()!;
    db().delete(sessions).where(eq(sessions.idHash, row.idHash)).run();
    expect(await apiStatus(cookie)).toBe(401);
    // Neither the stored hash, nor a near miss, nor junk opens a session.
    const id = idOf(cookie);
    const flipped = id.slice(0, -1) + (id.endsWith("A") ? "B" : "A");
    const live = sessionCookie("partner@demo.test");
    const liveHash = db()
      .select()
      .from(sessions)
      .where(eq(sessions.userId, userIdByEmail("partner@demo.test")))
      .get()!.idHash;
    for (const forged of [
      `pp_session=${liveHash}`,
      `pp_session=${flipped}`,
      `pp_session=${idOf(live)}x`,
      "pp_session=",
      `pp_session=${"A".repeat(10_000)}`,
      "pp_session=%00%0d%0aSet-Cookie:%20x=1",
      "pp_session=%E0%A4%A",
      `pp_session=${encodeURIComponent("'; DROP TABLE sessions;--")}`,
      `other=1; pp_session=${flipped}`,
    ]) {
      expect(await pageStatus(forged), forged.slice(0, 40)).toBe(302);
      expect(await apiStatus(forged), forged.slice(0, 40)).toBe(401);
    }
    expect(await apiStatus(live)).toBe(200);
  });

  it("disabling a user ends every one of their sessions at once, and enabling them again revives none", async () => {
    const phone = sessionCookie("partner2@demo.test");
    const laptop = cookieOf(await signIn("partner2@demo.test"));
    const bystander = sessionCookie("partner@demo.test");
    const target = userIdByEmail("partner2@demo.test");
    const admin = sessionCookie("admin@demo.test");
    const disable = await callAction(userPage.action, {
      path: `/admin/users/${target}`,
      params: { id: String(target) },
      cookie: admin,
      form: { intent: "disable" },
    });
    expect(disable.status).toBe(303);
    expect(sessionRows("partner2@demo.test")).toHaveLength(0);
    for (const cookie of [phone, laptop]) {
      expect(await pageStatus(cookie)).toBe(302);
      expect(await apiStatus(cookie)).toBe(401);
    }
    expect(await apiStatus(bystander)).toBe(200);
    const enable = await callAction(userPage.action, {
      path: `/admin/users/${target}`,
      params: { id: String(target) },
      cookie: admin,
      form: { intent: "enable" },
    });
    expect(enable.status).toBe(303);
    expect(await apiStatus(phone)).toBe(401);
    expect((await signIn("partner2@demo.test")).status).toBe(303);
  });

  it("a disabled user's session is refused even if its row survived (checked at every request)", async () => {
    const cookie = sessionCookie("leader@demo.test");
    const { users } = await import("../../db/schema");
    db().update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.email, "leader@demo.test")).run();
    expect(await pageStatus(cookie)).toBe(302);
    expect(await apiStatus(cookie)).toBe(401);
  });

  it("a role change ends the user's sessions, so the new rights apply at the next request", async () => {
    const managerCookie = sessionCookie("manager@demo.test");
    expect((await callLoader(newEngagement.loader, { path: "/engagements/new", cookie: managerCookie })).status).toBe(200);
    const target = userIdByEmail("manager@demo.test");
    const admin = sessionCookie("admin@demo.test");
    // A leader owns no engagement: hers are handed over first (docs/domain.md §9.15), which ends no session.
    const successor = db()
      .insert(users)
      .values({ email: "jordan@demo.test", name: "Jordan Ellis", role: "manager", passwordHash: "scrypt$x" })
      .returning({ id: users.id })
      .get().id;
    handOverAll({ id: userIdByEmail("admin@demo.test"), role: "admin", organisationId: null }, target, successor);
    expect(sessionRows("manager@demo.test")).not.toHaveLength(0);
    const res = await callAction(userPage.action, {
      path: `/admin/users/${target}`,
      params: { id: String(target) },
      cookie: admin,
      form: { intent: "update-role", role: "leader", organisationId: "", version: "1" },
    });
    expect(res.status).toBe(303);
    expect(sessionRows("manager@demo.test")).toHaveLength(0);
    expect(await pageStatus(managerCookie)).toBe(302);
    // Signed in again, they have the new role's rights: a leader starts no engagement.
    const again = cookieOf(await signIn("manager@demo.test"));
    expect((await callLoader(newEngagement.loader, { path: "/engagements/new", cookie: again })).status).toBe(403);
    // The administrator's own session is untouched.
    expect(await pageStatus(admin)).toBe(403);
    expect((await callLoader(userPage.loader, { path: `/admin/users/${target}`, params: { id: String(target) }, cookie: admin })).status).toBe(200);
  });
});

describe("idle and absolute limits", () => {
  const T0 = new Date("2027-03-01T09:00:00Z").getTime();
  const minutes = (n: number) => T0 + n * 60_000;

  it("ends a session left unused longer than SESSION_IDLE_MINUTES, and keeps one in use", async () => {
    setEnv({ SESSION_IDLE_MINUTES: "5" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const busy = sessionCookie("manager@demo.test");
    const idle = sessionCookie("leader@demo.test");
    // Used every four minutes, the busy one lives well past five.
    for (const at of [4, 8, 12, 16]) {
      vi.setSystemTime(minutes(at));
      expect(await pageStatus(busy), `after ${at} minutes`).toBe(200);
    }
    // The idle one was last seen at 0: at 16 minutes it is long gone, and its row with it.
    expect(await pageStatus(idle)).toBe(302);
    expect(sessionRows("leader@demo.test")).toHaveLength(0);
    // Then the busy one is left alone for six minutes.
    vi.setSystemTime(minutes(22));
    expect(await apiStatus(busy)).toBe(401);
    expect(sessionRows("manager@demo.test")).toHaveLength(0);
  });

  it("ends a session SESSION_ABSOLUTE_HOURS after sign-in however much it is used", async () => {
    setEnv({ SESSION_ABSOLUTE_HOURS: "1" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const res = await signIn("manager@demo.test");
    expect(res.headers.get("Set-Cookie")).toContain("Max-Age=3600");
    const cookie = cookieOf(res);
    for (const at of [10, 20, 30, 40, 50, 59]) {
      vi.setSystemTime(minutes(at));
      expect(await pageStatus(cookie), `after ${at} minutes`).toBe(200);
    }
    vi.setSystemTime(minutes(61));
    expect(await pageStatus(cookie)).toBe(302);
    expect(sessionRows("manager@demo.test")).toHaveLength(0);
  });

  it("honours the expiry stored with the session, not the cookie's own Max-Age", async () => {
    const cookie = sessionCookie("leader@demo.test");
    expect(await apiStatus(cookie)).toBe(200);
    db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(sessions.idHash, sha256(idOf(cookie))))
      .run();
    expect(await apiStatus(cookie)).toBe(401);
    expect(
      db()
        .select()
        .from(sessions)
        .where(eq(sessions.idHash, sha256(idOf(cookie))))
        .all()
    ).toHaveLength(0);
  });

  it("a limit lowered by the operator applies to sessions already open (idle is checked against the current setting)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const cookie = sessionCookie("leader@demo.test");
    vi.setSystemTime(minutes(30));
    expect(await pageStatus(cookie)).toBe(200); // default idle limit: 12 hours
    vi.setSystemTime(minutes(45));
    setEnv({ SESSION_IDLE_MINUTES: "10" });
    expect(await pageStatus(cookie)).toBe(302);
  });
});

describe("one request, one reading of its session", () => {
  // Remix gives each loader a Request object of its own; the server handles each request in a scope
  // (inRequestScope) that its loaders share.
  const requestFor = (cookie: string) => new Request("http://localhost/engagements", { headers: { cookie } });

  it("is read once for all the loaders of a request, and afresh by the next request", async () => {
    const cookie = cookieOf(await signIn("manager@demo.test"));
    const before = sessionRows("manager@demo.test")[0]!;
    inRequestScope(() => {
      const first = getSession(requestFor(cookie));
      db().update(sessions).set({ flash: "Saved." }).where(eq(sessions.idHash, before.idHash)).run();
      // The page's loader, with a Request of its own, finds what the root's loader read.
      expect(getSession(requestFor(cookie))).toBe(first);
      expect(first!.flash).toBeNull();
    });
    inRequestScope(() => expect(getSession(requestFor(cookie))!.flash?.message).toBe("Saved."));
  });

  it("gives a message left for a page to every read of that page for a few seconds after its first, and to no other page", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2027-03-01T09:00:00Z"));
    const cookie = cookieOf(await signIn("manager@demo.test"));
    // As the browser asks: the page asking for its data ("empty"), or the page loaded afresh ("document").
    const read = (path: string, dest = "empty") =>
      inRequestScope(() =>
        ((r) => takeFlash(r, getSession(r))?.message ?? null)(new Request(`http://localhost${path}`, { headers: { cookie, "Sec-Fetch-Dest": dest } }))
      );
    setFlash(requestFor(cookie), "Engagement created.", "/engagements/7?section=scale");
    // The page asking for its data before the answer came (a small form of its own) is not given it, nor does it take it.
    expect(read("/engagements")).toBeNull();
    expect(read("/engagements/7")).toBe("Engagement created.");
    // Another read of the page as the answer comes — one whose answer the browser may keep instead — reads it too.
    vi.advanceTimersByTime(FLASH_REPEAT_MS - 1);
    expect(read("/engagements/7")).toBe("Engagement created.");
    vi.advanceTimersByTime(1);
    expect(read("/engagements/7")).toBeNull();
    expect(sessionRows("manager@demo.test")[0]!.flash).toBeNull();

    // Once shown, the next page is without it.
    setFlash(requestFor(cookie), "Saved.", "/engagements/7");
    expect(read("/engagements/7")).toBe("Saved.");
    expect(read("/engagements/7/intake")).toBeNull();
    expect(read("/engagements/7")).toBeNull();

    // The page tells the same message read again by its id, and the next one by a new id.
    const idOf = (path: string) =>
      inRequestScope(() => ((r) => takeFlash(r, getSession(r))?.id)(new Request(`http://localhost${path}`, { headers: { cookie } })));
    setFlash(requestFor(cookie), "Timeline updated.", "/engagements/7/timeline");
    const first = idOf("/engagements/7/timeline");
    expect(idOf("/engagements/7/timeline")).toBe(first);
    vi.advanceTimersByTime(1000);
    setFlash(requestFor(cookie), "Timeline updated.", "/engagements/7/timeline");
    expect(idOf("/engagements/7/timeline")).not.toBe(first);

    // A message whose page is not reached within a minute (the answer leading there was interrupted) is dropped unread.
    setFlash(requestFor(cookie), "Saved.", "/engagements/7/fit");
    vi.advanceTimersByTime(FLASH_UNCLAIMED_MS + 1);
    expect(read("/engagements/7/fit")).toBeNull();
    expect(sessionRows("manager@demo.test")[0]!.flash).toBeNull();

    // Loaded afresh — reloaded, or a form sent without JavaScript and refused — the page is without it.
    setFlash(requestFor(cookie), "Partner context saved.", "/engagements/7/intake?section=needs");
    expect(read("/engagements/7/intake")).toBe("Partner context saved.");
    expect(read("/engagements/7/intake", "document")).toBeNull();
    expect(read("/engagements/7/intake")).toBeNull();
  });

  it("after signing out, leaving a message or revoking sessions within the request, its loaders read the session afresh", async () => {
    const cookie = cookieOf(await signIn("manager@demo.test"));
    inRequestScope(() => {
      expect(getSession(requestFor(cookie))!.flash).toBeNull();
      setFlash(requestFor(cookie), "Saved.", "/engagements");
      expect(getSession(requestFor(cookie))!.flash?.message).toBe("Saved.");
      revokeUserSessions(db(), userIdByEmail("manager@demo.test"));
      expect(getSession(requestFor(cookie))).toBeNull();
    });
    const other = cookieOf(await signIn("manager@demo.test"));
    inRequestScope(() => {
      expect(getSession(requestFor(other))).not.toBeNull();
      signOut(requestFor(other));
      expect(getSession(requestFor(other))).toBeNull();
    });
  });
});
