/**
 * Someone must always be able to manage users: the last active administrator can be neither
 * demoted nor disabled, by anyone, themselves included.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import * as userPage from "~/routes/admin.users.$id";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { formState } from "~/lib/forms";
import { callAction, formAnswer } from "../helpers/requests";

useTestDatabase();

const row = (email: string) =>
  db().select({ role: users.role, disabledAt: users.disabledAt, version: users.version }).from(users).where(eq(users.email, email)).get()!;
const post = (as: string, target: string, form: Record<string, string>) =>
  callAction(userPage.action, { path: `/admin/users/${userIdByEmail(target)}`, params: { id: String(userIdByEmail(target)) }, as, form });
const demote = (as: string, target: string) =>
  post(as, target, { intent: "update-role", role: "manager", organisationId: "", version: String(row(target).version) });

const addAdmin = (disabledAt: string | null = null) =>
  db().insert(users).values({ email: "admin2@demo.test", name: "Second Admin", role: "admin", passwordHash: "scrypt$x", disabledAt }).run();

describe("the last active administrator", () => {
  it("cannot demote themselves, and is told why next to the role", async () => {
    const res = await demote("admin@demo.test", "admin@demo.test");
    expect(res.status).toBe(409);
    expect(formAnswer(res).errors.role).toMatch(/^This is the last active administrator: make someone else an administrator first/);
    expect(formAnswer(res).values).toMatchObject({ role: "manager" });
    expect(row("admin@demo.test").role).toBe("admin");
  });

  it("is told so on the role form of the page, not on the access form", async () => {
    const res = await post("admin@demo.test", "admin@demo.test", { form: "role", intent: "update-role", role: "leader", organisationId: "", version: "1" });
    expect(res.status).toBe(409);
    expect(formState(res.data, "role").errors.role).toMatch(/^This is the last active administrator/);
    expect(formState(res.data, "access").errors).toEqual({});
  });

  it("may step down while another administrator is active, and not once alone", async () => {
    addAdmin();
    expect((await demote("admin@demo.test", "admin2@demo.test")).status).toBe(303);
    expect(row("admin2@demo.test").role).toBe("manager");
    expect((await demote("admin@demo.test", "admin@demo.test")).status).toBe(409);
    expect(row("admin@demo.test").role).toBe("admin");
  });

  it("counts only active administrators: a disabled one does not keep the last active one replaceable", async () => {
    addAdmin("2026-01-01T00:00:00.000Z");
    expect((await demote("admin@demo.test", "admin@demo.test")).status).toBe(409);
    expect(row("admin@demo.test").role).toBe("admin");
  });

  it("whoever is left last is kept, whichever administrator asks", async () => {
    addAdmin();
    // Two active: the second may disable the first; now the second is the last active one.
    expect((await post("admin2@demo.test", "admin@demo.test", { intent: "disable" })).status).toBe(303);
    expect((await demote("admin2@demo.test", "admin2@demo.test")).status).toBe(409);
    // Re-enabled, the first may not disable or demote the second while it would be left alone…
    db().update(users).set({ disabledAt: null }).where(eq(users.email, "admin@demo.test")).run();
    db().update(users).set({ disabledAt: "2026-01-01T00:00:00.000Z" }).where(eq(users.email, "admin2@demo.test")).run();
    expect((await demote("admin@demo.test", "admin@demo.test")).status).toBe(409);
    const res = await post("admin@demo.test", "admin@demo.test", { intent: "disable" });
    expect(res.status).toBe(403); // disabling oneself was always refused
    expect(row("admin@demo.test")).toMatchObject({ role: "admin", disabledAt: null });
  });
});
