import { describe, expect, it } from "vitest";
import type { ProposalSection } from "~/domain/proposal-content";
import {
  applySectionEdit,
  editChanges,
  escapeMarkdown,
  figuresOf,
  parseSectionMarkdown,
  richText,
  sectionMarkdown,
  staleFigures,
  type SectionEdit,
} from "~/domain/section-edits";

const section: ProposalSection = {
  key: "context",
  title: "Context and needs",
  blocks: [
    { type: "paragraph", text: "Northshire is a health system serving 1,200,000 people across 6 sites." },
    { type: "facts", rows: [["Geography", "Region"]] },
    { type: "bullets", items: ["Falls", "Pressure injuries"] },
    { type: "paragraph", text: "Capacity is tight in May 2027.", audience: "internal" },
  ],
};

const edit = (markdown: string, base = sectionMarkdown(section)): SectionEdit => ({
  section: "context",
  title: "Context and needs",
  markdown,
  base,
  by: "Maria Manager",
  at: "2026-12-01T10:00:00.000Z",
});

describe("the Markdown a manager may write", () => {
  it("renders paragraphs, lists, bold, italic and web links", () => {
    const parts = parseSectionMarkdown(
      "First **strong** and *soft* words, see [the charter](https://example.org/charter).\n\n- one\n- two\n\n1. first\n2. second"
    );
    expect(parts).toEqual([
      {
        kind: "paragraph",
        runs: [
          { text: "First " },
          { text: "strong", bold: true },
          { text: " and " },
          { text: "soft", italic: true },
          { text: " words, see " },
          { text: "the charter", href: "https://example.org/charter" },
          { text: "." },
        ],
      },
      { kind: "bullets", items: [[{ text: "one" }], [{ text: "two" }]] },
      { kind: "numbered", items: [[{ text: "first" }], [{ text: "second" }]] },
    ]);
  });

  it("renders nothing else: HTML, headings, images and script links stay words", () => {
    const parts = parseSectionMarkdown('# Title\n\n<script>alert(1)</script> ![x](https://e.org/x.png) [click](javascript:alert(1)) <img src=x onerror="y">');
    const text = richText(parts);
    expect(text).toContain("# Title");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain('<img src=x onerror="y">');
    const runs = parts.flatMap((p) => (p.kind === "paragraph" ? p.runs : p.items.flat()));
    expect(runs.find((r) => r.text.includes("click"))?.href).toBeUndefined();
    expect(runs.filter((r) => r.href).map((r) => r.href)).toEqual(["https://e.org/x.png"]);
  });

  it("gives back generated text exactly, whatever characters it holds", () => {
    const tricky = "Aim: 40% fewer falls *per* 1,000 bed-days [stage 2+] by 2027_12 & <more> `code` \\ done";
    const numbered = "1. This line starts like a list";
    const dashed = "- and so does this one";
    for (const text of [tricky, numbered, dashed]) {
      expect(richText(parseSectionMarkdown(escapeMarkdown(text)))).toBe(text);
    }
  });
});

describe("a section in the manager's words", () => {
  it("stands where the prose stood; facts and internal notes keep their places; staff see who wrote it", () => {
    const edited = applySectionEdit(section, edit("Our **own** account of Northshire."));
    expect(edited.blocks.map((b) => b.type)).toEqual(["rich", "facts", "paragraph"]);
    expect(edited.blocks[2]).toMatchObject({ audience: "internal" });
    expect(edited.edit).toMatchObject({ by: "Maria Manager", markdown: "Our **own** account of Northshire." });
    expect(edited.edit?.newer).toBeUndefined();
  });

  it("keeps the edit when the generated text changes, and offers the new text beside it", () => {
    const before = sectionMarkdown(section);
    const changed: ProposalSection = {
      ...section,
      blocks: [{ type: "paragraph", text: "Northshire is a health system serving 1,200,000 people across 9 sites." }, ...section.blocks.slice(1)],
    };
    const edited = applySectionEdit(changed, edit("Our own account.", before));
    expect(richText((edited.blocks[0] as { parts: Parameters<typeof richText>[0] }).parts)).toBe("Our own account.");
    expect(richText(edited.edit!.newer!)).toContain("across 9 sites");
  });

  it("lists hand edits in what changed", () => {
    const a = [edit("One.")];
    expect(editChanges([], a)).toEqual([{ title: "Context and needs", change: "The wording of “Context and needs” was edited by hand." }]);
    expect(editChanges(a, [edit("Two.")])[0]!.change).toMatch(/revised/);
    expect(editChanges(a, [edit("One.  \r\n")])).toEqual([]);
    expect(editChanges(a, [])[0]!.change).toMatch(/back to the generated wording/);
  });
});

describe("the figures an edit gives", () => {
  it("are dates, amounts of money and counts of time, effort or scale, never a bare number", () => {
    expect(
      figuresOf(
        "The estimated fee is USD 1,445,000, covering 42.5 FTE-months, including 101 faculty days, from September 2027 to 11 March 2029 across 14 sites, for 18 months: Phase 2 aims at 20% fewer falls\\."
      )
    ).toEqual(["USD 1,445,000", "42.5 FTE-months", "101 faculty days", "September 2027", "11 March 2029", "14 sites", "18 months", "20%"]);
    expect(figuresOf("Phase 2 of 3, in 2027.")).toEqual([]);
  });

  it("are stale when the generated text they were written over gave them and gives them no longer", () => {
    const base = "The estimated fee is USD 1,445,000. It runs from September 2027 for 18 months.";
    const generated = "The estimated fee is USD 1,380,000. It runs from September 2027 for 18 months.";
    expect(staleFigures({ base, markdown: "In euros: USD 1,445,000, from September 2027." }, generated)).toEqual({
      stale: ["USD 1,445,000"],
      now: ["USD 1,380,000"],
    });
    // A figure the generated text still gives, or one the manager wrote themselves, is theirs to keep.
    expect(staleFigures({ base, markdown: "From September 2027, over 40 weeks." }, generated).stale).toEqual([]);
    // Over a generated text that has not changed, nothing is stale.
    expect(staleFigures({ base, markdown: "USD 1,445,000." }, base)).toEqual({ stale: [], now: [] });
  });
});

describe("a figure written another way, or left after the same word", () => {
  it("is still stale: an old fee as '$1.59m' or 'USD 1.59 million', staff time without its hyphen, and a count the generated sentence no longer gives", () => {
    const base = "The estimated fee is USD 1,590,000 for 46.5 FTE-months. It involves 14 sites.";
    const generated = "The estimated fee is USD 1,505,000 for 43.9 FTE-months. It involves 12 sites. The aim stays the partner's for all 14 sites.";
    expect(staleFigures({ base, markdown: "At $1.59m, 46.5 FTE months; it involves 14 sites." }, generated)).toEqual({
      stale: ["$1.59m", "46.5 FTE months", "14 sites"],
      now: ["USD 1,505,000", "43.9 FTE-months", "12 sites"],
    });
    expect(staleFigures({ base, markdown: "At USD 1.59 million." }, generated).stale).toEqual(["USD 1.59 million"]);
    // The new figures, however written, and the sites the generated text still gives after the same word, pass.
    expect(staleFigures({ base, markdown: "At $1.505m for 43.9 FTE-months, in 12 sites; all 14 sites share the aim." }, generated).stale).toEqual([]);
  });
});
