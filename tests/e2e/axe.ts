import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, RunOptions } from "axe-core";
import { type Page } from "@playwright/test";

/** The rules every page is held to: WCAG 2.1 A and AA. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Only violations are asked for: axe then describes just the failing elements, not every element that
 * passes (a selector, a path and a snippet each), a good part of the time on a large page such as the
 * Fit page. Every rule still runs on every element.
 */
const OPTIONS: RunOptions = { runOnly: { type: "tag", values: WCAG }, resultTypes: ["violations"] };

/** axe-core minified: less than half the text to parse on each page. */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Violation = AxeResults["violations"][number];

export function report(url: string, violations: Violation[]) {
  if (violations.length === 0) return "";
  const lines = violations.map((v) => {
    const targets = v.nodes
      .slice(0, 4)
      .map((n) => `      ${n.target.join(" ")}${n.failureSummary ? `\n        ${n.failureSummary.split("\n").slice(1, 2).join("").trim()}` : ""}`)
      .join("\n");
    const more = v.nodes.length > 4 ? `\n      … and ${v.nodes.length - 4} more` : "";
    return `  ${v.id} [${v.impact ?? "?"}] ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})\n${targets}${more}`;
  });
  return `${url}\n${lines.join("\n")}`;
}

/**
 * Runs axe-core on the page, injected once (the Playwright wrapper injects it twice and opens a second
 * page for every check, to gather results across frames: most of the sweep's time went there). The
 * app's pages have no frames, so one document is all there is to check: a page that gains a frame
 * fails here rather than go partly unchecked.
 */
export async function analyse(page: Page): Promise<Violation[]> {
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  if (frames.length > 0)
    throw new Error(`${page.url()} has ${frames.length} frame(s): the accessibility check covers one document, so extend it to frames first.`);
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (options) => (window as unknown as { axe: { run: (c: Document, o: RunOptions) => Promise<AxeResults> } }).axe.run(document, options),
    OPTIONS
  );
  return results.violations;
}
