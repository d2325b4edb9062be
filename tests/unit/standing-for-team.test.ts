import { describe, expect, it } from "vitest";
import { standingForTeam } from "~/domain/workflow";

describe("where a version stands once the partner accepted it", () => {
  it("says who accepted, a name with its title set off by commas, and what remains", () => {
    const withTitle = standingForTeam({
      stage: "shared",
      number: 2,
      accepted: { who: "Tomas Varga, Director of Strategy", on: "4 Dec 2026" },
      leadership: "not_asked",
    });
    expect(withTitle.label).toBe("Accepted by the partner");
    expect(withTitle.accepted).toMatch(/^Tomas Varga, Director of Strategy, accepted version 2 for the partner on 4 Dec 2026\. What remains:/);
    const nameOnly = standingForTeam({ stage: "shared", number: 2, accepted: { who: "Tomas Varga", on: "4 Dec 2026" }, leadership: "deciding" });
    expect(nameOnly.accepted).toMatch(/^Tomas Varga accepted version 2/);
  });
});
