/**
 * Reads a server-drawn chart back as a user hovering over it would: the figure in each bar's and
 * point's <title>, keyed by what the element says it is (layer or line, and category).
 */

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

export type ChartFigures = {
  /** "layer|category" → the number in its title. */
  bars: Map<string, number>;
  /** category → the line's number there. */
  line: Map<string, number>;
  /** category → the flag's words. */
  flags: Map<string, string>;
  /** The chart's own title and description. */
  title: string;
  description: string;
  /** Every <title> text, unescaped. */
  titles: string[];
};

const figure = (title: string) => {
  const m = /\s(-?[\d,]+(?:\.\d+)?) (?:FTE|engagements?|[A-Z]{3})$/.exec(title);
  if (!m) throw new Error(`No figure in the chart title "${title}"`);
  return Number(m[1]!.replace(/,/g, ""));
};

export function chartFigures(svg: string): ChartFigures {
  const bars = new Map<string, number>();
  const line = new Map<string, number>();
  const flags = new Map<string, string>();
  for (const m of svg.matchAll(/<rect [^>]*data-layer="([^"]*)" data-category="([^"]*)"><title>([^<]*)<\/title><\/rect>/g))
    bars.set(`${unescape(m[1]!)}|${unescape(m[2]!)}`, figure(unescape(m[3]!)));
  for (const m of svg.matchAll(/<circle [^>]*data-line="" data-category="([^"]*)"><title>([^<]*)<\/title><\/circle>/g))
    line.set(unescape(m[1]!), figure(unescape(m[2]!)));
  for (const m of svg.matchAll(/<path [^>]*data-flag="" data-category="([^"]*)"><title>([^<]*)<\/title><\/path>/g)) flags.set(unescape(m[1]!), unescape(m[2]!));
  const title = unescape(/<title id="[^"]*-title">([^<]*)<\/title>/.exec(svg)?.[1] ?? "");
  const description = unescape(/<desc id="[^"]*">([^<]*)<\/desc>/.exec(svg)?.[1] ?? "");
  const titles = [...svg.matchAll(/<title[^>]*>([^<]*)<\/title>/g)].map((m) => unescape(m[1]!));
  return { bars, line, flags, title, description, titles };
}
