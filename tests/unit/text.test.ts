import { describe, expect, it } from "vitest";
import { escapeRegExp, lowerFirst } from "~/domain/text";

describe("text inside a sentence", () => {
  it("takes its first letter in lower case, leaving an acronym as it is", () => {
    expect(lowerFirst("Short tailored engagement")).toBe("short tailored engagement");
    expect(lowerFirst("A health system")).toBe("a health system");
    expect(lowerFirst("VAP per 1,000 ventilator days")).toBe("VAP per 1,000 ventilator days");
    expect(lowerFirst("reduce falls")).toBe("reduce falls");
    expect(lowerFirst("")).toBe("");
  });

  it("is matched as itself in a regular expression", () => {
    expect(new RegExp(escapeRegExp("CLABSI (central line)")).test("cut CLABSI (central line) rates")).toBe(true);
    expect(new RegExp(`^${escapeRegExp("a.b")}$`).test("axb")).toBe(false);
  });
});
