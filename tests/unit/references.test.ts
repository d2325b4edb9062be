import { describe, expect, it } from "vitest";
import { ResultsLibrarySchema, type ResultEntry } from "~/domain/proposal-templates";
import { citationMarks, citeResults, referenceText } from "~/domain/references";
import { getProposalWording } from "~/services/templates.server";
import results from "../../docs-templates/evidence/results.json";

const ref = (title: string, url: string, year: number | "n.d." = 2015) => ({ title, publisher: "Scottish Government", year, url });
const entry = (id: string, references: ResultEntry["references"]): ResultEntry => ({
  id,
  finding: `Finding ${id}.`,
  topics: ["sepsis"],
  methods: ["tailored"],
  scale: "system",
  source: "Scottish Government",
  references,
});

describe("the references of the figures a proposal quotes", () => {
  it("numbers sources in the order they are first cited, one number per source however often it is cited", () => {
    const a = ref("Hospital patient safety", "https://beta.gov.scot/news/hospital-patient-safety/");
    const b = ref("Patient safety improvements", "https://www.gov.scot/news/patient-safety-improvements/", "n.d.");
    const { cited, references } = citeResults([
      entry("one", [a]),
      entry("two", [b, a]),
      entry("three", [{ ...a, url: "http://beta.gov.scot/news/hospital-patient-safety" }]),
    ]);
    expect(references.map((r) => [r.number, r.title])).toEqual([
      [1, "Hospital patient safety"],
      [2, "Patient safety improvements"],
    ]);
    expect(cited.map((c) => c.refs)).toEqual([[1], [2, 1], [1]]);
    expect(cited.map((c) => citationMarks(c.refs))).toEqual(["[1]", "[2, 1]", "[1]"]);
  });

  it("leaves out a figure whose source cannot be named, and numbers the rest without a gap", () => {
    const { cited, references } = citeResults([
      entry("unnamed", []),
      entry("named", [ref("Hospital patient safety", "https://beta.gov.scot/news/hospital-patient-safety/")]),
    ]);
    expect(cited.map((c) => c.text)).toEqual(["Finding named."]);
    expect(references.map((r) => r.number)).toEqual([1]);
  });

  it("prints a reference as title, publisher and year, with 'n.d.' for a source that gives no year", () => {
    expect(referenceText(ref("Hospital patient safety", "https://x.example/"))).toBe("Hospital patient safety. Scottish Government; 2015.");
    expect(referenceText(ref("Is it safe?", "https://x.example/", "n.d."))).toBe("Is it safe? Scottish Government; n.d.");
  });
});

describe("the results library", () => {
  it("names every entry's source in words and gives each a full reference with an http(s) address", () => {
    const entries = getProposalWording().results;
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      expect(e.source, e.id).not.toMatch(/\[[A-Z]+\d+\]/);
      expect(e.references.length, e.id).toBeGreaterThan(0);
      for (const r of e.references) {
        expect(r.title.length, e.id).toBeGreaterThan(3);
        expect(r.publisher.length, e.id).toBeGreaterThan(1);
        expect(String(r.year), e.id).toMatch(/^(19|20)\d\d$|^n\.d\.$/);
        expect(r.url, e.id).toMatch(/^https?:\/\/[^\s/]+\.[a-z]{2,}/);
      }
    }
  });

  it("refuses an entry that lacks a reference field, a bad address or a bracketed key in place of its source", () => {
    const good = structuredClone(results);
    expect(ResultsLibrarySchema.safeParse(good).success).toBe(true);
    for (const field of ["title", "publisher", "year", "url"] as const) {
      const bad = structuredClone(results);
      delete (bad.entries[0]!.references[0] as Partial<Record<string, unknown>>)[field];
      expect(ResultsLibrarySchema.safeParse(bad).success, `without ${field}`).toBe(false);
    }
    const noList = structuredClone(results);
    delete (noList.entries[0] as Partial<Record<string, unknown>>).references;
    expect(ResultsLibrarySchema.safeParse(noList).success).toBe(false);
    const script = structuredClone(results);
    script.entries[0]!.references[0]!.url = "javascript:alert(1)";
    expect(ResultsLibrarySchema.safeParse(script).success).toBe(false);
    const coded = structuredClone(results);
    coded.entries[0]!.source = "IHI Open School [M8]";
    expect(ResultsLibrarySchema.safeParse(coded).success).toBe(false);
  });
});
