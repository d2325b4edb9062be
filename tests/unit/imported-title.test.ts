import { describe, expect, it } from "vitest";
import { importedTitle } from "~/domain/bundle";
import { TITLE_MAX } from "~/domain/engagement-forms";

describe("the title an imported engagement takes", () => {
  const among =
    (...titles: string[]) =>
    (t: string) =>
      titles.some((x) => x.toLowerCase() === t.toLowerCase());

  it("is the bundle's own when no engagement here has it", () => {
    expect(importedTitle("Sepsis campaign", among("Falls programme"))).toBe("Sepsis campaign");
  });

  it("is marked, then numbered, when one here has it, whatever its case", () => {
    expect(importedTitle("Sepsis campaign", among("SEPSIS CAMPAIGN"))).toBe("Sepsis campaign (imported)");
    expect(importedTitle("Sepsis campaign", among("Sepsis campaign", "Sepsis campaign (imported)"))).toBe("Sepsis campaign (imported 2)");
  });

  it("stays within the longest title allowed, shortening the bundle's title rather than the mark", () => {
    const long = `${"A very long engagement title ".repeat(6)}`.slice(0, TITLE_MAX);
    const title = importedTitle(long, among(long));
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title.endsWith(" (imported)")).toBe(true);
    expect(long.startsWith(title.slice(0, -" (imported)".length))).toBe(true);
  });
});
