import { z } from "zod";
import { monthFromText, notAMonthWords } from "./calendar";
import { amountFromText, amountIn, isOtherCurrency, notAnAmount, otherCurrencyMessage, twoReadingsMessage } from "./money";
import { stripControlChars } from "./text";

/**
 * The schemas of fields people type, as the forms send them (text): used by the intents' schemas
 * across app/domain/. Server-side only: nothing the browser loads may import this module, which
 * would bring zod with it (see decision 7).
 */

/**
 * For the published JSON Schema, which describes the input before it is cleaned: a text with at least
 * `min` characters that survive cleaning (not white space, not control characters), so that whatever
 * the schema accepts the import accepts too.
 */
const VISIBLE = "[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff\\ufffe\\uffff]";
export const atLeastVisible = (min: number) => (min <= 1 ? VISIBLE : `(?:${VISIBLE}[\\s\\S]*){${min}}`);

/**
 * A month field, as YYYY-MM: a month box sends 2027-03; where a browser has none, the month is typed as
 * the person writes it ("March 2027"). What it cannot read is named as the calendar names it.
 */
export function monthField(label: string) {
  return z.string({ error: notAMonthWords(label, "") }).transform((typed, ctx) => {
    const read = monthFromText(typed);
    if (read) return read;
    ctx.addIssue({ code: "custom", message: notAMonthWords(label, typed) });
    return z.NEVER;
  });
}

/** A single-line text field: control characters and line breaks removed, trimmed, length-checked. */
export function line(label: string, opts: { min?: number; max?: number } = {}) {
  const min = opts.min ?? 1;
  const max = opts.max ?? 200;
  return z
    .string({ error: `${label} is required.` })
    .transform((v) =>
      stripControlChars(v)
        .replace(/[\r\n\t]+/g, " ")
        .trim()
    )
    .pipe(
      z
        .string()
        // Left empty, a field is required, whatever its least length.
        .min(min, { error: (issue) => (min === 1 || issue.input === "" ? `${label} is required.` : `${label} needs at least ${min} characters.`) })
        .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
    )
    .meta({ maxLength: max, pattern: atLeastVisible(min) });
}

/** Multi-line free text. */
export function paragraph(label: string, opts: { max?: number; required?: boolean } = {}) {
  const max = opts.max ?? 5000;
  // A required one has no default, so that a schema published from it says it is required.
  const text = opts.required
    ? z.string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) })
    : z.string().default("");
  return text
    .transform((v) => stripControlChars(v).replace(/\r\n?/g, "\n").trim())
    .pipe(
      opts.required
        ? z
            .string()
            .min(1, `${label} is required.`)
            .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
        : z.string().max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
    )
    .meta(opts.required ? { maxLength: max, pattern: atLeastVisible(1) } : { maxLength: max });
}

/** A whole number entered in a form ("1,200" and " 12 " accepted). */
export function wholeNumber(label: string, opts: { min?: number; max?: number; notANumber?: string | ((input: unknown) => string) } = {}) {
  const min = opts.min ?? 0;
  const max = opts.max ?? 1_000_000_000;
  return z.preprocess(
    (v, ctx) => {
      if (typeof v !== "string") return v;
      const typed = v.trim();
      if (typed === "") return undefined;
      // Read as an amount is (docs/domain.md §8.9): "2.100.000" and "1.2m" as they say, "12.000" refused with both readings.
      const read = amountFromText(typed);
      if (read === null) return Number.NaN;
      if ("amount" in read) return read.amount;
      ctx.addIssue({ code: "custom", message: twoReadingsMessage(label, read.twoReadings, "12,000", "number") });
      return z.NEVER;
    },
    z
      .number({
        error: (issue) =>
          issue.input === undefined
            ? `${label} is required.`
            : typeof opts.notANumber === "function"
            ? opts.notANumber(issue.input)
            : opts.notANumber ?? `${label} must be a number.`,
      })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min.toLocaleString("en-GB")}.`)
      .max(max, `${label} must be at most ${max.toLocaleString("en-GB")}.`)
  );
}

/**
 * An amount of money typed in a form, in `currency`: "1,200", and "$1,200", "US$ 1,200" or "1,200 USD"
 * when the sign or code is that currency's, as the partner's budget takes them. Another currency's is
 * refused with the currency expected. Blank is "required" unless `optional`, which reads it as undefined.
 */
type MoneyOptions = { currency: string; min?: number; max?: number; whole?: boolean; example?: string };
export function moneyAmount(label: string, opts: MoneyOptions & { optional: true }): z.ZodType<number | undefined, unknown>;
export function moneyAmount(label: string, opts: MoneyOptions & { optional?: false }): z.ZodType<number, unknown>;
export function moneyAmount(label: string, opts: MoneyOptions & { optional?: boolean }): z.ZodType<number | undefined, unknown> {
  return z.preprocess((v) => {
    if (typeof v !== "string" || v.trim() === "") return v;
    const typed = amountIn(v, opts.currency);
    return "amount" in typed ? typed.amount : typed;
  }, typedAmount(label, opts));
}

/**
 * An amount of money whose currency has been read off already (`amountIn`, `amountsWithoutCurrency`):
 * its figures read as every money field reads them (`amountFromText`, docs/domain.md §8.9), one that
 * could be read two ways or is in another currency refused in words, `where` naming the field the
 * currency is chosen in.
 */
type FigureOptions = { min?: number; max?: number; whole?: boolean; example?: string; where?: string };
export function typedAmount(label: string, opts: FigureOptions & { optional?: boolean }): z.ZodType<number | undefined, unknown> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 1_000_000_000;
  const amount = z
    .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : notAnAmount(label, opts.example)) })
    .min(min, `${label} must be at least ${min.toLocaleString("en-GB")}.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")}.`);
  const whole = amount.int(`${label} must be a whole number.`);
  return z.preprocess(
    (v, ctx) => {
      if (isOtherCurrency(v)) {
        ctx.addIssue({ code: "custom", message: otherCurrencyMessage(label, v.otherCurrency, opts.where) });
        return z.NEVER;
      }
      if (typeof v !== "string") return v;
      if (v.trim() === "") return undefined;
      const read = amountFromText(v);
      if (read === null) return Number.NaN;
      if ("amount" in read) return read.amount;
      ctx.addIssue({ code: "custom", message: twoReadingsMessage(label, read.twoReadings, opts.example) });
      return z.NEVER;
    },
    opts.optional ? (opts.whole ? whole.optional() : amount.optional()) : opts.whole ? whole : amount
  );
}

/** The version a record's form was read at, sent back with its save: anything else is a form out of date. */
export const FormVersion = z
  .string({ error: "The form is out of date; reload the page." })
  .regex(/^[1-9]\d{0,8}$/, "The form is out of date; reload the page.")
  .transform(Number);

/**
 * Removing a record on an administrator's page (a person on the roster, an open collaborative): the
 * remove button sends the tick beside it, so that one stray click removes nothing. A removal cannot be
 * undone from the app.
 */
export const RemoveIntent = z.object({
  intent: z.literal("remove"),
  confirm: z.literal("on", { error: "Tick the box to confirm: a removal cannot be undone." }),
});
