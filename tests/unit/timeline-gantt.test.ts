// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { TimelineTemplateSchema, type Timeline } from "~/domain/timeline";
import { criticalPath } from "~/domain/timeline-critical-path";
import { generateTimeline } from "~/domain/timeline-generate";
import { ganttAxis, ganttMarksSentence, ganttText, timelineToMermaidGantt } from "~/domain/timeline-gantt";

type Mermaid = typeof import("mermaid").default;
type GanttTask = { id: string; task: string; startTime: Date; endTime: Date; milestone?: boolean; crit?: boolean; vert?: boolean; section: string };

let mermaid: Mermaid;
beforeAll(async () => {
  mermaid = (await import("mermaid")).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
});

/** Parses the source with mermaid and returns the tasks its gantt parser saw. */
async function tasksOf(source: string): Promise<GanttTask[]> {
  await mermaid.parse(source);
  const api = (mermaid as unknown as { mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: { getTasks(): GanttTask[] } }> } }).mermaidAPI;
  return (await api.getDiagramFromText(source)).db.getTasks();
}

const templates = {
  collaborative: TimelineTemplateSchema.parse(collaborativeJson),
  campaign: TimelineTemplateSchema.parse(campaignJson),
  tailored: TimelineTemplateSchema.parse(tailoredJson),
};

const utcDay = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

describe.each(Object.entries(templates))("the %s template as a gantt", (_method, template) => {
  const timeline = generateTimeline(template, { start: "2027-01", teams: 120 });

  test("parses, with every item as a task on its dates, milestones as milestones and the critical path marked", async () => {
    const source = timelineToMermaidGantt(timeline);
    expect(source.split("\n").slice(0, 6)).toEqual(expect.arrayContaining(["gantt", "    dateFormat YYYY-MM-DD"]));
    const tasks = await tasksOf(source);
    expect(tasks).toHaveLength(timeline.items.length);
    const critical = new Set(criticalPath(timeline).itemIds);
    timeline.items.forEach((item, n) => {
      const task = tasks.find((t) => t.id === `t${n + 1}`)!;
      expect(task, item.id).toBeDefined();
      expect(task.task.trim()).toBe(ganttText(item.recurrence ? `${item.label} (${item.recurrence})` : item.label));
      expect(utcDay(task.startTime)).toBe(item.start);
      expect(Boolean(task.milestone)).toBe(item.kind === "milestone");
      expect(Boolean(task.crit), item.id).toBe(critical.has(item.id));
    });
    const sections = source.split("\n").filter((l) => l.trim().startsWith("section "));
    expect(sections.map((l) => l.trim().slice(8))).toEqual(timeline.streams.filter((s) => timeline.items.some((i) => i.stream === s.key)).map((s) => s.label));
  });
});

describe("labels written by users", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "click x call alert(1)",
    "call alert(1)",
    "%%{init: {'theme':'dark', 'securityLevel':'loose'}}%%",
    "Learning Session: the big one",
    "#1 priority &#59; yes",
    "one; two",
    'line one\nclick t1 href "javascript:alert(1)"\r\nline three',
    "ctrl\u0000\u0007\u001b[31m\u009b chars",
    "x".repeat(10_000),
    "section Hijacked",
    "Title of the chart",
    "2027-01-01 kick-off",
    "5% reduction in falls",
    "% of teams reporting",
    "accDescr { injected",
    "dateFormat DD-MM-YYYY",
    "   ",
  ];
  const base = generateTimeline(templates.collaborative, { start: "2027-01", teams: 30 });
  const timeline: Timeline = {
    ...base,
    streams: base.streams.map((s, n) => (n === 0 ? { ...s, label: "Planning\nclick t1 call alert(1) %%{init:{}}%%" } : s)),
    items: base.items.map((item, n) => ({ ...item, label: hostile[n % hostile.length] })),
  };
  const source = timelineToMermaidGantt(timeline);
  const lines = source.trimEnd().split("\n");
  const taskLines = lines.filter((l) => /:[a-z, ]*t\d+, \d{4}-\d{2}-\d{2}, \d+d$/.test(l));

  test("still parse, and every item is still a task with its own label", async () => {
    const tasks = await tasksOf(source);
    expect(tasks).toHaveLength(timeline.items.length);
    expect(taskLines).toHaveLength(timeline.items.length);
    timeline.items.forEach((item, n) => {
      const task = tasks.find((t) => t.id === `t${n + 1}`)!;
      expect(task.task.trim()).toBe(ganttText(item.recurrence ? `${item.label} (${item.recurrence})` : item.label));
    });
  });

  test("cannot add statements, comments, directives, click handlers or markup", () => {
    // Its settings (the gantt, its title and description, its dates' format, its axis, no today line, its ticks), its streams and its items.
    expect(lines).toHaveLength(7 + base.streams.length + timeline.items.length);
    for (const line of lines) {
      expect(line).not.toMatch(/^\s*(click|call|href|title|dateFormat\s+DD|accDescr\s*\{|%)/i);
      expect(line).not.toMatch(/%%|<|>|[\u0000-\u001f\u007f-\u009f]/);
    }
    for (const line of taskLines) {
      const label = line.slice(0, line.lastIndexOf(" :"));
      expect(label).not.toMatch(/[:;#]/);
    }
    expect(source.match(/^\s*section /gm)).toHaveLength(base.streams.length);
    expect(source).toContain("    section Planning click t1 call alert(1) per cent{init – {}} per cent\n");
  });

  test("are neutralised in ways a reader still understands", () => {
    expect(ganttText("<script>alert(1)</script>")).toBe("‹script›alert(1)‹/script›");
    expect(ganttText("click x call alert(1)")).toBe("“click x call alert(1)”");
    expect(ganttText("%%{init: {'theme':'dark'}}%%")).toBe("per cent{init – {'theme' – 'dark'}} per cent");
    expect(ganttText("Learning Session: the big one")).toBe("Learning Session – the big one");
    expect(ganttText("one; two")).toBe("one, two");
    expect(ganttText("5% reduction in falls")).toBe("5 per cent reduction in falls");
    expect(ganttText("line one\nline two")).toBe("line one line two");
    expect(ganttText("Title of the chart")).toBe("“Title of the chart”");
    expect(ganttText("2027-01-01 kick-off")).toBe("“2027-01-01 kick-off”");
    expect(ganttText("   ")).toBe("Untitled");
    const long = ganttText("x".repeat(10_000));
    expect(long.length).toBe(120);
    expect(long.endsWith("…")).toBe(true);
    expect(ganttText("😀".repeat(200))).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("the partner's time on the chart", () => {
  // A plan that starts in February: mermaid's axis, quarterly, would name April first, right of the first bar.
  const timeline = generateTimeline(templates.collaborative, { start: "2027-02", teams: 30, hardDeadline: "2028-06-15", aimBy: "2028-08" });
  const source = timelineToMermaidGantt(timeline, { hardDeadline: "2028-06-15", aimBy: "2028-08" });

  test("draws the hard deadline at the end of its day and the aim's month at its end, each a line named with its date", async () => {
    const marks = (await tasksOf(source)).filter((t) => t.vert && t.id !== "axisstart");
    expect(marks.map((t) => [t.task.trim(), utcDay(t.startTime)])).toEqual([
      ["Hard deadline, 15 June 2028", "2028-06-16"],
      ["Aim by August 2028", "2028-09-01"],
    ]);
    // Each item is still a task of its own, as before.
    expect((await tasksOf(source)).filter((t) => !t.vert)).toHaveLength(timeline.items.length);
  });

  test("says in words what its lines mark, for a reader who cannot see the chart", () => {
    expect(ganttMarksSentence({ hardDeadline: "2028-06-15", aimBy: "2028-08" })).toBe(
      "Dashed lines mark the hard deadline (15 June 2028) and the month the aim is due (August 2028)."
    );
    expect(ganttMarksSentence({ hardDeadline: null, aimBy: "2028-08" })).toBe("A dashed line marks the month the aim is due (August 2028).");
    expect(ganttMarksSentence({ hardDeadline: null, aimBy: null })).toBeNull();
  });

  test("without a deadline or an aim's month, draws no line for them", async () => {
    const plain = timelineToMermaidGantt(timeline);
    expect((await tasksOf(plain)).filter((t) => t.vert && t.id !== "axisstart")).toEqual([]);
  });

  test("starts its axis on a tick on or before the plan's first day, so that no bar begins left of the first tick", async () => {
    const tasks = await tasksOf(source);
    const first = tasks.reduce((min, t) => (t.startTime < min ? t.startTime : min), tasks[0]!.startTime);
    const step = Number(/tickInterval (\d+)month/.exec(source)?.[1]);
    // Mermaid ticks every `step` months counted from January, from the earliest date it is given.
    expect(step).toBe(3);
    expect(utcDay(first)).toBe("2027-01-01");
    expect(utcDay(first) <= timeline.items.map((i) => i.start).sort()[0]!).toBe(true);
  });

  test.each([
    ["2027-02-03", "2027-09-30", 1, "2027-02-01"],
    ["2027-02-03", "2028-07-02", 3, "2027-01-01"],
    ["2027-05-03", "2030-01-31", 6, "2027-01-01"],
    ["2027-08-03", "2033-01-31", 12, "2027-01-01"],
  ] as const)("a plan from %s to %s is ticked every %i months from %s", (from, to, step, start) => {
    expect(ganttAxis(from, to)).toEqual({ stepMonths: step, start });
  });
});
