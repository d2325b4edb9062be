import { describe, expect, it } from "vitest";
import { comparedInOrder, comparisonHeading, firstVersionWords } from "~/domain/version-comparison";

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
});
