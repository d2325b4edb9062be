import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagementCoOwners, engagements, users } from "../../db/schema";
import { DEFAULT_LIST_QUERY, ENGAGEMENT_PAGE_SIZE, type EngagementListQuery } from "~/domain/engagement-list";
import type { Actor } from "~/domain/roles";
import { listEngagements, pageEngagements } from "~/models/engagements.server";
import * as list from "~/routes/engagements._index";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId, orgIdByName, shareAVersion } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

useTestDatabase();

type Row = { id: number; title: string; partner: { name: string }; stage: string; ownerName: string; updatedAt: string };

const open = (search: string, as = "manager@demo.test") => callLoader(list.loader, { path: `/engagements${search}`, as });
const titles = (res: { data: { engagements: Row[] } }) => res.data.engagements.map((e) => e.title);

function actor(email: string): Actor {
  const u = db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;
  return u as Actor;
}

/** `n` more engagements of Westvale's partner, owned by the demo manager, each changed a minute before the last. */
function addEngagements(n: number, title = (i: number) => `Bulk programme ${String(i).padStart(3, "0")}`): number[] {
  const organisationId = orgIdByName("Westvale Health Partnership");
  const ownerId = userIdByEmail("manager@demo.test");
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2020, 0, 1) - i * 60_000).toISOString();
    ids.push(
      db()
        .insert(engagements)
        .values({ title: title(i), organisationId, ownerId, createdAt: at, updatedAt: at })
        .returning({ id: engagements.id })
        .get().id
    );
  }
  return ids;
}

describe("the engagement list in pages", () => {
  it("shows 50 at a time, newest change first, with the count and the pages, each engagement on exactly one page", async () => {
    addEngagements(120);
    const all = db().select({ id: engagements.id }).from(engagements).all().length;
    expect(all).toBe(126);
    const first = await open("");
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ total: 126, page: 1, pageCount: 3, notes: [] });
    expect(first.data.engagements).toHaveLength(ENGAGEMENT_PAGE_SIZE);
    // The demo's own engagements were changed today, the bulk ones in 2020: the demo's come first.
    expect(titles(first).slice(0, 6)).toContain("Northshire patient safety partnership");
    expect(titles(first)[6]).toBe("Bulk programme 000");
    const changed = first.data.engagements.map((e: Row) => e.updatedAt);
    expect(changed).toEqual([...changed].sort().reverse());

    const seen: number[] = [];
    for (const page of [1, 2, 3]) {
      const res = await open(`?page=${page}`);
      expect(res.data.page).toBe(page);
      seen.push(...res.data.engagements.map((e: Row) => e.id));
    }
    expect(seen).toHaveLength(126);
    expect(new Set(seen).size).toBe(126);
    expect((await open("?page=3")).data.engagements).toHaveLength(26);
  });

  it("brings a page beyond the end back to the last and says so; a page that is no number is the first", async () => {
    addEngagements(60);
    const far = await open("?page=99999");
    expect(far.status).toBe(200);
    expect(far.data).toMatchObject({ page: 2, pageCount: 2, notes: ["There are only 2 pages: this is the last."] });
    expect(far.data.engagements).toHaveLength(16);
    for (const page of ["-1", "abc", "0", "%00"]) {
      const res = await open(`?page=${page}`);
      expect(res.status).toBe(200);
      expect(res.data.page).toBe(1);
      expect(res.data.engagements).toHaveLength(50);
    }
  });

  it("orders by title or by partner when asked", async () => {
    const byTitle = await open("?sort=title");
    expect(titles(byTitle)).toEqual([
      "Ashford Valley sepsis on the wards",
      "Eastmere safer transitions programme",
      "National sepsis campaign",
      "Northshire patient safety partnership",
      "Riverside medication safety",
      "Westvale pressure ulcer collaborative",
    ]);
    const byPartner = await open("?sort=partner");
    expect(byPartner.data.engagements.map((e: Row) => e.partner.name)).toEqual([
      "Ashford Valley Hospital",
      "Eastmere Regional Health Authority",
      "Kestrel Hospital Association",
      "Northshire Health System",
      "Riverside Children's Hospital",
      "Westvale Health Partnership",
    ]);
  });
});

describe("searching and filtering the list", () => {
  it("finds by words of the title or the partner's name, whatever their case, every word somewhere", async () => {
    expect(titles(await open("?q=SEPSIS"))).toEqual(["Ashford Valley sepsis on the wards", "National sepsis campaign"]);
    expect(titles(await open("?q=kestrel"))).toEqual(["National sepsis campaign"]);
    // One word in the partner's name, one in the title.
    expect(titles(await open("?q=northshire%20safety"))).toEqual(["Northshire patient safety partnership"]);
    expect(titles(await open("?q=northshire%20sepsis"))).toEqual([]);
    const found = await open("?q=Children%27s");
    expect(found.data).toMatchObject({ total: 1, pageCount: 1, anyAtAll: true });
  });

  it("keeps the search across pages", async () => {
    addEngagements(70);
    const res = await open("?q=bulk&page=2");
    expect(res.data).toMatchObject({ total: 70, page: 2, pageCount: 2 });
    expect(res.data.engagements.every((e: Row) => e.title.startsWith("Bulk programme"))).toBe(true);
    expect(res.data.engagements).toHaveLength(20);
  });

  it("filters by stage, and ignores a stage it does not know, saying so", async () => {
    const approved = await open("?stage=approved");
    expect(titles(approved)).toEqual(["Westvale pressure ulcer collaborative"]);
    expect(approved.data.total).toBe(1);
    const unknown = await open("?stage=archived");
    expect(unknown.data.total).toBe(6);
    expect(unknown.data.query.stage).toBeNull();
    expect(unknown.data.notes).toEqual(["There is no stage called “archived”: engagements at every stage are shown."]);
  });

  it("filters by owner: mine takes in what I co-own; a person who owns nothing is ignored, saying so", async () => {
    const { engagementId: theirs } = createOtherManagerEngagement();
    const other = userIdByEmail("manager-other@demo.test");
    const another = addEngagements(1, () => "Eastmere discharge collaborative")[0]!;
    db().update(engagements).set({ ownerId: other }).where(eq(engagements.id, another)).run();
    db()
      .insert(engagementCoOwners)
      .values({ engagementId: another, userId: userIdByEmail("manager@demo.test") })
      .run();

    const mine = await open("?owner=mine");
    expect(mine.data.total).toBe(7);
    expect(titles(mine)).toContain("Eastmere discharge collaborative");
    expect(titles(mine)).not.toContain("Eastmere flow programme");

    const theirsListed = await open(`?owner=${other}`);
    expect(theirsListed.data.engagements.map((e: Row) => e.id).sort()).toEqual([theirs, another].sort());
    expect(theirsListed.data.owners.map((o: { name: string }) => o.name)).toEqual(["Maya Okafor", "Other Manager"]);

    const leader = userIdByEmail("leader@demo.test");
    const nobody = await open(`?owner=${leader}`);
    expect(nobody.data.total).toBe(8);
    expect(nobody.data.notes).toEqual(["That person owns no engagement: everyone's engagements are shown."]);
    // A leader's "mine" is what they own: nothing here.
    const leadersOwn = await open("?owner=mine", "leader@demo.test");
    expect(leadersOwn.data).toMatchObject({ total: 0, anyAtAll: true, engagements: [] });
    // So a leader who owns nothing is not offered "Mine"; a manager is.
    expect(leadersOwn.data.canOwn).toBe(false);
    expect(mine.data.canOwn).toBe(true);
  });

  it("takes hostile search text as text: % and _ find only themselves, quotes and SQL find nothing and break nothing", async () => {
    addEngagements(1, () => "Safer_care at 100% of sites");
    addEngagements(1, () => "Safer care at 100 sites");
    expect(titles(await open("?q=%25"))).toEqual(["Safer_care at 100% of sites"]);
    expect(titles(await open("?q=_"))).toEqual(["Safer_care at 100% of sites"]);
    expect(titles(await open("?q=100%25"))).toEqual(["Safer_care at 100% of sites"]);
    expect(titles(await open("?q=%5C"))).toEqual([]);
    for (const q of ["'; DROP TABLE engagements;--", '" OR 1=1 --', "<script>alert(1)</script>", "%00%00", "‮ وثيقة 🏥"]) {
      const res = await open(`?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.data.total, q).toBe(0);
      expect(res.data.anyAtAll, q).toBe(true);
    }
    expect(db().select({ id: engagements.id }).from(engagements).all()).toHaveLength(8);
  });

  it("never answers 500 to odd parameters, on every name the list reads", async () => {
    const odd = ["%00", "-1", "abc", "99999", "9".repeat(600), encodeURIComponent("/∕∕evil.com‮ وثيقة 🏥"), "%27%3B--", "1e9", "Infinity"];
    for (const name of ["q", "stage", "owner", "sort", "page"])
      for (const value of odd) {
        const res = await open(`?${name}=${value}`);
        expect(res.status, `${name}=${value}`).toBe(200);
        expect(Array.isArray(res.data.engagements), `${name}=${value}`).toBe(true);
      }
    const all = await open(`?${["q", "stage", "owner", "sort", "page"].map((n) => `${n}=%00`).join("&")}`);
    expect(all.data).toMatchObject({ total: 6, page: 1 });
    const long = await open(`?q=${"x".repeat(5000)}`);
    expect(long.data.notes).toEqual(["The search was cut to its first 100 characters."]);
    expect(long.data.query.q).toHaveLength(100);
  });

  it("tells no engagements at all apart from none matching", async () => {
    const nothing = await open("?q=nothing-like-this");
    expect(nothing.data).toMatchObject({ total: 0, anyAtAll: true, engagements: [] });
    // An empty portfolio: whatever the filters, there is nothing to match.
    db().$client.pragma("foreign_keys = OFF");
    db().delete(engagements).run();
    for (const search of ["", "?q=sepsis&stage=draft", "?owner=mine&page=4"]) {
      const res = await open(search);
      expect(res.status).toBe(200);
      expect(res.data, search).toMatchObject({ total: 0, page: 1, pageCount: 1, anyAtAll: false, engagements: [] });
    }
  });
});

describe("who sees what in the list", () => {
  const everything: EngagementListQuery = DEFAULT_LIST_QUERY;

  it("gives a partner only their organisation's shared engagements, as shared, in every page and count, and finds them only by what was shared", () => {
    const own = demoEngagementId();
    shareAVersion(own);
    addEngagements(30);
    // Since the version was shared, the title changed: the partner still reads, and searches, the shared one.
    db().update(engagements).set({ title: "Northshire internal codename" }).where(eq(engagements.id, own)).run();
    const partner = actor("partner@demo.test");
    const seen: number[] = [];
    let total = -1;
    for (let page = 1; page <= 20; page++) {
      const p = pageEngagements(partner, { ...everything, page }, 2);
      total = p.total;
      seen.push(...p.rows.map((r) => r.id));
      if (page >= p.pageCount) break;
    }
    const allowed = listEngagements(partner).map((e) => e.id);
    expect(allowed).toEqual([own]);
    expect(seen).toEqual(allowed);
    expect(total).toBe(1);
    expect(pageEngagements(partner, everything).rows.map((r) => r.title)).toEqual(["Northshire patient safety partnership"]);
    expect(pageEngagements(partner, { ...everything, q: "codename" })).toMatchObject({ total: 0, rows: [] });
    expect(pageEngagements(partner, { ...everything, q: "patient safety" }).total).toBe(1);
    // Westvale is not theirs: no search, stage or order reaches it.
    expect(pageEngagements(partner, { ...everything, q: "Westvale" })).toMatchObject({ total: 0, anyAtAll: true });
    expect(pageEngagements(partner, { ...everything, stage: "approved" }).total).toBe(0);

    // Who owns it is not theirs to learn: asking by owner finds nothing.
    const managerId = userIdByEmail("manager@demo.test");
    expect(pageEngagements(partner, { ...everything, owner: managerId })).toMatchObject({ total: 0, rows: [], anyAtAll: true });
    expect(pageEngagements(partner, everything).rows[0]!.ownerName).toBe("");

    const otherPartner = actor("partner2@demo.test");
    expect(pageEngagements(otherPartner, { ...everything, q: "Northshire" })).toMatchObject({ total: 0, rows: [] });
  });

  it("gives an administrator no engagement and no count, and refuses the page to administrators and partners", async () => {
    addEngagements(5);
    expect(pageEngagements(actor("admin@demo.test"), everything)).toMatchObject({ total: 0, rows: [], anyAtAll: false });
    expect((await open("", "admin@demo.test")).status).toBe(403);
    expect((await open("?q=Northshire", "partner@demo.test")).status).toBe(403);
  });

  it("lists the same engagements, paged or whole, for staff", () => {
    addEngagements(55);
    const leader = actor("leader@demo.test");
    const whole = listEngagements(leader).map((e) => e.id);
    const paged = [1, 2].flatMap((page) => pageEngagements(leader, { ...everything, page }).rows.map((r) => r.id));
    expect(paged).toEqual(whole);
  });
});
