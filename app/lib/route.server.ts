import { parseWithZod, type Submission } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { Conflict, DomainError } from "~/domain/errors";
import type { FormReply } from "~/lib/forms";
import { setFlash } from "~/services/session.server";

/**
 * The one shape of a change (decision 7): parse the form with its intent's schema, run the change,
 * answer. Forms are read by Conform with the schemas of `app/domain/`, on the server only; the page
 * gets a `FormReply` back and shows it with the fields of `app/components/field.tsx`.
 */

export type FormSubmission<S extends z.ZodType> = Submission<z.input<S>, string[], z.output<S>>;

const RESERVED = ["__intent__", "__state__"];
const UNREADABLE = "The form could not be read. Reload the page and try again.";

/**
 * Reads a posted form with a schema. Field names with dots and brackets ("priorities[0].topic") are
 * read as nested values, and a field sent twice as a list: a schema that wants one value refuses two,
 * next to the field, rather than keeping the first or the last. Values stay as typed: the schemas read
 * text themselves ("1,200", a blank optional field), so Conform's own coercion is off.
 */
export function parseSubmission<S extends z.ZodType>(form: FormData, schema: S): FormSubmission<S> {
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

/** The form back to its page: its messages next to their fields, and everything that was typed. */
export function reply<S extends z.ZodType>(
  submission: FormSubmission<S>,
  status: 400 | 409 | 413,
  options: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; conflict?: FormReply["conflict"] } = {}
) {
  const { conflict, ...errors } = options;
  const body: FormReply = { result: submission.reply(errors) };
  if (conflict) body.conflict = conflict;
  return data(body, { status });
}

/** A form refused before it could be read (too large to take in): a message for the form as a whole. */
export function refuseUnread(status: 400 | 413, message: string) {
  const body: FormReply = { result: { status: "error", initialValue: null, error: { "": [message] } } };
  return data(body, { status });
}

/** Messages by field ("" for the form) as a reply's field and form errors. */
export function asReplyErrors(errors: Record<string, string>) {
  const { "": form, ...fields } = errors;
  return { formErrors: form ? [form] : undefined, fieldErrors: Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, [m]])) };
}

/**
 * Turns what a model or domain function threw into the answer: a refusal or a conflict goes back to
 * the form that was sent (400, 409), next to its field; a missing or forbidden record is the error page
 * (404, 403). Without a form (a loader), every domain error is the error page. Anything else is a bug
 * and is thrown on.
 */
export function answerError<S extends z.ZodType>(error: unknown, submission?: FormSubmission<S>) {
  if (!(error instanceof DomainError)) throw error;
  if (!submission || error.status === 403 || error.status === 404) throw errorPage(error);
  const messages = [error.message];
  const conflict = error instanceof Conflict ? { message: error.message, changes: [...error.changes] } : undefined;
  return reply(submission, error.status, error.field ? { fieldErrors: { [error.field]: messages }, conflict } : { formErrors: messages, conflict });
}

const STATUS_TEXT = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict" } as const;

function errorPage(error: DomainError) {
  return new Response(error.message, { status: error.status, statusText: STATUS_TEXT[error.status] });
}

/**
 * An action's body: the form read with its schema, then the change, whose domain errors are answered
 * by `answerError`. A form the schema refuses never reaches the change.
 */
export async function change<S extends z.ZodType, T>(form: FormData, schema: S, apply: (input: z.output<S>, submission: FormSubmission<S>) => T | Promise<T>) {
  const submission = parseSubmission(form, schema);
  if (submission.status !== "success") return reply(submission, 400);
  try {
    return await apply(submission.value, submission);
  } catch (e) {
    return answerError(e, submission);
  }
}

/** A loader's body, with a missing or forbidden record answered as the error page. */
export function view<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw e instanceof DomainError ? errorPage(e) : e;
  }
}

/** After a change: the next page, with a one-time message. 303, so a reload does not post again. */
export function redirectWithFlash(request: Request, to: string, message: string) {
  setFlash(request, message);
  return redirect(to, { status: 303 });
}
