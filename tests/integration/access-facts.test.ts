import { and, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagementCoOwners, engagements, proposalVersions, users } from "../../db/schema";
import { may } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { accessFacts } from "~/models/engagements.server";
import { db, useTestDatabase } from "../helpers/db";
import { orgIdByName } from "../helpers/fixtures";

/*
 * What the permission table is told of an engagement (accessFacts, read in one query): its owner and
 * co-owners, its partner, and whether a version of it was shared with them. Compared, engagement by
 * engagement, with the same facts read one plain query at a time, on a database where the engagements'
 * and versions' numbers do not line up: a subquery that compared a version's engagement with the
 * version's own number, not the engagement's, read "shared" of every engagement alike.
 */

useTestDatabase();

function reference(id: number) {
  const row = db().select({ ownerId: engagements.ownerId, organisationId: engagements.organisationId }).from(engagements).where(eq(engagements.id, id)).get()!;
  const coOwnerIds = db()
    .select({ userId: engagementCoOwners.userId })
    .from(engagementCoOwners)
    .where(eq(engagementCoOwners.engagementId, id))
    .all()
    .map((r) => r.userId);
  const shared = db()
    .select({ id: proposalVersions.id })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, id), isNotNull(proposalVersions.sharedAt)))
    .get();
  return { ...row, coOwnerIds, sharedWithPartner: Boolean(shared) };
}

const partner = (): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, "partner@demo.test")).get()!;

describe("what the permission table is told of an engagement", () => {
  it("is each engagement's own: its owners, its partner, and whether a version of it was shared", () => {
    const northshire = orgIdByName("Northshire Health System");
    const ownerId = db().select({ id: users.id }).from(users).where(eq(users.email, "manager@demo.test")).get()!.id;
    // A Northshire engagement nothing of which was shared, and a co-owner on another engagement.
    const unshared = db()
      .insert(engagements)
      .values({ title: "Northshire unshared draft", organisationId: northshire, ownerId, stage: "draft" })
      .returning({ id: engagements.id })
      .get().id;
    const leaderOwner = db().select({ id: users.id }).from(users).where(eq(users.email, "leader@demo.test")).get()!.id;
    const ids = db()
      .select({ id: engagements.id })
      .from(engagements)
      .all()
      .map((r) => r.id);
    db()
      .insert(engagementCoOwners)
      .values({ engagementId: ids[ids.length - 2], userId: leaderOwner })
      .run();

    const facts = ids.map((id) => ({ id, facts: accessFacts(id) }));
    expect(facts).toEqual(ids.map((id) => ({ id, facts: { ...reference(id), coOwnerIds: expect.arrayContaining(reference(id).coOwnerIds) } })));
    for (const { id, facts: f } of facts) expect(f!.coOwnerIds).toHaveLength(reference(id).coOwnerIds.length);
    // Both kinds are there to tell apart.
    expect(facts.filter((f) => f.facts!.sharedWithPartner).length).toBeGreaterThan(0);
    expect(facts.filter((f) => !f.facts!.sharedWithPartner).length).toBeGreaterThan(0);

    // Northshire's executive reads the proposals of their engagement that was shared, never of the one that was not.
    const shared = facts.find((f) => f.facts!.organisationId === northshire && f.facts!.sharedWithPartner)!;
    expect(may(partner(), "proposal:read", accessFacts(shared.id))).toBe(true);
    expect(accessFacts(unshared)!.sharedWithPartner).toBe(false);
    expect(may(partner(), "proposal:read", accessFacts(unshared))).toBe(false);
    expect(may(partner(), "proposal:comment", accessFacts(unshared))).toBe(false);
  });
});
