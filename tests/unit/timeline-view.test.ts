import { describe, expect, test } from "vitest";
import { itemsAfter } from "~/domain/timeline-view";

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
