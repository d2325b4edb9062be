import { prioritiesWithEvidence, priorityLabel, type Intake, type Priority } from "./intake";
import { escapeRegExp, nameInSentence } from "./text";

/**
 * A priority named inside a sentence: a listed topic by its own short form ("falls", "VAP"); one
 * written in, as typed but with an ordinary capitalised first word in lower case, as the listed ones
 * are ("falls and delirium", not "falls and Delirium"), an acronym or a name keeping its capitals.
 */
export function priorityInSentence(p: Pick<Priority, "topic" | "custom">): string {
  const short = priorityLabel(p, "short");
  return p.topic === "other" ? nameInSentence(short) : short;
}

/** The priorities in rank order with their evidence answers (prioritiesWithEvidence), each `short` its name inside a sentence. */
export function prioritiesInSentences(intake: Intake) {
  return prioritiesWithEvidence(intake).map((p) => ({ ...p, short: priorityInSentence(p.priority) }));
}

/** The words an aim may name a priority by: its short name, its label and the abbreviation in it, or what was written in and the abbreviation in it. */
export function namesOf(p: Pick<Priority, "topic" | "custom">): string[] {
  const label = p.topic === "other" ? p.custom ?? "" : priorityLabel(p);
  const abbreviation = /\(([^)]+)\)/.exec(label)?.[1] ?? "";
  if (p.topic === "other") return [label, abbreviation];
  return [priorityLabel(p, "short").replace(/^the /i, ""), label.replace(/\s*\([^)]*\)/, ""), abbreviation];
}

/**
 * Words that say who, where, how or how much rather than what a priority is about: an aim names a
 * written-in priority ("Delirium in older patients") by the words left ("delirium"), and an aim for
 * older patients about something else does not name it.
 */
const NOT_THE_TOPIC = new Set(
  (
    "a an the and or of in on at to for from with without by among across after before during into per our their its all any each every " +
    "patient people person adult child children older elderly young care hospital ward unit service setting staff team " +
    "rate number level reduce reduction improve improvement increase better quality avoidable preventable acquired associated related"
  ).split(" ")
);

/** A word in one form for its singular and plural: "injuries" and "injury", "errors" and "error"; "sepsis" stays. */
export function wordForm(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

export const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** The words of a written-in priority's name that say what it is about: "Delirium in older patients" → delirium. */
export function topicWords(name: string): Set<string> {
  return new Set(
    wordsOf(name.replace(/\s*\([^)]*\)/, ""))
      .map(wordForm)
      .filter((w) => w.length > 2 && /\p{L}/u.test(w) && !NOT_THE_TOPIC.has(w))
  );
}

/**
 * Whether an aim names a priority: by one of its names, whole ("Halve VAP and CLABSI rates and cut
 * sepsis mortality by 15%": VAP, CLABSI, sepsis); a written-in one also by most of the words that say
 * what it is about, in either number ("Halve medication errors" for "Medication errors at discharge").
 */
export function namesPriority(aim: string, p: Pick<Priority, "topic" | "custom">): boolean {
  const byName = namesOf(p).some(
    (name) => name.trim().length > 1 && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name.trim())}($|[^\\p{L}\\p{N}])`, "iu").test(aim)
  );
  if (byName || p.topic !== "other") return byName;
  const topic = topicWords(p.custom ?? "");
  const inAim = new Set(wordsOf(aim).map(wordForm));
  const found = [...topic].filter((w) => inAim.has(w)).length;
  return found > 0 && found * 2 > topic.size;
}
