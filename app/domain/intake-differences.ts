import { formatDate, formatMonth } from "./calendar";
import type { Intake, IntakeSectionKey } from "./intake";
import { intakeFieldLabel } from "./intake-form";
import { ANSWER_LABELS } from "./intake-labels";
import { formatCount } from "./plural";
import { intakeToFormValues } from "./intake-schema";

/** The most of a written answer a difference quotes. */
const QUOTED = 80;

/**
 * An answer chosen or given as a figure, as a person reads it: the option's words, a date or month
 * written out, a number with its thousands apart; null for written text, which reads as typed.
 */
export function answerInWords(name: string, raw: string): string | null {
  const field = name
    .split(".")
    .pop()!
    .replace(/\[\d+\]$/, "");
  const labels = (ANSWER_LABELS as Record<string, Record<string, string> | undefined>)[field];
  if (labels?.[raw]) return labels[raw];
  if (raw === "on") return "yes";
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatDate(raw);
  if (/^\d{4}-\d{2}$/.test(raw)) return formatMonth(raw);
  if (/^-?\d+(\.\d+)?$/.test(raw)) return formatCount(Number(raw));
  return null;
}

/** An answer as a person reads it (answerInWords), written text quoted: its first `quoted` characters. */
export function answerWords(name: string, raw: string | undefined, quoted = QUOTED): string {
  if (raw === undefined) return "no answer";
  return answerInWords(name, raw) ?? `“${raw.length > quoted ? `${raw.slice(0, quoted).trimEnd()}…` : raw}”`;
}

/**
 * Where one section's answers, as someone typed them, differ from what is saved now (docs/domain.md §1,
 * Intake): each field's label and the saved answer in words, in the form's order. Told when someone
 * else saved the intake first, so that the person whose save was refused sees what changed.
 */
export function answersDiffering<K extends IntakeSectionKey>(section: K, typed: Intake[K], saved: Intake): { label: string; saved: string }[] {
  const mine = intakeToFormValues({ ...saved, [section]: typed });
  const theirs = intakeToFormValues(saved);
  const names = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])];
  return names.filter((n) => mine[n] !== theirs[n]).map((n) => ({ label: intakeFieldLabel(n), saved: answerWords(n, theirs[n]) }));
}
