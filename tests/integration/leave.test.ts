/**
 * A person's leave on the roster (docs/domain.md §8.1): the administrator records months away, each a
 * share of the month; every Fit page counts only the time given outside them, and leave that leaves an
 * approved plan short is named, as any other change to the roster is.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, staff, staffLeave } from "../../db/schema";
import * as entryPage from "~/routes/admin.staff.$id";
import * as leavePage from "~/routes/admin.staff.$id_.leave.$leaveId";
import * as rosterPage from "~/routes/admin.staff._index";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as noticesRoute from "~/routes/notices";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer, messageAfter, sessionCookie } from "../helpers/requests";

useTestDatabase();
pinToday("2026-12");

const ADMIN = "admin@demo.test";
const person = (name: string) => db().select().from(staff).where(eq(staff.name, name)).get()!;

function recordLeave(name: string, form: Record<string, string>) {
  const id = String(person(name).id);
  return callAction(entryPage.action, { path: `/admin/staff/${id}`, params: { id }, cookie: sessionCookie(ADMIN), form: { intent: "add-leave", ...form } });
}

async function recordedLeave(name: string, form: Record<string, string>): Promise<string> {
  const cookie = sessionCookie(ADMIN);
  const id = String(person(name).id);
  const res = await callAction(entryPage.action, { path: `/admin/staff/${id}`, params: { id }, cookie, form: { intent: "add-leave", ...form } });
  expect(res.status, JSON.stringify(res.data)).toBe(303);
  return (await messageAfter(res, cookie))!;
}

/** The free improvement-advisor capacity the Fit page's heatmap shows for the demo's plan, month by month. */
async function advisorsFree(): Promise<Map<string, number>> {
  const id = demoEngagementId();
  const page = await callLoader(fitRoute.loader, { path: `/engagements/${id}/fit`, params: { id: String(id) }, as: "manager@demo.test" });
  const row = page.data.plan.heatmap.rows.find((r: { role: string }) => r.role === "improvement_advisor");
  return new Map(row.cells.map((c: { month: string; freeAfterConfirmed: number }) => [c.month, c.freeAfterConfirmed]));
}

describe("the Fit page with leave on the roster", () => {
  it("counts a person away a whole month as giving nothing, and half a month as giving half, only in those months", async () => {
    const before = await advisorsFree();
    const months = [...before.keys()];
    expect(months.length).toBeGreaterThan(6);
    const [first, second, third] = months.slice(1, 4) as [string, string, string];
    // Tom Richardson gives 1.0 FTE: away all of two months, then half of the third.
    await recordedLeave("Tom Richardson", { fromMonth: first, toMonth: second, percent: "100", reason: "Parental leave" });
    await recordedLeave("Tom Richardson", { fromMonth: third, toMonth: third, percent: "50", reason: "Parental leave, back part-time" });

    const after = await advisorsFree();
    for (const month of months) {
      const drop = month === first || month === second ? 1 : month === third ? 0.5 : 0;
      expect(after.get(month), month).toBeCloseTo(Math.max(0, before.get(month)! - drop), 5);
    }
    expect(before.get(first)! - after.get(first)!).toBeCloseTo(1, 5);
    expect(before.get(third)! - after.get(third)!).toBeCloseTo(0.5, 5);
  });

  it("counts the time again once the leave is removed", async () => {
    const before = await advisorsFree();
    const month = [...before.keys()][2]!;
    await recordedLeave("Aisha Khan", { fromMonth: month, toMonth: month, percent: "", reason: "" });
    expect((await advisorsFree()).get(month)).toBeCloseTo(Math.max(0, before.get(month)! - 1), 5);

    const leave = db()
      .select()
      .from(staffLeave)
      .where(eq(staffLeave.staffId, person("Aisha Khan").id))
      .get()!;
    expect(leave.share).toBe(1);
    const ids = { id: String(leave.staffId), leaveId: String(leave.id) };
    const cookie = sessionCookie(ADMIN);
    const res = await callAction(leavePage.action, {
      path: `/admin/staff/${ids.id}/leave/${ids.leaveId}`,
      params: ids,
      cookie,
      form: { intent: "remove", confirm: "on" },
    });
    expect(res.status).toBe(303);
    expect(await messageAfter(res, cookie)).toMatch(/^Leave removed: Aisha Khan's time in those months counts again\./);
    expect((await advisorsFree()).get(month)).toBe(before.get(month));
  });
});

describe("leave that leaves an approved plan short", () => {
  it("is named to the administrator on save, and told once to the owner and leadership, as leave", async () => {
    // Westvale's collaborative is approved, half a programme director confirmed each month to Aug 2027.
    const directors = db().select().from(staff).where(eq(staff.role, "programme_director")).all();
    const said: string[] = [];
    for (const d of directors) said.push(await recordedLeave(d.name, { fromMonth: "2027-03", toMonth: "2027-05", percent: "100", reason: "Sabbatical" }));
    expect(said[0]).toMatch(/^Leave recorded\. .* It leaves no engagement submitted for approval, approved or agreed short of the staff it books\.$/);
    const last = directors[directors.length - 1]!;
    expect(said[directors.length - 1]).toMatch(
      /It leaves short 2 engagements submitted for approval, approved or agreed, whose owners and leadership are told: /
    );
    expect(said[directors.length - 1]).toContain(
      "Westvale pressure ulcer collaborative (version 1, approved): Programme directors: short by up to 0.5 FTE, Mar 2027 – May 2027."
    );

    const told = async (email: string) =>
      (await callLoader(noticesRoute.loader, { path: "/notices", as: email })).data.notices.filter((n: { text: string }) =>
        /Westvale pressure ulcer collaborative .* short of staff it books/.test(n.text)
      );
    const owner = await told("manager@demo.test");
    expect(owner).toHaveLength(1);
    expect(owner[0].text).toMatch(
      new RegExp(`^${last.name} \\(programme director\\) is on leave March – May 2027, which leaves Westvale pressure ulcer collaborative`)
    );
    expect(await told("leader@demo.test")).toHaveLength(1);
    // The reason stays on the roster: it is in no notice and in no audit entry.
    expect(owner[0].text).not.toContain("Sabbatical");
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "staff.leave.create")).all();
    expect(audit).toHaveLength(directors.length);
    expect(audit.map((a) => a.detailJson).join()).not.toContain("Sabbatical");
    expect(JSON.parse(audit[audit.length - 1]!.detailJson).leavesShort).toHaveLength(2);
  });
});

describe("the leave form refused", () => {
  it("says beside the last month that it is before the first, and keeps what was typed", async () => {
    const res = await recordLeave("Tom Richardson", { fromMonth: "2027-06", toMonth: "2027-04", percent: "40", reason: "Sabbatical" });
    expect(res.status).toBe(400);
    const { errors, values } = formAnswer(res);
    expect(errors).toEqual({ toMonth: "Last month must not be before the first month." });
    expect(values).toMatchObject({ fromMonth: "2027-06", toMonth: "2027-04", percent: "40", reason: "Sabbatical" });
    expect(db().select().from(staffLeave).all()).toEqual([]);
  });

  it("says beside each month when it lies outside the person's months on the roster", async () => {
    // Dr Marcus Bell joins in January 2027; Dr Elena Petrova's last month is December 2027.
    const early = formAnswer(await recordLeave("Dr Marcus Bell", { fromMonth: "2026-12", toMonth: "2027-02", percent: "100" }));
    expect(early.errors).toEqual({ fromMonth: "First month must not be before January 2027, when Dr Marcus Bell joins the roster." });
    const late = formAnswer(await recordLeave("Dr Elena Petrova", { fromMonth: "2027-11", toMonth: "2028-01", percent: "100" }));
    expect(late.errors).toEqual({ toMonth: "Last month must not be after December 2027, Dr Elena Petrova's last month on the roster." });
  });

  it("says beside the first month that it overlaps the person's other leave, and a share that is not a percentage beside the share", async () => {
    await recordedLeave("Tom Richardson", { fromMonth: "2027-03", toMonth: "2027-05", percent: "100" });
    const overlap = formAnswer(await recordLeave("Tom Richardson", { fromMonth: "2027-05", toMonth: "2027-07", percent: "50" }));
    expect(overlap.errors).toEqual({ fromMonth: "Tom Richardson is already on leave March – May 2027: change that leave, or choose months outside it." });
    expect(overlap.values).toMatchObject({ fromMonth: "2027-05", toMonth: "2027-07", percent: "50" });
    const share = formAnswer(await recordLeave("Tom Richardson", { fromMonth: "2027-08", toMonth: "2027-08", percent: "150" }));
    expect(share.errors).toEqual({ percent: "Share of each month must be at most 100%." });
    expect(db().select().from(staffLeave).all()).toHaveLength(1);
  });
});

describe("the roster with leave", () => {
  it("lists each person's leave, and counts this month's capacity without the time they are away", async () => {
    const before = (await callLoader(rosterPage.loader, { path: "/admin/staff", as: ADMIN })).data;
    await recordedLeave("Tom Richardson", { fromMonth: "2026-12", toMonth: "2027-02", percent: "50" });
    const after = (await callLoader(rosterPage.loader, { path: "/admin/staff", as: ADMIN })).data;
    const advisors = (d: { totals: { key: string; fte: number; people: number }[] }) => d.totals.find((t) => t.key === "improvement_advisor")!;
    expect(advisors(after).fte).toBeCloseTo(advisors(before).fte - 0.5, 5);
    expect(advisors(after).people).toBe(advisors(before).people);
    expect(after.onLeave).toBe(1);
    const tom = after.staff.find((s: { name: string }) => s.name === "Tom Richardson");
    expect(tom.leave).toHaveLength(1);
  });
});
