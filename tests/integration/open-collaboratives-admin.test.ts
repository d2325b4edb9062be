import { eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { methodDecisions, openCollaboratives } from "../../db/schema";
import * as listPage from "~/routes/admin.open-collaboratives._index";
import * as entryPage from "~/routes/admin.open-collaboratives.$id";
import { currentDay } from "~/services/clock.server";
import { db, useTestDatabase } from "../helpers/db";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

const NEW = {
  topic: "sepsis",
  title: "Sepsis Six Collaborative",
  host: "Westvale Health",
  session1: "2030-03-05",
  session2: "2030-07-02",
  session3: "",
  placesLeft: "5",
};
const add = (form: Record<string, string>, as = "admin@demo.test") => callAction(listPage.action, { path: "/admin/open-collaboratives", as, form });
const row = (id: number) => db().select().from(openCollaboratives).where(eq(openCollaboratives.id, id)).get();
const edit = (form: Record<string, string>, as = "admin@demo.test") =>
  callAction(entryPage.action, { path: "/admin/open-collaboratives/1", params: { id: "1" }, as, form: { intent: "save", ...form } });

describe("open collaboratives, kept by administrators", () => {
  it("lists the seeded ones with their topic, host, next sessions and places left", async () => {
    const res = await callLoader(listPage.loader, { path: "/admin/open-collaboratives", as: "admin@demo.test" });
    expect(res.status).toBe(200);
    const body = res.data as { collaboratives: { title: string; host: string; sessionDates: string[]; placesLeft: number }[] };
    expect(body.collaboratives.length).toBeGreaterThanOrEqual(2);
    for (const c of body.collaboratives) {
      expect(c.sessionDates.length).toBeGreaterThan(0);
      for (const d of c.sessionDates) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });

  it("adds one, with its sessions in order", async () => {
    expect((await add(NEW)).status).toBe(303);
    const saved = db().select().from(openCollaboratives).where(eq(openCollaboratives.title, "Sepsis Six Collaborative")).get()!;
    expect(saved).toMatchObject({ topic: "sepsis", host: "Westvale Health", placesLeft: 5 });
    expect(JSON.parse(saved.sessionDatesJson)).toEqual(["2030-03-05", "2030-07-02"]);
  });

  it("refuses a topic that has no template and negative places next to each field, keeping what was typed", async () => {
    const res = await add({ ...NEW, topic: "astrology", placesLeft: "-2" });
    expect(res.status).toBe(400);
    const answer = formAnswer(res);
    expect(answer.errors.topic).toMatch(/listed topics/);
    expect(answer.errors.placesLeft).toMatch(/at least 0/);
    expect(answer.values).toMatchObject({ title: NEW.title, host: NEW.host, session1: NEW.session1, placesLeft: "-2" });
  });

  it("refuses sessions out of order next to the later one", async () => {
    const res = await add({ ...NEW, session2: "2030-01-01" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.session2).toMatch(/in order/);
    expect(formAnswer(res).values).toMatchObject({ session2: "2030-01-01" });
  });

  it("refuses a next learning session that has passed, next to it, on adding and on saving; a session today is still to come", async () => {
    const today = currentDay();
    const added = await add({ ...NEW, session1: "2026-03-12", session2: "" });
    expect(added.status).toBe(400);
    expect(formAnswer(added).errors.session1).toBe("12 March 2026 has passed: give the next learning session still to come.");
    expect(formAnswer(added).values).toMatchObject({ session1: "2026-03-12", title: NEW.title });
    expect(db().select().from(openCollaboratives).where(eq(openCollaboratives.title, NEW.title)).get()).toBeUndefined();
    const saved = await edit({ ...NEW, session1: "2026-03-12", session2: "", version: String(row(1)!.version) });
    expect(saved.status).toBe(400);
    expect(formAnswer(saved).errors.session1).toMatch(/has passed/);
    const onToday = await add({ ...NEW, session1: today, session2: "" });
    expect(formAnswer(onToday)?.errors ?? {}, today).toEqual({});
    expect(onToday.status).toBe(303);
  });

  it("refuses a missing first session date next to it", async () => {
    const res = await add({ ...NEW, session1: "" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.session1).toMatch(/required/);
  });

  it("saves an edit, answers a stale one with 409 keeping the edit, and removes", async () => {
    const before = row(1)!;
    const dates = JSON.parse(before.sessionDatesJson) as string[];
    const form = {
      topic: before.topic,
      title: before.title,
      host: before.host,
      session1: dates[0]!,
      session2: dates[1] ?? "",
      session3: dates[2] ?? "",
      version: "1",
    };
    expect((await edit({ ...form, placesLeft: "1" })).status).toBe(303);
    expect(row(1)!.placesLeft).toBe(1);

    const stale = await edit({ ...form, placesLeft: "9", title: "A title typed on the old page" });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).values.title).toBe("A title typed on the old page");
    expect(row(1)!.placesLeft).toBe(1);

    const removed = await callAction(entryPage.action, {
      path: "/admin/open-collaboratives/1",
      params: { id: "1" },
      as: "admin@demo.test",
      form: { intent: "remove", confirm: "on" },
    });
    expect(removed.status).toBe(303);
    expect(row(1)).toBeUndefined();
  });

  it("says on its page how many engagements chose to join it, without naming them, before it is removed", async () => {
    const page = async (id: number) =>
      (await callLoader(entryPage.loader, { path: `/admin/open-collaboratives/${id}`, params: { id: String(id) }, as: "admin@demo.test" })).data;
    const joined = db().select({ id: methodDecisions.openCollaborativeId }).from(methodDecisions).where(isNotNull(methodDecisions.openCollaborativeId)).all();
    expect(joined.length, "the demo's Ashford has chosen to join one").toBe(1);
    const chosen = joined[0]!.id!;
    expect((await page(chosen)).removeEffect).toBe(
      "Small requests are no longer offered a place in it. 1 engagement has chosen to join it: its plan keeps its dates, and says that the collaborative is no longer listed."
    );
    const other = db()
      .select({ id: openCollaboratives.id })
      .from(openCollaboratives)
      .all()
      .find((r) => r.id !== chosen)!.id;
    expect((await page(other)).removeEffect).toBe("Small requests are no longer offered a place in it. No engagement has chosen to join it.");
    // The words name no engagement: an administrator does not read them.
    expect(JSON.stringify(await page(chosen))).not.toMatch(/Ashford/);
  });

  it("lets neither a manager nor a partner add, change or remove one", async () => {
    for (const as of ["manager@demo.test", "partner@demo.test"]) {
      expect((await add({ ...NEW, title: `By ${as}` }, as)).status).toBe(403);
      expect((await edit({ ...NEW, placesLeft: "99", version: "1" }, as)).status).toBe(403);
      const remove = await callAction(entryPage.action, {
        path: "/admin/open-collaboratives/1",
        params: { id: "1" },
        as,
        form: { intent: "remove", confirm: "on" },
      });
      expect(remove.status).toBe(403);
      expect((await callLoader(listPage.loader, { path: "/admin/open-collaboratives", as })).status).toBe(403);
    }
    expect(db().select().from(openCollaboratives).where(eq(openCollaboratives.title, "By manager@demo.test")).get()).toBeUndefined();
    expect(row(1)!.placesLeft).not.toBe(99);
  });
});
