import type { SubmissionResult } from "@conform-to/zod/v4";
import type { ConflictChange } from "~/domain/errors";

/**
 * What an action answers when a form comes back (400, 409): Conform's submission result (the
 * messages by field, "" for the form, and what was sent), plus, after a conflict, what changed.
 * Built on the server by `app/lib/route.server.ts`; read in the page by `formState`. Type-only
 * imports: neither zod nor Conform reaches the browser.
 */
export type FormReply = {
  result: SubmissionResult<string[]>;
  conflict?: { message: string; changes: ConflictChange[] };
};

/** One form's state on the page: its messages, and what was typed when it came back. */
export type FormState = {
  /** The first message per field, by field name; "" for the form as a whole. */
  errors: Record<string, string>;
  /** What was sent, when the form came back; null when the form shows what is saved. */
  values: Record<string, unknown> | null;
};

export const NO_STATE: FormState = { errors: {}, values: null };

/**
 * A form's state as one of the forms sharing its name sees it, each sending its intent in a hidden
 * field: the answer when it was that intent that was sent, else none. A refused removal then leaves the
 * edit fields beside it showing what is saved.
 */
export function stateOfIntent(state: FormState, intent: string): FormState {
  return state.values?.intent === intent ? state : NO_STATE;
}

const WHOLE_FORM = ["intent", "version"];

/**
 * The state of one form from the action's answer. On a page of several forms, each carries a hidden
 * `form` field naming it, and only the form that was sent shows the answer.
 */
export function formState(reply: FormReply | null | undefined, form?: string): FormState {
  const result = reply?.result;
  if (!result) return NO_STATE;
  const values = result.initialValue ?? null;
  if (form !== undefined && values?.form !== form) return NO_STATE;
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(result.error ?? {})) {
    const first = messages?.find((m) => m.trim() !== "");
    // The page fills in `intent` and `version`, not the person: their problems concern the form as a whole.
    const field = WHOLE_FORM.includes(name) ? "" : name;
    if (first) errors[field] ??= first;
  }
  return { errors, values };
}

/** The value sent under a field's name ("title", "priorities[0].topic"), if any. */
export function sentValue(values: Record<string, unknown>, name: string): unknown {
  let node: unknown = values;
  for (const key of name.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * What a field shows: what was typed when its form came back (a field left empty stays empty), the
 * saved value otherwise. A field sent twice shows its first value.
 */
export function shown(state: FormState, name: string, saved?: string | number | null): string {
  if (!state.values) return saved == null ? "" : String(saved);
  const value = sentValue(state.values, name);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}

/** Whether a checkbox shows ticked: as sent when its form came back (absent = not ticked), as saved otherwise. */
export function ticked(state: FormState, name: string, saved: boolean): boolean {
  if (!state.values) return saved;
  const value = sentValue(state.values, name);
  return value !== undefined && value !== "";
}

// ---------------------------------------------------------------------------------------------
/** Messages by field, as the field shell shows them. */
export type FieldErrors = Record<string, string>;
