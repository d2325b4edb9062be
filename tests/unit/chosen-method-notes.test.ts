import { describe, expect, it } from "vitest";
import { chosenFeasibilityBriefing, chosenFeasibilityNote, methodPageNotes } from "~/domain/chosen-method-notes";
import type { RankedMethod } from "~/domain/method-recommendation";

describe("the capacity note once a method is chosen over the recommendation", () => {
  it("on the Method page speaks of the method chosen, naming the recommendation only as what was overridden", () => {
    const note = chosenFeasibilityNote(
      { label: "Campaign", feasibility: { verdict: "tight", earliestStart: "2027-09", earlierStart: null, earliestTooLate: false } },
      "Tailored large-scale initiative"
    );
    expect(note).toMatch(
      /^Our staff capacity for the Campaign chosen instead of the recommended Tailored large-scale initiative is tight at the desired start/
    );
    expect(note).toContain("September 2027");
    expect(note).not.toMatch(/tailored initiative is tight/);
  });

  it("says nothing when the chosen method fits with room to spare, or its capacity was not judged", () => {
    expect(chosenFeasibilityNote({ label: "Campaign", feasibility: { verdict: "fits", earliestStart: null } }, "Tailored")).toBeNull();
    expect(chosenFeasibilityNote({ label: "Campaign", feasibility: null }, "Tailored")).toBeNull();
  });

  it("in the internal edition, from what the version recorded of the chosen method", () => {
    expect(
      chosenFeasibilityBriefing(
        { name: "campaign", feasibility: { verdict: "does_not_fit", earliestStart: "2028-01", summary: "Improvement advisors are short in 3 months." } },
        "tailored large-scale initiative"
      )
    ).toBe(
      "Our staff cannot take on the campaign chosen instead of the recommended tailored large-scale initiative on its template timeline at the desired start: Improvement advisors are short in 3 months. On that template timeline, the nearest start with room to spare is January 2028; the earliest fully staffed start given with the resourcing is this plan's own, judged on its timeline as it stands."
    );
  });

  it("says the verdict once: the recorded summary's own verdict does not follow the sentence's", () => {
    const note = chosenFeasibilityBriefing(
      {
        name: "tailored large-scale initiative",
        feasibility: {
          verdict: "tight",
          earliestStart: null,
          summary: "Tight: 2 role-months fit only without tentative bookings or with less than 10% to spare.",
        },
      },
      "Breakthrough Series collaborative"
    );
    expect(note).toBe(
      "Our staff capacity for the tailored large-scale initiative chosen instead of the recommended Breakthrough Series collaborative is tight on its template timeline at the desired start: 2 role-months fit only without tentative bookings or with less than 10% to spare."
    );
  });

  it("on the Method page: the recommendation's note and advice while it stands; after an override, the chosen method's note and no advice", () => {
    const ranked = [
      { method: "collaborative", feasibility: null },
      { method: "campaign", feasibility: { verdict: "does_not_fit", earliestStart: null, earlierStart: null, earliestTooLate: false } },
    ] as unknown as RankedMethod[];
    const recommendation = {
      recommended: "collaborative" as const,
      ranked,
      feasibilityNote: "Our staff cannot take on a collaborative at the desired start.",
      composition: ["Run the collaborative in waves of at most 160 teams."],
    };
    const standing = { capacity: recommendation.feasibilityNote, composition: recommendation.composition };
    expect(methodPageNotes(recommendation, null)).toEqual(standing);
    expect(methodPageNotes(recommendation, "collaborative")).toEqual(standing);
    const overridden = methodPageNotes(recommendation, "campaign");
    expect(overridden.composition).toEqual([]);
    expect(overridden.capacity).toMatch(/^Our staff cannot take on the Campaign chosen instead of the recommended Breakthrough Series collaborative /);
    // A chosen method whose capacity was not judged has no note, and never the recommendation's.
    expect(methodPageNotes({ ...recommendation, recommended: "campaign" }, "collaborative")).toEqual({ capacity: null, composition: [] });
  });

  it("on the Method page, for a small request's form of the method, judges the plan as the Fit page does, not the full method's template", () => {
    const ranked = [
      { method: "collaborative", feasibility: null },
      { method: "tailored", feasibility: { verdict: "does_not_fit", earliestStart: null, earlierStart: null, earliestTooLate: false } },
    ] as unknown as RankedMethod[];
    const recommendation = { recommended: "collaborative" as const, ranked, feasibilityNote: null, composition: [] };
    const short = (plan: { verdict: "fits" | "tight" | "does_not_fit"; summary: string; earliestStart: string | null }) =>
      methodPageNotes(recommendation, "tailored", undefined, undefined, { variant: "short_tailored", joinedTitle: null, plan, asRecommended: false }).capacity;
    // The plan fits, so nothing is said, whatever the tailored large-scale initiative's template would need.
    expect(
      short({ verdict: "fits", summary: "Fits: every role has the free capacity this engagement needs, with room to spare.", earliestStart: "2026-12" })
    ).toBeNull();
    expect(short({ verdict: "tight", summary: "Tight: improvement advisor has less than 10% to spare in March 2027.", earliestStart: "2027-05" })).toBe(
      "Our staff capacity for the short tailored engagement chosen instead of the recommended Breakthrough Series collaborative is tight on its timeline as it stands: improvement advisor has less than 10% to spare in March 2027. Its earliest fully staffed start is May 2027."
    );
    const joining = methodPageNotes({ ...recommendation, recommended: "tailored" }, "collaborative", undefined, undefined, {
      variant: "join_open_collaborative",
      joinedTitle: "Sepsis Early Recognition Collaborative",
      plan: { verdict: "does_not_fit", summary: "Does not fit: 1 shortfall, the first: faculty short in May 2027.", earliestStart: null },
      asRecommended: true,
    }).capacity;
    // Joining is the offer a small request is recommended (decision 36): named alone, never "chosen instead of" anything.
    expect(joining).toBe(
      "Our staff cannot take on this site's part in the Sepsis Early Recognition Collaborative on its timeline as it stands: 1 shortfall, the first: faculty short in May 2027. No fully staffed start was found in the planning horizon."
    );
  });
});
