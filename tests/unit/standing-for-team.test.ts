import { describe, expect, it } from "vitest";
import { standingForTeam } from "~/domain/workflow";

describe("where a version stands once the partner accepted it", () => {
  it("says who accepted, a name with its title set off by commas, and what remains", () => {
    const withTitle = standingForTeam({
      stage: "shared",
      number: 2,
      accepted: { who: "Tomas Varga, Director of Strategy", at: "2026-12-04T10:00:00.000Z" },
      leadership: "not_asked",
    });
    expect(withTitle.label).toBe("Accepted by the partner");
    expect(withTitle.accepted).toMatch(/^Tomas Varga, Director of Strategy, accepted version 2 for the partner on 4 December 2026\. What remains:/);
    const nameOnly = standingForTeam({ stage: "shared", number: 2, accepted: { who: "Tomas Varga", at: "2026-12-04T10:00:00.000Z" }, leadership: "deciding" });
    expect(nameOnly.accepted).toMatch(/^Tomas Varga accepted version 2/);
  });
});
