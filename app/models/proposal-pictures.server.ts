import type { ChartSpec } from "~/domain/charts";
import type { ProposalChartKey } from "~/domain/proposal-charts";
import type { PictureKey, Pictures, ProposalContent } from "~/domain/proposal-content";
import { chartSize, drawChart } from "~/lib/chart-svg.server";
import { isBrowserAvailable } from "~/services/browser.server";
import { ganttChartSvg, parseGanttMarkers, parseGanttSource } from "~/domain/gantt-chart";
import { renderChartPng } from "~/services/chart-render.server";
import { renderMermaid, renderSvgPicture } from "~/services/mermaid-render.server";
import { savePictures } from "./proposal.server";

export type PictureOutcome = { ok: true; drawn: PictureKey[] } | { ok: false; reason: string };

/**
 * Draws a frozen version's pictures once, with real mermaid in headless Chromium, and its charts as
 * SVG on the server with a PNG of each (docs/domain.md §8.11), and stores them with the version.
 * Without a browser the documents still generate, with the tables only.
 */
export async function renderVersionPictures(versionId: number, content: ProposalContent): Promise<PictureOutcome> {
  const sources = Object.entries(content.pictureSources) as [PictureKey, string][];
  const charts = Object.entries(content.chartSources ?? {}) as [ProposalChartKey, ChartSpec][];
  if (sources.length === 0 && charts.length === 0) return { ok: true, drawn: [] };
  if (!(await isBrowserAvailable())) return { ok: false, reason: "No headless browser is available to draw the pictures." };
  const pictures: Pictures = {};
  try {
    for (const [key, source] of sources) {
      // The timeline is drawn for print by the application itself (docs/domain.md §9.7); a plan it cannot read falls back to mermaid.
      const streams = key === "timeline" ? parseGanttSource(source) : null;
      if (streams) {
        const chart = ganttChartSvg(streams, { title: "Timeline", markers: parseGanttMarkers(source) });
        pictures[key] = await renderSvgPicture(chart.svg, chart);
      } else {
        pictures[key] = await renderMermaid(source, { kind: key === "timeline" ? "gantt" : "flowchart" });
      }
    }
    for (const [key, spec] of charts) {
      // The documents caption each picture with its title (the chart's block's caption): the picture does not say it again.
      const svg = drawChart(spec, { heading: false });
      pictures[key] = { svg, png: await renderChartPng(svg), ...chartSize(spec) };
    }
  } catch (e) {
    console.warn(`Pictures for proposal version ${versionId} could not be drawn: ${(e as Error).message}`);
    return { ok: false, reason: "The pictures could not be drawn." };
  }
  savePictures(versionId, pictures);
  return { ok: true, drawn: Object.keys(pictures) as PictureKey[] };
}
