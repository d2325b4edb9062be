import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import type { Block, ProposalSection, RichPart, RichRun } from "./proposal-content";
import { listOf } from "./plural";

/**
 * A manager's own words for a proposal section (docs/domain.md §9.6). The generated prose of a
 * section — its paragraphs and lists written for the partner — is offered as a small Markdown
 * subset: paragraphs, bulleted and numbered lists, **bold**, *italic* and http(s) links. Nothing
 * else is rendered: headings, HTML, images and code stay the characters that were typed.
 *
 * An edit remembers the generated text it was written over. When the engagement changes and the
 * generated text with it, the edit stays, and the section offers the new generated text beside it
 * to take or to keep the edit: regeneration never overwrites a person's words.
 */

/** An edit as the snapshot freezes it. */
export type SectionEdit = {
  section: string;
  /** The section's title when edited, for "what changed". */
  title: string;
  markdown: string;
  /** The generated text the edit was written over, as Markdown. */
  base: string;
  by: string;
  /** ISO timestamp. */
  at: string;
};

/** What staff see of a section's edit; never part of a partner's content. */
export type SectionEditInfo = NonNullable<ProposalSection["edit"]>;

const PARSER = new MarkdownIt("zero", { html: false, linkify: false, typographer: false }).enable(["list", "emphasis", "link", "escape", "newline"]);

/** Whether a block is a section's editable prose: paragraphs and lists written for the partner. */
export function isEditableProse(block: Block): boolean {
  return (block.type === "paragraph" || block.type === "bullets" || block.type === "numbered") && block.audience !== "internal";
}

const SPECIAL = /[\\*_[\]&<>`]/g;

/** Generated text as Markdown that reads back as the same text: every character Markdown would treat as markup is escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/^(\s*)(\d+)([.)])(\s)/gm, "$1$2\\$3$4")
    .replace(/^(\s*)([-+])(\s)/gm, "$1\\$2$3");
}

/** A section's editable prose as Markdown: what the edit box holds before anyone edits it. */
export function sectionMarkdown(section: Pick<ProposalSection, "blocks">): string {
  const parts: string[] = [];
  for (const block of section.blocks) {
    if (!isEditableProse(block)) continue;
    if (block.type === "paragraph") parts.push(escapeMarkdown(block.text));
    else if (block.type === "bullets") parts.push(block.items.map((item) => `- ${escapeMarkdown(item)}`).join("\n"));
    else if (block.type === "numbered") parts.push(block.items.map((item, i) => `${i + 1}. ${escapeMarkdown(item)}`).join("\n"));
  }
  return parts.join("\n\n");
}

/** Line endings and trailing spaces do not make an edit different. */
export function normaliseMarkdown(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

const isWebAddress = (href: string) => /^https?:\/\/[^\s]+$/i.test(href);

/** Inline tokens → runs: text with its bold, italic and link; a link that is not http(s) keeps its words only. */
function runsOf(tokens: Token[]): RichRun[] {
  const runs: RichRun[] = [];
  let bold = 0;
  let italic = 0;
  const links: (string | undefined)[] = [];
  const push = (text: string) => {
    if (!text) return;
    const href = links.at(-1);
    const run: RichRun = { text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}), ...(href ? { href } : {}) };
    const last = runs.at(-1);
    if (last && last.bold === run.bold && last.italic === run.italic && last.href === run.href) last.text += text;
    else runs.push(run);
  };
  for (const t of tokens) {
    if (t.type === "text") push(t.content);
    else if (t.type === "softbreak" || t.type === "hardbreak") push(" ");
    else if (t.type === "strong_open") bold++;
    else if (t.type === "strong_close") bold--;
    else if (t.type === "em_open") italic++;
    else if (t.type === "em_close") italic--;
    else if (t.type === "link_open") {
      const href = String(t.attrGet("href") ?? "");
      links.push(isWebAddress(href) ? href : undefined);
    } else if (t.type === "link_close") links.pop();
    else push(t.content);
  }
  return runs;
}

/** Markdown (the subset above) → the parts a renderer draws. Nested lists read as items of their own. */
export function parseSectionMarkdown(markdown: string): RichPart[] {
  const tokens = PARSER.parse(normaliseMarkdown(markdown), {});
  const parts: RichPart[] = [];
  const lists: Extract<RichPart, { kind: "bullets" | "numbered" }>[] = [];
  for (const t of tokens) {
    if (t.type === "bullet_list_open" || t.type === "ordered_list_open") {
      const list = { kind: t.type === "bullet_list_open" ? ("bullets" as const) : ("numbered" as const), items: [] as RichRun[][] };
      if (lists.length === 0) parts.push(list);
      lists.push(lists.length === 0 ? list : lists[0]!);
    } else if (t.type === "bullet_list_close" || t.type === "ordered_list_close") lists.pop();
    else if (t.type === "inline") {
      const runs = runsOf(t.children ?? []);
      if (runs.length === 0) continue;
      if (lists.length) lists[0]!.items.push(runs);
      else parts.push({ kind: "paragraph", runs });
    }
  }
  return parts;
}

/** The plain words of rich parts, for comparisons, search and the completeness check. */
export function richText(parts: RichPart[]): string {
  const line = (runs: RichRun[]) => runs.map((r) => r.text).join("");
  return parts.map((p) => (p.kind === "paragraph" ? line(p.runs) : p.items.map(line).join("\n"))).join("\n\n");
}

/**
 * A generated section with the manager's edit in place of its prose: the edit stands where the first
 * paragraph or list stood; tables, facts, pictures and internal notes keep their places. Staff see
 * who edited it and, when the generated text has changed since, the new text beside the edit.
 */
export function applySectionEdit(section: ProposalSection, edit: SectionEdit): ProposalSection {
  const generated = normaliseMarkdown(sectionMarkdown(section));
  const rich: Block = { type: "rich", parts: parseSectionMarkdown(edit.markdown) };
  const first = section.blocks.findIndex(isEditableProse);
  const kept = section.blocks.filter((b) => !isEditableProse(b));
  const at = first < 0 ? 0 : section.blocks.slice(0, first).filter((b) => !isEditableProse(b)).length;
  const info: SectionEditInfo = { by: edit.by, at: edit.at, markdown: edit.markdown };
  if (generated !== normaliseMarkdown(edit.base)) {
    info.newer = parseSectionMarkdown(generated);
    const figures = staleFigures(edit, generated);
    if (figures.stale.length) info.stillGives = figures;
  }
  return { ...section, blocks: [...kept.slice(0, at), rich, ...kept.slice(at)], edit: info };
}

const MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December";
const UNITS = "FTE[- ]months?|faculty days?|days?|weeks?|months?|years?|sites?|hospitals?|teams?|learning sessions?";
const NUMBER = "\\d+(?:,\\d{3})*(?:\\.\\d+)?";

/**
 * The figures prose gives: dates ("11 September 2028", "March 2029"), amounts of money ("USD 1,445,000",
 * "$1.45m", "USD 1.45 million") and counts of time, effort or scale ("42.5 FTE-months", "101 faculty
 * days", "20%"). A bare number ("Phase 2") is no figure. The word before each is kept too: "It involves
 * 14 sites" is another figure than "all 14 sites".
 */
const FIGURE = new RegExp(
  [
    `(?<date>\\b(?:\\d{1,2} )?(?:${MONTH_NAMES}) \\d{4}\\b)`,
    `(?<money>(?:\\b[A-Z]{3} ?|[$€£])(?<amount>${NUMBER})(?<scale> ?(?:million|thousand)\\b|[mk]\\b)?(?!\\d|[.,]\\d))`,
    `(?<count>\\b(?<n>${NUMBER})(?<unit>%|(?: per cent|[ -](?:${UNITS}))\\b))`,
  ].join("|"),
  "g"
);

/** A figure as written, what it says whatever way it is written (`value`), and that with the word before it (`context`). */
type Figure = { text: string; value: string; context: string };

const SCALES: Record<string, number> = { million: 1e6, m: 1e6, thousand: 1e3, k: 1e3 };

function valueOf(groups: Record<string, string | undefined>): string {
  const number = (n: string, times = 1) => String(Math.round(Number(n.replace(/,/g, "")) * times * 100) / 100);
  if (groups.date) return groups.date.toLowerCase();
  if (groups.money) return `money ${number(groups.amount!, SCALES[(groups.scale ?? "").trim()] ?? 1)}`;
  const unit = groups.unit!.trim().toLowerCase().replace(/-/g, " ").replace(/s$/, "");
  return `${number(groups.n!)} ${unit === "per cent" ? "%" : unit}`;
}

/** The figures of Markdown, in the order they appear, its escapes taken out. */
function figuresIn(markdown: string): Figure[] {
  const text = markdown.replace(/\\([\\*_[\]&<>`.)+-])/g, "$1").replace(/\s+/g, " ");
  return [...text.matchAll(FIGURE)].map((m) => {
    const value = valueOf(m.groups!);
    const before = /([\p{L}\d]+)\P{L}*$/u.exec(text.slice(0, m.index))?.[1]?.toLowerCase() ?? "";
    return { text: m[0].trim(), value, context: `${before} ${value}` };
  });
}

/** The figures of Markdown as written, each once, in the order they first appear. */
export function figuresOf(markdown: string): string[] {
  return [...new Set(figuresIn(markdown).map((f) => f.text))];
}

/**
 * The figures an edit still gives that the generated text it was written over gave and the generated
 * text no longer gives (`stale`), with those the generated text gives now in their place (`now`):
 * kept as it is, the edit would say an old fee, date or staff time beside sections that say the new
 * one (docs/domain.md §9.6). A figure is stale when the generated text no longer gives it at all, however
 * the edit writes it ("$1.59m" for "USD 1,590,000"), or no longer gives it after the same word ("It
 * involves 14 sites", when 14 sites stay only in "all 14 sites").
 */
export function staleFigures(edit: Pick<SectionEdit, "markdown" | "base">, generated: string): { stale: string[]; now: string[] } {
  const before = figuresIn(edit.base);
  const after = figuresIn(generated);
  const has = (figures: Figure[], key: "value" | "context", v: string) => figures.some((f) => f[key] === v);
  const gone = (f: Figure) =>
    (has(before, "value", f.value) && !has(after, "value", f.value)) || (has(before, "context", f.context) && !has(after, "context", f.context));
  const unique = (figures: Figure[]) => [...new Set(figures.map((f) => f.text))];
  return { stale: unique(figuresIn(edit.markdown).filter(gone)), now: unique(after.filter((f) => !has(before, "value", f.value))) };
}

/** Why an edit cannot be kept over the new generated text, or null: it still gives figures the engagement no longer does. */
export function staleFiguresRefusal(edit: Pick<SectionEdit, "markdown" | "base">, generated: string): string | null {
  const { stale, now } = staleFigures(edit, generated);
  if (!stale.length) return null;
  const quoted = (figures: string[]) => listOf(figures.map((f) => `“${f}”`));
  return `Your words still give ${quoted(stale)}, which the engagement no longer gives${
    now.length ? `: the generated text now gives ${quoted(now)}` : ""
  }. Change ${stale.length === 1 ? "it" : "them"} in the text below and save, then keep your edit, or take the new text.`;
}

/**
 * Why a version cannot be frozen yet, or null: a section edited before the engagement changed still
 * holds the words written then (a fee, dates), beside generated text that says otherwise. A version is
 * what the partner signs and leadership approves, so the manager settles each first, taking the new
 * text or keeping the edit (docs/domain.md §9.6).
 */
export function staleEditsRefusal(sections: Pick<ProposalSection, "key" | "title" | "edit">[]): string | null {
  const stale = staleEditedSections(sections).map((s) => s.title);
  if (!stale.length) return null;
  return `The engagement has changed since ${listOf(stale)} ${stale.length === 1 ? "was" : "were"} edited: on ${
    stale.length === 1 ? "that section" : "each"
  }, take the new text or keep your edit before creating a version, so that it does not say two different things.`;
}

/** The sections edited by hand before the engagement changed, whose new generated text awaits the manager's choice. */
export function staleEditedSections(sections: Pick<ProposalSection, "key" | "title" | "edit">[]): { key: string; title: string }[] {
  return sections.filter((s) => s.edit?.newer).map((s) => ({ key: s.key, title: s.title }));
}

/** "what changed": the sections whose own words differ between two versions. */
export function editChanges(a: SectionEdit[] = [], b: SectionEdit[] = []): { title: string; change: string }[] {
  const changes: { title: string; change: string }[] = [];
  for (const edit of b) {
    const before = a.find((e) => e.section === edit.section);
    if (!before) changes.push({ title: edit.title, change: `The wording of “${edit.title}” was edited by hand.` });
    else if (normaliseMarkdown(before.markdown) !== normaliseMarkdown(edit.markdown))
      changes.push({ title: edit.title, change: `The wording of “${edit.title}” was revised.` });
  }
  for (const edit of a) {
    if (!b.some((e) => e.section === edit.section)) changes.push({ title: edit.title, change: `“${edit.title}” is back to the generated wording.` });
  }
  return changes;
}
