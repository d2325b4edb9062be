import { formatCount } from "./plural";

/**
 * The population served as the proposal states it, and where it comes from: the intake's partner
 * context where it gives one, over the partner organisation's record (docs/domain.md §9.1). A record
 * that knows its population keeps it when the intake gives another; the pages say which the documents
 * print, and the owners may make the record agree.
 */
export type PopulationStated = { figure: number | null; from: "intake" | "record"; differs: { record: number; intake: number } | null };

export function populationStated(record: number | null, intake: number | null | undefined): PopulationStated {
  if (intake === undefined || intake === null) return { figure: record, from: "record", differs: null };
  return { figure: intake, from: "intake", differs: record !== null && record !== intake ? { record, intake } : null };
}

/** What the engagement's Partner panel says of a record whose population differs from the intake's. */
export function populationDiffersWords(d: { record: number; intake: number }): string {
  return `The intake's partner context gives ${formatCount(d.intake)}, and the proposal states that figure; this record gives ${formatCount(d.record)}.`;
}

/** What the intake's save says when the partner context gives a population other than the record's. */
export function populationDiffersOnSave(d: { record: number; intake: number }): string {
  return `The proposal states the intake's population served, ${formatCount(d.intake)}; the partner's record keeps ${formatCount(
    d.record
  )}: to make the record agree, use the intake's figure on the engagement's page.`;
}
