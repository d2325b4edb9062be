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
