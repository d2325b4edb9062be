import { describe, expect, it } from "vitest";
import pricingJson from "../../docs-templates/pricing.json";
import { chartCsv } from "~/domain/charts";
import { money } from "~/domain/money";
import { paymentSchedule, PricingRulesSchema } from "~/domain/pricing";
import { feeChart, instalmentWhen, paymentChart } from "~/domain/proposal-charts";
import { drawChart } from "~/lib/chart-svg.server";
import { fitPicture } from "~/services/docx.server";
import { chartFigures } from "../helpers/chart-titles";

const rules = PricingRulesSchema.parse(pricingJson);
const schedule = paymentSchedule(1_234_567, rules, { start: "2027-03-01", end: "2028-08-31" });

/** The smallest text in the picture, in points on paper at the size the documents place it (96 px to the inch). */
function smallestTextPt(svg: string, width: number): number {
  const placed = fitPicture({ width, height: 280 }).width / width;
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  return (Math.min(...sizes) * placed * 72) / 96;
}

/** Attributes written without a value: fine in HTML, but they make the SVG file, and the picture in the PDF, unreadable as XML. */
function bareAttributes(svg: string): string[] {
  return [...svg.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((m) =>
    m[0]
      .replace(/="[^"]*"|='[^']*'/g, "=v")
      .replace(/^<\S+|\/?>$/g, "")
      .trim()
      .split(/\s+/)
      .filter((a) => a && !a.includes("="))
  );
}

describe("the payment schedule chart", () => {
  it("draws one bar per instalment, in order, with the schedule's own amounts and dates", () => {
    const spec = paymentChart(schedule, "USD")!;
    const figures = chartFigures(drawChart(spec));
    expect(spec.categories.map((c) => c.label)).toEqual(schedule.map(instalmentWhen));
    expect(spec.categories.map((c) => c.label)).toEqual(["On signature", "Mar 2027", "Nov 2027", "Aug 2028"]);
    schedule.forEach((i, k) => expect(figures.bars.get(`payment|instalment-${k + 1}`)).toBe(i.amount));
    expect([...figures.bars.values()].reduce((a, b) => a + b, 0)).toBe(1_234_567);
    expect(figures.titles).toContain(`Mar 2027: Payment due ${money(schedule[1]!.amount, null)} USD`);
    expect(figures.description).toContain("On signature: on signature of the agreement, 30%.");
    expect(chartCsv(spec).split("\r\n")[1]).toBe(`On signature,${schedule[0]!.amount}`);
  });

  it("gives the total's equivalent in the partner's currency where the version froze a rate, and only there", () => {
    const kes = { from: "USD", to: "KES", rate: 129.45, on: "2026-11-30", source: null };
    expect(paymentChart(schedule, "USD", kes)!.description).toContain(
      `in the order they fall due, ${money(1_234_567, "USD")} (about ${money(160_000_000, "KES")}) in all.`
    );
    expect(paymentChart(schedule, "USD")!.description).toContain(`in the order they fall due, ${money(1_234_567, "USD")} in all.`);
  });

  it("keeps its smallest text at 8 pt or more where the documents place it", () => {
    const svg = drawChart(paymentChart(schedule, "USD")!);
    const width = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
    expect(smallestTextPt(svg, width)).toBeGreaterThanOrEqual(8);
  });

  it("is well-formed XML, so it can be a picture in the PDF: no attribute without a value, on the line, the flags or the marker either", () => {
    const fee = feeChart([{ label: "Proposed fee", amount: 2_000_000 }], "USD", { min: 900_000, max: 1_300_000, currency: "USD" }, "N")!;
    const svg = drawChart({ ...fee, marker: { index: 0, label: "Here" } });
    expect(svg).toContain("data-flag");
    expect(svg).toContain("data-marker");
    expect(svg).toContain("data-line");
    expect(bareAttributes(svg)).toEqual([]);
    expect(bareAttributes(drawChart(paymentChart(schedule, "USD")!))).toEqual([]);
  });

  it("explains in its legend the dots the budget line carries at each fee: the line's swatch has the same hollow dot", () => {
    const svg = drawChart(feeChart([{ label: "Proposed fee", amount: 2_000_000 }], "USD", { min: 900_000, max: 1_300_000, currency: "USD" }, "N")!);
    const dot = /<circle [^>]*fill="#ffffff" stroke="[^"]+" stroke-width="1.5" data-line=""/.exec(svg);
    expect(dot, "the line's dot").not.toBeNull();
    const legend = /<g class="chart-legend">(.*?)<\/g><\/g>?/.exec(svg)![1]!;
    const swatch = legend.split("<g ").find((g) => g.includes("Budget (upper end)"))!;
    expect(swatch).toMatch(/<circle [^>]*fill="#ffffff"/);
  });

  it("is not drawn without a schedule", () => {
    expect(paymentChart([], "USD")).toBeNull();
  });
});

describe("the fee against the budget", () => {
  const budget = { min: 900_000, max: 1_300_000, currency: "usd" };

  it("draws each fee as a bar against the budget's upper end, and marks a fee above it", () => {
    const spec = feeChart(
      [
        { label: "Proposed fee", amount: 1_234_567 },
        { label: "With a fourth learning session", amount: 1_450_000 },
      ],
      "USD",
      budget,
      "Northshire"
    )!;
    const figures = chartFigures(drawChart(spec));
    expect(figures.title).toBe("The fee against Northshire's budget");
    expect(figures.bars.get("fee|fee-1")).toBe(1_234_567);
    expect(figures.bars.get("fee|fee-2")).toBe(1_450_000);
    expect(figures.line.get("fee-1")).toBe(1_300_000);
    expect([...figures.flags.keys()]).toEqual(["fee-2"]);
    expect(figures.flags.get("fee-2")).toBe(`With a fourth learning session: above the budget by ${money(150_000, "USD")}`);
    expect(figures.description).toContain("1 of 2 fees are above the budget");
    // The budget's currency is named once, before its range.
    expect(figures.description).toContain(`budget, ${money(900_000, "USD")}–1,300,000, drawn at its upper end`);
  });

  it("says a single fee within the budget is within it", () => {
    const figures = chartFigures(drawChart(feeChart([{ label: "Proposed fee", amount: 1_000_000 }], "USD", budget, "Northshire")!));
    expect(figures.flags.size).toBe(0);
    expect(figures.description).toContain("The fee is within the budget.");
  });

  it("is not drawn when the budget is in another currency or missing", () => {
    const fees = [{ label: "Proposed fee", amount: 1_000_000 }];
    expect(feeChart(fees, "USD", { ...budget, currency: "EUR" }, "N")).toBeNull();
    expect(feeChart(fees, "USD", { ...budget, currency: null }, "N")).toBeNull();
    expect(feeChart(fees, "USD", { min: null, max: null, currency: "USD" }, "N")).toBeNull();
    expect(feeChart([], "USD", budget, "N")).toBeNull();
  });

  it("keeps hostile labels as text", () => {
    const svg = drawChart(feeChart([{ label: `<script>alert(1)</script>`, amount: 5 }], "USD", budget, `"&<b>`)!);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    // A name ending in a mark takes no possessive: the budget is said of it.
    expect(chartFigures(svg).title).toBe(`The fee against the budget of "&<b>`);
  });
});
