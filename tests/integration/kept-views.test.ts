import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { staff } from "../../db/schema";
import { getFitView, methodFeasibility } from "~/models/fit.server";
import { liveProposal } from "~/models/proposal.server";
import { pageEngagements } from "~/models/engagements.server";
import { noticesFor } from "~/models/notices.server";
import { getTimelineView } from "~/models/timeline.server";
import { parseEngagementListParams } from "~/domain/engagement-list";
import { databaseStamp, getDb } from "~/services/db.server";
import { createUserSession, getSession, logout, setFlash, takeFlash } from "~/services/session.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId, orgIdByName, shareAVersion } from "../helpers/fixtures";

useTestDatabase();

const TODAY = "2026-12";
const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });

describe("the database's stamp", () => {
  it("stays while pages only read, and changes with a write through this connection or a commit by another", () => {
    const before = databaseStamp();
    getFitView(manager(), demoEngagementId(), TODAY);
    expect(databaseStamp()).toBe(before);

    db().update(staff).set({ fte: 0.5 }).run();
    const afterWrite = databaseStamp();
    expect(afterWrite).not.toBe(before);

    const other = new Database(getDb().$client.name);
    try {
      other.prepare("update staff set fte = 0.4").run();
    } finally {
      other.close();
    }
    expect(databaseStamp()).not.toBe(afterWrite);
  });

  it("stays through session bookkeeping — a sign-in, a session seen again a minute later, a one-time message, a sign-out — and moves with the next real change", () => {
    const cookieOf = (res: Response) => res.headers.get("Set-Cookie")!.split(";")[0]!;
    const earlier = cookieOf(createUserSession(userIdByEmail("manager@demo.test"), "/engagements"));
    // Last seen two minutes ago: the next request records that it was seen again.
    getDb()
      .$client.prepare("update sessions set last_seen_at = ?")
      .run(new Date(Date.now() - 120_000).toISOString());
    const before = databaseStamp();

    const request = (cookie: string) => new Request("http://127.0.0.1/engagements", { headers: { cookie } });
    const seenAgain = getSession(request(earlier))!;
    expect(seenAgain.user.email).toBe("manager@demo.test");
    expect(
      db()
        .$client.prepare("select count(*) as n from sessions where last_seen_at > ?")
        .get(new Date(Date.now() - 60_000).toISOString())
    ).toEqual({ n: 1 });
    const cookie = cookieOf(createUserSession(userIdByEmail("leader@demo.test"), "/approvals", "Signed in."));
    const approvals = new Request("http://127.0.0.1/approvals", { headers: { cookie } });
    expect(takeFlash(approvals, getSession(approvals))?.message).toBe("Signed in.");
    setFlash(request(cookie), "Saved.", "/engagements");
    logout(request(earlier));
    expect(databaseStamp()).toBe(before);

    db().update(staff).set({ fte: 0.5 }).run();
    expect(databaseStamp()).not.toBe(before);
  });

  it("changes even when what was written is rolled back", () => {
    const before = databaseStamp();
    expect(() =>
      db().transaction((tx) => {
        tx.update(staff).set({ fte: 0 }).run();
        throw new Error("changed my mind");
      })
    ).toThrow("changed my mind");
    expect(databaseStamp()).not.toBe(before);
  });
});

describe("views kept while the database is unchanged", () => {
  it("answer a new Fit view once the roster changes, and each reader a copy of its own", () => {
    const id = demoEngagementId();
    const first = getFitView(manager(), id, TODAY);
    const firstJson = JSON.stringify(first);
    // A reader that changes its view changes nobody else's.
    (first as { plan: unknown }).plan = "changed by one reader";
    expect(JSON.stringify(getFitView(manager(), id, TODAY))).toBe(firstJson);

    // Nearly nobody left to do the work: the plan no longer fits, and the page says so at once.
    db().update(staff).set({ fte: 0.01 }).run();
    const after = getFitView(manager(), id, TODAY);
    expect(JSON.stringify(after)).not.toBe(firstJson);
    expect(after.plan?.assessment.verdict).not.toBe(JSON.parse(firstJson).plan?.assessment.verdict);
  });

  it("answer a new live draft once the engagement's title changes", () => {
    const id = demoEngagementId();
    const before = liveProposal(manager(), id, "2026-12-01", TODAY);
    getDb().$client.prepare("update engagements set title = 'Renamed for the kept-views test' where id = ?").run(id);
    const after = liveProposal(manager(), id, "2026-12-01", TODAY);
    expect(before.snapshot.engagement.title).not.toBe("Renamed for the kept-views test");
    expect(after.snapshot.engagement.title).toBe("Renamed for the kept-views test");
  });

  it("work out each method's fit once for the Method page and the Fit page, and again after a change anywhere", () => {
    const id = demoEngagementId();
    const onFit = getFitView(manager(), id, TODAY).perMethod;
    const onMethod = methodFeasibility(getDb(), id, TODAY)!;
    for (const m of ["collaborative", "campaign", "tailored"] as const) {
      expect(onMethod[m].verdict).toBe(onFit[m].verdict);
      expect(onMethod[m].earliestStart).toBe(onFit[m].earliestStart);
      expect(onMethod[m].summary).toBe(onFit[m].summary);
    }
    // The same answer as working it out afresh (inside a transaction nothing is kept).
    expect(getDb().transaction(() => methodFeasibility(getDb(), id, TODAY))).toEqual(onMethod);
    expect(Object.values(onMethod).some((f) => f.verdict !== "does_not_fit")).toBe(true);

    // Nearly nobody left to do the work: no method fits any more, on either page.
    db().update(staff).set({ fte: 0.01 }).run();
    const after = methodFeasibility(getDb(), id, TODAY)!;
    expect(Object.values(after).map((f) => f.verdict)).toEqual(["does_not_fit", "does_not_fit", "does_not_fit"]);
    expect(getFitView(manager(), id, TODAY).perMethod.collaborative.verdict).toBe("does_not_fit");
  });

  it("answer a new engagement list once a title changes, and each partner their own organisation's list", () => {
    const id = demoEngagementId();
    const listOf = (actor: Parameters<typeof pageEngagements>[0], q = "") =>
      pageEngagements(actor, parseEngagementListParams(new URLSearchParams(q ? { q } : {}), []).query).rows.map((r) => r.title);
    expect(listOf(manager())).toContain("Northshire patient safety partnership");
    getDb().$client.prepare("update engagements set title = 'Northshire renamed for the kept-views test' where id = ?").run(id);
    expect(listOf(manager())).toContain("Northshire renamed for the kept-views test");
    expect(listOf(manager(), "renamed for the kept")).toEqual(["Northshire renamed for the kept-views test"]);

    // Two partners ask for the same page with the same words: each is answered from their own organisation.
    const northshire = { id: userIdByEmail("partner@demo.test"), role: "partner" as const, organisationId: orgIdByName("Northshire Health System") };
    const eastmere = { id: userIdByEmail("partner2@demo.test"), role: "partner" as const, organisationId: orgIdByName("Eastmere Regional Health Authority") };
    const theirs = (actor: typeof northshire) => pageEngagements(actor, parseEngagementListParams(new URLSearchParams(), []).query).rows;
    const seenByNorthshire = theirs(northshire);
    const seenByEastmere = theirs(eastmere);
    expect(seenByNorthshire.length).toBeGreaterThan(0);
    expect(seenByEastmere.length).toBeGreaterThan(0);
    expect(seenByNorthshire.every((r) => r.partner.id === northshire.organisationId)).toBe(true);
    expect(seenByEastmere.every((r) => r.partner.id === eastmere.organisationId)).toBe(true);
  });

  it("answer new notices once something waits for the user", () => {
    const id = demoEngagementId();
    const texts = () => noticesFor(manager()).map((n) => n.text);
    expect(texts()).not.toContain("The partner asked for changes: Northshire patient safety partnership");
    shareAVersion(id);
    getDb().$client.prepare("update engagements set stage = 'changes_requested' where id = ?").run(id);
    expect(texts()).toContain("The partner asked for changes: Northshire patient safety partnership");
  });

  it("answer a new timeline view once the partner's country changes, and for each month asked about", () => {
    const id = demoEngagementId();
    const before = getTimelineView(manager(), id, TODAY);
    expect(before.staleReasons).toEqual([]);
    getDb().$client.prepare("update organisations set country = 'NZ' where id = ?").run(orgIdByName("Northshire Health System"));
    const after = getTimelineView(manager(), id, TODAY);
    expect(after.staleReasons.join(" ")).toMatch(/country changed from United Kingdom to New Zealand/);
    // With no start asked for, the plan's start counts from the month asked about: each month is its own
    // view, the same as one worked out afresh for that month.
    const row = getDb().$client.prepare("select data_json from intakes where engagement_id = ?").get(id) as { data_json: string };
    const intake = JSON.parse(row.data_json);
    delete intake.scale.desiredStart;
    getDb().$client.prepare("update intakes set data_json = ? where engagement_id = ?").run(JSON.stringify(intake), id);
    expect(getTimelineView(manager(), id, TODAY).inputs.start).toBe("2027-01");
    expect(getTimelineView(manager(), id, "2030-03").inputs.start).toBe("2030-04");
    expect(getTimelineView(manager(), id, "2030-03")).toEqual(getDb().transaction(() => getTimelineView(manager(), id, "2030-03")));
  });
});
