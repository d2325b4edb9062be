import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { sameMethodAdvice } from "~/domain/method-advice";
import type { PartnerTimeFit } from "~/domain/method-recommendation";
import { partnerTimeFit } from "~/domain/timeline-generate";
import { METHODS } from "~/domain/methods";
import { loadTemplates } from "~/services/templates.server";
import { tailoredRegion } from "../helpers/intake";

const { methodWeights, readiness, timelines } = loadTemplates();
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

  it("needs review when only the partner's time moves and that changes the recommendation: the date the aim names", () => {
    /** Each method's plan at the desired start against the partner's time, as the Method page judges it. */
    const timeOf = (intake: Intake): PartnerTimeFit =>
      partnerTimeFit(
        METHODS.map((m) => timelines[m]),
        intake.scale.expectedSites,
        {
          start: intake.scale.desiredStart!,
          horizonMonths: intake.scale.longestDurationMonths ?? null,
          hardDeadline: intake.scale.hardDeadline ?? null,
          aimBy: intake.evidence.aimByWhen ?? null,
          country: "GB",
        }
      );
    // A region whose situation points to a tailored initiative, with five years to do it in.
    const favoured = tailoredRegion(before);
    const region: Intake = {
      ...favoured,
      evidence: { ...favoured.evidence, aimByWhen: undefined },
      scale: { ...favoured.scale, longestDurationMonths: 60 },
    };
    // The aim now names January 2028: 11 months, too few for a tailored initiative's plan.
    const sooner: Intake = { ...region, evidence: { ...region.evidence, aimByWhen: "2028-01" } };
    const advice = (i: Intake) => sameMethodAdvice(region, i, methodWeights, readiness, "2027-01", timeOf);
    expect(advice(region)).toBe(true);
    expect(advice(sooner)).toBe(false);
  });
});
