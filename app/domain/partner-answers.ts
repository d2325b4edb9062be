import { MAX_PRIORITIES, priorityKey, priorityLabel, writtenInId, type Intake, type Priority } from "./intake";
import { answerWords } from "./intake-differences";
import { intakeFieldLabel, sectionFieldNames } from "./intake-form";
import { inPartnerWords } from "./intake-labels";
import { money } from "./money";
import type { OpenableSection } from "./partner-intake";
import { formatCount, formatFigure, plural } from "./plural";

/*
 * What taking a partner's answers into the intake changes (docs/domain.md §9.10). The partner answers a
 * section in a draft of their own, never seeing the intake; taking it in must not wipe what the manager
 * already holds. So an answer the partner left empty keeps the intake's; an answer that differs is a
 * change the manager sees, the intake's answer beside the partner's, and takes in or leaves; and a
 * priority is matched by its topic, not by its row: the partner's baseline for a priority the intake
 * already ranks fills that priority, a priority the intake lacks joins the end of the list, and the
 * intake's other priorities stay as they are, in their rank.
 */

/** One answer the partner gave that the intake does not hold: the key the form posts to take it in. */
export type AnswerChange = { key: string; label: string; ours: string; theirs: string };

/**
 * An answer of the partner's left out of the intake, as they are told of it: the question in their own
 * words and the answer they gave, never what the intake says in its place.
 */
export type LeftOutAnswer = { label: string; answer: string };

/** A change, with how the partner is told of it should it be left out. */
type Change = AnswerChange & { toPartner: LeftOutAnswer };

type Answers = Record<string, unknown>;

/** A baseline's parts: taken in together, so that a figure never stands beside another figure's date or measure. */
const BASELINE_FIELDS = ["baselineMeasure", "baselineValue", "baselineDate", "baselineSource", "baselineDue"] as const;
/** What was measured and when, or when it will be: one answer, replaced whole when the partner gives any of it. */
const MEASURED = ["baselineValue", "baselineDate", "baselineDue"] as const;

/** Whether the partner gave an answer: an empty text or a missing value is no answer. */
function given(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
}

function same(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.trim() === b.trim() : a === b;
}

/** An answer in words: a yes or no, an amount in the budget's currency, a count, or the option's, date's or text's words. */
function words(field: string, value: unknown, currency: string | undefined): string {
  if (!given(value)) return "no answer";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    if (field === "budgetMin" || field === "budgetMax") return money(value, currency ?? null);
    // A duration says its unit: "7 months", not "7".
    return field === "longestDurationMonths" ? plural(value, "month") : formatCount(value);
  }
  // Written answers whole: the manager decides between the two texts.
  return answerWords(field, String(value), Infinity);
}

/** A written-in priority matches by its text, however either side wrote its capitals and spaces. */
function matchKey(p: Priority): string {
  return p.topic === "other" ? writtenInId(p.custom) : priorityKey(p);
}

/** A priority's baseline in words: "21 for Sepsis mortality (%) on 30 June 2026 (Hospital episode statistics)". */
function baselineWords(p: Priority): string {
  const measure = p.baselineMeasure ? ` for ${p.baselineMeasure}` : "";
  const source = p.baselineSource ? ` (${p.baselineSource})` : "";
  if (given(p.baselineValue)) {
    const date = p.baselineDate ? ` on ${answerWords("baselineDate", p.baselineDate)}` : "";
    return `${formatFigure(p.baselineValue!)}${measure}${date}${source}`;
  }
  if (p.baselineDue) return `to be measured${measure} by ${answerWords("baselineDue", p.baselineDue)}`;
  return p.baselineMeasure || p.baselineSource ? `no figure yet${measure}${source}` : "no baseline";
}

/** A priority the intake lacks, in words: its topic, and its baseline or its measure where it gives one. */
function priorityWords(p: Priority): string {
  if (given(p.baselineValue)) return `${priorityLabel(p)}, with a baseline of ${baselineWords(p)}`;
  if (given(p.baselineDue)) return `${priorityLabel(p)}, with a baseline ${baselineWords(p)}`;
  return p.baselineMeasure ? `${priorityLabel(p)}, measured as ${p.baselineMeasure}` : priorityLabel(p);
}

/**
 * The intake's priority with the partner's baseline taken in: what they measured and when (or when it
 * will be) replaces the intake's whole where they gave any of it; its measure and source where given.
 */
function withTheirBaseline(mine: Priority, theirs: Priority): Priority {
  const taken: Priority = { ...mine };
  if (MEASURED.some((f) => given(theirs[f]))) for (const f of MEASURED) delete taken[f];
  for (const f of BASELINE_FIELDS) if (given(theirs[f])) Object.assign(taken, { [f]: theirs[f] });
  return taken;
}

function currencyOf(section: OpenableSection, ours: Answers, theirs: Answers): string | undefined {
  if (section !== "budget") return undefined;
  return ((given(theirs.currency) ? theirs.currency : ours.currency) as string | undefined)?.toUpperCase();
}

/**
 * Each answer the partner gave that differs from the intake's, in the form's order, with both answers
 * in words. Answers they left empty, and answers equal to the intake's, are not changes.
 */
export function partnerAnswerChanges<K extends OpenableSection>(section: K, oursSection: Intake[K], theirsSection: Intake[K]): AnswerChange[] {
  return changesOf(section, oursSection, theirsSection).map(({ toPartner: _, ...change }) => change);
}

function changesOf<K extends OpenableSection>(section: K, oursSection: Intake[K], theirsSection: Intake[K]): Change[] {
  const ours = oursSection as Answers;
  const theirs = theirsSection as Answers;
  const currency = currencyOf(section, ours, theirs);
  // Told to the partner in the currency they gave, if any: never the intake's.
  const theirCurrency = section === "budget" && given(theirs.currency) ? String(theirs.currency).toUpperCase() : undefined;
  const changes: Change[] = sectionFieldNames(section)
    .filter((field) => given(theirs[field]) && !same(theirs[field], ours[field]))
    .map((field) => ({
      key: field,
      label: intakeFieldLabel(field),
      ours: words(field, ours[field], currency),
      theirs: words(field, theirs[field], currency),
      toPartner: { label: inPartnerWords(intakeFieldLabel(field)), answer: words(field, theirs[field], theirCurrency) },
    }));
  if (section !== "needs") return changes;

  const held = new Map((oursSection as Intake["needs"]).priorities.map((p) => [matchKey(p), p]));
  for (const p of (theirsSection as Intake["needs"]).priorities) {
    const mine = held.get(matchKey(p));
    if (!mine) {
      changes.push({
        key: `priority:${matchKey(p)}`,
        label: "A priority the intake does not list",
        ours: "not listed",
        theirs: `${priorityWords(p)}; it would join the end of the list`,
        toPartner: { label: "A priority you added", answer: priorityWords(p) },
      });
      continue;
    }
    const taken = withTheirBaseline(mine, p);
    if (BASELINE_FIELDS.every((f) => same(taken[f], mine[f]))) continue;
    changes.push({
      key: `priority:${matchKey(p)}:baseline`,
      label: `${priorityLabel(mine)}: baseline`,
      ours: baselineWords(mine),
      theirs: baselineWords(taken),
      toPartner: { label: `${priorityLabel(p)}: baseline`, answer: baselineWords(p) },
    });
  }
  return changes;
}

/**
 * The section as it stands once the chosen changes are taken in: the intake's answers, each chosen one
 * replaced by the partner's, and each chosen new priority added after the intake's own. Refused, with
 * the reason, when a choice is not one of the changes (the page lists them all), or when the
 * priorities would then be more than the intake holds.
 */
export function takeChosenAnswers<K extends OpenableSection>(
  section: K,
  oursSection: Intake[K],
  theirsSection: Intake[K],
  chosen: readonly string[]
): { ok: true; section: Intake[K]; taken: AnswerChange[]; leftOut: LeftOutAnswer[] } | { ok: false; reason: string } {
  const all = changesOf(section, oursSection, theirsSection);
  if (chosen.some((key) => !all.some((c) => c.key === key)))
    return { ok: false, reason: "One of the answers ticked is not among the partner's answers to take in. Reload the page and choose again." };
  const picked = new Set(chosen);
  const taken = all.filter((c) => picked.has(c.key)).map(({ toPartner: _, ...change }) => change);
  // What the partner is told was not taken in: each of their answers left unticked.
  const leftOut = all.filter((c) => !picked.has(c.key)).map((c) => c.toPartner);
  const takenKeys = new Set(taken.map((c) => c.key));
  const theirs = theirsSection as Answers;
  const result: Answers = { ...(oursSection as Answers) };
  for (const field of sectionFieldNames(section)) if (takenKeys.has(field)) result[field] = theirs[field];
  if (section !== "needs") return { ok: true, section: result as Intake[K], taken, leftOut };

  const theirPriorities = (theirsSection as Intake["needs"]).priorities;
  const priorities = (oursSection as Intake["needs"]).priorities.map((mine) => {
    const p = theirPriorities.find((t) => matchKey(t) === matchKey(mine));
    if (!p) return mine;
    return takenKeys.has(`priority:${matchKey(p)}:baseline`) ? withTheirBaseline(mine, p) : mine;
  });
  const added = theirPriorities.filter((p) => takenKeys.has(`priority:${matchKey(p)}`));
  if (priorities.length + added.length > MAX_PRIORITIES)
    return {
      ok: false,
      reason: `The intake lists ${priorities.length} priorities and can hold ${MAX_PRIORITIES}: take in at most ${
        MAX_PRIORITIES - priorities.length
      } of the partner's new ones, or remove some from the intake first.`,
    };
  return { ok: true, section: { ...result, priorities: [...priorities, ...added] } as Intake[K], taken, leftOut };
}

/**
 * What taking answers in did, for the manager's message: how many were taken, or that none were and the
 * section is closed; and, where some were left out, that the partner is told which.
 */
export function takenInWords(taken: number, sectionLabel: string, leftOut = 0): string {
  const told = leftOut ? ` The partner is told which ${leftOut === 1 ? "answer" : `${formatCount(leftOut)} answers`} of theirs you left out.` : "";
  return taken
    ? `${formatCount(taken)} of the partner's answers to ${sectionLabel} ${
        taken === 1 ? "is" : "are"
      } in the intake; the rest of the section is as it was.${told}`
    : `None of the partner's answers to ${sectionLabel} were taken in; the intake is as it was, and the section is closed to the partner.${told}`;
}

/**
 * What the partner's page says of a section the partnership team took in: that it is closed, and, where
 * some of their answers were left out, which, each as its question and their answer. Never why, unless
 * the team wrote a note to them, which the page shows beside it.
 */
export function takenForPartner(leftOut: readonly LeftOutAnswer[]): { said: string; leftOut: readonly LeftOutAnswer[] } {
  if (!leftOut.length) return { said: "The partnership team has taken your answers into their intake; the section is closed.", leftOut };
  const these = leftOut.length === 1 ? "this answer of yours" : `these ${formatCount(leftOut.length)} answers of yours`;
  return {
    said: `The partnership team has taken your answers into their intake, except ${these}, which they did not take in; the section is closed.`,
    leftOut,
  };
}
