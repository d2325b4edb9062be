import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, sessions, users } from "../../db/schema";
import * as usersIndex from "~/routes/admin.users._index";
import * as userPage from "~/routes/admin.users.$id";
import * as login from "~/routes/login";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { orgIdByName } from "../helpers/fixtures";
import { callAction, formAnswer, sessionCookie } from "../helpers/requests";

useTestDatabase();

describe("managing users", () => {
  it("adds a partner executive by inviting them: no password is set or taken, and the mail carries their link", async () => {
    const org = orgIdByName("Eastmere Regional Health Authority");
    const res = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "admin@demo.test",
      // A password sent with the form is not a field of it any more: nothing reads it.
      form: { name: "Aoife Byrne", email: "Aoife@Eastmere.example", role: "partner", organisationId: String(org), password: "correct horse battery" },
    });
    expect(res.status).toBe(303);
    expect(db().select().from(users).where(eq(users.email, "aoife@eastmere.example")).get()).toMatchObject({ role: "partner", organisationId: org });
    const signIn = await callAction(login.action, { path: "/login", form: { email: "aoife@eastmere.example", password: "correct horse battery" } });
    expect(signIn.status).toBe(400);
    const letter = db().select().from(outbox).where(eq(outbox.toAddress, "aoife@eastmere.example")).get()!;
    expect(letter.subject).toBe("Sam Lindqvist of Northbridge invited you to Partnership Planner");
    expect(letter.body).toMatch(/\/password\/[A-Za-z0-9_-]{20,}/);
  });

  it("requires an organisation for partners, and keeps what was typed", async () => {
    const res = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "admin@demo.test",
      form: { name: "No Org", email: "no-org@demo.test", role: "partner", organisationId: "" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ organisationId: "A partner executive must belong to a partner organisation." });
    expect(formAnswer(res).values).toMatchObject({ name: "No Org", email: "no-org@demo.test", role: "partner" });
    expect(db().select().from(outbox).where(eq(outbox.toAddress, "no-org@demo.test")).get()).toBeUndefined();
  });

  it("refuses a duplicate email next to the field", async () => {
    const res = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "admin@demo.test",
      form: { name: "Dup", email: "MANAGER@demo.test", role: "manager", organisationId: "" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ email: "A user with this email already exists." });
    expect(formAnswer(res).values).toMatchObject({ name: "Dup", email: "MANAGER@demo.test", role: "manager" });
  });

  it("refuses an organisation that is not on the list next to its field", async () => {
    const res = await callAction(usersIndex.action, {
      path: "/admin/users",
      as: "admin@demo.test",
      form: { name: "Made Up", email: "made-up@demo.test", role: "partner", organisationId: "99999" },
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ organisationId: "Choose a partner organisation from the list." });
    expect(formAnswer(res).values).toMatchObject({ name: "Made Up", organisationId: "99999" });
    expect(db().select().from(users).where(eq(users.email, "made-up@demo.test")).get()).toBeUndefined();
  });

  it("changes a role, ends that user's sessions, and refuses a stale change with 409", async () => {
    const target = userIdByEmail("leader2@demo.test");
    sessionCookie("leader2@demo.test");
    const change = (version: string) =>
      callAction(userPage.action, {
        path: `/admin/users/${target}`,
        params: { id: String(target) },
        as: "admin@demo.test",
        form: { intent: "update-role", role: "manager", organisationId: "", version },
      });
    expect((await change("1")).status).toBe(303);
    expect(db().select().from(sessions).where(eq(sessions.userId, target)).all()).toHaveLength(0);
    const stale = await change("1");
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).errors[""]).toMatch(/^Someone else changed this user while you were editing/);
    expect(formAnswer(stale).values).toMatchObject({ role: "manager" });
  });

  it("refuses an unknown organisation on a user's page next to its field, and a made-up action for the form", async () => {
    const target = userIdByEmail("leader2@demo.test");
    const post = (form: Record<string, string>) =>
      callAction(userPage.action, { path: `/admin/users/${target}`, params: { id: String(target) }, as: "admin@demo.test", form });
    const org = await post({ intent: "update-role", role: "partner", organisationId: "99999", version: "1" });
    expect(org.status).toBe(400);
    expect(formAnswer(org).errors).toEqual({ organisationId: "Choose a partner organisation from the list." });
    expect(db().select({ role: users.role }).from(users).where(eq(users.id, target)).get()).toEqual({ role: "leader" });
    const made = await post({ intent: "promote" });
    expect(made.status).toBe(400);
    expect(formAnswer(made).errors[""]).toMatch(/not something this page can do/);
    const missing = await callAction(userPage.action, {
      path: "/admin/users/99999",
      params: { id: "99999" },
      as: "admin@demo.test",
      form: { intent: "enable" },
    });
    expect(missing.status).toBe(404);
  });
});
