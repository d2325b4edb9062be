import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staff } from "../../db/schema";
import * as rosterPage from "~/routes/admin.staff._index";
import * as entryPage from "~/routes/admin.staff.$id";
import { dayRatesFromRoster } from "~/domain/resource-fit";
import { readRoster, rosterTotals } from "~/models/roster.server";
import { getStaffRoles } from "~/services/templates.server";
import { db, useTestDatabase } from "../helpers/db";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

const first = () => db().select().from(staff).where(eq(staff.id, 1)).get()!;
const edit = (form: Record<string, string>) =>
  callAction(entryPage.action, { path: "/admin/staff/1", params: { id: "1" }, as: "admin@demo.test", form: { intent: "save", ...form } });
const asSaved = () => {
  const s = first();
  return { name: s.name, role: s.role, fte: String(s.fte), availableFrom: "", availableTo: "", dayRate: String(s.dayRate), version: String(s.version) };
};

describe("the staff roster", () => {
  it("adds a person, and refuses a role that does not exist next to the role, keeping what was typed", async () => {
    const ok = await callAction(rosterPage.action, {
      path: "/admin/staff",
      as: "admin@demo.test",
      form: { name: "Noor Haddad", role: "improvement_advisor", fte: "0.8", availableFrom: "", availableTo: "", dayRate: "1,200" },
    });
    expect(ok.status).toBe(303);
    expect(db().select().from(staff).where(eq(staff.name, "Noor Haddad")).get()).toMatchObject({ fte: 0.8, dayRate: 1200 });

    const bad = await callAction(rosterPage.action, {
      path: "/admin/staff",
      as: "admin@demo.test",
      form: { name: "Sam Ortiz", role: "astronaut", fte: "0.5", availableFrom: "", availableTo: "", dayRate: "900" },
    });
    expect(bad.status).toBe(400);
    expect(formAnswer(bad).errors.role).toMatch(/listed roles/);
    expect(formAnswer(bad).values).toMatchObject({ name: "Sam Ortiz", role: "astronaut", dayRate: "900" });
  });

  it("keeps a day rate left empty as none, so the person is priced at their role's rate rather than at nothing", async () => {
    const rates = () => dayRatesFromRoster(readRoster(), getStaffRoles().roles);
    const before = rates();
    const add = (dayRate: string) =>
      callAction(rosterPage.action, {
        path: "/admin/staff",
        as: "admin@demo.test",
        form: { name: `Faculty at ${dayRate || "no rate"}`, role: "faculty", fte: "0.3", availableFrom: "", availableTo: "", dayRate },
      });
    expect((await add("")).status).toBe(303);
    expect(db().select().from(staff).where(eq(staff.name, "Faculty at no rate")).get()).toMatchObject({ dayRate: null });
    expect(rates()).toEqual(before);
    // A rate typed is the person's own, and moves the role's.
    expect((await add("900")).status).toBe(303);
    expect(rates().faculty).toBeLessThan(before.faculty);
  });

  it("totals each role's people and FTE in the month, leaving out who joins later or has left, to two decimals", () => {
    const roles = getStaffRoles().roles;
    const people = [
      { role: "faculty", fte: 4.6, availableFrom: null, availableTo: null },
      { role: "faculty", fte: 0.55, availableFrom: "2026-06", availableTo: null },
      { role: "data_analyst", fte: 1, availableFrom: "2029-01", availableTo: null },
      { role: "data_analyst", fte: 0.5, availableFrom: null, availableTo: "2026-11" },
    ];
    const { totals, notNow } = rosterTotals(people, roles, "2026-12");
    expect(totals.find((t) => t.key === "faculty")).toMatchObject({ people: 2, fte: 5.15 });
    expect(totals.find((t) => t.key === "data_analyst")).toMatchObject({ people: 0, fte: 0 });
    expect(notNow).toBe(2);
  });

  it("saves an edit, and answers a stale one with 409 on the form, keeping the edit and the other person's save", async () => {
    const before = asSaved();
    expect((await edit({ ...before, fte: "0.4" })).status).toBe(303);
    expect(first().fte).toBe(0.4);

    const stale = await edit({ ...before, name: "A name typed on the old page" });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).errors[""]).toMatch(/Someone else changed this person/);
    expect(formAnswer(stale).values.name).toBe("A name typed on the old page");
    expect(first()).toMatchObject({ name: before.name, fte: 0.4 });
  });

  it("keeps a field the person cleared empty when the form comes back with an error", async () => {
    const res = await edit({ ...asSaved(), availableFrom: "2027-06", availableTo: "2027-01", dayRate: "" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.availableTo).toMatch(/before available from/);
    expect(formAnswer(res).values.dayRate ?? "").toBe("");
  });

  it("removes no one on a click of the remove button alone: the tick beside it confirms it, with a message beside the tick", async () => {
    const res = await callAction(entryPage.action, { path: "/admin/staff/1", params: { id: "1" }, as: "admin@demo.test", form: { intent: "remove" } });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors).toEqual({ confirm: "Tick the box to confirm: a removal cannot be undone." });
    expect(db().select().from(staff).where(eq(staff.id, 1)).get()).toBeDefined();
  });

  it("removes a person, and a second removal is a 404", async () => {
    const res = await callAction(entryPage.action, {
      path: "/admin/staff/1",
      params: { id: "1" },
      as: "admin@demo.test",
      form: { intent: "remove", confirm: "on" },
    });
    expect(res.status).toBe(303);
    expect(db().select().from(staff).where(eq(staff.id, 1)).get()).toBeUndefined();
    const again = await callAction(entryPage.action, {
      path: "/admin/staff/1",
      params: { id: "1" },
      as: "admin@demo.test",
      form: { intent: "remove", confirm: "on" },
    });
    expect(again.status).toBe(404);
    const page = await callLoader(entryPage.loader, { path: "/admin/staff/1", params: { id: "1" }, as: "admin@demo.test" });
    expect(page.status).toBe(404);
  });
});
