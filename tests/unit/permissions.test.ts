import { describe, expect, it } from "vitest";
import { ACTIONS, may, mayEver, PERMISSIONS, type EngagementAccessFacts } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";

const manager: Actor = { id: 1, role: "manager", organisationId: null };
const otherManager: Actor = { id: 2, role: "manager", organisationId: null };
const leader: Actor = { id: 3, role: "leader", organisationId: null };
const admin: Actor = { id: 4, role: "admin", organisationId: null };
const partnerA: Actor = { id: 5, role: "partner", organisationId: 10 };
const partnerB: Actor = { id: 6, role: "partner", organisationId: 20 };

const engagement: EngagementAccessFacts = { ownerId: 1, coOwnerIds: [7], organisationId: 10, sharedWithPartner: true };

describe("permission matrix", () => {
  it("lets only owners and co-owners edit an engagement", () => {
    expect(may(manager, "engagement:update", engagement)).toBe(true);
    expect(may({ id: 7, role: "manager", organisationId: null }, "engagement:update", engagement)).toBe(true);
    expect(may(otherManager, "engagement:update", engagement)).toBe(false);
    expect(may(leader, "engagement:update", engagement)).toBe(false);
  });

  it("lets managers and leaders read every engagement, and nobody else", () => {
    expect(may(otherManager, "engagement:read", engagement)).toBe(true);
    expect(may(leader, "engagement:read", engagement)).toBe(true);
    expect(may(admin, "engagement:read", engagement)).toBe(false);
    expect(may(partnerA, "engagement:read", engagement)).toBe(false);
  });

  it("gives a partner their own organisation's shared proposals only", () => {
    expect(may(partnerA, "proposal:read", engagement)).toBe(true);
    expect(may(partnerB, "proposal:read", engagement)).toBe(false);
    expect(may(partnerA, "proposal:read", { ...engagement, sharedWithPartner: false })).toBe(false);
    expect(may(partnerA, "proposal:read")).toBe(false);
  });

  it("keeps approval with leadership and user management with admins", () => {
    expect(mayEver(leader, "approval:decide")).toBe(true);
    expect(mayEver(manager, "approval:decide")).toBe(false);
    expect(mayEver(admin, "user:manage")).toBe(true);
    expect(mayEver(leader, "user:manage")).toBe(false);
    expect(mayEver(partnerA, "roster:read")).toBe(false);
  });

  it("names only known actions in the table", () => {
    for (const perRole of Object.values(PERMISSIONS)) {
      for (const action of Object.keys(perRole)) expect(ACTIONS).toContain(action);
    }
  });
});
