import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { sameMethodAdvice } from "~/domain/method-advice";
import { loadTemplates } from "~/services/templates.server";

const { methodWeights, readiness } = loadTemplates();
const same = (before: Intake, after: Intake) => sameMethodAdvice(before, after, methodWeights, readiness, "2027-01");

describe("whether an intake change leaves the method decision standing", () => {
  const before = demoIntake();

  it("stands through changes the advice does not turn on", () => {
    expect(same(before, before)).toBe(true);
    expect(same(before, { ...before, budget: { ...before.budget, currency: "GBP", budgetMax: 2_000_000 } })).toBe(true);
  });

  it("needs review when the recommendation or a method's readiness changes", () => {
    // Another number of sites moves the scores.
    expect(same(before, { ...before, scale: { ...before.scale, expectedSites: 400 } })).toBe(false);
    // No senior sponsor changes every method's readiness.
    expect(same(before, { ...before, capacity: { ...before.capacity, seniorSponsor: "no" } })).toBe(false);
  });
});
