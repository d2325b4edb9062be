import { describe, expect, it } from "vitest";
import type { Block } from "~/domain/proposal-content";
import { leadsIntoNext, tableBeforeTimeline, workplanTableFirst } from "~/domain/proposal-print";

/** What keeps a page of the printed proposal from being left half blank (docs/domain.md §9.7). */

const measures: Block = { type: "table", caption: "Family of measures", columns: ["Kind", "Measure"], rows: [["Outcome", "Sepsis mortality"]] };
const picture: Block = { type: "picture", picture: "timeline", caption: "Timeline", alt: "The plan" };
const gantt = { type: "gantt", caption: "Workplan by month", months: [], monthLabels: [], rows: [] } as unknown as Block;
const opening: Block = { type: "paragraph", text: "The workplan follows the structure of a collaborative." };

describe("the sentence before a table", () => {
  it("stays with the table when it opens the section or ends with a colon, not when it is any paragraph before one", () => {
    expect(leadsIntoNext("A family of measures: outcome, process and balancing measures.", measures, true)).toBe(true);
    expect(leadsIntoNext("What the engagement asks of our staff:", measures)).toBe(true);
    expect(leadsIntoNext("Line 83 of the summary.", measures)).toBe(false);
    expect(leadsIntoNext("A family of measures.", undefined, true)).toBe(false);
  });
});

describe("the workplan's table", () => {
  it("goes before the timeline's picture when the picture, moved with its heading, left the page before it more than half blank", () => {
    expect(workplanTableFirst({ page: 8, down: 0.33 }, { page: 9, down: 0 })).toBe(true);
    // The page before is more than half full, or the section starts on the page where the one before ends.
    expect(workplanTableFirst({ page: 8, down: 0.62 }, { page: 9, down: 0 })).toBe(false);
    expect(workplanTableFirst({ page: 8, down: 0.33 }, { page: 8, down: 0.36 })).toBe(false);
    expect(workplanTableFirst(undefined, { page: 9, down: 0 })).toBe(false);
  });

  it("moved before the picture keeps every other block where it was", () => {
    const keyDates: Block = { ...measures, caption: "Key dates" };
    expect(tableBeforeTimeline([opening, picture, gantt, keyDates])).toEqual([opening, gantt, picture, keyDates]);
    expect(tableBeforeTimeline([opening, keyDates])).toEqual([opening, keyDates]);
  });
});
