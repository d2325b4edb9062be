import { formatMonth, isIsoDate, monthOf } from "./calendar";
import {
  diagramFromTemplate,
  DRIVER_DIAGRAM_LIMITS,
  nextMeasureId,
  populationInSentence,
  setAim,
  type Aim,
  type DriverDiagram,
  type DriverDiagramStarter,
  type Measure,
} from "./driver-diagram";
import { truncateLabel } from "./driver-diagram-mermaid";
import { aimMeasureOf } from "./driver-diagram-templates";
import { priorityLabel, type Intake } from "./intake";
import { formatFigure } from "./plural";
import { sentenceStart } from "./text";
import { outcomeTargetFor, outcomeTargetOfAim } from "./outcome-target";
import { prioritiesNamed, unmeasuredAimParts } from "./aim-parts";
import { namesOf, priorityInSentence, topicWords, wordForm, wordsOf } from "./priority-words";

/**
 * Starting a driver diagram from what the intake already says: the template for the partner's top
 * priority comes first, and the aim is the intake's draft aim (how much, for whom, by when).
 */

/** "2026-09-30" → "September 2026". */
function dateInWords(value: string): string {
  return isIsoDate(value) ? formatMonth(monthOf(value)) : value;
}

/** The partner's top priority topic key ("vap"), or null when there is none or it was written in. */
export function topPriorityTopic(intake: Intake): string | null {
  const first = intake.needs.priorities[0];
  return first && first.topic !== "other" ? first.topic : null;
}

/** The partner's top priority as they named it: a listed topic's key, or what they wrote in. */
export function topPriority(intake: Intake): { topic: string; writtenIn: false } | { custom: string; writtenIn: true } | null {
  const first = intake.needs.priorities[0];
  if (!first) return null;
  if (first.topic !== "other") return { topic: first.topic, writtenIn: false };
  return first.custom?.trim() ? { custom: first.custom.trim(), writtenIn: true } : null;
}

export type DraftAim = { draftAim: string | null; population: string | null; byWhen: string | null; howMuch: string | null };

/** The intake's draft aim as one sentence, plus its "for whom" and "by when" on their own. */
export function draftAimFromIntake(intake: Intake): DraftAim {
  const { aimHowMuch, aimForWhom, aimByWhen } = intake.evidence;
  const howMuch = aimHowMuch?.trim().replace(/[.\s]+$/, "") ?? "";
  const forWhom = aimForWhom?.trim() ?? "";
  const byWhen = aimByWhen ? formatMonth(aimByWhen) : "";
  const population = populationInSentence(forWhom);
  const draftAim = howMuch ? [howMuch, population ? `for ${population}` : "", byWhen ? `by ${byWhen}` : ""].filter(Boolean).join(" ") : null;
  return { draftAim, population: forWhom || null, byWhen: byWhen || null, howMuch: howMuch || null };
}

type Priority = Intake["needs"]["priorities"][number];

/** The baseline the intake recorded for a topic, in words: "VAP per 1,000 ventilator days: 7.2 (September 2026)". */
export function intakeBaseline(intake: Intake, topic: string | null): string | null {
  const p = topic ? intake.needs.priorities.find((x) => x.topic === topic) : undefined;
  return p ? baselineOfAim([p]) : null;
}

/**
 * Whether the partner's own measure of a priority and a template's measure measure the same thing: at
 * least half the words that say what the partner's measures ("VAP per 1,000 ventilator days": VAP,
 * ventilator, day) are in the template measure's name or definition. "Patients with suspected sepsis
 * given antibiotics within one hour" is not "Sepsis mortality", though both are about sepsis.
 */
function sameMeasure(partners: string, template: Measure): boolean {
  const theirs = topicWords(partners);
  // A measure named by nothing but how it counts ("Rate", "%") says nothing against the template's.
  if (theirs.size === 0) return true;
  const ours = new Set(wordsOf(`${template.name} ${template.definition ?? ""}`).map(wordForm));
  const found = [...theirs].filter((w) => ours.has(w)).length;
  return found > 0 && found * 2 >= theirs.size;
}

/**
 * The outcome measure the aim is about: the template's own (aimMeasureOf), unless the partner states
 * the aim in a measure that shares more of its words with another of the template's outcome measures
 * ("Falls with harm per 1,000 bed days" is the template's falls with injury, not all falls).
 */
function nearestAimMeasure(template: DriverDiagramStarter, theirs: string | undefined): string | null {
  const own = aimMeasureOf(template);
  const words = theirs ? topicWords(theirs) : new Set<string>();
  if (!own || words.size === 0) return own;
  const shared = (m: Measure) => {
    const ours = new Set(wordsOf(`${m.name} ${m.definition ?? ""}`).map(wordForm));
    return [...words].filter((w) => ours.has(w)).length;
  };
  const outcomes = template.diagram.measures.filter((m) => m.kind === "outcome" && m.attachedTo === "aim");
  const ownMeasure = outcomes.find((m) => m.id === own);
  const ownShared = ownMeasure ? shared(ownMeasure) : 0;
  const nearer = outcomes.filter((m) => m.id !== own && shared(m) > ownShared).sort((a, b) => shared(b) - shared(a))[0];
  return nearer?.id ?? own;
}

/** A measure's name that gives its unit at its end: "In-hospital sepsis mortality (%)", "Sepsis mortality, %". */
const PERCENT_MEASURE = /\s*(?:\(\s*(?:%|per\s?cent)\s*\)|,?\s*(?:%|per\s?cent))\s*$/i;
/** A rate's name: what it counts, then per how much of what ("VAP per 1,000 ventilator days"). */
const RATE_MEASURE = /^(.+?)\s+(per\s+(?:[\d,.]+\s+)?\S.*)$/i;

/**
 * A baseline's figure with its unit, apart from what it measures: "In-hospital sepsis mortality (%)" and
 * 18.4 → "In-hospital sepsis mortality", "18.4%"; "VAP per 1,000 ventilator days" and 7.2 → "VAP", "7.2
 * per 1,000 ventilator days"; a measure that gives no unit keeps its name, and the figure stands alone.
 */
export function baselineFigure(measure: string, value: number): { what: string; figure: string } {
  const name = measure.trim();
  const n = formatFigure(value);
  if (PERCENT_MEASURE.test(name) && name.replace(PERCENT_MEASURE, "")) return { what: name.replace(PERCENT_MEASURE, ""), figure: `${n}%` };
  const rate = RATE_MEASURE.exec(name);
  return rate ? { what: rate[1]!, figure: `${n} ${rate[2]}` } : { what: name, figure: n };
}

/**
 * A baseline as a reader expects it, its figure with its unit after what it measures: "In-hospital
 * sepsis mortality: 18.4%", "VAP: 7.2 per 1,000 ventilator days"; `name`, what to call it where the
 * measure's own name is too long to list ("Sepsis: 18.4%").
 */
export function baselineInWords(measure: string, value: number, name?: string): string {
  const { what, figure } = baselineFigure(measure, value);
  return `${name ?? what}: ${figure}`;
}

/** A baseline by its priority's name, where the measures are too long to list: "Sepsis: 18.4%", "VAP: 7.2". */
function shortBaseline(p: Priority, value: number): string {
  const percent = PERCENT_MEASURE.test(p.baselineMeasure ?? "") && baselineFigure(p.baselineMeasure!, value).figure.endsWith("%");
  return `${sentenceStart(priorityLabel(p, "short"))}: ${formatFigure(value)}${percent ? "%" : ""}`;
}

/**
 * The baseline of the priorities an aim covers, each its figure with its unit after what it measures, so
 * that a reader sees which measure it is for, one priority as each of several: "VAP: 7.2 per 1,000
 * ventilator days (September 2026); … In-hospital sepsis mortality: 18.4% (June 2026)"; among several,
 * "no baseline recorded yet for sepsis" for one without. A priority without a measure, or measures too
 * long to list whole in the field, are named by their priority instead. Null when none has a baseline.
 */
function baselineOfAim(covered: readonly Priority[]): string | null {
  if (covered.every((p) => p.baselineValue === undefined && !p.baselineDue)) return null;
  const when = (p: Priority) => (p.baselineDate ? ` (${dateInWords(p.baselineDate)})` : "");
  const said = (named: boolean) =>
    covered
      .map((p) =>
        p.baselineValue === undefined
          ? p.baselineDue
            ? `${sentenceStart(priorityLabel(p, "short"))}: to be measured by ${formatMonth(p.baselineDue)}`
            : `no baseline recorded yet for ${priorityInSentence(p)}`
          : `${named && p.baselineMeasure?.trim() ? baselineInWords(p.baselineMeasure, p.baselineValue) : shortBaseline(p, p.baselineValue)}${when(p)}`
      )
      .join("; ");
  const max = DRIVER_DIAGRAM_LIMITS.target;
  const full = said(true);
  if (full.length <= max) return full;
  const short = said(false);
  return short.length <= max ? short : `${short.slice(0, short.lastIndexOf("; ", max - 3))}; …`;
}

/** Whether a text gives a figure: "18.4" in "18.4% (June 2026)", not in "118.4" nor "18.45". */
function givesFigure(text: string, value: number): boolean {
  const figure = String(value).replace(/\./g, "\\.");
  return new RegExp(`(?<![\\d.,])${figure}(?![\\d]|[.,]\\d)`).test(text.replace(/(\d),(?=\d{3}\b)/g, "$1"));
}

/**
 * Measures an aim may be stated in that no priority's words need name: deaths (mortality, lives), how
 * long people wait (the 4-hour figure), how long they stay.
 */
const OWN_MEASURES = [
  /\b(?:deaths?|mortality|died|lives|h?smr)\b/i,
  /\b(?:4|four)[- ]hours?\b|\bwait(?:s|ing)?\b|\bwithin \d+ hours\b/i,
  /\blength of stay\b/i,
];

/**
 * Whether an aim that names none of the priorities is about what one measures: it is ("Halve harm from
 * infections" of VAP), unless the aim is stated in a measure of its own that the priority's names and
 * measure do not speak of ("100,000 fewer deaths" beside cardiac arrests; "Raise the 4-hour figure from
 * 62% to 78%" beside delayed discharges).
 */
function speaksOf(aimText: string, p: Priority): boolean {
  const theirs = `${namesOf(p).join(" ")} ${p.baselineMeasure ?? ""}`;
  return !OWN_MEASURES.some((m) => m.test(aimText) && !m.test(theirs));
}

/**
 * The priorities whose baselines are the aim's (docs/domain.md §6.6): those the aim names, or the top
 * priority where it names none, unless the aim is stated in a measure of its own (speaksOf). None where the aim is stated in
 * another measure ("100,000 fewer deaths" beside cardiac arrests outside the ICU): no priority's
 * baseline is the aim's, and the aim's own is to be given by hand.
 */
export function prioritiesOfAim(aimText: string, priorities: readonly Priority[]): Priority[] {
  const named = prioritiesNamed(aimText, priorities);
  if (named.length) return named;
  const top = priorities[0];
  return top && speaksOf(aimText, top) ? [top] : [];
}

/** Whether an aim's baseline says a priority's: its figure, or the month it is to be measured by. */
function givesBaseline(baseline: string, p: Priority): boolean {
  if (p.baselineValue !== undefined) return givesFigure(baseline, p.baselineValue);
  return p.baselineDue ? baseline.includes(formatMonth(p.baselineDue)) : true;
}

/**
 * Where the aim's baseline no longer gives what the intake records (docs/domain.md §6.6): the priorities
 * the aim covers (prioritiesOfAim) whose recorded baseline figure, or the month it is to be measured by,
 * the aim's baseline does not give, and the baseline the intake gives now, as a new diagram's aim would
 * say it ("Adverse events: to be measured by September 2027"). A baseline the manager reworded stands
 * while it gives each figure. Null when nothing is missing, or when the intake's own baseline could not
 * give it either (cut short to fit the field).
 */
export function staleAimBaseline(
  aim: Pick<Aim, "statement" | "target" | "baseline">,
  priorities: readonly Priority[]
): { missing: Priority[]; baseline: string } | null {
  const covered = prioritiesOfAim(`${aim.statement} ${aim.target}`, priorities);
  const baseline = baselineOfAim(covered);
  if (!baseline) return null;
  const missing = covered.filter((p) => (p.baselineValue !== undefined || p.baselineDue) && !givesBaseline(aim.baseline, p) && givesBaseline(baseline, p));
  return missing.length ? { missing, baseline } : null;
}

/**
 * The priority whose baseline the aim's baseline gives though the aim is stated in another measure: the
 * top priority's "Cardiac arrests outside the ICU: 3.5" under an aim of "100,000 fewer deaths", as a
 * diagram started from the intake wrote it. Null where the aim names or speaks of it, or its baseline
 * gives no priority's.
 */
export function aimBaselineOfAnotherMeasure(aim: Pick<Aim, "statement" | "target" | "baseline">, priorities: readonly Priority[]): Priority | null {
  const text = `${aim.statement} ${aim.target}`;
  if (!aim.baseline.trim() || prioritiesOfAim(text, priorities).length) return null;
  return priorities.find((p) => (p.baselineValue !== undefined || p.baselineDue) && givesBaseline(aim.baseline, p)) ?? null;
}

/**
 * The aim's baseline as the proposal states it (docs/domain.md §6.6): the diagram's, unless it leaves
 * out what the intake records for the priorities the aim covers (then the intake's, as the mended aim
 * would say it), or it is the baseline of a priority the aim is not stated in (then none: the aim's
 * own is still to be given, and the proposal lists it as missing).
 */
export function aimBaselineStated(aim: Pick<Aim, "statement" | "target" | "baseline">, priorities: readonly Priority[]): string {
  const stale = staleAimBaseline(aim, priorities);
  if (stale) return stale.baseline;
  return aimBaselineOfAnotherMeasure(aim, priorities) ? "" : aim.baseline;
}

/**
 * A new diagram from a template, its aim filled from the intake. With the intake's draft aim come the
 * baselines of the priorities it names (the top priority's when it names none) and the intake's own
 * "how much" as the target: a template's target ("20% fewer falls") would contradict an aim of 40%.
 * For the same reason the outcome measure the aim is about takes that target too, or none when the aim
 * gives no figure (docs/domain.md §6.5). A template for another topic keeps its nodes and its outcome
 * measure's target, but its topic's baseline would describe something the aim does not. Without a
 * draft aim, the template's own aim wording goes with its targets and its topic's baseline.
 */
export function startingDiagram(
  template: DriverDiagramStarter & { topic: string | null },
  intake: Intake,
  templateFor: (topic: string) => DriverDiagramStarter | null = () => null
): DriverDiagram {
  const draft = draftAimFromIntake(intake);
  const d = diagramFromTemplate(template, draft);
  const priorities = intake.needs.priorities;
  const fromIntake = draft.draftAim !== null;
  const named = prioritiesNamed(draft.howMuch ?? "", priorities);
  const covered = named.length ? named : priorities.slice(0, 1);
  const sameTopic = covered.some((p) => p.topic !== "other" && p.topic === template.topic);
  // The baseline is of the priorities the aim is about: none where it is stated in another measure than the top priority's.
  const baseline = fromIntake ? baselineOfAim(prioritiesOfAim(draft.howMuch ?? "", priorities)) : intakeBaseline(intake, template.topic);
  const target = fromIntake ? truncateLabel(draft.howMuch ?? "", DRIVER_DIAGRAM_LIMITS.target) : d.aim.target;
  const next = setAim(d, { baseline: baseline ?? (fromIntake && !sameTopic ? "" : d.aim.baseline), target });
  if (!next.ok) return d;
  // Where the partner measures the aim's priority by something else, the template's measure is not the aim's: its figure is not the aim's either.
  const priority = covered.find((p) => p.topic === template.topic);
  const theirs = priority?.baselineMeasure?.trim();
  // The blank template's outcome measure is whatever the aim is about; among several, the one nearest the partner's own.
  const aimMeasure = fromIntake && (sameTopic || template.topic === null) ? nearestAimMeasure(template, theirs) : null;
  const measuresTheAim = (m: Measure) => template.topic === null || !theirs || sameMeasure(theirs, m);
  // An aim of several priorities gives the measure its part ("Halve VAP rates"), never the parts it does not measure (docs/domain.md §6.5).
  const targetOf = (m: Measure) => outcomeTargetFor(next.diagram.aim, m, priorities) ?? "";
  const measures = next.diagram.measures.map((m) => (m.id === aimMeasure ? { ...m, target: measuresTheAim(m) ? targetOf(m) : "" } : m));
  const templatesAimMeasure = measures.find((m) => m.id === aimMeasure);
  if (!templatesAimMeasure || measuresTheAim(templatesAimMeasure) || !priority || !theirs)
    return fromIntake ? withEveryPartMeasured({ ...next.diagram, measures }, priorities, templateFor) : { ...next.diagram, measures };
  // The aim is stated in the partner's own measure, which the template does not have: it leads the measures, with the aim's target.
  const own = ownMeasure(priority, nextMeasureId({ ...next.diagram, measures }), "The measure the aim is stated in");
  return withEveryPartMeasured({ ...next.diagram, measures: [{ ...own, target: targetOf(own) }, ...measures] }, priorities, templateFor);
}

/** The partner's own measure of a priority as an outcome measure of the aim: its baseline in its definition, its source; what it counts is to be agreed. */
function ownMeasure(priority: Priority, id: string, lead: string): Measure {
  return {
    id,
    kind: "outcome",
    name: truncateLabel(priority.baselineMeasure?.trim() ?? "", DRIVER_DIAGRAM_LIMITS.measureName),
    definition: `${lead}${
      priority.baselineValue !== undefined
        ? `, with a baseline of ${baselineFigure(priority.baselineMeasure ?? "", priority.baselineValue).figure}${
            priority.baselineDate ? ` in ${dateInWords(priority.baselineDate)}` : ""
          }`
        : ""
    }. Its numerator and denominator are to be agreed.`,
    numerator: "",
    denominator: "",
    source: truncateLabel(priority.baselineSource?.trim() ?? "", DRIVER_DIAGRAM_LIMITS.source),
    frequency: "",
    target: "",
    attachedTo: "aim",
    assumption: false,
  };
}

/**
 * Each priority an aim of several names, measured (docs/domain.md §6.5): a priority no outcome measure
 * of the template measures takes the outcome measure of its own topic's template, or, where the partner
 * measures it by something else or no template is for it, the partner's own measure; either with its
 * part of the aim as its target ("Halve CLABSI rates"). A priority with neither is left for the checker
 * to name.
 */
function withEveryPartMeasured(d: DriverDiagram, priorities: Priority[], templateFor: (topic: string) => DriverDiagramStarter | null): DriverDiagram {
  let out = d;
  for (const { priority, part } of unmeasuredAimParts(d, priorities)) {
    const p = priority as Priority;
    const theirs = p.baselineMeasure?.trim();
    const template = p.topic !== "other" ? templateFor(p.topic) : null;
    const key = template ? nearestAimMeasure(template, theirs) : null;
    const fromTemplate = template?.diagram.measures.find((m) => m.id === key);
    const id = nextMeasureId(out);
    const measure =
      fromTemplate && (!theirs || sameMeasure(theirs, fromTemplate))
        ? { ...fromTemplate, id, kind: "outcome" as const, attachedTo: "aim" as const }
        : theirs
        ? ownMeasure(p, id, `The measure the aim's figure for ${priorityInSentence(p)} is stated in`)
        : null;
    if (!measure) continue;
    // With the other outcome measures, before the process and balancing measures, as the diagram and the plan list them.
    const at = out.measures.map((m) => m.kind).lastIndexOf("outcome") + 1;
    out = { ...out, measures: [...out.measures.slice(0, at), { ...measure, target: outcomeTargetOfAim(part) }, ...out.measures.slice(at)] };
  }
  return out;
}

/**
 * A template's own aim, for its card among the templates: its wording with the intake's population and
 * date filled in, never the intake's draft aim (which every template would start with alike, so the
 * cards would all read the same). What the intake does not say reads as a blank, "…", as the template's
 * other blanks do; the diagram itself keeps the placeholder, which its check asks to fill in.
 */
export function templateAim(template: DriverDiagramStarter, intake: Intake): string {
  const { statement } = diagramFromTemplate(template, { ...draftAimFromIntake(intake), draftAim: null }).aim;
  return statement.replace(/\{(population|byWhen)\}/g, "…");
}
