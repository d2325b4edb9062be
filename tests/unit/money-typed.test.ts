import { describe, expect, it } from "vitest";
import { parseWithZod } from "@conform-to/zod/v4";
import { amountIn } from "~/domain/money";
import { pricingIntentSchema } from "~/domain/pricing-forms";
import { staffMemberSchema } from "~/domain/roster-forms";
import { IntakeSections } from "~/domain/intake-schema";

/*
 * Money is typed the same way wherever it is typed: the fee set by hand, a day rate on the roster and
 * the partner's budget take "1,200", "$1,200", "US$ 1,200" and "1,200 USD" when the sign or code is
 * the amount's currency, and say the same when an amount cannot be read; another currency is refused
 * naming the one expected.
 */

const fee = (typed: string, currency = "USD") =>
  pricingIntentSchema(currency).safeParse({ intent: "set-fee", version: "3", fee: typed, reason: "Agreed with the partner's finance director." });
const dayRate = (typed: string, currency = "USD") =>
  staffMemberSchema(currency).safeParse({ name: "Ada", role: "faculty", fte: "0.5", availableFrom: "", availableTo: "", dayRate: typed });
const budget = (typed: string, currency = "USD") => IntakeSections.budget.safeParse({ budgetMax: typed, currency });

const value = (r: ReturnType<typeof fee> | ReturnType<typeof dayRate> | ReturnType<typeof budget>, field: string) =>
  r.success ? (r.data as Record<string, unknown>)[field] : r.error.issues.map((i) => i.message);

describe("an amount typed with its currency", () => {
  it.each(["1,200", "$1,200", "US$ 1,200", "1,200 USD", "usd 1200", " 1 200 "])("is read alike by the fee, the day rate and the budget: %s", (typed) => {
    expect(value(fee(typed), "fee")).toBe(1200);
    expect(value(dayRate(typed), "dayRate")).toBe(1200);
    expect(value(budget(typed), "budgetMax")).toBe(1200);
  });

  it("takes the sign of the currency it is in, whichever that is", () => {
    expect(value(fee("£1,200", "GBP"), "fee")).toBe(1200);
    expect(value(dayRate("€950", "EUR"), "dayRate")).toBe(950);
    expect(value(budget("1,200 GBP", "GBP"), "budgetMax")).toBe(1200);
  });

  it("is refused in another currency, naming the one expected", () => {
    expect(value(fee("£1,200"), "fee")).toEqual(["The fee is in USD, not GBP: type the amount alone, or with USD or $."]);
    expect(value(fee("1,200 EUR"), "fee")).toEqual(["The fee is in USD, not EUR: type the amount alone, or with USD or $."]);
    expect(value(dayRate("$1,200", "GBP"), "dayRate")).toEqual(["Day rate is in GBP, and “$” is not its sign: type the amount alone, or with GBP or £."]);
    expect(value(budget("£1,200"), "budgetMax")).toEqual(["Maximum budget is in USD, as Currency says, not GBP: type the amount alone, or with USD or $."]);
  });

  it("that cannot be read says so in the same words in every form", () => {
    expect(value(fee("twelve hundred"), "fee")).toEqual(["The fee must be an amount like 250,000."]);
    expect(value(budget("1,200 dollars"), "budgetMax")).toEqual(["Maximum budget must be an amount like 250,000."]);
    expect(value(dayRate("1.200,50"), "dayRate")).toEqual(["Day rate must be an amount like 1,200."]);
  });

  it("with a dot before three digits, which could be a decimal point or thousands, is refused alike in every form, naming both", () => {
    const how = (example: string) => `Write the amount with commas between thousands, like ${example}, or none, like ${example.replace(/,/g, "")}.`;
    expect(value(fee("€250.000", "EUR"), "fee")).toEqual([`The fee: 250.000 could be 250 or 250,000. ${how("250,000")}`]);
    expect(value(dayRate("1.200"), "dayRate")).toEqual([`Day rate: 1.200 could be 1.2 or 1,200. ${how("1,200")}`]);
    expect(value(budget("250.000 EUR", "EUR"), "budgetMax")).toEqual([`Maximum budget: 250.000 could be 250 or 250,000. ${how("250,000")}`]);
    expect(value(budget("1,250.000"), "budgetMax")).toEqual([`Maximum budget: 1,250.000 could be 1,250 or 1,250,000. ${how("250,000")}`]);
    expect(value(budget("1.250k"), "budgetMax")).toEqual([`Maximum budget: 1.250k could be 1,250 or 1,250,000. ${how("250,000")}`]);
  });

  it.each([
    ["1.250.000", 1_250_000],
    ["€1.250.000", 1_250_000],
    ["250k", 250_000],
    ["250 K", 250_000],
    ["$1.2m", 1_200_000],
    ["1.1k USD", 1_100],
    ["2M", 2_000_000],
    ["1,200.00", 1_200],
  ])("reads %s as %i alike in every form", (typed, amount) => {
    const currency = typed.startsWith("€") ? "EUR" : "USD";
    expect(value(fee(typed, currency), "fee")).toBe(amount);
    expect(value(budget(typed, currency), "budgetMax")).toBe(amount);
    // A day rate's own limit still holds.
    expect(value(dayRate(typed, currency), "dayRate")).toEqual(amount <= 1_000_000 ? amount : ["Day rate must be at most 1,000,000."]);
  });

  it.each([
    ["1,2 Mio", 1_200_000],
    ["€1,2 Mio", 1_200_000],
    ["1,2 Mio EUR", 1_200_000],
    ["1,25 mio.", 1_250_000],
    ["2 Mio €", 2_000_000],
    ["0,4 Mrd", 400_000_000],
    ["1,2m", 1_200_000],
    ["12,5k", 12_500],
  ])("reads %s, millions and milliards as much of Europe writes them, as %i in every form", (typed, amount) => {
    expect(value(fee(typed, "EUR"), "fee")).toBe(amount);
    expect(value(budget(typed, "EUR"), "budgetMax")).toBe(amount);
  });

  it("never reads Mio or Mrd as a currency's code, and with a comma before three digits names both readings", () => {
    expect(value(budget("1,2 Mio", "GBP"), "budgetMax")).toBe(1_200_000);
    expect(value(budget("3 Mrd"), "budgetMax")).toBe(3_000_000_000);
    const how = "Write the amount with commas between thousands, like 250,000, or none, like 250000.";
    expect(value(budget("1,250 Mio", "EUR"), "budgetMax")).toEqual([`Maximum budget: 1,250 Mio could be 1,250,000 or 1,250,000,000. ${how}`]);
    expect(value(budget("1.250 Mio", "EUR"), "budgetMax")).toEqual([`Maximum budget: 1.250 Mio could be 1,250,000 or 1,250,000,000. ${how}`]);
    // Where a comma can only be between thousands, it still is: "1,250m" is 1,250 million, as "1,250" is 1,250.
    expect(value(budget("1,250m"), "budgetMax")).toBe(1_250_000_000);
    // A whole number is read as an amount is: a population of 1,2 Mio.
    expect(IntakeSections.context.safeParse({ population: "1,2 Mio" }).data?.population).toBe(1_200_000);
  });

  it("as long as a form may send, is read at once, never backtracking over its spaces", () => {
    const started = performance.now();
    expect(value(budget(`1${" ".repeat(200_000)}!`), "budgetMax")).toEqual(["Maximum budget must be an amount like 250,000."]);
    expect(value(fee(`1k${" ".repeat(200_000)}!`), "fee")).toEqual(["The fee must be an amount like 250,000."]);
    expect(value(fee(`1 Mio${" ".repeat(200_000)}!`), "fee")).toEqual(["The fee must be an amount like 250,000."]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("keeps each field's own limits: a whole fee of at least 1, a blank day rate is no rate", () => {
    expect(value(fee("$0"), "fee")).toEqual(["The fee must be at least 1."]);
    expect(value(fee("$1,200.50"), "fee")).toEqual(["The fee must be a whole number."]);
    expect(value(fee(""), "fee")).toEqual(["The fee is required."]);
    expect(value(dayRate(""), "dayRate")).toBeNull();
    expect(value(dayRate("$1,200.50"), "dayRate")).toBe(1200.5);
  });

  it("keeps the form's other answers and errors beside a refused currency", () => {
    const r = pricingIntentSchema("USD").safeParse({ intent: "set-fee", version: "3", fee: "£1,200", reason: "short" });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["fee", "reason"]);
  });

  it("through Conform, as the pages read it, lands on the field", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "set-fee", version: "3", fee: "£1,200", reason: "Agreed with the partner's finance director." }))
      form.set(k, v);
    const submission = parseWithZod(form, { schema: pricingIntentSchema("USD") });
    expect(submission.status).toBe("error");
    expect(submission.status === "error" ? submission.error : null).toEqual({ fee: ["The fee is in USD, not GBP: type the amount alone, or with USD or $."] });
  });

  it("reads a sign that names no one currency as none, for the form to ask which", () => {
    expect(amountIn("$500", null)).toEqual({ otherCurrency: { mark: "$", named: null, expected: null } });
    expect(amountIn("500", "USD")).toEqual({ amount: "500" });
  });
});
