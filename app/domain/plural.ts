/** A count or amount as written in British English ("1,500", "1.86"), at most three decimals, with one formatter made once: toLocaleString would build one on every call, which shows on pages that list hundreds of figures. */
const COUNT = new Intl.NumberFormat("en-GB");
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** A measured figure as a reader writes it: thousands set apart ("2,227"), every decimal given kept ("1.02", "0.0004"). */
const FIGURE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 6 });
export function formatFigure(n: number): string {
  return FIGURE.format(n);
}

/** A count with its noun: "1 day", "3 days", "1,200 sites or teams". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${n === 1 ? one : many}`;
}

/** What a shortened list leaves out, with its noun: "and 1 more shortfall", "and 7 more months". */
export function andMore(n: number, one: string, many = `${one}s`): string {
  return `and ${COUNT.format(n)} more ${n === 1 ? one : many}`;
}

/** A plural noun as it follows a count: "1 site", "1.5 sites", "3 sites" (for nouns written in the plural, such as a method's scale). */
export function nounAfter(n: number, many: string): string {
  return n === 1 ? many.replace(/s$/, "") : many;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The text with its first letter in capitals. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
