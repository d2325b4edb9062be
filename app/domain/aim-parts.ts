import type { DriverDiagram, Measure } from "./driver-diagram";
import type { Priority } from "./intake";
import { namesOf, namesPriority, topicWords, wordForm, wordsOf } from "./priority-words";
import { escapeRegExp, sentenceStart } from "./text";

/**
 * The parts of an aim (docs/domain.md §6.5): an aim may speak of several of the partner's priorities
 * ("Halve VAP and CLABSI rates and cut sepsis mortality by 15%"), and each outcome measure is the
 * measure of one part of it, with that part as its target ("Halve CLABSI rates"). A part no outcome
 * measure measures is one the checker names, so that the plan never leaves it out unsaid.
 */

type NamedPriority = Pick<Priority, "topic" | "custom">;

export const RELATIVE_TIME = /\b(within|in|over|after)\s+(the\s+next\s+)?(\d+|one|two|three|six|twelve|eighteen)\s+(days?|weeks?|months?|years?)\b/i;
const DATE_LIKE = /\b\d{4}-\d{2}(-\d{2})?\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(19|20)\d{2}\b/g;
const NUMBER_WORDS = /\b(zero|half|halve|double|triple|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand)\b/i;
// "by a third", "by a quarter"; "the third quarter" is a time, not how much.
const FRACTION = /\ba\s+(third|quarter|fifth|tenth)\b/i;

/** Whether text says how much: a figure, a number in words or a fraction, dates and spans of time aside. */
export function mentionsNumber(text: string): boolean {
  const withoutDates = text.replace(DATE_LIKE, " ").replace(RELATIVE_TIME, " ");
  return /\d/.test(withoutDates) || NUMBER_WORDS.test(withoutDates) || FRACTION.test(withoutDates);
}

/** The words an aim's clause starts with when it says what is to change: "cut sepsis mortality …", "reduce …". */
const CHANGE_VERB =
  /^(reduce|cut|halve|lower|decrease|increase|raise|improve|eliminate|prevent|achieve|reach|double|triple|bring|keep|sustain|deliver|ensure|get|end|stop|avoid|give|screen|treat|eradicate|shorten|boost|minimi[sz]e|maximi[sz]e)\b/i;

/** Between two clauses: a comma or semicolon before a space (never the comma in "1,000"), perhaps with "and", or "and" alone. */
const BETWEEN = /(\s*[,;]\s+(?:and\s+)?|\s+and\s+)/i;

/**
 * The clauses of an aim's "how much", each with a figure of its own: "Halve VAP and CLABSI rates and cut
 * sepsis mortality by 15%" → "Halve VAP and CLABSI rates", "cut sepsis mortality by 15%". A clause is
 * split off where the words after a comma or an "and" say a figure of their own or start with what is to
 * change ("cut …"), and the words before say one too; "VAP and CLABSI" under one "halve" stay together.
 */
export function aimParts(target: string): string[] {
  const pieces = target
    .trim()
    .replace(/[.\s]+$/, "")
    .split(BETWEEN);
  const parts: string[] = [];
  let current = pieces[0] ?? "";
  for (let i = 1; i < pieces.length; i += 2) {
    const between = pieces[i]!;
    const next = pieces[i + 1] ?? "";
    if (mentionsNumber(current) && (mentionsNumber(next) || CHANGE_VERB.test(next))) {
      parts.push(current);
      current = next;
    } else current += between + next;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Whether a measure measures a priority: its name names it, or says what it is about in the same words ("readmission rate" for readmissions). */
export function measuresPriority(measure: Pick<Measure, "name" | "definition">, p: NamedPriority): boolean {
  const said = (text: string) => {
    if (namesPriority(text, p)) return true;
    const about = topicWords(namesOf(p)[0] ?? "");
    const words = new Set(wordsOf(text).map(wordForm));
    return about.size > 0 && [...about].every((w) => words.has(w));
  };
  // A measure named for what it counts alone ("Rate", "%") says nothing of its topic; its definition may.
  return said(measure.name) || (topicWords(measure.name).size === 0 && said(measure.definition));
}

/** The partner's priorities an aim's target names, in their order. */
export function prioritiesNamed<P extends NamedPriority>(target: string, priorities: readonly P[]): P[] {
  return priorities.filter((p) => namesPriority(target, p));
}

/**
 * The part of an aim's target about the priorities kept, in words of its own: the clauses that name them,
 * with the other priorities named beside them left out ("Halve VAP and CLABSI rates" → "Halve CLABSI
 * rates"), and the first clause's verb before a clause that has none ("Reduce VAP by 50%, CLABSI by 70%"
 * → "Reduce CLABSI by 70%"). Null when no clause names them.
 */
export function aimPartAbout(target: string, keep: readonly NamedPriority[], named: readonly NamedPriority[]): string | null {
  const parts = aimParts(target);
  const verb = CHANGE_VERB.exec(parts[0] ?? "")?.[0];
  const others = named.filter((p) => !keep.includes(p));
  const said = parts
    .filter((part) => keep.some((p) => namesPriority(part, p)))
    .map((part) => {
      let text = part;
      for (const other of others) text = withoutName(text, other);
      if (verb && !CHANGE_VERB.test(text)) text = `${verb.toLowerCase()} ${text}`;
      return sentenceStart(text);
    });
  return said.length ? said.join("; ") : null;
}

/** A clause without a priority named beside another ("VAP and CLABSI rates" → "VAP rates"); as it was where the priority is not named so. */
function withoutName(clause: string, p: NamedPriority): string {
  const names = namesOf(p)
    .map((n) => n.trim())
    .filter((n) => n.length > 1)
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    const n = escapeRegExp(name);
    const after = new RegExp(`(?:\\s*,\\s*|\\s+(?:and|or)\\s+)${n}(?![\\p{L}\\p{N}])`, "iu");
    if (after.test(clause)) return clause.replace(after, "");
    const before = new RegExp(`(?<![\\p{L}\\p{N}])${n}(?:\\s*,\\s*|\\s+(?:and|or)\\s+)`, "iu");
    if (before.test(clause)) return clause.replace(before, "");
  }
  return clause;
}

/**
 * The target an outcome measure takes from the aim's (docs/domain.md §6.5): the aim's whole target when it
 * names at most one of the partner's priorities (by its target, or by its statement where the target names
 * none: "Zero" of "Reduce VAP to zero"); when it names several, the part about those the measure measures
 * ("Halve CLABSI rates" for CLABSI per 1,000 central-line days). Null when that cannot be told: a measure
 * of none of the priorities an aim of several names, or of another priority than the one the aim names,
 * which is then given no part of the aim as if it were its own.
 */
export function aimTargetFor(
  aim: { target: string; statement?: string },
  measure: Pick<Measure, "name" | "definition">,
  priorities: readonly NamedPriority[]
): string | null {
  const byTarget = prioritiesNamed(aim.target, priorities);
  const named = byTarget.length ? byTarget : prioritiesNamed(aim.statement ?? "", priorities);
  const about = named.filter((p) => measuresPriority(measure, p));
  if (named.length <= 1) return named.length === 1 && !about.length && priorities.some((p) => measuresPriority(measure, p)) ? null : aim.target;
  return about.length ? aimPartAbout(aim.target, about, named) : null;
}

/**
 * The priorities an aim names that no outcome measure of the diagram measures, each with the part of the
 * aim that would be its measure's target ("cut sepsis mortality by 15%"). None for an aim of one priority
 * or none: the checker asks for an outcome measure of the aim itself.
 */
export function unmeasuredAimParts(d: DriverDiagram, priorities: readonly NamedPriority[]): { priority: NamedPriority; part: string }[] {
  const named = prioritiesNamed(d.aim.target, priorities);
  if (named.length <= 1) return [];
  const outcomes = d.measures.filter((m) => m.kind === "outcome");
  return named
    .filter((p) => !outcomes.some((m) => measuresPriority(m, p)))
    .map((priority) => ({ priority, part: aimPartAbout(d.aim.target, [priority], named) ?? sentenceStart(d.aim.target) }));
}
