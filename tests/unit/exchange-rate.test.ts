import { describe, expect, it } from "vitest";
import { budgetInBrief } from "~/domain/commitments";
import {
  aboutFigure,
  exchangeView,
  feeInTheirCurrency,
  inBudgetCurrency,
  inverseRateWords,
  rateBetween,
  rateFromText,
  rateHint,
  rateWords,
  feeWithEquivalent,
  type ExchangeRate,
} from "~/domain/exchange-rate";
import { feesAgainstBudget } from "~/domain/proposal-options";
import { pricingIntentSchema } from "~/domain/pricing-forms";
import { compareWithBudget, describeComparison, feeAboveBudgetForPartner, feeAgainstBudget, offerAgainstBudget } from "~/domain/pricing";
import { feeChart } from "~/domain/proposal-charts";
import { riskReasons } from "~/domain/portfolio";
import { shareWarnings } from "~/domain/share-warnings";

/*
 * The exchange rate a manager records for a budget in the partner's own currency (docs/domain.md §8.7):
 * how it is typed, the one conversion, and the fee set against the budget through it, in the words
 * of staff pages, leaders' pages and the partner's document.
 */

const NBSP = "\u00a0";
const eur = (n: string) => `EUR${NBSP}${n}`;
const usd = (n: string) => `USD${NBSP}${n}`;
const RATE: ExchangeRate = { from: "USD", to: "EUR", rate: 0.92, on: "2026-12-01", source: "European Central Bank reference rate" };
const BUDGET = { min: 900_000, max: 1_300_000, currency: "EUR", rate: RATE };

describe("a rate as it is typed", () => {
  it("is read as an amount is: a dot for the decimal point, commas or nothing between thousands", () => {
    expect(rateFromText("0.92")).toEqual({ rate: 0.92 });
    expect(rateFromText(" 0.9215 ")).toEqual({ rate: 0.9215 });
    expect(rateFromText("1,385.5")).toEqual({ rate: 1385.5 });
    expect(rateFromText("16250")).toEqual({ rate: 16250 });
    // Four figures after the dot can only be decimals.
    expect(rateFromText("1.0850")).toEqual({ rate: 1.085 });
  });

  it("refuses a decimal comma with how to write it, rather than read 0,920 as 920", () => {
    expect(rateFromText("0,92")).toEqual({ problem: "The exchange rate: write 0,92 with a dot for the decimal point, as 0.92." });
    expect(rateFromText("1,0850")).toEqual({ problem: "The exchange rate: write 1,0850 with a dot for the decimal point, as 1.0850." });
    expect(rateFromText("0,920")).toEqual({ problem: "The exchange rate: write 0,920 with a dot for the decimal point, as 0.920." });
  });

  it("refuses a dot before exactly three digits with both readings, as an amount is refused, and says how to write each", () => {
    expect(rateFromText("1.085")).toEqual({ problem: "The exchange rate: 1.085 could be 1.085 or 1,085. Write 1.0850 for the first, or 1085 for the second." });
  });

  it("takes no scale word, as an amount would: a rate is a plain figure", () => {
    for (const typed of ["16k", "0,5k", "1.085 Mio", "1,2 Mio", "0.92m"])
      expect(rateFromText(typed), typed).toEqual({ problem: "The exchange rate must be a number like 0.92." });
  });

  it("refuses what is no rate: blank, not a number, nothing or less, out of range, or more figures than rates are quoted to", () => {
    expect(rateFromText("  ")).toEqual({ problem: "The exchange rate is required." });
    expect(rateFromText("ninety-two cents")).toEqual({ problem: "The exchange rate must be a number like 0.92." });
    expect(rateFromText("€0.92")).toEqual({ problem: "The exchange rate must be a number like 0.92." });
    expect(rateFromText("0")).toEqual({ problem: "The exchange rate must be more than 0." });
    expect(rateFromText("-0.92")).toEqual({ problem: "The exchange rate must be more than 0." });
    expect(rateFromText("2,000,000")).toEqual({ problem: "The exchange rate must be between 0.000001 and 1,000,000." });
    expect(rateFromText("0.921537")).toEqual({ rate: 0.921537 });
    expect(rateFromText("0.9215371")).toEqual({
      problem: "The exchange rate has at most 6 significant figures, as rates are quoted (such as 0.9215 or 1,385.5): 0.9215371 has 7.",
    });
  });
});

describe("where a rate is from, as it is typed", () => {
  const source = (typed?: string) => {
    const r = pricingIntentSchema("USD").safeParse({
      intent: "set-rate",
      version: "1",
      currency: "EUR",
      rate: "0.92",
      rateOn: "2026-12-01",
      rateSource: typed,
    });
    return r.success ? (r.data as { rateSource: string | null }).rateSource : r.error.issues.map((i) => i.message);
  };

  it("is one line, its breaks and control characters gone, or none when left blank or out", () => {
    expect(source("  European Central Bank\r\nreference rate\u0007 ")).toBe("European Central Bank reference rate");
    expect(source("   ")).toBeNull();
    expect(source(undefined)).toBeNull();
  });

  it("is at most 200 characters, refused beside the field past that", () => {
    expect(source("x".repeat(200))).toBe("x".repeat(200));
    expect(source("x".repeat(201))).toEqual(["The rate's source must be at most 200 characters."]);
  });
});

describe("the one conversion, from the fee's currency into the budget's", () => {
  it("gives whole units of the partner's currency, exactly: USD 1,590,000 at 0.92 is EUR 1,462,800", () => {
    expect(inBudgetCurrency(1_590_000, RATE)).toBe(1_462_800);
    expect(inBudgetCurrency(1_250_000, RATE)).toBe(1_150_000);
    expect(inBudgetCurrency(1_000_000, { rate: 16_250.5 })).toBe(16_250_500_000);
  });

  it("rounds a half up, on the rate's own decimals rather than the binary product's (300 × 1.005 is 301.5, which floating point makes 301.4999…)", () => {
    expect(inBudgetCurrency(300, { rate: 1.005 })).toBe(302);
    expect(inBudgetCurrency(100, { rate: 0.145 })).toBe(15);
    expect(inBudgetCurrency(1, { rate: 0.4 })).toBe(0);
  });

  it("is used only for the currencies it was recorded for", () => {
    expect(rateBetween(RATE, "USD", "eur")).toBe(RATE);
    expect(rateBetween(RATE, "USD", "GBP")).toBeNull();
    expect(rateBetween(RATE, "GBP", "EUR")).toBeNull();
    expect(rateBetween(null, "USD", "EUR")).toBeNull();
  });

  it("reads our currency first, and the other way round to four figures for the manager to check it", () => {
    expect(rateWords(RATE)).toBe("1 USD = 0.92 EUR");
    expect(inverseRateWords(RATE)).toBe("1 EUR = 1.087 USD");
    expect(rateWords({ from: "USD", to: "IDR", rate: 16_250.5 })).toBe("1 USD = 16,250.5 IDR");
    expect(feeWithEquivalent(1_590_000, RATE)).toBe(`${usd("1,590,000")} (about ${eur("1,460,000")})`);
  });
});

describe("an amount worked out at a rate, as 'about' states it", () => {
  it("is given to three significant figures, never to the euro: EUR 1,007,400 is about EUR 1,010,000", () => {
    expect(aboutFigure(1_007_400)).toBe(1_010_000);
    expect(aboutFigure(1_104_000)).toBe(1_100_000);
    expect(aboutFigure(110_400_000)).toBe(110_000_000);
    expect(aboutFigure(207_400)).toBe(207_000);
    expect(aboutFigure(4_630)).toBe(4_630);
    expect(aboutFigure(999_500)).toBe(1_000_000);
    expect(aboutFigure(15)).toBe(15);
    expect(aboutFigure(0)).toBe(0);
  });

  it("is how the fee's equivalent is written for staff, leaders and the partner alike", () => {
    const fee = 1_095_000; // EUR 1,007,400 at 0.92
    const words = [
      feeWithEquivalent(fee, RATE),
      feeWithEquivalent(fee, RATE, { atRate: true }),
      feeWithEquivalent(fee, RATE, { commas: true }),
      describeComparison(compareWithBudget(fee, "USD", { ...BUDGET, max: 800_000 }), fee, "USD"),
      feeInTheirCurrency([fee], RATE, "depending on the option chosen"),
      feeAboveBudgetForPartner([{ title: null, fee, currency: "USD" }], { budgetMax: 800_000, currency: "EUR" }, "Eastmere", RATE)!,
      riskReasons(
        { id: 1, stage: "shared", ...offerAgainstBudget({ number: 1, fee, currency: "USD", options: 0 }, { ...BUDGET, max: 800_000 }) },
        "2026-12-07T00:00:00Z"
      )[0]!.text,
    ];
    for (const w of words) {
      expect(w).toContain(`about ${eur("1,010,000")}`);
      expect(w).not.toContain("1,007,400");
      expect(w).not.toContain("207,400");
    }
  });
});

describe("the exchange rate as the budget panel shows it", () => {
  it("is shown only for a budget with an amount in another currency than the fee's, whatever case or spaces its code was typed in", () => {
    expect(exchangeView({ ...BUDGET, currency: "USD" }, "USD")).toBeNull();
    expect(exchangeView({ ...BUDGET, currency: " usd " }, "USD")).toBeNull();
    expect(exchangeView({ min: null, max: null, currency: "EUR", rate: RATE }, "USD")).toBeNull();
    expect(exchangeView({ ...BUDGET, currency: null }, "USD")).toBeNull();
    expect(exchangeView(null, "USD")).toBeNull();
    expect(exchangeView({ ...BUDGET, currency: " eur", rate: null }, "USD")).toEqual({ ours: "USD", theirs: "EUR", used: null, unused: null });
  });

  it("gives the rate in use read both ways, with its day in words and its source", () => {
    expect(exchangeView(BUDGET, "USD")).toEqual({
      ours: "USD",
      theirs: "EUR",
      used: {
        from: "USD",
        to: "EUR",
        figure: "0.92",
        words: "1 USD = 0.92 EUR",
        inverse: "1 EUR = 1.087 USD",
        on: "2026-12-01",
        onWords: "1 December 2026",
        source: "European Central Bank reference rate",
      },
      unused: null,
    });
  });

  it("says why a rate recorded for another currency than the budget's is not used", () => {
    const view = exchangeView({ ...BUDGET, currency: "GBP" }, "USD")!;
    expect(view.used).toBeNull();
    expect(view.unused?.why).toBe(
      "The rate recorded, 1 USD = 0.92 EUR, the rate of 1 December 2026, is for a budget in EUR; the partner's budget is now in GBP, so it is not used."
    );
    expect(exchangeView({ ...BUDGET, rate: { ...RATE, from: "CHF" } }, "USD")!.unused?.why).toBe(
      "The rate recorded, 1 CHF = 0.92 EUR, the rate of 1 December 2026, is for a budget in EUR and fees in CHF; the partner's budget is now in EUR, so it is not used."
    );
  });
});

describe("the fee against a budget in the partner's currency, through the rate", () => {
  it("is above, within or below the budget as it was given, the gap in the partner's currency", () => {
    expect(compareWithBudget(1_590_000, "USD", BUDGET)).toEqual({ verdict: "above", gap: 162_800, through: { rate: RATE, fee: 1_462_800 } });
    expect(compareWithBudget(1_085_000, "USD", BUDGET)).toEqual({ verdict: "within", through: { rate: RATE, fee: 998_200 } });
    expect(compareWithBudget(900_000, "USD", BUDGET)).toEqual({ verdict: "below", gap: 72_000, through: { rate: RATE, fee: 828_000 } });
    // At the edge: USD 1,413,043 is EUR 1,299,999.56, EUR 1,300,000 once rounded: within.
    expect(compareWithBudget(1_413_044, "USD", BUDGET).verdict).toBe("within");
    expect(compareWithBudget(1_413_045, "USD", BUDGET).verdict).toBe("above");
  });

  it("is never compared through a rate for other currencies, nor without one", () => {
    expect(compareWithBudget(1_590_000, "USD", { ...BUDGET, currency: "GBP" })).toEqual({ verdict: "other_currency", budgetCurrency: "GBP" });
    expect(compareWithBudget(1_590_000, "USD", { ...BUDGET, rate: null })).toEqual({ verdict: "other_currency", budgetCurrency: "EUR" });
    // A budget in the fee's own currency is compared as it is, whatever rate is recorded.
    expect(compareWithBudget(1_590_000, "USD", { ...BUDGET, currency: "USD" })).toEqual({ verdict: "above", gap: 290_000 });
  });

  it("says for staff the fee, its equivalent and the rate it rests on, and the gap in the partner's currency", () => {
    expect(describeComparison(compareWithBudget(1_590_000, "USD", BUDGET), 1_590_000, "USD")).toBe(
      `The fee is ${usd("1,590,000")} (about ${eur("1,460,000")} at 1 USD = 0.92 EUR, the rate of 1 December 2026), about ${eur(
        "163,000"
      )} above the partner's budget.`
    );
    expect(describeComparison(compareWithBudget(1_085_000, "USD", BUDGET), 1_085_000, "USD")).toBe(
      `The fee is ${usd("1,085,000")} (about ${eur("998,000")} at 1 USD = 0.92 EUR, the rate of 1 December 2026), within the partner's budget.`
    );
    // Without a rate, the advice says one can be recorded.
    expect(describeComparison(compareWithBudget(1_590_000, "USD", { ...BUDGET, rate: null }), 1_590_000, "USD")).toBe(
      `The fee is ${usd(
        "1,590,000"
      )} and the partner's budget is in EUR: the two cannot be compared, and no exchange rate is guessed. Record the exchange rate the proposal uses from USD to EUR, or ask the partner for the budget in USD.`
    );
  });

  it("says it in a few words for the approvals queue, with the rate", () => {
    const [fee] = feesAgainstBudget({ fee: 1_590_000, options: [] }, "USD", BUDGET);
    expect(budgetInBrief(fee!, "USD")).toBe(`about ${eur("163,000")} above the budget at 1 USD = 0.92 EUR`);
    const [within] = feesAgainstBudget({ fee: 1_085_000, options: [] }, "USD", BUDGET);
    expect(budgetInBrief(within!, "USD")).toBe("within the budget at 1 USD = 0.92 EUR");
  });

  it("warns before sharing of a gap in the partner's currency", () => {
    const fees = feesAgainstBudget({ fee: 1_590_000, options: [] }, "USD", BUDGET);
    expect(shareWarnings({ organisationName: "Lisbon Health", readers: 1, fees, currency: "USD" })).toEqual([
      `The fee is above Lisbon Health's budget (by about ${eur("163,000")}).`,
    ]);
  });

  it("tells leaders, in the portfolio, the fee, its equivalent, the rate it rests on and the gap", () => {
    const facts = offerAgainstBudget({ number: 2, fee: 1_590_000, currency: "USD", options: 0 }, BUDGET);
    expect(riskReasons({ id: 1, stage: "shared", ...facts }, "2026-12-07T00:00:00Z")).toEqual([
      {
        kind: "above_budget",
        text: `Proposal version 2's fee, ${usd("1,590,000")} (about ${eur("1,460,000")} at 1 USD = 0.92 EUR, the rate of 1 December 2026), is about ${eur(
          "163,000"
        )} above the partner's maximum of ${eur("1,300,000")}.`,
      },
    ]);
    expect(offerAgainstBudget({ number: 2, fee: 1_085_000, currency: "USD", options: 0 }, BUDGET)).toEqual({});
  });
});

describe("the partner's document, through the rate the version froze", () => {
  const intakeBudget = { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" };

  it("states the fee's equivalent in the partner's currency, the rate, its day and source, and that the contract fixes the final rate", () => {
    expect(feeInTheirCurrency([1_590_000], RATE, "depending on the option chosen")).toBe(
      `At the exchange rate of 1 December 2026 (European Central Bank reference rate), 1 USD = 0.92 EUR, the fee is about ${eur(
        "1,460,000"
      )}. The contract will fix the final exchange rate.`
    );
    expect(feeInTheirCurrency([1_200_000, 1_590_000], { ...RATE, source: null }, "depending on the option chosen")).toBe(
      `At the exchange rate of 1 December 2026, 1 USD = 0.92 EUR, the fee is between about ${eur("1,100,000")} and ${eur(
        "1,460,000"
      )}, depending on the option chosen. The contract will fix the final exchange rate.`
    );
  });

  it("says by how much a fee is above the budget in the partner's currency, naming only the fees and the budget", () => {
    expect(feeAboveBudgetForPartner([{ title: null, fee: 1_590_000, currency: "USD" }], intakeBudget, "Lisbon Health", RATE)).toBe(
      `The fee of ${usd("1,590,000")}, about ${eur("1,460,000")}, is about ${eur("163,000")} above the top of Lisbon Health's budget (${eur("1,300,000")}).`
    );
    expect(
      feeAboveBudgetForPartner(
        [
          { title: "Option A (Core)", fee: 1_200_000, currency: "USD" },
          { title: "Option B (Full)", fee: 1_590_000, currency: "USD" },
        ],
        intakeBudget,
        "Lisbon Health",
        RATE
      )
    ).toBe(`Option A (Core) is within Lisbon Health's budget of up to ${eur("1,300,000")}; Option B (Full) is about ${eur("163,000")} above it.`);
    // Without the rate, nothing is said to be above a budget in another currency.
    expect(feeAboveBudgetForPartner([{ title: null, fee: 1_590_000, currency: "USD" }], intakeBudget, "Lisbon Health")).toBeNull();
  });

  it("tells staff in the internal briefing the fee against the budget through the rate", () => {
    expect(feeAgainstBudget({ fee: 1_085_000, currency: "USD" }, intakeBudget, RATE)).toBe(
      `The fee is ${usd("1,085,000")} (about ${eur("998,000")} at 1 USD = 0.92 EUR, the rate of 1 December 2026), within the partner's budget.`
    );
  });

  it("draws the fee in the partner's currency against their budget, naming the rate", () => {
    const spec = feeChart([{ label: "Proposed fee", amount: 1_590_000 }], "USD", BUDGET, "Lisbon Health", RATE)!;
    expect(spec.layers[0]!.values).toEqual([1_462_800]);
    expect(spec.unit).toBe("EUR");
    expect(spec.description).toContain("Bars: the fee in EUR at the exchange rate of 1 December 2026, 1 USD = 0.92 EUR.");
    expect(spec.flags).toEqual([{ index: 0, text: `above the budget by ${eur("162,800")}` }]);
    // With no rate, amounts in two currencies are never set side by side.
    expect(feeChart([{ label: "Proposed fee", amount: 1_590_000 }], "USD", BUDGET, "Lisbon Health")).toBeNull();
  });
});

describe("the rate field's hint", () => {
  it("gives no figure one currency's rate would make plausible for another: a budget in kroner is not told to type 0.92", () => {
    expect(rateHint({ ours: "USD", theirs: "NOK" })).toBe("How many NOK one USD buys, as your bank or a reference rate quotes it. A decimal point is a dot.");
    expect(rateHint({ ours: "USD", theirs: "NOK" })).not.toMatch(/\d/);
  });
});
