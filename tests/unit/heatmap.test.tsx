import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CapacityHeatmap } from "~/components/heatmap";
import type { HeatmapView } from "~/domain/resource-fit";

const data: HeatmapView = {
  months: ["2027-03", "2027-04", "2027-05"],
  rows: [
    {
      role: "faculty",
      label: "Faculty",
      cells: [
        { month: "2027-03", needed: 0.02, level: "ok", label: "Faculty, March 2027: 0.02 FTE needed, 4.4 free", freeAfterConfirmed: 4.4 },
        { month: "2027-04", needed: 1.26, level: "tight", label: "Faculty, April 2027: 1.26 FTE needed, 1.3 free", freeAfterConfirmed: 1.3 },
      ],
    },
  ],
};

describe("the capacity heatmap", () => {
  it("never shows a need of 0.0 beside a level: a need under a twentieth of an FTE reads <0.1", () => {
    const html = renderToStaticMarkup(<CapacityHeatmap data={data} caption="Capacity" />);
    expect(html).toContain("&lt;0.1/4.4");
    expect(html).not.toContain("0.0/4.4");
    expect(html).toContain("1.3/1.3");
    // The month without demand says so, for screen readers.
    expect(html).toContain("No demand");
  });
});
