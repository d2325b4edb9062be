import { describe, expect, it } from "vitest";
import { money } from "~/domain/money";
import { comparisonTone, compareWithBudget } from "~/domain/pricing";
import { feesAgainstBudget } from "~/domain/proposal-options";

const USD_800K = { min: null, max: 800_000, currency: "USD" };

describe("what the fee-and-budget panel compares with the partner's budget", () => {
  it("with options, compares each option's fee in its order, and nothing else: the draft's plan without options is offered to no one", () => {
    const lines = feesAgainstBudget(
      {
        fee: 1_200_000,
        options: [
          { name: "Core", fee: 1_200_000 },
          { name: "Virtual", fee: 1_095_000 },
        ],
      },
      "USD",
      USD_800K
    );
    expect(lines.map((l) => [l.option, l.fee, l.tone])).toEqual([
      ["Option A: Core", 1_200_000, "danger"],
      ["Option B: Virtual", 1_095_000, "danger"],
    ]);
    expect(lines.map((l) => l.description)).toEqual([
      `Option A: Core. The fee is ${money(1_200_000, "USD")}, ${money(400_000, "USD")} above the partner's budget.`,
      `Option B: Virtual. The fee is ${money(1_095_000, "USD")}, ${money(295_000, "USD")} above the partner's budget.`,
    ]);
  });

  it("flags in red only the options above the budget; one within or below it reads plainly", () => {
    const lines = feesAgainstBudget(
      {
        fee: 1_200_000,
        options: [
          { name: "Core", fee: 1_200_000 },
          { name: "Lean", fee: 700_000 },
          { name: "Smallest", fee: 400_000 },
        ],
      },
      "USD",
      { min: 500_000, max: 800_000, currency: "USD" }
    );
    expect(lines.map((l) => [l.option, l.comparison.verdict, l.tone])).toEqual([
      ["Option A: Core", "above", "danger"],
      ["Option B: Lean", "within", "plain"],
      ["Option C: Smallest", "below", "plain"],
    ]);
    expect(lines[1]!.description).toBe(`Option B: Lean. The fee is ${money(700_000, "USD")}, within the partner's budget.`);
    expect(lines[2]!.description).toBe(`Option C: Smallest. The fee is ${money(400_000, "USD")}, ${money(100_000, "USD")} below the partner's budget.`);
  });

  it("says of each option that a budget in another currency cannot be compared, as a notice rather than in red", () => {
    const lines = feesAgainstBudget({ fee: 1_200_000, options: [{ name: "Core", fee: 1_200_000 }] }, "USD", { max: 800_000, currency: "EUR" });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.tone).toBe("notice");
    expect(lines[0]!.description).toMatch(/^Option A: Core\. The fee is .* the partner's budget is in EUR: the two cannot be compared/);
  });

  it("without options, compares the one fee offered, worded as before", () => {
    const [line, ...rest] = feesAgainstBudget({ fee: 1_200_000, options: [] }, "USD", USD_800K);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ option: null, fee: 1_200_000, tone: "danger" });
    expect(line!.description).toBe(`The fee is ${money(1_200_000, "USD")}, ${money(400_000, "USD")} above the partner's budget.`);
    expect(feesAgainstBudget({ fee: 1_200_000, options: [] }, "USD", null)[0]!.tone).toBe("plain");
  });
});

describe("the colour of a comparison", () => {
  it("is red above the budget, a notice across currencies, and plain otherwise", () => {
    expect(comparisonTone(compareWithBudget(900, "USD", { max: 800, currency: "USD" }))).toBe("danger");
    expect(comparisonTone(compareWithBudget(900, "USD", { max: 800, currency: "EUR" }))).toBe("notice");
    expect(comparisonTone(compareWithBudget(800, "USD", { max: 800, currency: "USD" }))).toBe("plain");
    expect(comparisonTone(compareWithBudget(100, "USD", { min: 200, max: 800, currency: "USD" }))).toBe("plain");
    expect(comparisonTone(compareWithBudget(100, "USD", null))).toBe("plain");
  });
});
