import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { approvalGate } from "~/domain/workflow";
import {
  belowCostWords,
  compareWithBudget,
  describeComparison,
  feeAboveBudgetForPartner,
  discountPercent,
  manualDiscount,
  paymentSchedule,
  priceFromCost,
  PricingRulesSchema,
  roundFee,
  type PricingRules,
} from "~/domain/pricing";
import { money } from "~/domain/money";
import { testPricingRules } from "../helpers/pricing-rules";
import { clearTemplateCache, getPricingRules, getTimelineTemplates, getTimelineVariantTemplates, loadTemplates } from "~/services/templates.server";

const NBSP = "\u00a0";

const rules: PricingRules = testPricingRules();

describe("the fee from the cost build-up", () => {
  it("adds the partner kind's margin, then rounds up to the next 5,000", () => {
    const p = priceFromCost(1_234_567, "USD", "hospital", rules);
    expect(p.adjustment).toEqual({ kind: "margin", percent: 15, amount: 185_185 });
    expect(p.unrounded).toBe(1_419_752);
    expect(p.fee).toBe(1_420_000);
  });

  it("takes a discount off for a kind that has one", () => {
    const p = priceFromCost(1_234_567, "USD", "nation", rules);
    expect(p.adjustment?.amount).toBe(-61_728);
    expect(p.fee).toBe(1_175_000);
  });

  it("rounds to the nearest step when the rules say so, and leaves an exact multiple alone", () => {
    expect(roundFee(1_172_400, { to: 5000, direction: "nearest" })).toBe(1_170_000);
    expect(roundFee(1_172_500, { to: 5000, direction: "nearest" })).toBe(1_175_000);
    expect(roundFee(1_150_000, { to: 5000, direction: "up" })).toBe(1_150_000);
  });

  it("adds nothing for a kind without a rule, and is zero with no build-up", () => {
    expect(priceFromCost(100_001, "USD", "charity", rules)).toMatchObject({ adjustment: null, fee: 105_000 });
    expect(priceFromCost(0, "USD", "hospital", rules).fee).toBe(0);
  });
});

describe("the payment schedule", () => {
  it("splits the fee by milestone, each due in its month of the timeline", () => {
    expect(paymentSchedule(1_420_000, rules, { start: "2027-04-01", end: "2028-09-30" })).toEqual([
      { milestone: "signature", label: "On signature", percent: 30, amount: 426_000, due: null },
      { milestone: "start", label: "At the start", percent: 20, amount: 284_000, due: "2027-04" },
      { milestone: "midpoint", label: "At the midpoint", percent: 30, amount: 426_000, due: "2027-12" },
      { milestone: "end", label: "On completion", percent: 20, amount: 284_000, due: "2028-09" },
    ]);
  });

  it("always adds up to the fee: the last instalment takes what rounding left", () => {
    const thirds = { ...rules, paymentSchedule: rules.paymentSchedule.slice(0, 3).map((i, n) => ({ ...i, percent: [33, 33, 34][n]! })) };
    const schedule = paymentSchedule(100_001, thirds, null);
    expect(schedule.map((i) => i.amount)).toEqual([33_000, 33_000, 34_001]);
    expect(schedule.every((i) => i.due === null)).toBe(true);
  });

  // A national programme of four years: once a year, never the bulk in its first year and nothing for two.
  const yearly: PricingRules = PricingRulesSchema.parse({
    ...rules,
    longPaymentSchedule: {
      longerThanMonths: 18,
      signature: { label: "On signature", percent: 20 },
      everyMonths: 12,
      onMilestone: "End of year {n}, after “{milestone}”",
      atPeriodEnd: "End of year {n}",
    },
  });

  it("pays a plan of more than 18 months on signature, then at the end of each year of the work, named after the year's last milestone", () => {
    const schedule = paymentSchedule(8_000_000, yearly, {
      start: "2027-03-01",
      end: "2031-02-28",
      milestones: [
        { label: "Change package and measures ready", date: "2027-09-15" },
        { label: "Charter agreed", date: "2027-04-12" },
        { label: "Wave 2 enrolled", date: "2029-05-07" },
      ],
    });
    expect(schedule).toEqual([
      { milestone: "signature", label: "On signature", percent: 20, amount: 1_600_000, due: null },
      { milestone: "period", label: "End of year 1, after “Change package and measures ready”", percent: 20, amount: 1_600_000, due: "2028-02" },
      { milestone: "period", label: "End of year 2", percent: 20, amount: 1_600_000, due: "2029-02" },
      { milestone: "period", label: "End of year 3, after “Wave 2 enrolled”", percent: 20, amount: 1_600_000, due: "2030-02" },
      { milestone: "period", label: "End of year 4", percent: 20, amount: 1_600_000, due: "2031-02" },
    ]);
  });

  it("pays the stub of a last year, shorter than six months, with the year before it, at the plan's end", () => {
    // 25 months: two instalments a year apart would leave a 25th month paid on its own weeks after the 24th.
    const schedule = paymentSchedule(1_000_000, getPricingRules(), { start: "2027-01-04", end: "2029-01-25" });
    expect(schedule.map((i) => [i.label, i.percent, i.due])).toEqual([
      ["On signature of the agreement", 20, null],
      ["End of year 1 of the work", 38, "2028-01"],
      ["End of year 2 of the work", 42, "2029-01"],
    ]);
  });

  it("gives a shorter last year its share by its months of work, in whole per cent that add up to 100", () => {
    const schedule = paymentSchedule(1_000_001, yearly, { start: "2027-01-01", end: "2030-06-30" });
    expect(schedule.map((i) => [i.percent, i.due])).toEqual([
      [20, null],
      [23, "2027-12"],
      [23, "2028-12"],
      [23, "2029-12"],
      [11, "2030-06"],
    ]);
    expect(schedule.reduce((t, i) => t + i.amount, 0)).toBe(1_000_001);
  });

  it("keeps a plan of 18 months or less on the four milestones", () => {
    expect(paymentSchedule(1_420_000, yearly, { start: "2027-04-01", end: "2028-09-30" })).toEqual(
      paymentSchedule(1_420_000, rules, { start: "2027-04-01", end: "2028-09-30" })
    );
  });

  it("refuses rules whose instalments do not add up to 100%", () => {
    const bad = PricingRulesSchema.safeParse({ ...rules, paymentSchedule: [{ milestone: "signature", label: "On signature", percent: 90 }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("The instalments add up to 90%, not 100%.");
  });
});

describe("the fee against the budget", () => {
  it("says by how much the fee is above the budget", () => {
    const c = compareWithBudget(1_420_000, "USD", { min: 600_000, max: 600_000, currency: "usd" });
    expect(c).toEqual({ verdict: "above", gap: 820_000 });
    expect(describeComparison(c, 1_420_000, "USD")).toBe(`The fee is USD${NBSP}1,420,000, USD${NBSP}820,000 above the partner's budget.`);
  });

  it("never guesses an exchange rate: a budget in another currency, or none named, is not compared", () => {
    const c = compareWithBudget(1_420_000, "USD", { max: 600_000, currency: "EUR" });
    expect(c).toEqual({ verdict: "other_currency", budgetCurrency: "EUR" });
    expect(describeComparison(c, 1_420_000, "USD")).toContain("cannot be compared");
    // What the manager can do: record the rate the proposal uses, or have the budget in the fee's currency.
    expect(describeComparison(c, 1_420_000, "USD")).toContain(
      "Record the exchange rate the proposal uses from USD to EUR, or ask the partner for the budget in USD."
    );
    expect(compareWithBudget(1, "USD", { max: 600_000 })).toEqual({ verdict: "other_currency", budgetCurrency: null });
  });

  it("is within, below, or without a budget", () => {
    expect(compareWithBudget(500_000, "USD", { min: 400_000, max: 600_000, currency: "USD" }).verdict).toBe("within");
    expect(compareWithBudget(300_000, "USD", { min: 400_000, max: 600_000, currency: "USD" })).toEqual({ verdict: "below", gap: 100_000 });
    expect(compareWithBudget(300_000, "USD", {}).verdict).toBe("no_budget");
  });
});

describe("a fee set by hand", () => {
  it("is measured in whole per cent below the rules' fee, rounded up", () => {
    expect(discountPercent(1_000_000, 900_000)).toBe(10);
    expect(discountPercent(1_000_000, 899_999)).toBe(11);
    expect(discountPercent(1_000_000, 1_100_000)).toBe(0);
    expect(discountPercent(0, 5)).toBe(0);
  });

  it("takes a second leader when it is further below than the threshold, and says why", () => {
    const thresholds = { fteMonths: 40, facultyDays: 150, secondLeaderOnShortfall: false, discountPercent: 10 };
    const base = { fteMonths: 10, facultyDays: 20, shortfalls: [] };
    expect(approvalGate({ ...base, discountPercent: 10 }, thresholds).requiredApprovals).toBe(1);
    const gate = approvalGate({ ...base, discountPercent: 11 }, thresholds);
    expect(gate.requiredApprovals).toBe(2);
    expect(gate.reasons).toEqual(["Its fee was set by hand 11% below what the pricing rules give, more than the 10% that one leader may approve."]);
  });

  it("counts only when the fee was set by hand", () => {
    const price = { fee: 800_000, currency: "USD", schedule: [], internal: { buildUp: 700_000, adjustment: null, ruleFee: 1_000_000 } };
    expect(manualDiscount({ price })).toEqual({});
    expect(manualDiscount({ price: { ...price, internal: { ...price.internal, override: { reason: "Agreed with the board." } } } })).toEqual({
      discountPercent: 20,
    });
  });
});

describe("docs-templates/pricing.json", () => {
  let root: string | null = null;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = null;
    clearTemplateCache();
  });

  it("loads with a rule for every kind of partner and a schedule of 100%", () => {
    const shipped = getPricingRules();
    expect(Object.keys(shipped.byPartnerKind).sort()).toEqual(["association", "health_system", "hospital", "nation", "region"]);
    expect(shipped.paymentSchedule.reduce((s, i) => s + i.percent, 0)).toBe(100);
  });

  it("asks a four-year programme for each year's instalment at that year's end, a year apart, and for no more than its share in the first", () => {
    const milestones = [
      { label: "Charter agreed", date: "2027-04-12" },
      { label: "Change package and measures ready", date: "2027-09-15" },
    ];
    const schedule = paymentSchedule(8_000_000, getPricingRules(), { start: "2027-03-01", end: "2031-02-28", milestones });
    const years = schedule.filter((i) => i.due);
    // A year apart, each in the year of work it pays for.
    expect(years.map((i) => i.due)).toEqual(["2028-02", "2029-02", "2030-02", "2031-02"]);
    expect(years[0]!.label).toBe("End of year 1 of the work, after the milestone “Change package and measures ready”");
    expect(years[1]!.label).toBe("End of year 2 of the work");
    const byFirstYear = schedule.filter((i) => !i.due || i.due < "2028-03").reduce((t, i) => t + i.amount, 0);
    expect(byFirstYear).toBeLessThanOrEqual(8_000_000 / 2);
  });

  it("names no review or report a plan does not hold, whichever method is chosen", () => {
    // The partner reads each instalment beside its month: "At the midpoint review" promised an event
    // no method's plan has, and "the final report" one that only a collaborative's plan has.
    const plans = [...Object.values(getTimelineTemplates()), ...Object.values(getTimelineVariantTemplates())];
    for (const instalment of getPricingRules().paymentSchedule) {
      for (const word of ["review", "report"]) {
        if (!new RegExp(`\\b${word}\\b`, "i").test(instalment.label)) continue;
        const without = plans.filter((p) => !p.items.some((i) => new RegExp(`\\b${word}\\b`, "i").test(i.label))).map((p) => p.label);
        expect(without, `"${instalment.label}"`).toEqual([]);
      }
    }
  });

  it("stops start-up with the file and the field when an edit breaks it", () => {
    root = mkdtempSync(path.join(tmpdir(), "pricing-"));
    cpSync(path.join(process.cwd(), "docs-templates"), path.join(root, "docs-templates"), { recursive: true });
    const file = path.join(root, "docs-templates/pricing.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.byPartnerKind.region = { kind: "markup", percent: 10 };
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadTemplates(root!)).toThrow(
      "The template docs-templates/pricing.json is not valid:\n  byPartnerKind.region.kind: An adjustment is a margin or a discount."
    );
  });
});

describe("a fee above the budget, in the partner's words", () => {
  const budget = { budgetMin: 1_100_000, budgetMax: 1_500_000, currency: "USD" };
  const usd = (n: number) => money(n, "USD");

  it("one fee: by how much it is above the top of the budget", () => {
    expect(feeAboveBudgetForPartner([{ title: null, fee: 1_590_000, currency: "USD" }], budget, "Northshire")).toBe(
      `The fee of ${usd(1_590_000)} is ${usd(90_000)} above the top of Northshire's budget (${usd(1_500_000)}).`
    );
  });

  it("options: those within the budget, and by how much each of the others is above it", () => {
    const offers = [
      { title: "Option A (Core)", fee: 1_590_000, currency: "USD" },
      { title: "Option B (Virtual)", fee: 1_400_000, currency: "USD" },
    ];
    expect(feeAboveBudgetForPartner(offers, budget, "Northshire")).toBe(
      `Option B (Virtual) is within Northshire's budget of up to ${usd(1_500_000)}; Option A (Core) is ${usd(90_000)} above it.`
    );
    const allAbove = [offers[0]!, { title: "Option B (Virtual)", fee: 1_550_000, currency: "USD" }];
    expect(feeAboveBudgetForPartner(allAbove, budget, "Northshire")).toBe(
      `Every option's fee is above the top of Northshire's budget (${usd(1_500_000)}): the lowest, Option B (Virtual), by ${usd(50_000)}.`
    );
  });

  it("says nothing within the budget, without one, or in another currency", () => {
    expect(feeAboveBudgetForPartner([{ title: null, fee: 1_500_000, currency: "USD" }], budget, "Northshire")).toBeNull();
    expect(feeAboveBudgetForPartner([{ title: null, fee: 1_590_000, currency: "USD" }], {}, "Northshire")).toBeNull();
    expect(feeAboveBudgetForPartner([{ title: null, fee: 1_590_000, currency: "USD" }], { ...budget, currency: "EUR" }, "Northshire")).toBeNull();
  });
});

describe("a fee below the cost build-up", () => {
  it("says what the work would lose when the hand set it below the cost, and nothing while the fee covers it", () => {
    const p = { buildUp: 1_000_000, currency: "USD", byHand: true };
    expect(belowCostWords(900_000, p)).toBe(
      `The fee set by hand is ${money(100_000, "USD")} below our cost build-up of ${money(1_000_000, "USD")}: we would do the work at a loss.`
    );
    expect(belowCostWords(1_000_000, p)).toBeNull();
    expect(belowCostWords(900_000, { ...p, buildUp: 0 })).toBeNull();
  });

  it("says it of the rules' own fee too, naming the discount for the kind of partner that takes it below the cost", () => {
    // The Scottish Patient Safety Programme: a nation's 5% discount on a build-up of USD 9,345,748, rounded up to USD 8,880,000.
    const nation = { buildUp: 9_345_748, currency: "USD", byHand: false, adjustment: { kind: "discount" as const, percent: 5 } };
    expect(belowCostWords(8_880_000, nation)).toBe(
      `The fee the pricing rules give, with their 5% discount for this kind of partner, is ${money(465_748, "USD")} below our cost build-up of ${money(
        9_345_748,
        "USD"
      )}: we would do the work at a loss.`
    );
    // A fee set by hand above the rules' fee but still below the cost loses money all the same, and is said as the hand's.
    expect(belowCostWords(9_000_000, { ...nation, byHand: true })).toMatch(/^The fee set by hand is USD\s345,748 below our cost build-up/);
    // A margin's fee covers the cost: nothing is said.
    expect(belowCostWords(10_750_000, { ...nation, adjustment: { kind: "margin", percent: 15 } })).toBeNull();
  });
});
