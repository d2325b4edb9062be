import { describe, expect, test } from "vitest";
import { comesAfterChoices, itemsAfter } from "~/domain/timeline-view";

describe("what comes after an item", () => {
  const items = [
    { id: "planning", dependencies: [] },
    { id: "ls1", dependencies: [{ on: "planning" }] },
    { id: "ap1", dependencies: [{ on: "ls1" }] },
    { id: "ls2", dependencies: [{ on: "ap1" }] },
    { id: "report", dependencies: [{ on: "ls2" }, { on: "planning" }] },
    { id: "aside", dependencies: [] },
  ];

  test("directly and through other items, never the item itself nor what is unrelated", () => {
    expect([...itemsAfter(items, "ls1")].sort()).toEqual(["ap1", "ls2", "report"]);
    expect([...itemsAfter(items, "planning")].sort()).toEqual(["ap1", "ls1", "ls2", "report"]);
    expect(itemsAfter(items, "report").size).toBe(0);
    expect(itemsAfter(items, "aside").size).toBe(0);
  });
});

describe("what an item may be made to come after", () => {
  const items = [
    { id: "topic", label: "Topic selection and charter", dependencies: [] },
    { id: "charter", label: "Charter agreed", dependencies: [{ on: "topic" }] },
    { id: "ls1", label: "Learning Session 1", dependencies: [{ on: "charter" }] },
    { id: "ap1", label: "Action Period 1", dependencies: [{ on: "ls1" }] },
    { id: "calls", label: "Team calls", alongside: { from: "ap1", to: "ap1" }, dependencies: [] },
  ];
  const labels = (id: string) => comesAfterChoices(items, id).choices.map((c) => c.label);

  test("is every other item but one it comes after already, one coming after it, or one running alongside others", () => {
    expect(labels("ap1")).toEqual(["Topic selection and charter", "Charter agreed"]);
    expect(comesAfterChoices(items, "ap1").none).toBeNull();
  });

  test("offers no empty list for the plan's first items, and says why in words", () => {
    expect(comesAfterChoices(items, "topic")).toEqual({ choices: [], none: "Nothing can come before this item: every other item comes after it." });
    // What it comes after already is listed beside the words.
    expect(comesAfterChoices(items, "charter")).toEqual({
      choices: [],
      none: "Nothing else can come before this item: the items not listed here all come after it.",
    });
    expect(comesAfterChoices([items[0]!], "topic").none).toBe("There is no other item in the plan for it to come after.");
    expect(comesAfterChoices([items[0]!, items[1]!], "charter").none).toBe("It already comes after every other item in the plan.");
  });

  test("names an item running alongside others when it does not start after the item", () => {
    const withCalls = items.map((i) => (i.id === "calls" ? { ...i, alongside: { from: "topic", to: "ap1" } } : i));
    expect(comesAfterChoices(withCalls, "topic").none).toBe("Nothing can come before this item: every other item comes after it or runs alongside others.");
    expect(comesAfterChoices(withCalls, "charter").none).toBe(
      "Nothing else can come before this item: the items not listed here all come after it or run alongside others."
    );
  });
});
