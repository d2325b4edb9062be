/**
 * Invitations and password resets by mail: the invitee chooses their own password from a single-use
 * link and is signed in; a reset ends every session of the account; the answer to "forgot password"
 * never tells whether an address has an account; requests are throttled.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, outbox, sessions, userTokens, users } from "../../db/schema";
import * as forgot from "~/routes/forgot-password";
import * as usersIndex from "~/routes/admin.users._index";
import * as engagementPage from "~/routes/engagements.$id._index";
import * as passwordPage from "~/routes/password.$token";
import * as login from "~/routes/login";
import { resetEnvCache } from "~/services/env.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer, sessionCookie } from "../helpers/requests";

useTestDatabase();

beforeEach(() => {
  process.env.PUBLIC_URL = "https://planner.example.org";
  resetEnvCache();
});

/** The token of the link in the newest message to this address, as its reader would click it. */
function linkIn(address: string): string {
  const row = db().select().from(outbox).where(eq(outbox.toAddress, address)).all().at(-1)!;
  const m = row.body.match(/https:\/\/planner\.example\.org\/password\/([A-Za-z0-9_-]+)/);
  expect(m, row.body).not.toBeNull();
  return m![1]!;
}

describe("an invitation", () => {
  it("mails a single-use link; the invitee chooses their password, is signed in, and the link then opens nothing", async () => {
    const sent = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "admin@demo.test",
      form: { name: "Aoife Byrne", email: "Aoife@Eastmere.example", role: "leader", organisationId: "" },
    });
    expect(sent.status).toBe(303);
    const token = linkIn("aoife@eastmere.example");
    const stored = db().select().from(userTokens).all().at(-1)!;
    expect(stored.tokenHash).not.toContain(token);
    expect(Date.parse(stored.expiresAt) - Date.parse(stored.createdAt)).toBe(7 * 24 * 3600_000);
    // No password is known before the invitee chooses one.
    const early = await callAction(login.action, { path: "/login", form: { email: "aoife@eastmere.example", password: "invited" } });
    expect(early.status).toBe(400);

    const page = await callLoader(passwordPage.loader, { path: `/password/${token}`, params: { token } });
    expect(page.data).toEqual({ purpose: "invitation", name: "Aoife Byrne" });
    const mismatch = await callAction(passwordPage.action, {
      path: `/password/${token}`,
      params: { token },
      form: { password: "a-long-enough-password", confirm: "different" },
    });
    expect(mismatch.status).toBe(400);
    expect(formAnswer(mismatch).errors.confirm).toMatch(/differ/);
    expect(formAnswer(mismatch).values.password ?? "").toBe("");
    const chosen = await callAction(passwordPage.action, {
      path: `/password/${token}`,
      params: { token },
      form: { password: "a-long-enough-password", confirm: "a-long-enough-password" },
    });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get("Set-Cookie")).toMatch(/^pp_session=/);
    const signIn = await callAction(login.action, { path: "/login", form: { email: "aoife@eastmere.example", password: "a-long-enough-password" } });
    expect(signIn.status).toBe(303);
    const again = await callLoader(passwordPage.loader, { path: `/password/${token}`, params: { token } });
    expect(again.status).toBe(404);
  });

  it("is refused to anyone but an administrator", async () => {
    const res = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "manager@demo.test",
      form: { name: "X", email: "x@demo.test", role: "leader", organisationId: "" },
    });
    expect(res.status).toBe(403);
  });
});

describe("an executive invited from the engagement", () => {
  const invite = (as: string, email: string, name = "Nadia Okafor") =>
    callAction(engagementPage.action, {
      path: `/engagements/${demoEngagementId()}`,
      params: { id: String(demoEngagementId()) },
      as,
      form: { form: "invite-executive", intent: "invite-executive", name, email },
    });
  const executives = async (as = "manager@demo.test") =>
    (
      (await callLoader(engagementPage.loader, { path: `/engagements/${demoEngagementId()}`, params: { id: String(demoEngagementId()) }, as })).data as {
        executives: { people: { id: number; name: string; email: string; status: string }[]; canInvite: boolean };
      }
    ).executives;

  it("joins the engagement's partner organisation without a password, is listed as invited, and signs in from the mailed link", async () => {
    const res = await invite("manager@demo.test", "Nadia.Okafor@Northfield.example");
    expect(res.status).toBe(303);
    const added = db().select().from(users).where(eq(users.email, "nadia.okafor@northfield.example")).get()!;
    const partnerA = db().select().from(users).where(eq(users.email, "partner@demo.test")).get()!;
    expect(added).toMatchObject({ name: "Nadia Okafor", role: "partner", organisationId: partnerA.organisationId, passwordHash: "invited" });
    expect((await executives()).people).toContainEqual({ id: added.id, name: "Nadia Okafor", email: "nadia.okafor@northfield.example", status: "invited" });
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "partner.invite")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: userIdByEmail("manager@demo.test"), engagementId: demoEngagementId() });

    const token = linkIn("nadia.okafor@northfield.example");
    const chosen = await callAction(passwordPage.action, {
      path: `/password/${token}`,
      params: { token },
      form: { password: "northfield-board-2027", confirm: "northfield-board-2027" },
    });
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe("/partner");
    expect((await executives()).people.find((p) => p.id === added.id)?.status).toBe("active");
  });

  it("sends a pending invitee a new link, and makes no second account", async () => {
    await invite("manager@demo.test", "nadia.okafor@northfield.example");
    const again = await invite("manager@demo.test", "nadia.okafor@northfield.example", "Nadia O.");
    expect(again.status).toBe(303);
    expect(db().select().from(users).where(eq(users.email, "nadia.okafor@northfield.example")).all()).toHaveLength(1);
    const letters = db().select().from(outbox).where(eq(outbox.toAddress, "nadia.okafor@northfield.example")).all();
    expect(letters).toHaveLength(2);
    expect(letters[0]!.body).not.toBe(letters[1]!.body);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "partner.invite_again")).all()).toHaveLength(1);
  });

  it.each([
    ["one of our staff", "leader@demo.test", "This address belongs to one of our staff. Invite the executive with their own address."],
    ["another organisation's executive", "partner2@demo.test", "This address belongs to an executive of another partner organisation."],
    ["an executive who already signs in", "partner@demo.test", "This executive already signs in with this address; nothing was sent."],
  ])("refuses the address of %s beside the field, keeping what was typed, and mails nothing", async (_who, email, message) => {
    const before = db().select().from(outbox).all().length;
    const res = await invite("manager@demo.test", email, "Someone Typed");
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ email: message });
    expect(formAnswer(res).values).toMatchObject({ name: "Someone Typed", email });
    expect(db().select().from(outbox).all()).toHaveLength(before);
  });

  it("is offered to the owner only: a leader reads the list without the form, and is refused the change", async () => {
    expect((await executives("manager@demo.test")).canInvite).toBe(true);
    const asLeader = await executives("leader@demo.test");
    expect(asLeader.canInvite).toBe(false);
    expect(asLeader.people.map((p) => p.email)).toContain("partner@demo.test");
    expect((await invite("leader@demo.test", "nadia.okafor@northfield.example")).status).toBe(403);
    expect(db().select().from(users).where(eq(users.email, "nadia.okafor@northfield.example")).get()).toBeUndefined();
  });

  it("is not an administrator's from the engagement's page, which they cannot open: they invite the executive from the Users page", async () => {
    const page = await callLoader(engagementPage.loader, {
      path: `/engagements/${demoEngagementId()}`,
      params: { id: String(demoEngagementId()) },
      as: "admin@demo.test",
    });
    expect(page.status).toBe(403);
    // Posting the engagement page's form anyway is refused at once, not accepted and then answered by a page they may not see.
    const before = db().select().from(outbox).all().length;
    const posted = await invite("admin@demo.test", "nadia.okafor@northfield.example");
    expect(posted.status).toBe(403);
    expect(posted.headers.get("Location")).toBeNull();
    expect(db().select().from(users).where(eq(users.email, "nadia.okafor@northfield.example")).get()).toBeUndefined();
    expect(db().select().from(outbox).all()).toHaveLength(before);

    // The Users page, which is theirs, invites an executive of the partner organisation, and the engagement lists them as invited.
    const organisationId = db().select().from(users).where(eq(users.email, "partner@demo.test")).get()!.organisationId!;
    const sent = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "admin@demo.test",
      form: { name: "Nadia Okafor", email: "nadia.okafor@northfield.example", role: "partner", organisationId: String(organisationId) },
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toMatch(/^\/admin\/users/);
    expect((await executives()).people).toContainEqual(expect.objectContaining({ name: "Nadia Okafor", status: "invited" }));
    expect(linkIn("nadia.okafor@northfield.example")).toBeTruthy();
  });
});

describe("forgot password", () => {
  it("answers the same for an address with and without an account, and mails only the real one", async () => {
    const known = await callAction(forgot.action, { path: "/forgot-password", form: { email: "manager@demo.test" } });
    const unknown = await callAction(forgot.action, { path: "/forgot-password", form: { email: "nobody@demo.test" } });
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.headers.get("Location")).toBe(unknown.headers.get("Location"));
    expect(db().select().from(outbox).where(eq(outbox.toAddress, "nobody@demo.test")).all()).toEqual([]);
    expect(
      db()
        .select()
        .from(outbox)
        .where(eq(outbox.kind, "password_reset"))
        .all()
        .map((r) => r.toAddress)
    ).toEqual(["manager@demo.test"]);
  });

  it("ends every session of the account when the new password is set", async () => {
    const managerId = userIdByEmail("manager@demo.test");
    sessionCookie("manager@demo.test");
    sessionCookie("manager@demo.test");
    expect(db().select().from(sessions).where(eq(sessions.userId, managerId)).all().length).toBeGreaterThanOrEqual(2);
    await callAction(forgot.action, { path: "/forgot-password", form: { email: "manager@demo.test" } });
    const token = linkIn("manager@demo.test");
    const res = await callAction(passwordPage.action, {
      path: `/password/${token}`,
      params: { token },
      form: { password: "a-new-long-password", confirm: "a-new-long-password" },
    });
    expect(res.status).toBe(303);
    // Only the session the reset itself opened remains.
    expect(db().select().from(sessions).where(eq(sessions.userId, managerId)).all()).toHaveLength(1);
    expect(db().select({ h: users.passwordHash }).from(users).where(eq(users.id, managerId)).get()!.h).toMatch(/^scrypt\$/);
  });

  it("is throttled per account: past three requests it asks the person to wait, and mails nothing more", async () => {
    for (let i = 0; i < 3; i++) expect((await callAction(forgot.action, { path: "/forgot-password", form: { email: "leader@demo.test" } })).status).toBe(303);
    const fourth = await callAction(forgot.action, { path: "/forgot-password", form: { email: "leader@demo.test" } });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(db().select().from(outbox).where(eq(outbox.kind, "password_reset")).all()).toHaveLength(3);
  });
});
