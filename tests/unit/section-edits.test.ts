import { describe, expect, it } from "vitest";
import type { ProposalSection } from "~/domain/proposal-content";
import { applySectionEdit, editChanges, escapeMarkdown, parseSectionMarkdown, richText, sectionMarkdown, type SectionEdit } from "~/domain/section-edits";

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
