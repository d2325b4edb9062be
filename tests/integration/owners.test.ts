import { and, eq, inArray, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, outbox, users } from "../../db/schema";
import * as list from "~/routes/engagements._index";
import * as page from "~/routes/engagements.$id._index";
import * as notices from "~/routes/notices";
import * as userPage from "~/routes/admin.users.$id";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

/** A second partnership manager, as an administrator would invite one. */
function jordan(): number {
  return db()
    .insert(users)
    .values({ email: "jordan@demo.test", name: "Jordan Ellis", role: "manager", passwordHash: "scrypt$x" })
    .returning({ id: users.id })
    .get().id;
}

const at = (id: number) => ({ path: `/engagements/${id}`, params: { id: String(id) } });

/** Saving the engagement's details: what only its owners may do. */
function editDetails(id: number, as: string) {
  const v = db().select({ version: engagements.version, title: engagements.title }).from(engagements).where(eq(engagements.id, id)).get()!;
  return callAction(page.action, {
    ...at(id),
    as,
    form: { intent: "update-details", title: `${v.title} (edited)`, internalNotes: "", version: String(v.version) },
  });
}

function ownerOf(id: number) {
  return db().select({ ownerId: engagements.ownerId }).from(engagements).where(eq(engagements.id, id)).get()!.ownerId;
}

describe("handing an engagement over", () => {
  it("makes another manager the owner: they may change it, the previous owner (not kept) may not, and the new owner is told", async () => {
    const id = demoEngagementId();
    const maya = userIdByEmail("manager@demo.test");
    const to = jordan();
    expect((await editDetails(id, "jordan@demo.test")).status).toBe(403);

    const res = await callAction(page.action, {
      ...at(id),
      as: "manager@demo.test",
      form: { intent: "hand-over", newOwnerId: String(to), ownerId: String(maya) },
    });
    expect(res.status).toBe(303);
    expect(ownerOf(id)).toBe(to);
    // Told on their notices until they change something in it.
    const NOTICE = "Maya Okafor handed this engagement over to you; it is yours to take forward: Northshire patient safety partnership";
    const told = await callLoader(notices.loader, { path: "/notices", as: "jordan@demo.test" });
    expect(told.data.notices).toContainEqual({ text: NOTICE, href: `/engagements/${id}` });
    expect((await editDetails(id, "jordan@demo.test")).status).toBe(303);
    expect((await editDetails(id, "manager@demo.test")).status).toBe(403);
    const later = await callLoader(notices.loader, { path: "/notices", as: "jordan@demo.test" });
    expect(later.data.notices).not.toContainEqual({ text: NOTICE, href: `/engagements/${id}` });

    // The page says who owns it, and no longer offers Maya the controls.
    const seen = await callLoader(page.loader, { ...at(id), as: "manager@demo.test" });
    expect(seen.data.owners).toMatchObject({ owner: { name: "Jordan Ellis", disabled: false }, coOwners: [], canManage: false });
    // Audited: who, from whom, to whom.
    const entry = db().select().from(auditLog).where(eq(auditLog.action, "engagement.hand_over")).get()!;
    expect(entry.userId).toBe(maya);
    expect(JSON.parse(entry.detailJson)).toMatchObject({ fromUserId: maya, previousOwner: "Maya Okafor", toUserId: to, newOwner: "Jordan Ellis" });
    // Told by mail.
    const letter = db().select().from(outbox).where(eq(outbox.toAddress, "jordan@demo.test")).get()!;
    expect(letter.subject).toBe("Engagement handed over to you: Northshire patient safety partnership");
    expect(letter.body).toContain(`Maya Okafor handed an engagement over to you`);
    expect(letter.body).toContain(`/engagements/${id}`);
  });

  it("keeps the previous owner on as a co-owner when asked, who may still change it", async () => {
    const id = demoEngagementId();
    const maya = userIdByEmail("manager@demo.test");
    const to = jordan();
    const res = await callAction(page.action, {
      ...at(id),
      as: "manager@demo.test",
      form: { intent: "hand-over", newOwnerId: String(to), ownerId: String(maya), keepPrevious: "on" },
    });
    expect(res.status).toBe(303);
    expect((await editDetails(id, "manager@demo.test")).status).toBe(303);
    const seen = await callLoader(page.loader, { ...at(id), as: "jordan@demo.test" });
    expect(seen.data.owners).toMatchObject({ owner: { name: "Jordan Ellis" }, coOwners: [{ name: "Maya Okafor" }], canManage: true });
  });

  it("refuses a leader as the new owner next to the field, keeping the choice; and a hand-over someone else made first", async () => {
    const id = demoEngagementId();
    const maya = userIdByEmail("manager@demo.test");
    const leader = userIdByEmail("leader@demo.test");
    const refused = await callAction(page.action, {
      ...at(id),
      as: "manager@demo.test",
      form: { form: "hand-over", intent: "hand-over", newOwnerId: String(leader), ownerId: String(maya), keepPrevious: "on" },
    });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toEqual({ newOwnerId: "Daniel Reyes is not a partnership manager, so cannot own an engagement: choose a manager." });
    expect(formAnswer(refused).values).toMatchObject({ newOwnerId: String(leader), keepPrevious: "on" });
    expect(ownerOf(id)).toBe(maya);

    const to = jordan();
    const stale = await callAction(page.action, {
      ...at(id),
      as: "manager@demo.test",
      form: { intent: "hand-over", newOwnerId: String(to), ownerId: String(to) },
    });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).errors.newOwnerId).toMatch(/Maya Okafor owns it now/);
    expect(ownerOf(id)).toBe(maya);
  });
});

describe("co-owners", () => {
  it("a co-owner added may change the engagement until removed, and is told", async () => {
    const id = demoEngagementId();
    const to = jordan();
    const added = await callAction(page.action, { ...at(id), as: "manager@demo.test", form: { intent: "add-co-owner", coOwnerId: String(to) } });
    expect(added.status).toBe(303);
    expect((await editDetails(id, "jordan@demo.test")).status).toBe(303);
    expect(db().select().from(outbox).where(eq(outbox.toAddress, "jordan@demo.test")).get()!.subject).toBe(
      "You are a co-owner of Northshire patient safety partnership"
    );
    // What the partner does reaches the co-owner as it reaches the owner.
    const { addComment } = await import("~/models/comments.server");
    const partner = db()
      .select({ id: users.id, role: users.role, organisationId: users.organisationId })
      .from(users)
      .where(eq(users.email, "partner@demo.test"))
      .get()!;
    addComment(partner, id, {
      number: 1,
      sectionKey: "executive-summary",
      body: "Could the first learning session move to May?",
      parentId: null,
      visibility: "partner",
    });
    const commented = db()
      .select({ to: outbox.toAddress })
      .from(outbox)
      .where(eq(outbox.kind, "partner_commented"))
      .all()
      .map((m) => m.to);
    expect(commented.sort()).toEqual(["jordan@demo.test", "manager@demo.test"]);
    // And so does leadership's decision.
    const { tellApprovalDecided } = await import("~/models/mail-notices.server");
    tellApprovalDecided(db(), id, 1, "approved");
    const decided = db()
      .select({ to: outbox.toAddress })
      .from(outbox)
      .where(eq(outbox.kind, "approval_decided"))
      .all()
      .map((m) => m.to);
    expect(decided.sort()).toEqual(["jordan@demo.test", "manager@demo.test"]);
    const again = await callAction(page.action, {
      ...at(id),
      as: "manager@demo.test",
      form: { form: "add-co-owner", intent: "add-co-owner", coOwnerId: String(to) },
    });
    expect(again.status).toBe(400);
    expect(formAnswer(again).errors).toEqual({ coOwnerId: "Jordan Ellis is a co-owner already." });

    const removed = await callAction(page.action, { ...at(id), as: "manager@demo.test", form: { intent: "remove-co-owner", coOwnerId: String(to) } });
    expect(removed.status).toBe(303);
    expect((await editDetails(id, "jordan@demo.test")).status).toBe(403);
  });

  it("neither a leader nor a partner executive may change who owns an engagement", async () => {
    const id = demoEngagementId();
    const to = jordan();
    const maya = userIdByEmail("manager@demo.test");
    const forms: Record<string, string>[] = [
      { intent: "add-co-owner", coOwnerId: String(to) },
      { intent: "hand-over", newOwnerId: String(to), ownerId: String(maya) },
    ];
    for (const form of forms) {
      expect((await callAction(page.action, { ...at(id), as: "leader@demo.test", form })).status).toBe(403);
      expect((await callAction(page.action, { ...at(id), as: "partner@demo.test", form })).status).toBe(404);
      expect((await callAction(page.action, { ...at(id), as: "jordan@demo.test", form })).status).toBe(403);
    }
    expect(ownerOf(id)).toBe(maya);
    const seen = await callLoader(page.loader, { ...at(id), as: "leader@demo.test" });
    expect(seen.data.owners.canManage).toBe(false);
  });
});

describe("disabling a user who owns engagements", () => {
  const live = (ownerId: number) =>
    db()
      .select({ id: engagements.id })
      .from(engagements)
      .where(and(eq(engagements.ownerId, ownerId), ne(engagements.stage, "declined")))
      .all();

  it("is refused, with their live engagements listed, until someone takes them over; then hands them all over in the same step", async () => {
    const maya = userIdByEmail("manager@demo.test");
    const to = jordan();
    const owned = live(maya).map((e) => e.id);
    expect(owned.length).toBeGreaterThan(1);

    const shown = await callLoader(userPage.loader, { path: `/admin/users/${maya}`, params: { id: String(maya) }, as: "admin@demo.test" });
    expect(shown.data.owned.live.map((e: { id: number }) => e.id).sort()).toEqual([...owned].sort());
    expect(shown.data.owned.candidates.map((c: { name: string }) => c.name)).toEqual(["Jordan Ellis"]);

    const refused = await callAction(userPage.action, {
      path: `/admin/users/${maya}`,
      params: { id: String(maya) },
      as: "admin@demo.test",
      form: { form: "access", intent: "disable", successorId: "" },
    });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toEqual({ successorId: `Hand these ${owned.length} engagements over first: choose the manager who takes them over.` });
    expect(db().select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, maya)).get()!.disabledAt).toBeNull();

    const done = await callAction(userPage.action, {
      path: `/admin/users/${maya}`,
      params: { id: String(maya) },
      as: "admin@demo.test",
      form: { form: "access", intent: "disable", successorId: String(to) },
    });
    expect(done.status).toBe(303);
    expect(db().select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, maya)).get()!.disabledAt).not.toBeNull();
    expect(live(maya)).toEqual([]);
    expect(
      db()
        .select({ ownerId: engagements.ownerId })
        .from(engagements)
        .where(inArray(engagements.id, owned))
        .all()
        .every((e) => e.ownerId === to)
    ).toBe(true);
    // The one who takes them over may submit what waits, and is told once of them all.
    const letters = db().select().from(outbox).where(eq(outbox.toAddress, "jordan@demo.test")).all();
    expect(letters.map((l) => l.subject)).toEqual([`${owned.length} engagements handed over to you`]);
  });

  it("the engagement list and page say an owner is disabled", async () => {
    const id = demoEngagementId();
    const maya = userIdByEmail("manager@demo.test");
    // As it stood before owners were handed over on disabling: Maya disabled, still owning her engagements.
    db().update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.id, maya)).run();
    const listed = await callLoader(list.loader, { path: "/engagements", as: "leader@demo.test" });
    const row = listed.data.engagements.find((e: { id: number }) => e.id === id);
    expect(row).toMatchObject({ ownerName: "Maya Okafor", ownerDisabled: true });
    expect(listed.data.owners).toContainEqual({ id: maya, name: "Maya Okafor", disabled: true });
    const seen = await callLoader(page.loader, { ...at(id), as: "leader@demo.test" });
    expect(seen.data.engagement.ownerDisabled).toBe(true);
    expect(seen.data.owners.owner).toEqual({ id: maya, name: "Maya Okafor", disabled: true });
  });

  it("names one engagement as one, in the refusal to disable and to change the role", async () => {
    const to = jordan();
    const id = demoEngagementId();
    db().update(engagements).set({ ownerId: to }).where(eq(engagements.id, id)).run();
    expect(live(to)).toEqual([{ id }]);
    const onHisPage = { path: `/admin/users/${to}`, params: { id: String(to) }, as: "admin@demo.test" };

    const disabling = await callAction(userPage.action, { ...onHisPage, form: { form: "access", intent: "disable", successorId: "" } });
    expect(disabling.status).toBe(400);
    expect(formAnswer(disabling).errors).toEqual({ successorId: "Hand this engagement over first: choose the manager who takes it over." });

    const version = String(db().select({ version: users.version }).from(users).where(eq(users.id, to)).get()!.version);
    const changing = await callAction(userPage.action, {
      ...onHisPage,
      form: { form: "role", intent: "update-role", role: "leader", organisationId: "", version },
    });
    expect(changing.status).toBe(400);
    expect(formAnswer(changing).errors).toEqual({ role: "They own a live engagement, which this role cannot own: hand it over first, below." });
    expect(db().select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, to)).get()).toEqual({
      role: "manager",
      disabledAt: null,
    });
  });

  it("is refused as a change of role too, to one that cannot own them; once handed over, the change is made", async () => {
    const maya = userIdByEmail("manager@demo.test");
    const to = jordan();
    const count = live(maya).length;
    const version = () => String(db().select({ version: users.version }).from(users).where(eq(users.id, maya)).get()!.version);
    const onHerPage = { path: `/admin/users/${maya}`, params: { id: String(maya) }, as: "admin@demo.test" };
    const refused = await callAction(userPage.action, {
      ...onHerPage,
      form: { form: "role", intent: "update-role", role: "leader", organisationId: "", version: version() },
    });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors).toEqual({ role: `They own ${count} live engagements, which this role cannot own: hand them over first, below.` });
    expect(db().select({ role: users.role }).from(users).where(eq(users.id, maya)).get()!.role).toBe("manager");

    const handed = await callAction(userPage.action, { ...onHerPage, form: { form: "hand-over-all", intent: "hand-over-all", successorId: String(to) } });
    expect(handed.status).toBe(303);
    expect(live(maya)).toEqual([]);
    const changed = await callAction(userPage.action, {
      ...onHerPage,
      form: { form: "role", intent: "update-role", role: "leader", organisationId: "", version: version() },
    });
    expect(changed.status).toBe(303);
  });
});
