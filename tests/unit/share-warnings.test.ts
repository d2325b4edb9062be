import { describe, expect, it } from "vitest";
import { feesAgainstBudget } from "~/domain/proposal-options";
import { shareWarnings } from "~/domain/share-warnings";

const budget = { min: 500_000, max: 800_000, currency: "USD" };
const warn = (readers: number, offered: { fee: number; options: { name: string; fee: number }[] }) =>
  shareWarnings({ organisationName: "Eastmere", readers, fees: feesAgainstBudget(offered, "USD", budget), currency: "USD" });
/** A version that offers options at these fees. */
const options = (...fees: number[]) => ({ fee: 0, options: fees.map((fee, i) => ({ name: `Option ${i + 1}`, fee })) });

describe("what to know before sharing", () => {
  it("says when every option is above the partner's budget, from the smallest gap to the largest", () => {
    expect(warn(2, options(1_200_000, 1_095_000))).toEqual(["Every option is above Eastmere's budget (by USD\u00a0295,000 to USD\u00a0400,000)."]);
  });

  it("says nothing of the budget when one option is within it", () => {
    expect(warn(2, options(1_200_000, 750_000))).toEqual([]);
  });

  it("says when nobody at the partner can sign in, beside the one fee above the budget", () => {
    expect(warn(0, { fee: 900_000, options: [] })).toEqual([
      "Nobody at Eastmere can sign in yet: invite one of their executives first (on the engagement's overview), or share now and invite them later.",
      "The fee is above Eastmere's budget (by USD\u00a0100,000).",
    ]);
  });

  it("says when the version's plan begins before today, after what concerns the partner's readers and budget", () => {
    const warnings = shareWarnings({
      organisationName: "Eastmere",
      readers: 0,
      fees: feesAgainstBudget({ fee: 900_000, options: [] }, "USD", budget),
      currency: "USD",
      startPassed: { version: 3, passed: { date: "2026-12-01", label: "Prework" } },
    });
    expect(warnings).toEqual([
      "Nobody at Eastmere can sign in yet: invite one of their executives first (on the engagement's overview), or share now and invite them later.",
      "The fee is above Eastmere's budget (by USD\u00a0100,000).",
      "Version 3's plan begins on 1 December 2026, before today: Eastmere would read a plan already under way. Move its start on the Timeline page and make a new version, or agree new dates with them.",
    ]);
  });

  it("says which steps need review since what they rest on changed, one or several", () => {
    const warn = (staleSteps: string[]) =>
      shareWarnings({
        organisationName: "Eastmere",
        readers: 2,
        fees: feesAgainstBudget({ fee: 600_000, options: [] }, "USD", budget),
        currency: "USD",
        staleSteps,
      });
    expect(warn(["Method"])).toEqual([
      "The Method step needs review: what it rests on has changed since it was done. Review it and make a new version before sharing, or share this version as it stands.",
    ]);
    expect(warn(["Fit", "Method", "Timeline"])).toEqual([
      "The Fit, Method and Timeline steps need review: what they rest on has changed since they were done. Review them and make a new version before sharing, or share this version as it stands.",
    ]);
    expect(warn([])).toEqual([]);
  });

  it("says when the version's plan runs past the partner's time, naming each overrun as the version froze it", () => {
    const warn = (check: Parameters<typeof shareWarnings>[0]["time"]) =>
      shareWarnings({
        organisationName: "Eastmere",
        readers: 2,
        fees: feesAgainstBudget({ fee: 600_000, options: [] }, "USD", budget),
        currency: "USD",
        time: check,
      });
    const overruns = [
      {
        kind: "duration" as const,
        months: 8,
        text: "it runs 8 months over the partner's longest duration of 20 months (28 months in all, planning included)",
        brief: "",
      },
      {
        kind: "deadline" as const,
        months: 1,
        text: "the closing congress falls on 12 March 2029, 1 month after the hard deadline (28 February 2029)",
        brief: "",
      },
    ];
    expect(warn({ version: 2, check: { holds: false, overruns } })).toEqual([
      "Version 2's plan runs past Eastmere's time: it runs 8 months over their longest duration of 20 months (28 months in all, planning included) and the closing congress falls on 12 March 2029, 1 month after the hard deadline (28 February 2029). The proposal says so among its risks, for both parties to agree to; the Timeline page's time check says what would keep their time, and a new version can carry it.",
    ]);
    // A plan within the partner's time, and a version frozen before the time check was kept, say nothing of it.
    expect(warn({ version: 2, check: { holds: true, overruns: [] } })).toEqual([]);
    expect(warn({ version: 1, check: undefined })).toEqual([]);
  });
});
