import { describe, expect, it } from "vitest";
import { auditDetails, auditLabel } from "~/domain/audit";

describe("an audit entry's details as the trail shows them", () => {
  it("say which lever was applied, to which option, and what the fee was before and after", () => {
    expect(auditLabel("pricing.lever")).toBe("Applied a lever to the proposal's fee");
    expect(auditDetails({ lever: "fewer_sites", version: 3, settings: { firstWaveSites: 12 }, feeBefore: 1_590_000, feeAfter: 1_465_000 })).toBe(
      "lever: Fewer sites in the first wave · fee: 1,590,000 → 1,465,000"
    );
    expect(auditDetails({ option: 4, name: "Virtual", lever: "virtual_sessions", feeBefore: 900_000, feeAfter: 850_000 })).toBe(
      "name: Virtual · lever: Events held online · fee: 900,000 → 850,000"
    );
  });

  it("say what a partner's name and counts were and what they became, and nothing of a profile saved as it was", () => {
    expect(auditLabel("organisation.profile")).toBe("Changed the partner organisation's name or profile");
    const profile = { kind: "health_system", sites: 14, population: 2_100_000 };
    expect(
      auditDetails({ organisationId: 1, from: { name: "Northshire Helath System", ...profile }, to: { name: "Northshire Health System", ...profile } })
    ).toBe("name: Northshire Helath System → Northshire Health System");
    expect(auditDetails({ organisationId: 1, from: { name: "Northshire", ...profile }, to: { name: "Northshire", ...profile } })).toBe("");
    expect(auditDetails({ organisationId: 1, from: { name: "Northshire", ...profile }, to: { name: "Northshire", ...profile, sites: 15 } })).toBe(
      "sites: 14 → 15"
    );
    // The record taking the intake's population, which it did not know before.
    expect(auditDetails({ organisationId: 1, from: { population: null }, to: { population: 1_950_000 }, fromIntake: true })).toBe(
      "population: not known → 1,950,000"
    );
  });

  it("say a lever no longer known as it was recorded", () => {
    expect(auditDetails({ lever: "shorter_sessions" })).toBe("lever: shorter sessions");
  });

  it("leave out what a reader cannot follow: ids, settings and empty values", () => {
    expect(auditDetails({ number: 2, contentHash: "ab12", missing: 0, reason: "" })).toBe("number: 2");
    expect(auditDetails({})).toBe("");
  });
});

describe("who an engagement passed between", () => {
  it("reads as from and to, and names the co-owner", () => {
    expect(auditDetails({ fromUserId: 1, previousOwner: "Maya Okafor", toUserId: 7, newOwner: "Jordan Ellis", keptAsCoOwner: true })).toBe(
      "from: Maya Okafor · to: Jordan Ellis"
    );
    expect(auditDetails({ toUserId: 7, coOwner: "Jordan Ellis" })).toBe("co-owner: Jordan Ellis");
  });
});
