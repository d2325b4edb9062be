import { describe, expect, it } from "vitest";
import { invitation } from "~/domain/mail";

const letter = (proposalsWaiting?: number) =>
  invitation({ name: "Ama Mensah", invitedBy: "Sam Okafor", link: "https://planner.test/password/x", days: 7, proposalsWaiting });

describe("an invitation", () => {
  it("says how many proposals wait for the invitee, in the subject and the body", () => {
    expect(letter(2).subject).toBe("You are invited to Partnership Planner: 2 proposals are waiting for you");
    expect(letter(2).body).toContain("2 proposals shared with your organisation are waiting for you: sign in to read them.");
    expect(letter(1).subject).toBe("You are invited to Partnership Planner: a proposal is waiting for you");
    expect(letter(1).body).toContain("A proposal shared with your organisation is waiting for you: sign in to read it.");
  });

  it("says nothing of proposals when none wait", () => {
    expect(letter(0).subject).toBe("You are invited to Partnership Planner");
    expect(letter().body).not.toContain("waiting");
  });
});

describe("who an invitation comes from", () => {
  const from = { name: "Northbridge Institute for Health Improvement", shortName: "Northbridge" };
  const base = { name: "Ama Mensah", invitedBy: "Sam Okafor", link: "https://planner.test/password/x", days: 7 };

  it("names who sent it, and from where, in its subject", () => {
    expect(invitation({ ...base, from, proposalsWaiting: 1 }).subject).toBe(
      "Sam Okafor of Northbridge invited you to Partnership Planner: a proposal is waiting for you"
    );
  });

  it("names our organisation and, to a partner's executive, theirs", () => {
    expect(invitation({ ...base, from, partner: "Westvale Health" }).body).toContain(
      "Sam Okafor of Northbridge Institute for Health Improvement invited you to Partnership Planner, where Northbridge shares partnership proposals with Westvale Health for you to read, comment on and answer."
    );
    expect(invitation({ ...base, from }).body).toContain(
      "Sam Okafor of Northbridge Institute for Health Improvement invited you to Partnership Planner, where Northbridge plans its partnerships."
    );
  });

  it("leaves our organisation out while its profile still carries the product's own name", () => {
    const unnamed = { name: "Partnership Planner", shortName: "Partnership Planner" };
    expect(invitation({ ...base, from: unnamed }).body).toContain("Sam Okafor invited you to Partnership Planner. Choose your password");
    expect(invitation({ ...base, from: unnamed, partner: "Westvale Health" }).body).toContain(
      "Sam Okafor invited you to Partnership Planner, where we share partnership proposals with Westvale Health"
    );
  });
});
