import { CHART_FORMATS, CHART_FORMAT_LABELS, type ChartView } from "~/domain/charts";

/** A chart drawn on the server: its SVG as sent, and links to its figures and picture as files. */
export type { ChartView };

/** `href` is the chart's download address with "{format}" where csv, svg or png goes. */
export function Chart({ chart, className }: { chart: ChartView; className?: string }) {
  const [path, query] = chart.href.split("?");
  const link = (format: string) => `${path!.replace("{format}", format)}${query ? `?${query}` : ""}`;
  return (
    <figure className={className ? `chart-figure ${className}` : "chart-figure"} data-chart-figure={chart.id}>
      {/* The SVG is built on the server with every text escaped (app/lib/chart-svg.server.ts). */}
      <div className="chart-picture" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      <figcaption className="chart-downloads small">
        Download:{" "}
        {CHART_FORMATS.map((f, i) => (
          <span key={f}>
            {i > 0 ? " · " : ""}
            <a href={link(f)} download>
              {CHART_FORMAT_LABELS[f]}
            </a>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
