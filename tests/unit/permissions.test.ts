import { describe, expect, it } from "vitest";
import { belongsToOrganisation, may, mayEver, readsSharedOnly, type Action, type EngagementAccessFacts } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";

const owner: Actor = { id: 1, role: "manager", organisationId: null };
const coOwner: Actor = { id: 7, role: "manager", organisationId: null };
const otherManager: Actor = { id: 2, role: "manager", organisationId: null };
const leader: Actor = { id: 3, role: "leader", organisationId: null };
const admin: Actor = { id: 4, role: "admin", organisationId: null };
const partnerA: Actor = { id: 5, role: "partner", organisationId: 10 };
const partnerB: Actor = { id: 6, role: "partner", organisationId: 20 };

/** Northshire's engagement: owned by 1, co-owned by 7, for organisation 10. */
const shared: EngagementAccessFacts = { ownerId: 1, coOwnerIds: [7], organisationId: 10, sharedWithPartner: true };
const unshared: EngagementAccessFacts = { ...shared, sharedWithPartner: false };

const WHO = { owner, coOwner, otherManager, leader, admin, partnerA, partnerB };
type Who = keyof typeof WHO;

/** Who may do what on this engagement, in the users' terms: everyone not listed is refused. */
const CASES: { action: Action; record: EngagementAccessFacts; may: Who[] }[] = [
  { action: "engagement:read", record: shared, may: ["owner", "coOwner", "otherManager", "leader"] },
  { action: "engagement:update", record: shared, may: ["owner", "coOwner"] },
  { action: "proposal:generate", record: shared, may: ["owner", "coOwner"] },
  { action: "proposal:share", record: shared, may: ["owner", "coOwner"] },
  { action: "proposal:submit", record: shared, may: ["owner", "coOwner"] },
  // A partner reads, comments on and answers only what was shared with their own organisation.
  { action: "proposal:read", record: shared, may: ["owner", "coOwner", "otherManager", "leader", "partnerA"] },
  { action: "proposal:read", record: unshared, may: ["owner", "coOwner", "otherManager", "leader"] },
  { action: "proposal:comment", record: shared, may: ["owner", "coOwner", "otherManager", "leader", "partnerA"] },
  // The internal briefing is for our staff: never a partner, never an administrator.
  { action: "proposal:brief", record: shared, may: ["owner", "coOwner", "otherManager", "leader"] },
  { action: "proposal:respond", record: shared, may: ["partnerA"] },
  { action: "proposal:respond", record: unshared, may: [] },
  // Managers read approval requests; only leadership decides them.
  { action: "approval:read", record: shared, may: ["owner", "coOwner", "otherManager", "leader"] },
  { action: "approval:decide", record: shared, may: ["leader"] },
  { action: "notices:read", record: shared, may: ["owner", "coOwner", "leader", "partnerA"] },
  // Executives are invited from the engagement's page, by its owners: an administrator cannot open that page.
  { action: "executive:invite", record: shared, may: ["owner", "coOwner"] },
];

describe("who may do what on an engagement", () => {
  for (const c of CASES) {
    it(`${c.action} on ${c.record.sharedWithPartner ? "a shared" : "an unshared"} engagement: ${c.may.join(", ") || "nobody"}`, () => {
      const allowed = (Object.keys(WHO) as Who[]).filter((w) => may(WHO[w], c.action, c.record));
      expect(allowed).toEqual(c.may);
    });
  }
});

describe("forms on the engagement's pages", () => {
  it("are offered only to roles that open those pages, so that no change lands on a page its author may not see", () => {
    const onEngagementPages: Action[] = [
      "engagement:update",
      "partner:update",
      "executive:invite",
      "intake:invite",
      "proposal:generate",
      "proposal:share",
      "proposal:submit",
    ];
    for (const who of Object.keys(WHO) as Who[])
      for (const action of onEngagementPages)
        if (may(WHO[who], action, shared)) expect(may(WHO[who], "engagement:read", shared), `${who} may ${action} but not open the page`).toBe(true);
  });
});

describe("what is not about one engagement", () => {
  it("keeps users and the roster with administrators, and the portfolio with staff", () => {
    const holders = (action: Action) => (Object.keys(WHO) as Who[]).filter((w) => mayEver(WHO[w], action));
    expect(holders("user:manage")).toEqual(["admin"]);
    expect(holders("roster:manage")).toEqual(["admin"]);
    expect(holders("outbox:read")).toEqual(["admin"]);
    expect(holders("roster:read")).toEqual(["owner", "coOwner", "otherManager", "leader", "admin"]);
    expect(holders("portfolio:read")).toEqual(["owner", "coOwner", "otherManager", "leader"]);
    expect(holders("engagement:create")).toEqual(["owner", "coOwner", "otherManager"]);
  });

  it("reads partners through their organisation only, and only partners belong to one", () => {
    expect((Object.keys(WHO) as Who[]).filter((w) => readsSharedOnly(WHO[w]))).toEqual(["partnerA", "partnerB"]);
    expect(belongsToOrganisation("partner")).toBe(true);
    for (const role of ["manager", "leader", "admin"] as const) expect(belongsToOrganisation(role)).toBe(false);
  });

  it("refuses a partner without an organisation everything scoped to one", () => {
    const orphan: Actor = { id: 9, role: "partner", organisationId: null };
    expect(may(orphan, "proposal:read", { ...shared, organisationId: 10 })).toBe(false);
    expect(may(partnerA, "proposal:read")).toBe(false);
  });
});
