import type { z } from "zod";
import type { ReferenceSchema, ResultEntry } from "./proposal-templates";

/** A published source from the results library (docs/domain.md §9.12). */
export type Reference = z.infer<typeof ReferenceSchema>;

/** A reference as the proposal prints it: its number in the References section. */
export type NumberedReference = Reference & { number: number };

/** A figure from the library as quoted in the text, with the numbers of its references. */
export type CitedResult = { text: string; source: string; refs: number[] };

/**
 * Numbers the references of the figures a proposal quotes, in the order they are first cited
 * (docs/domain.md §9.12). A source cited by several figures gets one number. A figure whose source
 * cannot be named (no reference) is left out: it is not printed at all.
 */
export function citeResults(entries: ResultEntry[]): { cited: CitedResult[]; references: NumberedReference[] } {
  const references: NumberedReference[] = [];
  const numberOf = new Map<string, number>();
  const cited: CitedResult[] = [];
  for (const entry of entries) {
    if (entry.references.length === 0) continue;
    const refs = entry.references.map((r) => {
      const key = referenceKey(r);
      let n = numberOf.get(key);
      if (n === undefined) {
        n = references.length + 1;
        numberOf.set(key, n);
        references.push({ ...r, number: n });
      }
      return n;
    });
    cited.push({ text: entry.finding, source: entry.source, refs: [...new Set(refs)] });
  }
  return { cited, references };
}

/** One source is one address: the same page cited twice, whatever its title, gets one number. */
function referenceKey(r: Reference): string {
  return r.url
    .replace(/^https?:\/\//, "")
    .replace(/\/$/, "")
    .toLowerCase();
}

/** "[1]", "[1, 3]": the numbers a figure cites, as printed after its source. */
export function citationMarks(refs: number[]): string {
  return refs.length ? `[${refs.join(", ")}]` : "";
}

/** "Hospital patient safety. Scottish Government; 2015." — the reference before its address. */
export function referenceText(r: Reference): string {
  const title = /[.?!]$/.test(r.title) ? r.title : `${r.title}.`;
  return `${title} ${r.publisher}; ${r.year === "n.d." ? "n.d." : `${r.year}.`}`;
}
