import { describe, expect, it } from "vitest";
import { conditionsUntoldWords, sharedWithPartner, standingForTeam, toldAfterConditions } from "~/domain/workflow";

describe("which version the Review page says the partner has", () => {
  it("says the latest is theirs once it is shared, with its day", () => {
    expect(
      sharedWithPartner([
        { number: 2, sharedOn: "9 December 2026" },
        { number: 1, sharedOn: "20 November 2026" },
      ])
    ).toEqual({ latest: ", shared with the partner on 9 December 2026.", held: null, shared: 2 });
  });

  it("says of a latest version not yet shared that the partner has the earlier one, and the badge names that one", () => {
    const shared = sharedWithPartner([
      { number: 3, sharedOn: null },
      { number: 2, sharedOn: "9 December 2026" },
      { number: 1, sharedOn: "20 November 2026" },
    ]);
    expect(shared).toEqual({
      latest: ", not yet shared.",
      held: "The partner has version 2, shared with them on 9 December 2026; they see version 3 only once it is shared.",
      shared: 2,
    });
    expect(standingForTeam({ stage: "shared", number: 3, accepted: null, leadership: "not_asked", shared: shared.shared }).label).toBe(
      "Version 2 shared with partner"
    );
  });

  it("says a first version not yet shared is not, and names no version in a badge for one that is the latest", () => {
    expect(sharedWithPartner([{ number: 1, sharedOn: null }])).toEqual({ latest: ", not yet shared with the partner.", held: null, shared: null });
    expect(standingForTeam({ stage: "shared", number: 2, accepted: null, leadership: "not_asked", shared: 2 }).label).toBe("Shared with partner");
    expect(standingForTeam({ stage: "draft", number: 1, accepted: null, leadership: "not_asked", shared: null }).label).toBe("Draft");
  });
});

describe("leadership's conditions the partner is not shown", () => {
  it("are said while the partner has not answered the version, and not once they have, nor of a version with none", () => {
    expect(conditionsUntoldWords({ number: 2, conditions: 2, shared: true, answered: false })).toBe(
      "The partner reads that version 2 was approved with conditions, not what they are. Tell them, in a comment they can see, whatever they must know of them before they accept; the rest stay internal."
    );
    expect(conditionsUntoldWords({ number: 2, conditions: 2, shared: false, answered: false })).toBe(
      "Sharing version 2 shows the partner that it was approved with conditions, not what they are, so they could accept it without knowing them. Once it is shared, tell them, in a comment they can see, whatever they must know of them before they accept; the rest stay internal."
    );
    expect(conditionsUntoldWords({ number: 2, conditions: 2, shared: true, answered: true })).toBeNull();
    expect(conditionsUntoldWords({ number: 2, conditions: 0, shared: false, answered: false })).toBeNull();
  });

  it("say, once one of us wrote to the partner where they can read it after the latest condition, that they were told", () => {
    const conditions = [{ at: "2026-12-01T10:00:00.000Z" }, { at: "2026-12-03T10:00:00.000Z" }];
    const comment = (createdAt: string, visibility = "partner", authorIsPartner = false) => ({
      createdAt,
      visibility,
      authorIsPartner,
      authorName: "Maya Okafor",
    });
    // Before the latest condition, internal, or the partner's own: not told.
    expect(toldAfterConditions([comment("2026-12-02T09:00:00.000Z")], conditions)).toBeNull();
    expect(toldAfterConditions([comment("2026-12-04T09:00:00.000Z", "internal")], conditions)).toBeNull();
    expect(toldAfterConditions([comment("2026-12-04T09:00:00.000Z", "partner", true)], conditions)).toBeNull();
    const told = toldAfterConditions([comment("2026-12-04T09:00:00.000Z"), comment("2026-12-06T09:00:00.000Z")], conditions);
    expect(told?.createdAt).toBe("2026-12-06T09:00:00.000Z");
    expect(conditionsUntoldWords({ number: 2, conditions: 2, shared: true, answered: false, told: { by: "Maya Okafor", on: "6 December 2026" } })).toBe(
      "Maya Okafor wrote to the partner on 6 December 2026, in a comment they can see, after leadership's conditions on version 2."
    );
  });
});
