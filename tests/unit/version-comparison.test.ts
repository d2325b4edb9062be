import { describe, expect, it } from "vitest";
import { comparedInOrder, comparisonHeading, defaultComparison, firstVersionWords, inForceHeading, otherComparison } from "~/domain/version-comparison";

describe("a version compared with another", () => {
  it("reads what changed from the older to the newer, whichever is shown", () => {
    expect(comparedInOrder(3, 1)).toEqual([1, 3]);
    expect(comparedInOrder(1, 3)).toEqual([1, 3]);
  });

  it("is headed “since” an earlier version only, and in a later version's terms otherwise", () => {
    expect(comparisonHeading(3, 1)).toBe("What changed since version 1");
    expect(comparisonHeading(1, 3)).toBe("What changes in version 3, compared with this version 1");
    expect(comparisonHeading(2, 3)).not.toMatch(/since/);
  });

  it("says a first version has nothing to compare with only while it is the only one", () => {
    expect(firstVersionWords([])).toBe("This is the first version: there is nothing to compare it with yet.");
    expect(firstVersionWords([3, 2])).toBe("This is the first version: choose a later one to see what changes in it.");
  });

  it("compares an amendment with the version in force by default, the one just before a click away", () => {
    // Version 4 amends version 2, in force; version 3 was declined in between.
    expect(defaultComparison(4, [1, 2, 3], 2)).toBe(2);
    expect(otherComparison(4, 2, [1, 2, 3], 2)).toEqual({ number: 3, label: "Compare with version 3, the one just before" });
    expect(otherComparison(4, 3, [1, 2, 3], 2)).toEqual({ number: 2, label: "Compare with version 2, the version in force" });
    expect(inForceHeading(2, true)).toBe("What changed since version 2, the version in force, agreed with the partner");
    expect(inForceHeading(2, false)).toBe("What changed since version 2, the version in force");
    // The version in force just before it: one comparison, nothing else to offer.
    expect(defaultComparison(3, [1, 2], 2)).toBe(2);
    expect(otherComparison(3, 2, [1, 2], 2)).toBeNull();
    // Not an amendment: no version in force, or one made before the version in force.
    expect(defaultComparison(3, [1, 2], null)).toBe(2);
    expect(defaultComparison(2, [1, 3, 4], 3)).toBe(1);
    expect(otherComparison(2, 1, [1, 3, 4], 3)).toBeNull();
    expect(defaultComparison(1, [2], null)).toBeNull();
  });
});
