import { describe, expect, test } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { axisTicks, GANTT_MIN_FONT_PX, GANTT_WIDTH, ganttChartSvg, parseGanttSource, STREAM_COLOURS } from "~/domain/gantt-chart";
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
  test("is in quarters when the plan is longer than a year, in months otherwise", () => {
    const long = axisTicks("2027-03-01", "2028-08-04");
    expect(long.unit).toBe("quarter");
    expect(long.ticks.map((t) => t.label)).toEqual(["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027", "Q1 2028", "Q2 2028", "Q3 2028"]);
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

  test("a long plan prints quarter labels, no month labels", () => {
    const timeline: Timeline = generateTimeline(templates.collaborative, { start: "2027-03", teams: 30 });
    const svg = ganttChartSvg(parseGanttSource(timelineToMermaidGantt(timeline))!, { title: "Timeline" }).svg;
    expect(svg).toContain(">Q2 2027<");
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
