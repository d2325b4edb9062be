import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";

/** The rules every page is held to: WCAG 2.1 A and AA. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

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

export async function analyse(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations;
}
