import { asSentence } from "./text";
import { snapshotFee } from "./pricing";
import { formatDate, formatMonth } from "./calendar";
import { REFERENCES_KEY, type Block, type ProposalContent, type VersionState } from "./proposal-content";
import { partnerEdition } from "./proposal-audience";
import { MEASURE_KIND_LABELS, NODE_KIND_LABELS, type DriverDiagram } from "./driver-diagram";
import { prioritiesWithEvidence } from "./intake";
import { METHOD_LABELS } from "./methods";
import { budgetRange, money } from "./money";
import { formatCount, plural } from "./plural";
import { rateOfDay } from "./exchange-rate";
import { staffingFigures, type EngagementSnapshot } from "./proposal-snapshot";
import { editChanges, richText } from "./section-edits";
import { timelineEnd } from "./timeline";
import { diffTimelines, groupedSummary } from "./timeline-diff";

export type SnapshotDiff = { sections: { section: string; changes: string[] }[]; isEmpty: boolean };

/**
 * What changed between two versions, in the users' terms and grouped by proposal section:
 * "The aim's target changed", "Learning Session 2 moves 3 weeks later", "+0.2 FTE improvement
 * advisor at peak", "New measure: …". Only what changed is listed.
 *
 * Given the two versions' content, a section whose words changed for a reason none of those rules
 * name (time passing: "wants to start at once" once the desired start is past) is listed with the
 * words it now has, so that "Nothing changed" is said only of two versions that read the same.
 */
export function diffSnapshots(
  a: EngagementSnapshot,
  b: EngagementSnapshot,
  audience: "staff" | "partner" = "staff",
  contents?: ComparedContents
): SnapshotDiff {
  const sections: SnapshotDiff["sections"] = [];
  const add = (section: string, changes: string[]) => {
    if (changes.length) sections.push({ section, changes });
  };

  const context: string[] = [];
  if (a.engagement.title !== b.engagement.title) context.push(`The title changed from “${a.engagement.title}” to “${b.engagement.title}”.`);
  if (a.intake.needs.problems !== b.intake.needs.problems) context.push("The problems in the partner's words were revised.");
  add("Context and needs", context);

  const pa = prioritiesWithEvidence(a.intake).map((p) => p.label);
  const pb = prioritiesWithEvidence(b.intake).map((p) => p.label);
  const priorities: string[] = [];
  for (const p of pb) if (!pa.includes(p)) priorities.push(`New priority: ${p} (rank ${pb.indexOf(p) + 1}).`);
  for (const p of pa) if (!pb.includes(p)) priorities.push(`Priority removed: ${p}.`);
  const common = pb.filter((p) => pa.includes(p));
  if (common.some((p, i) => pa.filter((x) => pb.includes(x))[i] !== p)) priorities.push(`The priorities were re-ranked: ${pb.join(", ")}.`);
  add("Priorities", priorities);

  add("Aims", aimChanges(a.driverDiagram, b.driverDiagram));

  const approach: string[] = [];
  if (a.method.chosen !== b.method.chosen) {
    approach.push(
      `The method changed from ${a.method.chosen ? METHOD_LABELS[a.method.chosen] : "none"} to ${b.method.chosen ? METHOD_LABELS[b.method.chosen] : "none"}.`
    );
  }
  if (a.method.overrideReason !== b.method.overrideReason && b.method.overrideReason) approach.push("The justification for the method was revised.");
  add("Approach and rationale", approach);

  const { nodes, measures } = diagramChanges(a.driverDiagram, b.driverDiagram);
  add("Theory of change", nodes);
  add("Measurement plan", measures);

  const workplan: string[] = [];
  if (a.timeline && b.timeline) {
    workplan.push(...groupedSummary(diffTimelines(a.timeline, b.timeline)).map((s) => asSentence(s)));
    // Where the plan ends is what a partner and a leader look for first among the moves.
    const [ended, ends] = [timelineEnd(a.timeline), timelineEnd(b.timeline)];
    if (ended !== ends) workplan.push(`The plan now ends on ${formatDate(ends)} (it ended on ${formatDate(ended)}).`);
  } else if (!a.timeline && b.timeline) workplan.push("A timeline was added.");
  else if (a.timeline && !b.timeline) workplan.push("The timeline was removed.");
  if (a.timeline && b.timeline && a.timeline.generatedFrom.teams !== b.timeline.generatedFrom.teams) {
    workplan.push(`The scale changed from ${formatCount(a.timeline.generatedFrom.teams)} to ${formatCount(b.timeline.generatedFrom.teams)} sites or teams.`);
  }
  // Whether the plan keeps the partner's time (docs/domain.md §8.6): what a leader approving an amendment must see.
  if (audience === "staff" && b.timeCheck) {
    const held = a.timeCheck?.holds ?? true;
    // Its own words: "The plan cannot keep the partner's time: …", with what overruns.
    if (!b.timeCheck.holds && (held || a.timeCheck?.summary !== b.timeCheck.summary)) workplan.push(b.timeCheck.summary);
    else if (b.timeCheck.holds && !held) workplan.push("The plan now keeps the partner's time.");
  }
  add("Workplan and timeline", workplan);

  add("Roles and resourcing", staffingChanges(a, b));

  const budget: string[] = [];
  const feeA = snapshotFee(a);
  const feeB = snapshotFee(b);
  // With options the fee is each option's, compared under Options below (docs/domain.md §9.13).
  if ((feeA?.amount ?? 0) !== (feeB?.amount ?? 0) && feeB && !a.options?.length && !b.options?.length) {
    const delta = feeB.amount - (feeA?.amount ?? 0);
    budget.push(`The fee ${delta > 0 ? "rose" : "fell"} by ${money(Math.abs(Math.round(delta)), feeB.currency)}, to ${money(feeB.amount, feeB.currency)}.`);
  }
  const ba = a.intake.budget;
  const bb = b.intake.budget;
  if (ba.budgetMin !== bb.budgetMin || ba.budgetMax !== bb.budgetMax || ba.currency !== bb.currency) {
    // Both ranges in words, so that a change of currency alone reads as one ("USD 500,000–800,000" to "EUR 500,000–800,000").
    const was = budgetRange(ba.budgetMin, ba.budgetMax, ba.currency) ?? "not stated";
    const now = budgetRange(bb.budgetMin, bb.budgetMax, bb.currency) ?? "not stated";
    budget.push(`The partner's budget is now ${now}, in place of ${was}.`);
  }
  // The exchange rate the fee's equivalent in the partner's currency is stated at (docs/domain.md §8.7).
  const rateA = a.exchangeRate ? rateOfDay(a.exchangeRate) : null;
  const rateB = b.exchangeRate ? rateOfDay(b.exchangeRate) : null;
  if (rateA !== rateB)
    budget.push(
      rateB
        ? rateA
          ? `The exchange rate is now ${rateB}, in place of ${rateA}.`
          : `The fee is stated in ${b.exchangeRate!.to} too, at ${rateB}.`
        : `The fee is no longer stated in ${a.exchangeRate!.to}.`
    );
  add("Budget", budget);

  add("Options", optionChanges(a, b));

  const risks: string[] = [];
  // Our capacity is internal: partners see only what the proposal itself says.
  if (audience === "staff") {
    if (a.fit?.verdict !== b.fit?.verdict && b.fit) risks.push(`Our capacity now: ${b.fit.summary}`);
    if (a.fit && b.fit && a.fit.earliestStart !== b.fit.earliestStart) {
      const when = (m: string | null) => (m ? formatMonth(m) : "none within the months searched");
      risks.push(`The earliest fully staffed start is now ${when(b.fit.earliestStart)} (it was ${when(a.fit.earliestStart)}).`);
    }
    for (const s of b.fit?.shortfalls ?? []) if (!(a.fit?.shortfalls ?? []).includes(s)) risks.push(`New capacity shortfall: ${s}.`);
  }
  if (a.readiness.verdict !== b.readiness.verdict)
    risks.push(`Partner readiness changed from ${a.readiness.verdict.replace(/_/g, " ")} to ${b.readiness.verdict.replace(/_/g, " ")}.`);
  add("Assumptions and risks", risks);

  // The sections the rules above name: their own lines say what changed there.
  const named = new Set(sections.map((x) => x.section));

  // Words edited by hand are the partner's to read too (docs/domain.md §9.6): with the versions' content
  // the partner reads the words themselves, below; that they were edited by hand is ours to know.
  const edited = contents && audience === "partner" ? [] : editChanges(a.sectionEdits, b.sectionEdits);
  for (const { title, change } of edited) {
    const section = sections.find((x) => x.section === title);
    if (section) section.changes.push(change);
    else sections.push({ section: title, changes: [change] });
  }
  const handEdited = new Set(edited.map((e) => e.title));

  if (contents) {
    const read = (c: ProposalContent) => (audience === "partner" ? partnerEdition(c) : c);
    const reworded = wordingChanges({ ...contents, from: read(contents.from), to: read(contents.to) });
    // A section edited by hand is quoted too: what it now says is the change. The summary and the
    // references follow the other sections: quoted, unless edited by hand, only when nothing else changed.
    for (const { key, section, changes } of reworded) {
      const follows = (key === "executive-summary" || key === REFERENCES_KEY) && sections.length > 0 && !handEdited.has(section);
      if (named.has(section) || follows) continue;
      const listed = sections.find((x) => x.section === section);
      if (listed) listed.changes.push(...changes);
      else sections.push({ section, changes });
    }
    const order = read(contents.to).sections.map((x) => x.title);
    const at = (title: string) => (order.includes(title) ? order.indexOf(title) : order.length);
    sections.sort((x, y) => at(x.section) - at(y.section));
  }

  return { sections, isEmpty: sections.length === 0 };
}

/**
 * The passages a block shows: a paragraph, a list's items, a table's or a fact sheet's rows, a
 * picture's caption. `text` is what is compared: a version's words as drafted, since the words for a
 * later state (byState) follow from them and differ between versions only by where each stands.
 * `shown` is what is quoted: the words the version is shown in, in its `state`.
 */
type Passage = { text: string; shown: string; row?: [column: string, cell: string][] };

function passagesOf(block: Block, state: VersionState | undefined): Passage[] {
  const same = (texts: string[]) => texts.map((text) => ({ text, shown: text }));
  switch (block.type) {
    case "paragraph":
      return [{ text: block.text, shown: (state && block.byState?.[state]) || block.text }];
    case "bullets":
      return same(block.items);
    case "numbered": {
      const shown = (state && block.byState?.[state]) || block.items;
      return block.items.map((text, i) => ({ text, shown: shown[i] ?? text }));
    }
    case "facts":
      return block.rows.map(([label, value], i) => {
        const [asLabel, asValue] = block.compared?.[i] ?? [label, value];
        return { text: `${asLabel}: ${asValue}`, shown: `${label}: ${value}` };
      });
    // A row with its columns' names, so that a quoted row says which figure is which.
    case "table":
      return [
        ...same([block.caption]),
        ...block.rows.map((cells) => {
          const row = cells.map((cell, i): [string, string] => [block.columns[i] ?? "", cell.replace(/\.$/, "")]);
          const text = row.map(([column, cell]) => (column ? `${column}: ${cell}` : cell)).join("; ");
          return { text, shown: text, row };
        }),
      ];
    case "gantt":
      return same([block.caption, ...block.rows.map((row) => `${row.label}: ${row.start} to ${row.end}`)]);
    case "picture":
      return same([block.caption, block.alt]);
    case "todo":
    case "quote":
      return same([block.text]);
    case "rich":
      return same(block.parts.map((part) => richText([part])));
    case "references":
      return same(block.items.map((item) => JSON.stringify(item)));
  }
}

const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 200;

/**
 * A passage cut to a readable length around where it first differs from `was`: from the start of the
 * sentence the difference is in (or a little before it), to the end of a sentence where one is near,
 * else a word; a passage that opens with a label ("Campaign: …") keeps it, so that it still says what
 * it is about.
 */
function excerpt(passage: string, was: string | undefined): string {
  let from = 0;
  if (was && passage.length > EXCERPT_LENGTH) {
    const same = sharedStart(passage, was);
    const sentence = passage.lastIndexOf(". ", same);
    from = sentence === -1 ? 0 : sentence + 2;
    if (same - from > EXCERPT_BEFORE) from = passage.lastIndexOf(" ", same - EXCERPT_BEFORE) + 1;
  }
  const label = from > 0 ? /^([^:.]{3,60}): /.exec(passage)?.[1] : undefined;
  const more = from + EXCERPT_LENGTH < passage.length;
  const cut = passage.slice(from, from + EXCERPT_LENGTH);
  const sentenceEnd = cut.lastIndexOf(". ");
  const end = !more ? cut : sentenceEnd > EXCERPT_LENGTH / 3 ? cut.slice(0, sentenceEnd + 1) : `${cut.slice(0, cut.lastIndexOf(" "))}…`;
  return `“${label && from > label.length + 2 ? `${label}: …` : from > 0 ? "…" : ""}${end}”`;
}

/**
 * A table's row whose first cell is the same and some other cells differ, said as those cells:
 * "Campaign — Earliest start: now August 2027, was March 2027."; undefined for anything else.
 */
function changedCells(was: Passage, now: Passage): string | undefined {
  const before = was.row;
  const after = now.row;
  if (!before || !after || after.length < 2 || after.length !== before.length || after[0]![1] !== before[0]![1]) return undefined;
  const changed = after.flatMap(([column, cell], i) => (cell === before[i]![1] ? [] : [`${column}: now ${cell}, was ${before[i]![1]}`]));
  return changed.length ? `${after[0]![1]} — ${changed.join("; ")}.` : undefined;
}

/** The length of the longest common start of two passages. */
function sharedStart(x: string, y: string): number {
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** Two versions' content to compare, and the state each is shown in (the words it is quoted in). */
export type ComparedContents = { from: ProposalContent; to: ProposalContent; fromState?: VersionState; toState?: VersionState };

/**
 * Each section whose passages differ between two versions' content, with what it now says: its new
 * or reworded passages (two at most, and how many more), or what it no longer says.
 */
export function wordingChanges({ from, to, fromState, toState }: ComparedContents): { key: string; section: string; changes: string[] }[] {
  const passages = (section: ProposalContent["sections"][number] | undefined, state: VersionState | undefined) =>
    section
      ? [...section.blocks, ...(section.subsections ?? []).flatMap((sub) => sub.blocks)]
          .flatMap((b) => passagesOf(b, state))
          .filter((p) => p.text.trim() !== "")
      : [];
  const out: { key: string; section: string; changes: string[] }[] = [];
  for (const section of to.sections) {
    const before = passages(
      from.sections.find((x) => x.key === section.key),
      fromState
    );
    const after = passages(section, toState);
    const added = after.filter((p) => !before.some((b) => b.text === p.text));
    const removed = before.filter((p) => !after.some((a) => a.text === p.text));
    if (!added.length && !removed.length) continue;
    const changes: string[] = [];
    for (const passage of added.slice(0, 2)) {
      // Beside the passage it most likely rewords: the one it shares the longest start with.
      const was = removed.reduce<Passage | undefined>(
        (best, r) => (!best || sharedStart(r.text, passage.text) > sharedStart(best.text, passage.text) ? r : best),
        undefined
      );
      // A rewording shares a good part of its start with what it was; a passage sharing only a label is new.
      const rewords = was !== undefined && sharedStart(was.text, passage.text) >= Math.min(40, Math.min(was.text.length, passage.text.length) / 3);
      if (!rewords) changes.push(`New: ${excerpt(passage.shown, undefined)}`);
      else {
        // Both cut from the same sentence, so that the reader sees the one beside the other; words that
        // follow each version's state are not set side by side, as they differ by where each stands.
        const anchored = passage.shown === passage.text && was.shown === was.text;
        const cells = changedCells(was, passage);
        changes.push(
          cells ??
            (anchored
              ? `Now reads: ${excerpt(passage.shown, was.shown)} (it read: ${excerpt(was.shown, passage.shown)})`
              : `Now reads: ${excerpt(passage.shown, undefined)}`)
        );
      }
    }
    if (added.length > 2) changes.push(`And ${added.length - 2} more ${added.length - 2 === 1 ? "passage" : "passages"} reworded or new.`);
    if (!added.length) changes.push(`No longer says: ${excerpt(removed[0]!.shown, undefined)}${removed.length > 1 ? `, and ${removed.length - 1} more` : ""}`);
    out.push({ key: section.key, section: section.title, changes });
  }
  for (const section of from.sections)
    if (!to.sections.some((x) => x.key === section.key) && passages(section, fromState).length)
      out.push({ key: section.key, section: section.title, changes: ["This section is no longer in the proposal."] });
  return out;
}

function aimChanges(a: DriverDiagram | null, b: DriverDiagram | null): string[] {
  if (!a || !b) return a === b ? [] : [b ? "An aim was set." : "The aim was removed."];
  const out: string[] = [];
  const labels = { statement: "aim", baseline: "aim's baseline", target: "aim's target", byWhen: "aim's date", population: "aim's population" } as const;
  for (const key of Object.keys(labels) as (keyof typeof labels)[]) {
    if ((a.aim[key] ?? "") !== (b.aim[key] ?? "")) {
      out.push(
        key === "statement"
          ? `The aim now reads: “${b.aim.statement}”.`
          : `The ${labels[key]} changed from “${a.aim[key] || "none"}” to “${b.aim[key] || "none"}”.`
      );
    }
  }
  return out;
}

function diagramChanges(a: DriverDiagram | null, b: DriverDiagram | null): { nodes: string[]; measures: string[] } {
  const nodes: string[] = [];
  const measures: string[] = [];
  const an = new Map((a?.nodes ?? []).map((n) => [n.id, n]));
  const bn = new Map((b?.nodes ?? []).map((n) => [n.id, n]));
  for (const [id, n] of bn) {
    const was = an.get(id);
    if (!was) nodes.push(`New ${NODE_KIND_LABELS[n.kind].toLowerCase()}: ${n.label}.`);
    else if (was.label !== n.label) nodes.push(`“${was.label}” is now “${n.label}”.`);
  }
  for (const [id, n] of an) if (!bn.has(id)) nodes.push(`${NODE_KIND_LABELS[n.kind]} removed: ${n.label}.`);
  const am = new Map((a?.measures ?? []).map((m) => [m.id, m]));
  const bm = new Map((b?.measures ?? []).map((m) => [m.id, m]));
  for (const [id, m] of bm) {
    const was = am.get(id);
    if (!was) measures.push(`New ${MEASURE_KIND_LABELS[m.kind].toLowerCase()} measure: ${m.name}.`);
    else {
      if (was.name !== m.name) measures.push(`Measure “${was.name}” is now “${m.name}”.`);
      if ((was.target ?? "") !== (m.target ?? ""))
        measures.push(`The target of “${m.name}” changed from “${was.target || "none"}” to “${m.target || "none"}”.`);
      if ((was.definition ?? "") !== (m.definition ?? "")) measures.push(`The operational definition of “${m.name}” changed.`);
    }
  }
  for (const [id, m] of am) if (!bm.has(id)) measures.push(`Measure removed: ${m.name}.`);
  return { nodes, measures };
}

function staffingChanges(a: EngagementSnapshot, b: EngagementSnapshot): string[] {
  const out: string[] = [];
  const before = new Map(a.staffing.map((l) => [l.role, l]));
  const after = new Map(b.staffing.map((l) => [l.role, l]));
  for (const [role, l] of after) {
    const was = before.get(role);
    const who = l.label.toLowerCase();
    if (!was) {
      // Whole days as every count is written ("2,227 days"); a role needed a little, as the staffing table writes it ("0.4 days").
      const days = l.days >= 0.95 ? plural(Math.round(l.days), "day") : `${staffingFigures(l).days} days`;
      out.push(`New role: ${l.label}, ${days}.`);
      continue;
    }
    const peak = round2(l.peakFte - was.peakFte);
    if (Math.abs(peak) >= 0.05) out.push(`${peak > 0 ? "+" : "−"}${Math.abs(peak)} FTE ${who} at peak.`);
    const days = Math.round(l.days - was.days);
    if (Math.abs(days) >= 1) out.push(`${days > 0 ? "+" : "−"}${plural(Math.abs(days), "day")} of ${who} time.`);
  }
  for (const [role, l] of before) if (!after.has(role)) out.push(`Role no longer needed: ${l.label}.`);
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Options offered, withdrawn, or repriced, matched by name (docs/domain.md §9.13): names and fees only, which the partner reads too. */
function optionChanges(a: EngagementSnapshot, b: EngagementSnapshot): string[] {
  const before = a.options ?? [];
  const after = b.options ?? [];
  const out: string[] = [];
  for (const o of after) {
    const was = before.find((x) => x.name === o.name);
    if (!was) out.push(`New option: ${o.name}, for a fee of ${money(o.price.fee, o.price.currency)}.`);
    else if (was.price.fee !== o.price.fee)
      out.push(`${o.name}: the fee ${o.price.fee > was.price.fee ? "rose" : "fell"} to ${money(o.price.fee, o.price.currency)}.`);
    else if (was.scope !== o.scope || was.leavesOut !== o.leavesOut) out.push(`${o.name}: its scope was revised.`);
  }
  for (const o of before) if (!after.some((x) => x.name === o.name)) out.push(`Option withdrawn: ${o.name}.`);
  return out;
}
