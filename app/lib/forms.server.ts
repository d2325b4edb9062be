import { parseWithZod, type Submission } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { FormReply } from "~/lib/forms";

/**
 * Reading a posted form and answering it, on the server only (decision 7): Conform with the schemas
 * of `app/domain/`. The page gets a `FormReply` back and shows it with `app/components/field.tsx`.
 */

export type FormSubmission<S extends z.ZodType> = Submission<z.input<S>, string[], z.output<S>>;

const RESERVED = ["__intent__", "__state__"];
/** No form shows this many rows: a field named beyond it ("rows[99999999].x") is not read, rather than read as a list that long. */
const MAX_ROW_INDEX = 999;

function withinRows(form: FormData): FormData {
  const beyond = (name: string) => [...name.matchAll(/\[(\d+)\]/g)].some((m) => Number(m[1]) > MAX_ROW_INDEX);
  if (![...form.keys()].some(beyond)) return form;
  const kept = new FormData();
  for (const [name, value] of form.entries()) if (!beyond(name)) kept.append(name, value);
  return kept;
}
const UNREADABLE = "The form could not be read. Reload the page and try again.";

/**
 * Reads a posted form with a schema. Field names with dots and brackets ("priorities[0].topic") are
 * read as nested values, and a field sent twice as a list: a schema that wants one value refuses two,
 * next to the field, rather than keeping the first or the last. Values stay as typed: the schemas read
 * text themselves ("1,200", a blank optional field), so Conform's own coercion is off. A field numbered
 * beyond any form's rows is left out.
 */
export function parseSubmission<S extends z.ZodType>(sent: FormData, schema: S): FormSubmission<S> {
  const form = withinRows(sent);
  try {
    return parseWithZod(form, { schema, disableAutoCoercion: true }) as FormSubmission<S>;
  } catch {
    // Conform's reserved fields carry JSON for its list and reset buttons; a tampered one cannot be parsed.
    const clean = new FormData();
    for (const [name, value] of form.entries()) if (!RESERVED.includes(name)) clean.append(name, value);
    const read = parseWithZod(clean, { schema, disableAutoCoercion: true });
    return {
      status: "error",
      payload: read.payload,
      error: { "": [UNREADABLE] },
      reply: (options) => read.reply({ ...options, formErrors: [UNREADABLE] }),
    } as FormSubmission<S>;
  }
}

/**
 * The form back to its page: its messages next to their fields, and everything that was typed except
 * the fields in `hideFields` (passwords are never sent back).
 */
export function reply<S extends z.ZodType, X extends object = object>(
  submission: FormSubmission<S>,
  status: 400 | 409 | 413 | 429,
  options: {
    fieldErrors?: Record<string, string[]>;
    formErrors?: string[];
    hideFields?: string[];
    conflict?: FormReply["conflict"];
    extra?: X;
    headers?: HeadersInit;
  } = {}
) {
  const { conflict, extra, headers, ...errors } = options;
  const body = { ...extra, result: submission.reply(errors) } as FormReply & Partial<X>;
  if (conflict) body.conflict = conflict;
  return data(body, { status, headers });
}

/**
 * The form back to its page as a list's button changed it (Conform's list intents, such as a row
 * inserted by "Add another priority", a plain submit button that works without scripts): what was
 * typed, with the list changed, and no messages, as nothing was saved or checked for saving yet.
 */
export function formChanged<S extends z.ZodType>(submission: FormSubmission<S>, hideFields?: readonly string[]) {
  const { error: _unchecked, ...result } = submission.reply({ hideFields: hideFields ? [...hideFields] : undefined });
  return data({ result } as FormReply);
}

/**
 * A form refused before it could be read (too large to take in): the message for the form as a whole,
 * or for `field`, of the form named `form` on a page of several.
 */
export function refuseUnread(status: 400 | 413, message: string, where: { form?: string; field?: string } = {}) {
  const body: FormReply = {
    result: { status: "error", initialValue: where.form ? { form: where.form } : null, error: { [where.field ?? ""]: [message] } },
  };
  return data(body, { status });
}

/** Messages by field ("" for the form) as a reply's field and form errors. */
export function asReplyErrors(errors: Record<string, string>) {
  const { "": form, ...fields } = errors;
  return { formErrors: form ? [form] : undefined, fieldErrors: Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, [m]])) };
}
