import { describe, expect, it } from "vitest";
import { LEAST_SECTION_COLUMN, labelSide, sectionColumn } from "~/components/gantt-labels";

/*
 * Where the Timeline page's gantt puts an item's name too long for its bar, and how much room the
 * streams' names take: a name is never put where it would run off the chart's left edge.
 */
describe("an item's name beside its bar", () => {
  // A chart 1,000 wide whose streams' names take its first 200.
  const plot = { from: 200, to: 995 };

  it("stays on the side mermaid chose where it fits there", () => {
    expect(labelSide({ from: 600, to: 640 }, 300, plot, "left")).toEqual({ side: "left", room: 395, whole: true });
    expect(labelSide({ from: 300, to: 340 }, 300, plot, "right")).toEqual({ side: "right", room: 650, whole: true });
  });

  it("goes to the other side where only that has room: a name that would run off the left edge goes right", () => {
    // 500 wide, left of a bar starting at 420: it would begin at -85, off the chart.
    expect(labelSide({ from: 420, to: 480 }, 500, plot, "left")).toEqual({ side: "right", room: 510, whole: true });
  });

  it("is shortened to the roomier side where neither holds it whole", () => {
    expect(labelSide({ from: 560, to: 600 }, 620, plot, "left")).toEqual({ side: "right", room: 390, whole: false });
    expect(labelSide({ from: 640, to: 680 }, 620, plot, "right")).toEqual({ side: "left", room: 435, whole: false });
  });

  it("has no room, not less than none, beside a bar at the edge", () => {
    expect(labelSide({ from: 200, to: 990 }, 100, plot, "left")).toEqual({ side: "right", room: 0, whole: false });
  });
});

describe("the streams' column", () => {
  it("is mermaid's own for short names, as wide as the longest name allows, and at most 30% of the chart", () => {
    expect(sectionColumn(40, 1000)).toBe(LEAST_SECTION_COLUMN);
    expect(sectionColumn(200, 1000)).toBe(220);
    expect(sectionColumn(500, 1000)).toBe(300);
    // A frame not yet laid out still leaves mermaid's own room.
    expect(sectionColumn(200, 0)).toBe(LEAST_SECTION_COLUMN);
  });
});
