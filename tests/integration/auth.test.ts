import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approvalRequests, auditLog, sessions } from "../../db/schema";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as index from "~/routes/_index";
import * as engagementsIndex from "~/routes/engagements._index";
import * as userPage from "~/routes/admin.users.$id";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callAction, callLoader, formAnswer, sessionCookie } from "../helpers/requests";

useTestDatabase();

const PASSWORD = "planner-demo-2026";

function signIn(email: string, password: string, clientAddress = "10.0.0.1") {
  return callAction(login.action, { path: "/login", form: { email, password }, clientAddress });
}

describe("signing in", () => {
  it("answers 303 with an HttpOnly, SameSite=Lax session cookie and sends the user to their home page", async () => {
    const res = await signIn("manager@demo.test", PASSWORD);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/engagements");
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^pp_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("sends a leader to the approvals queue while a request waits for their decision, else to the engagements", async () => {
    // The demo's Kestrel request waits for both leaders.
    expect(db().select().from(approvalRequests).where(eq(approvalRequests.status, "pending")).all().length).toBeGreaterThan(0);
    expect((await signIn("leader@demo.test", PASSWORD)).location).toBe("/approvals");
    const home = await callLoader(index.loader, { path: "/", as: "leader2@demo.test" });
    expect(home.location).toBe("/approvals");
    // Once nothing waits on them (here: every request withdrawn), their start page is the engagements.
    db().update(approvalRequests).set({ status: "withdrawn" }).where(eq(approvalRequests.status, "pending")).run();
    expect((await signIn("leader@demo.test", PASSWORD)).location).toBe("/engagements");
    // A manager never lands on the queue, whatever waits.
    expect((await signIn("manager@demo.test", PASSWORD)).location).toBe("/engagements");
  });

  it("marks the cookie Secure when the public origin is https", async () => {
    process.env.APP_ORIGIN = "https://planner.example.org";
    try {
      const { resetEnvCache } = await import("~/services/env.server");
      resetEnvCache();
      const res = await signIn("manager@demo.test", PASSWORD);
      expect(res.headers.get("Set-Cookie")).toContain("Secure");
    } finally {
      delete process.env.APP_ORIGIN;
    }
  });

  it("issues a new session id at every login", async () => {
    const a = (await signIn("leader@demo.test", PASSWORD)).headers.get("Set-Cookie")!.split(";")[0];
    const b = (await signIn("leader@demo.test", PASSWORD)).headers.get("Set-Cookie")!.split(";")[0];
    expect(a).not.toBe(b);
  });

  it("answers 400 with the same message for a wrong password and an unknown account", async () => {
    const wrong = await signIn("manager@demo.test", "nope");
    const unknown = await signIn("nobody@demo.test", "nope");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(formAnswer(wrong).errors[""]).toBe("That email and password do not match an active account.");
    expect(formAnswer(unknown).errors[""]).toBe(formAnswer(wrong).errors[""]);
    // The email comes back to the form; the password never does.
    expect(formAnswer(wrong).values).toMatchObject({ email: "manager@demo.test", password: "" });
    expect(JSON.stringify(wrong.data)).not.toContain("nope");
  });

  it("says next to each field what is missing, and keeps the email typed", async () => {
    const res = await signIn("manager@demo.test", "");
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ password: "Enter your password." });
    expect(formAnswer(res).values.email).toBe("manager@demo.test");
    expect(formAnswer(await signIn("", "x")).errors).toEqual({ email: "Enter your email address." });
  });

  it("throttles ten wrong passwords in a row with 429 and Retry-After, even for the right password", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn("partner@demo.test", `wrong-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const locked = await signIn("partner@demo.test", PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(formAnswer(locked).errors[""]).toMatch(/Too many failed sign-in attempts/);
    expect(JSON.stringify(locked.data)).not.toContain(PASSWORD);
  });

  it("throttles an address that tries many accounts", async () => {
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await signIn(`guess${i}@demo.test`, "x", "10.9.9.9")).status;
    expect(last).toBe(429);
    expect((await signIn("manager@demo.test", PASSWORD, "10.9.9.10")).status).toBe(303);
  });

  it("records the login in the audit trail", async () => {
    await signIn("admin@demo.test", PASSWORD);
    const rows = db().select().from(auditLog).where(eq(auditLog.action, "user.login")).all();
    expect(rows.map((r) => r.userId)).toContain(userIdByEmail("admin@demo.test"));
  });
});

describe("sessions", () => {
  it("signing out ends the session on the server", async () => {
    const cookie = sessionCookie("manager@demo.test");
    expect((await callLoader(engagementsIndex.loader, { path: "/engagements", cookie })).status).toBe(200);
    const out = await callAction(logout.action, { path: "/logout", cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    const after = await callLoader(engagementsIndex.loader, { path: "/engagements", cookie });
    expect(after.status).toBe(302);
    expect(after.location).toBe("/login?redirectTo=%2Fengagements");
  });

  it("disabling a user ends their sessions at once and stops them signing in", async () => {
    const cookie = sessionCookie("partner2@demo.test");
    const target = userIdByEmail("partner2@demo.test");
    const res = await callAction(userPage.action, {
      path: `/admin/users/${target}`,
      params: { id: String(target) },
      as: "admin@demo.test",
      form: { intent: "disable" },
    });
    expect(res.status).toBe(303);
    expect(db().select().from(sessions).where(eq(sessions.userId, target)).all()).toHaveLength(0);
    expect((await callLoader(engagementsIndex.loader, { path: "/engagements", cookie })).status).toBe(302);
    expect((await signIn("partner2@demo.test", PASSWORD)).status).toBe(400);
  });

  it("ends a session that has been idle too long", async () => {
    const cookie = sessionCookie("leader@demo.test");
    db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 13 * 3600_000).toISOString() })
      .run();
    expect((await callLoader(engagementsIndex.loader, { path: "/engagements", cookie })).status).toBe(302);
  });
});
