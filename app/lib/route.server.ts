import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { Conflict, DomainError, Refusals } from "~/domain/errors";
import { formChanged, parseSubmission, reply, type FormSubmission } from "~/lib/forms.server";
import { setFlash } from "~/services/session.server";

/**
 * The one shape of a change (decision 7): read the form with its intent's schema, run the change,
 * answer. What models throw (`app/domain/errors.ts`) becomes a response here, and only here.
 */

/**
 * Turns what a model or domain function threw into the answer: a refusal or a conflict goes back to
 * the form that was sent (400, 409), next to its field; a missing or forbidden record is the error page
 * (404, 403). Without a form (a loader), every domain error is the error page. Anything else is a bug
 * and is thrown on.
 */
export function answerError<S extends z.ZodType>(error: unknown, submission?: FormSubmission<S>, options: ChangeOptions = {}) {
  if (!(error instanceof DomainError)) throw error;
  if (!submission || error.status === 403 || error.status === 404) throw errorPage(error);
  const messages = [error.message];
  const conflict = error instanceof Conflict ? { message: error.message, changes: [...error.changes] } : undefined;
  const hideFields = options.hide ? [...options.hide] : undefined;
  if (error instanceof Refusals)
    return reply(submission, error.status, { fieldErrors: Object.fromEntries(Object.entries(error.fields).map(([f, m]) => [f, [m]])), hideFields });
  return reply(
    submission,
    error.status,
    error.field ? { fieldErrors: { [error.field]: messages }, conflict, hideFields } : { formErrors: messages, conflict, hideFields }
  );
}

const STATUS_TEXT = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict" } as const;

function errorPage(error: DomainError) {
  return new Response(error.message, { status: error.status, statusText: STATUS_TEXT[error.status] });
}

/** How a change answers a form that comes back: `hide` lists fields never sent back (passwords). */
export type ChangeOptions = { hide?: readonly string[] };

/**
 * An action's body: the form read with its schema, then the change, whose domain errors are answered
 * by `answerError`. A form the schema refuses never reaches the change.
 */
export async function change<S extends z.ZodType, T>(
  form: FormData,
  schema: S,
  apply: (input: z.output<S>, submission: FormSubmission<S>) => T | Promise<T>,
  options: ChangeOptions = {}
) {
  const submission = parseSubmission(form, schema);
  // A list's own button ("Add another priority": Conform's insert) changes the form, not the record.
  if (submission.status === undefined) return formChanged(submission, options.hide);
  if (submission.status !== "success") return reply(submission, 400, { hideFields: options.hide ? [...options.hide] : undefined });
  try {
    return await apply(submission.value, submission);
  } catch (e) {
    return answerError(e, submission, options);
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
  setFlash(request, message, to);
  return redirect(to, { status: 303 });
}
