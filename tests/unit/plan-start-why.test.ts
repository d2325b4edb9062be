/**
 * Why a plan starts where it does, beside the partner's time on the Fit and Timeline pages (docs/domain.md
 * §2.2): only a site joining an open collaborative at a listed session starts elsewhere than the desired start.
 */
import { describe, expect, it } from "vitest";
import { planStartWhy } from "~/domain/planning-inputs";
import { partnerTime, timeLimits } from "~/domain/timeline-constraints";

const join = (title: string | null, warning: string | null = null) => ({ join: { title, listedSessions: warning ? [] : ["2027-03-16"], warning } });

describe("planStartWhy", () => {
  it("names the collaborative whose session the team's prework leads to", () => {
    expect(planStartWhy(join("Sepsis Early Recognition Collaborative"))).toBe("when the team's prework for the Sepsis Early Recognition Collaborative begins");
    expect(planStartWhy(join("The Scottish Sepsis Collaborative"))).toBe("when the team's prework for The Scottish Sepsis Collaborative begins");
    expect(planStartWhy(join(null))).toBe("when the team's prework for the collaborative begins");
  });

  it("says nothing where the plan starts at the desired start: a full method, or no session to join at", () => {
    expect(planStartWhy({ join: null })).toBeNull();
    expect(planStartWhy({})).toBeNull();
    expect(planStartWhy(join("Sepsis Early Recognition Collaborative", "No listed session … leaves time for prework"))).toBeNull();
  });

  it("stands in brackets after the month, so the sentence's limits still read in order", () => {
    const why = planStartWhy(join("Sepsis Early Recognition Collaborative"));
    expect(partnerTime(timeLimits({ horizonMonths: 12 }), "2027-02", why).words).toBe(
      "The partner's time: their longest duration of 12 months, from February 2027 (when the team's prework for the Sepsis Early Recognition Collaborative begins)."
    );
    expect(partnerTime(timeLimits({ horizonMonths: 12, hardDeadline: "2027-12-31" }), "2027-02", why).words).toBe(
      "The partner's time: 11 months from February 2027 (when the team's prework for the Sepsis Early Recognition Collaborative begins), to the hard deadline, 31 December 2027, which comes sooner than their longest duration of 12 months."
    );
  });
});
