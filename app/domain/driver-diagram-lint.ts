import { childrenOf, findNode, MEASURE_KIND_LABELS, NODE_KIND_LABELS } from "./driver-diagram-view";
import { aimDateClash, aimWithIntakeMonth } from "./aim-date";
import { mentionsNumber, RELATIVE_TIME, unmeasuredAimParts } from "./aim-parts";
import { formatMonth } from "./calendar";
import { AimSchema, joinWith, listLabels, NODE_KIND_PLURALS, quoteLabel, type Aim, type DriverDiagram, type DriverNode } from "./driver-diagram";
import { aimBaselineOfAnotherMeasure, staleAimBaseline } from "./driver-diagram-start";
import type { Priority } from "./intake";
import { listOf } from "./plural";
import { priorityInSentence } from "./priority-words";

/**
 * The driver diagram's linter: what a reviewer would point out in a diagram (an aim without a number
 * or a date, a driver with nothing under it, a change idea without a process measure…), each finding
 * with its severity and the node or measure it is about (docs/domain.md §6.2).
 */

export type LintSeverity = "error" | "warning" | "info";
export type LintCode =
  | "aim-missing"
  | "aim-placeholder"
  | "aim-no-number"
  | "aim-no-date"
  | "aim-no-population"
  | "aim-date-differs"
  | "no-primary-drivers"
  | "too-few-primary-drivers"
  | "too-many-primary-drivers"
  | "driver-without-children"
  | "no-outcome-measure"
  | "aim-part-without-measure"
  | "aim-baseline-stale"
  | "aim-baseline-other-measure"
  | "aim-no-baseline"
  | "change-idea-without-process-measure"
  | "change-ideas-rely-on-driver-measures"
  | "duplicate-label"
  | "duplicate-measure-name"
  | "no-balancing-measure"
  | "measure-incomplete"
  | "template-label"
  | "measure-template-name"
  | "measure-no-definition"
  | "assumptions-to-review";

/** The part of the diagram a finding concerns: where the proposal lists it and where the page sends the manager to mend it. */
export type LintPart = "aim" | "drivers" | "measures" | "review";

const LINT_PARTS: Record<LintCode, LintPart> = {
  "aim-missing": "aim",
  "aim-placeholder": "aim",
  "aim-no-number": "aim",
  "aim-no-date": "aim",
  "aim-no-population": "aim",
  "aim-date-differs": "aim",
  "aim-baseline-stale": "aim",
  "aim-baseline-other-measure": "aim",
  "aim-no-baseline": "aim",
  "no-primary-drivers": "drivers",
  "too-few-primary-drivers": "drivers",
  "too-many-primary-drivers": "drivers",
  "driver-without-children": "drivers",
  "duplicate-label": "drivers",
  "no-outcome-measure": "measures",
  // A priority the aim names is mended with a measure of it (or, if the aim should not name it, on the aim).
  "aim-part-without-measure": "measures",
  "change-idea-without-process-measure": "measures",
  "change-ideas-rely-on-driver-measures": "measures",
  "duplicate-measure-name": "measures",
  "no-balancing-measure": "measures",
  "measure-incomplete": "measures",
  "template-label": "drivers",
  "measure-template-name": "measures",
  "measure-no-definition": "measures",
  "assumptions-to-review": "review",
};

export const lintPart = (f: Pick<LintFinding, "code">): LintPart => LINT_PARTS[f.code];

export type LintFinding = {
  code: LintCode;
  severity: LintSeverity;
  message: string;
  nodeId?: string;
  measureId?: string;
  /** The aim as it would read mended, where the finding can be mended in one step (the intake's date put in). */
  mendedAim?: Aim;
  /** The words of the one step that puts `mendedAim` in place: "Use the intake's date: June 2027". */
  mendWords?: string;
};

/**
 * What the checker knows of the engagement besides the diagram: the intake's date for the aim, which
 * plans are generated to meet and checked against, and the partner's priorities, which an aim may name
 * several of, each to be measured.
 */
export type LintContext = { intakeAimBy?: string | null; priorities?: readonly Priority[] };

/** The finding on an aim that names no date, worded once: the proposal lists it by these words among what is still to be completed. */
export const AIM_NO_DATE = "The aim does not say by when. Add a date, for example “by June 2027”: “some is not a number, soon is not a time”.";

const PLACEHOLDER = /\{[A-Za-z_]+\}/;
/** How the blank template marks the labels it leaves to be renamed ("Secondary driver 1.1 (rename)"): docs-templates/driver-diagrams/blank.json. */
const TO_RENAME = /\(rename\)\s*$/i;
/** A field that says nothing: empty, or only a dash or other marks ("—", "-", "…"). */
export const saysNothing = (text: string) => /^[\s\p{P}\p{S}]*$/u.test(text);
const YEAR = /\b(19|20)\d{2}\b/;
const MONTH = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

function mentionsDate(text: string, opts: { allowMay: boolean }): boolean {
  return YEAR.test(text) || MONTH.test(text) || RELATIVE_TIME.test(text) || (opts.allowMay && /\bmay\b/i.test(text));
}

function sameText(a: string) {
  return a.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

const SEVERITY_ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Checks a diagram against IHI guidance (docs/domain.md §6.2–6.4) and explains each finding in plain words.
 * Errors leave a Model for Improvement question unanswered; warnings go against the guidance;
 * info is worth a look.
 */
export function lintDriverDiagram(d: DriverDiagram, context: LintContext = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (f: LintFinding) => findings.push(f);
  const { aim } = d;

  // The aim: how much, by when, for whom.
  const aimText = [aim.statement, aim.target, aim.byWhen, aim.population].join(" ");
  if (aim.statement === "") {
    add({ code: "aim-missing", severity: "error", message: "Write the aim: what will improve, by how much, for whom and by when." });
  } else {
    if (PLACEHOLDER.test(aimText))
      add({
        code: "aim-placeholder",
        severity: "warning",
        message: `The aim still has a blank to fill in (${aimText.match(PLACEHOLDER)![0]}). Replace it with the partner's own figure, population or date.`,
      });
    if (!mentionsNumber(aim.statement) && !mentionsNumber(aim.target))
      add({
        code: "aim-no-number",
        severity: "warning",
        message:
          "The aim does not say how much. Add a number, for example “from 6.9 to 1 per 1,000 ventilator days” or “by 50%”, so that everyone can tell when it is met.",
      });
    if (!mentionsDate(aim.byWhen, { allowMay: true }) && !mentionsDate(aim.statement, { allowMay: false })) {
      // Where the intake says by when, one step puts its month in the aim (docs/domain.md §6.6).
      const mended = aimWithIntakeMonth(aim, context.intakeAimBy);
      add({
        code: "aim-no-date",
        severity: "warning",
        message: AIM_NO_DATE,
        ...(mended ? { mendedAim: mended, mendWords: `Use the intake's date: ${mended.byWhen}` } : {}),
      });
    }
    const clash = aimDateClash(aim, context.intakeAimBy);
    if (clash)
      add({
        code: "aim-date-differs",
        severity: "warning",
        message: `The aim says ${clash.said}, but the intake says it is to be met by ${formatMonth(
          clash.intake
        )}, the date plans are generated to meet and checked against. Put the intake's date in the aim, or change the intake's.`,
        ...(clash.corrected ? { mendedAim: clash.corrected, mendWords: `Use the intake's date: ${clash.corrected.byWhen}` } : {}),
      });
    // The aim's baseline was written from the intake when the diagram was started; a baseline recorded
    // or corrected there since would otherwise leave the proposal's Aims and its Context disagreeing.
    const stale = staleAimBaseline(aim, context.priorities ?? []);
    const mendedBaseline = stale ? AimSchema.safeParse({ ...aim, baseline: stale.baseline }) : null;
    if (stale)
      add({
        code: "aim-baseline-stale",
        severity: "warning",
        message: `The aim's baseline does not give the intake's baseline for ${listOf(
          stale.missing.map((p) => priorityInSentence(p))
        )}. Put the intake's baselines in the aim, or correct the intake's.`,
        ...(mendedBaseline?.success ? { mendedAim: mendedBaseline.data, mendWords: "Use the intake's baselines" } : {}),
      });
    // A baseline the diagram took from the top priority, under an aim stated in another measure, is not the aim's.
    const other = stale ? null : aimBaselineOfAnotherMeasure(aim, context.priorities ?? []);
    if (other)
      add({
        code: "aim-baseline-other-measure",
        severity: "warning",
        message: `The aim's baseline is that of ${priorityInSentence(
          other
        )}, but the aim is stated in another measure. Give the baseline of the measure the aim names, or name ${priorityInSentence(other)} in the aim.`,
      });
    // An aim the intake's priorities cannot give a baseline to gives its own, or says where it starts ("from 62% to 78%").
    if (!stale && (context.priorities ?? []).length > 0 && aim.baseline.trim() === "" && !/\bfrom\s+\S*\d/i.test(`${aim.statement} ${aim.target}`))
      add({
        code: "aim-no-baseline",
        severity: "warning",
        message:
          "The aim gives no baseline. Fill in “Baseline”: where the measure the aim is stated in stands now, with its date (for example “4-hour performance: 62% (June 2026)”), or the month it is to be measured by.",
      });
    if (aim.population === "" || PLACEHOLDER.test(aim.population))
      add({
        code: "aim-no-population",
        severity: "warning",
        message:
          "The aim does not say for whom. Fill in “For whom”: the patients, units or sites it covers (for example “adult ICUs in the 12 participating hospitals”).",
      });
  }

  // Structure.
  const primaries = d.nodes.filter((n) => n.kind === "primary");
  if (primaries.length === 0)
    add({
      code: "no-primary-drivers",
      severity: "error",
      message: "Add the primary drivers: the few things that most directly drive the aim (IHI suggests 2 to 5).",
    });
  else if (primaries.length < 2)
    add({
      code: "too-few-primary-drivers",
      severity: "warning",
      message: "There is only one primary driver. A theory of change usually needs 2 to 5: what else must be true for the aim to be met?",
    });
  else if (primaries.length > 5)
    add({
      code: "too-many-primary-drivers",
      severity: "warning",
      message: `There are ${primaries.length} primary drivers; IHI suggests 2 to 5. Group related ones, or move some under another as secondary drivers.`,
    });

  for (const node of d.nodes) {
    if (node.kind === "change") continue;
    if (childrenOf(d, node.id).length === 0) {
      const missing = node.kind === "primary" ? "secondary drivers" : "change ideas";
      add({
        code: "driver-without-children",
        severity: "warning",
        nodeId: node.id,
        message: `The ${NODE_KIND_LABELS[node.kind].toLowerCase()} ${quoteLabel(
          node.label
        )} has nothing under it. Add the ${missing} that would move it, or remove it.`,
      });
    }
  }

  const firstByLabel = new Map<string, DriverNode>();
  for (const node of d.nodes) {
    const key = sameText(node.label);
    const first = firstByLabel.get(key);
    if (first)
      add({
        code: "duplicate-label",
        severity: "warning",
        nodeId: node.id,
        message:
          first.kind === node.kind
            ? `${quoteLabel(node.label)} appears twice among the ${
                NODE_KIND_PLURALS[node.kind]
              }. Rename one, or delete it and link the other to both parents instead.`
            : `${quoteLabel(node.label)} appears twice, as a ${NODE_KIND_LABELS[first.kind].toLowerCase()} and as a ${NODE_KIND_LABELS[
                node.kind
              ].toLowerCase()}. Rename one so that each says what it means at its level.`,
      });
    else firstByLabel.set(key, node);
  }

  // Labels the blank template left to be renamed would reach the partner as they stand (docs/domain.md §6.2).
  const unrenamed = d.nodes.filter((n) => TO_RENAME.test(n.label));
  if (unrenamed.length > 0)
    add({
      code: "template-label",
      severity: "error",
      nodeId: unrenamed[0]!.id,
      message: `${
        unrenamed.length === 1 ? "One driver or change idea still has" : `${unrenamed.length} drivers and change ideas still have`
      } the blank template's label (${listLabels(unrenamed, 3)}). Rename ${
        unrenamed.length === 1 ? "it" : "each"
      } to what it means for the partner, or delete it.`,
    });

  // Measures.
  const unnamed = d.measures.filter((m) => TO_RENAME.test(m.name));
  if (unnamed.length > 0)
    add({
      code: "measure-template-name",
      severity: "error",
      measureId: unnamed[0]!.id,
      message: `${unnamed.length === 1 ? "One measure still has" : `${unnamed.length} measures still have`} the blank template's name (${listLabels(
        unnamed.map((m) => ({ label: m.name })),
        3
      )}). Name ${unnamed.length === 1 ? "it" : "each"} for what it counts.`,
    });
  const undefinedMeasures = d.measures.filter((m) => saysNothing(m.definition));
  if (undefinedMeasures.length > 0)
    add({
      code: "measure-no-definition",
      severity: "error",
      measureId: undefinedMeasures[0]!.id,
      message:
        undefinedMeasures.length === 1
          ? `The ${MEASURE_KIND_LABELS[undefinedMeasures[0]!.kind].toLowerCase()} measure ${quoteLabel(
              undefinedMeasures[0]!.name
            )} has no operational definition. Say what it counts, so that two people collecting it count the same thing.`
          : `${undefinedMeasures.length} measures have no operational definition (${listLabels(
              undefinedMeasures.map((m) => ({ label: m.name })),
              3
            )}). Say what each counts, so that two people collecting it count the same thing.`,
    });
  if (!d.measures.some((m) => m.kind === "outcome"))
    add({
      code: "no-outcome-measure",
      severity: "error",
      message: "Add an outcome measure for the aim: it is how you will know that a change is an improvement.",
    });
  // An aim of several priorities is measured in each (docs/domain.md §6.5): a part no outcome measure measures would be missing from the plan unsaid.
  if (d.measures.some((m) => m.kind === "outcome"))
    for (const { priority, part } of unmeasuredAimParts(d, context.priorities ?? []))
      add({
        code: "aim-part-without-measure",
        severity: "warning",
        message: `The aim speaks of ${priorityInSentence(
          priority
        )}, but no outcome measure measures it. Add one with “${part}” as its target, so that the plan measures the whole aim.`,
      });
  if (!d.measures.some((m) => m.kind === "balancing"))
    add({
      code: "no-balancing-measure",
      severity: "warning",
      message: "Add a balancing measure: something that would get worse elsewhere if the changes had side effects (for example length of stay, or staff time).",
    });

  const hasProcess = (id: string) => d.measures.some((m) => m.kind === "process" && m.attachedTo === id);
  const reliesOn: DriverNode[] = [];
  for (const change of d.nodes.filter((n) => n.kind === "change")) {
    if (hasProcess(change.id)) continue;
    const secondaries = change.parents.map((p) => findNode(d, p.id)).filter((n): n is DriverNode => !!n);
    const drivers = [...secondaries, ...secondaries.flatMap((s) => s.parents.map((p) => findNode(d, p.id)).filter((n): n is DriverNode => !!n))];
    if (drivers.some((n) => hasProcess(n.id))) reliesOn.push(change);
    else
      add({
        code: "change-idea-without-process-measure",
        severity: "warning",
        nodeId: change.id,
        message: `Nothing measures whether the change idea ${quoteLabel(change.label)} is happening. Add a process measure to it, or to the driver it serves.`,
      });
  }
  if (reliesOn.length > 0)
    add({
      code: "change-ideas-rely-on-driver-measures",
      severity: "info",
      message:
        reliesOn.length === 1
          ? `One change idea has no process measure of its own and relies on the measure of the driver it serves (${listLabels(
              reliesOn,
              3
            )}). That is fine while the driver's measure shows whether the change is happening.`
          : `${reliesOn.length} change ideas have no process measure of their own and rely on the measures of the drivers they serve (${listLabels(
              reliesOn,
              3
            )}). That is fine while those measures show whether each change is happening.`,
    });

  const seenNames = new Set<string>();
  for (const m of d.measures) {
    const key = sameText(m.name);
    if (seenNames.has(key))
      add({
        code: "duplicate-measure-name",
        severity: "warning",
        measureId: m.id,
        message: `Two measures are called ${quoteLabel(m.name)}. Give each a name that says what it counts.`,
      });
    seenNames.add(key);
    const missing = (
      [
        // The operational definition is a finding of its own: a measure without one cannot be shared.
        ["numerator", "numerator"],
        ["denominator", "denominator"],
        ["source", "data source"],
        ["frequency", "frequency"],
        ["target", "target"],
      ] as const
    )
      .filter(([field]) => saysNothing(m[field]))
      .map(([, words]) => words);
    // Why each missing part matters: how it is counted, so two people count the same thing; and what it should reach.
    const counting = missing.some((w) => w !== "target");
    const why = [
      counting ? "Two people collecting it should count the same thing" : null,
      missing.includes("target") ? `${counting ? "a" : "A"} target tells everyone when it is met` : null,
    ]
      .filter(Boolean)
      .join(", and ");
    if (missing.length > 0)
      add({
        code: "measure-incomplete",
        severity: "info",
        measureId: m.id,
        nodeId: m.attachedTo === "aim" ? undefined : m.attachedTo,
        message: `The ${MEASURE_KIND_LABELS[m.kind].toLowerCase()} measure ${quoteLabel(m.name)} has no ${joinWith(missing, "or")} yet. ${why}.`,
      });
  }

  const assumed = d.nodes.filter((n) => n.assumption).length + d.measures.filter((m) => m.assumption).length;
  if (assumed > 0)
    add({
      code: "assumptions-to-review",
      severity: "info",
      message:
        assumed === 1
          ? "One item is marked as an assumption: inferred rather than taken from a published source. Review it with the partner and mark it as reviewed."
          : `${assumed} items are marked as assumptions: inferred rather than taken from a published source. Review them with the partner and mark each as reviewed.`,
    });

  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * Where the diagram stands as a step of the flow (docs/domain.md §6.4, §6.6), one rule for the stepper
 * and the page's checks: an error, or a part of the aim no outcome measure measures (the proposal cannot
 * be shared until one does), leaves it unfinished; an aim naming another date or baseline than the
 * intake's, which plans are generated to meet and checked against, needs review; otherwise it is complete.
 */
export type DiagramStatus = "in_progress" | "stale" | "complete";

export function diagramStatus(facts: { hasErrors: boolean; aimDateDiffers: boolean; aimBaselineStale?: boolean }): DiagramStatus {
  return facts.hasErrors ? "in_progress" : facts.aimDateDiffers || facts.aimBaselineStale ? "stale" : "complete";
}

/** diagramStatus read from the checker's findings. */
export function diagramStatusOf(findings: readonly LintFinding[]): DiagramStatus {
  return diagramStatus({
    hasErrors: findings.some((f) => f.severity === "error" || f.code === "aim-part-without-measure"),
    aimDateDiffers: findings.some((f) => f.code === "aim-date-differs"),
    aimBaselineStale: findings.some((f) => f.code === "aim-baseline-stale" || f.code === "aim-baseline-other-measure"),
  });
}
