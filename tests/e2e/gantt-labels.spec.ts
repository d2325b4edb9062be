import { type Locator } from "@playwright/test";
import { expect, saveTimelineRow, signIn, test, watchConsole } from "./support";

/**
 * The Timeline page's gantt with long names: an item's name too long for its bar is put on the side
 * where it shows whole, or shortened there with "…" and its full text as its title, never cut off at
 * the chart's left edge; a stream's long name has a column of its own, clear of the bars' words.
 */

const LONG_AP1 = "Action Period 1, in which each ward team tests its changes to the sepsis screening on every shift and reports weekly";
const LONG_LS2 = "Learning Session 2 with every ward team, the regional patient safety collaborative faculty and the board's sponsors";
const LONG_STREAM = "Prework, learning sessions, action periods and the teams' reports to the board";

/** Each word of the chart as shown (its title apart), its title, and whether it is cut off at the drawing's edges or drawn over another. */
const chartWords = (chart: Locator) =>
  chart.evaluate((figure) => {
    const svg = figure.querySelector("svg")!;
    const drawn = svg.getBoundingClientRect();
    const words = [...svg.querySelectorAll("text")]
      .map((t) => ({
        shown: [...t.childNodes]
          .filter((n) => n.nodeName !== "title")
          .map((n) => n.textContent)
          .join("")
          .trim(),
        title: t.querySelector("title")?.textContent ?? null,
        box: t.getBoundingClientRect(),
      }))
      .filter((w) => w.shown);
    const crossing = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    return {
      words: words.map(({ shown, title }) => ({ shown, title })),
      cut: words.filter(({ box }) => box.left < drawn.left - 0.5 || box.right > drawn.right + 0.5).map((w) => w.shown),
      over: words.flatMap((a, i) =>
        words
          .slice(i + 1)
          .filter((b) => crossing(a.box, b.box))
          .map((b) => `${a.shown} / ${b.shown}`)
      ),
    };
  });

test("long names in the Timeline's gantt show whole, or shortened with their full text as a title, never cut off at its edge", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  await page.goto("/engagements/1/timeline");
  for (const [item, name, label] of [
    ["ap1", "Save Action Period 1", LONG_AP1],
    ["ls2", "Save Learning Session 2", LONG_LS2],
  ] as const) {
    const row = page.locator(`tr[data-item=${item}]`);
    await row.getByRole("textbox", { name: /^Label of / }).fill(label);
    await saveTimelineRow(page, row, name);
  }
  const streamNow = "Prework, learning sessions and action periods";
  await page.getByLabel(`Name of the stream ${streamNow}`).fill(LONG_STREAM);
  await page.getByRole("button", { name: `Rename the stream ${streamNow}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stream renamed." })).toBeVisible();

  const chart = page.getByRole("figure", { name: /^Gantt chart: / });
  await expect(chart).toHaveAttribute("data-diagram-status", "drawn");
  const { words, cut, over } = await chartWords(chart);
  expect(cut).toEqual([]);
  expect(over).toEqual([]);
  // Each long name is there, whole or as the start of it with "…", its full text its title.
  for (const full of [LONG_AP1, LONG_LS2, LONG_STREAM]) {
    const word = words.find((w) => w.shown === full || w.title === full);
    expect(word, full).toBeDefined();
    if (word!.shown !== full) {
      expect(word!.shown).toMatch(/…$/);
      expect(full.startsWith(word!.shown.slice(0, -1).trimEnd())).toBe(true);
    }
  }
  expect(errors).toEqual([]);
});

test("the Timeline's gantt marks the partner's hard deadline and aim's month with named dashed lines, and its axis starts on a tick before the first bar", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = watchConsole(page);
  await signIn(page, "manager@demo.test");
  // The demo's Northshire engagement aims at August 2028; its partner now also has a regulator's inspection on 15 June 2028.
  await page.goto("/engagements/1/intake?section=scale");
  await page.getByLabel("Hard deadline").fill("2028-06-15");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Scale and horizon saved." })).toBeVisible();
  await page.goto("/engagements/1/timeline");

  const chart = page.getByRole("figure", { name: /^Gantt chart: / });
  await expect(chart).toHaveAttribute("data-diagram-status", "drawn");
  const drawn = await chart.evaluate((figure) => {
    const svg = figure.querySelector("svg")!;
    const x = (el: Element) => el.getBoundingClientRect().left;
    const marks = [...svg.querySelectorAll("line.gantt-mark")].map((l) => ({ x: x(l), dashed: l.getAttribute("stroke-dasharray") }));
    const names = [...svg.querySelectorAll("text.vertText")].map((t) => t.textContent?.trim());
    const ticks = [...svg.querySelectorAll("g.grid .tick")].map((t) => ({ x: x(t.querySelector("line")!), text: t.textContent?.trim() }));
    const bars = [...svg.querySelectorAll("rect.task:not(.vert)")].map((b) => x(b));
    return { marks, names, ticks, firstBar: Math.min(...bars) };
  });
  expect(drawn.names).toEqual(["Hard deadline, 15 June 2028", "Aim by August 2028"]);
  // A reader who cannot see the chart hears what its lines mark.
  await expect(chart.getByRole("img")).toHaveAccessibleName(
    /^Gantt chart: .+\. Dashed lines mark the hard deadline \(15 June 2028\) and the month the aim is due \(August 2028\)\.$/
  );
  expect(drawn.marks).toHaveLength(2);
  for (const m of drawn.marks) expect(m.dashed).toBeTruthy();
  // The deadline's line stands in June 2028, between the ticks of April and July.
  const tick = (text: string) => drawn.ticks.find((t) => t.text === text)!.x;
  expect(drawn.marks[0]!.x).toBeGreaterThan(tick("Apr 2028"));
  expect(drawn.marks[0]!.x).toBeLessThan(tick("Jul 2028"));
  // The plan starts on 1 March 2027: the axis's first tick is at or before its first bar.
  expect(drawn.ticks[0]!.x).toBeLessThanOrEqual(drawn.firstBar + 0.5);
  // The marks' names show whole, over no other word.
  const { cut, over } = await chartWords(chart);
  expect(cut).toEqual([]);
  expect(over).toEqual([]);
  await chart.screenshot({ path: "test-results/gantt-marks.png" });
  expect(errors).toEqual([]);
});
