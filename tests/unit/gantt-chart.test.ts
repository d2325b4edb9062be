import { describe, expect, test } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import {
  axisLabelWidth,
  axisTicks,
  GANTT_MIN_FONT_PX,
  GANTT_PLOT_WIDTH,
  GANTT_WIDTH,
  ganttChartSvg,
  parseGanttMarkers,
  parseGanttSource,
  STREAM_COLOURS,
} from "~/domain/gantt-chart";
import { placeMarkNames } from "~/domain/gantt-marks";
import { TimelineTemplateSchema, type Timeline } from "~/domain/timeline";
import { ganttText, timelineToMermaidGantt } from "~/domain/timeline-gantt";
import { generateTimeline } from "~/domain/timeline-generate";

const templates = {
  collaborative: TimelineTemplateSchema.parse(collaborativeJson),
  campaign: TimelineTemplateSchema.parse(campaignJson),
  tailored: TimelineTemplateSchema.parse(tailoredJson),
};

/** The texts of the SVG with their position and size, as a reader of the printed page meets them. */
function texts(svg: string): { x: number; size: number; text: string }[] {
  return [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    size: Number(m[2]),
    text: m[3]!,
  }));
}
/** A label's width in the axis type (11 px), at 0.6 em a character: more than the digits and capitals of "Q3 2027" take. */
const AXIS_TEXT_WIDTH = (text: string) => text.length * GANTT_MIN_FONT_PX * 0.6;
const bars = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="14" rx="2" fill="(#[0-9a-f]{6})"/g)];

describe.each(Object.entries(templates))("the %s timeline drawn for print", (_method, template) => {
  const timeline = generateTimeline(template, { start: "2027-01", teams: 60 });
  const streams = parseGanttSource(timelineToMermaidGantt(timeline))!;
  const chart = ganttChartSvg(streams, { title: "Timeline" });

  test("reads every item of the plan back from the frozen gantt source, in its stream", () => {
    expect(streams.flatMap((s) => s.items)).toHaveLength(timeline.items.length);
    for (const item of timeline.items) {
      const label = ganttText(item.recurrence ? `${item.label} (${item.recurrence})` : item.label);
      const stream = streams.find((s) => s.items.some((i) => i.start === item.start && i.label === label));
      expect(stream?.label, item.label).toBe(timeline.streams.find((s) => s.key === item.stream)?.label);
    }
  });

  test("has no text smaller than 8 pt when printed at the width of the page", () => {
    expect(chart.width).toBeLessThanOrEqual(642);
    const all = texts(chart.svg);
    expect(all.length).toBeGreaterThan(timeline.items.length);
    // CSS pixels at print size: 1 px is 0.75 pt.
    for (const t of all) expect(t.size * 0.75, t.text).toBeGreaterThanOrEqual(8);
  });

  test("sets every item's label in the left column, clear of the bars, and gives each stream one colour named in the legend", () => {
    const found = bars(chart.svg);
    // The chart starts at the first quarter's or month's line; no bar starts before it.
    const chartStart = Number(/<line x1="([\d.]+)" x2="\1" y1="0"/.exec(chart.svg)![1]);
    expect(Math.min(...found.map((b) => Number(b[1])))).toBeGreaterThanOrEqual(chartStart);
    for (const item of streams.flatMap((s) => s.items)) {
      const label = texts(chart.svg).find((t) => item.label.startsWith(t.text.replace(/…$/, "")));
      expect(label, item.label).toBeDefined();
      // Its line ends before the first bar can start, allowing an average glyph of 0.55 em.
      expect(label!.x + label!.text.length * label!.size * 0.55, item.label).toBeLessThanOrEqual(chartStart);
    }
    streams.forEach((stream, i) => {
      const colour = STREAM_COLOURS[i % STREAM_COLOURS.length]!;
      // The legend names the stream beside its colour swatch.
      expect(chart.svg).toMatch(new RegExp(`<rect width="12" height="12" fill="${colour}"/></g><text[^>]*>${stream.label.slice(0, 20)}`));
    });
    // Each bar is its stream's colour: as many colours as streams with bars.
    expect(new Set(found.map((b) => b[3])).size).toBe(streams.filter((s) => s.items.some((i) => !i.milestone && i.start !== i.end)).length);
  });
});

describe("the axis of the printed gantt", () => {
  test("is in quarters when the plan is longer than a year, with each year under its quarters; in months for a year or less", () => {
    const long = axisTicks("2027-03-01", "2028-08-04");
    expect(long.unit).toBe("quarter");
    expect(long.ticks.map((t) => [t.label, t.sub ?? ""])).toEqual([
      ["Q1", "2027"],
      ["Q2", ""],
      ["Q3", ""],
      ["Q4", ""],
      ["Q1", "2028"],
      ["Q2", ""],
      ["Q3", ""],
    ]);
    expect(long.ticks[0]!.start).toBe("2027-01-01");
    expect(long.ticks.at(-1)!.end).toBe("2028-09-30");
    const short = axisTicks("2027-11-15", "2028-02-10");
    expect(short.unit).toBe("month");
    expect(short.ticks.map((t) => [t.label, t.sub ?? ""])).toEqual([
      ["Nov", "2027"],
      ["Dec", ""],
      ["Jan", "2028"],
      ["Feb", ""],
    ]);
  });

  test("keeps a year under the plan's last quarter within the chart, whole, rather than past its edge", () => {
    // A five-year plan from March 2027 to February 2032: 2032 has one quarter.
    const axis = axisTicks("2027-03-01", "2032-02-27");
    expect(axis.unit).toBe("quarter");
    const last = axis.labels.find((l) => l.line === 1 && l.text === "2032")!;
    expect(last.x + axisLabelWidth("2032") / 2).toBeLessThanOrEqual(GANTT_PLOT_WIDTH);
    // It still stands under its quarter: its start is left of the last quarter's end.
    expect(last.x - axisLabelWidth("2032") / 2).toBeLessThan(GANTT_PLOT_WIDTH);
    const first = axis.labels.find((l) => l.line === 1 && l.text === "2027")!;
    expect(first.x - axisLabelWidth("2027") / 2).toBeGreaterThanOrEqual(0);
  });

  test("names each quarter of a 39-month plan, every label clear of the next", () => {
    const axis = axisTicks("2027-02-01", "2030-04-30");
    expect(axis.unit).toBe("quarter");
    const quarters = axis.labels.filter((l) => l.line === 0);
    expect(quarters.map((l) => l.text)).toEqual(["Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4", "Q1", "Q2"]);
    expect(axis.labels.filter((l) => l.line === 1).map((l) => l.text)).toEqual(["2027", "2028", "2029", "2030"]);
    // 14 quarters across the chart: about 29 pixels each, room for "Q3" (about 15) and never for "Q3 2027" (about 42).
    const spacing = GANTT_PLOT_WIDTH / 14;
    for (const [i, l] of quarters.slice(1).entries()) expect(l.x - quarters[i]!.x).toBeCloseTo(spacing, -1);
    expect(spacing).toBeGreaterThan(AXIS_TEXT_WIDTH("Q3") + 6);
  });

  test("is in years when quarters would be too narrow to name, every other year named when years are", () => {
    expect(axisTicks("2027-01-01", "2032-06-30").labels.map((l) => l.text)).toEqual(["2027", "2028", "2029", "2030", "2031", "2032"]);
    expect(axisTicks("2027-01-01", "2045-02-01").labels.map((l) => l.text)).toEqual([
      "2027",
      "2029",
      "2031",
      "2033",
      "2035",
      "2037",
      "2039",
      "2041",
      "2043",
      "2045",
    ]);
  });

  test.each([
    ["tailored", 39],
    ["tailored", 48],
    ["tailored", 66],
    ["campaign", 28],
    ["campaign", 20],
    ["collaborative", 15],
    ["collaborative", 10],
  ] as const)("prints the %s method's plan of up to %i months with no axis label running into the next", (method, months) => {
    const timeline = generateTimeline(templates[method], { start: "2027-02", teams: 60, horizonMonths: months });
    const svg = ganttChartSvg(parseGanttSource(timelineToMermaidGantt(timeline))!, { title: "Timeline" }).svg;
    const axis = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="[\d.]+" text-anchor="middle"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
      x: Number(m[1]),
      y: m[2]!,
      text: m[3]!,
    }));
    expect(axis.length).toBeGreaterThan(1);
    for (const y of new Set(axis.map((a) => a.y))) {
      const line = axis.filter((a) => a.y === y).sort((a, b) => a.x - b.x);
      for (const [i, next] of line.slice(1).entries()) {
        const prev = line[i]!;
        // Each label's half-width at the axis type, digits and capitals counted wide; at least 4 pixels between.
        expect(next.x - AXIS_TEXT_WIDTH(next.text) / 2 - (prev.x + AXIS_TEXT_WIDTH(prev.text) / 2), `${prev.text} | ${next.text}`).toBeGreaterThanOrEqual(4);
      }
    }
  });

  test("a long plan prints quarter labels, no month labels", () => {
    const timeline: Timeline = generateTimeline(templates.collaborative, { start: "2027-03", teams: 30 });
    const svg = ganttChartSvg(parseGanttSource(timelineToMermaidGantt(timeline))!, { title: "Timeline" }).svg;
    expect(svg).toContain(">Q2<");
    expect(svg).toContain(">2027<");
    expect(svg).not.toMatch(/>(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?</);
  });
});

describe("hostile text in the printed gantt", () => {
  test("is escaped: the SVG holds text, never markup, and a source it cannot read draws nothing", () => {
    const svg = ganttChartSvg(
      [
        {
          label: "Streams & <b>",
          items: [{ label: `"><script>alert(1)</script>`, start: "2027-01-01", end: "2027-02-01", milestone: false, critical: false }],
        },
      ],
      {
        title: "T",
      }
    ).svg;
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
    expect(parseGanttSource("gantt\n    section A\n    click t1 call alert(1)\n")).toBeNull();
    expect(GANTT_WIDTH).toBeLessThanOrEqual(642);
    expect(GANTT_MIN_FONT_PX * 0.75).toBeGreaterThanOrEqual(8);
  });
});

describe("the partner's time in the printed gantt", () => {
  const timeline = generateTimeline(templates.collaborative, { start: "2027-02", teams: 30 });
  const source = timelineToMermaidGantt(timeline, { hardDeadline: "2028-06-15", aimBy: "2028-08" });
  const streams = parseGanttSource(source);
  const markers = parseGanttMarkers(source);
  const { svg, width } = ganttChartSvg(streams!, { title: "Timeline", markers });
  const lines = [...svg.matchAll(/<line x1="([\d.]+)" x2="[\d.]+" y1="[\d.]+" y2="([\d.]+)" stroke="#1a1a1a" stroke-width="1.6" stroke-dasharray="5 3"\/>/g)];
  const names = [
    ...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)" font-weight="bold" fill="#1a1a1a"( text-anchor="end")?>([^<]*)<\/text>/g),
  ].filter((n) => n[3] === String(GANTT_MIN_FONT_PX));

  test("is read from the same source as the Timeline page's chart, the plan's items whole beside it", () => {
    expect(streams?.flatMap((s) => s.items)).toHaveLength(timeline.items.length);
    expect(markers).toEqual([
      { label: "Hard deadline, 15 June 2028", at: "2028-06-16" },
      { label: "Aim by August 2028", at: "2028-09-01" },
    ]);
  });

  test("draws each as a dashed line down the chart, named with its date beside it, within the page and clear of the other's name", () => {
    expect(lines).toHaveLength(2);
    expect(names.map((n) => n[5])).toEqual(["Hard deadline, 15 June 2028", "Aim by August 2028"]);
    const boxes = names.map((n) => {
      const w = AXIS_TEXT_WIDTH(n[5]!);
      const x = Number(n[1]);
      return { left: n[4] ? x - w : x, right: n[4] ? x : x + w, y: Number(n[2]) };
    });
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(width);
    }
    expect(boxes[0]!.y).not.toBe(boxes[1]!.y);
    // The deadline's line stands left of the aim's, in June 2028, before the plan's last items end.
    expect(Number(lines[0]![1])).toBeLessThan(Number(lines[1]![1]));
    for (const n of names) expect(Number(n[3]) * 0.75).toBeGreaterThanOrEqual(8);
  });

  test("a mark's name in the source is text in the picture, never markup", () => {
    const hostile = source.replace("Hard deadline, 15 June 2028", "<script>alert(1)</script> & more");
    const drawn = ganttChartSvg(parseGanttSource(hostile)!, { title: "T", markers: parseGanttMarkers(hostile) }).svg;
    expect(drawn).not.toContain("<script");
    expect(drawn).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
  });
});

describe("where the marks' names go", () => {
  const room = { from: 0, to: 600 };
  test("beside their lines, to the right where they fit, each on its own line of text, none crossed by another's line", () => {
    // Two marks close together: the right one's name nearest the chart, so the left one's line, going on to its own, passes left of it.
    expect(
      placeMarkNames(
        [
          { x: 300, width: 120 },
          { x: 340, width: 100 },
        ],
        room
      )
    ).toEqual([
      { row: 1, anchor: "start", x: 304 },
      { row: 0, anchor: "start", x: 344 },
    ]);
  });
  test("to the left of a line near the chart's right edge, the order of lines changed so no line crosses a name", () => {
    expect(
      placeMarkNames(
        [
          { x: 500, width: 150 },
          { x: 590, width: 120 },
        ],
        room
      )
    ).toEqual([
      { row: 0, anchor: "end", x: 496 },
      { row: 1, anchor: "end", x: 586 },
    ]);
  });
});
