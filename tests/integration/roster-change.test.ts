/**
 * A change to the roster that breaks what leadership approved, or is deciding on, is named to those who
 * must act (docs/domain.md §8.1): the administrator who makes it reads which engagements it leaves short,
 * of which role, in which months, or that it leaves none short.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staff } from "../../db/schema";
import * as entryPage from "~/routes/admin.staff.$id";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase } from "../helpers/db";
import { callAction, callLoader, sessionCookie } from "../helpers/requests";

useTestDatabase();
pinToday("2026-12");

const ADMIN = "admin@demo.test";

const person = (name: string) => db().select().from(staff).where(eq(staff.name, name)).get()!;

/** The roster entry's form as saved, with these fields changed. */
function asSaved(name: string, changes: Record<string, string>) {
  const s = person(name);
  return {
    intent: "save",
    name: s.name,
    role: s.role,
    fte: String(s.fte),
    availableFrom: s.availableFrom ?? "",
    availableTo: s.availableTo ?? "",
    dayRate: s.dayRate === null ? "" : String(s.dayRate),
    version: String(s.version),
    ...changes,
  };
}

const flash = async (cookie: string): Promise<string> => (await callLoader((await import("~/root")).loader, { path: "/", cookie })).data.flash;

async function changeAs(name: string, form: Record<string, string>): Promise<string> {
  const cookie = sessionCookie(ADMIN);
  const id = String(person(name).id);
  const res = await callAction(entryPage.action, { path: `/admin/staff/${id}`, params: { id }, cookie, form });
  expect(res.status).toBe(303);
  return flash(cookie);
}

describe("the administrator's message after a roster change", () => {
  it("names the engagement awaiting approval that an end date leaves short, with the role and its months in one line", async () => {
    const said = await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "2027-02" }));
    expect(said).toMatch(
      /^Roster entry saved\. Every engagement's Fit page and live draft now use the roster as it is; proposal versions already made keep their figures\. /
    );
    expect(said).toContain(
      "It leaves short 1 engagement submitted for approval, approved or agreed: National sepsis campaign (version 1, awaiting approval): Communications / campaign leads: short by up to"
    );
    expect(said).toMatch(/Communications \/ campaign leads: short by up to [\d.]+ FTE, May 2027 – Aug 2029\.$/);
  });

  it("names the approved engagement a removal leaves short", async () => {
    // Westvale's collaborative is approved, half a programme director confirmed each month: the last director's removal leaves it short.
    const directors = db().select().from(staff).where(eq(staff.role, "programme_director")).all();
    const said: string[] = [];
    for (const d of directors) said.push(await changeAs(d.name, { intent: "remove", confirm: "on" }));
    expect(said[0]).toMatch(/leaves no engagement submitted for approval, approved or agreed short/);
    expect(said[2]).toMatch(/^Ingrid Vos removed from the roster\./);
    expect(said[2]).toContain("Westvale pressure ulcer collaborative (version 1, approved): Programme directors: short by up to 0.5 FTE, Dec 2026 – Aug 2027.");
  });

  it("says that none is left short when the change takes no time any of them books", async () => {
    const said = await changeAs("Nadia Haddad", asSaved("Nadia Haddad", { name: "Nadia Haddad-Ali" }));
    expect(said).toBe(
      "Roster entry saved. Every engagement's Fit page and live draft now use the roster as it is; proposal versions already made keep their figures. It leaves no engagement submitted for approval, approved or agreed short of the staff it books."
    );
  });
});
