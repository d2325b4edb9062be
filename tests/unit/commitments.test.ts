import { describe, expect, it } from "vitest";
import { budgetInBrief, capacityInBrief, commitmentsOf, type CommitmentParts } from "~/domain/commitments";

const NBSP = "\u00a0";
const line = (role: string, fteMonths: number, days: number) => ({ role, label: role, days, fteMonths, peakFte: 1, from: "2027-01", to: "2027-06" });
const price = (fee: number) => ({ fee, currency: "USD", schedule: [], internal: { buildUp: fee, adjustment: null, ruleFee: fee } });

function version(
  over: Partial<CommitmentParts> = {},
  budget: CommitmentParts["intake"]["budget"] = { budgetMin: 500_000, budgetMax: 800_000, currency: "USD" }
) {
  return {
    staffing: [line("faculty", 2.25, 40.4), line("improvement_advisor", 6.1, 120)],
    fit: { verdict: "tight", summary: "", shortfalls: [], tightSpots: ["a", "b"], earliestStart: null },
    cost: null,
    price: price(900_000),
    intake: { budget },
    ...over,
  } as CommitmentParts;
}

describe("what a frozen version commits", () => {
  it("adds up our staff's time and says the fee against the budget", () => {
    const c = commitmentsOf(version());
    expect(c).toMatchObject({ fteMonths: 8.4, facultyDays: 40, tightRoleMonths: 2, shortfalls: [], currency: "USD" });
    expect(c.fees.map((f) => [f.option, budgetInBrief(f, "USD")])).toEqual([[null, `USD${NBSP}100,000 above the budget`]]);
  });

  it("compares each option's fee when the version offers options, not the largest option's alone", () => {
    const options = [
      { name: "Core", price: price(900_000) },
      { name: "Lean", price: price(600_000) },
    ] as unknown as CommitmentParts["options"];
    const c = commitmentsOf(version({ options }));
    expect(c.fees.map((f) => [f.option, budgetInBrief(f, "USD")])).toEqual([
      ["Option A: Core", `USD${NBSP}100,000 above the budget`],
      ["Option B: Lean", "within the budget"],
    ]);
  });

  it("says in words when there is no budget, a budget in another currency, or no fee at all", () => {
    const brief = (budget: CommitmentParts["intake"]["budget"]) => commitmentsOf(version({}, budget)).fees.map((f) => budgetInBrief(f, "USD"));
    expect(brief({})).toEqual(["no budget given"]);
    expect(brief({ budgetMax: 800_000, currency: "EUR" })).toEqual(["budget in EUR, not compared"]);
    expect(brief({ budgetMax: 800_000 })).toEqual(["budget names no currency, not compared"]);
    expect(brief({ budgetMin: 950_000, budgetMax: 1_000_000, currency: "usd" })).toEqual([`USD${NBSP}50,000 below the budget`]);
    expect(commitmentsOf(version({ price: null, cost: null }))).toMatchObject({ fees: [], currency: null });
  });

  it("takes the cost estimate as the fee of a version made before pricing rules", () => {
    const c = commitmentsOf(version({ price: undefined, cost: { total: 700_000, currency: "USD", verdict: "within", description: "" } }));
    expect(c.fees.map((f) => [f.fee, budgetInBrief(f, "USD")])).toEqual([[700_000, "within the budget"]]);
  });

  it("says how many role-months ran short or tight, or that capacity was not assessed", () => {
    expect(capacityInBrief({ tightRoleMonths: 2, shortfalls: [] })).toBe("2 tight role-months");
    expect(capacityInBrief({ tightRoleMonths: 0, shortfalls: ["x"] })).toBe("1 role-month short, none tight");
    expect(capacityInBrief({ tightRoleMonths: 1, shortfalls: ["x", "y"] })).toBe("2 role-months short, 1 tight role-month");
    expect(capacityInBrief({ tightRoleMonths: 0, shortfalls: [] })).toBe("none short or tight");
    expect(capacityInBrief(commitmentsOf(version({ fit: null })))).toBe("capacity not assessed");
  });
});
