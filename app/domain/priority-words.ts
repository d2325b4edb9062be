import { prioritiesWithEvidence, priorityLabel, type Intake, type Priority } from "./intake";
import { nameInSentence } from "./text";

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
